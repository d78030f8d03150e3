/* Replies against the queries sent (dns_match.h). Every byte of a reply is
 * untrusted: each read is bounded by len (tests/fuzz/fuzz_dns_match.c). */
#include "dns_match.h"

#include <string.h>

#include "str.h"

#define DNS_HDR_LEN 12

/* RFC 1035 §4.1.2: the question at msg[DNS_HDR_LEN], its name without
 * compression (a query's never has any; a reply that uses a pointer here
 * is not answering our question as sent). Labels joined by dots, in
 * lowercase, bytes outside printable ASCII kept as '?'. Returns 0 or -1. */
static int question_read(const unsigned char *msg, size_t len,
                         struct dns_match_q *q)
{
    size_t off = DNS_HDR_LEN, out = 0;

    for (;;) {
        size_t n, i;

        if (off >= len)
            return -1;
        n = msg[off++];
        if (n == 0)
            break;
        if (n > 63 || n > len - off || out + n + 2 > sizeof(q->name))
            return -1;
        if (out > 0)
            q->name[out++] = '.';
        for (i = 0; i < n; i++) {
            unsigned char c = msg[off + i];

            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            q->name[out++] = (char)(c > 0x20 && c < 0x7f ? c : '?');
        }
        off += n;
    }
    q->name[out] = '\0';
    if (len - off < 4)
        return -1;
    q->type = (uint16_t)(msg[off] << 8 | msg[off + 1]);
    q->klass = (uint16_t)(msg[off + 2] << 8 | msg[off + 3]);
    return 0;
}

static uint16_t msg_id(const unsigned char *msg)
{
    return (uint16_t)(msg[0] << 8 | msg[1]);
}

/* One question, QR as wanted: the header's QDCOUNT and flags. */
static int header_ok(const unsigned char *msg, size_t len, int qr)
{
    return len >= DNS_HDR_LEN && ((msg[2] & 0x80) != 0) == (qr != 0) &&
           msg[4] == 0 && msg[5] == 1;
}

static int q_same(const struct dns_match_q *a, const struct dns_match_q *b)
{
    return a->type == b->type && a->klass == b->klass &&
           strcmp(a->name, b->name) == 0;
}

void dns_match_sent_add(struct dns_match *m, const unsigned char *msg,
                        size_t len)
{
    struct dns_match_sent *s;
    struct dns_match_q q;

    if (!header_ok(msg, len, 0) || question_read(msg, len, &q) != 0)
        return;
    s = &m->sent[m->next];
    memset(s, 0, sizeof(*s));
    s->id = msg_id(msg);
    s->q = q;
    m->next = (m->next + 1) % DNS_MATCH_MAX;
    if (m->n < DNS_MATCH_MAX)
        m->n++;
}

static void bad_count(struct dns_match_sent *s, enum nc_dns_mismatch kind)
{
    if (s->n_bad < 0xffffffffu)
        s->n_bad++;
    s->kind = kind;
}

enum nc_dns_mismatch dns_match_reply(struct dns_match *m,
                                     const unsigned char *msg, size_t len)
{
    struct dns_match_sent *by_id = NULL, *by_q = NULL;
    struct dns_match_q q;
    enum nc_dns_mismatch kind;
    int parsed = 0;
    size_t i;

    if (header_ok(msg, len, 1) && question_read(msg, len, &q) == 0)
        parsed = 1;
    /* Newest first: an ID used again belongs to the latest query. */
    for (i = 0; i < m->n; i++) {
        struct dns_match_sent *s =
            &m->sent[(m->next + DNS_MATCH_MAX - 1 - i) % DNS_MATCH_MAX];
        int id_same = len >= 2 && s->id == msg_id(msg);

        if (parsed && id_same && q_same(&s->q, &q))
            return NC_DNS_MISMATCH_NONE;
        if (id_same && by_id == NULL)
            by_id = s;
        if (parsed && by_q == NULL && q_same(&s->q, &q))
            by_q = s;
    }
    if (!parsed)
        kind = NC_DNS_MISMATCH_NOT_DNS;
    else if (by_id != NULL)
        kind = NC_DNS_MISMATCH_QUESTION;
    else
        kind = NC_DNS_MISMATCH_ID;
    /* The query it was meant for: its ID says so first, then its
     * question. A reply with neither names no query. */
    if (by_id != NULL)
        bad_count(by_id, kind);
    else if (by_q != NULL)
        bad_count(by_q, kind);
    else if (m->n_unattributed < 0xffffffffu)
        m->n_unattributed++;
    return kind;
}

unsigned dns_match_bad_for(const struct dns_match *m, const char *host,
                           uint16_t type, enum nc_dns_mismatch *kind)
{
    char name[256];
    size_t i, len;
    unsigned total = 0;

    if (nc_strlcpy(name, host, sizeof(name)) < 0)
        return 0;
    len = strlen(name);
    if (len > 0 && name[len - 1] == '.')
        name[--len] = '\0';
    for (i = 0; i < m->n; i++) {
        /* Oldest first, so *kind ends as the newest's. */
        const struct dns_match_sent *s =
            &m->sent[(m->next + DNS_MATCH_MAX - m->n + i) % DNS_MATCH_MAX];

        if (s->n_bad == 0 || s->q.type != type ||
            nc_strcasecmp(s->q.name, name) != 0)
            continue;
        total = total + s->n_bad < total ? 0xffffffffu : total + s->n_bad;
        *kind = s->kind;
    }
    return total;
}
