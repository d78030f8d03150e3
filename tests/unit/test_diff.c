/* verdict/diff.c: the comparison of two reports, on handcrafted reports.
 * Each case is two small JSON reports (written with ' for ", read through
 * snapshot_parse_buf) and the changes the comparison must list, in order,
 * as "kind:check[:address]" with a "!" for a regression. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "diff.h"
#include "nc.h"
#include "snapshot_read.h"

/* A report of profile p with the given checks (JSON, ' for "). */
#define REP(checks)                                                            \
    "{'schema':1,'version':'0.1.0','profile':['p'],"                           \
    "'proxy':{'source':'none','url':null},'warnings':[],'checks':[" checks     \
    "]}"
#define CK(name, status, problem)                                              \
    "{'name':'" name "','url':'https://" name ".nc.test/','required':true,"    \
    "'status':'" status "','problem':" problem ",'detail':'d-" name "',"       \
    "'action':'a-" name "'}"
#define OPT(name, status, problem)                                             \
    "{'name':'" name "','required':false,'status':'" status                    \
    "','problem':" problem "}"
#define N "null"

struct dcase {
    const char *what;
    const char *before, *after;
    const char *changes; /* "kind:check[:address]", ';'-separated */
    size_t regressions;
};

static char *quoted(const char *s)
{
    char *d = strdup(s), *p;

    assert_non_null(d);
    for (p = d; *p != '\0'; p++)
        if (*p == '\'')
            *p = '"';
    return d;
}

static struct nc_snapshot *snap(const char *json, const char *name)
{
    struct nc_snapshot *s = NULL;
    struct nc_diag d;
    char *text = quoted(json);
    int rc;

    memset(&d, 0, sizeof(d));
    rc = snapshot_parse_buf(text, strlen(text), name, &s, &d);
    if (rc != 0)
        fail_msg("%s: %s (line %u col %u)", name, d.msg, d.line, d.col);
    free(text);
    return s;
}

/* The changes as "kind:check[:address]" joined by ';', "!" marking a
 * regression. */
static void render(const struct nc_diff *d, char *buf, size_t n)
{
    size_t i, used;

    buf[0] = '\0';
    for (i = 0; i < d->n; i++) {
        const struct nc_change *c = &d->v[i];

        used = strlen(buf);
        (void)snprintf(buf + used, n - used, "%s%s%s%s%s%s%s", i > 0 ? ";" : "",
                       c->regression ? "!" : "", change_kind_name(c->kind),
                       c->check != NULL ? ":" : "",
                       c->check != NULL ? c->check : "",
                       c->address != NULL ? ":" : "",
                       c->address != NULL ? c->address : "");
    }
}

static void run_case(const struct dcase *t)
{
    struct nc_snapshot *b = snap(t->before, "before.json");
    struct nc_snapshot *a = snap(t->after, "after.json");
    struct nc_diff d;
    char got[2048];

    assert_int_equal(diff_compare(b, a, &d), 0);
    render(&d, got, sizeof(got));
    if (strcmp(got, t->changes) != 0 || d.regressions != t->regressions)
        fail_msg("%s: got '%s' (%zu regressions), want '%s' (%zu)", t->what,
                 got, d.regressions, t->changes, t->regressions);
    diff_release(&d);
    snapshot_free(b);
    snapshot_free(a);
}

static const struct dcase status_cases[] = {
    {"identical",
     REP(CK("web", "pass", N) "," CK("api", "fail", "'tcp_refused'")),
     REP(CK("web", "pass", N) "," CK("api", "fail", "'tcp_refused'")), "", 0},
    {"pass to fail", REP(CK("web", "pass", N)),
     REP(CK("web", "fail", "'tcp_timeout'")), "!newly_failing:web", 1},
    {"fail to pass", REP(CK("web", "fail", "'tcp_timeout'")),
     REP(CK("web", "pass", N)), "fixed:web", 0},
    {"warn to pass", REP(OPT("web", "warn", "'tcp_timeout'")),
     REP(OPT("web", "pass", N)), "fixed:web", 0},
    {"another code", REP(CK("web", "fail", "'tcp_refused'")),
     REP(CK("web", "fail", "'tcp_timeout'")), "problem_changed:web", 0},
    {"required pass to skip", REP(CK("web", "pass", N)),
     REP(CK("web", "skip", N)), "!unverified:web", 1},
    {"optional pass to skip", REP(OPT("web", "pass", N)),
     REP(OPT("web", "skip", N)), "unverified:web", 0},
    {"fail to skip", REP(CK("web", "fail", "'tcp_refused'")),
     REP(CK("web", "skip", N)), "unverified:web", 0},
    {"skip to pass", REP(CK("web", "skip", N)), REP(CK("web", "pass", N)),
     "verified:web", 0},
    {"skip to fail", REP(CK("web", "skip", N)),
     REP(CK("web", "fail", "'dns_nxdomain'")), "!newly_failing:web", 1},
    {"optional pass to warn", REP(OPT("web", "pass", N)),
     REP(OPT("web", "warn", "'tcp_refused'")), "newly_warning:web", 0},
    {"warn to fail (now required)", REP(OPT("web", "warn", "'tcp_refused'")),
     REP(CK("web", "fail", "'tcp_refused'")), "!newly_failing:web", 1},
    {"fail to warn, same code", REP(CK("web", "fail", "'tcp_refused'")),
     REP(OPT("web", "warn", "'tcp_refused'")), "status_changed:web", 0},
    {"renamed check", REP(CK("login", "pass", N)), REP(CK("signin", "pass", N)),
     "check_added:signin;check_removed:login", 0},
    {"renamed and failing", REP(CK("login", "pass", N)),
     REP(CK("signin", "fail", "'tcp_timeout'")),
     "!check_added:signin;check_removed:login", 1},
    {"url changed",
     REP("{'name':'web','url':'https://a.nc.test/','status':'pass'}"),
     REP("{'name':'web','url':'https://b.nc.test/','status':'pass'}"),
     "url_changed:web", 0},
    {"order of AFTER, then BEFORE's leftovers",
     REP(CK("a", "pass", N) "," CK("gone", "pass", N) "," CK("b", "pass", N)),
     REP(CK("b", "fail", "'tcp_refused'") "," CK("new", "pass", N) "," CK(
         "a", "fail", "'tcp_refused'")),
     "!newly_failing:b;check_added:new;!newly_failing:a;check_removed:gone", 2},
};

static void test_status(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(status_cases) / sizeof(status_cases[0]); i++)
        run_case(&status_cases[i]);
}

/* A check with the given addresses (JSON objects). */
#define CA(status, problem, addrs)                                             \
    "{'name':'web','status':'" status "','problem':" problem                   \
    ",'addresses':[" addrs "]}"
#define AD(ip, in, tag, route)                                                 \
    "{'ip':'" ip "','status':'pass','problem':null,'in_ranges':" in            \
    ",'service_tag':" tag ",'route':" route "}"
#define AP(ip, problem, route)                                                 \
    "{'ip':'" ip "','status':'fail','problem':'" problem "','route':" route "}"
#define TAG(n) "{'name':'" n "','region':'','system_service':''}"
#define ER     "{'dev':'er0','via':'198.51.100.5','src':null}"
#define INET   "{'dev':'inet0','via':'198.51.100.1','src':null}"

static const struct dcase addr_cases[] = {
    {"DNS drift",
     REP(CA("pass", N,
            AD("203.0.113.10", N, N, N) "," AD("203.0.113.11", N, N, N))),
     REP(CA("pass", N,
            AD("203.0.113.11", N, N, N) "," AD("203.0.113.12", N, N, N))),
     "address_appeared:web:203.0.113.12;address_gone:web:203.0.113.10", 0},
    {"left the ranges", REP(CA("pass", N, AD("203.0.113.10", "true", N, N))),
     REP(CA("fail", "'address_outside_ranges'",
            AD("203.0.113.10", "false", N, N))),
     "!newly_failing:web;address_left_ranges:web:203.0.113.10", 1},
    {"a new address outside",
     REP(CA("pass", N, AD("203.0.113.10", "true", N, N))),
     REP(CA("fail", "'address_outside_ranges'",
            AD("198.51.100.80", "false", N, N))),
     "!newly_failing:web;address_appeared:web:198.51.100.80;"
     "address_left_ranges:web:198.51.100.80;address_gone:web:203.0.113.10",
     1},
    {"back inside",
     REP(CA("warn", "'address_outside_ranges'",
            AD("203.0.113.10", "false", N, N))),
     REP(CA("pass", N, AD("203.0.113.10", "true", N, N))),
     "fixed:web;address_entered_ranges:web:203.0.113.10", 0},
    {"service tag changed",
     REP(CA("pass", N, AD("203.0.113.10", N, TAG("Storage.WestEurope"), N))),
     REP(CA("pass", N, AD("203.0.113.10", N, TAG("Storage.NorthEurope"), N))),
     "service_tag_changed:web:203.0.113.10", 0},
    {"tags only on one side: not compared",
     REP(CA("pass", N, AD("203.0.113.10", N, N, N))),
     REP(CA("pass", N, AD("203.0.113.10", N, TAG("Storage"), N))), "", 0},
    {"off ExpressRoute", REP(CA("pass", N, AD("203.0.113.10", N, N, ER))),
     REP(CA("fail", "'route_misrouted'",
            AP("203.0.113.10", "route_misrouted", INET))),
     "!newly_failing:web;route_off_expressroute:web:203.0.113.10", 1},
    {"route changed, not judged",
     REP(CA("pass", N, AD("203.0.113.10", N, N, ER))),
     REP(CA("pass", N, AD("203.0.113.10", N, N, INET))),
     "route_changed:web:203.0.113.10", 0},
};

static void test_addresses(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(addr_cases) / sizeof(addr_cases[0]); i++)
        run_case(&addr_cases[i]);
}

/* The before and after of a route, and the detail of the failure. */
static void test_change_values(void **state)
{
    struct nc_snapshot *b, *a;
    struct nc_diff d;

    (void)state;
    b = snap(REP(CA("pass", N, AD("203.0.113.10", N, N, ER))), "b");
    a = snap(
        REP("{'name':'web','status':'fail','problem':'route_misrouted',"
            "'detail':'routed by inet0','action':'advertise it',"
            "'addresses':[" AP("203.0.113.10", "route_misrouted", INET) "]}"),
        "a");
    assert_int_equal(diff_compare(b, a, &d), 0);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.v[0].before, "pass");
    assert_null(d.v[0].before_code);
    assert_string_equal(d.v[0].after, "fail");
    assert_string_equal(d.v[0].after_code, "route_misrouted");
    assert_string_equal(d.v[0].detail, "routed by inet0");
    assert_string_equal(d.v[0].action, "advertise it");
    assert_string_equal(d.v[1].before, "er0 via 198.51.100.5");
    assert_string_equal(d.v[1].after, "inet0 via 198.51.100.1");
    assert_true(d.before == b && d.after == a);
    diff_release(&d);
    snapshot_free(b);
    snapshot_free(a);
}

#define RUNLVL(extra)                                                          \
    "{'schema':1,'profile':['p'],'checks':[" CK("web", "pass", N) "]" extra "}"
#define PROXY(src, url) ",'proxy':{'source':'" src "','url':" url "}"
#define CLOCK                                                                  \
    ",'warnings':[{'code':'clock_skew','detail':'the clock is 300 s behind'}]"
#define REGION(n) ",'region':{'name':'" n "','default':true,'profile':'p'}"

static const struct dcase run_cases[] = {
    {"proxy changed", RUNLVL(PROXY("none", N)),
     RUNLVL(PROXY("env", "'http://203.0.113.30:3128'")), "proxy_changed", 0},
    {"proxy source changed", RUNLVL(PROXY("env", "'http://p:1'")),
     RUNLVL(PROXY("unit", "'http://p:1'")), "proxy_changed", 0},
    {"proxy not said in one (older report)", RUNLVL(""),
     RUNLVL(PROXY("env", "'http://p:1'")), "", 0},
    {"clock warning appeared", RUNLVL(""), RUNLVL(CLOCK),
     "clock_warning_appeared", 0},
    {"clock warning gone", RUNLVL(CLOCK), RUNLVL(""), "clock_warning_gone", 0},
    {"region changed", RUNLVL(REGION("westeurope")), RUNLVL(REGION("eastus")),
     "region_changed", 0},
    {"profiles in another order",
     "{'schema':1,'profile':['a','b'],'checks':[]}",
     "{'schema':1,'profile':['b','a'],'checks':[]}", "", 0},
};

static void test_run_level(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(run_cases) / sizeof(run_cases[0]); i++)
        run_case(&run_cases[i]);
}

static void test_clock_values(void **state)
{
    struct nc_snapshot *b = snap(RUNLVL(""), "b"),
                       *a = snap(RUNLVL(CLOCK), "a");
    struct nc_diff d;

    (void)state;
    assert_int_equal(diff_compare(b, a, &d), 0);
    assert_int_equal(d.n, 1);
    assert_null(d.v[0].before);
    assert_string_equal(d.v[0].after, "the clock is 300 s behind");
    diff_release(&d);
    snapshot_free(b);
    snapshot_free(a);
}

/* Different profiles: said (the flag), and what matches is compared. */
static void test_profile_mismatch(void **state)
{
    struct nc_snapshot *b, *a;
    struct nc_diff d;
    char got[512];

    (void)state;
    b = snap("{'schema':1,'profile':['corp'],'checks':[" CK(
                 "web", "pass", N) "," CK("old", "pass", N) "]}",
             "b");
    a = snap("{'schema':1,'profile':['corp','extra'],'checks':[" CK(
                 "web", "fail", "'tcp_refused'") "]}",
             "a");
    assert_int_equal(diff_compare(b, a, &d), 0);
    render(&d, got, sizeof(got));
    assert_string_equal(got,
                        "profile_changed;!newly_failing:web;check_removed:old");
    assert_true(d.profile_mismatch);
    assert_string_equal(d.v[0].before, "corp");
    assert_string_equal(d.v[0].after, "corp, extra");
    assert_int_equal(d.matched, 1);
    diff_release(&d);
    snapshot_free(b);
    snapshot_free(a);
}

/* A schema-1 report as the first netcheck wrote it (commit 2006917: no
 * region, resolution, clock, warnings, root_causes, service tags or
 * address sources) against one of today, and a report cut to the bone. */
#define OLD_REPORT                                                             \
    "{'schema':1,'version':'0.1.0','profile':['p'],"                           \
    "'proxy':{'source':'none','url':null},"                                    \
    "'summary':{'total':2,'passed':1,'failed':1,'warned':0,'skipped':0,"       \
    "'verdict':'fail'},'wall_ms':12.5,'checks':["                              \
    "{'name':'web','url':'https://web.nc.test/','host':'web.nc.test',"         \
    "'port':443,'required':true,'status':'pass','problem':null,"               \
    "'detail':null,'action':null,'via_proxy':false,'addresses':[{'ip':"        \
    "'203.0.113.10','status':'pass','problem':null,'in_ranges':null,"          \
    "'route':null,'detail':null,'http_status':200,'timings_ms':null}],"        \
    "'http_status':200,'proxy_status':null,'proxy_auth':[],'tls':null,"        \
    "'timings_ms':null,'rule':null,'sampled':false,'skip_reason':null,"        \
    "'cnames':[]},"                                                            \
    "{'name':'api','url':'https://api.nc.test/','host':'api.nc.test',"         \
    "'port':443,'required':true,'status':'fail','problem':'tcp_refused',"      \
    "'detail':'refused','action':'open it','via_proxy':false,"                 \
    "'addresses':[],'http_status':null,'proxy_status':null,'proxy_auth':[],"   \
    "'tls':null,'timings_ms':null}]}"
#define NEW_REPORT                                                             \
    "{'schema':1,'version':'0.2.0','profile':['p'],'region':null,"             \
    "'proxy':{'source':'none','url':null},'resolution':{'dns_only':true},"     \
    "'clock':{'skew_s':0.1,'sources':2},'warnings':[],'root_causes':[],"       \
    "'future_key':{'x':[1,2]},'checks':["                                      \
    "{'name':'web','url':'https://web.nc.test/','required':true,"              \
    "'status':'fail','problem':'tls_intercepted','detail':'re-signed',"        \
    "'addresses':[{'ip':'203.0.113.10','status':'fail','problem':"             \
    "'tls_intercepted','in_ranges':null,'route':null,'service_tag':null,"      \
    "'source':'dns','source_file':null,'source_line':null,'new':1}]},"         \
    "{'name':'api','url':'https://api.nc.test/','status':'pass',"              \
    "'problem':null}]}"

static const struct dcase old_cases[] = {
    {"first schema-1 report against today's", OLD_REPORT, NEW_REPORT,
     "!newly_failing:web;fixed:api", 1},
    {"minimal reports", "{'schema':1,'checks':[{'name':'a','status':'pass'}]}",
     "{'schema':1,'checks':[{'name':'a','status':'fail'}]}", "!newly_failing:a",
     1},
};

static void test_older_reports(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(old_cases) / sizeof(old_cases[0]); i++)
        run_case(&old_cases[i]);
}

/* Fleet reports: runs match by host; one report of one machine each
 * always match, whatever their hosts are called. */
#define HOSTREP(h, checks) "{'schema':1,'host':'" h "','checks':[" checks "]}"
#define FLEET(reps)        "{'schema':1,'reports':[" reps "]}"

static const struct dcase fleet_cases[] = {
    {"fleet",
     FLEET(HOSTREP("srv1", CK("web", "pass", N)) "," HOSTREP(
         "srv2", CK("web", "pass", N))),
     FLEET(HOSTREP("srv3", CK("web", "fail", "'tcp_refused'")) "," HOSTREP(
         "srv1", CK("web", "fail", "'tcp_timeout'"))),
     "!host_added;!newly_failing:web;host_removed", 2},
    {"fleet, a new host without failures",
     FLEET(HOSTREP("srv1", CK("web", "pass", N))),
     FLEET(HOSTREP("srv1", CK("web", "pass", N)) "," HOSTREP(
         "srv9", CK("web", "pass", N))),
     "host_added", 0},
    {"two single reports of differently named hosts",
     HOSTREP("old-name", CK("web", "pass", N)),
     HOSTREP("new-name", CK("web", "fail", "'tcp_refused'")),
     "!newly_failing:web", 1},
    {"a single report against a fleet", HOSTREP("srv1", CK("web", "pass", N)),
     FLEET(HOSTREP("srv1", CK("web", "fail", "'tcp_refused'")) "," HOSTREP(
         "srv2", CK("web", "pass", N))),
     "!newly_failing:web;host_added", 1},
};

static void test_fleet(void **state)
{
    struct nc_snapshot *b, *a;
    struct nc_diff d;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(fleet_cases) / sizeof(fleet_cases[0]); i++)
        run_case(&fleet_cases[i]);
    b = snap(fleet_cases[0].before, "b");
    a = snap(fleet_cases[0].after, "a");
    assert_int_equal(diff_compare(b, a, &d), 0);
    assert_string_equal(d.v[0].after, "srv3");
    assert_string_equal(d.v[1].machine, "srv1");
    assert_string_equal(d.v[2].before, "srv2");
    diff_release(&d);
    snapshot_free(b);
    snapshot_free(a);
}

/* Every allocation of a comparison with every kind of change fails in
 * turn: NC_ENOMEM with nothing left in the diff (ASan checks for leaks). */
static void test_alloc_failures(void **state)
{
    struct nc_snapshot *b, *a;
    struct nc_diff d;
    long i, total;
    int rc = -1;

    (void)state;
    b = snap("{'schema':1,'profile':['p'],'warnings':[],'proxy':{'source':"
             "'none','url':null},'checks':[" CK("x", "pass",
                                                N) "," CK("y", "pass", N) "]}",
             "b");
    a = snap(
        "{'schema':1,'profile':['q'],'proxy':{'source':'env','url':'h'}" CLOCK
        ",'checks':[" CK("y", "fail", "'tcp_refused'") "," CK("z", "pass",
                                                              N) "]}",
        "a");
    nc_alloc_fail_after(-1);
    assert_int_equal(diff_compare(b, a, &d), 0);
    diff_release(&d);
    nc_alloc_fail_after(0);
    total = nc_alloc_fail_after(-1);
    (void)total;
    for (i = 0; i < 100; i++) {
        nc_alloc_fail_after(i);
        rc = diff_compare(b, a, &d);
        nc_alloc_fail_after(-1);
        if (rc == 0)
            break;
        assert_int_equal(rc, NC_ENOMEM);
        assert_null(d.v);
        assert_int_equal(d.n, 0);
    }
    assert_int_equal(rc, 0);
    assert_true(i > 3);
    diff_release(&d);
    snapshot_free(b);
    snapshot_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status),
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_change_values),
        cmocka_unit_test(test_run_level),
        cmocka_unit_test(test_clock_values),
        cmocka_unit_test(test_profile_mismatch),
        cmocka_unit_test(test_older_reports),
        cmocka_unit_test(test_fleet),
        cmocka_unit_test(test_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
