/* Internals shared by the engine's files: probe.c schedules lookups and
 * transfers on the loop; probe_xfer.c sets up one curl transfer and maps
 * what it saw into facts. Not for other modules. */
#ifndef NC_PROBE_INT_H
#define NC_PROBE_INT_H

#include <curl/curl.h>
#include <stdbool.h>

#include "dns.h"
#include "list.h"
#include "loop.h"
#include "probe.h"
#include "tls.h"
#include "verdict.h"

/* Bytes of body kept when a check expects a body; beyond this the transfer
 * is stopped on purpose (the expected text must come early). */
#define PROBE_BODY_CAP (64u * 1024u)
/* A header block this large was refused by curl, not cut by a reset:
 * curl's own limit on one header line (CURL_MAX_HTTP_HEADER, 100 KiB;
 * the whole block may hold 300 KiB), far beyond any real answer's. */
#define PROBE_HEAD_HUGE (100u * 1024u)
/* Timer rounds handled per loop turn, so a storm of expiring timers cannot
 * starve socket events (h2o's cap). */
#define PROBE_TIMER_ROUNDS 8
/* Floor for a transfer's budget after a slow lookup. */
#define PROBE_MIN_BUDGET_MS 100L

struct pcheck;

/* One transfer: one check to one resolved address. */
struct paddr {
    struct pcheck *pc;
    size_t idx;
    CURL *easy;
    struct curl_slist *connect_to;
    char errbuf[CURL_ERROR_SIZE];
    char *body;
    size_t body_len;
    bool stopped; /* we ended the transfer: we had what we needed */
    /* The destination's handshake, allocated on its first TLS connection
     * (https:// checks only): the capture is about 1.2 KB, and a round of
     * --parallel transfers waits for a connect slot. */
    struct tls_capture *tls;
    /* The https:// proxy's own handshake, allocated on its first TLS
     * connection: most checks have no such proxy, and the capture holds a
     * whole chain's names (about 1.2 KB an address). */
    struct tls_capture *ptls;
    /* In one queue at a time: pending, connecting, ready, a proxy's. */
    TAILQ_ENTRY(paddr) link;
    /* Through the proxy: what its answers said, read from the headers. */
    bool proxied;
    bool tunnel_open; /* a 2xx answered the CONNECT */
    bool negotiate;   /* second attempt: the proxy offered Negotiate only */
    /* The answer's Date (RFC 9110 §6.6.1) and when it arrived, on the
     * wall clock: the clock skew sample. */
    bool has_date;
    long long date_s, date_recv_us;
    /* Bytes of the header block still open (reset by its blank line):
     * how curl's "headers too large" is told from a reset without
     * reading curl's message. */
    size_t head_bytes;
    /* Proxied transfers only (NULL for direct ones, which are most): what
     * the proxy's answers said so far, borrowed from the check's pproxied
     * (its xfer_pf), as the facts are 2.7 KB. */
    struct nc_proxy_facts *pf;
    /* Direct transfers connect first, on our own socket (probe_conn.c):
     * a connect costs a socket, a TLS transfer tens of KiB, so the two
     * stages have their own limits. */
    int fd;            /* connected (or connecting) socket, or -1 */
    bool fd_given;     /* handed to curl, which closes it */
    bool preconnected; /* curl got an already connected socket */
    bool tls_slot;     /* holds one of the PROBE_XFER_PARALLEL slots */
    uint64_t conn_start_us;
    uint64_t conn_deadline_ms;
    double conn_ms; /* how long the TCP connect took */
};

/* A FIFO of transfers, linked through paddr.link. */
TAILQ_HEAD(paddr_q, paddr);

/* What a proxied check's one transfer saw, kept for its verdict:
 * allocated only for checks that go through a proxy (about 4 KB). */
struct pproxied {
    struct nc_addr_facts f;
    struct nc_proxy_facts pf;
    struct nc_proxy_facts xfer_pf; /* the running transfer's (paddr.pf) */
};

/* A check being run: allocated when it starts (probe_start_lookups),
 * freed on the loop turn after it is decided (probe_reap), so the engine
 * holds state for the checks in flight only, never for all of a run's.
 * What the run's end needs of it (its clock sample, a timed-out connect
 * to its proxy) is copied into the engine when it is decided. */
struct pcheck {
    struct engine *e;
    size_t i; /* its index in the plan, the results and o->pac */
    const struct nc_check *c;
    struct nc_check_result *res;
    struct paddr *addrs; /* n_paddrs; freed once the check is decided */
    size_t n_paddrs;
    size_t n_done;
    /* In engine.live_q from its start until it is freed. */
    TAILQ_ENTRY(pcheck) live;
    /* Decided, waiting in engine.reap_q to be freed. */
    TAILQ_ENTRY(pcheck) reap;
    struct probe_px *px;       /* the proxy it goes through, or NULL */
    struct pproxied *px_facts; /* with via_proxy, from probe_start_proxied */
    double skew_s;
    int pending;
    bool host_is_literal;
    /* Through the proxy: one transfer, and a local lookup that only
     * informs (for socks4:// and socks5:// it comes first and gives the
     * address); the check is decided when both are done. */
    bool via_proxy;
    bool proxy_timeout; /* the TCP connect to the proxy timed out */
    bool px_dead;       /* never sent: the proxy was taken as down */
    bool has_skew;      /* one clock sample per endpoint that answered */
};

enum probe_proxy_state {
    PROBE_PROXY_OFF = 0,
    PROBE_PROXY_RESOLVING,
    PROBE_PROXY_READY,
    PROBE_PROXY_FAILED
};

/* One proxy in use: its own lookup, the pin of its addresses, its queue. */
struct probe_px {
    struct engine *e;
    const struct probe_proxy *cfg;
    enum probe_proxy_state state;
    enum nc_dns_outcome dns;
    struct curl_slist *resolve;
    struct paddr_q pend_q;
    size_t active;
    size_t ok, timeouts; /* TCP connects to the proxy */
    /* What it did with the transfers sent so far; the code its first
     * silent one got, carried by those never sent once it is dead. */
    struct nc_dep dep;
    enum nc_problem dead_problem;
};

TAILQ_HEAD(pcheck_q, pcheck);

/* A check whose TCP connect to its proxy timed out: judged again at the
 * end of the run, when the proxy's other connects are known. */
struct pcheck_px_timeout {
    size_t i; /* index of the check */
    const struct probe_px *px;
};

struct engine {
    const struct probe_opts *o;
    struct nc_run *run;
    size_t n_checks;
    /* The checks started and not yet freed (struct pcheck). */
    struct pcheck_q live_q;
    /* Checks decided since the last loop turn: they are freed at the top
     * of the next one, when no caller up the stack still holds one, so a
     * run's memory follows the checks in flight, not all. */
    struct pcheck_q reap_q;
    /* Kept from the decided checks for the run's end: the clock samples
     * (one per endpoint that sent a usable Date) and the proxy connects
     * that timed out; each grown as needed, at most one a check. */
    double *skews;
    size_t n_skews, cap_skews;
    struct pcheck_px_timeout *px_timeouts;
    size_t n_px_timeouts, cap_px_timeouts;
    size_t next_dns;   /* next check index to resolve */
    size_t dns_flight; /* lookups in flight */
    size_t checks_done;
    struct paddr_q pend_q;
    size_t n_pend; /* in pend_q: bounds the checks started (probe.c) */
    size_t active; /* transfers in the multi handle */
    struct nc_loop *loop;
    struct dns_resolver *dns;
    struct tls_store *store;
    struct tls_store *proxy_store; /* --proxy-ca-bundle, or NULL */
    CURLM *multi;
    long curl_timeout_ms; /* -1: no curl timer */
    uint64_t curl_deadline_ms;
    int fatal;           /* nc_err that stops the run (out of memory) */
    bool has_v4, has_v6; /* this host has an address of the family */
    bool in_lookups;     /* probe_start_lookups is running */
    /* One per distinct proxy: [0] http:// checks, [1] https:// ones,
     * then one per entry of o->pac_proxies; a proxy that equals an
     * earlier one is that one (probe_proxy_for). */
    struct probe_px *px;
    size_t n_px;
    /* The connect stage: sockets connecting, and connected ones waiting
     * for a transfer slot (waiting is not network time: no timer). */
    struct paddr_q conn_q;
    size_t connecting;
    uint64_t conn_next_deadline_ms; /* earliest deadline, 0: none */
    struct paddr_q ready_q;         /* https: PROBE_XFER_PARALLEL at most */
    struct paddr_q ready_plain_q;   /* http: --parallel's slots */
    size_t ready;                   /* in both */
    size_t active_tls;              /* direct TLS transfers in curl */
    /* How the connect stage reports a connect that failed or timed out,
     * set by probe.c: the stage never calls up into the scheduler. */
    void (*conn_failed)(struct engine *e, struct paddr *pa, enum nc_xfer xfer,
                        int err);
};

/* Direct TLS transfers in the multi handle at once. Connects are cheap
 * and get --parallel slots; a TLS transfer holds an OpenSSL context and
 * handshake state, so fewer run at a time (the benchmark was as fast with
 * 64 as with 1024, at a third of the memory). Plain HTTP transfers hold no
 * such state and take --parallel's slots: a server that trickles bytes
 * (slow-loris) to hundreds of them then costs the run one timeout, not one
 * per 128 checks. */
#define PROBE_XFER_PARALLEL 128u

/*! Start the TCP connect of a direct transfer on our own non-blocking
 *  socket; it ends in the ready queue, or is handed to e->conn_failed
 *  (refused, timed out).
 *  \return 0 or NC_ENOMEM */
int probe_conn_start(struct engine *e, struct paddr *pa);

/*! Expire connects past their deadline; the earliest deadline left is in
 *  e->conn_next_deadline_ms. */
void probe_conn_timers(struct engine *e);

/*! Close what the connect stage holds for pa (socket not given to curl).
 *  The connect stage owns the socket until curl takes it. */
void probe_conn_release(struct engine *e, struct paddr *pa);

/*! The proxy check i goes through (NULL: direct): the PAC file's answer
 *  for it, else by its scheme and the proxy's NO_PROXY (or WinINet
 *  bypass) list. reason (n bytes) says why, for the report ("" when no
 *  proxy was in force for it). */
struct probe_px *probe_proxy_for(struct engine *e, size_t i, char *reason,
                                 size_t n);

/*! Start resolving the proxies' own names (or pin literals).
 *  \return 0 or NC_ENOMEM */
int probe_proxy_start(struct engine *e);

/*! Does the proxy take an address that netcheck resolves (socks4://,
 *  socks5://), rather than the name? */
bool probe_proxy_local_dns(const struct probe_px *px);

/*! Proxy settings of a proxied transfer's easy handle.
 *  \return 0 or NC_ENOMEM */
int probe_proxy_setup(struct engine *e, struct paddr *pa);

/*! Read one header line of a proxied transfer (the proxy's answers). */
void probe_proxy_header(struct paddr *pa, const char *buf, size_t len);

/*! Is line (len bytes) the header name? Then value/vlen are its trimmed
 *  value. */
bool probe_hdr_is(const char *line, size_t len, const char *name,
                  const char **value, size_t *vlen);

/*! Copy an untrusted header value, printable ASCII only. */
void probe_copy_value(char *dst, size_t n, const char *v, size_t vlen);

/*! The clock skew sample of a finished transfer (seconds, theirs minus
 *  ours), into pc when it has none yet. */
void probe_xfer_skew(struct paddr *pa);

/*! Fill pf from a finished proxied transfer. */
void probe_proxy_facts(struct engine *e, struct paddr *pa,
                       struct nc_proxy_facts *pf);

/*! Free what probe_proxy_start allocated. */
void probe_proxy_release(struct engine *e);

/*! Create and configure the easy handle of one transfer (pinned to its
 *  address, or through the proxy).  \return 0, NC_ENOMEM or NC_ELIMIT */
int probe_xfer_setup(struct engine *e, struct paddr *pa);

/*! Remove the transfer from the multi handle and free what it holds
 *  (the socket is the connect stage's: probe_conn_release). */
void probe_xfer_release(struct engine *e, struct paddr *pa);

/*! What pa's handshake with the destination showed; an empty record
 *  (present false) when there was none. */
const struct nc_tls_info *probe_xfer_tls_info(const struct paddr *pa);

/*! Free pa's capture of the destination's handshake (NULL after). */
void probe_xfer_tls_free(struct paddr *pa);

/*! Map how the transfer ended (curl code, curl info, the TLS capture) to
 *  netcheck's own facts. */
void probe_xfer_facts(struct engine *e, struct paddr *pa, CURLcode cc,
                      struct nc_addr_facts *f);

/*! A check's network budget (probe_sched.c): the whole transfer
 *  (--timeout less its own lookup) and the TCP connect (--connect-timeout,
 *  within the first). */
void probe_sched_budget(const struct engine *e, const struct pcheck *pc,
                        long *total_ms, long *connect_ms);

/*! What is left of the budget for curl once our own connect took its
 *  share (pa->conn_ms). */
long probe_sched_left(const struct engine *e, const struct paddr *pa);

/* ---- a check's engine state (probe_check.c) ---- */

/*! Start check i: its state, with the proxy it goes through.
 *  \return NULL when out of memory */
struct pcheck *probe_check_new(struct engine *e, size_t i);

/*! Free what both stages hold for pa (socket, transfer). */
void probe_addr_release(struct engine *e, struct paddr *pa);

/*! Free a check's transfers, facts and state. */
void probe_check_free(struct engine *e, struct pcheck *pc);

/*! Free the checks decided on an earlier loop turn. */
void probe_reap(struct engine *e);

/*! Count a final result (and report progress). */
void probe_result_done(struct engine *e, const struct nc_check_result *res);

/*! The check is decided: keep what the run's end needs, reap it on the
 *  next loop turn, count its result. */
void probe_check_done(struct pcheck *pc);

/*! The run's end: proxy connects that timed out while others succeeded
 *  were the proxy's limit (verdict_proxy_overloaded). */
void probe_end_overload(struct engine *e);

/*! The run's end: the clock against the endpoints' Date headers, and the
 *  note on expired certificates it explains. */
void probe_end_clock(struct engine *e);

/* ---- a check's addresses before probing (probe_addr.c) ---- */

/*! Has this host an address of family 4 or 6? */
bool probe_family_usable(const struct engine *e, int family);

/*! Is this address left out (a sinkhole answer, an unusable family while
 *  the other is usable)? Then its result is written.  \return true */
bool probe_addr_settled(struct pcheck *pc, struct nc_addr_result *ar,
                        bool other_family_usable);

/*! in_ranges from the check's ranges and service tag, and the address's
 *  most specific service tag as a label. */
void probe_addr_label(const struct engine *e, const struct nc_check *c,
                      struct nc_addr_result *ar);

/*! The route the kernel would take to the address (unknown when the
 *  lookup cannot run). */
void probe_addr_route(const struct engine *e, struct nc_addr_result *ar);

/*! A local answer the proxy makes moot: shown, not probed. */
void probe_addr_informational(struct nc_check_result *res,
                              struct nc_addr_result *ar);

/*! socks4:// and socks5://: pick the resolved address the proxy is given
 *  (queued on the proxy), or decide the check when none is usable.
 *  \return true when decided */
bool probe_proxied_local(struct pcheck *pc, const struct dns_answer *ans);

/*! How long the loop may wait for events (probe_sched.c): until the
 *  nearest deadline of the resolver, the connects and curl, at most 1 s. */
long probe_sched_wait_ms(const struct engine *e);

/*! Fill the per-address timings from the transfer. */
void probe_xfer_timings(struct paddr *pa, struct nc_timings *t);

#ifdef NETCHECK_UNITTESTS
/*! Was a receive error one of HTTP framing curl refused (headers too
 *  large, a broken chunk size)? From curl's message (errbuf), or, whatever
 *  it says, from head_bytes: the bytes of a header block that never ended,
 *  at least PROBE_HEAD_HUGE. Then *fault says which. */
bool probe_xfer_framing(const char *errbuf, size_t head_bytes,
                        enum nc_http_fault *fault);

/*! curl's header callback of every transfer (ud: the struct paddr): the
 *  Date sample, and the proxy's own headers when proxied.
 *  \return size * nitems (never stops the transfer) */
size_t probe_header(char *buf, size_t size, size_t nitems, void *ud);
#endif

#endif
