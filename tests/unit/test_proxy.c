/* proxy.c and proxy_noproxy.c: proxy URLs, the NO_PROXY matcher (curl
 * 7.88.1's behaviour, each row checked against Debian's curl binary), which
 * variable curl reads, the environment warnings, and that no password ever
 * reaches text these functions write. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "env.h"
#include "nc.h"
#include "proxy.h"

#define SECRET "S3cr3tPw"

/* No 4-byte piece of SECRET, in any case, appears in text. */
static void assert_no_secret(const char *text, const char *input)
{
    size_t i, j, n = strlen(SECRET), tn = strlen(text);

    for (i = 0; i + 4 <= n; i++) {
        for (j = 0; j + 4 <= tn; j++) {
            size_t k;

            for (k = 0; k < 4; k++) {
                char a = text[j + k], b = SECRET[i + k];

                if (a >= 'A' && a <= 'Z')
                    a = (char)(a - 'A' + 'a');
                if (b >= 'A' && b <= 'Z')
                    b = (char)(b - 'A' + 'a');
                if (a != b)
                    break;
            }
            if (k == 4)
                fail_msg("'%s' leaks part of the password (input '%s')", text,
                         input);
        }
    }
}

/* ---- proxy_url_parse ---- */

struct url_case {
    const char *in;
    int rc;
    enum proxy_scheme scheme;
    const char *host;
    unsigned port;
    bool had_scheme, had_port;
    const char *user; /* NULL: has_user false */
    const char *pass; /* NULL: has_pass false */
    const char *why;  /* substring of the reason when rc != 0 */
};

#define OK(in, sch, host, port, hs, hp, user, pass)                            \
    {                                                                          \
        in, 0, PROXY_SCHEME_##sch, host, port, hs, hp, user, pass, NULL        \
    }
#define BAD(in, why)                                                           \
    {                                                                          \
        in, NC_EPARSE, PROXY_SCHEME_HTTP, NULL, 0, 0, 0, 0, 0, why             \
    }

static const struct url_case url_cases[] = {
    OK("proxy.corp:3128", HTTP, "proxy.corp", 3128, false, true, 0, 0),
    OK("proxy.corp", HTTP, "proxy.corp", 1080, false, false, 0, 0),
    OK("http://proxy.corp", HTTP, "proxy.corp", 1080, true, false, 0, 0),
    OK("http://proxy.corp/", HTTP, "proxy.corp", 1080, true, false, 0, 0),
    OK("HTTP://Proxy.CORP:8080/", HTTP, "proxy.corp", 8080, true, true, 0, 0),
    OK("https://proxy.corp", HTTPS, "proxy.corp", 443, true, false, 0, 0),
    OK("HTTPS://proxy.corp:8443", HTTPS, "proxy.corp", 8443, true, true, 0, 0),
    OK("socks4://s:1081", SOCKS4, "s", 1081, true, true, 0, 0),
    OK("socks4a://s", SOCKS4A, "s", 1080, true, false, 0, 0),
    OK("socks5://s", SOCKS5, "s", 1080, true, false, 0, 0),
    OK("SOCKS5H://s:9050", SOCKS5H, "s", 9050, true, true, 0, 0),
    OK("http://[::1]:3128", HTTP, "::1", 3128, true, true, 0, 0),
    OK("[2001:DB8:0::1]", HTTP, "2001:db8::1", 1080, false, false, 0, 0),
    OK("https://[::1]", HTTPS, "::1", 443, true, false, 0, 0),
    OK("10.0.0.1:8080", HTTP, "10.0.0.1", 8080, false, true, 0, 0),
    OK("proxy.corp.:3128", HTTP, "proxy.corp.", 3128, false, true, 0, 0),
    OK("my_proxy-1:3128", HTTP, "my_proxy-1", 3128, false, true, 0, 0),
    OK("http://proxy:00080", HTTP, "proxy", 80, true, true, 0, 0),
    OK("http://proxy:65535", HTTP, "proxy", 65535, true, true, 0, 0),
    OK("http://user:pass@proxy:3128", HTTP, "proxy", 3128, true, true, "user",
       "pass"),
    OK("http://us%40er:p%3Ass%2f@proxy:3128", HTTP, "proxy", 3128, true, true,
       "us@er", "p:ss/"),
    OK("user:pass@proxy:3128", HTTP, "proxy", 3128, false, true, "user",
       "pass"),
    OK("http://user@proxy", HTTP, "proxy", 1080, true, false, "user", 0),
    OK("http://user:@proxy", HTTP, "proxy", 1080, true, false, "user", ""),
    OK("http://:@proxy:3128", HTTP, "proxy", 3128, true, true, 0, ""),
    OK("http://u:p:q@proxy", HTTP, "proxy", 1080, true, false, "u", "p:q"),
    OK("http://DOM%5Cuser:p+w@proxy", HTTP, "proxy", 1080, true, false,
       "DOM\\user", "p+w"),
    /* libcurl reads inet_aton's legacy IPv4 forms as the address curl
     * connects to (check URLs agree: test_url.c). */
    OK("http://0x7f.1", HTTP, "127.0.0.1", 1080, true, false, 0, 0),
    OK("http://0x7f.0.0.1", HTTP, "127.0.0.1", 1080, true, false, 0, 0),
    OK("http://1.2.3", HTTP, "1.2.0.3", 1080, true, false, 0, 0),
    OK("010.0.0.1:80", HTTP, "8.0.0.1", 80, false, true, 0, 0),
    OK("socks5h://u:p@0X7F.1:9050", SOCKS5H, "127.0.0.1", 9050, true, true, "u",
       "p"),
    OK("http://3221226219:3128", HTTP, "192.0.2.235", 3128, true, true, 0, 0),
    OK("http://0x100.corp", HTTP, "0x100.corp", 1080, true, false, 0, 0),
    BAD("", "empty proxy URL"),
    BAD("http://", "no host"),
    BAD("http://:3128", "host name is empty"),
    BAD("http://user:pass@", "no host"),
    BAD("ftp://proxy", "unknown proxy scheme 'ftp'"),
    BAD("socks6://proxy", "unknown proxy scheme 'socks6'"),
    BAD("1http://proxy", "malformed scheme"),
    BAD("://proxy", "malformed scheme"),
    BAD("http:/proxy", "expected '://'"),
    BAD("htt p://x", "white space"),
    BAD(" proxy", "white space"),
    BAD("proxy:3128 ", "white space"),
    BAD("proxy\n", "control character"),
    BAD("http://proxy:0", "bad proxy port '0'"),
    BAD("http://proxy:65536", "bad proxy port '65536'"),
    BAD("http://proxy:99999999999", "bad proxy port"),
    BAD("http://proxy:", "empty port"),
    BAD("http://proxy:80a", "bad proxy port '80a'"),
    BAD("http://proxy:-1", "bad proxy port '-1'"),
    BAD("http://proxy:3128/path", "path '/path'"),
    BAD("http://proxy:3128//", "path '//'"),
    BAD("proxy:3128/x", "curl ignores it"),
    BAD("http://proxy:3128?x=1", "query or fragment '?x=1'"),
    BAD("http://proxy#frag", "query or fragment"),
    BAD("http://[::1", "unclosed '['"),
    BAD("http://[zz]:1", "'[zz]' is not an IPv6 address"),
    BAD("http://[1.2.3.4]:1", "not an IPv6 address"),
    BAD("http://[]:1", "not an IPv6 address"),
    BAD("http://[::1]x", "unexpected text after ']'"),
    BAD("http://::1:3128", "write it in brackets"),
    BAD("fe80::1", "write it in brackets"),
    BAD("http://a..b", "empty label"),
    BAD("http://.a", "empty label"),
    BAD("http://a..", "empty label"),
    BAD("http://a!b:1", "invalid character '!'"),
    BAD("http://a%2eb", "invalid character '%'"),
    BAD("http://pr\xc3\xb8xy", "non-ASCII"),
    BAD("http://256.1.1.1", "not an IPv4 address"),
    BAD("http://1.2.3.4.5", "'1.2.3.4.5' is not an IPv4 address"),
    BAD("http://09.1.1.1:80", "'09.1.1.1' is not an IPv4 address"),
    BAD("socks5://0x100000000", "'0x100000000' is not an IPv4 address"),
    BAD("http://1.2.3.4.:80", "'1.2.3.4.' is not an IPv4 address"),
    BAD("user:pass://proxy", "malformed scheme"),
    BAD("http://u:p@ss@host", "unencoded '@'"),
    BAD("http://u:pa/ss@host", "unencoded '@'"),
    BAD("http://u:pa?ss@host", "%3F"),
    BAD("http://u%zz@h", "bad percent-encoding in the proxy user name"),
    BAD("http://u:p%4@h", "bad percent-encoding in the proxy password"),
    BAD("http://u:p%@h", "bad percent-encoding in the proxy password"),
    BAD("http://u:p%00@h", "password contains %00"),
};

static void test_url_parse_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(url_cases) / sizeof(url_cases[0]); i++) {
        const struct url_case *t = &url_cases[i];
        struct proxy_url u, untouched;
        char why[256] = "";
        int rc;

        memset(&u, 0x5a, sizeof(u));
        untouched = u;
        rc = proxy_url_parse(t->in, &u, why, sizeof(why));
        if (rc != t->rc)
            fail_msg("'%s': rc %d, want %d (%s)", t->in, rc, t->rc, why);
        if (rc != 0) {
            if (strstr(why, t->why) == NULL)
                fail_msg("'%s': reason '%s' lacks '%s'", t->in, why, t->why);
            /* Out-parameters are written only on success. */
            assert_memory_equal(&u, &untouched, sizeof(u));
            /* git style: no capital first, the subject may be quoted */
            if (!(why[0] >= 'a' && why[0] <= 'z') && why[0] != '\'')
                fail_msg("'%s': reason '%s' starts badly", t->in, why);
            /* The quiet form fails the same way. */
            assert_int_equal(proxy_url_parse(t->in, &u, NULL, 0), NC_EPARSE);
            continue;
        }
        if (u.scheme != t->scheme || strcmp(u.host, t->host) != 0 ||
            u.port != t->port || u.had_scheme != t->had_scheme ||
            u.had_port != t->had_port)
            fail_msg("'%s': got %s://%s:%u scheme %d port %d", t->in,
                     proxy_scheme_name(u.scheme), u.host, u.port, u.had_scheme,
                     u.had_port);
        assert_int_equal(u.has_user, t->user != NULL);
        if (t->user != NULL)
            assert_string_equal(u.user, t->user);
        assert_int_equal(u.has_pass, t->pass != NULL);
        if (t->pass != NULL)
            assert_string_equal(u.pass, t->pass);
        proxy_url_wipe(&u);
    }
}

/* Inputs at the parser's limits: prefix, then piece repeated times, then
 * suffix. */
static const struct {
    const char *name;
    const char *prefix, *piece;
    size_t times;
    const char *suffix;
    int rc;
    const char *why; /* in the reason when rc != 0 */
    size_t host_len; /* when rc == 0 and not 0 */
    size_t user_len; /* when rc == 0 and not 0 */
} limit_cases[] = {
    /* A 63-byte label and a 253-byte name are fine; one more is not. */
    {"63-byte label", "", "a", 63, ".corp", 0, NULL, 68, 0},
    {"64-byte label", "", "a", 64, ".corp", NC_EPARSE, "longer than 63", 0, 0},
    {"253-byte name", "", "a.", 126, "b", 0, NULL, 253, 0},
    {"254-byte name", "", "a.", 126, "bb", NC_EPARSE, "longer than 253", 0, 0},
    /* 255 decoded bytes of user name fit, 256 do not; %41 counts once. */
    {"255-byte user", "http://", "%41", 255, "@p", 0, NULL, 0, 255},
    {"256-byte user", "http://", "%41", 256, "@p", NC_EPARSE,
     "user name is longer than 255", 0, 0},
    {"2999 bytes", "", "a", 2999, "", NC_EPARSE, "longer than 2048", 0, 0},
};

static void test_url_parse_limits(void **state)
{
    char in[3000], why[256];
    struct proxy_url u;
    size_t i, j, n;

    (void)state;
    for (i = 0; i < sizeof(limit_cases) / sizeof(limit_cases[0]); i++) {
        print_message("case: %s\n", limit_cases[i].name);
        n = strlen(limit_cases[i].prefix);
        memcpy(in, limit_cases[i].prefix, n);
        for (j = 0; j < limit_cases[i].times; j++) {
            size_t k = strlen(limit_cases[i].piece);

            assert_true(n + k < sizeof(in));
            memcpy(in + n, limit_cases[i].piece, k);
            n += k;
        }
        assert_true(n + strlen(limit_cases[i].suffix) < sizeof(in));
        memcpy(in + n, limit_cases[i].suffix,
               strlen(limit_cases[i].suffix) + 1);
        why[0] = '\0';
        assert_int_equal(proxy_url_parse(in, &u, why, sizeof(why)),
                         limit_cases[i].rc);
        if (limit_cases[i].rc != 0) {
            assert_non_null(strstr(why, limit_cases[i].why));
            continue;
        }
        if (limit_cases[i].host_len != 0)
            assert_int_equal(strlen(u.host), limit_cases[i].host_len);
        if (limit_cases[i].user_len != 0)
            assert_int_equal(strlen(u.user), limit_cases[i].user_len);
        proxy_url_wipe(&u);
    }
    assert_int_equal(proxy_url_parse(NULL, &u, why, sizeof(why)), NC_EPARSE);
    /* A short why buffer is cut, never overrun. */
    why[2] = 'X';
    assert_int_equal(proxy_url_parse("ftp://x", &u, why, 2), NC_EPARSE);
    assert_string_equal(why, "u");
    assert_int_equal(why[2], 'X');
}

/* Every error later in a string that holds a password: the reason names
 * what is wrong without quoting any piece of the password. */
static void test_url_why_never_has_password(void **state)
{
    static const char *const inputs[] = {
        "http://user:" SECRET "@proxy:99999",
        "http://user:" SECRET "@proxy:",
        "http://user:" SECRET "@proxy/path",
        "http://user:" SECRET "@proxy:3128?q=1",
        "http://user:" SECRET "@pr!oxy:3128",
        "http://user:" SECRET "@",
        "http://user:" SECRET "@@proxy",
        "http://user:" SECRET "/x@proxy",
        "http://user:" SECRET "?x@proxy",
        "http://user:" SECRET "#x@proxy",
        "http://user:" SECRET "%zz@proxy",
        "http://user:" SECRET "%00@proxy",
        "http://user:" SECRET "@[::1",
        "http://user:" SECRET "@[zz]",
        "http://user:" SECRET "@::1:80",
        "http://user:" SECRET "@1.2.3.4.5",
        "http://user:" SECRET "@a..b",
        "ftp://user:" SECRET "@proxy",
        "user:" SECRET "://proxy",
        "user:" SECRET "@proxy:0",
        "user:" SECRET ":/proxy",
        "http://" SECRET "@proxy:x",
        "http://user:" SECRET " @proxy",
        "http://user:" SECRET "@proxy:3128/x",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        struct proxy_url u;
        char why[256] = "";

        if (proxy_url_parse(inputs[i], &u, why, sizeof(why)) == 0)
            fail_msg("'%s' was accepted", inputs[i]);
        assert_true(why[0] != '\0');
        assert_no_secret(why, inputs[i]);
    }
}

/* ---- proxy_url_format and proxy_url_wipe ---- */

struct format_case {
    const char *in;
    const char *plain, *with_user;
};

static const struct format_case format_cases[] = {
    {"proxy.corp", "http://proxy.corp:1080", "http://proxy.corp:1080"},
    {"HTTPS://P:8443/", "https://p:8443", "https://p:8443"},
    {"socks5h://u:" SECRET "@s", "socks5h://s:1080", "socks5h://u@s:1080"},
    {"http://us%40er:" SECRET "@[::1]:3128", "http://[::1]:3128",
     "http://us%40er@[::1]:3128"},
    {"http://DOM%5Cu%20x~y:" SECRET "@p:80", "http://p:80",
     "http://DOM%5Cu%20x~y@p:80"},
    {"http://:" SECRET "@p:80", "http://p:80", "http://p:80"},
    {"http://a.b-c_d:@p:80", "http://p:80", "http://a.b-c_d@p:80"},
};

static void test_url_format(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(format_cases) / sizeof(format_cases[0]); i++) {
        const struct format_case *t = &format_cases[i];
        struct proxy_url u, again;
        char buf[600], why[256];

        if (proxy_url_parse(t->in, &u, why, sizeof(why)) != 0)
            fail_msg("'%s': %s", t->in, why);
        proxy_url_format(&u, false, buf, sizeof(buf));
        assert_string_equal(buf, t->plain);
        assert_no_secret(buf, t->in);
        proxy_url_format(&u, true, buf, sizeof(buf));
        assert_string_equal(buf, t->with_user);
        assert_no_secret(buf, t->in);
        /* What we print parses back to the same proxy and user. */
        assert_int_equal(proxy_url_parse(buf, &again, why, sizeof(why)), 0);
        assert_int_equal(again.scheme, u.scheme);
        assert_string_equal(again.host, u.host);
        assert_int_equal(again.port, u.port);
        assert_string_equal(again.user, u.user);
        assert_false(again.has_pass);
        proxy_url_wipe(&u);
    }
}

static void test_url_format_small_buffer(void **state)
{
    struct proxy_url u;
    char buf[12];

    (void)state;
    assert_int_equal(
        proxy_url_parse("http://a:" SECRET "@proxy.corp:3128", &u, NULL, 0), 0);
    memset(buf, 'X', sizeof(buf));
    proxy_url_format(&u, true, buf, 8);
    assert_string_equal(buf, "http://");
    assert_int_equal(buf[8], 'X');
    proxy_url_format(&u, true, buf, 0); /* no write at all */
    assert_int_equal(buf[0], 'h');
    proxy_url_wipe(&u);
}

static void test_url_wipe(void **state)
{
    struct proxy_url u;
    size_t i;

    (void)state;
    assert_int_equal(
        proxy_url_parse("http://admin:" SECRET "@p:3128", &u, NULL, 0), 0);
    assert_string_equal(u.pass, SECRET);
    proxy_url_wipe(&u);
    for (i = 0; i < sizeof(u.pass); i++)
        assert_int_equal(u.pass[i], 0);
    for (i = 0; i < sizeof(u.user); i++)
        assert_int_equal(u.user[i], 0);
    assert_false(u.has_user);
    assert_false(u.has_pass);
    assert_string_equal(u.host, "p"); /* the address stays usable */
    assert_int_equal(u.port, 3128);
    proxy_url_wipe(NULL);
}

static void test_scheme_names(void **state)
{
    static const struct {
        enum proxy_scheme s;
        const char *name;
    } cases[] = {
        {PROXY_SCHEME_HTTP, "http"},     {PROXY_SCHEME_HTTPS, "https"},
        {PROXY_SCHEME_SOCKS4, "socks4"}, {PROXY_SCHEME_SOCKS4A, "socks4a"},
        {PROXY_SCHEME_SOCKS5, "socks5"}, {PROXY_SCHEME_SOCKS5H, "socks5h"},
        {PROXY_SCHEME_MAX, "?"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_string_equal(proxy_scheme_name(cases[i].s), cases[i].name);
}

/* ---- proxy_noproxy_match: modelled on curl's unit1614 ---- */

struct np_case {
    const char *host;
    const char *list;
    bool match;
    const char *entry; /* the entry reported when match */
};

/* 127 bytes; with a dot, 128: too long for curl's checkip[128] */
#define LONG127                                                                \
    "127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1."   \
    "127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1.127.0.0.1.127.0.0"

static const struct np_case np_cases[] = {
    /* curl's unit1614 rows (7.87+ tail matching) */
    {"www.example.com", "localhost,.example.com,.example.de", 1,
     ".example.com"},
    {"www.example.com.", "localhost,.example.com,.example.de", 1,
     ".example.com"},
    {"example.com", "localhost,.example.com,.example.de", 1, ".example.com"},
    {"example.com.", "localhost,.example.com,.example.de", 1, ".example.com"},
    {"www.example.com", "localhost,.example.com.,.example.de", 1,
     ".example.com."},
    {"www.example.com", "localhost,www.example.com.,.example.de", 1,
     "www.example.com."},
    {"example.com", "localhost,example.com,.example.de", 1, "example.com"},
    {"example.com.", "localhost,example.com,.example.de", 1, "example.com"},
    {"www.example.com", "localhost,example.com,.example.de", 1, "example.com"},
    {"127.0.0.1", "127.0.0.1,localhost", 1, "127.0.0.1"},
    {"127.0.0.1", "127.0.0.1,localhost,", 1, "127.0.0.1"},
    {"127.0.0.1", "127.0.0.1/8,localhost,", 1, "127.0.0.1/8"},
    {"127.0.0.1", "127.0.0.1/28,localhost,", 1, "127.0.0.1/28"},
    {"127.0.0.1", "127.0.0.1/31,localhost,", 1, "127.0.0.1/31"},
    {"127.0.0.1", "localhost,127.0.0.1", 1, "127.0.0.1"},
    {"127.0.0.1", "localhost," LONG127 ".", 0, NULL},
    {"127.0.0.1", "localhost," LONG127, 0, NULL},
    {"localhost", "localhost,127.0.0.1", 1, "localhost"},
    {"localhost", "127.0.0.1,localhost", 1, "localhost"},
    {"foobar", "barfoo", 0, NULL},
    {"foobar", "foobar", 1, "foobar"},
    {"192.168.0.1", "foobar", 0, NULL},
    {"192.168.0.1", "192.168.0.0/16", 1, "192.168.0.0/16"},
    {"192.168.0.1", "192.168.0.0/24", 1, "192.168.0.0/24"},
    {"192.168.0.1", "192.168.0.0/32", 0, NULL},
    {"192.168.0.1", "192.168.0.0", 0, NULL},
    {"192.168.1.1", "192.168.0.0/24", 0, NULL},
    {"192.168.1.1", "foo, bar, 192.168.0.0/24", 0, NULL},
    {"192.168.1.1", "foo, bar, 192.168.0.0/16", 1, "192.168.0.0/16"},
    {"::1", "foo, bar, 192.168.0.0/16", 0, NULL},
    {"bar", "foo, bar, ::1/64", 1, "bar"},
    {"BAr", "foo, bar, ::1/64", 1, "bar"},
    {"BAr", "foo,,,,,              bar, ::1/64", 1, "bar"},
    {"www.example.com", "foo, .example.com", 1, ".example.com"},
    {"www.example.com", "www2.example.com, .example.net", 0, NULL},
    {"example.com", ".example.com, .example.net", 1, ".example.com"},
    {"nonexample.com", ".example.com, .example.net", 0, NULL},
    /* separators: blanks split entries in 7.88, newlines do not */
    {"bar", "foo bar", 1, "bar"},
    {"foo", "foo bar", 1, "foo"},
    {"bar", "foo\tbar", 1, "bar"},
    {"bar", "foo , , bar", 1, "bar"},
    {"baz", "foo bar,baz", 1, "baz"},
    {"bar", "foo;bar", 0, NULL},
    {"bar", "bar\n", 0, NULL},
    {"bar", "foo\nbar", 0, NULL},
    {"bar", ",bar", 1, "bar"},
    {"a", ",,,,", 0, NULL},
    /* '*' only as the whole list; "*.dom" is literal text */
    {"x.com", "*", 1, "*"},
    {"10.1.2.3", "*", 1, "*"},
    {"x.com", "*,foo", 0, NULL},
    {"x.com", " *", 0, NULL},
    {"x.com", "*,", 0, NULL},
    {"x.com", "*,*", 0, NULL},
    {"foo", "foo*", 0, NULL},
    {"www.example.com", "*.example.com", 0, NULL},
    {"example.com", "*.example.com", 0, NULL},
    /* label boundary, dots, case */
    {"a.b", "a", 0, NULL},
    {"a.b", "b", 1, "b"},
    {"a.b", "x.b", 0, NULL},
    {"example.com", "ample.com", 0, NULL},
    {"example.com", "com", 1, "com"},
    {"example.com", ".", 0, NULL},
    {"a", "..", 0, NULL},
    {"a.b", "a.b..", 0, NULL},
    {"a.b", "..a.b", 0, NULL},
    {"x.a.b", "..a.b", 0, NULL},
    {"x.a.b", ".a.b.", 1, ".a.b."},
    {"A.B.", "a.b", 1, "a.b"},
    {"Ex.COM", "ex.com", 1, "ex.com"},
    {"localhost", "LOCALHOST.", 1, "LOCALHOST."},
    {".example.com", "example.com", 1, "example.com"},
    /* ports are never supported */
    {"example.com", "example.com:80", 0, NULL},
    {"127.0.0.5", "127.0.0.5:9", 0, NULL},
    /* IPv4 hosts: addresses and CIDR with curl's atoi reading */
    {"127.0.0.5", "127.0.0.0/8", 1, "127.0.0.0/8"},
    {"127.0.0.5", "127.0.0.5", 1, "127.0.0.5"},
    {"127.0.0.5", "127.0.0.0", 0, NULL},
    {"127.0.0.5", "127.0.0.1/24", 1, "127.0.0.1/24"},
    {"127.0.0.5", "127.0.0.0/0", 0, NULL},
    {"127.0.0.5", "127.0.0.5/0", 1, "127.0.0.5/0"},
    {"127.0.0.5", "0.0.0.0/0", 0, NULL},
    {"127.0.0.5", "127.0.0.0/33", 0, NULL},
    {"127.0.0.5", "127/8", 0, NULL},
    {"127.0.0.5", "127.0.0.5/x", 1, "127.0.0.5/x"},
    {"127.0.0.5", "127.0.0.5/-1", 0, NULL},
    {"127.0.0.5", "127.0.0.0/-0", 0, NULL},
    {"127.0.0.5", "127.0.0.0/+8", 1, "127.0.0.0/+8"},
    {"127.0.0.5", "127.0.0.0/0x8", 0, NULL},
    {"127.0.0.5", "127.0.0.0/08", 1, "127.0.0.0/08"},
    {"127.0.0.5", "127.0.0.0/8/9", 1, "127.0.0.0/8/9"},
    {"127.0.0.5", "127.0.0.0//8", 0, NULL},
    {"127.0.0.5", "127.0.0.0/ 8", 0, NULL},
    {"127.0.0.5", "127.0.0.0/8\n", 1, "127.0.0.0/8\n"},
    {"127.0.0.5", "127.0.0.0/4294967304", 1, "127.0.0.0/4294967304"},
    {"127.1.0.5", "127.0.0.0/4294967304", 1, "127.0.0.0/4294967304"},
    {"127.0.0.5", "localhost", 0, NULL},
    {"127.0.0.5", "0.0.5", 0, NULL},
    {"127.0.0.5", "127.000.000.005", 0, NULL},
    {"127.0.0.5", "0x7f.0.0.5", 0, NULL},
    {"127.0.0.5", "::ffff:127.0.0.5", 0, NULL},
    {"127.0.0.5", "foo 127.0.0.5", 1, "127.0.0.5"},
    /* IPv6 hosts: compared as text, the way libcurl 7.88 passes them */
    {"::1", "::1", 1, "::1"},
    {"[::1]", "::1", 1, "::1"},
    {"::1", "[::1]", 0, NULL},
    {"::1", "::1/128", 0, NULL},
    {"::1", "::1/64", 0, NULL},
    {"::1", "::/0", 0, NULL},
    {"::1", "0:0::1", 0, NULL},
    {"0:0::1", "::1", 1, "::1"},
    {"0:0:0:0:0:0:0:1", "::1", 1, "::1"},
    {"2001:DB8:0:0:0:0:0:1", "2001:db8::1", 1, "2001:db8::1"},
    {"2001:db8::1", "2001:db8::/32", 0, NULL},
    {"::abcd", "::ABCD", 1, "::ABCD"},
    {"::ffff:7f00:5", "::ffff:127.0.0.5", 0, NULL},
    {"::ffff:127.0.0.5", "::ffff:127.0.0.5", 1, "::ffff:127.0.0.5"},
    {"::ffff:127.0.0.5", "127.0.0.5", 0, NULL},
    {"::1", "1", 0, NULL},
    {"::127.0.0.1", "0.1", 1, "0.1"},
    {"::1", "::1.", 1, "::1."},
    /* nothing to match */
    {"example.com", "", 0, NULL},
    {"", "example.com", 0, NULL},
    {"[]", "*,x", 0, NULL},
    {"example.com", "  ,  ", 0, NULL},
};

static void test_noproxy_table(void **state)
{
    size_t i;

    (void)state;
    assert_true(sizeof(np_cases) / sizeof(np_cases[0]) >= 60);
    for (i = 0; i < sizeof(np_cases) / sizeof(np_cases[0]); i++) {
        const struct np_case *t = &np_cases[i];
        char entry[160];
        bool m;

        memset(entry, 'X', sizeof(entry));
        m = proxy_noproxy_match(t->list, t->host, entry, sizeof(entry));
        if (m != t->match)
            fail_msg("row %zu: '%s' in '%s' should %smatch", i, t->host,
                     t->list, t->match ? "" : "not ");
        assert_string_equal(entry, t->match ? t->entry : "");
        /* Without an entry buffer the answer is the same. */
        assert_int_equal(proxy_noproxy_match(t->list, t->host, NULL, 0), m);
    }
}

static void test_noproxy_entry_buffer(void **state)
{
    char entry[6];

    (void)state;
    memset(entry, 'X', sizeof(entry));
    assert_true(
        proxy_noproxy_match("a, .example.com", "www.example.com", entry, 4));
    assert_string_equal(entry, ".ex");
    assert_int_equal(entry[4], 'X');
    assert_true(proxy_noproxy_match("*", "x", entry, 1));
    assert_string_equal(entry, "");
    assert_false(proxy_noproxy_match(NULL, "x", entry, sizeof(entry)));
    assert_false(proxy_noproxy_match("x", NULL, entry, sizeof(entry)));
}

/* ---- proxy_env_choose ---- */

static void env_fill(struct nc_env *env, const char *const *vars)
{
    size_t i;

    memset(env, 0, sizeof(*env));
    for (i = 0; vars[i] != NULL; i++)
        assert_int_equal(env_put(env, vars[i]), 0);
}

struct choose_case {
    const char *vars[6];
    bool https;
    const char *var, *value, *npvar, *np;
};

static const struct choose_case choose_cases[] = {
    {{"http_proxy=http://a:1", NULL},
     false,
     "http_proxy",
     "http://a:1",
     NULL,
     NULL},
    {{"HTTP_PROXY=http://a:1", NULL}, false, NULL, NULL, NULL, NULL},
    {{"HTTP_PROXY=http://a:1", "ALL_PROXY=b:2", NULL},
     false,
     "ALL_PROXY",
     "b:2",
     NULL,
     NULL},
    {{"http_proxy=", "all_proxy=c:3", "ALL_PROXY=d:4", NULL},
     false,
     "all_proxy",
     "c:3",
     NULL,
     NULL},
    {{"https_proxy=e:5", "HTTPS_PROXY=f:6", NULL},
     true,
     "https_proxy",
     "e:5",
     NULL,
     NULL},
    {{"https_proxy=", "HTTPS_PROXY=f:6", NULL},
     true,
     "HTTPS_PROXY",
     "f:6",
     NULL,
     NULL},
    {{"http_proxy=a:1", "all_proxy=c:3", NULL},
     true,
     "all_proxy",
     "c:3",
     NULL,
     NULL},
    {{"https_proxy=e:5", NULL}, false, NULL, NULL, NULL, NULL},
    {{"ALL_PROXY=d:4", "no_proxy=x", "NO_PROXY=y", NULL},
     true,
     "ALL_PROXY",
     "d:4",
     "no_proxy",
     "x"},
    {{"no_proxy=", "NO_PROXY=y", NULL}, true, NULL, NULL, "NO_PROXY", "y"},
    {{"Http_Proxy=a:1", "No_Proxy=z", NULL}, false, NULL, NULL, NULL, NULL},
    {{NULL}, true, NULL, NULL, NULL, NULL},
};

static void test_env_choose(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(choose_cases) / sizeof(choose_cases[0]); i++) {
        const struct choose_case *t = &choose_cases[i];
        struct proxy_env_choice c;
        struct nc_env env;

        env_fill(&env, t->vars);
        memset(&c, 0x5a, sizeof(c));
        proxy_env_choose(&env, t->https, &c);
        if (t->var == NULL) {
            assert_null(c.var);
            assert_null(c.value);
        } else {
            assert_non_null(c.var);
            assert_string_equal(c.var, t->var);
            assert_string_equal(c.value, t->value);
        }
        if (t->npvar == NULL) {
            assert_null(c.noproxy_var);
            assert_null(c.noproxy);
        } else {
            assert_string_equal(c.noproxy_var, t->npvar);
            assert_string_equal(c.noproxy, t->np);
        }
        env_release(&env);
    }
}

/* ---- proxy_env_warn, proxy_noproxy_warn, proxy_warn ---- */

struct warn_case {
    const char *vars[6];
    size_t n;            /* warnings expected */
    const char *want[3]; /* each in some warning */
};

static const struct warn_case warn_cases[] = {
    /* clean settings: nothing to say */
    {{"http_proxy=http://p:3128", "https_proxy=http://p:3128",
      "no_proxy=localhost,127.0.0.1,::1,example.com,10.1.2.3", NULL},
     0,
     {NULL}},
    {{"http_proxy=http://p:3128", "HTTP_PROXY=http://p:3128", "no_proxy=*",
      "NO_PROXY=*", NULL},
     0,
     {NULL}},
    {{"https_proxy=https://p", "all_proxy=socks5h://s", NULL}, 0, {NULL}},
    {{NULL}, 0, {NULL}},
    /* uppercase HTTP_PROXY alone */
    {{"HTTP_PROXY=http://p:3128", NULL},
     1,
     {"uppercase HTTP_PROXY (http://p:3128) is ignored by curl",
      "Go and Python use it"}},
    {{"HTTP_PROXY=http://p:3128", "http_proxy=", NULL}, 1, {"HTTP_PROXY"}},
    /* no scheme, no port */
    {{"https_proxy=proxy.corp:8080", NULL},
     1,
     {"proxy in https_proxy has no scheme",
      "reads it as http://proxy.corp:8080"}},
    {{"http_proxy=proxy.corp", NULL},
     1,
     {"proxy in http_proxy has neither scheme nor port",
      "http://proxy.corp:1080", "Go and Python use port 80"}},
    {{"ALL_PROXY=http://proxy.corp", NULL},
     1,
     {"proxy in ALL_PROXY names no port", "port 1080", "not 80, 3128 or 8080"}},
    {{"http_proxy=http://p:3128/x", NULL},
     1,
     {"proxy in http_proxy is not a usable URL: path '/x'"}},
    /* lowercase and uppercase differ */
    {{"http_proxy=http://a:3128", "HTTP_PROXY=http://b:3128", NULL},
     1,
     {"http_proxy (http://a:3128) and HTTP_PROXY (http://b:3128) differ",
      "Go uses HTTP_PROXY"}},
    {{"https_proxy=http://a:3128", "HTTPS_PROXY=b:3128", NULL},
     2,
     {"https_proxy (http://a:3128) and HTTPS_PROXY (http://b:3128) differ",
      "HTTPS_PROXY has no scheme"}},
    {{"all_proxy=http://a:1", "ALL_PROXY=http://b:1", NULL},
     1,
     {"all_proxy (http://a:1) and ALL_PROXY (http://b:1) differ"}},
    {{"https_proxy=http://u:x@a:1", "HTTPS_PROXY=http://u:y@a:1", NULL},
     1,
     {"differ in their credentials"}},
    {{"no_proxy=a", "NO_PROXY=b", NULL},
     1,
     {"no_proxy and NO_PROXY differ: curl and Python use no_proxy, Go uses "
      "NO_PROXY"}},
    /* NO_PROXY entries read differently */
    {{"no_proxy=*.corp.example", NULL},
     1,
     {"entry '*.corp.example' in no_proxy never matches in curl or Python",
      "Go matches every subdomain"}},
    {{"NO_PROXY=.corp.example,.b,.c", NULL},
     1,
     {"entry '.corp.example' (and 2 more) in NO_PROXY also matches the domain "
      "itself in curl and Python but only its subdomains in Go"}},
    {{"no_proxy=host:8080,[::1]:443, 10.0.0.1:80", NULL},
     1,
     {"entry 'host:8080' (and 2 more) in no_proxy has a port",
      "curl never matches it"}},
    {{"no_proxy=10.0.0.0/8", NULL},
     1,
     {"entry '10.0.0.0/8' in no_proxy is a range", "Python never does"}},
    {{"no_proxy=0.0.0.0/0", NULL},
     1,
     {"is a /0 range: curl 7.88 reads it as the single address"}},
    {{"no_proxy=2001:db8::/32", NULL},
     1,
     {"entry '2001:db8::/32' in no_proxy is an IPv6 range", "never matches"}},
    {{"no_proxy=[::1]", NULL},
     1,
     {"entry '[::1]' in no_proxy never matches in curl or Go"}},
    {{"no_proxy=0:0::1", NULL},
     1,
     {"entry '0:0::1' in no_proxy is not spelled the way curl spells"}},
    {{"no_proxy=a b,c", NULL},
     1,
     {"entry 'a b' in no_proxy holds blanks", "curl splits it"}},
    {{"no_proxy=localhost,*", NULL},
     1,
     {"entry '*' in no_proxy stands among other entries",
      "Go bypasses the proxy for every host"}},
    {{"no_proxy= * ", NULL}, 1, {"entry '*' in no_proxy stands among"}},
    {{"no_proxy=http://admin:" SECRET "@proxy:3128", NULL},
     1,
     {"entry '...@proxy:3128' in no_proxy looks like a URL"}},
    /* both lists differ: each is read, and they are said to differ */
    {{"no_proxy=.a", "NO_PROXY=.b", NULL},
     3,
     {"no_proxy and NO_PROXY differ", "entry '.a' in no_proxy",
      "entry '.b' in NO_PROXY"}},
    {{"no_proxy=.a", "NO_PROXY=.a", NULL}, 1, {"entry '.a' in no_proxy"}},
};

static void test_env_warn_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(warn_cases) / sizeof(warn_cases[0]); i++) {
        const struct warn_case *t = &warn_cases[i];
        struct proxy_warnings w;
        struct nc_env env;
        size_t j, k;

        env_fill(&env, t->vars);
        memset(&w, 0, sizeof(w));
        proxy_env_warn(&env, &w);
        if (w.n != t->n) {
            for (j = 0; j < w.n; j++)
                fprintf(stderr, "  warning: %s\n", w.text[j]);
            fail_msg("case %zu: %zu warnings, want %zu", i, w.n, t->n);
        }
        for (k = 0; k < 3 && t->want[k] != NULL; k++) {
            for (j = 0; j < w.n; j++) {
                if (strstr(w.text[j], t->want[k]) != NULL)
                    break;
            }
            if (j == w.n)
                fail_msg("case %zu: no warning says '%s' (first: '%s')", i,
                         t->want[k], w.n > 0 ? w.text[0] : "");
        }
        for (j = 0; j < w.n; j++) {
            /* git style: lowercase start, no full stop at the end */
            assert_true(w.text[j][0] >= 'a' && w.text[j][0] <= 'z');
            assert_true(w.text[j][strlen(w.text[j]) - 1] != '.');
            assert_no_secret(w.text[j], t->vars[0]);
        }
        env_release(&env);
    }
}

/* Passwords in every proxy variable, with every kind of trap around them:
 * no warning quotes any of them. */
static void test_env_warn_never_has_password(void **state)
{
    static const char *const vars[] = {
        "http_proxy=http://u:" SECRET "@a",
        "HTTP_PROXY=u:" SECRET "@b:1",
        "https_proxy=http://u:" SECRET "@c:1/path",
        "HTTPS_PROXY=http://u:" SECRET "x@c:1",
        "all_proxy=http://u:" SECRET "@d:0",
        "ALL_PROXY=ftp://u:" SECRET "@e",
        "no_proxy=u:" SECRET "@f:1,*.g",
        "NO_PROXY=http://u:" SECRET "@h, [::1]",
        NULL,
    };
    struct proxy_warnings w;
    struct nc_env env;
    size_t j;

    (void)state;
    env_fill(&env, vars);
    memset(&w, 0, sizeof(w));
    proxy_env_warn(&env, &w);
    assert_true(w.n >= 10);
    for (j = 0; j < w.n; j++)
        assert_no_secret(w.text[j], "every proxy variable");
    env_release(&env);
}

static void test_noproxy_warn_direct(void **state)
{
    struct proxy_warnings w;

    (void)state;
    memset(&w, 0, sizeof(w));
    proxy_noproxy_warn("--noproxy", "a,.b,*.c,d:1,1.2.3.0/24,[::1],e f", &w);
    assert_int_equal(w.n, 6);
    assert_non_null(strstr(w.text[0], "entry 'e f' in --noproxy"));
    proxy_noproxy_warn("x", "localhost,127.0.0.1,::1,10.0.0.1,host.corp", &w);
    assert_int_equal(w.n, 6);
    proxy_noproxy_warn(NULL, "*.c", &w);
    proxy_noproxy_warn("x", NULL, &w);
    proxy_noproxy_warn("x", "*.c", NULL);
    assert_int_equal(w.n, 6);
}

static void test_warn_append_and_drop(void **state)
{
    struct proxy_warnings w;
    char big[600];
    size_t i;

    (void)state;
    memset(&w, 0, sizeof(w));
    for (i = 0; i < PROXY_MAX_WARNINGS + 3; i++)
        proxy_warn(&w, "warning %zu", i);
    assert_int_equal(w.n, PROXY_MAX_WARNINGS);
    assert_string_equal(w.text[0], "warning 0");
    assert_string_equal(w.text[PROXY_MAX_WARNINGS - 1], "warning 15");
    /* A long warning is cut to the slot, terminated. */
    memset(&w, 0, sizeof(w));
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    proxy_warn(&w, "%s", big);
    assert_int_equal(w.n, 1);
    assert_int_equal(strlen(w.text[0]), sizeof(w.text[0]) - 1);
    proxy_warn(NULL, "ignored");
    /* proxy_env_warn never writes past the last slot either. */
    {
        static const char *const vars[] = {
            "http_proxy=a",
            "HTTP_PROXY=b",
            "https_proxy=c",
            "HTTPS_PROXY=d",
            "all_proxy=e",
            "ALL_PROXY=f",
            "no_proxy=*.a,.b,c:1,1.0.0.0/8,::/0,[::1],0:0::1,d e,x,*",
            "NO_PROXY=*.a,.b,c:1,0.0.0.0/0,::/0,[::1],0:0::1,d e,x,*",
            NULL,
        };
        struct nc_env env;

        env_fill(&env, vars);
        w.n = PROXY_MAX_WARNINGS - 1;
        proxy_env_warn(&env, &w);
        assert_int_equal(w.n, PROXY_MAX_WARNINGS);
        memset(&w, 0, sizeof(w));
        proxy_env_warn(&env, &w);
        assert_int_equal(w.n, PROXY_MAX_WARNINGS);
        env_release(&env);
    }
    proxy_env_warn(NULL, &w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url_parse_table),
        cmocka_unit_test(test_url_parse_limits),
        cmocka_unit_test(test_url_why_never_has_password),
        cmocka_unit_test(test_url_format),
        cmocka_unit_test(test_url_format_small_buffer),
        cmocka_unit_test(test_url_wipe),
        cmocka_unit_test(test_scheme_names),
        cmocka_unit_test(test_noproxy_table),
        cmocka_unit_test(test_noproxy_entry_buffer),
        cmocka_unit_test(test_env_choose),
        cmocka_unit_test(test_env_warn_table),
        cmocka_unit_test(test_env_warn_never_has_password),
        cmocka_unit_test(test_noproxy_warn_direct),
        cmocka_unit_test(test_warn_append_and_drop),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
