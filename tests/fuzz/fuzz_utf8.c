/* nc_utf8_decode against a reference written from RFC 3629: a sequence is
 * valid when it is the encoding of a code point the flags allow, so the
 * reference decodes loosely by the lead byte's pattern and then encodes
 * back and compares (shortest form by construction). Also: the string
 * check agrees with the decoder, systemd's rule is the stricter one, and
 * what the XML escaper makes of any input is valid UTF-8 (the terminal
 * escaper has its own target, fuzz_escape.c). */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "report_int.h"
#include "utf8.h"

static size_t utf8_encode(uint32_t c, unsigned char *out)
{
    if (c < 0x80u) {
        out[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800u) {
        out[0] = (unsigned char)(0xC0u | (c >> 6));
        out[1] = (unsigned char)(0x80u | (c & 0x3Fu));
        return 2;
    }
    if (c < 0x10000u) {
        out[0] = (unsigned char)(0xE0u | (c >> 12));
        out[1] = (unsigned char)(0x80u | ((c >> 6) & 0x3Fu));
        out[2] = (unsigned char)(0x80u | (c & 0x3Fu));
        return 3;
    }
    out[0] = (unsigned char)(0xF0u | (c >> 18));
    out[1] = (unsigned char)(0x80u | ((c >> 12) & 0x3Fu));
    out[2] = (unsigned char)(0x80u | ((c >> 6) & 0x3Fu));
    out[3] = (unsigned char)(0x80u | (c & 0x3Fu));
    return 4;
}

/* Reference: the length of the character at s, 0 when invalid. */
static size_t utf8_ref(const unsigned char *s, size_t n, unsigned flags,
                       uint32_t *cp)
{
    unsigned char again[4];
    size_t len, i;
    uint32_t c;

    if (n == 0)
        return 0;
    if (s[0] < 0x80u)
        len = 1, c = s[0];
    else if ((s[0] & 0xE0u) == 0xC0u)
        len = 2, c = s[0] & 0x1Fu;
    else if ((s[0] & 0xF0u) == 0xE0u)
        len = 3, c = s[0] & 0x0Fu;
    else if ((s[0] & 0xF8u) == 0xF0u)
        len = 4, c = s[0] & 0x07u;
    else
        return 0;
    if (len > n)
        return 0;
    for (i = 1; i < len; i++)
        c = (c << 6) | (s[i] & 0x3Fu);
    if (c > 0x10FFFFu || (c >= 0xD800u && c <= 0xDFFFu))
        return 0;
    if ((flags & NC_UTF8_NONCHAR) != 0 &&
        ((c >= 0xFDD0u && c <= 0xFDEFu) || (c & 0xFFFEu) == 0xFFFEu))
        return 0;
    if (utf8_encode(c, again) != len || memcmp(again, s, len) != 0)
        return 0;
    *cp = c;
    return len;
}

static void utf8_walk(const uint8_t *data, size_t size, unsigned flags)
{
    const char *s = (const char *)data;
    bool all = true;
    size_t i = 0;

    while (i < size) {
        uint32_t cp = 0xFFFFFFFFu, ref = 0;
        size_t k = nc_utf8_decode(s + i, size - i, flags, &cp);
        size_t kr = utf8_ref(data + i, size - i, flags, &ref);

        FUZZ_CHECK(k == kr);
        if (k == 0) {
            FUZZ_CHECK(cp == 0xFFFFFFFFu); /* untouched */
            all = false;
            i++;
            continue;
        }
        FUZZ_CHECK(cp == ref && nc_utf8_cp_valid(cp, flags));
        if (flags == NC_UTF8_NONCHAR) {
            uint32_t loose = 0;

            FUZZ_CHECK(nc_utf8_decode(s + i, size - i, 0, &loose) == k);
            FUZZ_CHECK(loose == cp);
        }
        i += k;
    }
    FUZZ_CHECK(nc_utf8_valid(s, size, flags) == all);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size), *xml;

    utf8_walk(data, size, 0);
    utf8_walk(data, size, NC_UTF8_NONCHAR);

    xml = report_xml_escape_dup(s);
    FUZZ_CHECK(xml != NULL && nc_utf8_valid(xml, strlen(xml), 0));
    nc_free(xml);
    nc_free(s);
    return 0;
}
