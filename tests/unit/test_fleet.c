/* model/fleet.c (netcheck merge's grouping) on handcrafted reports, and
 * report_fleet_write's formats on the same. Reports are JSON with ' for ",
 * read through snapshot_parse_buf_raw as merge reads them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_port.h"
#include "fleet.h"
#include "nc.h"
#include "report.h"
#include "snapshot_read.h"

/* A report of host h through proxy px (a JSON value) with checks. */
#define REP(h, px, checks)                                                     \
    "{'schema':1,'version':'0.1.0','host':'" h "','profile':['p'],"            \
    "'proxy':{'source':'env','url':" px "},'checks':[" checks "]}"
#define CK(name, status, problem)                                              \
    "{'name':'" name "','required':true,'status':'" status                     \
    "','problem':" problem ",'detail':'d','action':'a'}"
#define OPT(name, status, problem)                                             \
    "{'name':'" name "','required':false,'status':'" status                    \
    "','problem':" problem "}"
#define PASS(name)  CK(name, "pass", "null")
#define PX          "'http://proxy.corp:8080'"
#define PXCRED      "'http://u:secret@proxy.corp:8080/'"
#define N           "null"
#define FLEET(reps) "{'schema':1,'reports':[" reps "]}"

#define MAX_REPS 6

struct fcase {
    const char *what;
    const char *reps[MAX_REPS]; /* NULL-terminated */
    const char *rows;           /* "host:pass|fail:P/F/W/S", ';'-separated */
    const char *groups;         /* "N:code@via" or "N:code#check" then "=h,h" */
    size_t failed;
};

static const struct fcase cases[] = {
    {"all pass",
     {REP("a", N, PASS("web")), REP("b", N, PASS("web") "," PASS("api"))},
     "a:pass:1/0/0/0;b:pass:2/0/0/0",
     "",
     0},
    {"same proxy failure on two hosts groups them, credentials dropped",
     {REP("a", N, PASS("web")),
      REP("b", PX, CK("web", "fail", "'proxy_auth_required'")),
      REP("c", PXCRED, CK("web", "fail", "'proxy_auth_required'"))},
     "a:pass:1/0/0/0;b:fail:0/1/0/0;c:fail:0/1/0/0",
     "2:proxy_auth_required@proxy.corp:8080=b,c",
     2},
    {"one host's repeats of one failure count once",
     {REP("a", PX,
          CK("web", "fail", "'proxy_auth_required'") "," CK(
              "api", "fail", "'proxy_auth_required'"))},
     "a:fail:0/2/0/0",
     "1:proxy_auth_required@proxy.corp:8080=a",
     1},
    {"other codes group by check; bigger groups first",
     {REP("a", N, CK("web", "fail", "'tls_untrusted'")),
      REP("b", N, CK("api", "fail", "'tcp_timeout'")),
      REP("c", N, CK("api", "fail", "'tcp_timeout'")),
      REP("d", N, CK("web", "fail", "'tcp_timeout'"))},
     "a:fail:0/1/0/0;b:fail:0/1/0/0;c:fail:0/1/0/0;d:fail:0/1/0/0",
     "2:tcp_timeout#api=b,c;1:tcp_timeout#web=d;1:tls_untrusted#web=a",
     4},
    {"a proxy code without a proxy groups by check",
     {REP("a", N, CK("web", "fail", "'proxy_unreachable'"))},
     "a:fail:0/1/0/0",
     "1:proxy_unreachable#web=a",
     1},
    {"an optional check's warning is grouped but the host passes",
     {REP("a", N, PASS("web") "," OPT("extra", "warn", "'dns_nxdomain'"))},
     "a:pass:1/0/1/0",
     "1:dns_nxdomain#extra=a",
     0},
    {"a skipped required check fails the host",
     {REP("a", N, CK("web", "skip", "'dns_timeout'"))},
     "a:fail:0/0/0/1",
     "1:dns_timeout#web=a",
     1},
    {"a fleet report is flattened, rows in input order",
     {FLEET(REP("b", N, PASS("web")) "," REP(
          "c", N, CK("web", "fail", "'tcp_refused'"))),
      REP("a", N, CK("web", "fail", "'tcp_refused'"))},
     "b:pass:1/0/0/0;c:fail:0/1/0/0;a:fail:0/1/0/0",
     "2:tcp_refused#web=c,a",
     2},
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
    rc = snapshot_parse_buf_raw(text, strlen(text), name, &s, &d);
    if (rc != 0)
        fail_msg("%s: %s (line %u col %u)", name, d.msg, d.line, d.col);
    free(text);
    return s;
}

static size_t load(const char *const *reps, struct nc_snapshot **snaps)
{
    char name[32];
    size_t n;

    for (n = 0; n < MAX_REPS && reps[n] != NULL; n++) {
        (void)snprintf(name, sizeof(name), "r%zu.json", n);
        snaps[n] = snap(reps[n], name);
    }
    return n;
}

static void unload(struct nc_snapshot **snaps, size_t n)
{
    while (n > 0)
        snapshot_free(snaps[--n]);
}

static void cat(char *buf, size_t cap, const char *s)
{
    size_t used = strlen(buf);

    (void)snprintf(buf + used, cap - used, "%s", s);
}

static void render_rows(const struct fleet *f, char *buf, size_t n)
{
    char one[128];
    size_t i;

    buf[0] = '\0';
    for (i = 0; i < f->n_hosts; i++) {
        const struct fleet_host *h = &f->hosts[i];

        (void)snprintf(one, sizeof(one), "%s%s:%s:%zu/%zu/%zu/%zu",
                       i > 0 ? ";" : "", h->run->machine,
                       h->failed ? "fail" : "pass", h->n_pass, h->n_fail,
                       h->n_warn, h->n_skip);
        cat(buf, n, one);
    }
}

static void render_groups(const struct fleet *f, char *buf, size_t n)
{
    char one[256];
    size_t i, j;

    buf[0] = '\0';
    for (i = 0; i < f->n_groups; i++) {
        const struct fleet_group *g = &f->groups[i];

        (void)snprintf(one, sizeof(one), "%s%zu:%s%s%s=", i > 0 ? ";" : "",
                       g->n_hosts, g->problem, g->via != NULL ? "@" : "#",
                       g->via != NULL ? g->via : g->check);
        cat(buf, n, one);
        for (j = 0; j < g->n_hosts; j++) {
            if (j > 0)
                cat(buf, n, ",");
            cat(buf, n, f->hosts[g->hosts[j]].run->machine);
        }
    }
}

static void test_cases(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct fcase *c = &cases[i];
        struct nc_snapshot *snaps[MAX_REPS];
        struct fleet f;
        char rows[1024], groups[1024];
        size_t n = load(c->reps, snaps);

        print_message("case: %s\n", c->what);
        assert_int_equal(
            fleet_build((const struct nc_snapshot *const *)snaps, n, &f, NULL),
            0);
        render_rows(&f, rows, sizeof(rows));
        render_groups(&f, groups, sizeof(groups));
        assert_string_equal(rows, c->rows);
        assert_string_equal(groups, c->groups);
        assert_int_equal(f.n_failed, c->failed);
        fleet_release(&f);
        unload(snaps, n);
    }
}

/* A host twice, across files or inside a fleet: refused, naming both. */
static void test_duplicate_host(void **state)
{
    const char *reps[] = {REP("a", N, PASS("web")), REP("b", N, PASS("web")),
                          REP("a", N, PASS("api")), NULL};
    struct nc_snapshot *snaps[MAX_REPS];
    struct fleet f;
    struct fleet_dup dup;
    size_t n = load(reps, snaps);

    (void)state;
    memset(&dup, 0, sizeof(dup));
    assert_int_equal(
        fleet_build((const struct nc_snapshot *const *)snaps, n, &f, &dup),
        NC_EPARSE);
    assert_string_equal(dup.host, "a");
    assert_string_equal(dup.first, "r0.json");
    assert_string_equal(dup.second, "r2.json");
    unload(snaps, n);
}

static void test_no_host(void **state)
{
    const char *reps[] = {REP("a", N, PASS("web")),
                          "{'schema':1,'checks':[" PASS("web") "]}", NULL};
    struct nc_snapshot *snaps[MAX_REPS];
    struct fleet f;
    struct fleet_dup dup;
    size_t n = load(reps, snaps);

    (void)state;
    memset(&dup, 0, sizeof(dup));
    assert_int_equal(
        fleet_build((const struct nc_snapshot *const *)snaps, n, &f, &dup),
        NC_EPARSE);
    assert_null(dup.first);
    assert_string_equal(dup.second, "r1.json");
    unload(snaps, n);
}

static void test_proxy_party(void **state)
{
    static const char *const t[][2] = {
        {"http://proxy.corp:8080", "proxy.corp:8080"},
        {"http://u:p@proxy.corp:8080/", "proxy.corp:8080"},
        {"socks5h://a@b:c@[2001:db8::1]:1080", "[2001:db8::1]:1080"},
        {"proxy:3128", "proxy:3128"},
        {"", ""},
    };
    char buf[64];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        assert_string_equal(fleet_proxy_party(t[i][0], buf, sizeof(buf)),
                            t[i][1]);
    assert_string_equal(fleet_proxy_party("http://longhost:1", buf, 5), "long");
}

/* Write f in fmt into a string (free it). */
static char *written(enum nc_format fmt, const struct fleet *f)
{
    struct report_style st = {false};
    struct fx_mem m;

    assert_int_equal(report_fleet_write(fmt, fx_mem_open(&m), f, &st), 0);
    return fx_mem_close(&m);
}

/* The formats, on two hosts failing alike and one passing; the JSON is a
 * fleet report diff and merge read back, each report as it was. */
static void test_formats(void **state)
{
    const char *reps[] = {
        REP("a", N, PASS("web")),
        REP("b", PX, CK("web", "fail", "'proxy_auth_required'")),
        REP("c", PX, CK("web", "fail", "'proxy_auth_required'")), NULL};
    struct nc_snapshot *snaps[MAX_REPS], *back = NULL;
    struct fleet f;
    struct nc_diag d;
    size_t n = load(reps, snaps), i;
    char *s;

    (void)state;
    assert_int_equal(
        fleet_build((const struct nc_snapshot *const *)snaps, n, &f, NULL), 0);
    s = written(NC_FORMAT_TEXT, &f);
    assert_non_null(strstr(s, "3 hosts, 1 passed, 2 failed"));
    assert_non_null(
        strstr(s, "2 hosts: proxy_auth_required via proxy.corp:8080 (b, c)"));
    free(s);
    s = written(NC_FORMAT_JSON, &f);
    memset(&d, 0, sizeof(d));
    assert_int_equal(snapshot_parse_buf_raw(s, strlen(s), "m", &back, &d), 0);
    assert_true(back->fleet);
    assert_int_equal(back->n_runs, 3);
    for (i = 0; i < 3; i++)
        assert_string_equal(back->runs[i].raw, snaps[i]->runs[0].raw);
    assert_non_null(
        strstr(s, "\"groups\":[{\"problem\":\"proxy_auth_required\""));
    snapshot_free(back);
    free(s);
    s = written(NC_FORMAT_JUNIT, &f);
    assert_non_null(
        strstr(s, "<testsuite name=\"b\" tests=\"1\" failures=\"1\""));
    assert_non_null(strstr(s, "<failure type=\"proxy_auth_required\""));
    free(s);
    s = written(NC_FORMAT_PROMETHEUS, &f);
    assert_non_null(strstr(s, "netcheck_run_success{host=\"a\"} 1\n"));
    assert_non_null(strstr(s, "netcheck_run_success{host=\"c\"} 0\n"));
    assert_non_null(strstr(s, "netcheck_fleet_hosts_failed 2\n"));
    free(s);
    fleet_release(&f);
    unload(snaps, n);
}

/* Nothing a terminal acts on reaches the text from a host name. */
static void test_text_escapes(void **state)
{
    const char *reps[] = {REP("a\\u001b[31m", N, CK("w", "fail", "'x'")), NULL};
    struct nc_snapshot *snaps[MAX_REPS];
    struct fleet f;
    size_t n = load(reps, snaps);
    char *s;

    (void)state;
    assert_int_equal(
        fleet_build((const struct nc_snapshot *const *)snaps, n, &f, NULL), 0);
    s = written(NC_FORMAT_TEXT, &f);
    assert_null(strchr(s, '\x1b'));
    free(s);
    fleet_release(&f);
    unload(snaps, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),   cmocka_unit_test(test_duplicate_host),
        cmocka_unit_test(test_no_host), cmocka_unit_test(test_proxy_party),
        cmocka_unit_test(test_formats), cmocka_unit_test(test_text_escapes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
