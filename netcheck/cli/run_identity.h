/* Who a run logs on to its proxy as (proxy/proxyid.h decides): this
 * part asks the system who netcheck runs as (os/account.h) and whether
 * its curl has SSPI, and hands the answer to the engine. */
#ifndef NC_RUN_IDENTITY_H
#define NC_RUN_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>

#include "proxy.h"
#include "proxycfg.h"
#include "result.h"
#include "run_proxy.h"

/*! The identity for proxies already chosen: proxied (some scheme goes
 *  through one), http_proxy (an HTTP(S) one), user (the user name sent,
 *  NULL none), with o's --proxy-user and --as-system. */
void run_identity_for(const struct run_proxy_opts *o, bool proxied,
                      bool http_proxy, const char *user,
                      struct nc_proxy_identity *id);

/*! run_identity_for over a run's decided proxies (per scheme, and the
 *  PAC file's per check). */
void run_identity_decide(const struct run_proxy_opts *o,
                         const struct proxycfg *cfg,
                         struct nc_proxy_identity *id);

/*! Hand id to the engine's n_px proxies px (NULL when none): SSPI for
 *  each HTTP(S) one when id is the SYSTEM account's, and text (size n,
 *  which the caller keeps while px lives) naming id for a 407's detail. */
void run_identity_apply(const struct nc_proxy_identity *id, char *text,
                        size_t n, struct probe_proxy *px, size_t n_px);

#endif
