/* The shared report fixture (fixture_run.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture_result.h"
#include "fixture_port.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_run.h"
#include "nc.h"
#include "report.h"
#include "str.h"

char *fx_run_str(struct fx_run *f, const char *s)
{
    char *d = strdup(s);

    assert_non_null(d);
    assert_true(f->n_pool < sizeof(f->pool) / sizeof(f->pool[0]));
    f->pool[f->n_pool++] = d;
    return d;
}

static void check_set(struct fx_run *f, struct nc_check *c, const char *name,
                      const char *scheme, const char *host, unsigned port,
                      bool required)
{
    char url[256];

    (void)snprintf(url, sizeof(url), "%s://%s:%u/", scheme, host, port);
    c->name = fx_run_str(f, name);
    c->url = fx_run_str(f, url);
    c->scheme = fx_run_str(f, scheme);
    c->host = fx_run_str(f, host);
    c->port = port;
    c->path = fx_run_str(f, "/");
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
    assert_int_equal(nc_addr_parse(ip, &a->addr), 0);
    a->status = st;
    a->problem = p;
    a->in_ranges = in_ranges;
    /* Freed by fx_run_teardown, as result_release would. */
    a->detail = NULL;
    if (detail[0] != '\0')
        assert_non_null(a->detail = nc_strdup(detail));
    a->http_status = st == NC_STATUS_PASS ? 200 : 0;
    timings_set(&a->t, -1, 2.0, -1, -1, 5.0);
}

int fx_run_setup(void **state)
{
    struct fx_run *f = calloc(1, sizeof(*f));
    struct nc_check_result *r;
    size_t i;

    assert_non_null(f);
    check_set(f, &f->corp_checks[0], "login", "https", "login.example.com", 443,
              true);
    check_set(f, &f->corp_checks[1], "blob", "https", "sample.blob.example.net",
              443, true);
    f->corp_checks[1].rule = fx_run_str(f, "*.blob.example.net");
    check_set(f, &f->corp_checks[2], "ncsi", "http", "ncsi.example.com", 80,
              false);
    check_set(f, &f->corp_checks[3], "queue", "https", "queue.example.net", 443,
              true);
    f->corp_checks[3].rule = fx_run_str(f, "*.queue.example.net");
    f->corp_checks[3].skip_reason =
        fx_run_str(f, "untestable wildcard: give sample=HOST");
    check_set(f, &f->corp_checks[4], "bad\xff name", "https", "nx.example.com",
              8443, true);
    check_set(f, &f->extra_checks[0], "v6", "https", "v6.example.com", 443,
              true);
    f->corp = (struct nc_profile){
        .name = fx_run_str(f, "corp"), .checks = f->corp_checks, .n_checks = 5};
    f->extra = (struct nc_profile){.name = fx_run_str(f, "extra"),
                                   .checks = f->extra_checks,
                                   .n_checks = 1};
    f->profiles[0] = &f->corp;
    f->profiles[1] = &f->extra;
    for (i = 0; i < 5; i++)
        f->checks[i] = &f->corp_checks[i];
    f->checks[5] = &f->extra_checks[0];
    f->plan = (struct nc_plan){f->profiles, 2, f->checks, FX_RUN_CHECKS};

    for (i = 0; i < FX_RUN_CHECKS; i++) {
        result_init(&f->res[i], f->checks[i]);
        f->res[i].addrs = f->addrs[i];
        timings_set(&f->res[i].t, -1, -1, -1, -1, -1);
    }
    /* login: pass, one address inside the ranges, TLS seen. */
    r = &f->res[0];
    r->status = NC_STATUS_PASS;
    r->n_addrs = 1;
    addr_set(&r->addrs[0], "203.0.113.10", NC_STATUS_PASS, NC_PROBLEM_NONE, 1,
             "");
    r->http_status = 200;
    r->tls = &f->tls;
    r->tls->present = true;
    (void)nc_strlcpy(r->tls->subject, "CN=login.example.com",
                     sizeof(r->tls->subject));
    (void)nc_strlcpy(r->tls->issuer, "CN=Example CA", sizeof(r->tls->issuer));
    timings_set(&r->t, 1.5, 3.25, 10.125, 40, 83.25);
    /* blob: 2 of 4 addresses fail, through a CNAME chain. */
    r = &f->res[1];
    r->status = NC_STATUS_FAIL;
    r->problem = NC_PROBLEM_TCP_TIMEOUT;
    (void)result_printf(r, &r->detail, NC_DETAIL_MAX, "%s",
                        "2 of 4 addresses failed");
    (void)result_printf(r, &r->action, NC_ACTION_MAX, "%s", "allow TCP 443");
    r->n_addrs = 4;
    addr_set(&r->addrs[0], "203.0.113.20", NC_STATUS_FAIL,
             NC_PROBLEM_TCP_TIMEOUT, 0, "no answer in 5000 ms");
    addr_set(&r->addrs[1], "203.0.113.21", NC_STATUS_FAIL,
             NC_PROBLEM_TCP_REFUSED, 1, "refused");
    addr_set(&r->addrs[2], "203.0.113.22", NC_STATUS_PASS, NC_PROBLEM_NONE, -1,
             "");
    addr_set(&r->addrs[3], "2001:db8::22", NC_STATUS_PASS, NC_PROBLEM_NONE, -1,
             "");
    f->cnames[0] = fx_run_str(f, "sample.blob.example.net");
    f->cnames[1] = fx_run_str(f, "blob.edge.example.net");
    r->cnames = f->cnames;
    r->n_cnames = 2;
    timings_set(&r->t, 2, -1, -1, -1, 5003);
    /* ncsi: optional, body mismatch, detail full of markup. */
    r = &f->res[2];
    r->status = NC_STATUS_WARN;
    r->problem = NC_PROBLEM_BODY_MISMATCH;
    (void)result_printf(r, &r->detail, NC_DETAIL_MAX, "%s",
                        "body was \"<b>Block & 'deny'</b>\"");
    r->http_status = 200;
    r->n_addrs = 1;
    /* Through a proxy that offered two schemes: the local answer is only
     * informational, the proxy connected. */
    r->via_proxy = true;
    assert_int_equal(result_proxy_auth_add(r, "Basic"), 0);
    assert_int_equal(result_proxy_auth_add(r, "NTLM"), 0);
    addr_set(&r->addrs[0], "198.51.100.7", NC_STATUS_SKIP, NC_PROBLEM_NONE, -1,
             "local answer, not used: the proxy resolves the name");
    r->addrs[0].informational = true;
    /* queue: untestable wildcard. */
    r = &f->res[3];
    r->status = NC_STATUS_SKIP;
    (void)result_printf(r, &r->detail, NC_DETAIL_MAX, "%s",
                        "untestable wildcard: give sample=HOST");
    /* bad name: NXDOMAIN, with invalid UTF-8 in the detail. */
    r = &f->res[4];
    r->status = NC_STATUS_FAIL;
    r->problem = NC_PROBLEM_DNS_NXDOMAIN;
    (void)result_printf(r, &r->detail, NC_DETAIL_MAX, "%s",
                        "\xff\xfe bad \xc3\x28 name");
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
    f->run.n_results = FX_RUN_CHECKS;
    f->run.wall_ms = 5010.5;
    (void)nc_strlcpy(f->run.host, "fixture-host", sizeof(f->run.host));
    f->run.started_at = 1796420296; /* 2026-12-04T21:38:16Z */
    f->run.finished_at = 1796420301;
    run_summarize(&f->run);
    *state = f;
    return 0;
}

void fx_run_share_cause(struct fx_run *f, const size_t *idx, size_t n,
                        const char *px)
{
    size_t i;

    for (i = 0; i < n; i++) {
        struct nc_check_result *r = &f->res[idx[i]];

        assert_true(r->status == NC_STATUS_FAIL || r->status == NC_STATUS_WARN);
        r->problem = NC_PROBLEM_PROXY_AUTH_REQUIRED;
        r->via_proxy = true;
        (void)result_printf(r, &r->proxy, NC_PROXY_MAX, "%s", px);
        (void)result_printf(r, &r->detail, NC_DETAIL_MAX,
                            "the proxy %s requires authentication (407) for %s",
                            px, r->check->host);
        (void)result_printf(r, &r->action, NC_ACTION_MAX, "%s",
                            "give the agent credentials");
    }
}

int fx_run_teardown(void **state)
{
    struct fx_run *f = *state;
    size_t i, j;

    for (i = 0; i < f->n_pool; i++)
        free(f->pool[i]);
    for (i = 0; i < FX_RUN_CHECKS; i++) {
        for (j = 0; j < sizeof(f->addrs[i]) / sizeof(f->addrs[i][0]); j++)
            result_text_clear(&f->addrs[i][j].detail);
        fx_result_reset(&f->res[i], NULL);
    }
    free(f);
    return 0;
}

int fx_run_prom_write(FILE *out, const struct nc_run *run)
{
    return report_write(NC_FORMAT_PROMETHEUS, out, run, NULL);
}

/* With NC_REPORT_DUMP=DIR (tests/report_schemas.sh, one DIR per test
 * program), every JSON, JUnit and Prometheus report a test writes
 * successfully is also kept as DIR/N.FORMAT, to be checked against the
 * formats' schemas. */
static void fx_run_dump(fx_run_writer *w, const char *text, size_t len)
{
    static unsigned n;
    const char *dir = getenv("NC_REPORT_DUMP"), *ext = NULL;
    char path[4096];
    FILE *f;

    if (dir == NULL || dir[0] == '\0')
        return;
    if (w == report_json_write)
        ext = "json";
    else if (w == report_junit_write)
        ext = "junit";
    else if (w == fx_run_prom_write)
        ext = "prometheus";
    if (ext == NULL)
        return;
    (void)snprintf(path, sizeof(path), "%s/%u.%s", dir, ++n, ext);
    f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

char *fx_run_capture(fx_run_writer *w, const struct nc_run *run, int *rc)
{
    struct fx_mem m;

    char *text;

    *rc = w(fx_mem_open(&m), run);
    text = fx_mem_close(&m);
    if (*rc == 0)
        fx_run_dump(w, text, strlen(text));
    return text;
}

void fx_run_alloc_failures(fx_run_writer *w, const struct nc_run *run,
                           long min_allocs)
{
    long k, total;
    char *text;
    int rc;

    nc_alloc_fail_after(-1);
    text = fx_run_capture(w, run, &rc);
    total = nc_alloc_fail_after(-1);
    assert_int_equal(rc, 0);
    free(text);
    assert_true(total > min_allocs);
    for (k = 0; k < total; k++) {
        nc_alloc_fail_after(k);
        text = fx_run_capture(w, run, &rc);
        nc_alloc_fail_after(-1);
        assert_int_equal(rc, NC_ENOMEM);
        free(text);
    }
}
