/* The word-list values: Environment= (system.conf's and a unit's
 * specifiers), PassEnvironment=, UnsetEnvironment=, the kernel command
 * line, specifier expansion and unit names. The first byte picks one, the
 * rest (up to a NUL) is the value. Only valid entries ever come out, and
 * assignments written back with quotes and C escapes read back the same. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "sysenv.h"
#include "sysenv_int.h"

static void check_env(const struct nc_env *env)
{
    size_t i;

    for (i = 0; i < env->n; i++)
        FUZZ_CHECK(sysenv_env_assignment_valid(env->vars[i]));
}

/* "NAME=value" as one quoted word that applies to the same assignment. */
static void quote(const char *a, struct fuzz_buf *b)
{
    const unsigned char *p = (const unsigned char *)a;

    fuzz_buf_add(b, "\"");
    for (; *p != '\0'; p++) {
        if (*p == '\\' || *p == '"')
            fuzz_buf_add(b, "\\%c", *p);
        else if (*p == '%')
            fuzz_buf_add(b, "%%%%");
        else if (*p < 0x20 || *p >= 0x7f)
            fuzz_buf_add(b, "\\x%02x", *p);
        else
            fuzz_buf_add(b, "%c", *p);
    }
    fuzz_buf_add(b, "\" ");
}

static void assignments(const char *s, const struct sysenv_spec *spec)
{
    struct nc_env env = {NULL, 0}, again = {NULL, 0};
    struct fuzz_buf b = {NULL, 0, 0};
    size_t i;

    FUZZ_CHECK(sysenv_assignments_apply_ex(s, &env, spec, NULL, "a", 1) == 0);
    check_env(&env);
    if (*s == '\0')
        FUZZ_CHECK(env.n == 0);
    fuzz_buf_add(&b, "%s", "");
    for (i = 0; i < env.n; i++)
        quote(env.vars[i], &b);
    if (b.len > 0) {
        FUZZ_CHECK(
            sysenv_assignments_apply_ex(b.p, &again, spec, NULL, "b", 1) == 0);
        FUZZ_CHECK(again.n == env.n);
        for (i = 0; i < env.n; i++)
            FUZZ_CHECK(strcmp(again.vars[i], env.vars[i]) == 0);
    }
    fuzz_buf_release(&b);
    env_release(&again);
    env_release(&env);
}

static void lists(const char *s, enum sysenv_list_kind kind,
                  const struct sysenv_spec *spec)
{
    struct sysenv_list l = {NULL, 0};
    struct nc_env env = {NULL, 0};
    size_t i, j;

    FUZZ_CHECK(sysenv_list_apply(s, kind, &l, spec, NULL, "l", 1) == 0);
    for (i = 0; i < l.n; i++) {
        const char *e = l.v[i];

        FUZZ_CHECK(
            sysenv_env_name_valid(e, strlen(e)) ||
            (kind == SYSENV_LIST_UNSET && sysenv_env_assignment_valid(e)));
        for (j = 0; j < i; j++)
            FUZZ_CHECK(strcmp(l.v[i], l.v[j]) != 0);
    }
    (void)sysenv_assignments_apply_ex(s, &env, spec, NULL, "e", 1);
    sysenv_env_unset(&env, &l);
    for (i = 0; i < l.n; i++)
        if (strchr(l.v[i], '=') == NULL)
            FUZZ_CHECK(env_get(&env, l.v[i]) == NULL);
    check_env(&env);
    env_release(&env);
    sysenv_list_release(&l);
}

static void names(const char *s)
{
    char out[SYSENV_UNIT_NAME_MAX], cg[1024];
    struct nc_diag d;

    if (sysenv_unit_name_normalize(s, out, sizeof(out), &d) != 0) {
        FUZZ_CHECK(d.msg[0] != '\0');
        return;
    }
    FUZZ_CHECK(sysenv_unit_name_valid(out) && strchr(out, '/') == NULL);
    if (sysenv_unit_cgroup_path(out, NULL, cg, sizeof(cg)) == 0)
        FUZZ_CHECK(cg[0] != '/' && strstr(cg, "/../") == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sysenv_spec spec;
    struct nc_env env = {NULL, 0};
    char *s, *out = NULL, bad = 0, kept = 0;
    int r;

    if (size == 0)
        return 0;
    s = fuzz_cstr(data + 1, size - 1);
    memset(&spec, 0, sizeof(spec));
    FUZZ_CHECK(sysenv_spec_init_unit(&spec, "fuzz-a@b.service",
                                     "/etc/systemd/system/fuzz-a@.service") ==
               0);
    switch (data[0] % 7) {
    case 0:
        assignments(s, NULL);
        break;
    case 1:
        assignments(s, &spec);
        break;
    case 2:
        lists(s, SYSENV_LIST_PASS, data[0] & 0x80 ? &spec : NULL);
        break;
    case 3:
        lists(s, SYSENV_LIST_UNSET, data[0] & 0x80 ? &spec : NULL);
        break;
    case 4:
        FUZZ_CHECK(sysenv_cmdline_apply(s, strlen(s), &env, NULL, "c") == 0);
        check_env(&env);
        env_release(&env);
        break;
    case 5:
        r = sysenv_spec_expand(data[0] & 0x80 ? &spec : NULL, s, &out, &bad,
                               &kept);
        FUZZ_CHECK(r == 0 || r == NC_EPARSE);
        if (r == 0 && strchr(s, '%') == NULL)
            FUZZ_CHECK(strcmp(out, s) == 0 && kept == 0);
        if (r != 0)
            FUZZ_CHECK(out == NULL && bad != 0);
        nc_free(out);
        break;
    default:
        names(s);
        break;
    }
    sysenv_spec_release(&spec);
    nc_free(s);
    return 0;
}
