/* Option tables (curl's tool_listhelp idea): one table per command, and
 * one shared table for the proxy options `run` and `proxy` both take.
 * A command's tables drive getopt_long, its help text and which arguments
 * hold a secret to blank in argv. */
#ifndef NC_CLI_OPT_H
#define NC_CLI_OPT_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

#include "run_proxy.h"

/* getopt_long values of the shared proxy options; a command's own long
 * options without a short form start at CLI_OPT_CMD. */
enum cli_opt_proxy {
    CLI_OPT_PROXY = 256,
    CLI_OPT_NO_PROXY,
    CLI_OPT_PROXY_USER,
    CLI_OPT_AS_SYSTEM,
    CLI_OPT_UNIT,
    CLI_OPT_ROOT,
    CLI_OPT_CMD = 300
};

/* What an option's argument may hide from ps(1). */
enum cli_secret {
    CLI_SECRET_NONE = 0,
    CLI_SECRET_URL,      /* the password of a URL's userinfo */
    CLI_SECRET_USERPASS, /* the PASS of USER:PASS */
    CLI_SECRET_MAX
};

struct cli_optdef {
    struct option opt;
    const char *arg;  /* the value's name in the help, or NULL */
    const char *help; /* one line */
    enum cli_secret secret;
};

/* One table of a command, in the order the help lists them. */
struct cli_opttab {
    const struct cli_optdef *defs;
    size_t n;
};

/* A help line a command words differently from the table it borrows. */
struct cli_opthelp {
    const char *name;
    const char *help;
};

#define CLI_OPT_N(a)      (sizeof(a) / sizeof((a)[0]))
#define CLI_OPTS_MAX      64
#define CLI_SHORTOPTS_MAX 64

/*! The six proxy options (--proxy, --no-proxy, --proxy-user, --as-system,
 *  --unit, --root) that `run` and `proxy` share. */
extern const struct cli_opttab cli_proxy_opttab;

/*! -h/--help and -V/--version, which every command takes (last in its
 *  help). */
extern const struct cli_opttab cli_common_opttab;

/*! Fill longopts (room for CLI_OPTS_MAX + 1, zero-terminated) and the
 *  getopt short-option string (":" first, so a missing value is ':') from
 *  the tables.  \return 0, or NC_ELIMIT when they do not fit */
int cli_opts_build(const struct cli_opttab *tabs, size_t n_tabs,
                   struct option *longopts, char *shortopts, size_t n_short);

/*! Print the tables' options, one "  -x, --name ARG   help" line each;
 *  over (may be NULL) rewords some lines for this command. */
void cli_opts_usage(FILE *out, const struct cli_opttab *tabs, size_t n_tabs,
                    const struct cli_opthelp *over, size_t n_over);

/*! Say what was wrong with an option getopt_long rejected (':' for a
 *  missing value, else unknown), naming the command's help. */
void cli_opts_bad(const char *cmd, int c, char *const *argv, int optind_,
                  int optopt_);

/*! Apply one of the shared proxy options to px; a secret value is copied
 *  and blanked in argv (the table says which).
 *  \return 1 when c is a proxy option, 0 when it is not, or NC_ENOMEM
 *  (said on stderr) */
int cli_proxy_opt_apply(int c, char *arg, struct run_proxy_opts *px);

/*! A command's own options: c as getopt_long returned it.
 *  \return 0 when applied, or -1 after saying what is wrong */
typedef int (*cli_opt_apply_fn)(int c, char *arg, void *ud);

/*! The getopt_long loop of a command over its tables: -h prints usage to
 *  stdout, -V the versions (cli_version_print), a rejected option is said
 *  (cli_opts_bad), the shared proxy options go to px, every other one to
 *  own.
 *  \return 0 with optind at the first operand, 1 after --help or
 *  --version, or -1 for
 *  a usage error (said on stderr) */
int cli_opts_parse(const char *cmd, const struct cli_opttab *tabs,
                   size_t n_tabs, int argc, char **argv, void (*usage)(FILE *),
                   struct run_proxy_opts *px, cli_opt_apply_fn own, void *ud);

/*! cli_opts_parse for a command whose only options are -h and -V
 *  (cli_common_opttab).  \return as cli_opts_parse */
int cli_opts_parse_common(const char *cmd, int argc, char **argv,
                          void (*usage)(FILE *));

#endif
