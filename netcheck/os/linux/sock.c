/* Non-blocking TCP connects with BSD sockets (socket(7), connect(2):
 * EINPROGRESS, then SO_ERROR once writable). */
#include "sock.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int sock_stream_open(int family)
{
    int s = socket(family == 6 ? AF_INET6 : AF_INET,
                   SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);

    return s >= 0 ? s : -errno;
}

int sock_connect_start(int s, const struct nc_addr *addr, uint16_t port)
{
    struct sockaddr_storage ss;
    socklen_t sl;

    memset(&ss, 0, sizeof(ss));
    if (addr->family == 6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)&ss;

        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons(port);
        memcpy(&s6->sin6_addr, addr->bytes, 16);
        sl = sizeof(*s6);
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)&ss;

        s4->sin_family = AF_INET;
        s4->sin_port = htons(port);
        memcpy(&s4->sin_addr, addr->bytes, 4);
        sl = sizeof(*s4);
    }
    if (connect(s, (struct sockaddr *)(void *)&ss, sl) == 0)
        return 0;
    return errno == EINPROGRESS ? SOCK_INPROGRESS : -errno;
}

int sock_connect_result(int s)
{
    int err = 0;
    socklen_t len = sizeof(err);

    if (getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        err = errno;
    return err;
}

void sock_close(int s)
{
    if (s >= 0)
        (void)close(s);
}
