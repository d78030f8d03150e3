/* report_junit.c: well-formed XML (checked by a small parser below, as
 * no XML tool is installed), counts, one testcase per check, the
 * fail/warn/skip mapping and escaping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

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

static char *junit_of(const struct nc_run *run, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);

    assert_non_null(out);
    *rc = report_junit_write(out, run);
    assert_int_equal(fclose(out), 0);
    return buf;
}

static char *junit_ok(const struct nc_run *run)
{
    int rc;
    char *x = junit_of(run, &rc);

    assert_int_equal(rc, 0);
    return x;
}

/* A small XML well-formedness checker for what the writer emits: prolog,
 * one root, balanced elements, quoted attributes, known entities only,
 * no raw '<', '&' or '>' in text or values, valid UTF-8, XML 1.0
 * characters only. */
struct xml_stats {
    size_t testcases, failures, skipped, system_out, properties;
};

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' ||
           c == '.';
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Past a valid entity reference at s, or NULL. */
static const char *xml_entity(const char *s)
{
    static const char *const named[] = {"&amp;", "&lt;", "&gt;", "&quot;",
                                        "&apos;"};
    size_t i;

    for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
        if (strncmp(s, named[i], strlen(named[i])) == 0)
            return s + strlen(named[i]);
    if (s[1] != '#' || s[2] < '0' || s[2] > '9')
        return NULL;
    s += 2;
    while (*s >= '0' && *s <= '9')
        s++;
    return *s == ';' ? s + 1 : NULL;
}

/* Past one character of text or attribute value, or NULL if illegal. */
static const char *xml_char(const char *s)
{
    unsigned long cp;
    size_t n = report_utf8_char(s, &cp);

    if (n == 0)
        return NULL;
    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
        return NULL;
    if (cp == 0xFFFE || cp == 0xFFFF || cp == '<' || cp == '>')
        return NULL;
    if (cp == '&')
        return xml_entity(s);
    return s + n;
}

static const char *xml_name(const char *s, char *name, size_t n)
{
    size_t i = 0;

    while (is_name_char(s[i])) {
        if (i + 1 >= n)
            return NULL;
        name[i] = s[i];
        i++;
    }
    name[i] = '\0';
    return i > 0 ? s + i : NULL;
}

static void xml_count(struct xml_stats *st, const char *name)
{
    if (strcmp(name, "testcase") == 0)
        st->testcases++;
    else if (strcmp(name, "failure") == 0)
        st->failures++;
    else if (strcmp(name, "skipped") == 0)
        st->skipped++;
    else if (strcmp(name, "system-out") == 0)
        st->system_out++;
    else if (strcmp(name, "property") == 0)
        st->properties++;
}

/* \return NULL when s is well-formed, else what is wrong */
static const char *xml_check(const char *s, struct xml_stats *st)
{
    char stack[16][32], name[32];
    size_t depth = 0;
    bool root_seen = false;

    memset(st, 0, sizeof(*st));
    if (strncmp(s, "<?xml ", 6) == 0) {
        s = strstr(s, "?>");
        if (s == NULL)
            return "unterminated prolog";
        s += 2;
    }
    while (*s != '\0') {
        if (*s != '<') {
            if (depth == 0 && !is_blank(*s))
                return "text outside the root";
            s = xml_char(s);
            if (s == NULL)
                return "illegal character or entity in text";
            continue;
        }
        if (s[1] == '/') {
            s = xml_name(s + 2, name, sizeof(name));
            if (s == NULL || *s != '>')
                return "bad end tag";
            if (depth == 0 || strcmp(stack[depth - 1], name) != 0)
                return "mismatched end tag";
            depth--;
            s++;
            continue;
        }
        if (depth == 0 && root_seen)
            return "second root element";
        s = xml_name(s + 1, name, sizeof(name));
        if (s == NULL)
            return "bad start tag";
        xml_count(st, name);
        for (;;) {
            char attr[32];
            bool blank = is_blank(*s);

            while (is_blank(*s))
                s++;
            if (s[0] == '/' && s[1] == '>') {
                s += 2;
                break;
            }
            if (*s == '>') {
                if (depth >= 16)
                    return "too deep";
                memcpy(stack[depth++], name, sizeof(name));
                s++;
                break;
            }
            if (!blank)
                return "no blank before an attribute";
            s = xml_name(s, attr, sizeof(attr));
            if (s == NULL || s[0] != '=' || s[1] != '"')
                return "bad attribute";
            s += 2;
            while (*s != '"') {
                if (*s == '\0')
                    return "unterminated attribute value";
                s = xml_char(s);
                if (s == NULL)
                    return "illegal character or entity in a value";
            }
            s++;
        }
        root_seen = true;
    }
    if (depth != 0)
        return "unclosed element";
    return root_seen ? NULL : "no root element";
}

static void assert_well_formed(const char *x, struct xml_stats *st)
{
    const char *err = xml_check(x, st);

    if (err != NULL)
        fail_msg("not well-formed: %s", err);
}

static void test_checker_rejects(void **state)
{
    static const char *const bad[] = {
        "<a><b></a></b>",
        "<a>&</a>",
        "<a>&bogus;</a>",
        "<a x=1/>",
        "<a x=\"1\"",
        "<a>x<b></a>",
        "<a>\x01</a>",
        "<a></a><b/>",
        "<a>\xff</a>",
        "<a x=\"<\"/>",
        "<a x=\"1\"y=\"2\"/>",
        "<a>1 > 0</a>",
        "",
        "<a>\xef\xbf\xbe</a>",
    };
    struct xml_stats st;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (xml_check(bad[i], &st) == NULL)
            fail_msg("checker accepted '%s'", bad[i]);
    assert_null(xml_check("<?xml version=\"1.0\"?>\n<a x=\"&amp;&#13;\">"
                          "<b/>t&lt;</a>\n",
                          &st));
}

/* The text of the element that starts at the first match of start, up
 * to the following end, copied.  \return it (free it) */
static char *slice(const char *x, const char *start, const char *end)
{
    const char *a = strstr(x, start), *b;
    char *s;

    if (a == NULL)
        fail_msg("'%s' not found", start);
    b = strstr(a, end);
    assert_non_null(b);
    s = strndup(a, (size_t)(b - a) + strlen(end));
    assert_non_null(s);
    return s;
}

static void test_well_formed_and_counts(void **state)
{
    struct fx *f = *state;
    struct xml_stats st;
    char *x;

    f->run.wall_ms = 5250;
    x = junit_ok(&f->run);
    assert_well_formed(x, &st);
    assert_int_equal(st.testcases, FX_CHECKS);
    assert_int_equal(st.failures, 2);
    assert_int_equal(st.skipped, 1);
    assert_true(
        strncmp(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
    assert_non_null(strstr(x, "<testsuites name=\"netcheck\" tests=\"6\" "
                              "failures=\"2\" errors=\"0\" skipped=\"1\" "
                              "time=\"5.250\">"));
    assert_non_null(strstr(x, "<testsuite name=\"netcheck\" tests=\"6\" "
                              "failures=\"2\" errors=\"0\" skipped=\"1\" "
                              "time=\"5.250\">"));
    assert_non_null(strstr(x, "<property name=\"profile\" value=\"corp\"/>"));
    assert_non_null(strstr(x, "<property name=\"profile\" value=\"extra\"/>"));
    assert_non_null(
        strstr(x, "<property name=\"proxy_source\" value=\"env\"/>"));
    assert_non_null(strstr(x, "<property name=\"verdict\" value=\"fail\"/>"));
    free(x);
}

static void test_testcases(void **state)
{
    struct fx *f = *state;
    struct nc_check stray;
    char *x;

    x = junit_ok(&f->run);
    /* A plain pass is an empty element. */
    assert_non_null(strstr(x, "<testcase classname=\"netcheck.corp\" "
                              "name=\"login\" time=\"0.083\"/>\n"));
    assert_non_null(strstr(x, "<testcase classname=\"netcheck.extra\" "
                              "name=\"v6\" time=\"0.004\"/>\n"));
    /* A not-reached time is 0, not a negative number. */
    assert_non_null(strstr(x, "name=\"queue\" time=\"0.000\">"));
    free(x);

    /* A check outside the plan's profiles is grouped under "netcheck". */
    stray = f->corp_checks[0];
    f->res[0].check = &stray;
    x = junit_ok(&f->run);
    assert_non_null(strstr(x, "<testcase classname=\"netcheck.netcheck\" "
                              "name=\"login\""));
    free(x);
}

static void test_failure(void **state)
{
    struct fx *f = *state;
    char *x = junit_ok(&f->run), *tc;

    tc = slice(x, "name=\"blob\"", "</testcase>");
    assert_non_null(strstr(
        tc, "<failure type=\"tcp_timeout\" message=\"2 of 4 addresses "
            "failed\">2 of 4 addresses failed\n"
            "action: allow TCP 443\n"
            "url: https://sample.blob.example.net:443/\n"
            "sample: *.blob.example.net tested through the sample host "
            "sample.blob.example.net only\n"
            "cnames: sample.blob.example.net -&gt; blob.edge.example.net\n"
            "addresses: 2 of 4 failed\n"
            "  203.0.113.20: fail tcp_timeout: no answer in 5000 ms\n"
            "  203.0.113.21: fail tcp_refused: refused\n"
            "  203.0.113.22: pass\n"
            "  2001:db8::22: pass\n"
            "</failure>"));
    free(tc);
    tc = slice(x, "name=\"bad? name\"", "</testcase>");
    assert_non_null(strstr(tc, "<failure type=\"dns_nxdomain\" message=\"?? "
                               "bad ?( name\">"));
    free(tc);
    free(x);
}

/* An optional check that failed must not fail the CI job. */
static void test_warn_passes(void **state)
{
    struct fx *f = *state;
    char *x = junit_ok(&f->run), *tc;

    tc = slice(x, "name=\"ncsi\"", "</testcase>");
    assert_null(strstr(tc, "<failure"));
    assert_null(strstr(tc, "<error"));
    assert_null(strstr(tc, "<skipped"));
    assert_non_null(strstr(
        tc, "<system-out>warning (optional check): body_mismatch: body was "
            "&quot;&lt;b&gt;Block &amp; &apos;deny&apos;&lt;/b&gt;&quot;\n"));
    free(tc);
    free(x);
}

static void test_skipped(void **state)
{
    struct fx *f = *state;
    char *x = junit_ok(&f->run);

    assert_non_null(strstr(x, "name=\"queue\" time=\"0.000\">\n      "
                              "<skipped message=\"untestable wildcard: give "
                              "sample=HOST\"/>\n    </testcase>"));
    free(x);

    /* Without a detail, the check's own skip reason is used. */
    f->res[3].detail[0] = '\0';
    f->corp_checks[3].skip_reason = S(f, "no <sample> & no luck");
    x = junit_ok(&f->run);
    assert_non_null(strstr(x, "<skipped message=\"no &lt;sample&gt; &amp; "
                              "no luck\"/>"));
    free(x);
}

static void test_passing_wildcard_says_sample(void **state)
{
    struct fx *f = *state;
    char *x, *tc;

    f->res[1].status = NC_STATUS_PASS;
    f->res[1].problem = NC_PROBLEM_NONE;
    run_summarize(&f->run);
    x = junit_ok(&f->run);
    tc = slice(x, "name=\"blob\"", "</testcase>");
    assert_non_null(strstr(tc, "<system-out>*.blob.example.net tested "
                               "through the sample host "
                               "sample.blob.example.net only</system-out>"));
    assert_null(strstr(tc, "<failure"));
    free(tc);
    assert_non_null(strstr(x, "failures=\"1\""));
    free(x);
}

static void test_escaping(void **state)
{
    struct fx *f = *state;
    struct xml_stats st;
    char *x;

    f->corp_checks[1].name = S(f, "a<b>&\"c'");
    f->corp.name = S(f, "co\"rp");
    (void)nc_strlcpy(f->res[1].detail, "<&\"> \x01\x1b[31m \xff end",
                     sizeof(f->res[1].detail));
    (void)nc_strlcpy(f->res[1].action, "line\r\nbreak",
                     sizeof(f->res[1].action));
    x = junit_ok(&f->run);
    assert_well_formed(x, &st);
    assert_int_equal(st.testcases, FX_CHECKS);
    assert_non_null(strstr(x, "classname=\"netcheck.co&quot;rp\" "
                              "name=\"a&lt;b&gt;&amp;&quot;c&apos;\""));
    assert_non_null(strstr(x, "message=\"&lt;&amp;&quot;&gt; [31m ? end\""));
    assert_non_null(strstr(x, "action: line&#13;\nbreak"));
    assert_null(strchr(x, '\x01'));
    assert_null(strchr(x, '\x1b'));
    assert_null(strchr(x, '\xff'));
    free(x);
}

static void test_errors(void **state)
{
    struct fx *f = *state;
    FILE *full = fopen("/dev/full", "w");
    char *x;
    int rc;

    assert_non_null(full);
    assert_int_equal(setvbuf(full, NULL, _IONBF, 0), 0);
    assert_int_equal(report_junit_write(full, &f->run), NC_EIO);
    (void)fclose(full);

    f->res[4].check = NULL;
    x = junit_of(&f->run, &rc);
    assert_int_equal(rc, NC_EINVAL);
    assert_string_equal(x, "");
    free(x);
}

static void test_alloc_failures(void **state)
{
    struct fx *f = *state;
    long k, total;
    char *x;
    int rc;

    nc_alloc_fail_after(-1);
    x = junit_of(&f->run, &rc);
    total = nc_alloc_fail_after(-1);
    assert_int_equal(rc, 0);
    free(x);
    assert_true(total > 10);
    for (k = 0; k < total; k++) {
        nc_alloc_fail_after(k);
        x = junit_of(&f->run, &rc);
        nc_alloc_fail_after(-1);
        assert_int_equal(rc, NC_ENOMEM);
        free(x);
    }
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checker_rejects),
        T(test_well_formed_and_counts),
        T(test_testcases),
        T(test_failure),
        T(test_warn_passes),
        T(test_skipped),
        T(test_passing_wildcard_says_sample),
        T(test_escaping),
        T(test_errors),
        T(test_alloc_failures),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
