/* netcheck run: its option table, help and parsing (run_args.h). */
#include "run_args.h"

#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "hostreg.h"
#include "msg.h"
#include "opt.h"
#include "nc.h"
#include "route.h"
#include "str.h"

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

int run_args_parse(int argc, char **argv, struct run_opts *o)
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
