/* The loop keys sockets on an int (loop_fd_watch, os/sock.h); curl and
 * c-ares name theirs with their own types, an int on Linux and a SOCKET (a
 * UINT_PTR handle value) on Windows. These convert in one place, with the
 * check a SOCKET needs: one above INT_MAX, which kernels do not hand out in
 * practice, is refused (-1, the loop's "no socket"), never truncated. */
#ifndef NC_SOCKFD_H
#define NC_SOCKFD_H

#ifndef _WIN32
#include <sys/select.h> /* ares.h uses fd_set */
#endif
#include <ares.h>
#include <curl/curl.h>
#include <limits.h>

/*! curl's socket as the loop's int.  \return it, or -1 (see above) */
static inline int sockfd_from_curl(curl_socket_t s)
{
#ifdef _WIN32
    if (s == CURL_SOCKET_BAD || s > (curl_socket_t)INT_MAX)
        return -1;
#endif
    return (int)s;
}

/*! The loop's int as curl's socket; a negative fd is CURL_SOCKET_BAD. */
static inline curl_socket_t sockfd_to_curl(int fd)
{
    return fd < 0 ? CURL_SOCKET_BAD : (curl_socket_t)fd;
}

/*! c-ares's socket as the loop's int.  \return it, or -1 (see above) */
static inline int sockfd_from_ares(ares_socket_t s)
{
#ifdef _WIN32
    if (s == ARES_SOCKET_BAD || s > (ares_socket_t)INT_MAX)
        return -1;
#endif
    return (int)s;
}

/*! The loop's int as c-ares's socket; a negative fd is ARES_SOCKET_BAD. */
static inline ares_socket_t sockfd_to_ares(int fd)
{
    return fd < 0 ? ARES_SOCKET_BAD : (ares_socket_t)fd;
}

#endif
