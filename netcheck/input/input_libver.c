#include "input_libver.h"

#include "str.h"

/* Set by the build from pkg-config (CMakeLists.txt); absent when the
 * build had no version to give (the Windows build compiles ini.c). */
#ifndef NC_INIH_VERSION
#define NC_INIH_VERSION ""
#endif

void input_libver_inih(struct nc_libver *v)
{
    v->name = "inih";
    v->run[0] = '\0';
    (void)nc_strlcpy(v->built, NC_INIH_VERSION, sizeof(v->built));
}
