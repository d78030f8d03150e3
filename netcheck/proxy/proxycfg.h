/* Which proxy each check's scheme goes through, decided from the flags and
 * the environment in force (the caller's, or a system service's). Pure: the
 * environments are read elsewhere (cmd_run.c, sysenv_load.c). */
#ifndef NC_PROXYCFG_H
#define NC_PROXYCFG_H

#include <stdbool.h>
#include <stddef.h>

#include "env.h"
#include "proxy.h"
#include "result.h"

struct proxycfg_in {
    const char *flag_proxy;          /* --proxy URL, or NULL */
    bool flag_no_proxy;              /* --no-proxy */
    const char *flag_user;           /* --proxy-user USER[:PASS], or NULL */
    const struct nc_env *env;        /* the environment the agent gets */
    enum nc_proxy_source env_source; /* ENV, SYSTEM or UNIT */
};

struct proxycfg_scheme {
    bool enabled;
    struct proxy_url url; /* holds the credentials; wiped on release */
    char display[300];    /* "http://host:port", never a password */
    char var[32];         /* "https_proxy", "--proxy", ... */
};

/* Distinct proxies a PAC file may name in one run: beyond this the run
 * is refused rather than opening a lookup and a queue per answer. */
#define PROXYCFG_MAX_PAC 64

struct proxycfg {
    enum nc_proxy_source source;
    struct proxycfg_scheme scheme[2]; /* [0] http:// URLs, [1] https:// */
    char *noproxy;                    /* owned, or NULL */
    char *winbypass; /* owned WinINet bypass list (Windows --as-system) */
    struct proxy_warnings warnings;
    /* Every distinct proxy a PAC file (or WPAD) named for some check,
     * each with --proxy-user's credentials (owned; Windows --as-system). */
    struct proxycfg_scheme *pac;
    size_t n_pac;
};

/*! Decide. --no-proxy wins over everything, then --proxy (used for both
 *  schemes, without a NO_PROXY list), then the variables curl would read in
 *  in->env. --proxy-user replaces credentials from a URL. A proxy value
 *  that does not parse is an input error, named by its variable (why never
 *  holds a password).  \return 0, NC_EPARSE or NC_ENOMEM */
int proxycfg_decide(const struct proxycfg_in *in, struct proxycfg *out,
                    char *why, size_t whylen);

/*! The engine's view: borrowed pointers into cfg, valid while it lives. */
void proxycfg_to_probe(const struct proxycfg *cfg, struct probe_proxy out[2]);

/*! Add the proxy url (as a PAC file's "PROXY host:port" means it,
 *  "http://host:port") to cfg's PAC table unless it is there already,
 *  with the credentials USER[:PASS] of user (may be NULL); var names
 *  where it came from ("PAC", "WPAD"). *idx is its index.
 *  \return 0, NC_EPARSE (a bad URL or user: why), NC_ELIMIT (more than
 *  PROXYCFG_MAX_PAC), NC_ENOMEM */
int proxycfg_pac_add(struct proxycfg *cfg, const char *url, const char *user,
                     const char *var, size_t *idx, char *why, size_t whylen);

/*! The engine's view of cfg's PAC table: out holds cfg->n_pac entries,
 *  borrowing from cfg. */
void proxycfg_pac_to_probe(const struct proxycfg *cfg, struct probe_proxy *out);

/*! The proxy to name in reports (https's, else http's), never a password;
 *  "" when the checks go direct. */
const char *proxycfg_display(const struct proxycfg *cfg);

/*! Wipe the credentials and free what cfg owns. */
void proxycfg_release(struct proxycfg *cfg);

#endif
