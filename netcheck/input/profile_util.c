/* Building blocks shared by the INI profile parser, the allowlist parser
 * and the plan: check construction, range arrays, a name index, file
 * reading, the line rules both parsers share, and profile_free. */
#include "file.h"
#include "profile_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cidr.h"
#include "nc.h"
#include "str.h"

#define PF_INDEX_MIN 64

/* FNV-1a, 64-bit. */
static uint64_t pf_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;

    for (; *s != '\0'; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

static struct pf_index_slot *pf_index_find(struct pf_index_slot *slots,
                                           size_t cap, const char *key)
{
    size_t i = (size_t)pf_hash(key) & (cap - 1);

    while (slots[i].key != NULL && strcmp(slots[i].key, key) != 0)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static int pf_index_grow(struct pf_index *ix)
{
    size_t cap = ix->cap == 0 ? PF_INDEX_MIN : ix->cap * 2, i;
    struct pf_index_slot *slots;

    if (cap > SIZE_MAX / sizeof(*slots))
        return NC_ENOMEM;
    slots = nc_calloc(cap, sizeof(*slots));
    if (slots == NULL)
        return NC_ENOMEM;
    for (i = 0; i < ix->cap; i++) {
        if (ix->slots[i].key != NULL)
            *pf_index_find(slots, cap, ix->slots[i].key) = ix->slots[i];
    }
    nc_free(ix->slots);
    ix->slots = slots;
    ix->cap = cap;
    return 0;
}

int pf_index_add(struct pf_index *ix, const char *key, size_t val, size_t *old)
{
    struct pf_index_slot *slot;
    char *copy;

    /* Keep the load under one half so probes stay short. */
    if ((ix->n + 1) * 2 > ix->cap && pf_index_grow(ix) != 0)
        return NC_ENOMEM;
    slot = pf_index_find(ix->slots, ix->cap, key);
    if (slot->key != NULL) {
        *old = slot->val;
        return 1;
    }
    copy = nc_strdup(key);
    if (copy == NULL)
        return NC_ENOMEM;
    slot->key = copy;
    slot->val = val;
    ix->n++;
    return 0;
}

void pf_index_release(struct pf_index *ix)
{
    size_t i;

    for (i = 0; i < ix->cap; i++)
        nc_free(ix->slots[i].key);
    nc_free(ix->slots);
    ix->slots = NULL;
    ix->cap = 0;
    ix->n = 0;
}

int pf_parse_begin(size_t len, const char *source, const char *what,
                   struct nc_profile **out, struct nc_diag *diag)
{
    struct nc_profile *p;

    if (len > (size_t)NC_PROFILE_MAX_BYTES) {
        nc_diag_set(diag, source, 0, "%s larger than %u bytes", what,
                    NC_PROFILE_MAX_BYTES);
        return NC_ELIMIT;
    }
    p = nc_calloc(1, sizeof(*p));
    if (p == NULL)
        return pf_oom(diag, source);
    p->source = nc_strdup(source);
    if (p->source == NULL) {
        nc_free(p);
        return pf_oom(diag, source);
    }
    *out = p;
    return 0;
}

/* Room for one more item in arr, which holds n (< max) of *cap allocated
 * items of size bytes: doubles *cap, up to max, when full.
 * \return the array, moved or not, or NULL (arr untouched) when out of
 * memory */
static void *pf_array_grow(void *arr, size_t n, size_t *cap, size_t max,
                           size_t size)
{
    size_t ncap;
    void *na;

    if (n < *cap)
        return arr;
    ncap = *cap == 0 ? 8 : *cap * 2;
    if (ncap > max)
        ncap = max;
    na = nc_realloc(arr, ncap * size);
    if (na != NULL)
        *cap = ncap;
    return na;
}

void pf_checks_fit(struct nc_profile *p, size_t *cap)
{
    struct nc_check *arr;

    if (p->n_checks == 0 || p->n_checks >= *cap)
        return;
    arr = nc_realloc(p->checks, p->n_checks * sizeof(*arr));
    if (arr == NULL)
        return;
    p->checks = arr;
    *cap = p->n_checks;
}

int pf_check_push(struct nc_profile *p, size_t *cap, const char *name,
                  unsigned line, struct nc_check **out)
{
    struct nc_check *arr, *c;

    if (p->n_checks >= NC_PROFILE_MAX_CHECKS)
        return NC_ELIMIT;
    arr = pf_array_grow(p->checks, p->n_checks, cap, NC_PROFILE_MAX_CHECKS,
                        sizeof(*arr));
    if (arr == NULL)
        return NC_ENOMEM;
    p->checks = arr;
    c = &arr[p->n_checks];
    memset(c, 0, sizeof(*c));
    c->name = nc_strdup(name);
    c->source = p->source;
    if (c->name == NULL)
        return NC_ENOMEM;
    c->required = true;
    c->status_min = 100;
    c->status_max = 599;
    c->line = line;
    p->n_checks++;
    *out = c;
    return 0;
}

int pf_set_str(char **dst, const char *s)
{
    char *copy = nc_strdup(s);

    if (copy == NULL)
        return NC_ENOMEM;
    nc_free(*dst);
    *dst = copy;
    return 0;
}

/* Set c's URL and its parts in one block, "URL\0SCHEME\0HOST\0PATH\0",
 * owned through c->url: one allocation a check instead of four, as a
 * profile may hold 100,000 checks.  \return 0 or NC_ENOMEM (c untouched) */
static int pf_check_set_target(struct nc_check *c, const char *url,
                               const char *scheme, const char *host,
                               const char *path)
{
    const char *part[4] = {url, scheme, host, path};
    size_t len[4], total = 0, k;
    char *block, *at;

    for (k = 0; k < 4; k++) {
        len[k] = strlen(part[k]) + 1;
        total += len[k];
    }
    block = nc_malloc(total);
    if (block == NULL)
        return NC_ENOMEM;
    for (at = block, k = 0; k < 4; at += len[k], k++)
        memcpy(at, part[k], len[k]);
    nc_free(c->url);
    c->url = block;
    c->scheme = block + len[0];
    c->host = c->scheme + len[1];
    c->path = c->host + len[2];
    return 0;
}

int pf_check_set_url(struct nc_check *c, const struct nc_url *u)
{
    char text[NC_URL_HOST_MAX + NC_URL_PATH_MAX + 32];

    if (url_format(u, text, sizeof(text)) != 0)
        return NC_ENOMEM; /* cannot happen: text is large enough */
    if (pf_check_set_target(c, text, u->scheme, u->host, u->path) != 0)
        return NC_ENOMEM;
    c->port = u->port;
    return 0;
}

int pf_check_set_untestable(struct nc_check *c, const char *rule,
                            const char *reason)
{
    char text[NC_URL_HOST_MAX + 16];

    if (nc_snprintf(text, sizeof(text), "https://%s/", rule) != 0)
        return NC_ENOMEM; /* rule is at most 255 bytes */
    if (pf_check_set_target(c, text, "https", rule, "/") != 0 ||
        pf_set_str(&c->rule, rule) != 0 ||
        pf_set_str(&c->skip_reason, reason) != 0)
        return NC_ENOMEM;
    c->port = 443;
    return 0;
}

int pf_range_push(struct nc_cidr **arr, size_t *n, size_t *cap,
                  const struct nc_cidr *r)
{
    struct nc_cidr *na;

    if (*n >= NC_PROFILE_MAX_RANGES)
        return NC_ELIMIT;
    na = pf_array_grow(*arr, *n, cap, NC_PROFILE_MAX_RANGES, sizeof(*na));
    if (na == NULL)
        return NC_ENOMEM;
    *arr = na;
    (*arr)[(*n)++] = *r;
    return 0;
}

int pf_rule_parse(const char *s, char **out, char *why, size_t whylen)
{
    char domain[NC_URL_HOST_MAX + 1];
    char *copy;

    if (strncmp(s, "*.", 2) != 0) {
        (void)nc_strlcpy(why, "a rule must look like *.domain", whylen);
        return NC_EPARSE;
    }
    if (strchr(s + 2, '*') != NULL) {
        (void)nc_strlcpy(why, "only one leading '*.' is allowed", whylen);
        return NC_EPARSE;
    }
    if (url_hostname_check(s + 2, domain, sizeof(domain), why, whylen) != 0)
        return NC_EPARSE;
    copy = nc_malloc(strlen(domain) + 3);
    if (copy == NULL)
        return NC_ENOMEM;
    copy[0] = '*';
    copy[1] = '.';
    memcpy(copy + 2, domain, strlen(domain) + 1);
    *out = copy;
    return 0;
}

int pf_host_url(const char *s, struct nc_url *u, char *why, size_t whylen)
{
    char text[NC_URL_HOST_MAX + 16];

    if (strpbrk(s, "/?#@") != NULL) {
        (void)nc_strlcpy(why, "not a host[:port]", whylen);
        return NC_EPARSE;
    }
    if (nc_snprintf(text, sizeof(text), "https://%s/", s) != 0) {
        (void)nc_strlcpy(why, "host too long", whylen);
        return NC_EPARSE;
    }
    if (url_parse(text, u, why, whylen) != 0)
        return NC_EPARSE;
    if (u->port == 80)
        (void)nc_strlcpy(u->scheme, "http", sizeof(u->scheme));
    return 0;
}

/* An exact rule: a URL (scheme, host and port count), host:port or a
 * host. A port is explicit when a ':' follows the last ']' (IPv6). */
static int rule_exact_parse(const char *s, struct nc_url *u,
                            enum pf_rule_kind *kind, char *why, size_t whylen)
{
    const char *colon = strrchr(s, ':'), *bracket = strrchr(s, ']');
    char text[NC_URL_HOST_MAX + 16];
    size_t end;

    if (strstr(s, "://") != NULL) {
        *kind = PF_RULE_URL;
        return url_parse(s, u, why, whylen);
    }
    *kind = colon != NULL && (bracket == NULL || colon > bracket)
                ? PF_RULE_HOST_PORT
                : PF_RULE_HOST;
    /* A fully qualified name's trailing dot ("host." or "host.:port"). */
    end = *kind == PF_RULE_HOST_PORT ? (size_t)(colon - s) : strlen(s);
    if (end > 1 && end < sizeof(text) && s[end - 1] == '.') {
        (void)nc_snprintf(text, sizeof(text), "%.*s%s", (int)(end - 1), s,
                          s + end);
        s = text;
    }
    return pf_host_url(s, u, why, whylen);
}

int pf_rule_any_parse(const char *s, char **out, char *why, size_t whylen)
{
    enum pf_rule_kind kind;
    struct nc_cidr range;
    struct nc_url u;
    char *copy;

    if (s[0] == '*')
        return pf_rule_parse(s, out, why, whylen);
    if (strstr(s, "://") == NULL && nc_cidr_parse(s, &range) == 0) {
        (void)nc_strlcpy(why,
                         "an address or range is not a rule: list it in "
                         "ranges, or write host:port or a URL",
                         whylen);
        return NC_EPARSE;
    }
    if (rule_exact_parse(s, &u, &kind, why, whylen) != 0) {
        if (strchr(s, '*') != NULL)
            (void)nc_strlcpy(why, "a wildcard must look like *.domain", whylen);
        return NC_EPARSE;
    }
    copy = nc_strdup(s);
    if (copy == NULL)
        return NC_ENOMEM;
    *out = copy;
    return 0;
}

enum pf_rule_kind pf_rule_kind_of(const char *rule)
{
    enum pf_rule_kind kind = PF_RULE_HOST;
    struct nc_url u;
    char why[8];

    if (rule[0] == '*')
        return PF_RULE_WILDCARD;
    (void)rule_exact_parse(rule, &u, &kind, why, sizeof(why));
    return kind;
}

const char *pf_rule_miss_text(const char *rule, bool *host)
{
    static const char *const what[PF_RULE_MAX] = {
        [PF_RULE_WILDCARD] = "is not under",
        [PF_RULE_HOST] = "is not the host of",
        [PF_RULE_HOST_PORT] = "is not on the host and port of",
        [PF_RULE_URL] = "differs in scheme, host or port from",
    };
    enum pf_rule_kind k = pf_rule_kind_of(rule);

    *host = k == PF_RULE_WILDCARD || k == PF_RULE_HOST;
    return what[k];
}

int pf_rule_url(const char *rule, struct nc_url *u)
{
    enum pf_rule_kind kind;
    char why[8];

    if (rule[0] == '*')
        return NC_EPARSE;
    return rule_exact_parse(rule, u, &kind, why, sizeof(why));
}

/* Host names equal, case-insensitive, one trailing dot ignored. */
static bool rule_host_equal(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);

    if (na > 0 && a[na - 1] == '.')
        na--;
    if (nb > 0 && b[nb - 1] == '.')
        nb--;
    return na == nb && strncasecmp(a, b, na) == 0;
}

bool pf_rule_covers(const char *rule, const char *scheme, const char *host,
                    unsigned port)
{
    enum pf_rule_kind kind;
    struct nc_url u;
    char why[8];

    if (rule[0] == '*')
        return url_host_in_domain(host, rule + 2);
    if (rule_exact_parse(rule, &u, &kind, why, sizeof(why)) != 0 ||
        !rule_host_equal(u.host, host))
        return false;
    if (kind == PF_RULE_HOST)
        return true;
    if (u.port != port)
        return false;
    return kind == PF_RULE_HOST_PORT || strcasecmp(u.scheme, scheme) == 0;
}

int pf_read_file(const char *path, char **buf, size_t *len,
                 struct nc_diag *diag)
{
    return nc_file_read(path, NC_PROFILE_MAX_BYTES, buf, len, diag);
}

int pf_load_file(const char *path, pf_parse_fn *parse, struct nc_profile **out,
                 struct nc_diag *diag)
{
    char *buf = NULL;
    size_t len = 0;
    int r;

    r = pf_read_file(path, &buf, &len, diag);
    if (r == 0)
        r = parse(buf, len, path, out, diag);
    nc_free(buf);
    return r;
}

void pf_diag_vset(struct nc_diag *diag, const char *source, unsigned line,
                  const char *fmt, va_list ap)
{
    if (diag == NULL)
        return;
    nc_diag_set(diag, source, line, "%s", "");
    (void)vsnprintf(diag->msg, sizeof(diag->msg), fmt, ap);
}

bool pf_is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

bool pf_is_bad_byte(const char *p, const char *end)
{
    unsigned char ch = (unsigned char)*p;

    return (ch < 0x20 && ch != '\t' && !(ch == '\r' && p + 1 == end)) ||
           ch == 0x7f;
}

const char *pf_basename(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash != NULL ? slash + 1 : path;
}

int pf_oom(struct nc_diag *diag, const char *source)
{
    nc_diag_set(diag, source, 0, "out of memory");
    return NC_ENOMEM;
}

static void pf_check_release(struct nc_check *c, const struct nc_cidr *shared)
{
    nc_free(c->name);
    nc_free(c->url); /* with scheme, host and path (pf_check_set_target) */
    /* A check without ranges of its own points at its profile's. */
    if (c->ranges != shared)
        nc_free(c->ranges);
    nc_free(c->expect_body);
    nc_free(c->rule);
    nc_free(c->service_tag);
    nc_free(c->skip_reason);
}

void profile_free(struct nc_profile *p)
{
    size_t i;

    if (p == NULL)
        return;
    for (i = 0; i < p->n_checks; i++)
        pf_check_release(&p->checks[i], p->ranges);
    nc_free(p->checks);
    for (i = 0; i < p->n_tls_issuers; i++)
        nc_free(p->tls_issuers[i]);
    nc_free(p->tls_issuers);
    nc_free(p->ranges);
    for (i = 0; i < p->n_regions; i++)
        nc_free(p->regions[i]);
    nc_free(p->regions);
    nc_free(p->region);
    nc_free(p->name);
    nc_free(p->title);
    nc_free(p->source);
    nc_free(p);
}
