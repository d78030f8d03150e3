/* --as-system on Windows (the SYSTEM account's WinINet and WinHTTP proxy
 * settings) is the next issue's work: until then it says so. */
#include "sysenv.h"

#include <string.h>

int sysenv_load_host(const char *root, const char *unit, struct sysenv *out,
                     struct nc_diag *diag)
{
    (void)root;
    (void)unit;
    memset(out, 0, sizeof(*out));
    nc_diag_set(diag, "--as-system", 0,
                "--as-system is not available on Windows yet");
    return NC_EIO;
}

/* sysenv.h's loader of a systemd tree: no such tree on Windows either. */
int sysenv_load(const char *root, const char *unit, struct sysenv *out,
                struct nc_diag *diag)
{
    return sysenv_load_host(root, unit, out, diag);
}
