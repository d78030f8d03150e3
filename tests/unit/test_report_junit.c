/* report_junit.c: well-formed XML (checked by a small parser below, as
 * no XML tool is installed), counts, one testcase per check, the
 * fail/warn/skip mapping and escaping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture_port.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_run.h"
#include "nc.h"
#include "report.h"
#include "report_int.h"
#include "str.h"
#include "utf8.h"
#include "verdict.h"

static char *junit_ok(const struct nc_run *run)
{
    int rc;
    char *x = fx_run_capture(report_junit_write, run, &rc);

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
    uint32_t cp = 0;
    size_t n = nc_utf8_decode(s, strlen(s), 0, &cp);

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
    s = fx_strndup(a, (size_t)(b - a) + strlen(end));
    assert_non_null(s);
    return s;
}

static void test_well_formed_and_counts(void **state)
{
    struct fx_run *f = *state;
    struct xml_stats st;
    char *x;

    f->run.wall_ms = 5250;
    x = junit_ok(&f->run);
    assert_well_formed(x, &st);
    assert_int_equal(st.testcases, FX_RUN_CHECKS);
    assert_int_equal(st.failures, 2);
    assert_int_equal(st.skipped, 1);
    assert_true(
        strncmp(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
    /* The xunit plugin's schema has no "skipped" on <testsuites>. */
    assert_non_null(strstr(x, "<testsuites name=\"netcheck\" tests=\"6\" "
                              "failures=\"2\" errors=\"0\" "
                              "time=\"5.250\">"));
    assert_non_null(strstr(x, "<testsuite name=\"corp+extra@fixture-host\" "
                              "tests=\"6\" failures=\"2\" errors=\"0\" "
                              "skipped=\"1\" time=\"5.250\" "
                              "hostname=\"fixture-host\" "
                              "timestamp=\"2026-12-04T21:38:16Z\">"));
    assert_non_null(strstr(x, "<property name=\"profile\" value=\"corp\"/>"));
    assert_non_null(strstr(x, "<property name=\"profile\" value=\"extra\"/>"));
    assert_non_null(
        strstr(x, "<property name=\"proxy_source\" value=\"env\"/>"));
    assert_non_null(strstr(x, "<property name=\"verdict\" value=\"fail\"/>"));
    free(x);
}

static void test_testcases(void **state)
{
    struct fx_run *f = *state;
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

/* The suite is named after the profiles and the host, and says where and
 * when it ran (hostname, timestamp in RFC 3339 UTC). */
static void test_suite_host_and_time(void **state)
{
    struct fx_run *f = *state;
    struct xml_stats st;
    char *x;

    (void)nc_strlcpy(f->run.host, "web01<&>", sizeof(f->run.host));
    f->run.started_at = 1796420296; /* 2026-12-04T21:38:16Z */
    x = junit_ok(&f->run);
    assert_well_formed(x, &st);
    assert_non_null(strstr(x, "<testsuite name=\"corp+extra@web01&lt;&amp;"
                              "&gt;\" tests=\"6\""));
    assert_non_null(strstr(x, " hostname=\"web01&lt;&amp;&gt;\" "
                              "timestamp=\"2026-12-04T21:38:16Z\">"));
    free(x);

    /* Unknown host and time: no attribute rather than an empty one. */
    f->run.host[0] = '\0';
    f->run.started_at = 0;
    x = junit_ok(&f->run);
    assert_null(strstr(x, "hostname="));
    assert_null(strstr(x, "timestamp="));
    free(x);
}

/* Jenkins splits a classname at its last dot: exactly one dot, after
 * "netcheck". */
static void test_classname(void **state)
{
    static const struct {
        const char *profile, *want;
    } cases[] = {
        {"corp", "netcheck.corp"},
        {"allowlist:ns-allow.txt", "netcheck.allowlist_ns-allow_txt"},
        {"a.b.c", "netcheck.a_b_c"},
        {"my agent/v2", "netcheck.my_agent_v2"},
        {"Z\xc3\xbcrich_1", "netcheck.Z\xc3\xbcrich_1"},
        {"", "netcheck.netcheck"},
        {NULL, "netcheck.netcheck"},
    };
    char buf[64], small[12];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        report_junit_classname(cases[i].profile, buf, sizeof(buf));
        assert_string_equal(buf, cases[i].want);
        assert_ptr_equal(strchr(buf, '.'), strrchr(buf, '.'));
    }
    /* Cut to the buffer, always terminated. */
    report_junit_classname("allowlist:x.txt", small, sizeof(small));
    assert_string_equal(small, "netcheck.al");
}

static void test_failure(void **state)
{
    struct fx_run *f = *state;
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
    tc = slice(x, "name=\"bad\\xff name\"", "</testcase>");
    assert_non_null(
        strstr(tc, "<failure type=\"dns_nxdomain\" message=\"\\xff\\xfe "
                   "bad \\xc3( name\">"));
    free(tc);
    free(x);
}

/* The proxy a failed check went through and the setting that chose it,
 * or that it went direct; the run's proxy identity as properties (never
 * a password). */
static void test_proxy_lines(void **state)
{
    struct fx_run *f = *state;
    struct nc_check_result *blob = &f->res[1], *bad = &f->res[4];
    char *x, *tc;

    blob->via_proxy = true;
    (void)result_printf(blob, &blob->proxy, NC_PROXY_MAX, "%s",
                        "http://px2:8080");
    (void)result_printf(blob, &blob->proxy_reason, NC_PROXY_REASON_MAX, "%s",
                        "PAC file: PROXY px2:8080");
    (void)result_printf(bad, &bad->proxy_reason, NC_PROXY_REASON_MAX, "%s",
                        "NO_PROXY entry '.example.com'");
    f->run.proxy_identity.kind = NC_PROXY_ID_USER;
    (void)nc_strlcpy(f->run.proxy_identity.name, "CORP\\svc<1>",
                     sizeof(f->run.proxy_identity.name));
    x = junit_ok(&f->run);
    tc = slice(x, "name=\"blob\"", "</testcase>");
    assert_non_null(strstr(tc, "\nurl: https://sample.blob.example.net:443/\n"
                               "proxy: http://px2:8080 (PAC file: PROXY "
                               "px2:8080)\nsample: "));
    free(tc);
    tc = slice(x, "name=\"bad\\xff name\"", "</testcase>");
    assert_non_null(strstr(tc, "\nproxy: none, direct (NO_PROXY entry "
                               "&apos;.example.com&apos;)\n"));
    free(tc);
    assert_non_null(
        strstr(x, "<property name=\"proxy_identity\" value=\"user\"/>\n"
                  "      <property name=\"proxy_identity_name\" "
                  "value=\"CORP\\svc&lt;1&gt;\"/>"));
    free(x);

    /* No identity: no property; no reason: no line. */
    f->run.proxy_identity.kind = NC_PROXY_ID_NONE;
    (void)result_printf(bad, &bad->proxy_reason, NC_PROXY_REASON_MAX, "%s", "");
    x = junit_ok(&f->run);
    assert_null(strstr(x, "proxy_identity"));
    tc = slice(x, "name=\"bad\\xff name\"", "</testcase>");
    assert_null(strstr(tc, "proxy:"));
    free(tc);
    free(x);
}

/* An optional check that failed must not fail the CI job. */
static void test_warn_passes(void **state)
{
    struct fx_run *f = *state;
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
    struct fx_run *f = *state;
    char *x = junit_ok(&f->run);

    assert_non_null(strstr(x, "name=\"queue\" time=\"0.000\">\n      "
                              "<skipped message=\"untestable wildcard: give "
                              "sample=HOST\"/>\n    </testcase>"));
    free(x);

    /* Without a detail, the check's own skip reason is used. */
    f->res[3].detail[0] = '\0';
    f->corp_checks[3].skip_reason = fx_run_str(f, "no <sample> & no luck");
    x = junit_ok(&f->run);
    assert_non_null(strstr(x, "<skipped message=\"no &lt;sample&gt; &amp; "
                              "no luck\"/>"));
    free(x);
}

static void test_passing_wildcard_says_sample(void **state)
{
    struct fx_run *f = *state;
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
    struct fx_run *f = *state;
    struct xml_stats st;
    char *x;

    f->corp_checks[1].name = fx_run_str(f, "a<b>&\"c'");
    f->corp.name = fx_run_str(f, "co\"rp");
    (void)result_printf(&f->res[1], &f->res[1].detail, NC_DETAIL_MAX, "%s",
                        "<&\"> \x01\x1b[31m \xff end");
    (void)result_printf(&f->res[1], &f->res[1].action, NC_ACTION_MAX, "%s",
                        "line\r\nbreak");
    x = junit_ok(&f->run);
    assert_well_formed(x, &st);
    assert_int_equal(st.testcases, FX_RUN_CHECKS);
    /* The classname holds no quote at all; the suite's name escapes it. */
    assert_non_null(strstr(x, "classname=\"netcheck.co_rp\" "
                              "name=\"a&lt;b&gt;&amp;&quot;c&apos;\""));
    assert_non_null(strstr(x, "<testsuite name=\"co&quot;rp+extra@"));
    assert_non_null(
        strstr(x, "message=\"&lt;&amp;&quot;&gt; \\x01\\x1b[31m \\xff end\""));
    assert_non_null(strstr(x, "action: line&#13;\nbreak"));
    assert_null(strchr(x, '\x01'));
    assert_null(strchr(x, '\x1b'));
    assert_null(strchr(x, '\xff'));
    free(x);
}

#define SHARED                                                                 \
    "all 3 failures share one cause: the proxy http://proxy.example:3128 "     \
    "requires authentication (407) and no credentials were sent"

/* A CI page shows the one cause on each failure it explains, as a
 * property of the suite, and with its action in the suite's output. */
static void test_shared_cause(void **state)
{
    static const size_t idx[] = {1, 2, 4};
    struct fx_run *f = *state;
    struct xml_stats st;
    char *x, *tc, want[1024], action[512];

    fx_run_share_cause(f, idx, 3, "http://proxy.example:3128");
    f->run.clock = (struct nc_clock){.sources = 3, .skew_s = 600, .warn = true};
    x = junit_ok(&f->run);
    assert_well_formed(x, &st);
    assert_int_equal(st.failures, 2);
    assert_non_null(
        strstr(x, "<property name=\"root_cause\" value=\"" SHARED "\"/>"));
    tc = slice(x, "name=\"blob\"", "</testcase>");
    assert_non_null(strstr(tc, "<failure type=\"proxy_auth_required\" "
                               "message=\"" SHARED "\">the proxy "
                               "http://proxy.example:3128 requires "
                               "authentication (407) for "
                               "sample.blob.example.net\n"
                               "shared cause: " SHARED "\n"
                               "action: give the agent credentials\n"));
    free(tc);
    tc = slice(x, "name=\"ncsi\"", "</testcase>");
    assert_null(strstr(tc, "<failure"));
    assert_non_null(strstr(tc, "<system-out>warning (optional check): "
                               "proxy_auth_required: the proxy "));
    assert_non_null(strstr(tc, "\nshared cause: " SHARED "\n"));
    free(tc);
    /* One suite-level output: the cause with its action, then the clock. */
    assert_int_equal(
        report_xml_escape(problem_action(NC_PROBLEM_PROXY_AUTH_REQUIRED),
                          action, sizeof(action)),
        0);
    (void)snprintf(want, sizeof(want),
                   "\n    <system-out>proxy_auth_required: " SHARED "\n"
                   "action: %s\nwarning clock_skew: ",
                   action);
    tc = slice(x, "\n    <system-out>", "</testsuite>");
    assert_non_null(strstr(tc, want));
    assert_int_equal(strstr(strstr(tc, "<system-out>") + 1, "<system-out>"),
                     NULL);
    free(tc);
    free(x);

    /* Without shared causes the suite's output is the clock alone. */
    fx_run_teardown(state);
    fx_run_setup(state);
    f = *state;
    f->run.clock = (struct nc_clock){.sources = 3, .skew_s = 600, .warn = true};
    x = junit_ok(&f->run);
    assert_non_null(strstr(x, "    <system-out>warning clock_skew: "));
    assert_null(strstr(x, "root_cause"));
    assert_null(strstr(x, "shared cause"));
    free(x);
}

static void test_shared_cause_alloc_failures(void **state)
{
    static const size_t idx[] = {1, 2, 4};
    struct fx_run *f = *state;

    fx_run_share_cause(f, idx, 3, "http://proxy.example:3128");
    fx_run_alloc_failures(report_junit_write, &f->run, 10);
}

static void test_errors(void **state)
{
    struct fx_run *f = *state;
    FILE *full = fx_full_open();
    char *x;
    int rc;

    assert_non_null(full);
    assert_int_equal(setvbuf(full, NULL, _IONBF, 0), 0);
    assert_int_equal(report_junit_write(full, &f->run), NC_EIO);
    (void)fclose(full);

    f->res[4].check = NULL;
    x = fx_run_capture(report_junit_write, &f->run, &rc);
    assert_int_equal(rc, NC_EINVAL);
    assert_string_equal(x, "");
    free(x);
}

static void test_alloc_failures(void **state)
{
    struct fx_run *f = *state;

    fx_run_alloc_failures(report_junit_write, &f->run, 10);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_run_setup, fx_run_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checker_rejects),
        T(test_well_formed_and_counts),
        T(test_testcases),
        T(test_suite_host_and_time),
        cmocka_unit_test(test_classname),
        T(test_failure),
        T(test_proxy_lines),
        T(test_warn_passes),
        T(test_skipped),
        T(test_passing_wildcard_says_sample),
        T(test_escaping),
        T(test_shared_cause),
        T(test_shared_cause_alloc_failures),
        T(test_errors),
        T(test_alloc_failures),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
