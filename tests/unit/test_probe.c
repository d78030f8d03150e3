/* probe.c's pure helpers: fitting --parallel to the open-file limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "probe.h"

struct fit_case {
    unsigned parallel;
    unsigned long long nofile;
    unsigned want;
};

static const struct fit_case fit_cases[] = {
    {1024, 65536, 1024},                   /* the usual: fits */
    {1024, 1024 + PROBE_FD_RESERVE, 1024}, /* exactly fits */
    {1024, 1024, 1024 - PROBE_FD_RESERVE}, /* the audit's 1,024 limit */
    {4096, 1024, 1024 - PROBE_FD_RESERVE},
    {64, 1024, 64}, /* a small --parallel is kept */
    {1024, 2 * PROBE_FD_RESERVE, PROBE_FD_RESERVE},
    {1024, 2 * PROBE_FD_RESERVE - 1, PROBE_FD_RESERVE - 1}, /* half */
    {1024, 2 * PROBE_FD_MIN_RESERVE, PROBE_FD_MIN_RESERVE}, /* half */
    /* Below that, the run's own descriptors first: 14 leaves 2. */
    {1024, 2 * PROBE_FD_MIN_RESERVE - 1, PROBE_FD_MIN_RESERVE - 1},
    {1024, 14, 14 - PROBE_FD_MIN_RESERVE},
    {1024, PROBE_FD_MIN_RESERVE + 1, 1},
    {1024, PROBE_FD_MIN_RESERVE, 1},
    {1024, 1, 1}, /* never 0: the run must still start */
    {1024, 0, 1},
    {1, 0, 1},
};

static void test_parallel_fit_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(fit_cases) / sizeof(fit_cases[0]); i++) {
        const struct fit_case *k = &fit_cases[i];
        unsigned got = probe_parallel_fit(k->parallel, k->nofile);

        if (got != k->want)
            fail_msg("parallel %u, nofile %llu: got %u, want %u", k->parallel,
                     k->nofile, got, k->want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parallel_fit_table),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
