/* url.c: parsing, normalising and rebuilding http(s) URLs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "nc.h"
#include "url.h"

struct good_url {
    const char *in;
    const char *scheme, *host;
    unsigned port;
    const char *path;
    bool v6;
    const char *normal; /* url_format */
};

static const struct good_url good_urls[] = {
    {"https://login.microsoftonline.com/", "https", "login.microsoftonline.com",
     443, "/", false, "https://login.microsoftonline.com/"},
    {"https://example.com", "https", "example.com", 443, "/", false,
     "https://example.com/"},
    {"HTTP://WWW.MSFTNCSI.COM/ncsi.txt", "http", "www.msftncsi.com", 80,
     "/ncsi.txt", false, "http://www.msftncsi.com/ncsi.txt"},
    {"HtTpS://Example.COM:443/A/B", "https", "example.com", 443, "/A/B", false,
     "https://example.com/A/B"},
    {"https://example.com:8443/x?y=1&z", "https", "example.com", 8443,
     "/x?y=1&z", false, "https://example.com:8443/x?y=1&z"},
    {"http://example.com:443/", "http", "example.com", 443, "/", false,
     "http://example.com:443/"},
    {"https://example.com:80", "https", "example.com", 80, "/", false,
     "https://example.com:80/"},
    {"http://example.com?q", "http", "example.com", 80, "/?q", false,
     "http://example.com/?q"},
    {"https://[2001:DB8::1]/", "https", "2001:db8::1", 443, "/", true,
     "https://[2001:db8::1]/"},
    {"https://[::1]:8443/p", "https", "::1", 8443, "/p", true,
     "https://[::1]:8443/p"},
    {"http://198.51.100.7:8080/", "http", "198.51.100.7", 8080, "/", false,
     "http://198.51.100.7:8080/"},
    {"https://my_host.example-1.com/", "https", "my_host.example-1.com", 443,
     "/", false, "https://my_host.example-1.com/"},
    {"https://a.b/p@q:r", "https", "a.b", 443, "/p@q:r", false,
     "https://a.b/p@q:r"},
    {"https://localhost:1/", "https", "localhost", 1, "/", false,
     "https://localhost:1/"},
    {"https://localhost:65535/", "https", "localhost", 65535, "/", false,
     "https://localhost:65535/"},
    /* libcurl reads inet_aton's legacy IPv4 forms as the address it
     * connects to; netcheck reports that address. */
    {"http://0x7f.1/", "http", "127.0.0.1", 80, "/", false,
     "http://127.0.0.1/"},
    {"http://0X7F.0.0.1:8080/", "http", "127.0.0.1", 8080, "/", false,
     "http://127.0.0.1:8080/"},
    {"https://1.2.3/", "https", "1.2.0.3", 443, "/", false, "https://1.2.0.3/"},
    {"https://010.0.0.1/", "https", "8.0.0.1", 443, "/", false,
     "https://8.0.0.1/"},
    {"https://3221226219/", "https", "192.0.2.235", 443, "/", false,
     "https://192.0.2.235/"},
    {"https://0x100.example/", "https", "0x100.example", 443, "/", false,
     "https://0x100.example/"},
    /* The path curl sends: dot segments removed (RFC 3986 §5.2.4). */
    {"https://example.com/a/../b/./c?x=/../y", "https", "example.com", 443,
     "/b/c?x=/../y", false, "https://example.com/b/c?x=/../y"},
    {"https://example.com/x?", "https", "example.com", 443, "/x?", false,
     "https://example.com/x?"},
    {"https://[::FFFF:1.2.3.4]/", "https", "::ffff:1.2.3.4", 443, "/", true,
     "https://[::ffff:1.2.3.4]/"},
};

struct bad_url {
    const char *in;
    const char *why; /* substring of the reason */
};

static const struct bad_url bad_urls[] = {
    {"", "empty url"},
    {"example.com", "missing scheme"},
    {"ftp://example.com/", "unsupported scheme 'ftp'"},
    {"httpss://example.com/", "unsupported scheme"},
    {"https//example.com/", "missing scheme"},
    {"https://", "empty host"},
    {"https:///path", "empty host"},
    {"https://:443/", "empty host"},
    {"https://user@example.com/", "user info"},
    {"https://user:pw@example.com/", "user info"},
    {"https://*.blob.core.windows.net/",
     "wildcard host: use rule = *.domain with a sample host in url"},
    {"https://a*b.com/", "wildcard host"},
    {"https://exa mple.com/", "white space"},
    {"https://example.com/ x", "white space"},
    {" https://example.com/", "white space"},
    {"https://example.com/\t", "white space"},
    {"https://example.com/\x01", "control character"},
    {"https://ex\xc3\xa4mple.com/", "non-ASCII"},
    {"https://example.com:0/", "port out of range"},
    {"https://example.com:65536/", "port out of range"},
    {"https://example.com:99999999/", "port out of range"},
    {"https://example.com:/", "empty port"},
    {"https://example.com:8o/", "invalid port"},
    {"https://example.com:-1/", "invalid port"},
    {"https://exa%6dple.com/", "invalid character '%'"},
    {"https://example.com/#frag", "fragment"},
    {"https://example..com/", "empty label"},
    {"https://.example.com/", "empty label"},
    {"https://example.com./", "empty label"},
    {"https://[::1/", "missing ']'"},
    {"https://[]/", "invalid IPv6"},
    {"https://[1.2.3.4]/", "invalid IPv6 address '1.2.3.4'"},
    {"https://[fe80::1%25eth0]/", "invalid IPv6"},
    {"https://[::1]x/", "unexpected text after ']'"},
    {"https://256.1.1.1/", "invalid IPv4"},
    {"https://1.2.3.4.5/", "invalid IPv4 address '1.2.3.4.5'"},
    {"https://09.1.1.1/", "invalid IPv4 address '09.1.1.1'"},
    {"https://0x100000000/", "invalid IPv4 address '0x100000000'"},
    {"https://0x7f.256.1/", "invalid IPv4"},
};

static void test_url_good(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(good_urls) / sizeof(good_urls[0]); i++) {
        const struct good_url *t = &good_urls[i];
        struct nc_url u;
        char why[160] = "", buf[512];

        if (url_parse(t->in, &u, why, sizeof(why)) != 0)
            fail_msg("'%s' rejected: %s", t->in, why);
        assert_string_equal(u.scheme, t->scheme);
        assert_string_equal(u.host, t->host);
        assert_int_equal(u.port, t->port);
        assert_string_equal(u.path, t->path);
        assert_int_equal(u.ipv6_literal, t->v6);
        assert_int_equal(url_format(&u, buf, sizeof(buf)), 0);
        assert_string_equal(buf, t->normal);
        /* The normal form is a fixed point. */
        assert_int_equal(url_parse(buf, &u, why, sizeof(why)), 0);
        assert_int_equal(url_format(&u, buf, sizeof(buf)), 0);
        assert_string_equal(buf, t->normal);
    }
}

static void test_url_bad(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad_urls) / sizeof(bad_urls[0]); i++) {
        const struct bad_url *t = &bad_urls[i];
        struct nc_url u;
        char why[160] = "";

        memset(&u, 0x5a, sizeof(u));
        if (url_parse(t->in, &u, why, sizeof(why)) != NC_EPARSE)
            fail_msg("'%s' accepted", t->in);
        if (strstr(why, t->why) == NULL)
            fail_msg("'%s': reason '%s' lacks '%s'", t->in, why, t->why);
        /* Out-parameters are written only on success. */
        assert_int_equal(u.port, 0x5a5a5a5au);
        /* A NULL reason buffer is allowed. */
        assert_int_equal(url_parse(t->in, &u, NULL, 0), NC_EPARSE);
    }
}

static void test_url_long(void **state)
{
    static char in[NC_URL_PATH_MAX + 64];
    struct nc_url u;
    char why[160];
    size_t n;

    (void)state;
    n = (size_t)snprintf(in, sizeof(in), "https://example.com/");
    memset(in + n, 'a', NC_URL_PATH_MAX - 1);
    in[n + NC_URL_PATH_MAX - 1] = '\0';
    assert_int_equal(url_parse(in, &u, why, sizeof(why)), 0);
    assert_int_equal(strlen(u.path), NC_URL_PATH_MAX);

    in[n + NC_URL_PATH_MAX - 1] = 'a';
    in[n + NC_URL_PATH_MAX] = '\0';
    assert_int_equal(url_parse(in, &u, why, sizeof(why)), NC_EPARSE);
    assert_non_null(strstr(why, "path longer"));
}

static void test_url_label_limit(void **state)
{
    char in[128], why[160];
    struct nc_url u;

    (void)state;
    /* 63 bytes is the most a DNS label may hold. */
    (void)snprintf(
        in, sizeof(in), "https://%.63s.example/",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert_int_equal(url_parse(in, &u, why, sizeof(why)), 0);
    (void)snprintf(
        in, sizeof(in), "https://%.64s.example/",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert_int_equal(url_parse(in, &u, why, sizeof(why)), NC_EPARSE);
    assert_non_null(strstr(why, "label longer than 63"));
}

static void test_url_format_too_small(void **state)
{
    struct nc_url u;
    char buf[12];

    (void)state;
    assert_int_equal(url_parse("https://example.com/", &u, NULL, 0), 0);
    assert_int_equal(url_format(&u, buf, sizeof(buf)), NC_ELIMIT);
    assert_int_equal(strlen(buf), sizeof(buf) - 1);
}

static void test_url_helpers(void **state)
{
    char out[64], why[128];

    (void)state;
    assert_int_equal(url_default_port("http"), 80);
    assert_int_equal(url_default_port("https"), 443);
    assert_int_equal(url_default_port("ftp"), 0);

    assert_true(
        url_host_in_domain("x.blob.core.windows.net", "blob.core.windows.net"));
    assert_true(url_host_in_domain("a.b.c", "c"));
    assert_false(
        url_host_in_domain("blob.core.windows.net", "blob.core.windows.net"));
    assert_false(
        url_host_in_domain("xblob.core.windows.net", "blob.core.windows.net"));
    assert_false(url_host_in_domain("x.queue.core.windows.net",
                                    "blob.core.windows.net"));
    assert_false(url_host_in_domain("a", ""));

    assert_int_equal(url_hostname_check("Login.Windows.NET", out, sizeof(out),
                                        why, sizeof(why)),
                     0);
    assert_string_equal(out, "login.windows.net");
    assert_int_equal(
        url_hostname_check("a b", out, sizeof(out), why, sizeof(why)),
        NC_EPARSE);
    assert_int_equal(url_hostname_check("abc", out, 3, why, sizeof(why)),
                     NC_EPARSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url_good),
        cmocka_unit_test(test_url_bad),
        cmocka_unit_test(test_url_long),
        cmocka_unit_test(test_url_label_limit),
        cmocka_unit_test(test_url_format_too_small),
        cmocka_unit_test(test_url_helpers),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
