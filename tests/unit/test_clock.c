/* clock.c: the median of the Date-header skew samples and the warning
 * threshold (NC_CLOCK_SKEW_WARN_S), from hand-made samples. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "result.h"

#define MAX_SAMPLES 8

/* cmocka's assert_float_equal compares floats; the skew is a double. */
static void check_near(const char *what, double got, double want, double eps)
{
    double d = got > want ? got - want : want - got;

    if (!(d <= eps))
        fail_msg("%s: got %.9g, want %.9g", what, got, want);
}

struct clock_case {
    const char *name;
    double samples[MAX_SAMPLES];
    size_t n;
    double skew;  /* expected median */
    size_t agree; /* samples within NC_CLOCK_AGREE_S of it */
    bool warn;
};

static const struct clock_case clock_cases[] = {
    {"one sample", {12.5}, 1, 12.5, 1, false},
    {"odd count, unsorted", {5, -3, 1}, 3, 1, 3, false},
    {"even count: mean of the middle two", {40, 10, 30, 20}, 4, 25, 4, false},
    {"five minutes ahead", {300.4, 299.6, 301, 299, 300}, 5, 300, 5, true},
    /* One endpoint a day off must not decide; the mean would be 28800. */
    {"one outlier ignored", {0.2, -0.4, 86400}, 3, 0.2, 2, false},
    {"outlier among ahead clocks", {300, 302, 298, 298, -1e6}, 5, 298, 4, true},
    {"negative skews", {-120, -90, -100}, 3, -100, 3, true},
    {"negative, even", {-1, -3, -5, -7}, 4, -4, 4, false},
    {"exactly +60: no warning", {60, 60}, 2, 60, 2, false},
    {"exactly -60: no warning", {-60, -60}, 2, -60, 2, false},
    {"60.5 warns", {60.5, 60.5}, 2, 60.5, 2, true},
    {"-60.5 warns", {-60.5, -60.5}, 2, -60.5, 2, true},
    {"median of 59 and 61 is 60: no warning", {61, 59}, 2, 60, 2, false},
    {"median of 60 and 61 is 60.5", {61, 60}, 2, 60.5, 2, true},
    {"median of -60 and -61 is -60.5", {-60, -61}, 2, -60.5, 2, true},
    {"far off both ways, median inside", {-3600, 0, 3600}, 3, 0, 1, false},
    /* Issue 13: one endpoint's Date of year 9999 was a 251,605,893,756 s
     * warning. One source is no agreement, whatever it says. */
    {"one source far off: no warning",
     {251605893756.0},
     1,
     251605893756.0,
     1,
     false},
    {"one source an hour off: no warning", {3600}, 1, 3600, 1, false},
    /* Two sources that disagree: their median is neither's clock. */
    {"two far apart: no warning", {0, 7200}, 2, 3600, 0, false},
    /* Half is no majority. */
    {"two of four agree: no warning",
     {300, 301, -5000, 9000},
     4,
     300.5,
     2,
     false},
    {"three of four agree", {300, 301, 299, 9000}, 4, 300.5, 3, true},
};

static void test_clock_decide_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(clock_cases) / sizeof(clock_cases[0]); i++) {
        const struct clock_case *k = &clock_cases[i];
        double s[MAX_SAMPLES];
        struct nc_clock out;

        memcpy(s, k->samples, sizeof(s));
        /* Stale values: each must be written. */
        out.sources = 999;
        out.skew_s = -12345;
        out.warn = !k->warn;
        print_message("case: %s\n", k->name);
        clock_decide(s, k->n, &out);
        assert_int_equal(out.sources, k->n);
        assert_int_equal(out.agree, k->agree);
        check_near(k->name, out.skew_s, k->skew, 1e-9);
        assert_int_equal(out.warn, k->warn);
    }
}

/* No endpoint answered with a Date: not measured, never a warning. */
static void test_clock_decide_none(void **state)
{
    double s[2] = {4000, 5000};
    struct nc_clock out;

    (void)state;
    out.sources = 7;
    out.skew_s = 4000;
    out.warn = true;
    clock_decide(s, 0, &out);
    assert_int_equal(out.sources, 0);
    check_near("skew", out.skew_s, 0, 0);
    assert_false(out.warn);
    /* The samples past n are not read or moved. */
    check_near("s[0]", s[0], 4000, 0);
    check_near("s[1]", s[1], 5000, 0);
}

/* The thresholds are the ones the header documents. */
static void test_clock_threshold(void **state)
{
    double at[2] = {NC_CLOCK_SKEW_WARN_S, NC_CLOCK_SKEW_WARN_S};
    double past[2] = {NC_CLOCK_SKEW_WARN_S + 0.001,
                      NC_CLOCK_SKEW_WARN_S + 0.001};
    double edge[3] = {100, 100 + NC_CLOCK_AGREE_S, 100 - NC_CLOCK_AGREE_S};
    double beyond[3] = {100, 100 + NC_CLOCK_AGREE_S + 0.001, 100};
    struct nc_clock out;

    (void)state;
    check_near("threshold", NC_CLOCK_SKEW_WARN_S, 60.0, 0);
    check_near("agreement", NC_CLOCK_AGREE_S, 30.0, 0);
    clock_decide(at, 2, &out);
    assert_false(out.warn);
    clock_decide(past, 2, &out);
    assert_true(out.warn);
    clock_decide(edge, 3, &out);
    assert_int_equal(out.agree, 3);
    clock_decide(beyond, 3, &out);
    assert_int_equal(out.agree, 2);
}

struct date_case {
    long long date_s;
    bool plausible;
};

/* Date headers: only a reading a real clock could give is a sample. */
static void test_clock_date_plausible(void **state)
{
    static const struct date_case cases[] = {
        {0, false}, /* 1970 */
        {-1, false},
        {1577836799LL, false},   /* 2019-12-31T23:59:59Z */
        {1577836800LL, true},    /* 2020-01-01 */
        {1796400000LL, true},    /* 2026 */
        {4102444799LL, true},    /* 2099-12-31T23:59:59Z */
        {4102444800LL, false},   /* 2100 */
        {253402300799LL, false}, /* 9999-12-31T23:59:59Z */
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (clock_date_plausible(cases[i].date_s) != cases[i].plausible)
            fail_msg("date %lld: want %s", cases[i].date_s,
                     cases[i].plausible ? "plausible" : "implausible");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clock_decide_table),
        cmocka_unit_test(test_clock_decide_none),
        cmocka_unit_test(test_clock_threshold),
        cmocka_unit_test(test_clock_date_plausible),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
