/* hostnet_rule.c: which of the host's own addresses make a family usable
 * (getaddrinfo's AI_ADDRCONFIG test), shared by every backend. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cidr.h"
#include "hostnet.h"

struct usable_case {
    const char *addr;
    bool usable;
};

static const struct usable_case usable_cases[] = {
    {"198.51.100.2", true}, {"10.0.0.1", true},
    {"127.0.0.1", false},   {"127.255.255.254", false},
    {"169.254.1.1", false}, {"169.253.1.1", true},
    {"169.255.0.1", true},  {"2001:db8::1", true},
    {"::1", false},         {"fe80::1", false},
    {"febf::1", false},     {"fec0::1", true},
    {"::", true}, /* not loopback, not link-local: the rule's two cases */
};

static void test_usable_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(usable_cases) / sizeof(usable_cases[0]); i++) {
        struct nc_addr a;

        assert_int_equal(nc_addr_parse(usable_cases[i].addr, &a), 0);
        if (hostnet_addr_usable(a.family, a.bytes) != usable_cases[i].usable)
            fail_msg("%s: want %s", usable_cases[i].addr,
                     usable_cases[i].usable ? "usable" : "not usable");
    }
    assert_false(hostnet_addr_usable(5, (const unsigned char *)"1234"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_usable_table),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
