/* report_json.c: the report is parsed back with jansson and every key of
 * schema 1 is checked, nulls included. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nc.h"
#include "report.h"
#include "str.h"

#define FX_CHECKS 6

/* A hand-built run: profile "corp" with five checks, "extra" with one.
 * Strings are duplicated so the plain char * fields can hold them. */
struct fx {
    struct nc_check corp_checks[5], extra_checks[1];
    struct nc_profile corp, extra;
    struct nc_profile *profiles[2];
    const struct nc_check *checks[FX_CHECKS];
    struct nc_plan plan;
    struct nc_check_result res[FX_CHECKS];
    struct nc_run run;
    char *pool[64];
    size_t n_pool;
};

static char *S(struct fx *f, const char *s)
{
    char *d = strdup(s);

    assert_non_null(d);
    assert_true(f->n_pool < sizeof(f->pool) / sizeof(f->pool[0]));
    f->pool[f->n_pool++] = d;
    return d;
}

static void check_set(struct fx *f, struct nc_check *c, const char *name,
                      const char *scheme, const char *host, unsigned port,
                      bool required)
{
    char url[256];

    (void)snprintf(url, sizeof(url), "%s://%s:%u/", scheme, host, port);
    c->name = S(f, name);
    c->url = S(f, url);
    c->scheme = S(f, scheme);
    c->host = S(f, host);
    c->port = port;
    c->path = S(f, "/");
    c->required = required;
    c->status_min = 100;
    c->status_max = 599;
}

static void timings_set(struct nc_timings *t, double dns, double connect,
                        double tls, double first, double total)
{
    t->dns = dns;
    t->connect = connect;
    t->tls = tls;
    t->first_byte = first;
    t->total = total;
}

static void addr_set(struct nc_addr_result *a, const char *ip,
                     enum nc_status st, enum nc_problem p, int in_ranges,
                     const char *detail)
{
    (void)nc_strlcpy(a->ip, ip, sizeof(a->ip));
    a->status = st;
    a->problem = p;
    a->in_ranges = in_ranges;
    (void)nc_strlcpy(a->detail, detail, sizeof(a->detail));
    a->http_status = st == NC_STATUS_PASS ? 200 : 0;
    timings_set(&a->t, -1, 2.0, -1, -1, 5.0);
}

static int fx_setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct nc_check_result *r;
    size_t i;

    assert_non_null(f);
    check_set(f, &f->corp_checks[0], "login", "https", "login.example.com", 443,
              true);
    check_set(f, &f->corp_checks[1], "blob", "https", "sample.blob.example.net",
              443, true);
    f->corp_checks[1].rule = S(f, "*.blob.example.net");
    check_set(f, &f->corp_checks[2], "ncsi", "http", "ncsi.example.com", 80,
              false);
    check_set(f, &f->corp_checks[3], "queue", "https", "queue.example.net", 443,
              true);
    f->corp_checks[3].rule = S(f, "*.queue.example.net");
    f->corp_checks[3].skip_reason =
        S(f, "untestable wildcard: give sample=HOST");
    check_set(f, &f->corp_checks[4], "bad\xff name", "https", "nx.example.com",
              8443, true);
    check_set(f, &f->extra_checks[0], "v6", "https", "v6.example.com", 443,
              true);
    f->corp = (struct nc_profile){
        .name = S(f, "corp"), .checks = f->corp_checks, .n_checks = 5};
    f->extra = (struct nc_profile){
        .name = S(f, "extra"), .checks = f->extra_checks, .n_checks = 1};
    f->profiles[0] = &f->corp;
    f->profiles[1] = &f->extra;
    for (i = 0; i < 5; i++)
        f->checks[i] = &f->corp_checks[i];
    f->checks[5] = &f->extra_checks[0];
    f->plan = (struct nc_plan){f->profiles, 2, f->checks, FX_CHECKS};

    for (i = 0; i < FX_CHECKS; i++) {
        f->res[i].check = f->checks[i];
        timings_set(&f->res[i].t, -1, -1, -1, -1, -1);
    }
    /* login: pass, one address inside the ranges, TLS seen. */
    r = &f->res[0];
    r->status = NC_STATUS_PASS;
    r->n_addrs = 1;
    addr_set(&r->addrs[0], "203.0.113.10", NC_STATUS_PASS, NC_PROBLEM_NONE, 1,
             "");
    r->http_status = 200;
    r->tls.present = true;
    (void)nc_strlcpy(r->tls.subject, "CN=login.example.com",
                     sizeof(r->tls.subject));
    (void)nc_strlcpy(r->tls.issuer, "CN=Example CA", sizeof(r->tls.issuer));
    timings_set(&r->t, 1.5, 3.25, 10.125, 40, 83.25);
    /* blob: 2 of 4 addresses fail, through a CNAME chain. */
    r = &f->res[1];
    r->status = NC_STATUS_FAIL;
    r->problem = NC_PROBLEM_TCP_TIMEOUT;
    (void)nc_strlcpy(r->detail, "2 of 4 addresses failed", sizeof(r->detail));
    (void)nc_strlcpy(r->action, "allow TCP 443", sizeof(r->action));
    r->n_addrs = 4;
    addr_set(&r->addrs[0], "203.0.113.20", NC_STATUS_FAIL,
             NC_PROBLEM_TCP_TIMEOUT, 0, "no answer in 5000 ms");
    addr_set(&r->addrs[1], "203.0.113.21", NC_STATUS_FAIL,
             NC_PROBLEM_TCP_REFUSED, 1, "refused");
    addr_set(&r->addrs[2], "203.0.113.22", NC_STATUS_PASS, NC_PROBLEM_NONE, -1,
             "");
    addr_set(&r->addrs[3], "2001:db8::22", NC_STATUS_PASS, NC_PROBLEM_NONE, -1,
             "");
    r->n_cnames = 2;
    (void)nc_strlcpy(r->cnames[0], "sample.blob.example.net",
                     sizeof(r->cnames[0]));
    (void)nc_strlcpy(r->cnames[1], "blob.edge.example.net",
                     sizeof(r->cnames[1]));
    r->via_proxy = true;
    r->proxy_status = 200;
    timings_set(&r->t, 2, -1, -1, -1, 5003);
    /* ncsi: optional, body mismatch, detail full of markup. */
    r = &f->res[2];
    r->status = NC_STATUS_WARN;
    r->problem = NC_PROBLEM_BODY_MISMATCH;
    (void)nc_strlcpy(r->detail, "body was \"<b>Block & 'deny'</b>\"",
                     sizeof(r->detail));
    r->http_status = 200;
    r->n_addrs = 1;
    addr_set(&r->addrs[0], "198.51.100.7", NC_STATUS_FAIL,
             NC_PROBLEM_BODY_MISMATCH, -1, "body mismatch");
    /* queue: untestable wildcard. */
    r = &f->res[3];
    r->status = NC_STATUS_SKIP;
    (void)nc_strlcpy(r->detail, "untestable wildcard: give sample=HOST",
                     sizeof(r->detail));
    /* bad name: NXDOMAIN, with invalid UTF-8 in the detail. */
    r = &f->res[4];
    r->status = NC_STATUS_FAIL;
    r->problem = NC_PROBLEM_DNS_NXDOMAIN;
    (void)nc_strlcpy(r->detail, "\xff\xfe bad \xc3\x28 name",
                     sizeof(r->detail));
    timings_set(&r->t, 12, -1, -1, -1, 12);
    /* v6: pass over IPv6. */
    r = &f->res[5];
    r->status = NC_STATUS_PASS;
    r->n_addrs = 1;
    addr_set(&r->addrs[0], "2001:db8::1", NC_STATUS_PASS, NC_PROBLEM_NONE, -1,
             "");
    timings_set(&r->t, 1, 1, 1, 1, 4);

    f->run.plan = &f->plan;
    f->run.proxy_source = NC_PROXY_SOURCE_ENV;
    (void)nc_strlcpy(f->run.proxy_url, "http://proxy.example:3128",
                     sizeof(f->run.proxy_url));
    f->run.results = f->res;
    f->run.n_results = FX_CHECKS;
    f->run.wall_ms = 5010.5;
    run_summarize(&f->run);
    *state = f;
    return 0;
}

static int fx_teardown(void **state)
{
    struct fx *f = *state;
    size_t i;

    for (i = 0; i < f->n_pool; i++)
        free(f->pool[i]);
    free(f);
    return 0;
}

/* Write run as JSON into memory.  \return the text (free it) */
static char *json_text(const struct nc_run *run, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);

    assert_non_null(out);
    *rc = report_json_write(out, run);
    assert_int_equal(fclose(out), 0);
    return buf;
}

static json_t *json_report(const struct nc_run *run)
{
    json_error_t err;
    json_t *root;
    char *text;
    size_t len;
    int rc;

    text = json_text(run, &rc);
    assert_int_equal(rc, 0);
    len = strlen(text);
    assert_true(len > 2);
    /* One trailing newline, after the closing brace. */
    assert_true(text[len - 1] == '\n' && text[len - 2] == '}');
    root = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL)
        fail_msg("invalid JSON: %s at line %d", err.text, err.line);
    free(text);
    return root;
}

static json_t *get(json_t *o, const char *key)
{
    json_t *v;

    assert_true(json_is_object(o));
    v = json_object_get(o, key);
    if (v == NULL)
        fail_msg("missing key '%s'", key);
    return v;
}

static void assert_str(json_t *o, const char *key, const char *want)
{
    json_t *v = get(o, key);

    assert_true(json_is_string(v));
    assert_string_equal(json_string_value(v), want);
}

static void assert_int_key(json_t *o, const char *key, json_int_t want)
{
    json_t *v = get(o, key);

    assert_true(json_is_integer(v));
    assert_int_equal(json_integer_value(v), want);
}

static void assert_null_key(json_t *o, const char *key)
{
    if (!json_is_null(get(o, key)))
        fail_msg("key '%s' is not null", key);
}

static void assert_real_key(json_t *o, const char *key, double want)
{
    json_t *v = get(o, key);

    assert_true(json_is_number(v));
    assert_true(json_number_value(v) > want - 1e-9 &&
                json_number_value(v) < want + 1e-9);
}

static void test_top_level(void **state)
{
    struct fx *f = *state;
    json_t *root = json_report(&f->run), *v, *s;

    assert_int_key(root, "schema", 1);
    assert_str(root, "version", NC_VERSION);
    v = get(root, "profile");
    assert_true(json_is_array(v));
    assert_int_equal(json_array_size(v), 2);
    assert_string_equal(json_string_value(json_array_get(v, 0)), "corp");
    assert_string_equal(json_string_value(json_array_get(v, 1)), "extra");
    v = get(root, "proxy");
    assert_str(v, "source", "env");
    assert_str(v, "url", "http://proxy.example:3128");
    s = get(root, "summary");
    assert_int_key(s, "total", 6);
    assert_int_key(s, "passed", 2);
    assert_int_key(s, "failed", 2);
    assert_int_key(s, "warned", 1);
    assert_int_key(s, "skipped", 1);
    assert_str(s, "verdict", "fail");
    assert_real_key(root, "wall_ms", 5010.5);
    v = get(root, "checks");
    assert_true(json_is_array(v));
    assert_int_equal(json_array_size(v), FX_CHECKS);
    json_decref(root);
}

static json_t *check_at(json_t *root, size_t i)
{
    json_t *c = json_array_get(get(root, "checks"), i);

    assert_non_null(c);
    return c;
}

static void test_pass_check(void **state)
{
    struct fx *f = *state;
    json_t *root = json_report(&f->run), *c = check_at(root, 0), *a, *v;

    assert_str(c, "name", "login");
    assert_str(c, "url", "https://login.example.com:443/");
    assert_str(c, "host", "login.example.com");
    assert_int_key(c, "port", 443);
    assert_true(json_is_true(get(c, "required")));
    assert_str(c, "status", "pass");
    assert_null_key(c, "problem");
    assert_null_key(c, "detail");
    assert_null_key(c, "action");
    assert_true(json_is_false(get(c, "via_proxy")));
    assert_int_key(c, "http_status", 200);
    assert_null_key(c, "proxy_status");
    v = get(c, "proxy_auth");
    assert_true(json_is_array(v) && json_array_size(v) == 0);
    v = get(c, "tls");
    assert_str(v, "subject", "CN=login.example.com");
    assert_str(v, "issuer", "CN=Example CA");
    assert_null_key(v, "root");
    v = get(c, "timings_ms");
    assert_real_key(v, "dns", 1.5);
    assert_real_key(v, "connect", 3.25);
    assert_real_key(v, "tls", 10.125);
    assert_real_key(v, "first_byte", 40);
    assert_real_key(v, "total", 83.25);
    assert_null_key(c, "rule");
    assert_true(json_is_false(get(c, "sampled")));
    v = get(c, "addresses");
    assert_int_equal(json_array_size(v), 1);
    a = json_array_get(v, 0);
    assert_str(a, "ip", "203.0.113.10");
    assert_str(a, "status", "pass");
    assert_null_key(a, "problem");
    assert_true(json_is_true(get(a, "in_ranges")));
    assert_null_key(a, "route");
    assert_null_key(a, "detail");
    assert_int_key(a, "http_status", 200);
    json_decref(root);
}

static void test_failed_check_addresses(void **state)
{
    struct fx *f = *state;
    json_t *root = json_report(&f->run), *c = check_at(root, 1), *v, *a;
    static const char *const codes[4] = {"tcp_timeout", "tcp_refused", NULL,
                                         NULL};
    size_t i;

    assert_str(c, "status", "fail");
    assert_str(c, "problem", "tcp_timeout");
    assert_str(c, "detail", "2 of 4 addresses failed");
    assert_str(c, "action", "allow TCP 443");
    assert_true(json_is_true(get(c, "via_proxy")));
    assert_int_key(c, "proxy_status", 200);
    assert_null_key(c, "http_status");
    assert_null_key(c, "tls");
    /* A wildcard says it was tested through its sample. */
    assert_str(c, "rule", "*.blob.example.net");
    assert_true(json_is_true(get(c, "sampled")));
    v = get(c, "cnames");
    assert_int_equal(json_array_size(v), 2);
    assert_string_equal(json_string_value(json_array_get(v, 1)),
                        "blob.edge.example.net");
    v = get(c, "timings_ms");
    assert_real_key(v, "dns", 2);
    assert_null_key(v, "connect");
    assert_null_key(v, "tls");
    assert_null_key(v, "first_byte");
    assert_real_key(v, "total", 5003);

    v = get(c, "addresses");
    assert_int_equal(json_array_size(v), 4);
    for (i = 0; i < 4; i++) {
        a = json_array_get(v, i);
        assert_str(a, "status", i < 2 ? "fail" : "pass");
        if (codes[i] != NULL)
            assert_str(a, "problem", codes[i]);
        else
            assert_null_key(a, "problem");
        assert_null_key(a, "route");
    }
    assert_true(json_is_false(get(json_array_get(v, 0), "in_ranges")));
    assert_true(json_is_true(get(json_array_get(v, 1), "in_ranges")));
    assert_null_key(json_array_get(v, 2), "in_ranges");
    assert_str(json_array_get(v, 3), "ip", "2001:db8::22");
    assert_str(json_array_get(v, 0), "detail", "no answer in 5000 ms");
    json_decref(root);
}

static void test_warn_skip_checks(void **state)
{
    struct fx *f = *state;
    json_t *root = json_report(&f->run), *c, *v;

    c = check_at(root, 2);
    assert_str(c, "status", "warn");
    assert_true(json_is_false(get(c, "required")));
    assert_str(c, "problem", "body_mismatch");
    assert_str(c, "detail", "body was \"<b>Block & 'deny'</b>\"");
    assert_int_key(c, "port", 80);

    c = check_at(root, 3);
    assert_str(c, "status", "skip");
    assert_null_key(c, "problem");
    assert_str(c, "skip_reason", "untestable wildcard: give sample=HOST");
    assert_str(c, "rule", "*.queue.example.net");
    assert_true(json_is_false(get(c, "sampled")));
    assert_int_equal(json_array_size(get(c, "addresses")), 0);
    v = get(c, "timings_ms");
    assert_null_key(v, "dns");
    assert_null_key(v, "total");
    json_decref(root);
}

/* Jansson refuses invalid UTF-8; the report must survive it. */
static void test_invalid_utf8(void **state)
{
    struct fx *f = *state;
    json_t *root = json_report(&f->run), *c = check_at(root, 4);

    assert_str(c, "name", "bad? name");
    assert_str(c, "detail", "?? bad ?( name");
    assert_str(c, "problem", "dns_nxdomain");
    json_decref(root);
}

static void test_pass_verdict_and_no_proxy(void **state)
{
    struct fx *f = *state;
    json_t *root, *v;

    /* Only the passing checks. */
    f->res[1] = f->res[5];
    f->run.n_results = 2;
    f->run.proxy_source = NC_PROXY_SOURCE_NONE;
    f->run.proxy_url[0] = '\0';
    f->run.wall_ms = -1;
    run_summarize(&f->run);
    root = json_report(&f->run);
    v = get(root, "summary");
    assert_str(v, "verdict", "pass");
    assert_int_key(v, "total", 2);
    assert_int_key(v, "passed", 2);
    assert_int_key(v, "failed", 0);
    v = get(root, "proxy");
    assert_str(v, "source", "none");
    assert_null_key(v, "url");
    assert_null_key(root, "wall_ms");
    json_decref(root);
}

static void test_empty_run(void **state)
{
    struct nc_plan plan = {0};
    struct nc_run run;
    json_t *root;

    (void)state;
    memset(&run, 0, sizeof(run));
    run.plan = &plan;
    run_summarize(&run);
    root = json_report(&run);
    assert_int_equal(json_array_size(get(root, "profile")), 0);
    assert_int_equal(json_array_size(get(root, "checks")), 0);
    /* Zero checks verify nothing. */
    assert_str(get(root, "summary"), "verdict", "fail");
    json_decref(root);

    run.plan = NULL;
    root = json_report(&run);
    assert_int_equal(json_array_size(get(root, "profile")), 0);
    json_decref(root);
}

static void test_indented(void **state)
{
    struct fx *f = *state;
    char *text;
    int rc;

    text = json_text(&f->run, &rc);
    assert_int_equal(rc, 0);
    assert_true(strncmp(text, "{\n  \"schema\": 1,\n", 17) == 0);
    /* Timings print without binary noise. */
    assert_non_null(strstr(text, "\"total\": 83.25"));
    free(text);
}

static void test_write_errors(void **state)
{
    struct fx *f = *state;
    FILE *full = fopen("/dev/full", "w");
    char *text;
    int rc;

    assert_non_null(full);
    /* The report is larger than a stdio buffer, so the error shows. */
    assert_int_equal(report_json_write(full, &f->run), NC_EIO);
    (void)fclose(full);

    f->res[2].check = NULL;
    text = json_text(&f->run, &rc);
    assert_int_equal(rc, NC_EINVAL);
    assert_string_equal(text, "");
    free(text);
    assert_int_equal(report_json_write(stdout, NULL), NC_EINVAL);
}

/* Fail each allocation in turn (jansson's too): every one gives NC_ENOMEM
 * and, under ASan, no leak; past the last one the report is whole. */
static void test_alloc_failures(void **state)
{
    struct fx *f = *state;
    long k, total;
    char *text;
    int rc;

    json_set_alloc_funcs(nc_malloc, nc_free);
    nc_alloc_fail_after(-1);
    text = json_text(&f->run, &rc);
    total = nc_alloc_fail_after(-1);
    assert_int_equal(rc, 0);
    free(text);
    assert_true(total > 50);
    for (k = 0; k < total; k++) {
        nc_alloc_fail_after(k);
        text = json_text(&f->run, &rc);
        nc_alloc_fail_after(-1);
        assert_int_equal(rc, NC_ENOMEM);
        free(text);
    }
    json_set_alloc_funcs(malloc, free);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_top_level),
        T(test_pass_check),
        T(test_failed_check_addresses),
        T(test_warn_skip_checks),
        T(test_invalid_utf8),
        T(test_pass_verdict_and_no_proxy),
        cmocka_unit_test(test_empty_run),
        T(test_indented),
        T(test_write_errors),
        T(test_alloc_failures),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
