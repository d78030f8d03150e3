/* A run just made, as the snapshot its JSON report would read back as
 * (report.h: report_snapshot_new), for `run --baseline`. Every field is
 * taken the way report_json.c writes it; tests/unit/test_report_snapshot.c
 * reads the JSON of the same run and compares, so the two cannot drift. */
#include "report.h"
#include "report_int.h"

#include <string.h>

#include "esc.h"
#include "nc.h"
#include "str.h"

/* A copy of s as the JSON report holds it (invalid UTF-8 bytes become
 * "\\xHH", esc.h), NULL for NULL or "" (JSON null).  \return 0 or NC_ENOMEM */
static int dup_or_null(const char *s, char **out)
{
    *out = NULL;
    if (s == NULL || s[0] == '\0')
        return 0;
    *out = nc_esc_dup(s, NC_ESC_UTF8);
    return *out != NULL ? 0 : NC_ENOMEM;
}

static int route_text(const struct nc_route *rt, char **out)
{
    char via[NC_ADDRSTRLEN], buf[128];

    *out = NULL;
    if (!rt->found)
        return 0;
    if (rt->has_via) {
        nc_addr_format(&rt->via, via, sizeof(via));
        (void)nc_snprintf(buf, sizeof(buf), "%s via %s",
                          rt->dev[0] != '\0' ? rt->dev : "?", via);
    } else {
        (void)nc_snprintf(buf, sizeof(buf), "%s",
                          rt->dev[0] != '\0' ? rt->dev : "?");
    }
    return dup_or_null(buf, out);
}

static int addr_fill(const struct nc_addr_result *a, struct nc_snap_addr *o,
                     bool *tags)
{
    char ip[NC_ADDRSTRLEN];
    int r;

    o->status = a->status;
    o->in_ranges = a->in_ranges < 0 ? -1 : a->in_ranges > 0 ? 1 : 0;
    o->route_found = a->route.found;
    *tags = *tags || (a->tag != NULL && a->tag[0] != '\0');
    r = dup_or_null(result_addr_ip(a, ip, sizeof(ip)), &o->ip);
    if (r == 0 && o->ip == NULL)
        r = dup_or_null("?", &o->ip);
    if (r == 0)
        r = dup_or_null(problem_code(a->problem), &o->problem);
    if (r == 0)
        r = dup_or_null(a->tag, &o->tag);
    if (r == 0)
        r = route_text(&a->route, &o->route);
    return r;
}

static int check_fill(const struct nc_check_result *res,
                      struct nc_snap_check *o, bool *tags)
{
    size_t i, n = report_addr_count(res);
    int r;

    o->status = res->status;
    o->required = res->check->required;
    r = dup_or_null(res->check->name, &o->name);
    if (r == 0 && o->name == NULL)
        r = dup_or_null("?", &o->name);
    if (r == 0)
        r = dup_or_null(res->check->url, &o->url);
    if (r == 0)
        r = dup_or_null(problem_code(res->problem), &o->problem);
    if (r == 0)
        r = dup_or_null(res->detail, &o->detail);
    if (r == 0)
        r = dup_or_null(res->action, &o->action);
    o->addrs_total = result_addrs_total(res);
    if (r != 0 || n == 0)
        return r;
    o->addrs = nc_calloc(n, sizeof(*o->addrs));
    if (o->addrs == NULL)
        return NC_ENOMEM;
    o->n_addrs = n;
    for (i = 0; i < n && r == 0; i++)
        r = addr_fill(&res->addrs[i], &o->addrs[i], tags);
    return r;
}

static int run_fill(const struct nc_run *run, struct nc_snap_run *o)
{
    const struct nc_profile *rp = report_region_profile(run->plan);
    const struct nc_plan *plan = run->plan;
    char clk[300];
    size_t i;
    int r = 0;

    if (plan != NULL && plan->n_profiles > 0) {
        o->profiles = nc_calloc(plan->n_profiles, sizeof(*o->profiles));
        if (o->profiles == NULL)
            return NC_ENOMEM;
        o->n_profiles = plan->n_profiles;
        for (i = 0; i < plan->n_profiles && r == 0; i++)
            r = dup_or_null(plan->profiles[i] != NULL ? plan->profiles[i]->name
                                                      : "?",
                            &o->profiles[i]);
    }
    /* The machine, as report_json.c writes "host". */
    if (r == 0)
        r = dup_or_null(run->host, &o->machine);
    if (r == 0 && rp != NULL)
        r = dup_or_null(rp->region, &o->region);
    if (r == 0)
        r = dup_or_null(proxy_source_name(run->proxy_source), &o->proxy_source);
    if (r == 0)
        r = dup_or_null(run->proxy_url, &o->proxy_url);
    if (r == 0 && report_clock_warning(&run->clock, clk, sizeof(clk)))
        r = dup_or_null(clk, &o->clock_warning);
    if (r != 0 || run->n_results == 0)
        return r;
    o->checks = nc_calloc(run->n_results, sizeof(*o->checks));
    if (o->checks == NULL)
        return NC_ENOMEM;
    o->n_checks = run->n_results;
    for (i = 0; i < run->n_results && r == 0; i++)
        r = check_fill(&run->results[i], &o->checks[i], &o->tags);
    return r;
}

int report_snapshot_new(const struct nc_run *run, const char *source,
                        struct nc_snapshot **out)
{
    struct nc_snapshot *s;
    size_t i;
    int r;

    if (run == NULL || (run->n_results > 0 && run->results == NULL))
        return NC_EINVAL;
    for (i = 0; i < run->n_results; i++)
        if (run->results[i].check == NULL)
            return NC_EINVAL;
    s = nc_calloc(1, sizeof(*s));
    if (s == NULL)
        return NC_ENOMEM;
    r = dup_or_null(source != NULL ? source : "this run", &s->source);
    if (r == 0)
        r = dup_or_null(NC_VERSION, &s->version);
    if (r == 0) {
        s->runs = nc_calloc(1, sizeof(*s->runs));
        r = s->runs != NULL ? 0 : NC_ENOMEM;
    }
    if (r == 0) {
        s->n_runs = 1;
        r = run_fill(run, &s->runs[0]);
    }
    if (r != 0) {
        snapshot_free(s);
        return r;
    }
    *out = s;
    return 0;
}
