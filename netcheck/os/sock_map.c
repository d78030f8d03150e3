/* The Winsock codes are fixed numbers (WSABASEERR 10000 + the BSD errno of
 * 4.3BSD, winerror.h); they are written as numbers so this file compiles
 * where winsock2.h does not exist. os/windows/sock.c checks the numbers
 * against the header's names at compile time. */
#include "sock_map.h"

#include <errno.h>
#include <stddef.h>

static const struct {
    int wsa;
    int err;
} sock_map_table[] = {
    {10004, EINTR},         /* WSAEINTR */
    {10009, EBADF},         /* WSAEBADF */
    {10013, EACCES},        /* WSAEACCES: a firewall's refusal */
    {10014, EFAULT},        /* WSAEFAULT */
    {10022, EINVAL},        /* WSAEINVAL */
    {10024, EMFILE},        /* WSAEMFILE */
    {10035, EWOULDBLOCK},   /* WSAEWOULDBLOCK */
    {10036, EINPROGRESS},   /* WSAEINPROGRESS */
    {10037, EALREADY},      /* WSAEALREADY */
    {10038, ENOTSOCK},      /* WSAENOTSOCK */
    {10047, EAFNOSUPPORT},  /* WSAEAFNOSUPPORT */
    {10048, EADDRINUSE},    /* WSAEADDRINUSE */
    {10049, EADDRNOTAVAIL}, /* WSAEADDRNOTAVAIL */
    {10050, ENETDOWN},      /* WSAENETDOWN */
    {10051, ENETUNREACH},   /* WSAENETUNREACH */
    {10052, ENETRESET},     /* WSAENETRESET */
    {10053, ECONNABORTED},  /* WSAECONNABORTED */
    {10054, ECONNRESET},    /* WSAECONNRESET */
    {10055, ENOBUFS},       /* WSAENOBUFS */
    {10056, EISCONN},       /* WSAEISCONN */
    {10060, ETIMEDOUT},     /* WSAETIMEDOUT */
    {10061, ECONNREFUSED},  /* WSAECONNREFUSED */
#ifdef EHOSTDOWN            /* not in mingw-w64's errno.h */
    {10064, EHOSTDOWN},     /* WSAEHOSTDOWN: no ARP/ND answer */
#else
    {10064, EHOSTUNREACH}, /* the same verdict: tcp_unreachable */
#endif
    {10065, EHOSTUNREACH}, /* WSAEHOSTUNREACH */
    {10093, EIO},          /* WSANOTINITIALISED: our bug, not the net's */
};

int sock_map_wsa(int wsa)
{
    size_t i;

    if (wsa == 0)
        return 0;
    for (i = 0; i < sizeof(sock_map_table) / sizeof(sock_map_table[0]); i++)
        if (sock_map_table[i].wsa == wsa)
            return sock_map_table[i].err;
    return EIO;
}
