/* An environment as a list of NAME=VALUE strings: the caller's, a systemd
 * manager's DefaultEnvironment=, a unit's, or a process's environ file.
 * Pure data, no I/O. */
#ifndef NC_ENV_H
#define NC_ENV_H

#include <stddef.h>

#define NC_ENV_MAX_VARS 4096u

struct nc_env {
    char **vars; /* "NAME=VALUE", owned */
    size_t n;
};

/*! Value of name, or NULL when unset. Names match exactly (case matters,
 *  as for getenv). */
const char *env_get(const struct nc_env *env, const char *name);

/*! Set name to value, replacing an earlier setting in place.
 *  \return 0, NC_ENOMEM, NC_ELIMIT or NC_EINVAL (empty name or '=' in it) */
int env_set(struct nc_env *env, const char *name, const char *value);

/*! Set from one "NAME=VALUE" string.  \return as env_set, NC_EPARSE when
 *  there is no '=' */
int env_put(struct nc_env *env, const char *assignment);

/*! Remove name if set. */
void env_unset(struct nc_env *env, const char *name);

/*! Copy every variable of src into dst (src wins).  \return as env_set */
int env_merge(struct nc_env *dst, const struct nc_env *src);

/*! Load a NUL-separated block (/proc/PID/environ); entries without '='
 *  are skipped.  \return as env_set */
int env_load_block(struct nc_env *env, const char *buf, size_t len);

/*! Load a NULL-terminated environ array (the caller's environment). */
int env_load_environ(struct nc_env *env, char *const *environ_);

/*! Free every variable, wiping values first (they may hold proxy
 *  passwords); the struct is left empty and reusable. */
void env_release(struct nc_env *env);

#endif
