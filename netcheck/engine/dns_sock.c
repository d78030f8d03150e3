/* c-ares socket functions that do what c-ares's defaults do, and show
 * dns_match each UDP datagram. c-ares 1.18 reads UDP with a from address
 * and TCP without one (from == NULL), and writes every query as one
 * iovec; TCP is left alone (its stream carries a length prefix, and a
 * TCP reply c-ares drops is rare enough not to name).
 *
 * The calls themselves are os/sockio.h's, which leave a failure's error
 * where c-ares reads it (errno; WSAGetLastError() on Windows): after a
 * failed one, nothing here may run another call before returning. */
#include "dns_sock.h"

#include "sockfd.h"
#include "sockio.h"

/* c-ares leaves a socket it did not open itself as it is: sockio_open
 * makes it non-blocking, or c-ares's read loop, which reads until the
 * call would block, blocks the whole run. */
static ares_socket_t dns_sock_open(int af, int type, int proto, void *ud)
{
    struct dns_sock *w = ud;
    int s = sockio_open(af, type, proto);

    /* Reading the error leaves it for c-ares. */
    if (s < 0 && sockio_open_nofile())
        w->nofile = true;
    return sockfd_to_ares(s);
}

static int dns_sock_close(ares_socket_t fd, void *ud)
{
    (void)ud;
    return sockio_close(sockfd_from_ares(fd));
}

static int dns_sock_connect(ares_socket_t fd, const struct sockaddr *sa,
                            ares_socklen_t len, void *ud)
{
    (void)ud;
    return sockio_connect(sockfd_from_ares(fd), sa, (size_t)len);
}

static ares_ssize_t dns_sock_recvfrom(ares_socket_t fd, void *buf, size_t n,
                                      int flags, struct sockaddr *from,
                                      ares_socklen_t *from_len, void *ud)
{
    struct dns_match *m = ((struct dns_sock *)ud)->match;
    size_t fl = from_len != NULL ? (size_t)*from_len : 0;
    ptrdiff_t got = sockio_recvfrom(sockfd_from_ares(fd), buf, n, flags, from,
                                    from_len != NULL ? &fl : NULL);

    if (got < 0)
        return -1;
    if (from_len != NULL)
        *from_len = (ares_socklen_t)fl;
    if (got > 0 && from != NULL)
        (void)dns_match_reply(m, buf, (size_t)got);
    return (ares_ssize_t)got;
}

static ares_ssize_t dns_sock_sendv(ares_socket_t fd, const struct iovec *v,
                                   int n, void *ud)
{
    struct dns_match *m = ((struct dns_sock *)ud)->match;
    int s = sockfd_from_ares(fd);

    if (n == 1 && sockio_is_dgram(s))
        dns_match_sent_add(m, v[0].iov_base, v[0].iov_len);
    return (ares_ssize_t)sockio_sendv(s, v, n);
}

static const struct ares_socket_functions dns_sock_funcs = {
    dns_sock_open, dns_sock_close, dns_sock_connect, dns_sock_recvfrom,
    dns_sock_sendv};

void dns_sock_watch(ares_channel ch, struct dns_sock *s)
{
    ares_set_socket_functions(ch, &dns_sock_funcs, s);
}
