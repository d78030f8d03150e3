/* A non-blocking TCP connect, the part of the socket API the engine uses
 * itself before it hands the connected socket to curl: BSD sockets on
 * Linux (os/linux/sock.c), Winsock on Windows (os/windows/sock.c).
 *
 * Errors are errno values (ECONNREFUSED, ETIMEDOUT, ENETUNREACH,
 * EHOSTUNREACH, ECONNRESET...) on every system: they travel unchanged into
 * probe_facts.os_errno, where verdict/ names the cause. Windows maps its
 * WSAE* codes to them (sock_map.h), so the verdict code stays one.
 *
 * A socket is an int, as the loop (loop_fd_watch) and the poller know it.
 * On Windows a SOCKET is a UINT_PTR handle value; the Windows backend
 * refuses (closes, EMFILE) one above INT_MAX, which kernels do not hand
 * out in practice. Handing it to curl needs a cast to curl_socket_t. */
#ifndef NC_SOCK_H
#define NC_SOCK_H

#include <stdint.h>

#include "cidr.h"

/* sock_connect_start: the connect goes on; wait until the socket is
 * writable, then ask sock_connect_result. */
#define SOCK_INPROGRESS 1

/*! Open a non-blocking, close-on-exec TCP socket for family 4 or 6.
 *  \return the socket (>= 0), or a negative errno value (-EMFILE,
 *  -ENFILE: this process's limit; others: the system refused) */
int sock_stream_open(int family);

/*! Start connecting s to addr:port.
 *  \return 0 (connected at once), SOCK_INPROGRESS, or a negative errno
 *  value (-ECONNREFUSED, -ENETUNREACH...) */
int sock_connect_start(int s, const struct nc_addr *addr, uint16_t port);

/*! The outcome of a connect that was in progress, once s is writable.
 *  \return 0 when connected, or the errno value it failed with */
int sock_connect_result(int s);

/*! Close s; a negative s is a no-op. */
void sock_close(int s);

#endif
