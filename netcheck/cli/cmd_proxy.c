/* netcheck proxy: every place a proxy can come from, which one a client
 * would really use, and for each URL the effective proxy and the NO_PROXY
 * entry that matched; plus the classic traps. */
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
#include "hostreg.h"
#include "proxy_winreg.h"
#include "report.h"
#include "report_proxy.h"
#include "run_proxy.h"
#include "str.h"
#include "sysenv.h"
#include "url.h"

#ifdef _WIN32
extern char **_environ; /* the CRT's; <stdlib.h> hides it in strict C11 */
#define environ _environ
#else
extern char **environ;
#endif

#define PROXY_MAX_URLS 256
#define PROXY_MAX_ROWS (SYSENV_MAX_FILES + 2)

/* The variables that decide a curl-based client's proxy. */
static const char *const proxy_vars[] = {
    "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
    "all_proxy",  "ALL_PROXY",   "no_proxy",   "NO_PROXY",
};

#define N_PROXY_VARS (sizeof(proxy_vars) / sizeof(proxy_vars[0]))

enum { POPT_FORMAT = CLI_OPT_CMD, POPT_REGISTRY };

static const struct cli_optdef proxy_optdefs[] = {
    {{"format", required_argument, NULL, POPT_FORMAT},
     "text|json",
     "output format (default text)",
     CLI_SECRET_NONE},
    {{"registry", required_argument, NULL, POPT_REGISTRY},
     "FILE.reg",
     "a Windows server's proxy, from `reg export` files (repeatable)",
     CLI_SECRET_NONE},
};

/* What the shared proxy options mean here: the view, not a test. */
static const struct cli_opthelp proxy_opthelp[] = {
    {"proxy", "as if given this proxy (overrides every other source)"},
    {"no-proxy", "as if connecting directly (overrides every other source)"},
    {"unit", "that systemd unit's environment too"},
    {"root", "systemd's files under DIR"},
};

size_t cmd_proxy_opttabs(struct cli_opttab *tabs)
{
    tabs[0] = (struct cli_opttab){proxy_optdefs, CLI_OPT_N(proxy_optdefs)};
    tabs[1] = cli_proxy_opttab;
    tabs[2] = cli_common_opttab;
    return 3;
}

struct proxy_cmd_opts {
    struct run_proxy_opts px;
    enum nc_format format;
    const char *urls[PROXY_MAX_URLS];
    size_t n_urls;
    const char *regfiles[PROXY_MAX_REGFILES];
    size_t n_regfiles;
};

void cmd_proxy_usage(FILE *out)
{
    struct cli_opttab tabs[CLI_TABS_MAX];
    size_t n_tabs = cmd_proxy_opttabs(tabs);

    fputs("usage: netcheck proxy [--as-system [--unit NAME] [--root DIR]]\n"
          "                      [--proxy URL | --no-proxy] "
          "[--proxy-user USER[:PASS]]\n"
          "                      [--format text|json] [URL...]\n"
          "       netcheck proxy --registry FILE.reg [--registry FILE.reg...]\n"
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
          "With --registry, the same for a Windows server from `reg export`\n"
          "files (UTF-16LE or UTF-8): every place a SYSTEM service can take\n"
          "its proxy from, the one the MARS agent (.NET Framework) uses and\n"
          "why, each URL's proxy and bypass decision, and the traps.\n\n"
          "options:\n",
          out);
    cli_opts_usage(out, tabs, n_tabs, proxy_opthelp, CLI_OPT_N(proxy_opthelp));
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

/* What netcheck proxy has read and decided, for the view. */
struct proxy_facts {
    struct nc_env caller; /* this shell's environment */
    struct nc_env flags;  /* --proxy as all_proxy, for its row */
    struct sysenv sys;
    bool have_sys;           /* sys read: what a service would get */
    struct proxycfg cfg;     /* the sources in force */
    struct proxycfg service; /* a system service alone */
    struct proxy_warnings w; /* the decisions' warnings, each once */
    struct proxy_warnings cross;
    const char *cross_code[PROXY_MAX_WARNINGS];
};

/* Name the cross warning proxy_warn just added (if it had room) after
 * n warnings. */
static void proxy_cross_code(struct proxy_facts *f, size_t n, const char *code)
{
    if (f->cross.n > n)
        f->cross_code[n] = code;
}

/* The traps that need more than one source to see. */
static void proxy_cross_warnings(struct proxy_facts *f)
{
    struct proxy_env_choice ch;
    char shown[512];
    size_t n = f->cross.n;

    if (f->have_sys && proxy_env_has_proxy(&f->caller) &&
        !f->service.scheme[0].enabled && !f->service.scheme[1].enabled) {
        proxy_env_choose(&f->caller, true, &ch);
        if (ch.var == NULL)
            proxy_env_choose(&f->caller, false, &ch);
        proxy_show_value(ch.var, ch.value, shown, sizeof(shown));
        proxy_warn(&f->cross,
                   "your shell uses proxy %s (%s) but a system service "
                   "would connect directly: set it in the service's "
                   "environment (DefaultEnvironment= or the unit's "
                   "Environment=)",
                   shown, ch.var);
        proxy_cross_code(f, n, "service_connects_directly");
    }
    n = f->cross.n;
    if (f->have_sys && proxy_env_has_proxy(&f->sys.etc_environment)) {
        proxy_warn(&f->cross, "/etc/environment sets a proxy, but systemd "
                              "services never read /etc/environment: only "
                              "login shells see it");
        proxy_cross_code(f, n, "etc_environment_unread");
    }
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

/* proxy's own option: --format. */
static int proxy_apply_opt(int c, char *arg, void *ud)
{
    struct proxy_cmd_opts *o = ud;

    if (c == POPT_REGISTRY) {
        if (o->n_regfiles == PROXY_MAX_REGFILES) {
            cli_err("too many --registry files (at most %d)",
                    PROXY_MAX_REGFILES);
            return -1;
        }
        o->regfiles[o->n_regfiles++] = arg;
        return 0;
    }
    if (c != POPT_FORMAT)
        return -1;
    if (report_format_parse(arg, &o->format) < 0 ||
        o->format == NC_FORMAT_JUNIT || o->format == NC_FORMAT_PROMETHEUS) {
        cli_err("invalid --format '%s': want text or json", arg);
        return -1;
    }
    return 0;
}

/* \return 0, 1 after --help or --version, or -1 for a usage error (said
 * on stderr) */
static int proxy_parse_args(int argc, char **argv, struct proxy_cmd_opts *o)
{
    struct cli_opttab tabs[CLI_TABS_MAX];
    size_t n_tabs = cmd_proxy_opttabs(tabs);
    int r;

    r = cli_opts_parse("proxy", tabs, n_tabs, argc, argv, cmd_proxy_usage,
                       &o->px, proxy_apply_opt, o);
    if (r != 0)
        return r;
    if (o->px.proxy != NULL && o->px.no_proxy) {
        cli_err("--proxy and --no-proxy contradict each other");
        return -1;
    }
    if (o->n_regfiles > 0 && (o->px.proxy != NULL || o->px.no_proxy ||
                              o->px.unit != NULL || o->px.root != NULL)) {
        cli_err("--registry analyses a Windows server's own settings: "
                "--proxy, --no-proxy, --unit and --root do not apply");
        return -1;
    }
    /* On Windows a SYSTEM service's proxy is in the registry: --unit and
     * --root are systemd's, and the flags would hide what it gets. */
    if (o->px.as_system && hostreg_live() &&
        (o->px.proxy != NULL || o->px.no_proxy || o->px.unit != NULL ||
         o->px.root != NULL)) {
        cli_err("--as-system on Windows reads the SYSTEM account's "
                "registry: --proxy, --no-proxy, --unit and --root do not "
                "apply");
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
static const char *proxy_systemd_source(const struct proxy_facts *f)
{
    if (!f->have_sys)
        return NULL;
    return f->sys.live_manager ? "dbus" : "files";
}

static void proxy_facts_init(struct proxy_facts *f)
{
    memset(f, 0, sizeof(*f));
}

static void proxy_facts_release(struct proxy_facts *f)
{
    proxycfg_release(&f->cfg);
    proxycfg_release(&f->service);
    sysenv_release(&f->sys);
    env_release(&f->caller);
    env_release(&f->flags);
}

/* Read the environments and decide twice: for the sources in force, and
 * for a system service alone, both from the facts read once.
 * \return an exit status */
static int proxy_gather(const struct proxy_cmd_opts *o, struct proxy_facts *f)
{
    struct nc_diag d;
    int r;

    memset(&d, 0, sizeof(d));
    if (env_load_environ(&f->caller, environ) < 0)
        return NC_EXIT_INTERNAL;
    /* What a system service would get is read even without --as-system,
     * to compare it with this shell. */
    r = sysenv_load_host(o->px.root, o->px.unit, &f->sys, &d);
    if (r < 0 && o->px.as_system) {
        cli_print_diag(&d);
        return r == NC_ENOMEM ? NC_EXIT_INTERNAL : NC_EXIT_USAGE;
    }
    f->have_sys = r == 0;
    r = run_proxy_decide_sys(&o->px, &f->sys, &f->cfg, NULL, 0, &d);
    if (r == 0 && f->have_sys) {
        struct run_proxy_opts svc = o->px;

        svc.proxy = NULL;
        svc.no_proxy = false;
        svc.user = NULL;
        svc.as_system = true;
        r = run_proxy_decide_sys(&svc, &f->sys, &f->service, NULL, 0, &d);
    }
    if (r < 0) {
        cli_print_diag(&d);
        return r == NC_ENOMEM ? NC_EXIT_INTERNAL : NC_EXIT_USAGE;
    }
    if (o->px.proxy != NULL && env_set(&f->flags, "all_proxy", o->px.proxy) < 0)
        return NC_EXIT_INTERNAL;
    return NC_EXIT_PASS;
}

static void proxy_warnings_collect(const struct proxy_cmd_opts *o,
                                   struct proxy_facts *f)
{
    if (run_proxy_user_unused(&o->px, &f->cfg))
        cli_err("warning: %s", RUN_PROXY_USER_UNUSED);
    proxy_warn_merge(&f->w, &f->cfg.warnings);
    if (f->have_sys)
        proxy_warn_merge(&f->w, &f->service.warnings);
    proxy_cross_warnings(f);
}

/* One row of the view: what env sets, passwords removed. */
static void proxy_view_source(struct report_proxy_source *row, const char *name,
                              const char *path, const struct nc_env *env,
                              bool in_force, bool service_sees)
{
    size_t i;

    row->name = name;
    row->path = path;
    row->in_force = in_force;
    row->service_sees = service_sees;
    row->n_sets = 0;
    for (i = 0; i < N_PROXY_VARS && row->n_sets < REPORT_PROXY_MAX_SETS; i++) {
        struct report_proxy_set *set = &row->sets[row->n_sets];
        const char *v = env_get(env, proxy_vars[i]);

        if (v == NULL)
            continue;
        set->var = proxy_vars[i];
        proxy_show_value(proxy_vars[i], v, set->value, sizeof(set->value));
        row->n_sets++;
    }
}

/* The sources table: this shell, each file or process sysenv read, and
 * the flags.  \return the number of rows (at most PROXY_MAX_ROWS) */
static size_t proxy_view_sources(const struct proxy_cmd_opts *o,
                                 const struct proxy_facts *f,
                                 struct report_proxy_source *rows)
{
    size_t n = 0, i;

    proxy_view_source(
        &rows[n++], "caller environment", "", &f->caller,
        !o->px.as_system && o->px.proxy == NULL && !o->px.no_proxy, false);
    for (i = 0; f->have_sys && i < f->sys.n_files && n + 1 < PROXY_MAX_ROWS;
         i++) {
        const struct sysenv_file *file = &f->sys.files[i];

        proxy_view_source(&rows[n++], file->what, file->path, &file->sets,
                          proxy_file_in_force(o, &f->sys, file->what, &f->cfg),
                          strcmp(file->what, "etc-environment") != 0);
    }
    if (o->px.proxy != NULL || o->px.no_proxy)
        proxy_view_source(&rows[n++],
                          o->px.no_proxy ? "--no-proxy flag" : "--proxy flag",
                          "", &f->flags, true, false);
    return n;
}

/* Fill the view from the facts; rows, urls and warns are the caller's
 * arrays (PROXY_MAX_ROWS, o->n_urls, 2 * PROXY_MAX_WARNINGS). */
static void proxy_view_build(const struct proxy_cmd_opts *o,
                             const struct proxy_facts *f,
                             struct report_proxy_view *v,
                             struct report_proxy_source *rows,
                             struct report_proxy_url *urls,
                             struct report_proxy_warning *warns)
{
    const struct proxycfg *cfg = &f->cfg;
    size_t i;

    memset(v, 0, sizeof(*v));
    v->sources = rows;
    v->n_sources = proxy_view_sources(o, f, rows);
    v->source = cfg->source;
    v->http = cfg->scheme[0].enabled ? cfg->scheme[0].display : NULL;
    v->https = cfg->scheme[1].enabled ? cfg->scheme[1].display : NULL;
    v->no_proxy = cfg->noproxy;
    v->systemd = proxy_systemd_source(f);
    for (i = 0; i < o->n_urls; i++) {
        urls[i].url = o->urls[i];
        urls[i].proxy = proxy_for_url(cfg, o->urls[i], urls[i].no_proxy_match,
                                      sizeof(urls[i].no_proxy_match));
    }
    v->urls = urls;
    v->n_urls = o->n_urls;
    for (i = 0; i < f->w.n; i++)
        warns[v->n_warnings++] =
            (struct report_proxy_warning){NULL, f->w.text[i]};
    for (i = 0; i < f->cross.n; i++)
        warns[v->n_warnings++] =
            (struct report_proxy_warning){f->cross_code[i], f->cross.text[i]};
    v->warnings = warns;
}

/* \return an exit status */
static int proxy_report(const struct proxy_cmd_opts *o,
                        const struct proxy_facts *f)
{
    struct report_proxy_warning warns[2 * PROXY_MAX_WARNINGS];
    struct report_proxy_source *rows;
    struct report_proxy_url *urls;
    struct report_proxy_view v;
    int status = NC_EXIT_INTERNAL;

    rows = nc_calloc(PROXY_MAX_ROWS, sizeof(*rows));
    urls = nc_calloc(o->n_urls ? o->n_urls : 1, sizeof(*urls));
    if (rows == NULL || urls == NULL)
        goto out;
    proxy_view_build(o, f, &v, rows, urls, warns);
    if (report_proxy_write(o->format, stdout, &v) == 0)
        status = NC_EXIT_PASS;
out:
    /* The rows hold no password (proxy_show_value), but wipe anyway. */
    if (rows != NULL)
        nc_explicit_bzero(rows, PROXY_MAX_ROWS * sizeof(*rows));
    nc_free(rows);
    nc_free(urls);
    return status;
}

int cmd_proxy(int argc, char **argv)
{
    struct proxy_cmd_opts o;
    struct proxy_facts *f = NULL;
    struct nc_profile *defprof = NULL;
    int r, status;

    memset(&o, 0, sizeof(o));
    r = proxy_parse_args(argc, argv, &o);
    if (r != 0) {
        status = r > 0 ? NC_EXIT_PASS : NC_EXIT_USAGE;
        goto out;
    }
    status = NC_EXIT_INTERNAL;
    if (o.n_urls == 0 && proxy_default_urls(&o, &defprof) < 0)
        goto out;
    if (o.n_regfiles > 0 || (o.px.as_system && hostreg_live())) {
        status =
            proxy_winreg_run(o.regfiles, o.n_regfiles, &o.px, o.n_regfiles == 0,
                             o.urls, o.n_urls, o.format);
        goto out;
    }
    f = nc_malloc(sizeof(*f));
    if (f == NULL)
        goto out;
    proxy_facts_init(f);
    status = proxy_gather(&o, f);
    if (status != NC_EXIT_PASS)
        goto out;
    proxy_warnings_collect(&o, f);
    status = proxy_report(&o, f);
out:
    if (f != NULL)
        proxy_facts_release(f);
    nc_free(f);
    profile_free(defprof);
    run_proxy_free_secret(o.px.proxy);
    run_proxy_free_secret(o.px.user);
    return status;
}

#ifdef NETCHECK_UNITTESTS
/* The option and URL parsing of `proxy` alone (tests/fuzz/fuzz_cli.c). */
int cmd_proxy_parse_only(int argc, char **argv)
{
    struct proxy_cmd_opts o;
    int r;

    memset(&o, 0, sizeof(o));
    r = proxy_parse_args(argc, argv, &o);
    run_proxy_free_secret(o.px.proxy);
    run_proxy_free_secret(o.px.user);
    return r;
}
#endif
