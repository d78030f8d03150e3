/* INI profiles, parsed with inih from a buffer.
 *
 * inih hands the key handler no line number (Debian builds it with
 * INI_HANDLER_LINENO=0) and cuts section names at 49 bytes, so the reader
 * that feeds it lines does two more things: it counts lines, and it reads
 * each "[section]" header itself, in full, before inih sees the line. The
 * key handler then knows the line, the whole section name and the check
 * it belongs to. inih still does the INI syntax: comments, "key = value"
 * splitting, white space. */
#include "profile.h"

#include <ini.h>

/* Upstream inih (scripts/build-windows) takes at compile time the options
 * Debian's sets at run time below: they must be the same. */
#ifdef NC_INIH_COMPILED_OPTIONS
#if INI_HANDLER_LINENO || INI_USE_STACK || !INI_ALLOW_REALLOC ||               \
    !INI_STOP_ON_FIRST_ERROR || INI_ALLOW_NO_VALUE || !INI_ALLOW_BOM ||        \
    !INI_ALLOW_INLINE_COMMENTS || INI_ALLOW_MULTILINE
#error "inih built with other options than profile.c sets on Linux"
#endif
_Static_assert(INI_MAX_LINE >= 2 * (long long)NC_PROFILE_MAX_BYTES + 256,
               "INI_MAX_LINE below the longest line of the largest profile");
#endif
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "cidr.h"
#include "nc.h"
#include "profile_int.h"
#include "str.h"
#include "url.h"

#define PROFILE_WHY_MAX  160
#define PROFILE_ECHO_MAX 60 /* bytes of a bad line quoted in a message */

enum ini_key {
    KEY_NAME,
    KEY_TITLE,
    KEY_RANGES,
    KEY_TLS_ISSUERS,
    KEY_URL,
    KEY_REQUIRED,
    KEY_EXPECT_STATUS,
    KEY_EXPECT_BODY,
    KEY_EXPRESSROUTE,
    KEY_RULE,
    KEY_SERVICE_TAG,
    KEY_EXPECT_PRIVATE,
    KEY_DEFAULT_REGION,
    KEY_MAX
};

enum ini_section { SEC_NONE, SEC_PROFILE, SEC_CHECK, SEC_REGION };

#define IN_PROFILE (1u << SEC_PROFILE)
#define IN_CHECK   (1u << SEC_CHECK)

static const struct {
    const char *name;
    unsigned where; /* IN_* bits: sections the key belongs to */
} ini_keys[KEY_MAX] = {
    [KEY_NAME] = {"name", IN_PROFILE},
    [KEY_TITLE] = {"title", IN_PROFILE},
    [KEY_RANGES] = {"ranges", IN_PROFILE | IN_CHECK},
    [KEY_TLS_ISSUERS] = {"tls_issuers", IN_PROFILE},
    [KEY_URL] = {"url", IN_CHECK},
    [KEY_REQUIRED] = {"required", IN_CHECK},
    [KEY_EXPECT_STATUS] = {"expect_status", IN_CHECK},
    [KEY_EXPECT_BODY] = {"expect_body", IN_CHECK},
    [KEY_EXPRESSROUTE] = {"expressroute", IN_CHECK},
    [KEY_RULE] = {"rule", IN_CHECK},
    [KEY_SERVICE_TAG] = {"service_tag", IN_CHECK},
    [KEY_EXPECT_PRIVATE] = {"expect_private", IN_CHECK},
    [KEY_DEFAULT_REGION] = {"default_region", IN_PROFILE},
};

/* What the parser remembers per section besides the nc_check itself. */
struct ini_meta {
    unsigned key_line[KEY_MAX]; /* 0: key not seen yet */
    size_t cap_ranges;
};

struct ini_ctx {
    const char *buf;
    size_t len;
    size_t pos;         /* next byte the reader hands out */
    bool at_line_start; /* pos is the first byte of a line */
    unsigned lineno;    /* line inih is working on */
    size_t line_off;    /* that line, without its '\n' */
    size_t line_len;
    const char *source;
    struct nc_profile *p;
    size_t cap_checks;
    struct ini_meta *meta; /* parallel to p->checks */
    size_t cap_meta;
    struct ini_meta pmeta; /* [profile] */
    unsigned profile_line; /* 0: no [profile] yet */
    enum ini_section sec;
    char *sec_raw; /* text between the brackets, as inih sees it */
    size_t cur;    /* the check of a [check] section */
    struct pf_index names;
    struct pf_rp regions; /* [region] sections, default_region, ${...} */
    struct nc_diag *diag;
    int err;
};

static void ini_fail(struct ini_ctx *c, int err, unsigned line, const char *fmt,
                     ...) NC_PRINTF(4, 5);

static void ini_fail(struct ini_ctx *c, int err, unsigned line, const char *fmt,
                     ...)
{
    va_list ap;

    if (c->err != 0)
        return;
    c->err = err;
    va_start(ap, fmt);
    pf_diag_vset(c->diag, c->source, line, fmt, ap);
    va_end(ap);
}

static void ini_oom(struct ini_ctx *c)
{
    ini_fail(c, NC_ENOMEM, 0, "out of memory");
}

/* "[profile]" or "[check NAME]", for messages. */
static void ini_section_label(const struct ini_ctx *c, char *buf, size_t n)
{
    if (c->sec == SEC_PROFILE)
        (void)nc_snprintf(buf, n, "[profile]");
    else if (c->sec == SEC_CHECK)
        (void)nc_snprintf(buf, n, "[check %s]", c->p->checks[c->cur].name);
    else if (c->sec == SEC_REGION)
        (void)nc_snprintf(buf, n, "[region %s]",
                          c->regions.v[c->regions.cur].name);
    else
        (void)nc_snprintf(buf, n, "(no section)");
}

static int ini_meta_push(struct ini_ctx *c)
{
    if (c->p->n_checks > c->cap_meta) {
        size_t ncap = c->cap_checks;
        struct ini_meta *nm = nc_realloc(c->meta, ncap * sizeof(*nm));

        if (nm == NULL)
            return NC_ENOMEM;
        c->meta = nm;
        c->cap_meta = ncap;
    }
    memset(&c->meta[c->p->n_checks - 1], 0, sizeof(*c->meta));
    return 0;
}

static void ini_begin_check(struct ini_ctx *c, const char *name)
{
    struct nc_check *chk;
    size_t first;
    int r;

    if (*name == '\0') {
        ini_fail(c, NC_EPARSE, c->lineno, "missing check name in [check]");
        return;
    }
    r = pf_index_add(&c->names, name, c->lineno, &first);
    if (r == 1) {
        ini_fail(c, NC_EPARSE, c->lineno,
                 "duplicate check name '%s' (first defined at line %zu)", name,
                 first);
        return;
    }
    if (r == 0)
        r = pf_check_push(c->p, &c->cap_checks, name, c->lineno, &chk);
    if (r == NC_ELIMIT) {
        ini_fail(c, NC_ELIMIT, c->lineno, "too many checks (limit %u)",
                 NC_PROFILE_MAX_CHECKS);
        return;
    }
    if (r == 0 && ini_meta_push(c) != 0) {
        /* Keep checks and meta the same length. */
        c->p->n_checks--;
        nc_free(chk->name);
        r = NC_ENOMEM;
    }
    if (r != 0) {
        ini_oom(c);
        return;
    }
    c->sec = SEC_CHECK;
    c->cur = c->p->n_checks - 1;
}

/* The first error wins, as with ini_fail; pf_rp_* filled diag. */
static void ini_take(struct ini_ctx *c, int err)
{
    if (c->err == 0)
        c->err = err;
}

/* A "[...]" header, seen by the reader before inih parses the line. */
static void ini_begin_section(struct ini_ctx *c, const char *raw, size_t n)
{
    char *name;

    nc_free(c->sec_raw);
    c->sec_raw = nc_strndup(raw, n);
    name = nc_strndup(raw, n);
    if (c->sec_raw == NULL || name == NULL) {
        ini_oom(c);
        goto out;
    }
    nc_strtrim(name);
    if (nc_strcasecmp(name, "profile") == 0) {
        if (c->profile_line != 0) {
            ini_fail(c, NC_EPARSE, c->lineno,
                     "duplicate section [profile] (first at line %u)",
                     c->profile_line);
            goto out;
        }
        c->profile_line = c->lineno;
        c->sec = SEC_PROFILE;
    } else if (strncasecmp(name, "check", 5) == 0 &&
               (name[5] == '\0' || pf_is_space(name[5]))) {
        ini_begin_check(c, nc_strtrim(name + 5));
    } else if (strncasecmp(name, "region", 6) == 0 &&
               (name[6] == '\0' || pf_is_space(name[6]))) {
        ini_take(c, pf_rp_begin(&c->regions, nc_strtrim(name + 6), c->lineno));
        if (c->err == 0)
            c->sec = SEC_REGION;
    } else {
        ini_fail(c, NC_EPARSE, c->lineno,
                 "unknown section [%s]: want [profile], [region NAME] or "
                 "[check NAME]",
                 name);
    }
out:
    nc_free(name);
}

/* Look at a whole line before inih does: reject control bytes, pick up
 * section headers. */
static void ini_scan_line(struct ini_ctx *c)
{
    const char *s = c->buf + c->line_off, *end = s + c->line_len, *close;
    const char *q;

    for (q = s; q < end; q++) {
        if (pf_is_bad_byte(q, end)) {
            ini_fail(c, NC_EPARSE, c->lineno,
                     "control character (0x%02x) in line", (unsigned char)*q);
            return;
        }
    }
    if (c->lineno == 1 && c->line_len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3; /* inih skips a UTF-8 BOM too */
    while (s < end && pf_is_space(*s))
        s++;
    if (s == end || *s != '[')
        return;
    close = memchr(s, ']', (size_t)(end - s));
    if (close == NULL)
        return; /* inih reports the malformed header */
    for (q = close + 1; q < end && pf_is_space(*q); q++)
        ;
    if (q < end && *q != ';' && *q != '#') {
        ini_fail(c, NC_EPARSE, c->lineno,
                 "unexpected text after section header");
        return;
    }
    ini_begin_section(c, s + 1, (size_t)(close - s - 1));
}

/* fgets() over the buffer for ini_parse_stream. inih may call it several
 * times for one long line (growing its buffer in between), so a line is
 * counted and scanned when its first byte goes out. */
static char *ini_read(char *str, int num, void *stream)
{
    struct ini_ctx *c = stream;
    const char *nl;
    size_t n, room;

    if (c->err != 0 || c->pos >= c->len || num < 2)
        return NULL;
    if (c->at_line_start) {
        c->lineno++;
        c->line_off = c->pos;
        nl = memchr(c->buf + c->pos, '\n', c->len - c->pos);
        c->line_len = (nl != NULL ? (size_t)(nl - c->buf) : c->len) - c->pos;
        c->at_line_start = false;
        ini_scan_line(c);
        if (c->err != 0)
            return NULL;
    }
    room = (size_t)num - 1;
    n = c->line_off + c->line_len - c->pos;
    if (c->line_off + c->line_len < c->len)
        n++; /* the '\n' */
    if (n > room)
        n = room;
    memcpy(str, c->buf + c->pos, n);
    str[n] = '\0';
    c->pos += n;
    if (c->pos > c->line_off + c->line_len || c->pos == c->len)
        c->at_line_start = true;
    return str;
}

/* The value parsers are pure (profile_value.c); their message becomes the
 * parse error at the current line. */
static void ini_value_rc(struct ini_ctx *c, int rc, const char *why)
{
    if (rc == NC_ENOMEM)
        ini_oom(c);
    else if (rc != 0)
        ini_fail(c, rc, c->lineno, "%s", why);
}

static void ini_parse_ranges(struct ini_ctx *c, const char *value,
                             struct nc_cidr **arr, size_t *n, size_t *cap,
                             const char *label)
{
    char why[PROFILE_WHY_MAX + 160];

    ini_value_rc(
        c, pf_ranges_parse(value, label, arr, n, cap, why, sizeof(why)), why);
}

static void ini_parse_issuers(struct ini_ctx *c, const char *value)
{
    char why[PROFILE_WHY_MAX];

    ini_value_rc(c,
                 pf_issuers_parse(value, &c->p->tls_issuers,
                                  &c->p->n_tls_issuers, why, sizeof(why)),
                 why);
}

static void ini_parse_status(struct ini_ctx *c, struct nc_check *chk,
                             const char *v, const char *label)
{
    if (pf_status_parse(v, &chk->status_min, &chk->status_max) != 0)
        ini_fail(c, NC_EPARSE, c->lineno,
                 "invalid expect_status '%s' in %s: want CODE or MIN-MAX "
                 "within 100-599",
                 v, label);
}

static void ini_set_str(struct ini_ctx *c, char **dst, const char *v)
{
    if (pf_set_str(dst, v) != 0)
        ini_oom(c);
}

static void ini_profile_key(struct ini_ctx *c, enum ini_key k, const char *v)
{
    struct nc_profile *p = c->p;
    const char *q;

    switch (k) {
    case KEY_NAME:
        for (q = v; *q != '\0'; q++) {
            if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
                  (*q >= '0' && *q <= '9') || *q == '-' || *q == '_' ||
                  *q == '.')) {
                ini_fail(c, NC_EPARSE, c->lineno,
                         "invalid profile name '%s': use letters, digits, "
                         "'.', '-' and '_'",
                         v);
                return;
            }
        }
        ini_set_str(c, &p->name, v);
        break;
    case KEY_TITLE:
        ini_set_str(c, &p->title, v);
        break;
    case KEY_RANGES:
        ini_parse_ranges(c, v, &p->ranges, &p->n_ranges, &c->pmeta.cap_ranges,
                         "[profile]");
        break;
    case KEY_TLS_ISSUERS:
        ini_parse_issuers(c, v);
        break;
    case KEY_DEFAULT_REGION:
        /* Checked against the [region] sections at the end. */
        ini_take(c, pf_rp_default(&c->regions, v, c->lineno));
        break;
    default:
        break;
    }
}

static void ini_check_key(struct ini_ctx *c, enum ini_key k, const char *v,
                          const char *label)
{
    struct nc_check *chk = &c->p->checks[c->cur];
    char why[PROFILE_WHY_MAX];
    struct nc_url u;
    int r;

    switch (k) {
    case KEY_URL:
        if (strstr(v, "${") != NULL) {
            /* Expanded by pf_rp_apply once every [region] is known. */
            ini_take(c, pf_rp_defer(&c->regions, c->cur, v, c->lineno));
            return;
        }
        if (url_parse(v, &u, why, sizeof(why)) != 0) {
            ini_fail(c, NC_EPARSE, c->lineno, "invalid url '%.80s' in %s: %s",
                     v, label, why);
            return;
        }
        if (pf_check_set_url(chk, &u) != 0)
            ini_oom(c);
        break;
    case KEY_REQUIRED:
    case KEY_EXPRESSROUTE:
    case KEY_EXPECT_PRIVATE:
        if (pf_bool_parse(v, k == KEY_REQUIRED ? &chk->required
                             : k == KEY_EXPRESSROUTE
                                 ? &chk->expressroute
                                 : &chk->expect_private) != 0)
            ini_fail(c, NC_EPARSE, c->lineno,
                     "invalid %s '%s' in %s: want yes, no, true or false",
                     ini_keys[k].name, v, label);
        break;
    case KEY_RANGES:
        ini_parse_ranges(c, v, &chk->ranges, &chk->n_ranges,
                         &c->meta[c->cur].cap_ranges, label);
        break;
    case KEY_EXPECT_STATUS:
        ini_parse_status(c, chk, v, label);
        break;
    case KEY_EXPECT_BODY:
        ini_set_str(c, &chk->expect_body, v);
        break;
    case KEY_SERVICE_TAG:
        /* A tag name as in the service tags file ("AzureActiveDirectory",
         * "Storage.WestEurope"); checked against the file at run time. */
        if (!pf_tag_name_ok(v))
            ini_fail(c, NC_EPARSE, c->lineno,
                     "invalid service_tag '%.80s' in %s: want a name like "
                     "AzureActiveDirectory or Storage.WestEurope",
                     v, label);
        else
            ini_set_str(c, &chk->service_tag, v);
        break;
    case KEY_RULE:
        r = pf_rule_any_parse(v, &chk->rule, why, sizeof(why));
        if (r == NC_EPARSE)
            ini_fail(c, NC_EPARSE, c->lineno, "invalid rule '%.80s' in %s: %s",
                     v, label, why);
        else if (r != 0)
            ini_oom(c);
        break;
    default:
        break;
    }
}

/* The ini_handler: one "key = value" of the current section. */
static int ini_on_key(void *user, const char *section, const char *key,
                      const char *value)
{
    struct ini_ctx *c = user;
    struct ini_meta *m;
    char label[300];
    int k;

    if (c->err != 0)
        return 0;
    /* inih's copy of the section name is ours cut to 49 bytes. */
    if (c->sec == SEC_NONE
            ? *section != '\0'
            : strncmp(section, c->sec_raw, strlen(section)) != 0) {
        ini_fail(c, NC_EINTERNAL, c->lineno, "section tracking lost at '%s'",
                 section);
        return 0;
    }
    if (c->sec == SEC_NONE) {
        ini_fail(c, NC_EPARSE, c->lineno,
                 "key '%s' outside any section: start with [profile] or "
                 "[check NAME]",
                 key);
        return 0;
    }
    if (c->sec == SEC_REGION) {
        ini_take(c, pf_rp_var(&c->regions, key, value, c->lineno));
        return c->err == 0;
    }
    ini_section_label(c, label, sizeof(label));
    for (k = 0; k < KEY_MAX; k++) {
        if (nc_strcasecmp(key, ini_keys[k].name) == 0 &&
            (ini_keys[k].where & (1u << c->sec)) != 0)
            break;
    }
    if (k == KEY_MAX) {
        ini_fail(c, NC_EPARSE, c->lineno, "unknown key '%s' in %s", key, label);
        return 0;
    }
    m = c->sec == SEC_PROFILE ? &c->pmeta : &c->meta[c->cur];
    if (m->key_line[k] != 0) {
        ini_fail(c, NC_EPARSE, c->lineno,
                 "duplicate key '%s' in %s (first at line %u)", key, label,
                 m->key_line[k]);
        return 0;
    }
    m->key_line[k] = c->lineno;
    /* An empty "ranges =" is meaningful: no range rule. */
    if (*value == '\0' && k != KEY_RANGES) {
        ini_fail(c, NC_EPARSE, c->lineno, "empty value for '%s' in %s", key,
                 label);
        return 0;
    }
    if (c->sec == SEC_PROFILE)
        ini_profile_key(c, (enum ini_key)k, value);
    else
        ini_check_key(c, (enum ini_key)k, value, label);
    return c->err == 0;
}

/* inih found a line it cannot parse: say what it looks like. */
static void ini_syntax_error(struct ini_ctx *c, unsigned line)
{
    const char *s = c->buf + c->line_off, *end = s + c->line_len;
    size_t n;

    while (s < end && pf_is_space(*s))
        s++;
    while (end > s && pf_is_space(end[-1]))
        end--;
    n = (size_t)(end - s);
    if (n > PROFILE_ECHO_MAX)
        n = PROFILE_ECHO_MAX;
    if (s < end && *s == '[')
        ini_fail(c, NC_EPARSE, line, "malformed section header '%.*s'", (int)n,
                 s);
    else
        ini_fail(c, NC_EPARSE, line, "expected 'key = value', got '%.*s'",
                 (int)n, s);
}

/* An exact rule without url: the check tests the entry, as an allowlist
 * line would be tested. */
static void ini_rule_url(struct ini_ctx *c, struct nc_check *chk)
{
    struct nc_url u;

    if (pf_rule_url(chk->rule, &u) != 0)
        ini_fail(c, NC_EPARSE, chk->line, "missing url in [check %s]",
                 chk->name);
    else if (pf_check_set_url(chk, &u) != 0)
        ini_oom(c);
}

static void ini_rule_mismatch(struct ini_ctx *c, const struct nc_check *chk,
                              unsigned line)
{
    bool host;
    const char *what = pf_rule_miss_text(chk->rule, &host);

    ini_fail(c, NC_EPARSE, line, "url%s '%s' %s rule '%s' in [check %s]",
             host ? " host" : "", host ? chk->host : chk->url, what, chk->rule,
             chk->name);
}

/* After the last line: regions, defaults, required keys, rules against
 * hosts, and range inheritance. */
static void ini_finish(struct ini_ctx *c)
{
    struct nc_profile *p = c->p;
    size_t i;

    ini_take(c, pf_rp_apply(&c->regions, p));
    if (c->err != 0)
        return;

    if (p->n_checks == 0) {
        ini_fail(c, NC_EPARSE, 0,
                 "no [check NAME] section: a pass with zero checks would "
                 "verify nothing");
        return;
    }
    for (i = 0; i < p->n_checks && c->err == 0; i++) {
        struct nc_check *chk = &p->checks[i];
        const struct ini_meta *m = &c->meta[i];

        if (chk->url == NULL && chk->rule != NULL &&
            pf_rule_kind_of(chk->rule) == PF_RULE_WILDCARD) {
            /* A wildcard nobody gave a sample for: shown, never passed. */
            if (pf_check_set_untestable(
                    chk, chk->rule,
                    "untestable wildcard: give a sample host in url") != 0)
                ini_oom(c);
        } else if (chk->url == NULL && chk->rule != NULL) {
            ini_rule_url(c, chk);
        } else if (chk->url == NULL) {
            ini_fail(c, NC_EPARSE, chk->line, "missing url in [check %s]",
                     chk->name);
        } else if (chk->rule != NULL && !pf_rule_covers(chk->rule, chk->scheme,
                                                        chk->host, chk->port)) {
            ini_rule_mismatch(c, chk, m->key_line[KEY_RULE]);
        }
        /* An exact rule is the entry the check tests itself, not one a
         * sample stands for: reports show rule only for wildcards. */
        if (c->err == 0 && chk->rule != NULL &&
            pf_rule_kind_of(chk->rule) != PF_RULE_WILDCARD) {
            nc_free(chk->rule);
            chk->rule = NULL;
        }
        /* A check's own ranges replace the profile's; "ranges =" keeps
         * none. Shared, not copied: profile_free frees them once. */
        if (m->key_line[KEY_RANGES] == 0) {
            chk->ranges = p->ranges;
            chk->n_ranges = p->n_ranges;
        }
        /* The roots a check's chain may end in are the profile's. */
        chk->tls_issuers = (const char *const *)p->tls_issuers;
        chk->n_tls_issuers = p->n_tls_issuers;
    }
    if (c->err == 0 && p->name == NULL) {
        const char *base = pf_basename(c->source);
        size_t n = strlen(base);

        if (strncmp(base, "builtin:", 8) == 0) {
            base += 8;
            n -= 8;
        }
        if (nc_str_endswith_ci(base, ".ini"))
            n -= 4;
        p->name = nc_strndup(base, n);
        if (p->name == NULL)
            ini_oom(c);
    }
    if (c->err == 0 && p->title == NULL)
        ini_set_str(c, &p->title, p->name);
}

int profile_parse_region(const char *buf, size_t len, const char *source,
                         const char *region, struct nc_profile **out,
                         struct nc_diag *diag)
{
    struct ini_ctx c;
    size_t max_line;
    int r;

    memset(&c, 0, sizeof(c));
    c.regions.want = region;
    c.regions.source = source;
    c.regions.diag = diag;
    c.buf = buf;
    c.len = len;
    c.at_line_start = true;
    c.source = source;
    c.diag = diag;
    r = pf_parse_begin(len, source, "profile", &c.p, diag);
    if (r != 0)
        return r;

    /* Debian's libinih takes its options at run time, as process globals
     * (so parse profiles from one thread only). Lines of any length
     * are legal, so use a growing heap buffer with a cap no line can reach:
     * twice the input leaves the doubling buffer room to end below the cap
     * (inih r55 stops reading a line when it hits the cap exactly). The
     * Windows build's inih has the same options compiled in (see the top
     * of this file). */
    max_line = 2 * len + 256;
#ifndef NC_INIH_COMPILED_OPTIONS
    ini_use_stack = false;
    ini_allow_realloc = true;
    ini_max_line = (int)max_line;
    ini_stop_on_first_error = true;
    ini_allow_no_value = false;
    ini_allow_bom = true;
    ini_allow_inline_comments = true;
    /* Python-style continuation lines would silently glue an indented
     * stray line onto the previous value (a URL, a range list); without
     * them such a line is "expected 'key = value'" at its own number. */
    ini_allow_multiline = false;
#else
    (void)max_line;
#endif

    r = ini_parse_stream(ini_read, &c, ini_on_key, &c);
    if (c.err == 0 && r == -2)
        ini_oom(&c);
    else if (c.err == 0 && r > 0)
        ini_syntax_error(&c, (unsigned)r);
    else if (c.err == 0 && r != 0)
        ini_fail(&c, NC_EINTERNAL, 0, "ini parser returned %d", r);
    if (c.err == 0)
        ini_finish(&c);
    if (c.err == 0) {
        pf_checks_fit(c.p, &c.cap_checks);
        *out = c.p;
        c.p = NULL;
    }
    profile_free(c.p);
    nc_free(c.meta);
    nc_free(c.sec_raw);
    pf_index_release(&c.names);
    pf_rp_release(&c.regions);
    return c.err;
}

int profile_parse_buf(const char *buf, size_t len, const char *source,
                      struct nc_profile **out, struct nc_diag *diag)
{
    return profile_parse_region(buf, len, source, NULL, out, diag);
}

int profile_load_file_region(const char *path, const char *region,
                             struct nc_profile **out, struct nc_diag *diag)
{
    char *buf = NULL;
    size_t len = 0;
    int r;

    r = pf_read_file(path, &buf, &len, diag);
    if (r == 0)
        r = profile_parse_region(buf, len, path, region, out, diag);
    nc_free(buf);
    return r;
}
