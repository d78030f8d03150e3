#include "cli.h"

#include <string.h>

#include "msg.h"
#include "nc.h"

static int cmd_help(int argc, char **argv);
static void cmd_help_usage(FILE *out);

static const struct nc_cmd cmds[] = {
    {"run", cmd_run, "run a profile's checks (default: azure-backup-mars)",
     cmd_run_usage},
    {"diff", cmd_diff,
     "compare two JSON reports: what changed, regressions "
     "first",
     cmd_diff_usage},
    {"profiles", cmd_profiles, "list built-in profiles with their titles",
     cmd_profiles_usage},
    {"proxy", cmd_proxy,
     "show the proxy a client or a system service really uses",
     cmd_proxy_usage},
    {"help", cmd_help, "show help for a command", cmd_help_usage},
};

#define N_CMDS (sizeof(cmds) / sizeof(cmds[0]))

static void cli_usage(FILE *out)
{
    size_t i;

    fputs("usage: netcheck run [options]\n"
          "       netcheck diff [options] BEFORE.json AFTER.json\n"
          "       netcheck profiles\n"
          "       netcheck proxy [options] [URL...]\n"
          "       netcheck --version | --help | help COMMAND\n\n"
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
          "for reports of different profiles\n",
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

static void cmd_help_usage(FILE *out)
{
    fputs("usage: netcheck help [COMMAND]\n", out);
}

static int cmd_help(int argc, char **argv)
{
    const struct nc_cmd *c;

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
    if (strcmp(argv[1], "--version") == 0 && argc == 2) {
        printf("netcheck %s\n", NC_VERSION);
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
