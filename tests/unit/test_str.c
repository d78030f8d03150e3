/* str.c: the edit distance behind "did you mean", appending to a buffer. */
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

struct append_case {
    const char *start; /* buffer contents before */
    size_t n;          /* buffer size used */
    const char *arg;   /* appended with "%s" */
    int rc;
    const char *want;
};

static const struct append_case append_cases[] = {
    {"", 8, "abc", 0, "abc"},
    {"ab", 8, "cd", 0, "abcd"},
    {"ab", 8, "", 0, "ab"},
    {"abc", 4, "", NC_ELIMIT, "abc"},      /* already full */
    {"abc", 4, "d", NC_ELIMIT, "abc"},     /* no room at all */
    {"ab", 5, "cdef", NC_ELIMIT, "abcd"},  /* truncated, terminated */
    {"ab", 5, "cd", 0, "abcd"},            /* exactly fits */
    {"abcdefg", 4, "x", NC_ELIMIT, "abc"}, /* not terminated within n */
};

static void test_appendf(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(append_cases) / sizeof(append_cases[0]); i++) {
        const struct append_case *c = &append_cases[i];
        char buf[16];

        char after;

        memset(buf, 'Z', sizeof(buf));
        memcpy(buf, c->start, strlen(c->start) + 1);
        after = buf[c->n];
        assert_int_equal(nc_str_appendf(buf, c->n, "%s", c->arg), c->rc);
        if (strlen(c->start) < c->n)
            assert_string_equal(buf, c->want);
        else /* untouched: the first n bytes are still start's */
            assert_memory_equal(buf, c->want, c->n - 1);
        assert_int_equal(buf[c->n], after); /* nothing written past n */
    }
    /* The arguments are formatted. */
    {
        char buf[32] = "port ";

        assert_int_equal(nc_str_appendf(buf, sizeof(buf), "%u/%s", 443u, "tcp"),
                         0);
        assert_string_equal(buf, "port 443/tcp");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance),
        cmocka_unit_test(test_appendf),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
