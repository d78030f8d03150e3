/* allowlist.c: plain allowlists from a string and from a file. */
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

#define DATA(f) NC_TEST_DATA "/" f

static int parse(const char *text, struct nc_profile **p, struct nc_diag *d)
{
    memset(d, 0, sizeof(*d));
    return allowlist_parse_buf(text, strlen(text), "fw.txt", p, d);
}

struct want_check {
    const char *name, *url, *host;
    unsigned port;
    const char *rule;
    bool skip;
    unsigned line;
};

/* data/allowlist_good.txt */
static const struct want_check good_checks[] = {
    {"https://login.example.test/", "https://login.example.test/",
     "login.example.test", 443, NULL, false, 2},
    {"portal.example.test", "https://portal.example.test/",
     "portal.example.test", 443, NULL, false, 3},
    {"api.example.test:8443", "https://api.example.test:8443/",
     "api.example.test", 8443, NULL, false, 4},
    {"legacy.example.test:80", "http://legacy.example.test/",
     "legacy.example.test", 80, NULL, false, 5},
    {"*.blob.example.test", "https://acct.blob.example.test/",
     "acct.blob.example.test", 443, "*.blob.example.test", false, 6},
    {"*.queue.example.test", "https://*.queue.example.test/",
     "*.queue.example.test", 443, "*.queue.example.test", true, 7},
};

static void check_good(const struct nc_profile *p, const char *src)
{
    size_t i;

    assert_int_equal(p->n_checks, 6);
    assert_int_equal(p->n_ranges, 3);
    fx_range_is(&p->ranges[0], "198.51.100.0/24");
    fx_range_is(&p->ranges[1], "2001:db8::/32");
    fx_range_is(&p->ranges[2], "203.0.113.7/32"); /* a bare address */
    for (i = 0; i < p->n_checks; i++) {
        const struct nc_check *c = &p->checks[i];
        const struct want_check *w = &good_checks[i];

        assert_string_equal(c->name, w->name);
        assert_string_equal(c->url, w->url);
        assert_string_equal(c->host, w->host);
        assert_int_equal(c->port, w->port);
        assert_string_equal(c->path, "/");
        assert_int_equal(c->line, w->line);
        assert_string_equal(c->source, src);
        assert_true(c->required);
        assert_int_equal(c->status_min, 100);
        assert_int_equal(c->status_max, 599);
        if (w->rule != NULL)
            assert_string_equal(c->rule, w->rule);
        else
            assert_null(c->rule);
        if (w->skip)
            assert_string_equal(c->skip_reason,
                                "untestable wildcard: give sample=HOST");
        else
            assert_null(c->skip_reason);
        /* Every check carries the list's ranges. */
        assert_int_equal(c->n_ranges, 3);
        fx_range_is(&c->ranges[1], "2001:db8::/32");
    }
    assert_string_equal(p->checks[3].scheme, "http");
    assert_string_equal(p->checks[0].scheme, "https");
}

static void test_allowlist_from_file(void **state)
{
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    assert_int_equal(allowlist_load_file(DATA("allowlist_good.txt"), &p, &d),
                     0);
    check_good(p, DATA("allowlist_good.txt"));
    assert_string_equal(p->name, "allowlist:allowlist_good.txt");
    assert_string_equal(p->title, "allowlist " DATA("allowlist_good.txt"));
    profile_free(p);
}

static void test_allowlist_from_string(void **state)
{
    const char *text =
        "# Firewall change request 4711 (used by test_allowlist.c)\n"
        "https://login.example.test/\n"
        "portal.example.test\n"
        "api.example.test:8443   # trailing comment\n"
        "legacy.example.test:80\n"
        "*.blob.example.test sample=acct.blob.example.test\n"
        "*.queue.example.test\n"
        "\n"
        "198.51.100.0/24\n"
        "2001:db8::/32\n"
        "203.0.113.7";
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    assert_int_equal(
        allowlist_parse_buf(text, strlen(text), "lists/fw.txt", &p, &d), 0);
    check_good(p, "lists/fw.txt");
    assert_string_equal(p->name, "allowlist:fw.txt");
    assert_string_equal(p->title, "allowlist lists/fw.txt");
    profile_free(p);
}

static void test_allowlist_entry_kinds(void **state)
{
    const char *text =
        "  \t# indented comment\r\n"
        "HTTPS://Mixed.Case.TEST:443/Path?q\r\n"
        "[2001:db8::5]:8443\r\n"
        "198.51.100.9:443\r\n"
        "*.Blob.Core.Example sample=https://x.blob.core.example:8443/h\r\n"
        "*.q.example\tsample=y.q.example:80\r\n"
        "http://a.test/#no-comment-without-space\r\n";
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    /* '#' only starts a comment after white space: the URL keeps it and is
     * then rejected for its fragment, on its own line. */
    assert_int_equal(parse(text, &p, &d), NC_EPARSE);
    assert_int_equal(d.line, 7);
    assert_non_null(strstr(d.msg, "fragment"));

    assert_int_equal(
        allowlist_parse_buf(text, (size_t)(strstr(text, "http://a") - text),
                            "t", &p, &d),
        0);
    assert_int_equal(p->n_checks, 5);
    assert_string_equal(p->checks[0].url, "https://mixed.case.test/Path?q");
    assert_string_equal(p->checks[0].name,
                        "HTTPS://Mixed.Case.TEST:443/Path?q");
    assert_string_equal(p->checks[1].url, "https://[2001:db8::5]:8443/");
    assert_string_equal(p->checks[1].host, "2001:db8::5");
    assert_string_equal(p->checks[2].url, "https://198.51.100.9/");
    assert_string_equal(p->checks[3].name, "*.blob.core.example");
    assert_string_equal(p->checks[3].rule, "*.blob.core.example");
    assert_string_equal(p->checks[3].url, "https://x.blob.core.example:8443/h");
    assert_string_equal(p->checks[4].url, "http://y.q.example/");
    assert_int_equal(p->checks[4].line, 6);
    assert_int_equal(p->n_ranges, 0);
    assert_int_equal(p->checks[0].n_ranges, 0);
    profile_free(p);
}

static const struct fx_parse_err err_cases[] = {
    {"a.test\nnot a host\n", NC_EPARSE, 2, "unexpected 'a host' after 'not'"},
    {"a.test\n\n1.2.3.4/33\n", NC_EPARSE, 3, "invalid range '1.2.3.4/33'"},
    {"10.1.2.3/8\na.test\n", NC_EPARSE, 1,
     "invalid range '10.1.2.3/8': host bits set below the prefix (did you "
     "mean 10.0.0.0/8?)"},
    {"ftp://a.test/\n", NC_EPARSE, 1,
     "invalid url 'ftp://a.test/': unsupported scheme"},
    {"https://user@a.test/\n", NC_EPARSE, 1, "user info"},
    {"a.test:99999\n", NC_EPARSE, 1, "port out of range"},
    {"a_b!.test\n", NC_EPARSE, 1, "invalid entry 'a_b!.test'"},
    {"foo.*.test\n", NC_EPARSE, 1, "a wildcard must start the entry"},
    {"*.\n", NC_EPARSE, 1, "invalid wildcard '*.'"},
    {"*foo.test\n", NC_EPARSE, 1, "invalid wildcard '*foo.test'"},
    {"*.a.test sample=b.test\n", NC_EPARSE, 1,
     "sample host 'b.test' is not under"},
    {"*.a.test sample=a.test\n", NC_EPARSE, 1, "is not under '*.a.test'"},
    {"*.a.test example=x.a.test\n", NC_EPARSE, 1, "want *.domain sample=HOST"},
    {"*.a.test sample=x.a.test extra\n", NC_EPARSE, 1,
     "want *.domain sample=HOST"},
    {"*.a.test sample=\n", NC_EPARSE, 1, "invalid sample"},
    {"a.test\nb.test\nA.TEST:443\n", NC_EPARSE, 3,
     "duplicate entry 'A.TEST:443' (first at line 1)"},
    {"https://a.test/\na.test\n", NC_EPARSE, 2, "duplicate entry 'a.test'"},
    {"a.test\n*.x.test\n*.X.test sample=h.x.test\n", NC_EPARSE, 3,
     "duplicate entry '*.X.test' (first at line 2)"},
    {"a.test\n10.0.0.0/8\n10.0.0.0/8\n", NC_EPARSE, 3,
     "duplicate entry '10.0.0.0/8'"},
    {"a.test\nb.test\x01\n", NC_EPARSE, 2, "control character (0x01)"},
    {"# nothing\n10.0.0.0/8\n", NC_EPARSE, 0,
     "a pass with zero checks would verify nothing"},
    {"", NC_EPARSE, 0, "zero checks"},
};

static void test_allowlist_errors(void **state)
{
    (void)state;
    fx_parse_errors(allowlist_parse_buf, "fw.txt", err_cases,
                    sizeof(err_cases) / sizeof(err_cases[0]));
}

static void test_allowlist_file_errors(void **state)
{
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    assert_int_equal(
        allowlist_load_file(DATA("allowlist_ranges_only.txt"), &p, &d),
        NC_EPARSE);
    assert_null(p);
    assert_string_equal(d.file, DATA("allowlist_ranges_only.txt"));
    assert_non_null(strstr(d.msg, "zero checks would verify nothing"));

    assert_int_equal(allowlist_load_file(DATA("allowlist_dup.txt"), &p, &d),
                     NC_EPARSE);
    assert_int_equal(d.line, 3);
    assert_string_equal(d.msg,
                        "duplicate entry 'example.test:443' (first at line 1)");

    assert_int_equal(allowlist_load_file(DATA("missing.txt"), &p, &d), NC_EIO);
    assert_non_null(strstr(d.msg, "cannot open"));
}

static void test_allowlist_nul_and_long(void **state)
{
    enum { LONG = 20000 };
    static const char nul[] = "a.test\nb.te\0st\n";
    static char text[LONG + 64];
    struct nc_profile *p = NULL;
    struct nc_diag d;
    int n;

    (void)state;
    assert_int_equal(allowlist_parse_buf(nul, sizeof(nul) - 1, "t", &p, &d),
                     NC_EPARSE);
    assert_int_equal(d.line, 2);
    assert_non_null(strstr(d.msg, "control character (0x00)"));

    /* Lines of any length: a 20,000-byte comment, then an entry. */
    n = snprintf(text, sizeof(text), "# ");
    memset(text + n, 'c', LONG);
    (void)snprintf(text + n + LONG, sizeof(text) - (size_t)n - LONG,
                   "\na.test\n");
    assert_int_equal(parse(text, &p, &d), 0);
    assert_int_equal(p->n_checks, 1);
    assert_int_equal(p->checks[0].line, 2);
    profile_free(p);
}

static void test_allowlist_alloc_failures(void **state)
{
    const char *text = "https://login.example.test/\nportal.example.test\n"
                       "*.b.test sample=x.b.test\n*.q.test\n10.0.0.0/8\n";
    struct nc_profile *p;

    (void)state;
    p = fx_parse_alloc_failures(allowlist_parse_buf, text, strlen(text),
                                "fw.txt");
    assert_int_equal(p->n_checks, 4);
    profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allowlist_from_file),
        cmocka_unit_test(test_allowlist_from_string),
        cmocka_unit_test(test_allowlist_entry_kinds),
        cmocka_unit_test(test_allowlist_errors),
        cmocka_unit_test(test_allowlist_file_errors),
        cmocka_unit_test(test_allowlist_nul_and_long),
        cmocka_unit_test(test_allowlist_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
