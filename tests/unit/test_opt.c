/* cli/opt: the option tables build getopt's arrays and the help lines, and
 * the shared proxy table says which values are secrets to blank in argv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture_port.h"

#include "nc.h"
#include "opt.h"

/* Each shared option: its value, what px holds after, what argv shows. */
static void test_proxy_apply(void **state)
{
    static const struct {
        const char *name;
        const char *arg;
        const char *want_px;   /* the field's value after, "1" for a flag */
        const char *want_argv; /* argv after; up to the first NUL */
    } cases[] = {
        {"proxy", "http://u:pw@p.example:3128", "http://u:pw@p.example:3128",
         "http://u:"},
        {"proxy", "http://p.example:3128", "http://p.example:3128",
         "http://p.example:3128"},
        {"proxy-user", "agent:s3cret", "agent:s3cret", "agent:"},
        {"proxy-user", "agent", "agent", "agent"},
        {"no-proxy", NULL, "1", NULL},
        {"as-system", NULL, "1", NULL},
        {"unit", "mars.service", "mars.service", "mars.service"},
        {"root", "/srv/img", "/srv/img", "/srv/img"},
    };
    size_t i, j;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct run_proxy_opts px;
        char arg[64] = "";
        const char *got = NULL;
        int c = 0;

        for (j = 0; j < cli_proxy_opttab.n; j++)
            if (strcmp(cli_proxy_opttab.defs[j].opt.name, cases[i].name) == 0)
                c = cli_proxy_opttab.defs[j].opt.val;
        assert_true(c != 0);
        if (cases[i].arg != NULL)
            (void)snprintf(arg, sizeof(arg), "%s", cases[i].arg);
        memset(&px, 0, sizeof(px));
        assert_int_equal(cli_proxy_opt_apply(c, arg, &px), 1);
        if (strcmp(cases[i].name, "proxy") == 0)
            got = px.proxy;
        else if (strcmp(cases[i].name, "proxy-user") == 0)
            got = px.user;
        else if (strcmp(cases[i].name, "no-proxy") == 0)
            got = px.no_proxy ? "1" : NULL;
        else if (strcmp(cases[i].name, "as-system") == 0)
            got = px.as_system ? "1" : NULL;
        else if (strcmp(cases[i].name, "unit") == 0)
            got = px.unit;
        else
            got = px.root;
        if (got == NULL || strcmp(got, cases[i].want_px) != 0)
            fail_msg("case %zu: got '%s'", i, got ? got : "(null)");
        if (cases[i].want_argv != NULL && strcmp(arg, cases[i].want_argv) != 0)
            fail_msg("case %zu: argv shows '%s'", i, arg);
        run_proxy_free_secret(px.proxy);
        run_proxy_free_secret(px.user);
    }
    assert_int_equal(cli_proxy_opt_apply('p', NULL, NULL), 0);
}

static const struct cli_optdef own[] = {
    {{"profile", required_argument, NULL, 'p'},
     "NAME",
     "a profile",
     CLI_SECRET_NONE},
    {{"quiet", no_argument, NULL, 'q'}, NULL, "be quiet", CLI_SECRET_NONE},
    {{"format", required_argument, NULL, CLI_OPT_CMD},
     "F",
     "a format",
     CLI_SECRET_NONE},
};

static void test_build_and_usage(void **state)
{
    struct cli_opttab tabs[2];
    struct option longopts[CLI_OPTS_MAX + 1];
    char shortopts[CLI_SHORTOPTS_MAX], small[3], *buf = NULL;
    const struct cli_opthelp over[] = {{"root", "reworded"}};
    struct fx_mem m;
    size_t n = 0;
    FILE *f;

    (void)state;
    tabs[0] = (struct cli_opttab){own, CLI_OPT_N(own)};
    tabs[1] = cli_proxy_opttab;
    assert_int_equal(
        cli_opts_build(tabs, 2, longopts, shortopts, sizeof(shortopts)), 0);
    assert_string_equal(shortopts, ":p:q");
    while (longopts[n].name != NULL)
        n++;
    assert_int_equal(n, CLI_OPT_N(own) + cli_proxy_opttab.n);
    assert_string_equal(longopts[3].name, "proxy");
    assert_int_equal(cli_opts_build(tabs, 2, longopts, small, sizeof(small)),
                     NC_ELIMIT);
    f = fx_mem_open(&m);
    cli_opts_usage(f, tabs, 2, over, 1);
    buf = fx_mem_close(&m);
    assert_non_null(strstr(buf, "  -p, --profile NAME"));
    assert_non_null(
        strstr(buf, "      --format F                   a format\n"));
    assert_non_null(strstr(buf, "      --proxy-user USER[:PASS]     proxy "));
    assert_non_null(
        strstr(buf, "      --root DIR                   reworded\n"));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_proxy_apply),
        cmocka_unit_test(test_build_and_usage),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
