/* winproxy_server.c: the ProxyServer grammar, .NET Framework's reading
 * (WebProxyDataBuilder) and WinHTTP's (WINHTTP_PROXY_INFO). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "nc.h"
#include "winproxy.h"

struct sv_case {
    const char *list;
    enum winproxy_dialect d;
    const char *scheme;
    int rc;
    const char *display; /* NULL: direct */
    bool had_port;
};

#define N WINPROXY_NETFX
#define W WINPROXY_WININET

static const struct sv_case sv_cases[] = {
    {"proxy:8080", N, "https", 0, "http://proxy:8080", true},
    {"proxy:8080", N, "http", 0, "http://proxy:8080", true},
    {"PROXY", N, "https", 0, "http://proxy:80", false},
    {"https://proxy", N, "https", 0, "https://proxy:443", false},
    {"http://user:pw@proxy:3128/", N, "http", 0, "http://proxy:3128", true},
    {"[2001:db8::1]:3128", N, "http", 0, "http://[2001:db8::1]:3128", true},
    {"  proxy:8080  ", N, "http", 0, "http://proxy:8080", true},
    {"", N, "http", 0, NULL, false},
    {"http=h1:80;https=h2:443", N, "https", 0, "http://h2:443", true},
    {"http=h1:80;https=h2:443", N, "http", 0, "http://h1:80", true},
    {"HTTP=h1:80", N, "http", 0, "http://h1:80", true},
    {"http=h1:80", N, "https", 0, NULL, false},
    {";http=h1:80;;", N, "http", 0, "http://h1:80", true},
    {"http=h1:80;http=h2:81", N, "http", 0, "http://h2:81", true},
    {"socks=s:1080", N, "https", 0, NULL, false},
    {"http=h1:80;h2:81", N, "http", NC_EPARSE, NULL, false},
    {"http=", N, "http", NC_EPARSE, NULL, false},
    {"http=a=b", N, "http", NC_EPARSE, NULL, false},
    {"proxy:0", N, "http", NC_EPARSE, NULL, false},
    {"proxy:65536", N, "http", NC_EPARSE, NULL, false},
    {"proxy:80x", N, "http", NC_EPARSE, NULL, false},
    {"[::1", N, "http", NC_EPARSE, NULL, false},
    /* WinHTTP: blanks separate too; a bare entry serves every scheme */
    {"http=h1:80 https=h2:443", W, "https", 0, "http://h2:443", true},
    {"http=h1:80;h0:3128", W, "https", 0, "http://h0:3128", true},
    {"http=h1:80;http=h2:81", W, "http", 0, "http://h1:80", true},
    {"socks=s", W, "https", 0, "socks://s:1080", false},
    {"http=bad:x;https=h2:443", W, "https", 0, "http://h2:443", true},
};

static void test_server_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(sv_cases) / sizeof(sv_cases[0]); i++) {
        const struct sv_case *c = &sv_cases[i];
        struct winproxy_server sv;
        char why[160] = "";
        int rc;

        memset(&sv, 0x55, sizeof(sv));
        rc = winproxy_server_pick(c->list, c->d, c->scheme, &sv, why,
                                  sizeof(why));
        if (rc != c->rc)
            fail_msg("row %zu '%s': rc %d, want %d (%s)", i, c->list, rc, c->rc,
                     why);
        if (rc < 0) {
            assert_true(why[0] != '\0');
            continue;
        }
        assert_int_equal(sv.set, c->display != NULL);
        if (c->display != NULL) {
            assert_string_equal(sv.display, c->display);
            assert_int_equal(sv.had_port, c->had_port);
        }
    }
}

static void test_server_never_shows_password(void **state)
{
    struct winproxy_server sv;
    char why[160] = "";

    (void)state;
    assert_int_equal(winproxy_server_pick("http://u:S3cr3tPw@p:x", N, "http",
                                          &sv, why, sizeof(why)),
                     NC_EPARSE);
    assert_null(strstr(why, "S3cr3tPw"));
    assert_int_equal(winproxy_server_pick("u:S3cr3tPw@p:1", N, "http", &sv, why,
                                          sizeof(why)),
                     0);
    assert_null(strstr(sv.display, "S3cr3tPw"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_server_table),
        cmocka_unit_test(test_server_never_shows_password),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
