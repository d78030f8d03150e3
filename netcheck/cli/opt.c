#include "opt.h"

#include <stdbool.h>
#include <string.h>

#include "cli.h"
#include "msg.h"
#include "nc.h"

static const struct cli_optdef proxy_optdefs[] = {
    {{"proxy", required_argument, NULL, CLI_OPT_PROXY},
     "URL",
     "test through this proxy (overrides every other source)",
     CLI_SECRET_URL},
    {{"no-proxy", no_argument, NULL, CLI_OPT_NO_PROXY},
     NULL,
     "connect directly (overrides every other source)",
     CLI_SECRET_NONE},
    {{"proxy-user", required_argument, NULL, CLI_OPT_PROXY_USER},
     "USER[:PASS]",
     "proxy credentials (Basic, Digest or NTLM)",
     CLI_SECRET_USERPASS},
    {{"as-system", no_argument, NULL, CLI_OPT_AS_SYSTEM},
     NULL,
     "use the proxy a system service gets, not this shell's",
     CLI_SECRET_NONE},
    {{"unit", required_argument, NULL, CLI_OPT_UNIT},
     "NAME",
     "with --as-system: that systemd unit's environment too",
     CLI_SECRET_NONE},
    {{"root", required_argument, NULL, CLI_OPT_ROOT},
     "DIR",
     "with --as-system (needed): systemd's files, hosts and nsswitch.conf "
     "under DIR",
     CLI_SECRET_NONE},
};

const struct cli_opttab cli_proxy_opttab = {proxy_optdefs,
                                            CLI_OPT_N(proxy_optdefs)};

static const struct cli_optdef common_optdefs[] = {
    {{"help", no_argument, NULL, 'h'}, NULL, "show this help", CLI_SECRET_NONE},
    {{"version", no_argument, NULL, 'V'},
     NULL,
     "show the versions of netcheck and its libraries",
     CLI_SECRET_NONE},
};

const struct cli_opttab cli_common_opttab = {common_optdefs,
                                             CLI_OPT_N(common_optdefs)};

int cli_opts_build(const struct cli_opttab *tabs, size_t n_tabs,
                   struct option *longopts, char *shortopts, size_t n_short)
{
    size_t t, i, n = 0, s = 0;

    if (n_short < 2)
        return NC_ELIMIT;
    shortopts[s++] = ':';
    for (t = 0; t < n_tabs; t++) {
        for (i = 0; i < tabs[t].n; i++) {
            const struct option *o = &tabs[t].defs[i].opt;

            if (n == CLI_OPTS_MAX || s + 3 > n_short)
                return NC_ELIMIT;
            longopts[n++] = *o;
            if (o->val > 0 && o->val < 256) {
                shortopts[s++] = (char)o->val;
                if (o->has_arg == required_argument)
                    shortopts[s++] = ':';
            }
        }
    }
    memset(&longopts[n], 0, sizeof(longopts[n]));
    shortopts[s] = '\0';
    return 0;
}

static const char *opts_help(const struct cli_optdef *d,
                             const struct cli_opthelp *over, size_t n_over)
{
    size_t i;

    for (i = 0; over != NULL && i < n_over; i++)
        if (strcmp(over[i].name, d->opt.name) == 0)
            return over[i].help;
    return d->help;
}

void cli_opts_usage(FILE *out, const struct cli_opttab *tabs, size_t n_tabs,
                    const struct cli_opthelp *over, size_t n_over)
{
    size_t t, i;

    for (t = 0; t < n_tabs; t++) {
        for (i = 0; i < tabs[t].n; i++) {
            const struct cli_optdef *d = &tabs[t].defs[i];
            const char *sep = d->arg ? " " : "", *arg = d->arg ? d->arg : "";
            char lhs[64];

            if (d->opt.val > 0 && d->opt.val < 256)
                (void)snprintf(lhs, sizeof(lhs), "-%c, --%s%s%s", d->opt.val,
                               d->opt.name, sep, arg);
            else
                (void)snprintf(lhs, sizeof(lhs), "    --%s%s%s", d->opt.name,
                               sep, arg);
            fprintf(out, "  %-32s %s\n", lhs, opts_help(d, over, n_over));
        }
    }
}

/* getopt_long reports an unknown short option (also inside a cluster such as
 * "-qZ", where optind has not moved on yet) by optopt, and an unknown long
 * one with optopt 0 and optind past it. A missing value is always at the
 * end of the command line, so argv[optind - 1] is the option itself. */
void cli_opts_bad(const char *cmd, int c, char *const *argv, int optind_,
                  int optopt_)
{
    bool missing = c == ':';
    const char *what = missing ? "option needs a value" : "unknown option";
    const char *arg = argv[optind_ - 1];
    bool is_short = optopt_ > 0 && optopt_ < 256;

    if (is_short && (!missing || strncmp(arg, "--", 2) != 0))
        cli_err("%s '-%c' (see 'netcheck help %s')", what, optopt_, cmd);
    else
        cli_err("%s '%s' (see 'netcheck help %s')", what, arg, cmd);
}

static enum cli_secret proxy_opt_secret(int c)
{
    size_t i;

    for (i = 0; i < CLI_OPT_N(proxy_optdefs); i++)
        if (proxy_optdefs[i].opt.val == c)
            return proxy_optdefs[i].secret;
    return CLI_SECRET_NONE;
}

int cli_proxy_opt_apply(int c, char *arg, struct run_proxy_opts *px)
{
    enum cli_secret secret = proxy_opt_secret(c);
    const char **dst = NULL;

    switch (c) {
    case CLI_OPT_PROXY:
        dst = &px->proxy;
        break;
    case CLI_OPT_PROXY_USER:
        dst = &px->user;
        break;
    case CLI_OPT_NO_PROXY:
        px->no_proxy = true;
        return 1;
    case CLI_OPT_AS_SYSTEM:
        px->as_system = true;
        return 1;
    case CLI_OPT_UNIT:
        px->unit = arg;
        return 1;
    case CLI_OPT_ROOT:
        px->root = arg;
        return 1;
    default:
        return 0;
    }
    /* Both values are copies the caller frees with run_proxy_free_secret. */
    if (run_proxy_take_secret(dst, arg, secret == CLI_SECRET_URL) < 0) {
        cli_err("out of memory");
        return NC_ENOMEM;
    }
    return 1;
}

int cli_opts_parse(const char *cmd, const struct cli_opttab *tabs,
                   size_t n_tabs, int argc, char **argv, void (*usage)(FILE *),
                   struct run_proxy_opts *px, cli_opt_apply_fn own, void *ud)
{
    struct option longopts[CLI_OPTS_MAX + 1];
    char shortopts[CLI_SHORTOPTS_MAX];
    int c, r;

    if (cli_opts_build(tabs, n_tabs, longopts, shortopts, sizeof(shortopts)) <
        0)
        return -1;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return 1;
        }
        if (c == 'V') {
            cli_version_print(stdout);
            return 1;
        }
        if (c == ':' || c == '?') {
            cli_opts_bad(cmd, c, argv, optind, optopt);
            return -1;
        }
        r = cli_proxy_opt_apply(c, optarg, px);
        if (r == 0)
            r = own(c, optarg, ud);
        if (r < 0)
            return -1;
    }
    return 0;
}

/* Commands without options of their own see only -h and -V. */
static int opts_none(int c, char *arg, void *ud)
{
    (void)c;
    (void)arg;
    (void)ud;
    return -1;
}

int cli_opts_parse_common(const char *cmd, int argc, char **argv,
                          void (*usage)(FILE *))
{
    struct run_proxy_opts px;

    memset(&px, 0, sizeof(px));
    return cli_opts_parse(cmd, &cli_common_opttab, 1, argc, argv, usage, &px,
                          opts_none, NULL);
}
