/* `netcheck run --as-system` on Windows: the proxy a SYSTEM service gets,
 * read from this host's registry (os/hostreg.h) and decided by the same
 * analysis as `netcheck proxy --as-system` (proxy/winproxy.h). */
#ifndef NC_RUN_WINPROXY_H
#define NC_RUN_WINPROXY_H

#include "check.h"
#include "nc.h"
#include "probe.h"
#include "proxycfg.h"
#include "run_proxy.h"

/*! Decide cfg for every check of plan from the registry's winner: its
 *  ProxyServer per scheme, its bypass list by WinINet's rules (the
 *  engine applies it per check; each check it sends direct is named in
 *  cfg's warnings with the entry that matched), --proxy-user as the
 *  credentials. A PAC file or automatic detection (WPAD) is asked for
 *  every check's URL (os/pacquery.h): *pac (owned, plan->n_checks, free
 *  with nc_free) then says per check whether to go through the proxy the
 *  PAC file named for it (one entry of cfg->pac, as many as it named),
 *  go direct, or fail with proxy_pac_failed, and why (for the report); a
 *  WPAD search that finds no server leaves the manual settings in force,
 *  as for the agent. Settings that could not be read refuse the run
 *  (diag says why).
 *  \return 0, NC_EIO (refused), NC_EPARSE, NC_ELIMIT, NC_ENOMEM */
int run_winproxy_decide(const struct run_proxy_opts *o,
                        const struct nc_plan *plan, struct proxycfg *cfg,
                        struct probe_pac **pac, struct nc_diag *diag);

#endif
