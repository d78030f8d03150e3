/* The engine: resolves every name with c-ares, probes every address with
 * curl's multi interface, both on one event loop, and decides each check
 * through verdict.c. Around it: a check's state (probe_check.c), its
 * addresses before probing (probe_addr.c), the connect stage
 * (probe_conn.c), transfers (probe_xfer.c), proxies (probe_proxy.c) and
 * the budgets (probe_sched.c). */
#include "probe.h"

#include <limits.h>
#include <string.h>

#include "hostnet.h"
#include "probe_int.h"
#include "sockfd.h"
#include "str.h"
#include "truststore.h"

static struct paddr *probe_queue_pop(struct paddr_q *q)
{
    struct paddr *pa = TAILQ_FIRST(q);

    TAILQ_REMOVE(q, pa, link);
    return pa;
}

static void probe_check_finish(struct pcheck *pc);

/* Addresses are known (from DNS or a literal): queue one transfer each. */
static void probe_addrs_ready(struct pcheck *pc)
{
    struct nc_check_result *res = pc->res;
    bool usable[2] = {false, false}; /* [0] IPv4, [1] IPv6 */
    size_t i;

    pc->addrs = nc_calloc(res->n_addrs, sizeof(*pc->addrs));
    if (pc->addrs == NULL) {
        pc->e->fatal = NC_ENOMEM;
        return;
    }
    pc->n_paddrs = res->n_addrs;
    for (i = 0; i < res->n_addrs; i++) {
        int fam = res->addrs[i].addr.family;

        if (probe_family_usable(pc->e, fam))
            usable[fam == 6] = true;
    }
    for (i = 0; i < res->n_addrs; i++) {
        struct nc_addr_result *ar = &res->addrs[i];
        bool other = usable[ar->addr.family != 6];

        probe_addr_label(pc->e, pc->c, ar);
        ar->t.dns = ar->t.connect = ar->t.tls = ar->t.first_byte = ar->t.total =
            -1;
        pc->addrs[i].pc = pc;
        pc->addrs[i].idx = i;
        pc->addrs[i].fd = -1;
        if (probe_addr_settled(pc, ar, other)) {
            pc->n_done++;
        } else {
            probe_addr_route(pc->e, ar);
            TAILQ_INSERT_TAIL(&pc->e->pend_q, &pc->addrs[i], link);
            pc->e->n_pend++;
        }
    }
    if (pc->n_done == res->n_addrs)
        probe_check_finish(pc);
}

static void probe_start_lookups(struct engine *e);
static void probe_proxied_part_done(struct pcheck *pc);

static void probe_dns_done(void *ud, const struct dns_answer *ans)
{
    struct pcheck *pc = ud;
    struct nc_check_result *res = pc->res;
    size_t i;

    pc->e->dns_flight--;
    /* The answer is c-ares's word for a socket it could not open: not the
     * resolver's fault, and not this check's verdict. */
    if (dns_resolver_nofile(pc->e->dns)) {
        pc->e->fatal = NC_ELIMIT;
        return;
    }
    res->t.dns = ans->ms;
    /* Exactly as many as the answer holds: a result's memory follows what
     * the check found. */
    if (result_addrs_reserve(res, ans->n_addrs) < 0) {
        pc->e->fatal = NC_ENOMEM;
        return;
    }
    /* A count past UINT_MAX (never seen: a reply holds at most 64 KiB) is
     * said as UINT_MAX. */
    res->addrs_total =
        ans->n_total < UINT_MAX ? (unsigned)ans->n_total : UINT_MAX;
    for (i = 0; i < ans->n_addrs; i++) {
        struct nc_addr_result *ar = result_addr_add(res);

        ar->addr = ans->addrs[i];
        ar->source =
            ans->hosts_line[i] ? NC_ADDR_SOURCE_HOSTS : NC_ADDR_SOURCE_DNS;
        ar->source_line = ans->hosts_line[i];
        ar->source_file = ans->hosts_line[i] ? ans->facts.hosts_file : NULL;
    }
    for (i = 0; i < ans->n_cnames; i++) {
        if (result_cname_add(res, ans->cnames[i]) == NC_ENOMEM) {
            pc->e->fatal = NC_ENOMEM;
            return;
        }
    }
    if (pc->via_proxy) {
        /* The proxy resolves the name; a local failure proves nothing. */
        for (i = 0; i < res->n_addrs; i++) {
            probe_addr_informational(res, &res->addrs[i]);
            probe_addr_label(pc->e, pc->c, &res->addrs[i]);
            res->addrs[i].in_ranges = -1;
        }
        if (probe_proxy_local_dns(pc->px) && probe_proxied_local(pc, ans)) {
            probe_check_done(pc);
            probe_start_lookups(pc->e);
            return;
        }
        probe_proxied_part_done(pc);
        probe_start_lookups(pc->e);
        return;
    }
    /* A DNS problem stays the check's verdict (verdict_check keeps it), but
     * whatever did resolve is still probed and shown per address. */
    (void)verdict_dns(pc->c, &ans->facts, ans->n_addrs, res);
    if (res->n_addrs == 0)
        probe_check_done(pc);
    else
        probe_addrs_ready(pc);
    /* Refill the lookup window from the reply itself, not once per loop
     * turn: a turn full of TLS work would otherwise pace resolution, and
     * late names (with their connects) would start late. */
    probe_start_lookups(pc->e);
}

/* Copy the timings and chain of the address that decided the verdict. */
static void probe_check_finish(struct pcheck *pc)
{
    struct nc_check_result *res = pc->res;
    size_t i, pick = 0;

    verdict_check(pc->c, res);
    if (res->problem == NC_PROBLEM_TLS_UNTRUSTED &&
        pc->e->o->ca_bundle == NULL && truststore_untrusted_note() != NULL)
        (void)result_appendf(res, &res->detail, NC_DETAIL_MAX, "; %s",
                             truststore_untrusted_note());
    for (i = 0; i < res->n_addrs; i++) {
        if (res->addrs[i].status != NC_STATUS_PASS &&
            res->addrs[i].problem == res->problem) {
            pick = i;
            break;
        }
    }
    if (res->n_addrs > 0) {
        const struct nc_timings *t = &res->addrs[pick].t;

        res->t.connect = t->connect;
        res->t.tls = t->tls;
        res->t.first_byte = t->first_byte;
        res->t.total = t->total;
        if (result_tls_set(res, probe_xfer_tls_info(&pc->addrs[pick])) < 0)
            pc->e->fatal = NC_ENOMEM;
    }
    for (i = 0; i < res->n_addrs; i++)
        probe_xfer_tls_free(&pc->addrs[i]);
    probe_check_done(pc);
}

/* A proxied check is decided when its transfer and its informational
 * lookup are both done. */
static void probe_proxied_part_done(struct pcheck *pc)
{
    struct nc_check_result *res = pc->res;

    if (--pc->pending > 0)
        return;
    if (pc->px_dead)
        verdict_proxy_dead(pc->c, pc->px->cfg->url, &pc->px->dep,
                           pc->px->dead_problem, res);
    else
        verdict_proxy(pc->c, &pc->px_facts->pf, &pc->px_facts->f, res);
    if (pc->addrs != NULL) {
        if (result_tls_set(res, probe_xfer_tls_info(&pc->addrs[0])) < 0)
            pc->e->fatal = NC_ENOMEM;
        probe_xfer_tls_free(&pc->addrs[0]);
    }
    probe_check_done(pc);
}

/* Credentials were refused by a proxy that offers Negotiate alone, which
 * the first attempt left out (see probe_proxy_setup): try once more with
 * Negotiate, so the choice follows what the proxy offered. */
static bool probe_proxied_retry(struct engine *e, struct paddr *pa)
{
    const struct nc_proxy_facts *pf = &pa->pc->px_facts->pf;
    long code = pf->tunnel ? pf->connect_code : pa->pc->px_facts->f.http_status;
    size_t i;

    /* SSPI's attempt offered Negotiate already: nothing to retry. */
    if (code != 407 || !pf->creds_sent || pa->negotiate ||
        pa->pc->px->cfg->sspi || pf->n_offered == 0)
        return false;
    for (i = 0; i < pf->n_offered; i++)
        if (nc_strcasecmp(pf->offered[i], "Negotiate") != 0)
            return false;
    probe_addr_release(e, pa);
    memset(pa->pf, 0, sizeof(*pa->pf));
    pa->negotiate = true;
    pa->tunnel_open = false;
    pa->stopped = false;
    e->active--;
    pa->pc->px->active--;
    TAILQ_INSERT_TAIL(&pa->pc->px->pend_q, pa, link);
    return true;
}

/* What the proxy did with this transfer, for the dead-proxy decision:
 * any answer at all (a status line, its TLS certificate, a SOCKS reply, a
 * relayed answer) is life; the first silent one's verdict is the code the
 * checks never sent will carry. */
static void probe_proxy_dep_ended(struct pcheck *pc)
{
    const struct nc_proxy_facts *pf = &pc->px_facts->pf;
    struct probe_px *px = pc->px;
    bool answered = pf->answered || pf->tls_answered || pf->socks_open ||
                    pf->connect_code != 0 || pc->px_facts->f.http_status != 0 ||
                    pf->socks_reply != NC_SOCKS_OK;
    bool silent = !answered && pc->px_facts->f.xfer == NC_XFER_TIMEOUT;

    verdict_dep_ended(&px->dep,
                      answered ? NC_DEP_END_ANSWERED
                      : silent ? NC_DEP_END_SILENT
                               : NC_DEP_END_OTHER,
                      pc->px_facts->f.timeout_ms);
    if (silent && px->dead_problem == NC_PROBLEM_NONE) {
        struct nc_check_result *scratch = nc_calloc(1, sizeof(*scratch));

        if (scratch == NULL) {
            pc->e->fatal = NC_ENOMEM;
            return;
        }
        result_init(scratch, pc->c);
        verdict_proxy(pc->c, pf, &pc->px_facts->f, scratch);
        px->dead_problem = scratch->problem;
        result_release(scratch);
        nc_free(scratch);
    }
}

static void probe_proxied_done(struct engine *e, struct paddr *pa, CURLcode cc)
{
    struct pcheck *pc = pa->pc;
    struct nc_timings t;

    probe_xfer_facts(e, pa, cc, &pc->px_facts->f);
    probe_proxy_facts(e, pa, &pc->px_facts->pf);
    pc->px_facts->pf.er = &e->o->er;
    probe_proxy_dep_ended(pc);
    if (probe_proxied_retry(e, pa))
        return;
    probe_xfer_skew(pa);
    probe_xfer_timings(pa, &t);
    pc->res->t.connect = t.connect;
    pc->res->t.tls = t.tls;
    pc->res->t.first_byte = t.first_byte;
    pc->res->t.total = t.total;
    if (pc->px_facts->f.connected)
        pc->px->ok++;
    else if (pc->px_facts->f.xfer == NC_XFER_TIMEOUT) {
        pc->proxy_timeout = true;
        pc->px->timeouts++;
    }
    {
        struct tls_capture *keep = pa->tls;

        pa->tls = NULL;
        probe_addr_release(e, pa);
        pa->tls = keep;
    }
    e->active--;
    pc->px->active--;
    probe_proxied_part_done(pc);
}

/* The proxy's own name did not resolve: no transfer can run. */
static void probe_proxied_unreachable(struct engine *e, struct paddr *pa)
{
    struct pcheck *pc = pa->pc;

    memset(&pc->px_facts->f, 0, sizeof(pc->px_facts->f));
    pc->px_facts->f.xfer = NC_XFER_CONNECT_FAIL;
    pc->px_facts->f.body_match = -1;
    pc->px_facts->pf = *pa->pf;
    pc->px_facts->pf.tunnel = nc_strcasecmp(pc->c->scheme, "https") == 0;
    (void)e;
    (void)nc_strlcpy(pc->px_facts->pf.proxy, pc->px->cfg->url,
                     sizeof(pc->px_facts->pf.proxy));
    pc->px_facts->pf.dns = pc->px->dns;
    pc->px_facts->pf.er = &e->o->er;
    probe_proxied_part_done(pc);
}

static void probe_xfer_done(struct engine *e, struct paddr *pa, CURLcode cc)
{
    struct pcheck *pc = pa->pc;
    struct nc_addr_result *ar = &pc->res->addrs[pa->idx];
    struct nc_addr_facts f;

    if (pa->proxied) {
        probe_proxied_done(e, pa, cc);
        return;
    }
    if (pa->tls_slot) {
        pa->tls_slot = false;
        e->active_tls--;
    }
    probe_xfer_facts(e, pa, cc, &f);
    f.route = ar->route;
    f.er = &e->o->er;
    probe_xfer_skew(pa);
    probe_xfer_timings(pa, &ar->t);
    ar->http_status = f.http_status;
    verdict_addr(pc->c, &f, pc->res, ar);
    /* Keep the chain: it is copied when the whole check is decided. */
    {
        struct tls_capture *keep = pa->tls;

        pa->tls = NULL;
        probe_addr_release(e, pa);
        pa->tls = keep;
    }
    e->active--;
    if (++pc->n_done == pc->res->n_addrs)
        probe_check_finish(pc);
}

/* The connect stage's report (e->conn_failed): a direct transfer that never
 * reached curl, decided here. */
static void probe_conn_failed(struct engine *e, struct paddr *pa,
                              enum nc_xfer xfer, int err)
{
    struct pcheck *pc = pa->pc;
    struct nc_addr_result *ar = &pc->res->addrs[pa->idx];
    struct nc_addr_facts f;
    long total_ms, connect_ms;

    memset(&f, 0, sizeof(f));
    f.xfer = xfer;
    f.os_errno = err;
    f.body_match = -1;
    f.route = ar->route;
    f.er = &e->o->er;
    probe_sched_budget(e, pc, &total_ms, &connect_ms);
    f.timeout_ms = connect_ms;
    ar->t.connect = ar->t.tls = ar->t.first_byte = -1;
    ar->t.total = (double)(loop_now_us() - pa->conn_start_us) / 1000.0;
    verdict_addr(pc->c, &f, pc->res, ar);
    if (++pc->n_done == pc->res->n_addrs)
        probe_check_finish(pc);
}

static void probe_read_messages(struct engine *e)
{
    CURLMsg *m;
    int left;

    while ((m = curl_multi_info_read(e->multi, &left)) != NULL) {
        struct paddr *pa = NULL;

        if (m->msg != CURLMSG_DONE)
            continue;
        (void)curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &pa);
        if (pa != NULL)
            probe_xfer_done(e, pa, m->data.result);
    }
}

static void probe_curl_fd(int fd, unsigned events, void *ud)
{
    struct engine *e = ud;
    int flags = 0, running;

    if (events & LOOP_READ)
        flags |= CURL_CSELECT_IN;
    if (events & LOOP_WRITE)
        flags |= CURL_CSELECT_OUT;
    (void)curl_multi_socket_action(e->multi, sockfd_to_curl(fd), flags,
                                   &running);
    probe_read_messages(e);
}

static int probe_curl_socket(CURL *h, curl_socket_t s, int what, void *ud,
                             void *sockp)
{
    struct engine *e = ud;
    unsigned ev = 0;

    (void)h;
    (void)sockp;
    if (what == CURL_POLL_IN || what == CURL_POLL_INOUT)
        ev |= LOOP_READ;
    if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT)
        ev |= LOOP_WRITE;
    if (loop_fd_watch(e->loop, sockfd_from_curl(s), ev, probe_curl_fd, e) < 0)
        return -1;
    return 0;
}

static int probe_curl_timer(CURLM *m, long timeout_ms, void *ud)
{
    struct engine *e = ud;

    (void)m;
    e->curl_timeout_ms = timeout_ms;
    if (timeout_ms >= 0)
        e->curl_deadline_ms = loop_now_ms() + (uint64_t)timeout_ms;
    return 0;
}

static int probe_add(struct engine *e, struct paddr *pa)
{
    int r = probe_xfer_setup(e, pa);

    if (r == 0 && curl_multi_add_handle(e->multi, pa->easy) != CURLM_OK)
        r = NC_ENOMEM;
    if (r < 0)
        e->fatal = r;
    else
        e->active++;
    return r;
}

static void probe_start_proxied_transfers(struct engine *e, struct probe_px *px)
{
    size_t cap = e->o->parallel < PROBE_PROXY_PARALLEL ? e->o->parallel
                                                       : PROBE_PROXY_PARALLEL;

    /* Proxied transfers wait for the proxy's own lookup. */
    while (!TAILQ_EMPTY(&px->pend_q) && px->state == PROBE_PROXY_FAILED)
        probe_proxied_unreachable(e, probe_queue_pop(&px->pend_q));
    /* A proxy that answered none of several transfers is not sent the
     * rest: each would wait the whole timeout, a window at a time. */
    while (!TAILQ_EMPTY(&px->pend_q) && px->state == PROBE_PROXY_READY &&
           verdict_dep_dead(&px->dep)) {
        struct pcheck *pc = probe_queue_pop(&px->pend_q)->pc;

        pc->px_dead = true;
        probe_proxied_part_done(pc);
    }
    while (!TAILQ_EMPTY(&px->pend_q) && px->state == PROBE_PROXY_READY &&
           e->active < e->o->parallel && px->active < cap && !e->fatal &&
           !verdict_dep_hold(&px->dep)) {
        if (probe_add(e, probe_queue_pop(&px->pend_q)) == 0) {
            px->active++;
            verdict_dep_sent(&px->dep);
        }
    }
}

static void probe_start_transfers(struct engine *e)
{
    size_t xfer_cap = e->o->parallel < PROBE_XFER_PARALLEL
                          ? e->o->parallel
                          : PROBE_XFER_PARALLEL;

    /* Connects get every slot of --parallel; transfers, which hold TLS
     * state, a bounded share. */
    while (!TAILQ_EMPTY(&e->pend_q) &&
           e->connecting + e->ready + e->active < e->o->parallel && !e->fatal) {
        int r = probe_conn_start(e, probe_queue_pop(&e->pend_q));

        e->n_pend--;
        if (r < 0)
            e->fatal = r;
    }
    while (!TAILQ_EMPTY(&e->ready_q) && e->active_tls < xfer_cap &&
           e->active < e->o->parallel && !e->fatal) {
        struct paddr *pa = probe_queue_pop(&e->ready_q);

        e->ready--;
        if (probe_add(e, pa) == 0) {
            pa->tls_slot = true;
            e->active_tls++;
        }
    }
    while (!TAILQ_EMPTY(&e->ready_plain_q) && e->active < e->o->parallel &&
           !e->fatal) {
        e->ready--;
        (void)probe_add(e, probe_queue_pop(&e->ready_plain_q));
    }
    for (size_t i = 0; i < e->n_px; i++)
        probe_start_proxied_transfers(e, &e->px[i]);
}

/* Queue the one transfer through the proxy, and say whether the local
 * lookup, informational only, is still to be started. */
static bool probe_start_proxied(struct engine *e, struct pcheck *pc,
                                struct nc_addr *lit)
{
    struct paddr *pa;

    pc->addrs = nc_calloc(1, sizeof(*pc->addrs));
    pc->px_facts = nc_calloc(1, sizeof(*pc->px_facts));
    if (pc->addrs == NULL || pc->px_facts == NULL) {
        e->fatal = NC_ENOMEM;
        return true;
    }
    pc->n_paddrs = 1;
    pa = &pc->addrs[0];
    pa->pc = pc;
    pa->fd = -1;
    pa->proxied = true;
    pa->pf = &pc->px_facts->xfer_pf;
    pa->pf->tunnel = nc_strcasecmp(pc->c->scheme, "https") == 0;
    pc->pending = 1;
    if (nc_addr_parse(pc->c->host, lit) == 0) {
        if (result_addr_add(pc->res) == NULL) {
            e->fatal = NC_ENOMEM;
            return true;
        }
        pc->res->addrs[0].addr = *lit;
        pc->res->addrs[0].source = NC_ADDR_SOURCE_LITERAL;
        probe_addr_informational(pc->res, &pc->res->addrs[0]);
        if (probe_proxy_local_dns(pc->px))
            (void)result_printf(pc->res, &pc->res->addrs[0].detail,
                                NC_ADDR_DETAIL_MAX, "%s",
                                "given to the SOCKS proxy as the destination");
        TAILQ_INSERT_TAIL(&pc->px->pend_q, pa, link);
        return true;
    }
    pc->pending++; /* the lookup, started by the caller */
    /* A proxy that resolves names gets the transfer now, beside the
     * informational lookup; socks4:// and socks5:// wait for it. */
    if (!probe_proxy_local_dns(pc->px))
        TAILQ_INSERT_TAIL(&pc->px->pend_q, pa, link);
    return false;
}

/* Enough transfers wait for a connect slot (a round of --parallel):
 * starting more checks now would only hold their memory (a transfer is
 * about 4 KB) while they wait, and a run's memory would grow with its
 * checks instead of its slots. */
static bool probe_pend_full(const struct engine *e)
{
    return e->n_pend >= (size_t)e->o->parallel;
}

static void probe_start_lookups(struct engine *e)
{
    size_t cap = e->o->parallel < PROBE_DNS_PARALLEL ? e->o->parallel
                                                     : PROBE_DNS_PARALLEL;

    /* A lookup can complete inside dns_resolve and call back here: the
     * outer call's loop carries on, so the inner one must not recurse. */
    if (e->in_lookups)
        return;
    e->in_lookups = true;
    while (e->next_dns < e->n_checks && e->dns_flight < cap && !e->fatal &&
           !probe_pend_full(e)) {
        size_t i = e->next_dns;
        const struct nc_check *c = e->run->plan->checks[i];
        struct nc_check_result *res = &e->run->results[i];
        struct pcheck *pc;
        struct nc_addr lit;

        /* The resolver has answered nothing yet and let lookups go
         * unanswered: the ones in flight decide whether it is down, before
         * another window of names is sent into the silence. */
        if (c->skip_reason == NULL && nc_addr_parse(c->host, &lit) != 0 &&
            dns_resolver_hold(e->dns))
            break;
        e->next_dns++;
        /* Decided without running: no engine state at all. */
        if (c->skip_reason != NULL) {
            verdict_skip(c, c->skip_reason, res);
            probe_result_done(e, res);
            continue;
        }
        if (e->o->pac != NULL && e->o->pac[i].kind == PROBE_PAC_FAILED) {
            verdict_pac_failed(e->o->pac[i].why, res);
            probe_result_done(e, res);
            continue;
        }
        pc = probe_check_new(e, i);
        if (pc == NULL) {
            e->fatal = NC_ENOMEM;
            break;
        }
        if (pc->via_proxy && probe_start_proxied(e, pc, &lit))
            continue;
        if (nc_addr_parse(pc->c->host, &lit) == 0) {
            pc->host_is_literal = true;
            if (result_addr_add(pc->res) == NULL) {
                e->fatal = NC_ENOMEM;
                break;
            }
            pc->res->addrs[0].addr = lit;
            pc->res->addrs[0].source = NC_ADDR_SOURCE_LITERAL;
            probe_addrs_ready(pc);
            continue;
        }
        e->dns_flight++;
        if (dns_resolve(e->dns, pc->c->host, probe_dns_done, pc) < 0)
            e->fatal = NC_ENOMEM;
    }
    e->in_lookups = false;
}

static void probe_timers(struct engine *e)
{
    int round, running;

    for (round = 0; round < PROBE_TIMER_ROUNDS; round++) {
        if (e->curl_timeout_ms < 0 || loop_now_ms() < e->curl_deadline_ms)
            break;
        e->curl_timeout_ms = -1;
        (void)curl_multi_socket_action(e->multi, CURL_SOCKET_TIMEOUT, 0,
                                       &running);
        probe_read_messages(e);
    }
    if (dns_next_timeout_ms(e->dns) == 0)
        dns_process_timeouts(e->dns);
    probe_conn_timers(e);
}

static int probe_loop(struct engine *e)
{
    while (e->checks_done < e->n_checks && !e->fatal) {
        probe_reap(e);
        probe_start_lookups(e);
        /* Names first: while lookups still wait for a place in the window,
         * handshakes would take the CPU that paces resolution, and checks
         * resolved late would connect late (the blackholed benchmark lost
         * 0.7 s that way). With fewer names than the window, every lookup
         * starts at once and this never holds anything back. */
        if (e->next_dns >= e->n_checks || probe_pend_full(e))
            probe_start_transfers(e);
        if (e->checks_done == e->n_checks || e->fatal)
            break;
        /* Not NC_EIO: that is reserved for bad input such as the CA file. */
        if (loop_run_once(e->loop, probe_sched_wait_ms(e)) < 0)
            return NC_EINTERNAL;
        probe_timers(e);
    }
    return e->fatal;
}

static int probe_engine_init(struct engine *e, struct nc_diag *diag)
{
    char why[256] = "";
    long dns_ms = e->o->connect_timeout_ms;
    int r;

    r = tls_store_new(e->o->ca_bundle, &e->store, why, sizeof(why));
    if (r == 0 && e->o->proxy_ca_bundle != NULL)
        r = tls_store_new(e->o->proxy_ca_bundle, &e->proxy_store, why,
                          sizeof(why));
    if (r < 0)
        goto fail;
    r = loop_new(&e->loop);
    if (r < 0) {
        (void)nc_strlcpy(why, "cannot create the event loop", sizeof(why));
        goto fail;
    }
    if (e->o->timeout_ms < dns_ms)
        dns_ms = e->o->timeout_ms;
    r = dns_resolver_new(e->loop, e->o->dns_servers, dns_ms, &e->dns, why,
                         sizeof(why));
    if (r < 0)
        goto fail;
    /* --dns-server means DNS only; else the hosts file and DNS in
     * nsswitch.conf's order, as getaddrinfo. */
    if (e->o->dns_servers == NULL && e->o->local != NULL)
        dns_resolver_set_local(e->dns, e->o->local);
    e->multi = curl_multi_init();
    if (e->multi == NULL) {
        r = NC_ENOMEM;
        goto fail;
    }
    (void)curl_multi_setopt(e->multi, CURLMOPT_SOCKETFUNCTION,
                            probe_curl_socket);
    (void)curl_multi_setopt(e->multi, CURLMOPT_SOCKETDATA, e);
    (void)curl_multi_setopt(e->multi, CURLMOPT_TIMERFUNCTION, probe_curl_timer);
    (void)curl_multi_setopt(e->multi, CURLMOPT_TIMERDATA, e);
    e->curl_timeout_ms = -1;
    hostnet_families(&e->has_v4, &e->has_v6);
    r = probe_proxy_start(e);
    if (r < 0)
        goto fail;
    return 0;
fail:
    nc_diag_set(diag, "", 0, "%s", why[0] ? why : nc_strerror(r));
    return r;
}

static void probe_engine_release(struct engine *e)
{
    struct pcheck *pc;

    while ((pc = TAILQ_FIRST(&e->live_q)) != NULL)
        probe_check_free(e, pc);
    nc_free(e->skews);
    nc_free(e->px_timeouts);
    if (e->multi != NULL)
        curl_multi_cleanup(e->multi);
    probe_proxy_release(e);
    nc_free(e->px);
    e->px = NULL;
    dns_resolver_free(e->dns);
    loop_free(e->loop);
    tls_store_free(e->store);
    tls_store_free(e->proxy_store);
}

int probe_run(const struct nc_plan *plan, const struct probe_opts *opts,
              struct nc_run *run, struct nc_diag *diag)
{
    struct engine e;
    uint64_t start = loop_now_us();
    size_t i;
    int r;

    memset(&e, 0, sizeof(e));
    TAILQ_INIT(&e.pend_q);
    TAILQ_INIT(&e.live_q);
    TAILQ_INIT(&e.reap_q);
    TAILQ_INIT(&e.conn_q);
    TAILQ_INIT(&e.ready_q);
    TAILQ_INIT(&e.ready_plain_q);
    e.conn_failed = probe_conn_failed;
    e.o = opts;
    e.run = run;
    e.n_checks = plan->n_checks;
    run->plan = plan;
    run->results = nc_calloc(plan->n_checks, sizeof(*run->results));
    if (run->results == NULL) {
        r = NC_ENOMEM;
        goto out;
    }
    run->n_results = plan->n_checks;
    e.n_px = 2 + (opts->pac != NULL ? opts->n_pac_proxies : 0);
    e.px = nc_calloc(e.n_px, sizeof(*e.px));
    if (e.px == NULL) {
        r = NC_ENOMEM;
        goto out;
    }
    for (i = 0; i < e.n_px; i++)
        TAILQ_INIT(&e.px[i].pend_q);
    for (i = 0; i < plan->n_checks; i++) {
        struct nc_check_result *res = &run->results[i];
        char why[NC_PROXY_REASON_MAX];
        const struct probe_px *px;

        result_init(res, plan->checks[i]);
        if (opts->pac != NULL)
            (void)result_printf(res, &res->pac_answer, NC_PAC_ANSWER_MAX, "%s",
                                opts->pac[i].answer);
        /* The bypass is decided once, here, with curl's NO_PROXY rules
         * (or WinINet's, or the PAC file's answer). */
        px = probe_proxy_for(&e, i, why, sizeof(why));
        if (why[0] != '\0')
            (void)result_printf(res, &res->proxy_reason, NC_PROXY_REASON_MAX,
                                "%s", why);
        /* A check that is not run went nowhere: no reason to give. */
        if (plan->checks[i]->skip_reason != NULL)
            result_text_clear(&res->proxy_reason);
        else if (px != NULL)
            (void)result_printf(res, &res->proxy, NC_PROXY_MAX, "%s",
                                px->cfg->url);
    }
    r = probe_engine_init(&e, diag);
    if (r < 0)
        goto out;
    r = probe_loop(&e);
    if (r == 0) {
        probe_end_overload(&e);
        probe_end_clock(&e);
    }
    for (i = 0; r == 0 && i < run->n_results; i++)
        if (run->results[i].oom)
            r = NC_ENOMEM;
out:
    if (r == NC_ELIMIT && diag->msg[0] == '\0')
        nc_diag_set(diag, "", 0,
                    "out of file descriptors with up to %u check%s in "
                    "flight: lower --parallel or raise the open-file limit "
                    "(ulimit -n)",
                    opts->parallel, opts->parallel == 1 ? "" : "s");
    probe_engine_release(&e);
    run->wall_ms = (double)(loop_now_us() - start) / 1000.0;
    if (r == 0)
        run_summarize(run);
    return r;
}

void probe_results_free(struct nc_run *run)
{
    run_results_free(run);
}
