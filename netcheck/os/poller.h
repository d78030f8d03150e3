/* The event loop's backend: which sockets are ready. epoll on Linux
 * (os/linux/poller.c); another system plugs in its own (WSAPoll, libuv)
 * behind the same few calls. The loop (engine/loop.c) keeps the callbacks
 * and the clock; this only registers descriptors and waits. */
#ifndef NC_POLLER_H
#define NC_POLLER_H

#define POLLER_READ  1u
#define POLLER_WRITE 2u

struct poller;

/* One ready descriptor: POLLER_READ and/or POLLER_WRITE (a hang-up or an
 * error reads as both, so its owner looks and finds out). */
struct poller_event {
    int fd;
    unsigned events;
};

/*! Create a poller.  \return 0 and *out, or NC_ENOMEM / NC_EIO */
int poller_new(struct poller **out);

/*! Free a poller; NULL is a no-op. Registered fds are not closed. */
void poller_free(struct poller *p);

/*! Start watching fd for events (POLLER_READ|POLLER_WRITE). An fd the
 *  backend still knows (a closed and reused number) is updated instead.
 *  \return 0 or NC_EIO */
int poller_add(struct poller *p, int fd, unsigned events);

/*! Change the events of a watched fd; an fd the backend no longer knows is
 *  added.  \return 0 or NC_EIO */
int poller_mod(struct poller *p, int fd, unsigned events);

/*! Stop watching fd. It may already be closed by its owner: never fails. */
void poller_del(struct poller *p, int fd);

/*! Wait up to timeout_ms (-1: forever) for at most max ready fds.
 *  \return how many were written to evs (0 on timeout or a signal), or
 *  NC_EIO */
int poller_wait(struct poller *p, struct poller_event *evs, int max,
                int timeout_ms);

#endif
