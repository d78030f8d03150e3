/* file.c: the one whole-file reader. A regular file is read whole; a
 * FIFO, a directory or a device is refused at once (a FIFO would block in
 * open() for ever), and a file over the ceiling is refused by its size
 * before it is read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "file.h"
#include "fixture_port.h"
#include "nc.h"

struct tmp {
    char dir[256];
    char path[320];
};

static int tmp_setup(void **state)
{
    struct tmp *t = calloc(1, sizeof(*t));

    if (t == NULL)
        return -1;
    if (fx_mkdtemp(t->dir, sizeof(t->dir), "nc-test-file") != 0) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

static int tmp_teardown(void **state)
{
    struct tmp *t = *state;

    if (t->path[0] != '\0') {
        (void)unlink(t->path);
        (void)rmdir(t->path);
    }
    (void)rmdir(t->dir);
    free(t);
    return 0;
}

static void tmp_write(struct tmp *t, const char *name, const char *text)
{
    FILE *f;

    (void)snprintf(t->path, sizeof(t->path), "%s/%s", t->dir, name);
    f = fopen(t->path, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

struct read_case {
    const char *text;
    size_t max;
    int rc;
    const char *msg; /* substring of the diagnostic, or NULL */
};

static const struct read_case read_cases[] = {
    {"h", 10, 0, NULL}, /* one byte: the old reader read none of it */
    {"0123456789", 10, 0, NULL},
    {"0123456789A", 10, NC_ELIMIT, "larger than 10 bytes"},
    {"", 10, 0, NULL},
};

static void test_regular_table(void **state)
{
    struct tmp *t = *state;
    size_t i;

    for (i = 0; i < sizeof(read_cases) / sizeof(read_cases[0]); i++) {
        const struct read_case *k = &read_cases[i];
        struct nc_diag d;
        char *buf = NULL;
        size_t len = 99;
        int r;

        memset(&d, 0, sizeof(d));
        tmp_write(t, "f", k->text);
        r = nc_file_read(t->path, k->max, &buf, &len, &d);
        assert_int_equal(r, k->rc);
        if (r == 0) {
            assert_int_equal(len, strlen(k->text));
            assert_string_equal(buf, k->text);
        } else {
            assert_null(buf);
            assert_string_equal(d.file, t->path);
            assert_non_null(strstr(d.msg, k->msg));
        }
        nc_free(buf);
        (void)unlink(t->path);
    }
}

/* A FIFO with no writer: the old reader blocked in open() for ever. The
 * alarm turns a hang into a failure. */
static void test_fifo_refused(void **state)
{
#ifdef _WIN32
    (void)state;
    FX_LINUX_ONLY("Windows has no FIFOs in the file system (mkfifo)");
#else
    struct tmp *t = *state;
    struct nc_diag d;
    char *buf = NULL;
    size_t len = 0;

    memset(&d, 0, sizeof(d));
    (void)snprintf(t->path, sizeof(t->path), "%s/fifo", t->dir);
    assert_int_equal(mkfifo(t->path, 0600), 0);
    (void)alarm(10);
    assert_int_equal(nc_file_read(t->path, 100, &buf, &len, &d), NC_EIO);
    (void)alarm(0);
    assert_null(buf);
    assert_non_null(strstr(d.msg, "not a regular file"));
    assert_non_null(strstr(d.msg, "'-'"));
#endif
}

static void test_directory_and_device_refused(void **state)
{
    struct tmp *t = *state;
    struct nc_diag d;
    const char *dev;
    char *buf = NULL;
    size_t len = 0;

    memset(&d, 0, sizeof(d));
    assert_int_equal(nc_file_read(t->dir, 100, &buf, &len, &d), NC_EIO);
    assert_non_null(strstr(d.msg, "directory"));
    memset(&d, 0, sizeof(d));
#ifdef _WIN32
    dev = "NUL"; /* a character device, like /dev/zero */
#else
    dev = "/dev/zero"; /* never ends: must not be read up to the ceiling */
#endif
    assert_int_equal(nc_file_read(dev, 1u << 30, &buf, &len, &d), NC_EIO);
    assert_null(buf);
    assert_non_null(strstr(d.msg, "not a regular file"));
    memset(&d, 0, sizeof(d));
    assert_int_equal(nc_file_read("/no/such/file", 100, &buf, &len, &d),
                     NC_EIO);
    assert_non_null(strstr(d.msg, "cannot open"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_regular_table, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(test_fifo_refused, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(test_directory_and_device_refused,
                                        tmp_setup, tmp_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
