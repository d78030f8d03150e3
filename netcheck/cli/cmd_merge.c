/* netcheck merge REPORT.json...: the reports of many hosts (the fleet
 * playbook fetches them) as one: a row per host and the failures hosts
 * share. Reading and checking is snapshot_read's, grouping fleet.c's. */
#include <getopt.h>
#include <stdbool.h>
#include <string.h>

#include "cli.h"
#include "diff_out.h"
#include "fleet.h"
#include "msg.h"
#include "nc.h"
#include "opt.h"
#include "report.h"

enum merge_opt {
    OPT_FORMAT = CLI_OPT_CMD,
};

static const struct cli_optdef merge_optdefs[] = {
    {{"format", required_argument, NULL, OPT_FORMAT},
     "text|json|junit|prometheus",
     "output format (default text)",
     CLI_SECRET_NONE},
    {{"output", required_argument, NULL, 'o'},
     "FILE|-",
     "write the merged report to FILE ('-': standard output)",
     CLI_SECRET_NONE},
    {{"quiet", no_argument, NULL, 'q'},
     NULL,
     "nothing on standard output; the exit status says it all",
     CLI_SECRET_NONE},
};

size_t cmd_merge_opttabs(struct cli_opttab *tabs)
{
    tabs[0] = (struct cli_opttab){merge_optdefs, CLI_OPT_N(merge_optdefs)};
    tabs[1] = cli_common_opttab;
    return 2;
}

void cmd_merge_usage(FILE *out)
{
    struct cli_opttab tabs[CLI_TABS_MAX];
    size_t n_tabs = cmd_merge_opttabs(tabs);

    fputs("usage: netcheck merge [options] REPORT.json...\n\n"
          "Merges JSON reports of 'netcheck run --format json' from many\n"
          "hosts (or fleet reports, flattened) into one fleet report: a row\n"
          "per host (its checks by status and its verdict), then the hosts\n"
          "grouped by the failure they share, a problem code with the proxy\n"
          "it went through or the check. One report may be '-', standard\n"
          "input. Every report must name its host, each host once.\n\n"
          "options:\n",
          out);
    cli_opts_usage(out, tabs, n_tabs, NULL, 0);
    fputs("\nexit status: 0 every host passed; 1 a host failed (a required\n"
          "check failed or could not run); 2 usage or input error (a host\n"
          "in two reports); 3 internal error\n",
          out);
}

static int merge_apply_opt(int c, char *arg, void *ud)
{
    struct diff_out *o = ud;

    switch (c) {
    case OPT_FORMAT:
        if (report_format_parse(arg, &o->format) < 0) {
            cli_err("invalid --format '%s': want text, json, junit or "
                    "prometheus",
                    arg);
            return -1;
        }
        return 0;
    default:
        return diff_out_opt(o, c, arg);
    }
}

static int merge_args_check(int n, char **files, struct diff_out *o)
{
    int i, n_stdin = 0;

    if (n < 1) {
        cli_err("merge takes one or more reports: REPORT.json...");
        return NC_EXIT_USAGE;
    }
    for (i = 0; i < n; i++)
        n_stdin += strcmp(files[i], "-") == 0;
    if (n_stdin > 1) {
        cli_err("standard input ('-') can feed only one of the reports");
        return NC_EXIT_USAGE;
    }
    return diff_out_check(o);
}

static int merge_write(const struct fleet *fl, const struct diff_out *o,
                       FILE *f)
{
    struct report_style style = {false};
    int rc;

    if (f == NULL && o->quiet)
        return 0;
    rc = report_fleet_write(o->format, f != NULL ? f : stdout, fl, &style);
    if (f != NULL && fclose(f) != 0 && rc == 0)
        rc = NC_EIO;
    if (rc != 0) {
        cli_err("cannot write the merged report: %s", nc_strerror(rc));
        return NC_EXIT_INTERNAL;
    }
    return 0;
}

static int merge_build(struct nc_snapshot **snaps, size_t n,
                       const struct diff_out *o, FILE *f)
{
    struct fleet fl;
    struct fleet_dup dup;
    int r;

    memset(&dup, 0, sizeof(dup));
    r = fleet_build((const struct nc_snapshot *const *)snaps, n, &fl, &dup);
    if (r == NC_EPARSE && dup.first == NULL)
        cli_err("%s: a report without \"host\": merged reports are told "
                "apart by their host",
                dup.second);
    else if (r == NC_EPARSE)
        cli_err("host '%s' is in two reports: %s and %s", dup.host, dup.first,
                dup.second);
    else if (r != 0)
        cli_err("cannot merge: %s", nc_strerror(r));
    if (r != 0) {
        if (f != NULL)
            (void)fclose(f);
        return r == NC_EPARSE ? NC_EXIT_USAGE : NC_EXIT_INTERNAL;
    }
    r = merge_write(&fl, o, f);
    if (r == 0)
        r = fl.n_failed > 0 ? NC_EXIT_FAIL : NC_EXIT_PASS;
    fleet_release(&fl);
    return r;
}

int cmd_merge(int argc, char **argv)
{
    struct cli_opttab tabs[CLI_TABS_MAX];
    size_t n_tabs = cmd_merge_opttabs(tabs), i, n = 0;
    struct nc_snapshot **snaps = NULL;
    struct run_proxy_opts px;
    struct diff_out o;
    FILE *f = NULL;
    int r, status = 0;

    memset(&px, 0, sizeof(px));
    memset(&o, 0, sizeof(o));
    r = cli_opts_parse("merge", tabs, n_tabs, argc, argv, cmd_merge_usage, &px,
                       merge_apply_opt, &o);
    if (r != 0)
        return r > 0 ? NC_EXIT_PASS : NC_EXIT_USAGE;
    r = merge_args_check(argc - optind, argv + optind, &o);
    if (r != 0)
        return r;
    n = (size_t)(argc - optind);
    snaps = nc_calloc(n, sizeof(struct nc_snapshot *));
    if (snaps == NULL) {
        cli_err("out of memory");
        return NC_EXIT_INTERNAL;
    }
    /* Only the JSON output passes the reports on whole: the others need
     * no copy of each report's text (a third of the time for 10,000). */
    for (i = 0; i < n && status == 0; i++)
        status = diff_out_load_ex(argv[optind + (int)i],
                                  o.format == NC_FORMAT_JSON, &snaps[i]);
    if (status == 0) {
        f = diff_out_open(&o);
        if (o.output != NULL && f == NULL)
            status = NC_EXIT_USAGE;
        else
            status = merge_build(snaps, n, &o, f);
    }
    for (i = 0; i < n; i++)
        snapshot_free(snaps[i]);
    nc_free(snaps);
    return status;
}
