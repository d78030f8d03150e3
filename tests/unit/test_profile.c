/* profile.c: INI profiles from a string and from a file, errors with their
 * exact lines, long lines, limits and allocation failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture_parse.h"
#include "nc.h"
#include "profile.h"
#include "profile_int.h"

#define DATA(f) NC_TEST_DATA "/" f

static int parse(const char *text, struct nc_profile **p, struct nc_diag *d)
{
    memset(d, 0, sizeof(*d));
    return profile_parse_buf(text, strlen(text), "t.ini", p, d);
}

static const struct nc_check *find_check(const struct nc_profile *p,
                                         const char *name)
{
    size_t i;

    for (i = 0; i < p->n_checks; i++) {
        if (strcmp(p->checks[i].name, name) == 0)
            return &p->checks[i];
    }
    fail_msg("no check '%s'", name);
    return NULL;
}

/* The contents of data/profile_good.ini, whichever way it was read. */
static void check_good_profile(const struct nc_profile *p, const char *src)
{
    const struct nc_check *c;

    assert_string_equal(p->name, "sample");
    assert_string_equal(p->title, "Sample profile");
    assert_string_equal(p->source, src);
    assert_int_equal(p->n_ranges, 3);
    fx_range_is(&p->ranges[0], "198.51.100.0/24");
    fx_range_is(&p->ranges[1], "203.0.113.0/25");
    fx_range_is(&p->ranges[2], "2001:db8::/32");
    assert_int_equal(p->n_tls_issuers, 2);
    assert_string_equal(p->tls_issuers[0], "Test Root CA");
    assert_string_equal(p->tls_issuers[1], "Other Root G2");
    assert_int_equal(p->n_checks, 3);

    c = find_check(p, "login");
    assert_string_equal(c->url, "https://login.example.test/");
    assert_string_equal(c->scheme, "https");
    assert_string_equal(c->host, "login.example.test");
    assert_int_equal(c->port, 443);
    assert_string_equal(c->path, "/");
    assert_true(c->required);
    assert_false(c->expressroute);
    assert_int_equal(c->status_min, 100);
    assert_int_equal(c->status_max, 599);
    assert_null(c->expect_body);
    assert_string_equal(c->rule, "*.example.test");
    assert_null(c->skip_reason);
    assert_string_equal(c->source, src);
    assert_int_equal(c->line, 8);
    /* Inherited: the profile's ranges. */
    assert_int_equal(c->n_ranges, 3);
    fx_range_is(&c->ranges[2], "2001:db8::/32");

    c = find_check(p, "storage blob");
    assert_string_equal(c->url,
                        "https://acct.blob.example.test:8443/health?x=1");
    assert_int_equal(c->port, 8443);
    assert_string_equal(c->path, "/health?x=1");
    assert_false(c->required);
    assert_true(c->expressroute);
    assert_int_equal(c->status_min, 200);
    assert_int_equal(c->status_max, 299);
    assert_string_equal(c->expect_body, "OK");
    assert_null(c->rule);
    assert_int_equal(c->line, 13);
    /* Its own ranges replace the profile's. */
    assert_int_equal(c->n_ranges, 1);
    fx_range_is(&c->ranges[0], "203.0.113.128/25");

    c = find_check(p, "probe");
    assert_string_equal(c->url, "http://probe.example.test/ncsi.txt");
    assert_int_equal(c->port, 80);
    assert_int_equal(c->status_min, 204);
    assert_int_equal(c->status_max, 204);
    assert_false(c->required);
    assert_int_equal(c->line, 21);
    /* "ranges =" with nothing: no range rule for this check. */
    assert_int_equal(c->n_ranges, 0);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void test_profile_from_file(void **state)
{
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    assert_int_equal(
        profile_load_file_region(DATA("profile_good.ini"), NULL, &p, &d), 0);
    check_good_profile(p, DATA("profile_good.ini"));
    profile_free(p);
}

static void test_profile_from_string(void **state)
{
    struct nc_profile *p = NULL;
    struct nc_diag d;
    size_t len;
    char *text = read_all(DATA("profile_good.ini"), &len);

    (void)state;
    /* The buffer need not be terminated: parse all but a poisoned tail. */
    text = realloc(text, len + 8);
    assert_non_null(text);
    memcpy(text + len, "[x]\n!!!", 8);
    assert_int_equal(profile_parse_buf(text, len, "mem", &p, &d), 0);
    check_good_profile(p, "mem");
    profile_free(p);
    free(text);
}

static void test_profile_file_errors(void **state)
{
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    assert_int_equal(
        profile_load_file_region(DATA("profile_bad_key.ini"), NULL, &p, &d),
        NC_EPARSE);
    assert_null(p);
    assert_string_equal(d.file, DATA("profile_bad_key.ini"));
    assert_int_equal(d.line, 6);
    assert_string_equal(d.msg, "unknown key 'timout' in [check login]");

    assert_int_equal(
        profile_load_file_region(DATA("profile_no_section.ini"), NULL, &p, &d),
        NC_EPARSE);
    assert_int_equal(d.line, 1);
    assert_non_null(strstr(d.msg, "key 'url' outside any section"));

    assert_int_equal(
        profile_load_file_region(DATA("no-such-file.ini"), NULL, &p, &d),
        NC_EIO);
    assert_null(p);
    assert_string_equal(d.file, DATA("no-such-file.ini"));
    assert_non_null(strstr(d.msg, "cannot open"));
}

#define CHK "[check a]\nurl = https://a.test/\n"

static const struct fx_parse_err err_cases[] = {
    {"[check login]\nurl = https://l.test/\ntimout = 5\n", NC_EPARSE, 3,
     "unknown key 'timout' in [check login]"},
    {"[profile]\nurl = https://l.test/\n" CHK, NC_EPARSE, 2,
     "unknown key 'url' in [profile]"},
    {"[check a]\nrequired = no\nurl = https://a.test/\nrequired = yes\n",
     NC_EPARSE, 4, "duplicate key 'required' in [check a] (first at line 2)"},
    {CHK "\n[check a]\nurl = https://b.test/\n", NC_EPARSE, 4,
     "duplicate check name 'a' (first defined at line 1)"},
    {"[profile]\n[profile]\n" CHK, NC_EPARSE, 2,
     "duplicate section [profile] (first at line 1)"},
    {"[proflie]\n" CHK, NC_EPARSE, 1, "unknown section [proflie]"},
    {"[checks a]\n" CHK, NC_EPARSE, 1, "unknown section [checks a]"},
    {"[check]\nurl = https://a.test/\n", NC_EPARSE, 1, "missing check name"},
    {"[check   ]\nurl = https://a.test/\n", NC_EPARSE, 1, "missing check name"},
    {"name = x\n" CHK, NC_EPARSE, 1, "key 'name' outside any section"},
    {CHK "[check b]\nurl = ftp://b.test/\n", NC_EPARSE, 4,
     "invalid url 'ftp://b.test/' in [check b]: unsupported scheme 'ftp'"},
    {"[check w]\nurl = https://*.blob.core.windows.net/\n", NC_EPARSE, 2,
     "wildcard host: use rule = *.domain with a sample host in url"},
    {"[profile]\nranges = 10.0.0.0/8 10.1.2.3/8\n" CHK, NC_EPARSE, 2,
     "invalid range '10.1.2.3/8' in [profile]: host bits set"},
    {CHK "ranges = 1.2.3.4/33\n", NC_EPARSE, 3,
     "invalid range '1.2.3.4/33' in [check a]"},
    {CHK "ranges = ::1/129\n", NC_EPARSE, 3, "invalid range '::1/129'"},
    {CHK "expect_status = 600\n", NC_EPARSE, 3, "invalid expect_status '600'"},
    {CHK "expect_status = 499-200\n", NC_EPARSE, 3, "invalid expect_status"},
    {CHK "expect_status = 2xx\n", NC_EPARSE, 3, "invalid expect_status"},
    {CHK "expect_status = 200-\n", NC_EPARSE, 3, "invalid expect_status"},
    {CHK "required = maybe\n", NC_EPARSE, 3,
     "invalid required 'maybe' in [check a]: want yes, no, true or false"},
    {CHK "expressroute = 1\n", NC_EPARSE, 3, "invalid expressroute '1'"},
    {CHK "expect_body =\n", NC_EPARSE, 3,
     "empty value for 'expect_body' in [check a]"},
    {"[profile]\nname = my profile\n" CHK, NC_EPARSE, 2,
     "invalid profile name 'my profile'"},
    {"[profile]\ntls_issuers = A,,B\n" CHK, NC_EPARSE, 2,
     "empty name in tls_issuers"},
    {"[check a]\nrequired = no\n\n[check b]\nurl = https://b.test/\n",
     NC_EPARSE, 1, "missing url in [check a]"},
    {CHK "rule = *.other.test\n", NC_EPARSE, 3,
     "url host 'a.test' is not under rule '*.other.test' in [check a]"},
    {"[check a]\nurl = https://other.test/\nrule = *.other.test\n", NC_EPARSE,
     3, "is not under rule"},
    {CHK "rule = other.test\n", NC_EPARSE, 3,
     "url host 'a.test' is not the host of rule 'other.test' in [check a]"},
    {CHK "rule = a.test:8443\n", NC_EPARSE, 3,
     "url 'https://a.test/' is not on the host and port of rule "
     "'a.test:8443' in [check a]"},
    {CHK "rule = http://a.test/\n", NC_EPARSE, 3,
     "url 'https://a.test/' differs in scheme, host or port from rule "
     "'http://a.test/' in [check a]"},
    {CHK "rule = *.*.test\n", NC_EPARSE, 3, "invalid rule"},
    {CHK "rule = 203.0.113.0/24\n", NC_EPARSE, 3,
     "invalid rule '203.0.113.0/24' in [check a]: an address or range is "
     "not a rule"},
    {CHK "rule = 203.0.113.7\n", NC_EPARSE, 3, "not a rule"},
    {CHK "rule = a.test/path\n", NC_EPARSE, 3, "invalid rule 'a.test/path'"},
    {CHK "rule = a*.test\n", NC_EPARSE, 3, "invalid rule 'a*.test'"},
    {CHK "rule = ftp://a.test/\n", NC_EPARSE, 3, "invalid rule"},
    {"[check a\nurl = https://a.test/\n", NC_EPARSE, 1,
     "malformed section header '[check a'"},
    {CHK "[check b ; c]\n", NC_EPARSE, 3, "malformed section header"},
    {CHK "[check b] x\n", NC_EPARSE, 3, "unexpected text after section"},
    {CHK "this is junk\n", NC_EPARSE, 3,
     "expected 'key = value', got 'this is junk'"},
    /* No Python-style continuation lines: indented junk is an error. */
    {CHK "    more text for the url\n", NC_EPARSE, 3,
     "expected 'key = value', got 'more text for the url'"},
    {CHK "expect_body = a\001b\n", NC_EPARSE, 3, "control character (0x01)"},
    {CHK "expect_body = a\rb\n", NC_EPARSE, 3, "control character (0x0d)"},
    {"; nothing but comments\n[profile]\nname = empty\n", NC_EPARSE, 0,
     "a pass with zero checks would verify nothing"},
    {"", NC_EPARSE, 0, "zero checks"},
};

static void test_profile_errors(void **state)
{
    (void)state;
    fx_parse_errors(profile_parse_buf, "t.ini", err_cases,
                    sizeof(err_cases) / sizeof(err_cases[0]));
}

static void test_profile_nul_byte(void **state)
{
    static const char text[] = "[check a]\nurl = https://a.test/\nx\0y\n";
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    assert_int_equal(profile_parse_buf(text, sizeof(text) - 1, "t", &p, &d),
                     NC_EPARSE);
    assert_int_equal(d.line, 3);
    assert_non_null(strstr(d.msg, "control character (0x00)"));
}

static void test_profile_defaults(void **state)
{
    struct nc_profile *p = NULL;
    struct nc_diag d;
    const char *text = "[check a]\nurl = https://a.test/\n";

    (void)state;
    assert_int_equal(profile_parse_buf(text, strlen(text),
                                       "/etc/netcheck/My-Prof.INI", &p, &d),
                     0);
    assert_string_equal(p->name, "My-Prof");
    assert_string_equal(p->title, "My-Prof");
    assert_int_equal(p->n_ranges, 0);
    assert_int_equal(p->n_tls_issuers, 0);
    assert_int_equal(p->checks[0].n_ranges, 0);
    assert_string_equal(p->checks[0].source, "/etc/netcheck/My-Prof.INI");
    profile_free(p);

    assert_int_equal(
        profile_parse_buf(text, strlen(text), "builtin:azure-x", &p, &d), 0);
    assert_string_equal(p->name, "azure-x");
    profile_free(p);
    profile_free(NULL);
}

static void test_profile_case_and_layout(void **state)
{
    /* BOM, CRLF, upper-case section and key names, ':' separators,
     * comments of both kinds and blank lines. */
    const char *text = "\xEF\xBB\xBF; comment\r\n"
                       "[PROFILE]\r\n"
                       "Name = crlf\r\n"
                       "\r\n"
                       "# other comment\r\n"
                       "  [Check  spaced name  ]  ; trailing comment\r\n"
                       "URL: https://a.test/p\r\n"
                       "Required = YES\r\n"
                       "[check b]\r\n"
                       "url = https://b.test/\r\n"
                       "bogus = 1\r\n";
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    assert_int_equal(parse(text, &p, &d), NC_EPARSE);
    /* Line numbers survive the BOM and CRLF. */
    assert_int_equal(d.line, 11);
    assert_string_equal(d.msg, "unknown key 'bogus' in [check b]");

    assert_int_equal(profile_parse_buf(text,
                                       (size_t)(strstr(text, "bogus") - text),
                                       "t", &p, &d),
                     0);
    assert_string_equal(p->name, "crlf");
    assert_int_equal(p->n_checks, 2);
    assert_string_equal(p->checks[0].name, "spaced name");
    assert_string_equal(p->checks[0].url, "https://a.test/p");
    assert_true(p->checks[0].required);
    assert_int_equal(p->checks[0].line, 6);
    assert_int_equal(p->checks[1].line, 9);
    profile_free(p);
}

/* A check whose url is missing but whose rule is given: a wildcard with no
 * sample, shown as skip rather than rejected or passed. */
static void test_profile_untestable_rule(void **state)
{
    const char *text = "[check w]\nrule = *.Blob.Example.test\nrequired = no\n";
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    assert_int_equal(parse(text, &p, &d), 0);
    assert_string_equal(p->checks[0].rule, "*.blob.example.test");
    assert_string_equal(p->checks[0].host, "*.blob.example.test");
    assert_string_equal(p->checks[0].url, "https://*.blob.example.test/");
    assert_int_equal(p->checks[0].port, 443);
    assert_non_null(p->checks[0].skip_reason);
    assert_non_null(strstr(p->checks[0].skip_reason, "untestable wildcard"));
    assert_false(p->checks[0].required);
    profile_free(p);
}

/* rule = any allowlist entry that names hosts; the url must be what it
 * allows (pf_rule_covers). An exact rule is the check's own entry: it is
 * not kept as a wildcard the host "samples", and gives the url when none
 * is written. */
static void test_profile_exact_rules(void **state)
{
    static const struct {
        const char *text, *url;
    } ok[] = {
        {"[check a]\nurl = https://Login.Example.test/x\nrule = "
         "login.example.TEST\n",
         "https://login.example.test/x"},
        {"[check a]\nurl = https://login.example.test/\nrule = "
         "login.example.test.\n",
         "https://login.example.test/"},
        {"[check a]\nurl = https://h.example.test:8443/\nrule = "
         "h.example.test.:8443\n",
         "https://h.example.test:8443/"},
        {"[check a]\nurl = https://login.example.test:8443/\nrule = "
         "login.example.test:8443\n",
         "https://login.example.test:8443/"},
        {"[check a]\nurl = http://h.example.test/p\nrule = "
         "http://h.example.test/other\n",
         "http://h.example.test/p"},
        {"[check a]\nrule = login.example.test\n",
         "https://login.example.test/"},
        {"[check a]\nrule = h.example.test:80\n", "http://h.example.test/"},
        {"[check a]\nrule = https://h.example.test:8443/path\n",
         "https://h.example.test:8443/path"},
        {"[check a]\nurl = https://[2001:db8::1]:8443/\nrule = "
         "[2001:db8::1]:8443\n",
         "https://[2001:db8::1]:8443/"},
    };
    struct nc_profile *p = NULL;
    struct nc_diag d;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        if (parse(ok[i].text, &p, &d) != 0)
            fail_msg("case %zu: %s", i, d.msg);
        assert_string_equal(p->checks[0].url, ok[i].url);
        assert_null(p->checks[0].rule);
        assert_null(p->checks[0].skip_reason);
        profile_free(p);
        p = NULL;
    }
}

/* pf_rule_covers: which url each kind of rule allows. */
static void test_rule_covers(void **state)
{
    static const struct {
        const char *rule, *scheme, *host;
        unsigned port;
        bool want;
    } cases[] = {
        {"*.example.test", "https", "a.example.test", 443, true},
        {"*.example.test", "https", "a.b.example.test", 8443, true},
        {"*.example.test", "https", "example.test", 443, false},
        {"*.example.test", "https", "badexample.test", 443, false},
        {"login.example.test", "https", "login.example.test", 443, true},
        {"login.example.test", "http", "login.example.test", 8080, true},
        {"Login.Example.Test", "https", "login.example.test", 443, true},
        {"login.example.test.", "https", "login.example.test", 443, true},
        {"login.example.test", "https", "x.login.example.test", 443, false},
        {"login.example.test", "https", "login.example.tes", 443, false},
        {"h.example.test:8443", "https", "h.example.test", 8443, true},
        {"h.example.test:8443", "http", "h.example.test", 8443, true},
        {"h.example.test:8443", "https", "h.example.test", 443, false},
        {"h.example.test:443", "https", "h.example.test", 443, true},
        {"[2001:db8::1]:443", "https", "2001:db8::1", 443, true},
        {"[2001:db8::1]", "https", "2001:db8::1", 8443, true},
        {"[2001:db8::1]", "https", "2001:db8::2", 443, false},
        {"https://h.example.test/", "https", "h.example.test", 443, true},
        {"https://h.example.test/a", "https", "h.example.test", 443, true},
        {"https://h.example.test/", "http", "h.example.test", 443, false},
        {"https://h.example.test/", "https", "h.example.test", 8443, false},
        {"HTTP://H.example.test:8080/", "http", "h.example.test", 8080, true},
        {"https://h.example.test/", "https", "g.example.test", 443, false},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (pf_rule_covers(cases[i].rule, cases[i].scheme, cases[i].host,
                           cases[i].port) != cases[i].want)
            fail_msg("case %zu: rule '%s' url %s://%s:%u: want %d", i,
                     cases[i].rule, cases[i].scheme, cases[i].host,
                     cases[i].port, cases[i].want);
}

static void fill(char *dst, size_t n)
{
    size_t i;

    /* Spaces scattered through, so a cut at a buffer boundary would show. */
    for (i = 0; i < n; i++)
        dst[i] =
            (i % 199 == 198 || i % 400 == 399) ? ' ' : (char)('a' + i % 26);
    dst[0] = 'X';
    dst[n - 1] = 'Z';
}

/* Debian's libinih cuts lines at 200 bytes by default. */
static void test_profile_long_lines(void **state)
{
    enum { LONG = 10000, NAME = 300 };
    static char body[LONG + 1], name[NAME + 1], title[LONG + 1];
    static char text[3 * LONG + 1000];
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    fill(body, LONG);
    fill(name, NAME);
    fill(title, LONG);
    (void)snprintf(text, sizeof(text),
                   "[profile]\ntitle = %s\n"
                   "[check %s]\r\nurl = https://a.test/\n"
                   "expect_body = %s\n"
                   "[check short]\nurl = https://b.test/",
                   title, name, body);
    assert_int_equal(parse(text, &p, &d), 0);
    assert_string_equal(p->title, title);
    assert_int_equal(strlen(p->title), LONG);
    assert_int_equal(p->n_checks, 2);
    assert_string_equal(p->checks[0].name, name);
    assert_int_equal(strlen(p->checks[0].expect_body), LONG);
    assert_string_equal(p->checks[0].expect_body, body);
    assert_int_equal(p->checks[1].line, 6);
    profile_free(p);

    /* Lines after long ones keep their numbers; an error in a long line
     * names that line. */
    (void)snprintf(text, sizeof(text),
                   "[check %s]\nexpect_body = %s\nurl = https://a.test/\n"
                   "bad = %s\n",
                   name, body, body);
    assert_int_equal(parse(text, &p, &d), NC_EPARSE);
    assert_int_equal(d.line, 4);
    assert_non_null(strstr(d.msg, "unknown key 'bad'"));

    /* Long section names past inih's 49 bytes stay distinct. */
    (void)snprintf(text, sizeof(text),
                   "[check %s-1]\nurl = https://a.test/\n"
                   "[check %s-2]\nurl = https://b.test/\n",
                   name, name);
    assert_int_equal(parse(text, &p, &d), 0);
    assert_int_equal(p->n_checks, 2);
    assert_non_null(strstr(p->checks[1].name, "Z-2"));
    profile_free(p);
}

static void test_profile_limits(void **state)
{
    size_t n = (size_t)NC_PROFILE_MAX_CHECKS + 1, i, off = 0;
    size_t cap = n * 40 + 64;
    char *text = malloc(cap);
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    assert_non_null(text);
    for (i = 0; i < n; i++)
        off += (size_t)snprintf(text + off, cap - off,
                                "[check c%zu]\nurl=http://a/\n", i);
    assert_int_equal(profile_parse_buf(text, off, "big", &p, &d), NC_ELIMIT);
    assert_null(p);
    assert_int_equal(d.line, 2 * NC_PROFILE_MAX_CHECKS + 1);
    assert_non_null(strstr(d.msg, "too many checks"));

    off = (size_t)snprintf(text, cap, "[profile]\nranges =");
    for (i = 0; i < (size_t)NC_PROFILE_MAX_RANGES + 1; i++)
        off += (size_t)snprintf(text + off, cap - off, " 10.0.0.0/8");
    off +=
        (size_t)snprintf(text + off, cap - off, "\n[check a]\nurl=http://a/\n");
    assert_int_equal(profile_parse_buf(text, off, "big", &p, &d), NC_ELIMIT);
    assert_int_equal(d.line, 2);
    assert_non_null(strstr(d.msg, "too many ranges in [profile]"));
    free(text);

    /* Size is checked before anything is read. */
    text = calloc(1, (size_t)NC_PROFILE_MAX_BYTES + 1);
    assert_non_null(text);
    assert_int_equal(profile_parse_buf(text, (size_t)NC_PROFILE_MAX_BYTES + 1,
                                       "huge", &p, &d),
                     NC_ELIMIT);
    assert_string_equal(d.file, "huge");
    free(text);
}

/* Fail each allocation in turn: always NC_ENOMEM, never a crash or leak
 * (ASan's leak checker runs at exit). */
static void test_profile_alloc_failures(void **state)
{
    struct nc_profile *p;
    size_t len;
    char *text = read_all(DATA("profile_good.ini"), &len);

    (void)state;
    p = fx_parse_alloc_failures(profile_parse_buf, text, len, "oom");
    check_good_profile(p, "oom");
    profile_free(p);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_profile_from_file),
        cmocka_unit_test(test_profile_from_string),
        cmocka_unit_test(test_profile_file_errors),
        cmocka_unit_test(test_profile_errors),
        cmocka_unit_test(test_profile_nul_byte),
        cmocka_unit_test(test_profile_defaults),
        cmocka_unit_test(test_profile_case_and_layout),
        cmocka_unit_test(test_profile_untestable_rule),
        cmocka_unit_test(test_profile_exact_rules),
        cmocka_unit_test(test_rule_covers),
        cmocka_unit_test(test_profile_long_lines),
        cmocka_unit_test(test_profile_limits),
        cmocka_unit_test(test_profile_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
