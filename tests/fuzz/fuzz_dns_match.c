/* dns_match.c: every UDP datagram a resolver sends back is untrusted. The
 * input is a list of records, each a kind byte (even: a query we sent;
 * odd: a reply received), a 2-byte big-endian length and the message.
 * Whatever the bytes: at most DNS_MATCH_MAX queries kept, every name
 * NUL-terminated, and a query's own bytes with QR set always match it. */
#include <string.h>

#include "dns_match.h"
#include "fuzz.h"

static struct dns_match m;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t off = 0, i;
    enum nc_dns_mismatch kind = NC_DNS_MISMATCH_NONE;
    static unsigned char echo[65536];

    memset(&m, 0, sizeof(m));
    while (size - off >= 3) {
        int reply = data[off] & 1;
        size_t len = (size_t)data[off + 1] << 8 | data[off + 2];
        const uint8_t *msg = data + off + 3;

        off += 3;
        if (len > size - off)
            len = size - off;
        if (reply) {
            FUZZ_CHECK(dns_match_reply(&m, msg, len) < NC_DNS_MISMATCH_MAX);
        } else {
            size_t before = m.next;

            dns_match_sent_add(&m, msg, len);
            /* Kept: the same bytes as a reply (QR set) match it. */
            if (m.next != before) {
                memcpy(echo, msg, len);
                echo[2] |= 0x80;
                FUZZ_CHECK(dns_match_reply(&m, echo, len) ==
                           NC_DNS_MISMATCH_NONE);
            }
        }
        off += len;
    }
    FUZZ_CHECK(m.n <= DNS_MATCH_MAX && m.next < DNS_MATCH_MAX);
    for (i = 0; i < m.n; i++) {
        FUZZ_CHECK(memchr(m.sent[i].q.name, '\0', sizeof(m.sent[i].q.name)) !=
                   NULL);
        (void)dns_match_bad_for(&m, m.sent[i].q.name, m.sent[i].q.type, &kind);
    }
    FUZZ_CHECK(kind < NC_DNS_MISMATCH_MAX);
    return 0;
}
