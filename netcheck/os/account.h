/* Who this process runs as, for the proxy identity (proxy/proxyid.h): on
 * Windows, whether its token's user is the LocalSystem account, which a
 * service such as the MARS agent runs as and whose own Windows logon
 * (Negotiate/NTLM through SSPI) the agent offers a proxy. Linux: there is
 * no such account. */
#ifndef NC_ACCOUNT_H
#define NC_ACCOUNT_H

#include <stddef.h>

enum os_account_kind {
    OS_ACCOUNT_NA = 0,  /* not Windows */
    OS_ACCOUNT_SYSTEM,  /* LocalSystem (S-1-5-18) */
    OS_ACCOUNT_OTHER,   /* any other account */
    OS_ACCOUNT_UNKNOWN, /* the token could not be read: see why */
    OS_ACCOUNT_MAX
};

struct os_account {
    enum os_account_kind kind;
    char name[256]; /* "DOMAIN\\user" (UTF-8) as Windows names it; "" */
    char why[160];  /* with UNKNOWN: what failed */
};

/*! Ask the system who this process runs as (Windows: the process token's
 *  user, IsWellKnownSid WinLocalSystemSid, LookupAccountSid for the
 *  name). Always fills out.  \return 0, or NC_EIO (kind UNKNOWN) */
int os_account_query(struct os_account *out);

#endif
