#include "report_libver.h"

#include <jansson.h>

#include "str.h"

void report_libver_jansson(struct nc_libver *v)
{
    v->name = "jansson";
    (void)nc_strlcpy(v->run, jansson_version_str(), sizeof(v->run));
    (void)nc_strlcpy(v->built, JANSSON_VERSION, sizeof(v->built));
}
