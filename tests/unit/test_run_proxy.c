/* run_proxy.c: hiding a password in argv in place, and the proxy decision
 * of a run from the caller's environment or, with --as-system, from a
 * systemd tree (tests/unit/data/sysroot1, see test_sysenv_load.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture_port.h"

#include "cli.h"
#include "nc.h"
#include "proxycfg.h"
#include "run_proxy.h"
#include "sysenv.h"

#define ROOT1  NC_TEST_DATA "/sysroot1"
#define SECRET "S3cr3tPw"
#define AS_SYSTEM_WHY                                                          \
    "--as-system reads systemd's files; its Windows meaning is issue 11"

/* ---- run_proxy_hide_arg ---- */

struct hide_case {
    const char *in;
    bool is_url;
    size_t pass_off; /* where the password starts */
    size_t pass_len; /* 0: nothing may change */
};

static const struct hide_case hide_cases[] = {
    {"user:pass", false, 5, 4},
    {"user", false, 0, 0},
    {"user:", false, 0, 0},
    {"agent:pa:ss@x", false, 6, 7}, /* USER:PASS: all after the first ':' */
    {"http://u:p@h:1", true, 9, 1},
    {"http://agent:" SECRET "@proxy.example:3128", true, 13, 8},
    {"https://agent:p:q@h:1", true, 14, 3},
    {"http://h:1", true, 0, 0},
    {"http://user@h:1", true, 0, 0}, /* a user, no password */
    {"u:p@h", true, 2, 1},           /* no scheme */
    {"h:3128", true, 0, 0},
    {"", true, 0, 0},
    {"", false, 0, 0},
};

static void test_hide_arg(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(hide_cases) / sizeof(hide_cases[0]); i++) {
        const struct hide_case *t = &hide_cases[i];
        size_t len = strlen(t->in), k;
        char buf[128];

        assert_true(len < sizeof(buf));
        memcpy(buf, t->in, len + 1);
        run_proxy_hide_arg(buf, t->is_url);
        if (t->pass_len == 0) {
            if (memcmp(buf, t->in, len + 1) != 0)
                fail_msg("case %zu '%s': changed to '%s'", i, t->in, buf);
            continue;
        }
        /* Everything before the password is as it was. */
        if (memcmp(buf, t->in, t->pass_off) != 0)
            fail_msg("case %zu '%s': the text before the password changed", i,
                     t->in);
        for (k = t->pass_off; k < t->pass_off + t->pass_len; k++)
            if (buf[k] != '\0')
                fail_msg("case %zu '%s': byte %zu is '%c', want NUL", i, t->in,
                         k, buf[k]);
        /* The argument keeps its length (argv is not moved), and what
         * follows the password in a URL is left alone. */
        for (k = t->pass_off + t->pass_len; k <= len; k++)
            if (buf[k] != t->in[k])
                fail_msg("case %zu '%s': byte %zu after the password "
                         "changed",
                         i, t->in, k);
        assert_null(strstr(buf, SECRET));
    }
}

/* ---- run_proxy_decide ---- */

static const char *const proxy_vars[] = {
    "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
    "all_proxy",  "ALL_PROXY",  "no_proxy",    "NO_PROXY",
};

/* Each test starts from an environment without proxy variables, whatever
 * the environment ctest was started from. */
static int clear_proxy_env(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(proxy_vars) / sizeof(proxy_vars[0]); i++)
        if (fx_unsetenv(proxy_vars[i]) != 0)
            return -1;
    return 0;
}

static void decide_ok(const struct run_proxy_opts *o, struct proxycfg *cfg)
{
    struct nc_diag d;
    int r;

    memset(&d, 0, sizeof(d));
    r = run_proxy_decide(o, cfg, NULL, 0, &d);
    if (r != 0)
        fail_msg("run_proxy_decide: rc %d: %s:%u: %s", r, d.file, d.line,
                 d.msg);
}

static void test_caller_env(void **state)
{
    struct run_proxy_opts o;
    struct proxycfg cfg;

    (void)state;
    memset(&o, 0, sizeof(o));
    decide_ok(&o, &cfg);
    assert_int_equal(cfg.source, NC_PROXY_SOURCE_NONE);
    assert_false(cfg.scheme[0].enabled);
    assert_false(cfg.scheme[1].enabled);
    proxycfg_release(&cfg);

    assert_int_equal(fx_setenv("https_proxy", "http://caller.example:3128"), 0);
    assert_int_equal(fx_setenv("HTTP_PROXY", "http://upper.example:1"), 0);
    assert_int_equal(fx_setenv("no_proxy", "localhost,.corp.example"), 0);
    decide_ok(&o, &cfg);
    assert_int_equal(cfg.source, NC_PROXY_SOURCE_ENV);
    assert_true(cfg.scheme[1].enabled);
    assert_string_equal(cfg.scheme[1].display, "http://caller.example:3128");
    assert_string_equal(cfg.scheme[1].var, "https_proxy");
    assert_false(cfg.scheme[0].enabled); /* HTTP_PROXY is not read */
    assert_string_equal(cfg.noproxy, "localhost,.corp.example");
    proxycfg_release(&cfg);

    /* --root means nothing without --as-system. */
    o.root = ROOT1;
    decide_ok(&o, &cfg);
    assert_int_equal(cfg.source, NC_PROXY_SOURCE_ENV);
    assert_string_equal(cfg.scheme[1].display, "http://caller.example:3128");
    proxycfg_release(&cfg);

    /* The flags override it; --proxy-user adds credentials. */
    o.proxy = "http://flag.example:8080";
    o.user = "agent:" SECRET;
    decide_ok(&o, &cfg);
    assert_int_equal(cfg.source, NC_PROXY_SOURCE_FLAG);
    assert_string_equal(cfg.scheme[0].display, "http://flag.example:8080");
    assert_string_equal(cfg.scheme[1].display, "http://flag.example:8080");
    assert_string_equal(cfg.scheme[1].url.pass, SECRET);
    assert_null(cfg.noproxy);
    proxycfg_release(&cfg);

    o.proxy = NULL;
    o.no_proxy = true;
    decide_ok(&o, &cfg);
    assert_int_equal(cfg.source, NC_PROXY_SOURCE_FLAG);
    assert_false(cfg.scheme[0].enabled);
    assert_false(cfg.scheme[1].enabled);
    proxycfg_release(&cfg);
}

/* A bad value in the caller's environment: named, without its password. */
static void test_caller_env_bad(void **state)
{
    struct run_proxy_opts o;
    struct proxycfg cfg;
    struct nc_diag d;

    (void)state;
    assert_int_equal(
        fx_setenv("HTTPS_PROXY", "http://agent:" SECRET "@p.example:70000"), 0);
    memset(&o, 0, sizeof(o));
    memset(&d, 0, sizeof(d));
    memset(&cfg, 0, sizeof(cfg));
    assert_int_equal(run_proxy_decide(&o, &cfg, NULL, 0, &d), NC_EPARSE);
    assert_non_null(strstr(d.msg, "HTTPS_PROXY"));
    assert_null(strstr(d.msg, SECRET));
    assert_null(strstr(d.file, SECRET));
    assert_null(cfg.noproxy);
}

/* cfg's NO_PROXY is the one sysenv_load finds in ROOT1's manager. */
static void assert_manager_noproxy(const struct proxycfg *cfg)
{
    struct sysenv sys;
    struct nc_diag d;
    const char *want;

    memset(&sys, 0, sizeof(sys));
    memset(&d, 0, sizeof(d));
    assert_int_equal(sysenv_load(ROOT1, NULL, &sys, &d), 0);
    want = env_get(&sys.manager, "no_proxy");
    if (want == NULL || *want == '\0')
        want = env_get(&sys.manager, "NO_PROXY");
    if (want == NULL || *want == '\0') {
        assert_null(cfg->noproxy);
    } else {
        assert_non_null(cfg->noproxy);
        assert_string_equal(cfg->noproxy, want);
    }
    if (cfg->noproxy != NULL)
        assert_null(strstr(cfg->noproxy, "caller.example"));
    sysenv_release(&sys);
}

/* --as-system: the manager's DefaultEnvironment= of the tree (system.conf,
 * drop-ins, a reset, the kernel command line), never the caller's. */
static void test_as_system_manager(void **state)
{
    struct run_proxy_opts o;
    struct proxycfg cfg;

    (void)state;
    FX_LINUX_ONLY(AS_SYSTEM_WHY);
    assert_int_equal(fx_setenv("https_proxy", "http://caller.example:3128"), 0);
    assert_int_equal(fx_setenv("http_proxy", "http://caller.example:3128"), 0);
    assert_int_equal(fx_setenv("no_proxy", "caller.example"), 0);
    memset(&o, 0, sizeof(o));
    o.as_system = true;
    o.root = ROOT1;
    decide_ok(&o, &cfg);
    assert_int_equal(cfg.source, NC_PROXY_SOURCE_SYSTEM);
    assert_true(cfg.scheme[0].enabled);
    assert_string_equal(cfg.scheme[0].display, "http://etc20.example:3128");
    assert_true(cfg.scheme[1].enabled);
    assert_string_equal(cfg.scheme[1].display, "http://cmdline.example:3128");
    /* NO_PROXY is the manager's too (whatever the tree sets), never the
     * caller's. */
    assert_manager_noproxy(&cfg);
    proxycfg_release(&cfg);

    /* A flag still wins (and the tree is still read, without error). */
    o.proxy = "http://flag.example:1";
    decide_ok(&o, &cfg);
    assert_int_equal(cfg.source, NC_PROXY_SOURCE_FLAG);
    assert_string_equal(cfg.scheme[1].display, "http://flag.example:1");
    proxycfg_release(&cfg);
}

/* --as-system --unit: the unit runs (its cgroup lists PID 4242), so its
 * real environ is what counts, not its unit file. */
static void test_as_system_running_unit(void **state)
{
    struct run_proxy_opts o;
    struct proxycfg cfg;

    (void)state;
    FX_LINUX_ONLY(AS_SYSTEM_WHY);
    assert_int_equal(fx_setenv("https_proxy", "http://caller.example:3128"), 0);
    assert_int_equal(fx_setenv("no_proxy", "caller.example"), 0);
    memset(&o, 0, sizeof(o));
    o.as_system = true;
    o.root = ROOT1;
    o.unit = "webapp";
    decide_ok(&o, &cfg);
    assert_int_equal(cfg.source, NC_PROXY_SOURCE_UNIT);
    assert_true(cfg.scheme[1].enabled);
    assert_string_equal(cfg.scheme[1].display, "http://running.example:3128");
    assert_string_equal(cfg.scheme[1].var, "https_proxy");
    /* The process has no http_proxy, though its unit and the manager do. */
    assert_false(cfg.scheme[0].enabled);
    assert_null(cfg.noproxy); /* its environ has none; the caller's is not */
    proxycfg_release(&cfg);

    o.unit = "webapp.service";
    decide_ok(&o, &cfg);
    assert_int_equal(cfg.source, NC_PROXY_SOURCE_UNIT);
    assert_string_equal(cfg.scheme[1].display, "http://running.example:3128");
    proxycfg_release(&cfg);
}

/* The unit's User= comes back with the decision; "" without a unit. */
static void test_unit_user(void **state)
{
    struct run_proxy_opts o;
    struct proxycfg cfg;
    struct nc_diag d;
    char user[64], tiny[4];

    (void)state;
    FX_LINUX_ONLY(AS_SYSTEM_WHY);
    memset(&o, 0, sizeof(o));
    o.as_system = true;
    o.root = ROOT1;
    o.unit = "webapp";
    memset(&d, 0, sizeof(d));
    memset(user, 'x', sizeof(user));
    assert_int_equal(run_proxy_decide(&o, &cfg, user, sizeof(user), &d), 0);
    assert_string_equal(user, "webapp");
    proxycfg_release(&cfg);

    /* Cut to the buffer, always terminated. */
    memset(tiny, 'x', sizeof(tiny));
    assert_int_equal(run_proxy_decide(&o, &cfg, tiny, sizeof(tiny), &d), 0);
    assert_string_equal(tiny, "web");
    proxycfg_release(&cfg);

    o.unit = NULL;
    memset(user, 'x', sizeof(user));
    assert_int_equal(run_proxy_decide(&o, &cfg, user, sizeof(user), &d), 0);
    assert_string_equal(user, "");
    proxycfg_release(&cfg);

    o.as_system = false;
    memset(user, 'x', sizeof(user));
    assert_int_equal(run_proxy_decide(&o, &cfg, user, sizeof(user), &d), 0);
    assert_string_equal(user, "");
    proxycfg_release(&cfg);
}

/* Input errors of --as-system are errors with a diagnostic. */
static void test_as_system_errors(void **state)
{
    struct run_proxy_opts o;
    struct proxycfg cfg;
    struct nc_diag d;
    int r;

    (void)state;
    FX_LINUX_ONLY(AS_SYSTEM_WHY);
    memset(&o, 0, sizeof(o));
    o.as_system = true;
    o.root = ROOT1;
    o.unit = "../../etc/passwd";
    memset(&d, 0, sizeof(d));
    memset(&cfg, 0, sizeof(cfg)); /* written only on success */
    r = run_proxy_decide(&o, &cfg, NULL, 0, &d);
    assert_true(r < 0);
    assert_true(d.msg[0] != '\0');
    assert_false(cfg.scheme[0].enabled || cfg.scheme[1].enabled);

    o.unit = NULL;
    o.root = NC_TEST_DATA "/no-such-root";
    memset(&d, 0, sizeof(d));
    memset(&cfg, 0, sizeof(cfg));
    r = run_proxy_decide(&o, &cfg, NULL, 0, &d);
    assert_true(r < 0);
    assert_false(cfg.scheme[0].enabled || cfg.scheme[1].enabled);
}

/* Fill the stack below the caller with a visible pattern, so that a
 * message built from a buffer nobody wrote shows it. */
static void stack_dirty(void)
{
    volatile char junk[4096];
    size_t i;

    for (i = 0; i < sizeof(junk); i++)
        junk[i] = 'Z';
}

/* Every allocation fails in turn: NC_ENOMEM, nothing left behind, and the
 * diagnostic says so (or says nothing), never uninitialised text. */
static void run_alloc_failures(const struct run_proxy_opts *o,
                               const char *want_https)
{
    struct proxycfg cfg;
    struct nc_diag d;
    long i, total;
    int r;

    nc_alloc_fail_after(-1);
    memset(&d, 0, sizeof(d));
    assert_int_equal(run_proxy_decide(o, &cfg, NULL, 0, &d), 0);
    total = nc_alloc_fail_after(-1);
    assert_string_equal(cfg.scheme[1].display, want_https);
    proxycfg_release(&cfg);
    assert_true(total > 1);
    for (i = 0; i < total; i++) {
        memset(&d, 0, sizeof(d));
        memset(&cfg, 0, sizeof(cfg));
        stack_dirty();
        nc_alloc_fail_after(i);
        r = run_proxy_decide(o, &cfg, NULL, 0, &d);
        nc_alloc_fail_after(-1);
        if (r != NC_ENOMEM)
            fail_msg("allocation %ld of %ld: rc %d (%s)", i, total, r, d.msg);
        if (strstr(d.msg, "ZZZZ") != NULL ||
            (d.msg[0] != '\0' && strstr(d.msg, "memory") == NULL))
            fail_msg("allocation %ld of %ld: diagnostic '%.40s'", i, total,
                     d.msg);
        assert_null(cfg.noproxy);
    }
}

static void test_alloc_failures(void **state)
{
    struct run_proxy_opts o;

    (void)state;
    assert_int_equal(fx_setenv("https_proxy", "http://caller.example:3128"), 0);
    assert_int_equal(fx_setenv("no_proxy", "localhost"), 0);
    memset(&o, 0, sizeof(o));
    run_alloc_failures(&o, "http://caller.example:3128");
}

static void test_alloc_failures_as_system(void **state)
{
    struct run_proxy_opts o;

    (void)state;
    FX_LINUX_ONLY(AS_SYSTEM_WHY);
    memset(&o, 0, sizeof(o));
    o.as_system = true;
    o.root = ROOT1;
    o.unit = "webapp";
    run_alloc_failures(&o, "http://running.example:3128");
}

/* --proxy-user with no proxy in force is warned about. */
static void test_user_unused(void **state)
{
    static const struct {
        bool user, http, https, unused;
    } cases[] = {
        {false, false, false, false}, {true, false, false, true},
        {true, true, false, false},   {true, false, true, false},
        {true, true, true, false},    {false, true, true, false},
    };
    struct run_proxy_opts o;
    struct proxycfg cfg;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        memset(&o, 0, sizeof(o));
        memset(&cfg, 0, sizeof(cfg));
        o.user = cases[i].user ? "agent:pw" : NULL;
        cfg.scheme[0].enabled = cases[i].http;
        cfg.scheme[1].enabled = cases[i].https;
        if (run_proxy_user_unused(&o, &cfg) != cases[i].unused)
            fail_msg("case %zu", i);
    }
}

/* `netcheck proxy --as-system` decides twice (the sources in force, and a
 * service alone) but reads the system's files once. */
static void test_proxy_cmd_loads_once(void **state)
{
    char a0[] = "proxy", a1[] = "--as-system", a2[] = "--root", a3[] = ROOT1,
         a4[] = "--unit", a5[] = "webapp", a6[] = "http://h.example/";
    char *argv[] = {a0, a1, a2, a3, a4, a5, a6, NULL};
    int saved, devnull, status;

    (void)state;
    FX_LINUX_ONLY(AS_SYSTEM_WHY);
    assert_int_equal(fflush(stdout), 0);
    saved = dup(STDOUT_FILENO);
    devnull = open(FX_DEVNULL, O_WRONLY);
    assert_true(saved >= 0 && devnull >= 0);
    assert_true(dup2(devnull, STDOUT_FILENO) >= 0);
    sysenv_ut_watch = "/etc/systemd/system.conf";
    sysenv_ut_watch_reads = 0;
    status = cmd_proxy(7, argv);
    (void)fflush(stdout);
    assert_true(dup2(saved, STDOUT_FILENO) >= 0);
    (void)close(saved);
    (void)close(devnull);
    sysenv_ut_watch = NULL;
    assert_int_equal(status, NC_EXIT_PASS);
    assert_int_equal(sysenv_ut_watch_reads, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hide_arg),
        cmocka_unit_test_setup(test_caller_env, clear_proxy_env),
        cmocka_unit_test_setup(test_caller_env_bad, clear_proxy_env),
        cmocka_unit_test_setup(test_as_system_manager, clear_proxy_env),
        cmocka_unit_test_setup(test_as_system_running_unit, clear_proxy_env),
        cmocka_unit_test_setup(test_unit_user, clear_proxy_env),
        cmocka_unit_test_setup(test_as_system_errors, clear_proxy_env),
        cmocka_unit_test_setup(test_alloc_failures, clear_proxy_env),
        cmocka_unit_test_setup(test_alloc_failures_as_system, clear_proxy_env),
        cmocka_unit_test_setup(test_proxy_cmd_loads_once, clear_proxy_env),
        cmocka_unit_test(test_user_unused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
