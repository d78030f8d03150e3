/* Linked into netcheck_allocfail (tests/CMakeLists.txt): the program built
 * over the _ut layers, where nc_alloc_fail_after exists. Before main runs,
 * NETCHECK_TEST_ALLOC_FAIL=N makes allocation N (0-based) and every later
 * one fail; NETCHECK_TEST_ALLOC_COUNT=1 prints at exit how many
 * allocations the run made ("allocations: N" on stderr), so the test knows
 * how far to count. Only this test binary has the hook; netcheck has not. */
#include <stdio.h>
#include <stdlib.h>

#include "nc.h"
#include "str.h"

static void hook_report(void)
{
    fprintf(stderr, "allocations: %ld\n", nc_alloc_fail_after(-1));
}

__attribute__((constructor)) static void hook_setup(void)
{
    const char *at = getenv("NETCHECK_TEST_ALLOC_FAIL");
    const char *count = getenv("NETCHECK_TEST_ALLOC_COUNT");
    unsigned long n;

    if (count != NULL && count[0] == '1') {
        (void)nc_alloc_fail_after(-1);
        (void)atexit(hook_report);
    }
    if (at != NULL && nc_parse_uint(at, 0, 1000000000UL, &n) == 0)
        (void)nc_alloc_fail_after((long)n);
}
