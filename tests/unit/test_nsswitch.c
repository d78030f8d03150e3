/* nsswitch.c: the hosts line of nsswitch.conf parsed as glibc 2.36 does,
 * from strings and from data/nsswitch_sample; glibc's default; the
 * decision of which service comes next; what DNS outcomes count as. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "file.h"
#include "nc.h"
#include "nsswitch.h"

#define SAMPLE NC_TEST_DATA "/nsswitch_sample"

struct parse_case {
    const char *text;
    int rc;
    const char *order; /* nsswitch_hosts_format; NULL with an error */
    unsigned line;     /* of the hosts line, or of the error */
};

/* A file read the way the program reads /etc/nsswitch.conf
 * (run_resolve.c): nc_file_read, then nsswitch_hosts_parse_buf. */
static int load_nsswitch(const char *path, struct nsswitch_hosts *out,
                         struct nc_diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    int r = nc_file_read(path, NSSWITCH_MAX_BYTES, &buf, &len, d);

    if (r == 0)
        r = nsswitch_hosts_parse_buf(buf, len, path, out, d);
    nc_free(buf);
    return r;
}

static const struct parse_case parse_cases[] = {
    /* No hosts line: glibc's default (nss_database.c), line 0. */
    {"", 0, "files dns", 0},
    {"passwd: files\n", 0, "files dns", 0},
    {"hosts: files dns\n", 0, "files dns", 1},
    {"hosts: dns files\n", 0, "dns files", 1},
    {"\n  hosts:\tfiles   dns  \n", 0, "files dns", 2},
    /* The colon is optional, and several may follow the name. */
    {"hosts files dns\n", 0, "files dns", 1},
    {"hosts::: files\n", 0, "files", 1},
    /* The last hosts line wins. */
    {"hosts: dns\nhosts: files\n", 0, "files", 2},
    /* A commented line is a database named "#hosts": ignored. */
    {"#hosts: dns\nhosts: files dns\n", 0, "files dns", 2},
    /* Names are case-sensitive: "Hosts" is no database. */
    {"Hosts: dns\n", 0, "files dns", 0},
    /* A name alone at the end of the file is a syntax error glibc skips;
     * with a newline it is a hosts line with no service. */
    {"hosts", 0, "files dns", 0},
    {"hosts\n", 0, "", 1},
    {"hosts:\n", 0, "", 1},
    /* Actions: case-insensitive; "!" sets all the others. */
    {"hosts: files [NOTFOUND=return] dns\n", 0, "files [NOTFOUND=return] dns",
     1},
    {"hosts: files [notfound=RETURN] dns\n", 0, "files [NOTFOUND=return] dns",
     1},
    {"hosts: dns [!UNAVAIL=return] files\n", 0,
     "dns [NOTFOUND=return TRYAGAIN=return] files", 1},
    {"hosts: files [SUCCESS=continue] dns\n", 0, "files [SUCCESS=continue] dns",
     1},
    {"hosts: files[ NOTFOUND = return UNAVAIL=return ]dns\n", 0,
     "files [NOTFOUND=return UNAVAIL=return] dns", 1},
    {"hosts: files [NOTFOUND=merge] dns\n", 0, "files dns", 1},
    /* A trailing comment is read as more (unavailable) services. */
    {"hosts: files dns # local first\n", 0, "files dns # local first", 1},
    /* "[" where a service belongs ends the list. */
    {"hosts: [NOTFOUND=return] files\n", 0, "", 1},
    {"hosts: files dns\r\n", 0, "files dns", 1},
    /* Bad action lists on a known database: glibc rejects the file. */
    {"hosts: files [FOUND=return] dns\n", NC_EPARSE, NULL, 1},
    {"hosts: files [NOTFOUND=stop] dns\n", NC_EPARSE, NULL, 1},
    {"hosts: files [NOTFOUND return] dns\n", NC_EPARSE, NULL, 1},
    {"hosts: files [NOTFOUND=return\n", NC_EPARSE, NULL, 1},
    {"hosts: files\npasswd: files [BAD=return]\n", NC_EPARSE, NULL, 2},
    /* ... but not on a line glibc does not know. */
    {"sudoers: files [BAD=return]\nhosts: dns\n", 0, "dns", 2},
};

static void test_parse_cases(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
        const struct parse_case *c = &parse_cases[i];
        struct nsswitch_hosts h;
        struct nc_diag d;
        char got[256];
        int rc;

        memset(&d, 0, sizeof(d));
        memset(&h, 0x5a, sizeof(h));
        rc = nsswitch_hosts_parse_buf(c->text, strlen(c->text), "t", &h, &d);
        if (rc != c->rc)
            fail_msg("case %zu '%s': rc %d, want %d (%s)", i, c->text, rc,
                     c->rc, d.msg);
        if (rc != 0) {
            assert_int_equal(d.line, c->line);
            assert_string_equal(d.file, "t");
            assert_true(d.col > 0);
            continue;
        }
        nsswitch_hosts_format(&h, got, sizeof(got));
        if (strcmp(got, c->order) != 0 || h.line != c->line)
            fail_msg("case %zu '%s': got '%s' line %u, want '%s' line %u", i,
                     c->text, got, h.line, c->order, c->line);
    }
}

static void test_sample_file(void **state)
{
    struct nsswitch_hosts h;
    struct nc_diag d;
    char got[256];

    (void)state;
    memset(&d, 0, sizeof(d));
    assert_int_equal(load_nsswitch(SAMPLE, &h, &d), 0);
    assert_int_equal(h.line, 5);
    assert_int_equal(h.n, 4);
    assert_int_equal(h.s[0].svc, NSSWITCH_SVC_FILES);
    assert_int_equal(h.s[1].svc, NSSWITCH_SVC_OTHER);
    assert_string_equal(h.s[1].name, "mdns4_minimal");
    assert_int_equal(h.s[2].svc, NSSWITCH_SVC_DNS);
    assert_int_equal(h.s[3].svc, NSSWITCH_SVC_OTHER);
    nsswitch_hosts_format(&h, got, sizeof(got));
    assert_string_equal(got,
                        "files mdns4_minimal [NOTFOUND=return] dns myhostname");
    /* Missing: NC_EIO, and the caller takes the default. */
    assert_int_equal(load_nsswitch(NC_TEST_DATA "/no-such-nsswitch", &h, &d),
                     NC_EIO);
}

struct next_case {
    const char *line;
    size_t i;
    enum nsswitch_status st;
    int next;
};

static const struct next_case next_cases[] = {
    /* "files dns": files found stops, as glibc does. */
    {"hosts: files dns", 0, NSSWITCH_SUCCESS, -1},
    {"hosts: files dns", 0, NSSWITCH_NOTFOUND, 1},
    {"hosts: files dns", 0, NSSWITCH_UNAVAIL, 1},
    {"hosts: files dns", 1, NSSWITCH_NOTFOUND, -1},
    {"hosts: dns files", 0, NSSWITCH_NOTFOUND, 1},
    {"hosts: dns files", 0, NSSWITCH_SUCCESS, -1},
    {"hosts: files [NOTFOUND=return] dns", 0, NSSWITCH_NOTFOUND, -1},
    {"hosts: files [NOTFOUND=return] dns", 0, NSSWITCH_UNAVAIL, 1},
    {"hosts: dns [!UNAVAIL=return] files", 0, NSSWITCH_UNAVAIL, 1},
    {"hosts: dns [!UNAVAIL=return] files", 0, NSSWITCH_NOTFOUND, -1},
    {"hosts: dns [!UNAVAIL=return] files", 0, NSSWITCH_SUCCESS, -1},
    {"hosts: files [SUCCESS=continue] dns", 0, NSSWITCH_SUCCESS, 1},
    {"hosts:", 0, NSSWITCH_NOTFOUND, -1},
};

static void test_next(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(next_cases) / sizeof(next_cases[0]); i++) {
        const struct next_case *c = &next_cases[i];
        struct nsswitch_hosts h;
        struct nc_diag d;
        char text[128];

        (void)snprintf(text, sizeof(text), "%s\n", c->line);
        assert_int_equal(
            nsswitch_hosts_parse_buf(text, strlen(text), "t", &h, &d), 0);
        if (nsswitch_hosts_next(&h, c->i, c->st) != c->next)
            fail_msg("case %zu '%s' after %zu %s: got %d, want %d", i, c->line,
                     c->i, nsswitch_status_name(c->st),
                     nsswitch_hosts_next(&h, c->i, c->st), c->next);
    }
}

struct dns_case {
    enum nc_dns_outcome a, aaaa;
    size_t n;
    enum nsswitch_status st;
};

static const struct dns_case dns_cases[] = {
    {NC_DNS_OK, NC_DNS_NODATA, 1, NSSWITCH_SUCCESS},
    {NC_DNS_OK, NC_DNS_TIMEOUT, 1, NSSWITCH_SUCCESS},
    {NC_DNS_NXDOMAIN, NC_DNS_NXDOMAIN, 0, NSSWITCH_NOTFOUND},
    {NC_DNS_NODATA, NC_DNS_NODATA, 0, NSSWITCH_NOTFOUND},
    {NC_DNS_NXDOMAIN, NC_DNS_NODATA, 0, NSSWITCH_NOTFOUND},
    {NC_DNS_SERVFAIL, NC_DNS_NXDOMAIN, 0, NSSWITCH_UNAVAIL},
    {NC_DNS_TIMEOUT, NC_DNS_TIMEOUT, 0, NSSWITCH_UNAVAIL},
    {NC_DNS_REFUSED, NC_DNS_REFUSED, 0, NSSWITCH_UNAVAIL},
    {NC_DNS_ERROR, NC_DNS_ERROR, 0, NSSWITCH_UNAVAIL},
};

static void test_dns_status(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(dns_cases) / sizeof(dns_cases[0]); i++)
        assert_int_equal(nsswitch_dns_status(dns_cases[i].a, dns_cases[i].aaaa,
                                             dns_cases[i].n),
                         dns_cases[i].st);
}

static void test_default(void **state)
{
    struct nsswitch_hosts h;
    char got[64];

    (void)state;
    nsswitch_hosts_default(&h);
    nsswitch_hosts_format(&h, got, sizeof(got));
    assert_string_equal(got, "files dns");
    assert_int_equal(h.line, 0);
    assert_int_equal(nsswitch_hosts_next(&h, 0, NSSWITCH_SUCCESS), -1);
    assert_int_equal(nsswitch_hosts_next(&h, 0, NSSWITCH_NOTFOUND), 1);
}

/* The parser allocates nothing (fixed arrays), so it cannot run out of
 * memory: with every allocation failing it still parses. */
static void test_no_alloc(void **state)
{
    static const char text[] =
        "passwd: files\n"
        "hosts: files [!NOTFOUND=return] dns myhostname\n";
    struct nsswitch_hosts h;
    struct nc_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    (void)nc_alloc_fail_after(0);
    assert_int_equal(
        nsswitch_hosts_parse_buf(text, sizeof(text) - 1, "t", &h, &d), 0);
    assert_int_equal(nc_alloc_fail_after(-1), 0);
    assert_int_equal(h.n, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_cases), cmocka_unit_test(test_sample_file),
        cmocka_unit_test(test_next),        cmocka_unit_test(test_dns_status),
        cmocka_unit_test(test_default),     cmocka_unit_test(test_no_alloc),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
