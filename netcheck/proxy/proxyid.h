/* Who a run logs on to its proxy as: a user's credentials, the SYSTEM
 * account's own Windows logon (curl's SSPI with an empty user), or none,
 * and why. Pure: the caller asks the system who runs netcheck
 * (os/account.h) and whether curl has SSPI. */
#ifndef NC_PROXYID_H
#define NC_PROXYID_H

#include <stdbool.h>
#include <stddef.h>

#include "result.h"

/* Whether netcheck runs as the LocalSystem account (os/account.h). */
enum proxyid_account {
    PROXYID_ACCOUNT_NA = 0, /* not Windows: there is no SYSTEM account */
    PROXYID_ACCOUNT_SYSTEM,
    PROXYID_ACCOUNT_OTHER,
    PROXYID_ACCOUNT_UNKNOWN, /* the system could not say */
    PROXYID_ACCOUNT_MAX
};

struct proxyid_in {
    bool proxied;        /* at least one scheme goes through a proxy */
    bool http_proxy;     /* ... an HTTP(S) one (SSPI is offered there) */
    const char *user;    /* the user name sent, or NULL; never a password */
    bool user_from_flag; /* user came from --proxy-user, not the URL */
    bool as_system;      /* --as-system */
    enum proxyid_account account;
    const char *account_name; /* "DOMAIN\\user"; "" or NULL unknown */
    const char *account_why;  /* why the account is UNKNOWN; may be NULL */
    bool sspi;                /* curl was built with SSPI */
};

/*! Decide the identity: a user name wins (as the agent's stored
 *  credentials would); else the SYSTEM account's own logon when
 *  --as-system runs as SYSTEM through an HTTP(S) proxy with a curl that
 *  has SSPI; else none, with the note saying what is missing and how to
 *  get it. No proxy: none, with no note. */
void proxyid_decide(const struct proxyid_in *in, struct nc_proxy_identity *out);

/*! One phrase naming id for a verdict's detail: "user 'alice'", "the
 *  SYSTEM account's own Windows logon (NT AUTHORITY\\SYSTEM, through
 *  SSPI)", "none: <note>". Always terminated. */
void proxyid_describe(const struct nc_proxy_identity *id, char *buf, size_t n);

#endif
