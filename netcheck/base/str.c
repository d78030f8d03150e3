#include "str.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nc.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int nc_parse_uint(const char *s, unsigned long min, unsigned long max,
                  unsigned long *out)
{
    unsigned long v = 0;
    const char *p;

    if (s == NULL || *s == '\0')
        return NC_EPARSE;
    /* Not a number at all is a parse error, even when long enough to
     * overflow first. */
    for (p = s; *p != '\0'; p++)
        if (!is_digit(*p))
            return NC_EPARSE;
    for (p = s; *p != '\0'; p++) {
        if (v > (ULONG_MAX - (unsigned long)(*p - '0')) / 10)
            return NC_ELIMIT;
        v = v * 10 + (unsigned long)(*p - '0');
    }
    if (v < min || v > max)
        return NC_ELIMIT;
    *out = v;
    return 0;
}

int nc_parse_seconds(const char *s, long min_ms, long max_ms, long *out_ms)
{
    unsigned long whole = 0, frac = 0, scale = 1000;
    const char *p = s;
    long ms;

    if (s == NULL || !is_digit(*s))
        return NC_EPARSE;
    for (; is_digit(*p); p++) {
        whole = whole * 10 + (unsigned long)(*p - '0');
        if (whole > 86400UL * 365)
            return NC_ELIMIT;
    }
    if (*p == '.') {
        p++;
        if (!is_digit(*p))
            return NC_EPARSE;
        for (; is_digit(*p); p++) {
            if (scale > 1) {
                scale /= 10;
                frac += (unsigned long)(*p - '0') * scale;
            }
        }
    }
    if (*p != '\0')
        return NC_EPARSE;
    ms = (long)(whole * 1000 + frac);
    if (ms < min_ms || ms > max_ms)
        return NC_ELIMIT;
    *out_ms = ms;
    return 0;
}

int nc_strlcpy(char *dst, const char *src, size_t n)
{
    size_t len = strlen(src);

    if (n == 0)
        return NC_ELIMIT;
    if (len >= n) {
        memcpy(dst, src, n - 1);
        dst[n - 1] = '\0';
        return NC_ELIMIT;
    }
    memcpy(dst, src, len + 1);
    return 0;
}

int nc_snprintf(char *dst, size_t n, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsnprintf(dst, n, fmt, ap);
    va_end(ap);
    if (r < 0 || (size_t)r >= n)
        return NC_ELIMIT;
    return 0;
}

int nc_str_appendf(char *buf, size_t n, const char *fmt, ...)
{
    size_t len = strnlen(buf, n);
    va_list ap;
    int r;

    if (len + 1 >= n)
        return NC_ELIMIT;
    va_start(ap, fmt);
    r = vsnprintf(buf + len, n - len, fmt, ap);
    va_end(ap);
    if (r < 0 || (size_t)r >= n - len)
        return NC_ELIMIT;
    return 0;
}

int nc_tolower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

int nc_strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int d = nc_tolower((unsigned char)*a) - nc_tolower((unsigned char)*b);
        if (d != 0 || *a == '\0')
            return d;
    }
}

bool nc_mem_caseeq(const char *a, const char *b, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (nc_tolower((unsigned char)a[i]) != nc_tolower((unsigned char)b[i]))
            return false;
    }
    return true;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

char *nc_strtrim(char *s)
{
    char *start = s, *end;
    size_t len;

    while (is_space(*start))
        start++;
    len = strlen(start);
    end = start + len;
    while (end > start && is_space(end[-1]))
        end--;
    len = (size_t)(end - start);
    memmove(s, start, len);
    s[len] = '\0';
    return s;
}

bool nc_str_endswith_ci(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);

    if (lx > ls)
        return false;
    return nc_strcasecmp(s + ls - lx, suffix) == 0;
}

int nc_hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t nc_str_distance(const char *a, const char *b)
{
    /* Three rows of the table: i-2, i-1 and i. */
    size_t rows[3][NC_STR_DISTANCE_MAX + 1];
    size_t na = strlen(a), nb = strlen(b), i, j;

    if (na > NC_STR_DISTANCE_MAX || nb > NC_STR_DISTANCE_MAX)
        return SIZE_MAX;
    for (j = 0; j <= nb; j++)
        rows[0][j] = j;
    for (i = 1; i <= na; i++) {
        size_t *cur = rows[i % 3], *prev = rows[(i - 1) % 3],
               *prev2 = rows[(i + 1) % 3];

        cur[0] = i;
        for (j = 1; j <= nb; j++) {
            int ca = nc_tolower((unsigned char)a[i - 1]),
                cb = nc_tolower((unsigned char)b[j - 1]);
            size_t best = prev[j - 1] + (ca != cb);

            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ca == nc_tolower((unsigned char)b[j - 2]) &&
                nc_tolower((unsigned char)a[i - 2]) == cb &&
                prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
    }
    return rows[na % 3][nb];
}

/* One bracket expression at p ("[...]", p after '['), against c.
 * \return the pattern after it, or NULL when it is not closed (then '['
 * is an ordinary character, as fnmatch takes it) */
static const char *glob_bracket(const char *p, unsigned char c, bool *hit)
{
    bool neg = false, m = false;
    const char *start;

    if (*p == '!' || *p == '^') {
        neg = true;
        p++;
    }
    start = p;
    while (*p != '\0' && (*p != ']' || p == start)) {
        unsigned char lo = (unsigned char)*p, hi = lo;

        if (p[1] == '-' && p[2] != '\0' && p[2] != ']') {
            hi = (unsigned char)p[2];
            p += 2;
        }
        if (c >= lo && c <= hi)
            m = true;
        p++;
    }
    if (*p != ']')
        return NULL;
    *hit = m != neg;
    return p + 1;
}

bool nc_glob_match(const char *pat, const char *s)
{
    const char *star = NULL, *resume = NULL;

    while (*s != '\0') {
        const char *next = NULL;
        bool hit = false;

        if (*pat == '*') {
            star = ++pat;
            resume = s;
            continue;
        }
        if (*pat == '?') {
            hit = true;
            next = pat + 1;
        } else if (*pat == '[' &&
                   (next = glob_bracket(pat + 1, (unsigned char)*s, &hit)) !=
                       NULL) {
            /* hit says whether the set holds *s */
        } else if (*pat == '\\' && pat[1] != '\0') {
            hit = pat[1] == *s;
            next = pat + 2;
        } else if (*pat != '\0') {
            hit = *pat == *s;
            next = pat + 1;
        }
        if (hit) {
            pat = next;
            s++;
            continue;
        }
        /* Let the last '*' take one more character, and retry. */
        if (star == NULL)
            return false;
        pat = star;
        s = ++resume;
    }
    while (*pat == '*')
        pat++;
    return *pat == '\0';
}
