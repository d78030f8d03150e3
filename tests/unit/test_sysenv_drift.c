/* sysenv_drift.c: where the running systemd (its D-Bus properties) and its
 * files disagree. Pure functions, fed with hand-made facts: each row gives
 * both sides and the warnings expected (how many, words each must hold,
 * and a value none may show). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "nc.h"
#include "str.h"
#include "sysenv.h"
#include "sysenv_int.h"

/* "A=1|B=2" into env. */
static void env_from(struct nc_env *env, const char *list)
{
    char buf[512], *p, *bar;

    assert_int_equal(nc_strlcpy(buf, list, sizeof(buf)), 0);
    for (p = buf; *p != '\0'; p = bar + 1) {
        bar = strchr(p, '|');
        if (bar != NULL)
            *bar = '\0';
        assert_int_equal(env_put(env, p), 0);
        if (bar == NULL)
            break;
    }
}

/* "a|b" into l. */
static void list_from(struct sysenv_list *l, const char *list)
{
    char buf[512], *p, *bar;

    assert_int_equal(nc_strlcpy(buf, list, sizeof(buf)), 0);
    for (p = buf; *p != '\0'; p = bar + 1) {
        bar = strchr(p, '|');
        if (bar != NULL)
            *bar = '\0';
        assert_int_equal(sysenv_list_add(l, p), 0);
        if (bar == NULL)
            break;
    }
}

/* The warnings hold n entries, and want[i] is in some entry; no entry
 * shows never. */
static void check_warnings(const struct sysenv_warnings *w, size_t n,
                           const char *const want[2], const char *never,
                           const char *row)
{
    size_t i, j;

    if (w->n != n) {
        for (i = 0; i < w->n; i++)
            print_message("%s: warning: %s\n", row, w->w[i].msg);
        fail_msg("%s: %zu warnings, want %zu", row, w->n, n);
    }
    for (j = 0; j < 2; j++) {
        bool found = want[j] == NULL;

        for (i = 0; i < w->n && !found; i++)
            found = strstr(w->w[i].msg, want[j]) != NULL;
        if (!found)
            fail_msg("%s: no warning holds '%s'", row, want[j]);
    }
    for (i = 0; never != NULL && i < w->n; i++)
        if (strstr(w->w[i].msg, never) != NULL)
            fail_msg("%s: warning shows '%s': %s", row, never, w->w[i].msg);
}

/* ---- the manager ---- */

static const struct {
    const char *row;
    const char *files; /* DefaultEnvironment= + systemd.setenv= */
    bool live_ok;      /* Manager.Environment was read */
    const char *live;  /* Manager.Environment */
    size_t n;
    const char *want[2];
    const char *never;
} manager_rows[] = {
    {"same",
     "https_proxy=http://p:3128",
     true,
     "https_proxy=http://p:3128",
     0,
     {NULL, NULL},
     NULL},
    {"set-environment",
     "",
     true,
     "https_proxy=http://p:3128",
     1,
     {"https_proxy", "set-environment"},
     "p:3128"},
    {"unset at run time",
     "http_proxy=http://p:3128",
     true,
     "",
     1,
     {"http_proxy", "does not have it"},
     "p:3128"},
    {"another value",
     "NO_PROXY=a.test",
     true,
     "NO_PROXY=b.test",
     1,
     {"another NO_PROXY", "running one"},
     "b.test"},
    {"password never shown",
     "",
     true,
     "https_proxy=http://u:s3cret@p:1",
     1,
     {"https_proxy", NULL},
     "s3cret"},
    {"two variables",
     "",
     true,
     "http_proxy=http://a:1|no_proxy=x",
     2,
     {"http_proxy", "no_proxy"},
     NULL},
    {"other variables ignored",
     "LANG=C",
     true,
     "LANG=C.UTF-8|TZ=UTC",
     0,
     {NULL, NULL},
     NULL},
    {"not asked",
     "https_proxy=http://p:3128",
     false,
     "",
     0,
     {NULL, NULL},
     NULL},
};

static void test_drift_manager(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(manager_rows) / sizeof(manager_rows[0]); i++) {
        struct nc_env files = {NULL, 0};
        struct sysenv_live live;
        struct sysenv_warnings w;

        memset(&live, 0, sizeof(live));
        memset(&w, 0, sizeof(w));
        env_from(&files, manager_rows[i].files);
        env_from(&live.manager, manager_rows[i].live);
        live.manager_ok = manager_rows[i].live_ok;
        sysenv_drift_manager(&files, &live, &w);
        check_warnings(&w, manager_rows[i].n, manager_rows[i].want,
                       manager_rows[i].never, manager_rows[i].row);
        env_release(&files);
        sysenv_live_release(&live);
    }
}

/* ---- a unit ---- */

struct unit_side {
    const char *env, *envfiles, *pass, *unset, *user;
};

static const struct {
    const char *row;
    bool have_files; /* its unit file was found */
    struct unit_side files;
    bool live_ok;
    const char *load_state, *fragment;
    bool need_reload;
    struct unit_side live;
    size_t n;
    const char *want[2];
    const char *never;
} unit_rows[] = {
    {"same",
     true,
     {"https_proxy=http://p:1", "-/etc/a", "LANG", "TZ", "agent"},
     true,
     "loaded",
     "/etc/systemd/system/t.service",
     false,
     {"https_proxy=http://p:1", "-/etc/a", "LANG", "TZ", "agent"},
     0,
     {NULL, NULL},
     NULL},
    {"edited without daemon-reload",
     true,
     {"", "", "", "", ""},
     true,
     "loaded",
     "",
     true,
     {"", "", "", "", ""},
     1,
     {"NeedDaemonReload=yes", "daemon-reload"},
     NULL},
    {"Environment= differs",
     true,
     {"https_proxy=http://old:1|A=1", "", "", "", ""},
     true,
     "loaded",
     "",
     false,
     {"https_proxy=http://u:s3cret@new:1|A=1|FOO=2", "", "", "", ""},
     1,
     {"Environment= of 't.service'", "(https_proxy, FOO)"},
     "s3cret"},
    {"reload and Environment=",
     true,
     {"https_proxy=http://old:1", "", "", "", ""},
     true,
     "loaded",
     "",
     true,
     {"", "", "", "", ""},
     2,
     {"NeedDaemonReload", "(https_proxy)"},
     "old:1"},
    {"EnvironmentFile= '-' differs",
     true,
     {"", "-/etc/a", "", "", ""},
     true,
     "loaded",
     "",
     false,
     {"", "/etc/a", "", "", ""},
     1,
     {"EnvironmentFile=", NULL},
     NULL},
    {"PassEnvironment= order does not matter",
     true,
     {"", "", "A|B", "X", ""},
     true,
     "loaded",
     "",
     false,
     {"", "", "B|A", "X", ""},
     0,
     {NULL, NULL},
     NULL},
    {"UnsetEnvironment= differs",
     true,
     {"", "", "", "https_proxy", ""},
     true,
     "loaded",
     "",
     false,
     {"", "", "", "", ""},
     1,
     {"UnsetEnvironment=", NULL},
     NULL},
    {"User= differs",
     true,
     {"", "", "", "", ""},
     true,
     "loaded",
     "",
     false,
     {"", "", "", "", "agent"},
     1,
     {"User=", "'agent'"},
     NULL},
    {"new file, not loaded",
     true,
     {"https_proxy=http://p:1", "", "", "", ""},
     true,
     "not-found",
     "",
     false,
     {"", "", "", "", ""},
     1,
     {"LoadState=not-found", "daemon-reload"},
     NULL},
    {"not found anywhere",
     false,
     {"", "", "", "", ""},
     true,
     "not-found",
     "",
     false,
     {"", "", "", "", ""},
     0,
     {NULL, NULL},
     NULL},
    {"masked only in the running systemd",
     true,
     {"", "", "", "", ""},
     true,
     "masked",
     "",
     false,
     {"", "", "", "", ""},
     1,
     {"masked", NULL},
     NULL},
    {"bad setting",
     true,
     {"", "", "", "", ""},
     true,
     "bad-setting",
     "",
     false,
     {"", "", "", "", ""},
     1,
     {"LoadState=bad-setting", "would not start"},
     NULL},
    {"loaded from a file netcheck did not find",
     false,
     {"", "", "", "", ""},
     true,
     "loaded",
     "/opt/x/t.service",
     false,
     {"", "", "", "", ""},
     1,
     {"/opt/x/t.service", NULL},
     NULL},
    {"transient",
     false,
     {"", "", "", "", ""},
     true,
     "loaded",
     "",
     false,
     {"https_proxy=http://p:1", "", "", "", ""},
     1,
     {"transient", NULL},
     NULL},
    {"not asked",
     true,
     {"https_proxy=http://p:1", "", "", "", ""},
     false,
     "",
     "",
     true,
     {"", "", "", "", ""},
     0,
     {NULL, NULL},
     NULL},
};

static void side_to_cfg(const struct unit_side *s, struct sysenv_unitcfg *cfg)
{
    env_from(&cfg->env, s->env);
    list_from(&cfg->envfiles, s->envfiles);
    list_from(&cfg->pass, s->pass);
    list_from(&cfg->unset, s->unset);
    assert_int_equal(nc_strlcpy(cfg->user, s->user, sizeof(cfg->user)), 0);
}

static void side_to_live(const struct unit_side *s, struct sysenv_live *live)
{
    env_from(&live->env, s->env);
    list_from(&live->envfiles, s->envfiles);
    list_from(&live->pass, s->pass);
    list_from(&live->unset, s->unset);
    assert_int_equal(nc_strlcpy(live->user, s->user, sizeof(live->user)), 0);
}

static void test_drift_unit(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(unit_rows) / sizeof(unit_rows[0]); i++) {
        struct sysenv_unitcfg cfg;
        struct sysenv_live live;
        struct sysenv_warnings w;

        memset(&cfg, 0, sizeof(cfg));
        memset(&live, 0, sizeof(live));
        memset(&w, 0, sizeof(w));
        side_to_cfg(&unit_rows[i].files, &cfg);
        side_to_live(&unit_rows[i].live, &live);
        live.unit_ok = unit_rows[i].live_ok;
        (void)nc_strlcpy(live.unit, "t.service", sizeof(live.unit));
        (void)nc_strlcpy(live.load_state, unit_rows[i].load_state,
                         sizeof(live.load_state));
        (void)nc_strlcpy(live.fragment, unit_rows[i].fragment,
                         sizeof(live.fragment));
        live.need_reload = unit_rows[i].need_reload;
        sysenv_drift_unit(unit_rows[i].have_files ? &cfg : NULL, &live, &w);
        check_warnings(&w, unit_rows[i].n, unit_rows[i].want,
                       unit_rows[i].never, unit_rows[i].row);
        sysenv_unitcfg_release(&cfg);
        sysenv_live_release(&live);
    }
}

/* A long list of differing names is cut short, not overflowed. */
static void test_drift_many_names(void **state)
{
    struct sysenv_unitcfg cfg;
    struct sysenv_live live;
    struct sysenv_warnings w;
    char a[64];
    int i;

    (void)state;
    memset(&cfg, 0, sizeof(cfg));
    memset(&live, 0, sizeof(live));
    memset(&w, 0, sizeof(w));
    for (i = 0; i < 100; i++) {
        (void)nc_snprintf(a, sizeof(a), "VARIABLE_NUMBER_%d=1", i);
        assert_int_equal(env_put(&live.env, a), 0);
    }
    live.unit_ok = true;
    (void)nc_strlcpy(live.unit, "t.service", sizeof(live.unit));
    (void)nc_strlcpy(live.load_state, "loaded", sizeof(live.load_state));
    sysenv_drift_unit(&cfg, &live, &w);
    assert_int_equal(w.n, 1);
    assert_non_null(strstr(w.w[0].msg, "VARIABLE_NUMBER_0, "));
    assert_non_null(strstr(w.w[0].msg, ", ...)"));
    assert_null(strstr(w.w[0].msg, "VARIABLE_NUMBER_99"));
    sysenv_unitcfg_release(&cfg);
    sysenv_live_release(&live);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_drift_manager),
        cmocka_unit_test(test_drift_unit),
        cmocka_unit_test(test_drift_many_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
