/* Clock skew from HTTP Date headers (RFC 9110 §6.6.1): decided here, with
 * no I/O; the engine collects one sample per endpoint that answered. */
#include <stdlib.h>

#include "result.h"

static int clock_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

void clock_decide(double *samples, size_t n, struct nc_clock *out)
{
    out->sources = n;
    out->skew_s = 0;
    out->warn = false;
    if (n == 0)
        return;
    /* The median: one endpoint with a wrong clock must not decide. */
    qsort(samples, n, sizeof(*samples), clock_cmp);
    out->skew_s =
        n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2.0;
    out->warn = out->skew_s > NC_CLOCK_SKEW_WARN_S ||
                out->skew_s < -NC_CLOCK_SKEW_WARN_S;
}
