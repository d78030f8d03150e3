#include "env.h"

#include <string.h>

#include "nc.h"
#include "str.h"

static size_t env_find(const struct nc_env *env, const char *name, size_t len)
{
    size_t i;

    for (i = 0; i < env->n; i++)
        if (strncmp(env->vars[i], name, len) == 0 && env->vars[i][len] == '=')
            return i;
    return env->n;
}

const char *env_get(const struct nc_env *env, const char *name)
{
    size_t len = strlen(name), i = env_find(env, name, len);

    return i < env->n ? env->vars[i] + len + 1 : NULL;
}

static void env_wipe_free(char *s)
{
    if (s == NULL)
        return;
    nc_explicit_bzero(s, strlen(s));
    nc_free(s);
}

int env_set(struct nc_env *env, const char *name, const char *value)
{
    size_t nlen = strlen(name), vlen = strlen(value), i;
    char *v;

    if (nlen == 0 || strchr(name, '=') != NULL)
        return NC_EINVAL;
    v = nc_malloc(nlen + vlen + 2);
    if (v == NULL)
        return NC_ENOMEM;
    memcpy(v, name, nlen);
    v[nlen] = '=';
    memcpy(v + nlen + 1, value, vlen);
    v[nlen + 1 + vlen] = '\0';
    i = env_find(env, name, nlen);
    if (i < env->n) {
        env_wipe_free(env->vars[i]);
        env->vars[i] = v;
        return 0;
    }
    if (env->n >= NC_ENV_MAX_VARS) {
        env_wipe_free(v);
        return NC_ELIMIT;
    }
    {
        char **grown = nc_realloc(env->vars, (env->n + 1) * sizeof(char *));

        if (grown == NULL) {
            env_wipe_free(v);
            return NC_ENOMEM;
        }
        env->vars = grown;
    }
    env->vars[env->n++] = v;
    return 0;
}

int env_put(struct nc_env *env, const char *assignment)
{
    const char *eq = strchr(assignment, '=');
    char *name;
    int r;

    if (eq == NULL)
        return NC_EPARSE;
    name = nc_strndup(assignment, (size_t)(eq - assignment));
    if (name == NULL)
        return NC_ENOMEM;
    r = env_set(env, name, eq + 1);
    nc_free(name);
    return r;
}

void env_unset(struct nc_env *env, const char *name)
{
    size_t i = env_find(env, name, strlen(name));

    if (i == env->n)
        return;
    env_wipe_free(env->vars[i]);
    memmove(&env->vars[i], &env->vars[i + 1],
            (env->n - i - 1) * sizeof(char *));
    env->n--;
}

int env_merge(struct nc_env *dst, const struct nc_env *src)
{
    size_t i;
    int r;

    for (i = 0; i < src->n; i++) {
        r = env_put(dst, src->vars[i]);
        if (r < 0)
            return r;
    }
    return 0;
}

int env_load_block(struct nc_env *env, const char *buf, size_t len)
{
    size_t off = 0;
    int r;

    while (off < len) {
        size_t n = strnlen(buf + off, len - off);
        char *one;

        if (n > 0 && memchr(buf + off, '=', n) != NULL && buf[off] != '=') {
            one = nc_strndup(buf + off, n);
            if (one == NULL)
                return NC_ENOMEM;
            r = env_put(env, one);
            env_wipe_free(one);
            if (r < 0)
                return r;
        }
        off += n + 1;
    }
    return 0;
}

int env_load_environ(struct nc_env *env, char *const *environ_)
{
    size_t i;
    int r;

    for (i = 0; environ_ != NULL && environ_[i] != NULL; i++) {
        if (environ_[i][0] == '=' || strchr(environ_[i], '=') == NULL)
            continue;
        r = env_put(env, environ_[i]);
        if (r < 0)
            return r;
    }
    return 0;
}

void env_release(struct nc_env *env)
{
    size_t i;

    for (i = 0; i < env->n; i++)
        env_wipe_free(env->vars[i]);
    nc_free(env->vars);
    env->vars = NULL;
    env->n = 0;
}
