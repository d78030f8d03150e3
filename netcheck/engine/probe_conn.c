/* The connect stage of direct transfers: our own non-blocking TCP connect
 * on the event loop, then the connected socket is handed to curl
 * (CURLOPT_OPENSOCKETFUNCTION + CURL_SOCKOPT_ALREADY_CONNECTED). A connect
 * costs a socket; a TLS transfer costs an OpenSSL context: thousands of the
 * first can wait on blackholed addresses while a bounded number of the
 * second run. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#ifdef _WIN32
/* Compile-only until os/sock.h lands (issue 10): the engine cannot start
 * on Windows yet (os/windows poller_new fails), so nothing here runs. */
#include <winsock2.h>
#include <ws2tcpip.h>
#define SOCK_NONBLOCK 0
#define SOCK_CLOEXEC  0
#else
#include <netinet/in.h>
#include <sys/socket.h>
#endif

#include "probe_int.h"

/* Remove pa from the connecting list. */
static void probe_conn_unlink(struct engine *e, struct paddr *pa)
{
    TAILQ_REMOVE(&e->conn_q, pa, link);
    e->connecting--;
}

static void probe_conn_connected(struct engine *e, struct paddr *pa)
{
    pa->conn_ms = (double)(loop_now_us() - pa->conn_start_us) / 1000.0;
    pa->preconnected = true;
    TAILQ_INSERT_TAIL(&e->ready_q, pa, link);
    e->ready++;
}

static void probe_conn_event(int fd, unsigned events, void *ud)
{
    struct paddr *pa = ud;
    struct engine *e = pa->pc->e;
    int err = 0;
    socklen_t len = sizeof(err);

    (void)events;
    (void)loop_fd_watch(e->loop, fd, 0, NULL, NULL);
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        err = errno;
    probe_conn_unlink(e, pa);
    if (err == 0) {
        probe_conn_connected(e, pa);
        return;
    }
    probe_conn_release(e, pa);
    e->conn_failed(e, pa, NC_XFER_CONNECT_FAIL, err);
}

static socklen_t probe_conn_sockaddr(const struct paddr *pa,
                                     struct sockaddr_storage *ss)
{
    const struct nc_addr *a = &pa->pc->res->addrs[pa->idx].addr;
    uint16_t port = (uint16_t)pa->pc->c->port;

    memset(ss, 0, sizeof(*ss));
    if (a->family == 6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)ss;

        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons(port);
        memcpy(&s6->sin6_addr, a->bytes, 16);
        return sizeof(*s6);
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)ss;

        s4->sin_family = AF_INET;
        s4->sin_port = htons(port);
        memcpy(&s4->sin_addr, a->bytes, 4);
        return sizeof(*s4);
    }
}

int probe_conn_start(struct engine *e, struct paddr *pa)
{
    struct sockaddr_storage ss;
    socklen_t sl = probe_conn_sockaddr(pa, &ss);
    long total_ms, connect_ms;
    int fd;

    pa->conn_start_us = loop_now_us();
    fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                IPPROTO_TCP);
    if (fd < 0) {
        /* Out of descriptors is this process's limit, never the network's
         * fault: the run stops as an internal error. */
        if (errno == EMFILE || errno == ENFILE)
            return NC_ELIMIT;
        e->conn_failed(e, pa, NC_XFER_CONNECT_FAIL, errno);
        return 0;
    }
    pa->fd = fd;
    if (connect(fd, (struct sockaddr *)(void *)&ss, sl) == 0) {
        probe_conn_connected(e, pa);
        return 0;
    }
    if (errno != EINPROGRESS) {
        int err = errno;

        probe_conn_release(e, pa);
        e->conn_failed(e, pa, NC_XFER_CONNECT_FAIL, err);
        return 0;
    }
    if (loop_fd_watch(e->loop, fd, LOOP_WRITE, probe_conn_event, pa) < 0) {
        probe_conn_release(e, pa);
        return NC_ENOMEM;
    }
    probe_sched_budget(e, pa->pc, &total_ms, &connect_ms);
    pa->conn_deadline_ms = loop_now_ms() + (uint64_t)connect_ms;
    if (e->conn_next_deadline_ms == 0 ||
        pa->conn_deadline_ms < e->conn_next_deadline_ms)
        e->conn_next_deadline_ms = pa->conn_deadline_ms;
    TAILQ_INSERT_TAIL(&e->conn_q, pa, link);
    e->connecting++;
    return 0;
}

void probe_conn_timers(struct engine *e)
{
    uint64_t now = loop_now_ms(), next = 0;
    struct paddr *pa = TAILQ_FIRST(&e->conn_q), *after;

    if (e->conn_next_deadline_ms == 0 || now < e->conn_next_deadline_ms)
        return;
    for (; pa != NULL; pa = after) {
        after = TAILQ_NEXT(pa, link);
        if (pa->conn_deadline_ms > now) {
            if (next == 0 || pa->conn_deadline_ms < next)
                next = pa->conn_deadline_ms;
            continue;
        }
        (void)loop_fd_watch(e->loop, pa->fd, 0, NULL, NULL);
        probe_conn_unlink(e, pa);
        probe_conn_release(e, pa);
        e->conn_failed(e, pa, NC_XFER_TIMEOUT, 0);
    }
    e->conn_next_deadline_ms = next;
}

void probe_conn_release(struct engine *e, struct paddr *pa)
{
    if (pa->fd >= 0 && !pa->fd_given) {
        (void)loop_fd_watch(e->loop, pa->fd, 0, NULL, NULL);
        (void)close(pa->fd);
    }
    pa->fd = -1;
}
