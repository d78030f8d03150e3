/* utf8.c: the one UTF-8 decoder, as strict as systemd's utf8_is_valid
 * (with NC_UTF8_NONCHAR) and as the reports need it (without). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

#define ANY (NC_UTF8_NONCHAR + 1u) /* marker: same answer under both rules */

struct decode_case {
    const char *in;
    size_t n;       /* bytes the decoder may read; SIZE_MAX: strlen(in) */
    unsigned flags; /* ANY: the case holds with and without NONCHAR */
    size_t len;     /* 0: refused */
    uint32_t cp;
};

static const struct decode_case decode_cases[] = {
    {"A", SIZE_MAX, ANY, 1, 'A'},
    {"\x7f", SIZE_MAX, ANY, 1, 0x7F},
    {"\xc2\x80", SIZE_MAX, ANY, 2, 0x80},       /* smallest 2-byte */
    {"\xc3\xa9", SIZE_MAX, ANY, 2, 0xE9},       /* e acute */
    {"\xdf\xbf", SIZE_MAX, ANY, 2, 0x7FF},      /* largest 2-byte */
    {"\xe0\xa0\x80", SIZE_MAX, ANY, 3, 0x800},  /* smallest 3-byte */
    {"\xe2\x82\xac", SIZE_MAX, ANY, 3, 0x20AC}, /* euro sign */
    {"\xed\x9f\xbf", SIZE_MAX, ANY, 3, 0xD7FF}, /* below the surrogates */
    {"\xee\x80\x80", SIZE_MAX, ANY, 3, 0xE000}, /* above them */
    {"\xf0\x90\x80\x80", SIZE_MAX, ANY, 4, 0x10000},
    {"\xf0\x9f\x98\x80", SIZE_MAX, ANY, 4, 0x1F600}, /* emoji */
    {"\xf4\x8f\xbf\xbd", SIZE_MAX, ANY, 4, 0x10FFFD},
    {"\xc3\xa9xyz", SIZE_MAX, ANY, 2, 0xE9}, /* one character at a time */
    {"\0x", 2, ANY, 1, 0},                   /* NUL is a character */
    /* malformed */
    {"\xc0\x80", SIZE_MAX, ANY, 0, 0},         /* overlong NUL */
    {"\xc1\xbf", SIZE_MAX, ANY, 0, 0},         /* overlong */
    {"\xe0\x80\x80", SIZE_MAX, ANY, 0, 0},     /* overlong 3-byte */
    {"\xe0\x9f\xbf", SIZE_MAX, ANY, 0, 0},     /* overlong U+07FF */
    {"\xf0\x80\x80\x80", SIZE_MAX, ANY, 0, 0}, /* overlong 4-byte */
    {"\xf0\x8f\xbf\xbf", SIZE_MAX, ANY, 0, 0}, /* overlong U+FFFF */
    {"\xed\xa0\x80", SIZE_MAX, ANY, 0, 0},     /* surrogate U+D800 */
    {"\xed\xbf\xbf", SIZE_MAX, ANY, 0, 0},     /* surrogate U+DFFF */
    {"\xf4\x90\x80\x80", SIZE_MAX, ANY, 0, 0}, /* above U+10FFFF */
    {"\xf5\x80\x80\x80", SIZE_MAX, ANY, 0, 0},
    {"\xf8\x88\x80\x80\x80", SIZE_MAX, ANY, 0, 0}, /* 5-byte form */
    {"\xfe", SIZE_MAX, ANY, 0, 0},
    {"\xff", SIZE_MAX, ANY, 0, 0},
    {"\x80", SIZE_MAX, ANY, 0, 0},     /* lone continuation */
    {"\xbf", SIZE_MAX, ANY, 0, 0},     /* lone continuation */
    {"\xe2\x82", SIZE_MAX, ANY, 0, 0}, /* cut short by the terminator */
    {"\xe2\x28\xa1", SIZE_MAX, ANY, 0, 0},
    {"\xc3\x28", SIZE_MAX, ANY, 0, 0},
    {"\xf0\x9f\x98", SIZE_MAX, ANY, 0, 0},
    {"", SIZE_MAX, ANY, 0, 0},
    /* bounded: the bytes past n are never read */
    {"\xe2\x82\xac", 2, ANY, 0, 0},
    {"\xf0\x9f\x98\x80", 3, ANY, 0, 0},
    {"\xc3\xa9", 1, ANY, 0, 0},
    {"A", 0, ANY, 0, 0},
    /* noncharacters: kept by the reports, refused by systemd's rule */
    {"\xef\xbf\xbe", SIZE_MAX, 0, 3, 0xFFFE},
    {"\xef\xbf\xbe", SIZE_MAX, NC_UTF8_NONCHAR, 0, 0},
    {"\xef\xbf\xbf", SIZE_MAX, 0, 3, 0xFFFF},
    {"\xef\xbf\xbf", SIZE_MAX, NC_UTF8_NONCHAR, 0, 0},
    {"\xef\xb7\x90", SIZE_MAX, 0, 3, 0xFDD0},
    {"\xef\xb7\x90", SIZE_MAX, NC_UTF8_NONCHAR, 0, 0},
    {"\xef\xb7\xaf", SIZE_MAX, NC_UTF8_NONCHAR, 0, 0}, /* U+FDEF */
    {"\xef\xb7\x8f", SIZE_MAX, NC_UTF8_NONCHAR, 3, 0xFDCF},
    {"\xef\xb7\xb0", SIZE_MAX, NC_UTF8_NONCHAR, 3, 0xFDF0},
    {"\xef\xbf\xbd", SIZE_MAX, NC_UTF8_NONCHAR, 3, 0xFFFD},
    {"\xf0\x9f\xbf\xbe", SIZE_MAX, 0, 4, 0x1FFFE},
    {"\xf0\x9f\xbf\xbe", SIZE_MAX, NC_UTF8_NONCHAR, 0, 0},
    {"\xf4\x8f\xbf\xbf", SIZE_MAX, 0, 4, 0x10FFFF},
    {"\xf4\x8f\xbf\xbf", SIZE_MAX, NC_UTF8_NONCHAR, 0, 0},
};

static void decode_one(const struct decode_case *c, unsigned flags)
{
    size_t n = c->n == SIZE_MAX ? strlen(c->in) : c->n;
    uint32_t cp = 0xABCDu;

    assert_int_equal(nc_utf8_decode(c->in, n, flags, &cp), c->len);
    if (c->len > 0)
        assert_int_equal(cp, c->cp);
    else
        assert_int_equal(cp, 0xABCDu); /* untouched on failure */
}

static void test_decode(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(decode_cases) / sizeof(decode_cases[0]); i++) {
        const struct decode_case *c = &decode_cases[i];

        if (c->flags == ANY) {
            decode_one(c, 0);
            decode_one(c, NC_UTF8_NONCHAR);
        } else {
            decode_one(c, c->flags);
        }
    }
}

struct cp_case {
    uint32_t cp;
    bool plain, strict; /* valid without and with NC_UTF8_NONCHAR */
};

static const struct cp_case cp_cases[] = {
    {0, true, true},          {0x41, true, true},
    {0xD7FF, true, true},     {0xD800, false, false},
    {0xDBFF, false, false},   {0xDC00, false, false},
    {0xDFFF, false, false},   {0xE000, true, true},
    {0xFDCF, true, true},     {0xFDD0, true, false},
    {0xFDEF, true, false},    {0xFDF0, true, true},
    {0xFFFD, true, true},     {0xFFFE, true, false},
    {0xFFFF, true, false},    {0x10000, true, true},
    {0x2FFFE, true, false},   {0x10FFFD, true, true},
    {0x10FFFE, true, false},  {0x10FFFF, true, false},
    {0x110000, false, false}, {0xFFFFFFFF, false, false},
};

static void test_cp_valid(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cp_cases) / sizeof(cp_cases[0]); i++) {
        assert_int_equal(nc_utf8_cp_valid(cp_cases[i].cp, 0),
                         cp_cases[i].plain);
        assert_int_equal(nc_utf8_cp_valid(cp_cases[i].cp, NC_UTF8_NONCHAR),
                         cp_cases[i].strict);
    }
}

struct valid_case {
    const char *in;
    size_t n; /* SIZE_MAX: strlen(in) */
    bool plain, strict;
};

static const struct valid_case valid_cases[] = {
    {"", SIZE_MAX, true, true},
    {"plain ascii", SIZE_MAX, true, true},
    {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", SIZE_MAX, true, true},
    {"a\xff"
     "b",
     SIZE_MAX, false, false},
    {"ok\xe2\x82", SIZE_MAX, false, false},     /* cut short at the end */
    {"ok\xe2\x82\xac", 4, false, false},        /* cut short by n */
    {"ok\xe2\x82\xac", 2, true, true},          /* the rest is not read */
    {"x\xed\xa0\x80y", SIZE_MAX, false, false}, /* surrogate */
    {"x\xef\xbf\xbey", SIZE_MAX, true, false},  /* noncharacter */
    {"a\0b", 3, true, true},                    /* NUL inside n */
};

static void test_valid(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(valid_cases) / sizeof(valid_cases[0]); i++) {
        const struct valid_case *c = &valid_cases[i];
        size_t n = c->n == SIZE_MAX ? strlen(c->in) : c->n;

        assert_int_equal(nc_utf8_valid(c->in, n, 0), c->plain);
        assert_int_equal(nc_utf8_valid(c->in, n, NC_UTF8_NONCHAR), c->strict);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_cp_valid),
        cmocka_unit_test(test_valid),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
