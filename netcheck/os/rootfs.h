/* System files read under a root directory (--root, images): every path
 * resolved inside it, symlinks included (os/linux/sysenv_fs.c). */
#ifndef NC_ROOTFS_H
#define NC_ROOTFS_H

#include <stdbool.h>
#include <stddef.h>

#include "sysenv.h"

#define SYSENV_PATH_MAX 4096

/* A root directory opened once; every path is resolved inside it, so a
 * symlink to /etc/x means ROOT/etc/x and ".." stops at ROOT. */
struct sysenv_root {
    int fd;
};

enum sysenv_fs_kind {
    SYSENV_FS_NONE, /* absent (or unreachable: err says why) */
    SYSENV_FS_REG,
    SYSENV_FS_DIR,
    SYSENV_FS_LINK,
    SYSENV_FS_NULL, /* a device, or a link to /dev/null: systemd's "masked" */
    SYSENV_FS_OTHER
};

/*! Open root.  \return 0, NC_EIO (*err has errno) */
int sysenv_root_open(struct sysenv_root *r, const char *path, int *err);

/*! Close root; safe twice. */
void sysenv_root_close(struct sysenv_root *r);

/*! Resolve path (absolute, as seen under root) following every symlink
 *  inside root into out ("/" for root itself). "/dev/null" comes back as
 *  itself even when root has no /dev.  \return 0, NC_EIO (*err: ENOENT,
 *  ENOTDIR, ELOOP, EACCES...), NC_ELIMIT (too long) */
int sysenv_fs_resolve(const struct sysenv_root *r, const char *path, char *out,
                      size_t outlen, int *err);

/*! path with its existing directories' symlinks resolved inside root, the
 *  final component not followed, and what does not exist taken as written
 *  ("." and ".." folded): chase_symlinks(CHASE_NOFOLLOW|CHASE_NONEXISTENT)
 *  \return 0, NC_EIO (a loop, a file used as a directory), NC_ELIMIT */
int sysenv_fs_normalize(const struct sysenv_root *r, const char *path,
                        char *out, size_t outlen);

/*! What path is, following symlinks inside root unless nofollow (then
 *  only its directories are followed). */
enum sysenv_fs_kind sysenv_fs_kind_of(const struct sysenv_root *r,
                                      const char *path, bool nofollow,
                                      int *err);

/*! True when path (followed inside root) is /dev/null, a device or an
 *  empty regular file: systemd's null_or_empty, a masked unit. */
bool sysenv_fs_null_or_empty(const struct sysenv_root *r, const char *path);

/*! The target of the symlink path (its directories followed).
 *  \return 0, NC_EIO (*err), NC_ELIMIT */
int sysenv_fs_readlink(const struct sysenv_root *r, const char *path, char *out,
                       size_t outlen, int *err);

/*! Read a regular file of at most max bytes, following symlinks inside
 *  root; a device or a link to /dev/null reads as empty with *masked set.
 *  *buf is NUL-terminated and owned by the caller.  \return 0, NC_EIO
 *  (*err: ENOENT, EACCES, EISDIR...), NC_ELIMIT (too big), NC_ENOMEM */
int sysenv_fs_read(const struct sysenv_root *r, const char *path, size_t max,
                   char **buf, size_t *len, bool *masked, int *err);

/*! Names in directory path that end in suffix, except hidden ones,
 *  sorted by strcmp: files, symlinks and directories, as systemd 252's
 *  conf_files_list (a directory then fails to parse). A missing
 *  directory gives an empty list.  \return 0, NC_ENOMEM, NC_ELIMIT */
int sysenv_fs_list(const struct sysenv_root *r, const char *path,
                   const char *suffix, struct sysenv_list *out);

/*! Expand a glob(7) pattern inside root, as glob(3) without flags: '*',
 *  '?' and '[...]' do not match a leading '.', results sorted; a pattern
 *  without them is returned as is.  \return 0, NC_ENOMEM, NC_ELIMIT */
int sysenv_fs_glob(const struct sysenv_root *r, const char *pattern,
                   struct sysenv_list *out);

#endif
