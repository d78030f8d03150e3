/* No live Windows registry yet: RegGetValueW behind this
 * seam is the next step of issue 11; until then `--registry FILE.reg`
 * gives the same analysis from an export. */
#include "hostreg.h"

#include <string.h>

int hostreg_open(struct winreg_view *out, struct nc_diag *diag)
{
    memset(out, 0, sizeof(*out));
    nc_diag_set(diag, NULL, 0,
                "reading the registry is not available on Windows yet: "
                "give an export with --registry FILE.reg");
    return NC_EIO;
}

void hostreg_close(struct winreg_view *v)
{
    if (v != NULL)
        memset(v, 0, sizeof(*v));
}
