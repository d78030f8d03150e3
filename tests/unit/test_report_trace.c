/* report_trace.c (--verbose): one line a stage per check, every value
 * through the terminal escaper, and no credential ever: proxy URLs lose
 * their userinfo. */
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
#include "report_int.h"
#include "str.h"

static char *trace_ok(const struct nc_run *run)
{
    int rc;
    char *x = fx_run_capture(report_trace_write, run, &rc);

    assert_int_equal(rc, 0);
    return x;
}

static void test_redact(void **state)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"http://user:S3cret@proxy.corp:3128", "http://proxy.corp:3128"},
        {"http://user@proxy.corp:3128", "http://proxy.corp:3128"},
        {"socks5h://a:b@[::1]:1080/", "socks5h://[::1]:1080/"},
        {"http://p:3128/x@y", "http://p:3128/x@y"}, /* '@' in the path */
        {"u:p@host:8080", "host:8080"},             /* no scheme */
        {"http://a@b:c@host:1", "http://host:1"},   /* the last '@' */
        {"http://proxy.corp:3128", "http://proxy.corp:3128"},
        {"", ""},
    };
    char buf[64];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        report_trace_redact(cases[i].in, buf, sizeof(buf));
        assert_string_equal(buf, cases[i].want);
    }
    report_trace_redact(NULL, buf, sizeof(buf));
    assert_string_equal(buf, "");
}

static void test_stages(void **state)
{
    struct fx_run *f = *state;
    char *x;

    (void)result_printf(&f->res[0], &f->res[0].dns_server, NC_DNS_SERVER_MAX,
                        "%s", "203.0.113.53:53");
    (void)nc_strlcpy(f->res[0].tls->version, "TLSv1.3",
                     sizeof(f->res[0].tls->version));
    x = trace_ok(&f->run);
    assert_non_null(strstr(x, "netcheck: trace: login: https://"
                              "login.example.com:443/ (host "
                              "login.example.com, port 443)\n"));
    assert_non_null(
        strstr(x, "netcheck: trace: login: resolver asked: 203.0.113.53:53\n"));
    assert_non_null(
        strstr(x, "netcheck: trace: login: name resolution took 1.5 ms\n"));
    assert_non_null(strstr(x, "netcheck: trace: login: address "
                              "203.0.113.10\n"));
    assert_non_null(strstr(x, "netcheck: trace: login:   203.0.113.10: "
                              "connected 2.0 ms, total 5.0 ms\n"));
    assert_non_null(strstr(x, "netcheck: trace: login:   203.0.113.10: http "
                              "status 200\n"));
    assert_non_null(strstr(x, "netcheck: trace: login: tls TLSv1.3 \n"));
    assert_non_null(strstr(x, "netcheck: trace: login:   subject "
                              "CN=login.example.com\n"));
    assert_non_null(strstr(x, "netcheck: trace: login: http status 200\n"));
    assert_non_null(strstr(x, "netcheck: trace: login: pass\n"));
    f->res[1].addrs[0].source = NC_ADDR_SOURCE_HOSTS;
    f->res[1].addrs[0].source_file = "/etc/hosts";
    f->res[1].addrs[0].source_line = 12;
    free(x);
    x = trace_ok(&f->run);
    assert_non_null(strstr(x, "netcheck: trace: blob: address 203.0.113.20 "
                              "from hosts /etc/hosts:12\n"));
    assert_non_null(strstr(x, "netcheck: trace: blob: cname "
                              "blob.edge.example.net\n"));
    assert_non_null(strstr(x, "netcheck: trace: blob:   203.0.113.21: fail "
                              "tcp_refused: refused\n"));
    assert_non_null(strstr(x, "netcheck: trace: blob: fail tcp_timeout\n"));
    assert_non_null(strstr(x, "netcheck: trace: queue: no address\n"));
    assert_non_null(strstr(x, "netcheck: trace: queue: skip\n"));
    /* The proxied check: its local answer is informational; the proxy's
     * schemes are listed. */
    assert_non_null(strstr(x, "netcheck: trace: ncsi: address "
                              "198.51.100.7: informational"));
    free(x);
}

/* Names and details from outside are escaped; a proxy's password (which
 * the engine never stores, but one rule guards the output) is not shown. */
static void test_escaped_and_redacted(void **state)
{
    struct fx_run *f = *state;
    struct nc_check_result *r = &f->res[1];
    char *x;
    size_t i;

    r->via_proxy = true;
    (void)result_printf(r, &r->proxy, NC_PROXY_MAX, "%s",
                        "http://agent:S3cret-Pass@proxy.corp:3128");
    r->proxy_status = 407;
    assert_int_equal(result_proxy_auth_add(r, "Basic"), 0);
    (void)result_printf(r, &r->addrs[1].detail, NC_ADDR_DETAIL_MAX, "%s",
                        "evil\x1b[2J\xe2\x80\xae");
    x = trace_ok(&f->run);
    assert_null(strstr(x, "S3cret"));
    assert_null(strstr(x, "agent"));
    assert_non_null(strstr(x, "netcheck: trace: blob: via proxy "
                              "http://proxy.corp:3128\n"));
    assert_non_null(strstr(x, "netcheck: trace: blob: proxy answered 407 to "
                              "CONNECT; it offers Basic\n"));
    assert_non_null(strstr(x, "203.0.113.21: fail tcp_refused: "
                              "evil\\x1b[2J\\u202e\n"));
    assert_non_null(strstr(x, "netcheck: trace: bad\\xff name: "));
    for (i = 0; x[i] != '\0'; i++)
        assert_true(x[i] == '\n' || ((unsigned char)x[i] >= 0x20 &&
                                     (unsigned char)x[i] != 0x7f));
    assert_null(strstr(x, "\xe2\x80\xae"));
    free(x);
}

static void test_bad_run(void **state)
{
    struct fx_run *f = *state;

    f->res[2].check = NULL;
    assert_int_equal(report_trace_write(stderr, &f->run), NC_EINVAL);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_run_setup, fx_run_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_redact),
        T(test_stages),
        T(test_escaped_and_redacted),
        T(test_bad_run),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
