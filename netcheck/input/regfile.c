/* The .reg format as regedit writes and imports it: a header line, [key]
 * lines, "name"=value lines. Windows writes version 5 files in UTF-16LE
 * with a byte-order mark (`reg export`, regedit's Export); tools and mail
 * often turn them into UTF-8, so both are read. Values keep the registry's
 * own bytes, so what the analysis sees from a file is what RegGetValueW
 * would have returned on the server. */
#include "regfile.h"

#include <stdbool.h>
#include <string.h>

#include "file.h"
#include "str.h"
#include "utf16.h"
#include "utf8.h"

/* The parser's state over one file. */
struct reg_parse {
    struct regfile *rf;
    const char *source;
    struct nc_diag *diag;
    bool v4;       /* REGEDIT4: 8-bit strings in hex(2)/hex(7) */
    bool have_key; /* a [key] line came before */
    bool key_gone; /* the last key line was a [-key] deletion */
    enum winreg_hive hive;
    char key[REGFILE_MAX_KEY];
    unsigned line; /* of the logical line being read */
};

static const struct {
    const char *name;
    enum winreg_hive hive;
} reg_hives[] = {
    {"HKEY_LOCAL_MACHINE", WINREG_HKLM},  {"HKEY_USERS", WINREG_HKU},
    {"HKEY_CURRENT_USER", WINREG_HKCU},   {"HKEY_CLASSES_ROOT", WINREG_HKCR},
    {"HKEY_CURRENT_CONFIG", WINREG_HKCC},
};

static int reg_err(struct reg_parse *p, int r, const char *msg)
{
    nc_diag_set(p->diag, p->source, p->line, "%s", msg);
    return r;
}

static void reg_value_free(struct regfile_value *v)
{
    nc_free(v->key);
    nc_free(v->name);
    nc_free(v->data);
    memset(v, 0, sizeof(*v));
}

/* Registry names compare without regard to (ASCII) case. */
static bool reg_key_under(const char *key, const char *top)
{
    size_t n = strlen(top);

    if (n == 0)
        return true;
    return nc_mem_caseeq(key, top, n) && (key[n] == '\0' || key[n] == '\\');
}

static void reg_delete_key(struct regfile *rf, enum winreg_hive hive,
                           const char *key)
{
    size_t i = 0;

    while (i < rf->n) {
        if (rf->v[i].hive == hive && reg_key_under(rf->v[i].key, key)) {
            reg_value_free(&rf->v[i]);
            rf->v[i] = rf->v[--rf->n];
        } else {
            i++;
        }
    }
}

static struct regfile_value *reg_find(const struct regfile *rf,
                                      enum winreg_hive hive, const char *key,
                                      const char *name)
{
    size_t i;

    for (i = 0; i < rf->n; i++) {
        const struct regfile_value *v = &rf->v[i];

        if (v->hive == hive && nc_strcasecmp(v->key, key) == 0 &&
            nc_strcasecmp(v->name, name) == 0)
            return &rf->v[i];
    }
    return NULL;
}

/* Store (taking data) or, with data NULL and type WINREG_NONE and del,
 * delete the value. */
static int reg_store(struct reg_parse *p, const char *name, uint32_t type,
                     unsigned char *data, size_t len, bool del)
{
    struct regfile *rf = p->rf;
    struct regfile_value *v = reg_find(rf, p->hive, p->key, name);

    if (del) {
        if (v != NULL) {
            reg_value_free(v);
            *v = rf->v[--rf->n];
        }
        return 0;
    }
    if (v != NULL) {
        nc_free(v->data);
        v->type = type;
        v->data = data;
        v->len = len;
        return 0;
    }
    if (rf->n == REGFILE_MAX_VALUES) {
        nc_free(data);
        return reg_err(p, NC_ELIMIT, "too many values (at most 100000)");
    }
    if (rf->n == rf->cap) {
        size_t cap = rf->cap ? rf->cap * 2 : 64;
        struct regfile_value *nv = nc_realloc(rf->v, cap * sizeof(*nv));

        if (nv == NULL) {
            nc_free(data);
            return NC_ENOMEM;
        }
        rf->v = nv;
        rf->cap = cap;
    }
    v = &rf->v[rf->n];
    memset(v, 0, sizeof(*v));
    v->hive = p->hive;
    v->key = nc_strdup(p->key);
    v->name = nc_strdup(name);
    if (v->key == NULL || v->name == NULL) {
        nc_free(v->key);
        nc_free(v->name);
        nc_free(data);
        return NC_ENOMEM;
    }
    v->type = type;
    v->data = data;
    v->len = len;
    rf->n++;
    return 0;
}

/* "[HKEY_...\path]" or "[-HKEY_...\path]". */
static int reg_key_line(struct reg_parse *p, char *s)
{
    size_t n = strlen(s), i;
    bool del = false;
    char *path, *sep;

    if (n < 2 || s[n - 1] != ']')
        return reg_err(p, NC_EPARSE, "key line without a closing ']'");
    s[n - 1] = '\0';
    s++;
    if (*s == '-') {
        del = true;
        s++;
    }
    sep = strchr(s, '\\');
    path = sep != NULL ? sep + 1 : s + strlen(s);
    if (sep != NULL)
        *sep = '\0';
    for (i = 0; i < sizeof(reg_hives) / sizeof(reg_hives[0]); i++)
        if (nc_strcasecmp(s, reg_hives[i].name) == 0)
            break;
    if (i == sizeof(reg_hives) / sizeof(reg_hives[0])) {
        char msg[200];

        (void)nc_snprintf(msg, sizeof(msg), "unknown hive '%.64s'", s);
        return reg_err(p, NC_EPARSE, msg);
    }
    if (strlen(path) >= sizeof(p->key))
        return reg_err(p, NC_ELIMIT, "key path too long");
    p->hive = reg_hives[i].hive;
    (void)nc_strlcpy(p->key, path, sizeof(p->key));
    /* regedit drops a trailing backslash of a key path. */
    n = strlen(p->key);
    if (n > 0 && p->key[n - 1] == '\\')
        p->key[n - 1] = '\0';
    p->have_key = true;
    p->key_gone = del;
    if (del)
        reg_delete_key(p->rf, p->hive, p->key);
    return 0;
}

/* A quoted string at *sp (escapes \\ and \"; another backslash is kept as
 * written, as regedit does) into a new string; *sp moves past it. */
static int reg_quoted(struct reg_parse *p, char **sp, char **out)
{
    char *s = *sp + 1;
    char *buf = nc_malloc(strlen(s) + 1), *o = buf;

    if (buf == NULL)
        return NC_ENOMEM;
    for (; *s != '\0' && *s != '"'; s++) {
        if (*s == '\\' && (s[1] == '\\' || s[1] == '"'))
            s++;
        *o++ = *s;
    }
    if (*s != '"') {
        nc_free(buf);
        return reg_err(p, NC_EPARSE, "string without its closing quote");
    }
    *o = '\0';
    *sp = s + 1;
    *out = buf;
    return 0;
}

static bool reg_only_blanks(const char *s)
{
    for (; *s != '\0'; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* "dword:0000abcd": at most 8 hex digits. */
static int reg_dword(struct reg_parse *p, const char *s, unsigned char **data,
                     size_t *len)
{
    uint32_t v = 0;
    size_t i;

    for (i = 0; nc_hexval((unsigned char)s[i]) >= 0; i++) {
        if (i == 8)
            return reg_err(p, NC_EPARSE, "dword with more than 8 digits");
        v = v << 4 | (uint32_t)nc_hexval((unsigned char)s[i]);
    }
    if (i == 0 || !reg_only_blanks(s + i))
        return reg_err(p, NC_EPARSE, "dword: wants 1 to 8 hex digits");
    *data = nc_malloc(4);
    if (*data == NULL)
        return NC_ENOMEM;
    for (i = 0; i < 4; i++)
        (*data)[i] = (unsigned char)(v >> (8 * i));
    *len = 4;
    return 0;
}

/* "aa,bb, cc" (continuations already joined; a trailing comma is what a
 * continued line leaves). */
static int reg_hexlist(struct reg_parse *p, const char *s, unsigned char **data,
                       size_t *len)
{
    unsigned char *buf = nc_malloc(strlen(s) / 2 + 1);
    size_t n = 0;

    if (buf == NULL)
        return NC_ENOMEM;
    for (;;) {
        int hi, lo;

        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '\0')
            break;
        hi = nc_hexval((unsigned char)s[0]);
        lo = hi >= 0 ? nc_hexval((unsigned char)s[1]) : -1;
        if (hi < 0) {
            nc_free(buf);
            return reg_err(p, NC_EPARSE,
                           "hex value: want two hex digits "
                           "per byte, separated by commas");
        }
        buf[n++] = (unsigned char)(lo >= 0 ? hi << 4 | lo : hi);
        s += lo >= 0 ? 2 : 1;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == ',')
            s++;
        else if (*s != '\0') {
            nc_free(buf);
            return reg_err(p, NC_EPARSE,
                           "hex value: want two hex digits "
                           "per byte, separated by commas");
        }
    }
    *data = buf;
    *len = n;
    return 0;
}

/* REGEDIT4 writes hex(2)/hex(7) strings in the 8-bit code page: widen them
 * to the UTF-16LE the registry holds (bytes above 0x7f as Latin-1, which
 * is a guess for other code pages but never changes ASCII). */
static int reg_widen(unsigned char **data, size_t *len)
{
    unsigned char *w = nc_malloc(*len * 2 + 1);
    size_t i;

    if (w == NULL)
        return NC_ENOMEM;
    for (i = 0; i < *len; i++) {
        w[2 * i] = (*data)[i];
        w[2 * i + 1] = 0;
    }
    nc_free(*data);
    *data = w;
    *len *= 2;
    return 0;
}

/* After "name"=: the value. */
static int reg_value_data(struct reg_parse *p, char *s, const char *name)
{
    unsigned char *data = NULL;
    size_t len = 0;
    uint32_t type;
    int r;

    if (*s == '"') {
        char *str;

        r = reg_quoted(p, &s, &str);
        if (r < 0)
            return r;
        if (!reg_only_blanks(s)) {
            nc_free(str);
            return reg_err(p, NC_EPARSE, "text after a string value");
        }
        r = nc_utf16le_encode(str, strlen(str), &data, &len);
        nc_free(str);
        if (r < 0)
            return r == NC_EPARSE ? reg_err(p, r, "string is not UTF-8") : r;
        return reg_store(p, name, WINREG_SZ, data, len, false);
    }
    if (*s == '-' && reg_only_blanks(s + 1))
        return reg_store(p, name, WINREG_NONE, NULL, 0, true);
    if (strncmp(s, "dword:", 6) == 0) {
        r = reg_dword(p, s + 6, &data, &len);
        return r < 0 ? r : reg_store(p, name, WINREG_DWORD, data, len, false);
    }
    if (strncmp(s, "hex:", 4) == 0) {
        type = WINREG_BINARY;
        s += 4;
    } else if (strncmp(s, "hex(", 4) == 0) {
        char *end = strchr(s, ')');
        unsigned long t;

        if (end == NULL || end[1] != ':' || end - s - 4 > 8 || end == s + 4)
            return reg_err(p, NC_EPARSE, "hex(N): wants a hex type number");
        for (t = 0, s += 4; s < end; s++) {
            if (nc_hexval((unsigned char)*s) < 0)
                return reg_err(p, NC_EPARSE, "hex(N): wants a hex type number");
            t = t << 4 | (unsigned long)nc_hexval((unsigned char)*s);
        }
        type = (uint32_t)t;
        s = end + 2;
    } else {
        return reg_err(p, NC_EPARSE,
                       "unknown value type (want \"string\", "
                       "dword:, hex: or hex(N):)");
    }
    r = reg_hexlist(p, s, &data, &len);
    if (r < 0)
        return r;
    if (len > WINREG_VALUE_MAX) {
        nc_free(data);
        return reg_err(p, NC_ELIMIT, "value larger than 64 KiB");
    }
    if (p->v4 && (type == WINREG_EXPAND_SZ || type == WINREG_MULTI_SZ) &&
        (r = reg_widen(&data, &len)) < 0) {
        nc_free(data);
        return r;
    }
    return reg_store(p, name, type, data, len, false);
}

/* "name"=value or @=value. */
static int reg_value_line(struct reg_parse *p, char *s)
{
    char *name = NULL;
    int r;

    if (!p->have_key)
        return reg_err(p, NC_EPARSE, "value before any [key] line");
    if (p->key_gone)
        return reg_err(p, NC_EPARSE, "value under a deleted [-key]");
    if (*s == '@') {
        name = nc_strdup("");
        if (name == NULL)
            return NC_ENOMEM;
        s++;
    } else {
        r = reg_quoted(p, &s, &name);
        if (r < 0)
            return r;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s != '=') {
        nc_free(name);
        return reg_err(p, NC_EPARSE, "value name without '='");
    }
    s++;
    while (*s == ' ' || *s == '\t')
        s++;
    r = reg_value_data(p, s, name);
    nc_free(name);
    return r;
}

static int reg_logical_line(struct reg_parse *p, char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s == '\0' || *s == ';')
        return 0;
    if (*s == '[')
        return reg_key_line(p, nc_strtrim(s));
    if (*s == '"' || *s == '@')
        return reg_value_line(p, s);
    return reg_err(p, NC_EPARSE,
                   "not a [key], \"name\"=value or comment "
                   "line");
}

/* The file as UTF-8: UTF-16LE (with its byte-order mark) decoded, a UTF-8
 * byte-order mark skipped. REGEDIT4 files are 8-bit: bytes that are not
 * UTF-8 are then refused rather than guessed. */
static int reg_to_utf8(struct reg_parse *p, const char *buf, size_t len,
                       char **out, size_t *outlen)
{
    const unsigned char *u = (const unsigned char *)buf;
    size_t bad = 0, i;
    int r;

    p->line = 1;
    if (len >= 2 && u[0] == 0xfe && u[1] == 0xff)
        return reg_err(p, NC_EPARSE,
                       "UTF-16BE is not a .reg encoding "
                       "(want UTF-16LE or UTF-8)");
    if (len >= 2 && u[0] == 0xff && u[1] == 0xfe) {
        r = nc_utf16le_decode(u + 2, len - 2, false, out, outlen, &bad);
        if (r == NC_EPARSE) {
            for (i = 2; i + 1 < bad + 2; i += 2)
                p->line += u[i] == '\n' && u[i + 1] == 0;
            return reg_err(p, r,
                           "not valid UTF-16LE (a lone surrogate, a "
                           "NUL or an odd byte count)");
        }
        return r;
    }
    if (len >= 3 && memcmp(u, "\xef\xbb\xbf", 3) == 0) {
        buf += 3;
        len -= 3;
    }
    for (i = 0; i < len;) {
        uint32_t cp;
        size_t k = nc_utf8_decode(buf + i, len - i, 0, &cp);

        if (k == 0 || cp == 0)
            return reg_err(p, NC_EPARSE,
                           "not UTF-8 text (a UTF-16 file "
                           "needs its byte-order mark)");
        p->line += cp == '\n';
        i += k;
    }
    *out = nc_strndup(buf, len);
    if (*out == NULL)
        return NC_ENOMEM;
    *outlen = len;
    return 0;
}

/* The header: the first line that is not blank. */
static int reg_header(struct reg_parse *p, char *s)
{
    s = nc_strtrim(s);
    if (strcmp(s, "Windows Registry Editor Version 5.00") == 0)
        return 1;
    if (strcmp(s, "REGEDIT4") == 0) {
        p->v4 = true;
        return 1;
    }
    if (*s == '\0')
        return 0;
    return reg_err(p, NC_EPARSE,
                   "not a .reg file (want 'Windows Registry "
                   "Editor Version 5.00' or 'REGEDIT4' first)");
}

/* Lines joined where one ends in a backslash (outside [key] lines), as
 * regedit wraps long hex values. */
static int reg_lines(struct reg_parse *p, char *text)
{
    char *joined = NULL, *line = text, *next;
    size_t jlen = 0;
    unsigned physical = 0, start = 0;
    int r = 0, header = 0;

    for (; line != NULL && r >= 0; line = next) {
        const char *first;
        size_t n;
        bool cont;

        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        physical++;
        n = strlen(line);
        if (n > 0 && line[n - 1] == '\r')
            line[--n] = '\0';
        if (!header) {
            p->line = physical;
            r = header = reg_header(p, line);
            continue;
        }
        while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
            line[--n] = '\0';
        if (joined != NULL)
            while (*line == ' ' || *line == '\t') {
                line++;
                n--;
            }
        else
            start = physical;
        /* A key or comment line never continues. */
        first = line;
        while (*first == ' ' || *first == '\t')
            first++;
        cont = n > 0 && line[n - 1] == '\\' &&
               !(joined == NULL && (*first == '[' || *first == ';'));
        if (cont)
            line[--n] = '\0';
        if (jlen + n + 1 > REGFILE_MAX_LINE) {
            p->line = start;
            r = reg_err(p, NC_ELIMIT, "line longer than 1 MiB");
            break;
        }
        {
            char *j = nc_realloc(joined, jlen + n + 1);

            if (j == NULL) {
                r = NC_ENOMEM;
                break;
            }
            joined = j;
            memcpy(joined + jlen, line, n + 1);
            jlen += n;
        }
        if (cont && next != NULL)
            continue;
        p->line = start;
        r = reg_logical_line(p, joined);
        nc_free(joined);
        joined = NULL;
        jlen = 0;
    }
    nc_free(joined);
    if (r >= 0 && !header) {
        p->line = physical;
        r = reg_err(p, NC_EPARSE, "empty file: not a .reg export");
    }
    return r < 0 ? r : 0;
}

int regfile_parse_buf(struct regfile *rf, const char *buf, size_t len,
                      const char *source, struct nc_diag *diag)
{
    struct reg_parse p;
    char *text = NULL;
    size_t tlen;
    int r;

    memset(&p, 0, sizeof(p));
    p.rf = rf;
    p.source = source;
    p.diag = diag;
    r = reg_to_utf8(&p, buf, len, &text, &tlen);
    if (r < 0)
        return r;
    r = reg_lines(&p, text);
    nc_free(text);
    if (r == 0 && rf->origin[0] == '\0')
        (void)nc_strlcpy(rf->origin, source, sizeof(rf->origin));
    else if (r == 0 &&
             strlen(rf->origin) + strlen(source) + 3 < sizeof(rf->origin))
        (void)nc_str_appendf(rf->origin, sizeof(rf->origin), ", %s", source);
    return r;
}

int regfile_load(struct regfile *rf, const char *path, struct nc_diag *diag)
{
    char *buf = NULL;
    size_t len = 0;
    int r;

    r = nc_file_read(path, REGFILE_MAX_SIZE, &buf, &len, diag);
    if (r < 0)
        return r;
    r = regfile_parse_buf(rf, buf, len, path, diag);
    nc_free(buf);
    return r;
}

void regfile_release(struct regfile *rf)
{
    size_t i;

    if (rf == NULL)
        return;
    for (i = 0; i < rf->n; i++)
        reg_value_free(&rf->v[i]);
    nc_free(rf->v);
    memset(rf, 0, sizeof(*rf));
}

static enum winreg_status regfile_get(void *ctx, enum winreg_hive hive,
                                      const char *key, const char *name,
                                      struct winreg_value *out)
{
    const struct regfile_value *v = reg_find(ctx, hive, key, name);

    if (v == NULL)
        return WINREG_ABSENT;
    out->type = v->type;
    out->len = v->len;
    if (v->len > 0)
        memcpy(out->data, v->data, v->len);
    return WINREG_FOUND;
}

void regfile_view(struct regfile *rf, struct winreg_view *out)
{
    out->get = regfile_get;
    out->ctx = rf;
    out->origin = rf->origin;
}
