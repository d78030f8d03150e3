#include "loop.h"

#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "nc.h"

/* fds are small integers, so a flat table indexed by fd is the registry. */
#define LOOP_MAX_FDS 65536
/* Events handled per turn. A curl event can cost a TLS handshake step (about
 * half a millisecond of CPU), and the engine starts new lookups between
 * turns: a short turn keeps name resolution flowing while handshakes run. */
#define LOOP_BATCH 16

struct loop_watch {
    loop_fd_cb cb;
    void *ud;
    unsigned events;
};

struct nc_loop {
    int epfd;
    struct loop_watch *watch;
    size_t n_watch;
};

int loop_new(struct nc_loop **out)
{
    struct nc_loop *loop = nc_calloc(1, sizeof(*loop));

    if (loop == NULL)
        return NC_ENOMEM;
    loop->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (loop->epfd < 0) {
        nc_free(loop);
        return NC_EIO;
    }
    *out = loop;
    return 0;
}

void loop_free(struct nc_loop *loop)
{
    if (loop == NULL)
        return;
    if (loop->epfd >= 0)
        close(loop->epfd);
    nc_free(loop->watch);
    nc_free(loop);
}

static int loop_grow(struct nc_loop *loop, size_t fd)
{
    size_t n = loop->n_watch ? loop->n_watch : 64;
    struct loop_watch *w;

    while (n <= fd)
        n *= 2;
    if (n > LOOP_MAX_FDS)
        n = LOOP_MAX_FDS;
    w = nc_realloc(loop->watch, n * sizeof(*w));
    if (w == NULL)
        return NC_ENOMEM;
    memset(w + loop->n_watch, 0, (n - loop->n_watch) * sizeof(*w));
    loop->watch = w;
    loop->n_watch = n;
    return 0;
}

static uint32_t loop_epoll_events(unsigned events)
{
    uint32_t ev = 0;

    if (events & LOOP_READ)
        ev |= EPOLLIN;
    if (events & LOOP_WRITE)
        ev |= EPOLLOUT;
    return ev;
}

int loop_fd_watch(struct nc_loop *loop, int fd, unsigned events, loop_fd_cb cb,
                  void *ud)
{
    struct epoll_event ev;
    struct loop_watch *w;
    int op, r;

    if (fd < 0 || fd >= LOOP_MAX_FDS)
        return NC_ELIMIT;
    if ((size_t)fd >= loop->n_watch) {
        if (events == 0)
            return 0;
        r = loop_grow(loop, (size_t)fd);
        if (r < 0)
            return r;
    }
    w = &loop->watch[fd];
    memset(&ev, 0, sizeof(ev));
    ev.data.fd = fd;
    ev.events = loop_epoll_events(events);
    if (events == 0) {
        /* The fd may already be closed by its owner: ignore errors. */
        if (w->events != 0)
            (void)epoll_ctl(loop->epfd, EPOLL_CTL_DEL, fd, NULL);
        memset(w, 0, sizeof(*w));
        return 0;
    }
    op = w->events != 0 ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    r = epoll_ctl(loop->epfd, op, fd, &ev);
    /* A closed-and-reused fd number looks registered to us but not to
     * epoll (or the other way round); retry with the other operation. */
    if (r < 0 && op == EPOLL_CTL_MOD && errno == ENOENT)
        r = epoll_ctl(loop->epfd, EPOLL_CTL_ADD, fd, &ev);
    else if (r < 0 && op == EPOLL_CTL_ADD && errno == EEXIST)
        r = epoll_ctl(loop->epfd, EPOLL_CTL_MOD, fd, &ev);
    if (r < 0)
        return NC_EIO;
    w->cb = cb;
    w->ud = ud;
    w->events = events;
    return 0;
}

int loop_run_once(struct nc_loop *loop, long timeout_ms)
{
    struct epoll_event evs[LOOP_BATCH];
    int n, i, done = 0;

    if (timeout_ms > 60000)
        timeout_ms = 60000;
    n = epoll_wait(loop->epfd, evs, LOOP_BATCH, (int)timeout_ms);
    if (n < 0)
        return errno == EINTR ? 0 : NC_EIO;
    for (i = 0; i < n; i++) {
        int fd = evs[i].data.fd;
        unsigned events = 0;
        struct loop_watch *w;

        if ((size_t)fd >= loop->n_watch)
            continue;
        w = &loop->watch[fd];
        /* Unwatched by an earlier callback in this batch. */
        if (w->events == 0 || w->cb == NULL)
            continue;
        if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
            events |= LOOP_READ;
        if (evs[i].events & (EPOLLOUT | EPOLLHUP | EPOLLERR))
            events |= LOOP_WRITE;
        w->cb(fd, events, w->ud);
        done++;
    }
    return done;
}

uint64_t loop_now_us(void)
{
    struct timespec ts;

    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

uint64_t loop_now_ms(void)
{
    return loop_now_us() / 1000u;
}
