/* Name resolution with c-ares, driven by the shared event loop. A and AAAA
 * are asked separately so one family's failure is never hidden by the
 * other's answer. */
#ifndef NC_DNS_H
#define NC_DNS_H

#include <stdbool.h>
#include <stddef.h>

#include "cidr.h"
#include "loop.h"
#include "result.h"
#include "verdict.h"

struct dns_resolver;
struct hostsfile;
struct nsswitch_hosts;

/* The system's order: the hosts file and DNS as nsswitch.conf's "hosts"
 * line says. Without it the resolver asks DNS only (--dns-server). */
struct dns_local {
    const struct hostsfile *hosts; /* NULL: the file could not be read */
    const char *hosts_path;
    const struct nsswitch_hosts *order;
};

struct dns_answer {
    struct nc_dns_facts facts;
    struct nc_addr addrs[NC_MAX_ADDRS]; /* IPv4 first, then IPv6 */
    unsigned hosts_line[NC_MAX_ADDRS];  /* its hosts file line; 0: DNS */
    size_t n_addrs;
    size_t n_total; /* addresses answered, past the cap too (>= n_addrs) */
    char cnames[NC_MAX_CNAMES][NC_MAX_CNAME_LEN + 1];
    size_t n_cnames;
    double ms; /* until both answers were in */
};

typedef void (*dns_done_cb)(void *ud, const struct dns_answer *ans);

/*! Validate a --dns-server list "IP[:PORT][,...]" (IPv6 as [IP]:PORT or
 *  bare).  \return 0 or NC_EPARSE with why filled */
int dns_servers_check(const char *csv, char *why, size_t whylen);

/*! Create a resolver on loop. servers: NULL for the system's resolvers.
 *  timeout_ms bounds each query including retries.
 *  \return 0 and *out, or an nc_err with why filled */
int dns_resolver_new(struct nc_loop *loop, const char *servers, long timeout_ms,
                     struct dns_resolver **out, char *why, size_t whylen);

/*! Resolve as the system does: local (borrowed, it must outlive r) gives
 *  the hosts file and nsswitch.conf's order; NULL (the default) asks DNS
 *  only. Call before the first dns_resolve. */
void dns_resolver_set_local(struct dns_resolver *r,
                            const struct dns_local *local);

/*! Free the resolver; pending callbacks are not called. NULL: no-op. */
void dns_resolver_free(struct dns_resolver *r);

/*! Resolve host (A and AAAA, at most NC_MAX_ADDRS_PER_FAMILY each kept,
 *  all of them counted in n_total); cb
 *  runs exactly once, from the loop, or before this returns when the
 *  hosts file answers.  \return 0 or NC_ENOMEM */
int dns_resolve(struct dns_resolver *r, const char *host, dns_done_cb cb,
                void *ud);

/*! Should new lookups wait: the servers have answered nothing and left
 *  some lookups unanswered, and those in flight will tell whether they are
 *  down (verdict_dep_hold)? */
bool dns_resolver_hold(const struct dns_resolver *r);

/*! Did a query's socket fail to open for lack of descriptors? c-ares then
 *  ends the lookup as if the server were unreachable: the caller must not
 *  believe it (the run stops as an internal error, as for a connect's). */
bool dns_resolver_nofile(const struct dns_resolver *r);

#ifdef NETCHECK_UNITTESTS
/*! Map a c-ares status (diag: from the diagnostic channel; truncated: the
 *  reply's TC bit) to an outcome. */
enum nc_dns_outcome dns_outcome(int status, bool diag, bool truncated);
#endif

/*! Milliseconds until c-ares needs dns_process_timeouts, or -1. */
long dns_next_timeout_ms(struct dns_resolver *r);

/*! Let c-ares handle expired timers. */
void dns_process_timeouts(struct dns_resolver *r);

#ifdef NETCHECK_UNITTESTS
/*! Hand two raw replies (A, then AAAA) with status to the resolver's
 *  reply handler, as c-ares would, on a resolver that asks no one; cb
 *  runs once before this returns.  \return 0, NC_ENOMEM, NC_ELIMIT (host
 *  too long) or NC_EINVAL (a status that would send a query) */
int dns_reply_feed(const char *host, int status, const unsigned char *a,
                   int alen, const unsigned char *aaaa, int aaaalen,
                   dns_done_cb cb, void *ud);
#endif

#endif
