/* What environment a systemd system service really gets, read from the
 * files systemd reads (under a --root for tests and images), never from
 * the caller's shell. Parsers work on buffers (sysenv.c, no I/O); the
 * loader (sysenv_load.c) finds and reads the files. */
#ifndef NC_SYSENV_H
#define NC_SYSENV_H

#include <stdbool.h>
#include <stddef.h>

#include "env.h"
#include "nc.h"

/* ---- parsers (sysenv.c, pure) ---- */

/*! Called for every assignment of a systemd INI-style file (unit file,
 *  system.conf, drop-in), continuation lines already joined. An empty
 *  value is passed as "" (it resets list settings).  \return 0 to go on,
 *  <0 to stop with that error */
typedef int (*sysenv_kv_cb)(void *ud, const char *section, const char *key,
                            const char *value, unsigned line);

/*! Parse a systemd unit/config file held in buf: [Section] headers,
 *  Key=Value, '#' and ';' comment lines, a trailing backslash continues
 *  the line (systemd.syntax(7)).  \return 0, or the callback's error, or
 *  NC_EPARSE with diag (source:line) */
int sysenv_unit_parse_buf(const char *buf, size_t len, const char *source,
                          sysenv_kv_cb cb, void *ud, struct nc_diag *diag);

/*! Apply one Environment= / DefaultEnvironment= value to env: a
 *  space-separated list of VAR=VALUE words with systemd's quoting ("..."
 *  and '...', C escapes inside double quotes). An empty value clears env
 *  (systemd's reset).  \return 0, NC_EPARSE (diag has source:line),
 *  NC_ENOMEM */
int sysenv_assignments_apply(const char *value, struct nc_env *env,
                             const char *source, unsigned line,
                             struct nc_diag *diag);

/*! Parse an EnvironmentFile= file (systemd's load_env_file: VAR=VALUE
 *  lines, '#'/';' comments, quotes, backslash escapes and continuations,
 *  optional "export ") into env.  \return as sysenv_assignments_apply */
int sysenv_envfile_parse_buf(const char *buf, size_t len, const char *source,
                             struct nc_env *env, struct nc_diag *diag);

/* ---- loader (sysenv_load.c, reads files under root) ---- */

#define SYSENV_MAX_FILES 64

/* One file (or process) that was read, for `netcheck proxy`'s table. */
struct sysenv_file {
    char path[512];  /* as under root, e.g. /etc/systemd/system.conf */
    char what[32];   /* "manager", "unit", "drop-in", "envfile",
                        "running", "etc-environment" */
    bool missing;    /* listed (e.g. EnvironmentFile=-/x) but absent */
    struct nc_env sets; /* what it set (for display; passwords inside) */
};

struct sysenv {
    /* Every file read, in the order systemd applies them. */
    struct sysenv_file files[SYSENV_MAX_FILES];
    size_t n_files;
    /* DefaultEnvironment= after system.conf and its drop-ins. */
    struct nc_env manager;
    /* With a unit: what its processes get from its unit file and drop-ins:
     * manager's DefaultEnvironment, then PassEnvironment= (from the
     * manager's own environment, /proc/1/environ), then Environment=, then
     * EnvironmentFile= (which wins over Environment=). */
    bool have_unit;
    char unit_path[512]; /* the unit file found, "" when not found */
    struct nc_env unit;
    char user[64]; /* the unit's User=, "" for root */
    /* When the unit runs and its main process is readable: its real
     * environment, which wins over everything above. */
    bool running;
    long main_pid;
    struct nc_env proc;
    /* /etc/environment: never what a service sees; read only to warn. */
    struct nc_env etc_environment;
};

/*! Read what a system service gets under root ("/" normally): systemd's
 *  system.conf and system.conf.d drop-ins (in /etc, /run, /usr/local/lib,
 *  /usr/lib, /lib; same-named drop-ins in earlier directories mask later
 *  ones; applied in file-name order), and with unit (e.g. "foo" or
 *  "foo.service") its unit file and drop-ins on systemd's search path,
 *  EnvironmentFile= files, and the running main process's environ (found
 *  with the unit's cgroup.procs under root). Missing files are not errors;
 *  syntax errors are (diag names file and line).
 *  \return 0, NC_EPARSE, NC_ENOMEM, NC_EIO */
int sysenv_load(const char *root, const char *unit, struct sysenv *out,
                struct nc_diag *diag);

/*! Free what sysenv_load filled; safe on a zeroed struct. */
void sysenv_release(struct sysenv *s);

#endif
