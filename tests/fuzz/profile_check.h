/* Invariants every parsed profile must satisfy, whether it came from an
 * INI profile or a plain allowlist; shared by fuzz_profile.c and
 * fuzz_allowlist.c. */
#ifndef NC_FUZZ_PROFILE_CHECK_H
#define NC_FUZZ_PROFILE_CHECK_H

#include <stdbool.h>
#include <string.h>

#include "cidr.h"
#include "fuzz.h"
#include "profile.h"
#include "url.h"

#define PC_SOURCE       "fuzz.in"
#define PC_UNIQUE_MAX   4096u /* name uniqueness is checked pairwise */
#define PC_URL_TEXT_MAX (NC_URL_HOST_MAX + NC_URL_PATH_MAX + 32)

static inline bool pc_streq(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

static inline bool pc_range_equal(const struct nc_cidr *a,
                                  const struct nc_cidr *b)
{
    return a->base.family == b->base.family && a->prefix == b->prefix &&
           memcmp(a->base.bytes, b->base.bytes, 16) == 0;
}

static inline bool pc_ranges_equal(const struct nc_cidr *a, size_t na,
                                   const struct nc_cidr *b, size_t nb)
{
    size_t i;

    if (na != nb)
        return false;
    for (i = 0; i < na; i++) {
        if (!pc_range_equal(&a[i], &b[i]))
            return false;
    }
    return true;
}

/* A stored range is a canonical one: it formats and parses back. */
static inline void pc_check_ranges(const struct nc_cidr *r, size_t n)
{
    char text[NC_ADDRSTRLEN + 8];
    struct nc_cidr again;
    size_t i;

    FUZZ_CHECK(n == 0 || r != NULL);
    for (i = 0; i < n; i++) {
        nc_cidr_format(&r[i], text, sizeof(text));
        FUZZ_CHECK(nc_cidr_parse(text, &again) == 0);
        FUZZ_CHECK(pc_range_equal(&r[i], &again));
    }
}

/* Lines in buf as the parsers count them. */
static inline unsigned pc_lines(const char *buf, size_t len)
{
    unsigned n = 1;
    size_t i;

    for (i = 0; i < len; i++) {
        if (buf[i] == '\n')
            n++;
    }
    return n;
}

static inline void pc_check_check(const struct nc_check *c, unsigned lines)
{
    char why[160], text[PC_URL_TEXT_MAX];
    struct nc_url u;

    FUZZ_CHECK(c->name != NULL && c->name[0] != '\0');
    FUZZ_CHECK(c->url != NULL && c->scheme != NULL && c->host != NULL &&
               c->path != NULL && c->source != NULL);
    FUZZ_CHECK(strcmp(c->source, PC_SOURCE) == 0);
    FUZZ_CHECK(c->host[0] != '\0' && c->path[0] == '/');
    FUZZ_CHECK(c->port >= 1 && c->port <= 65535);
    FUZZ_CHECK(c->line >= 1 && c->line <= lines);
    FUZZ_CHECK(c->status_min >= 100 && c->status_min <= c->status_max &&
               c->status_max <= 599);
    pc_check_ranges(c->ranges, c->n_ranges);
    if (c->rule != NULL)
        FUZZ_CHECK(strncmp(c->rule, "*.", 2) == 0 && c->rule[2] != '\0');
    if (c->skip_reason != NULL) {
        /* An untestable wildcard: shown under its rule, never probed. */
        FUZZ_CHECK(c->skip_reason[0] != '\0' && c->rule != NULL);
        FUZZ_CHECK(strcmp(c->host, c->rule) == 0 && c->port == 443);
        return;
    }
    /* The stored URL is the normal form of the stored fields. */
    FUZZ_CHECK(url_parse(c->url, &u, why, sizeof(why)) == 0);
    FUZZ_CHECK(strcmp(u.scheme, c->scheme) == 0 &&
               strcmp(u.host, c->host) == 0 && u.port == c->port &&
               strcmp(u.path, c->path) == 0);
    FUZZ_CHECK(url_format(&u, text, sizeof(text)) == 0);
    FUZZ_CHECK(strcmp(text, c->url) == 0);
    if (c->rule != NULL)
        FUZZ_CHECK(url_host_in_domain(c->host, c->rule + 2));
}

static inline void pc_check_profile(const struct nc_profile *p, const char *buf,
                                    size_t len)
{
    unsigned lines = pc_lines(buf, len);
    size_t i, j;

    FUZZ_CHECK(p->n_checks >= 1 && p->checks != NULL);
    FUZZ_CHECK(p->name != NULL && p->name[0] != '\0' && p->title != NULL);
    FUZZ_CHECK(pc_streq(p->source, PC_SOURCE));
    pc_check_ranges(p->ranges, p->n_ranges);
    FUZZ_CHECK(p->n_tls_issuers == 0 || p->tls_issuers != NULL);
    for (i = 0; i < p->n_tls_issuers; i++)
        FUZZ_CHECK(p->tls_issuers[i] != NULL && p->tls_issuers[i][0] != '\0');
    for (i = 0; i < p->n_checks; i++)
        pc_check_check(&p->checks[i], lines);
    /* plan_add_take would reject a profile that repeats a name. */
    if (p->n_checks <= PC_UNIQUE_MAX) {
        for (i = 0; i < p->n_checks; i++) {
            for (j = i + 1; j < p->n_checks; j++)
                FUZZ_CHECK(strcmp(p->checks[i].name, p->checks[j].name) != 0);
        }
    }
}

/* A rejection names the input and says why, and leaves *out alone. */
static inline void pc_check_failure(int r, const struct nc_profile *out,
                                    const struct nc_diag *d, const char *buf,
                                    size_t len)
{
    FUZZ_CHECK(r == NC_EPARSE || r == NC_ELIMIT);
    FUZZ_CHECK(out == NULL);
    FUZZ_CHECK(d->msg[0] != '\0');
    FUZZ_CHECK(strcmp(d->file, PC_SOURCE) == 0);
    FUZZ_CHECK(d->line <= pc_lines(buf, len));
}

/* Everything but names and line numbers survives a render and re-parse. */
static inline void pc_check_same(const struct nc_profile *a,
                                 const struct nc_profile *b)
{
    size_t i;

    FUZZ_CHECK(pc_streq(a->name, b->name) && pc_streq(a->title, b->title));
    FUZZ_CHECK(pc_ranges_equal(a->ranges, a->n_ranges, b->ranges, b->n_ranges));
    FUZZ_CHECK(a->n_tls_issuers == b->n_tls_issuers);
    for (i = 0; i < a->n_tls_issuers; i++)
        FUZZ_CHECK(pc_streq(a->tls_issuers[i], b->tls_issuers[i]));
    FUZZ_CHECK(a->n_checks == b->n_checks);
    for (i = 0; i < a->n_checks; i++) {
        const struct nc_check *x = &a->checks[i], *y = &b->checks[i];

        FUZZ_CHECK(pc_streq(x->url, y->url) && pc_streq(x->host, y->host) &&
                   x->port == y->port && pc_streq(x->scheme, y->scheme) &&
                   pc_streq(x->path, y->path));
        FUZZ_CHECK(
            x->required == y->required && x->expressroute == y->expressroute &&
            x->status_min == y->status_min && x->status_max == y->status_max);
        FUZZ_CHECK(pc_streq(x->expect_body, y->expect_body));
        FUZZ_CHECK(pc_streq(x->rule, y->rule));
        FUZZ_CHECK((x->skip_reason == NULL) == (y->skip_reason == NULL));
        FUZZ_CHECK(
            pc_ranges_equal(x->ranges, x->n_ranges, y->ranges, y->n_ranges));
    }
}

#endif
