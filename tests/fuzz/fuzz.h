/* Shared by the fuzz targets: the libFuzzer entry point, an invariant check
 * that survives NDEBUG, and a small growable text buffer for round trips. */
#ifndef NC_FUZZ_H
#define NC_FUZZ_H

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

#endif
