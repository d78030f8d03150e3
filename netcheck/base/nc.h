/* Common definitions: error codes, diagnostics and allocation hooks. */
#ifndef NC_NC_H
#define NC_NC_H

#include <stdarg.h>
#include <stddef.h>

#define NC_VERSION "0.1.0"

/* curl's UNITTEST: a file-local helper the unit tests call. static in the
 * program; extern in the _ut build (NETCHECK_UNITTESTS), where its header
 * declares it inside #ifdef NETCHECK_UNITTESTS. */
#ifdef NETCHECK_UNITTESTS
#define UNITTEST
#else
#define UNITTEST static
#endif

/* printf-like functions: format(printf) checks Microsoft's printf under
 * mingw (no %zu), but the Windows build uses mingw's C99 printf
 * (__USE_MINGW_ANSI_STDIO, CMakeLists.txt), which gnu_printf describes. */
#ifdef __MINGW32__
#define NC_PRINTF(fmt, first) __attribute__((format(gnu_printf, fmt, first)))
#else
#define NC_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))
#endif

/* Internal functions return 0 or a negative nc_err. */
enum nc_err {
    NC_OK = 0,
    NC_ENOMEM = -1,
    NC_EPARSE = -2,
    NC_EIO = -3,
    NC_ELIMIT = -4,
    NC_EINVAL = -5,
    NC_EINTERNAL = -6,
    NC_ERR_MIN = -7
};

/*! Stable text for an nc_err.  \return a static string */
const char *nc_strerror(int err);

/* Where and why an input was rejected; filled by parsers, printed by main. */
struct nc_diag {
    char file[256];
    unsigned line; /* 0 when not tied to a line */
    unsigned col;
    char msg[256];
};

/*! Record a diagnostic; file may be NULL to keep the current one. */
void nc_diag_set(struct nc_diag *d, const char *file, unsigned line,
                 const char *fmt, ...) NC_PRINTF(4, 5);

/* Allocation goes through these so tests can inject failures. */
void *nc_malloc(size_t n);
void *nc_calloc(size_t nmemb, size_t size);
void *nc_realloc(void *p, size_t n);
char *nc_strdup(const char *s);
char *nc_strndup(const char *s, size_t n);
void nc_free(void *p);

/*! Overwrite n bytes of secret data in a way the compiler cannot drop
 *  (explicit_bzero, which strict C11 + POSIX does not declare). */
void nc_explicit_bzero(void *p, size_t n);

#ifdef NETCHECK_UNITTESTS
/*! Test hook: make allocation number n (0-based, counted from this call)
 *  and every one after it fail; n < 0 disables failures.
 *  \return how many allocations were made since the previous call */
long nc_alloc_fail_after(long n);
#endif

#endif
