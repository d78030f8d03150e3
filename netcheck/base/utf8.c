/* UTF-8 decoding, RFC 3629 (utf8.h). */
#include "utf8.h"

bool nc_utf8_cp_valid(uint32_t cp, unsigned flags)
{
    if (cp > 0x10FFFFu || (cp >= 0xD800u && cp <= 0xDFFFu))
        return false;
    if ((flags & NC_UTF8_NONCHAR) != 0 &&
        ((cp >= 0xFDD0u && cp <= 0xFDEFu) || (cp & 0xFFFEu) == 0xFFFEu))
        return false;
    return true;
}

/* The length a lead byte announces, with its payload bits; 0 for a
 * continuation byte, an overlong 2-byte lead (C0, C1) or a lead past
 * U+10FFFF (F5..FF). */
static size_t utf8_lead(unsigned char b, uint32_t *bits)
{
    if (b < 0x80u) {
        *bits = b;
        return 1;
    }
    if (b < 0xC2u)
        return 0;
    if (b < 0xE0u) {
        *bits = b & 0x1Fu;
        return 2;
    }
    if (b < 0xF0u) {
        *bits = b & 0x0Fu;
        return 3;
    }
    if (b < 0xF5u) {
        *bits = b & 0x07u;
        return 4;
    }
    return 0;
}

size_t nc_utf8_decode(const char *s, size_t n, unsigned flags, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    static const uint32_t min_of_len[5] = {0, 0, 0x80u, 0x800u, 0x10000u};
    uint32_t c = 0;
    size_t len, i;

    if (n == 0)
        return 0;
    len = utf8_lead(u[0], &c);
    if (len == 0 || len > n)
        return 0;
    for (i = 1; i < len; i++) {
        if ((u[i] & 0xC0u) != 0x80u)
            return 0;
        c = (c << 6) | (u[i] & 0x3Fu);
    }
    if (c < min_of_len[len] || !nc_utf8_cp_valid(c, flags))
        return 0;
    *cp = c;
    return len;
}

bool nc_utf8_valid(const char *s, size_t n, unsigned flags)
{
    size_t i = 0;

    while (i < n) {
        uint32_t cp;
        size_t k = nc_utf8_decode(s + i, n - i, flags, &cp);

        if (k == 0)
            return false;
        i += k;
    }
    return true;
}
