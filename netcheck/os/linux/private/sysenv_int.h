/* Shared by the sysenv_*.c files only: text helpers of the parsers, and
 * file access confined to a root directory (sysenv_fs.c). */
#ifndef NC_SYSENV_INT_H
#define NC_SYSENV_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "rootfs.h"
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

/* ---- the loader's parts (sysenv_{file,load,unit}.c) ---- */

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
