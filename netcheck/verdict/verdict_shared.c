/* Pure decisions about dependencies many checks share (a resolver, a
 * proxy): when one is evidently dead, the checks still waiting for it fail
 * at once with its cause, so a window of N requests in flight does not turn
 * into N/window rounds of the timeout. It must never lie: one answer of any
 * kind and the dependency is alive; a check failed so says it was not
 * tried on its own. */
#include <stdio.h>
#include <string.h>

#include "str.h"
#include "verdict_int.h"

void verdict_dep_sent(struct nc_dep *d)
{
    d->sent++;
    d->in_flight++;
}

void verdict_dep_ended(struct nc_dep *d, enum nc_dep_end e, long wait_ms)
{
    if (d->in_flight > 0)
        d->in_flight--;
    switch (e) {
    case NC_DEP_END_ANSWERED:
        d->answered++;
        break;
    case NC_DEP_END_GARBLED:
        d->garbled++;
        /* fall through */
    case NC_DEP_END_SILENT:
        d->silent++;
        if (wait_ms > d->wait_ms)
            d->wait_ms = wait_ms;
        break;
    case NC_DEP_END_OTHER:
        break;
    }
}

/* Nothing in flight either: a request still out could yet answer, and
 * one answer would make it alive. Holding new requests back meanwhile
 * (verdict_dep_hold) lets the window drain. */
bool verdict_dep_dead(const struct nc_dep *d)
{
    return d->answered == 0 && d->silent >= NC_DEP_DEAD_SILENT &&
           d->in_flight == 0;
}

bool verdict_dep_hold(const struct nc_dep *d)
{
    return d->answered == 0 && d->silent > 0 && d->in_flight > 0;
}

void verdict_proxy_dead(const struct nc_check *c, const char *proxy,
                        const struct nc_dep *d, enum nc_problem p,
                        struct nc_check_result *res)
{
    /* A failure always has a code: the proxy's own, if none was kept. */
    if (p == NC_PROBLEM_NONE || (unsigned)p >= NC_PROBLEM_MAX)
        p = NC_PROBLEM_PROXY_UNREACHABLE;
    res->via_proxy = true;
    (void)result_printf(res, &res->proxy, NC_PROXY_MAX, "%s", proxy);
    res->status = vd_status_failed(c);
    res->problem = p;
    res->http_status = res->proxy_status = 0;
    (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                        "not tried on its own: the proxy %s answered none of "
                        "the %u requests sent to it (%u got no answer within "
                        "%ld ms), so it was taken as down; %s was never tried",
                        proxy, d->sent, d->silent, d->wait_ms, vd_host_of(c));
    (void)result_printf(res, &res->action, NC_ACTION_MAX,
                        "check that the proxy %s is up and answers (its log, "
                        "its load, a firewall in front of it) and that it is "
                        "the proxy this machine should use (netcheck proxy "
                        "--as-system)",
                        proxy);
}
