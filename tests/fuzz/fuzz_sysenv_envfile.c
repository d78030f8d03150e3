/* sysenv_envfile_parse_ex, as systemd's load_env_file: a file is taken
 * whole or refused whole (env untouched), a NUL byte is always refused and
 * plain ASCII never is, only valid NAME=VALUE entries come out, and they
 * read back the same when written as NAME="..." lines. The lenient mode
 * (/etc/environment) refuses nothing. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "sysenv.h"
#include "sysenv_int.h"

static bool plain_ascii(const uint8_t *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] == 0 || p[i] >= 0x80)
            return false;
    return true;
}

static void check_valid(const struct nc_env *env)
{
    size_t i;

    for (i = 0; i < env->n; i++)
        FUZZ_CHECK(sysenv_env_assignment_valid(env->vars[i]));
}

/* NAME="value" with the four characters sh escapes inside "...". */
static void render(const struct nc_env *env, struct fuzz_buf *b)
{
    size_t i;

    fuzz_buf_add(b, "%s", "");
    for (i = 0; i < env->n; i++) {
        const char *v = strchr(env->vars[i], '=') + 1;

        fuzz_buf_add(b, "%.*s=\"", (int)(v - 1 - env->vars[i]), env->vars[i]);
        for (; *v != '\0'; v++)
            fuzz_buf_add(b, strchr("\"\\`$", *v) != NULL ? "\\%c" : "%c", *v);
        fuzz_buf_add(b, "\"\n");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    struct nc_env env = {NULL, 0}, again = {NULL, 0};
    struct fuzz_buf b = {NULL, 0, 0};
    struct sysenv_warnings w;
    struct nc_diag d;
    size_t i;
    int r;

    memset(&d, 0, sizeof(d));
    memset(&w, 0, sizeof(w));
    FUZZ_CHECK(env_set(&env, "PRE", "1") == 0);
    r = sysenv_envfile_parse_ex(buf, size, "e", 0, &env, &w, &d);
    FUZZ_CHECK(r == 0 || r == NC_EPARSE || r == NC_ELIMIT);
    if (memchr(data, 0, size) != NULL)
        FUZZ_CHECK(r == NC_EPARSE);
    if (plain_ascii(data, size))
        FUZZ_CHECK(r != NC_EPARSE);
    if (r != 0) {
        FUZZ_CHECK(env.n == 1 && strcmp(env.vars[0], "PRE=1") == 0);
        FUZZ_CHECK(strcmp(d.file, "e") == 0 && d.msg[0] != '\0');
    }
    check_valid(&env);

    render(&env, &b);
    FUZZ_CHECK(
        sysenv_envfile_parse_ex(b.p, b.len, "r", 0, &again, NULL, NULL) == 0);
    FUZZ_CHECK(again.n == env.n);
    for (i = 0; i < env.n; i++)
        FUZZ_CHECK(strcmp(again.vars[i], env.vars[i]) == 0);
    fuzz_buf_release(&b);
    env_release(&again);
    env_release(&env);

    r = sysenv_envfile_parse_ex(buf, size, "l", SYSENV_ENVFILE_LENIENT, &env,
                                NULL, NULL);
    FUZZ_CHECK(r == 0 || r == NC_ELIMIT);
    check_valid(&env);
    env_release(&env);
    return 0;
}
