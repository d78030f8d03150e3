/* esc.c: the one terminal escaping rule (README "Output is safe on a
 * terminal"): each class it escapes, what passes through, the JSON mode,
 * cutting short, the stream writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "esc.h"
#include "fixture_port.h"
#include "nc.h"

#define ALL SIZE_MAX /* n: strlen(in) */

struct esc_case {
    const char *in;
    size_t n;
    const char *term; /* NC_ESC_TERM */
    const char *utf8; /* NC_ESC_UTF8; NULL: the input unchanged */
};

static const struct esc_case esc_cases[] = {
    /* passes through */
    {"plain ascii ~!@#", ALL, "plain ascii ~!@#", NULL},
    {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", ALL,
     "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", NULL},
    {"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", ALL, /* Hebrew letters: RTL text
                                                 itself is no control */
     "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", NULL},
    {"\xc2\xa0nbsp \xef\xbf\xbd", ALL, "\xc2\xa0nbsp \xef\xbf\xbd", NULL},
    {"back\\slash \\x1b", ALL, "back\\slash \\x1b", NULL},
    {"", ALL, "", NULL},
    /* C0, ESC among them, and DEL */
    {"\x1b[2J", ALL, "\\x1b[2J", NULL},
    {"\x1b]0;owned\x07", ALL, "\\x1b]0;owned\\x07", NULL},
    {"tab\there\nnl\rcr", ALL, "tab\\x09here\\x0anl\\x0dcr", NULL},
    {"nul\0x", 5, "nul\\x00x", NULL},
    {"\x01\x1f", ALL, "\\x01\\x1f", NULL},
    {"del\x7f", ALL, "del\\x7f", NULL},
    /* C1, as UTF-8 (CSI U+009B, NEL U+0085, U+0080, U+009F) */
    {"c1\xc2\x9b"
     "31m",
     ALL, "c1\\u009b31m", NULL},
    {"\xc2\x80\xc2\x85\xc2\x9f", ALL, "\\u0080\\u0085\\u009f", NULL},
    {"\xc2\xa1", ALL, "\xc2\xa1", NULL}, /* U+00A1: first after C1 */
    /* bidirectional controls */
    {"abc\xe2\x80\xae"
     "fed",
     ALL, "abc\\u202efed", NULL},
    {"\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", ALL,
     "\\u202a\\u202b\\u202c\\u202d", NULL},
    {"\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", ALL,
     "\\u2066\\u2067\\u2068\\u2069", NULL},
    {"\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", ALL, "\\u200e\\u200f\\u061c", NULL},
    {"\xe2\x80\x8d\xe2\x80\xaf\xe2\x81\xaa", ALL, /* ZWJ, U+202F, U+206A */
     "\xe2\x80\x8d\xe2\x80\xaf\xe2\x81\xaa", NULL},
    /* invalid UTF-8: each byte on its own */
    {"a\xff"
     "b",
     ALL, "a\\xffb", "a\\xffb"},
    {"\xe2\x82", ALL, "\\xe2\\x82", "\\xe2\\x82"}, /* cut short */
    {"x\xc3\x28y", ALL, "x\\xc3(y", "x\\xc3(y"},   /* bad follower */
    {"\xc0\x80", ALL, "\\xc0\\x80", "\\xc0\\x80"}, /* overlong NUL */
    {"\xc1\x9b", ALL, "\\xc1\\x9b", "\\xc1\\x9b"}, /* overlong CSI */
    {"\xe0\x80\xaf", ALL, "\\xe0\\x80\\xaf", "\\xe0\\x80\\xaf"},
    {"\xed\xa0\x80", ALL, "\\xed\\xa0\\x80", "\\xed\\xa0\\x80"}, /* U+D800 */
    {"\xf4\x90\x80\x80", ALL, "\\xf4\\x90\\x80\\x80",
     "\\xf4\\x90\\x80\\x80"},                        /* past U+10FFFF */
    {"\x80\xbf", ALL, "\\x80\\xbf", "\\x80\\xbf"},   /* stray continuations */
    {"\xe2\x80\xae", 2, "\\xe2\\x80", "\\xe2\\x80"}, /* cut by n */
    /* the JSON mode keeps controls for jansson's own \u escapes */
    {"\x1b[2J\xe2\x80\xae\xc2\x9b\xff", ALL, "\\x1b[2J\\u202e\\u009b\\xff",
     "\x1b[2J\xe2\x80\xae\xc2\x9b\\xff"},
};

static void test_esc_cases(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(esc_cases) / sizeof(esc_cases[0]); i++) {
        const struct esc_case *c = &esc_cases[i];
        size_t n = c->n == ALL ? strlen(c->in) : c->n;
        const char *want8 = c->utf8 != NULL ? c->utf8 : c->in;
        char buf[128];

        print_message("case %lu\n", (unsigned long)i);
        assert_int_equal(nc_esc(c->in, n, NC_ESC_TERM, buf, sizeof(buf)),
                         strlen(c->term));
        assert_string_equal(buf, c->term);
        if (c->utf8 != NULL || c->n == ALL) {
            assert_int_equal(nc_esc(c->in, n, NC_ESC_UTF8, buf, sizeof(buf)),
                             strlen(want8));
            assert_string_equal(buf, want8);
        }
        /* Only the length asked for: no buffer at all. */
        assert_int_equal(nc_esc(c->in, n, NC_ESC_TERM, NULL, 0),
                         strlen(c->term));
        if (c->n == ALL) {
            char *d = nc_esc_dup(c->in, NC_ESC_TERM);

            assert_non_null(d);
            assert_string_equal(d, c->term);
            nc_free(d);
        }
    }
}

static void test_esc_kind(void **state)
{
    static const struct {
        uint32_t cp;
        enum nc_esc_kind k;
    } cases[] = {
        {0x00, NC_ESC_CONTROL},   {0x1B, NC_ESC_CONTROL},
        {0x1F, NC_ESC_CONTROL},   {0x20, NC_ESC_PLAIN},
        {0x7E, NC_ESC_PLAIN},     {0x7F, NC_ESC_CONTROL},
        {0x80, NC_ESC_CONTROL},   {0x9F, NC_ESC_CONTROL},
        {0xA0, NC_ESC_PLAIN},     {0x061B, NC_ESC_PLAIN},
        {0x061C, NC_ESC_BIDI},    {0x200D, NC_ESC_PLAIN},
        {0x200E, NC_ESC_BIDI},    {0x200F, NC_ESC_BIDI},
        {0x2029, NC_ESC_PLAIN},   {0x202A, NC_ESC_BIDI},
        {0x202E, NC_ESC_BIDI},    {0x202F, NC_ESC_PLAIN},
        {0x2065, NC_ESC_PLAIN},   {0x2066, NC_ESC_BIDI},
        {0x2069, NC_ESC_BIDI},    {0x206A, NC_ESC_PLAIN},
        {0x10FFFF, NC_ESC_PLAIN},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(nc_esc_kind_of(cases[i].cp), cases[i].k);
}

static void test_esc_next(void **state)
{
    size_t len = 0;
    uint32_t cp = 0;

    (void)state;
    assert_int_equal(nc_esc_next("\xe2\x80\xae!", 4, &len, &cp), NC_ESC_BIDI);
    assert_int_equal(len, 3);
    assert_int_equal(cp, 0x202E);
    assert_int_equal(nc_esc_next("\xfe", 1, &len, &cp), NC_ESC_INVALID);
    assert_int_equal(len, 1);
    assert_int_equal(cp, 0xFE);
    assert_int_equal(nc_esc_next("\xc3\xa9", 2, &len, &cp), NC_ESC_PLAIN);
    assert_int_equal(len, 2);
    assert_int_equal(cp, 0xE9);
}

/* Cut short: never inside a notation or a character, always terminated,
 * and the return value is the whole length. */
static void test_esc_cut(void **state)
{
    static const char in[] = "ab\x1b\xc3\xa9\xe2\x80\xae";
    const char *full = "ab\\x1b\xc3\xa9\\u202e";
    size_t cap, flen = strlen(full);

    (void)state;
    for (cap = 1; cap <= flen + 1; cap++) {
        char buf[64];
        size_t got;

        memset(buf, 'Z', sizeof(buf));
        assert_int_equal(nc_esc(in, strlen(in), NC_ESC_TERM, buf, cap), flen);
        got = strlen(buf);
        assert_true(got < cap);
        /* A prefix of the full text, ending where a piece ends. */
        assert_memory_equal(buf, full, got);
        assert_true(got == 0 || got == 1 || got == 2 || got == 6 || got == 8 ||
                    got == flen);
    }
}

static void test_esc_dup_null_and_oom(void **state)
{
    char *d;

    (void)state;
    d = nc_esc_dup(NULL, NC_ESC_TERM);
    assert_non_null(d);
    assert_string_equal(d, "");
    nc_free(d);
    nc_alloc_fail_after(0);
    d = nc_esc_dup("x", NC_ESC_TERM);
    nc_alloc_fail_after(-1);
    assert_null(d);
}

/* The stream writer escapes long text in chunks: a character that
 * straddles a chunk is kept whole, and the result is nc_esc's. */
static void test_esc_fputs(void **state)
{
    char in[1024], *want, *got;
    size_t i, shift;
    struct fx_mem m;

    (void)state;
    for (shift = 0; shift < 8; shift++) {
        size_t o = 0;

        for (i = 0; i < shift; i++)
            in[o++] = 'a';
        while (o + 8 + 2 <= sizeof(in)) { /* room for 0xff and NUL */
            static const char piece[] = "\xe2\x80\xae\xf0\x9f\x98\x80\x1b";

            memcpy(in + o, piece, 8);
            o += 8;
        }
        in[o++] = '\xff';
        in[o] = '\0';
        want = nc_esc_dup(in, NC_ESC_TERM);
        assert_non_null(want);
        assert_int_equal(nc_esc_fputs(in, fx_mem_open(&m)), 0);
        got = fx_mem_close(&m);
        assert_string_equal(got, want);
        free(got);
        nc_free(want);
    }
    /* NULL is "". */
    assert_int_equal(nc_esc_fputs(NULL, fx_mem_open(&m)), 0);
    got = fx_mem_close(&m);
    assert_string_equal(got, "");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_esc_cases),
        cmocka_unit_test(test_esc_kind),
        cmocka_unit_test(test_esc_next),
        cmocka_unit_test(test_esc_cut),
        cmocka_unit_test(test_esc_dup_null_and_oom),
        cmocka_unit_test(test_esc_fputs),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
