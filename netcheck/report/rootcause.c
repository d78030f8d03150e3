/* Shared causes (rootcause.h): failing checks grouped by problem code and
 * the party they share. Sorting keeps this O(n log n) in the number of
 * checks, which a profile may hold by the ten thousand. */
#include "rootcause.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nc.h"
#include "str.h"
#include "problem.h"

/* What a group of checks shares besides the code. */
enum rc_kind {
    RC_NONE = 0,
    RC_RESOLVER, /* res->dns_server */
    RC_PROXY,    /* res->proxy */
    RC_ROOT,     /* the chain's untrusted or inspection root */
    RC_ISSUER,   /* the CA missing from the trust store */
    RC_ROUTE,    /* the kernel's route, for route_misrouted */
    RC_PORT      /* the destination port, every connection to it failing */
};

/* One per failing check, and two per check for the "every" rule: 100,000
 * checks make 300,000 of them, so an entry is 16 bytes: the route and the
 * port are kept as they are (no text) and put into words for a cause's
 * sentence only (rc_party_text), the index, code and kind in the smallest
 * types that hold them. */
struct rc_entry {
    union {
        const char *party;            /* into the result: resolver ... */
        const struct nc_route *route; /* RC_ROUTE: the misrouted address's */
    };
    uint32_t i;      /* index into run->results (rootcause_find checks) */
    uint16_t port;   /* RC_PORT */
    uint8_t problem; /* enum nc_problem */
    uint8_t kind;    /* enum rc_kind */
};

_Static_assert(NC_PROBLEM_MAX <= UINT8_MAX, "a problem code fits rc_entry");
_Static_assert(sizeof(struct rc_entry) <= 16, "rc_entry stays small");

static bool rc_failing(const struct nc_check_result *r)
{
    return r->status == NC_STATUS_FAIL || r->status == NC_STATUS_WARN;
}

/* Codes whose answer can be name-specific (a typo, a missing record, a
 * zone that fails DNSSEC, one name's reply too large for UDP): shared only
 * when the resolver failed every name it was asked. The port codes always
 * need this. dns_unreachable is the resolver's alone. */
static bool rc_needs_every(enum nc_problem p, enum rc_kind k)
{
    return k == RC_PORT || p == NC_PROBLEM_DNS_NXDOMAIN ||
           p == NC_PROBLEM_DNS_NODATA || p == NC_PROBLEM_DNS_SERVFAIL ||
           p == NC_PROBLEM_DNS_INVALID;
}

static enum rc_kind rc_kind_of(const struct nc_check_result *r)
{
    switch (r->problem) {
    case NC_PROBLEM_DNS_NXDOMAIN:
    case NC_PROBLEM_DNS_NODATA:
    case NC_PROBLEM_DNS_SERVFAIL:
    case NC_PROBLEM_DNS_REFUSED:
    case NC_PROBLEM_DNS_TIMEOUT:
    case NC_PROBLEM_DNS_UNREACHABLE:
    case NC_PROBLEM_DNS_INVALID:
    case NC_PROBLEM_DNS_SINKHOLE:
    case NC_PROBLEM_ADDRESS_NOT_PRIVATE:
        return r->via_proxy ? RC_NONE : RC_RESOLVER;
    case NC_PROBLEM_PROXY_UNREACHABLE:
    case NC_PROBLEM_PROXY_AUTH_REQUIRED:
    case NC_PROBLEM_PROXY_AUTH_FAILED:
    case NC_PROBLEM_PROXY_DENIED:
    case NC_PROBLEM_PROXY_OVERLOADED:
    case NC_PROBLEM_PROXY_INVALID:
        return RC_PROXY;
    case NC_PROBLEM_ROUTE_MISROUTED:
        return r->via_proxy ? RC_PROXY : RC_ROUTE;
    case NC_PROBLEM_TLS_UNTRUSTED:
        /* A self-signed server is its own cause; with no chain seen there
         * is nothing to share. */
        if (!result_tls(r)->present || result_tls(r)->leaf_self_signed)
            return RC_NONE;
        return result_tls(r)->root_self_signed ? RC_ROOT : RC_ISSUER;
    case NC_PROBLEM_TLS_INTERCEPTED:
        return result_tls(r)->present ? RC_ROOT : RC_NONE;
    case NC_PROBLEM_TCP_REFUSED:
    case NC_PROBLEM_TCP_TIMEOUT:
    case NC_PROBLEM_TCP_UNREACHABLE:
    case NC_PROBLEM_TCP_RESET:
    case NC_PROBLEM_TIMEOUT:
        return r->via_proxy ? RC_NONE : RC_PORT;
    default:
        return RC_NONE;
    }
}

static size_t rc_addr_count(const struct nc_check_result *r)
{
    return r->addrs == NULL ? 0 : r->n_addrs;
}

/* An address the check really connected to (or tried to). */
static bool rc_addr_probed(const struct nc_addr_result *a)
{
    return a->status != NC_STATUS_SKIP && !a->informational &&
           a->problem != NC_PROBLEM_DNS_SINKHOLE;
}

/* Did the check try the port directly? */
static bool rc_port_tried(const struct nc_check_result *r)
{
    size_t i, n = rc_addr_count(r);

    if (r->via_proxy || r->status == NC_STATUS_SKIP)
        return false;
    for (i = 0; i < n; i++)
        if (rc_addr_probed(&r->addrs[i]))
            return true;
    return false;
}

/* Every connection the check made failed with its code. */
static bool rc_port_all_failed(const struct nc_check_result *r)
{
    size_t i, n = rc_addr_count(r), probed = 0;

    for (i = 0; i < n; i++) {
        if (!rc_addr_probed(&r->addrs[i]))
            continue;
        if (r->addrs[i].problem != r->problem)
            return false;
        probed++;
    }
    return probed > 0;
}

static void rc_route_text(const struct nc_route *rt, char *buf, size_t n)
{
    char via[NC_ADDRSTRLEN];

    if (rt->has_via) {
        nc_addr_format(&rt->via, via, sizeof(via));
        (void)nc_snprintf(buf, n, "dev %.16s via %s", rt->dev, via);
    } else {
        (void)nc_snprintf(buf, n, "dev %.16s", rt->dev);
    }
}

/* The order of rc_route_text's texts' equality: two routes are one party
 * when their texts would be the same (device, then gateway). */
static int rc_route_cmp(const struct nc_route *a, const struct nc_route *b)
{
    size_t len;
    int c = strncmp(a->dev, b->dev, 16);

    if (c != 0)
        return c;
    if (a->has_via != b->has_via)
        return a->has_via ? 1 : -1;
    if (!a->has_via)
        return 0;
    if (a->via.family != b->via.family)
        return a->via.family < b->via.family ? -1 : 1;
    len = a->via.family == 4 ? 4 : sizeof(a->via.bytes);
    return memcmp(a->via.bytes, b->via.bytes, len);
}

/* e's party in words, for the sentences: the route or port as text in
 * own (n bytes), the others as they are. */
static const char *rc_party_text(const struct rc_entry *e, char *own, size_t n)
{
    if (e->kind == RC_ROUTE) {
        rc_route_text(e->route, own, n);
        return own;
    }
    if (e->kind == RC_PORT) {
        (void)nc_snprintf(own, n, "%u", e->port);
        return own;
    }
    return e->party;
}

/* Fill e for result r.  \return false when r has no party to share */
static bool rc_entry_fill(struct rc_entry *e, const struct nc_check_result *r,
                          size_t i)
{
    const struct nc_tls_info *t = result_tls(r);
    size_t k, n = rc_addr_count(r);

    memset(e, 0, sizeof(*e));
    e->i = (uint32_t)i;
    e->problem = (uint8_t)r->problem;
    e->kind = (uint8_t)rc_kind_of(r);
    switch ((enum rc_kind)e->kind) {
    case RC_RESOLVER:
        e->party = r->dns_server;
        break;
    case RC_PROXY:
        e->party = r->proxy;
        break;
    case RC_ROOT:
        e->party = t->root_cn[0] != '\0' ? t->root_cn : t->root;
        break;
    case RC_ISSUER:
        e->party = t->top_issuer_cn;
        break;
    case RC_ROUTE:
        for (k = 0; k < n; k++) {
            const struct nc_addr_result *a = &r->addrs[k];

            if (a->problem == NC_PROBLEM_ROUTE_MISROUTED && a->route.found) {
                e->route = &a->route;
                break;
            }
        }
        return e->route != NULL;
    case RC_PORT:
        if (r->check == NULL || !rc_port_all_failed(r))
            return false;
        e->port = (uint16_t)r->check->port; /* a URL's port: 1..65535 */
        return true;
    case RC_NONE:
    default:
        return false;
    }
    /* The resolver may be unknown ("" still names the one this machine
     * uses: a run has one); any other party must be known. */
    if (e->party == NULL || (e->party[0] == '\0' && e->kind != RC_RESOLVER))
        return false;
    return true;
}

static int rc_cmp_party(const struct rc_entry *a, const struct rc_entry *b)
{
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->kind == RC_ROUTE)
        return rc_route_cmp(a->route, b->route);
    if (a->kind == RC_PORT)
        return a->port < b->port ? -1 : a->port > b->port ? 1 : 0;
    return strcmp(a->party, b->party);
}

/* By code, then party, then run order: a group is a run of equal keys,
 * led by its first check. */
static int rc_cmp_entry(const void *pa, const void *pb)
{
    const struct rc_entry *a = pa, *b = pb;
    int c;

    if (a->problem != b->problem)
        return a->problem < b->problem ? -1 : 1;
    c = rc_cmp_party(a, b);
    if (c != 0)
        return c;
    return a->i < b->i ? -1 : a->i > b->i ? 1 : 0;
}

static int rc_cmp_involved(const void *pa, const void *pb)
{
    return rc_cmp_party(pa, pb);
}

/* How many checks asked this resolver or tried this port: the entries of
 * inv (sorted by party) equal to key. */
static size_t rc_involved(const struct rc_entry *inv, size_t n,
                          const struct rc_entry *key)
{
    size_t lo = 0, hi = n, first;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (rc_cmp_party(&inv[mid], key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    first = lo;
    hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (rc_cmp_party(&inv[mid], key) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - first;
}

/* "the resolver 198.51.100.53:53" or "the resolver this machine uses". */
static void rc_resolver_text(const char *srv, char *buf, size_t n)
{
    if (srv[0] == '\0')
        (void)nc_strlcpy(buf, "the resolver this machine uses", n);
    else
        (void)nc_snprintf(buf, n, "the resolver %.128s", srv);
}

/* Causes shared through a resolver: what it answered. */
static bool rc_detail_dns(const struct rc_entry *e, size_t count, char *buf,
                          size_t n)
{
    const char *s = count == 1 ? "" : "s";
    const char *every = NULL;
    char who[160];

    rc_resolver_text(e->party, who, sizeof(who));
    switch (e->problem) {
    case NC_PROBLEM_DNS_NXDOMAIN:
        every = "answered NXDOMAIN";
        break;
    case NC_PROBLEM_DNS_NODATA:
        every = "answered no A or AAAA record";
        break;
    case NC_PROBLEM_DNS_SERVFAIL:
        every = "gave no usable answer (SERVFAIL)";
        break;
    case NC_PROBLEM_DNS_INVALID:
        every = "sent no usable reply (malformed, truncated, or matching no "
                "query)";
        break;
    case NC_PROBLEM_DNS_UNREACHABLE:
        (void)nc_snprintf(buf, n,
                          "%s could not be reached (port closed or no "
                          "route) for %zu name%s",
                          who, count, s);
        return true;
    case NC_PROBLEM_DNS_REFUSED:
        (void)nc_snprintf(buf, n, "%s refused to resolve %zu name%s", who,
                          count, s);
        return true;
    case NC_PROBLEM_DNS_TIMEOUT:
        (void)nc_snprintf(buf, n, "%s did not answer in time for %zu name%s",
                          who, count, s);
        return true;
    case NC_PROBLEM_DNS_SINKHOLE:
        (void)nc_snprintf(buf, n,
                          "%s answered %zu name%s with a sinkhole address: a "
                          "DNS filter blocks them",
                          who, count, s);
        return true;
    case NC_PROBLEM_ADDRESS_NOT_PRIVATE:
        (void)nc_snprintf(buf, n,
                          "%s resolved %zu private endpoint%s to public "
                          "addresses",
                          who, count, s);
        return true;
    default:
        return false;
    }
    (void)nc_snprintf(buf, n, "%s %s for every name it was asked (%zu name%s)",
                      who, every, count, s);
    return true;
}

/* Causes shared through a proxy, or through the kernel's route. */
static bool rc_detail_path(const struct rc_entry *e, size_t count, char *buf,
                           size_t n)
{
    const char *s = count == 1 ? "" : "s";

    switch (e->problem) {
    case NC_PROBLEM_PROXY_UNREACHABLE:
        (void)nc_snprintf(buf, n,
                          "the proxy %.300s cannot be reached: the %zu "
                          "host%s behind it were never tried",
                          e->party, count, s);
        return true;
    case NC_PROBLEM_PROXY_AUTH_REQUIRED:
        (void)nc_snprintf(buf, n,
                          "the proxy %.300s requires authentication (407) "
                          "and no credentials were sent",
                          e->party);
        return true;
    case NC_PROBLEM_PROXY_AUTH_FAILED:
        (void)nc_snprintf(buf, n,
                          "the proxy %.300s rejected the credentials sent "
                          "(407)",
                          e->party);
        return true;
    case NC_PROBLEM_PROXY_DENIED:
        (void)nc_snprintf(buf, n, "the proxy %.300s refused %zu destination%s",
                          e->party, count, s);
        return true;
    case NC_PROBLEM_PROXY_OVERLOADED:
        (void)nc_snprintf(buf, n,
                          "the proxy %.300s is overloaded: connections to it "
                          "time out while others succeed",
                          e->party);
        return true;
    case NC_PROBLEM_PROXY_INVALID:
        (void)nc_snprintf(buf, n,
                          "the proxy %.300s answered %zu request%s with "
                          "something that is not valid HTTP",
                          e->party, count, s);
        return true;
    case NC_PROBLEM_ROUTE_MISROUTED:
        if (e->kind == RC_PROXY)
            (void)nc_snprintf(buf, n,
                              "%zu ExpressRoute host%s go through the proxy "
                              "%.300s, whose egress is not the ExpressRoute "
                              "path",
                              count, s, e->party);
        else
            (void)nc_snprintf(buf, n,
                              "traffic to %zu ExpressRoute host%s leaves by "
                              "%s, not by the ExpressRoute path",
                              count, s, e->party);
        return true;
    default:
        return false;
    }
}

/* Causes shared through the root or the missing issuer of the chains. */
static bool rc_detail_tls(const struct rc_entry *e, size_t count, char *buf,
                          size_t n)
{
    const char *s = count == 1 ? "" : "s";

    if (e->problem == NC_PROBLEM_TLS_UNTRUSTED && e->kind == RC_ROOT)
        (void)nc_snprintf(buf, n,
                          "the certificate chains of %zu host%s end in "
                          "the root '%.128s', which this machine does not "
                          "trust: likely TLS inspection by %.128s",
                          count, s, e->party, e->party);
    else if (e->problem == NC_PROBLEM_TLS_UNTRUSTED)
        (void)nc_snprintf(buf, n,
                          "the certificate chains of %zu host%s stop "
                          "short of a trusted root: their issuer '%.128s' "
                          "is not in the trust store",
                          count, s, e->party);
    else if (e->problem == NC_PROBLEM_TLS_INTERCEPTED)
        (void)nc_snprintf(buf, n,
                          "the certificate chains of %zu host%s end in "
                          "'%.128s', not in a root these endpoints use: TLS "
                          "inspection by %.128s",
                          count, s, e->party, e->party);
    else
        return false;
    return true;
}

/* Causes shared through a port: what every connection to it did. */
static bool rc_detail_port(const struct rc_entry *e, size_t count, char *buf,
                           size_t n)
{
    static const struct {
        enum nc_problem problem;
        const char *what;
    } port_what[] = {
        {NC_PROBLEM_TCP_REFUSED, "was refused"},
        {NC_PROBLEM_TCP_TIMEOUT, "timed out"},
        {NC_PROBLEM_TCP_UNREACHABLE, "found no route"},
        {NC_PROBLEM_TCP_RESET, "was reset"},
        {NC_PROBLEM_TIMEOUT, "opened, then stalled"},
    };
    size_t i;

    for (i = 0; i < sizeof(port_what) / sizeof(port_what[0]); i++) {
        if (port_what[i].problem != e->problem)
            continue;
        (void)nc_snprintf(
            buf, n, "every connection to port %s %s (%zu check%s)", e->party,
            port_what[i].what, count, count == 1 ? "" : "s");
        return true;
    }
    return false;
}

/* The sentence naming what the count checks of e's group share. */
static void rc_detail(const struct rc_entry *lead, size_t count, char *buf,
                      size_t n)
{
    struct rc_entry named = *lead;
    const struct rc_entry *e = &named;
    char own[80];
    bool done;

    named.party = rc_party_text(lead, own, sizeof(own));

    switch (e->kind) {
    case RC_RESOLVER:
        done = rc_detail_dns(e, count, buf, n);
        break;
    case RC_PROXY:
    case RC_ROUTE:
        done = rc_detail_path(e, count, buf, n);
        break;
    case RC_ROOT:
    case RC_ISSUER:
        done = rc_detail_tls(e, count, buf, n);
        break;
    case RC_PORT:
        done = rc_detail_port(e, count, buf, n);
        break;
    case RC_NONE:
    default:
        done = false;
        break;
    }
    if (!done)
        (void)nc_snprintf(buf, n, "%zu checks failed the same way", count);
}

void rootcause_list_release(struct rootcause_list *l)
{
    if (l == NULL)
        return;
    nc_free(l->v);
    nc_free(l->of);
    nc_free(l->idx);
    memset(l, 0, sizeof(*l));
}

/* The entries of the failing results that have a party to share, sorted
 * into groups (rc_cmp_entry).  \return count */
static size_t rc_entries_collect(const struct nc_run *run, struct rc_entry *e)
{
    size_t a, ne = 0;

    for (a = 0; a < run->n_results; a++)
        if (rc_failing(&run->results[a]) &&
            rc_entry_fill(&e[ne], &run->results[a], a))
            ne++;
    qsort(e, ne, sizeof(*e), rc_cmp_entry);
    return ne;
}

/* Which kinds of party the "every" rule must count (bit 1 << kind): only
 * those of the groups that need it, so a run whose failures share only a
 * port does not sort an entry per resolver query as well. */
static unsigned rc_every_kinds(const struct rc_entry *e, size_t ne)
{
    unsigned kinds = 0;
    size_t a;

    for (a = 0; a < ne; a++)
        if (rc_needs_every(e[a].problem, e[a].kind))
            kinds |= 1u << e[a].kind;
    /* Only these are counted; a group of another kind finds none. */
    return kinds & ((1u << RC_RESOLVER) | (1u << RC_PORT));
}

/* The entries of every result that asked a resolver (by its server) or
 * tried a port (by the port), of the kinds asked for, sorted by party,
 * for the "every" rule.  \return count */
static size_t rc_involved_collect(const struct nc_run *run, unsigned kinds,
                                  struct rc_entry *inv)
{
    size_t i, m = 0;

    for (i = 0; i < run->n_results; i++) {
        const struct nc_check_result *r = &run->results[i];

        if (kinds & (1u << RC_RESOLVER)) {
            inv[m] = (struct rc_entry){.i = (uint32_t)i, .kind = RC_RESOLVER};
            inv[m].party = r->dns_server;
            m++;
        }
        if ((kinds & (1u << RC_PORT)) && r->check != NULL && rc_port_tried(r)) {
            inv[m] = (struct rc_entry){.i = (uint32_t)i,
                                       .kind = RC_PORT,
                                       .port = (uint16_t)r->check->port};
            m++;
        }
    }
    qsort(inv, m, sizeof(*inv), rc_cmp_involved);
    return m;
}

/* The end of the group that starts at entry a. */
static size_t rc_group_end(const struct rc_entry *e, size_t ne, size_t a)
{
    size_t b = a + 1;

    while (b < ne && e[b].problem == e[a].problem &&
           rc_cmp_party(&e[b], &e[a]) == 0)
        b++;
    return b;
}

/* A group is a run of equal keys in e, sorted by index, so e[a] is its
 * first check. Mark the leaders of the groups kept: lead[first check] is
 * the group's start in e plus one.  \return the number of groups kept */
static size_t rc_leaders_mark(const struct rc_entry *e, size_t ne,
                              const struct rc_entry *inv, size_t ninv,
                              size_t *lead)
{
    size_t a, b, kept = 0;

    for (a = 0; a < ne; a = b) {
        b = rc_group_end(e, ne, a);
        if (b - a < 2 || (rc_needs_every(e[a].problem, e[a].kind) &&
                          rc_involved(inv, ninv, &e[a]) != b - a))
            continue;
        lead[e[a].i] = a + 1;
        kept++;
    }
    return kept;
}

/* Fill l->v (room for every group lead marks) with the causes, numbered in
 * the order of their first check, and l->idx, l->of with their checks. */
static void rc_causes_build(struct rootcause_list *l, const struct rc_entry *e,
                            size_t ne, const size_t *lead)
{
    size_t a, b, g, m, used = 0;

    l->n = 0;
    for (a = 0; a < l->n_results; a++) {
        struct rootcause *c;

        if (lead[a] == 0)
            continue;
        g = lead[a] - 1;
        b = rc_group_end(e, ne, g);
        c = &l->v[l->n++];
        c->problem = e[g].problem;
        c->action = problem_action(e[g].problem);
        c->checks = l->idx + used;
        c->n_checks = b - g;
        for (m = g; m < b; m++) {
            l->idx[used++] = e[m].i;
            l->of[e[m].i] = l->n;
        }
        rc_detail(&e[g], c->n_checks, c->detail, sizeof(c->detail));
    }
    l->all = l->n == 1 && l->v[0].n_checks == l->n_failures;
}

int rootcause_find(const struct nc_run *run, struct rootcause_list *out)
{
    struct rootcause_list l = {0};
    struct rc_entry *e = NULL, *inv = NULL;
    size_t *lead = NULL;
    size_t n = run->n_results, a, ne, ninv = 0;
    unsigned kinds;
    int rc = NC_ENOMEM;

    l.n_results = n;
    for (a = 0; a < n; a++)
        if (rc_failing(&run->results[a]))
            l.n_failures++;
    /* Entries index results in 32 bits: more would not fit in memory. */
    if (l.n_failures < 2 || n > UINT32_MAX) {
        *out = l;
        return 0;
    }
    /* Allocated in the order they are needed, the every-rule's counts
     * freed before the causes' arrays: at 100,000 failing checks, the
     * largest of these arrays are what the end of a run peaks at. */
    e = nc_calloc(l.n_failures, sizeof(*e));
    if (e == NULL)
        goto out;
    ne = rc_entries_collect(run, e);
    kinds = rc_every_kinds(e, ne);
    if (kinds != 0) {
        /* At most one entry of each kind a result. */
        inv = nc_calloc((kinds & (1u << RC_RESOLVER) ? n : 0) +
                            (kinds & (1u << RC_PORT) ? n : 0),
                        sizeof(*inv));
        if (inv == NULL)
            goto out;
        ninv = rc_involved_collect(run, kinds, inv);
    }
    lead = nc_calloc(n, sizeof(*lead));
    if (lead == NULL)
        goto out;
    l.n = rc_leaders_mark(e, ne, inv, ninv, lead);
    nc_free(inv);
    inv = NULL;
    if (l.n > 0) {
        l.v = nc_calloc(l.n, sizeof(*l.v));
        l.of = nc_calloc(n, sizeof(*l.of));
        l.idx = nc_calloc(n, sizeof(*l.idx));
        if (l.v == NULL || l.of == NULL || l.idx == NULL)
            goto out;
        rc_causes_build(&l, e, ne, lead);
    }
    rc = 0;
out:
    nc_free(e);
    nc_free(inv);
    nc_free(lead);
    if (rc != 0) {
        rootcause_list_release(&l);
        return rc;
    }
    *out = l;
    return 0;
}

size_t rootcause_of(const struct rootcause_list *l, size_t i)
{
    if (l == NULL || l->of == NULL || i >= l->n_results)
        return 0;
    return l->of[i];
}

void rootcause_sentence(const struct rootcause_list *l, size_t k, char *buf,
                        size_t n)
{
    const struct rootcause *c;

    if (k >= l->n) {
        (void)nc_strlcpy(buf, "", n);
        return;
    }
    c = &l->v[k];
    if (l->all)
        (void)nc_snprintf(buf, n, "all %zu failures share one cause: %s",
                          c->n_checks, c->detail);
    else
        (void)nc_snprintf(buf, n, "%zu of %zu failures share one cause: %s",
                          c->n_checks, l->n_failures, c->detail);
}
