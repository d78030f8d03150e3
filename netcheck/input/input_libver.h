/* Version of the library profiles are read with: inih. */
#ifndef NC_INPUT_LIBVER_H
#define NC_INPUT_LIBVER_H

#include "libver.h"

/*! inih: it has no version function nor macro, so only the version the
 *  build found (pkg-config's, NC_INIH_VERSION); run is always "". */
void input_libver_inih(struct nc_libver *v);

#endif
