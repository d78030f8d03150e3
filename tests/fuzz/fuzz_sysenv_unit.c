/* sysenv_unit_parse_ex on a unit file: every assignment has a section, a
 * trimmed non-empty key and a trimmed single-line UTF-8 value; rendered
 * back as "[section]" and "key=value" lines it parses to the same list;
 * an error names the file and line. Environment=, PassEnvironment= and
 * UnsetEnvironment= values then only ever yield valid entries. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "sysenv.h"
#include "sysenv_int.h"

#define WS " \t\n\r"

struct rec {
    char *section, *key, *value;
    unsigned line;
};

struct log {
    struct rec r[256];
    size_t n;
    unsigned last_line;
    struct sysenv_spec *spec;
    struct nc_env env;
    struct sysenv_list pass, unset;
};

static bool trimmed(const char *s)
{
    size_t n = strlen(s);

    return n == 0 || (strchr(WS, s[0]) == NULL && strchr(WS, s[n - 1]) == NULL);
}

static bool one_line(const char *s)
{
    return strpbrk(s, "\n\r") == NULL;
}

static void check_entries(const struct log *g)
{
    size_t i;

    for (i = 0; i < g->env.n; i++)
        FUZZ_CHECK(sysenv_env_assignment_valid(g->env.vars[i]));
    for (i = 0; i < g->pass.n; i++)
        FUZZ_CHECK(sysenv_env_name_valid(g->pass.v[i], strlen(g->pass.v[i])));
    for (i = 0; i < g->unset.n; i++)
        FUZZ_CHECK(
            sysenv_env_name_valid(g->unset.v[i], strlen(g->unset.v[i])) ||
            sysenv_env_assignment_valid(g->unset.v[i]));
}

static int record(void *ud, const char *section, const char *key,
                  const char *value, unsigned line)
{
    struct log *g = ud;
    struct rec *r;

    FUZZ_CHECK(section != NULL && key != NULL && value != NULL);
    FUZZ_CHECK(key[0] != '\0' && strchr(key, '=') == NULL);
    FUZZ_CHECK(trimmed(key) && trimmed(value));
    FUZZ_CHECK(one_line(section) && one_line(key) && one_line(value));
    FUZZ_CHECK(sysenv_utf8_valid(key) && sysenv_utf8_valid(value) &&
               sysenv_utf8_valid(section));
    FUZZ_CHECK(line > g->last_line);
    g->last_line = line;
    if (strcmp(key, "Environment") == 0)
        FUZZ_CHECK(sysenv_assignments_apply_ex(value, &g->env, g->spec, NULL,
                                               "f", line) == 0);
    else if (strcmp(key, "PassEnvironment") == 0)
        FUZZ_CHECK(sysenv_list_apply(value, SYSENV_LIST_PASS, &g->pass, g->spec,
                                     NULL, "f", line) == 0);
    else if (strcmp(key, "UnsetEnvironment") == 0)
        FUZZ_CHECK(sysenv_list_apply(value, SYSENV_LIST_UNSET, &g->unset,
                                     g->spec, NULL, "f", line) == 0);
    check_entries(g);
    if (g->n == sizeof(g->r) / sizeof(g->r[0]))
        return 0;
    r = &g->r[g->n++];
    r->section = nc_strdup(section);
    r->key = nc_strdup(key);
    r->value = nc_strdup(value);
    FUZZ_CHECK(r->section != NULL && r->key != NULL && r->value != NULL);
    r->line = line;
    return 0;
}

static void log_release(struct log *g)
{
    size_t i;

    for (i = 0; i < g->n; i++) {
        nc_free(g->r[i].section);
        nc_free(g->r[i].key);
        nc_free(g->r[i].value);
    }
    g->n = 0;
    env_release(&g->env);
    sysenv_list_release(&g->pass);
    sysenv_list_release(&g->unset);
}

/* Records that would not read back the same: a value ending in a
 * backslash continues the line, a key that looks like a comment, a section
 * header or a byte order mark is not a key any more. */
static bool renderable(const struct rec *r)
{
    size_t n = strlen(r->value);

    return !(n > 0 && r->value[n - 1] == '\\') &&
           strchr("#;[", r->key[0]) == NULL &&
           strncmp(r->key, "\xef\xbb\xbf", 3) != 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sysenv_spec spec;
    struct log *g = nc_calloc(2, sizeof(*g));
    struct fuzz_buf b = {NULL, 0, 0};
    struct nc_diag d;
    size_t i, k;
    int r;

    FUZZ_CHECK(g != NULL);
    memset(&spec, 0, sizeof(spec));
    FUZZ_CHECK(sysenv_spec_init_unit(&spec, "fuzz@inst.service",
                                     "/usr/lib/systemd/system/fuzz@.service") ==
               0);
    g[0].spec = &spec;
    memset(&d, 0, sizeof(d));
    r = sysenv_unit_parse_buf((const char *)data, size, "f", record, &g[0], &d);
    FUZZ_CHECK(r == 0 || r == NC_EPARSE || r == NC_ELIMIT);
    if (r != 0)
        FUZZ_CHECK(strcmp(d.file, "f") == 0 && d.line >= 1 && d.msg[0] != 0);

    /* Render what was read and read it again. */
    fuzz_buf_add(&b, "%s", "");
    for (i = 0; i < g[0].n; i++)
        if (renderable(&g[0].r[i]))
            fuzz_buf_add(&b, "[%s]\n%s=%s\n", g[0].r[i].section, g[0].r[i].key,
                         g[0].r[i].value);
    FUZZ_CHECK(sysenv_unit_parse_buf(b.p, b.len, "g", record, &g[1], &d) == 0);
    for (i = 0, k = 0; i < g[0].n; i++) {
        if (!renderable(&g[0].r[i]))
            continue;
        FUZZ_CHECK(k < g[1].n);
        FUZZ_CHECK(strcmp(g[0].r[i].section, g[1].r[k].section) == 0);
        FUZZ_CHECK(strcmp(g[0].r[i].key, g[1].r[k].key) == 0);
        FUZZ_CHECK(strcmp(g[0].r[i].value, g[1].r[k].value) == 0);
        k++;
    }
    FUZZ_CHECK(k == g[1].n);
    fuzz_buf_release(&b);
    log_release(&g[0]);
    log_release(&g[1]);
    sysenv_spec_release(&spec);
    nc_free(g);
    return 0;
}
