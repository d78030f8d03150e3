/* env_load_block over /proc/PID/environ, which the process itself can
 * rewrite: NUL-separated entries, those without '=' (or starting with it)
 * skipped. Whatever the bytes, the load ends in 0 or NC_ELIMIT (more than
 * NC_ENV_MAX_VARS names), every variable kept is NAME=VALUE with a
 * non-empty name, names are distinct, and after a full load each name
 * holds the value of its last entry in the block. */
#include <stdbool.h>
#include <string.h>

#include "env.h"
#include "fuzz.h"
#include "nc.h"

/* The value of the last entry named name (nlen bytes) in the block. */
static const char *last_value(const char *buf, size_t len, const char *name,
                              size_t nlen, size_t *vlen)
{
    const char *found = NULL;
    size_t off = 0;

    while (off < len) {
        size_t n = strnlen(buf + off, len - off);

        if (n > nlen && memcmp(buf + off, name, nlen) == 0 &&
            buf[off + nlen] == '=') {
            found = buf + off + nlen + 1;
            *vlen = n - nlen - 1;
        }
        off += n + 1;
    }
    return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    struct nc_env env = {NULL, 0};
    size_t i, j;
    int r;

    r = env_load_block(&env, buf, size);
    FUZZ_CHECK(r == 0 || r == NC_ELIMIT);
    FUZZ_CHECK(env.n <= NC_ENV_MAX_VARS);
    for (i = 0; i < env.n; i++) {
        const char *eq = strchr(env.vars[i], '=');
        size_t nlen, vlen = 0;
        const char *want;

        FUZZ_CHECK(eq != NULL && eq != env.vars[i]);
        nlen = (size_t)(eq - env.vars[i]);
        for (j = 0; j < i; j++)
            FUZZ_CHECK(strncmp(env.vars[j], env.vars[i], nlen) != 0 ||
                       env.vars[j][nlen] != '=');
        if (r != 0)
            continue;
        want = last_value(buf, size, env.vars[i], nlen, &vlen);
        FUZZ_CHECK(want != NULL);
        FUZZ_CHECK(strlen(eq + 1) == vlen && memcmp(eq + 1, want, vlen) == 0);
    }
    env_release(&env);
    return 0;
}
