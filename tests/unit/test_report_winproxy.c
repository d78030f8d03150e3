/* report_winproxy: the Windows view of `netcheck proxy --registry`, text
 * and JSON from one handmade report: every row, the agent's choice, each
 * URL (null for direct), warnings with their codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "fixture_port.h"
#include "nc.h"
#include "report_winproxy.h"

static char *write_mem(enum nc_format fmt, const struct winproxy_report *r,
                       int *rc)
{
    struct fx_mem m;

    *rc = report_winproxy_write(fmt, fx_mem_open(&m), r);
    return fx_mem_close(&m);
}

static struct winproxy_url urls[2];

static void report_make(struct winproxy_report *r)
{
    size_t i;

    memset(r, 0, sizeof(*r));
    memset(urls, 0, sizeof(urls));
    r->origin = "a.reg, b.reg";
    for (i = 0; i < WINPROXY_SRC_MAX; i++) {
        r->rows[i].name = i == WINPROXY_SRC_SYSTEM ? "system-wininet" : "x";
        (void)snprintf(r->rows[i].where, sizeof(r->rows[i].where), "W%zu", i);
    }
    r->rows[WINPROXY_SRC_SYSTEM].state = WINPROXY_PRESENT;
    r->rows[WINPROXY_SRC_SYSTEM].used = true;
    r->rows[WINPROXY_SRC_SYSTEM].read_by_agent = true;
    r->rows[WINPROXY_SRC_SYSTEM].sets[0].var = "ProxyServer";
    (void)snprintf(r->rows[WINPROXY_SRC_SYSTEM].sets[0].value, 64, "p:8080");
    r->rows[WINPROXY_SRC_SYSTEM].n_sets = 1;
    r->rows[WINPROXY_SRC_AGENT].state = WINPROXY_UNKNOWN;
    r->winner = WINPROXY_SRC_SYSTEM;
    r->via = WINPROXY_VIA_MANUAL;
    (void)snprintf(r->why, sizeof(r->why), "because");
    (void)snprintf(r->proxy, sizeof(r->proxy), "p:8080");
    urls[0].url = "https://a.example/";
    urls[0].via = WINPROXY_VIA_MANUAL;
    (void)snprintf(urls[0].proxy, sizeof(urls[0].proxy), "http://p:8080");
    urls[1].url = "https://b.example/";
    urls[1].via = WINPROXY_VIA_MANUAL;
    (void)snprintf(urls[1].bypass_match, sizeof(urls[1].bypass_match),
                   "*.example");
    r->urls = urls;
    r->n_urls = 2;
    r->warnings[0].code = "bypass_exempts_required";
    (void)snprintf(r->warnings[0].detail, sizeof(r->warnings[0].detail),
                   "detail one");
    r->n_warnings = 1;
}

static void test_json(void **state)
{
    struct winproxy_report r;
    json_error_t err;
    json_t *root, *u;
    char *out;
    int rc;

    (void)state;
    report_make(&r);
    out = write_mem(NC_FORMAT_JSON, &r, &rc);
    assert_int_equal(rc, 0);
    root = json_loads(out, 0, &err);
    assert_non_null(root);
    assert_int_equal(json_integer_value(json_object_get(root, "schema")),
                     NC_JSON_SCHEMA);
    assert_string_equal(json_string_value(json_object_get(root, "registry")),
                        "a.reg, b.reg");
    assert_int_equal(json_array_size(json_object_get(root, "sources")),
                     WINPROXY_SRC_MAX);
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(root, "agent"), "source")),
                        "system-wininet");
    assert_true(
        json_is_null(json_object_get(json_object_get(root, "agent"), "pac")));
    u = json_array_get(json_object_get(root, "urls"), 1);
    assert_true(json_is_null(json_object_get(u, "proxy")));
    assert_string_equal(json_string_value(json_object_get(u, "bypass_match")),
                        "*.example");
    assert_string_equal(
        json_string_value(json_object_get(
            json_array_get(json_object_get(root, "warnings"), 0), "code")),
        "bypass_exempts_required");
    assert_string_equal(
        json_string_value(json_object_get(
            json_array_get(json_object_get(root, "sources"), 0), "state")),
        "unknown");
    json_decref(root);
    free(out);
}

static void test_text(void **state)
{
    struct winproxy_report r;
    char *out;
    int rc;

    (void)state;
    report_make(&r);
    out = write_mem(NC_FORMAT_TEXT, &r, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, " * system-wininet   ProxyServer=p:8080\n"));
    assert_non_null(strstr(out, "AGENT: system-wininet, manual\n"));
    assert_non_null(strstr(out, "https://b.example/"));
    assert_non_null(strstr(out, "*.example\n"));
    assert_non_null(strstr(out, "- detail one\n"));
    assert_non_null(strstr(out, "(unknown)"));
    free(out);
    out = write_mem(NC_FORMAT_JUNIT, &r, &rc);
    assert_int_equal(rc, NC_EINVAL);
    free(out);
}

/* The identity: null / no line offline; on the host its kind, name and
 * note, the name escaped for the terminal in text. */
static void test_identity(void **state)
{
    struct winproxy_report r;
    json_error_t err;
    json_t *root, *id;
    char *out;
    int rc;

    (void)state;
    report_make(&r);
    out = write_mem(NC_FORMAT_TEXT, &r, &rc);
    assert_int_equal(rc, 0);
    assert_null(strstr(out, "IDENTITY"));
    free(out);
    out = write_mem(NC_FORMAT_JSON, &r, &rc);
    root = json_loads(out, 0, &err);
    assert_non_null(root);
    assert_true(json_is_null(json_object_get(root, "identity")));
    json_decref(root);
    free(out);

    r.has_identity = true;
    r.identity.kind = NC_PROXY_ID_SYSTEM;
    (void)snprintf(r.identity.name, sizeof(r.identity.name), "%s",
                   "NT AUTHORITY\\SYSTEM\033[2J");
    (void)snprintf(r.identity.note, sizeof(r.identity.note), "%s", "why");
    out = write_mem(NC_FORMAT_TEXT, &r, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(
        out, "\nIDENTITY: system NT AUTHORITY\\SYSTEM\\x1b[2J\n  why\n"));
    free(out);
    out = write_mem(NC_FORMAT_JSON, &r, &rc);
    assert_int_equal(rc, 0);
    root = json_loads(out, 0, &err);
    assert_non_null(root);
    id = json_object_get(root, "identity");
    assert_string_equal(json_string_value(json_object_get(id, "kind")),
                        "system");
    assert_string_equal(json_string_value(json_object_get(id, "name")),
                        "NT AUTHORITY\\SYSTEM\033[2J");
    assert_string_equal(json_string_value(json_object_get(id, "note")), "why");
    json_decref(root);
    free(out);

    r.identity.kind = NC_PROXY_ID_NONE;
    r.identity.name[0] = '\0';
    out = write_mem(NC_FORMAT_JSON, &r, &rc);
    root = json_loads(out, 0, &err);
    assert_non_null(root);
    id = json_object_get(root, "identity");
    assert_true(json_is_null(json_object_get(id, "name")));
    json_decref(root);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_identity),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
