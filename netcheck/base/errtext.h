/* The text for a socket errno value, the same on every system. */
#ifndef NC_ERRTEXT_H
#define NC_ERRTEXT_H

/*! What went wrong, for an errno value from a socket call: glibc's
 *  wording for the network errors (ECONNREFUSED, ETIMEDOUT, ENETUNREACH,
 *  EHOSTUNREACH, ECONNRESET...), strerror's text for anything else.
 *  Windows' C runtime knows only the errno values of C89 and calls the
 *  rest "Unknown error", though os/windows/sock.c maps Winsock's codes to
 *  them; with this table a report reads the same on both systems.
 *  \return a static string */
const char *nc_errno_text(int err);

#endif
