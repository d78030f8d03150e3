/* report_diff*.c: the changes of `netcheck diff` as text, JSON and JUnit,
 * from two handcrafted reports: regressions first in every format, text
 * from the report files cleaned for the terminal and escaped for XML. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "diff.h"
#include "fixture_port.h"
#include "nc.h"
#include "report.h"
#include "snapshot_read.h"

/* ' stands for ". AFTER: "web" newly fails with a detail holding an
 * escape sequence, "api" is fixed, an address appeared, the proxy
 * changed, and a problem code holds markup. */
#define BEFORE                                                                 \
    "{'schema':1,'profile':['p'],'proxy':{'source':'none','url':null},"        \
    "'checks':[{'name':'api','status':'fail','problem':'tcp_refused'},"        \
    "{'name':'web','status':'pass','addresses':[{'ip':'203.0.113.10'}]},"      \
    "{'name':'odd','status':'pass'}]}"
#define AFTER                                                                  \
    "{'schema':1,'profile':['p'],'proxy':{'source':'env','url':'http://"       \
    "203.0.113.30:3128'},'checks':[{'name':'api','status':'pass'},"            \
    "{'name':'web','status':'fail','problem':'tcp_timeout','detail':"          \
    "'no answer \\u001b[2J from 203.0.113.11','action':'allow it',"            \
    "'addresses':[{'ip':'203.0.113.11','status':'fail','problem':"             \
    "'tcp_timeout'}]},{'name':'odd','status':'fail','problem':'x\\\"<y>'}]}"

struct fx {
    struct nc_snapshot *b, *a;
    struct nc_diff d;
};

static struct nc_snapshot *snap(const char *json, const char *name)
{
    struct nc_snapshot *s = NULL;
    struct nc_diag dg;
    char *text = strdup(json), *p;

    assert_non_null(text);
    for (p = text; *p != '\0'; p++)
        if (*p == '\'')
            *p = '"';
    memset(&dg, 0, sizeof(dg));
    if (snapshot_parse_buf(text, strlen(text), name, &s, &dg) != 0)
        fail_msg("%s: %s", name, dg.msg);
    free(text);
    return s;
}

static int setup_with(void **state, const char *before, const char *after)
{
    struct fx *f = calloc(1, sizeof(*f));

    assert_non_null(f);
    f->b = snap(before, "before.json");
    f->a = snap(after, "after.json");
    assert_int_equal(diff_compare(f->b, f->a, &f->d), 0);
    *state = f;
    return 0;
}

static int setup(void **state)
{
    return setup_with(state, BEFORE, AFTER);
}

static int setup_same(void **state)
{
    return setup_with(state, BEFORE, BEFORE);
}

static int teardown(void **state)
{
    struct fx *f = *state;

    diff_release(&f->d);
    snapshot_free(f->b);
    snapshot_free(f->a);
    free(f);
    return 0;
}

static char *capture(enum nc_format fmt, const struct nc_diff *d, int *rc)
{
    struct fx_mem m;

    *rc = report_diff_write(fmt, fx_mem_open(&m), d, NULL);
    return fx_mem_close(&m);
}

static void test_text(void **state)
{
    struct fx *f = *state;
    char *t, *reg, *other;
    int rc;

    t = capture(NC_FORMAT_TEXT, &f->d, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(t, "diff: before.json -> after.json\n"));
    assert_non_null(strstr(t, "compared: 3 checks in both, 0 added, 0 "
                              "removed; 0 still failing as before\n"));
    reg = strstr(t, "REGRESSIONS (2)\n");
    other = strstr(t, "OTHER CHANGES (4)\n");
    assert_non_null(reg);
    assert_non_null(other);
    assert_true(reg < other);
    assert_non_null(
        strstr(reg, "  web: newly_failing: now fail tcp_timeout, was pass\n"
                    "    detail:  no answer \\x1b[2J from 203.0.113.11\n"
                    "    action:  allow it\n"));
    assert_true(strstr(t, "api: fixed: now pass, was fail tcp_refused") >
                other);
    assert_non_null(strstr(other, "  proxy in force: direct (none) -> "
                                  "http://203.0.113.30:3128 (env)\n"));
    assert_non_null(
        strstr(other, "  web 203.0.113.11: address appeared (DNS drift)\n"));
    assert_non_null(
        strstr(other, "  web 203.0.113.10: address disappeared (DNS drift)\n"));
    assert_non_null(strstr(t, "\nverdict: REGRESSION - 2 regressions, 4 "
                              "other changes\n"));
    /* Nothing from a report file drives the terminal. */
    assert_null(strchr(t, '\033'));
    free(t);
}

static void test_text_no_changes(void **state)
{
    struct fx *f = *state;
    struct report_style color = {true};
    struct fx_mem m;
    char *buf;

    assert_int_equal(
        report_diff_write(NC_FORMAT_TEXT, fx_mem_open(&m), &f->d, &color), 0);
    buf = fx_mem_close(&m);
    assert_non_null(strstr(buf, "\nno changes\n"));
    assert_null(strstr(buf, "REGRESSIONS"));
    assert_non_null(strstr(buf, "verdict: \033[32mNO REGRESSION\033[0m - 0 "
                                "regressions, 0 other changes\n"));
    free(buf);
}

static json_t *get(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);

    if (v == NULL)
        fail_msg("missing key '%s'", key);
    return v;
}

static void test_json(void **state)
{
    static const char *const keys[] = {
        "kind",    "regression", "host",    "check",
        "address", "before",     "after",   "after_problem",
        "detail",  "action",     "message", "before_problem"};
    struct fx *f = *state;
    json_error_t err;
    json_t *root, *ch, *c, *s;
    size_t i, k;
    char *t;
    int rc;

    t = capture(NC_FORMAT_JSON, &f->d, &rc);
    assert_int_equal(rc, 0);
    root = json_loads(t, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL)
        fail_msg("invalid JSON: %s", err.text);
    assert_int_equal(json_integer_value(get(root, "diff_schema")), 1);
    assert_string_equal(json_string_value(get(get(root, "before"), "file")),
                        "before.json");
    s = get(root, "summary");
    assert_int_equal(json_integer_value(get(s, "regressions")), 2);
    assert_int_equal(json_integer_value(get(s, "other_changes")), 4);
    assert_int_equal(json_integer_value(get(s, "matched")), 3);
    assert_string_equal(json_string_value(get(s, "verdict")), "regression");
    assert_true(json_is_false(get(s, "profile_mismatch")));
    ch = get(root, "changes");
    assert_int_equal(json_array_size(ch), 6);
    json_array_foreach(ch, i, c)
    {
        for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
            (void)get(c, keys[k]);
        /* Regressions first. */
        assert_int_equal(json_is_true(get(c, "regression")), i < 2);
    }
    c = json_array_get(ch, 0);
    assert_string_equal(json_string_value(get(c, "kind")), "newly_failing");
    assert_string_equal(json_string_value(get(c, "check")), "web");
    assert_string_equal(json_string_value(get(c, "before")), "pass");
    assert_true(json_is_null(get(c, "before_problem")));
    assert_string_equal(json_string_value(get(c, "after_problem")),
                        "tcp_timeout");
    assert_string_equal(json_string_value(get(c, "detail")),
                        "no answer \033[2J from 203.0.113.11");
    c = json_array_get(ch, 2);
    assert_string_equal(json_string_value(get(c, "kind")), "proxy_changed");
    assert_true(json_is_null(get(c, "check")));
    json_decref(root);
    free(t);
}

static void test_junit(void **state)
{
    struct fx *f = *state;
    char *t;
    int rc;

    t = capture(NC_FORMAT_JUNIT, &f->d, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(t, "<testsuites name=\"netcheck diff\" tests=\"6\" "
                              "failures=\"2\""));
    assert_non_null(strstr(
        t, "<testcase classname=\"netcheck.diff\" name=\"web: "
           "newly_failing\">\n      <failure type=\"tcp_timeout\" "
           "message=\"newly_failing: now fail tcp_timeout, was pass\">"));
    /* A code from the file is escaped like any other text. */
    assert_non_null(strstr(t, "<failure type=\"x&quot;&lt;y&gt;\""));
    assert_null(strstr(t, "x\"<y>"));
    assert_non_null(strstr(t, "name=\"api: fixed\">\n      <system-out>"));
    assert_null(strchr(t, '\033'));
    free(t);
}

static void test_junit_no_changes(void **state)
{
    struct fx *f = *state;
    char *t;
    int rc;

    t = capture(NC_FORMAT_JUNIT, &f->d, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(t, "tests=\"1\" failures=\"0\""));
    assert_non_null(strstr(t, "name=\"no changes\"/>"));
    free(t);
}

static void test_invalid(void **state)
{
    struct fx *f = *state;
    struct nc_diff empty;

    memset(&empty, 0, sizeof(empty));
    assert_int_equal(report_diff_write(NC_FORMAT_MAX, stdout, &f->d, NULL),
                     NC_EINVAL);
    assert_int_equal(report_diff_write(NC_FORMAT_TEXT, stdout, &empty, NULL),
                     NC_EINVAL);
}

static void test_json_alloc_failures(void **state)
{
    struct fx *f = *state;
    long i, total;
    char *t;
    int rc;

    json_set_alloc_funcs(nc_malloc, nc_free);
    nc_alloc_fail_after(-1);
    t = capture(NC_FORMAT_JSON, &f->d, &rc);
    total = nc_alloc_fail_after(-1);
    assert_int_equal(rc, 0);
    free(t);
    assert_true(total > 20);
    for (i = 0; i < total; i++) {
        nc_alloc_fail_after(i);
        t = capture(NC_FORMAT_JSON, &f->d, &rc);
        nc_alloc_fail_after(-1);
        assert_int_equal(rc, NC_ENOMEM);
        free(t);
    }
    json_set_alloc_funcs(malloc, free);
}

int main(void)
{
#define T(fn)  cmocka_unit_test_setup_teardown(fn, setup, teardown)
#define TS(fn) cmocka_unit_test_setup_teardown(fn, setup_same, teardown)
    const struct CMUnitTest tests[] = {
        T(test_text),
        TS(test_text_no_changes),
        T(test_json),
        T(test_junit),
        TS(test_junit_no_changes),
        T(test_invalid),
        T(test_json_alloc_failures),
    };
#undef T
#undef TS

    return cmocka_run_group_tests(tests, NULL, NULL);
}
