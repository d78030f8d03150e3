/* The one UTF-8 decoder: reports clean server and certificate text with it,
 * the systemd file parsers validate with it. */
#ifndef NC_UTF8_H
#define NC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Flags of the functions below. These rules always apply: shortest form
 * only, no surrogates (U+D800..U+DFFF), nothing past U+10FFFF (RFC 3629
 * §3). NC_UTF8_NONCHAR also refuses the noncharacters (U+FDD0..U+FDEF,
 * U+xFFFE, U+xFFFF), as systemd's unichar_is_valid does. */
#define NC_UTF8_NONCHAR 0x1u

/*! Whether cp may be encoded under flags (NC_UTF8_*). */
bool nc_utf8_cp_valid(uint32_t cp, unsigned flags);

/*! Decode the character at s, reading at most n bytes (a NUL byte is
 *  U+0000, one byte).  \param cp receives the code point, only on success
 *  \return its length (1-4), or 0 when n is 0 or s starts a sequence that
 *  is cut short, malformed, overlong, a surrogate, past U+10FFFF, or a
 *  code point flags refuse */
size_t nc_utf8_decode(const char *s, size_t n, unsigned flags, uint32_t *cp);

/*! Whether the n bytes at s are all characters nc_utf8_decode accepts
 *  under flags (systemd's utf8_is_valid_n with NC_UTF8_NONCHAR). */
bool nc_utf8_valid(const char *s, size_t n, unsigned flags);

#endif
