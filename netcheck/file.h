/* Reading a whole input file into memory, with a ceiling. */
#ifndef NC_FILE_H
#define NC_FILE_H

#include <stddef.h>

#include "nc.h"

/*! Read path into a new buffer (caller frees with nc_free; one spare byte
 *  is allocated but not counted, so callers may terminate it). Files over
 *  max bytes are refused.  \return 0, NC_EIO (cannot open or read),
 *  NC_ELIMIT (too large) or NC_ENOMEM, with diag naming path */
int nc_file_read(const char *path, size_t max, char **out, size_t *len,
                 struct nc_diag *diag);

#endif
