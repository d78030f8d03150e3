/* Where the running systemd and its files disagree: a unit edited without
 * `systemctl daemon-reload`, a proxy set with `systemctl set-environment`.
 * Pure: both sides are read elsewhere (sysenv_load.c, sysenv_bus.c). The
 * warnings name variables, never values (a proxy URL may hold a password). */
#include <string.h>

#include "nc.h"
#include "str.h"
#include "sysenv.h"
#include "sysenv_int.h"

/* The variables that decide a curl-based client's proxy. */
static const char *const drift_proxy_vars[] = {
    "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
    "all_proxy",  "ALL_PROXY",   "no_proxy",   "NO_PROXY",
};

void sysenv_drift_manager(const struct nc_env *files,
                          const struct sysenv_live *live,
                          struct sysenv_warnings *w)
{
    size_t i;

    if (!live->manager_ok)
        return;
    for (i = 0; i < sizeof(drift_proxy_vars) / sizeof(drift_proxy_vars[0]);
         i++) {
        const char *name = drift_proxy_vars[i];
        const char *f = files != NULL ? env_get(files, name) : NULL;
        const char *l = env_get(&live->manager, name);

        if (l != NULL && f == NULL)
            sysenv_warn(w, NULL, 0,
                        "the running systemd's manager environment has %s, "
                        "which none of its files sets: it was set at run "
                        "time ('systemctl set-environment' or a generator) "
                        "and is lost at reboot; services get it now",
                        name);
        else if (l == NULL && f != NULL)
            sysenv_warn(w, NULL, 0,
                        "systemd's files set %s but the running manager "
                        "does not have it ('systemctl unset-environment', "
                        "or a change not loaded yet): services do not get "
                        "it",
                        name);
        else if (l != NULL && strcmp(l, f) != 0)
            sysenv_warn(w, NULL, 0,
                        "the running systemd's manager environment has "
                        "another %s than its files ('systemctl "
                        "set-environment', or a change not loaded yet): "
                        "services get the running one",
                        name);
    }
}

/* Append name to a ", "-separated list in out (cut short when full). */
static void drift_name_add(char *out, size_t outlen, const char *name)
{
    size_t n = strlen(out);

    if (n + 2 + strlen(name) + 5 >= outlen) {
        if (n + 5 < outlen && (n < 5 || strcmp(out + n - 5, ", ...") != 0))
            (void)nc_strlcpy(out + n, ", ...", outlen - n);
        return;
    }
    (void)nc_snprintf(out + n, outlen - n, "%s%s", n > 0 ? ", " : "", name);
}

/* The names set differently in a and b (missing from one, or another
 * value), into out. */
static void drift_env_diff(const struct nc_env *a, const struct nc_env *b,
                           char *out, size_t outlen)
{
    char name[128];
    size_t i;

    out[0] = '\0';
    for (i = 0; i < a->n; i++) {
        const char *other;

        sysenv_name_of(a->vars[i], name, sizeof(name));
        other = env_get(b, name);
        if (other == NULL || strcmp(other, a->vars[i] + strlen(name) + 1) != 0)
            drift_name_add(out, outlen, name);
    }
    for (i = 0; i < b->n; i++) {
        sysenv_name_of(b->vars[i], name, sizeof(name));
        if (env_get(a, name) == NULL)
            drift_name_add(out, outlen, name);
    }
}

/* Same entries, in any order. */
static bool drift_list_same(const struct sysenv_list *a,
                            const struct sysenv_list *b)
{
    size_t i;

    for (i = 0; i < a->n; i++)
        if (!sysenv_list_has(b, a->v[i]))
            return false;
    for (i = 0; i < b->n; i++)
        if (!sysenv_list_has(a, b->v[i]))
            return false;
    return true;
}

void sysenv_drift_unit(const struct sysenv_unitcfg *files,
                       const struct sysenv_live *live,
                       struct sysenv_warnings *w)
{
    static const char *const setting[] = {
        "EnvironmentFile=", "PassEnvironment=", "UnsetEnvironment="};
    const struct sysenv_list *fl[3], *ll[3];
    const char *u = live->unit;
    char names[100]; /* the warning fits struct nc_diag's msg */
    size_t i;

    if (!live->unit_ok)
        return;
    if (live->need_reload)
        sysenv_warn(w, NULL, 0,
                    "'%s' changed on disk since systemd loaded it "
                    "(NeedDaemonReload=yes): until 'systemctl daemon-reload' "
                    "systemd uses what it loaded, not what its files say",
                    u);
    if (strcmp(live->load_state, "not-found") == 0) {
        if (files != NULL)
            sysenv_warn(w, NULL, 0,
                        "'%s' has a unit file but the running systemd "
                        "does not know it (LoadState=not-found): run "
                        "'systemctl daemon-reload'",
                        u);
        return;
    }
    if (strcmp(live->load_state, "masked") == 0) {
        if (files != NULL)
            sysenv_warn(w, NULL, 0,
                        "'%s' is masked in the running systemd but not in "
                        "its files: run 'systemctl daemon-reload'",
                        u);
        return;
    }
    if (strcmp(live->load_state, "loaded") != 0) {
        sysenv_warn(w, NULL, 0,
                    "systemd could not load '%s' (LoadState=%s): it would "
                    "not start it",
                    u, live->load_state);
        return;
    }
    if (files == NULL) {
        if (live->fragment[0] != '\0')
            sysenv_warn(w, NULL, 0,
                        "systemd loaded '%s' from %s, a file netcheck did "
                        "not find",
                        u, live->fragment);
        else
            sysenv_warn(w, NULL, 0,
                        "'%s' has no unit file (a transient unit): only the "
                        "running systemd knows its settings",
                        u);
        return;
    }
    drift_env_diff(&files->env, &live->env, names, sizeof(names));
    if (names[0] != '\0')
        sysenv_warn(w, NULL, 0,
                    "Environment= of '%s' differs between its files and the "
                    "running systemd (%s): the service gets what systemd "
                    "loaded",
                    u, names);
    fl[0] = &files->envfiles;
    fl[1] = &files->pass;
    fl[2] = &files->unset;
    ll[0] = &live->envfiles;
    ll[1] = &live->pass;
    ll[2] = &live->unset;
    for (i = 0; i < 3; i++)
        if (!drift_list_same(fl[i], ll[i]))
            sysenv_warn(w, NULL, 0,
                        "%s of '%s' differs between its files and the "
                        "running systemd: the service gets what systemd "
                        "loaded",
                        setting[i], u);
    if (strcmp(files->user, live->user) != 0)
        sysenv_warn(w, NULL, 0,
                    "User= of '%s' is '%s' in its files but '%s' in the "
                    "running systemd",
                    u, files->user, live->user);
}
