/* The event loop's backend on Linux: epoll. */
#include "poller.h"

#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "nc.h"

/* Ready fds taken from the kernel per wait. */
#define POLLER_BATCH 64

struct poller {
    int epfd;
};

int poller_new(struct poller **out)
{
    struct poller *p = nc_calloc(1, sizeof(*p));

    if (p == NULL)
        return NC_ENOMEM;
    p->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (p->epfd < 0) {
        nc_free(p);
        return NC_EIO;
    }
    *out = p;
    return 0;
}

void poller_free(struct poller *p)
{
    if (p == NULL)
        return;
    if (p->epfd >= 0)
        (void)close(p->epfd);
    nc_free(p);
}

static int poller_ctl(struct poller *p, int op, int fd, unsigned events)
{
    struct epoll_event ev;

    memset(&ev, 0, sizeof(ev));
    ev.data.fd = fd;
    if (events & POLLER_READ)
        ev.events |= EPOLLIN;
    if (events & POLLER_WRITE)
        ev.events |= EPOLLOUT;
    if (epoll_ctl(p->epfd, op, fd, &ev) == 0)
        return 0;
    /* A closed-and-reused fd number looks registered to the loop but not
     * to epoll (or the other way round); retry with the other operation. */
    if ((op == EPOLL_CTL_MOD && errno == ENOENT) ||
        (op == EPOLL_CTL_ADD && errno == EEXIST)) {
        op = op == EPOLL_CTL_MOD ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
        if (epoll_ctl(p->epfd, op, fd, &ev) == 0)
            return 0;
    }
    return NC_EIO;
}

int poller_add(struct poller *p, int fd, unsigned events)
{
    return poller_ctl(p, EPOLL_CTL_ADD, fd, events);
}

int poller_mod(struct poller *p, int fd, unsigned events)
{
    return poller_ctl(p, EPOLL_CTL_MOD, fd, events);
}

void poller_del(struct poller *p, int fd)
{
    (void)epoll_ctl(p->epfd, EPOLL_CTL_DEL, fd, NULL);
}

int poller_wait(struct poller *p, struct poller_event *evs, int max,
                int timeout_ms)
{
    struct epoll_event ev[POLLER_BATCH];
    int n, i;

    if (max > POLLER_BATCH)
        max = POLLER_BATCH;
    n = epoll_wait(p->epfd, ev, max, timeout_ms);
    if (n < 0)
        return errno == EINTR ? 0 : NC_EIO;
    for (i = 0; i < n; i++) {
        evs[i].fd = ev[i].data.fd;
        evs[i].events = 0;
        if (ev[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
            evs[i].events |= POLLER_READ;
        if (ev[i].events & (EPOLLOUT | EPOLLHUP | EPOLLERR))
            evs[i].events |= POLLER_WRITE;
    }
    return n;
}
