#include "run_identity.h"

#include <string.h>

#include "account.h"
#include "engine_libver.h"
#include "proxyid.h"

static const enum proxyid_account account_map[OS_ACCOUNT_MAX] = {
    [OS_ACCOUNT_NA] = PROXYID_ACCOUNT_NA,
    [OS_ACCOUNT_SYSTEM] = PROXYID_ACCOUNT_SYSTEM,
    [OS_ACCOUNT_OTHER] = PROXYID_ACCOUNT_OTHER,
    [OS_ACCOUNT_UNKNOWN] = PROXYID_ACCOUNT_UNKNOWN,
};

void run_identity_for(const struct run_proxy_opts *o, bool proxied,
                      bool http_proxy, const char *user,
                      struct nc_proxy_identity *id)
{
    struct os_account acct;
    struct proxyid_in in;

    /* Fills acct also when the token cannot be read (kind UNKNOWN). */
    (void)os_account_query(&acct);
    memset(&in, 0, sizeof(in));
    in.proxied = proxied;
    in.http_proxy = http_proxy;
    in.user = user;
    in.user_from_flag = o->user != NULL;
    in.as_system = o->as_system;
    in.account = (unsigned)acct.kind < OS_ACCOUNT_MAX ? account_map[acct.kind]
                                                      : PROXYID_ACCOUNT_UNKNOWN;
    in.account_name = acct.name;
    in.account_why = acct.why;
    in.sspi = engine_libver_curl_sspi();
    proxyid_decide(&in, id);
}

void run_identity_decide(const struct run_proxy_opts *o,
                         const struct proxycfg *cfg,
                         struct nc_proxy_identity *id)
{
    const char *user = NULL;
    bool proxied = false, http = false;
    size_t i;

    /* The two schemes' proxies, then the PAC file's. */
    for (i = 0; i < 2 + cfg->n_pac; i++) {
        const struct proxycfg_scheme *s =
            i < 2 ? &cfg->scheme[i] : &cfg->pac[i - 2];

        if (!s->enabled)
            continue;
        proxied = true;
        if (s->url.scheme == PROXY_SCHEME_HTTP ||
            s->url.scheme == PROXY_SCHEME_HTTPS)
            http = true;
        if (user == NULL && s->url.has_user)
            user = s->url.user;
    }
    run_identity_for(o, proxied, http, user, id);
}

void run_identity_apply(const struct nc_proxy_identity *id, char *text,
                        size_t n, struct probe_proxy *px, size_t n_px)
{
    size_t i;

    proxyid_describe(id, text, n);
    for (i = 0; px != NULL && i < n_px; i++) {
        if (!px[i].enabled)
            continue;
        px[i].identity = text;
        px[i].sspi = id->kind == NC_PROXY_ID_SYSTEM && px[i].socks == 0;
    }
}
