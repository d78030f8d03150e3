/* netcheck profiles: list the built-in profiles with their titles. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "profile.h"

void cmd_profiles_usage(FILE *out)
{
    fputs("usage: netcheck profiles\n\nLists the built-in profiles.\n", out);
}

int cmd_profiles(int argc, char **argv)
{
    const struct nc_builtin *b;
    size_t i, n;

    (void)argv;
    if (argc > 1) {
        cli_err("profiles takes no arguments");
        return NC_EXIT_USAGE;
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
