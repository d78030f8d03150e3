/* Non-blocking TCP connects with Winsock 2: ioctlsocket(FIONBIO), connect
 * failing with WSAEWOULDBLOCK while it goes on, SO_ERROR once writable
 * (or in select's exceptfds, poller.c). WSAE* codes become errno values
 * through sock_map_wsa, so verdict/ decides as on Linux. */
#include "sock.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "sock_map.h"
#include "wsa.h"

/* sock_map.c writes the codes as numbers; check them against the names. */
_Static_assert(WSAECONNREFUSED == 10061, "WSAECONNREFUSED");
_Static_assert(WSAETIMEDOUT == 10060, "WSAETIMEDOUT");
_Static_assert(WSAENETUNREACH == 10051, "WSAENETUNREACH");
_Static_assert(WSAEHOSTUNREACH == 10065, "WSAEHOSTUNREACH");
_Static_assert(WSAECONNRESET == 10054, "WSAECONNRESET");
_Static_assert(WSAEWOULDBLOCK == 10035, "WSAEWOULDBLOCK");

/* WSAStartup once per process; Winsock counts the calls, and the process
 * exit releases it, so there is no matching WSACleanup. */
static INIT_ONCE sock_once = INIT_ONCE_STATIC_INIT;
static int sock_init_err;

static BOOL CALLBACK sock_init(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    WSADATA wsa;

    (void)once;
    (void)param;
    (void)ctx;
    sock_init_err = WSAStartup(MAKEWORD(2, 2), &wsa);
    return TRUE;
}

int wsa_start(void)
{
    (void)InitOnceExecuteOnce(&sock_once, sock_init, NULL, NULL);
    return sock_init_err;
}

int sock_stream_open(int family)
{
    u_long on = 1;
    SOCKET s;
    int err = wsa_start();

    if (err != 0)
        return -sock_map_wsa(err);
    /* WSA_FLAG_NO_HANDLE_INHERIT: Windows' close-on-exec (7 SP1+). */
    s = WSASocketW(family == 6 ? AF_INET6 : AF_INET, SOCK_STREAM, IPPROTO_TCP,
                   NULL, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
    if (s == INVALID_SOCKET)
        return -sock_map_wsa(WSAGetLastError());
    if (s > (SOCKET)INT_MAX) { /* see sock.h: the loop keys on an int */
        (void)closesocket(s);
        return -EMFILE;
    }
    if (ioctlsocket(s, (long)FIONBIO, &on) != 0) {
        err = sock_map_wsa(WSAGetLastError());
        (void)closesocket(s);
        return -err;
    }
    return (int)s;
}

int sock_connect_start(int s, const struct nc_addr *addr, uint16_t port)
{
    struct sockaddr_storage ss;
    int sl, err;

    memset(&ss, 0, sizeof(ss));
    if (addr->family == 6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)&ss;

        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons(port);
        memcpy(&s6->sin6_addr, addr->bytes, 16);
        sl = (int)sizeof(*s6);
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)&ss;

        s4->sin_family = AF_INET;
        s4->sin_port = htons(port);
        memcpy(&s4->sin_addr, addr->bytes, 4);
        sl = (int)sizeof(*s4);
    }
    if (connect((SOCKET)s, (struct sockaddr *)(void *)&ss, sl) == 0)
        return 0;
    err = WSAGetLastError();
    /* Winsock says WSAEWOULDBLOCK where BSD says EINPROGRESS. */
    if (err == WSAEWOULDBLOCK || err == WSAEINPROGRESS)
        return SOCK_INPROGRESS;
    return -sock_map_wsa(err);
}

int sock_connect_result(int s)
{
    int err = 0, len = (int)sizeof(err);

    if (getsockopt((SOCKET)s, SOL_SOCKET, SO_ERROR, (char *)&err, &len) != 0)
        err = WSAGetLastError();
    return sock_map_wsa(err);
}

void sock_close(int s)
{
    if (s >= 0)
        (void)closesocket((SOCKET)s);
}
