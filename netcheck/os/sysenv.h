/* What environment a systemd system service really gets, read from the
 * files systemd reads (under a --root for tests and images), never from
 * the caller's shell. Parsers work on buffers (sysenv.c, sysenv_spec.c; no
 * I/O); the loader (sysenv_load.c, sysenv_unit.c over sysenv_fs.c) finds
 * and reads the files. The rules are systemd 252's (Debian 12), checked
 * against its own parsers: systemd.syntax(7), systemd-system.conf(5),
 * systemd.exec(5), systemd.unit(5). */
#ifndef NC_SYSENV_H
#define NC_SYSENV_H

#include <stdbool.h>
#include <stddef.h>

#include "env.h"
#include "nc.h"

/* ---- warnings: what systemd logs and then ignores ---- */

#define SYSENV_MAX_WARNINGS 32

/* Non-fatal findings (an invalid word, an unknown specifier, a missing
 * EnvironmentFile=, an unreadable file...). Messages name variables but
 * never hold a value, so they are safe to print. */
struct sysenv_warnings {
    struct nc_diag w[SYSENV_MAX_WARNINGS];
    size_t n;
    size_t dropped; /* warnings beyond SYSENV_MAX_WARNINGS */
};

/*! Add a warning about file:line (file may be NULL, line 0). */
void sysenv_warn(struct sysenv_warnings *w, const char *file, unsigned line,
                 const char *fmt, ...) NC_PRINTF(4, 5);

/* ---- specifiers (sysenv_spec.c, pure) ---- */

/* Values of systemd's %-specifiers. The unit table (systemd.unit(5)
 * "Specifiers") applies in unit files, a smaller one in system.conf. A
 * specifier outside the table makes systemd ignore the word; one inside it
 * whose value netcheck does not know (val[c] == NULL, e.g. %b for another
 * root) is left as written, with a warning. */
struct sysenv_spec {
    bool unit;      /* the unit table; else system.conf's */
    char *val[128]; /* owned values by specifier letter */
};

/*! Fill the values derived from a unit's name (%n %N %p %P %i %I %j %J %f),
 *  its file (%y %Y, fragment may be NULL) and the system manager's
 *  constants (%h=/root %u=root %t=/run ...), and set spec->unit.
 *  \return 0, NC_ENOMEM */
int sysenv_spec_init_unit(struct sysenv_spec *spec, const char *unit,
                          const char *fragment);

/*! Set one value (e.g. 'H' from /etc/hostname).  \return 0, NC_ENOMEM */
int sysenv_spec_set(struct sysenv_spec *spec, char letter, const char *value);

/*! Expand the specifiers of in (spec may be NULL: system.conf's table with
 *  no value known). *bad gets the first letter outside the table (the word
 *  must then be ignored), *kept the first one left as written (0 if none).
 *  \return 0, NC_EPARSE (a letter outside the table), NC_ENOMEM */
int sysenv_spec_expand(const struct sysenv_spec *spec, const char *in,
                       char **out, char *bad, char *kept);

/*! Free the values; the struct is left empty (unit table off). */
void sysenv_spec_release(struct sysenv_spec *spec);

/* ---- unit names (sysenv_spec.c, pure) ---- */

#define SYSENV_UNIT_NAME_MAX 256 /* including the NUL, as systemd */

/*! True for a valid unit name of any type (systemd's unit_name_is_valid):
 *  no '/', so it is safe to join into a path. */
bool sysenv_unit_name_valid(const char *name);

/*! User input to a unit name: "foo" becomes "foo.service"; a name must be
 *  valid and of a type that runs processes (service, socket, mount, swap).
 *  \return 0, NC_EINVAL (diag says why) */
int sysenv_unit_name_normalize(const char *in, char *out, size_t outlen,
                               struct nc_diag *diag);

/* ---- parsers (sysenv.c, pure) ---- */

/*! Called for every assignment of a systemd INI-style file (unit file,
 *  system.conf, drop-in), continuation lines already joined. An empty
 *  value is passed as "" (it resets list settings).  \return 0 to go on,
 *  <0 to stop with that error */
typedef int (*sysenv_kv_cb)(void *ud, const char *section, const char *key,
                            const char *value, unsigned line);

/*! sysenv_unit_parse_buf that also reports the lines it ignores. */
int sysenv_unit_parse_ex(const char *buf, size_t len, const char *source,
                         sysenv_kv_cb cb, void *ud,
                         struct sysenv_warnings *warn, struct nc_diag *diag);

/*! sysenv_assignments_apply with specifiers (spec may be NULL: the
 *  system.conf table) and warnings (warn may be NULL).
 *  \return 0, NC_ENOMEM, NC_ELIMIT */
int sysenv_assignments_apply_ex(const char *value, struct nc_env *env,
                                const struct sysenv_spec *spec,
                                struct sysenv_warnings *warn,
                                const char *source, unsigned line);

#define SYSENV_LIST_MAX 4096u

/* A list of strings: PassEnvironment= names, UnsetEnvironment= entries,
 * EnvironmentFile= paths. */
struct sysenv_list {
    char **v; /* owned */
    size_t n;
};

/*! Append a copy of s.  \return 0, NC_ENOMEM, NC_ELIMIT */
int sysenv_list_add(struct sysenv_list *l, const char *s);

/*! True when l holds s. */
bool sysenv_list_has(const struct sysenv_list *l, const char *s);

/*! Free the strings; the list is left empty. */
void sysenv_list_release(struct sysenv_list *l);

enum sysenv_list_kind {
    SYSENV_LIST_PASS, /* PassEnvironment=: variable names */
    SYSENV_LIST_UNSET /* UnsetEnvironment=: names or NAME=VALUE */
};

/*! Apply one PassEnvironment= or UnsetEnvironment= value: words as in
 *  systemd (quotes; C escapes for UnsetEnvironment= only; specifiers when
 *  spec is not NULL), invalid ones skipped with a warning, an empty value
 *  clears the list.
 *  \return 0, NC_ENOMEM, NC_ELIMIT */
int sysenv_list_apply(const char *value, enum sysenv_list_kind kind,
                      struct sysenv_list *l, const struct sysenv_spec *spec,
                      struct sysenv_warnings *warn, const char *source,
                      unsigned line);

/*! UnsetEnvironment=: remove every variable named in unset, and every
 *  NAME=VALUE listed there that matches exactly. */
void sysenv_env_unset(struct nc_env *env, const struct sysenv_list *unset);

/* /etc/environment (pam_env): "export " accepted, lines with invalid UTF-8
 * skipped instead of rejecting the file. */
#define SYSENV_ENVFILE_LENIENT 0x1u

/*! sysenv_envfile_parse_buf with flags and warnings (warn may be NULL). */
int sysenv_envfile_parse_ex(const char *buf, size_t len, const char *source,
                            unsigned flags, struct nc_env *env,
                            struct sysenv_warnings *warn, struct nc_diag *diag);

/*! Apply the systemd.setenv=VAR=VALUE words of a kernel command line
 *  (/proc/cmdline; systemd(1)) to env.  \return 0, NC_ENOMEM, NC_ELIMIT */
int sysenv_cmdline_apply(const char *buf, size_t len, struct nc_env *env,
                         struct sysenv_warnings *warn, const char *source);

/* ---- loader (sysenv_load.c, reads files under root) ---- */

#define SYSENV_MAX_FILES     64
#define SYSENV_MAX_FILE_SIZE (1024u * 1024u) /* configuration files */

/* One file (or process) that was read, for `netcheck proxy`'s table. */
struct sysenv_file {
    char path[512];     /* as under root, e.g. /etc/systemd/system.conf */
    char what[32];      /* "manager", "kernel-cmdline", "pid1", "unit",
                           "drop-in", "envfile", "cgroup", "running",
                           "etc-environment" */
    bool missing;       /* listed (e.g. EnvironmentFile=-/x) but absent */
    struct nc_env sets; /* what it set (for display; passwords inside) */
    bool reset;         /* an empty assignment here cleared what came before */
    bool masked;        /* a symlink to /dev/null (or empty unit file) */
    int error;          /* errno when it exists but could not be read, else 0 */
};

struct sysenv {
    /* Every file read, in the order systemd applies them. */
    struct sysenv_file files[SYSENV_MAX_FILES];
    size_t n_files;
    /* DefaultEnvironment= after system.conf and its drop-ins, then the
     * kernel command line's systemd.setenv=. */
    struct nc_env manager;
    /* With a unit: what its processes get from its unit file and drop-ins:
     * manager's DefaultEnvironment, then PassEnvironment= (from the
     * manager's own environment, /proc/1/environ), then Environment=, then
     * EnvironmentFile= (which wins over Environment=); UnsetEnvironment=
     * last. */
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

    /* Added by the loader's author (backward compatible): */
    char unit_name[SYSENV_UNIT_NAME_MAX]; /* as asked, normalized */
    char unit_id[SYSENV_UNIT_NAME_MAX];   /* its real name (alias target) */
    bool unit_masked;     /* linked to /dev/null or empty: cannot start */
    bool unit_bad_files;  /* a required EnvironmentFile= is missing or
                             unreadable: systemd would not start it */
    size_t files_dropped; /* files read beyond SYSENV_MAX_FILES */
    struct sysenv_warnings warnings;

    /* Facts from the running systemd (sysenv_bus.c), which win over its
     * files: "manager-live" and "unit-live" rows in files[]. */
    bool live_manager; /* manager is PID 1's Environment property */
    bool live_unit;    /* the unit's settings and MainPID came from PID 1 */
};

/*! Read what a system service gets under root ("/" normally): systemd's
 *  system.conf and system.conf.d drop-ins (in /etc, /run, /usr/local/lib,
 *  /usr/lib; Debian 12's systemd reads no /lib there; same-named drop-ins
 *  in earlier directories mask later ones; applied in file-name order; a
 *  drop-in PID 1 cannot parse ends the reading, with a warning), then the
 *  kernel command line's systemd.setenv= (ROOT/proc/cmdline); and with
 *  unit (e.g. "foo" or "foo.service") its unit file and drop-ins on
 *  systemd's search path (Debian's order: /lib before /usr/lib), its
 *  EnvironmentFile= files (globs too), PassEnvironment= values from
 *  ROOT/proc/1/environ, and the running main process's environ (the first
 *  PID of the unit's cgroup.procs under ROOT/sys/fs/cgroup, v2, hybrid or
 *  v1). Symlinks are resolved inside root. Missing or unreadable files are
 *  not errors (files[].missing/error, warnings); a unit not found or masked
 *  leaves out->unit empty (unit_path "" / unit_masked). Errors: a unit
 *  file systemd would refuse to load (diag names file and line), an
 *  invalid unit name.
 *  \return 0, NC_EPARSE, NC_EINVAL, NC_ENOMEM, NC_EIO (root unreadable),
 *  NC_ELIMIT (a file over SYSENV_MAX_FILE_SIZE); out is written only on
 *  success */
int sysenv_load(const char *root, const char *unit, struct sysenv *out,
                struct nc_diag *diag);

/*! Free what sysenv_load filled; safe on a zeroed struct. */
void sysenv_release(struct sysenv *s);

#ifdef NETCHECK_UNITTESTS
/* Unit tests only: how many times a file was read under any root (the
 * path as seen under the root, e.g. "/etc/systemd/system.conf"), so a test
 * can prove that facts are loaded once. */
extern const char *sysenv_ut_watch;
extern unsigned long sysenv_ut_watch_reads;
#endif
/* ---- the running systemd (sysenv_bus.c asks, sysenv_drift.c compares) */

/* What PID 1 holds in memory, over D-Bus (org.freedesktop.systemd1):
 * the manager's Environment (DefaultEnvironment=, generators, systemctl
 * set-environment) and a unit's exec settings as it last loaded them. */
struct sysenv_live {
    bool manager_ok; /* Manager.Environment was read */
    struct nc_env manager;
    bool unit_ok; /* the unit's properties were read */
    char unit[SYSENV_UNIT_NAME_MAX];
    char load_state[32]; /* Unit.LoadState: "loaded", "not-found"... */
    char fragment[512];  /* Unit.FragmentPath, "" for a transient unit */
    bool need_reload;    /* Unit.NeedDaemonReload */
    struct nc_env env;   /* Environment */
    struct sysenv_list envfiles;     /* EnvironmentFiles, "-" prefix kept */
    struct sysenv_list pass;         /* PassEnvironment */
    struct sysenv_list unset;        /* UnsetEnvironment */
    char user[64];                   /* User */
    unsigned long main_pid;          /* MainPID (services only), 0: none */
    struct sysenv_warnings warnings; /* what could not be asked */
};

/*! sysenv_load with the running systemd's facts (live may be NULL): its
 *  manager Environment replaces the manager's files, and the unit's
 *  settings and MainPID replace its files and its cgroup, while the files
 *  are still read, shown, and compared (sysenv_drift_*). */
int sysenv_load_ex(const char *root, const char *unit,
                   const struct sysenv_live *live, struct sysenv *out,
                   struct nc_diag *diag);

/*! What a system service of this host gets. root (--root) reads files
 *  only. Without it, when systemd runs (sd_booted()) or the test hook
 *  NETCHECK_SYSTEMD_BUS names a bus address, systemd is asked over D-Bus
 *  first, and the files fill in (with a warning) if it cannot be asked.
 *  \return as sysenv_load */
int sysenv_load_host(const char *root, const char *unit, struct sysenv *out,
                     struct nc_diag *diag);

#ifdef NETCHECK_UNITTESTS
/*! Free what live holds; safe on a zeroed struct. */
void sysenv_live_release(struct sysenv_live *live);
#endif

#ifdef NETCHECK_UNITTESTS
/*! Apply one Environment= / DefaultEnvironment= value to env: a
 *  space-separated list of VAR=VALUE words with systemd's quoting ("..."
 *  and '...' anywhere in a word, C escapes inside and outside quotes). An
 *  empty value clears env (systemd's reset). As systemd, an invalid
 *  assignment is skipped and bad quoting or escaping drops the rest of the
 *  line; neither is an error. Specifiers as in system.conf, of which only
 *  %% is resolved (others are left as written, or drop their word).
 *  \return 0, NC_ENOMEM, NC_ELIMIT (diag has source:line) */
int sysenv_assignments_apply(const char *value, struct nc_env *env,
                             const char *source, unsigned line,
                             struct nc_diag *diag);
#endif

#ifdef NETCHECK_UNITTESTS
/*! Parse an EnvironmentFile= file (systemd's load_env_file: VAR=VALUE
 *  lines, '#'/';' comments, quotes, backslash escapes and continuations)
 *  into env. As in systemd 252 an "export " prefix makes the name invalid
 *  and the line is skipped; invalid UTF-8 or a NUL byte rejects the whole
 *  file (env is then unchanged).  \return 0, NC_EPARSE (diag), NC_ENOMEM,
 * NC_ELIMIT */
int sysenv_envfile_parse_buf(const char *buf, size_t len, const char *source,
                             struct nc_env *env, struct nc_diag *diag);
#endif

#ifdef NETCHECK_UNITTESTS
/*! True for a name systemd accepts in an environment (letters, digits and
 *  '_', not starting with a digit). */
bool sysenv_env_name_valid(const char *name, size_t len);
#endif

#ifdef NETCHECK_UNITTESTS
/*! Parse a systemd unit/config file held in buf: [Section] headers,
 *  Key=Value, '#' and ';' comment lines (also inside a continuation), a
 *  trailing backslash continues the line, "\n", "\r\n", "\r" and NUL end
 *  lines (systemd.syntax(7)). Lines without '=' and assignments before the
 *  first section are ignored, as systemd does.  \return 0, or the
 *  callback's error, or NC_EPARSE (a bad section header or a line that is
 *  not UTF-8: systemd stops there and rejects the file) / NC_ELIMIT (a line
 *  over 1 MiB) with diag source:line */
int sysenv_unit_parse_buf(const char *buf, size_t len, const char *source,
                          sysenv_kv_cb cb, void *ud, struct nc_diag *diag);
#endif

#endif
