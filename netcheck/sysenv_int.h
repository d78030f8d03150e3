/* Shared by the sysenv_*.c files only: text helpers of the parsers, and
 * file access confined to a root directory (sysenv_fs.c). */
#ifndef NC_SYSENV_INT_H
#define NC_SYSENV_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "sysenv.h"

/*! Valid UTF-8 as systemd's utf8_is_valid (no surrogates, nothing past
 *  U+10FFFF, no noncharacters, shortest forms only). */
bool sysenv_utf8_valid(const char *s);

/*! NAME=VALUE with a valid name and a UTF-8 value (env_assignment_is_valid) */
bool sysenv_env_assignment_valid(const char *s);

/*! The part of word before '=', cut to outlen, for messages that must not
 *  show a value. */
void sysenv_name_of(const char *word, char *out, size_t outlen);

/*! The section of a unit file that holds Environment= ("Service" for
 *  foo.service), NULL for types that run no process. */
const char *sysenv_unit_section(const char *name);

/*! The unit's cgroup below the hierarchy root ("system.slice/foo.service";
 *  instances of foo@.service default to system-foo.slice), for Slice=
 *  slice or the default when slice is NULL or "".
 *  \return 0, NC_EINVAL (bad slice name), NC_ELIMIT */
int sysenv_unit_cgroup_path(const char *id, const char *slice, char *out,
                            size_t outlen);

/* ---- files under a root (sysenv_fs.c) ---- */

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

/* ---- the loader's parts (sysenv_load.c, sysenv_unit.c) ---- */

/*! A new entry in s->files (zeroed, path and what set), or NULL when the
 *  table is full (counted in s->files_dropped, warned once). */
struct sysenv_file *sysenv_file_add(struct sysenv *s, const char *path,
                                    const char *what);

/* What a unit's file and drop-ins say (systemd.exec(5)). */
struct sysenv_unitcfg {
    const char *section;              /* "Service" for foo.service */
    struct sysenv_spec spec;          /* host values set by the caller */
    struct nc_env env;                /* Environment= */
    struct sysenv_list envfiles;      /* EnvironmentFile=, "-" prefix kept */
    struct sysenv_list pass;          /* PassEnvironment= */
    struct sysenv_list unset;         /* UnsetEnvironment= */
    char user[64];                    /* User= */
    char slice[SYSENV_UNIT_NAME_MAX]; /* Slice=, "" for the default */
    bool limit_hit; /* more entries than netcheck keeps: a hard error */
};

/*! Find s->unit_name on the unit search path under r (aliases, templates,
 *  /dev/null masks), fill s->unit_path, unit_id, unit_masked, and parse it
 *  and its drop-ins into cfg, recording each file in s->files.
 *  \return 0 (also when not found), NC_EPARSE / NC_ELIMIT (the unit file
 *  itself is bad: diag), NC_ENOMEM */
int sysenv_unit_read(struct sysenv *s, const struct sysenv_root *r,
                     struct sysenv_unitcfg *cfg, struct nc_diag *diag);

/*! Free what cfg holds. */
void sysenv_unitcfg_release(struct sysenv_unitcfg *cfg);

/*! Compare the manager's environment from its files (DefaultEnvironment=,
 *  systemd.setenv=) with PID 1's: a proxy variable only PID 1 has (set at
 *  run time: systemctl set-environment, a generator), one it lacks, or one
 *  with another value. Pure; warnings name variables, never values. */
void sysenv_drift_manager(const struct nc_env *files,
                          const struct sysenv_live *live,
                          struct sysenv_warnings *w);

/*! Compare a unit's files (files NULL: not found, or masked) with what
 *  PID 1 loaded: NeedDaemonReload, LoadState, Environment=,
 *  EnvironmentFile=, PassEnvironment=, UnsetEnvironment=, User=. Pure. */
void sysenv_drift_unit(const struct sysenv_unitcfg *files,
                       const struct sysenv_live *live,
                       struct sysenv_warnings *w);

/*! Join dir and name into out.  \return 0, NC_ELIMIT */
int sysenv_path_join(char *out, size_t outlen, const char *dir,
                     const char *name);

#endif
