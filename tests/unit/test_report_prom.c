/* report_prom.c: the Prometheus text format for node_exporter's textfile
 * collector: families with HELP and TYPE, one success sample per check
 * and address, phase durations as differences of the engine's cumulative
 * timings, label escaping. promtool checks the same output in
 * tests/report_schemas.sh. */
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

static char *prom_ok(const struct nc_run *run)
{
    int rc;
    char *x = fx_run_capture(fx_run_prom_write, run, &rc);

    assert_int_equal(rc, 0);
    return x;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;

    for (hay = strstr(hay, needle); hay != NULL; hay = strstr(hay + 1, needle))
        n++;
    return n;
}

static void test_label_escape(void **state)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"plain", "plain"},
        {"a\"b", "a\\\"b"},
        {"back\\slash", "back\\\\slash"},
        {"two\nlines", "two\\nlines"},
        {"esc\x1b[2J", "esc\\\\x1b[2J"},
        {"bad\xff", "bad\\\\xff"},
        {"evil\xe2\x80\xaegnp", "evil\\\\u202egnp"},
        {"Z\xc3\xbcrich", "Z\xc3\xbcrich"},
        {"", ""},
    };
    char buf[64], small[4];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(report_prom_label(cases[i].in, buf, sizeof(buf)), 0);
        assert_string_equal(buf, cases[i].want);
    }
    assert_int_equal(report_prom_label(NULL, buf, sizeof(buf)), 0);
    assert_string_equal(buf, "");
    /* Cut between characters, never inside an escape. */
    assert_int_equal(report_prom_label("ab\"c", small, sizeof(small)),
                     NC_ELIMIT);
    assert_string_equal(small, "ab");
}

static void test_families(void **state)
{
    struct fx_run *f = *state;
    static const char *const fams[] = {
        "netcheck_check_success",
        "netcheck_phase_duration_seconds",
        "netcheck_checks",
        "netcheck_run_success",
        "netcheck_run_duration_seconds",
        "netcheck_run_finished_timestamp_seconds",
        "netcheck_info",
    };
    char *x = prom_ok(&f->run), want[128];
    size_t i;

    for (i = 0; i < sizeof(fams) / sizeof(fams[0]); i++) {
        (void)snprintf(want, sizeof(want), "# TYPE %s gauge\n", fams[i]);
        assert_int_equal(count(x, want), 1);
        (void)snprintf(want, sizeof(want), "# HELP %s ", fams[i]);
        assert_int_equal(count(x, want), 1);
    }
    /* No raw control byte but newlines; the file ends in one. */
    for (i = 0; x[i] != '\0'; i++)
        assert_true(x[i] == '\n' || ((unsigned char)x[i] >= 0x20 &&
                                     (unsigned char)x[i] != 0x7f));
    assert_int_equal(x[strlen(x) - 1], '\n');
    assert_non_null(strstr(x, "netcheck_run_success 0\n"));
    assert_non_null(strstr(x, "netcheck_run_duration_seconds 5.010500\n"));
    assert_non_null(
        strstr(x, "netcheck_run_finished_timestamp_seconds 1796420301\n"));
    assert_non_null(strstr(x, "netcheck_checks{status=\"fail\"} 2\n"));
    assert_non_null(strstr(x, "netcheck_checks{status=\"warn\"} 1\n"));
    assert_non_null(strstr(x, "netcheck_info{version=\"" NC_VERSION
                              "\",hostname=\"fixture-host\","
                              "profile=\"corp+extra\"} 1\n"));
    free(x);
}

/* The proxy of each check a proxy setting was in force for, in a family
 * of its own (the success series keep their labels), and the identity;
 * neither family without a sample. */
static void test_proxy_info(void **state)
{
    struct fx_run *f = *state;
    struct nc_check_result *blob = &f->res[1], *bad = &f->res[4];
    char *x = prom_ok(&f->run);

    assert_null(strstr(x, "netcheck_check_proxy_info"));
    assert_null(strstr(x, "netcheck_proxy_identity_info"));
    free(x);

    blob->via_proxy = true;
    (void)result_printf(blob, &blob->proxy, NC_PROXY_MAX, "%s",
                        "http://px2:8080");
    (void)result_printf(blob, &blob->proxy_reason, NC_PROXY_REASON_MAX, "%s",
                        "PAC file: PROXY px2:8080");
    (void)result_printf(bad, &bad->proxy_reason, NC_PROXY_REASON_MAX, "%s",
                        "NO_PROXY entry \".example.com\"");
    f->run.proxy_identity.kind = NC_PROXY_ID_USER;
    (void)nc_strlcpy(f->run.proxy_identity.name, "CORP\\svc",
                     sizeof(f->run.proxy_identity.name));
    x = prom_ok(&f->run);
    assert_int_equal(count(x, "# TYPE netcheck_check_proxy_info gauge\n"), 1);
    assert_int_equal(count(x, "netcheck_check_proxy_info{"), 2);
    assert_non_null(strstr(x, "check=\"blob\",host=\"sample.blob.example."
                              "net\",address=\"\",proxy=\"http://px2:8080\","
                              "reason=\"PAC file: PROXY px2:8080\"} 1\n"));
    assert_non_null(strstr(x, ",proxy=\"\",reason=\"NO_PROXY entry "
                              "\\\".example.com\\\"\"} 1\n"));
    assert_non_null(strstr(x, "netcheck_proxy_identity_info{kind=\"user\","
                              "name=\"CORP\\\\svc\"} 1\n"));
    /* The success series keep their labels. */
    assert_null(strstr(x, "netcheck_check_success{profile=\"corp\","
                          "check=\"blob\",host=\"sample.blob.example.net\","
                          "address=\"203.0.113.20\",proxy"));
    free(x);
}

static void test_success_per_address(void **state)
{
    struct fx_run *f = *state;
    char *x = prom_ok(&f->run);

    assert_non_null(
        strstr(x, "netcheck_check_success{profile=\"corp\",check=\"login\","
                  "host=\"login.example.com\",address=\"203.0.113.10\","
                  "status=\"pass\",code=\"\",required=\"true\"} 1\n"));
    /* blob: 2 of 4 addresses failed, each with its own code; the others
     * passed. */
    assert_non_null(strstr(x, "address=\"203.0.113.20\",status=\"fail\","
                              "code=\"tcp_timeout\",required=\"true\"} 0\n"));
    assert_non_null(strstr(x, "address=\"203.0.113.21\",status=\"fail\","
                              "code=\"tcp_refused\",required=\"true\"} 0\n"));
    assert_non_null(strstr(x, "address=\"2001:db8::22\",status=\"pass\","
                              "code=\"\",required=\"true\"} 1\n"));
    /* ncsi went through a proxy: its local answer is informational, so
     * the check has one sample without an address, a warning. */
    assert_null(strstr(x, "198.51.100.7"));
    assert_non_null(strstr(x,
                           "check=\"ncsi\",host=\"ncsi.example.com\","
                           "address=\"\",status=\"warn\","
                           "code=\"body_mismatch\",required=\"false\"} 0\n"));
    /* A skip and an NXDOMAIN have no address either. */
    assert_non_null(strstr(x, "check=\"queue\",host=\"queue.example.net\","
                              "address=\"\",status=\"skip\",code=\"\""));
    assert_non_null(strstr(x, "check=\"bad\\\\xff name\","
                              "host=\"nx.example.com\",address=\"\","
                              "status=\"fail\",code=\"dns_nxdomain\""));
    /* One sample per check and address: 1 + 4 + 1 + 1 + 1 + 1. */
    assert_int_equal(count(x, "\nnetcheck_check_success{"), 9);
    free(x);
}

/* A check that failed after every address passed its own stages (say an
 * HTTP status) is not a success at any address. */
static void test_check_failure_beats_address(void **state)
{
    struct fx_run *f = *state;
    char *x;

    f->res[0].status = NC_STATUS_FAIL;
    f->res[0].problem = NC_PROBLEM_HTTP_STATUS;
    x = prom_ok(&f->run);
    assert_non_null(strstr(x, "address=\"203.0.113.10\",status=\"fail\","
                              "code=\"http_status\",required=\"true\"} 0\n"));
    free(x);
}

static void test_phases(void **state)
{
    struct fx_run *f = *state;
    struct nc_addr_result *a = &f->res[0].addrs[0];
    char *x;

    /* Cumulative 3 ms connect, 10 ms TLS done, 40 ms first byte, 83 ms
     * total: 3, 7, 30 and 43 ms phases. */
    a->t.connect = 3;
    a->t.tls = 10;
    a->t.first_byte = 40;
    a->t.total = 83;
    x = prom_ok(&f->run);
#define PH(p, v)                                                               \
    "netcheck_phase_duration_seconds{profile=\"corp\",check=\"login\","        \
    "host=\"login.example.com\",address=\"203.0.113.10\",phase=\"" p "\"} " v  \
    "\n"
    assert_non_null(strstr(x, PH("resolve", "0.001500")));
    assert_non_null(strstr(x, PH("connect", "0.003000")));
    assert_non_null(strstr(x, PH("tls", "0.007000")));
    assert_non_null(strstr(x, PH("processing", "0.030000")));
    assert_non_null(strstr(x, PH("transfer", "0.043000")));
    free(x);

    /* Plain HTTP: processing counts from the connect. */
    a->t.tls = -1;
    x = prom_ok(&f->run);
    assert_null(strstr(x, PH("tls", "")));
    assert_non_null(strstr(x, PH("processing", "0.037000")));
#undef PH
    /* A stage not reached has no sample: the NXDOMAIN check only
     * resolved. */
    assert_int_equal(count(x, "check=\"bad\\\\xff name\""), 2);
    free(x);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_run_setup, fx_run_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_label_escape), T(test_families),
        T(test_success_per_address),         T(test_proxy_info),
        T(test_check_failure_beats_address), T(test_phases),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
