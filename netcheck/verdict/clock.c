/* Clock skew from HTTP Date headers (RFC 9110 §6.6.1): decided here, with
 * no I/O; the engine collects one sample per endpoint that answered. */
#include <stdlib.h>

#include "result.h"

static int clock_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* 2020-01-01T00:00:00Z and 2100-01-01T00:00:00Z. */
#define CLOCK_DATE_MIN 1577836800LL
#define CLOCK_DATE_END 4102444800LL

bool clock_date_plausible(long long date_s)
{
    return date_s >= CLOCK_DATE_MIN && date_s < CLOCK_DATE_END;
}

void clock_decide(double *samples, size_t n, struct nc_clock *out)
{
    size_t i;

    out->sources = n;
    out->agree = 0;
    out->skew_s = 0;
    out->warn = false;
    if (n == 0)
        return;
    /* The median: one endpoint with a wrong clock must not decide. */
    qsort(samples, n, sizeof(*samples), clock_cmp);
    out->skew_s =
        n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2.0;
    for (i = 0; i < n; i++) {
        double d = samples[i] - out->skew_s;

        if (d <= NC_CLOCK_AGREE_S && d >= -NC_CLOCK_AGREE_S)
            out->agree++;
    }
    /* A median of two far-apart clocks, or of one, is nobody's reading. */
    if (out->agree < 2 || out->agree * 2 <= n)
        return;
    out->warn = out->skew_s > NC_CLOCK_SKEW_WARN_S ||
                out->skew_s < -NC_CLOCK_SKEW_WARN_S;
}
