/* report.c: format names, dispatch, write-error detection; report_util.c:
 * the shared UTF-8 / XML helpers (the decoder itself: test_utf8.c, the
 * escaping rule: test_esc.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture_port.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nc.h"
#include "report.h"
#include "report_int.h"

static void test_format_parse(void **state)
{
    static const struct {
        const char *in;
        int rc;
        enum nc_format fmt;
    } cases[] = {
        {"text", 0, NC_FORMAT_TEXT},
        {"json", 0, NC_FORMAT_JSON},
        {"junit", 0, NC_FORMAT_JUNIT},
        {"JSON", NC_EPARSE, NC_FORMAT_MAX},
        {"", NC_EPARSE, NC_FORMAT_MAX},
        {"tex", NC_EPARSE, NC_FORMAT_MAX},
        {"jsonx", NC_EPARSE, NC_FORMAT_MAX},
        {"xml", NC_EPARSE, NC_FORMAT_MAX},
        {"prometheus", 0, NC_FORMAT_PROMETHEUS},
        {"prom", NC_EPARSE, NC_FORMAT_MAX},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum nc_format f = NC_FORMAT_MAX;

        assert_int_equal(report_format_parse(cases[i].in, &f), cases[i].rc);
        /* On failure the out-parameter is left alone. */
        assert_int_equal(f, cases[i].fmt);
    }
    assert_int_equal(report_format_parse(NULL, NULL), NC_EPARSE);
}

/* RFC 3339 in UTC from seconds since 1970, by arithmetic (no gmtime):
 * checked against dates whose values are known (date -u -d @T). */
static void test_time_rfc3339(void **state)
{
    static const struct {
        long long t;
        const char *want;
    } cases[] = {
        {1, "1970-01-01T00:00:01Z"},
        {951782400, "2000-02-29T00:00:00Z"}, /* leap day of a 400 year */
        {951868799, "2000-02-29T23:59:59Z"},
        {4107542400LL, "2100-03-01T00:00:00Z"}, /* 2100 is no leap year */
        {1796420296, "2026-12-04T21:38:16Z"},
        {1798761599, "2026-12-31T23:59:59Z"},
        {1798761600, "2027-01-01T00:00:00Z"},
        {253402300799LL, "9999-12-31T23:59:59Z"},
    };
    char buf[32], small[20];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_true(report_time_rfc3339(cases[i].t, buf, sizeof(buf)));
        assert_string_equal(buf, cases[i].want);
    }
    /* Not taken, before 1970, past 9999, or no room: nothing. */
    assert_false(report_time_rfc3339(0, buf, sizeof(buf)));
    assert_string_equal(buf, "");
    assert_false(report_time_rfc3339(-1, buf, sizeof(buf)));
    assert_false(report_time_rfc3339(253402300800LL, buf, sizeof(buf)));
    assert_false(report_time_rfc3339(1796420296, small, sizeof(small)));
    assert_string_equal(small, "");
}

static void test_utf8_width(void **state)
{
    (void)state;
    assert_int_equal(report_utf8_width(""), 0);
    assert_int_equal(report_utf8_width("abc"), 3);
    assert_int_equal(report_utf8_width("\xc3\xa9\xe2\x82\xac"
                                       "x\xf0\x9f\x98\x80"),
                     4);
}

static void test_xml_escape(void **state)
{
    static const struct {
        const char *in;
        const char *out;
    } cases[] = {
        {"plain", "plain"},
        {"<a href=\"x\">&'</a>",
         "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"},
        {"a\x01"
         "b\tc\nd\re\x1f",
         "a\\x01b\tc\nd&#13;e\\x1f"},
        {"u+fffe:\xef\xbf\xbe u+ffff:\xef\xbf\xbf",
         "u+fffe:\\ufffe u+ffff:\\uffff"},
        {"bad\xff\xfe", "bad\\xff\\xfe"},
        /* allowed as references: DEL, C1, bidirectional controls */
        {"del\x7f c1\xc2\x9b rlo\xe2\x80\xae",
         "del&#x7f; c1&#x9b; rlo&#x202e;"},
        {"\x1b]0;title\x07", "\\x1b]0;title\\x07"},
        {"caf\xc3\xa9 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xf0\x9f\x98\x80"},
        {"&amp;", "&amp;amp;"},
        {"", ""},
    };
    char buf[128];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(report_xml_escape(cases[i].in, buf, sizeof(buf)), 0);
        assert_string_equal(buf, cases[i].out);
    }
    assert_int_equal(report_xml_escape(NULL, buf, sizeof(buf)), 0);
    assert_string_equal(buf, "");
}

static void test_xml_escape_truncates(void **state)
{
    char buf[16];

    (void)state;
    /* An entity is never cut in half. */
    assert_int_equal(report_xml_escape("a&b", buf, 5), NC_ELIMIT);
    assert_string_equal(buf, "a");
    assert_int_equal(report_xml_escape("a&b", buf, 7), NC_ELIMIT);
    assert_string_equal(buf, "a&amp;");
    assert_int_equal(report_xml_escape("a&b", buf, 8), 0);
    assert_string_equal(buf, "a&amp;b");
    /* Nor a UTF-8 character. */
    assert_int_equal(report_xml_escape("\xe2\x82\xac\xe2\x82\xac", buf, 6),
                     NC_ELIMIT);
    assert_string_equal(buf, "\xe2\x82\xac");
    assert_int_equal(report_xml_escape("abc", buf, 1), NC_ELIMIT);
    assert_string_equal(buf, "");
    assert_int_equal(report_xml_escape("abc", buf, 0), NC_ELIMIT);
}

static void test_xml_escape_dup(void **state)
{
    char *in = malloc(10001), *out;
    size_t i;

    (void)state;
    assert_non_null(in);
    memset(in, '"', 10000);
    in[10000] = '\0';
    out = report_xml_escape_dup(in);
    assert_non_null(out);
    assert_int_equal(strlen(out), 60000);
    for (i = 0; i < 60000; i += 6)
        assert_memory_equal(out + i, "&quot;", 6);
    nc_free(out);
    free(in);

    out = report_xml_escape_dup(NULL);
    assert_non_null(out);
    assert_string_equal(out, "");
    nc_free(out);

    nc_alloc_fail_after(0);
    out = report_xml_escape_dup("x");
    nc_alloc_fail_after(-1);
    assert_null(out);
}

/* A two-profile plan, filled statically. */
static char n_a[] = "a", n_b[] = "b", c_1[] = "one", c_2[] = "two",
            c_3[] = "three";
static struct nc_check checks_a[2] = {{.name = c_1}, {.name = c_2}};
static struct nc_check checks_b[1] = {{.name = c_3}};
static struct nc_profile prof_a = {
    .name = n_a, .checks = checks_a, .n_checks = 2};
static struct nc_profile prof_b = {
    .name = n_b, .checks = checks_b, .n_checks = 1};
static struct nc_profile *profs[2] = {&prof_a, &prof_b};
static const struct nc_check *plan_checks[3] = {&checks_a[0], &checks_a[1],
                                                &checks_b[0]};
static const struct nc_plan plan = {profs, 2, plan_checks, 3};

static void test_check_profile(void **state)
{
    struct nc_check stray = {.name = c_1};

    (void)state;
    assert_string_equal(report_check_profile(&plan, &checks_a[0]), "a");
    assert_string_equal(report_check_profile(&plan, &checks_a[1]), "a");
    assert_string_equal(report_check_profile(&plan, &checks_b[0]), "b");
    assert_null(report_check_profile(&plan, &stray));
    assert_null(report_check_profile(NULL, &checks_a[0]));
    assert_null(report_check_profile(&plan, NULL));
}

static void test_addrs_failed(void **state)
{
    struct nc_check_result r;
    struct nc_addr_result a[4];
    char *names[2] = {NULL, NULL};

    (void)state;
    memset(&r, 0, sizeof(r));
    memset(a, 0, sizeof(a));
    assert_int_equal(report_addrs_failed(&r), 0);
    r.addrs = a;
    r.n_addrs = 3;
    r.addrs[0].status = NC_STATUS_PASS;
    r.addrs[1].status = NC_STATUS_FAIL;
    r.addrs[2].status = NC_STATUS_FAIL;
    r.addrs[3].status = NC_STATUS_FAIL; /* beyond n_addrs: not counted */
    assert_int_equal(report_addrs_failed(&r), 2);
    assert_int_equal(report_addr_count(&r), 3);

    /* A count without its array never reads through NULL. */
    r.addrs = NULL;
    r.n_addrs = 1000;
    r.n_cnames = 1000;
    assert_int_equal(report_addr_count(&r), 0);
    assert_int_equal(report_cname_count(&r), 0);
    assert_int_equal(report_addrs_failed(&r), 0);
    r.cnames = names;
    r.n_cnames = 2;
    assert_int_equal(report_cname_count(&r), 2);
}

/* A run of the static plan: one, two pass; three fails. */
static void run_make(struct nc_run *run, struct nc_check_result *res)
{
    size_t i;

    memset(run, 0, sizeof(*run));
    memset(res, 0, 3 * sizeof(*res));
    for (i = 0; i < 3; i++) {
        result_init(&res[i], plan_checks[i]);
        res[i].t.total = 10.0;
    }
    res[2].status = NC_STATUS_FAIL;
    res[2].problem = NC_PROBLEM_TCP_REFUSED;
    run->plan = &plan;
    run->results = res;
    run->n_results = 3;
    run_summarize(run);
}

static char *write_mem(enum nc_format fmt, const struct nc_run *run, int *rc)
{
    struct fx_mem m;

    *rc = report_write(fmt, fx_mem_open(&m), run, NULL);
    return fx_mem_close(&m);
}

static void test_write_dispatch(void **state)
{
    struct nc_check_result res[3];
    struct nc_run run;
    char *s;
    int rc;

    (void)state;
    run_make(&run, res);
    s = write_mem(NC_FORMAT_TEXT, &run, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(s, "verdict: FAIL"));
    assert_non_null(strstr(s, "tcp_refused"));
    free(s);

    s = write_mem(NC_FORMAT_JSON, &run, &rc);
    assert_int_equal(rc, 0);
    assert_true(s[0] == '{');
    assert_non_null(strstr(s, "\"schema\": 1"));
    free(s);

    s = write_mem(NC_FORMAT_JUNIT, &run, &rc);
    assert_int_equal(rc, 0);
    assert_true(strncmp(s, "<?xml", 5) == 0);
    assert_non_null(strstr(s, "<failure type=\"tcp_refused\""));
    free(s);

    s = write_mem(NC_FORMAT_MAX, &run, &rc);
    assert_int_equal(rc, NC_EINVAL);
    assert_string_equal(s, "");
    free(s);
}

static void test_write_rejects_bad_run(void **state)
{
    struct nc_check_result res[3];
    struct nc_run run;
    enum nc_format fmt;
    char *s;
    int rc;

    (void)state;
    assert_int_equal(report_run_check(NULL), NC_EINVAL);
    run_make(&run, res);
    assert_int_equal(report_run_check(&run), 0);
    res[1].check = NULL;
    assert_int_equal(report_run_check(&run), NC_EINVAL);
    for (fmt = NC_FORMAT_TEXT; fmt < NC_FORMAT_MAX; fmt++) {
        s = write_mem(fmt, &run, &rc);
        assert_int_equal(rc, NC_EINVAL);
        free(s);
    }
    run.results = NULL;
    assert_int_equal(report_run_check(&run), NC_EINVAL);
    run.n_results = 0;
    assert_int_equal(report_run_check(&run), 0);
}

/* A report that cannot be written whole is an error, in every format:
 * /dev/full fails at the flush, a read-only stream at the first write
 * (Windows has no /dev/full: both are the second, fixture_port.h). */
static void test_write_error_is_eio(void **state)
{
    struct nc_check_result res[3];
    struct nc_run run;
    enum nc_format fmt;

    (void)state;
    run_make(&run, res);
    for (fmt = NC_FORMAT_TEXT; fmt < NC_FORMAT_MAX; fmt++) {
        FILE *full = fx_full_open();
        FILE *ro = fopen(FX_DEVNULL, "r");

        assert_non_null(full);
        assert_non_null(ro);
        assert_int_equal(report_write(fmt, full, &run, NULL), NC_EIO);
        assert_int_equal(report_write(fmt, ro, &run, NULL), NC_EIO);
        (void)fclose(full);
        (void)fclose(ro);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_parse),
        cmocka_unit_test(test_time_rfc3339),
        cmocka_unit_test(test_utf8_width),
        cmocka_unit_test(test_xml_escape),
        cmocka_unit_test(test_xml_escape_truncates),
        cmocka_unit_test(test_xml_escape_dup),
        cmocka_unit_test(test_check_profile),
        cmocka_unit_test(test_addrs_failed),
        cmocka_unit_test(test_write_dispatch),
        cmocka_unit_test(test_write_rejects_bad_run),
        cmocka_unit_test(test_write_error_is_eio),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
