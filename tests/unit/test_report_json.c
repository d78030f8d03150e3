/* report_json.c: the report is parsed back with jansson and every key of
 * schema 1 is checked, nulls included. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture_result.h"
#include "fixture_port.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_run.h"
#include "nc.h"
#include "report.h"
#include "str.h"
#include "verdict.h"

static json_t *json_report(const struct nc_run *run)
{
    json_error_t err;
    json_t *root;
    char *text;
    size_t len;
    int rc;

    text = fx_run_capture(report_json_write, run, &rc);
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

/* Host and times not known: null, never "" or 1970. */
static void test_host_time_unknown(void **state)
{
    struct fx_run *f = *state;
    json_t *root;

    f->run.host[0] = '\0';
    f->run.started_at = 0;
    f->run.finished_at = -5;
    root = json_report(&f->run);
    assert_true(json_is_null(get(root, "host")));
    assert_true(json_is_null(get(root, "started_at")));
    assert_true(json_is_null(get(root, "finished_at")));
    assert_str(root, "netcheck_version", NC_VERSION);
    json_decref(root);
}

static void test_top_level(void **state)
{
    struct fx_run *f = *state;
    json_t *root = json_report(&f->run), *v, *s;

    assert_int_key(root, "schema", 1);
    assert_str(root, "version", NC_VERSION);
    assert_str(root, "netcheck_version", NC_VERSION);
    assert_str(root, "host", "fixture-host");
    assert_str(root, "started_at", "2026-12-04T21:38:16Z");
    assert_str(root, "finished_at", "2026-12-04T21:38:21Z");
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
    assert_int_equal(json_array_size(v), FX_RUN_CHECKS);
    json_decref(root);
}

/* "region": null without regions, else the first regional profile's. */
static void test_region(void **state)
{
    struct fx_run *f = *state;
    json_t *root = json_report(&f->run), *v;

    assert_null_key(root, "region");
    json_decref(root);
    f->extra.region = fx_run_str(f, "eastus");
    f->extra.region_default = false;
    root = json_report(&f->run);
    v = get(root, "region");
    assert_str(v, "name", "eastus");
    assert_true(json_is_false(get(v, "default")));
    assert_str(v, "profile", "extra");
    json_decref(root);
    f->corp.region = fx_run_str(f, "westeurope");
    f->corp.region_default = true;
    root = json_report(&f->run);
    v = get(root, "region");
    assert_str(v, "name", "westeurope");
    assert_true(json_is_true(get(v, "default")));
    assert_str(v, "profile", "corp");
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
    struct fx_run *f = *state;
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

/* Where each address came from, and the run's resolution object. */
static void test_sources(void **state)
{
    struct fx_run *f = *state;
    struct nc_resolution *rs = &f->run.resolution;
    json_t *root, *a;

    root = json_report(&f->run);
    assert_null_key(root, "resolution");
    a = json_array_get(get(check_at(root, 1), "addresses"), 0);
    assert_null_key(a, "source");
    assert_null_key(a, "source_file");
    assert_null_key(a, "source_line");
    json_decref(root);

    f->res[1].addrs[0].source = NC_ADDR_SOURCE_HOSTS;
    f->res[1].addrs[0].source_file = "/etc/hosts";
    f->res[1].addrs[0].source_line = 12;
    f->res[1].addrs[1].source = NC_ADDR_SOURCE_DNS;
    f->res[1].addrs[2].source = NC_ADDR_SOURCE_LITERAL;
    rs->set = true;
    (void)snprintf(rs->order, sizeof(rs->order), "%s", "files dns");
    (void)snprintf(rs->nsswitch, sizeof(rs->nsswitch), "%s",
                   "/etc/nsswitch.conf:12");
    (void)snprintf(rs->hosts_file, sizeof(rs->hosts_file), "%s", "/etc/hosts");
    (void)snprintf(rs->note, sizeof(rs->note), "%s", "hosts: files dns");
    root = json_report(&f->run);
    a = get(check_at(root, 1), "addresses");
    assert_str(json_array_get(a, 0), "source", "hosts");
    assert_str(json_array_get(a, 0), "source_file", "/etc/hosts");
    assert_int_key(json_array_get(a, 0), "source_line", 12);
    assert_str(json_array_get(a, 1), "source", "dns");
    assert_null_key(json_array_get(a, 1), "source_file");
    assert_null_key(json_array_get(a, 1), "source_line");
    assert_str(json_array_get(a, 2), "source", "literal");
    a = get(root, "resolution");
    assert_true(json_is_false(get(a, "dns_only")));
    assert_str(a, "order", "files dns");
    assert_str(a, "nsswitch", "/etc/nsswitch.conf:12");
    assert_str(a, "hosts_file", "/etc/hosts");
    assert_str(a, "note", "hosts: files dns");
    json_decref(root);

    /* --dns-server: DNS only, no order, no files. */
    memset(rs, 0, sizeof(*rs));
    rs->set = true;
    rs->dns_only = true;
    (void)snprintf(rs->note, sizeof(rs->note), "%s", "DNS only");
    root = json_report(&f->run);
    a = get(root, "resolution");
    assert_true(json_is_true(get(a, "dns_only")));
    assert_null_key(a, "order");
    assert_null_key(a, "nsswitch");
    assert_null_key(a, "hosts_file");
    assert_str(a, "note", "DNS only");
    json_decref(root);
}

static void test_failed_check_addresses(void **state)
{
    struct fx_run *f = *state;
    json_t *root = json_report(&f->run), *c = check_at(root, 1), *v, *a;
    static const char *const codes[4] = {"tcp_timeout", "tcp_refused", NULL,
                                         NULL};
    size_t i;

    assert_str(c, "status", "fail");
    assert_str(c, "problem", "tcp_timeout");
    assert_str(c, "detail", "2 of 4 addresses failed");
    assert_str(c, "action", "allow TCP 443");
    assert_true(json_is_false(get(c, "via_proxy")));
    assert_null_key(c, "proxy_status");
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
    struct fx_run *f = *state;
    json_t *root = json_report(&f->run), *c, *v;

    c = check_at(root, 2);
    assert_str(c, "status", "warn");
    assert_true(json_is_false(get(c, "required")));
    assert_str(c, "problem", "body_mismatch");
    assert_str(c, "detail", "body was \"<b>Block & 'deny'</b>\"");
    assert_int_key(c, "port", 80);
    /* Through a proxy: the offered schemes, and the local answer marked
     * informational. */
    assert_true(json_is_true(get(c, "via_proxy")));
    v = get(c, "proxy_auth");
    assert_int_equal(json_array_size(v), 2);
    assert_string_equal(json_string_value(json_array_get(v, 0)), "Basic");
    assert_string_equal(json_string_value(json_array_get(v, 1)), "NTLM");
    v = json_array_get(get(c, "addresses"), 0);
    assert_str(v, "status", "skip");
    assert_true(json_is_true(get(v, "informational")));

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

/* Each check's proxy and the reason for it; null for both when no proxy
 * was in force, and no proxy named for a check that went direct. */
static void test_check_proxy_reason(void **state)
{
    struct fx_run *f = *state;
    json_t *root, *c;

    (void)result_printf(&f->res[2], &f->res[2].proxy, NC_PROXY_MAX, "%s",
                        "http://px2:8080");
    (void)result_printf(&f->res[2], &f->res[2].proxy_reason,
                        NC_PROXY_REASON_MAX, "%s", "PAC file: PROXY px2:8080");
    /* a stale proxy on a direct check is not reported */
    (void)result_printf(&f->res[0], &f->res[0].proxy, NC_PROXY_MAX, "%s",
                        "http://px1:3128");
    (void)result_printf(&f->res[0], &f->res[0].proxy_reason,
                        NC_PROXY_REASON_MAX, "%s",
                        "NO_PROXY entry '.example.com'");
    root = json_report(&f->run);
    c = check_at(root, 2);
    assert_str(c, "proxy", "http://px2:8080");
    assert_str(c, "proxy_reason", "PAC file: PROXY px2:8080");
    c = check_at(root, 0);
    assert_null_key(c, "proxy");
    assert_str(c, "proxy_reason", "NO_PROXY entry '.example.com'");
    c = check_at(root, 5);
    assert_null_key(c, "proxy");
    assert_null_key(c, "proxy_reason");
    json_decref(root);
}

/* Jansson refuses invalid UTF-8; the report must survive it, each bad
 * byte in the escaper's notation (esc.h), as the text report shows it. */
static void test_invalid_utf8(void **state)
{
    struct fx_run *f = *state;
    json_t *root = json_report(&f->run), *c = check_at(root, 4);

    assert_str(c, "name", "bad\\xff name");
    assert_str(c, "detail", "\\xff\\xfe bad \\xc3( name");
    assert_str(c, "problem", "dns_nxdomain");
    json_decref(root);
}

/* Controls and bidirectional controls keep their value but travel as \u
 * escapes: the file holds no raw control byte, nothing but ASCII. */
static void test_controls_escaped(void **state)
{
    struct fx_run *f = *state;
    static const char name[] = "rlo\xe2\x80\xae"
                               "fdp.exe c1\xc2\x9b del\x7f";
    json_t *root, *c;
    char *text;
    size_t i;
    int rc;

    f->corp_checks[1].name = fx_run_str(f, name);
    (void)result_printf(&f->res[1], &f->res[1].detail, NC_DETAIL_MAX, "%s",
                        "\033]0;pwned\007 \033[2J");
    text = fx_run_capture(report_json_write, &f->run, &rc);
    assert_int_equal(rc, 0);
    for (i = 0; text[i] != '\0'; i++)
        if ((unsigned char)text[i] >= 0x7F ||
            ((unsigned char)text[i] < 0x20 && text[i] != '\n'))
            fail_msg("raw byte 0x%02x at %zu", (unsigned char)text[i], i);
    assert_non_null(strstr(text, "rlo\\u202Efdp.exe c1\\u009B del\\u007F"));
    assert_non_null(strstr(text, "\\u001B]0;pwned\\u0007 \\u001B[2J"));
    free(text);
    root = json_report(&f->run);
    c = check_at(root, 1);
    assert_str(c, "name", name); /* the data itself is exact */
    assert_str(c, "detail", "\033]0;pwned\007 \033[2J");
    json_decref(root);
}

static void test_pass_verdict_and_no_proxy(void **state)
{
    struct fx_run *f = *state;
    json_t *root, *v;

    /* Only the passing checks (res[1]'s texts freed: it is overwritten by
     * a copy of res[5], which owns none, so nothing is freed twice). */
    fx_result_reset(&f->res[1], NULL);
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

/* proxy.identity: who the run logs on to the proxy as; empty fields are
 * null, and the fixture's default is none with nothing to say. */
static void test_proxy_identity(void **state)
{
    static const struct {
        struct nc_proxy_identity id;
        const char *kind, *name, *note; /* NULL: JSON null */
    } cases[] = {
        {{NC_PROXY_ID_NONE, "", ""}, "none", NULL, NULL},
        {{NC_PROXY_ID_USER, "alice", "from --proxy-user"},
         "user",
         "alice",
         "from --proxy-user"},
        {{NC_PROXY_ID_SYSTEM, "NT AUTHORITY\\SYSTEM", "through SSPI"},
         "system",
         "NT AUTHORITY\\SYSTEM",
         "through SSPI"},
        {{NC_PROXY_ID_NONE, "", "netcheck runs as 'h\\a', not as SYSTEM"},
         "none",
         NULL,
         "netcheck runs as 'h\\a', not as SYSTEM"},
    };
    struct fx_run *f = *state;
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *root, *v;

        f->run.proxy_identity = cases[i].id;
        root = json_report(&f->run);
        v = get(get(root, "proxy"), "identity");
        assert_str(v, "kind", cases[i].kind);
        if (cases[i].name != NULL)
            assert_str(v, "name", cases[i].name);
        else
            assert_null_key(v, "name");
        if (cases[i].note != NULL)
            assert_str(v, "note", cases[i].note);
        else
            assert_null_key(v, "note");
        json_decref(root);
    }
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

/* The names of a cause's checks, "a,b". */
static void cause_names(json_t *cause, char *buf, size_t n)
{
    json_t *names = get(cause, "checks"), *v;
    size_t i, used = 0;

    assert_true(json_is_array(names));
    buf[0] = '\0';
    json_array_foreach(names, i, v)
    {
        int w = snprintf(buf + used, n - used, "%s%s", i > 0 ? "," : "",
                         json_string_value(v));

        assert_true(w > 0 && (size_t)w < n - used);
        used += (size_t)w;
    }
}

static void test_root_causes(void **state)
{
    static const size_t all[] = {1, 2, 4}, some[] = {1, 4};
    struct fx_run *f = *state;
    json_t *root = json_report(&f->run), *v, *c;
    char names[128], *text;
    int rc;

    /* Always present; [] when no failures share a cause. */
    v = get(root, "root_causes");
    assert_true(json_is_array(v));
    assert_int_equal(json_array_size(v), 0);
    json_decref(root);

    fx_run_share_cause(f, all, 3, "http://proxy.example:3128");
    root = json_report(&f->run);
    v = get(root, "root_causes");
    assert_int_equal(json_array_size(v), 1);
    c = json_array_get(v, 0);
    assert_str(c, "problem", "proxy_auth_required");
    cause_names(c, names, sizeof(names));
    assert_string_equal(names, "blob,ncsi,bad\\xff name");
    assert_str(c, "detail",
               "the proxy http://proxy.example:3128 requires authentication "
               "(407) and no credentials were sent");
    assert_str(c, "action", problem_action(NC_PROBLEM_PROXY_AUTH_REQUIRED));
    assert_true(json_is_true(get(c, "all")));
    /* The checks keep their own detail and action. */
    assert_str(check_at(root, 1), "action", "give the agent credentials");
    json_decref(root);
    /* The causes are in the head, before the streamed checks. */
    text = fx_run_capture(report_json_write, &f->run, &rc);
    assert_int_equal(rc, 0);
    assert_true(strstr(text, "\"root_causes\"") < strstr(text, "\"checks\""));
    free(text);

    fx_run_teardown(state);
    fx_run_setup(state);
    f = *state;
    fx_run_share_cause(f, some, 2, "http://proxy.example:3128");
    root = json_report(&f->run);
    v = get(root, "root_causes");
    assert_int_equal(json_array_size(v), 1);
    c = json_array_get(v, 0);
    cause_names(c, names, sizeof(names));
    assert_string_equal(names, "blob,bad\\xff name");
    assert_true(json_is_false(get(c, "all")));
    json_decref(root);
}

/* The head and the causes are written piece by piece (a cause of 100,000
 * checks is never a tree); the bytes are still those of dumping the
 * whole report as one tree. */
static void test_streamed_as_tree(void **state)
{
    static const size_t all[] = {1, 2, 4};
    struct fx_run *f = *state;
    json_error_t err;
    json_t *root;
    char *text, *tree;
    size_t len;
    int rc;

    fx_run_share_cause(f, all, 3, "http://proxy.example:3128");
    text = fx_run_capture(report_json_write, &f->run, &rc);
    assert_int_equal(rc, 0);
    root = json_loads(text, 0, &err);
    assert_non_null(root);
    tree = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(15) |
                                JSON_ENSURE_ASCII);
    assert_non_null(tree);
    len = strlen(tree);
    assert_true(strlen(text) == len + 1 && text[len] == '\n');
    text[len] = '\0';
    assert_string_equal(text, tree);
    free(tree);
    free(text);
    json_decref(root);
}

static void test_root_causes_alloc_failures(void **state)
{
    static const size_t all[] = {1, 2, 4};
    struct fx_run *f = *state;

    fx_run_share_cause(f, all, 3, "http://proxy.example:3128");
    json_set_alloc_funcs(nc_malloc, nc_free);
    fx_run_alloc_failures(report_json_write, &f->run, 50);
    json_set_alloc_funcs(malloc, free);
}

static void test_indented(void **state)
{
    struct fx_run *f = *state;
    char *text;
    int rc;

    text = fx_run_capture(report_json_write, &f->run, &rc);
    assert_int_equal(rc, 0);
    assert_true(strncmp(text, "{\n  \"schema\": 1,\n", 17) == 0);
    /* Timings print without binary noise. */
    assert_non_null(strstr(text, "\"total\": 83.25"));
    free(text);
}

static void test_write_errors(void **state)
{
    struct fx_run *f = *state;
    FILE *full = fx_full_open();
    char *text;
    int rc;

    assert_non_null(full);
    /* The report is larger than a stdio buffer, so the error shows. */
    assert_int_equal(report_json_write(full, &f->run), NC_EIO);
    (void)fclose(full);

    f->res[2].check = NULL;
    text = fx_run_capture(report_json_write, &f->run, &rc);
    assert_int_equal(rc, NC_EINVAL);
    assert_string_equal(text, "");
    free(text);
    assert_int_equal(report_json_write(stdout, NULL), NC_EINVAL);
}

/* Fail each allocation in turn (jansson's too): every one gives NC_ENOMEM
 * and, under ASan, no leak; past the last one the report is whole. */
static void test_alloc_failures(void **state)
{
    struct fx_run *f = *state;

    json_set_alloc_funcs(nc_malloc, nc_free);
    fx_run_alloc_failures(report_json_write, &f->run, 50);
    json_set_alloc_funcs(malloc, free);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_run_setup, fx_run_teardown)
    const struct CMUnitTest tests[] = {
        T(test_top_level),
        T(test_host_time_unknown),
        T(test_region),
        T(test_pass_check),
        T(test_failed_check_addresses),
        T(test_sources),
        T(test_warn_skip_checks),
        T(test_check_proxy_reason),
        T(test_invalid_utf8),
        T(test_controls_escaped),
        T(test_pass_verdict_and_no_proxy),
        T(test_proxy_identity),
        cmocka_unit_test(test_empty_run),
        T(test_root_causes),
        T(test_streamed_as_tree),
        T(test_root_causes_alloc_failures),
        T(test_indented),
        T(test_write_errors),
        T(test_alloc_failures),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
