/* `netcheck proxy --registry FILE.reg...`: a Windows server's proxy, as
 * its SYSTEM services get it, analysed from `reg export` files. */
#ifndef NC_PROXY_WINREG_H
#define NC_PROXY_WINREG_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"
#include "run_proxy.h"

#define PROXY_MAX_REGFILES 16

/*! Load files (in order, later values replacing earlier ones), or with
 *  live this host's registry (os/hostreg.h: `proxy --as-system` on
 *  Windows, where px's --proxy-user and the account netcheck runs as
 *  decide the proxy identity shown), decide urls and print the view in
 *  fmt.  \return an exit status (input errors name file and line, exit 2) */
int proxy_winreg_run(const char *const *files, size_t n_files,
                     const struct run_proxy_opts *px, bool live,
                     const char *const *urls, size_t n_urls,
                     enum nc_format fmt);

#endif
