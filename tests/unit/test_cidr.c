/* cidr.c: address and range parsing, formatting and matching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cidr.h"
#include "nc.h"

struct cidr_case {
    const char *in;
    int rc;             /* expected return */
    const char *format; /* nc_cidr_format of the result when rc == 0 */
    const char *why;    /* substring of the reason when rc != 0 */
};

static const struct cidr_case cidr_cases[] = {
    {"10.0.0.0/8", 0, "10.0.0.0/8", NULL},
    {"192.168.1.0/24", 0, "192.168.1.0/24", NULL},
    {"0.0.0.0/0", 0, "0.0.0.0/0", NULL},
    {"1.2.3.4/32", 0, "1.2.3.4/32", NULL},
    {"1.2.3.4", 0, "1.2.3.4/32", NULL},
    {"20.190.128.0/18", 0, "20.190.128.0/18", NULL},
    {"2001:db8::/32", 0, "2001:db8::/32", NULL},
    {"2001:DB8:0:0::/48", 0, "2001:db8::/48", NULL},
    {"::/0", 0, "::/0", NULL},
    {"::1/128", 0, "::1/128", NULL},
    {"::1", 0, "::1/128", NULL},
    {"fe80::/10", 0, "fe80::/10", NULL},
    {"10.0.0.0/08", 0, "10.0.0.0/8", NULL},
    {"1.2.3.4/33", NC_EPARSE, NULL, "above 32"},
    {"::1/129", NC_EPARSE, NULL, "above 128"},
    {"1.2.3/24", NC_EPARSE, NULL, "not an IPv4 or IPv6"},
    {"10.1.2.3/8", NC_EPARSE, NULL, "did you mean 10.0.0.0/8"},
    {"2001:db8::1/32", NC_EPARSE, NULL, "did you mean 2001:db8::/32"},
    {"0.0.0.1/0", NC_EPARSE, NULL, "host bits"},
    {" 1.2.3.4", NC_EPARSE, NULL, "not an IPv4"},
    {"1.2.3.4 ", NC_EPARSE, NULL, "not an IPv4"},
    {"", NC_EPARSE, NULL, "empty"},
    {"1.2.3.4/", NC_EPARSE, NULL, "not a number"},
    {"1.2.3.4/-1", NC_EPARSE, NULL, "not a number"},
    {"1.2.3.4/+8", NC_EPARSE, NULL, "not a number"},
    {"1.2.3.4/8/8", NC_EPARSE, NULL, "not a number"},
    {"[::1]/128", NC_EPARSE, NULL, "not an IPv4"},
    {"fe80::1%eth0", NC_EPARSE, NULL, "not an IPv4"},
    {"256.1.1.1/32", NC_EPARSE, NULL, "not an IPv4"},
    {"01.2.3.4", NC_EPARSE, NULL, "not an IPv4"},
    {"example.com/24", NC_EPARSE, NULL, "not an IPv4"},
    {"1.2.3.4/99999999999999999999999", NC_EPARSE, NULL, "above 32"},
};

static void test_cidr_parse_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cidr_cases) / sizeof(cidr_cases[0]); i++) {
        const struct cidr_case *t = &cidr_cases[i];
        struct nc_cidr c;
        char buf[64], why[128] = "";
        int rc;

        memset(&c, 0xa5, sizeof(c));
        rc = nc_cidr_parse_why(t->in, &c, why, sizeof(why));
        if (rc != t->rc)
            fail_msg("'%s': rc %d, want %d (%s)", t->in, rc, t->rc, why);
        if (rc == 0) {
            nc_cidr_format(&c, buf, sizeof(buf));
            assert_string_equal(buf, t->format);
            /* The short form agrees with the long one. */
            assert_int_equal(nc_cidr_parse(t->in, &c), 0);
        } else {
            if (strstr(why, t->why) == NULL)
                fail_msg("'%s': reason '%s' lacks '%s'", t->in, why, t->why);
            assert_int_equal(nc_cidr_parse(t->in, &c), NC_EPARSE);
        }
    }
}

static void test_cidr_out_untouched_on_error(void **state)
{
    struct nc_cidr c, before;

    (void)state;
    memset(&c, 0x5a, sizeof(c));
    before = c;
    assert_int_equal(nc_cidr_parse("10.1.2.3/8", &c), NC_EPARSE);
    assert_memory_equal(&c, &before, sizeof(c));
}

static void test_addr_parse(void **state)
{
    struct nc_addr a;
    char buf[NC_ADDRSTRLEN];

    (void)state;
    assert_int_equal(nc_addr_parse("198.51.100.7", &a), 0);
    assert_int_equal(a.family, 4);
    assert_int_equal(a.bytes[0], 198);
    assert_int_equal(a.bytes[3], 7);
    nc_addr_format(&a, buf, sizeof(buf));
    assert_string_equal(buf, "198.51.100.7");

    assert_int_equal(nc_addr_parse("2001:DB8::A", &a), 0);
    assert_int_equal(a.family, 6);
    nc_addr_format(&a, buf, sizeof(buf));
    assert_string_equal(buf, "2001:db8::a");

    assert_int_equal(nc_addr_parse("[::1]", &a), NC_EPARSE);
    assert_int_equal(nc_addr_parse("fe80::1%1", &a), NC_EPARSE);
    assert_int_equal(nc_addr_parse("10.1", &a), NC_EPARSE);
    assert_int_equal(nc_addr_parse("0x0a.0.0.1", &a), NC_EPARSE);
    assert_int_equal(nc_addr_parse("", &a), NC_EPARSE);
    assert_int_equal(nc_addr_parse(NULL, &a), NC_EPARSE);
    assert_int_equal(nc_addr_parse("1.2.3.4/32", &a), NC_EPARSE);
}

static void test_addr_format_small_buffer(void **state)
{
    struct nc_addr a;
    char buf[6];

    (void)state;
    assert_int_equal(nc_addr_parse("203.0.113.200", &a), 0);
    nc_addr_format(&a, buf, sizeof(buf));
    assert_string_equal(buf, "203.0"); /* truncated, still terminated */
}

struct contains_case {
    const char *range;
    const char *addr;
    bool in;
};

static const struct contains_case contains_cases[] = {
    {"10.0.0.0/8", "10.255.255.255", true},
    {"10.0.0.0/8", "11.0.0.0", false},
    {"10.0.0.0/8", "9.255.255.255", false},
    {"20.190.128.0/18", "20.190.191.255", true},
    {"20.190.128.0/18", "20.190.192.0", false},
    {"0.0.0.0/0", "203.0.113.9", true},
    {"0.0.0.0/0", "::1", false}, /* families differ */
    {"1.2.3.4/32", "1.2.3.4", true},
    {"1.2.3.4/32", "1.2.3.5", false},
    {"198.51.100.128/25", "198.51.100.127", false},
    {"198.51.100.128/25", "198.51.100.128", true},
    {"2001:db8::/32", "2001:db8:ffff::1", true},
    {"2001:db8::/32", "2001:db9::1", false},
    {"2001:db8::/33", "2001:db8:8000::", false},
    {"2001:db8::/33", "2001:db8:7fff::", true},
    {"::/0", "2001:db8::1", true},
    {"::/0", "10.0.0.1", false},
    {"::1/128", "::1", true},
    {"::1/128", "::2", false},
};

static void test_cidr_contains_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(contains_cases) / sizeof(contains_cases[0]); i++) {
        const struct contains_case *t = &contains_cases[i];
        struct nc_cidr c;
        struct nc_addr a;

        assert_int_equal(nc_cidr_parse(t->range, &c), 0);
        assert_int_equal(nc_addr_parse(t->addr, &a), 0);
        if (nc_cidr_contains(&c, &a) != t->in)
            fail_msg("%s in %s: want %d", t->addr, t->range, t->in);
    }
}

static void test_cidr_list_contains(void **state)
{
    struct nc_cidr list[3];
    struct nc_addr a;

    (void)state;
    assert_int_equal(nc_cidr_parse("20.190.128.0/18", &list[0]), 0);
    assert_int_equal(nc_cidr_parse("40.126.0.0/18", &list[1]), 0);
    assert_int_equal(nc_cidr_parse("2603:1000::/24", &list[2]), 0);

    assert_int_equal(nc_addr_parse("40.126.63.1", &a), 0);
    assert_true(nc_cidr_list_contains(list, 3, &a));
    assert_false(nc_cidr_list_contains(list, 1, &a));
    assert_int_equal(nc_addr_parse("40.126.64.1", &a), 0);
    assert_false(nc_cidr_list_contains(list, 3, &a));
    assert_int_equal(nc_addr_parse("2603:10ff::1", &a), 0);
    assert_true(nc_cidr_list_contains(list, 3, &a));
    assert_false(nc_cidr_list_contains(list, 0, &a));
    assert_false(nc_cidr_list_contains(NULL, 0, &a));
}

/* The shapes inet_aton and libcurl read as numbers. */
static const struct {
    const char *in;
    bool numeric;
} numeric_cases[] = {
    {"1.2.3.4", true},      {"1.2.3", true},       {"0x7f.1", true},
    {"0X7F.0.0.1", true},   {"010.0.0.1", true},   {"3221226219", true},
    {"1.2.3.4.", true},     {"256.1.1.1", true},   {"09.1.1.1", true},
    {"example.com", false}, {"0x100.corp", false}, {"0x.1", false},
    {"1..2", false},        {".1", false},         {"1e2.3", false},
    {"-1.2", false},        {"0xg.1", false},
};

static void test_addr_numeric_form(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(numeric_cases) / sizeof(numeric_cases[0]); i++) {
        if (nc_addr_numeric_form(numeric_cases[i].in) !=
            numeric_cases[i].numeric)
            fail_msg("'%s': want %d", numeric_cases[i].in,
                     numeric_cases[i].numeric);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cidr_parse_table),
        cmocka_unit_test(test_cidr_out_untouched_on_error),
        cmocka_unit_test(test_addr_parse),
        cmocka_unit_test(test_addr_format_small_buffer),
        cmocka_unit_test(test_cidr_contains_table),
        cmocka_unit_test(test_cidr_list_contains),
        cmocka_unit_test(test_addr_numeric_form),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
