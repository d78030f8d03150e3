/* env.c: environment lists, and /proc/PID/environ blocks (env_load_block),
 * which the process itself may have rewritten. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "env.h"
#include "fixture_alloc.h"
#include "nc.h"

/* A block with its length given, since it holds NUL bytes. */
#define BLOCK(s) s, sizeof(s) - 1

static const struct {
    const char *block;
    size_t len;
    const char *want; /* the variables kept, "|"-joined, in order */
} block_cases[] = {
    {BLOCK(""), ""},
    {BLOCK("A=1"), "A=1"}, /* no final NUL: still an entry */
    {BLOCK("A=1\0B=2\0"), "A=1|B=2"},
    {BLOCK("A=1\0A=2\0"), "A=2"}, /* the last one wins, in place */
    {BLOCK("noequals\0=x\0\0\0C=\0"), "C="},
    {BLOCK("X=a=b\0Y==\0"), "X=a=b|Y=="},
    {BLOCK("T=\x1b[2J\x07\0"), "T=\x1b[2J\x07"}, /* kept; escaped on output */
};

static void join(const struct nc_env *env, char *dst, size_t n)
{
    size_t i, used = 0;

    dst[0] = '\0';
    for (i = 0; i < env->n; i++)
        used += (size_t)snprintf(dst + used, n - used, "%s%s", i ? "|" : "",
                                 env->vars[i]);
}

static void test_load_block(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(block_cases) / sizeof(block_cases[0]); i++) {
        struct nc_env env = {NULL, 0};
        char got[256];

        assert_int_equal(
            env_load_block(&env, block_cases[i].block, block_cases[i].len), 0);
        join(&env, got, sizeof(got));
        assert_string_equal(got, block_cases[i].want);
        env_release(&env);
    }
}

/* More names than NC_ENV_MAX_VARS: refused, what was loaded kept. */
static void test_load_block_limit(void **state)
{
    size_t n = NC_ENV_MAX_VARS + 1, i, used = 0;
    char *buf = malloc(n * 16);
    struct nc_env env = {NULL, 0};

    (void)state;
    assert_non_null(buf);
    for (i = 0; i < n; i++)
        used +=
            (size_t)snprintf(buf + used, n * 16 - used, "V%zu=%zu", i, i) + 1;
    assert_int_equal(env_load_block(&env, buf, used), NC_ELIMIT);
    assert_int_equal(env.n, NC_ENV_MAX_VARS);
    assert_string_equal(env_get(&env, "V0"), "0");
    assert_null(env_get(&env, "V4096"));
    env_release(&env);
    free(buf);
}

/* ---- allocation failures ---- */

static int alloc_block(void)
{
    static const char b[] = "PATH=/bin\0HOME=/root\0PATH=/usr/bin\0"
                            "http_proxy=http://u:p@proxy:3128\0";
    struct nc_env env = {NULL, 0};
    int r = env_load_block(&env, b, sizeof(b) - 1);

    if (r == 0 && (env.n != 3 || strcmp(env_get(&env, "PATH"), "/usr/bin")))
        r = NC_EINTERNAL;
    env_release(&env);
    return r;
}

static int alloc_merge(void)
{
    struct nc_env a = {NULL, 0}, b = {NULL, 0};
    int r = env_set(&a, "A", "1");

    if (r == 0)
        r = env_set(&b, "A", "2");
    if (r == 0)
        r = env_put(&b, "B=3");
    if (r == 0)
        r = env_merge(&a, &b);
    if (r == 0 && (a.n != 2 || strcmp(env_get(&a, "A"), "2") != 0))
        r = NC_EINTERNAL;
    env_release(&a);
    env_release(&b);
    return r;
}

static void test_alloc_failures(void **state)
{
    static const struct fx_alloc_case cases[] = {
        {"env_load_block", alloc_block, 6},
        {"env_merge", alloc_merge, 6},
    };

    (void)state;
    fx_alloc_failures(cases, sizeof(cases) / sizeof(cases[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_block),
        cmocka_unit_test(test_load_block_limit),
        cmocka_unit_test(test_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
