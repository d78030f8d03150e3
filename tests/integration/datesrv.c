/* datesrv: a tiny HTTP server whose clock is off, for the clock skew tests.
 *
 *   datesrv OFFSET PORT IP...
 *
 * Listens on every IP:PORT (TCP), prints "ready" on stdout once all are
 * bound, then answers every request, whatever it asks, with
 *
 *   HTTP/1.1 200 OK
 *   Date: <now + OFFSET seconds, RFC 9110 §5.6.7 IMF-fixdate>
 *   Content-Length: 3
 *   Connection: close
 *
 *   OK
 *
 * and closes the connection. OFFSET is a signed number of seconds (at most
 * up to year 9999 either way). Each answer is logged on stdout as
 * "answer IP:PORT Date: ..." so a test can see who was asked. Connections
 * are served one at a time; one that sends no complete request head within
 * two seconds is closed unanswered. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define MAX_LISTEN     16
#define MAX_HEAD       8192
#define READ_WAIT_MS   2000
#define MAX_OFFSET_S   (8000L * 366 * 86400) /* up to year 9999 */
#define IMF_FIXDATE_SZ 30 /* "Sun, 06 Nov 1994 08:49:37 GMT" + NUL */

static const char *const wdays[7] = {"Sun", "Mon", "Tue", "Wed",
                                     "Thu", "Fri", "Sat"};
static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr",
                                       "May", "Jun", "Jul", "Aug",
                                       "Sep", "Oct", "Nov", "Dec"};

/* Parse a signed number of seconds within +-MAX_OFFSET_S. */
static int offset_parse(const char *s, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v > MAX_OFFSET_S ||
        v < -MAX_OFFSET_S)
        return -1;
    *out = v;
    return 0;
}

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

/* Now plus offset, as an IMF-fixdate (always in the C locale's names). */
static int date_format(long offset, char *buf, size_t n)
{
    time_t t = time(NULL) + (time_t)offset;
    struct tm tm;
    int len;

    if (gmtime_r(&t, &tm) == NULL || tm.tm_wday < 0 || tm.tm_wday > 6 ||
        tm.tm_mon < 0 || tm.tm_mon > 11)
        return -1;
    len = snprintf(buf, n, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                   wdays[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
                   tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return len < 0 || (size_t)len >= n ? -1 : 0;
}

/* Read until the end of the request head (a blank line), a full buffer,
 * EOF or READ_WAIT_MS of silence. Returns 1 for a complete head, else 0. */
static int head_read(int fd)
{
    char buf[MAX_HEAD + 1];
    size_t used = 0;

    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        ssize_t got;

        if (poll(&p, 1, READ_WAIT_MS) <= 0)
            return 0;
        got = recv(fd, buf + used, MAX_HEAD - used, 0);
        if (got <= 0)
            return 0;
        used += (size_t)got;
        buf[used] = '\0';
        if (strstr(buf, "\r\n\r\n") != NULL || strstr(buf, "\n\n") != NULL)
            return 1;
        if (used == MAX_HEAD)
            return 0;
    }
}

static void answer(int fd, long offset, const char *where)
{
    char date[IMF_FIXDATE_SZ], msg[256];
    size_t off = 0;
    int len;

    if (!head_read(fd))
        return;
    if (date_format(offset, date, sizeof(date)) != 0)
        return;
    len = snprintf(msg, sizeof(msg),
                   "HTTP/1.1 200 OK\r\nDate: %s\r\nContent-Type: "
                   "text/plain\r\nContent-Length: 3\r\nConnection: "
                   "close\r\n\r\nOK\n",
                   date);
    if (len < 0 || (size_t)len >= sizeof(msg))
        return;
    while (off < (size_t)len) {
        ssize_t sent = send(fd, msg + off, (size_t)len - off, MSG_NOSIGNAL);

        if (sent <= 0)
            return;
        off += (size_t)sent;
    }
    printf("answer %s Date: %s\n", where, date);
    (void)fflush(stdout);
}

int main(int argc, char **argv)
{
    struct pollfd lfd[MAX_LISTEN];
    char where[MAX_LISTEN][INET_ADDRSTRLEN + 8];
    unsigned short port;
    long offset;
    size_t n = 0, i;
    int one = 1;

    if (argc < 4 || argc - 3 > MAX_LISTEN || offset_parse(argv[1], &offset) ||
        port_parse(argv[2], &port)) {
        fprintf(stderr, "usage: datesrv OFFSET PORT IP... (at most %d IPs)\n",
                MAX_LISTEN);
        return 2;
    }
    (void)signal(SIGPIPE, SIG_IGN);
    for (i = 3; i < (size_t)argc; i++, n++) {
        struct sockaddr_in sa;
        int fd;

        memset(&sa, 0, sizeof(sa));
        sa.sin_family = AF_INET;
        sa.sin_port = htons(port);
        if (inet_pton(AF_INET, argv[i], &sa.sin_addr) != 1) {
            fprintf(stderr, "datesrv: '%s' is not an IPv4 address\n", argv[i]);
            return 2;
        }
        fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0 ||
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
            bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
            listen(fd, 64) != 0) {
            fprintf(stderr, "datesrv: %s:%u: %s\n", argv[i], port,
                    strerror(errno));
            return 1;
        }
        lfd[n].fd = fd;
        lfd[n].events = POLLIN;
        (void)snprintf(where[n], sizeof(where[n]), "%s:%u", argv[i], port);
    }
    printf("ready offset %ld\n", offset);
    (void)fflush(stdout);
    for (;;) {
        if (poll(lfd, (nfds_t)n, -1) < 0) {
            if (errno == EINTR)
                continue;
            perror("datesrv: poll");
            return 1;
        }
        for (i = 0; i < n; i++) {
            int c;

            if (!(lfd[i].revents & POLLIN))
                continue;
            c = accept(lfd[i].fd, NULL, NULL);
            if (c < 0)
                continue;
            answer(c, offset, where[i]);
            (void)close(c);
        }
    }
}
