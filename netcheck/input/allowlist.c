/* Plain allowlists, as firewall teams keep them: one entry a line.
 *
 *   https://host[:port]/path   a check of that URL
 *   host[:port]                https://host[:port]/, or http://host/ for :80
 *   *.domain sample=HOST       a check of HOST standing for the wildcard
 *   *.domain                   shown as untestable (skip), never passed
 *   CIDR or bare address       a range every check's addresses must be in
 *
 * A bare address is a range (a /32 or /128), not a host to probe: in a
 * firewall allowlist "13.107.4.52" allows an address. To probe one, write
 * it as a URL or with a port. '#' starts a comment at the start of a line
 * or after white space. */
#include "profile.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "cidr.h"
#include "nc.h"
#include "profile_int.h"
#include "str.h"
#include "url.h"

#define AL_WHY_MAX 160

struct al_ctx {
    const char *source;
    struct nc_profile *p;
    size_t cap_checks, cap_ranges;
    struct pf_index seen; /* normalised entry -> line */
    unsigned line;
    struct nc_diag *diag;
};

static int al_fail(struct al_ctx *c, int err, const char *fmt, ...)
    NC_PRINTF(3, 4);

static int al_fail(struct al_ctx *c, int err, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    pf_diag_vset(c->diag, c->source, c->line, fmt, ap);
    va_end(ap);
    return err;
}

/* Reject a second entry that means the same as an earlier one. */
static int al_seen(struct al_ctx *c, const char *key, const char *entry)
{
    size_t first;
    int r = pf_index_add(&c->seen, key, c->line, &first);

    if (r == 1)
        return al_fail(c, NC_EPARSE,
                       "duplicate entry '%.100s' (first at line %zu)", entry,
                       first);
    if (r != 0)
        return pf_oom(c->diag, c->source);
    return 0;
}

static int al_push(struct al_ctx *c, const char *name, struct nc_check **out)
{
    int r = pf_check_push(c->p, &c->cap_checks, name, c->line, out);

    if (r == NC_ELIMIT)
        return al_fail(c, NC_ELIMIT, "too many entries (limit %u)",
                       NC_PROFILE_MAX_CHECKS);
    if (r != 0)
        return pf_oom(c->diag, c->source);
    return 0;
}

/* A sample: a URL, or host[:port] as above. */
static int al_sample_url(const char *s, struct nc_url *u, char *why,
                         size_t whylen)
{
    if (strstr(s, "://") != NULL)
        return url_parse(s, u, why, whylen);
    return pf_host_url(s, u, why, whylen);
}

static int al_wildcard(struct al_ctx *c, const char *entry, const char *rest)
{
    char why[AL_WHY_MAX];
    char *rule = NULL;
    struct nc_check *chk;
    struct nc_url u;
    int r;

    r = pf_rule_parse(entry, &rule, why, sizeof(why));
    if (r == NC_EPARSE)
        return al_fail(c, r, "invalid wildcard '%.100s': %s", entry, why);
    if (r != 0)
        return pf_oom(c->diag, c->source);
    if (*rest != '\0') {
        if (strncasecmp(rest, "sample=", 7) != 0 ||
            strpbrk(rest, " \t") != NULL) {
            r = al_fail(c, NC_EPARSE,
                        "unexpected '%.60s' after wildcard: want "
                        "*.domain sample=HOST",
                        rest);
            goto out;
        }
        if (al_sample_url(rest + 7, &u, why, sizeof(why)) != 0) {
            r = al_fail(c, NC_EPARSE, "invalid sample '%.100s': %s", rest + 7,
                        why);
            goto out;
        }
        if (!url_host_in_domain(u.host, rule + 2)) {
            r = al_fail(c, NC_EPARSE, "sample host '%s' is not under '%s'",
                        u.host, rule);
            goto out;
        }
    }
    r = al_seen(c, rule, entry);
    if (r == 0)
        r = al_push(c, rule, &chk);
    if (r != 0)
        goto out;
    if (*rest == '\0')
        r = pf_check_set_untestable(chk, rule,
                                    "untestable wildcard: give sample=HOST");
    else if (pf_check_set_url(chk, &u) != 0 ||
             (chk->rule = nc_strdup(rule)) == NULL)
        r = NC_ENOMEM;
    if (r != 0)
        r = pf_oom(c->diag, c->source);
out:
    nc_free(rule);
    return r;
}

static int al_range(struct al_ctx *c, const char *entry,
                    const struct nc_cidr *range)
{
    char key[NC_ADDRSTRLEN + 8];
    int r;

    nc_cidr_format(range, key, sizeof(key));
    r = al_seen(c, key, entry);
    if (r != 0)
        return r;
    r = pf_range_push(&c->p->ranges, &c->p->n_ranges, &c->cap_ranges, range);
    if (r == NC_ELIMIT)
        return al_fail(c, r, "too many ranges (limit %u)",
                       NC_PROFILE_MAX_RANGES);
    if (r != 0)
        return pf_oom(c->diag, c->source);
    return 0;
}

static int al_entry(struct al_ctx *c, const char *entry)
{
    char why[AL_WHY_MAX];
    struct nc_check *chk;
    struct nc_cidr range;
    struct nc_url u;
    int r;

    if (strstr(entry, "://") != NULL) {
        if (url_parse(entry, &u, why, sizeof(why)) != 0)
            return al_fail(c, NC_EPARSE, "invalid url '%.100s': %s", entry,
                           why);
    } else if (nc_cidr_parse_why(entry, &range, why, sizeof(why)) == 0) {
        return al_range(c, entry, &range);
    } else if (strchr(entry, '/') != NULL) {
        return al_fail(c, NC_EPARSE, "invalid range '%.100s': %s", entry, why);
    } else if (strchr(entry, '*') != NULL) {
        return al_fail(c, NC_EPARSE,
                       "invalid entry '%.100s': a wildcard must start the "
                       "entry, as in *.domain sample=HOST",
                       entry);
    } else if (pf_host_url(entry, &u, why, sizeof(why)) != 0) {
        return al_fail(c, NC_EPARSE,
                       "invalid entry '%.100s': %s (want URL, host[:port], "
                       "*.domain sample=HOST or CIDR)",
                       entry, why);
    }
    r = al_push(c, entry, &chk);
    if (r == 0 && pf_check_set_url(chk, &u) != 0)
        r = pf_oom(c->diag, c->source);
    if (r == 0)
        r = al_seen(c, chk->url, entry);
    return r;
}

/* One line, terminated, comment and all. */
static int al_line(struct al_ctx *c, char *s)
{
    const char *end = s + strlen(s);
    char *p, *rest;

    for (p = s; *p != '\0'; p++) {
        if (*p == '#' && (p == s || pf_is_space(p[-1]))) {
            *p = '\0';
            break;
        }
        if (pf_is_bad_byte(p, end))
            return al_fail(c, NC_EPARSE, "control character (0x%02x) in line",
                           (unsigned char)*p);
    }
    nc_strtrim(s);
    if (*s == '\0')
        return 0;
    for (rest = s; *rest != '\0' && !pf_is_space(*rest); rest++)
        ;
    if (*rest != '\0') {
        *rest++ = '\0';
        while (pf_is_space(*rest))
            rest++;
    }
    if (s[0] == '*')
        return al_wildcard(c, s, rest);
    if (*rest != '\0')
        return al_fail(c, NC_EPARSE, "unexpected '%.60s' after '%.100s'", rest,
                       s);
    return al_entry(c, s);
}

static int al_finish(struct al_ctx *c)
{
    struct nc_profile *p = c->p;
    size_t i, n = strlen(pf_basename(c->source)) + 16;

    c->line = 0;
    if (p->n_checks == 0)
        return al_fail(c, NC_EPARSE,
                       "no URL, host or wildcard in allowlist: a pass with "
                       "zero checks would verify nothing");
    /* Every check carries the list's ranges; shared, freed once. */
    for (i = 0; i < p->n_checks; i++) {
        p->checks[i].ranges = p->ranges;
        p->checks[i].n_ranges = p->n_ranges;
    }
    p->name = nc_malloc(n);
    p->title = nc_malloc(strlen(c->source) + 16);
    if (p->name == NULL || p->title == NULL)
        return pf_oom(c->diag, c->source);
    (void)nc_snprintf(p->name, n, "allowlist:%s", pf_basename(c->source));
    (void)nc_snprintf(p->title, strlen(c->source) + 16, "allowlist %s",
                      c->source);
    return 0;
}

int allowlist_parse_buf(const char *buf, size_t len, const char *source,
                        struct nc_profile **out, struct nc_diag *diag)
{
    struct al_ctx c;
    char *copy = NULL, *s, *end, *next;
    int r;

    memset(&c, 0, sizeof(c));
    c.source = source;
    c.diag = diag;
    r = pf_parse_begin(len, source, "allowlist", &c.p, diag);
    if (r != 0)
        return r;
    copy = nc_malloc(len + 1);
    if (copy == NULL) {
        r = pf_oom(diag, source);
        goto out;
    }
    memcpy(copy, buf, len);
    copy[len] = '\0';
    end = copy + len;
    s = copy;
    /* Windows editors start UTF-8 files with a byte order mark. */
    if (len >= 3 && memcmp(copy, "\xef\xbb\xbf", 3) == 0)
        s += 3;
    for (; s < end; s = next) {
        char *nl = memchr(s, '\n', (size_t)(end - s));

        next = nl != NULL ? nl + 1 : end;
        if (nl != NULL)
            *nl = '\0';
        c.line++;
        if (strlen(s) != (size_t)((nl != NULL ? nl : end) - s)) {
            r = al_fail(&c, NC_EPARSE, "control character (0x00) in line");
            goto out;
        }
        r = al_line(&c, s);
        if (r != 0)
            goto out;
    }
    r = al_finish(&c);
    if (r == 0) {
        pf_checks_fit(c.p, &c.cap_checks);
        *out = c.p;
        c.p = NULL;
    }
out:
    profile_free(c.p);
    pf_index_release(&c.seen);
    nc_free(copy);
    return r;
}

int allowlist_load_file(const char *path, struct nc_profile **out,
                        struct nc_diag *diag)
{
    return pf_load_file(path, allowlist_parse_buf, out, diag);
}
