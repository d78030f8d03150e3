/* dnsresp: a tiny UDP DNS responder for the integration tests.
 *
 *   dnsresp [--tcp] IP PORT [AFAIL6_ADDR]
 *
 * Binds IP:PORT (UDP), prints "ready" on stdout once bound, then answers
 * every query by the first label of the question name (RFC 1035 §4.1):
 *   servfail.*  -> RCODE 2 (SERVFAIL)
 *   nxdomain.*  -> RCODE 3 (NXDOMAIN)
 *   refused.*   -> RCODE 5 (REFUSED)
 *   timeout.*   -> no answer at all
 *   afail6.*    -> A: one record, AFAIL6_ADDR (default 203.0.113.10);
 *                  AAAA and any other type: RCODE 2 (SERVFAIL)
 *   truncated.* -> NOERROR with TC set and no record (any type): "ask
 *                  again over TCP", where nothing listens (UDP only)
 *   malformed.* -> NOERROR claiming 5 answers and holding one A record
 *                  (AFAIL6_ADDR) whatever the type: a broken reply
 *   garbage.*   -> the query's ID, then bytes that are not a DNS message
 *   wrongid.*   -> a good answer (one A record) under another query ID
 *   wrongq.*    -> a good answer (one A record) for another question
 *                  (the name's first letter changed)
 *   many.*      -> A: MANY_N records, 203.0.113.MANY_FIRST and up, in
 *                  order (more than netcheck probes), over TCP only: over
 *                  UDP the reply (1.6 KB) has TC set and no record, as a
 *                  resolver does past 512 bytes (RFC 1035 §4.2.1); AAAA
 *                  and any other type: NOERROR, no record
 * With --tcp it also serves TCP on IP:PORT (RFC 1035 §4.2.2, a 2-byte
 * length before each message), one query at a time; without it nothing
 * listens there (truncated.* relies on that).
 *   anything else -> RCODE 5 (REFUSED)
 * Answers carry the question and, but for afail6's A, no records. Each
 * query is logged on stdout as "query NAME TYPE RCODE" (RCODE "drop" for
 * timeout.*) so a test can see which record types a client asked for. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <unistd.h>

#define DNS_HDR_LEN  12
#define DNS_MAX_NAME 255
#define DNS_MAX_MSG  4096

#define DNS_TYPE_A   1
#define DNS_CLASS_IN 1
#define DNS_TTL      60

enum rcode_rule {
    RULE_SERVFAIL = 2,
    RULE_NXDOMAIN = 3,
    RULE_REFUSED = 5,
    RULE_DROP = -1,
    RULE_AFAIL6 = -2,    /* A answered, every other type SERVFAIL */
    RULE_TRUNCATED = -3, /* TC set, no record */
    RULE_MALFORMED = -4, /* ANCOUNT 5, one record */
    RULE_GARBAGE = -5,   /* the ID, then no DNS message */
    RULE_WRONGID = -6,   /* a good answer, another ID */
    RULE_WRONGQ = -7,    /* a good answer, another question */
    RULE_MANY = -8       /* MANY_N A records */
};

/* many.*: 100 addresses, 203.0.113.100 to .199 (a 1.6 KB reply: c-ares
 * takes it over UDP). */
#define MANY_N     100
#define TCP_CONNS  8 /* TCP connections served at once (--tcp) */
#define MANY_FIRST 100

struct rule {
    const char *label;
    int rcode;
};

static const struct rule rules[] = {
    {"servfail", RULE_SERVFAIL},   {"nxdomain", RULE_NXDOMAIN},
    {"refused", RULE_REFUSED},     {"timeout", RULE_DROP},
    {"afail6", RULE_AFAIL6},       {"truncated", RULE_TRUNCATED},
    {"malformed", RULE_MALFORMED}, {"garbage", RULE_GARBAGE},
    {"wrongid", RULE_WRONGID},     {"wrongq", RULE_WRONGQ},
    {"many", RULE_MANY},
};

/* What garbage.* gets after the query's ID: text, not a DNS header. */
static const char garbage_text[] = "this is not a DNS message\r\n";

/* The A record afail6.* names get (network byte order). */
static uint8_t afail6_addr[4] = {203, 0, 113, 10};

/* Read the question name at msg[off] into name (dotted, lowercase) and its
 * first label into first. Returns the offset just past the name, or 0 when
 * the name is malformed or uses compression (never valid in a question we
 * accept). */
static size_t question_name_read(const uint8_t *msg, size_t len, size_t off,
                                 char *name, size_t name_size, char *first,
                                 size_t first_size)
{
    size_t out = 0;
    size_t labels = 0;

    name[0] = '\0';
    first[0] = '\0';
    while (off < len) {
        size_t n = msg[off++];
        if (n == 0) {
            if (out == 0 && name_size > 1) {
                name[out++] = '.';
            }
            name[out] = '\0';
            return off;
        }
        if (n > 63 || off + n > len || out + n + 2 > name_size) {
            return 0;
        }
        if (labels > 0) {
            name[out++] = '.';
        }
        for (size_t i = 0; i < n; i++) {
            uint8_t c = msg[off + i];
            if (c >= 'A' && c <= 'Z') {
                c = (uint8_t)(c - 'A' + 'a');
            }
            if (c < 0x21 || c > 0x7e) {
                c = '?';
            }
            name[out++] = (char)c;
            if (labels == 0 && i + 1 < first_size) {
                first[i] = (char)c;
                first[i + 1] = '\0';
            }
        }
        off += n;
        labels++;
    }
    return 0;
}

static int rule_rcode(const char *first)
{
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        if (strcmp(first, rules[i].label) == 0) {
            return rules[i].rcode;
        }
    }
    return RULE_REFUSED;
}

/* Append one A record for the question name (a pointer to offset 12,
 * RFC 1035 §4.1.4) at msg[off]. Returns the new length, or 0 if it does not
 * fit. */
static size_t answer_a_append(uint8_t *msg, size_t off, size_t size,
                              const uint8_t addr[4])
{
    static const size_t rr_len = 2 + 2 + 2 + 4 + 2 + 4;

    if (off + rr_len > size) {
        return 0;
    }
    msg[off++] = 0xc0;
    msg[off++] = DNS_HDR_LEN;
    msg[off++] = 0;
    msg[off++] = DNS_TYPE_A;
    msg[off++] = 0;
    msg[off++] = DNS_CLASS_IN;
    msg[off++] = 0;
    msg[off++] = 0;
    msg[off++] = 0;
    msg[off++] = DNS_TTL;
    msg[off++] = 0;
    msg[off++] = 4;
    memcpy(msg + off, addr, 4);
    return off + 4;
}

/* Build the answer in place: header flags and counts rewritten, the
 * question kept, everything after it dropped (afail6.*'s A record added).
 * Returns the answer length, or 0 to send nothing. */
static size_t answer_build(uint8_t *msg, size_t len, size_t size, int tcp)
{
    char name[DNS_MAX_NAME + 2];
    char first[64];
    size_t end;
    unsigned qtype;
    int rcode;
    int with_a = 0, tc = 0, ancount = 0;

    if (len < DNS_HDR_LEN || (msg[2] & 0x80) != 0) {
        return 0; /* too short, or a response */
    }
    if (msg[4] != 0 || msg[5] != 1) {
        return 0; /* exactly one question */
    }
    end = question_name_read(msg, len, DNS_HDR_LEN, name, sizeof(name), first,
                             sizeof(first));
    if (end == 0 || end + 4 > len) {
        return 0;
    }
    qtype = (unsigned)msg[end] << 8 | msg[end + 1];
    end += 4;
    rcode = rule_rcode(first);
    if (rcode == RULE_AFAIL6) {
        rcode = qtype == DNS_TYPE_A ? 0 : RULE_SERVFAIL;
        with_a = qtype == DNS_TYPE_A;
        ancount = with_a;
    } else if (rcode == RULE_TRUNCATED) {
        rcode = 0;
        tc = 1;
    } else if (rcode == RULE_MANY) {
        rcode = 0;
        ancount = qtype == DNS_TYPE_A ? MANY_N : 0;
        if (ancount > 0 && !tcp) {
            tc = 1;
            ancount = 0;
        }
    } else if (rcode == RULE_MALFORMED) {
        rcode = 0;
        with_a = 1;
        ancount = 5; /* a lie: one record follows */
    }
    if (rcode == RULE_GARBAGE) {
        if (2 + sizeof(garbage_text) - 1 > size) {
            return 0;
        }
        printf("query %s %u garbage\n", name, qtype);
        fflush(stdout);
        memcpy(msg + 2, garbage_text, sizeof(garbage_text) - 1);
        return 2 + sizeof(garbage_text) - 1;
    }
    if (rcode == RULE_WRONGID || rcode == RULE_WRONGQ) {
        /* RFC 5452 §9.1: a resolver accepts only a reply whose ID and
         * question match its query; these match one but not the other. */
        const char *how = rcode == RULE_WRONGID ? "wrongid" : "wrongq";

        if (rcode == RULE_WRONGID) {
            msg[0] ^= 0x5a;
            msg[1] ^= 0xa5;
        } else {
            msg[DNS_HDR_LEN + 1] = msg[DNS_HDR_LEN + 1] == 'x' ? 'y' : 'x';
        }
        printf("query %s %u %s\n", name, qtype, how);
        fflush(stdout);
        msg[2] = (uint8_t)(0x80 | (msg[2] & 0x79));
        msg[3] = 0x80;
        memset(msg + 6, 0, 6);
        msg[7] = 1;
        return answer_a_append(msg, end, size, afail6_addr);
    }
    if (rcode == RULE_DROP) {
        printf("query %s %u drop\n", name, qtype);
        fflush(stdout);
        return 0;
    }
    printf("query %s %u %d%s\n", name, qtype, rcode,
           tc                           ? " tc"
           : with_a && ancount > with_a ? " malformed"
           : !with_a && ancount > 0     ? " many"
                                        : "");
    fflush(stdout);

    /* QR=1, opcode and RD kept, AA=0, TC as the rule says; RA=1, Z=0,
     * RCODE. */
    msg[2] = (uint8_t)(0x80 | (msg[2] & 0x79) | (tc ? 0x02 : 0));
    msg[3] = (uint8_t)(0x80 | (rcode & 0x0f));
    memset(msg + 6, 0, 6); /* ANCOUNT, NSCOUNT, ARCOUNT */
    msg[7] = (uint8_t)ancount;
    if (with_a) {
        return answer_a_append(msg, end, size, afail6_addr);
    }
    for (int i = 0; i < ancount; i++) {
        const uint8_t a[4] = {203, 0, 113, (uint8_t)(MANY_FIRST + i)};

        end = answer_a_append(msg, end, size, a);
        if (end == 0) {
            return 0;
        }
    }
    return end;
}

/* Read exactly n bytes; 0 on success. */
static int read_full(int fd, uint8_t *buf, size_t n)
{
    while (n > 0) {
        ssize_t r = read(fd, buf, n);

        if (r <= 0) {
            return -1;
        }
        buf += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Answer one query from a TCP connection that poll() found readable.
 * Returns -1 when the connection is to be closed (EOF, error, a message
 * that does not arrive whole within 200 ms). */
static int tcp_answer(int cfd)
{
    struct timeval tv = {0, 200000};
    uint8_t msg[DNS_MAX_MSG + 2];
    size_t n, alen;

    (void)setsockopt(cfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    if (read_full(cfd, msg, 2) != 0) {
        return -1;
    }
    n = (size_t)msg[0] << 8 | msg[1];
    if (n == 0 || n > DNS_MAX_MSG || read_full(cfd, msg + 2, n) != 0) {
        return -1;
    }
    alen = answer_build(msg + 2, n, DNS_MAX_MSG, 1);
    if (alen == 0) {
        return 0;
    }
    msg[0] = (uint8_t)(alen >> 8);
    msg[1] = (uint8_t)alen;
    return write(cfd, msg, alen + 2) == (ssize_t)(alen + 2) ? 0 : -1;
}

static int port_parse(const char *s, uint16_t *out)
{
    char *end = NULL;
    unsigned long v = strtoul(s, &end, 10);

    if (end == s || *end != '\0' || v == 0 || v > 65535) {
        return -1;
    }
    *out = (uint16_t)v;
    return 0;
}

int main(int argc, char **argv)
{
    struct sockaddr_in sin;
    uint16_t port = 0;
    int fd = -1, lfd = -1;
    int ret = 1, tcp = 0;
    int conns[TCP_CONNS];

    for (int i = 0; i < TCP_CONNS; i++) {
        conns[i] = -1;
    }

    if (argc > 1 && strcmp(argv[1], "--tcp") == 0) {
        tcp = 1;
        argv++;
        argc--;
    }
    if ((argc != 3 && argc != 4) || port_parse(argv[2], &port) != 0) {
        fprintf(stderr, "usage: dnsresp [--tcp] IPV4 PORT [AFAIL6_ADDR]\n");
        return 2;
    }
    if (argc == 4 && inet_pton(AF_INET, argv[3], afail6_addr) != 1) {
        fprintf(stderr, "dnsresp: invalid address '%s'\n", argv[3]);
        return 2;
    }
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_port = htons(port);
    if (inet_pton(AF_INET, argv[1], &sin.sin_addr) != 1) {
        fprintf(stderr, "dnsresp: invalid address '%s'\n", argv[1]);
        return 2;
    }
    fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        perror("dnsresp: socket");
        goto out;
    }
    if (bind(fd, (const struct sockaddr *)&sin, sizeof(sin)) != 0) {
        perror("dnsresp: bind");
        goto out;
    }
    if (tcp) {
        int one = 1;

        lfd = socket(AF_INET, SOCK_STREAM, 0);
        if (lfd < 0 ||
            setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
            bind(lfd, (const struct sockaddr *)&sin, sizeof(sin)) != 0 ||
            listen(lfd, 16) != 0) {
            perror("dnsresp: tcp");
            goto out;
        }
    }
    printf("ready\n");
    fflush(stdout);

    for (;;) {
        uint8_t msg[DNS_MAX_MSG];
        struct sockaddr_in peer;
        socklen_t plen = sizeof(peer);
        struct pollfd pfd[2 + TCP_CONNS];
        nfds_t np = 0;
        ssize_t n;
        size_t alen;

        pfd[np++] = (struct pollfd){fd, POLLIN, 0};
        pfd[np++] = (struct pollfd){lfd, POLLIN, 0};
        for (int i = 0; i < TCP_CONNS; i++) {
            pfd[np++] = (struct pollfd){conns[i], POLLIN, 0};
        }
        if (poll(pfd, np, -1) < 0) {
            perror("dnsresp: poll");
            goto out;
        }
        for (int i = 0; i < TCP_CONNS; i++) {
            if (conns[i] >= 0 && (pfd[2 + i].revents & (POLLIN | POLLHUP)) &&
                tcp_answer(conns[i]) != 0) {
                close(conns[i]);
                conns[i] = -1;
            }
        }
        if (lfd >= 0 && (pfd[1].revents & POLLIN)) {
            int cfd = accept(lfd, NULL, NULL);

            for (int i = 0; cfd >= 0 && i < TCP_CONNS; i++) {
                if (conns[i] < 0) {
                    conns[i] = cfd;
                    cfd = -1;
                }
            }
            if (cfd >= 0) {
                close(cfd); /* all slots busy */
            }
        }
        if (!(pfd[0].revents & POLLIN)) {
            continue;
        }
        n = recvfrom(fd, msg, sizeof(msg), 0, (struct sockaddr *)&peer, &plen);

        if (n < 0) {
            perror("dnsresp: recvfrom");
            goto out;
        }
        alen = answer_build(msg, (size_t)n, sizeof(msg), 0);
        if (alen > 0 &&
            sendto(fd, msg, alen, 0, (struct sockaddr *)&peer, plen) < 0) {
            perror("dnsresp: sendto");
        }
    }

out:
    if (fd >= 0) {
        close(fd);
    }
    if (lfd >= 0) {
        close(lfd);
    }
    for (int i = 0; i < TCP_CONNS; i++) {
        if (conns[i] >= 0) {
            close(conns[i]);
        }
    }
    return ret;
}
