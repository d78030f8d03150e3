/* Reading a whole input file into memory, with a ceiling. */
#ifndef NC_FILE_H
#define NC_FILE_H

#include <stddef.h>

#include "nc.h"

/*! Read path into a new buffer (caller frees with nc_free; one spare byte
 *  is allocated but not counted, so callers may terminate it). Only a
 *  regular file is read (a FIFO would block, a device never end: standard
 *  input is read with nc_file_read_fd); one over max bytes is refused by
 *  its size before it is read.  \return 0, NC_EIO (cannot open or read,
 *  not a regular file), NC_ELIMIT (too large) or NC_ENOMEM, with diag
 *  naming path */
int nc_file_read(const char *path, size_t max, char **out, size_t *len,
                 struct nc_diag *diag);

/*! Read an open descriptor to its end into a new buffer, as nc_file_read
 *  (NUL-terminated, caller frees with nc_free; buffers are wiped before
 *  they are freed, as they may hold secrets). The only reader of whole
 *  files: a path, a file under a sysenv root, or standard input.
 *  \return 0, NC_EIO (*err has errno), NC_ELIMIT (over max bytes),
 *  NC_ENOMEM */
int nc_file_read_fd(int fd, size_t max, char **out, size_t *len, int *err);

#endif
