/* Pure decisions: what the engine observed (facts, in netcheck's own terms;
 * curl, c-ares and OpenSSL codes are mapped in probe.c/dns.c) becomes one
 * status, one problem code, a detail sentence and an action. No I/O. */
#ifndef NC_VERDICT_H
#define NC_VERDICT_H

#include <stdbool.h>

#include "facts.h"
#include "result.h"

/*! Decide one address: sets r->status, r->problem, r->detail from the
 *  facts and the check's expectations. r->in_ranges must be set first.
 *  The detail is a text of res, the result r belongs to (res->oom when it
 *  cannot be stored); result_release(res) frees it, or
 *  result_text_clear(&r->detail) for an address held elsewhere. */
void verdict_addr(const struct nc_check *c, const struct nc_addr_facts *f,
                  struct nc_check_result *res, struct nc_addr_result *r);

/*! Decide the DNS stage. \return NC_PROBLEM_NONE when the addresses can be
 *  probed (n_addrs > 0 and no family failed), else the problem, with the
 *  detail and action written into res (status set from c->required). */
enum nc_problem verdict_dns(const struct nc_check *c,
                            const struct nc_dns_facts *f, size_t n_addrs,
                            struct nc_check_result *res);

/*! Combine the per-address results in res->addrs into the check's status,
 *  problem, detail and action ("2 of 4 addresses failed: ..."). */
void verdict_check(const struct nc_check *c, struct nc_check_result *res);

/*! Fail a check whose proxy a PAC file should have named but could not
 *  (proxy_pac_failed): why says what went wrong with the PAC file. */
void verdict_pac_failed(const char *why, struct nc_check_result *res);

/*! Mark a check that could not run (untestable wildcard, ...). */
void verdict_skip(const struct nc_check *c, const char *why,
                  struct nc_check_result *res);

/*! The action for problem p on check c, naming the host, port or wildcard
 *  where that helps (written into buf). */
void verdict_check_action(const struct nc_check *c, enum nc_problem p,
                          char *buf, size_t n);

/*! verdict_check_action into res->action.  */
void verdict_check_action_res(const struct nc_check *c, enum nc_problem p,
                              struct nc_check_result *res);

/*! Decide a check that went through a proxy: the proxy's own failures
 *  (unreachable, its certificate rejected, 407 with or without
 *  credentials, denied, its answer never coming or not valid HTTP) first,
 *  then a tunnel whose TLS handshake stalled (the path beyond the proxy),
 *  else the destination's as seen through the tunnel. Writes status,
 *  problem, detail, action, http_status, proxy_status and proxy_auth of
 *  res: proxy_status is the proxy's own answer (the CONNECT code, or the
 *  status of a plain-HTTP answer the proxy gave itself: 407, or an error
 *  it marks as its own), and http_status then stays 0, since the
 *  destination never answered. */
void verdict_proxy(const struct nc_check *c, const struct nc_proxy_facts *p,
                   const struct nc_addr_facts *f, struct nc_check_result *res);

/*! Relabel a check whose TCP connect to the proxy timed out while n_ok
 *  other connects to the same proxy succeeded: the proxy is overloaded,
 *  not the endpoint down. */
void verdict_proxy_overloaded(const struct nc_check *c, size_t n_ok,
                              size_t n_timeout, struct nc_check_result *res);

/* Silent requests, with nothing answered, that make a shared dependency
 * dead: one could be a name or destination the dependency itself waits
 * on; several different ones, and not one answer, are the dependency. */
#define NC_DEP_DEAD_SILENT 4u

/*! Count one request sent to the dependency. */
void verdict_dep_sent(struct nc_dep *d);

/*! Count one request that ended as e after wait_ms (enum nc_dep_end):
 *  a garbled one counts as silent too, and apart, for the detail. */
void verdict_dep_ended(struct nc_dep *d, enum nc_dep_end e, long wait_ms);

/*! Is the dependency evidently dead: at least NC_DEP_DEAD_SILENT requests
 *  ended silent, none is still in flight (it could yet answer), and it
 *  never answered anything? Requests still to come then fail at once with
 *  its cause instead of each waiting its timeout. A dependency that
 *  answered once is never dead. */
bool verdict_dep_dead(const struct nc_dep *d);

/*! Should new requests wait: it is suspect (silent so far, never
 *  answered) and requests are still in flight that will settle it?
 *  Waiting costs at most the ones in flight's timeout; not waiting would
 *  send a whole new window into the silence. */
bool verdict_dep_hold(const struct nc_dep *d);

/*! Decide a proxied check that was never sent because its proxy (url) is
 *  dead (d): problem p, the code the proxy's silent checks got. */
void verdict_proxy_dead(const struct nc_check *c, const char *proxy,
                        const struct nc_dep *d, enum nc_problem p,
                        struct nc_check_result *res);

/*! When the clock is off (clk->warn) and res failed with tls_expired, add
 *  the skew to the detail, and call the local clock the cause when the
 *  certificate is valid on the endpoints' time (now_s + skew). */
void verdict_clock_note(const struct nc_clock *clk, long long now_s,
                        struct nc_check_result *res);

#ifdef NETCHECK_UNITTESTS
/*! Is a in RFC 1918 (10/8, 172.16/12, 192.168/16) or RFC 4193 (fc00::/7)
 *  space, where private endpoints live? */
bool verdict_addr_is_private(const struct nc_addr *a);
#endif

#ifdef NETCHECK_UNITTESTS
/*! The BGP community the ExpressRoute route filter needs for host
 *  (Entra ID, Storage, Backup, or the regional one), as text. */
const char *verdict_er_community(const char *host);
#endif

#endif
