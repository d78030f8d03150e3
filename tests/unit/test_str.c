/* str.c: the edit distance behind "did you mean". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "nc.h"
#include "str.h"

struct dist_case {
    const char *a, *b;
    size_t want;
};

static const struct dist_case dist_cases[] = {
    {"", "", 0},
    {"abc", "abc", 0},
    {"", "abc", 3},
    {"abc", "", 3},
    {"ABC", "abc", 0},  /* case does not count */
    {"abc", "abd", 1},  /* substitution */
    {"abc", "abxc", 1}, /* insertion */
    {"abxc", "abc", 1}, /* deletion */
    {"abc", "acb", 1},  /* a swap of neighbours is one edit */
    {"ca", "abc", 3},   /* optimal string alignment, not full */
    {"kitten", "sitting", 3},
    {"azure-backup-mars-usgv", "azure-backup-mars-usgov", 1},
    {"azure-backup-mars-chian", "azure-backup-mars-china", 1},
    {"azure-backup-mras", "azure-backup-mars", 1},
    {"azure-backup", "azure-backup-mars", 5},
    {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "x",
     SIZE_MAX}, /* longer than NC_STR_DISTANCE_MAX */
};

static void test_distance(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(dist_cases) / sizeof(dist_cases[0]); i++) {
        const struct dist_case *c = &dist_cases[i];
        size_t got = nc_str_distance(c->a, c->b);

        if (got != c->want)
            fail_msg("case %zu: '%s' vs '%s': got %zu, want %zu", i, c->a, c->b,
                     got, c->want);
        /* symmetric */
        assert_int_equal(nc_str_distance(c->b, c->a), got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
