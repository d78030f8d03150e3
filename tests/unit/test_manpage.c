/* The man page against the real tables: every option of every command's
 * option tables, every command, every problem code with its meaning and
 * action, and every exit status is in netcheck/man/netcheck.1.scd, and its
 * option sections hold no option the tables lack. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"
#include "opt.h"
#include "problem.h"

#define MAN_PAGE     NC_TEST_DATA "/../../../netcheck/man/netcheck.1.scd"
#define MAN_MAX      (256 * 1024)
#define SECTIONS_MAX 16

struct man {
    char *text;
};

static int man_setup(void **state)
{
    struct man *m = calloc(1, sizeof(*m));
    FILE *f = fopen(MAN_PAGE, "r");
    size_t n;

    assert_non_null(m);
    assert_non_null(f);
    m->text = malloc(MAN_MAX);
    assert_non_null(m->text);
    /* A leading newline lets every line be found as "\n" + its start. */
    m->text[0] = '\n';
    n = fread(m->text + 1, 1, MAN_MAX - 2, f);
    assert_true(n < MAN_MAX - 2);
    m->text[n + 1] = '\0';
    fclose(f);
    *state = m;
    return 0;
}

static int man_teardown(void **state)
{
    struct man *m = *state;

    free(m->text);
    free(m);
    return 0;
}

/* The body of "# TITLE" up to the next "# " heading, copied (caller
 * frees); fails the test when there is none. */
static char *man_section(const struct man *m, const char *title)
{
    char head[64], *start, *end, *out;
    size_t n;

    (void)snprintf(head, sizeof(head), "\n# %s\n", title);
    start = strstr(m->text, head);
    if (start == NULL)
        fail_msg("no section '# %s' in %s", title, MAN_PAGE);
    start += strlen(head) - 1;
    end = strstr(start, "\n# ");
    n = end != NULL ? (size_t)(end - start) : strlen(start);
    out = malloc(n + 2);
    assert_non_null(out);
    memcpy(out, start, n);
    out[n] = '\n';
    out[n + 1] = '\0';
    return out;
}

/* Where the man page documents a table of a command: the shared tables
 * once, a command's own ones in "CMD COMMAND OPTIONS". */
static void man_section_of(const struct nc_cmd *c, const struct cli_opttab *t,
                           char *buf, size_t n)
{
    size_t i;

    if (t->defs == cli_common_opttab.defs) {
        (void)snprintf(buf, n, "COMMON OPTIONS");
        return;
    }
    if (t->defs == cli_proxy_opttab.defs) {
        (void)snprintf(buf, n, "PROXY OPTIONS");
        return;
    }
    (void)snprintf(buf, n, "%s COMMAND OPTIONS", c->name);
    for (i = 0; buf[i] != '\0'; i++)
        buf[i] = (char)toupper((unsigned char)buf[i]);
}

/* The line "*-x, --name* ARG" (or "*--name* ARG"), ARG in scdoc markup:
 * without its '*', '_' and '\' it must read as the table's arg. */
static void man_check_opt(const char *section, const char *title,
                          const struct cli_optdef *d)
{
    char term[96], arg[96];
    const char *line, *p;
    size_t n = 0;

    if (d->opt.val > 0 && d->opt.val < 256)
        (void)snprintf(term, sizeof(term), "\n*-%c, --%s*", d->opt.val,
                       d->opt.name);
    else
        (void)snprintf(term, sizeof(term), "\n*--%s*", d->opt.name);
    line = strstr(section, term);
    if (line == NULL)
        fail_msg("'%s' is not in '# %s' of %s", term + 1, title, MAN_PAGE);
    for (p = line + strlen(term); *p != '\n' && n + 1 < sizeof(arg); p++)
        if (*p != '*' && *p != '_' && *p != '\\')
            arg[n++] = *p;
    arg[n] = '\0';
    if (strcmp(arg[0] == ' ' ? arg + 1 : arg, d->arg ? d->arg : "") != 0)
        fail_msg("'%s' in the man page takes '%s', the table '%s'", term + 1,
                 arg, d->arg ? d->arg : "");
}

/* Lines that document an option: "*-" at the start of a line. */
static size_t man_count_opts(const char *section)
{
    size_t n = 0;
    const char *p = section;

    while ((p = strstr(p, "\n*-")) != NULL) {
        n++;
        p++;
    }
    return n;
}

static void test_options(void **state)
{
    const struct man *m = *state;
    struct {
        char title[64];
        const struct cli_optdef *seen[CLI_OPTS_MAX];
        size_t n;
    } secs[SECTIONS_MAX];
    size_t n_secs = 0, n_cmds, i, t, k, s, j;
    const struct nc_cmd *cmds = cli_commands(&n_cmds);

    assert_true(n_cmds >= 4);
    for (i = 0; i < n_cmds; i++) {
        struct cli_opttab tabs[CLI_TABS_MAX];
        size_t n_tabs = cmds[i].opttabs(tabs);

        assert_true(n_tabs >= 1 && n_tabs <= CLI_TABS_MAX);
        for (t = 0; t < n_tabs; t++) {
            char title[64], *body;

            man_section_of(&cmds[i], &tabs[t], title, sizeof(title));
            body = man_section(m, title);
            for (k = 0; k < tabs[t].n; k++)
                man_check_opt(body, title, &tabs[t].defs[k]);
            free(body);
            /* Remember each option once per section, to count them. */
            for (s = 0; s < n_secs && strcmp(secs[s].title, title); s++)
                ;
            if (s == n_secs) {
                assert_true(n_secs < SECTIONS_MAX);
                (void)snprintf(secs[s].title, sizeof(secs[s].title), "%s",
                               title);
                secs[s].n = 0;
                n_secs++;
            }
            for (k = 0; k < tabs[t].n; k++) {
                for (j = 0; j < secs[s].n; j++)
                    if (secs[s].seen[j] == &tabs[t].defs[k])
                        break;
                if (j == secs[s].n) {
                    assert_true(secs[s].n < CLI_OPTS_MAX);
                    secs[s].seen[secs[s].n++] = &tabs[t].defs[k];
                }
            }
        }
    }
    /* No stale option: each section documents exactly the tables' ones. */
    for (s = 0; s < n_secs; s++) {
        char *body = man_section(m, secs[s].title);
        size_t got = man_count_opts(body);

        free(body);
        if (got != secs[s].n)
            fail_msg("'# %s' documents %zu options, the tables have %zu",
                     secs[s].title, got, secs[s].n);
    }
}

static void test_commands(void **state)
{
    const struct man *m = *state;
    char *body = man_section(m, "COMMANDS");
    size_t n_cmds, i;
    const struct nc_cmd *cmds = cli_commands(&n_cmds);

    for (i = 0; i < n_cmds; i++) {
        char term[64];

        (void)snprintf(term, sizeof(term), "\n*%s*", cmds[i].name);
        if (strstr(body, term) == NULL)
            fail_msg("command '%s' is not in '# COMMANDS'", cmds[i].name);
    }
    free(body);
}

/* Lower case, every run of blanks one space. */
static void man_normalize(const char *in, size_t len, char *out, size_t n)
{
    size_t i, o = 0;
    bool space = false;

    for (i = 0; i < len && o + 1 < n; i++) {
        if (isspace((unsigned char)in[i])) {
            space = o > 0;
            continue;
        }
        if (space && o + 2 < n)
            out[o++] = ' ';
        space = false;
        out[o++] = (char)tolower((unsigned char)in[i]);
    }
    out[o] = '\0';
}

static void test_problems(void **state)
{
    const struct man *m = *state;
    char *body = man_section(m, "PROBLEM CODES");
    int p;

    for (p = 1; p < NC_PROBLEM_MAX; p++) {
        char term[64], entry[2048], want[1024];
        const char *start, *end;

        (void)snprintf(term, sizeof(term), "\n*%s*\n",
                       problem_code((enum nc_problem)p));
        start = strstr(body, term);
        if (start == NULL)
            fail_msg("problem code '%s' is not in '# PROBLEM CODES'",
                     problem_code((enum nc_problem)p));
        start += strlen(term);
        end = strstr(start, "\n*");
        if (end == NULL)
            end = start + strlen(start);
        man_normalize(start, (size_t)(end - start), entry, sizeof(entry));
        man_normalize(problem_meaning((enum nc_problem)p),
                      strlen(problem_meaning((enum nc_problem)p)), want,
                      sizeof(want));
        if (strstr(entry, want) == NULL)
            fail_msg("'%s': the man page does not say '%s'",
                     problem_code((enum nc_problem)p), want);
        man_normalize(problem_action((enum nc_problem)p),
                      strlen(problem_action((enum nc_problem)p)), want,
                      sizeof(want));
        if (strstr(entry, want) == NULL)
            fail_msg("'%s': the man page's action is not '%s'",
                     problem_code((enum nc_problem)p), want);
    }
    free(body);
}

static void test_exit_status(void **state)
{
    const struct man *m = *state;
    char *body = man_section(m, "EXIT STATUS");
    const int codes[] = {NC_EXIT_PASS, NC_EXIT_FAIL, NC_EXIT_USAGE,
                         NC_EXIT_INTERNAL};
    size_t i;

    for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        char term[16];

        (void)snprintf(term, sizeof(term), "\n*%d*\n", codes[i]);
        if (strstr(body, term) == NULL)
            fail_msg("exit status %d is not in '# EXIT STATUS'", codes[i]);
    }
    free(body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_commands),
        cmocka_unit_test(test_problems),
        cmocka_unit_test(test_exit_status),
    };

    return cmocka_run_group_tests(tests, man_setup, man_teardown);
}
