/* os/hostreg.h on Linux: there is no live registry, and it says so rather
 * than answering "absent" for every value (which would read as settings
 * nobody made). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hostreg.h"
#include "nc.h"

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
    hostreg_close(&v);
    hostreg_close(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_available),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
