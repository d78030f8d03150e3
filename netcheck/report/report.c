/* Report dispatch: one row per format, {name, writer} (iproute2's and
 * curl's tables). A new format is one file with its body and one row. */
#include "report.h"
#include "report_int.h"

#include <string.h>

#include "nc.h"

struct report_format {
    const char *name;     /* the --format value */
    report_body_fn *body; /* report_<name>.c */
};

static const struct report_format formats[NC_FORMAT_MAX] = {
    [NC_FORMAT_TEXT] = {"text", report_text_body},
    [NC_FORMAT_JSON] = {"json", report_json_body},
    [NC_FORMAT_JUNIT] = {"junit", report_junit_body},
    [NC_FORMAT_PROMETHEUS] = {"prometheus", report_prom_body},
};

int report_format_parse(const char *s, enum nc_format *out)
{
    int i;

    if (s == NULL)
        return NC_EPARSE;
    for (i = 0; i < NC_FORMAT_MAX; i++) {
        if (strcmp(s, formats[i].name) == 0) {
            *out = (enum nc_format)i;
            return 0;
        }
    }
    return NC_EPARSE;
}

int report_write(enum nc_format fmt, FILE *out, const struct nc_run *run,
                 const struct report_style *style)
{
    int rc;

    if ((unsigned)fmt >= NC_FORMAT_MAX)
        return NC_EINVAL;
    rc = report_run_walk(out, run, style, formats[fmt].body);
    if (rc != 0)
        return rc;
    /* A report cut short (disk full, closed pipe) must not look complete. */
    if (fflush(out) != 0 || ferror(out))
        return NC_EIO;
    return 0;
}
