#include "run_proxy.h"

#include <stdint.h>
#include <string.h>

#include "nc.h"
#include "env.h"
#include "str.h"
#include "sysenv.h"

UNITTEST void run_proxy_hide_arg(char *arg, bool is_url);

#ifdef _WIN32
extern char **_environ; /* the CRT's; <stdlib.h> hides it in strict C11 */
#define environ _environ
#else
extern char **environ;
#endif

/* The environment in force: with --as-system what systemd would give the
 * service (a running unit's real environment wins), else the caller's.
 * sys holds the system's facts, already read (no file is opened here). */
static int run_proxy_env(const struct run_proxy_opts *o,
                         const struct sysenv *sys, struct nc_env *env,
                         enum nc_proxy_source *source, char *user,
                         size_t userlen, struct proxy_warnings *warn,
                         struct nc_diag *diag)
{
    int r = 0;

    if (!o->as_system) {
        *source = NC_PROXY_SOURCE_ENV;
        r = env_load_environ(env, environ);
        if (r < 0)
            nc_diag_set(diag, "", 0, "cannot read the environment: %s",
                        nc_strerror(r));
        return r;
    }
    /* A unit systemd would not start has no environment to test with. */
    if (o->unit != NULL && !sys->running &&
        (sys->unit_path[0] == '\0' || sys->unit_masked)) {
        nc_diag_set(diag, "", 0,
                    sys->unit_masked ? "unit '%s' is masked: systemd would "
                                       "not start it"
                                     : "unit '%s' not found on systemd's "
                                       "search path",
                    o->unit);
        return NC_EPARSE;
    }
    if (user != NULL && o->unit != NULL)
        (void)nc_strlcpy(user, sys->user, userlen);
    /* What systemd would complain about: names, never values. */
    for (size_t i = 0; i < sys->warnings.n; i++) {
        const struct nc_diag *w = &sys->warnings.w[i];

        if (w->file[0] != '\0')
            proxy_warn(warn, "%s%s%.0u: %s", w->file, w->line ? ":" : "",
                       w->line, w->msg);
        else
            proxy_warn(warn, "%s", w->msg);
    }
    if (o->unit != NULL && sys->running) {
        r = env_merge(env, &sys->proc);
        *source = NC_PROXY_SOURCE_UNIT;
    } else if (o->unit != NULL) {
        r = env_merge(env, &sys->unit);
        *source = NC_PROXY_SOURCE_UNIT;
    } else {
        r = env_merge(env, &sys->manager);
        *source = NC_PROXY_SOURCE_SYSTEM;
    }
    return r;
}

int run_proxy_decide(const struct run_proxy_opts *o, struct proxycfg *cfg,
                     char *unit_user, size_t userlen, struct nc_diag *diag)
{
    struct sysenv sys;
    int r = 0;

    memset(&sys, 0, sizeof(sys));
    if (o->as_system)
        r = sysenv_load_host(o->root, o->unit, &sys, diag);
    if (r == 0)
        r = run_proxy_decide_sys(o, &sys, cfg, unit_user, userlen, diag);
    sysenv_release(&sys);
    return r;
}

int run_proxy_decide_sys(const struct run_proxy_opts *o,
                         const struct sysenv *sys, struct proxycfg *cfg,
                         char *unit_user, size_t userlen, struct nc_diag *diag)
{
    struct proxycfg_in in;
    struct nc_env env = {NULL, 0};
    struct proxy_warnings sysw;
    char why[256] = "";
    int r = 0;

    memset(&in, 0, sizeof(in));
    in.flag_proxy = o->proxy;
    in.flag_no_proxy = o->no_proxy;
    in.flag_user = o->user;
    /* The flags override every source, but the environment is still read
     * for --as-system so that its files are checked. */
    if (unit_user != NULL && userlen > 0)
        unit_user[0] = '\0';
    memset(&sysw, 0, sizeof(sysw));
    if (o->as_system || (!o->no_proxy && o->proxy == NULL))
        r = run_proxy_env(o, sys, &env, &in.env_source, unit_user, userlen,
                          &sysw, diag);
    if (r == 0) {
        in.env = env.n > 0 ? &env : NULL;
        r = proxycfg_decide(&in, cfg, why, sizeof(why));
        if (r < 0)
            nc_diag_set(diag, "", 0, "%s", why[0] ? why : nc_strerror(r));
        for (size_t i = 0; r == 0 && i < sysw.n; i++)
            proxy_warn(&cfg->warnings, "%s", sysw.text[i]);
    }
    env_release(&env);
    return r;
}

bool run_proxy_user_unused(const struct run_proxy_opts *o,
                           const struct proxycfg *cfg)
{
    return o->user != NULL && !cfg->scheme[0].enabled &&
           !cfg->scheme[1].enabled;
}

UNITTEST void run_proxy_hide_arg(char *arg, bool is_url)
{
    char *start = arg, *colon, *at;

    if (is_url) {
        char *scheme = strstr(arg, "://");

        start = scheme != NULL ? scheme + 3 : arg;
        at = strchr(start, '@');
        if (at == NULL)
            return;
        colon = memchr(start, ':', (size_t)(at - start));
        if (colon != NULL)
            nc_explicit_bzero(colon + 1, (size_t)(at - colon - 1));
        return;
    }
    colon = strchr(start, ':');
    if (colon != NULL)
        nc_explicit_bzero(colon + 1, strlen(colon + 1));
}

int run_proxy_take_secret(const char **dst, char *arg, bool is_url)
{
    char *copy = nc_strdup(arg);

    if (copy == NULL)
        return NC_ENOMEM;
    run_proxy_free_secret(*dst);
    *dst = copy;
    run_proxy_hide_arg(arg, is_url);
    return 0;
}

void run_proxy_free_secret(const char *s)
{
    char *p = (char *)(uintptr_t)s; /* ours; the const is for borrowers */

    if (p != NULL)
        nc_explicit_bzero(p, strlen(p));
    nc_free(p);
}
