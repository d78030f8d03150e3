/* `netcheck diff` output: dispatch, one row per format, as report.c; what
 * the formats share is in report_diff_util.c. */
#include "report.h"
#include "report_int.h"

#include <string.h>

#include "nc.h"
#include "str.h"

static report_diff_body_fn *const diff_bodies[NC_FORMAT_MAX] = {
    [NC_FORMAT_TEXT] = report_diff_text_body,
    [NC_FORMAT_JSON] = report_diff_json_body,
    [NC_FORMAT_JUNIT] = report_diff_junit_body,
};

int report_diff_write(enum nc_format fmt, FILE *out, const struct nc_diff *d,
                      const struct report_style *style)
{
    int rc;

    /* A format with no diff writer (prometheus: a diff is no metric) is
     * refused, never called. */
    if ((unsigned)fmt >= NC_FORMAT_MAX || diff_bodies[fmt] == NULL ||
        d == NULL || (d->n > 0 && d->v == NULL) || d->before == NULL ||
        d->after == NULL)
        return NC_EINVAL;
    rc = diff_bodies[fmt](out, d, style);
    if (rc != 0)
        return rc;
    if (fflush(out) != 0 || ferror(out))
        return NC_EIO;
    return 0;
}
