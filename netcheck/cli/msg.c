#include "msg.h"

#include <stdarg.h>
#include <stdio.h>

#include "esc.h"
#include "nc.h"

/* Messages echo arguments, file lines and environment values: the whole
 * message goes through the terminal escaper (esc.h), so no caller can
 * forget one. The wording itself is ASCII and passes unchanged. */
void cli_err(const char *fmt, ...)
{
    char small[512], *text = small;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) {
        small[0] = '\0';
    } else if ((size_t)n >= sizeof(small)) {
        char *big = nc_malloc((size_t)n + 1);

        /* Out of memory: say the first part rather than nothing. */
        if (big != NULL) {
            va_start(ap, fmt);
            (void)vsnprintf(big, (size_t)n + 1, fmt, ap);
            va_end(ap);
            text = big;
        }
    }
    fputs("netcheck: ", stderr);
    (void)nc_esc_fputs(text, stderr);
    fputc('\n', stderr);
    /* stderr is buffered on a Windows console (os/console.h) */
    (void)fflush(stderr);
    if (text != small)
        nc_free(text);
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
