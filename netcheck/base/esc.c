/* Escaping text for a terminal (esc.h). */
#include "esc.h"

#include <string.h>

#include "nc.h"
#include "utf8.h"

enum nc_esc_kind nc_esc_kind_of(uint32_t cp)
{
    /* ECMA-48 §5: C0 and C1 sets, and DEL, which terminals act on. */
    if (cp < 0x20u || (cp >= 0x7Fu && cp <= 0x9Fu))
        return NC_ESC_CONTROL;
    /* Unicode UAX #9 §2 explicit formatting characters: they reorder
     * what follows on the line (CVE-2021-42574, "Trojan Source"). */
    if (cp == 0x061Cu || cp == 0x200Eu || cp == 0x200Fu ||
        (cp >= 0x202Au && cp <= 0x202Eu) || (cp >= 0x2066u && cp <= 0x2069u))
        return NC_ESC_BIDI;
    return NC_ESC_PLAIN;
}

enum nc_esc_kind nc_esc_next(const char *s, size_t n, size_t *len, uint32_t *cp)
{
    uint32_t c = 0;
    size_t k = nc_utf8_decode(s, n, 0, &c);

    if (k == 0) {
        *len = 1;
        *cp = (unsigned char)s[0];
        return NC_ESC_INVALID;
    }
    *len = k;
    *cp = c;
    return nc_esc_kind_of(c);
}

size_t nc_esc_notation(enum nc_esc_kind k, uint32_t cp,
                       char buf[NC_ESC_NOTATION_MAX + 1])
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    int shift;

    buf[o++] = '\\';
    if (k == NC_ESC_INVALID || cp < 0x80u) {
        buf[o++] = 'x';
        shift = 4;
    } else {
        buf[o++] = 'u';
        shift = 12; /* every escaped code point is below U+10000 */
    }
    for (; shift >= 0; shift -= 4)
        buf[o++] = hex[(cp >> (unsigned)shift) & 0xFu];
    buf[o] = '\0';
    return o;
}

static bool esc_wanted(enum nc_esc_kind k, unsigned mode)
{
    if (k == NC_ESC_PLAIN)
        return false;
    return mode == NC_ESC_TERM || k == NC_ESC_INVALID;
}

size_t nc_esc(const char *s, size_t n, unsigned mode, char *dst, size_t cap)
{
    size_t i = 0, need = 0, o = 0;
    bool cut = false;

    while (i < n) {
        char note[NC_ESC_NOTATION_MAX + 1];
        size_t len, plen;
        uint32_t cp;
        enum nc_esc_kind k = nc_esc_next(s + i, n - i, &len, &cp);
        const char *piece = s + i;

        plen = len;
        if (esc_wanted(k, mode)) {
            plen = nc_esc_notation(k, cp, note);
            piece = note;
        }
        /* Once a piece does not fit, nothing after it is written: the
         * text is cut short, never holed. */
        if (!cut && o + plen < cap) {
            memcpy(dst + o, piece, plen);
            o += plen;
        } else {
            cut = true;
        }
        need += plen;
        i += len;
    }
    if (cap > 0)
        dst[o] = '\0';
    return need;
}

char *nc_esc_dup(const char *s, unsigned mode)
{
    size_t n, need;
    char *d;

    if (s == NULL)
        s = "";
    n = strlen(s);
    /* A notation is at most 4 bytes per byte it stands for. */
    if (n > (SIZE_MAX - 1) / 4)
        return NULL;
    need = nc_esc(s, n, mode, NULL, 0);
    d = nc_malloc(need + 1);
    if (d == NULL)
        return NULL;
    (void)nc_esc(s, n, mode, d, need + 1);
    return d;
}

static bool esc_is_cont(char c)
{
    return ((unsigned char)c & 0xC0u) == 0x80u;
}

/* Where a chunk of s (n bytes) starting at i may end, at most ESC_CHUNK
 * bytes on, without splitting a character the decoder would accept: a
 * character is at most 4 bytes, so when none of the 3 bytes before a
 * continuation byte starts one, no valid character holds it. */
#define ESC_CHUNK 60 /* 4 notation bytes per byte at most: 240 < 256 */
static size_t esc_chunk_end(const char *s, size_t n, size_t i)
{
    size_t end = n - i <= ESC_CHUNK ? n : i + ESC_CHUNK, k;

    if (end == n || !esc_is_cont(s[end]))
        return end;
    for (k = 1; k <= 3; k++)
        if (!esc_is_cont(s[end - k]))
            return end - k;
    return end;
}

int nc_esc_fputs(const char *s, FILE *f)
{
    char buf[256];
    size_t n, i = 0;

    if (s == NULL)
        s = "";
    n = strlen(s);
    while (i < n) {
        size_t end = esc_chunk_end(s, n, i);
        size_t len = nc_esc(s + i, end - i, NC_ESC_TERM, buf, sizeof(buf));

        if (fwrite(buf, 1, len, f) != len)
            return NC_EIO;
        i = end;
    }
    return ferror(f) ? NC_EIO : 0;
}
