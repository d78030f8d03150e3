/* The clock note added to tls_expired details. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "str.h"
#include "verdict_int.h"

void verdict_clock_note(const struct nc_clock *clk, long long now_s,
                        struct nc_check_result *res)
{
    const struct nc_tls_info *t = result_tls(res);
    double skew = clk->skew_s < 0 ? -clk->skew_s : clk->skew_s;
    const char *dir = clk->skew_s > 0 ? "behind" : "ahead of";
    const char *s = clk->sources == 1 ? "" : "s";
    long long theirs = now_s + (long long)clk->skew_s;

    if (!clk->warn || res->problem != NC_PROBLEM_TLS_EXPIRED)
        return;
    /* The clock is the cause only when, on the endpoints' time, the
     * certificate is valid; otherwise the certificate itself is at fault
     * and the skew is a second problem. */
    if (t->present && t->not_after_t > 0 && theirs >= t->not_before_t &&
        theirs <= t->not_after_t) {
        (void)result_appendf(
            res, &res->detail, NC_DETAIL_MAX,
            "; this machine's clock is %.0f s %s %zu endpoint%s "
            "(median), and on their time the certificate is valid: "
            "the local clock is the cause",
            skew, dir, clk->sources, s);
        (void)result_printf(res, &res->action, NC_ACTION_MAX, "%s",
                            "set the system clock right (enable NTP, check the "
                            "time zone), then run again");
        return;
    }
    (void)result_appendf(
        res, &res->detail, NC_DETAIL_MAX,
        "; this machine's clock is also %.0f s %s %zu endpoint%s "
        "(median), but that does not explain this certificate",
        skew, dir, clk->sources, s);
}
