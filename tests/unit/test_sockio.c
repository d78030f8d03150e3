/* sockio.c (os/linux/ here, os/windows/ under wine): c-ares's socket
 * calls on a loopback UDP pair. What c-ares relies on is asserted: the
 * socket is non-blocking and not inherited, a read that would block
 * fails with the system's own would-block error where the system leaves
 * it (errno; WSAGetLastError() on Windows, never mapped), two buffers
 * go out as one datagram, and the sender's address comes back. The bind
 * and getsockname that set the pair up are the test's own system calls:
 * c-ares never makes them. Traffic: loopback only. */
#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#else
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/select.h>
#include <sys/socket.h>
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "sockio.h"

#ifdef _WIN32
typedef int tsocklen;
#define TSOCK(s) ((SOCKET)(s))
static int last_err(void)
{
    return WSAGetLastError();
}
static int would_block(int e)
{
    return e == WSAEWOULDBLOCK;
}
#else
typedef socklen_t tsocklen;
#define TSOCK(s) (s)
static int last_err(void)
{
    return errno;
}
static int would_block(int e)
{
    return e == EAGAIN || e == EWOULDBLOCK;
}
#endif

struct fam_case {
    const char *name;
    int af;
    const char *loopback;
};

static const struct fam_case fam_cases[] = {
    {"IPv4", AF_INET, "127.0.0.1"},
    {"IPv6", AF_INET6, "::1"},
};

/* A loopback address of the case's family, port 0 (any). */
static size_t loopback_addr(const struct fam_case *tc,
                            struct sockaddr_storage *ss)
{
    memset(ss, 0, sizeof(*ss));
    if (tc->af == AF_INET6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)ss;

        s6->sin6_family = AF_INET6;
        assert_int_equal(inet_pton(AF_INET6, tc->loopback, &s6->sin6_addr), 1);
        return sizeof(*s6);
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)ss;

        s4->sin_family = AF_INET;
        assert_int_equal(inet_pton(AF_INET, tc->loopback, &s4->sin_addr), 1);
        return sizeof(*s4);
    }
}

static size_t local_addr(int s, struct sockaddr_storage *ss)
{
    tsocklen len = (tsocklen)sizeof(*ss);

    assert_int_equal(getsockname(TSOCK(s), (struct sockaddr *)(void *)ss, &len),
                     0);
    return (size_t)len;
}

/* Until s has something to read (at most 5 s: loopback is at once, the
 * bound only keeps a broken run from hanging). */
static void wait_readable(int s)
{
    fd_set rf;
    struct timeval tv = {5, 0};

    FD_ZERO(&rf);
    FD_SET(TSOCK(s), &rf);
    assert_int_equal(select(s + 1, &rf, NULL, NULL, &tv), 1);
}

/* What c-ares is given: non-blocking and not inherited by a child. */
static void assert_configured(int s)
{
#ifdef _WIN32
    DWORD flags = 0, ms = 2000;

    assert_true(GetHandleInformation((HANDLE)(uintptr_t)s, &flags));
    assert_int_equal(flags & HANDLE_FLAG_INHERIT, 0);
    /* Winsock cannot say whether a socket blocks; the empty read below
     * shows it, failing with WSAEWOULDBLOCK at once. Were the socket
     * blocking, this makes that read fail with WSAETIMEDOUT instead of
     * hanging the test. */
    assert_int_equal(setsockopt(TSOCK(s), SOL_SOCKET, SO_RCVTIMEO,
                                (const char *)&ms, (int)sizeof(ms)),
                     0);
#else
    int fl = fcntl(s, F_GETFL), fd = fcntl(s, F_GETFD);

    assert_true(fl >= 0 && (fl & O_NONBLOCK) != 0);
    assert_true(fd >= 0 && (fd & FD_CLOEXEC) != 0);
#endif
}

/* The pair a and b, connected to each other the way c-ares connects its
 * UDP socket to a server: b is bound by its connect. */
static int pair_open(const struct fam_case *tc, int *a, int *b)
{
    struct sockaddr_storage ss;
    size_t len;

    *a = sockio_open(tc->af, SOCK_DGRAM, 0);
    if (*a < 0) /* no such family here (an IPv6-less host) */
        return -1;
    *b = sockio_open(tc->af, SOCK_DGRAM, 0);
    assert_true(*b >= 0);
    len = loopback_addr(tc, &ss);
    assert_int_equal(
        bind(TSOCK(*a), (struct sockaddr *)(void *)&ss, (tsocklen)len), 0);
    len = local_addr(*a, &ss);
    assert_int_equal(sockio_connect(*b, (struct sockaddr *)(void *)&ss, len),
                     0);
    len = local_addr(*b, &ss);
    assert_int_equal(sockio_connect(*a, (struct sockaddr *)(void *)&ss, len),
                     0);
    return 0;
}

static void test_udp_pair(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(fam_cases) / sizeof(fam_cases[0]); i++) {
        const struct fam_case *tc = &fam_cases[i];
        char part1[] = "\x12\x34query", part2[] = "-second-buffer";
        struct iovec v[2] = {{part1, sizeof(part1) - 1},
                             {part2, sizeof(part2) - 1}};
        size_t want = v[0].iov_len + v[1].iov_len;
        struct sockaddr_storage from, b_addr;
        size_t from_len = sizeof(from), b_len;
        unsigned char buf[256];
        ptrdiff_t got;
        int a, b;

        if (pair_open(tc, &a, &b) < 0) {
            print_message("%s: no socket of this family, skipped\n", tc->name);
            continue;
        }
        assert_configured(a);
        assert_configured(b);
        assert_int_equal(sockio_is_dgram(a), 1);

        /* Nothing sent yet: would block, and says so in the system's
         * own terms. */
        got = sockio_recvfrom(a, buf, sizeof(buf), 0, NULL, NULL);
        assert_int_equal(got, -1);
        assert_true(would_block(last_err()));

        /* Two buffers, one datagram. */
        assert_int_equal(sockio_sendv(b, v, 2), (ptrdiff_t)want);
        wait_readable(a);
        memset(&from, 0, sizeof(from));
        got = sockio_recvfrom(a, buf, sizeof(buf), 0,
                              (struct sockaddr *)(void *)&from, &from_len);
        assert_int_equal(got, (ptrdiff_t)want);
        assert_memory_equal(buf, part1, v[0].iov_len);
        assert_memory_equal(buf + v[0].iov_len, part2, v[1].iov_len);
        b_len = local_addr(b, &b_addr);
        assert_int_equal(from_len, b_len);
        assert_memory_equal(&from, &b_addr, b_len);

        /* Drained: would block again. */
        got = sockio_recvfrom(a, buf, sizeof(buf), 0,
                              (struct sockaddr *)(void *)&from, &from_len);
        assert_int_equal(got, -1);
        assert_true(would_block(last_err()));

        /* And back, without a from address (how c-ares reads TCP). */
        assert_int_equal(sockio_sendv(a, v, 1), (ptrdiff_t)v[0].iov_len);
        wait_readable(b);
        got = sockio_recvfrom(b, buf, sizeof(buf), 0, NULL, NULL);
        assert_int_equal(got, (ptrdiff_t)v[0].iov_len);
        assert_memory_equal(buf, part1, v[0].iov_len);

        assert_int_equal(sockio_close(a), 0);
        assert_int_equal(sockio_close(b), 0);
    }
}

static void test_stream_not_dgram(void **state)
{
    int s;

    (void)state;
    s = sockio_open(AF_INET, SOCK_STREAM, 0);
    assert_true(s >= 0);
    assert_configured(s);
    assert_int_equal(sockio_is_dgram(s), 0);
    assert_int_equal(sockio_close(s), 0);
}

/* Failures keep the system's error: a closed socket is EBADF on Linux,
 * WSAENOTSOCK on Windows, not an errno value made up for it. */
static void test_errors_raw(void **state)
{
    struct sockaddr_storage ss;
    unsigned char buf[16];
    int s;

    (void)state;
    s = sockio_open(AF_INET, SOCK_DGRAM, 0);
    assert_true(s >= 0);
    assert_int_equal(sockio_close(s), 0);
    assert_int_equal(sockio_is_dgram(s), 0);
    assert_int_equal(sockio_recvfrom(s, buf, sizeof(buf), 0, NULL, NULL), -1);
#ifdef _WIN32
    assert_int_equal(last_err(), WSAENOTSOCK);
#else
    assert_int_equal(last_err(), EBADF);
#endif
    assert_int_equal(sockio_close(s), -1);

    /* An address longer than any: refused before the system sees it. */
    s = sockio_open(AF_INET, SOCK_DGRAM, 0);
    assert_true(s >= 0);
    memset(&ss, 0, sizeof(ss));
    assert_int_equal(
        sockio_connect(s, (struct sockaddr *)(void *)&ss, sizeof(ss) + 1), -1);
#ifdef _WIN32
    assert_int_equal(last_err(), WSAEINVAL);
#else
    assert_int_equal(last_err(), EINVAL);
#endif
    assert_int_equal(sockio_close(s), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_udp_pair),
        cmocka_unit_test(test_stream_not_dgram),
        cmocka_unit_test(test_errors_raw),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
