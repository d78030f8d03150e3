/* String and number helpers with range checks (OpenBSD strtonum style). */
#ifndef NC_STR_H
#define NC_STR_H

#include <stdbool.h>
#include <stddef.h>

#include "nc.h"

/*! Parse a decimal unsigned integer in [min, max], the whole string.
 *  \return 0, or NC_EPARSE (not a number) / NC_ELIMIT (out of range) */
int nc_parse_uint(const char *s, unsigned long min, unsigned long max,
                  unsigned long *out);

/*! Parse a duration in seconds ("10", "2.5") into milliseconds in
 *  [min_ms, max_ms].  \return 0, NC_EPARSE or NC_ELIMIT */
int nc_parse_seconds(const char *s, long min_ms, long max_ms, long *out_ms);

/*! Copy src into dst of size n, always terminated.
 *  \return 0, or NC_ELIMIT when truncated */
int nc_strlcpy(char *dst, const char *src, size_t n);

/*! snprintf that reports truncation.  \return 0 or NC_ELIMIT */
int nc_snprintf(char *dst, size_t n, const char *fmt, ...) NC_PRINTF(3, 4);

/*! Append fmt to the string in buf (size n), always terminated; a buffer
 *  that is already full, or not terminated within n, is left alone.
 *  \return 0, or NC_ELIMIT when nothing or only part was appended */
int nc_str_appendf(char *buf, size_t n, const char *fmt, ...) NC_PRINTF(3, 4);

/*! Value of a hexadecimal digit, or -1. */
int nc_hexval(int c);

/*! c lower-cased, ASCII letters only, whatever the locale (host names,
 *  schemes and header names are ASCII; tolower(3) would follow LC_CTYPE).
 *  The one lower-casing helper: callers lower in place or into a copy
 *  with it. */
int nc_tolower(int c);

/*! ASCII case-insensitive comparison. */
int nc_strcasecmp(const char *a, const char *b);

/*! The n bytes at a and at b are equal, ASCII case-insensitively; both
 *  must hold n bytes (a NUL compares as any other byte). */
bool nc_mem_caseeq(const char *a, const char *b, size_t n);

/*! Trim ASCII white space in place at both ends.  \return s */
char *nc_strtrim(char *s);

/*! True when s ends with suffix, ASCII case-insensitively. */
bool nc_str_endswith_ci(const char *s, const char *suffix);

#define NC_STR_DISTANCE_MAX 64 /* longer strings are "too far" */

/*! Edit distance between a and b, ASCII case-insensitive: insertions,
 *  deletions, substitutions and swaps of two neighbours count one each
 *  (Damerau's optimal string alignment). Strings longer than
 *  NC_STR_DISTANCE_MAX give SIZE_MAX. Pure, no allocation. */
size_t nc_str_distance(const char *a, const char *b);

/*! Whether s matches the shell pattern pat as fnmatch(3) with no flags
 *  does: '*' any run of characters, '?' one, "[a-z]" and "[!...]" a set,
 *  '\\' takes the next character literally. Bytes, not characters; no
 *  special case for '/' or a leading '.'. Pure, the same on every
 *  system (Windows has no fnmatch). */
bool nc_glob_match(const char *pat, const char *s);

#endif
