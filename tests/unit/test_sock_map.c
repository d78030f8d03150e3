/* sock_map.c: Winsock codes become the errno values verdict/ decides on,
 * so a refused connect on Windows is tcp_refused as on Linux. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fixture_check.h"
#include "problem.h"
#include "result.h"
#include "sock_map.h"
#include "verdict.h"

struct map_case {
    const char *name;
    int wsa;
    int err;
    enum nc_problem problem; /* verdict_addr on a failed connect */
};

static const struct map_case map_cases[] = {
    {"WSAECONNREFUSED", 10061, ECONNREFUSED, NC_PROBLEM_TCP_REFUSED},
    {"WSAETIMEDOUT", 10060, ETIMEDOUT, NC_PROBLEM_TCP_TIMEOUT},
    {"WSAENETUNREACH", 10051, ENETUNREACH, NC_PROBLEM_TCP_UNREACHABLE},
    {"WSAEHOSTUNREACH", 10065, EHOSTUNREACH, NC_PROBLEM_TCP_UNREACHABLE},
#ifdef EHOSTDOWN
    {"WSAEHOSTDOWN", 10064, EHOSTDOWN, NC_PROBLEM_TCP_UNREACHABLE},
#endif
    {"WSAENETDOWN", 10050, ENETDOWN, NC_PROBLEM_TCP_UNREACHABLE},
    {"WSAECONNRESET", 10054, ECONNRESET, NC_PROBLEM_TCP_UNREACHABLE},
    {"WSAECONNABORTED", 10053, ECONNABORTED, NC_PROBLEM_TCP_UNREACHABLE},
    {"WSAEACCES", 10013, EACCES, NC_PROBLEM_TCP_UNREACHABLE},
    {"WSAEADDRNOTAVAIL", 10049, EADDRNOTAVAIL, NC_PROBLEM_TCP_UNREACHABLE},
    {"WSAEMFILE", 10024, EMFILE, NC_PROBLEM_TCP_UNREACHABLE},
    {"WSAEWOULDBLOCK", 10035, EWOULDBLOCK, NC_PROBLEM_TCP_UNREACHABLE},
    {"WSAEINPROGRESS", 10036, EINPROGRESS, NC_PROBLEM_TCP_UNREACHABLE},
    /* No counterpart: EIO, never 0, so no failure reads as connected. */
    {"WSASYSNOTREADY", 10091, EIO, NC_PROBLEM_TCP_UNREACHABLE},
    {"WSA_INVALID_HANDLE", 6, EIO, NC_PROBLEM_TCP_UNREACHABLE},
    {"negative", -1, EIO, NC_PROBLEM_TCP_UNREACHABLE},
};

static void test_map_table(void **state)
{
    struct fx_check_strings s;
    struct nc_check c;
    size_t i;

    (void)state;
    fx_check_init(&c, &s, "https", "login.example.com", 443);
    for (i = 0; i < sizeof(map_cases) / sizeof(map_cases[0]); i++) {
        const struct map_case *tc = &map_cases[i];
        struct nc_addr_facts f = {.xfer = NC_XFER_CONNECT_FAIL};
        struct nc_addr_result r;
        struct nc_check_result res = {0};

        f.os_errno = sock_map_wsa(tc->wsa);
        if (f.os_errno != tc->err)
            fail_msg("%s: errno %d, want %d", tc->name, f.os_errno, tc->err);
        memset(&r, 0, sizeof(r));
        assert_int_equal(nc_addr_parse("203.0.113.7", &r.addr), 0);
        r.in_ranges = -1;
        verdict_addr(&c, &f, &res, &r);
        result_text_clear(&r.detail);
        if (r.problem != tc->problem)
            fail_msg("%s: problem %s, want %s", tc->name,
                     problem_code(r.problem), problem_code(tc->problem));
    }
}

static void test_map_zero(void **state)
{
    (void)state;
    /* SO_ERROR 0 is a connect that succeeded. */
    assert_int_equal(sock_map_wsa(0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map_table),
        cmocka_unit_test(test_map_zero),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
