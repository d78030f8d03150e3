/* No systemd on Windows: --as-system reads the SYSTEM account's proxy
 * from the registry there (os/hostreg.h, cli/run_winproxy.c), never a
 * service environment. */
#include "sysenv.h"

#include <string.h>

int sysenv_load_host(const char *root, const char *unit, struct sysenv *out,
                     struct nc_diag *diag)
{
    (void)root;
    (void)unit;
    memset(out, 0, sizeof(*out));
    nc_diag_set(diag, "--as-system", 0,
                "no systemd environment on Windows: a SYSTEM service's "
                "proxy is read from the registry");
    return NC_EIO;
}

/* sysenv.h's loader of a systemd tree: no such tree on Windows either. */
int sysenv_load(const char *root, const char *unit, struct sysenv *out,
                struct nc_diag *diag)
{
    return sysenv_load_host(root, unit, out, diag);
}
