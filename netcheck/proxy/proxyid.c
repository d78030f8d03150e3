#include "proxyid.h"

#include <string.h>

#include "str.h"

/* Why a run sends no credentials: what would give it an identity. */
static void proxyid_none_note(const struct proxyid_in *in, char *note, size_t n)
{
    const char *who = in->account_name != NULL && in->account_name[0] != '\0'
                          ? in->account_name
                          : NULL;

    /* The same words on every system, so that reports compare. */
    if (!in->as_system) {
        (void)nc_snprintf(note, n,
                          "give --proxy-user to send credentials (on "
                          "Windows, --as-system run as SYSTEM logs on as "
                          "that account)");
        return;
    }
    if (in->account == PROXYID_ACCOUNT_NA) {
        (void)nc_snprintf(note, n,
                          "give --proxy-user to send credentials; the SYSTEM "
                          "account's own logon (SSPI) exists only on Windows");
        return;
    }
    if (!in->http_proxy) {
        (void)nc_snprintf(note, n,
                          "the SYSTEM account's own logon is offered to HTTP "
                          "proxies only; give --proxy-user");
        return;
    }
    if (!in->sspi) {
        (void)nc_snprintf(note, n,
                          "this netcheck's curl is built without SSPI, so the "
                          "SYSTEM account's own logon cannot be used; give "
                          "--proxy-user");
        return;
    }
    if (in->account == PROXYID_ACCOUNT_UNKNOWN) {
        (void)nc_snprintf(note, n,
                          "whether netcheck runs as SYSTEM could not be told "
                          "(%s); give --proxy-user",
                          in->account_why != NULL && in->account_why[0] != '\0'
                              ? in->account_why
                              : "no reason given");
        return;
    }
    (void)nc_snprintf(note, n,
                      "netcheck runs as %s%s%s, not as SYSTEM, so the "
                      "SYSTEM account's own logon "
                      "(Negotiate/NTLM) is not tried; run it as SYSTEM "
                      "(a scheduled task: schtasks /create /ru SYSTEM) or "
                      "give --proxy-user",
                      who != NULL ? "'" : "another account",
                      who != NULL ? who : "", who != NULL ? "'" : "");
}

void proxyid_decide(const struct proxyid_in *in, struct nc_proxy_identity *out)
{
    memset(out, 0, sizeof(*out));
    out->kind = NC_PROXY_ID_NONE;
    if (!in->proxied)
        return;
    if (in->user != NULL) {
        out->kind = NC_PROXY_ID_USER;
        (void)nc_strlcpy(out->name, in->user, sizeof(out->name));
        (void)nc_strlcpy(out->note,
                         in->user_from_flag ? "from --proxy-user"
                                            : "from the proxy URL",
                         sizeof(out->note));
        return;
    }
    if (in->as_system && in->http_proxy && in->sspi &&
        in->account == PROXYID_ACCOUNT_SYSTEM) {
        out->kind = NC_PROXY_ID_SYSTEM;
        (void)nc_strlcpy(out->name,
                         in->account_name != NULL && in->account_name[0]
                             ? in->account_name
                             : "SYSTEM",
                         sizeof(out->name));
        (void)nc_strlcpy(out->note,
                         "the SYSTEM account's own Windows logon through "
                         "SSPI (Negotiate or NTLM only), as the agent's "
                         "would be",
                         sizeof(out->note));
        return;
    }
    proxyid_none_note(in, out->note, sizeof(out->note));
}

void proxyid_describe(const struct nc_proxy_identity *id, char *buf, size_t n)
{
    switch (id->kind) {
    case NC_PROXY_ID_USER:
        (void)nc_snprintf(buf, n, "user '%s'", id->name);
        break;
    case NC_PROXY_ID_SYSTEM:
        (void)nc_snprintf(buf, n,
                          "the SYSTEM account's own Windows logon (%s, "
                          "through SSPI)",
                          id->name);
        break;
    default:
        (void)nc_snprintf(buf, n, "none%s%s", id->note[0] != '\0' ? ": " : "",
                          id->note);
        break;
    }
}
