/* msg.c: every message on standard error goes through the terminal
 * escaper, whatever its length, and parser diagnostics keep their form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "msg.h"
#include "nc.h"
#include "str.h"

/* Run fn with stderr sent to a temporary file; return what it wrote. */
static char *capture_stderr(void (*fn)(const void *), const void *arg)
{
    FILE *tmp = tmpfile();
    int saved;
    long len;
    char *buf;

    assert_non_null(tmp);
    fflush(stderr);
    saved = dup(fileno(stderr));
    assert_true(saved >= 0);
    assert_true(dup2(fileno(tmp), fileno(stderr)) >= 0);
    fn(arg);
    fflush(stderr);
    assert_true(dup2(saved, fileno(stderr)) >= 0);
    close(saved);
    len = ftell(tmp);
    assert_true(len >= 0);
    buf = malloc((size_t)len + 1);
    assert_non_null(buf);
    rewind(tmp);
    assert_int_equal(fread(buf, 1, (size_t)len, tmp), (size_t)len);
    buf[len] = '\0';
    fclose(tmp);
    return buf;
}

static void say_arg(const void *arg)
{
    cli_err("unexpected argument '%s'", (const char *)arg);
}

static void say_diag(const void *arg)
{
    cli_print_diag(arg);
}

static void test_err_escapes(void **state)
{
    char *got;

    (void)state;
    got = capture_stderr(say_arg, "x\033]0;pwned\007\xff\xe2\x80\xae\xc2\x9b");
    assert_string_equal(got, "netcheck: unexpected argument "
                             "'x\\x1b]0;pwned\\x07\\xff\\u202e\\u009b'\n");
    free(got);
}

/* Past the stack buffer: the whole message, escaped, no cut. */
static void test_err_long(void **state)
{
    char arg[3001], *got, *want;
    size_t i, o = 0;

    (void)state;
    for (i = 0; i < 1000; i++)
        memcpy(arg + 3 * i, "a\033b", 3);
    arg[3000] = '\0';
    want = malloc(6000 + 64);
    assert_non_null(want);
    o += (size_t)snprintf(want, 64, "netcheck: unexpected argument '");
    for (i = 0; i < 1000; i++) {
        memcpy(want + o, "a\\x1bb", 6);
        o += 6;
    }
    memcpy(want + o, "'\n", 3);
    got = capture_stderr(say_arg, arg);
    assert_string_equal(got, want);
    free(got);
    free(want);
}

static void test_diag(void **state)
{
    struct nc_diag d;
    char *got;

    (void)state;
    memset(&d, 0, sizeof(d));
    (void)nc_strlcpy(d.file, "p\033[2J.ini", sizeof(d.file));
    d.line = 5;
    (void)nc_strlcpy(d.msg, "unknown key 'tim\xe2\x80\xae'", sizeof(d.msg));
    got = capture_stderr(say_diag, &d);
    assert_string_equal(
        got, "netcheck: p\\x1b[2J.ini:5: unknown key 'tim\\u202e'\n");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_err_escapes),
        cmocka_unit_test(test_err_long),
        cmocka_unit_test(test_diag),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
