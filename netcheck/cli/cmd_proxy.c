/* netcheck proxy: every place a proxy can come from, which one a client
 * would really use, and for each URL the effective proxy and the NO_PROXY
 * entry that matched; plus the classic traps. */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "msg.h"
#include "opt.h"
#include "env.h"
#include "nc.h"
#include "profile.h"
#include "proxy.h"
#include "proxycfg.h"
#include "report.h"
#include "run_proxy.h"
#include "str.h"
#include "sysenv.h"
#include "url.h"

extern char **environ;

#define PROXY_MAX_URLS 256
#define PROXY_MAX_ROWS (SYSENV_MAX_FILES + 2)

/* The variables that decide a curl-based client's proxy. */
static const char *const proxy_vars[] = {
    "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
    "all_proxy",  "ALL_PROXY",   "no_proxy",   "NO_PROXY",
};

#define N_PROXY_VARS (sizeof(proxy_vars) / sizeof(proxy_vars[0]))

enum { POPT_FORMAT = CLI_OPT_CMD };

static const struct cli_optdef proxy_optdefs[] = {
    {{"format", required_argument, NULL, POPT_FORMAT},
     "text|json",
     "output format (default text)",
     CLI_SECRET_NONE},
};

static const struct cli_optdef proxy_optdefs_tail[] = {
    {{"help", no_argument, NULL, 'h'}, NULL, "show this help", CLI_SECRET_NONE},
};

/* What the shared proxy options mean here: the view, not a test. */
static const struct cli_opthelp proxy_opthelp[] = {
    {"proxy", "as if given this proxy (overrides every other source)"},
    {"no-proxy", "as if connecting directly (overrides every other source)"},
    {"unit", "that systemd unit's environment too"},
    {"root", "systemd's files under DIR"},
};

#define PROXY_N_TABS 3

static void proxy_opttabs(struct cli_opttab tabs[PROXY_N_TABS])
{
    tabs[0] = (struct cli_opttab){proxy_optdefs, CLI_OPT_N(proxy_optdefs)};
    tabs[1] = cli_proxy_opttab;
    tabs[2] =
        (struct cli_opttab){proxy_optdefs_tail, CLI_OPT_N(proxy_optdefs_tail)};
}

struct proxy_cmd_opts {
    struct run_proxy_opts px;
    enum nc_format format;
    const char *urls[PROXY_MAX_URLS];
    size_t n_urls;
};

/* One row of the sources table. */
struct proxy_source_row {
    const char *name; /* "caller environment", "systemd manager", ... */
    const char *path; /* file or process, or "" */
    const struct nc_env *env;
    bool in_force;
    bool service_sees; /* what a system service gets at all */
};

void cmd_proxy_usage(FILE *out)
{
    struct cli_opttab tabs[PROXY_N_TABS];

    proxy_opttabs(tabs);
    fputs("usage: netcheck proxy [--as-system [--unit NAME] [--root DIR]]\n"
          "                      [--proxy URL | --no-proxy] "
          "[--proxy-user USER[:PASS]]\n"
          "                      [--format text|json] [URL...]\n\n"
          "Shows every source of proxy settings (this shell, "
          "/etc/environment,\n"
          "the systemd manager, a unit's files, its running process, the "
          "flags),\n"
          "which one wins, and for each URL (default: the URLs of the "
          "built-in\n"
          "profile) the proxy a client would use and the NO_PROXY entry "
          "that\n"
          "matched. Passwords are never shown. Without --root, a running\n"
          "systemd is asked over D-Bus first (what it holds in memory wins\n"
          "over its files, and where they differ netcheck says so).\n\n"
          "options:\n",
          out);
    cli_opts_usage(out, tabs, PROXY_N_TABS, proxy_opthelp,
                   CLI_OPT_N(proxy_opthelp));
}

/* A proxy variable's value for display: URLs without their password. */
static void proxy_show_value(const char *var, const char *value, char *buf,
                             size_t n)
{
    struct proxy_url u;
    char why[64];

    if (nc_str_endswith_ci(var, "no_proxy") ||
        proxy_url_parse(value, &u, why, sizeof(why)) < 0) {
        /* Unparsable: show it only when it cannot hold a password. */
        if (strchr(value, '@') == NULL)
            (void)nc_strlcpy(buf, value, n);
        else
            (void)nc_strlcpy(buf, "(unparsable, not shown)", n);
        return;
    }
    proxy_url_format(&u, true, buf, n);
    proxy_url_wipe(&u);
}

static void proxy_text_sets(FILE *out, const struct nc_env *env)
{
    char shown[512];
    size_t i;
    bool any = false;

    for (i = 0; env != NULL && i < N_PROXY_VARS; i++) {
        const char *v = env_get(env, proxy_vars[i]);

        if (v == NULL)
            continue;
        proxy_show_value(proxy_vars[i], v, shown, sizeof(shown));
        fprintf(out, "%s%s=%s", any ? ", " : "", proxy_vars[i], shown);
        any = true;
    }
    if (!any)
        fputs("(no proxy variable)", out);
}

static json_t *proxy_json_sets(const struct nc_env *env)
{
    json_t *o = json_object();
    char shown[512];
    size_t i;

    for (i = 0; o != NULL && env != NULL && i < N_PROXY_VARS; i++) {
        const char *v = env_get(env, proxy_vars[i]);

        if (v == NULL)
            continue;
        proxy_show_value(proxy_vars[i], v, shown, sizeof(shown));
        if (json_object_set_new(o, proxy_vars[i], json_string(shown)) != 0) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

static bool proxy_env_has_proxy(const struct nc_env *env)
{
    struct proxy_env_choice a, b;

    if (env == NULL)
        return false;
    proxy_env_choose(env, false, &a);
    proxy_env_choose(env, true, &b);
    return a.var != NULL || b.var != NULL;
}

/* Is a file sysenv read part of the environment in force? With a running
 * unit only its process counts; otherwise the manager's files, plus the
 * unit's files with --unit. What the running systemd said over D-Bus
 * ("manager-live", "unit-live") replaces the files it was compared with. */
static bool proxy_file_in_force(const struct proxy_cmd_opts *o,
                                const struct sysenv *sys, const char *what,
                                const struct proxycfg *cfg)
{
    static const char *const manager[] = {"manager", "kernel-cmdline"};
    static const char *const unit[] = {"unit", "drop-in", "envfile", "pid1"};
    size_t i;

    if (!o->px.as_system || o->px.proxy != NULL || o->px.no_proxy ||
        cfg->source == NC_PROXY_SOURCE_NONE)
        return false;
    if (o->px.unit != NULL && sys->running)
        return strcmp(what, "running") == 0;
    if (strcmp(what, "manager-live") == 0)
        return true;
    if (strcmp(what, "unit-live") == 0)
        return o->px.unit != NULL;
    if (sys->live_manager &&
        (strcmp(what, "manager") == 0 || strcmp(what, "kernel-cmdline") == 0))
        return false;
    if (sys->live_unit &&
        (strcmp(what, "unit") == 0 || strcmp(what, "drop-in") == 0))
        return false;
    for (i = 0; i < sizeof(manager) / sizeof(manager[0]); i++)
        if (strcmp(what, manager[i]) == 0)
            return true;
    for (i = 0; o->px.unit != NULL && i < sizeof(unit) / sizeof(unit[0]); i++)
        if (strcmp(what, unit[i]) == 0)
            return true;
    return false;
}

/* Add src's warnings to dst, each once. */
static void proxy_warn_merge(struct proxy_warnings *dst,
                             const struct proxy_warnings *src)
{
    size_t i, j;

    for (i = 0; i < src->n; i++) {
        for (j = 0; j < dst->n; j++)
            if (strcmp(dst->text[j], src->text[i]) == 0)
                break;
        if (j == dst->n)
            proxy_warn(dst, "%s", src->text[i]);
    }
}

/* The traps that need more than one source to see. */
static void proxy_cross_warnings(const struct nc_env *caller,
                                 const struct sysenv *sys, bool have_sys,
                                 const struct proxycfg *service,
                                 struct proxy_warnings *w)
{
    struct proxy_env_choice ch;
    char shown[512];

    if (have_sys && proxy_env_has_proxy(caller) &&
        !service->scheme[0].enabled && !service->scheme[1].enabled) {
        proxy_env_choose(caller, true, &ch);
        if (ch.var == NULL)
            proxy_env_choose(caller, false, &ch);
        proxy_show_value(ch.var, ch.value, shown, sizeof(shown));
        proxy_warn(w,
                   "your shell uses proxy %s (%s) but a system service "
                   "would connect directly: set it in the service's "
                   "environment (DefaultEnvironment= or the unit's "
                   "Environment=)",
                   shown, ch.var);
    }
    if (have_sys && proxy_env_has_proxy(&sys->etc_environment))
        proxy_warn(w, "/etc/environment sets a proxy, but systemd services "
                      "never read /etc/environment: only login shells see "
                      "it");
}

/* The URL operands, each checked now. */
static int proxy_parse_urls(int argc, char **argv, struct proxy_cmd_opts *o)
{
    for (; optind < argc; optind++) {
        struct nc_url u;
        char why[128];

        if (o->n_urls == PROXY_MAX_URLS) {
            cli_err("too many URLs (at most %d)", PROXY_MAX_URLS);
            return -1;
        }
        if (url_parse(argv[optind], &u, why, sizeof(why)) < 0) {
            cli_err("invalid URL '%s': %s", argv[optind], why);
            return -1;
        }
        o->urls[o->n_urls++] = argv[optind];
    }
    return 0;
}

/* \return 0, 1 after --help, or -1 for a usage error (said on stderr) */
static int proxy_parse_args(int argc, char **argv, struct proxy_cmd_opts *o)
{
    struct cli_opttab tabs[PROXY_N_TABS];
    struct option longopts[CLI_OPTS_MAX + 1];
    char shortopts[CLI_SHORTOPTS_MAX];
    int c, r;

    proxy_opttabs(tabs);
    if (cli_opts_build(tabs, PROXY_N_TABS, longopts, shortopts,
                       sizeof(shortopts)) < 0)
        return -1;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        if (c == 'h') {
            cmd_proxy_usage(stdout);
            return 1;
        }
        if (c == ':' || c == '?') {
            cli_opts_bad("proxy", c, argv, optind, optopt);
            return -1;
        }
        if (c == POPT_FORMAT) {
            if (report_format_parse(optarg, &o->format) < 0 ||
                o->format == NC_FORMAT_JUNIT) {
                cli_err("invalid --format '%s': want text or json", optarg);
                return -1;
            }
            continue;
        }
        r = cli_proxy_opt_apply(c, optarg, &o->px);
        if (r <= 0)
            return -1;
    }
    if (o->px.proxy != NULL && o->px.no_proxy) {
        cli_err("--proxy and --no-proxy contradict each other");
        return -1;
    }
    return proxy_parse_urls(argc, argv, o);
}

/* Without URLs: those of the built-in default profile. */
static int proxy_default_urls(struct proxy_cmd_opts *o, struct nc_profile **p)
{
    const struct nc_builtin *b = profile_builtin_find("azure-backup-mars");
    struct nc_diag d;
    size_t i;

    memset(&d, 0, sizeof(d));
    if (b == NULL || profile_parse_buf(b->text, b->len,
                                       "builtin:azure-backup-mars", p, &d) < 0)
        return -1;
    for (i = 0; i < (*p)->n_checks && o->n_urls < PROXY_MAX_URLS; i++)
        if ((*p)->checks[i].skip_reason == NULL)
            o->urls[o->n_urls++] = (*p)->checks[i].url;
    return 0;
}

/* The effective proxy for one URL and the NO_PROXY entry that bypassed. */
static const char *proxy_for_url(const struct proxycfg *cfg, const char *url,
                                 char *matched, size_t n)
{
    struct nc_url u;
    char why[64];
    int https;

    matched[0] = '\0';
    if (url_parse(url, &u, why, sizeof(why)) < 0)
        return NULL;
    https = nc_strcasecmp(u.scheme, "https") == 0;
    if (!cfg->scheme[https].enabled)
        return NULL;
    if (cfg->noproxy != NULL &&
        proxy_noproxy_match(cfg->noproxy, u.host, matched, n))
        return NULL;
    return cfg->scheme[https].display;
}

/* Where the system service's facts came from: "dbus" (the running
 * systemd, its files compared), "files", or NULL when not read. */
static const char *proxy_systemd_source(const struct sysenv *sys, bool have_sys)
{
    if (!have_sys)
        return NULL;
    return sys->live_manager ? "dbus" : "files";
}

static int proxy_write_text(FILE *out, const struct proxy_source_row *rows,
                            size_t n_rows, const struct proxycfg *cfg,
                            const struct proxy_cmd_opts *o,
                            const struct proxy_warnings *w, const char *sysd)
{
    char matched[256];
    size_t i;

    fputs("SOURCES (what each sets; * = in force)\n", out);
    for (i = 0; i < n_rows; i++) {
        fprintf(out, " %s %-26s %-40s ", rows[i].in_force ? "*" : " ",
                rows[i].name, rows[i].path);
        proxy_text_sets(out, rows[i].env);
        if (!rows[i].service_sees)
            fputs("  [not seen by system services]", out);
        fputc('\n', out);
    }
    fprintf(out, "\nIN FORCE: %s; http:// %s; https:// %s; NO_PROXY %s\n",
            proxy_source_name(cfg->source),
            cfg->scheme[0].enabled ? cfg->scheme[0].display : "direct",
            cfg->scheme[1].enabled ? cfg->scheme[1].display : "direct",
            cfg->noproxy ? cfg->noproxy : "(none)");
    if (sysd != NULL)
        fprintf(out, "SYSTEMD: %s\n",
                strcmp(sysd, "dbus") == 0
                    ? "the running manager, asked over D-Bus (its files "
                      "read and compared)"
                    : "its files only (not asked over D-Bus)");
    fputs("\nURL                                                PROXY"
          "                          NO_PROXY MATCH\n",
          out);
    for (i = 0; i < o->n_urls; i++) {
        const char *p =
            proxy_for_url(cfg, o->urls[i], matched, sizeof(matched));

        fprintf(out, "%-50s %-30s %s\n", o->urls[i], p ? p : "direct",
                matched[0] ? matched : "-");
    }
    if (w->n > 0)
        fputs("\nWARNINGS\n", out);
    for (i = 0; i < w->n; i++)
        fprintf(out, "- %s\n", w->text[i]);
    return ferror(out) ? NC_EIO : 0;
}

static json_t *proxy_json_urls(const struct proxycfg *cfg,
                               const struct proxy_cmd_opts *o)
{
    json_t *arr = json_array();
    char matched[256];
    size_t i;

    for (i = 0; arr != NULL && i < o->n_urls; i++) {
        const char *p =
            proxy_for_url(cfg, o->urls[i], matched, sizeof(matched));
        json_t *u =
            json_pack("{s:s, s:o, s:o}", "url", o->urls[i], "proxy",
                      p ? json_string(p) : json_null(), "no_proxy_match",
                      matched[0] ? json_string(matched) : json_null());

        if (u == NULL || json_array_append_new(arr, u) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static int proxy_write_json(FILE *out, const struct proxy_source_row *rows,
                            size_t n_rows, const struct proxycfg *cfg,
                            const struct proxy_cmd_opts *o,
                            const struct proxy_warnings *w, const char *sysd)
{
    json_t *root, *sources = json_array(), *warns = json_array();
    size_t i;
    int r = NC_ENOMEM;

    for (i = 0; sources != NULL && i < n_rows; i++) {
        json_t *s = json_pack(
            "{s:s, s:s, s:b, s:b, s:o}", "name", rows[i].name, "path",
            rows[i].path, "in_force", rows[i].in_force, "seen_by_services",
            rows[i].service_sees, "sets", proxy_json_sets(rows[i].env));

        if (s == NULL || json_array_append_new(sources, s) != 0)
            goto out;
    }
    for (i = 0; warns != NULL && i < w->n; i++)
        if (json_array_append_new(warns, json_string(w->text[i])) != 0)
            goto out;
    root = json_pack(
        "{s:i, s:o, s:o, s:{s:s, s:o, s:o, s:o}, s:o, s:o}", "schema",
        NC_JSON_SCHEMA, "sources", sources, "systemd",
        sysd != NULL ? json_string(sysd) : json_null(), "in_force", "source",
        proxy_source_name(cfg->source), "http",
        cfg->scheme[0].enabled ? json_string(cfg->scheme[0].display)
                               : json_null(),
        "https",
        cfg->scheme[1].enabled ? json_string(cfg->scheme[1].display)
                               : json_null(),
        "no_proxy", cfg->noproxy ? json_string(cfg->noproxy) : json_null(),
        "urls", proxy_json_urls(cfg, o), "warnings", warns);
    sources = warns = NULL; /* owned by root now, even on failure */
    if (root == NULL)
        goto out;
    r = json_dumpf(root, out, JSON_INDENT(2)) == 0 && fputc('\n', out) != EOF
            ? 0
            : NC_EIO;
    json_decref(root);
out:
    json_decref(sources);
    json_decref(warns);
    return r;
}

int cmd_proxy(int argc, char **argv)
{
    struct proxy_cmd_opts o;
    struct proxy_source_row rows[PROXY_MAX_ROWS];
    struct nc_env caller = {NULL, 0}, flags = {NULL, 0};
    struct sysenv sys;
    struct proxycfg cfg, service;
    struct proxy_warnings w;
    struct nc_profile *defprof = NULL;
    struct nc_diag d;
    bool have_sys = false;
    size_t n = 0, i;
    int r, status = NC_EXIT_PASS;

    memset(&o, 0, sizeof(o));
    memset(&sys, 0, sizeof(sys));
    memset(&cfg, 0, sizeof(cfg));
    memset(&service, 0, sizeof(service));
    memset(&w, 0, sizeof(w));
    memset(&d, 0, sizeof(d));
    r = proxy_parse_args(argc, argv, &o);
    if (r != 0) {
        status = r > 0 ? NC_EXIT_PASS : NC_EXIT_USAGE;
        goto out;
    }
    if (o.n_urls == 0 && proxy_default_urls(&o, &defprof) < 0) {
        status = NC_EXIT_INTERNAL;
        goto out;
    }
    if (env_load_environ(&caller, environ) < 0) {
        status = NC_EXIT_INTERNAL;
        goto out;
    }
    /* What a system service would get is read even without --as-system,
     * to compare it with this shell. */
    r = sysenv_load_host(o.px.root, o.px.unit, &sys, &d);
    if (r < 0 && o.px.as_system) {
        cli_print_diag(&d);
        status = r == NC_ENOMEM ? NC_EXIT_INTERNAL : NC_EXIT_USAGE;
        goto out;
    }
    have_sys = r == 0;
    /* The decision for the sources in force, and for a service alone,
     * both from the facts read once above. */
    r = run_proxy_decide_sys(&o.px, &sys, &cfg, NULL, 0, &d);
    if (r == 0 && have_sys) {
        struct run_proxy_opts svc = o.px;

        svc.proxy = NULL;
        svc.no_proxy = false;
        svc.user = NULL;
        svc.as_system = true;
        r = run_proxy_decide_sys(&svc, &sys, &service, NULL, 0, &d);
    }
    if (r < 0) {
        cli_print_diag(&d);
        status = r == NC_ENOMEM ? NC_EXIT_INTERNAL : NC_EXIT_USAGE;
        goto out;
    }
    if (run_proxy_user_unused(&o.px, &cfg))
        cli_err("warning: %s", RUN_PROXY_USER_UNUSED);
    proxy_warn_merge(&w, &cfg.warnings);
    if (have_sys)
        proxy_warn_merge(&w, &service.warnings);
    proxy_cross_warnings(&caller, &sys, have_sys, &service, &w);

    rows[n++] = (struct proxy_source_row){
        "caller environment", "", &caller,
        !o.px.as_system && o.px.proxy == NULL && !o.px.no_proxy, false};
    for (i = 0; have_sys && i < sys.n_files && n + 1 < PROXY_MAX_ROWS; i++)
        rows[n++] = (struct proxy_source_row){
            sys.files[i].what, sys.files[i].path, &sys.files[i].sets,
            proxy_file_in_force(&o, &sys, sys.files[i].what, &cfg),
            strcmp(sys.files[i].what, "etc-environment") != 0};
    if (o.px.proxy != NULL || o.px.no_proxy) {
        if (o.px.proxy != NULL &&
            env_set(&flags, "all_proxy", o.px.proxy) < 0) {
            status = NC_EXIT_INTERNAL;
            goto out;
        }
        rows[n++] = (struct proxy_source_row){o.px.no_proxy ? "--no-proxy flag"
                                                            : "--proxy flag",
                                              "", &flags, true, false};
    }
    r = o.format == NC_FORMAT_JSON
            ? proxy_write_json(stdout, rows, n, &cfg, &o, &w,
                               proxy_systemd_source(&sys, have_sys))
            : proxy_write_text(stdout, rows, n, &cfg, &o, &w,
                               proxy_systemd_source(&sys, have_sys));
    if (r < 0)
        status = NC_EXIT_INTERNAL;
out:
    proxycfg_release(&cfg);
    proxycfg_release(&service);
    sysenv_release(&sys);
    env_release(&caller);
    env_release(&flags);
    profile_free(defprof);
    run_proxy_free_secret(o.px.proxy);
    run_proxy_free_secret(o.px.user);
    return status;
}
