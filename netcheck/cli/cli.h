/* Subcommand table and dispatch (git's commands[], iproute2's cmds[]). */
#ifndef NC_CLI_H
#define NC_CLI_H

#include <stdio.h>

/* Exit statuses: stable API, documented in README and --help. */
#define NC_EXIT_PASS     0
#define NC_EXIT_FAIL     1
#define NC_EXIT_USAGE    2
#define NC_EXIT_INTERNAL 3

struct nc_cmd {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
    void (*usage)(FILE *out);
};

/*! Run the subcommand named in argv[1] (exact match, never a prefix).
 *  \return the process exit status */
int cli_dispatch(int argc, char **argv);

int cmd_run(int argc, char **argv);
void cmd_run_usage(FILE *out);
int cmd_diff(int argc, char **argv);
void cmd_diff_usage(FILE *out);
int cmd_profiles(int argc, char **argv);
void cmd_proxy_usage(FILE *out);
int cmd_proxy(int argc, char **argv);
void cmd_profiles_usage(FILE *out);

#endif
