#include "run_winproxy.h"

#include <string.h>

#include "env.h"
#include "hostreg.h"
#include "pacquery.h"
#include "str.h"
#include "winproxy.h"

/* What a PAC file or WPAD said for the run. */
struct rwp_pac {
    struct probe_pac *per_check;
    char (*named)[300]; /* per check: the "host:port" it tests (PROXY) */
    char proxy[2][300]; /* first named for http://, https:// checks */
    bool manual;        /* WPAD found no server: the manual settings */
};

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

/* Ask the PAC file (or WPAD) for every check; each check keeps its own
 * answer, whichever proxy it names.  \return 0, NC_ENOMEM */
static int run_winproxy_ask(const struct winproxy_report *rep,
                            const struct nc_plan *plan, struct rwp_pac *p,
                            struct proxy_warnings *w)
{
    const char *pac = rep->via == WINPROXY_VIA_PAC ? rep->pac : NULL;
    const char *src = pac != NULL ? "the PAC file" : "WPAD";
    const char *tag = pac != NULL ? "PAC file" : "WPAD";
    struct pacquery_answer a;
    size_t i;

    for (i = 0; i < plan->n_checks; i++) {
        const struct nc_check *c = plan->checks[i];
        struct probe_pac *pc = &p->per_check[i];
        int https = c->scheme != NULL && strcmp(c->scheme, "https") == 0;
        bool more;

        if (c->url == NULL || c->host == NULL)
            continue;
        if (pacquery_ask(pac, c->url, &a) == NC_ENOMEM)
            return NC_ENOMEM;
        if (a.kind == PACQUERY_FAILED && pac == NULL && a.no_wpad) {
            p->manual = true;
            proxy_warn(w, "automatic detection (WPAD) found no server: the "
                          "manual settings decide, as for the agent");
            return 0;
        }
        if (a.kind == PACQUERY_FAILED) {
            pc->kind = PROBE_PAC_FAILED;
            (void)nc_snprintf(pc->why, sizeof(pc->why), "%s%s%s: %s", src,
                              pac != NULL ? " " : "", pac != NULL ? pac : "",
                              a.why);
            (void)nc_snprintf(pc->answer, sizeof(pc->answer), "failed: %s",
                              a.why);
            (void)nc_snprintf(pc->reason, sizeof(pc->reason), "%s: %s", tag,
                              pc->answer);
            proxy_warn(w, "check '%s': %s", c->name, pc->why);
            continue;
        }
        if (a.kind == PACQUERY_DIRECT) {
            pc->kind = PROBE_PAC_DIRECT;
            (void)nc_strlcpy(pc->answer, "DIRECT", sizeof(pc->answer));
            (void)nc_snprintf(pc->reason, sizeof(pc->reason), "%s: DIRECT",
                              tag);
            proxy_warn(w, "check '%s': %s says DIRECT", c->name, src);
            continue;
        }
        more = strcmp(a.list, a.proxy) != 0;
        pc->kind = PROBE_PAC_PROXY;
        (void)nc_snprintf(pc->answer, sizeof(pc->answer), "PROXY %s", a.list);
        (void)nc_snprintf(pc->reason, sizeof(pc->reason), "%s: PROXY %s%s%s",
                          tag, a.proxy, more ? ", the first of " : "",
                          more ? a.list : "");
        (void)nc_strlcpy(p->named[i], a.proxy, sizeof(p->named[i]));
        proxy_warn(w, "check '%s': %s says PROXY %s%s%s", c->name, src, a.proxy,
                   more ? " (of " : "", more ? a.list : "");
        if (more)
            proxy_warn(w, "netcheck tests only the first proxy of '%s'",
                       a.list);
        if (p->proxy[https][0] == '\0')
            (void)nc_strlcpy(p->proxy[https], a.proxy, sizeof(p->proxy[https]));
    }
    return 0;
}

/* Every proxy the PAC file named into cfg's PAC table, each check given
 * the index of its own.  \return 0, NC_EPARSE/NC_ELIMIT (diag),
 * NC_ENOMEM */
static int run_winproxy_pac_table(const struct run_proxy_opts *o,
                                  const struct winproxy_report *rep,
                                  const struct nc_plan *plan, struct rwp_pac *p,
                                  struct proxycfg *cfg, struct nc_diag *diag)
{
    const char *tag = rep->via == WINPROXY_VIA_PAC ? "PAC" : "WPAD";
    char url[320], why[256] = "";
    size_t i;
    int r = 0;

    for (i = 0; r == 0 && i < plan->n_checks; i++) {
        if (p->per_check[i].kind != PROBE_PAC_PROXY)
            continue;
        (void)nc_snprintf(url, sizeof(url), "http://%s", p->named[i]);
        r = proxycfg_pac_add(cfg, url, o->user, tag, &p->per_check[i].proxy,
                             why, sizeof(why));
    }
    if (r == NC_EPARSE || r == NC_ELIMIT)
        nc_diag_set(diag, "--as-system", 0, "%s", why);
    return r;
}

/* The PAC file's proxies (PROXY host:port: an HTTP proxy) into env. */
static int run_winproxy_pac_env(const struct rwp_pac *p, struct nc_env *env)
{
    static const char *const vars[2] = {"http_proxy", "https_proxy"};
    char url[320];
    int i, r = 0;

    for (i = 0; r == 0 && i < 2; i++) {
        if (p->proxy[i][0] == '\0')
            continue;
        (void)nc_snprintf(url, sizeof(url), "http://%s", p->proxy[i]);
        r = env_set(env, vars[i], url);
    }
    return r;
}

/* The registry's winner into cfg (and p, for PAC/WPAD). */
static int run_winproxy_apply(const struct run_proxy_opts *o,
                              const struct winproxy_report *rep,
                              const struct nc_plan *plan, struct rwp_pac *p,
                              struct proxycfg *cfg, struct nc_diag *diag)
{
    struct nc_env env = {NULL, 0};
    struct proxycfg_in in;
    struct proxy_warnings w;
    char why[256] = "";
    bool auto_proxy =
        rep->via == WINPROXY_VIA_PAC || rep->via == WINPROXY_VIA_WPAD;
    int r = 0, i;

    memset(&w, 0, sizeof(w));
    if (rep->via == WINPROXY_VIA_UNKNOWN) {
        nc_diag_set(diag, "--as-system", 0, "%s", rep->why);
        return NC_EIO;
    }
    if (auto_proxy) {
        r = run_winproxy_ask(rep, plan, p, &w);
        if (r < 0)
            return r;
    }
    if (auto_proxy && !p->manual)
        r = run_winproxy_pac_env(p, &env);
    else if (rep->proxy[0] != '\0') {
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
    if (r == 0 && auto_proxy && !p->manual)
        r = run_winproxy_pac_table(o, rep, plan, p, cfg, diag);
    if (r < 0)
        return r;
    cfg->source = NC_PROXY_SOURCE_SYSTEM;
    for (i = 0; i < 2; i++)
        if (cfg->scheme[i].enabled)
            (void)nc_strlcpy(
                cfg->scheme[i].var,
                auto_proxy && !p->manual
                    ? (rep->via == WINPROXY_VIA_PAC ? "PAC" : "WPAD")
                    : "DefaultConnectionSettings",
                sizeof(cfg->scheme[i].var));
    /* A PAC answer already decided each check's bypass. */
    cfg->winbypass = nc_strdup(auto_proxy && !p->manual ? "" : rep->bypass);
    if (cfg->winbypass == NULL)
        return NC_ENOMEM;
    for (size_t k = 0; k < w.n; k++)
        proxy_warn(&cfg->warnings, "%s", w.text[k]);
    return 0;
}

/* The traps, and which checks the bypass list sends direct. */
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

int run_winproxy_decide(const struct run_proxy_opts *o,
                        const struct nc_plan *plan, struct proxycfg *cfg,
                        struct probe_pac **pac, struct nc_diag *diag)
{
    struct winproxy_target *t = NULL;
    struct winproxy_report rep;
    struct winreg_view view;
    struct rwp_pac p;
    size_t i;
    int r;

    memset(&rep, 0, sizeof(rep));
    memset(&p, 0, sizeof(p));
    r = hostreg_open(&view, diag);
    if (r < 0)
        return r;
    r = NC_ENOMEM;
    t = nc_calloc(plan->n_checks ? plan->n_checks : 1, sizeof(*t));
    p.per_check =
        nc_calloc(plan->n_checks ? plan->n_checks : 1, sizeof(*p.per_check));
    p.named = nc_calloc(plan->n_checks ? plan->n_checks : 1, sizeof(*p.named));
    if (t == NULL || p.per_check == NULL || p.named == NULL)
        goto out;
    for (i = 0; i < plan->n_checks; i++) {
        const struct nc_check *c = plan->checks[i];

        t[i].url = c->url;
        t[i].scheme = c->scheme != NULL ? c->scheme : "https";
        t[i].host = c->host != NULL ? c->host : "";
        t[i].port = c->port;
    }
    /* A run asks WinHTTP for every URL (run_winproxy_ask). */
    r = winproxy_analyze(&view, t, plan->n_checks, WINPROXY_PAC_RUN, &rep);
    if (r == 0)
        r = run_winproxy_apply(o, &rep, plan, &p, cfg, diag);
    if (r == 0) {
        run_winproxy_notes(&rep, plan, cfg);
        *pac = p.per_check;
        p.per_check = NULL;
    }
out:
    winproxy_report_release(&rep);
    nc_free(p.per_check);
    nc_free(p.named);
    nc_free(t);
    hostreg_close(&view);
    return r;
}
