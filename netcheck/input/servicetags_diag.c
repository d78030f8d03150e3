/* Service tags' error messages: the file named, no line (JSON positions
 * come from jansson where it has them, servicetags.c). */
#include <stdarg.h>
#include <stdio.h>

#include "servicetags_int.h"

int st_fail(struct st_parse *p, int err, const char *fmt, ...)
{
    va_list ap;

    if (p->diag == NULL)
        return err;
    nc_diag_set(p->diag, p->source, 0, "%s", "");
    va_start(ap, fmt);
    /* A false positive of the analyzer, as in snapshot_read.c's sr_fail:
     * va_start is the line above. */
    /* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
    (void)vsnprintf(p->diag->msg, sizeof(p->diag->msg), fmt, ap);
    va_end(ap);
    return err;
}

int st_oom(struct st_parse *p)
{
    return st_fail(p, NC_ENOMEM, "out of memory");
}
