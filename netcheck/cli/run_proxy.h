/* The proxy part of `netcheck run`: read the environment the agent gets
 * (the caller's, or with --as-system a system service's) and decide. */
#ifndef NC_RUN_PROXY_H
#define NC_RUN_PROXY_H

#include <stdbool.h>
#include <stddef.h>

#include "nc.h"
#include "proxycfg.h"

struct run_proxy_opts {
    const char *proxy; /* --proxy */
    bool no_proxy;     /* --no-proxy */
    const char *user;  /* --proxy-user */
    bool as_system;    /* --as-system */
    const char *unit;  /* --unit */
    const char *root;  /* --root, default "/" */
};

/*! Decide the proxies for a run. With --unit, unit_user (may be NULL)
 *  receives the unit's User= ("" for root). Prints nothing; diag says what
 *  was wrong (naming file and line for a bad systemd file).
 *  \return 0, NC_EPARSE, NC_EIO or NC_ENOMEM */
int run_proxy_decide(const struct run_proxy_opts *o, struct proxycfg *cfg,
                     char *unit_user, size_t userlen, struct nc_diag *diag);

struct sysenv;

/*! run_proxy_decide over the system's facts already read with sysenv_load
 *  (sys; only used with o->as_system, may be zeroed otherwise): reads no
 *  file, so one load serves several decisions.
 *  \return 0, NC_EPARSE (a unit systemd would not start), NC_ENOMEM */
int run_proxy_decide_sys(const struct run_proxy_opts *o,
                         const struct sysenv *sys, struct proxycfg *cfg,
                         char *unit_user, size_t userlen, struct nc_diag *diag);

/*! True when --proxy-user was given but cfg (decided) sends no URL
 *  scheme through a proxy: the credentials would go nowhere. Pure. */
bool run_proxy_user_unused(const struct run_proxy_opts *o,
                           const struct proxycfg *cfg);

#define RUN_PROXY_USER_UNUSED                                                  \
    "--proxy-user given but no proxy is in force for any check"

/*! Keep a private copy of an argument holding a password (replacing and
 *  wiping *dst), then blank the password in argv so that ps(1) does not
 *  show it, as curl does.  \return 0 or NC_ENOMEM */
int run_proxy_take_secret(const char **dst, char *arg, bool is_url);

/*! Wipe and free a copy made by run_proxy_take_secret; NULL is a no-op. */
void run_proxy_free_secret(const char *s);

#ifdef NETCHECK_UNITTESTS
/*! Blank the secret part of a command-line argument in place (the password
 *  of USER:PASS or of a URL's userinfo), so `ps` does not show it. */
void run_proxy_hide_arg(char *arg, bool is_url);
#endif

#endif
