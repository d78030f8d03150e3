/* `netcheck run --as-system` on Windows: the proxy a SYSTEM service gets,
 * read from this host's registry (os/hostreg.h) and decided by the same
 * analysis as `netcheck proxy --as-system` (proxy/winproxy.h). */
#ifndef NC_RUN_WINPROXY_H
#define NC_RUN_WINPROXY_H

#include "check.h"
#include "nc.h"
#include "proxycfg.h"
#include "run_proxy.h"

/*! Decide cfg for every check of plan from the registry's winner: its
 *  ProxyServer per scheme, its bypass list by WinINet's rules (the
 *  engine applies it per check; each check it sends direct is named in
 *  cfg's warnings with the entry that matched), --proxy-user as the
 *  credentials. Automatic detection (WPAD) is not evaluated: the manual
 *  settings then decide, with a warning. A PAC file, or settings that
 *  could not be read, refuse the run (diag says why): a run through a
 *  proxy that is not the agent's would pass for the wrong reason.
 *  \return 0, NC_EIO (refused), NC_EPARSE, NC_ENOMEM */
int run_winproxy_decide(const struct run_proxy_opts *o,
                        const struct nc_plan *plan, struct proxycfg *cfg,
                        struct nc_diag *diag);

#endif
