/* netcheck profiles [NAME]: list the built-in profiles with their titles,
 * or print one, to copy and adapt (the private-endpoint template needs the
 * vault's own host names). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "msg.h"
#include "opt.h"
#include "profile.h"

/* profiles has only the options every command has. */
size_t cmd_profiles_opttabs(struct cli_opttab *tabs)
{
    tabs[0] = cli_common_opttab;
    return 1;
}

void cmd_profiles_usage(FILE *out)
{
    struct cli_opttab tabs[CLI_TABS_MAX];
    size_t n_tabs = cmd_profiles_opttabs(tabs);

    fputs("usage: netcheck profiles [NAME]\n\n"
          "Lists the built-in profiles; with NAME, prints that profile's INI\n"
          "text (to copy, adapt and run with -p FILE), with the [region]\n"
          "sections 'run --region NAME' chooses from.\n\n"
          "options:\n",
          out);
    cli_opts_usage(out, tabs, n_tabs, NULL, 0);
}

int cmd_profiles(int argc, char **argv)
{
    const struct nc_builtin *b;
    size_t i, n;
    int r = cli_opts_parse_common("profiles", argc, argv, cmd_profiles_usage);

    if (r != 0)
        return r > 0 ? NC_EXIT_PASS : NC_EXIT_USAGE;
    argc -= optind - 1;
    argv += optind - 1;
    if (argc > 2) {
        cli_err("profiles takes at most one profile name");
        return NC_EXIT_USAGE;
    }
    if (argc == 2) {
        b = profile_builtin_find(argv[1]);
        if (b == NULL) {
            const struct nc_builtin *near = profile_builtin_nearest(argv[1]);

            if (near != NULL)
                cli_err("unknown profile '%s'; did you mean '%s'?", argv[1],
                        near->name);
            else
                cli_err("unknown profile '%s' (see 'netcheck profiles')",
                        argv[1]);
            return NC_EXIT_USAGE;
        }
        if (fwrite(b->text, 1, b->len, stdout) != b->len)
            return NC_EXIT_INTERNAL;
        return NC_EXIT_PASS;
    }
    b = profile_builtins(&n);
    for (i = 0; i < n; i++) {
        struct nc_profile *p = NULL;
        struct nc_diag d;

        memset(&d, 0, sizeof(d));
        if (profile_parse_buf(b[i].text, b[i].len, b[i].name, &p, &d) < 0) {
            cli_print_diag(&d);
            return NC_EXIT_INTERNAL;
        }
        printf("%-32s %s\n", b[i].name, p->title ? p->title : "");
        profile_free(p);
    }
    return NC_EXIT_PASS;
}
