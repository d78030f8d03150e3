/* profile_value.c: the values of a profile's keys, parsed without the
 * parser's state. Each value is a table row: its code and message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cidr.h"
#include "nc.h"
#include "profile_int.h"

static void test_bool(void **state)
{
    static const struct {
        const char *v;
        int rc;
        bool out;
    } cases[] = {
        {"yes", 0, true},       {"TRUE", 0, true},   {"No", 0, false},
        {"false", 0, false},    {"1", NC_EPARSE, 0}, {"", NC_EPARSE, 0},
        {"yess", NC_EPARSE, 0}, {"y", NC_EPARSE, 0},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool out = !cases[i].out;

        assert_int_equal(pf_bool_parse(cases[i].v, &out), cases[i].rc);
        if (cases[i].rc == 0)
            assert_int_equal(out, cases[i].out);
    }
}

static void test_status(void **state)
{
    static const struct {
        const char *v;
        int rc;
        unsigned min, max;
    } cases[] = {
        {"200", 0, 200, 200},
        {"200-299", 0, 200, 299},
        {" 204 - 204 ", 0, 204, 204},
        {"100-599", 0, 100, 599},
        {"99", NC_EPARSE, 0, 0},
        {"600", NC_EPARSE, 0, 0},
        {"300-200", NC_EPARSE, 0, 0},
        {"2xx", NC_EPARSE, 0, 0},
        {"", NC_EPARSE, 0, 0},
        {"200-", NC_EPARSE, 0, 0},
        {"20000000-1", NC_EPARSE, 0, 0},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        unsigned lo = 1, hi = 1;

        assert_int_equal(pf_status_parse(cases[i].v, &lo, &hi), cases[i].rc);
        if (cases[i].rc == 0) {
            assert_int_equal(lo, cases[i].min);
            assert_int_equal(hi, cases[i].max);
        } else {
            assert_int_equal(lo, 1); /* untouched on an error */
        }
    }
}

static void test_tag_name(void **state)
{
    char long_name[130];

    (void)state;
    assert_true(pf_tag_name_ok("AzureActiveDirectory"));
    assert_true(pf_tag_name_ok("Storage.WestEurope"));
    assert_true(pf_tag_name_ok("a-b_c.9"));
    assert_false(pf_tag_name_ok(""));
    assert_false(pf_tag_name_ok("Storage WestEurope"));
    assert_false(pf_tag_name_ok("a/b"));
    memset(long_name, 'a', 128);
    long_name[128] = '\0';
    assert_true(pf_tag_name_ok(long_name));
    long_name[128] = 'a';
    long_name[129] = '\0';
    assert_false(pf_tag_name_ok(long_name));
}

static void test_ranges(void **state)
{
    static const struct {
        const char *v;
        int rc;
        size_t n;
        const char *msg; /* a substring of why */
    } cases[] = {
        {"10.0.0.0/8", 0, 1, NULL},
        {"10.0.0.0/8, 2001:db8::/32\t192.0.2.1", 0, 3, NULL},
        {" , ,", 0, 0, NULL},
        {"10.0.0.0/33", NC_EPARSE, 0,
         "invalid range '10.0.0.0/33' in [check c]: "},
        {"10.0.0.0/8 x", NC_EPARSE, 1, "invalid range 'x' in [check c]"},
        {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "aaaaaaaaaaaaaaa",
         NC_EPARSE, 0, "in [check c]: too long"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct nc_cidr *arr = NULL;
        size_t n = 0, cap = 0;
        char why[320] = "";

        assert_int_equal(pf_ranges_parse(cases[i].v, "[check c]", &arr, &n,
                                         &cap, why, sizeof(why)),
                         cases[i].rc);
        assert_int_equal(n, cases[i].n);
        if (cases[i].msg != NULL && strstr(why, cases[i].msg) == NULL)
            fail_msg("'%s': '%s' lacks '%s'", cases[i].v, why, cases[i].msg);
        nc_free(arr);
    }
}

static void test_ranges_limit(void **state)
{
    struct nc_cidr *arr = NULL;
    size_t n = 0, cap = 0, i;
    char why[320] = "", *v = NULL, *p;
    size_t len = (NC_PROFILE_MAX_RANGES + 1) * 16 + 1;
    int rc;

    (void)state;
    v = nc_malloc(len);
    assert_non_null(v);
    p = v;
    for (i = 0; i <= NC_PROFILE_MAX_RANGES; i++)
        p += snprintf(p, len - (size_t)(p - v), "10.%zu.%zu.0/24 ",
                      (i >> 8) & 255, i & 255);
    rc = pf_ranges_parse(v, "[profile]", &arr, &n, &cap, why, sizeof(why));
    assert_int_equal(rc, NC_ELIMIT);
    assert_int_equal(n, NC_PROFILE_MAX_RANGES);
    assert_non_null(strstr(why, "too many ranges in [profile] (limit"));
    nc_free(arr);
    nc_free(v);
}

static void free_issuers(char **iss, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        nc_free(iss[i]);
    nc_free(iss);
}

static void test_issuers(void **state)
{
    char **iss = NULL;
    size_t n = 0;
    char why[160] = "";
    char many[64 * 3 + 8];
    size_t i;

    (void)state;
    assert_int_equal(pf_issuers_parse("DigiCert Global Root G2, Microsoft RSA "
                                      "Root Certificate Authority 2017",
                                      &iss, &n, why, sizeof(why)),
                     0);
    assert_int_equal(n, 2);
    assert_string_equal(iss[0], "DigiCert Global Root G2");
    assert_string_equal(iss[1],
                        "Microsoft RSA Root Certificate Authority 2017");
    free_issuers(iss, n);

    iss = NULL;
    n = 0;
    assert_int_equal(pf_issuers_parse("A, ,B", &iss, &n, why, sizeof(why)),
                     NC_EPARSE);
    assert_string_equal(why, "empty name in tls_issuers");
    free_issuers(iss, n);

    /* "x,x,...,x": 65 names, one more than the limit. */
    for (i = 0; i < 65; i++) {
        many[2 * i] = 'x';
        many[2 * i + 1] = ',';
    }
    many[2 * 65 - 1] = '\0';
    iss = NULL;
    n = 0;
    assert_int_equal(pf_issuers_parse(many, &iss, &n, why, sizeof(why)),
                     NC_ELIMIT);
    assert_int_equal(n, 64);
    assert_string_equal(why, "too many tls_issuers (limit 64)");
    free_issuers(iss, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bool),         cmocka_unit_test(test_status),
        cmocka_unit_test(test_tag_name),     cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_ranges_limit), cmocka_unit_test(test_issuers),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
