/* winproxy_blob.c: DefaultConnectionSettings / WinHttpSettings with every
 * length checked. Blobs are built here field by field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "nc.h"
#include "winproxy.h"

struct blob_b {
    unsigned char b[512];
    size_t n;
};

static void put32(struct blob_b *b, uint32_t v)
{
    size_t i;

    for (i = 0; i < 4; i++)
        b->b[b->n++] = (unsigned char)(v >> (8 * i));
}

static void putstr(struct blob_b *b, const char *s)
{
    put32(b, (uint32_t)strlen(s));
    memcpy(b->b + b->n, s, strlen(s));
    b->n += strlen(s);
}

static void test_blob_ie7(void **state)
{
    struct blob_b b = {{0}, 0};
    struct winproxy_blob out;
    char why[160];

    (void)state;
    put32(&b, 0x46);
    put32(&b, 7);
    put32(&b, WINPROXY_FLAG_DIRECT | WINPROXY_FLAG_PROXY);
    putstr(&b, "proxy:8080");
    putstr(&b, "<local>;*.corp");
    putstr(&b, "http://wpad/wpad.dat");
    b.n += 32; /* the fields nobody here reads */
    assert_int_equal(winproxy_blob_decode(b.b, b.n, &out, why, sizeof(why)), 0);
    assert_int_equal(out.version, 0x46);
    assert_int_equal(out.counter, 7);
    assert_int_equal(out.flags, 3);
    assert_string_equal(out.proxy, "proxy:8080");
    assert_string_equal(out.bypass, "<local>;*.corp");
    assert_string_equal(out.pac, "http://wpad/wpad.dat");
    assert_true(out.has_pac);
}

static void test_blob_winhttp_direct(void **state)
{
    /* What a fresh Windows holds in WinHttpSettings (netsh: direct). */
    static const unsigned char d[] = {0x18, 0, 0, 0, 0, 0, 0, 0, 1, 0,
                                      0,    0, 0, 0, 0, 0, 0, 0, 0, 0};
    struct winproxy_blob out;
    char why[160];

    (void)state;
    assert_int_equal(winproxy_blob_decode(d, sizeof(d), &out, why, sizeof(why)),
                     0);
    assert_int_equal(out.flags, WINPROXY_FLAG_DIRECT);
    assert_string_equal(out.proxy, "");
    assert_false(out.has_pac);
}

static void test_blob_bad(void **state)
{
    struct blob_b b = {{0}, 0};
    struct winproxy_blob out;
    char why[160];
    size_t cut;

    (void)state;
    memset(&out, 0x5a, sizeof(out));
    assert_int_equal(winproxy_blob_decode(b.b, 11, &out, why, sizeof(why)),
                     NC_EPARSE);
    /* Every cut inside a length field or a string is an error; cuts at a
     * field boundary are not. */
    memset(&b, 0, sizeof(b));
    put32(&b, 0x46);
    put32(&b, 1);
    put32(&b, 2);
    putstr(&b, "proxy:8080");
    putstr(&b, "x");
    for (cut = 12; cut <= b.n; cut++) {
        bool boundary = cut == 12 || cut == 26 || cut == 31;
        int r = winproxy_blob_decode(b.b, cut, &out, why, sizeof(why));

        if (boundary)
            assert_int_equal(r, 0);
        else if (r != NC_EPARSE)
            fail_msg("cut at %zu: %d", cut, r);
    }
    /* A length past the end, a huge one, a control byte. */
    memset(&b, 0, sizeof(b));
    put32(&b, 0x46);
    put32(&b, 1);
    put32(&b, 2);
    put32(&b, 0xffffffffu);
    assert_int_equal(winproxy_blob_decode(b.b, b.n, &out, why, sizeof(why)),
                     NC_EPARSE);
    assert_non_null(strstr(why, "proxy server"));
    memset(&b, 0, sizeof(b));
    put32(&b, 0x46);
    put32(&b, 1);
    put32(&b, 2);
    putstr(&b, "a\x1b[2Jb");
    memset(&out, 0x5a, sizeof(out));
    assert_int_equal(winproxy_blob_decode(b.b, b.n, &out, why, sizeof(why)),
                     NC_EPARSE);
    assert_int_equal(out.version, 0x5a5a5a5a); /* untouched on failure */
}

static void test_blob_limit(void **state)
{
    static unsigned char big[12 + 4 + WINPROXY_STR_MAX];
    struct winproxy_blob out;
    char why[160];

    (void)state;
    memset(big, 'a', sizeof(big));
    memset(big, 0, 12);
    big[12] = (unsigned char)(WINPROXY_STR_MAX & 0xff);
    big[13] = (unsigned char)(WINPROXY_STR_MAX >> 8);
    big[14] = big[15] = 0;
    assert_int_equal(
        winproxy_blob_decode(big, sizeof(big), &out, why, sizeof(why)),
        NC_ELIMIT);
    big[12] = (unsigned char)((WINPROXY_STR_MAX - 1) & 0xff);
    big[13] = (unsigned char)((WINPROXY_STR_MAX - 1) >> 8);
    assert_int_equal(
        winproxy_blob_decode(big, sizeof(big) - 1, &out, why, sizeof(why)), 0);
    assert_int_equal(strlen(out.proxy), WINPROXY_STR_MAX - 1);
}

/* The decoder allocates nothing: an allocation that failed used to make
 * a valid blob "undecodable" in a report that exited 0. */
static void test_blob_no_alloc(void **state)
{
    struct blob_b b = {{0}, 0};
    struct winproxy_blob out;
    char why[160];

    (void)state;
    put32(&b, 0x46);
    put32(&b, 1);
    put32(&b, WINPROXY_FLAG_PROXY);
    putstr(&b, "proxy:8080");
    putstr(&b, "<local>");
    (void)nc_alloc_fail_after(0);
    assert_int_equal(winproxy_blob_decode(b.b, b.n, &out, why, sizeof(why)), 0);
    assert_int_equal(nc_alloc_fail_after(-1), 0);
    assert_string_equal(out.proxy, "proxy:8080");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blob_ie7),
        cmocka_unit_test(test_blob_winhttp_direct),
        cmocka_unit_test(test_blob_bad),
        cmocka_unit_test(test_blob_limit),
        cmocka_unit_test(test_blob_no_alloc),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
