/* problem.c: the one table that maps problems to their stable codes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "problem.h"

#define README_PATH NC_TEST_DATA "/../../../README.md"
#define README_MAX  (1024L * 1024L)

/* The codes are API (JSON, JUnit, scripts): each one spelled out here, so
 * a rename fails this test, and a new code must be added here. */
static const struct {
    enum nc_problem p;
    const char *code;
} stable[] = {
    {NC_PROBLEM_DNS_NXDOMAIN, "dns_nxdomain"},
    {NC_PROBLEM_DNS_NODATA, "dns_nodata"},
    {NC_PROBLEM_DNS_SERVFAIL, "dns_servfail"},
    {NC_PROBLEM_DNS_REFUSED, "dns_refused"},
    {NC_PROBLEM_DNS_TIMEOUT, "dns_timeout"},
    {NC_PROBLEM_DNS_SINKHOLE, "dns_sinkhole"},
    {NC_PROBLEM_TCP_REFUSED, "tcp_refused"},
    {NC_PROBLEM_TCP_TIMEOUT, "tcp_timeout"},
    {NC_PROBLEM_TCP_UNREACHABLE, "tcp_unreachable"},
    {NC_PROBLEM_TCP_RESET, "tcp_reset"},
    {NC_PROBLEM_TLS_FAILED, "tls_failed"},
    {NC_PROBLEM_TLS_UNTRUSTED, "tls_untrusted"},
    {NC_PROBLEM_TLS_NAME_MISMATCH, "tls_name_mismatch"},
    {NC_PROBLEM_TLS_EXPIRED, "tls_expired"},
    {NC_PROBLEM_HTTP_STATUS, "http_status"},
    {NC_PROBLEM_HTTP_INVALID, "http_invalid"},
    {NC_PROBLEM_BODY_MISMATCH, "body_mismatch"},
    {NC_PROBLEM_TIMEOUT, "timeout"},
    {NC_PROBLEM_ADDRESS_OUTSIDE_RANGES, "address_outside_ranges"},
    {NC_PROBLEM_PROXY_UNREACHABLE, "proxy_unreachable"},
    {NC_PROBLEM_PROXY_AUTH_REQUIRED, "proxy_auth_required"},
    {NC_PROBLEM_PROXY_AUTH_FAILED, "proxy_auth_failed"},
    {NC_PROBLEM_PROXY_DENIED, "proxy_denied"},
    {NC_PROBLEM_PROXY_OVERLOADED, "proxy_overloaded"},
    {NC_PROBLEM_TLS_INTERCEPTED, "tls_intercepted"},
    {NC_PROBLEM_ROUTE_MISROUTED, "route_misrouted"},
    {NC_PROBLEM_ADDRESS_NOT_PRIVATE, "address_not_private"},
    {NC_PROBLEM_PROXY_TLS_UNTRUSTED, "proxy_tls_untrusted"},
    {NC_PROBLEM_PROXY_TLS_FAILED, "proxy_tls_failed"},
    {NC_PROBLEM_PROXY_INVALID, "proxy_invalid"},
    {NC_PROBLEM_PROXY_PAC_FAILED, "proxy_pac_failed"},
    {NC_PROBLEM_DNS_UNREACHABLE, "dns_unreachable"},
    {NC_PROBLEM_DNS_INVALID, "dns_invalid"},
};

static bool code_is_lower_snake(const char *s)
{
    size_t i;

    if (s[0] < 'a' || s[0] > 'z')
        return false;
    for (i = 0; s[i] != '\0'; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_'))
            return false;
    return s[i - 1] != '_';
}

static void test_every_code_unique(void **state)
{
    int p, q;

    (void)state;
    for (p = NC_PROBLEM_NONE + 1; p < NC_PROBLEM_MAX; p++) {
        const char *c = problem_code((enum nc_problem)p);
        const char *m = problem_meaning((enum nc_problem)p);

        if (c == NULL || c[0] == '\0')
            fail_msg("problem %d has no code", p);
        if (!code_is_lower_snake(c))
            fail_msg("code '%s' is not lower_snake_case", c);
        if (m == NULL || m[0] == '\0')
            fail_msg("code %s has no meaning", c);
        assert_string_not_equal(m, problem_meaning(NC_PROBLEM_MAX));
        for (q = NC_PROBLEM_NONE + 1; q < p; q++) {
            if (strcmp(c, problem_code((enum nc_problem)q)) == 0)
                fail_msg("problems %d and %d share the code %s", q, p, c);
            if (strcmp(m, problem_meaning((enum nc_problem)q)) == 0)
                fail_msg("%s and %s share a meaning", c,
                         problem_code((enum nc_problem)q));
        }
    }
}

static void test_round_trip(void **state)
{
    int p;

    (void)state;
    for (p = NC_PROBLEM_NONE + 1; p < NC_PROBLEM_MAX; p++) {
        const char *c = problem_code((enum nc_problem)p);

        assert_non_null(c);
        if (problem_from_code(c) != (enum nc_problem)p)
            fail_msg("'%s' maps back to %d, not %d", c,
                     (int)problem_from_code(c), p);
    }
}

static void test_stable_codes(void **state)
{
    size_t i;

    (void)state;
    /* Every problem but NONE is listed here exactly once. */
    assert_int_equal(sizeof(stable) / sizeof(stable[0]), NC_PROBLEM_MAX - 1);
    for (i = 0; i < sizeof(stable) / sizeof(stable[0]); i++) {
        assert_non_null(problem_code(stable[i].p));
        assert_string_equal(problem_code(stable[i].p), stable[i].code);
        assert_int_equal(problem_from_code(stable[i].code), stable[i].p);
    }
}

static void test_none_and_out_of_range(void **state)
{
    (void)state;
    assert_null(problem_code(NC_PROBLEM_NONE));
    assert_non_null(problem_meaning(NC_PROBLEM_NONE));
    assert_null(problem_code(NC_PROBLEM_MAX));
    assert_null(problem_code((enum nc_problem) - 1));
    assert_non_null(problem_meaning(NC_PROBLEM_MAX));
    assert_non_null(problem_meaning((enum nc_problem) - 1));
    /* Unknown strings, near misses included, are not codes. */
    assert_int_equal(problem_from_code(""), NC_PROBLEM_MAX);
    assert_int_equal(problem_from_code("none"), NC_PROBLEM_MAX);
    assert_int_equal(problem_from_code("dns_bogus"), NC_PROBLEM_MAX);
    assert_int_equal(problem_from_code("DNS_NXDOMAIN"), NC_PROBLEM_MAX);
    assert_int_equal(problem_from_code("dns_nxdomain "), NC_PROBLEM_MAX);
    assert_int_equal(problem_from_code("dns_"), NC_PROBLEM_MAX);
    assert_int_equal(problem_from_code("timeout_"), NC_PROBLEM_MAX);
}

/* The README's problem table lists every code, one row each. */
static void test_readme_lists_every_code(void **state)
{
    FILE *f;
    char *text;
    size_t n;
    int p;

    (void)state;
    f = fopen(README_PATH, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", README_PATH);
    text = malloc((size_t)README_MAX + 1);
    assert_non_null(text);
    n = fread(text, 1, (size_t)README_MAX, f);
    (void)fclose(f);
    text[n] = '\0';
    for (p = NC_PROBLEM_NONE + 1; p < NC_PROBLEM_MAX; p++) {
        char row[64];

        (void)snprintf(row, sizeof(row), "\n| `%s` |",
                       problem_code((enum nc_problem)p));
        if (strstr(text, row) == NULL) {
            free(text);
            fail_msg("README.md has no problem-table row for %s",
                     problem_code((enum nc_problem)p));
        }
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_code_unique),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_stable_codes),
        cmocka_unit_test(test_none_and_out_of_range),
        cmocka_unit_test(test_readme_lists_every_code),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
