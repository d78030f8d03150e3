/* The environment a systemd system service gets, from the files systemd
 * reads under a root: the manager's system.conf and drop-ins
 * (systemd-system.conf(5)) and the kernel command line (systemd(1)), a
 * unit's settings (sysenv_unit.c), its EnvironmentFile= files, PID 1's own
 * environment for PassEnvironment=, and the running main process. */
#include "sysenv.h"

#include <errno.h>
#include <string.h>
#include <sys/utsname.h>

#include "nc.h"
#include "str.h"
#include "sysenv_int.h"

#define MAX_ENVIRON (4u * 1024u * 1024u) /* a process's environ */

/* systemd's CONF_PATHS("systemd/system.conf.d"). Debian 12's systemd is
 * built without split-usr there: no /lib (unlike the unit search path),
 * as its binary and `systemd-analyze cat-config` show. */
static const char *const conf_dirs[] = {
    "/etc/systemd/system.conf.d",
    "/run/systemd/system.conf.d",
    "/usr/local/lib/systemd/system.conf.d",
    "/usr/lib/systemd/system.conf.d",
};

struct load {
    struct sysenv *s;
    struct sysenv_root root;
    bool host;                      /* root is "/" */
    struct sysenv_spec mspec;       /* system.conf's specifier values */
    struct nc_env manager_self;     /* ManagerEnvironment= (PID 1's own) */
    const struct sysenv_live *live; /* the running systemd, or NULL */
    struct sysenv_file *file;       /* the one being parsed */
    bool limit_hit;                 /* netcheck's own limit: a hard error */
    const char *source;
    struct nc_diag *diag;
};

/* Read a file for the record: 0 with *buf, 1 when absent or unreadable
 * (noted in f; unreadable is warned), <0 on hard errors. */
static int load_read(struct load *ld, struct sysenv_file *f, const char *path,
                     size_t max, char **buf, size_t *len)
{
    bool masked = false;
    int err = 0,
        r = sysenv_fs_read(&ld->root, path, max, buf, len, &masked, &err);

    if (r == NC_ELIMIT)
        nc_diag_set(ld->diag, path, 0, "file larger than %zu bytes", max);
    if (r != NC_EIO) {
        if (r == 0 && f != NULL)
            f->masked = masked;
        return r;
    }
    if (f != NULL) {
        f->missing = err == ENOENT || err == ENOTDIR;
        f->error = f->missing ? 0 : err;
    }
    if (!(err == ENOENT || err == ENOTDIR))
        sysenv_warn(&ld->s->warnings, path, 0, "cannot read: %s",
                    strerror(err));
    return 1;
}

/* ---- the manager: system.conf, its drop-ins, the kernel command line */

static int manager_setting(struct load *ld, const char *section,
                           const char *key, const char *value, unsigned line)
{
    int r;

    if (strcmp(section, "Manager") != 0)
        return 0;
    if (strcmp(key, "ManagerEnvironment") == 0)
        return sysenv_assignments_apply_ex(value, &ld->manager_self, &ld->mspec,
                                           &ld->s->warnings, ld->source, line);
    if (strcmp(key, "DefaultEnvironment") != 0)
        return 0;
    if (ld->file != NULL && *value == '\0') {
        ld->file->reset = true;
        env_release(&ld->file->sets);
    } else if (ld->file != NULL) {
        r = sysenv_assignments_apply_ex(value, &ld->file->sets, &ld->mspec,
                                        NULL, NULL, 0);
        if (r < 0)
            return r;
    }
    return sysenv_assignments_apply_ex(value, &ld->s->manager, &ld->mspec,
                                       &ld->s->warnings, ld->source, line);
}

static int manager_kv(void *ud, const char *section, const char *key,
                      const char *value, unsigned line)
{
    struct load *ld = ud;
    int r = manager_setting(ld, section, key, value, line);

    if (r == NC_ELIMIT && !ld->limit_hit) {
        ld->limit_hit = true;
        nc_diag_set(ld->diag, ld->source, line, "more than %u variables",
                    NC_ENV_MAX_VARS);
    }
    return r;
}

static int manager_file(struct load *ld, const char *path, bool *stop)
{
    struct nc_diag d;
    char *buf = NULL;
    size_t len = 0;
    int r;

    ld->file = sysenv_file_add(ld->s, path, "manager");
    ld->source = path;
    r = load_read(ld, ld->file, path, SYSENV_MAX_FILE_SIZE, &buf, &len);
    if (r > 0 && ld->file != NULL && ld->file->error != 0) {
        /* a drop-in "x.conf" that is a directory, or unreadable to PID 1 */
        if (ld->file->error != EACCES) {
            *stop = true;
            sysenv_warn(&ld->s->warnings, path, 0,
                        "systemd stops reading its configuration here");
        }
        return 0;
    }
    if (r != 0)
        return r > 0 ? 0 : r;
    memset(&d, 0, sizeof(d));
    r = sysenv_unit_parse_ex(buf, len, path, manager_kv, ld, &ld->s->warnings,
                             &d);
    nc_explicit_bzero(buf, len);
    nc_free(buf);
    if (ld->limit_hit)
        return r;
    if (r == NC_EPARSE || r == NC_ELIMIT) {
        /* config_parse_many stops at the first bad file; PID 1 goes on
         * with what it has. */
        sysenv_warn(&ld->s->warnings, d.file, d.line,
                    "%s; systemd stops reading its configuration here", d.msg);
        *stop = true;
        return 0;
    }
    return r;
}

static int load_manager(struct load *ld)
{
    struct sysenv_list seen = {NULL, 0}, paths = {NULL, 0};
    char path[SYSENV_PATH_MAX];
    size_t d, i, best;
    bool stop = false;
    int r;

    r = manager_file(ld, "/etc/systemd/system.conf", &stop);
    /* Drop-ins: the first directory holding a name wins that name. */
    for (d = 0; r == 0 && d < sizeof(conf_dirs) / sizeof(conf_dirs[0]); d++) {
        struct sysenv_list names = {NULL, 0};

        r = sysenv_fs_list(&ld->root, conf_dirs[d], ".conf", &names);
        for (i = 0; r == 0 && i < names.n; i++) {
            if (sysenv_list_has(&seen, names.v[i]) ||
                sysenv_path_join(path, sizeof(path), conf_dirs[d],
                                 names.v[i]) != 0)
                continue;
            r = sysenv_list_add(&seen, names.v[i]);
            if (r == 0)
                r = sysenv_list_add(&paths, path);
        }
        sysenv_list_release(&names);
    }
    while (r == 0 && !stop && seen.n > 0) { /* in file-name order */
        for (best = 0, i = 1; i < seen.n; i++)
            if (strcmp(seen.v[i], seen.v[best]) < 0)
                best = i;
        r = manager_file(ld, paths.v[best], &stop);
        nc_free(seen.v[best]);
        nc_free(paths.v[best]);
        seen.v[best] = seen.v[--seen.n];
        paths.v[best] = paths.v[--paths.n];
    }
    sysenv_list_release(&seen);
    sysenv_list_release(&paths);
    return r;
}

/* systemd.setenv= on the kernel command line wins over system.conf. */
static int load_cmdline(struct load *ld)
{
    struct sysenv_file *f;
    struct nc_env set = {NULL, 0};
    char *buf = NULL;
    size_t len = 0;
    int err = 0, r;
    bool masked;

    r = sysenv_fs_read(&ld->root, "/proc/cmdline", SYSENV_MAX_FILE_SIZE, &buf,
                       &len, &masked, &err);
    if (r != 0)
        return r == NC_ENOMEM ? r : 0;
    r = sysenv_cmdline_apply(buf, len, &set, &ld->s->warnings, "/proc/cmdline");
    if (r == 0)
        r = env_merge(&ld->s->manager, &set);
    if (r == 0 && set.n > 0) {
        f = sysenv_file_add(ld->s, "/proc/cmdline", "kernel-cmdline");
        if (f != NULL) {
            f->sets = set;
            set.vars = NULL;
            set.n = 0;
        }
    }
    env_release(&set);
    nc_explicit_bzero(buf, len);
    nc_free(buf);
    return r;
}

/* ---- specifier values that depend on the system (%H %m %b %o ...) ---- */

static void first_line(char *s)
{
    s[strcspn(s, "\r\n")] = '\0';
    (void)nc_strtrim(s);
}

static int spec_from_file(struct load *ld, const char *path, char letter)
{
    char *buf = NULL, *p;
    size_t len = 0;
    bool masked;
    int err = 0,
        r = sysenv_fs_read(&ld->root, path, 4096, &buf, &len, &masked, &err);

    if (r != 0)
        return r == NC_ENOMEM ? r : 0;
    first_line(buf);
    if (letter == 'b') { /* a boot id shows without dashes */
        for (p = buf; *p != '\0'; p++)
            if (*p == '-')
                memmove(p, p + 1, strlen(p));
    }
    r = buf[0] != '\0' ? sysenv_spec_set(&ld->mspec, letter, buf) : 0;
    nc_free(buf);
    return r;
}

static int spec_os_release(struct load *ld)
{
    static const char *const keys[][2] = {
        {"o", "ID"},       {"w", "VERSION_ID"}, {"W", "VARIANT_ID"},
        {"B", "BUILD_ID"}, {"M", "IMAGE_ID"},   {"A", "IMAGE_VERSION"}};
    struct nc_env os = {NULL, 0};
    char *buf = NULL;
    size_t len = 0, i;
    bool masked;
    int err = 0, r;

    r = sysenv_fs_read(&ld->root, "/etc/os-release", 65536, &buf, &len, &masked,
                       &err);
    if (r == NC_EIO)
        r = sysenv_fs_read(&ld->root, "/usr/lib/os-release", 65536, &buf, &len,
                           &masked, &err);
    if (r != 0)
        return r == NC_ENOMEM ? r : 0;
    r = sysenv_envfile_parse_ex(buf, len, "os-release", SYSENV_ENVFILE_LENIENT,
                                &os, NULL, NULL);
    for (i = 0; r == 0 && i < sizeof(keys) / sizeof(keys[0]); i++) {
        const char *v = env_get(&os, keys[i][1]);

        r = sysenv_spec_set(&ld->mspec, keys[i][0][0], v != NULL ? v : "");
    }
    env_release(&os);
    nc_free(buf);
    return r == NC_ENOMEM ? r : 0;
}

static int load_host_specs(struct load *ld)
{
    static const char *const arch[][2] = {
        {"x86_64", "x86-64"}, {"aarch64", "arm64"},  {"i686", "x86"},
        {"i386", "x86"},      {"armv7l", "arm"},     {"ppc64le", "ppc64-le"},
        {"s390x", "s390x"},   {"riscv64", "riscv64"}};
    struct utsname u;
    const char *h;
    char *buf = NULL;
    size_t i, len = 0;
    bool masked;
    int err = 0, r;

    r = sysenv_spec_set(&ld->mspec, 'T', "/tmp"); /* PID 1 has no TMPDIR */
    if (r == 0)
        r = sysenv_spec_set(&ld->mspec, 'V', "/var/tmp");
    if (r == 0)
        r = spec_from_file(ld, "/etc/machine-id", 'm');
    if (r == 0)
        r = spec_from_file(ld, "/proc/sys/kernel/random/boot_id", 'b');
    if (r == 0)
        r = spec_os_release(ld);
    if (r == 0 && ld->host && uname(&u) == 0) {
        r = sysenv_spec_set(&ld->mspec, 'H', u.nodename);
        if (r == 0)
            r = sysenv_spec_set(&ld->mspec, 'v', u.release);
        for (i = 0; r == 0 && i < sizeof(arch) / sizeof(arch[0]); i++)
            if (strcmp(u.machine, arch[i][0]) == 0)
                r = sysenv_spec_set(&ld->mspec, 'a', arch[i][1]);
    } else if (r == 0) {
        r = spec_from_file(ld, "/etc/hostname", 'H');
    }
    h = ld->mspec.val['H'];
    if (r == 0 && h != NULL) {
        char s[256];

        (void)nc_snprintf(s, sizeof(s), "%.*s", (int)strcspn(h, "."), h);
        r = sysenv_spec_set(&ld->mspec, 'l', s);
        if (r == 0)
            r = sysenv_spec_set(&ld->mspec, 'q', h);
    }
    /* %q prefers PRETTY_HOSTNAME= of /etc/machine-info */
    if (r == 0 && sysenv_fs_read(&ld->root, "/etc/machine-info", 65536, &buf,
                                 &len, &masked, &err) == 0) {
        struct nc_env mi = {NULL, 0};

        if (sysenv_envfile_parse_ex(buf, len, "machine-info",
                                    SYSENV_ENVFILE_LENIENT, &mi, NULL,
                                    NULL) == 0 &&
            env_get(&mi, "PRETTY_HOSTNAME") != NULL)
            r = sysenv_spec_set(&ld->mspec, 'q',
                                env_get(&mi, "PRETTY_HOSTNAME"));
        env_release(&mi);
        nc_free(buf);
    }
    return r;
}

/* ---- the unit ---- */

/* PassEnvironment=: values from PID 1's own environment, which is its
 * initial environ plus ManagerEnvironment=. */
static int load_pass(struct load *ld, const struct sysenv_list *pass,
                     struct nc_env *unit)
{
    struct sysenv_file *f = sysenv_file_add(ld->s, "/proc/1/environ", "pid1");
    struct nc_env pid1 = {NULL, 0};
    char *buf = NULL;
    size_t len = 0, i;
    int r = load_read(ld, f, "/proc/1/environ", MAX_ENVIRON, &buf, &len);

    if (r < 0)
        return r;
    if (r == 0) {
        r = env_load_block(&pid1, buf, len);
        nc_explicit_bzero(buf, len);
        nc_free(buf);
    } else {
        r = 0;
        sysenv_warn(&ld->s->warnings, "/proc/1/environ", 0,
                    "PassEnvironment= values unknown");
    }
    if (r == 0)
        r = env_merge(&pid1, &ld->manager_self);
    for (i = 0; r == 0 && i < pass->n; i++) {
        const char *v = env_get(&pid1, pass->v[i]);

        if (v == NULL)
            continue;
        r = env_set(unit, pass->v[i], v);
        if (r == 0 && f != NULL)
            r = env_set(&f->sets, pass->v[i], v);
    }
    env_release(&pid1);
    return r;
}

/* One EnvironmentFile= entry: a glob, "-" to ignore what is missing. */
static int load_envfile(struct load *ld, const char *entry,
                        struct nc_env *files_env)
{
    struct sysenv_list paths = {NULL, 0};
    bool ignore = entry[0] == '-';
    const char *pattern = entry + ignore;
    struct sysenv_file *f;
    size_t i;
    int r = sysenv_fs_glob(&ld->root, pattern, &paths);

    if (r == 0 && paths.n == 0) {
        f = sysenv_file_add(ld->s, pattern, "envfile");
        if (f != NULL)
            f->missing = true;
        if (!ignore) {
            ld->s->unit_bad_files = true;
            sysenv_warn(&ld->s->warnings, pattern, 0,
                        "EnvironmentFile= matches nothing: systemd would "
                        "not start the unit");
        }
    }
    for (i = 0; r == 0 && i < paths.n; i++) {
        struct nc_env got = {NULL, 0};
        struct nc_diag d;
        char *buf = NULL;
        size_t len = 0;

        f = sysenv_file_add(ld->s, paths.v[i], "envfile");
        r = load_read(ld, f, paths.v[i], SYSENV_MAX_FILE_SIZE, &buf, &len);
        if (r > 0) { /* missing, or not readable by us */
            r = 0;
            /* PID 1 reads what we may not: EACCES says nothing */
            if (!ignore && (f == NULL || f->missing ||
                            (f->error != EACCES && f->error != EPERM))) {
                ld->s->unit_bad_files = true;
                sysenv_warn(&ld->s->warnings, paths.v[i], 0,
                            "EnvironmentFile= %s: systemd would not start "
                            "the unit",
                            f != NULL && !f->missing ? "unreadable"
                                                     : "missing");
            }
            continue;
        }
        if (r < 0)
            break;
        memset(&d, 0, sizeof(d));
        r = sysenv_envfile_parse_ex(buf, len, paths.v[i], 0, &got,
                                    &ld->s->warnings, &d);
        nc_explicit_bzero(buf, len);
        nc_free(buf);
        if (r == NC_EPARSE) { /* load_env_file failed: the file counts not */
            if (!ignore)
                ld->s->unit_bad_files = true;
            sysenv_warn(&ld->s->warnings, d.file, d.line, "%s%s", d.msg,
                        ignore ? "; ignored ('-')"
                               : "; systemd would not start the unit");
            r = 0;
        } else if (r == 0) {
            r = env_merge(files_env, &got);
            if (r == 0 && f != NULL)
                r = env_merge(&f->sets, &got);
        } else if (r == NC_ELIMIT) {
            *ld->diag = d;
        }
        env_release(&got);
    }
    sysenv_list_release(&paths);
    return r;
}

/* The environ of the unit's main process n. */
static int load_pid_environ(struct load *ld, unsigned long n, const char *id)
{
    struct sysenv *s = ld->s;
    char path[SYSENV_PATH_MAX];
    struct sysenv_file *f;
    char *buf = NULL;
    size_t len = 0;
    bool masked;
    int err = 0, r;

    (void)nc_snprintf(path, sizeof(path), "/proc/%lu/environ", n);
    f = sysenv_file_add(s, path, "running");
    r = sysenv_fs_read(&ld->root, path, MAX_ENVIRON, &buf, &len, &masked, &err);
    if (r == NC_ENOMEM)
        return r;
    if (r != 0) {
        if (f != NULL)
            f->error = r == NC_EIO ? err : EFBIG;
        sysenv_warn(&s->warnings, path, 0,
                    "%s runs as PID %lu but its environment is not "
                    "readable (%s)",
                    id, n, r == NC_EIO ? strerror(err) : "too big");
        return 0;
    }
    r = env_load_block(&s->proc, buf, len);
    if (r == 0 && f != NULL)
        r = env_merge(&f->sets, &s->proc);
    nc_explicit_bzero(buf, len);
    nc_free(buf);
    if (r == 0) {
        s->running = true;
        s->main_pid = (long)n;
    }
    return r;
}

/* The main PID: PID 1's MainPID when asked live, else the first PID of
 * the unit's cgroup; then its environ. */
static int load_running(struct load *ld, const char *slice)
{
    static const char *const hier[] = {
        "/sys/fs/cgroup", "/sys/fs/cgroup/unified", "/sys/fs/cgroup/systemd"};
    struct sysenv *s = ld->s;
    char cg[SYSENV_PATH_MAX], path[SYSENV_PATH_MAX], pid[32];
    const char *id = s->unit_id[0] != '\0' ? s->unit_id : s->unit_name;
    unsigned long n = 0;
    char *buf = NULL;
    size_t len = 0, i;
    bool masked;
    int err = 0, r = NC_EIO;

    if (s->live_unit) /* MainPID=0: not running */
        return ld->live->main_pid > 0
                   ? load_pid_environ(ld, ld->live->main_pid, id)
                   : 0;
    if (sysenv_unit_cgroup_path(id, slice, cg, sizeof(cg)) != 0)
        return 0;
    for (i = 0; r == NC_EIO && i < sizeof(hier) / sizeof(hier[0]); i++)
        if (nc_snprintf(path, sizeof(path), "%s/%s/cgroup.procs", hier[i],
                        cg) == 0)
            r = sysenv_fs_read(&ld->root, path, SYSENV_MAX_FILE_SIZE, &buf,
                               &len, &masked, &err);
    if (r != 0)
        return r == NC_ENOMEM ? r : 0;
    (void)nc_snprintf(pid, sizeof(pid), "%.*s", (int)strcspn(buf, "\n"), buf);
    nc_free(buf);
    (void)sysenv_file_add(s, path, "cgroup");
    if (nc_parse_uint(pid, 1, 4194304, &n) != 0) {
        if (pid[0] != '\0')
            sysenv_warn(&s->warnings, path, 1, "not a PID");
        return 0; /* an empty cgroup: not running */
    }
    return load_pid_environ(ld, n, id);
}

static int list_copy(struct sysenv_list *dst, const struct sysenv_list *src)
{
    size_t i;
    int r = 0;

    sysenv_list_release(dst);
    for (i = 0; r == 0 && i < src->n; i++)
        r = sysenv_list_add(dst, src->v[i]);
    return r;
}

/* PID 1's view of the unit replaces its files' (which were compared). */
static int load_unit_live(struct load *ld, struct sysenv_unitcfg *cfg)
{
    const struct sysenv_live *live = ld->live;
    struct sysenv *s = ld->s;
    bool found = s->unit_path[0] != '\0' && !s->unit_masked;
    struct sysenv_file *f;
    char path[SYSENV_PATH_MAX];
    int r;

    sysenv_drift_unit(found ? cfg : NULL, live, &s->warnings);
    s->live_unit = true;
    s->unit_masked = strcmp(live->load_state, "masked") == 0;
    if (strcmp(live->load_state, "loaded") != 0) {
        s->unit_path[0] = '\0';
        return 0;
    }
    if (s->unit_path[0] == '\0')
        (void)nc_strlcpy(s->unit_path,
                         live->fragment[0] != '\0' ? live->fragment
                                                   : "(transient)",
                         sizeof(s->unit_path));
    env_release(&cfg->env);
    r = env_merge(&cfg->env, &live->env);
    if (r == 0)
        r = list_copy(&cfg->envfiles, &live->envfiles);
    if (r == 0)
        r = list_copy(&cfg->pass, &live->pass);
    if (r == 0)
        r = list_copy(&cfg->unset, &live->unset);
    (void)nc_strlcpy(cfg->user, live->user, sizeof(cfg->user));
    (void)nc_snprintf(path, sizeof(path), "D-Bus %s", live->unit);
    f = sysenv_file_add(s, path, "unit-live");
    if (r == 0 && f != NULL)
        r = env_merge(&f->sets, &live->env);
    return r;
}

/* PID 1's manager Environment replaces DefaultEnvironment= and
 * systemd.setenv= from the files (which were compared). */
static int load_manager_live(struct load *ld)
{
    const struct sysenv_live *live = ld->live;
    struct sysenv *s = ld->s;
    struct sysenv_file *f;
    size_t i;
    int r;

    for (i = 0; i < live->warnings.n; i++) {
        const struct nc_diag *w = &live->warnings.w[i];

        sysenv_warn(&s->warnings, w->file[0] != '\0' ? w->file : NULL, w->line,
                    "%s", w->msg);
    }
    if (!live->manager_ok)
        return 0;
    sysenv_drift_manager(&s->manager, live, &s->warnings);
    env_release(&s->manager);
    r = env_merge(&s->manager, &live->manager);
    s->live_manager = true;
    f = sysenv_file_add(s, "D-Bus org.freedesktop.systemd1", "manager-live");
    if (r == 0 && f != NULL)
        r = env_merge(&f->sets, &live->manager);
    return r;
}

static int load_unit(struct load *ld, struct nc_diag *diag)
{
    struct sysenv *s = ld->s;
    struct sysenv_unitcfg cfg;
    struct nc_env files_env = {NULL, 0};
    size_t i;
    int r = 0;

    memset(&cfg, 0, sizeof(cfg));
    for (i = 0; r == 0 && i < 128; i++)
        if (ld->mspec.val[i] != NULL)
            r = sysenv_spec_set(&cfg.spec, (char)i, ld->mspec.val[i]);
    if (r == 0)
        r = sysenv_unit_read(s, &ld->root, &cfg, diag);
    if (r == 0 && ld->live != NULL && ld->live->unit_ok)
        r = load_unit_live(ld, &cfg);
    if (r != 0 || s->unit_path[0] == '\0' || s->unit_masked)
        goto running;
    r = env_merge(&s->unit, &s->manager);
    if (r == 0 && cfg.pass.n > 0)
        r = load_pass(ld, &cfg.pass, &s->unit);
    if (r == 0)
        r = env_merge(&s->unit, &cfg.env);
    for (i = 0; r == 0 && i < cfg.envfiles.n; i++)
        r = load_envfile(ld, cfg.envfiles.v[i], &files_env);
    if (r == 0)
        r = env_merge(&s->unit, &files_env);
    if (r == 0) {
        sysenv_env_unset(&s->unit, &cfg.unset);
        (void)nc_strlcpy(s->user, cfg.user, sizeof(s->user));
    }
running:
    if (r == 0)
        r = load_running(ld, cfg.slice);
    env_release(&files_env);
    sysenv_unitcfg_release(&cfg);
    return r;
}

/* /etc/environment, as pam_env reads it: for warnings only. */
static int load_etc_environment(struct load *ld)
{
    struct sysenv_file *f =
        sysenv_file_add(ld->s, "/etc/environment", "etc-environment");
    struct nc_diag d;
    char *buf = NULL;
    size_t len = 0;
    int r =
        load_read(ld, f, "/etc/environment", SYSENV_MAX_FILE_SIZE, &buf, &len);

    if (r != 0)
        return r > 0 ? 0 : r;
    memset(&d, 0, sizeof(d));
    r = sysenv_envfile_parse_ex(buf, len, "/etc/environment",
                                SYSENV_ENVFILE_LENIENT, &ld->s->etc_environment,
                                &ld->s->warnings, &d);
    nc_explicit_bzero(buf, len);
    nc_free(buf);
    if (r == 0 && f != NULL)
        r = env_merge(&f->sets, &ld->s->etc_environment);
    if (r == NC_ELIMIT)
        *ld->diag = d;
    return r;
}

int sysenv_load(const char *root, const char *unit, struct sysenv *out,
                struct nc_diag *diag)
{
    return sysenv_load_ex(root, unit, NULL, out, diag);
}

int sysenv_load_ex(const char *root, const char *unit,
                   const struct sysenv_live *live, struct sysenv *out,
                   struct nc_diag *diag)
{
    struct nc_diag scratch;
    struct load ld;
    struct sysenv *s;
    int err = 0, r;

    if (diag == NULL)
        diag = &scratch;
    memset(diag, 0, sizeof(*diag));
    memset(&ld, 0, sizeof(ld));
    ld.root.fd = -1;
    ld.diag = diag;
    ld.live = live;
    if (root == NULL || *root == '\0')
        root = "/";
    ld.host = root[strspn(root, "/")] == '\0';
    s = nc_calloc(1, sizeof(*s));
    if (s == NULL)
        return NC_ENOMEM;
    ld.s = s;
    if (unit != NULL) {
        s->have_unit = true;
        r = sysenv_unit_name_normalize(unit, s->unit_name, sizeof(s->unit_name),
                                       diag);
        if (r != 0)
            goto out;
    }
    r = sysenv_root_open(&ld.root, root, &err);
    if (r != 0) {
        nc_diag_set(diag, root, 0, "cannot open root: %s", strerror(err));
        goto out;
    }
    r = load_host_specs(&ld);
    if (r == 0)
        r = load_manager(&ld);
    if (r == 0)
        r = load_cmdline(&ld);
    if (r == 0 && live != NULL)
        r = load_manager_live(&ld);
    if (r == 0 && unit != NULL)
        r = load_unit(&ld, diag);
    if (r == 0)
        r = load_etc_environment(&ld);
out:
    if (r == NC_ENOMEM)
        nc_diag_set(diag, NULL, 0, "out of memory");
    else if (r != 0 && diag->msg[0] == '\0') /* e.g. too many drop-ins */
        nc_diag_set(diag, root, 0, "reading the system configuration: %s",
                    nc_strerror(r));
    if (r == 0)
        *out = *s;
    else
        sysenv_release(s);
    nc_explicit_bzero(s, sizeof(*s));
    nc_free(s);
    sysenv_root_close(&ld.root);
    sysenv_spec_release(&ld.mspec);
    env_release(&ld.manager_self);
    return r;
}
