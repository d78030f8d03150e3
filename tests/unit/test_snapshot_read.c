/* input/snapshot_read.c: a JSON report read back for `netcheck diff`,
 * from a string and from a file; what it rejects (with the file, the
 * line and column of bad JSON, the key path of a bad value), what it
 * tolerates (unknown and missing keys), and allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nc.h"
#include "snapshot_read.h"

#define SRC "before.json"

/* ' stands for " in the inputs below (not in the messages). */
static char *quoted(const char *s)
{
    char *d = strdup(s), *p;

    assert_non_null(d);
    for (p = d; *p != '\0'; p++)
        if (*p == '\'')
            *p = '"';
    return d;
}

struct rcase {
    const char *text;
    int rc;
    unsigned line, col; /* of bad JSON; 0 for a bad value */
    const char *msg;    /* substring of the message */
};

static const struct rcase bad[] = {
    {"", NC_EPARSE, 1, 0, "invalid JSON"},
    {"{'schema':1,\n 'checks': [}", NC_EPARSE, 2, 13, "invalid JSON"},
    {"{'schema':1,'schema':1,'checks':[]}", NC_EPARSE, 1, 0, "duplicate"},
    {"[1]", NC_EPARSE, 0, 0, "not a netcheck report"},
    {"{'checks':[]}", NC_EPARSE, 0, 0, "no \"schema\""},
    {"{'schema':2,'checks':[]}", NC_EPARSE, 0, 0, "schema: want 1"},
    {"{'schema':'1','checks':[]}", NC_EPARSE, 0, 0, "schema: want 1"},
    {"{'schema':1}", NC_EPARSE, 0, 0, "checks: want an array"},
    {"{'schema':1,'checks':[7]}", NC_EPARSE, 0, 0, "checks[0]: want an object"},
    {"{'schema':1,'checks':[{'status':'pass'}]}", NC_EPARSE, 0, 0,
     "checks[0].name: want a string"},
    {"{'schema':1,'checks':[{'name':'a'}]}", NC_EPARSE, 0, 0,
     "checks[0].status: want"},
    {"{'schema':1,'checks':[{'name':'a','status':'ok'}]}", NC_EPARSE, 0, 0,
     "checks[0].status: want"},
    {"{'schema':1,'checks':[{'name':'a','status':'pass','required':'yes'}]}",
     NC_EPARSE, 0, 0, "checks[0].required: want true or false"},
    {"{'schema':1,'checks':[{'name':'a','status':'pass','problem':3}]}",
     NC_EPARSE, 0, 0, "checks[0].problem: want a string or null"},
    {"{'schema':1,'checks':[{'name':'a','status':'pass','addresses':{}}]}",
     NC_EPARSE, 0, 0, "checks[0].addresses: want an array"},
    {"{'schema':1,'checks':[{'name':'a','status':'pass','addresses':[{}]}]}",
     NC_EPARSE, 0, 0, "checks[0].addresses[0].ip: want a string"},
    {"{'schema':1,'checks':[{'name':'a','status':'pass','addresses':[{'ip':"
     "'x','in_ranges':1}]}]}",
     NC_EPARSE, 0, 0, "checks[0].addresses[0].in_ranges: want"},
    {"{'schema':1,'checks':[{'name':'a','status':'pass','addresses':[{'ip':"
     "'x','route':{'dev':5}}]}]}",
     NC_EPARSE, 0, 0, "checks[0].addresses[0].route.dev: want a string"},
    {"{'schema':1,'checks':[{'name':'a','status':'pass','addresses_total':"
     "'3'}]}",
     NC_EPARSE, 0, 0, "checks[0].addresses_total: want an integer"},
    {"{'schema':1,'checks':[{'name':'a','status':'pass','addresses':[{'ip':"
     "'x'},{'ip':'y'}],'addresses_total':1}]}",
     NC_EPARSE, 0, 0, "checks[0].addresses_total: want 2 to"},
    {"{'schema':1,'checks':[{'name':'a','status':'pass','addresses_total':"
     "-1}]}",
     NC_EPARSE, 0, 0, "checks[0].addresses_total: want 0 to"},
    {"{'schema':1,'checks':[{'name':'a','status':'pass','addresses_total':"
     "1000001}]}",
     NC_EPARSE, 0, 0, "checks[0].addresses_total: want 0 to"},
    {"{'schema':1,'checks':[{'name':'a','status':'pass'},{'name':'a',"
     "'status':'fail'}]}",
     NC_EPARSE, 0, 0, "two checks named 'a'"},
    {"{'schema':1,'profile':5,'checks':[]}", NC_EPARSE, 0, 0,
     "profile: want an array of names"},
    {"{'schema':1,'proxy':[],'checks':[]}", NC_EPARSE, 0, 0,
     "proxy: want an object or null"},
    {"{'schema':1,'reports':{}}", NC_EPARSE, 0, 0, "reports: want an array"},
    {"{'schema':1,'reports':[]}", NC_EPARSE, 0, 0, "reports: empty"},
    {"{'schema':1,'reports':[{'checks':[]},{'checks':[]}]}", NC_EPARSE, 0, 0,
     "reports[0]: no \"host\""},
    {"{'schema':1,'reports':[{'host':'a','checks':[]},{'host':'a','checks':"
     "[]}]}",
     NC_EPARSE, 0, 0, "host 'a' twice"},
    {"{'schema':1,'reports':[{'host':'a','schema':3,'checks':[]}]}", NC_EPARSE,
     0, 0, "reports[0].schema: want 1"},
    {"{'schema':1,'checks':[{'name':'a\\u0000','status':'pass'}]}", NC_EPARSE,
     1, 0, "invalid JSON"},
};

static void test_rejects(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const struct rcase *t = &bad[i];
        struct nc_snapshot *s = NULL;
        struct nc_diag d;
        char *text = quoted(t->text);
        const char *want = t->msg;
        int rc;

        memset(&d, 0, sizeof(d));
        rc = snapshot_parse_buf(text, strlen(text), SRC, &s, &d);
        if (rc != t->rc || s != NULL || strcmp(d.file, SRC) != 0 ||
            d.line != t->line || (t->col != 0 && d.col != t->col) ||
            strstr(d.msg, want) == NULL)
            fail_msg("case %zu: rc %d, %s:%u:%u: '%s'; want %d, line %u col "
                     "%u, '%s'",
                     i, rc, d.file, d.line, d.col, d.msg, t->rc, t->line,
                     t->col, want);
        free(text);
    }
}

static void test_limits(void **state)
{
    struct nc_snapshot *s = NULL;
    struct nc_diag d;
    char *text;
    size_t i, len, cap = 64 + (NC_SNAP_MAX_ADDRS + 1) * 16;

    (void)state;
    text = malloc(cap);
    assert_non_null(text);
    len = (size_t)snprintf(text, cap,
                           "{\"schema\":1,\"checks\":[{\"name\":"
                           "\"a\",\"status\":\"pass\","
                           "\"addresses\":[");
    for (i = 0; i <= NC_SNAP_MAX_ADDRS; i++)
        len += (size_t)snprintf(text + len, cap - len, "%s{\"ip\":\"x\"}",
                                i > 0 ? "," : "");
    len += (size_t)snprintf(text + len, cap - len, "]}]}");
    memset(&d, 0, sizeof(d));
    assert_int_equal(snapshot_parse_buf(text, len, SRC, &s, &d), NC_ELIMIT);
    assert_null(s);
    {
        char want[64];

        (void)snprintf(want, sizeof(want), "more than %u addresses",
                       NC_SNAP_MAX_ADDRS);
        assert_non_null(strstr(d.msg, want));
    }
    free(text);
    /* The size is refused before parsing. */
    assert_int_equal(
        snapshot_parse_buf("{}", NC_SNAP_MAX_BYTES + 1u, SRC, &s, &d),
        NC_ELIMIT);
}

#define FULL                                                                   \
    "{'schema':1,'version':'0.1.0','profile':['corp','extra'],"                \
    "'region':{'name':'westeurope','default':true,'profile':'corp'},"          \
    "'proxy':{'source':'env','url':'http://203.0.113.30:3128'},"               \
    "'warnings':[{'detail':'no code'},{'code':'clock_skew','detail':"          \
    "'300 s behind'}],'unknown':[{'x':1}],'checks':["                          \
    "{'name':'web','url':'https://web.nc.test/','required':false,"             \
    "'status':'warn','problem':'tcp_timeout','detail':'timed out',"            \
    "'action':'open it','addresses':["                                         \
    "{'ip':'203.0.113.10','status':'fail','problem':'tcp_timeout',"            \
    "'in_ranges':false,'service_tag':{'name':'Storage','region':''},"          \
    "'route':{'dev':'er0','via':'198.51.100.5','src':null}},"                  \
    "{'ip':'2001:db8::1','status':'pass','in_ranges':true,"                    \
    "'route':{'dev':'lo','via':null}}],'addresses_total':100},"                \
    "{'name':'bare','status':'skip'}]}"

static void check_full(const struct nc_snapshot *s)
{
    const struct nc_snap_run *r;
    const struct nc_snap_check *c;

    assert_string_equal(s->source, SRC);
    assert_string_equal(s->version, "0.1.0");
    assert_false(s->fleet);
    assert_int_equal(s->n_runs, 1);
    r = &s->runs[0];
    assert_null(r->machine);
    assert_int_equal(r->n_profiles, 2);
    assert_string_equal(r->profiles[1], "extra");
    assert_string_equal(r->region, "westeurope");
    assert_string_equal(r->proxy_source, "env");
    assert_string_equal(r->proxy_url, "http://203.0.113.30:3128");
    assert_string_equal(r->clock_warning, "300 s behind");
    assert_true(r->tags);
    assert_int_equal(r->n_checks, 2);
    c = &r->checks[0];
    assert_string_equal(c->name, "web");
    assert_string_equal(c->url, "https://web.nc.test/");
    assert_false(c->required);
    assert_int_equal(c->status, NC_STATUS_WARN);
    assert_string_equal(c->problem, "tcp_timeout");
    assert_string_equal(c->detail, "timed out");
    assert_string_equal(c->action, "open it");
    assert_int_equal(c->n_addrs, 2);
    assert_int_equal(c->addrs_total, 100);
    assert_string_equal(c->addrs[0].ip, "203.0.113.10");
    assert_int_equal(c->addrs[0].status, NC_STATUS_FAIL);
    assert_int_equal(c->addrs[0].in_ranges, 0);
    assert_string_equal(c->addrs[0].tag, "Storage");
    assert_true(c->addrs[0].route_found);
    assert_string_equal(c->addrs[0].route, "er0 via 198.51.100.5");
    assert_int_equal(c->addrs[1].in_ranges, 1);
    assert_null(c->addrs[1].tag);
    assert_string_equal(c->addrs[1].route, "lo");
    /* Missing keys take their defaults. */
    c = &r->checks[1];
    assert_null(c->url);
    assert_true(c->required);
    assert_int_equal(c->status, NC_STATUS_SKIP);
    assert_null(c->problem);
    assert_int_equal(c->n_addrs, 0);
    assert_int_equal(c->addrs_total, 0);
}

static void test_fields(void **state)
{
    struct nc_snapshot *s = NULL;
    struct nc_diag d;
    char *text = quoted(FULL);

    (void)state;
    memset(&d, 0, sizeof(d));
    assert_int_equal(snapshot_parse_buf(text, strlen(text), SRC, &s, &d), 0);
    check_full(s);
    snapshot_free(s);
    free(text);
}

static void test_file(void **state)
{
    struct nc_snapshot *s = NULL;
    struct nc_diag d;
    char path[] = "/tmp/nc-snapshot-XXXXXX";
    char *text = quoted(FULL);
    int fd = mkstemp(path);
    FILE *f;

    (void)state;
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    memset(&d, 0, sizeof(d));
    assert_int_equal(snapshot_load_file(path, &s, &d), 0);
    assert_string_equal(s->source, path);
    snapshot_free(s);
    s = NULL;
    assert_int_equal(unlink(path), 0);
    memset(&d, 0, sizeof(d));
    assert_int_equal(snapshot_load_file(path, &s, &d), NC_EIO);
    assert_null(s);
    assert_string_equal(d.file, path);
    free(text);
}

static void test_fleet(void **state)
{
    struct nc_snapshot *s = NULL;
    struct nc_diag d;
    char *text = quoted("{'schema':1,'reports':[{'host':'b','checks':[]},"
                        "{'host':'a','schema':1,'checks':[{'name':'x',"
                        "'status':'fail'}]}]}");

    (void)state;
    memset(&d, 0, sizeof(d));
    assert_int_equal(snapshot_parse_buf(text, strlen(text), SRC, &s, &d), 0);
    assert_true(s->fleet);
    assert_int_equal(s->n_runs, 2);
    assert_string_equal(s->runs[0].machine, "b");
    assert_string_equal(s->runs[1].machine, "a");
    assert_int_equal(s->runs[1].n_checks, 1);
    snapshot_free(s);
    free(text);
}

/* jansson reports some failed allocations as a parse error ("invalid
 * JSON"), not as out of memory: told apart by this wrapper. */
static bool json_alloc_failed;

static void *json_alloc(size_t n)
{
    void *p = nc_malloc(n);

    if (p == NULL)
        json_alloc_failed = true;
    return p;
}

static void test_alloc_failures(void **state)
{
    struct nc_snapshot *s = NULL;
    struct nc_diag d;
    char *text = quoted(FULL);
    long i, own = 0;
    int rc = -1;

    (void)state;
    json_set_alloc_funcs(json_alloc, nc_free);
    for (i = 0; i < 10000; i++) {
        memset(&d, 0, sizeof(d));
        json_alloc_failed = false;
        nc_alloc_fail_after(i);
        rc = snapshot_parse_buf(text, strlen(text), SRC, &s, &d);
        nc_alloc_fail_after(-1);
        if (rc == 0)
            break;
        assert_null(s);
        if (rc == NC_ENOMEM) {
            assert_string_equal(d.msg, "out of memory");
            own += json_alloc_failed ? 0 : 1;
        } else if (!(rc == NC_EPARSE && json_alloc_failed &&
                     strstr(d.msg, "invalid JSON") != NULL)) {
            fail_msg("allocation %ld: rc %d (%s)", i, rc, d.msg);
        }
    }
    json_set_alloc_funcs(malloc, free);
    assert_int_equal(rc, 0);
    assert_true(i > 20);
    assert_true(own > 10); /* the snapshot's own allocations were hit */
    check_full(s);
    snapshot_free(s);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rejects), cmocka_unit_test(test_limits),
        cmocka_unit_test(test_fields),  cmocka_unit_test(test_file),
        cmocka_unit_test(test_fleet),   cmocka_unit_test(test_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
