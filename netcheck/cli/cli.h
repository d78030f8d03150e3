/* Subcommand table and dispatch (git's commands[], iproute2's cmds[]). */
#ifndef NC_CLI_H
#define NC_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "opt.h"

/* Exit statuses: stable API, documented in README and --help. */
#define NC_EXIT_PASS     0
#define NC_EXIT_FAIL     1
#define NC_EXIT_USAGE    2
#define NC_EXIT_INTERNAL 3

/* The most option tables one command has (its own, the proxy ones, the
 * rest of its own, the common ones). */
#define CLI_TABS_MAX 4

struct nc_cmd {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
    void (*usage)(FILE *out);
    /* Fill tabs (room for CLI_TABS_MAX) with the command's option tables,
     * in the order its help lists them.  \return how many */
    size_t (*opttabs)(struct cli_opttab *tabs);
};

/*! The command table, for the documentation checks (man page, completion).
 *  \param n set to the number of commands  \return the table */
const struct nc_cmd *cli_commands(size_t *n);

/*! Print the versions of netcheck, the libraries it runs on and the JSON
 *  schema, in curl -V's style (README "Install"). */
void cli_version_print(FILE *out);

#ifdef NETCHECK_UNITTESTS
#include "libver.h"
/*! The --version text from the libraries' rows (a row's empty version is
 *  left out of its line) and libcurl's TLS library ("" for none). */
void version_write(FILE *out, const struct nc_libver *libs, size_t n,
                   const char *curl_tls);

/*! Parse argv as `netcheck run` / `netcheck proxy` would (argv[0] the
 *  command's name), then free what parsing kept; nothing runs.
 *  \return 0, 1 after --help or --version, or -1 for a usage error */
int cmd_run_parse_only(int argc, char **argv);
int cmd_proxy_parse_only(int argc, char **argv);
#endif

/*! Run the subcommand named in argv[1] (exact match, never a prefix).
 *  \return the process exit status */
int cli_dispatch(int argc, char **argv);

int cmd_run(int argc, char **argv);
void cmd_run_usage(FILE *out);
size_t cmd_run_opttabs(struct cli_opttab *tabs);
int cmd_diff(int argc, char **argv);
void cmd_diff_usage(FILE *out);
size_t cmd_diff_opttabs(struct cli_opttab *tabs);
int cmd_merge(int argc, char **argv);
void cmd_merge_usage(FILE *out);
size_t cmd_merge_opttabs(struct cli_opttab *tabs);
int cmd_profiles(int argc, char **argv);
void cmd_profiles_usage(FILE *out);
size_t cmd_profiles_opttabs(struct cli_opttab *tabs);
int cmd_proxy(int argc, char **argv);
void cmd_proxy_usage(FILE *out);
size_t cmd_proxy_opttabs(struct cli_opttab *tabs);

#endif
