/* Which replies a resolver sent that matched none of our queries. c-ares
 * drops such a reply without a word (RFC 5452 §9.1) and the query ends
 * as a timeout; this keeps the queries sent and classifies every reply
 * received, so the verdict can say the resolver answered, wrongly, rather
 * than not at all. Pure: bytes in, counts out (dns.c feeds it from c-ares's
 * socket functions). */
#ifndef NC_DNS_MATCH_H
#define NC_DNS_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "facts.h"

/* Queries remembered: later ones overwrite the oldest. Enough for every
 * lookup in flight at once on one resolver (the engine caps those far
 * lower), so a reply is never judged against a forgotten query. */
#define DNS_MATCH_MAX 256

/* A question as sent: the name (lowercase, dotted, no final dot), type
 * and class. */
struct dns_match_q {
    char name[256];
    uint16_t type, klass;
};

struct dns_match_sent {
    uint16_t id;
    struct dns_match_q q;
    unsigned n_bad;            /* replies meant for it that did not match */
    enum nc_dns_mismatch kind; /* the last such reply's kind */
};

struct dns_match {
    struct dns_match_sent sent[DNS_MATCH_MAX];
    size_t n, next;
    unsigned n_unattributed; /* matched no query and named none of them */
};

/*! Remember a query as sent over UDP (its raw message, RFC 1035 §4.1);
 *  anything that is not a one-question query is ignored. */
void dns_match_sent_add(struct dns_match *m, const unsigned char *msg,
                        size_t len);

/*! Classify a reply received over UDP: NC_DNS_MISMATCH_NONE when it
 *  matches a query sent (its ID and question, as c-ares requires), else
 *  why not, counted on the query it was evidently meant for (same ID, or
 *  same question), or as unattributed.  \return the kind */
enum nc_dns_mismatch dns_match_reply(struct dns_match *m,
                                     const unsigned char *msg, size_t len);

/*! The replies that did not match, meant for the question (host, type)
 *  (host as asked, a final dot ignored); *kind is the last one's kind.
 *  \return their number, 0 when none */
unsigned dns_match_bad_for(const struct dns_match *m, const char *host,
                           uint16_t type, enum nc_dns_mismatch *kind);

#endif
