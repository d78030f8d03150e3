#include "cli.h"

#include <string.h>

#include "msg.h"
#include "nc.h"
#include "opt.h"

static int cmd_help(int argc, char **argv);
static void cmd_help_usage(FILE *out);
static int cmd_version(int argc, char **argv);
static void cmd_version_usage(FILE *out);
static size_t cli_common_opttabs(struct cli_opttab *tabs);

static const struct nc_cmd cmds[] = {
    {"run", cmd_run, "run a profile's checks (default: azure-backup-mars)",
     cmd_run_usage, cmd_run_opttabs},
    {"diff", cmd_diff,
     "compare two JSON reports: what changed, regressions "
     "first",
     cmd_diff_usage, cmd_diff_opttabs},
    {"merge", cmd_merge,
     "merge JSON reports of many hosts into one, hosts grouped by failure",
     cmd_merge_usage, cmd_merge_opttabs},
    {"profiles", cmd_profiles, "list built-in profiles with their titles",
     cmd_profiles_usage, cmd_profiles_opttabs},
    {"proxy", cmd_proxy,
     "show the proxy a client or a system service really uses", cmd_proxy_usage,
     cmd_proxy_opttabs},
    {"version", cmd_version,
     "show the versions of netcheck, its libraries and the JSON schema",
     cmd_version_usage, cli_common_opttabs},
    {"help", cmd_help, "show help for a command", cmd_help_usage,
     cli_common_opttabs},
};

#define N_CMDS (sizeof(cmds) / sizeof(cmds[0]))

static void cli_usage(FILE *out)
{
    size_t i;

    fputs("usage: netcheck run [options]\n"
          "       netcheck diff [options] BEFORE.json AFTER.json\n"
          "       netcheck merge [options] REPORT.json...\n"
          "       netcheck profiles [NAME]\n"
          "       netcheck proxy [options] [URL...]\n"
          "       netcheck version | -V | --version\n"
          "       netcheck help [COMMAND] | --help [COMMAND]\n\n"
          "Checks that every endpoint a cloud agent needs is reachable\n"
          "through the path it will really use, and names the root cause of\n"
          "each failure.\n\ncommands:\n",
          out);
    for (i = 0; i < N_CMDS; i++)
        fprintf(out, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
    fputs("\nexit status:\n"
          "  0  every required check passed (warnings allowed)\n"
          "  1  a required check failed or could not run\n"
          "  2  usage or input error\n"
          "  3  internal error (out of memory, cannot write the report)\n"
          "diff and run --baseline: 0 no regression, 1 a regression, 2 also\n"
          "for reports of different profiles; merge: 0 every host passed,\n"
          "1 a host failed, 2 usage or input error (a host twice)\n",
          out);
}

static const struct nc_cmd *cli_find(const char *name)
{
    size_t i;

    for (i = 0; i < N_CMDS; i++)
        if (strcmp(cmds[i].name, name) == 0)
            return &cmds[i];
    return NULL;
}

const struct nc_cmd *cli_commands(size_t *n)
{
    *n = N_CMDS;
    return cmds;
}

/* help and version take only -h and -V. */
static size_t cli_common_opttabs(struct cli_opttab *tabs)
{
    tabs[0] = cli_common_opttab;
    return 1;
}

static void cmd_version_usage(FILE *out)
{
    struct cli_opttab tabs[CLI_TABS_MAX];
    size_t n_tabs = cli_common_opttabs(tabs);

    fputs("usage: netcheck version\n\n"
          "Shows the versions of netcheck, of the libraries it runs on "
          "(libcurl,\n"
          "OpenSSL, c-ares, jansson) and of the JSON report's schema, as\n"
          "'curl -V' does; -V or --version anywhere on a command line does "
          "the\nsame.\n\noptions:\n",
          out);
    cli_opts_usage(out, tabs, n_tabs, NULL, 0);
}

static int cmd_version(int argc, char **argv)
{
    int r = cli_opts_parse_common("version", argc, argv, cmd_version_usage);

    if (r != 0)
        return r > 0 ? NC_EXIT_PASS : NC_EXIT_USAGE;
    if (optind < argc) {
        cli_err("version takes no arguments");
        return NC_EXIT_USAGE;
    }
    cli_version_print(stdout);
    return NC_EXIT_PASS;
}

static void cmd_help_usage(FILE *out)
{
    struct cli_opttab tabs[CLI_TABS_MAX];
    size_t n_tabs = cli_common_opttabs(tabs);

    fputs("usage: netcheck help [COMMAND]\n\noptions:\n", out);
    cli_opts_usage(out, tabs, n_tabs, NULL, 0);
}

static int cmd_help(int argc, char **argv)
{
    const struct nc_cmd *c;
    int r = cli_opts_parse_common("help", argc, argv, cmd_help_usage);

    if (r != 0)
        return r > 0 ? NC_EXIT_PASS : NC_EXIT_USAGE;
    argc -= optind - 1;
    argv += optind - 1;
    if (argc < 2) {
        cli_usage(stdout);
        return NC_EXIT_PASS;
    }
    if (argc > 2) {
        cli_err("help takes one command name");
        return NC_EXIT_USAGE;
    }
    c = cli_find(argv[1]);
    if (c == NULL) {
        cli_err("unknown command '%s'", argv[1]);
        return NC_EXIT_USAGE;
    }
    c->usage(stdout);
    return NC_EXIT_PASS;
}

int cli_dispatch(int argc, char **argv)
{
    const struct nc_cmd *c;

    if (argc < 2) {
        cli_usage(stderr);
        return NC_EXIT_USAGE;
    }
    /* Before any command, as after one (each command's getopt loop). */
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        cli_version_print(stdout);
        return NC_EXIT_PASS;
    }
    /* "netcheck --help [COMMAND]" is "netcheck help [COMMAND]" (git). */
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return cmd_help(argc - 1, argv + 1);
    c = cli_find(argv[1]);
    if (c == NULL) {
        cli_err("unknown command '%s' (see 'netcheck --help')", argv[1]);
        return NC_EXIT_USAGE;
    }
    return c->fn(argc - 1, argv + 1);
}
