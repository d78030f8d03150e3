/* c-ares's socket calls with Winsock 2, errors left in WSAGetLastError()
 * (sockio.h): c-ares 1.18 reads them there (SOCKERRNO) and compares them
 * with WSAEWOULDBLOCK and WSAEINPROGRESS. */
#include "sockio.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <limits.h>

#include "wsa.h"

/* Buffers per WSASend: c-ares sends a UDP query as one buffer and a TCP
 * queue as several; a stream may take them in more than one call. */
#define SOCKIO_MAX_BUFS 16

int sockio_open(int af, int type, int proto)
{
    u_long on = 1;
    SOCKET s;
    int err = wsa_start();

    if (err != 0) {
        WSASetLastError(err);
        return -1;
    }
    /* What socket() does (an overlapped socket), plus what c-ares does to
     * a socket it opens itself and skips for ours: not inherited (Windows'
     * close-on-exec, 7 SP1+) and non-blocking. */
    s = WSASocketW(af, type, proto, NULL, 0,
                   WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
    if (s == INVALID_SOCKET)
        return -1;
    if (s > (SOCKET)INT_MAX) { /* see sockio.h: the loop keys on an int */
        (void)closesocket(s);
        WSASetLastError(WSAEMFILE);
        return -1;
    }
    if (ioctlsocket(s, (long)FIONBIO, &on) != 0) {
        err = WSAGetLastError();
        (void)closesocket(s);
        WSASetLastError(err);
        return -1;
    }
    return (int)s;
}

int sockio_open_nofile(void)
{
    return WSAGetLastError() == WSAEMFILE;
}

int sockio_close(int s)
{
    return closesocket((SOCKET)s) == 0 ? 0 : -1;
}

int sockio_connect(int s, const struct sockaddr *sa, size_t len)
{
    if (len > sizeof(struct sockaddr_storage)) {
        WSASetLastError(WSAEINVAL);
        return -1;
    }
    return connect((SOCKET)s, sa, (int)len) == 0 ? 0 : -1;
}

ptrdiff_t sockio_recvfrom(int s, void *buf, size_t n, int flags,
                          struct sockaddr *from, size_t *from_len)
{
    int fl = 0, got;

    if (from_len != NULL)
        fl = *from_len > (size_t)INT_MAX ? INT_MAX : (int)*from_len;
    got = recvfrom((SOCKET)s, buf, n > (size_t)INT_MAX ? INT_MAX : (int)n,
                   flags, from, from_len != NULL ? &fl : NULL);
    if (got == SOCKET_ERROR)
        return -1;
    if (from_len != NULL)
        *from_len = (size_t)fl;
    return got;
}

ptrdiff_t sockio_sendv(int s, const struct iovec *v, int n)
{
    WSABUF b[SOCKIO_MAX_BUFS];
    ptrdiff_t total = 0;
    int i = 0;

    while (i < n) {
        DWORD sent = 0, k = 0;
        ULONG want = 0;
        int cut = 0;

        /* A call sends at most INT_MAX bytes (a ULONG holds more, an int
         * return less): a longer queue is cut, and the caller sends the
         * rest as after any partial write. */
        for (; i < n && k < SOCKIO_MAX_BUFS && !cut; i++, k++) {
            size_t len = v[i].iov_len, room = (size_t)INT_MAX - want;

            if (len > room) {
                len = room;
                cut = 1;
            }
            b[k].buf = v[i].iov_base;
            b[k].len = (ULONG)len;
            want += (ULONG)len;
        }
        if (WSASend((SOCKET)s, b, k, &sent, 0, NULL, NULL) != 0)
            return total > 0 ? total : -1;
        total += (ptrdiff_t)sent;
        if (sent < want || cut)
            break;
    }
    return total;
}

int sockio_is_dgram(int s)
{
    int type = 0, len = (int)sizeof(type);

    return getsockopt((SOCKET)s, SOL_SOCKET, SO_TYPE, (char *)&type, &len) ==
               0 &&
           type == SOCK_DGRAM;
}
