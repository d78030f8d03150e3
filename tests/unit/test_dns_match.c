/* dns_match.c: replies against the queries sent, from raw messages (RFC
 * 1035 §4.1). Each case sends one query, feeds one reply, and checks the
 * kind and where it was counted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dns_match.h"

/* A query or reply for NAME (one label then "test"), type TYPE, id ID. */
static size_t msg_make(unsigned char *buf, uint16_t id, int qr,
                       const char *label, uint16_t type)
{
    size_t n = 0, l = strlen(label);

    buf[n++] = (unsigned char)(id >> 8);
    buf[n++] = (unsigned char)id;
    buf[n++] = qr ? 0x81 : 0x01;
    buf[n++] = qr ? 0x80 : 0x00;
    buf[n++] = 0; /* QDCOUNT 1 */
    buf[n++] = 1;
    memset(buf + n, 0, 6);
    n += 6;
    buf[n++] = (unsigned char)l;
    memcpy(buf + n, label, l);
    n += l;
    buf[n++] = 4;
    memcpy(buf + n, "test", 4);
    n += 4;
    buf[n++] = 0;
    buf[n++] = (unsigned char)(type >> 8);
    buf[n++] = (unsigned char)type;
    buf[n++] = 0; /* class IN */
    buf[n++] = 1;
    return n;
}

struct match_case {
    const char *name;
    uint16_t id;       /* the reply's ID (the query's is 0x1234) */
    const char *label; /* the reply's question (the query's is "a") */
    uint16_t type;     /* the reply's type (the query's is 1, A) */
    int qr;            /* the reply's QR bit */
    int garbage;       /* keep only the ID, then text */
    enum nc_dns_mismatch kind;
    unsigned bad_a; /* counted for a.test, type A */
    unsigned unattributed;
};

static const struct match_case cases[] = {
    {"the reply to the query", 0x1234, "a", 1, 1, 0, NC_DNS_MISMATCH_NONE, 0,
     0},
    {"the name in other case", 0x1234, "A", 1, 1, 0, NC_DNS_MISMATCH_NONE, 0,
     0},
    {"another ID", 0x4321, "a", 1, 1, 0, NC_DNS_MISMATCH_ID, 1, 0},
    {"another name", 0x1234, "b", 1, 1, 0, NC_DNS_MISMATCH_QUESTION, 1, 0},
    {"another type", 0x1234, "a", 28, 1, 0, NC_DNS_MISMATCH_QUESTION, 1, 0},
    {"the ID, then not DNS", 0x1234, "a", 1, 1, 1, NC_DNS_MISMATCH_NOT_DNS, 1,
     0},
    {"a query, not a reply", 0x1234, "a", 1, 0, 0, NC_DNS_MISMATCH_NOT_DNS, 1,
     0},
    {"neither ID nor question", 0x4321, "b", 1, 1, 0, NC_DNS_MISMATCH_ID, 0, 1},
    {"not DNS, another ID", 0x4321, "a", 1, 1, 1, NC_DNS_MISMATCH_NOT_DNS, 0,
     1},
};

static void test_match_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct match_case *c = &cases[i];
        struct dns_match *m = calloc(1, sizeof(*m));
        unsigned char q[300], r[300];
        size_t qn, rn;
        enum nc_dns_mismatch kind = NC_DNS_MISMATCH_MAX;
        unsigned bad;

        print_message("case: %s\n", c->name);
        assert_non_null(m);
        qn = msg_make(q, 0x1234, 0, "a", 1);
        dns_match_sent_add(m, q, qn);
        assert_int_equal(m->n, 1);
        rn = msg_make(r, c->id, c->qr, c->label, c->type);
        if (c->garbage) {
            memcpy(r + 2, "not a DNS message", 17);
            rn = 19;
        }
        assert_int_equal(dns_match_reply(m, r, rn), c->kind);
        bad = dns_match_bad_for(m, "a.test", 1, &kind);
        assert_int_equal(bad, c->bad_a);
        if (bad > 0)
            assert_int_equal(kind, c->kind);
        /* A final dot, and any case, name the same host. */
        assert_int_equal(dns_match_bad_for(m, "A.Test.", 1, &kind), c->bad_a);
        /* Never counted for the other family. */
        assert_int_equal(dns_match_bad_for(m, "a.test", 28, &kind), 0);
        assert_int_equal(m->n_unattributed, c->unattributed);
        free(m);
    }
}

/* Only one-question queries are remembered; a reply that is too short to
 * hold an ID is not DNS and names no query. */
static void test_match_bounds(void **state)
{
    struct dns_match *m = calloc(1, sizeof(*m));
    unsigned char q[300];
    enum nc_dns_mismatch kind = NC_DNS_MISMATCH_NONE;
    size_t qn;

    (void)state;
    assert_non_null(m);
    qn = msg_make(q, 0x1234, 0, "a", 1);
    dns_match_sent_add(m, q, 11);     /* short of a header */
    dns_match_sent_add(m, q, qn - 1); /* the class cut short */
    q[5] = 2;                         /* two questions */
    dns_match_sent_add(m, q, qn);
    assert_int_equal(m->n, 0);
    q[5] = 1;
    dns_match_sent_add(m, q, qn);
    assert_int_equal(m->n, 1);
    assert_int_equal(dns_match_reply(m, (const unsigned char *)"x", 1),
                     NC_DNS_MISMATCH_NOT_DNS);
    assert_int_equal(m->n_unattributed, 1);
    assert_int_equal(dns_match_bad_for(m, "a.test", 1, &kind), 0);
    free(m);
}

/* The ring keeps the newest DNS_MATCH_MAX queries: a reply to one it
 * forgot is not taken as a match, a reply to one it keeps is. */
static void test_match_ring(void **state)
{
    struct dns_match *m = calloc(1, sizeof(*m));
    unsigned char q[300], r[300];
    size_t qn, rn, i;

    (void)state;
    assert_non_null(m);
    for (i = 0; i < DNS_MATCH_MAX + 1; i++) {
        qn = msg_make(q, (uint16_t)i, 0, "a", 1);
        dns_match_sent_add(m, q, qn);
    }
    assert_int_equal(m->n, DNS_MATCH_MAX);
    rn = msg_make(r, DNS_MATCH_MAX, 1, "a", 1);
    assert_int_equal(dns_match_reply(m, r, rn), NC_DNS_MISMATCH_NONE);
    rn = msg_make(r, 0, 1, "a", 1); /* the first, overwritten */
    assert_int_equal(dns_match_reply(m, r, rn), NC_DNS_MISMATCH_ID);
    free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_table),
        cmocka_unit_test(test_match_bounds),
        cmocka_unit_test(test_match_ring),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
