#include "msg.h"

#include <stdarg.h>
#include <stdio.h>

#include "nc.h"

void cli_err(const char *fmt, ...)
{
    va_list ap;

    fputs("netcheck: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    /* stderr is buffered on a Windows console (os/console.h) */
    (void)fflush(stderr);
}

void cli_print_diag(const struct nc_diag *d)
{
    if (d->file[0] != '\0' && d->line > 0)
        cli_err("%s:%u: %s", d->file, d->line, d->msg);
    else if (d->file[0] != '\0')
        cli_err("%s: %s", d->file, d->msg);
    else
        cli_err("%s", d->msg);
}
