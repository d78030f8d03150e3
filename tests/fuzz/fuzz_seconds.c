/* nc_parse_seconds (--timeout, --connect-timeout) against a reference
 * written from its contract: digits, optionally '.' and digits, nothing
 * else; milliseconds truncated, not rounded; bounds inclusive. */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "str.h"

/* The largest whole-second count nc_parse_seconds takes (a year). */
#define SECONDS_MAX (86400L * 365)

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reference: 1 and *ms, 0 when well formed but too large for any bound,
 * -1 when malformed. */
static int seconds_ref(const char *s, long *ms)
{
    long whole = 0, frac = 0, scale = 100;
    bool big = false;
    const char *p = s;

    if (!is_digit(*p))
        return -1;
    for (; is_digit(*p); p++) {
        if (!big)
            whole = whole * 10 + (*p - '0');
        if (whole > SECONDS_MAX)
            big = true;
    }
    if (*p == '.') {
        if (!is_digit(*++p))
            return -1;
        for (; is_digit(*p); p++, scale /= 10)
            frac += (*p - '0') * scale;
    }
    if (*p != '\0')
        return -1;
    if (big)
        return 0;
    *ms = whole * 1000 + frac;
    return 1;
}

static void seconds_one(const char *s, long min, long max)
{
    long ms = -7, again = -7, ref = 0;
    int r = nc_parse_seconds(s, min, max, &ms);
    int kind = seconds_ref(s, &ref);
    char text[64];

    if (kind < 0) {
        /* Malformed; a huge number before the junk may say "limit". */
        FUZZ_CHECK(r == NC_EPARSE || r == NC_ELIMIT);
        FUZZ_CHECK(ms == -7);
        return;
    }
    if (kind == 0 || ref < min || ref > max) {
        FUZZ_CHECK(r == NC_ELIMIT);
        FUZZ_CHECK(ms == -7);
        return;
    }
    FUZZ_CHECK(r == 0);
    FUZZ_CHECK(ms == ref);
    FUZZ_CHECK(ms >= min && ms <= max);
    FUZZ_CHECK(nc_snprintf(text, sizeof(text), "%ld.%03ld", ms / 1000,
                           ms % 1000) == 0);
    FUZZ_CHECK(nc_parse_seconds(text, min, max, &again) == 0 && again == ms);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);

    seconds_one(s, 100, 3600L * 1000); /* cmd_run's bounds */
    seconds_one(s, 0, LONG_MAX);
    seconds_one(s, 0, 0);
    seconds_one(s, 1000, 1000);
    nc_free(s);
    return 0;
}
