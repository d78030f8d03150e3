/* Version of the library the reports are written with: jansson. */
#ifndef NC_REPORT_LIBVER_H
#define NC_REPORT_LIBVER_H

#include "libver.h"

/*! jansson: jansson_version_str() at run time (jansson 2.13 and later),
 *  JANSSON_VERSION as built. */
void report_libver_jansson(struct nc_libver *v);

#endif
