/* nc_parse_uint against a reference written from its contract: a whole
 * string of decimal digits, value in [min, max], EPARSE for anything
 * else, ELIMIT for a value outside the bounds or beyond unsigned long. */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "str.h"

/* Reference: 1 and *v; 0 when all digits but above ULONG_MAX; -1 when
 * not a number. Overflow is judged on text, not by arithmetic. */
static int uint_ref(const char *s, unsigned long *v)
{
    char max[32];
    const char *p;
    size_t n;

    if (*s == '\0')
        return -1;
    for (p = s; *p != '\0'; p++) {
        if (*p < '0' || *p > '9')
            return -1;
    }
    while (s[0] == '0' && s[1] != '\0')
        s++;
    n = strlen(s);
    FUZZ_CHECK(nc_snprintf(max, sizeof(max), "%lu", ULONG_MAX) == 0);
    if (n > strlen(max) || (n == strlen(max) && strcmp(s, max) > 0))
        return 0;
    *v = 0;
    for (p = s; *p != '\0'; p++)
        *v = *v * 10 + (unsigned long)(*p - '0');
    return 1;
}

static void uint_one(const char *s, unsigned long min, unsigned long max)
{
    unsigned long v = 7777, ref = 0;
    int r = nc_parse_uint(s, min, max, &v);
    int kind = uint_ref(s, &ref);

    if (kind < 0) {
        FUZZ_CHECK(r == NC_EPARSE && v == 7777);
        return;
    }
    if (kind == 0 || ref < min || ref > max) {
        FUZZ_CHECK(r == NC_ELIMIT && v == 7777);
        return;
    }
    FUZZ_CHECK(r == 0 && v == ref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    unsigned long v = 0;
    char text[32];

    uint_one(s, 0, ULONG_MAX);
    uint_one(s, 1, 65535); /* ports */
    uint_one(s, 100, 599); /* expect_status */
    uint_one(s, 1, 4096);  /* --parallel */
    uint_one(s, ULONG_MAX, ULONG_MAX);
    if (nc_parse_uint(s, 0, ULONG_MAX, &v) == 0) {
        /* Its own value is the tightest range that still admits it. */
        uint_one(s, v, v);
        if (v < ULONG_MAX)
            FUZZ_CHECK(nc_parse_uint(s, v + 1, ULONG_MAX, &v) == NC_ELIMIT);
        FUZZ_CHECK(nc_snprintf(text, sizeof(text), "%lu", v) == 0);
        FUZZ_CHECK(nc_parse_uint(text, v, v, &v) == 0);
    }
    nc_free(s);
    return 0;
}
