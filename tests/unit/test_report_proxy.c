/* report_proxy: the proxy view of `netcheck proxy`, text and JSON from one
 * view, with run's warning objects and its schema and version keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture_port.h"
#include <jansson.h>

#include "nc.h"
#include "report_proxy.h"

static char *write_mem(enum nc_format fmt, const struct report_proxy_view *v,
                       int *rc)
{
    struct fx_mem m;

    *rc = report_proxy_write(fmt, fx_mem_open(&m), v);
    return fx_mem_close(&m);
}

/* Two sources (one in force), two URLs (one bypassed), two warnings (one
 * with a code). */
static void view_make(struct report_proxy_view *v,
                      struct report_proxy_source rows[2],
                      struct report_proxy_url urls[2],
                      struct report_proxy_warning warns[2])
{
    memset(rows, 0, 2 * sizeof(rows[0]));
    memset(urls, 0, 2 * sizeof(urls[0]));
    rows[0].name = "caller environment";
    rows[0].path = "";
    rows[0].in_force = true;
    rows[0].sets[0].var = "https_proxy";
    (void)snprintf(rows[0].sets[0].value, sizeof(rows[0].sets[0].value),
                   "http://u@proxy.example:3128");
    rows[0].sets[1].var = "no_proxy";
    (void)snprintf(rows[0].sets[1].value, sizeof(rows[0].sets[1].value),
                   ".internal");
    rows[0].n_sets = 2;
    rows[1].name = "manager";
    rows[1].path = "/etc/systemd/system.conf";
    rows[1].service_sees = true;
    urls[0].url = "https://a.example/";
    urls[0].proxy = "http://proxy.example:3128";
    urls[1].url = "https://b.internal/";
    (void)snprintf(urls[1].no_proxy_match, sizeof(urls[1].no_proxy_match),
                   ".internal");
    warns[0] = (struct report_proxy_warning){NULL, "HTTP_PROXY is ignored"};
    warns[1] = (struct report_proxy_warning){"etc_environment_unread",
                                             "/etc/environment is not read"};
    memset(v, 0, sizeof(*v));
    v->sources = rows;
    v->n_sources = 2;
    v->source = NC_PROXY_SOURCE_ENV;
    v->https = "http://proxy.example:3128";
    v->no_proxy = ".internal";
    v->systemd = "files";
    v->urls = urls;
    v->n_urls = 2;
    v->warnings = warns;
    v->n_warnings = 2;
}

static void test_json(void **state)
{
    static const struct {
        const char *path; /* "key" or "key.index.key" */
        const char *want; /* string value, "null", "absent" or "true" */
    } cases[] = {
        {"version", NC_VERSION},
        {"systemd", "files"},
        {"sources.0.sets.https_proxy", "http://u@proxy.example:3128"},
        {"sources.0.in_force", "true"},
        {"sources.1.seen_by_services", "true"},
        {"in_force.https", "http://proxy.example:3128"},
        {"in_force.http", "null"},
        {"in_force.source", "env"},
        {"urls.0.proxy", "http://proxy.example:3128"},
        {"urls.0.no_proxy_match", "null"},
        {"urls.1.proxy", "null"},
        {"urls.1.no_proxy_match", ".internal"},
        {"warnings.0.code", "absent"},
        {"warnings.0.detail", "HTTP_PROXY is ignored"},
        {"warnings.1.code", "etc_environment_unread"},
        {"warnings.1.detail", "/etc/environment is not read"},
    };
    struct report_proxy_source rows[2];
    struct report_proxy_url urls[2];
    struct report_proxy_warning warns[2];
    struct report_proxy_view v;
    json_error_t err;
    json_t *root;
    char *s;
    size_t i;
    int rc;

    (void)state;
    view_make(&v, rows, urls, warns);
    s = write_mem(NC_FORMAT_JSON, &v, &rc);
    assert_int_equal(rc, 0);
    root = json_loads(s, 0, &err);
    assert_non_null(root);
    assert_int_equal(json_integer_value(json_object_get(root, "schema")),
                     NC_JSON_SCHEMA);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[64], *tok, *save = NULL;
        json_t *j = root;

        (void)snprintf(path, sizeof(path), "%s", cases[i].path);
        for (tok = strtok_r(path, ".", &save); tok != NULL && j != NULL;
             tok = strtok_r(NULL, ".", &save))
            j = json_is_array(j) ? json_array_get(j, strtoul(tok, NULL, 10))
                                 : json_object_get(j, tok);
        if (strcmp(cases[i].want, "absent") == 0) {
            if (j != NULL)
                fail_msg("%s: want absent", cases[i].path);
        } else if (strcmp(cases[i].want, "null") == 0) {
            if (!json_is_null(j))
                fail_msg("%s: want null", cases[i].path);
        } else if (strcmp(cases[i].want, "true") == 0) {
            if (!json_is_true(j))
                fail_msg("%s: want true", cases[i].path);
        } else if (!json_is_string(j) ||
                   strcmp(json_string_value(j), cases[i].want) != 0) {
            fail_msg("%s: want '%s'", cases[i].path, cases[i].want);
        }
    }
    json_decref(root);
    free(s);
}

static void test_text(void **state)
{
    static const char *const want[] = {
        " * caller environment",
        "https_proxy=http://u@proxy.example:3128, no_proxy=.internal",
        "manager                    /etc/systemd/system.conf",
        "(no proxy variable)\n",
        "  [not seen by system services]",
        "IN FORCE: env; http:// direct; https:// "
        "http://proxy.example:3128; NO_PROXY .internal\n",
        "SYSTEMD: its files only",
        "https://b.internal/",
        "\nWARNINGS\n- HTTP_PROXY is ignored\n- /etc/environment is not "
        "read\n",
    };
    struct report_proxy_source rows[2];
    struct report_proxy_url urls[2];
    struct report_proxy_warning warns[2];
    struct report_proxy_view v;
    char *s;
    size_t i;
    int rc;

    (void)state;
    view_make(&v, rows, urls, warns);
    s = write_mem(NC_FORMAT_TEXT, &v, &rc);
    assert_int_equal(rc, 0);
    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        if (strstr(s, want[i]) == NULL)
            fail_msg("text lacks '%s':\n%s", want[i], s);
    free(s);
}

/* No warnings: none in text, [] in JSON; JUnit is not a proxy format. */
static void test_empty_and_format(void **state)
{
    struct report_proxy_source rows[2];
    struct report_proxy_url urls[2];
    struct report_proxy_warning warns[2];
    struct report_proxy_view v;
    char *s;
    int rc;

    (void)state;
    view_make(&v, rows, urls, warns);
    v.n_warnings = 0;
    s = write_mem(NC_FORMAT_TEXT, &v, &rc);
    assert_int_equal(rc, 0);
    assert_null(strstr(s, "WARNINGS"));
    free(s);
    s = write_mem(NC_FORMAT_JSON, &v, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(s, "\"warnings\": []"));
    free(s);
    s = write_mem(NC_FORMAT_JUNIT, &v, &rc);
    assert_int_equal(rc, NC_EINVAL);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_empty_and_format),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
