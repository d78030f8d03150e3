/* winproxy_bypass.c: the Windows bypass list, table-driven like curl's
 * no_proxy test (unit1614). Rows follow .NET Framework's reading
 * (WebProxyDataBuilder.BypassStringEscape, WebProxy.IsMatchInBypassList). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "winproxy.h"

struct bp_case {
    const char *list;
    enum winproxy_dialect d;
    const char *scheme, *host;
    unsigned port;
    const char *entry; /* NULL: not bypassed */
};

#define N WINPROXY_NETFX
#define W WINPROXY_WININET

static const struct bp_case bp_cases[] = {
    /* exact names, case-insensitive, no suffix matching */
    {"corp.example", N, "https", "corp.example", 0, "corp.example"},
    {"CORP.example", N, "https", "corp.EXAMPLE", 0, "CORP.example"},
    {"corp.example", N, "https", "www.corp.example", 0, NULL},
    {".corp.example", N, "https", "www.corp.example", 0, NULL},
    {"corp.example", N, "https", "corp.example.evil", 0, NULL},
    /* wildcards anywhere */
    {"*.corp.example", N, "https", "www.corp.example", 0, "*.corp.example"},
    {"*.corp.example", N, "https", "corp.example", 0, NULL},
    {"*corp.example", N, "https", "notcorp.example", 0, "*corp.example"},
    {"login.*.com", N, "https", "login.microsoftonline.com", 0, "login.*.com"},
    {"*", N, "http", "anything.example", 0, "*"},
    {"10.*", N, "http", "10.1.2.3", 0, "10.*"},
    {"10.*", N, "http", "110.1.2.3", 0, NULL},
    /* no CIDR */
    {"10.0.0.0/8", N, "http", "10.1.2.3", 0, NULL},
    /* <local>: no dot; NETFX not for IPv6 */
    {"<local>", N, "http", "intranet", 0, "<local>"},
    {"<LOCAL>", N, "http", "intranet", 0, "<LOCAL>"},
    {"<local>", N, "http", "intranet.corp", 0, NULL},
    {"<local>", N, "http", "2001:db8::1", 0, NULL},
    {"<local>", W, "http", "2001:db8::1", 0, "<local>"},
    /* separators: NETFX only ';' (trimmed); WinHTTP also blanks */
    {"a.example; b.example", N, "https", "b.example", 0, "b.example"},
    {"a.example b.example", N, "https", "b.example", 0, NULL},
    {"a.example b.example", W, "https", "b.example", 0, "b.example"},
    {"a.example,b.example", N, "https", "b.example", 0, NULL},
    {";;a.example;", N, "https", "a.example", 0, "a.example"},
    {"", N, "https", "a.example", 0, NULL},
    /* scheme and port in an entry */
    {"https://a.example", N, "https", "a.example", 0, "https://a.example"},
    {"http://a.example", N, "https", "a.example", 0, NULL},
    {"a.example:8443", N, "https", "a.example", 8443, "a.example:8443"},
    {"a.example:8443", N, "https", "a.example", 0, NULL},
    {"a.example", N, "https", "a.example", 8443, "a.example"},
    {"a.example:443", N, "https", "a.example", 443, NULL},
    {"*://a.example", N, "http", "a.example", 0, "*://a.example"},
    /* IPv6 subjects are bracketed, as System.Uri.Host gives them */
    {"[2001:db8::1]", N, "https", "2001:db8::1", 0, "[2001:db8::1]"},
    {"2001:db8::1", N, "https", "2001:db8::1", 0, NULL},
    /* '?' and '.' are literal, not regex */
    {"a?example", N, "https", "abexample", 0, NULL},
    {"a.example", N, "https", "abexample", 0, NULL},
};

static void test_bypass_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bp_cases) / sizeof(bp_cases[0]); i++) {
        const struct bp_case *c = &bp_cases[i];
        char entry[128];
        bool m = winproxy_bypass_match(c->list, c->d, c->scheme, c->host,
                                       c->port, entry, sizeof(entry));

        if (m != (c->entry != NULL))
            fail_msg("row %zu: '%s' vs %s://%s: want %s", i, c->list, c->scheme,
                     c->host, c->entry ? "bypass" : "proxy");
        assert_string_equal(entry, c->entry ? c->entry : "");
        assert_int_equal(winproxy_bypass_match(c->list, c->d, c->scheme,
                                               c->host, c->port, NULL, 0),
                         m);
    }
}

static void test_bypass_entry_truncated(void **state)
{
    char entry[4];

    (void)state;
    assert_true(winproxy_bypass_match("*.corp.example", N, "https",
                                      "a.corp.example", 0, entry,
                                      sizeof(entry)));
    assert_string_equal(entry, "*.c");
}

struct glob_case {
    const char *pat, *text;
    bool m;
};

static void test_glob(void **state)
{
    static const struct glob_case g[] = {
        {"", "", true},     {"*", "", true},          {"a*", "a", true},
        {"*b", "ab", true}, {"a*b*c", "aXbYc", true}, {"a*b", "ab c", false},
        {"A", "a", true},   {"**a", "ba", true},      {"a", "", false},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(g) / sizeof(g[0]); i++)
        assert_int_equal(winproxy_glob(g[i].pat, strlen(g[i].pat), g[i].text,
                                       strlen(g[i].text)),
                         g[i].m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bypass_table),
        cmocka_unit_test(test_bypass_entry_truncated),
        cmocka_unit_test(test_glob),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
