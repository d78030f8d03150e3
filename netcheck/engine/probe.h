/* The check engine: resolves every name with c-ares, probes every resolved
 * address with libcurl's multi interface on one event loop, and turns what
 * it saw into results through verdict.c. */
#ifndef NC_PROBE_H
#define NC_PROBE_H

#include <stddef.h>

#include "dns.h"
#include "nc.h"
#include "profile.h"
#include "proxy.h"
#include "result.h"
#include "route.h"
#include "servicetags.h"
#include "verdict.h"

#define PROBE_DEFAULT_TIMEOUT_MS         10000L
#define PROBE_DEFAULT_CONNECT_TIMEOUT_MS 5000L
/* Checks in flight (connects on our own sockets; TLS transfers are bounded
 * apart, PROBE_XFER_PARALLEL). 1000 checks with 10% blackholed must finish
 * within timeout + 10%, so every blackholed connect must start within the
 * first tenth of the timeout: 256 slots measured 3.7 s at --timeout 3, as
 * late checks waited behind handshakes. A pending connect costs only a
 * socket, so the whole workload can connect at once. */
#define PROBE_DEFAULT_PARALLEL 1024u
#define PROBE_MAX_PARALLEL     4096u
/* Names being resolved at once (two queries each). A burst of hundreds of
 * UDP queries overflows a resolver's receive buffer (dnsmasq dropped a
 * quarter of 512 in the benchmark), and a dropped query waits a whole retry
 * interval: false dns_timeouts under load. Local answers take microseconds,
 * so 64 names in flight keep any slot count busy. */
#define PROBE_DNS_PARALLEL 64u

typedef void (*probe_progress_cb)(size_t done, size_t total, void *ud);

/* Concurrent transfers through the proxy: a burst of CONNECTs is what makes
 * an otherwise healthy proxy time out, and then every endpoint would look
 * down. Waiting for a slot does not count against a check's timeout. */
#define PROBE_PROXY_PARALLEL 32u

enum probe_pac_kind {
    PROBE_PAC_USE = 0, /* not asked (no URL): proxy[] by scheme */
    PROBE_PAC_PROXY,   /* through pac_proxies[proxy] */
    PROBE_PAC_DIRECT,
    PROBE_PAC_FAILED,
    PROBE_PAC_KIND_MAX
};

struct probe_pac {
    enum probe_pac_kind kind;
    size_t proxy;     /* PROXY: index into probe_opts.pac_proxies */
    char why[200];    /* FAILED: what went wrong */
    char answer[300]; /* for the report: "PROXY h:p", "DIRECT", "failed" */
    char reason[300]; /* the check's proxy_reason: "PAC file: PROXY h:p" */
};

struct probe_opts {
    long timeout_ms;         /* whole transfer to one address */
    long connect_timeout_ms; /* TCP connect to one address */
    unsigned parallel;       /* transfers (and DNS lookups) in flight */
    const char *ca_bundle;   /* NULL: the system's trust store */
    /* Trust store for an https:// proxy's own certificate (curl's
     * --proxy-cacert); NULL: the same store as the destinations. */
    const char *proxy_ca_bundle;
    const char *dns_servers; /* NULL: the system's resolvers */
    /* Without dns_servers: the hosts file and nsswitch.conf's order
     * (borrowed); NULL asks DNS only. */
    const struct dns_local *local;
    /* [0] for http:// checks, [1] for https:// ones: a client reads
     * http_proxy and https_proxy separately. */
    struct probe_proxy proxy[2];
    /* Per check (plan order; NULL: none), what a PAC file said: PROXY
     * goes through its own entry of pac_proxies (a PAC file often names
     * one proxy for some hosts and another for the rest), DIRECT goes
     * around every proxy, FAILED fails the check with proxy_pac_failed
     * without running it; USE (not asked) takes proxy[]. Windows
     * --as-system. */
    const struct probe_pac *pac;
    const struct probe_proxy *pac_proxies; /* n_pac_proxies, distinct */
    size_t n_pac_proxies;
    /* Paths: the kernel's route to every probed address (NULL ops: none),
     * as uid gets it; the ExpressRoute expectation; the service tags. */
    const struct route_ops *routes;
    uid_t route_uid;
    struct nc_er_expect er;
    const struct servicetags *tags;
    probe_progress_cb progress;
    void *progress_ud;
};

/*! Run every check of plan. Allocates run->results (free with
 *  probe_results_free). A failed check is data in the results, not an
 *  error.  \return 0, or NC_EPARSE/NC_EIO (bad CA bundle, resolver setup)
 *  with diag filled, or NC_ENOMEM / NC_EINTERNAL */
int probe_run(const struct nc_plan *plan, const struct probe_opts *opts,
              struct nc_run *run, struct nc_diag *diag);

/* Descriptors kept free beside --parallel's sockets: standard streams,
 * the loop, the resolver's and the proxies' sockets, netlink, files. */
#define PROBE_FD_RESERVE 128u
/* Under a small limit, at least this many: a run holds about 9 itself
 * (measured: 8 checks pass under 16 descriptors, 7 fail under 14 without
 * it), and half of a limit of 14 left it short. */
#define PROBE_FD_MIN_RESERVE 12u

/*! The --parallel that fits an open-file limit of nofile descriptors:
 *  parallel itself when it fits beside PROBE_FD_RESERVE, else what is left
 *  (half the limit when it is smaller than twice the reserve, but never
 *  less than PROBE_FD_MIN_RESERVE kept), at least 1. */
unsigned probe_parallel_fit(unsigned parallel, unsigned long long nofile);

/*! Free run->results; safe on a zeroed run. */
void probe_results_free(struct nc_run *run);

#endif
