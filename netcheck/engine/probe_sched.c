/* Scheduling policy: how much network time a check's transfer and connect
 * get. The connect stage and the transfer stage both ask; neither decides
 * it for the other. */
#include "probe_int.h"

/* --timeout bounds a check's network time, lookup included (as curl -m
 * does); time spent waiting for a free slot is not network time and does
 * not count. */
void probe_sched_budget(const struct engine *e, const struct pcheck *pc,
                        long *total_ms, long *connect_ms)
{
    long left = e->o->timeout_ms;

    /* A proxied check's local lookup runs beside its transfer, except
     * for socks4:// and socks5://, whose transfer waits for it. */
    if (pc->res->t.dns > 0 && (!pc->via_proxy || probe_proxy_local_dns(pc->px)))
        left -= (long)pc->res->t.dns;
    if (left < PROBE_MIN_BUDGET_MS)
        left = PROBE_MIN_BUDGET_MS;
    *total_ms = left;
    *connect_ms =
        e->o->connect_timeout_ms < left ? e->o->connect_timeout_ms : left;
}

long probe_sched_left(const struct engine *e, const struct paddr *pa)
{
    long total_ms, connect_ms, left;

    probe_sched_budget(e, pa->pc, &total_ms, &connect_ms);
    left = total_ms - (long)pa->conn_ms;
    return left < PROBE_MIN_BUDGET_MS ? PROBE_MIN_BUDGET_MS : left;
}
