/* The event loop's backend on Windows: select().
 *
 * Why not WSAPoll: before Windows 10 2004 / Server 2022 it does not report
 * a failed non-blocking connect (POLLHUP/POLLERR never come; the caller
 * waits for its own timeout), and a refused or unreachable connect is what
 * netcheck must see at once on Server 2016/2019. select() reports it in
 * exceptfds ("connection attempt failed", Winsock select documentation)
 * on every version, so every socket is also in exceptfds and a socket
 * found there reads as READ|WRITE: its owner asks SO_ERROR.
 *
 * Why not libuv: the loop (engine/loop.c) wants readiness of sockets that
 * curl and c-ares own, which is libuv's uv_poll_t; on Windows uv_poll_t is
 * itself built on AFD polling or select. select() alone does the job in
 * one small file with no dependency.
 *
 * Size: Winsock's fd_set is a count and an array of SOCKETs, not a
 * bitmap, and select() reads fd_count entries: FD_SETSIZE (64 by default)
 * only sizes the array a program declares. The sets here are allocated
 * for the number of watched sockets, so there is no 64 or 1024 ceiling;
 * the cost is linear in that number (bounded by --parallel plus curl's
 * and c-ares's sockets), as it is for WSAPoll. */
#include "poller.h"

#include <winsock2.h>
#include <windows.h>

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "nc.h"

/* fd_set with a run-time length; same layout as Winsock's. */
struct poller_set {
    u_int fd_count;
    SOCKET fd_array[];
};

_Static_assert(offsetof(struct poller_set, fd_array) ==
                   offsetof(fd_set, fd_array),
               "fd_set layout");

struct poller_fd {
    int fd;
    unsigned events;
};

struct poller {
    struct poller_fd *fds;
    size_t n, cap;
    size_t next;               /* first to report, so no socket starves */
    struct poller_set *set[3]; /* read, write, except; cap entries */
};

int poller_new(struct poller **out)
{
    struct poller *p = nc_calloc(1, sizeof(*p));

    if (p == NULL)
        return NC_ENOMEM;
    *out = p;
    return 0;
}

void poller_free(struct poller *p)
{
    int i;

    if (p == NULL)
        return;
    for (i = 0; i < 3; i++)
        nc_free(p->set[i]);
    nc_free(p->fds);
    nc_free(p);
}

static struct poller_fd *poller_find(struct poller *p, int fd)
{
    size_t i;

    for (i = 0; i < p->n; i++)
        if (p->fds[i].fd == fd)
            return &p->fds[i];
    return NULL;
}

static int poller_grow(struct poller *p)
{
    size_t cap = p->cap ? p->cap * 2 : 64, i;
    struct poller_fd *fds;

    if (cap > UINT_MAX / 2)
        return NC_EIO;
    fds = nc_calloc(cap, sizeof(*fds));
    if (fds == NULL)
        return NC_EIO;
    for (i = 0; i < 3; i++) {
        struct poller_set *s =
            nc_calloc(1, sizeof(*s) + cap * sizeof(s->fd_array[0]));

        if (s == NULL) {
            nc_free(fds);
            return NC_EIO;
        }
        nc_free(p->set[i]);
        p->set[i] = s;
    }
    for (i = 0; i < p->n; i++)
        fds[i] = p->fds[i];
    nc_free(p->fds);
    p->fds = fds;
    p->cap = cap;
    return 0;
}

/* Add or update: poller_add and poller_mod are one operation here. */
static int poller_set_events(struct poller *p, int fd, unsigned events)
{
    struct poller_fd *f = poller_find(p, fd);

    if (f != NULL) {
        f->events = events;
        return 0;
    }
    if (p->n == p->cap && poller_grow(p) < 0)
        return NC_EIO;
    p->fds[p->n].fd = fd;
    p->fds[p->n].events = events;
    p->n++;
    return 0;
}

int poller_add(struct poller *p, int fd, unsigned events)
{
    return poller_set_events(p, fd, events);
}

int poller_mod(struct poller *p, int fd, unsigned events)
{
    return poller_set_events(p, fd, events);
}

void poller_del(struct poller *p, int fd)
{
    struct poller_fd *f = poller_find(p, fd);

    if (f == NULL)
        return;
    *f = p->fds[--p->n];
}

static bool poller_in(const struct poller_set *s, SOCKET sk)
{
    u_int i;

    for (i = 0; i < s->fd_count; i++)
        if (s->fd_array[i] == sk)
            return true;
    return false;
}

int poller_wait(struct poller *p, struct poller_event *evs, int max,
                int timeout_ms)
{
    struct timeval tv, *tvp = NULL;
    size_t i, k;
    int n, got = 0;

    if (p->n == 0) {
        /* select() with three empty sets fails (WSAEINVAL): just wait. */
        Sleep(timeout_ms < 0 ? INFINITE : (DWORD)timeout_ms);
        return 0;
    }
    for (i = 0; i < 3; i++)
        p->set[i]->fd_count = 0;
    for (i = 0; i < p->n; i++) {
        SOCKET sk = (SOCKET)p->fds[i].fd;

        if (p->fds[i].events & POLLER_READ)
            p->set[0]->fd_array[p->set[0]->fd_count++] = sk;
        if (p->fds[i].events & POLLER_WRITE)
            p->set[1]->fd_array[p->set[1]->fd_count++] = sk;
        p->set[2]->fd_array[p->set[2]->fd_count++] = sk;
    }
    if (timeout_ms >= 0) {
        tv.tv_sec = timeout_ms / 1000;
        tv.tv_usec = (timeout_ms % 1000) * 1000;
        tvp = &tv;
    }
    n = select(0, (fd_set *)(void *)p->set[0], (fd_set *)(void *)p->set[1],
               (fd_set *)(void *)p->set[2], tvp);
    if (n == SOCKET_ERROR)
        return WSAGetLastError() == WSAEINTR ? 0 : NC_EIO;
    if (n == 0)
        return 0;
    if (p->next >= p->n)
        p->next = 0;
    for (k = 0; k < p->n && got < max; k++) {
        const struct poller_fd *f = &p->fds[(p->next + k) % p->n];
        SOCKET sk = (SOCKET)f->fd;
        unsigned ev = 0;

        if (poller_in(p->set[2], sk))
            ev = POLLER_READ | POLLER_WRITE; /* a failed connect */
        if (poller_in(p->set[0], sk))
            ev |= POLLER_READ;
        if (poller_in(p->set[1], sk))
            ev |= POLLER_WRITE;
        if (ev == 0)
            continue;
        evs[got].fd = f->fd;
        evs[got].events = ev;
        got++;
    }
    p->next = (p->next + k) % p->n;
    return got;
}
