/* str.c: the edit distance behind "did you mean"; the one ASCII
 * lower-casing helper and the comparisons built on it; appending to a
 * buffer. */
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

/* Every byte: only A-Z change, whatever the locale would say. */
static void test_tolower(void **state)
{
    int c;

    (void)state;
    for (c = 0; c < 256; c++) {
        int want = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;

        assert_int_equal(nc_tolower(c), want);
    }
    assert_int_equal(nc_tolower(0xC9), 0xC9); /* Latin-1 E acute stays */
}

struct case_cmp {
    const char *a, *b;
    size_t n;    /* bytes for nc_mem_caseeq */
    bool eq_n;   /* nc_mem_caseeq(a, b, n) */
    int cmp_dir; /* sign of nc_strcasecmp(a, b) */
};

static const struct case_cmp case_cases[] = {
    {"", "", 0, true, 0},
    {"Storage", "storage", 7, true, 0},
    {"EXAMPLE.com", "example.COM", 11, true, 0},
    {"Storage.WestEurope", "storage", 7, true, 1}, /* prefix */
    {"abc", "abd", 2, true, -1},
    {"abc", "abd", 3, false, -1},
    {"[", "{", 1, false, -1}, /* '[' (0x5B) is not a letter */
    {"@", "`", 1, false, -1}, /* nor are the neighbours of A-Z */
    {"Z", "z", 1, true, 0},
    {"\xc9", "\xe9", 1, false, -1}, /* no Latin-1 folding */
    {"a\0x", "A\0y", 3, false, 0},  /* n bytes, NUL included */
};

static int sign(int v)
{
    return v < 0 ? -1 : v > 0 ? 1 : 0;
}

static void test_case_compare(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(case_cases) / sizeof(case_cases[0]); i++) {
        const struct case_cmp *c = &case_cases[i];

        assert_int_equal(nc_mem_caseeq(c->a, c->b, c->n), c->eq_n);
        assert_int_equal(sign(nc_strcasecmp(c->a, c->b)), c->cmp_dir);
        assert_int_equal(sign(nc_strcasecmp(c->b, c->a)), -c->cmp_dir);
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

/* fnmatch(3) without flags, on bytes. */
static void test_glob(void **state)
{
    static const struct {
        const char *pat, *s;
        bool match;
    } cases[] = {
        {"login", "login", true},
        {"login", "login2", false},
        {"login", "Login", false},
        {"", "", true},
        {"", "a", false},
        {"*", "", true},
        {"*", "anything.at/all", true},
        {"blob-*", "blob-westeurope", true},
        {"blob-*", "blob", false},
        {"*-we", "blob-we", true},
        {"*-we", "blob-we-x", false},
        {"a*b*c", "aXbYc", true},
        {"a*b*c", "aXbYcb", false},
        {"a*b*c", "abcabc", true},
        {"**x", "yyx", true},
        {"?", "a", true},
        {"?", "", false},
        {"a?c", "abc", true},
        {"a?c", "ac", false},
        {"[ab]x", "bx", true},
        {"[ab]x", "cx", false},
        {"[a-c]", "b", true},
        {"[a-c]", "d", false},
        {"[!a-c]", "d", true},
        {"[!a-c]", "a", false},
        {"[^a]", "b", true},
        {"[]]", "]", true},
        {"[a", "[a", true}, /* an unclosed '[' is itself */
        {"\\*", "*", true},
        {"\\*", "a", false},
        {"a.b", "a.b", true},
        {"a.b", "aXb", false},
        {"*.txt", "allow.txt", true},
        {"api.*", "api.v2", true},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (nc_glob_match(cases[i].pat, cases[i].s) != cases[i].match)
            fail_msg("'%s' against '%s': want %d", cases[i].pat, cases[i].s,
                     cases[i].match);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance),     cmocka_unit_test(test_tolower),
        cmocka_unit_test(test_case_compare), cmocka_unit_test(test_appendf),
        cmocka_unit_test(test_glob),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
