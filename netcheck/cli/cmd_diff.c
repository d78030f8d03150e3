/* netcheck diff BEFORE.json AFTER.json: what changed between two reports
 * (a firewall change, a change window), regressions first. */
#include <getopt.h>
#include <stdbool.h>
#include <string.h>

#include "cli.h"
#include "diff_out.h"
#include "msg.h"
#include "opt.h"
#include "report.h"

enum diff_opt {
    OPT_FORMAT = CLI_OPT_CMD,
};

static const struct cli_optdef diff_optdefs[] = {
    {{"format", required_argument, NULL, OPT_FORMAT},
     "text|json|junit",
     "output format (default text)",
     CLI_SECRET_NONE},
    {{"output", required_argument, NULL, 'o'},
     "FILE|-",
     "write the changes to FILE ('-': standard output)",
     CLI_SECRET_NONE},
    {{"quiet", no_argument, NULL, 'q'},
     NULL,
     "nothing on standard output; the exit status says it all",
     CLI_SECRET_NONE},
};

size_t cmd_diff_opttabs(struct cli_opttab *tabs)
{
    tabs[0] = (struct cli_opttab){diff_optdefs, CLI_OPT_N(diff_optdefs)};
    tabs[1] = cli_common_opttab;
    return 2;
}

void cmd_diff_usage(FILE *out)
{
    struct cli_opttab tabs[CLI_TABS_MAX];
    size_t n_tabs = cmd_diff_opttabs(tabs);

    fputs("usage: netcheck diff [options] BEFORE.json AFTER.json\n\n"
          "Compares two JSON reports of 'netcheck run --format json' (or\n"
          "fleet reports): checks newly failing (regressions), fixed, failing\n"
          "differently or no longer verified; addresses that appeared,\n"
          "disappeared, left the allowed ranges, changed service tag or\n"
          "route; the proxy in force and the clock warning. Either report\n"
          "may be '-', standard input.\n\n"
          "options:\n",
          out);
    cli_opts_usage(out, tabs, n_tabs, NULL, 0);
    fputs("\nexit status: 0 no regression; 1 at least one regression; 2 usage\n"
          "or input error, or reports of different profiles (compared as far\n"
          "as names match); 3 internal error\n",
          out);
}

static int diff_apply_opt(int c, char *arg, void *ud)
{
    struct diff_out *o = ud;

    switch (c) {
    case OPT_FORMAT:
        if (report_format_parse(arg, &o->format) < 0 ||
            o->format == NC_FORMAT_PROMETHEUS) {
            cli_err("invalid --format '%s': want text, json or junit", arg);
            return -1;
        }
        return 0;
    default:
        return diff_out_opt(o, c, arg);
    }
}

int cmd_diff(int argc, char **argv)
{
    struct cli_opttab tabs[CLI_TABS_MAX];
    size_t n_tabs = cmd_diff_opttabs(tabs);
    struct nc_snapshot *before = NULL, *after = NULL;
    struct run_proxy_opts px;
    struct diff_out o;
    FILE *f = NULL;
    int r, status;

    memset(&px, 0, sizeof(px));
    memset(&o, 0, sizeof(o));
    r = cli_opts_parse("diff", tabs, n_tabs, argc, argv, cmd_diff_usage, &px,
                       diff_apply_opt, &o);
    if (r != 0)
        return r > 0 ? NC_EXIT_PASS : NC_EXIT_USAGE;
    if (argc - optind != 2) {
        cli_err("diff takes two reports: BEFORE.json AFTER.json");
        return NC_EXIT_USAGE;
    }
    if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0) {
        cli_err("standard input ('-') can feed only one of the reports");
        return NC_EXIT_USAGE;
    }
    if (diff_out_check(&o) != 0)
        return NC_EXIT_USAGE;
    status = diff_out_load(argv[optind], &before);
    if (status == 0)
        status = diff_out_load(argv[optind + 1], &after);
    if (status != 0)
        goto out;
    f = diff_out_open(&o);
    if (o.output != NULL && f == NULL) {
        status = NC_EXIT_USAGE;
        goto out;
    }
    status = diff_out_emit(before, after, &o, f);
out:
    snapshot_free(before);
    snapshot_free(after);
    return status;
}
