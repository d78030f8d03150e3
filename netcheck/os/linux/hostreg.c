/* No live Windows registry on Linux: a .reg export is read with
 * `netcheck proxy --registry FILE.reg` instead (input/regfile.h). */
#include "hostreg.h"

#include <string.h>

int hostreg_open(struct winreg_view *out, struct nc_diag *diag)
{
    memset(out, 0, sizeof(*out));
    nc_diag_set(diag, NULL, 0,
                "no Windows registry on this system: give an export "
                "with --registry FILE.reg");
    return NC_EIO;
}

void hostreg_close(struct winreg_view *v)
{
    if (v != NULL)
        memset(v, 0, sizeof(*v));
}

bool hostreg_live(void)
{
    return false;
}
