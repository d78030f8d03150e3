/* A small event loop: os/poller.h for readiness (epoll on Linux),
 * CLOCK_MONOTONIC for time. curl and c-ares both register their sockets
 * here (redis ae / h2o style). */
#ifndef NC_LOOP_H
#define NC_LOOP_H

#include <stdint.h>

#define LOOP_READ  1u
#define LOOP_WRITE 2u

struct nc_loop;

typedef void (*loop_fd_cb)(int fd, unsigned events, void *ud);

/*! Create a loop.  \return 0 and *out, or NC_ENOMEM / NC_EIO */
int loop_new(struct nc_loop **out);

/*! Free a loop; NULL is a no-op. Registered fds are not closed. */
void loop_free(struct nc_loop *loop);

/*! Watch fd for events (LOOP_READ|LOOP_WRITE); events 0 stops watching.
 *  \return 0, NC_ENOMEM, NC_ELIMIT or NC_EIO */
int loop_fd_watch(struct nc_loop *loop, int fd, unsigned events, loop_fd_cb cb,
                  void *ud);

/*! Wait up to timeout_ms (-1: forever) and dispatch ready fds, at most
 *  one round.  \return number of fds dispatched, or NC_EIO */
int loop_run_once(struct nc_loop *loop, long timeout_ms);

/*! Milliseconds on CLOCK_MONOTONIC (never jumps with the wall clock). */
uint64_t loop_now_ms(void);

/*! Microseconds on CLOCK_MONOTONIC. */
uint64_t loop_now_us(void);

#endif
