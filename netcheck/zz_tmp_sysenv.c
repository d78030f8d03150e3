/* TEMPORARY (lead): placeholder until sysenv_load.c lands; removed then. */
#include "sysenv.h"

__attribute__((weak)) int sysenv_load(const char *root, const char *unit,
                                      struct sysenv *out, struct nc_diag *diag)
{
    (void)root;
    (void)unit;
    (void)out;
    nc_diag_set(diag, "", 0, "--as-system is not built yet");
    return NC_EINVAL;
}

__attribute__((weak)) void sysenv_release(struct sysenv *s)
{
    (void)s;
}
