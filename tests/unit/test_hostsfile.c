/* hostsfile.c: hosts(5) parsed as glibc's "files" reads it for
 * getaddrinfo, from a string and from data/hosts_sample; lookups by name
 * (case, aliases, both families, duplicates, per-family caps), lines glibc
 * ignores, limits and allocation failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cidr.h"
#include "file.h"
#include "hostsfile.h"
#include "fixture_parse.h"
#include "nc.h"

#define SAMPLE NC_TEST_DATA "/hosts_sample"

/* A file read the way the program reads /etc/hosts (run_resolve.c):
 * nc_file_read with the parser's ceiling, then hostsfile_parse_buf. */
static int load_hosts(const char *path, struct hostsfile **out,
                      struct nc_diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    int r = nc_file_read(path, HOSTSFILE_MAX_BYTES, &buf, &len, d);

    if (r == 0)
        r = hostsfile_parse_buf(buf, len, path, out, d);
    nc_free(buf);
    return r;
}

/* state: [0] loaded from the file, [1] parsed from its text. */
static int setup(void **state)
{
    struct hostsfile **h = calloc(2, sizeof(*h));
    struct nc_diag d;
    size_t len;
    char *text;

    if (h == NULL)
        return -1;
    memset(&d, 0, sizeof(d));
    if (load_hosts(SAMPLE, &h[0], &d) != 0)
        return -1;
    text = fx_read_text(SAMPLE, &len);
    if (hostsfile_parse_buf(text, len, "sample", &h[1], &d) != 0)
        return -1;
    free(text);
    *state = h;
    return 0;
}

static int teardown(void **state)
{
    struct hostsfile **h = *state;

    hostsfile_free(h[0]);
    hostsfile_free(h[1]);
    free(h);
    return 0;
}

struct want {
    const char *name;
    const char *addrs; /* "IP@LINE IP@LINE", IPv4 first; "" none */
};

static const struct want sample_wants[] = {
    {"localhost", "127.0.0.1@3 ::1@4"},
    {"LOCALHOST", "127.0.0.1@3 ::1@4"},
    {"ip6-loopback", "::1@4"},
    /* Every line counts, case-insensitively; a repeated address once. */
    {"backupvault.privatelink.blob.core.windows.net",
     "10.1.2.4@6 10.1.2.5@7 fd00::5@8"},
    {"vault", "10.1.2.4@6"},
    {"indented.example", "198.51.100.7@12"},
    /* Comments end a line wherever they start. */
    {"comment", ""},
    {"right", ""},
    {"commented.example", ""},
    /* A bad address or inet_aton's shorthand: the line is ignored. */
    {"broken.example", ""},
    {"shorthand.example", ""},
    {"not-an-address", ""},
    /* A trailing dot is another name, as in glibc. */
    {"localhost.", ""},
    {"", ""},
    {"unknown.example", ""},
};

static void format_hits(const struct hostsfile_addr *hit, size_t n, char *buf,
                        size_t len)
{
    size_t i, used = 0;

    buf[0] = '\0';
    for (i = 0; i < n; i++) {
        char ip[NC_ADDRSTRLEN];

        nc_addr_format(&hit[i].addr, ip, sizeof(ip));
        used += (size_t)snprintf(buf + used, len - used, "%s%s@%u",
                                 i ? " " : "", ip, hit[i].line);
    }
}

static void test_sample_lookups(void **state)
{
    struct hostsfile **h = *state;
    size_t i, k;

    for (k = 0; k < 2; k++) {
        assert_int_equal(hostsfile_count(h[k]), 10);
        for (i = 0; i < sizeof(sample_wants) / sizeof(sample_wants[0]); i++) {
            struct hostsfile_addr hit[8];
            char got[256];
            size_t n = hostsfile_lookup(h[k], sample_wants[i].name, hit, 4);

            format_hits(hit, n, got, sizeof(got));
            if (strcmp(got, sample_wants[i].addrs) != 0)
                fail_msg("[%zu] '%s': got '%s', want '%s'", k,
                         sample_wants[i].name, got, sample_wants[i].addrs);
        }
    }
}

struct buf_case {
    const char *text;
    const char *name;
    size_t per_family;
    const char *addrs;
};

static const struct buf_case buf_cases[] = {
    {"", "a", 4, ""},
    {"\n\n\n", "a", 4, ""},
    /* No newline at the end; CRLF line ends. */
    {"198.51.100.1 a", "a", 4, "198.51.100.1@1"},
    {"198.51.100.1 a\r\n198.51.100.2 a\r\n", "a", 4,
     "198.51.100.1@1 198.51.100.2@2"},
    /* IPv6 before IPv4 in the file: IPv4 still comes first. */
    {"2001:db8::1 a\n198.51.100.1 a\n", "a", 4, "198.51.100.1@2 2001:db8::1@1"},
    /* Per-family cap: the first lines win. */
    {"198.51.100.1 a\n198.51.100.2 a\n198.51.100.3 a\n2001:db8::1 a\n"
     "2001:db8::2 a\n2001:db8::3 a\n",
     "a", 2, "198.51.100.1@1 198.51.100.2@2 2001:db8::1@4 2001:db8::2@5"},
    /* Zone ids, brackets and CIDR are not addresses here. */
    {"fe80::1%eth0 a\n[2001:db8::1] a\n198.51.100.0/24 a\n", "a", 4, ""},
    /* An address alone names nothing. */
    {"198.51.100.1\n198.51.100.2   \n", "a", 4, ""},
    /* A NUL byte ends its line, as glibc reads C strings. */
    {"198.51.100.1 x\0a\n198.51.100.2 a\n", "a", 4, "198.51.100.2@2"},
    /* Vertical tab and form feed separate fields too (isspace). */
    {"198.51.100.1\va\fb\n", "b", 4, "198.51.100.1@1"},
};

static void test_from_buffers(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(buf_cases) / sizeof(buf_cases[0]); i++) {
        const struct buf_case *c = &buf_cases[i];
        size_t len = strlen(c->text);
        struct hostsfile *h = NULL;
        struct hostsfile_addr hit[16];
        struct nc_diag d;
        char got[256];
        size_t n;

        /* The NUL case: its text runs past the first NUL. */
        if (strstr(c->text, " x") != NULL)
            len = sizeof("198.51.100.1 x\0a\n198.51.100.2 a\n") - 1;
        memset(&d, 0, sizeof(d));
        assert_int_equal(hostsfile_parse_buf(c->text, len, "t", &h, &d), 0);
        n = hostsfile_lookup(h, c->name, hit, c->per_family);
        format_hits(hit, n, got, sizeof(got));
        if (strcmp(got, c->addrs) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, got, c->addrs);
        hostsfile_free(h);
    }
}

static void test_missing_file(void **state)
{
    struct hostsfile *h = NULL;
    struct nc_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    assert_int_equal(load_hosts(NC_TEST_DATA "/no-such-hosts", &h, &d), NC_EIO);
    assert_null(h);
    assert_non_null(strstr(d.file, "no-such-hosts"));
    assert_int_equal(hostsfile_lookup(NULL, "a", NULL, 4), 0);
    hostsfile_free(NULL);
}

static void test_too_large(void **state)
{
    struct hostsfile *h = NULL;
    struct nc_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    /* The length alone decides: nothing is read past the buffer. */
    assert_int_equal(
        hostsfile_parse_buf("", HOSTSFILE_MAX_BYTES + 1u, "big", &h, &d),
        NC_ELIMIT);
    assert_null(h);
    assert_string_equal(d.file, "big");
}

/* Fail each allocation in turn: ENOMEM, nothing leaked, out untouched. */
static void test_alloc_failures(void **state)
{
    static const char text[] = "198.51.100.1 a b\n2001:db8::1 a\n";
    struct hostsfile *h = NULL;
    struct nc_diag d;
    long i, total;

    (void)state;
    (void)nc_alloc_fail_after(-1);
    assert_int_equal(hostsfile_parse_buf(text, sizeof(text) - 1, "t", &h, &d),
                     0);
    total = nc_alloc_fail_after(-1);
    hostsfile_free(h);
    assert_true(total >= 3);
    for (i = 0; i < total; i++) {
        h = NULL;
        (void)nc_alloc_fail_after(i);
        assert_int_equal(
            hostsfile_parse_buf(text, sizeof(text) - 1, "t", &h, &d),
            NC_ENOMEM);
        (void)nc_alloc_fail_after(-1);
        assert_null(h);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sample_lookups, setup, teardown),
        cmocka_unit_test(test_from_buffers),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
