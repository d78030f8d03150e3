/* The connect stage of direct transfers: our own non-blocking TCP connect
 * on the event loop, then the connected socket is handed to curl
 * (CURLOPT_OPENSOCKETFUNCTION + CURL_SOCKOPT_ALREADY_CONNECTED). A connect
 * costs a socket; a TLS transfer costs an OpenSSL context: thousands of the
 * first can wait on blackholed addresses while a bounded number of the
 * second run. */
#include <errno.h>

#include "probe_int.h"
#include "str.h"
#include "sock.h"

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
    /* TLS transfers queue for their bounded share of slots; plain HTTP
     * ones, which hold no TLS state, only for --parallel's. */
    TAILQ_INSERT_TAIL(nc_strcasecmp(pa->pc->c->scheme, "https") == 0
                          ? &e->ready_q
                          : &e->ready_plain_q,
                      pa, link);
    e->ready++;
}

static void probe_conn_event(int fd, unsigned events, void *ud)
{
    struct paddr *pa = ud;
    struct engine *e = pa->pc->e;
    int err;

    (void)events;
    (void)loop_fd_watch(e->loop, fd, 0, NULL, NULL);
    err = sock_connect_result(fd);
    probe_conn_unlink(e, pa);
    if (err == 0) {
        probe_conn_connected(e, pa);
        return;
    }
    probe_conn_release(e, pa);
    e->conn_failed(e, pa, NC_XFER_CONNECT_FAIL, err);
}

int probe_conn_start(struct engine *e, struct paddr *pa)
{
    const struct nc_addr *a = &pa->pc->res->addrs[pa->idx].addr;
    long total_ms, connect_ms;
    int fd, rc;

    pa->conn_start_us = loop_now_us();
    fd = sock_stream_open(a->family);
    if (fd < 0) {
        /* Out of descriptors is this process's limit, never the network's
         * fault: the run stops as an internal error. */
        if (fd == -EMFILE || fd == -ENFILE)
            return NC_ELIMIT;
        e->conn_failed(e, pa, NC_XFER_CONNECT_FAIL, -fd);
        return 0;
    }
    pa->fd = fd;
    rc = sock_connect_start(fd, a, (uint16_t)pa->pc->c->port);
    if (rc == 0) {
        probe_conn_connected(e, pa);
        return 0;
    }
    if (rc != SOCK_INPROGRESS) {
        probe_conn_release(e, pa);
        e->conn_failed(e, pa, NC_XFER_CONNECT_FAIL, -rc);
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
        sock_close(pa->fd);
    }
    pa->fd = -1;
}
