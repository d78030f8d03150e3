/* os/hostreg.h. On Linux there is no live registry, and it says so rather
 * than answering "absent" for every value (which would read as settings
 * nobody made). On Windows (under wine in the tests) it opens the live
 * registry: a key nobody made is absent, not denied. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hostreg.h"
#include "nc.h"

#ifdef _WIN32
static struct winreg_value value; /* 64 KiB: not on the stack */

static void test_live(void **state)
{
    struct winreg_view v;
    struct nc_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    assert_true(hostreg_live());
    assert_int_equal(hostreg_open(&v, &d), 0);
    assert_non_null(v.get);
    assert_int_equal(v.get(v.ctx, WINREG_HKLM,
                           "SOFTWARE\\netcheck-test-no-such-key", "Value",
                           &value),
                     WINREG_ABSENT);
    hostreg_close(&v);
    hostreg_close(NULL);
}
#else
static void test_not_available(void **state)
{
    struct winreg_view v;
    struct nc_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    memset(&v, 0x5a, sizeof(v));
    assert_int_equal(hostreg_open(&v, &d), NC_EIO);
    assert_null(v.get);
    assert_non_null(strstr(d.msg, "--registry"));
    assert_false(hostreg_live());
    hostreg_close(&v);
    hostreg_close(NULL);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
#ifdef _WIN32
        cmocka_unit_test(test_live),
#else
        cmocka_unit_test(test_not_available),
#endif
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
