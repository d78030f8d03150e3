#include "utf16.h"

#include <stdint.h>

#include "nc.h"
#include "utf8.h"

static size_t utf16_put8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xc0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xe0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        o[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    o[0] = (char)(0xf0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    o[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

int nc_utf16le_decode(const unsigned char *in, size_t n, bool stop_at_nul,
                      char **out, size_t *outlen, size_t *bad)
{
    char *buf;
    size_t i = 0, o = 0;

    if (n % 2 != 0) {
        if (bad != NULL)
            *bad = n - 1;
        return NC_EPARSE;
    }
    /* Each 2-byte unit gives at most 3 bytes, a pair 4 for 4 bytes. */
    buf = nc_malloc(n / 2 * 3 + 1);
    if (buf == NULL)
        return NC_ENOMEM;
    while (i < n) {
        uint32_t cp = (uint32_t)in[i] | (uint32_t)in[i + 1] << 8;
        size_t at = i;

        i += 2;
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
            uint32_t lo = (uint32_t)in[i] | (uint32_t)in[i + 1] << 8;

            if (lo >= 0xdc00 && lo <= 0xdfff) {
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                i += 2;
            }
        }
        if ((cp >= 0xd800 && cp <= 0xdfff) || (cp == 0 && !stop_at_nul)) {
            nc_free(buf);
            if (bad != NULL)
                *bad = at;
            return NC_EPARSE;
        }
        if (cp == 0)
            break;
        o += utf16_put8(buf + o, cp);
    }
    buf[o] = '\0';
    *out = buf;
    if (outlen != NULL)
        *outlen = o;
    return 0;
}

int nc_utf16le_encode(const char *in, size_t n, unsigned char **out,
                      size_t *outlen)
{
    unsigned char *buf;
    size_t i = 0, o = 0;

    /* At most one unit per input byte, a pair per 4 bytes; plus the NUL. */
    buf = nc_malloc(n * 2 + 2);
    if (buf == NULL)
        return NC_ENOMEM;
    while (i < n) {
        uint32_t cp;
        size_t k = nc_utf8_decode(in + i, n - i, 0, &cp);

        if (k == 0) {
            nc_free(buf);
            return NC_EPARSE;
        }
        i += k;
        if (cp >= 0x10000) {
            uint32_t v = cp - 0x10000, hi = 0xd800 + (v >> 10),
                     lo = 0xdc00 + (v & 0x3ff);

            buf[o++] = (unsigned char)(hi & 0xff);
            buf[o++] = (unsigned char)(hi >> 8);
            buf[o++] = (unsigned char)(lo & 0xff);
            buf[o++] = (unsigned char)(lo >> 8);
        } else {
            buf[o++] = (unsigned char)(cp & 0xff);
            buf[o++] = (unsigned char)(cp >> 8);
        }
    }
    buf[o++] = 0;
    buf[o++] = 0;
    *out = buf;
    *outlen = o;
    return 0;
}
