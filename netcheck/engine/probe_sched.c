/* Scheduling policy: how much network time a check's transfer and connect
 * get (the connect stage and the transfer stage both ask; neither decides
 * it for the other), and how many checks fit in flight under the
 * open-file limit. */
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

unsigned probe_parallel_fit(unsigned parallel, unsigned long long nofile)
{
    unsigned long long room;

    if (nofile >= 2ull * PROBE_FD_RESERVE)
        room = nofile - PROBE_FD_RESERVE;
    else if (nofile / 2 >= PROBE_FD_MIN_RESERVE)
        room = nofile / 2;
    else
        room =
            nofile > PROBE_FD_MIN_RESERVE ? nofile - PROBE_FD_MIN_RESERVE : 1;
    return parallel <= room ? parallel : (unsigned)room;
}

/* The loop sleeps until the nearest of c-ares's, the connects' and curl's
 * deadlines, and at most a second. */
long probe_sched_wait_ms(const struct engine *e)
{
    long wait = 1000, d = dns_next_timeout_ms(e->dns);

    if (d >= 0 && d < wait)
        wait = d;
    if (e->conn_next_deadline_ms != 0) {
        uint64_t now = loop_now_ms();
        long c = e->conn_next_deadline_ms > now
                     ? (long)(e->conn_next_deadline_ms - now)
                     : 0;

        if (c < wait)
            wait = c;
    }
    if (e->curl_timeout_ms >= 0) {
        uint64_t now = loop_now_ms();
        long c =
            e->curl_deadline_ms > now ? (long)(e->curl_deadline_ms - now) : 0;

        if (c < wait)
            wait = c;
    }
    return wait;
}
