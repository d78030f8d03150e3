/* loop.c over os/poller.h: readiness is dispatched to the right callback
 * with the right events, unwatching stops it (even within one batch), a
 * closed-and-reused fd number can be watched again, and bad fds are
 * refused. Pipes; on Windows, whose select() takes sockets only, TCP pairs
 * on 127.0.0.1 (fixture_port.h). Nothing leaves the machine. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_port.h"
#include "loop.h"
#include "nc.h"
#include "poller.h"

#define MAX_SEEN 8

struct seen {
    size_t n;
    int fd[MAX_SEEN];
    unsigned events[MAX_SEEN];
    struct nc_loop *loop;
    int unwatch; /* fd the callback stops watching, or -1 */
};

static void record(int fd, unsigned events, void *ud)
{
    struct seen *s = ud;

    if (s->n < MAX_SEEN) {
        s->fd[s->n] = fd;
        s->events[s->n] = events;
    }
    s->n++;
    if (s->unwatch >= 0)
        assert_int_equal(loop_fd_watch(s->loop, s->unwatch, 0, NULL, NULL), 0);
}

struct fixture {
    struct nc_loop *loop;
    int a[2], b[2]; /* two pipes: [0] read end, [1] write end */
    struct seen s;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));

    assert_non_null(f);
    assert_int_equal(loop_new(&f->loop), 0);
    assert_int_equal(fx_pair_open(f->a), 0);
    assert_int_equal(fx_pair_open(f->b), 0);
    f->s.loop = f->loop;
    f->s.unwatch = -1;
    *state = f;
    return 0;
}

static void close_fd(int *fd)
{
    fx_pair_close(*fd);
    *fd = -1;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    close_fd(&f->a[0]);
    close_fd(&f->a[1]);
    close_fd(&f->b[0]);
    close_fd(&f->b[1]);
    loop_free(f->loop);
    free(f);
    return 0;
}

static void test_loop_read_write(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(loop_fd_watch(f->loop, f->a[0], LOOP_READ, record, &f->s),
                     0);
    /* Nothing written: a zero timeout dispatches nothing. */
    assert_int_equal(loop_run_once(f->loop, 0), 0);
    assert_int_equal(f->s.n, 0);
    assert_int_equal(fx_pair_write(f->a[1], "x", 1), 1);
    assert_int_equal(loop_run_once(f->loop, 1000), 1);
    assert_int_equal(f->s.n, 1);
    assert_int_equal(f->s.fd[0], f->a[0]);
    assert_int_equal(f->s.events[0], LOOP_READ);
    /* Now the write end too (an update of the same loop, other fd). */
    assert_int_equal(loop_fd_watch(f->loop, f->a[1], LOOP_WRITE, record, &f->s),
                     0);
    assert_int_equal(loop_fd_watch(f->loop, f->a[0], 0, NULL, NULL),
                     0); /* unwatch */
    f->s.n = 0;
    assert_int_equal(loop_run_once(f->loop, 1000), 1);
    assert_int_equal(f->s.fd[0], f->a[1]);
    assert_int_equal(f->s.events[0], LOOP_WRITE);
}

static void test_loop_modify(void **state)
{
    struct fixture *f = *state;

    /* Watched for reading only, a writable pipe end is quiet; switched
     * to writing, it fires. */
    assert_int_equal(loop_fd_watch(f->loop, f->a[1], LOOP_READ, record, &f->s),
                     0);
    assert_int_equal(loop_run_once(f->loop, 0), 0);
    assert_int_equal(loop_fd_watch(f->loop, f->a[1], LOOP_WRITE, record, &f->s),
                     0);
    assert_int_equal(loop_run_once(f->loop, 1000), 1);
    assert_int_equal(f->s.events[0], LOOP_WRITE);
}

static void test_loop_hangup(void **state)
{
    struct fixture *f = *state;

    /* The writer went away: the reader is told, to read EOF. */
    assert_int_equal(loop_fd_watch(f->loop, f->a[0], LOOP_READ, record, &f->s),
                     0);
    close_fd(&f->a[1]);
    assert_int_equal(loop_run_once(f->loop, 1000), 1);
    assert_true(f->s.events[0] & LOOP_READ);
}

static void test_loop_unwatch_in_batch(void **state)
{
    struct fixture *f = *state;
    struct seen other = {.loop = f->loop, .unwatch = f->a[1]};

    /* Both write ends are ready in the same turn; whichever callback runs
     * first stops the other, which must then not be dispatched. */
    f->s.unwatch = f->b[1];
    assert_int_equal(loop_fd_watch(f->loop, f->a[1], LOOP_WRITE, record, &f->s),
                     0);
    assert_int_equal(
        loop_fd_watch(f->loop, f->b[1], LOOP_WRITE, record, &other), 0);
    assert_int_equal(loop_run_once(f->loop, 1000), 1);
    assert_int_equal(f->s.n + other.n, 1);
}

/* Pairs opened until one end has number want (at most REUSE_TRIES): Linux
 * gives the lowest free fd at once; Windows hands socket handles out in
 * its own order. The misses stay open in spare until the test ends. */
#define REUSE_TRIES 64

static bool pair_with_number(int want, int p[2], int *spare, size_t *n_spare)
{
    size_t i;

    for (i = 0; i < REUSE_TRIES; i++) {
        assert_int_equal(fx_pair_open(p), 0);
        if (p[0] == want)
            return true;
        /* A TCP pair (Windows) reads and writes at both ends. */
        if (p[1] == want && FX_PAIR_BOTH_WAYS) {
            p[1] = p[0];
            p[0] = want;
            return true;
        }
        spare[(*n_spare)++] = p[0];
        spare[(*n_spare)++] = p[1];
    }
    return false;
}

static void test_loop_fd_reused(void **state)
{
    struct fixture *f = *state;
    int old = f->a[0], p[2], spare[2 * REUSE_TRIES];
    size_t n_spare = 0, i;
    bool found;

    /* The owner closed a watched fd without unwatching it, and the number
     * came back: the loop thinks it registered, the kernel does not. */
    assert_int_equal(loop_fd_watch(f->loop, f->a[0], LOOP_READ, record, &f->s),
                     0);
    close_fd(&f->a[0]);
    close_fd(&f->a[1]);
    found = pair_with_number(old, p, spare, &n_spare);
    for (i = 0; i < n_spare; i++)
        fx_pair_close(spare[i]);
    if (!found)
        fail_msg("fd %d did not come back in %d pairs", old, REUSE_TRIES);
    f->a[0] = p[0];
    f->a[1] = p[1];
    assert_int_equal(loop_fd_watch(f->loop, f->a[0], LOOP_READ, record, &f->s),
                     0);
    assert_int_equal(fx_pair_write(f->a[1], "x", 1), 1);
    assert_int_equal(loop_run_once(f->loop, 1000), 1);
    assert_int_equal(f->s.fd[0], old);
}

static void test_loop_bad_fd(void **state)
{
    struct fixture *f = *state;
    static const int bad[] = {-1, 65536, 1 << 30};
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (loop_fd_watch(f->loop, bad[i], LOOP_READ, record, &f->s) !=
            NC_ELIMIT)
            fail_msg("fd %d: want NC_ELIMIT", bad[i]);
    /* Unwatching an fd never watched is a no-op, not an error. */
    assert_int_equal(loop_fd_watch(f->loop, 4000, 0, NULL, NULL), 0);
}

static void test_poller_mod_unknown(void **state)
{
    struct fixture *f = *state;
    struct poller *p = NULL;
    struct poller_event ev[2];

    assert_int_equal(poller_new(&p), 0);
    /* mod of an fd the backend does not know adds it; add of one it
     * knows updates it. */
    assert_int_equal(poller_mod(p, f->a[1], POLLER_WRITE), 0);
    assert_int_equal(poller_add(p, f->a[1], POLLER_WRITE), 0);
    assert_int_equal(poller_wait(p, ev, 2, 1000), 1);
    assert_int_equal(ev[0].fd, f->a[1]);
    assert_int_equal(ev[0].events, POLLER_WRITE);
    poller_del(p, f->a[1]);
    assert_int_equal(poller_wait(p, ev, 2, 0), 0);
    poller_del(p, f->a[1]); /* twice: never fails */
    poller_free(p);
    poller_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_loop_read_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loop_modify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loop_hangup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loop_unwatch_in_batch, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_loop_fd_reused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loop_bad_fd, setup, teardown),
        cmocka_unit_test_setup_teardown(test_poller_mod_unknown, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
