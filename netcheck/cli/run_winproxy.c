#include "run_winproxy.h"

#include <string.h>

#include "env.h"
#include "hostreg.h"
#include "str.h"
#include "winproxy.h"

/* The winner's manual proxy for one scheme into env as <scheme>_proxy.
 * \return 0, NC_ENOMEM; an invalid ProxyServer is no proxy for .NET, said
 * in w */
static int run_winproxy_scheme(const struct winproxy_report *rep,
                               const char *scheme, struct nc_env *env,
                               struct proxy_warnings *w)
{
    struct winproxy_server sv;
    char why[160], var[16];

    if (winproxy_server_pick(rep->proxy, WINPROXY_NETFX, scheme, &sv, why,
                             sizeof(why)) < 0) {
        proxy_warn(w,
                   "ProxyServer of %s is invalid for .NET (%s): %s:// "
                   "checks go direct, as the agent's would",
                   rep->rows[rep->winner].where, why, scheme);
        return 0;
    }
    if (!sv.set)
        return 0;
    (void)nc_snprintf(var, sizeof(var), "%s_proxy", scheme);
    return env_set(env, var, sv.display);
}

/* The decided rows as the run's warnings: the traps, and which checks
 * the bypass list sends direct. */
static void run_winproxy_notes(const struct winproxy_report *rep,
                               const struct nc_plan *plan, struct proxycfg *cfg)
{
    size_t i;

    for (i = 0; i < rep->n_warnings; i++)
        proxy_warn(&cfg->warnings, "%s: %s", rep->warnings[i].code,
                   rep->warnings[i].detail);
    for (i = 0; cfg->winbypass != NULL && i < plan->n_checks; i++) {
        const struct nc_check *c = plan->checks[i];
        char entry[256];

        if (c->host == NULL || c->scheme == NULL ||
            !cfg->scheme[strcmp(c->scheme, "https") == 0].enabled ||
            !winproxy_url_bypassed(cfg->winbypass, c->scheme, c->host, c->port,
                                   entry, sizeof(entry)))
            continue;
        proxy_warn(&cfg->warnings,
                   "check '%s' goes direct: the SYSTEM account's bypass "
                   "list has '%s' (WinINet rules)",
                   c->name, entry);
    }
}

/* The registry's winner into cfg. */
static int run_winproxy_apply(const struct run_proxy_opts *o,
                              const struct winproxy_report *rep,
                              struct proxycfg *cfg, struct nc_diag *diag)
{
    struct nc_env env = {NULL, 0};
    struct proxycfg_in in;
    struct proxy_warnings w;
    char why[256] = "";
    int r = 0, i;

    memset(&w, 0, sizeof(w));
    if (rep->via == WINPROXY_VIA_UNKNOWN) {
        nc_diag_set(diag, "--as-system", 0, "%s", rep->why);
        return NC_EIO;
    }
    if (rep->via == WINPROXY_VIA_PAC) {
        nc_diag_set(diag, "--as-system", 0,
                    "the SYSTEM account takes its proxy from the PAC file "
                    "%s, which netcheck does not evaluate yet: see "
                    "'netcheck proxy --as-system' and test the proxy it "
                    "names with --proxy",
                    rep->pac);
        return NC_EIO;
    }
    if (rep->via == WINPROXY_VIA_WPAD)
        proxy_warn(&w, "the SYSTEM account detects its proxy automatically "
                       "(WPAD), which netcheck does not evaluate: the "
                       "checks follow the manual settings, as the agent "
                       "does when WPAD finds no proxy");
    if (rep->proxy[0] != '\0') {
        r = run_winproxy_scheme(rep, "http", &env, &w);
        if (r == 0)
            r = run_winproxy_scheme(rep, "https", &env, &w);
    }
    memset(&in, 0, sizeof(in));
    in.flag_user = o->user;
    in.env = env.n > 0 ? &env : NULL;
    in.env_source = NC_PROXY_SOURCE_SYSTEM;
    if (r == 0)
        r = proxycfg_decide(&in, cfg, why, sizeof(why));
    if (r == NC_EPARSE)
        nc_diag_set(diag, "--as-system", 0, "%s", why);
    env_release(&env);
    if (r < 0)
        return r;
    cfg->source = NC_PROXY_SOURCE_SYSTEM;
    for (i = 0; i < 2; i++)
        if (cfg->scheme[i].enabled)
            (void)nc_strlcpy(cfg->scheme[i].var, "DefaultConnectionSettings",
                             sizeof(cfg->scheme[i].var));
    cfg->winbypass = nc_strdup(rep->bypass);
    if (cfg->winbypass == NULL)
        return NC_ENOMEM;
    for (size_t k = 0; k < w.n; k++)
        proxy_warn(&cfg->warnings, "%s", w.text[k]);
    return 0;
}

int run_winproxy_decide(const struct run_proxy_opts *o,
                        const struct nc_plan *plan, struct proxycfg *cfg,
                        struct nc_diag *diag)
{
    struct winproxy_target *t = NULL;
    struct winproxy_report rep;
    struct winreg_view view;
    size_t i;
    int r;

    memset(&rep, 0, sizeof(rep));
    r = hostreg_open(&view, diag);
    if (r < 0)
        return r;
    r = NC_ENOMEM;
    t = nc_calloc(plan->n_checks ? plan->n_checks : 1, sizeof(*t));
    if (t == NULL)
        goto out;
    for (i = 0; i < plan->n_checks; i++) {
        const struct nc_check *c = plan->checks[i];

        t[i].url = c->url;
        t[i].scheme = c->scheme != NULL ? c->scheme : "https";
        t[i].host = c->host != NULL ? c->host : "";
        t[i].port = c->port;
    }
    r = winproxy_analyze(&view, t, plan->n_checks, &rep);
    if (r == 0)
        r = run_winproxy_apply(o, &rep, cfg, diag);
    if (r == 0)
        run_winproxy_notes(&rep, plan, cfg);
out:
    winproxy_report_release(&rep);
    nc_free(t);
    hostreg_close(&view);
    return r;
}
