/* The warning sink of the proxy layer: proxy.c (the environment's traps)
 * and proxy_noproxy.c (NO_PROXY entries) both append here, so neither
 * calls the other for it. */
#include "proxy.h"

#include <stdarg.h>
#include <stdio.h>

void proxy_warn(struct proxy_warnings *w, const char *fmt, ...)
{
    va_list ap;

    if (w == NULL || w->n >= PROXY_MAX_WARNINGS)
        return;
    va_start(ap, fmt);
    (void)vsnprintf(w->text[w->n], sizeof(w->text[0]), fmt, ap);
    va_end(ap);
    w->n++;
}
