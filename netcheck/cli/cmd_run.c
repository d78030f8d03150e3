/* netcheck run: parse options, build the plan, run the engine, report. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <sys/resource.h>
#endif
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "diff_out.h"
#include "msg.h"
#include "opt.h"
#include "console.h"
#include "dns.h"
#include "esc.h"
#include "file.h"
#include "hostname.h"
#include "nc.h"
#include "probe.h"
#include "profile.h"
#include "report.h"
#include "route.h"
#include "hostreg.h"
#include "run_identity.h"
#include "run_proxy.h"
#include "run_resolve.h"
#include "run_winproxy.h"
#include "servicetags.h"
#include "str.h"

#define RUN_DEFAULT_PROFILE "azure-backup-mars"
#define RUN_MAX_SOURCES     64
#define RUN_STDIN_NAME      "<stdin>"
#define RUN_MAX_ONLY        64

enum run_opt {
    OPT_DNS_SERVER = CLI_OPT_CMD,
    OPT_CA_BUNDLE,
    OPT_TIMEOUT,
    OPT_CONNECT_TIMEOUT,
    OPT_PARALLEL,
    OPT_FORMAT,
    OPT_EXPRESSROUTE,
    OPT_SERVICE_TAGS,
    OPT_REGION,
    OPT_PROXY_CA_BUNDLE,
    OPT_BASELINE,
    OPT_SAVE,
    OPT_ONLY,
};

struct run_source {
    bool allowlist;
    const char *arg;
};

/* One invocation's options; no globals (STYLE: struct nc_opts). */
struct run_opts {
    struct run_source sources[RUN_MAX_SOURCES];
    size_t n_sources;
    struct probe_opts probe;
    enum nc_format format;
    const char *output;
    bool quiet;
    struct run_proxy_opts px; /* proxy and user strings owned (copied) */
    const char *service_tags; /* --service-tags FILE */
    const char *region;       /* --region NAME, or NULL: each default */
    const char *baseline;     /* --baseline FILE: the output is the diff */
    const char *save;         /* --save FILE: the run's JSON report too */
    const char *only[RUN_MAX_ONLY]; /* --only PATTERN, as given */
    size_t n_only;
    bool verbose; /* -v: each check's stages on stderr */
};

/* run's own options, before and after the shared proxy ones (opt.h). */
static const struct cli_optdef run_optdefs[] = {
    {{"profile", required_argument, NULL, 'p'},
     "NAME|FILE|-",
     "built-in name or INI file ('-': stdin); repeatable",
     CLI_SECRET_NONE},
    {{"allowlist", required_argument, NULL, 'a'},
     "FILE|-",
     "plain allowlist: URL | host[:port] | *.domain sample=HOST | CIDR",
     CLI_SECRET_NONE},
    {{"only", required_argument, NULL, OPT_ONLY},
     "NAME",
     "run only the checks whose name matches (glob: * ? [...]); repeatable",
     CLI_SECRET_NONE},
    {{"region", required_argument, NULL, OPT_REGION},
     "NAME",
     "the vault's Azure region (eastus...): its sample hosts",
     CLI_SECRET_NONE},
    {{"dns-server", required_argument, NULL, OPT_DNS_SERVER},
     "IP[:PORT][,...]",
     "ask these resolvers: DNS only, no hosts file",
     CLI_SECRET_NONE},
    {{"ca-bundle", required_argument, NULL, OPT_CA_BUNDLE},
     "FILE",
     "trust store (default: the system's)",
     CLI_SECRET_NONE},
    {{"timeout", required_argument, NULL, OPT_TIMEOUT},
     "SECONDS",
     "limit for one transfer (default 10)",
     CLI_SECRET_NONE},
    {{"connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT},
     "SECONDS",
     "limit for one TCP connect (default 5)",
     CLI_SECRET_NONE},
    {{"parallel", required_argument, NULL, OPT_PARALLEL},
     "N",
     "checks in flight (default 1024)",
     CLI_SECRET_NONE},
    {{"format", required_argument, NULL, OPT_FORMAT},
     "text|json|junit|prometheus",
     "report format (default text)",
     CLI_SECRET_NONE},
    {{"output", required_argument, NULL, 'o'},
     "FILE|-",
     "write the report to FILE ('-': standard output)",
     CLI_SECRET_NONE},
    {{"quiet", no_argument, NULL, 'q'},
     NULL,
     "no report on standard output; the exit status says it all",
     CLI_SECRET_NONE},
    {{"verbose", no_argument, NULL, 'v'},
     NULL,
     "trace each check's stages on standard error (no credentials)",
     CLI_SECRET_NONE},
    {{"baseline", required_argument, NULL, OPT_BASELINE},
     "BEFORE.json",
     "compare with this earlier report: the output is the diff",
     CLI_SECRET_NONE},
    {{"save", required_argument, NULL, OPT_SAVE},
     "FILE",
     "also write this run's JSON report to FILE (a later baseline)",
     CLI_SECRET_NONE},
};

static const struct cli_optdef run_optdefs_tail[] = {
    {{"proxy-ca-bundle", required_argument, NULL, OPT_PROXY_CA_BUNDLE},
     "FILE",
     "trust store for an https:// proxy's certificate",
     CLI_SECRET_NONE},
    {{"expressroute", required_argument, NULL, OPT_EXPRESSROUTE},
     "DEV|GATEWAY",
     "checks marked expressroute must be routed by this device or next hop",
     CLI_SECRET_NONE},
    {{"service-tags", required_argument, NULL, OPT_SERVICE_TAGS},
     "FILE",
     "Azure ServiceTags JSON: label addresses, enforce service_tag",
     CLI_SECRET_NONE},
};

/* The help's order: run's options, the proxy ones, the rest, then -h/-V. */
size_t cmd_run_opttabs(struct cli_opttab *tabs)
{
    tabs[0] = (struct cli_opttab){run_optdefs, CLI_OPT_N(run_optdefs)};
    tabs[1] = cli_proxy_opttab;
    tabs[2] =
        (struct cli_opttab){run_optdefs_tail, CLI_OPT_N(run_optdefs_tail)};
    tabs[3] = cli_common_opttab;
    return 4;
}

void cmd_run_usage(FILE *out)
{
    struct cli_opttab tabs[CLI_TABS_MAX];
    size_t n_tabs = cmd_run_opttabs(tabs);

    fputs("usage: netcheck run [options]\n\n"
          "Runs every check of the given profiles and allowlists at once;\n"
          "with neither, the built-in profile " RUN_DEFAULT_PROFILE ".\n\n"
          "options:\n",
          out);
    cli_opts_usage(out, tabs, n_tabs, NULL, 0);
    fputs("\nexit status: 0 every required check passed; 1 a required check\n"
          "failed or could not run; 2 usage or input error; 3 internal "
          "error.\n"
          "With --baseline, that of 'netcheck diff': 0 no regression, 1 a\n"
          "regression, 2 also for a baseline of other profiles\n",
          out);
}

static int run_parse_seconds(const char *name, const char *v, long *out)
{
    if (nc_parse_seconds(v, 100, 3600L * 1000, out) < 0) {
        cli_err("invalid --%s '%s': want seconds from 0.1 to 3600", name, v);
        return -1;
    }
    return 0;
}

/* --expressroute: a next hop (an IP literal) or an output device that
 * exists here; anything else would only fail later, blamed on routing. */
static int run_parse_er(const char *v, struct nc_er_expect *er)
{
    size_t n = strlen(v);

    memset(er, 0, sizeof(*er));
    er->enabled = true;
    if (nc_addr_parse(v, &er->gateway) == 0) {
        er->by_gateway = true;
        return 0;
    }
    if (n == 0 || n >= sizeof(er->dev) || !route_ifname_exists(v)) {
        cli_err("--expressroute: no interface '%s' and not an IP address", v);
        return -1;
    }
    memcpy(er->dev, v, n + 1);
    return 0;
}

/* Options that mean nothing in the company they are given in. --root moves
 * where --as-system reads the system's files (systemd's, the hosts file,
 * nsswitch.conf): an image's resolution with this shell's proxy would be
 * neither the caller's path nor the service's. */
static int run_check_combos(const struct run_opts *o)
{
    size_t i, n_stdin = 0;

    if (o->px.proxy != NULL && o->px.no_proxy) {
        cli_err("--proxy and --no-proxy contradict each other");
        return -1;
    }
    /* --unit alone would silently test the caller's environment. */
    if (o->px.unit != NULL && !o->px.as_system) {
        cli_err("--unit goes with --as-system");
        return -1;
    }
    if (o->px.root != NULL && !o->px.as_system) {
        cli_err("'--root' needs '--as-system'");
        return -1;
    }
    if (o->px.as_system && hostreg_live() &&
        (o->px.unit != NULL || o->px.root != NULL)) {
        cli_err("--unit and --root are systemd's: on Windows --as-system "
                "reads the SYSTEM account's registry");
        return -1;
    }
    for (i = 0; i < o->n_sources; i++)
        n_stdin += strcmp(o->sources[i].arg, "-") == 0;
    if (n_stdin > 1) {
        cli_err("standard input ('-') can feed only one -p or -a");
        return -1;
    }
    if (o->quiet && o->output != NULL && strcmp(o->output, "-") == 0) {
        cli_err("--quiet and '-o -' contradict each other");
        return -1;
    }
    /* The diff --baseline writes has no Prometheus form. */
    if (o->baseline != NULL && o->format == NC_FORMAT_PROMETHEUS) {
        cli_err("--baseline writes a diff: want --format text, json or "
                "junit");
        return -1;
    }
    /* Standard input may hold a profile; the baseline is kept apart. */
    if (o->baseline != NULL && strcmp(o->baseline, "-") == 0) {
        cli_err("--baseline needs a file, not standard input");
        return -1;
    }
    return 0;
}

/* One of run's own options (c, its value arg).  \return 0, or -1 when
 * the value is wrong (said on stderr) */
static int run_apply_opt(int c, char *arg, void *ud)
{
    struct run_opts *o = ud;
    unsigned long n;
    char why[256];

    switch (c) {
    case 'p':
    case 'a':
        if (o->n_sources == RUN_MAX_SOURCES) {
            cli_err("too many profiles and allowlists (at most %d)",
                    RUN_MAX_SOURCES);
            return -1;
        }
        o->sources[o->n_sources].allowlist = c == 'a';
        o->sources[o->n_sources++].arg = arg;
        break;
    case OPT_DNS_SERVER:
        if (dns_servers_check(arg, why, sizeof(why)) < 0) {
            cli_err("invalid --dns-server: %s", why);
            return -1;
        }
        o->probe.dns_servers = arg;
        break;
    case OPT_CA_BUNDLE:
        o->probe.ca_bundle = arg;
        break;
    case OPT_PROXY_CA_BUNDLE:
        o->probe.proxy_ca_bundle = arg;
        break;
    case OPT_TIMEOUT:
        return run_parse_seconds("timeout", arg, &o->probe.timeout_ms);
    case OPT_CONNECT_TIMEOUT:
        return run_parse_seconds("connect-timeout", arg,
                                 &o->probe.connect_timeout_ms);
    case OPT_PARALLEL:
        if (nc_parse_uint(arg, 1, PROBE_MAX_PARALLEL, &n) < 0) {
            cli_err("invalid --parallel '%s': want 1 to %u", arg,
                    PROBE_MAX_PARALLEL);
            return -1;
        }
        o->probe.parallel = (unsigned)n;
        break;
    case OPT_FORMAT:
        if (report_format_parse(arg, &o->format) < 0) {
            cli_err("invalid --format '%s': want text, json, junit or "
                    "prometheus",
                    arg);
            return -1;
        }
        break;
    case 'o':
        o->output = arg;
        break;
    case OPT_EXPRESSROUTE:
        return run_parse_er(arg, &o->probe.er);
    case OPT_SERVICE_TAGS:
        o->service_tags = arg;
        break;
    case OPT_REGION:
        o->region = arg;
        break;
    case OPT_BASELINE:
        o->baseline = arg;
        break;
    case OPT_SAVE:
        o->save = arg;
        break;
    case 'q':
        o->quiet = true;
        break;
    case 'v':
        o->verbose = true;
        break;
    case OPT_ONLY:
        if (o->n_only == RUN_MAX_ONLY) {
            cli_err("too many --only patterns (at most %d)", RUN_MAX_ONLY);
            return -1;
        }
        o->only[o->n_only++] = arg;
        break;
    default:
        return -1; /* not reached: getopt_long knows only the tables */
    }
    return 0;
}

/* What the options mean together, once all are read. */
static int run_parse_finish(int argc, char **argv, struct run_opts *o)
{
    if (optind < argc) {
        cli_err("unexpected argument '%s'", argv[optind]);
        return -1;
    }
    /* Conflicting flags are rejected up front (style(9)). */
    if (run_check_combos(o) < 0)
        return -1;
    /* -o - is standard output, the default (never a file named "-"). */
    if (o->output != NULL && strcmp(o->output, "-") == 0)
        o->output = NULL;
    /* A connect cannot outlast the whole transfer. */
    if (o->probe.connect_timeout_ms > o->probe.timeout_ms)
        o->probe.connect_timeout_ms = o->probe.timeout_ms;
    return 0;
}

/* \return 0, 1 after --help or --version, or -1 for a usage error (said
 * on stderr) */
static int run_parse_args(int argc, char **argv, struct run_opts *o)
{
    struct cli_opttab tabs[CLI_TABS_MAX];
    size_t n_tabs = cmd_run_opttabs(tabs);
    int r;

    r = cli_opts_parse("run", tabs, n_tabs, argc, argv, cmd_run_usage, &o->px,
                       run_apply_opt, o);
    if (r != 0)
        return r;
    return run_parse_finish(argc, argv, o);
}

/* Routes are looked up as the agent's uid gets them (ip rule uidrange):
 * the unit's User= with --unit, else the caller's. Service tags are loaded
 * once, before any check runs. */
static int run_paths_setup(struct run_opts *o, const char *unit_user,
                           struct route_ops *routes, struct servicetags **tags)
{
    struct nc_diag d;
    int r;

    memset(&d, 0, sizeof(d));
#ifdef _WIN32
    o->probe.route_uid = 0; /* routes do not depend on the user there */
#else
    o->probe.route_uid = getuid();
#endif
    if (unit_user[0] != '\0' &&
        route_uid_parse(unit_user, &o->probe.route_uid) < 0) {
        cli_err("unit user '%s' is unknown on this machine", unit_user);
        return NC_EXIT_USAGE;
    }
    if (route_netlink_open(routes) == 0)
        o->probe.routes = routes;
    if (o->service_tags != NULL) {
        r = servicetags_load_file(o->service_tags, tags, &d);
        if (r < 0) {
            cli_print_diag(&d);
            return r == NC_ENOMEM ? NC_EXIT_INTERNAL : NC_EXIT_USAGE;
        }
        o->probe.tags = *tags;
    }
    return 0;
}

/* A service_tag needs the file, and one the file does not know would fail
 * every address of its check: both are input errors, said at once. */
static int run_tags_known(const struct nc_plan *plan,
                          const struct servicetags *tags)
{
    size_t i;

    for (i = 0; i < plan->n_checks; i++) {
        const struct nc_check *c = plan->checks[i];

        /* Without the file the rule could not be enforced, and the check
         * would pass claiming what it never verified. */
        if (c->service_tag != NULL && tags == NULL) {
            cli_err("%s:%u: [check %s] has service_tag '%s': give the "
                    "service tags file with --service-tags FILE",
                    c->source, c->line, c->name, c->service_tag);
            return NC_EXIT_USAGE;
        }
        if (c->service_tag != NULL &&
            !servicetags_known(tags, c->service_tag)) {
            cli_err("%s:%u: service_tag '%s' of [check %s] is not in the "
                    "service tags file",
                    c->source, c->line, c->service_tag, c->name);
            return NC_EXIT_USAGE;
        }
    }
    return 0;
}

/* "-": the profile or allowlist on standard input (read once: at most one
 * source is "-"), named "<stdin>" in messages. */
static int run_load_stdin(bool allowlist, const char *region,
                          struct nc_profile **p, struct nc_diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    int r, err = 0;

    r = nc_file_read_fd(STDIN_FILENO, NC_PROFILE_MAX_BYTES, &buf, &len, &err);
    if (r == NC_EIO)
        nc_diag_set(d, RUN_STDIN_NAME, 0, "cannot read: %s", strerror(err));
    else if (r == NC_ELIMIT)
        nc_diag_set(d, RUN_STDIN_NAME, 0, "larger than %u bytes",
                    NC_PROFILE_MAX_BYTES);
    else if (r == 0 && allowlist)
        r = allowlist_parse_buf(buf, len, RUN_STDIN_NAME, p, d);
    else if (r == 0)
        r = profile_parse_region(buf, len, RUN_STDIN_NAME, region, p, d);
    nc_free(buf);
    return r;
}

/* Neither a built-in nor a file: say so, with the nearest built-in name
 * for a typo. */
static bool run_no_such_profile(const char *arg, struct nc_diag *d)
{
    const struct nc_builtin *near;
    struct stat st;

    if (stat(arg, &st) == 0 || errno != ENOENT)
        return false;
    near = profile_builtin_nearest(arg);
    nc_diag_set(d, "", 0,
                "cannot open profile '%s': no such file or built-in "
                "profile%s%s%s",
                arg, near ? "; did you mean '" : "", near ? near->name : "",
                near ? "'?" : "");
    return true;
}

/* A built-in name wins; anything else is a file path. region (NULL: the
 * profile's default) picks the values of ${...} in its urls. */
static int run_load_source(const struct run_source *s, const char *region,
                           struct nc_profile **p, struct nc_diag *d)
{
    const struct nc_builtin *b;
    char src[300];

    if (strcmp(s->arg, "-") == 0)
        return run_load_stdin(s->allowlist, region, p, d);
    if (s->allowlist)
        return allowlist_load_file(s->arg, p, d);
    b = profile_builtin_find(s->arg);
    if (b == NULL && run_no_such_profile(s->arg, d))
        return NC_EIO;
    if (b == NULL)
        return profile_load_file_region(s->arg, region, p, d);
    (void)nc_snprintf(src, sizeof(src), "builtin:%s", b->name);
    return profile_parse_region(b->text, b->len, src, region, p, d);
}

/* After "unknown region": the regions the profile knows, one line. */
static void run_list_regions(const struct run_source *s)
{
    struct nc_profile *p = NULL;
    struct nc_diag d;
    size_t i, col;

    memset(&d, 0, sizeof(d));
    if (run_load_source(s, NULL, &p, &d) != 0 || p->n_regions == 0)
        goto out;
    fputs("netcheck: known regions:", stderr);
    col = 23;
    for (i = 0; i < p->n_regions; i++) {
        size_t n = strlen(p->regions[i]) + 1;

        if (col + n > 78) {
            fputs("\n   ", stderr);
            col = 3;
        }
        fputc(' ', stderr);
        (void)nc_esc_fputs(p->regions[i], stderr);
        col += n;
    }
    fputc('\n', stderr);
out:
    profile_free(p);
}

/* --region needs a profile with [region] sections to apply to. */
static int run_region_used(const struct run_opts *o, const struct nc_plan *plan)
{
    size_t i;

    if (o->region == NULL)
        return 0;
    for (i = 0; i < plan->n_profiles; i++) {
        if (plan->profiles[i]->n_regions > 0)
            return 0;
    }
    cli_err("--region '%s': no profile of this run has [region] sections "
            "(see 'netcheck profiles azure-backup-mars')",
            o->region);
    return NC_EXIT_USAGE;
}

static int run_build_plan(const struct run_opts *o, struct nc_plan *plan)
{
    struct run_source def = {false, RUN_DEFAULT_PROFILE};
    size_t i, n = o->n_sources ? o->n_sources : 1;
    const char *bad = NULL;

    for (i = 0; i < n; i++) {
        const struct run_source *s = o->n_sources ? &o->sources[i] : &def;
        struct nc_profile *p = NULL;
        struct nc_diag d;
        int r;

        memset(&d, 0, sizeof(d));
        r = run_load_source(s, o->region, &p, &d);
        if (r == 0)
            r = plan_add_take(plan, p, &d);
        if (r < 0) {
            if (d.msg[0] == '\0')
                nc_diag_set(&d, s->arg, 0, "%s", nc_strerror(r));
            cli_print_diag(&d);
            if (r == NC_EINVAL)
                run_list_regions(s);
            return r == NC_ENOMEM ? NC_EXIT_INTERNAL : NC_EXIT_USAGE;
        }
    }
    if (run_region_used(o, plan) != 0)
        return NC_EXIT_USAGE;
    if (plan_filter_only(plan, o->only, o->n_only, &bad) != 0) {
        cli_err("--only '%s' matches no check of this run", bad);
        return NC_EXIT_USAGE;
    }
    if (plan->n_checks == 0) {
        cli_err("no checks to run: a pass with zero checks would verify "
                "nothing");
        return NC_EXIT_USAGE;
    }
    return 0;
}

static void run_progress(size_t done, size_t total, void *ud)
{
    (void)ud;
    fprintf(stderr, "\r\033[Kchecking: %zu/%zu done", done, total);
    if (done == total)
        fputs("\r\033[K", stderr);
    (void)fflush(stderr); /* buffered on a Windows console (os/console.h) */
}

/* Opened before the run: an unwritable -o is a usage error found at once,
 * not after every check has run. */
static int run_open_output(const struct run_opts *o, FILE **out)
{
    *out = NULL;
    if (o->output == NULL)
        return 0;
    *out = fopen(o->output, "we");
    if (*out == NULL) {
        cli_err("cannot write '%s': %s", o->output, strerror(errno));
        return NC_EXIT_USAGE;
    }
    return 0;
}

static int run_write_report(const struct run_opts *o, FILE *out,
                            const struct nc_run *run)
{
    struct report_style style;
    int r, rc = 0;

    style.color = false;
    if (out != NULL) {
        r = report_write(o->format, out, run, &style);
        if (fclose(out) != 0 || r < 0) {
            cli_err("cannot write '%s'", o->output);
            return NC_EXIT_INTERNAL;
        }
    }
    if (o->quiet || o->output != NULL)
        return 0;
    style.color = o->format == NC_FORMAT_TEXT &&
                  report_color_wanted(console_ansi(STDOUT_FILENO),
                                      getenv("NO_COLOR"), getenv("TERM"));
    r = report_write(o->format, stdout, run, &style);
    if (r < 0) {
        cli_err("cannot write the report: %s", nc_strerror(r));
        rc = NC_EXIT_INTERNAL;
    }
    return rc;
}

/* main lifted the soft open-file limit to the hard one; what is still
 * short of --parallel's sockets lowers --parallel, so that running out of
 * descriptors never looks like the network's fault. */
static void run_fit_parallel(struct run_opts *o)
{
#ifdef _WIN32 /* no descriptor limit */
    (void)o;
#else
    struct rlimit rl;
    unsigned fit;

    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return;
    fit =
        probe_parallel_fit(o->probe.parallel, (unsigned long long)rl.rlim_cur);
    if (fit == o->probe.parallel)
        return;
    if (!o->quiet)
        cli_err("warning: --parallel %u lowered to %u: the open-file limit "
                "is %llu (ulimit -n)",
                o->probe.parallel, fit, (unsigned long long)rl.rlim_cur);
    o->probe.parallel = fit;
#endif
}

/* One invocation's state, from the options to the report. */
struct run_ctx {
    struct run_opts o;
    struct nc_plan plan;
    struct nc_run run;
    struct proxycfg pcfg;
    struct route_ops routes;
    struct run_resolve rr;
    struct servicetags *tags;
    struct probe_pac *pac; /* Windows --as-system with a PAC file, or NULL */
    struct probe_proxy *pac_proxies; /* the engine's view of pcfg.pac */
    char unit_user[64]; /* the unit's User= with --unit, "" for root */
    char identity[600]; /* the proxy identity's phrase, for 407s */
    FILE *out;          /* -o FILE, or NULL */
    FILE *save;         /* --save FILE, or NULL */
    struct nc_snapshot *baseline; /* --baseline, read before any check */
};

static void run_ctx_init(struct run_ctx *x)
{
    memset(x, 0, sizeof(*x));
    x->o.probe.timeout_ms = PROBE_DEFAULT_TIMEOUT_MS;
    x->o.probe.connect_timeout_ms = PROBE_DEFAULT_CONNECT_TIMEOUT_MS;
    x->o.probe.parallel = PROBE_DEFAULT_PARALLEL;
}

static void run_ctx_release(struct run_ctx *x)
{
    if (x->out != NULL)
        (void)fclose(x->out);
    x->out = NULL;
    if (x->save != NULL)
        (void)fclose(x->save);
    x->save = NULL;
    snapshot_free(x->baseline);
    x->baseline = NULL;
    probe_results_free(&x->run);
    plan_release(&x->plan);
    proxycfg_release(&x->pcfg);
    route_netlink_close(&x->routes);
    run_resolve_release(&x->rr);
    servicetags_free(x->tags);
    x->tags = NULL;
    nc_free(x->pac);
    x->pac = NULL;
    nc_free(x->pac_proxies);
    x->pac_proxies = NULL;
    run_proxy_free_secret(x->o.px.proxy);
    run_proxy_free_secret(x->o.px.user);
}

/* The proxy in force, how names resolve, routes and service tags: all
 * decided before any check runs.  \return an exit status, 0 to go on */
static int run_setup(struct run_ctx *x)
{
    struct nc_diag d;
    int r;

    memset(&d, 0, sizeof(d));
    /* A SYSTEM service on Windows takes its proxy from the registry; the
     * flags still win over it, as over every source. */
    if (x->o.px.as_system && hostreg_live() && x->o.px.proxy == NULL &&
        !x->o.px.no_proxy) {
        r = run_winproxy_decide(&x->o.px, &x->plan, &x->pcfg, &x->pac, &d);
    } else if (x->o.px.as_system && hostreg_live()) {
        struct run_proxy_opts flags = x->o.px;

        flags.as_system = false; /* no systemd environment to read */
        r = run_proxy_decide(&flags, &x->pcfg, x->unit_user,
                             sizeof(x->unit_user), &d);
    } else {
        r = run_proxy_decide(&x->o.px, &x->pcfg, x->unit_user,
                             sizeof(x->unit_user), &d);
    }
    if (r == 0)
        r = run_resolve_setup(x->o.px.root, x->o.probe.dns_servers != NULL,
                              &x->rr, &x->run.resolution, &d);
    if (r < 0) {
        cli_print_diag(&d);
        return r == NC_ENOMEM ? NC_EXIT_INTERNAL : NC_EXIT_USAGE;
    }
    if (x->o.probe.dns_servers == NULL)
        x->o.probe.local = &x->rr.local;
    r = run_paths_setup(&x->o, x->unit_user, &x->routes, &x->tags);
    if (r == 0)
        r = run_tags_known(&x->plan, x->tags);
    return r;
}

/* Say the proxy's traps on stderr and hand the decision to the engine and
 * the report.  \return an exit status, 0 to go on */
static int run_proxy_apply(struct run_ctx *x)
{
    size_t i;

    for (i = 0; i < x->pcfg.warnings.n && !x->o.quiet; i++)
        cli_err("warning: %s", x->pcfg.warnings.text[i]);
    if (!x->o.quiet && run_proxy_user_unused(&x->o.px, &x->pcfg))
        cli_err("warning: %s", RUN_PROXY_USER_UNUSED);
    proxycfg_to_probe(&x->pcfg, x->o.probe.proxy);
    x->o.probe.pac = x->pac;
    if (x->pcfg.n_pac > 0) {
        x->pac_proxies = nc_calloc(x->pcfg.n_pac, sizeof(*x->pac_proxies));
        if (x->pac_proxies == NULL) {
            cli_err("%s", nc_strerror(NC_ENOMEM));
            return NC_EXIT_INTERNAL;
        }
        proxycfg_pac_to_probe(&x->pcfg, x->pac_proxies);
        x->o.probe.pac_proxies = x->pac_proxies;
        x->o.probe.n_pac_proxies = x->pcfg.n_pac;
    }
    run_identity_decide(&x->o.px, &x->pcfg, &x->run.proxy_identity);
    run_identity_apply(&x->run.proxy_identity, x->identity, sizeof(x->identity),
                       x->o.probe.proxy, 2);
    run_identity_apply(&x->run.proxy_identity, x->identity, sizeof(x->identity),
                       x->pac_proxies, x->pcfg.n_pac);
    x->run.proxy_source = x->pcfg.source;
    (void)nc_strlcpy(x->run.proxy_url, proxycfg_display(&x->pcfg),
                     sizeof(x->run.proxy_url));
    return 0;
}

/* Run every check.  \return an exit status, 0 to go on */
static int run_execute(struct run_ctx *x)
{
    struct nc_diag d;
    int r;

    memset(&d, 0, sizeof(d));
    if (!x->o.quiet && console_ansi(STDERR_FILENO))
        x->o.probe.progress = run_progress;
    run_fit_parallel(&x->o);
    /* Who and when, for the reports (a fleet's reports are told apart by
     * them): the wall clock, not the monotonic one the engine times
     * with. */
    (void)os_hostname(x->run.host, sizeof(x->run.host));
    x->run.started_at = (long long)time(NULL);
    r = probe_run(&x->plan, &x->o.probe, &x->run, &d);
    x->run.finished_at = (long long)time(NULL);
    if (r == 0 && x->o.verbose &&
        report_trace_write(stderr, &x->run) == NC_EINVAL)
        r = NC_EINTERNAL;
    if (r == 0)
        return 0;
    if (d.msg[0] == '\0')
        nc_diag_set(&d, "", 0, "the check engine failed: %s", nc_strerror(r));
    cli_print_diag(&d);
    return r == NC_EPARSE || r == NC_EIO ? NC_EXIT_USAGE : NC_EXIT_INTERNAL;
}

/* --baseline and --save: the earlier report read, and both files opened,
 * before any check runs, so a bad one costs no run.  \return an exit
 * status, 0 to go on */
static int run_baseline_setup(struct run_ctx *x)
{
    int status = 0;

    if (x->o.baseline != NULL)
        status = diff_out_load(x->o.baseline, &x->baseline);
    if (status == 0 && x->o.save != NULL) {
        x->save = fopen(x->o.save, "we");
        if (x->save == NULL) {
            cli_err("cannot write '%s': %s", x->o.save, strerror(errno));
            status = NC_EXIT_USAGE;
        }
    }
    return status;
}

/* The run's JSON report into --save's file, whatever else is written. */
static int run_save(struct run_ctx *x)
{
    int r;

    if (x->save == NULL)
        return 0;
    r = report_write(NC_FORMAT_JSON, x->save, &x->run, NULL);
    if (fclose(x->save) != 0 || r < 0) {
        x->save = NULL;
        cli_err("cannot write '%s'", x->o.save);
        return NC_EXIT_INTERNAL;
    }
    x->save = NULL;
    return 0;
}

/* --baseline: the output is the comparison of the baseline with this run,
 * and so is the exit status (diff_out_emit). */
static int run_diff_emit(struct run_ctx *x)
{
    struct nc_snapshot *now = NULL;
    struct diff_out d;
    int r, status;

    r = report_snapshot_new(&x->run, "this run", &now);
    if (r != 0) {
        cli_err("cannot compare with '%s': %s", x->o.baseline, nc_strerror(r));
        return NC_EXIT_INTERNAL;
    }
    d.format = x->o.format;
    d.output = x->o.output;
    d.quiet = x->o.quiet;
    status = diff_out_emit(x->baseline, now, &d, x->out);
    x->out = NULL; /* closed by diff_out_emit */
    snapshot_free(now);
    return status;
}

int cmd_run(int argc, char **argv)
{
    struct run_ctx x;
    int r, status;

    run_ctx_init(&x);
    r = run_parse_args(argc, argv, &x.o);
    if (r != 0) {
        status = r > 0 ? NC_EXIT_PASS : NC_EXIT_USAGE;
        goto out;
    }
    status = run_baseline_setup(&x);
    if (status == 0)
        status = run_build_plan(&x.o, &x.plan);
    if (status == 0)
        status = run_setup(&x);
    if (status != 0)
        goto out;
    status = run_proxy_apply(&x);
    if (status == 0)
        status = run_open_output(&x.o, &x.out);
    if (status == 0)
        status = run_execute(&x);
    if (status == 0)
        status = run_save(&x);
    if (status != 0)
        goto out;
    if (x.baseline != NULL) {
        status = run_diff_emit(&x);
        goto out;
    }
    status = run_write_report(&x.o, x.out, &x.run);
    x.out = NULL; /* closed by run_write_report */
    if (status == 0)
        status = run_exit_status(&x.run) ? NC_EXIT_FAIL : NC_EXIT_PASS;
out:
    run_ctx_release(&x);
    return status;
}

#ifdef NETCHECK_UNITTESTS
/* The option parsing of `run` alone (tests/fuzz/fuzz_cli.c): nothing is
 * loaded, resolved or probed. */
int cmd_run_parse_only(int argc, char **argv)
{
    struct run_ctx x;
    int r;

    run_ctx_init(&x);
    r = run_parse_args(argc, argv, &x.o);
    run_ctx_release(&x);
    return r;
}
#endif
