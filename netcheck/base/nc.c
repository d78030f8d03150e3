#include "nc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"

static const char *const nc_err_names[] = {
    [0] = "success",
    [-NC_ENOMEM] = "out of memory",
    [-NC_EPARSE] = "parse error",
    [-NC_EIO] = "input/output error",
    [-NC_ELIMIT] = "limit exceeded",
    [-NC_EINVAL] = "invalid argument",
    [-NC_EINTERNAL] = "internal error",
};

const char *nc_strerror(int err)
{
    if (err > 0 || err <= NC_ERR_MIN)
        return "unknown error";
    return nc_err_names[-err];
}

void nc_diag_set(struct nc_diag *d, const char *file, unsigned line,
                 const char *fmt, ...)
{
    va_list ap;

    if (d == NULL)
        return;
    if (file != NULL)
        (void)nc_strlcpy(d->file, file, sizeof(d->file));
    d->line = line;
    d->col = 0;
    va_start(ap, fmt);
    (void)vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
    va_end(ap);
}

/* Failure injection for allocation-failure tests: allocation number
 * alloc_fail_at (counted since the last nc_alloc_fail_after) and later fail. */
static long alloc_count;
static long alloc_fail_at = -1;

static int alloc_should_fail(void)
{
    long n = alloc_count++;

    return alloc_fail_at >= 0 && n >= alloc_fail_at;
}

#ifdef NETCHECK_UNITTESTS
long nc_alloc_fail_after(long n)
{
    long made = alloc_count;

    alloc_count = 0;
    alloc_fail_at = n;
    return made;
}
#endif

void *nc_malloc(size_t n)
{
    if (alloc_should_fail())
        return NULL;
    return malloc(n == 0 ? 1 : n);
}

void *nc_calloc(size_t nmemb, size_t size)
{
    if (alloc_should_fail())
        return NULL;
    return calloc(nmemb == 0 ? 1 : nmemb, size == 0 ? 1 : size);
}

void *nc_realloc(void *p, size_t n)
{
    if (alloc_should_fail())
        return NULL;
    return realloc(p, n == 0 ? 1 : n);
}

char *nc_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = nc_malloc(len + 1);

    if (d == NULL)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *nc_strdup(const char *s)
{
    return nc_strndup(s, strlen(s));
}

void nc_free(void *p)
{
    free(p);
}

/* Calling memset through a volatile pointer keeps the store alive. */
static void *(*const volatile nc_memset_v)(void *, int, size_t) = memset;

void nc_explicit_bzero(void *p, size_t n)
{
    if (p != NULL && n > 0)
        (void)nc_memset_v(p, 0, n);
}
