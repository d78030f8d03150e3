/* sysenv_load: what a systemd system service gets, read from the fixture
 * trees tests/unit/data/sysroot1 (manager drop-ins in several directories,
 * a unit with drop-ins, EnvironmentFile=, PassEnvironment=, a running main
 * process) and sysroot2 (templates, aliases, links, masks, globs, cgroup
 * v1, symlinks that try to leave the root). The unit search results were
 * checked against systemd 252's own unit_file_find_fragment and
 * unit_file_find_dropin_paths on the same trees. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "nc.h"
#include "str.h"
#include "sysenv.h"

#define ROOT1 NC_TEST_DATA "/sysroot1"
#define ROOT2 NC_TEST_DATA "/sysroot2"
#define MAXW  16

static int s_setup(void **state)
{
    struct sysenv *s = calloc(1, sizeof(*s));

    *state = s;
    return s != NULL ? 0 : -1;
}

static int s_teardown(void **state)
{
    struct sysenv *s = *state;

    sysenv_release(s);
    free(s);
    return 0;
}

static void load_ok(struct sysenv *s, const char *root, const char *unit)
{
    struct nc_diag d;

    memset(&d, 0, sizeof(d));
    sysenv_release(s);
    memset(s, 0, sizeof(*s));
    assert_int_equal(sysenv_load(root, unit, s, &d), 0);
}

static void assert_env(const struct nc_env *env, const char *const *want)
{
    size_t n = 0;

    while (n < MAXW && want[n] != NULL)
        n++;
    for (n = 0; n < env->n && want[n] != NULL; n++)
        assert_string_equal(env->vars[n], want[n]);
    assert_null(want[n]);
    assert_int_equal(env->n, n);
}

struct want_file {
    const char *what, *path;
    bool missing, masked, reset;
    int error;
};

static void assert_files(const struct sysenv *s, const struct want_file *w,
                         size_t n)
{
    size_t i;

    assert_int_equal(s->n_files, n);
    for (i = 0; i < n; i++) {
        assert_string_equal(s->files[i].what, w[i].what);
        assert_string_equal(s->files[i].path, w[i].path);
        assert_int_equal(s->files[i].missing, w[i].missing);
        assert_int_equal(s->files[i].masked, w[i].masked);
        assert_int_equal(s->files[i].reset, w[i].reset);
        assert_int_equal(s->files[i].error, w[i].error);
    }
}

static bool has_warning(const struct sysenv *s, const char *file,
                        const char *text)
{
    size_t i;

    for (i = 0; i < s->warnings.n; i++)
        if ((file == NULL || strcmp(s->warnings.w[i].file, file) == 0) &&
            strstr(s->warnings.w[i].msg, text) != NULL)
            return true;
    return false;
}

static const struct want_file manager_files[] = {
    {"manager", "/etc/systemd/system.conf", false, false, false, 0},
    {"manager", "/usr/lib/systemd/system.conf.d/10-reset.conf", false, false,
     true, 0},
    {"manager", "/etc/systemd/system.conf.d/20-proxy.conf", false, false, false,
     0},
    {"manager", "/run/systemd/system.conf.d/30-run.conf", false, false, false,
     0},
    {"manager", "/etc/systemd/system.conf.d/50-masked.conf", false, true, false,
     0},
    {"manager", "/etc/systemd/system.conf.d/70-dir.conf", false, false, false,
     EISDIR},
    {"kernel-cmdline", "/proc/cmdline", false, false, false, 0},
};
#define N_MANAGER (sizeof(manager_files) / sizeof(manager_files[0]))

/* system.conf, then the drop-ins of four directories in file-name order,
 * same names masked by earlier directories, "/dev/null" masks, a reset;
 * PID 1 stops at a drop-in it cannot read; the kernel command line wins. */
static void test_manager(void **state)
{
    static const char *const want[] = {
        "AFTER_RESET=1", "http_proxy=http://etc20.example:3128",
        "no_proxy=fixture-host,.fixture-host.example",
        "https_proxy=http://cmdline.example:3128", NULL};
    static const char *const conf[] = {"https_proxy=http://sys.example:3128",
                                       "no_proxy=localhost",
                                       "EXTRA=from-system-conf", NULL};
    static const char *const etc[] = {"http_proxy=http://login-shell.example:"
                                      "3128",
                                      "no_proxy=localhost,127.0.0.1", NULL};
    struct want_file files[N_MANAGER + 1];
    struct sysenv *s = *state;

    load_ok(s, ROOT1, NULL);
    memcpy(files, manager_files, sizeof(manager_files));
    files[N_MANAGER] = (struct want_file){
        "etc-environment", "/etc/environment", false, false, false, 0};
    assert_files(s, files, N_MANAGER + 1);
    assert_env(&s->manager, want);
    assert_env(&s->files[0].sets, conf);
    assert_env(&s->etc_environment, etc);
    assert_false(s->have_unit);
    assert_false(s->running);
    assert_true(has_warning(s, "/etc/systemd/system.conf.d/70-dir.conf",
                            "stops reading"));
}

/* The unit, its drop-ins from three directories and service.d, an
 * EnvironmentFile= that wins over Environment=, PassEnvironment= from
 * /proc/1/environ and ManagerEnvironment=, and the running process. */
static void test_unit(void **state)
{
    static const char *const unit[] = {
        "AFTER_RESET=1",
        "http_proxy=http://etc20.example:3128",
        "no_proxy=fixture-host,.fixture-host.example",
        "https_proxy=http://envfile.example:3128",
        "LANG=C.UTF-8",
        "MGR_ONLY=manager-itself",
        "HTTPS_PROXY=http://unit.example:3128",
        "NO_PROXY=.corp.example",
        "A=from-envfile",
        "B=two words",
        "ORDER=20",
        "TOPLEVEL=every-service",
        "FROM_FILE=single quoted",
        "CONTINUED=onetwo",
        NULL};
    static const char *const proc[] = {
        "https_proxy=http://running.example:3128", "USER=webapp",
        "INVOCATION_ID=abc", NULL};
    static const char *const dropin[] = {
        "https_proxy=http://dropin.example:3128", "A=from-dropin", NULL};
    static const char *const pid1[] = {"LANG=C.UTF-8",
                                       "MGR_ONLY=manager-itself", NULL};
    static const struct want_file tail[] = {
        {"unit", "/usr/lib/systemd/system/webapp.service", 0, 0, 0, 0},
        {"drop-in", "/usr/lib/systemd/system/webapp.service.d/05-first.conf", 0,
         0, 0, 0},
        {"drop-in", "/etc/systemd/system/webapp.service.d/10-proxy.conf", 0, 0,
         0, 0},
        {"drop-in", "/run/systemd/system/webapp.service.d/20-second.conf", 0, 0,
         0, 0},
        {"drop-in", "/etc/systemd/system/service.d/99-toplevel.conf", 0, 0, 0,
         0},
        {"pid1", "/proc/1/environ", 0, 0, 0, 0},
        {"envfile", "/etc/default/webapp-missing", true, 0, 0, 0},
        {"envfile", "/etc/default/webapp", 0, 0, 0, 0},
        {"cgroup", "/sys/fs/cgroup/system.slice/webapp.service/cgroup.procs", 0,
         0, 0, 0},
        {"running", "/proc/4242/environ", 0, 0, 0, 0},
        {"etc-environment", "/etc/environment", 0, 0, 0, 0},
    };
    struct want_file files[N_MANAGER + 11];
    struct sysenv *s = *state;

    load_ok(s, ROOT1, "webapp");
    memcpy(files, manager_files, sizeof(manager_files));
    memcpy(files + N_MANAGER, tail, sizeof(tail));
    assert_files(s, files, N_MANAGER + 11);
    assert_true(s->have_unit);
    assert_string_equal(s->unit_name, "webapp.service");
    assert_string_equal(s->unit_id, "webapp.service");
    assert_string_equal(s->unit_path, "/usr/lib/systemd/system/webapp.service");
    assert_string_equal(s->user, "webapp");
    assert_false(s->unit_masked);
    assert_false(s->unit_bad_files);
    assert_env(&s->unit, unit);
    assert_env(&s->files[N_MANAGER + 2].sets, dropin);
    assert_env(&s->files[N_MANAGER + 5].sets, pid1);
    assert_true(s->running);
    assert_int_equal(s->main_pid, 4242);
    assert_env(&s->proc, proc);
    assert_null(env_get(&s->unit, "NOT_SERVICE"));
    assert_null(env_get(&s->unit, "SHADOWED"));
    assert_true(has_warning(s, "/etc/default/webapp", "'export EXPORTED'"));
}

/* A template instance: specifiers, template and instance drop-ins,
 * UnsetEnvironment=, and the cgroup v1 tree of its default slice. */
static void test_template_instance(void **state)
{
    static const char *const unit[] = {
        "WORKER=blue",       "UNIT=worker@blue.service", "PCT=100%",
        "PREFIX=worker",     "HOME_DIR=/root",           "GOOD=1",
        "TEMPLATE_DROPIN=1", "INSTANCE_DROPIN=blue",     NULL};
    static const char *const proc[] = {"WORKER=blue-running", NULL};
    struct sysenv *s = *state;

    load_ok(s, ROOT2, "worker@blue");
    assert_string_equal(s->unit_path,
                        "/usr/lib/systemd/system/worker@.service");
    assert_string_equal(s->unit_id, "worker@blue.service");
    assert_string_equal(s->user, "svc-blue");
    assert_env(&s->unit, unit);
    assert_true(s->running);
    assert_int_equal(s->main_pid, 77);
    assert_env(&s->proc, proc);
    assert_true(has_warning(s, NULL, "'%Z'"));
}

/* Aliases: a template alias, a unit alias (drop-ins of every name), a
 * linked unit file outside the search path. */
static void test_aliases(void **state)
{
    static const char *const real[] = {"REAL=1", "ALIAS_DROPIN=1", NULL};
    static const char *const linked[] = {"LINKED=yes", NULL};
    struct sysenv *s = *state;

    load_ok(s, ROOT2, "worker-alias@red.service");
    assert_string_equal(s->unit_id, "worker@red.service");
    assert_string_equal(env_get(&s->unit, "UNIT"), "worker@red.service");
    assert_null(env_get(&s->unit, "INSTANCE_DROPIN"));
    assert_false(s->running);

    /* other@green.service -> worker@.service: an alias of one instance */
    load_ok(s, ROOT2, "worker@green");
    assert_string_equal(env_get(&s->unit, "OTHER_DROPIN"), "green");
    load_ok(s, ROOT2, "other@green");
    assert_string_equal(s->unit_id, "worker@green.service");
    assert_string_equal(env_get(&s->unit, "OTHER_DROPIN"), "green");
    assert_string_equal(env_get(&s->unit, "UNIT"), "worker@green.service");

    load_ok(s, ROOT2, "webalias");
    assert_string_equal(s->unit_id, "realapp.service");
    assert_string_equal(s->unit_path,
                        "/usr/lib/systemd/system/realapp.service");
    assert_env(&s->unit, real);
    load_ok(s, ROOT2, "realapp");
    assert_env(&s->unit, real);

    load_ok(s, ROOT2, "linked");
    assert_string_equal(s->unit_path, "/etc/systemd/system/linked.service");
    assert_env(&s->unit, linked);
}

/* "foo-.service.d" applies to foo-bar.service; a drop-in with a syntax
 * error keeps what came before it; Slice= moves the cgroup. */
static void test_prefix_dropin_and_slice(void **state)
{
    static const char *const unit[] = {"OWN=dropin", "PREFIX_DROPIN=1",
                                       "BEFORE=1", NULL};
    struct sysenv *s = *state;

    load_ok(s, ROOT2, "foo-bar");
    assert_env(&s->unit, unit);
    assert_true(has_warning(
        s, "/etc/systemd/system/foo-bar.service.d/30-bad.conf", "section"));
    assert_string_equal(
        s->files[s->n_files - 3].path,
        "/sys/fs/cgroup/custom.slice/custom-apps.slice/foo-bar.service/"
        "cgroup.procs");
    assert_false(s->running); /* PID 99 has no environ here */
    assert_true(has_warning(s, "/proc/99/environ", "PID 99"));
}

static void test_masked(void **state)
{
    static const char *const units[] = {"masked", "empty"};
    struct sysenv *s = *state;
    size_t i;

    for (i = 0; i < 2; i++) {
        load_ok(s, ROOT2, units[i]);
        assert_true(s->unit_masked);
        assert_int_equal(s->unit.n, 0);
        assert_true(s->files[0].missing); /* no system.conf in sysroot2 */
        assert_true(s->files[1].masked);
        assert_string_equal(s->files[1].what, "unit");
        assert_true(has_warning(s, NULL, "is masked"));
    }
    assert_string_equal(s->files[1].path,
                        "/usr/lib/systemd/system/empty.service");
}

/* Links to /etc/x inside the tree mean ROOT/etc/x, ".." stops at the root,
 * and a link to a host file that the tree lacks is just missing. */
static void test_symlinks_confined(void **state)
{
    static const char *const unit[] = {"CONFINED=yes", NULL};
    struct sysenv *s = *state;

    load_ok(s, ROOT2, "escape");
    assert_env(&s->unit, unit);
    assert_int_equal(s->n_files, 6);
    assert_string_equal(s->files[2].path, "/etc/default/escape-rel");
    assert_env(&s->files[2].sets, unit);
    assert_string_equal(s->files[3].path, "/etc/default/escape-abs");
    assert_env(&s->files[3].sets, unit);
    assert_string_equal(s->files[4].path, "/etc/default/host-only");
    assert_true(s->files[4].missing);
    assert_false(s->unit_bad_files);
}

static void test_envfiles(void **state)
{
    static const char *const glob[] = {"A_ENV=1", "SHARED=b", "B_ENV=1",
                                       "HIDDEN=1", NULL};
    static const char *const bad[] = {"KEPT=1", NULL};
    struct sysenv *s = *state;

    load_ok(s, ROOT2, "globbed");
    assert_env(&s->unit, glob);
    assert_string_equal(s->files[2].path, "/etc/globbed/a.env");
    assert_string_equal(s->files[3].path, "/etc/globbed/b.env");
    assert_string_equal(s->files[4].path, "/etc/nothing/*.env");
    assert_true(s->files[4].missing);
    assert_string_equal(s->files[5].path, "/etc/globbed/.hidden.env");
    assert_string_equal(s->files[5].path, "/etc/globbed/.hidden.env");
    assert_false(s->unit_bad_files);

    load_ok(s, ROOT2, "badenv");
    assert_env(&s->unit, bad);
    assert_true(s->unit_bad_files);
    assert_true(has_warning(s, "/etc/default/absent", "would not start"));
    assert_true(has_warning(s, "/etc/default/nul-file", "ignored ('-')"));
    assert_true(
        has_warning(s, "/usr/lib/systemd/system/badenv.service", "absolute"));
    assert_string_equal(s->files[s->n_files - 2].path, "/etc/default/loop-a");
    assert_int_equal(s->files[s->n_files - 2].error, ELOOP);
    assert_true(has_warning(s, "/etc/default/loop-a", "symbolic links"));
}

static void test_errors(void **state)
{
    static const char *const bad_names[] = {"../../etc/passwd", "a/b",
                                            "x.timer", "", "bad name"};
    struct sysenv *s = *state;
    struct nc_diag d;
    size_t i;

    for (i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
        memset(s, 0x5a, sizeof(*s));
        assert_int_equal(sysenv_load(ROOT2, bad_names[i], s, &d), NC_EINVAL);
        assert_int_equal(((unsigned char *)s)[0], 0x5a); /* untouched */
        assert_true(d.msg[0] != '\0');
    }
    memset(s, 0, sizeof(*s));

    memset(&d, 0, sizeof(d));
    assert_int_equal(sysenv_load(ROOT2, "broken", s, &d), NC_EPARSE);
    assert_string_equal(d.file, "/usr/lib/systemd/system/broken.service");
    assert_int_equal(d.line, 1);
    assert_int_equal(s->n_files, 0);

    assert_int_equal(sysenv_load(NC_TEST_DATA "/no-such-root", NULL, s, &d),
                     NC_EIO);

    load_ok(s, ROOT2, "nosuchunit");
    assert_true(s->have_unit);
    assert_string_equal(s->unit_path, "");
    assert_int_equal(s->unit.n, 0);
    assert_true(has_warning(s, NULL, "not found"));
}

/* The real system: whatever is there, no error and nothing outside the
 * unit's own state claims it runs. */
static void test_host_root(void **state)
{
    struct sysenv *s = *state;

    load_ok(s, "/", "netcheck-no-such-unit-4f1c");
    assert_string_equal(s->unit_path, "");
    assert_false(s->running);
    load_ok(s, NULL, NULL);
    assert_false(s->have_unit);
}

/* ---- limits, on a generated tree ---- */

struct gen {
    char dir[64];
};

static void gen_put(const struct gen *g, const char *rel, const char *text,
                    size_t len)
{
    char path[512], *slash;
    int fd;

    assert_int_equal(nc_snprintf(path, sizeof(path), "%s/%s", g->dir, rel), 0);
    for (slash = strchr(path + strlen(g->dir) + 1, '/'); slash != NULL;
         slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        assert_true(mkdir(path, 0755) == 0 || errno == EEXIST);
        *slash = '/';
    }
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    assert_int_equal(close(fd), 0);
}

static void gen_rm(const struct gen *g, const char *rel)
{
    char path[512];

    (void)nc_snprintf(path, sizeof(path), "%s/%s", g->dir, rel);
    if (unlink(path) != 0)
        (void)rmdir(path);
}

static void test_limits(void **state)
{
    static const char *const dirs[] = {"etc/systemd/system/many.service.d",
                                       "etc/systemd/system", "etc/systemd",
                                       "etc"};
    struct sysenv *s = *state;
    struct nc_diag d;
    struct gen g;
    char name[128], text[64], *big;
    int i;

    (void)nc_strlcpy(g.dir, "/tmp/nc-sysenv-load-XXXXXX", sizeof(g.dir));
    assert_non_null(mkdtemp(g.dir));
    gen_put(&g, "etc/systemd/system/many.service", "[Service]\n", 10);
    for (i = 0; i < 70; i++) { /* more than SYSENV_MAX_FILES */
        (void)snprintf(name, sizeof(name),
                       "etc/systemd/system/many.service.d/%02d.conf", i);
        (void)snprintf(text, sizeof(text), "[Service]\nEnvironment=N%d=1\n", i);
        gen_put(&g, name, text, strlen(text));
    }
    load_ok(s, g.dir, "many");
    assert_int_equal(s->n_files, SYSENV_MAX_FILES);
    assert_true(s->files_dropped > 0);
    assert_int_equal(s->unit.n, 70); /* every drop-in still applies */
    assert_string_equal(env_get(&s->unit, "N69"), "1");

    /* more variables than an nc_env holds: netcheck's limit, an error */
    big = malloc(SYSENV_MAX_FILE_SIZE + 2);
    assert_non_null(big);
    (void)nc_strlcpy(big, "[Service]\nEnvironment=", 64);
    for (i = 0; i <= (int)NC_ENV_MAX_VARS; i++)
        (void)snprintf(big + strlen(big), 16, "V%d=1 ", i);
    gen_put(&g, "etc/systemd/system/vars.service", big, strlen(big));
    memset(&d, 0, sizeof(d));
    sysenv_release(s);
    assert_int_equal(sysenv_load(g.dir, "vars", s, &d), NC_ELIMIT);
    assert_string_equal(d.file, "/etc/systemd/system/vars.service");
    assert_int_equal(d.line, 2);

    /* a file over SYSENV_MAX_FILE_SIZE, as a drop-in and as system.conf */
    memset(big, '#', SYSENV_MAX_FILE_SIZE + 1);
    gen_put(&g, "etc/systemd/system/many.service.d/99-big.conf", big,
            SYSENV_MAX_FILE_SIZE + 1);
    memset(&d, 0, sizeof(d));
    assert_int_equal(sysenv_load(g.dir, "many", s, &d), NC_ELIMIT);
    assert_string_equal(d.file,
                        "/etc/systemd/system/many.service.d/99-big.conf");
    gen_put(&g, "etc/systemd/system.conf", big, SYSENV_MAX_FILE_SIZE + 1);
    free(big);
    memset(&d, 0, sizeof(d));
    assert_int_equal(sysenv_load(g.dir, NULL, s, &d), NC_ELIMIT);
    assert_string_equal(d.file, "/etc/systemd/system.conf");
    gen_rm(&g, "etc/systemd/system/many.service.d/99-big.conf");
    gen_rm(&g, "etc/systemd/system/vars.service");

    gen_rm(&g, "etc/systemd/system.conf");
    gen_rm(&g, "etc/systemd/system/many.service");
    for (i = 0; i < 70; i++) {
        (void)snprintf(name, sizeof(name),
                       "etc/systemd/system/many.service.d/%02d.conf", i);
        gen_rm(&g, name);
    }
    for (i = 0; i < 4; i++)
        gen_rm(&g, dirs[i]);
    assert_int_equal(rmdir(g.dir), 0);
}

/* A one-letter /etc/hostname is %H (it once read as empty: the buffer was
 * sized to the file and the reader asked for one byte less). */
static void test_one_byte_hostname(void **state)
{
    struct sysenv *s = *state;
    struct gen g;

    (void)nc_strlcpy(g.dir, "/tmp/nc-sysenv-host-XXXXXX", sizeof(g.dir));
    assert_non_null(mkdtemp(g.dir));
    gen_put(&g, "etc/hostname", "h", 1);
    gen_put(&g, "etc/systemd/system.conf",
            "[Manager]\nDefaultEnvironment=HN=%H\n", 35);
    load_ok(s, g.dir, NULL);
    assert_string_equal(env_get(&s->manager, "HN"), "h");
    gen_rm(&g, "etc/systemd/system.conf");
    gen_rm(&g, "etc/systemd");
    gen_rm(&g, "etc/hostname");
    gen_rm(&g, "etc");
    assert_int_equal(rmdir(g.dir), 0);
}

static void test_alloc_failures(void **state)
{
    struct sysenv *s = *state;
    struct nc_diag d;
    long total, i;

    sysenv_release(s);
    nc_alloc_fail_after(-1);
    assert_int_equal(sysenv_load(ROOT1, "webapp", s, &d), 0);
    total = nc_alloc_fail_after(-1);
    sysenv_release(s);
    assert_true(total > 50);
    for (i = 0; i < total; i++) {
        memset(s, 0, sizeof(*s));
        nc_alloc_fail_after(i);
        assert_int_equal(sysenv_load(ROOT1, "webapp", s, &d), NC_ENOMEM);
        nc_alloc_fail_after(-1);
        assert_int_equal(s->n_files, 0);
    }
}

static void test_release_zeroed(void **state)
{
    struct sysenv *s = *state;

    sysenv_release(s);
    memset(s, 0, sizeof(*s));
    sysenv_release(s);
    sysenv_release(s);
    assert_int_equal(s->n_files, 0);
}

static bool has_file(const struct sysenv *s, const char *what, const char *path)
{
    size_t i;

    for (i = 0; i < s->n_files; i++)
        if (strcmp(s->files[i].what, what) == 0 &&
            (path == NULL || strcmp(s->files[i].path, path) == 0))
            return true;
    return false;
}

/* The running systemd's facts (as sysenv_bus.c reads them) win over the
 * files, which are still read and compared: the manager's Environment,
 * the unit's settings, and MainPID instead of the cgroup's first PID. */
static void test_live(void **state)
{
    struct sysenv *s = *state;
    struct sysenv_live live;
    struct nc_diag d;
    long total, i;

    memset(&live, 0, sizeof(live));
    memset(&d, 0, sizeof(d));
    assert_int_equal(
        env_put(&live.manager, "https_proxy=http://live.example:3128"), 0);
    live.manager_ok = true;
    live.unit_ok = true;
    (void)nc_strlcpy(live.unit, "webapp.service", sizeof(live.unit));
    (void)nc_strlcpy(live.load_state, "loaded", sizeof(live.load_state));
    live.need_reload = true;
    assert_int_equal(env_put(&live.env, "A=live"), 0);
    assert_int_equal(env_put(&live.env, "ONLY_LIVE=1"), 0);
    assert_int_equal(sysenv_list_add(&live.envfiles, "-/etc/default/none"), 0);
    (void)nc_strlcpy(live.user, "agent", sizeof(live.user));
    live.main_pid = 4243; /* the cgroup lists 4242 first */

    sysenv_release(s);
    memset(s, 0, sizeof(*s));
    assert_int_equal(sysenv_load_ex(ROOT1, "webapp", &live, s, &d), 0);
    assert_true(s->live_manager);
    assert_true(s->live_unit);
    assert_string_equal(env_get(&s->manager, "https_proxy"),
                        "http://live.example:3128");
    /* the unit: live manager + live Environment; the files' settings and
     * their EnvironmentFile= are gone */
    assert_string_equal(env_get(&s->unit, "https_proxy"),
                        "http://live.example:3128");
    assert_string_equal(env_get(&s->unit, "A"), "live");
    assert_string_equal(env_get(&s->unit, "ONLY_LIVE"), "1");
    assert_null(env_get(&s->unit, "HTTPS_PROXY"));
    assert_null(env_get(&s->unit, "FROM_FILE"));
    assert_string_equal(s->user, "agent");
    assert_true(s->running);
    assert_int_equal(s->main_pid, 4243);
    assert_string_equal(env_get(&s->proc, "https_proxy"),
                        "http://mainpid.example:3128");
    assert_true(has_file(s, "manager-live", "D-Bus org.freedesktop.systemd1"));
    assert_true(has_file(s, "unit-live", "D-Bus webapp.service"));
    assert_true(has_file(s, "unit", "/usr/lib/systemd/system/webapp.service"));
    assert_true(has_file(s, "running", "/proc/4243/environ"));
    assert_false(has_file(s, "cgroup", NULL));
    assert_true(has_warning(s, NULL, "NeedDaemonReload=yes"));
    assert_true(has_warning(s, NULL, "Environment= of 'webapp.service'"));
    assert_true(has_warning(s, NULL, "EnvironmentFile= of"));
    assert_true(has_warning(s, NULL, "User= of 'webapp.service'"));

    /* MainPID=0: not running, whatever the cgroup says */
    live.main_pid = 0;
    sysenv_release(s);
    memset(s, 0, sizeof(*s));
    assert_int_equal(sysenv_load_ex(ROOT1, "webapp", &live, s, &d), 0);
    assert_false(s->running);
    assert_int_equal(s->proc.n, 0);

    /* not loaded by PID 1: no unit, even though its file exists */
    (void)nc_strlcpy(live.load_state, "not-found", sizeof(live.load_state));
    sysenv_release(s);
    memset(s, 0, sizeof(*s));
    assert_int_equal(sysenv_load_ex(ROOT1, "webapp", &live, s, &d), 0);
    assert_string_equal(s->unit_path, "");
    assert_true(has_warning(s, NULL, "LoadState=not-found"));

    /* every allocation on the live path fails cleanly */
    (void)nc_strlcpy(live.load_state, "loaded", sizeof(live.load_state));
    live.main_pid = 4243;
    sysenv_release(s);
    memset(s, 0, sizeof(*s));
    nc_alloc_fail_after(-1);
    assert_int_equal(sysenv_load_ex(ROOT1, "webapp", &live, s, &d), 0);
    total = nc_alloc_fail_after(-1);
    sysenv_release(s);
    for (i = 0; i < total; i++) {
        memset(s, 0, sizeof(*s));
        nc_alloc_fail_after(i);
        assert_int_equal(sysenv_load_ex(ROOT1, "webapp", &live, s, &d),
                         NC_ENOMEM);
        nc_alloc_fail_after(-1);
        assert_int_equal(s->n_files, 0);
    }
    sysenv_live_release(&live);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, s_setup, s_teardown)
    const struct CMUnitTest tests[] = {
        T(test_manager),
        T(test_unit),
        T(test_template_instance),
        T(test_aliases),
        T(test_prefix_dropin_and_slice),
        T(test_masked),
        T(test_symlinks_confined),
        T(test_envfiles),
        T(test_errors),
        T(test_host_root),
        T(test_limits),
        T(test_one_byte_hostname),
        T(test_alloc_failures),
        T(test_release_zeroed),
        T(test_live),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
