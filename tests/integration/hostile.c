/* hostile: HTTP servers and HTTP proxies that misbehave on purpose, for the
 * tests of who gets blamed (test_proxy_hostile.sh).
 *
 *   hostile MODE:IP:PORT...
 *
 * Listens on every IP:PORT (TCP) with the behaviour MODE, prints "ready" on
 * stdout once all are bound, then serves every connection at once (poll),
 * whatever the client asks. Each request head is logged on stdout as
 * "request IP:PORT METHOD TARGET auth=SCHEME" (SCHEME is the scheme of a
 * Proxy-Authorization header, or "none"), so a test can count requests.
 * MODE is one of:
 *   silent       read the request, never answer
 *   tunnel       answer CONNECT with 200 (any other request too), then
 *                read everything and never answer: a TLS handshake
 *                through the "tunnel" gets no answer
 *   garbage      answer with a line that is not HTTP (an SSH banner), then
 *                hold the connection open
 *   authclose    answer 407 offering NTLM and Basic, then close the
 *                connection (RFC 9110 §15.5.8), whatever credentials came
 *   bighdr       answer 200 followed by 1 MiB of header lines, then close
 *   chunkover    answer 200 with Transfer-Encoding: chunked and a chunk
 *                size of 20 hex digits (over 64 bits), then hold open
 *   trickle      slow-loris: answer with a status line, then one byte of
 *                a header line every TRICKLE_MS, never ending the head
 *   endless      answer 200 with a body that has no length and never
 *                ends (as fast as the client reads); when the client
 *                closes, log "endless IP:PORT closed after N bytes"
 *   close        read the request head, then close without a byte
 * A connection is closed when the client closes it, or after HOLD_S
 * seconds whatever happens. Nothing is ever sent anywhere else: this is
 * the far end of every connection it accepts. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define MAX_LISTEN 16
#define MAX_CONN   1024 /* the slow-loris runs hold hundreds at once */
#define TRICKLE_MS 200
#define MAX_HEAD   16384
#define HOLD_S     60
#define BIG_HDR    (1024u * 1024u)

enum mode {
    MODE_SILENT,
    MODE_TUNNEL,
    MODE_GARBAGE,
    MODE_AUTHCLOSE,
    MODE_BIGHDR,
    MODE_CHUNKOVER,
    MODE_TRICKLE,
    MODE_ENDLESS,
    MODE_CLOSE
};

static const char *const mode_names[] = {"silent",    "tunnel",  "garbage",
                                         "authclose", "bighdr",  "chunkover",
                                         "trickle",   "endless", "close"};

struct listener {
    int fd;
    enum mode mode;
    char where[INET_ADDRSTRLEN + 8];
};

struct conn {
    int fd; /* -1: free slot */
    const struct listener *l;
    char head[MAX_HEAD + 1];
    size_t used;
    int answered;    /* the answer is queued (or none will come) */
    const char *out; /* what is left to send */
    size_t out_len;
    int close_after; /* close once out is sent */
    time_t since;
    long long trickle_next_ms; /* trickle: when its next byte is due */
    size_t trickle_sent;
    int in_body;             /* endless: the head is out */
    unsigned long long sent; /* endless: body bytes sent */
};

static const char trickle_line[] = "HTTP/1.1 200 OK\r\nX-Slow: ";

static long long now_ms(void)
{
    struct timespec ts;

    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* trickle: one more byte when it is due (the status line, then an endless
 * header value). */
static void conn_trickle(struct conn *c, long long now)
{
    static const char one = 'z';
    const char *b = c->trickle_sent < sizeof(trickle_line) - 1
                        ? &trickle_line[c->trickle_sent]
                        : &one;

    if (now < c->trickle_next_ms)
        return;
    if (send(c->fd, b, 1, MSG_NOSIGNAL) == 1)
        c->trickle_sent++;
    c->trickle_next_ms = now + TRICKLE_MS;
}

/* endless: the head, then this block again and again. */
static const char endless_head[] = "HTTP/1.1 200 OK\r\n"
                                   "Content-Type: text/plain\r\n"
                                   "Connection: close\r\n\r\n";
static char endless_block[16384];

static char *big_answer; /* "HTTP/1.1 200 ..." and 1 MiB of headers */
static size_t big_len;

static int port_parse(const char *s, unsigned short *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < 1 || v > 65535)
        return -1;
    *out = (unsigned short)v;
    return 0;
}

static int mode_parse(const char *s, size_t len, enum mode *out)
{
    size_t i;

    for (i = 0; i < sizeof(mode_names) / sizeof(mode_names[0]); i++)
        if (strlen(mode_names[i]) == len &&
            memcmp(mode_names[i], s, len) == 0) {
            *out = (enum mode)i;
            return 0;
        }
    return -1;
}

/* MODE:IP:PORT into a bound, listening socket. */
static int listener_open(const char *arg, struct listener *l)
{
    const char *c1 = strchr(arg, ':'), *c2;
    char ip[INET_ADDRSTRLEN];
    struct sockaddr_in sa;
    unsigned short port;
    int one = 1;

    if (c1 == NULL || mode_parse(arg, (size_t)(c1 - arg), &l->mode) != 0)
        return -1;
    c2 = strchr(c1 + 1, ':');
    if (c2 == NULL || (size_t)(c2 - c1 - 1) >= sizeof(ip) ||
        port_parse(c2 + 1, &port) != 0)
        return -1;
    memcpy(ip, c1 + 1, (size_t)(c2 - c1 - 1));
    ip[c2 - c1 - 1] = '\0';
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1)
        return -1;
    l->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (l->fd < 0 ||
        setsockopt(l->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
        bind(l->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
        listen(l->fd, 1024) != 0) {
        fprintf(stderr, "hostile: %s:%u: %s\n", ip, port, strerror(errno));
        return -2;
    }
    (void)snprintf(l->where, sizeof(l->where), "%s:%u", ip, port);
    return 0;
}

static void big_answer_make(void)
{
    static const char status[] = "HTTP/1.1 200 OK\r\n";
    size_t used;

    big_answer = malloc(BIG_HDR + 64); /* + status line and the end */
    if (big_answer == NULL)
        exit(1);
    memcpy(big_answer, status, sizeof(status) - 1);
    used = sizeof(status) - 1;
    /* Lines of 1,000 bytes: each under any per-line limit, their sum
     * over every total limit. */
    while (used + 1000 <= BIG_HDR) {
        memcpy(big_answer + used, "X-Pad: ", 7);
        memset(big_answer + used + 7, 'p', 991);
        memcpy(big_answer + used + 998, "\r\n", 2);
        used += 1000;
    }
    memcpy(big_answer + used, "Content-Length: 0\r\n\r\n", 21);
    big_len = used + 21;
}

/* "auth=NTLM" from a Proxy-Authorization header in the head, or "none". */
static void auth_scheme(const char *head, char *buf, size_t n)
{
    const char *p = head;

    (void)snprintf(buf, n, "none");
    while ((p = strchr(p, '\n')) != NULL) {
        p++;
        if (strncasecmp(p, "Proxy-Authorization:", 20) == 0) {
            size_t k = 0;

            p += 20;
            while (*p == ' ')
                p++;
            while (k + 1 < n && p[k] > ' ' && p[k] < 0x7f) {
                buf[k] = p[k];
                k++;
            }
            buf[k] = '\0';
            return;
        }
    }
}

static void conn_log(const struct conn *c)
{
    char method[16] = "", target[256] = "", auth[32];

    if (sscanf(c->head, "%15s %255s", method, target) < 1)
        (void)snprintf(method, sizeof(method), "?");
    auth_scheme(c->head, auth, sizeof(auth));
    printf("request %s %s %s auth=%s\n", c->l->where, method, target, auth);
    (void)fflush(stdout);
}

/* The request head is in: queue the mode's answer. */
static void conn_answer(struct conn *c)
{
    static const char ok200[] = "HTTP/1.1 200 Connection established\r\n\r\n";
    static const char ssh[] = "SSH-2.0-OpenSSH_9.2p1 hostile\r\n"
                              "Invalid SSH identification string.\r\n";
    static const char auth407[] =
        "HTTP/1.1 407 Proxy Authentication Required\r\n"
        "Proxy-Authenticate: NTLM\r\n"
        "Proxy-Authenticate: Basic realm=\"hostile\"\r\n"
        "Content-Length: 0\r\nConnection: close\r\n"
        "Proxy-Connection: close\r\n\r\n";
    static const char chunk[] = "HTTP/1.1 200 OK\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n"
                                "FFFFFFFFFFFFFFFFFFFF\r\nOK\r\n";

    c->answered = 1;
    conn_log(c);
    switch (c->l->mode) {
    case MODE_SILENT:
        break;
    case MODE_TUNNEL:
        c->out = ok200;
        c->out_len = sizeof(ok200) - 1;
        break;
    case MODE_GARBAGE:
        c->out = ssh;
        c->out_len = sizeof(ssh) - 1;
        break;
    case MODE_AUTHCLOSE:
        c->out = auth407;
        c->out_len = sizeof(auth407) - 1;
        c->close_after = 1;
        break;
    case MODE_BIGHDR:
        c->out = big_answer;
        c->out_len = big_len;
        c->close_after = 1;
        break;
    case MODE_CHUNKOVER:
        c->out = chunk;
        c->out_len = sizeof(chunk) - 1;
        break;
    case MODE_TRICKLE:
        c->trickle_next_ms = now_ms();
        break;
    case MODE_ENDLESS:
        c->out = endless_head;
        c->out_len = sizeof(endless_head) - 1;
        break;
    case MODE_CLOSE:
        break; /* conn_read closes it */
    }
}

static void conn_close(struct conn *c)
{
    if (c->l->mode == MODE_ENDLESS && c->answered) {
        printf("endless %s closed after %llu bytes\n", c->l->where, c->sent);
        (void)fflush(stdout);
    }
    (void)close(c->fd);
    c->fd = -1;
}

/* Read what came; returns -1 when the connection is done. */
static int conn_read(struct conn *c)
{
    char sink[4096];
    ssize_t got;

    if (c->answered) {
        got = recv(c->fd, sink, sizeof(sink), 0);
        return got > 0 || (got < 0 && errno == EAGAIN) ? 0 : -1;
    }
    got = recv(c->fd, c->head + c->used, MAX_HEAD - c->used, 0);
    if (got < 0 && errno == EAGAIN)
        return 0;
    if (got <= 0)
        return -1;
    c->used += (size_t)got;
    c->head[c->used] = '\0';
    if (strstr(c->head, "\r\n\r\n") != NULL || c->used == MAX_HEAD) {
        conn_answer(c);
        if (c->l->mode == MODE_CLOSE)
            return -1;
    }
    return 0;
}

static int conn_write(struct conn *c)
{
    ssize_t sent = send(c->fd, c->out, c->out_len, MSG_NOSIGNAL);

    if (sent < 0)
        return errno == EAGAIN ? 0 : -1;
    c->out += sent;
    c->out_len -= (size_t)sent;
    if (c->l->mode == MODE_ENDLESS) {
        if (c->in_body)
            c->sent += (unsigned long long)sent;
        if (c->out_len == 0) {
            c->out = endless_block;
            c->out_len = sizeof(endless_block);
            c->in_body = 1;
        }
    }
    if (c->out_len == 0 && c->close_after)
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    static struct listener ls[MAX_LISTEN];
    static struct conn cs[MAX_CONN];
    struct pollfd pfd[MAX_LISTEN + MAX_CONN];
    size_t nl = 0, i, np;
    int r;

    if (argc < 2 || argc - 1 > MAX_LISTEN) {
        fprintf(stderr, "usage: hostile MODE:IP:PORT... (at most %d)\n",
                MAX_LISTEN);
        return 2;
    }
    (void)signal(SIGPIPE, SIG_IGN);
    big_answer_make();
    memset(endless_block, 'e', sizeof(endless_block));
    for (i = 1; i < (size_t)argc; i++, nl++) {
        r = listener_open(argv[i], &ls[nl]);
        if (r == -1)
            fprintf(stderr, "hostile: bad listener '%s'\n", argv[i]);
        if (r != 0)
            return r == -1 ? 2 : 1;
    }
    for (i = 0; i < MAX_CONN; i++)
        cs[i].fd = -1;
    printf("ready\n");
    (void)fflush(stdout);
    for (;;) {
        time_t now = time(NULL);

        for (i = 0; i < nl; i++) {
            pfd[i].fd = ls[i].fd;
            pfd[i].events = POLLIN;
        }
        for (i = 0, np = nl; i < MAX_CONN; i++, np++) {
            if (cs[i].fd >= 0 && now - cs[i].since > HOLD_S)
                conn_close(&cs[i]);
            pfd[np].fd = cs[i].fd; /* -1 is ignored by poll */
            pfd[np].events =
                (short)(POLLIN | (cs[i].out_len > 0 ? POLLOUT : 0));
        }
        if (poll(pfd, (nfds_t)np, TRICKLE_MS / 2) < 0) {
            if (errno == EINTR)
                continue;
            perror("hostile: poll");
            return 1;
        }
        for (i = 0; i < MAX_CONN; i++) {
            short ev = pfd[nl + i].revents;

            if (cs[i].fd >= 0 && cs[i].answered &&
                cs[i].l->mode == MODE_TRICKLE)
                conn_trickle(&cs[i], now_ms());
            if (cs[i].fd < 0 || ev == 0)
                continue;
            if (((ev & POLLOUT) && conn_write(&cs[i]) < 0) ||
                ((ev & (POLLIN | POLLHUP | POLLERR)) && conn_read(&cs[i]) < 0))
                conn_close(&cs[i]);
        }
        for (i = 0; i < nl; i++) {
            int fd;
            size_t k;

            if (!(pfd[i].revents & POLLIN))
                continue;
            fd = accept(ls[i].fd, NULL, NULL);
            if (fd < 0)
                continue;
            if (fcntl(fd, F_SETFD, FD_CLOEXEC) != 0 ||
                fcntl(fd, F_SETFL, O_NONBLOCK) != 0) {
                (void)close(fd);
                continue;
            }
            for (k = 0; k < MAX_CONN && cs[k].fd >= 0; k++)
                ;
            if (k == MAX_CONN) {
                (void)close(fd);
                continue;
            }
            memset(&cs[k], 0, sizeof(cs[k]));
            cs[k].fd = fd;
            cs[k].l = &ls[i];
            cs[k].since = time(NULL);
        }
    }
}
