/* c-ares's socket calls with BSD sockets, errors left in errno (sockio.h). */
#include "sockio.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

int sockio_open(int af, int type, int proto)
{
    return socket(af, type | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
}

int sockio_open_nofile(void)
{
    return errno == EMFILE || errno == ENFILE;
}

int sockio_close(int s)
{
    return close(s);
}

int sockio_connect(int s, const struct sockaddr *sa, size_t len)
{
    if (len > sizeof(struct sockaddr_storage)) {
        errno = EINVAL;
        return -1;
    }
    return connect(s, sa, (socklen_t)len);
}

ptrdiff_t sockio_recvfrom(int s, void *buf, size_t n, int flags,
                          struct sockaddr *from, size_t *from_len)
{
    socklen_t fl = 0;
    ssize_t got;

    if (from_len != NULL)
        fl = *from_len > sizeof(struct sockaddr_storage)
                 ? (socklen_t)sizeof(struct sockaddr_storage)
                 : (socklen_t)*from_len;
    got = recvfrom(s, buf, n, flags, from, from_len != NULL ? &fl : NULL);
    if (got >= 0 && from_len != NULL)
        *from_len = fl;
    return got;
}

ptrdiff_t sockio_sendv(int s, const struct iovec *v, int n)
{
    return writev(s, v, n);
}

int sockio_is_dgram(int s)
{
    int type = 0;
    socklen_t len = sizeof(type);

    return getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
           type == SOCK_DGRAM;
}
