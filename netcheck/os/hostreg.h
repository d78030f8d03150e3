/* The live registry of this host as a registry view (model/regview.h), for
 * `--as-system` on Windows: the same analysis as `--registry FILE.reg`
 * (proxy/winproxy.h), fed by RegGetValueW (hive, key, value name -> type
 * and bytes; ERROR_ACCESS_DENIED -> WINREG_DENIED). A .reg export is read
 * by input/regfile.h on any system. */
#ifndef NC_OS_HOSTREG_H
#define NC_OS_HOSTREG_H

#include <stdbool.h>

#include "nc.h"
#include "regview.h"

/*! Open this host's registry as a view (close with hostreg_close).
 *  \return 0, or NC_EIO with diag saying why (on Linux: there is no
 *  registry) */
int hostreg_open(struct winreg_view *out, struct nc_diag *diag);

/*! Release what hostreg_open set up; safe on a zeroed view. */
void hostreg_close(struct winreg_view *v);

/*! Whether a system service of this host takes its proxy from the
 *  registry (Windows), so that --as-system reads it there; false where
 *  it takes it from its environment (Linux: os/sysenv.h). */
bool hostreg_live(void);

#endif
