/* The comparison of two reports (diff.h). Run by run, check by check,
 * address by address; each difference becomes one change, and the status
 * transition of a check decides whether it is a regression. Lookups go
 * through sorted indexes, so a fleet of thousands of machines costs
 * n log n, not n squared. */
#include "diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nc.h"
#include "str.h"

#define PROBLEM_MISROUTED "route_misrouted"

struct dc {
    struct nc_diff *d;
    const struct nc_snap_run *rb, *ra; /* the run pair being compared */
    bool fleet; /* runs matched by host: changes name their machine */
    const struct nc_snap_check *b_check; /* BEFORE's check in check_addrs */
};

static bool str_eq(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

static struct nc_change *change_add(struct dc *x, enum nc_change_kind kind,
                                    const char *check)
{
    struct nc_diff *d = x->d;
    struct nc_change *c;

    if (d->n == d->cap) {
        size_t cap = d->cap != 0 ? d->cap * 2 : 16;
        struct nc_change *v;

        if (cap > SIZE_MAX / sizeof(*v))
            return NULL;
        v = nc_realloc(d->v, cap * sizeof(*v));
        if (v == NULL)
            return NULL;
        d->v = v;
        d->cap = cap;
    }
    c = &d->v[d->n++];
    memset(c, 0, sizeof(*c));
    c->kind = kind;
    c->check = check;
    /* Two single reports are one machine's before and after: naming it
     * on every change says nothing (run reports carry "host" now). */
    c->machine = !x->fleet       ? NULL
                 : x->ra != NULL ? x->ra->machine
                 : x->rb != NULL ? x->rb->machine
                                 : NULL;
    return c;
}

/* Keep s (built here) until diff_release.  \return s, or NULL */
static const char *pool_take(struct nc_diff *d, char *s)
{
    if (s == NULL)
        return NULL;
    if (d->n_pool == d->cap_pool) {
        size_t cap = d->cap_pool != 0 ? d->cap_pool * 2 : 8;
        char **v = nc_realloc(d->pool, cap * sizeof(*v));

        if (v == NULL) {
            nc_free(s);
            return NULL;
        }
        d->pool = v;
        d->cap_pool = cap;
    }
    d->pool[d->n_pool++] = s;
    return s;
}

/* "a, b" of a run's profiles; "" for none.  \return it, or NULL (OOM) */
static const char *profiles_join(struct nc_diff *d, const struct nc_snap_run *r)
{
    size_t i, len = 1;
    char *s;

    for (i = 0; i < r->n_profiles; i++)
        len += strlen(r->profiles[i]) + 2;
    s = nc_malloc(len);
    if (s == NULL)
        return NULL;
    s[0] = '\0';
    for (i = 0; i < r->n_profiles; i++) {
        (void)nc_str_appendf(s, len, "%s%s", i > 0 ? ", " : "", r->profiles[i]);
    }
    return pool_take(d, s);
}

static bool has_profile(const struct nc_snap_run *r, const char *name)
{
    size_t i;

    for (i = 0; i < r->n_profiles; i++)
        if (strcmp(r->profiles[i], name) == 0)
            return true;
    return false;
}

/* The same set of profiles, in any order (-p a -p b is -p b -p a). A
 * report that names none (hand-made, or cut down) matches anything. */
static bool profiles_same(const struct nc_snap_run *a,
                          const struct nc_snap_run *b)
{
    size_t i;

    if (a->n_profiles == 0 || b->n_profiles == 0)
        return true;
    for (i = 0; i < a->n_profiles; i++)
        if (!has_profile(b, a->profiles[i]))
            return false;
    for (i = 0; i < b->n_profiles; i++)
        if (!has_profile(a, b->profiles[i]))
            return false;
    return true;
}

/* "http://proxy:3128 (env)" or "direct (none)". */
static const char *proxy_text(struct nc_diff *d, const struct nc_snap_run *r)
{
    const char *url = r->proxy_url != NULL ? r->proxy_url : "direct";
    size_t len = strlen(url) + strlen(r->proxy_source) + 4;
    char *s = nc_malloc(len);

    if (s == NULL)
        return NULL;
    (void)nc_snprintf(s, len, "%s (%s)", url, r->proxy_source);
    return pool_take(d, s);
}

static int run_level(struct dc *x)
{
    const struct nc_snap_run *b = x->rb, *a = x->ra;
    struct nc_change *c;

    if (!profiles_same(b, a)) {
        x->d->profile_mismatch = true;
        c = change_add(x, NC_CHANGE_PROFILE_CHANGED, NULL);
        if (c == NULL)
            return NC_ENOMEM;
        c->before = profiles_join(x->d, b);
        c->after = profiles_join(x->d, a);
        if (c->before == NULL || c->after == NULL)
            return NC_ENOMEM;
    }
    if (!str_eq(b->region, a->region)) {
        c = change_add(x, NC_CHANGE_REGION_CHANGED, NULL);
        if (c == NULL)
            return NC_ENOMEM;
        c->before = b->region;
        c->after = a->region;
    }
    /* An older or hand-made report that does not say is not a change. */
    if (b->proxy_source != NULL && a->proxy_source != NULL &&
        (!str_eq(b->proxy_url, a->proxy_url) ||
         strcmp(b->proxy_source, a->proxy_source) != 0)) {
        c = change_add(x, NC_CHANGE_PROXY_CHANGED, NULL);
        if (c == NULL)
            return NC_ENOMEM;
        c->before = proxy_text(x->d, b);
        c->after = proxy_text(x->d, a);
        if (c->before == NULL || c->after == NULL)
            return NC_ENOMEM;
    }
    if ((b->clock_warning == NULL) != (a->clock_warning == NULL)) {
        c = change_add(x,
                       a->clock_warning != NULL
                           ? NC_CHANGE_CLOCK_WARNING_APPEARED
                           : NC_CHANGE_CLOCK_WARNING_GONE,
                       NULL);
        if (c == NULL)
            return NC_ENOMEM;
        c->before = b->clock_warning;
        c->after = a->clock_warning;
    }
    return 0;
}

static bool failing(enum nc_status s)
{
    return s == NC_STATUS_FAIL || s == NC_STATUS_WARN;
}

/* The kind of a status transition, or NC_CHANGE_MAX for none. */
static enum nc_change_kind transition(const struct nc_snap_check *b,
                                      const struct nc_snap_check *a)
{
    enum nc_status sb = b->status, sa = a->status;

    if (sa == NC_STATUS_FAIL && sb != NC_STATUS_FAIL)
        return NC_CHANGE_NEWLY_FAILING;
    if (sa == NC_STATUS_WARN && !failing(sb))
        return NC_CHANGE_NEWLY_WARNING;
    if (sa == NC_STATUS_SKIP && sb != NC_STATUS_SKIP)
        return NC_CHANGE_UNVERIFIED;
    if (sa == NC_STATUS_PASS && failing(sb))
        return NC_CHANGE_FIXED;
    if (sa == NC_STATUS_PASS && sb == NC_STATUS_SKIP)
        return NC_CHANGE_VERIFIED;
    if (failing(sa) && failing(sb) && !str_eq(a->problem, b->problem))
        return NC_CHANGE_PROBLEM_CHANGED;
    if (sa != sb)
        return NC_CHANGE_STATUS_CHANGED; /* fail -> warn, same code */
    return NC_CHANGE_MAX;
}

/* Status and code of both sides; detail and action of the side that
 * matters (AFTER's, unless it passes and BEFORE's explains the fix). */
static void check_fill(struct nc_change *c, const struct nc_snap_check *b,
                       const struct nc_snap_check *a)
{
    const struct nc_snap_check *why = a != NULL ? a : b;

    if (why == NULL)
        return;
    if (b != NULL) {
        c->before = status_name(b->status);
        c->before_code = b->problem;
    }
    if (a != NULL) {
        c->after = status_name(a->status);
        c->after_code = a->problem;
    }
    if (a != NULL && a->status == NC_STATUS_PASS && b != NULL)
        why = b;
    c->detail = why->detail;
    c->action = why->action;
}

static int check_status(struct dc *x, const struct nc_snap_check *b,
                        const struct nc_snap_check *a)
{
    enum nc_change_kind k = transition(b, a);
    struct nc_change *c;

    if (k == NC_CHANGE_MAX) {
        if (failing(a->status))
            x->d->unchanged_fails++;
        return 0;
    }
    c = change_add(x, k, a->name);
    if (c == NULL)
        return NC_ENOMEM;
    check_fill(c, b, a);
    /* A required check that passed and is now skipped is no longer
     * verified: a gate must not read that as "nothing got worse". */
    c->regression = k == NC_CHANGE_NEWLY_FAILING ||
                    (k == NC_CHANGE_UNVERIFIED && a->required &&
                     b->status == NC_STATUS_PASS);
    return 0;
}

/* The run kept fewer addresses than the resolver returned. */
static bool snap_capped(const struct nc_snap_check *c)
{
    return c->addrs_total > c->n_addrs;
}

static const struct nc_snap_addr *addr_find(const struct nc_snap_check *c,
                                            const char *ip)
{
    size_t i;

    for (i = 0; i < c->n_addrs; i++)
        if (strcmp(c->addrs[i].ip, ip) == 0)
            return &c->addrs[i];
    return NULL;
}

static int addr_change(struct dc *x, const struct nc_snap_check *a,
                       enum nc_change_kind k, const char *ip,
                       const char *before, const char *after)
{
    struct nc_change *c = change_add(x, k, a->name);

    if (c == NULL)
        return NC_ENOMEM;
    c->address = ip;
    c->before = before;
    c->after = after;
    return 0;
}

static const char *ranges_text(int in_ranges)
{
    return in_ranges > 0    ? "inside"
           : in_ranges == 0 ? "outside"
                            : "no range rule";
}

/* One address present now; ob is the same address before, or NULL. */
static int addr_now(struct dc *x, const struct nc_snap_check *a,
                    const struct nc_snap_addr *aa,
                    const struct nc_snap_addr *ob)
{
    bool tags = x->rb->tags && x->ra->tags;
    int r = 0;

    /* BEFORE probed only some of its addresses: one it lacks may have been
     * past its cap, not new. */
    if (ob == NULL && !snap_capped(x->b_check))
        r = addr_change(x, a, NC_CHANGE_ADDRESS_APPEARED, aa->ip, NULL, aa->ip);
    if (r == 0 && aa->in_ranges == 0 && (ob == NULL || ob->in_ranges != 0))
        r = addr_change(x, a, NC_CHANGE_LEFT_RANGES, aa->ip,
                        ob != NULL ? ranges_text(ob->in_ranges) : NULL,
                        ranges_text(0));
    if (ob == NULL || r != 0)
        return r;
    if (aa->in_ranges > 0 && ob->in_ranges == 0)
        r = addr_change(x, a, NC_CHANGE_ENTERED_RANGES, aa->ip, ranges_text(0),
                        ranges_text(1));
    /* Labels exist only with --service-tags: compare when both had it. */
    if (r == 0 && tags && !str_eq(aa->tag, ob->tag))
        r = addr_change(x, a, NC_CHANGE_TAG_CHANGED, aa->ip,
                        ob->tag != NULL ? ob->tag : "none",
                        aa->tag != NULL ? aa->tag : "none");
    if (r != 0)
        return r;
    if (str_eq(aa->problem, PROBLEM_MISROUTED) &&
        !str_eq(ob->problem, PROBLEM_MISROUTED))
        return addr_change(x, a, NC_CHANGE_ROUTE_OFF_EXPRESSROUTE, aa->ip,
                           ob->route != NULL ? ob->route : "-",
                           aa->route != NULL ? aa->route : "-");
    if (aa->route_found && ob->route_found && !str_eq(aa->route, ob->route))
        return addr_change(x, a, NC_CHANGE_ROUTE_CHANGED, aa->ip, ob->route,
                           aa->route);
    return 0;
}

static int check_addrs(struct dc *x, const struct nc_snap_check *b,
                       const struct nc_snap_check *a)
{
    size_t i;
    int r = 0;

    x->b_check = b;
    for (i = 0; i < a->n_addrs && r == 0; i++)
        r = addr_now(x, a, &a->addrs[i], addr_find(b, a->addrs[i].ip));
    /* AFTER probed only some: the others are uncounted, not gone. */
    for (i = 0; i < b->n_addrs && r == 0 && !snap_capped(a); i++) {
        if (addr_find(a, b->addrs[i].ip) == NULL)
            r = addr_change(x, a, NC_CHANGE_ADDRESS_GONE, b->addrs[i].ip,
                            b->addrs[i].ip, NULL);
    }
    return r;
}

static int check_pair(struct dc *x, const struct nc_snap_check *b,
                      const struct nc_snap_check *a)
{
    struct nc_change *c;
    int r;

    x->d->matched++;
    if (b->url != NULL && a->url != NULL && strcmp(b->url, a->url) != 0) {
        c = change_add(x, NC_CHANGE_URL_CHANGED, a->name);
        if (c == NULL)
            return NC_ENOMEM;
        c->before = b->url;
        c->after = a->url;
    }
    r = check_status(x, b, a);
    if (r == 0)
        r = check_addrs(x, b, a);
    return r;
}

/* A check on one side only. A new check that fails is a regression: the
 * gate fails now, and nothing in BEFORE said it would. */
static int check_alone(struct dc *x, const struct nc_snap_check *b,
                       const struct nc_snap_check *a)
{
    struct nc_change *c;

    if (a == NULL && b == NULL)
        return NC_EINVAL;
    c = change_add(x,
                   a != NULL ? NC_CHANGE_CHECK_ADDED : NC_CHANGE_CHECK_REMOVED,
                   a != NULL ? a->name : b->name);
    if (c == NULL)
        return NC_ENOMEM;
    check_fill(c, b, a);
    c->regression = a != NULL && a->status == NC_STATUS_FAIL;
    return 0;
}

static int check_ptr_cmp(const void *p, const void *q)
{
    const struct nc_snap_check *x = *(const struct nc_snap_check *const *)p;
    const struct nc_snap_check *y = *(const struct nc_snap_check *const *)q;

    return strcmp(x->name, y->name);
}

/* Every check of the run pair, in AFTER's order, then BEFORE's leftovers
 * in BEFORE's order. */
static int run_checks(struct dc *x)
{
    const struct nc_snap_run *b = x->rb, *a = x->ra;
    const struct nc_snap_check **idx = NULL;
    bool *seen = NULL;
    size_t i;
    int r = 0;

    if (b->n_checks > 0) {
        idx = nc_calloc(b->n_checks, sizeof(const struct nc_snap_check *));
        seen = nc_calloc(b->n_checks, sizeof(*seen));
        if (idx == NULL || seen == NULL) {
            r = NC_ENOMEM;
            goto out;
        }
        for (i = 0; i < b->n_checks; i++)
            idx[i] = &b->checks[i];
        qsort(idx, b->n_checks, sizeof(const struct nc_snap_check *),
              check_ptr_cmp);
    }
    for (i = 0; i < a->n_checks && r == 0; i++) {
        const struct nc_snap_check *key = &a->checks[i], **hit = NULL;

        if (idx != NULL)
            hit = bsearch(&key, idx, b->n_checks,
                          sizeof(const struct nc_snap_check *), check_ptr_cmp);
        if (hit == NULL || seen == NULL) {
            r = check_alone(x, NULL, key);
            continue;
        }
        seen[*hit - b->checks] = true;
        r = check_pair(x, *hit, key);
    }
    for (i = 0; seen != NULL && i < b->n_checks && r == 0; i++) {
        if (!seen[i])
            r = check_alone(x, &b->checks[i], NULL);
    }
out:
    nc_free(idx);
    nc_free(seen);
    return r;
}

/* A machine on one side only (fleet reports). */
static int run_alone(struct dc *x)
{
    const struct nc_snap_run *r = x->ra != NULL ? x->ra : x->rb;
    struct nc_change *c;
    size_t i, fails = 0;

    if (r == NULL)
        return NC_EINVAL;
    c = change_add(
        x, x->ra != NULL ? NC_CHANGE_HOST_ADDED : NC_CHANGE_HOST_REMOVED, NULL);
    if (c == NULL)
        return NC_ENOMEM;
    for (i = 0; i < r->n_checks; i++)
        fails += r->checks[i].status == NC_STATUS_FAIL;
    if (x->ra != NULL)
        c->after = r->machine;
    else
        c->before = r->machine;
    c->regression = x->ra != NULL && fails > 0;
    return 0;
}

static int run_ptr_cmp(const void *p, const void *q)
{
    const struct nc_snap_run *x = *(const struct nc_snap_run *const *)p;
    const struct nc_snap_run *y = *(const struct nc_snap_run *const *)q;

    if (x->machine == NULL || y->machine == NULL)
        return (x->machine != NULL) - (y->machine != NULL);
    return strcmp(x->machine, y->machine);
}

static int run_pair(struct dc *x, const struct nc_snap_run *b,
                    const struct nc_snap_run *a)
{
    int r;

    x->rb = b;
    x->ra = a;
    if (b == NULL || a == NULL)
        return run_alone(x);
    r = run_level(x);
    if (r == 0)
        r = run_checks(x);
    return r;
}

static int runs_match(struct dc *x, const struct nc_snapshot *before,
                      const struct nc_snapshot *after)
{
    const struct nc_snap_run **idx;
    bool *seen;
    size_t i;
    int r = 0;

    if (before->n_runs == 0 || after->n_runs == 0)
        return NC_EINVAL; /* the reader never makes one */
    idx = nc_calloc(before->n_runs, sizeof(const struct nc_snap_run *));
    seen = nc_calloc(before->n_runs, sizeof(*seen));
    if (idx == NULL || seen == NULL) {
        r = NC_ENOMEM;
        goto out;
    }
    for (i = 0; i < before->n_runs; i++)
        idx[i] = &before->runs[i];
    qsort(idx, before->n_runs, sizeof(const struct nc_snap_run *), run_ptr_cmp);
    for (i = 0; i < after->n_runs && r == 0; i++) {
        const struct nc_snap_run *key = &after->runs[i], **hit;

        hit = bsearch(&key, idx, before->n_runs,
                      sizeof(const struct nc_snap_run *), run_ptr_cmp);
        if (hit != NULL)
            seen[*hit - before->runs] = true;
        r = run_pair(x, hit != NULL ? *hit : NULL, key);
    }
    for (i = 0; i < before->n_runs && r == 0; i++) {
        if (!seen[i])
            r = run_pair(x, &before->runs[i], NULL);
    }
out:
    nc_free(idx);
    nc_free(seen);
    return r;
}

int diff_compare(const struct nc_snapshot *before,
                 const struct nc_snapshot *after, struct nc_diff *out)
{
    struct dc x;
    size_t i;
    int r;

    memset(out, 0, sizeof(*out));
    if (before == NULL || after == NULL)
        return NC_EINVAL;
    out->before = before;
    out->after = after;
    memset(&x, 0, sizeof(x));
    x.d = out;
    /* One machine each: the same machine's before and after, whatever
     * each calls itself; the host matters only across a fleet. */
    if (!before->fleet && !after->fleet && before->n_runs == 1 &&
        after->n_runs == 1)
        r = run_pair(&x, &before->runs[0], &after->runs[0]);
    else {
        x.fleet = true;
        r = runs_match(&x, before, after);
    }
    if (r != 0) {
        diff_release(out);
        memset(out, 0, sizeof(*out));
        return r;
    }
    for (i = 0; i < out->n; i++)
        out->regressions += out->v[i].regression;
    return 0;
}
