/* c-ares socket functions that do what c-ares's defaults do, and show
 * dns_match each UDP datagram. c-ares 1.18 reads UDP with a from address
 * and TCP without one (from == NULL), and writes every query as one
 * iovec; TCP is left alone (its stream carries a length prefix, and a
 * TCP reply c-ares drops is rare enough not to name). */
#include "dns_sock.h"

#ifndef _WIN32
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

/* c-ares leaves a socket it did not open itself as it is (no
 * O_NONBLOCK): open it non-blocking, or its read loop, which reads until
 * EAGAIN, blocks the whole run. */
static ares_socket_t dns_sock_open(int af, int type, int proto, void *ud)
{
    (void)ud;
    return socket(af, type | SOCK_CLOEXEC | SOCK_NONBLOCK, proto);
}

static int dns_sock_close(ares_socket_t fd, void *ud)
{
    (void)ud;
    return close(fd);
}

static int dns_sock_connect(ares_socket_t fd, const struct sockaddr *sa,
                            ares_socklen_t len, void *ud)
{
    (void)ud;
    return connect(fd, sa, len);
}

static ares_ssize_t dns_sock_recvfrom(ares_socket_t fd, void *buf, size_t n,
                                      int flags, struct sockaddr *from,
                                      ares_socklen_t *from_len, void *ud)
{
    struct dns_match *m = ud;
    ssize_t got = recvfrom(fd, buf, n, flags, from, from_len);

    if (got > 0 && from != NULL)
        (void)dns_match_reply(m, buf, (size_t)got);
    return got;
}

static ares_ssize_t dns_sock_sendv(ares_socket_t fd, const struct iovec *v,
                                   int n, void *ud)
{
    struct dns_match *m = ud;
    int type = 0;
    socklen_t tl = sizeof(type);

    if (n == 1 && getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl) == 0 &&
        type == SOCK_DGRAM)
        dns_match_sent_add(m, v[0].iov_base, v[0].iov_len);
    return writev(fd, v, n);
}

static const struct ares_socket_functions dns_sock_funcs = {
    dns_sock_open, dns_sock_close, dns_sock_connect, dns_sock_recvfrom,
    dns_sock_sendv};

void dns_sock_watch(ares_channel ch, struct dns_match *m)
{
    ares_set_socket_functions(ch, &dns_sock_funcs, m);
}
#else
void dns_sock_watch(ares_channel ch, struct dns_match *m)
{
    (void)ch;
    (void)m;
}
#endif
