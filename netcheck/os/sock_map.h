/* Winsock error codes as errno values: pure, so the table is tested on
 * every system (tests/unit/test_sock_map.c), while only os/windows/sock.c
 * calls it. */
#ifndef NC_SOCK_MAP_H
#define NC_SOCK_MAP_H

/*! The errno value for a Winsock error (WSAGetLastError, SO_ERROR):
 *  WSAECONNREFUSED (10061) is ECONNREFUSED, WSAETIMEDOUT ETIMEDOUT,
 *  WSAENETUNREACH ENETUNREACH, WSAEHOSTUNREACH EHOSTUNREACH, WSAECONNRESET
 *  ECONNRESET, ... 0 stays 0.
 *  \return the errno value, or EIO for a code with no counterpart (never
 *  0, so a failure is never read as success) */
int sock_map_wsa(int wsa);

#endif
