/* nc_errno_text: the network errors read as glibc writes them, on every
 * system; other values are strerror's. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "errtext.h"

static const int errtext_net[] = {
    ECONNREFUSED, ETIMEDOUT,     ENETUNREACH,  EHOSTUNREACH,
    ENETDOWN,     ECONNRESET,    ECONNABORTED, ENETRESET,
    EADDRINUSE,   EADDRNOTAVAIL, EAFNOSUPPORT, ENOBUFS,
#ifdef EHOSTDOWN
    EHOSTDOWN,
#endif
};

/* Each network error has its own text, never the C runtime's "Unknown
 * error" (Windows); on glibc, the text is strerror's own. */
static void test_errtext_network(void **state)
{
    size_t i, j, n = sizeof(errtext_net) / sizeof(errtext_net[0]);

    (void)state;
    for (i = 0; i < n; i++) {
        const char *t = nc_errno_text(errtext_net[i]);

        assert_non_null(t);
        assert_null(strstr(t, "nknown"));
#ifdef __GLIBC__
        assert_string_equal(t, strerror(errtext_net[i]));
#endif
        for (j = 0; j < i; j++)
            assert_string_not_equal(t, nc_errno_text(errtext_net[j]));
    }
}

/* What the table does not list is strerror's. */
static void test_errtext_other(void **state)
{
    static const int other[] = {EINVAL, EACCES, EMFILE, EIO};
    char want[128];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
        (void)snprintf(want, sizeof(want), "%s", strerror(other[i]));
        assert_string_equal(nc_errno_text(other[i]), want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errtext_network),
        cmocka_unit_test(test_errtext_other),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
