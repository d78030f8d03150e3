/* utf16.c: UTF-16LE to UTF-8 and back (registry strings, .reg files). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fixture_alloc.h"
#include "nc.h"
#include "utf16.h"

static void test_round_trip(void **state)
{
    static const char *const s[] = {"", "a", "\xc3\xa9t\xc3\xa9",
                                    "\xe2\x82\xac", "\xf0\x9f\x98\x80x"};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
        unsigned char *u = NULL;
        char *back = NULL;
        size_t n = 0, m = 0;

        assert_int_equal(nc_utf16le_encode(s[i], strlen(s[i]), &u, &n), 0);
        assert_int_equal(u[n - 1], 0);
        assert_int_equal(u[n - 2], 0);
        /* With the terminator: it ends the text. */
        assert_int_equal(nc_utf16le_decode(u, n, true, &back, &m, NULL), 0);
        assert_string_equal(back, s[i]);
        assert_int_equal(m, strlen(s[i]));
        nc_free(back);
        /* Without stop_at_nul the terminator is refused, where it is. */
        if (n > 2) {
            size_t bad = 0;

            assert_int_equal(nc_utf16le_decode(u, n, false, &back, &m, &bad),
                             NC_EPARSE);
            assert_int_equal(bad, n - 2);
        }
        nc_free(u);
    }
}

static void test_bad(void **state)
{
    static const unsigned char lone_hi[] = {0x3d, 0xd8, 'a', 0};
    static const unsigned char lone_lo[] = {'a', 0, 0x00, 0xdc};
    static const unsigned char odd[] = {'a', 0, 'b'};
    char *out = NULL;
    size_t bad = 99;
    unsigned char *u = NULL;
    size_t n;

    (void)state;
    assert_int_equal(nc_utf16le_decode(lone_hi, 4, false, &out, NULL, &bad),
                     NC_EPARSE);
    assert_int_equal(bad, 0);
    assert_int_equal(nc_utf16le_decode(lone_lo, 4, false, &out, NULL, &bad),
                     NC_EPARSE);
    assert_int_equal(bad, 2);
    assert_int_equal(nc_utf16le_decode(odd, 3, false, &out, NULL, &bad),
                     NC_EPARSE);
    assert_int_equal(bad, 2);
    assert_null(out);
    assert_int_equal(nc_utf16le_encode("\xff", 1, &u, &n), NC_EPARSE);
    assert_null(u);
}

/* A .reg file's string through both directions; each allocation fails
 * in turn. */
static int alloc_round_trip(void)
{
    static const char s[] = "http=proxy:8080;https=\xc3\xa9t\xc3\xa9:3128";
    unsigned char *u = NULL;
    char *back = NULL;
    size_t n = 0, m = 0;
    int r = nc_utf16le_encode(s, sizeof(s) - 1, &u, &n);

    if (r == 0)
        r = nc_utf16le_decode(u, n, true, &back, &m, NULL);
    if (r == 0 && strcmp(back, s) != 0)
        r = NC_EINTERNAL;
    nc_free(u);
    nc_free(back);
    return r;
}

static void test_alloc_failures(void **state)
{
    static const struct fx_alloc_case cases[] = {
        {"nc_utf16le_encode+decode", alloc_round_trip, 2},
    };

    (void)state;
    fx_alloc_failures(cases, sizeof(cases) / sizeof(cases[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
