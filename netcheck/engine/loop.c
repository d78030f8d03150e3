#include "loop.h"

#include <string.h>
#include <time.h>

#include "nc.h"
#include "poller.h"

/* fds are small integers, so a flat table indexed by fd is the registry. */
#define LOOP_MAX_FDS 65536
/* Events handled per turn. A curl event can cost a TLS handshake step (about
 * half a millisecond of CPU), and the engine starts new lookups between
 * turns: a short turn keeps name resolution flowing while handshakes run. */
#define LOOP_BATCH 16

/* The loop's event bits are the poller's: passed through unchanged. */
_Static_assert(LOOP_READ == POLLER_READ && LOOP_WRITE == POLLER_WRITE,
               "loop and poller event bits differ");

struct loop_watch {
    loop_fd_cb cb;
    void *ud;
    unsigned events;
};

struct nc_loop {
    struct poller *poller;
    struct loop_watch *watch;
    size_t n_watch;
};

int loop_new(struct nc_loop **out)
{
    struct nc_loop *loop = nc_calloc(1, sizeof(*loop));
    int r;

    if (loop == NULL)
        return NC_ENOMEM;
    r = poller_new(&loop->poller);
    if (r < 0) {
        nc_free(loop);
        return r;
    }
    *out = loop;
    return 0;
}

void loop_free(struct nc_loop *loop)
{
    if (loop == NULL)
        return;
    poller_free(loop->poller);
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

int loop_fd_watch(struct nc_loop *loop, int fd, unsigned events, loop_fd_cb cb,
                  void *ud)
{
    struct loop_watch *w;
    int r;

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
    if (events == 0) {
        if (w->events != 0)
            poller_del(loop->poller, fd);
        memset(w, 0, sizeof(*w));
        return 0;
    }
    if (w->events != 0)
        r = poller_mod(loop->poller, fd, events);
    else
        r = poller_add(loop->poller, fd, events);
    if (r < 0)
        return r;
    w->cb = cb;
    w->ud = ud;
    w->events = events;
    return 0;
}

int loop_run_once(struct nc_loop *loop, long timeout_ms)
{
    struct poller_event evs[LOOP_BATCH];
    int n, i, done = 0;

    if (timeout_ms > 60000)
        timeout_ms = 60000;
    n = poller_wait(loop->poller, evs, LOOP_BATCH, (int)timeout_ms);
    if (n < 0)
        return n;
    for (i = 0; i < n; i++) {
        int fd = evs[i].fd;
        struct loop_watch *w;

        if ((size_t)fd >= loop->n_watch)
            continue;
        w = &loop->watch[fd];
        /* Unwatched by an earlier callback in this batch. */
        if (w->events == 0 || w->cb == NULL)
            continue;
        w->cb(fd, evs[i].events, w->ud);
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
