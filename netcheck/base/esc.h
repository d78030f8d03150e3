/* The one rule for text from outside (servers, files, the environment,
 * the command line) on its way to a person: every character a terminal
 * would act on, and every byte that is not UTF-8, is shown in a visible
 * notation instead of being written raw (README "Output is safe on a
 * terminal"). The text report, `netcheck proxy` and every message on
 * standard error print through it; the JSON and JUnit writers use its
 * classification and notation under their own escaping. */
#ifndef NC_ESC_H
#define NC_ESC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* What a character of untrusted text is, to the escaper. */
enum nc_esc_kind {
    NC_ESC_PLAIN,   /* valid UTF-8 a terminal only displays */
    NC_ESC_CONTROL, /* C0 (U+0000..U+001F, ESC among them), DEL, C1
                     * (U+0080..U+009F) */
    NC_ESC_BIDI,    /* bidirectional formatting: U+061C, U+200E, U+200F,
                     * U+202A..U+202E, U+2066..U+2069 */
    NC_ESC_INVALID, /* one byte that does not start valid UTF-8 (cut
                     * short, overlong, surrogate, past U+10FFFF, stray) */
    NC_ESC_KIND_MAX
};

/* Modes of nc_esc and nc_esc_dup: NC_ESC_TERM escapes CONTROL, BIDI and
 * INVALID, for a terminal; NC_ESC_UTF8 only INVALID, for JSON, whose own
 * \u escapes cover the rest. */
#define NC_ESC_TERM 0u
#define NC_ESC_UTF8 1u

/* Longest notation of one character, without a terminator: "\u202e". */
#define NC_ESC_NOTATION_MAX 6

/*! The character at s, of n > 0 bytes.  \param len its length (1 for an
 *  INVALID byte)  \param cp its code point (the byte for INVALID)
 *  \return its kind */
enum nc_esc_kind nc_esc_next(const char *s, size_t n, size_t *len,
                             uint32_t *cp);

/*! The kind of a valid code point cp (never NC_ESC_INVALID). */
enum nc_esc_kind nc_esc_kind_of(uint32_t cp);

/*! The visible notation of a character of kind k with code point (or
 *  byte) cp: "\xHH" for an INVALID byte and for code points below U+0080
 *  (C0, DEL), "\uHHHH" otherwise (C1, BIDI), lower-case hex.  \param buf
 *  receives it, terminated, in NC_ESC_NOTATION_MAX + 1 bytes
 *  \return its length */
size_t nc_esc_notation(enum nc_esc_kind k, uint32_t cp,
                       char buf[NC_ESC_NOTATION_MAX + 1]);

/*! Escape the n bytes at s under mode (NC_ESC_*) into dst of size cap,
 *  always terminated when cap > 0, cut only between characters (never
 *  inside a notation or a multi-byte character). dst may be NULL when
 *  cap is 0.  \return the length the whole escaped text needs (as
 *  snprintf: it was cut when the result is >= cap) */
size_t nc_esc(const char *s, size_t n, unsigned mode, char *dst, size_t cap);

/*! nc_esc of the string s (NULL is "") into a new string.
 *  \return it (nc_free it), or NULL when out of memory */
char *nc_esc_dup(const char *s, unsigned mode);

/*! Write the string s (NULL is "") to f escaped for a terminal, with no
 *  allocation (so an out-of-memory message can still be said).
 *  \return 0 or NC_EIO */
int nc_esc_fputs(const char *s, FILE *f);

#endif
