/* Shared by the fuzz targets: the libFuzzer entry point, an invariant check
 * that survives NDEBUG, a small growable text buffer for round trips, and a
 * stream written to memory. */
#ifndef NC_FUZZ_H
#define NC_FUZZ_H

#ifdef _WIN32
#include <winsock2.h> /* before windows.h, which a target may include */
#include <windows.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nc.h"

/*! libFuzzer's entry point; every fuzz_<parser>.c defines it.
 *  \return 0 (inputs are never rejected from the corpus) */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* abort() so libFuzzer saves the input and the replay driver fails. */
#define FUZZ_CHECK(cond)                                                       \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* The input as a C string, cut at its first NUL byte the way a C caller
 * (argv, getenv) would see it. Free with nc_free. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t n = nul != NULL ? (size_t)(nul - data) : size;
    char *s = nc_malloc(n + 1);

    FUZZ_CHECK(s != NULL);
    if (n > 0)
        memcpy(s, data, n);
    s[n] = '\0';
    return s;
}

/* Growable text for rendering a parsed object back into its input form. */
struct fuzz_buf {
    char *p;
    size_t len, cap;
};

static inline void fuzz_buf_add(struct fuzz_buf *b, const char *fmt, ...)
    NC_PRINTF(2, 3);

static inline void fuzz_buf_add(struct fuzz_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    FUZZ_CHECK(n >= 0);
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = (b->len + (size_t)n + 1) * 2;
        char *p = nc_realloc(b->p, cap);

        FUZZ_CHECK(p != NULL);
        b->p = p;
        b->cap = cap;
    }
    va_start(ap, fmt);
    (void)vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static inline void fuzz_buf_release(struct fuzz_buf *b)
{
    nc_free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* A stream whose bytes are read back when it is closed: open_memstream on
 * Linux; on Windows, which has none, a file in the temporary directory
 * opened in binary mode (as tests/unit/fixture_port.h does for the unit
 * tests, whose fixtures the fuzz targets do not link). */
struct fuzz_mem {
    FILE *f;
    char *buf;
    size_t len;
#ifdef _WIN32
    char path[MAX_PATH + 1];
#endif
};

/* Open m->f for writing (checks success).  \return m->f */
static inline FILE *fuzz_mem_open(struct fuzz_mem *m)
{
    m->buf = NULL;
    m->len = 0;
#ifdef _WIN32
    char dir[MAX_PATH + 1];
    DWORD n = GetTempPathA(sizeof(dir), dir);

    FUZZ_CHECK(n > 0 && n < sizeof(dir));
    FUZZ_CHECK(GetTempFileNameA(dir, "ncf", 0, m->path) != 0);
    m->f = fopen(m->path, "w+b");
#else
    m->f = open_memstream(&m->buf, &m->len);
#endif
    FUZZ_CHECK(m->f != NULL);
    return m->f;
}

/* Close m->f, checking that the close (the final flush) succeeds. The
 * bytes written are m->buf (NUL-terminated; free() it), m->len of them.
 * \return m->buf */
static inline char *fuzz_mem_close(struct fuzz_mem *m)
{
#ifdef _WIN32
    long size;

    FUZZ_CHECK(fflush(m->f) == 0);
    FUZZ_CHECK(fseek(m->f, 0, SEEK_END) == 0);
    size = ftell(m->f);
    FUZZ_CHECK(size >= 0);
    rewind(m->f);
    m->buf = malloc((size_t)size + 1);
    FUZZ_CHECK(m->buf != NULL);
    FUZZ_CHECK(fread(m->buf, 1, (size_t)size, m->f) == (size_t)size);
    m->buf[size] = '\0';
    m->len = (size_t)size;
    FUZZ_CHECK(fclose(m->f) == 0);
    (void)remove(m->path);
#else
    FUZZ_CHECK(fclose(m->f) == 0);
#endif
    m->f = NULL;
    return m->buf;
}

#endif
