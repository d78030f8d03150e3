/* The socket calls c-ares makes, made for it (engine/dns_sock.c gives
 * them to ares_set_socket_functions so that dns_match sees every UDP
 * query and reply): BSD sockets on Linux (os/linux/sockio.c), Winsock on
 * Windows (os/windows/sockio.c).
 *
 * Unlike sock.h, these return what the system returns and leave a failed
 * call's error where the system leaves it and c-ares reads it (SOCKERRNO
 * in c-ares 1.18's setup_once.h): errno on Linux, WSAGetLastError() on
 * Windows. c-ares compares it with EAGAIN/EWOULDBLOCK, EINPROGRESS, which
 * it defines as WSAEWOULDBLOCK, WSAEINPROGRESS on Windows; mapped to
 * errno values, as sock.h does, a would-block read there would look like
 * a dead server.
 *
 * A socket is an int, as in sock.h; the Windows backend refuses one
 * above INT_MAX (WSAEMFILE). af, type and proto are the system's values
 * as c-ares passes them (AF_INET, SOCK_DGRAM, ...). */
#ifndef NC_SOCKIO_H
#define NC_SOCKIO_H

#include <stddef.h>

#ifdef _WIN32
/* mingw has no struct iovec. c-ares 1.18 declares only the tag in ares.h
 * (for ares_socket_functions' asendv) and, without writev, defines it in
 * src/lib/ares_writev.h as { void *iov_base; size_t iov_len; }: the same
 * members in the same order here, so the asendv c-ares calls and ours
 * agree on the layout. */
struct iovec {
    void *iov_base;
    size_t iov_len;
};
#else
#include <sys/uio.h>
#endif

struct sockaddr;

/*! Open a non-blocking socket that no child process inherits
 *  (SOCK_CLOEXEC; Windows: WSA_FLAG_NO_HANDLE_INHERIT). c-ares configures
 *  only sockets it opened itself, so it must come non-blocking: its read
 *  loop reads until the call would block.
 *  \return the socket (>= 0), or -1 with the system's error left */
int sockio_open(int af, int type, int proto);

/*! After a failed sockio_open, read without changing the error: did it
 *  fail for lack of descriptors (EMFILE, ENFILE; WSAEMFILE)? That is this
 *  process's limit, never the network's fault.  \return 1 or 0 */
int sockio_open_nofile(void);

/*! Close s.  \return 0, or -1 with the system's error left */
int sockio_close(int s);

/*! connect(2) s to sa (len bytes).
 *  \return 0, or -1 with the system's error left (EINPROGRESS,
 *  WSAEWOULDBLOCK: still going on) */
int sockio_connect(int s, const struct sockaddr *sa, size_t len);

/*! recvfrom(2): at most n bytes into buf; with from, its address and, in
 *  *from_len (in: from's size), its length.
 *  \return the bytes read (0: a TCP peer closed), or -1 with the system's
 *  error left */
ptrdiff_t sockio_recvfrom(int s, void *buf, size_t n, int flags,
                          struct sockaddr *from, size_t *from_len);

/*! writev(2): send the n buffers of v, in order; on a datagram socket as
 *  one datagram (Windows: up to 16 buffers, which c-ares never exceeds
 *  there: it sends a UDP query as one buffer).
 *  \return the bytes sent (maybe fewer than asked, on a stream), or -1
 *  with the system's error left */
ptrdiff_t sockio_sendv(int s, const struct iovec *v, int n);

/*! \return 1 when s is a datagram socket (SO_TYPE), 0 otherwise or when
 *  the system cannot say */
int sockio_is_dgram(int s);

#endif
