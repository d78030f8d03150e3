/* dns.c's reply handling (dns_reply, dns_collect) on raw replies, without
 * a socket: dns_reply_feed hands them over as c-ares would. */
#ifndef _WIN32
#include <sys/select.h> /* fd_set, which ares.h uses */
#endif

#include <ares.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dns.h"
#include "fixture_alloc.h"
#include "nc.h"

/* a.test A 198.51.100.7, 198.51.100.8 */
static const unsigned char reply_a[] = {
    0x12, 0x34, 0x81, 0x80, 0,   1,    0, 2,    0,   0,  0,    0,    1,    'a',
    4,    't',  'e',  's',  't', 0,    0, 1,    0,   1,  0xc0, 0x0c, 0,    1,
    0,    1,    0,    0,    1,   0x2c, 0, 4,    198, 51, 100,  7,    0xc0, 0x0c,
    0,    1,    0,    1,    0,   0,    1, 0x2c, 0,   4,  198,  51,   100,  8,
};

/* a.test AAAA: no answer (NODATA) */
static const unsigned char reply_none[] = {
    0x12, 0x34, 0x81, 0x80, 0,   1,   0,   0, 0, 0,  0, 0,
    1,    'a',  4,    't',  'e', 's', 't', 0, 0, 28, 0, 1,
};

/* a.test A, claiming 5 answers and holding 1 */
static const unsigned char reply_short[] = {
    0x12, 0x34, 0x81, 0x80, 0,   1,    0, 5, 0,   0,  0,    0,    1, 'a',
    4,    't',  'e',  's',  't', 0,    0, 1, 0,   1,  0xc0, 0x0c, 0, 1,
    0,    1,    0,    0,    1,   0x2c, 0, 4, 198, 51, 100,  7,
};

struct got {
    int calls;
    struct dns_answer ans;
};

static void done(void *ud, const struct dns_answer *ans)
{
    struct got *g = ud;

    g->calls++;
    g->ans = *ans;
}

static void test_reply_addresses(void **state)
{
    struct got g;

    (void)state;
    memset(&g, 0, sizeof(g));
    assert_int_equal(dns_reply_feed("a.test", ARES_SUCCESS, reply_a,
                                    sizeof(reply_a), reply_none,
                                    sizeof(reply_none), done, &g),
                     0);
    assert_int_equal(g.calls, 1);
    assert_int_equal(g.ans.facts.a, NC_DNS_OK);
    assert_int_equal(g.ans.facts.aaaa, NC_DNS_NODATA);
    assert_int_equal(g.ans.n_addrs, 2);
    assert_int_equal(g.ans.addrs[0].family, 4);
    assert_memory_equal(g.ans.addrs[1].bytes, "\xc6\x33\x64\x08", 4);
    assert_string_equal(g.ans.facts.server, "192.0.2.53");
}

/* many.test A: n records 203.0.113.0 + i, built into buf (RFC 1035
 * §4.1, the name compressed to the question).  \return its length */
static size_t reply_many(unsigned char *buf, size_t size, unsigned n)
{
    static const unsigned char head[] = {
        0x12, 0x34, 0x81, 0x80, 0,   1,   0,   0,   0, 0, 0, 0, 4, 'm',
        'a',  'n',  'y',  4,    't', 'e', 's', 't', 0, 0, 1, 0, 1};
    size_t len = sizeof(head);
    unsigned i;

    assert_true(len + 16u * n <= size && n < 256);
    memcpy(buf, head, len);
    buf[7] = (unsigned char)n;
    for (i = 0; i < n; i++) {
        const unsigned char rr[] = {
            0xc0, 0x0c, 0, 1, 0,   1, 0,   0,
            1,    0x2c, 0, 4, 203, 0, 113, (unsigned char)i};

        memcpy(buf + len, rr, sizeof(rr));
        len += sizeof(rr);
    }
    return len;
}

/* However many addresses the reply holds: the first
 * NC_MAX_ADDRS_PER_FAMILY are kept in order, all are counted. */
static void test_reply_many(void **state)
{
    static const unsigned counts[] = {1, 63, 64, 65, 100, 255};
    unsigned char buf[4200];
    size_t i, j;

    (void)state;
    for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        unsigned n = counts[i];
        size_t want = n < NC_MAX_ADDRS_PER_FAMILY ? n : NC_MAX_ADDRS_PER_FAMILY;
        size_t len = reply_many(buf, sizeof(buf), n);
        struct got g;

        memset(&g, 0, sizeof(g));
        assert_int_equal(dns_reply_feed("many.test", ARES_SUCCESS, buf,
                                        (int)len, reply_none,
                                        sizeof(reply_none), done, &g),
                         0);
        assert_int_equal(g.calls, 1);
        assert_int_equal(g.ans.facts.a, NC_DNS_OK);
        assert_int_equal(g.ans.n_addrs, want);
        assert_int_equal(g.ans.n_total, n);
        for (j = 0; j < want; j++)
            assert_int_equal(g.ans.addrs[j].bytes[3], j);
    }
}

/* What c-ares makes of a reply whose counts lie, and of a status that
 * is not a success, reaches the facts with no address. */
static void test_reply_bad(void **state)
{
    struct got g;

    (void)state;
    memset(&g, 0, sizeof(g));
    assert_int_equal(dns_reply_feed("a.test", ARES_SUCCESS, reply_short,
                                    sizeof(reply_short), reply_none, 3, done,
                                    &g),
                     0);
    assert_int_equal(g.calls, 1);
    /* Broken replies are the resolver's: never "no record". */
    assert_int_equal(g.ans.facts.aaaa, NC_DNS_INVALID);
    assert_int_equal(g.ans.facts.a, NC_DNS_INVALID);
    memset(&g, 0, sizeof(g));
    assert_int_equal(
        dns_reply_feed("a.test", ARES_ESERVFAIL, NULL, 0, NULL, 0, done, &g),
        0);
    assert_int_equal(g.ans.facts.a, NC_DNS_SERVFAIL);
    assert_int_equal(g.ans.n_addrs, 0);
    assert_int_equal(
        dns_reply_feed("a.test", ARES_ECONNREFUSED, NULL, 0, NULL, 0, done, &g),
        NC_EINVAL);
}

/* The one mapping of c-ares statuses to outcomes: a closed or unrouted
 * resolver, a malformed or truncated reply, and the rcodes. */
struct outcome_case {
    int status;
    bool diag, truncated;
    enum nc_dns_outcome want;
};

static const struct outcome_case outcome_cases[] = {
    {ARES_SUCCESS, false, false, NC_DNS_OK},
    {ARES_SUCCESS, true, true, NC_DNS_OK}, /* records came: usable */
    {ARES_ENODATA, false, false, NC_DNS_NODATA},
    {ARES_ENODATA, true, false, NC_DNS_NODATA},
    /* Truncated, and TCP did not complete it: no "no record" claim. */
    {ARES_ENODATA, true, true, NC_DNS_INVALID},
    {ARES_ENOTFOUND, false, false, NC_DNS_NXDOMAIN},
    {ARES_ESERVFAIL, true, false, NC_DNS_SERVFAIL},
    {ARES_EREFUSED, true, false, NC_DNS_REFUSED},
    {ARES_ETIMEOUT, false, false, NC_DNS_TIMEOUT},
    {ARES_ETIMEOUT, true, false, NC_DNS_TIMEOUT},
    /* The main channel folds SERVFAIL and REFUSED into ECONNREFUSED: it
     * means nothing until the diagnostic channel says it again. */
    {ARES_ECONNREFUSED, false, false, NC_DNS_ERROR},
    {ARES_ECONNREFUSED, true, false, NC_DNS_UNREACHABLE},
    {ARES_EBADRESP, false, false, NC_DNS_INVALID},
    {ARES_EBADRESP, true, false, NC_DNS_INVALID},
    {ARES_EFORMERR, true, false, NC_DNS_INVALID},
    {ARES_ENOTIMP, true, false, NC_DNS_INVALID},
    {ARES_ENOMEM, false, false, NC_DNS_ERROR},
    {ARES_EBADNAME, false, false, NC_DNS_ERROR},
};

static void test_outcome_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(outcome_cases) / sizeof(outcome_cases[0]); i++) {
        const struct outcome_case *tc = &outcome_cases[i];
        enum nc_dns_outcome got =
            dns_outcome(tc->status, tc->diag, tc->truncated);

        if (got != tc->want)
            fail_msg("case %u (%s, diag %d, tc %d): outcome %d, want %d",
                     (unsigned)i, ares_strerror(tc->status), tc->diag,
                     tc->truncated, (int)got, (int)tc->want);
    }
}

static int alloc_feed(void)
{
    struct got g;
    int r;

    memset(&g, 0, sizeof(g));
    r = dns_reply_feed("a.test", ARES_SUCCESS, reply_a, sizeof(reply_a),
                       reply_none, sizeof(reply_none), done, &g);
    /* The answer comes exactly when the lookup could start. */
    if (g.calls != (r == 0 ? 1 : 0))
        return NC_EINTERNAL;
    if (r == 0 && g.ans.n_addrs != 2)
        return NC_EINTERNAL;
    return r;
}

static void test_alloc_failures(void **state)
{
    static const struct fx_alloc_case cases[] = {
        {"dns_reply_feed", alloc_feed, 1},
    };

    (void)state;
    fx_alloc_failures(cases, sizeof(cases) / sizeof(cases[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reply_addresses),
        cmocka_unit_test(test_reply_bad),
        cmocka_unit_test(test_reply_many),
        cmocka_unit_test(test_outcome_table),
        cmocka_unit_test(test_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
