/* systemd's file syntaxes, from buffers: unit/config files
 * (systemd.syntax(7), conf-parser.c), Environment=-style word lists
 * (extract_first_word with C unescaping), EnvironmentFile= files
 * (env-file.c) and the kernel command line. The rules are systemd 252's;
 * each quirk kept here was checked against its own parsers. */
#include "sysenv.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "nc.h"
#include "str.h"
#include "sysenv_int.h"
#include "utf8.h"

UNITTEST bool sysenv_env_name_valid(const char *name, size_t len);

#define WHITESPACE   " \t\n\r"
#define LINE_MAX_LEN (1024u * 1024u) /* systemd's LONG_LINE_MAX */

void sysenv_warn(struct sysenv_warnings *w, const char *file, unsigned line,
                 const char *fmt, ...)
{
    va_list ap;
    struct nc_diag *d;

    if (w == NULL)
        return;
    if (w->n >= SYSENV_MAX_WARNINGS) {
        w->dropped++;
        return;
    }
    d = &w->w[w->n++];
    memset(d, 0, sizeof(*d));
    if (file != NULL)
        (void)nc_strlcpy(d->file, file, sizeof(d->file));
    d->line = line;
    va_start(ap, fmt);
    (void)vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
    va_end(ap);
}

/* ---- UTF-8 and names, as systemd's utf8.c and env-util.c ---- */

bool sysenv_utf8_valid(const char *s)
{
    return nc_utf8_valid(s, strlen(s), NC_UTF8_NONCHAR);
}

static size_t utf8_put(char *out, uint32_t c)
{
    if (c < 0x80u) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800u) {
        out[0] = (char)(0xc0u | (c >> 6));
        out[1] = (char)(0x80u | (c & 0x3fu));
        return 2;
    }
    if (c < 0x10000u) {
        out[0] = (char)(0xe0u | (c >> 12));
        out[1] = (char)(0x80u | ((c >> 6) & 0x3fu));
        out[2] = (char)(0x80u | (c & 0x3fu));
        return 3;
    }
    out[0] = (char)(0xf0u | (c >> 18));
    out[1] = (char)(0x80u | ((c >> 12) & 0x3fu));
    out[2] = (char)(0x80u | ((c >> 6) & 0x3fu));
    out[3] = (char)(0x80u | (c & 0x3fu));
    return 4;
}

UNITTEST bool sysenv_env_name_valid(const char *name, size_t len)
{
    size_t i;

    if (len == 0 || (name[0] >= '0' && name[0] <= '9'))
        return false;
    for (i = 0; i < len; i++) {
        char c = name[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

bool sysenv_env_assignment_valid(const char *s)
{
    const char *eq = strchr(s, '=');

    return eq != NULL && sysenv_env_name_valid(s, (size_t)(eq - s)) &&
           sysenv_utf8_valid(eq + 1);
}

/* ---- words: systemd's extract_first_word ---- */

#define W_CUNESCAPE     0x1u /* C escapes (else a backslash quotes a char) */
#define W_RELAX         0x2u /* unbalanced quotes and a final '\' are fine */
#define W_RETAIN_ESCAPE 0x4u /* a backslash is an ordinary character */

/* One escape after a backslash (systemd's cunescape_one): writes to out,
 * returns the input characters used and *outn, or 0 when invalid. */
static size_t cunescape_one(const char *p, char *out, size_t *outn)
{
    static const char simple_in[] = "abfnrtv\\\"'s";
    static const char simple_out[] = "\a\b\f\n\r\t\v\\\"' ";
    const char *hit = p[0] != '\0' ? strchr(simple_in, p[0]) : NULL;
    uint32_t c = 0;
    size_t i, digits;

    if (hit != NULL) {
        out[0] = simple_out[hit - simple_in];
        *outn = 1;
        return 1;
    }
    if (p[0] == 'x') {
        int a = nc_hexval(p[1]), b = a < 0 ? -1 : nc_hexval(p[2]);

        if (b < 0 || (a == 0 && b == 0))
            return 0;
        out[0] = (char)((a << 4) | b); /* a raw byte */
        *outn = 1;
        return 3;
    }
    if (p[0] >= '0' && p[0] <= '7') {
        for (i = 0; i < 3; i++) {
            if (p[i] < '0' || p[i] > '7')
                return 0;
            c = (c << 3) | (uint32_t)(p[i] - '0');
        }
        if (c == 0 || c > 255)
            return 0;
        out[0] = (char)c;
        *outn = 1;
        return 3;
    }
    if (p[0] != 'u' && p[0] != 'U')
        return 0;
    digits = p[0] == 'u' ? 4 : 8;
    for (i = 1; i <= digits; i++) {
        int h = nc_hexval(p[i]);

        if (h < 0)
            return 0;
        c = (c << 4) | (uint32_t)h;
    }
    /* \u is not range-checked by systemd: a surrogate gets encoded and the
     * assignment is rejected later as invalid UTF-8. */
    if (c == 0 || (p[0] == 'U' && !nc_utf8_cp_valid(c, NC_UTF8_NONCHAR)))
        return 0;
    *outn = utf8_put(out, c);
    return digits + 1;
}

/* A word being built: grows as needed (never by the rest of the line, so
 * a long line of short words stays linear). */
struct word_buf {
    char *p;
    size_t n, cap;
};

static int word_room(struct word_buf *w, size_t more)
{
    char *grown;
    size_t cap = w->cap == 0 ? 64 : w->cap;

    if (w->n + more + 1 <= w->cap)
        return 0;
    while (cap < w->n + more + 1)
        cap *= 2;
    grown = nc_realloc(w->p, cap);
    if (grown == NULL)
        return NC_ENOMEM;
    w->p = grown;
    w->cap = cap;
    return 0;
}

/* Next whitespace-separated word of *p with quotes removed.
 * \return 1 with *word (owned), 0 at the end (*p set to NULL), NC_EPARSE
 * on bad quoting or escaping, NC_ENOMEM */
static int word_next(const char **p, char **word, unsigned flags)
{
    struct word_buf w = {NULL, 0, 0};
    const char *s = *p;
    char quote = 0;
    int r = NC_EPARSE;

    if (s == NULL)
        return 0;
    s += strspn(s, WHITESPACE);
    if (*s == '\0') {
        *p = NULL;
        return 0;
    }
    for (;;) {
        char c = *s;

        if (word_room(&w, 4) != 0) { /* an escape makes at most 4 bytes */
            r = NC_ENOMEM;
            goto bad;
        }
        if (c == '\0') {
            if (quote != 0 && !(flags & W_RELAX))
                goto bad;
            *p = NULL;
            break;
        }
        if (quote == 0 && strchr(WHITESPACE, c) != NULL) {
            s += strspn(s, WHITESPACE);
            *p = *s == '\0' ? NULL : s;
            break;
        }
        if (c == quote) {
            quote = 0;
            s++;
        } else if (quote == 0 && (c == '\'' || c == '"')) {
            quote = c;
            s++;
        } else if (c == '\\' && !(flags & W_RETAIN_ESCAPE)) {
            size_t used, got = 0;

            s++;
            if (*s == '\0') {
                if (!(flags & W_RELAX))
                    goto bad;
                *p = NULL;
                break;
            }
            if (flags & W_CUNESCAPE) {
                used = cunescape_one(s, w.p + w.n, &got);
                if (used == 0)
                    goto bad;
                s += used;
                w.n += got;
            } else {
                w.p[w.n++] = *s++;
            }
        } else {
            w.p[w.n++] = c;
            s++;
        }
    }
    w.p[w.n] = '\0';
    *word = w.p;
    return 1;
bad:
    if (w.p != NULL)
        nc_explicit_bzero(w.p, w.n);
    nc_free(w.p);
    return r;
}

/* ---- unit file syntax: systemd's config_parse ---- */

#define EOL_NL   0x1u
#define EOL_CR   0x2u
#define EOL_ZERO 0x4u

static unsigned eol_kind(char c)
{
    return c == '\n' ? EOL_NL : c == '\r' ? EOL_CR : c == '\0' ? EOL_ZERO : 0;
}

/* systemd's read_line: "\n", "\r", NUL, and runs such as "\r\n" (each kind
 * once, nothing after a NUL) end a line.  \return false at the end */
static bool line_next(const char *buf, size_t len, size_t *pos,
                      const char **line, size_t *llen)
{
    size_t start = *pos, i = *pos;
    unsigned seen = 0, k;

    if (i >= len)
        return false;
    while (i < len && eol_kind(buf[i]) == 0)
        i++;
    *line = buf + start;
    *llen = i - start;
    while (i < len && (k = eol_kind(buf[i])) != 0 && !(seen & EOL_ZERO) &&
           !(seen & k)) {
        seen |= k;
        i++;
    }
    *pos = i;
    return true;
}

struct unit_parser {
    const char *source;
    sysenv_kv_cb cb;
    void *ud;
    struct sysenv_warnings *warn;
    struct nc_diag *diag;
    char *section; /* owned; NULL before the first header */
};

static char *strip(char *s)
{
    size_t n;

    s += strspn(s, WHITESPACE);
    n = strlen(s);
    while (n > 0 && strchr(WHITESPACE, s[n - 1]) != NULL)
        s[--n] = '\0';
    return s;
}

/* systemd's string_is_safe: no control characters, quotes or '\'. */
static bool section_name_safe(const char *s)
{
    for (; *s != '\0'; s++)
        if ((*s > 0 && *s < ' ') || strchr("\"'\\\x7f", *s) != NULL)
            return false;
    return true;
}

static int unit_line(struct unit_parser *up, char *l, unsigned line)
{
    char *eq, *sec;
    size_t n;

    if (!sysenv_utf8_valid(l)) { /* fatal for the file in systemd 252 */
        nc_diag_set(up->diag, up->source, line, "invalid UTF-8");
        return NC_EPARSE;
    }
    l = strip(l);
    if (*l == '\0')
        return 0;
    if (*l == '[') {
        n = strlen(l);
        if (l[n - 1] != ']') {
            nc_diag_set(up->diag, up->source, line, "invalid section header");
            return NC_EPARSE;
        }
        l[n - 1] = '\0';
        if (!section_name_safe(l + 1)) {
            nc_diag_set(up->diag, up->source, line,
                        "bad characters in section header");
            return NC_EPARSE;
        }
        sec = nc_strdup(l + 1);
        if (sec == NULL)
            return NC_ENOMEM;
        nc_free(up->section);
        up->section = sec;
        return 0;
    }
    if (up->section == NULL) {
        sysenv_warn(up->warn, up->source, line,
                    "assignment outside of a section, ignored");
        return 0;
    }
    eq = strchr(l, '=');
    if (eq == NULL || eq == l) {
        sysenv_warn(up->warn, up->source, line,
                    eq == NULL ? "missing '=', line ignored"
                               : "missing key name before '=', line ignored");
        return 0;
    }
    *eq = '\0';
    return up->cb(up->ud, up->section, strip(l), strip(eq + 1), line);
}

/* A line ends in an unescaped backslash: count the escapes in all of it. */
static bool line_continues(const char *s)
{
    bool escaped = false;

    for (; *s != '\0'; s++)
        escaped = escaped ? false : *s == '\\';
    return escaped;
}

int sysenv_unit_parse_ex(const char *buf, size_t len, const char *source,
                         sysenv_kv_cb cb, void *ud,
                         struct sysenv_warnings *warn, struct nc_diag *diag)
{
    struct unit_parser up = {source, cb, ud, warn, diag, NULL};
    char *cont = NULL, *l = NULL, *p;
    size_t pos = 0, llen, clen = 0, ccap = 0, n;
    const char *raw;
    unsigned line = 0;
    bool bom_seen = false, more;
    int r = 0;

    while (line_next(buf, len, &pos, &raw, &llen)) {
        line++;
        if (llen > LINE_MAX_LEN || clen + llen > LINE_MAX_LEN) {
            nc_diag_set(diag, source, line, "line too long");
            r = NC_ELIMIT;
            goto out;
        }
        nc_free(l);
        l = nc_strndup(raw, llen);
        if (l == NULL) {
            r = NC_ENOMEM;
            goto out;
        }
        p = l + strspn(l, WHITESPACE);
        if (*p == '#' || *p == ';')
            continue; /* comments are skipped inside continuations too */
        p = l;
        if (!bom_seen && strncmp(p, "\xef\xbb\xbf", 3) == 0) {
            p += 3;
            bom_seen = true;
        }
        /* A continuation so far ends unescaped (its last backslash became
         * a space), so this line alone decides whether it goes on. */
        more = line_continues(p);
        n = strlen(p);
        if (cont != NULL || more) {
            /* cont == NULL only with ccap == 0; said for the analyzer. */
            if (cont == NULL || clen + n + 1 > ccap) {
                size_t cap = ccap == 0 ? 256 : ccap;
                char *grown;

                while (cap < clen + n + 1)
                    cap *= 2;
                grown = nc_realloc(cont, cap);
                if (grown == NULL) {
                    r = NC_ENOMEM;
                    goto out;
                }
                cont = grown;
                ccap = cap;
            }
            memcpy(cont + clen, p, n + 1);
            clen += n;
            p = cont;
        }
        if (more) {
            cont[clen - 1] = ' ';
            continue;
        }
        r = unit_line(&up, p, line);
        nc_free(cont);
        cont = NULL;
        clen = ccap = 0;
        if (r < 0)
            goto out;
    }
    if (cont != NULL)
        r = unit_line(&up, cont, ++line);
out:
    nc_free(cont);
    nc_free(l);
    nc_free(up.section);
    return r;
}

#ifdef NETCHECK_UNITTESTS
int sysenv_unit_parse_buf(const char *buf, size_t len, const char *source,
                          sysenv_kv_cb cb, void *ud, struct nc_diag *diag)
{
    return sysenv_unit_parse_ex(buf, len, source, cb, ud, NULL, diag);
}
#endif

/* ---- Environment=, PassEnvironment=, UnsetEnvironment= ---- */

/* The name part of an assignment for a warning (never the value). */
void sysenv_name_of(const char *word, char *out, size_t outlen)
{
    size_t n = strcspn(word, "=");

    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, word, n);
    out[n] = '\0';
}

/* Expand a word's specifiers.  \return 1 with *out, 0 when the word must
 * be ignored (warned), NC_ENOMEM */
static int word_expand(const struct sysenv_spec *spec, const char *word,
                       char **out, struct sysenv_warnings *warn,
                       const char *source, unsigned line)
{
    char bad = 0, kept = 0, name[64];
    int r = sysenv_spec_expand(spec, word, out, &bad, &kept);

    if (r == NC_ENOMEM)
        return r;
    sysenv_name_of(word, name, sizeof(name));
    if (r < 0) {
        sysenv_warn(warn, source, line,
                    "unknown specifier '%%%c' in '%s', word ignored", bad,
                    name);
        return 0;
    }
    if (kept != 0)
        sysenv_warn(warn, source, line,
                    "specifier '%%%c' in '%s' not resolved, left as written",
                    kept, name);
    return 1;
}

int sysenv_assignments_apply_ex(const char *value, struct nc_env *env,
                                const struct sysenv_spec *spec,
                                struct sysenv_warnings *warn,
                                const char *source, unsigned line)
{
    const char *p = value;
    char *word = NULL, *x = NULL, name[64];
    int r;

    if (*value == '\0') {
        env_release(env);
        return 0;
    }
    for (;;) {
        r = word_next(&p, &word, W_CUNESCAPE);
        if (r == NC_EPARSE) {
            sysenv_warn(warn, source, line,
                        "bad quoting or escape, rest of the line ignored");
            return 0;
        }
        if (r <= 0)
            return r;
        r = word_expand(spec, word, &x, warn, source, line);
        if (r == 1 && !sysenv_env_assignment_valid(x)) {
            sysenv_name_of(x, name, sizeof(name));
            sysenv_warn(warn, source, line, "invalid assignment '%s', ignored",
                        name);
        } else if (r == 1) {
            r = env_put(env, x);
        }
        nc_explicit_bzero(word, strlen(word));
        nc_free(word);
        if (x != NULL) {
            nc_explicit_bzero(x, strlen(x));
            nc_free(x);
            x = NULL;
        }
        if (r < 0)
            return r;
    }
}

#ifdef NETCHECK_UNITTESTS
int sysenv_assignments_apply(const char *value, struct nc_env *env,
                             const char *source, unsigned line,
                             struct nc_diag *diag)
{
    int r = sysenv_assignments_apply_ex(value, env, NULL, NULL, source, line);

    if (r == NC_ELIMIT)
        nc_diag_set(diag, source, line, "too many environment variables");
    return r;
}
#endif

int sysenv_list_add(struct sysenv_list *l, const char *s)
{
    char **grown, *copy;

    if (l->n >= SYSENV_LIST_MAX)
        return NC_ELIMIT;
    copy = nc_strdup(s);
    if (copy == NULL)
        return NC_ENOMEM;
    grown = nc_realloc(l->v, (l->n + 1) * sizeof(char *));
    if (grown == NULL) {
        nc_free(copy);
        return NC_ENOMEM;
    }
    l->v = grown;
    l->v[l->n++] = copy;
    return 0;
}

bool sysenv_list_has(const struct sysenv_list *l, const char *s)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return true;
    return false;
}

void sysenv_list_release(struct sysenv_list *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        nc_explicit_bzero(l->v[i], strlen(l->v[i]));
        nc_free(l->v[i]);
    }
    nc_free(l->v);
    l->v = NULL;
    l->n = 0;
}

int sysenv_list_apply(const char *value, enum sysenv_list_kind kind,
                      struct sysenv_list *l, const struct sysenv_spec *spec,
                      struct sysenv_warnings *warn, const char *source,
                      unsigned line)
{
    struct sysenv_list add = {NULL, 0};
    const char *p = value;
    char *word = NULL, *x = NULL, name[64];
    size_t i;
    int r;

    if (*value == '\0') {
        sysenv_list_release(l);
        return 0;
    }
    for (;;) {
        bool ok;

        r = word_next(&p, &word, kind == SYSENV_LIST_UNSET ? W_CUNESCAPE : 0);
        if (r == NC_EPARSE) { /* systemd keeps the words before it */
            sysenv_warn(warn, source, line,
                        "bad quoting or escape, rest of the line ignored");
            r = 0;
        }
        if (r <= 0)
            break;
        if (spec == NULL) { /* as systemd without a unit: taken as is */
            x = word;
            r = 1;
        } else {
            r = word_expand(spec, word, &x, warn, source, line);
            nc_free(word);
        }
        if (r < 0)
            break;
        if (r == 0)
            continue;
        ok = sysenv_env_name_valid(x, strlen(x)) ||
             (kind == SYSENV_LIST_UNSET && sysenv_env_assignment_valid(x));
        if (!ok) {
            sysenv_name_of(x, name, sizeof(name));
            sysenv_warn(warn, source, line, "invalid name '%s', ignored", name);
        } else if (!sysenv_list_has(&add, x)) {
            r = sysenv_list_add(&add, x);
        }
        nc_explicit_bzero(x, strlen(x));
        nc_free(x);
        if (r < 0)
            break;
    }
    for (i = 0; r >= 0 && i < add.n; i++)
        if (!sysenv_list_has(l, add.v[i]))
            r = sysenv_list_add(l, add.v[i]);
    sysenv_list_release(&add);
    return r < 0 ? r : 0;
}

void sysenv_env_unset(struct nc_env *env, const struct sysenv_list *unset)
{
    size_t i, j;

    for (i = 0; i < unset->n; i++) {
        const char *u = unset->v[i];

        if (strchr(u, '=') == NULL) {
            env_unset(env, u);
            continue;
        }
        for (j = 0; j < env->n; j++)
            if (strcmp(env->vars[j], u) == 0) {
                char name[256];

                sysenv_name_of(u, name, sizeof(name));
                if (strlen(name) < sizeof(name) - 1)
                    env_unset(env, name);
                break;
            }
    }
}

/* ---- the kernel command line: systemd.setenv= (systemd(1)) ---- */

/* proc_cmdline_key_streq: '-' and '_' are the same in keys. */
static bool cmdline_key_is(const char *key, size_t n, const char *want)
{
    size_t i;

    if (strlen(want) != n)
        return false;
    for (i = 0; i < n; i++) {
        char a = key[i], b = want[i];

        if (a == '-')
            a = '_';
        if (b == '-')
            b = '_';
        if (a != b)
            return false;
    }
    return true;
}

int sysenv_cmdline_apply(const char *buf, size_t len, struct nc_env *env,
                         struct sysenv_warnings *warn, const char *source)
{
    char *text = nc_strndup(buf, len), *word = NULL, name[64];
    const char *p;
    int r = 0;

    if (text == NULL)
        return NC_ENOMEM;
    p = text;
    while ((r = word_next(&p, &word, W_RELAX | W_RETAIN_ESCAPE)) > 0) {
        const char *eq = strchr(word, '=');

        if (eq != NULL &&
            cmdline_key_is(word, (size_t)(eq - word), "systemd.setenv")) {
            if (sysenv_env_assignment_valid(eq + 1)) {
                r = env_put(env, eq + 1);
            } else {
                sysenv_name_of(eq + 1, name, sizeof(name));
                sysenv_warn(warn, source, 0,
                            "invalid systemd.setenv= '%s', ignored", name);
            }
        }
        nc_explicit_bzero(word, strlen(word));
        nc_free(word);
        if (r < 0)
            break;
    }
    nc_explicit_bzero(text, len);
    nc_free(text);
    return r < 0 ? r : 0;
}
