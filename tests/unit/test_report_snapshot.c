/* report_snapshot.c: a run turned into a snapshot (for run --baseline)
 * must be exactly what its JSON report reads back as, field by field, on
 * the shared fixture (pass, fail, warn, skip, a proxy, routes, service
 * tags, invalid UTF-8) and with a clock warning. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_run.h"
#include "nc.h"
#include "report.h"
#include "snapshot_read.h"
#include "str.h"

static void str_same(const char *what, const char *a, const char *b)
{
    if (a == NULL || b == NULL) {
        if (a != b)
            fail_msg("%s: '%s' vs '%s'", what, a ? a : "(null)",
                     b ? b : "(null)");
        return;
    }
    if (strcmp(a, b) != 0)
        fail_msg("%s: '%s' vs '%s'", what, a, b);
}

static void addr_same(const struct nc_snap_addr *a,
                      const struct nc_snap_addr *b)
{
    str_same("ip", a->ip, b->ip);
    assert_int_equal(a->status, b->status);
    str_same("address problem", a->problem, b->problem);
    assert_int_equal(a->in_ranges, b->in_ranges);
    str_same("tag", a->tag, b->tag);
    assert_int_equal(a->route_found, b->route_found);
    str_same("route", a->route, b->route);
}

static void check_same(const struct nc_snap_check *a,
                       const struct nc_snap_check *b)
{
    size_t i;

    str_same("name", a->name, b->name);
    str_same("url", a->url, b->url);
    assert_int_equal(a->required, b->required);
    assert_int_equal(a->status, b->status);
    str_same("problem", a->problem, b->problem);
    str_same("detail", a->detail, b->detail);
    str_same("action", a->action, b->action);
    assert_int_equal(a->n_addrs, b->n_addrs);
    for (i = 0; i < a->n_addrs; i++)
        addr_same(&a->addrs[i], &b->addrs[i]);
}

static void snap_same(const struct nc_snapshot *a, const struct nc_snapshot *b)
{
    const struct nc_snap_run *x = &a->runs[0], *y = &b->runs[0];
    size_t i;

    assert_int_equal(a->n_runs, 1);
    assert_int_equal(b->n_runs, 1);
    str_same("version", a->version, b->version);
    str_same("machine", x->machine, y->machine);
    assert_int_equal(x->n_profiles, y->n_profiles);
    for (i = 0; i < x->n_profiles; i++)
        str_same("profile", x->profiles[i], y->profiles[i]);
    str_same("region", x->region, y->region);
    str_same("proxy source", x->proxy_source, y->proxy_source);
    str_same("proxy url", x->proxy_url, y->proxy_url);
    str_same("clock", x->clock_warning, y->clock_warning);
    assert_int_equal(x->tags, y->tags);
    assert_int_equal(x->n_checks, y->n_checks);
    for (i = 0; i < x->n_checks; i++)
        check_same(&x->checks[i], &y->checks[i]);
}

static void round_trip(const struct nc_run *run)
{
    struct nc_snapshot *direct = NULL, *read = NULL;
    struct nc_diag d;
    char *json;
    int rc;

    json = fx_run_capture(report_json_write, run, &rc);
    assert_int_equal(rc, 0);
    memset(&d, 0, sizeof(d));
    rc = snapshot_parse_buf(json, strlen(json), "run.json", &read, &d);
    if (rc != 0)
        fail_msg("the run's own JSON: %s", d.msg);
    assert_int_equal(report_snapshot_new(run, "this run", &direct), 0);
    assert_string_equal(direct->source, "this run");
    snap_same(direct, read);
    snapshot_free(direct);
    snapshot_free(read);
    free(json);
}

static void test_fixture(void **state)
{
    struct fx_run *f = *state;

    round_trip(&f->run);
}

/* Routes, service tags, a region, a clock warning: set on the fixture. */
static void test_paths_and_clock(void **state)
{
    struct fx_run *f = *state;
    struct nc_addr_result *a = &f->res[0].addrs[0];

    a->route.found = true;
    (void)nc_strlcpy(a->route.dev, "er0", sizeof(a->route.dev));
    a->route.has_via = true;
    assert_int_equal(nc_addr_parse("198.51.100.5", &a->route.via), 0);
    a->tag = "AzureActiveDirectory";
    f->corp.region = fx_run_str(f, "westeurope");
    f->run.clock.warn = true;
    f->run.clock.sources = 3;
    f->run.clock.skew_s = 300;
    round_trip(&f->run);
}

static void test_alloc_failures(void **state)
{
    struct fx_run *f = *state;
    struct nc_snapshot *s = NULL;
    long i;
    int rc = -1;

    for (i = 0; i < 10000; i++) {
        nc_alloc_fail_after(i);
        rc = report_snapshot_new(&f->run, NULL, &s);
        nc_alloc_fail_after(-1);
        if (rc == 0)
            break;
        assert_int_equal(rc, NC_ENOMEM);
        assert_null(s);
    }
    assert_int_equal(rc, 0);
    assert_true(i > 20);
    assert_string_equal(s->source, "this run");
    snapshot_free(s);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_run_setup, fx_run_teardown)
    const struct CMUnitTest tests[] = {
        T(test_fixture),
        T(test_paths_and_clock),
        T(test_alloc_failures),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
