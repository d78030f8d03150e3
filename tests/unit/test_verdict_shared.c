/* verdict_shared.c: when a shared dependency (a resolver, a proxy) is taken
 * as dead, and what a check never sent to it says. Sequences of sent and
 * ended requests are replayed from tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fixture_result.h"
#include "fixture_check.h"
#include "problem.h"
#include "result.h"
#include "verdict.h"

/* One step: 's' sent, 'a' ended answered, 'q' ended silent (quiet),
 * 'g' ended garbled (only replies that match no query), 'r' ended
 * neither (refused). */
struct dep_case {
    const char *steps;
    bool dead, hold;
    unsigned answered, silent, in_flight;
    unsigned garbled;
};

static const struct dep_case dep_cases[] = {
    /* Nothing yet: neither dead nor holding. */
    {"", false, false, 0, 0, 0, 0},
    {"ssss", false, false, 0, 0, 4, 0},
    /* One silent, others still out: wait for them before sending more. */
    {"ssssq", false, true, 0, 1, 3, 0},
    {"ssssqqq", false, true, 0, 3, 1, 0},
    /* Enough silent ones, not one answer, none still out: dead. */
    {"ssssqqqq", true, false, 0, 4, 0, 0},
    /* Enough silent, but four still out could answer: wait for them. */
    {"ssssssssqqqq", false, true, 0, 4, 4, 0},
    {"ssssssssqqqqqqqq", true, false, 0, 8, 0, 0},
    /* Silent, nothing in flight, not yet enough: send the next one. */
    {"sqsqsq", false, false, 0, 3, 0, 0},
    {"sqsqsqsq", true, false, 0, 4, 0, 0},
    /* One answer of any kind, even among many silent: alive, forever. */
    {"ssssssssaqqqqqqq", false, false, 1, 7, 0, 0},
    {"ssssssssqqqqqqqa", false, false, 1, 7, 0, 0},
    {"ssqa", false, false, 1, 1, 0, 0},
    /* Refused or unreachable: fast anyway, neither answer nor silence. */
    {"ssssrrrr", false, false, 0, 0, 0, 0},
    {"ssssssrrrrq", false, true, 0, 1, 1, 0},
    /* An end with nothing in flight never wraps the count. */
    {"q", false, false, 0, 1, 0, 0},
    /* Garbled replies are no answer: a resolver that only garbles is
     * dead like a silent one, and garbled ones are counted apart. */
    {"ssssgggg", true, false, 0, 4, 0, 4},
    {"ssssggqq", true, false, 0, 4, 0, 2},
    {"ssssg", false, true, 0, 1, 3, 1},
    {"ssssgggagggg", false, false, 1, 7, 0, 7},
};

static void test_dep_table(void **state)
{
    size_t i, j;

    (void)state;
    for (i = 0; i < sizeof(dep_cases) / sizeof(dep_cases[0]); i++) {
        const struct dep_case *tc = &dep_cases[i];
        struct nc_dep d;
        unsigned sent = 0;

        memset(&d, 0, sizeof(d));
        for (j = 0; tc->steps[j] != '\0'; j++) {
            switch (tc->steps[j]) {
            case 's':
                verdict_dep_sent(&d);
                sent++;
                break;
            case 'a':
                verdict_dep_ended(&d, NC_DEP_END_ANSWERED, 10);
                break;
            case 'q':
                verdict_dep_ended(&d, NC_DEP_END_SILENT, 3000 + (long)j);
                break;
            case 'g':
                verdict_dep_ended(&d, NC_DEP_END_GARBLED, 3000 + (long)j);
                break;
            default:
                verdict_dep_ended(&d, NC_DEP_END_OTHER, 5);
                break;
            }
        }
        if (verdict_dep_dead(&d) != tc->dead ||
            verdict_dep_hold(&d) != tc->hold)
            fail_msg("dep case %u '%s': dead %d hold %d, expected %d %d",
                     (unsigned)i, tc->steps, verdict_dep_dead(&d),
                     verdict_dep_hold(&d), tc->dead, tc->hold);
        assert_int_equal(d.sent, sent);
        assert_int_equal(d.answered, tc->answered);
        assert_int_equal(d.silent, tc->silent);
        assert_int_equal(d.in_flight, tc->in_flight);
        assert_int_equal(d.garbled, tc->garbled);
        /* The longest silent wait is kept, for the detail. */
        if (tc->silent > 0)
            assert_true(d.wait_ms >= 3000);
        else
            assert_int_equal(d.wait_ms, 0);
    }
}

static void test_proxy_dead(void **state)
{
    static const enum nc_problem codes[] = {NC_PROBLEM_PROXY_UNREACHABLE,
                                            NC_PROBLEM_TIMEOUT};
    struct nc_check c;
    struct fx_check_strings s;
    static struct nc_check_result res;
    struct nc_dep d = {
        .sent = 32, .silent = 29, .in_flight = 3, .wait_ms = 3000};
    size_t i;
    int req;

    (void)state;
    for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        for (req = 0; req < 2; req++) {
            fx_check_init(&c, &s, "https", "login.example.com", 443);
            c.required = req != 0;
            fx_result_reset(&res, NULL);
            res.http_status = 200; /* nothing answered: cleared */
            verdict_proxy_dead(&c, "http://192.0.2.8:3128", &d, codes[i], &res);
            assert_int_equal(res.problem, codes[i]);
            assert_int_equal(res.status, req ? NC_STATUS_FAIL : NC_STATUS_WARN);
            assert_true(res.via_proxy);
            assert_string_equal(res.proxy, "http://192.0.2.8:3128");
            assert_int_equal(res.http_status, 0);
            assert_int_equal(res.proxy_status, 0);
            assert_string_equal(
                res.detail,
                "not tried on its own: the proxy http://192.0.2.8:3128 "
                "answered none of the 32 requests sent to it (29 got no "
                "answer within 3000 ms), so it was taken as down; "
                "login.example.com was never tried");
            assert_non_null(strstr(res.action, "http://192.0.2.8:3128"));
        }
    }
}

/* No code kept (cannot happen unless memory ran out): still a failure
 * with one, the proxy's. */
static void test_proxy_dead_no_code(void **state)
{
    struct nc_check c;
    struct fx_check_strings s;
    static struct nc_check_result res;
    struct nc_dep d = {.sent = 4, .silent = 4, .wait_ms = 1000};

    (void)state;
    fx_check_init(&c, &s, "https", "login.example.com", 443);
    fx_result_reset(&res, NULL);
    verdict_proxy_dead(&c, "http://192.0.2.8:3128", &d, NC_PROBLEM_NONE, &res);
    assert_int_equal(res.problem, NC_PROBLEM_PROXY_UNREACHABLE);
    assert_int_equal(res.status, NC_STATUS_FAIL);
}

/* A name never asked because the resolver was taken as down: the
 * timeout code, and a detail that says it was not asked. */
static void test_dns_not_tried(void **state)
{
    struct nc_check c;
    struct fx_check_strings s;
    static struct nc_check_result res;
    struct nc_dns_facts f;

    (void)state;
    fx_check_init(&c, &s, "https", "login.example.com", 443);
    memset(&f, 0, sizeof(f));
    f.a = f.aaaa = NC_DNS_TIMEOUT;
    f.not_tried = true;
    f.dead.sent = 64;
    f.dead.silent = 4;
    f.dead.wait_ms = 2999;
    (void)snprintf(f.server, sizeof(f.server), "%s", "192.0.2.53:53");
    fx_result_reset(&res, NULL);
    assert_int_equal(verdict_dns(&c, &f, 0, &res), NC_PROBLEM_DNS_TIMEOUT);
    assert_int_equal(res.problem, NC_PROBLEM_DNS_TIMEOUT);
    assert_int_equal(res.status, NC_STATUS_FAIL);
    assert_string_equal(res.dns_server, "192.0.2.53:53");
    assert_string_equal(res.detail,
                        "not asked on its own: the resolver 192.0.2.53:53 "
                        "answered none of the 64 lookups sent to it (4 got "
                        "no answer within 2999 ms), so it was taken as down "
                        "and 'login.example.com' was not looked up");
    assert_true(res.action[0] != '\0');

    /* The same outcomes, asked: an ordinary timeout. */
    f.not_tried = false;
    fx_result_reset(&res, NULL);
    assert_int_equal(verdict_dns(&c, &f, 0, &res), NC_PROBLEM_DNS_TIMEOUT);
    assert_null(strstr(res.detail, "not asked"));
}

/* Taken as down for replies that matched no query: each garbled or silent
 * count is named, and a resolver that only garbled is dns_invalid. */
struct dns_garbled_case {
    unsigned silent, garbled;
    enum nc_dns_outcome outcome; /* as dns.c sets it: all garbled, invalid */
    enum nc_problem problem;
    const char *counts; /* the part of the detail in parentheses */
};

static const struct dns_garbled_case garbled_cases[] = {
    {4, 4, NC_DNS_INVALID, NC_PROBLEM_DNS_INVALID,
     "(4 got only replies that match no query, which a client must drop, "
     "within 2999 ms)"},
    {6, 2, NC_DNS_TIMEOUT, NC_PROBLEM_DNS_TIMEOUT,
     "(4 got no answer within 2999 ms, 2 only replies that match no "
     "query)"},
};

static const char garbled_prefix[] = "not asked on its own: the resolver "
                                     "192.0.2.53:53 answered none of the 64 "
                                     "lookups sent to it ";

static void test_dns_not_tried_garbled(void **state)
{
    struct nc_check c;
    struct fx_check_strings s;
    static struct nc_check_result res;
    struct nc_dns_facts f;
    size_t i;

    (void)state;
    fx_check_init(&c, &s, "https", "login.example.com", 443);
    for (i = 0; i < sizeof(garbled_cases) / sizeof(garbled_cases[0]); i++) {
        const struct dns_garbled_case *tc = &garbled_cases[i];

        memset(&f, 0, sizeof(f));
        f.a = f.aaaa = tc->outcome;
        f.not_tried = true;
        f.dead.sent = 64;
        f.dead.silent = tc->silent;
        f.dead.garbled = tc->garbled;
        f.dead.wait_ms = 2999;
        (void)snprintf(f.server, sizeof(f.server), "%s", "192.0.2.53:53");
        fx_result_reset(&res, NULL);
        assert_int_equal(verdict_dns(&c, &f, 0, &res), tc->problem);
        assert_int_equal(res.problem, tc->problem);
        assert_non_null(strstr(res.detail, tc->counts));
        assert_true(
            strncmp(res.detail, garbled_prefix, strlen(garbled_prefix)) == 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dep_table),
        cmocka_unit_test(test_proxy_dead),
        cmocka_unit_test(test_proxy_dead_no_code),
        cmocka_unit_test(test_dns_not_tried),
        cmocka_unit_test(test_dns_not_tried_garbled),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
