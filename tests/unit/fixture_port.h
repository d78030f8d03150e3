/* What the unit tests ask of the system where Linux and Windows differ, so
 * that the same test files run natively and under wine: a stream written
 * to memory, environment variables, a temporary directory, the null
 * device, a connected pair of descriptors for the event loop, and a
 * marked skip for a test that only means something on Linux. */
#ifndef NC_FIXTURE_PORT_H
#define NC_FIXTURE_PORT_H

#include <stddef.h>
#include <stdio.h>

#ifdef _WIN32
#define FX_DEVNULL "NUL"
#else
#define FX_DEVNULL "/dev/null"
#endif

/* Skips the calling test on Windows, saying why (cmocka shows it as
 * SKIPPED, never as passed). */
#ifdef _WIN32
#define FX_LINUX_ONLY(why)                                                     \
    do {                                                                       \
        print_message("skipped on Windows: %s\n", why);                        \
        skip();                                                                \
    } while (0)
#else
#define FX_LINUX_ONLY(why) ((void)0)
#endif

/* A stream whose bytes are read back when it is closed: tmpfile() on
 * Linux, a file in the temporary directory opened in binary mode on
 * Windows (which has no open_memstream, and whose tmpfile() writes to the
 * root of the current drive). */
struct fx_mem {
    FILE *f;
#ifdef _WIN32
    char path[512];
#endif
};

/*! Open m->f for writing (asserts success).  \return m->f */
FILE *fx_mem_open(struct fx_mem *m);

/*! Close m->f, asserting that the close (the final flush) succeeds.
 *  \return what was written, NUL-terminated; free() it */
char *fx_mem_close(struct fx_mem *m);

/*! A stream whose writes fail: /dev/full on Linux (ENOSPC when the
 *  buffer is flushed); on Windows, which has no such device, the null
 *  device opened for reading (fails at the first write).  \return it,
 *  or NULL */
FILE *fx_full_open(void);

/*! strndup, which Windows lacks.  \return a copy to free(), or NULL */
char *fx_strndup(const char *s, size_t n);

/*! setenv(name, value, 1) / unsetenv(name).  \return 0 or -1 */
int fx_setenv(const char *name, const char *value);
int fx_unsetenv(const char *name);

/*! Create a new, empty directory named PREFIX.XXXXXX under the system's
 *  temporary directory into dir (n bytes).  \return 0 or -1 */
int fx_mkdtemp(char *dir, size_t n, const char *prefix);

/*! A connected pair for the event loop: p[0] becomes readable when p[1] is
 *  written or closed. A pipe on Linux; a loopback TCP pair on Windows,
 *  where select() watches sockets only.  \return 0 or -1 */
int fx_pair_open(int p[2]);

/* Whether both ends of a pair read and write (a TCP pair), or p[0] only
 * reads and p[1] only writes (a pipe). */
#ifdef _WIN32
#define FX_PAIR_BOTH_WAYS 1
#else
#define FX_PAIR_BOTH_WAYS 0
#endif

/*! Write len bytes to one end.  \return what write/send returned */
long fx_pair_write(int fd, const void *buf, size_t len);

/*! Close one end; a negative fd is a no-op. */
void fx_pair_close(int fd);

#endif
