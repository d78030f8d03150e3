/* UTF-16LE, the encoding of Windows registry strings and of the .reg files
 * regedit writes, to and from UTF-8. Pure. */
#ifndef NC_UTF16_H
#define NC_UTF16_H

#include <stdbool.h>
#include <stddef.h>

/*! Decode n bytes of UTF-16LE into a new NUL-terminated UTF-8 string (free
 *  with nc_free). With stop_at_nul, a U+0000 ends the text (a registry
 *  string's terminator); without it, U+0000 is refused. *bad (may be NULL)
 *  gets the byte offset of the first fault.
 *  \return 0, NC_EPARSE (odd length, lone surrogate, U+0000), NC_ENOMEM */
int nc_utf16le_decode(const unsigned char *in, size_t n, bool stop_at_nul,
                      char **out, size_t *outlen, size_t *bad);

/*! Encode n bytes of UTF-8 into UTF-16LE followed by a U+0000, in a new
 *  buffer (free with nc_free): a REG_SZ value as RegGetValueW returns it.
 *  \return 0, NC_EPARSE (not UTF-8), NC_ENOMEM */
int nc_utf16le_encode(const char *in, size_t n, unsigned char **out,
                      size_t *outlen);

#endif
