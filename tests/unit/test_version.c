/* cli/version: --version's lines, and each layer's library rows against
 * what the libraries themselves answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#ifndef _WIN32
#include <sys/select.h>
#endif
#include <ares.h>
#include <curl/curl.h>
#include <jansson.h>
#include <openssl/crypto.h>

#include "cli.h"
#include "engine_libver.h"
#include "fixture_port.h"
#include "input_libver.h"
#include "nc.h"
#include "report.h"
#include "report_libver.h"

/* Skips one or more digits at *p.  \return whether there was one */
static bool skip_digits(const char **p)
{
    const char *s = *p;

    while (*s >= '0' && *s <= '9')
        s++;
    if (s == *p)
        return false;
    *p = s;
    return true;
}

/* N.N or N.N.N, by hand: Windows has no <regex.h>. */
static bool is_version(const char *s)
{
    if (!skip_digits(&s) || *s != '.')
        return false;
    s++;
    if (!skip_digits(&s))
        return false;
    if (*s == '.') {
        s++;
        if (!skip_digits(&s))
            return false;
    }
    return *s == '\0';
}

/* Each row says what its library says at run time, and a version as
 * built; inih alone has no run-time answer. */
static void test_rows(void **state)
{
    struct nc_libver v;
    const curl_version_info_data *d = curl_version_info(CURLVERSION_NOW);

    (void)state;
    engine_libver_curl(&v);
    assert_string_equal(v.name, "libcurl");
    assert_string_equal(v.run, d->version);
    assert_true(is_version(v.built));

    engine_libver_openssl(&v);
    assert_string_equal(v.name, "OpenSSL");
    assert_string_equal(v.run, OpenSSL_version(OPENSSL_VERSION_STRING));
    assert_true(is_version(v.run));
    assert_true(is_version(v.built));

    engine_libver_cares(&v);
    assert_string_equal(v.name, "c-ares");
    assert_string_equal(v.run, ares_version(NULL));
    assert_true(is_version(v.built));

    report_libver_jansson(&v);
    assert_string_equal(v.name, "jansson");
    assert_string_equal(v.run, jansson_version_str());
    assert_true(is_version(v.built));

    input_libver_inih(&v);
    assert_string_equal(v.name, "inih");
    assert_string_equal(v.run, "");
}

static void test_tls(void **state)
{
    char tls[NC_LIBVER_LEN];

    (void)state;
    engine_libver_curl_tls(tls, sizeof(tls));
    /* netcheck's TLS capture is built on libcurl's OpenSSL backend. */
    assert_true(strncmp(tls, "OpenSSL/", 8) == 0);
}

/* The layout from hand-made rows: empty versions are left out of the
 * line they would be on, nothing else is. */
static void test_write(void **state)
{
    static const struct nc_libver libs[] = {
        {"liba", "1.2.3", "1.2.0"},
        {"libb", "", "55"},
        {"libc", "2.0", ""},
    };
    char *buf, head[64], tail[256];
    struct fx_mem m;
    size_t n;

    (void)state;
    version_write(fx_mem_open(&m), libs, sizeof(libs) / sizeof(libs[0]), "");
    buf = fx_mem_close(&m);
    n = strlen(buf);
    /* Between them, the build host: "(x86_64-linux)". */
    (void)snprintf(head, sizeof(head), "netcheck %s (", NC_VERSION);
    (void)snprintf(tail, sizeof(tail),
                   ") liba/1.2.3 libc/2.0\n"
                   "Built-with: liba/1.2.0 libb/55\n"
                   "libcurl-TLS: none\n"
                   "JSON-Schema: %d\n",
                   NC_JSON_SCHEMA);
    assert_int_equal(strncmp(buf, head, strlen(head)), 0);
    assert_true(n > strlen(tail));
    assert_string_equal(buf + n - strlen(tail), tail);
    /* The host is one word in parentheses. */
    assert_ptr_equal(strchr(buf + strlen(head), ')'), buf + n - strlen(tail));
    assert_null(
        memchr(buf + strlen(head), ' ', n - strlen(tail) - strlen(head)));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_tls),
        cmocka_unit_test(test_write),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
