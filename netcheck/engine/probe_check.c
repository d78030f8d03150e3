/* A check's engine state: made when the check starts, kept until the
 * loop turn after it is decided (then reaped), and what the run's end
 * needs of it (its clock sample, a timed-out proxy connect) kept apart
 * for the end's two analyses. */
#include <time.h>

#include "probe_int.h"

/* Free what both stages hold for pa: the connect stage's socket (unless
 * curl took it), then the transfer. */
void probe_addr_release(struct engine *e, struct paddr *pa)
{
    probe_conn_release(e, pa);
    probe_xfer_release(e, pa);
}

/* Start check i: its engine state lives until the loop turn after it is
 * decided. The proxy decision was made for the report when the run began
 * (probe_run); it is made again here, as it is pure and cheap, rather
 * than kept for every check of the run.  \return NULL when out of memory */
struct pcheck *probe_check_new(struct engine *e, size_t i)
{
    struct pcheck *pc = nc_calloc(1, sizeof(*pc));
    char why[NC_PROXY_REASON_MAX];

    if (pc == NULL)
        return NULL;
    pc->e = e;
    pc->i = i;
    pc->c = e->run->plan->checks[i];
    pc->res = &e->run->results[i];
    pc->px = probe_proxy_for(e, i, why, sizeof(why));
    pc->via_proxy = pc->px != NULL;
    TAILQ_INSERT_TAIL(&e->live_q, pc, live);
    return pc;
}

/* Free a check's transfers, facts and engine state; what the reports need
 * is in its result, what the run's end needs in the engine
 * (probe_check_done). */
void probe_check_free(struct engine *e, struct pcheck *pc)
{
    size_t j;

    for (j = 0; pc->addrs != NULL && j < pc->n_paddrs; j++)
        probe_addr_release(e, &pc->addrs[j]);
    nc_free(pc->addrs);
    nc_free(pc->px_facts);
    TAILQ_REMOVE(&e->live_q, pc, live);
    nc_free(pc);
}

void probe_reap(struct engine *e)
{
    struct pcheck *pc;

    while ((pc = TAILQ_FIRST(&e->reap_q)) != NULL) {
        TAILQ_REMOVE(&e->reap_q, pc, reap);
        probe_check_free(e, pc);
    }
}

/* Make room for one more of *n items of size bytes in *arr (at most
 * e->n_checks: one a check), doubling.  \return 0 or NC_ENOMEM */
static int probe_keep_room(const struct engine *e, void **arr, size_t n,
                           size_t *cap, size_t size)
{
    size_t ncap;
    void *na;

    if (n < *cap)
        return 0;
    ncap = *cap == 0 ? 16 : 2 * *cap;
    if (ncap > e->n_checks)
        ncap = e->n_checks;
    if (ncap <= n)
        return NC_EINTERNAL; /* more than one a check: cannot happen */
    na = nc_realloc(*arr, ncap * size);
    if (na == NULL)
        return NC_ENOMEM;
    *arr = na;
    *cap = ncap;
    return 0;
}

/* Keep what the run's end needs of a decided check: its clock sample and
 * whether its connect to the proxy timed out. */
static int probe_check_keep(struct engine *e, const struct pcheck *pc)
{
    void *arr;
    int r;

    if (pc->has_skew) {
        arr = e->skews;
        r = probe_keep_room(e, &arr, e->n_skews, &e->cap_skews,
                            sizeof(*e->skews));
        e->skews = arr;
        if (r < 0)
            return r;
        e->skews[e->n_skews++] = pc->skew_s;
    }
    if (pc->proxy_timeout) {
        arr = e->px_timeouts;
        r = probe_keep_room(e, &arr, e->n_px_timeouts, &e->cap_px_timeouts,
                            sizeof(*e->px_timeouts));
        e->px_timeouts = arr;
        if (r < 0)
            return r;
        e->px_timeouts[e->n_px_timeouts].i = pc->i;
        e->px_timeouts[e->n_px_timeouts++].px = pc->px;
    }
    return 0;
}

/* A check's result is final: count it. */
void probe_result_done(struct engine *e, const struct nc_check_result *res)
{
    if (res->oom)
        e->fatal = NC_ENOMEM; /* a text of its verdict was lost */
    e->checks_done++;
    if (e->o->progress != NULL)
        e->o->progress(e->checks_done, e->n_checks, e->o->progress_ud);
}

void probe_check_done(struct pcheck *pc)
{
    struct engine *e = pc->e;
    int r = probe_check_keep(e, pc);

    if (r < 0)
        e->fatal = r;
    TAILQ_INSERT_TAIL(&e->reap_q, pc, reap);
    probe_result_done(e, pc->res);
}

/* Connects to the proxy that timed out while others to it succeeded were
 * the proxy's limit, not the endpoints'. */
void probe_end_overload(struct engine *e)
{
    size_t k;

    for (k = 0; k < e->n_px_timeouts; k++) {
        const struct probe_px *px = e->px_timeouts[k].px;
        size_t i = e->px_timeouts[k].i;

        if (px->ok > 0)
            verdict_proxy_overloaded(e->run->plan->checks[i], px->ok,
                                     px->timeouts, &e->run->results[i]);
    }
}

/* The clock against the endpoints' Date headers; an expired or not yet
 * valid certificate then says whether the clock is the likely cause. */
void probe_end_clock(struct engine *e)
{
    size_t i;

    clock_decide(e->skews, e->n_skews, &e->run->clock);
    for (i = 0; i < e->n_checks; i++)
        verdict_clock_note(&e->run->clock, (long long)time(NULL),
                           &e->run->results[i]);
}
