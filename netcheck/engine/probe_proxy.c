/* Transfers through a proxy: resolving and pinning the proxy's own name,
 * the curl settings of a proxied transfer, and reading the proxy's answers
 * (CONNECT code, Proxy-Authenticate, who answered) into facts. */
#include <string.h>

#include "cidr.h"
#include "probe_int.h"
#include "proxy.h"
#include "str.h"
#include "winproxy.h"

static void probe_proxy_dns_done(void *ud, const struct dns_answer *ans)
{
    struct probe_px *ppx = ud;
    struct engine *e = ppx->e;
    const struct probe_proxy *px = ppx->cfg;
    char line[600], ip[NC_ADDRSTRLEN];
    size_t i, used;
    int r;

    ppx->dns =
        ans->facts.a == NC_DNS_OK || ans->facts.aaaa == NC_DNS_OK
            ? NC_DNS_OK
            : (ans->facts.a != NC_DNS_NODATA ? ans->facts.a : ans->facts.aaaa);
    if (ans->n_addrs > 0)
        ppx->dns = NC_DNS_OK; /* perhaps from the hosts file */
    if (ans->n_addrs == 0) {
        if (ppx->dns == NC_DNS_OK)
            ppx->dns = NC_DNS_NODATA;
        /* Not in the hosts file, and nsswitch.conf stopped there. */
        if (ppx->dns == NC_DNS_NOT_ASKED)
            ppx->dns = NC_DNS_NXDOMAIN;
        ppx->state = PROBE_PROXY_FAILED;
        return;
    }
    /* Pin every address of the proxy: curl then connects to the proxy by
     * name (kept for TLS and Negotiate's service name) but never asks the
     * system resolver. The entry is the same for every handle, so it does
     * no harm in the shared DNS cache. */
    r = nc_snprintf(line, sizeof(line), "%s:%u:", px->host, px->port);
    used = strlen(line);
    for (i = 0; r == 0 && i < ans->n_addrs; i++) {
        nc_addr_format(&ans->addrs[i], ip, sizeof(ip));
        r = nc_snprintf(line + used, sizeof(line) - used,
                        ans->addrs[i].family == 6 ? "%s[%s]" : "%s%s",
                        i ? "," : "", ip);
        used = strlen(line);
    }
    ppx->resolve = curl_slist_append(NULL, line);
    if (ppx->resolve == NULL) {
        e->fatal = NC_ENOMEM;
        return;
    }
    ppx->state = PROBE_PROXY_READY;
}

static bool probe_proxy_same(const struct probe_proxy *a,
                             const struct probe_proxy *b)
{
    return a->enabled && b->enabled && strcmp(a->url, b->url) == 0 &&
           (a->user == NULL) == (b->user == NULL) &&
           (a->user == NULL || strcmp(a->user, b->user) == 0);
}

/* Entry k of the engine's proxy table: proxy[0], proxy[1], then the PAC
 * file's. */
static const struct probe_proxy *probe_proxy_cfg(const struct engine *e,
                                                 size_t k)
{
    return k < 2 ? &e->o->proxy[k] : &e->o->pac_proxies[k - 2];
}

/* Why check c skips proxy cfg (the entry that matched), into reason;
 * false when it goes through it. */
static bool probe_proxy_bypassed(const struct probe_proxy *cfg,
                                 const struct nc_check *c, bool https,
                                 char *reason, size_t n)
{
    char entry[256] = "";

    /* Windows --as-system: WinINet's bypass rules, not curl's NO_PROXY. */
    if (cfg->winbypass != NULL) {
        if (!winproxy_url_bypassed(cfg->winbypass, https ? "https" : "http",
                                   c->host, c->port, entry, sizeof(entry)))
            return false;
        (void)nc_snprintf(reason, n, "bypass list entry '%s' (WinINet)", entry);
        return true;
    }
    if (!proxy_noproxy_match(cfg->noproxy ? cfg->noproxy : "", c->host, entry,
                             sizeof(entry)))
        return false;
    (void)nc_snprintf(reason, n, "NO_PROXY entry '%s'", entry);
    return true;
}

struct probe_px *probe_proxy_for(struct engine *e, size_t i, char *reason,
                                 size_t n)
{
    const struct nc_check *c = e->run->plan->checks[i];
    const struct probe_pac *pac = e->o->pac != NULL ? &e->o->pac[i] : NULL;
    bool https = c->scheme != NULL && nc_strcasecmp(c->scheme, "https") == 0;
    const struct probe_proxy *cfg;
    struct probe_px *px;
    size_t k = https, j;

    reason[0] = '\0';
    if (pac != NULL && pac->kind != PROBE_PAC_USE)
        (void)nc_strlcpy(reason, pac->reason, n);
    if (pac != NULL && pac->kind == PROBE_PAC_PROXY &&
        pac->proxy < e->o->n_pac_proxies)
        k = 2 + pac->proxy; /* the PAC file decided the bypass too */
    else if (pac != NULL && pac->kind != PROBE_PAC_USE)
        return NULL;
    cfg = probe_proxy_cfg(e, k);
    if (!cfg->enabled || c->host == NULL)
        return NULL;
    if (k < 2 && probe_proxy_bypassed(cfg, c, https, reason, n))
        return NULL;
    if (k < 2 && cfg->from != NULL)
        (void)nc_snprintf(reason, n, "from %s", cfg->from);
    /* One proxy named twice (both schemes, or by the PAC file for many
     * hosts) is one proxy: one lookup, one cap, one verdict of dead. */
    for (j = 0; j < k && !probe_proxy_same(probe_proxy_cfg(e, j), cfg); j++)
        ;
    px = &e->px[j];
    px->e = e;
    px->cfg = probe_proxy_cfg(e, j);
    if (px->state == PROBE_PROXY_OFF)
        px->state = PROBE_PROXY_RESOLVING; /* in use; started later */
    return px;
}

int probe_proxy_start(struct engine *e)
{
    size_t i;
    int r;

    for (i = 0; i < e->n_px; i++) {
        struct probe_px *px = &e->px[i];
        struct nc_addr lit;

        if (px->state != PROBE_PROXY_RESOLVING)
            continue;
        if (nc_addr_parse(px->cfg->host, &lit) == 0) {
            px->dns = NC_DNS_NOT_ASKED;
            px->state = PROBE_PROXY_READY;
            continue;
        }
        r = dns_resolve(e->dns, px->cfg->host, probe_proxy_dns_done, px);
        if (r < 0)
            return r;
    }
    return 0;
}

bool probe_proxy_local_dns(const struct probe_px *px)
{
    return px != NULL && px->cfg != NULL && px->cfg->socks != 0 &&
           !px->cfg->remote_dns;
}

void probe_proxy_release(struct engine *e)
{
    size_t i;

    for (i = 0; e->px != NULL && i < e->n_px; i++) {
        curl_slist_free_all(e->px[i].resolve);
        e->px[i].resolve = NULL;
    }
}

bool probe_hdr_is(const char *line, size_t len, const char *name,
                  const char **value, size_t *vlen)
{
    size_t n = strlen(name);
    size_t i;

    if (len <= n || line[n] != ':')
        return false;
    for (i = 0; i < n; i++) {
        char a = line[i], b = name[i];

        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    *value = line + n + 1;
    *vlen = len - n - 1;
    while (*vlen > 0 && (**value == ' ' || **value == '\t')) {
        (*value)++;
        (*vlen)--;
    }
    while (*vlen > 0 &&
           ((*value)[*vlen - 1] == '\r' || (*value)[*vlen - 1] == '\n' ||
            (*value)[*vlen - 1] == ' '))
        (*vlen)--;
    return true;
}

void probe_copy_value(char *dst, size_t n, const char *v, size_t vlen)
{
    size_t i, k = 0;

    /* Header text is untrusted: keep printable ASCII only. */
    for (i = 0; i < vlen && k + 1 < n; i++)
        if (v[i] >= 0x20 && v[i] < 0x7f)
            dst[k++] = v[i];
    dst[k] = '\0';
}

static void probe_add_offered(struct nc_proxy_facts *pf, const char *v,
                              size_t vlen)
{
    char scheme[16];
    size_t i, n = 0;

    while (n < vlen && n + 1 < sizeof(scheme) && v[n] != ' ' && v[n] != ',')
        n++;
    probe_copy_value(scheme, sizeof(scheme), v, n);
    if (scheme[0] == '\0')
        return;
    for (i = 0; i < pf->n_offered; i++)
        if (nc_strcasecmp(pf->offered[i], scheme) == 0)
            return;
    if (pf->n_offered < NC_MAX_OFFERED)
        (void)nc_strlcpy(pf->offered[pf->n_offered++], scheme,
                         sizeof(pf->offered[0]));
}

/* Headers of the proxy's own answers: every block before a 2xx opened the
 * tunnel (with CONNECT), or every block at all (a proxied GET, where the
 * proxy may answer itself). */
void probe_proxy_header(struct paddr *pa, const char *buf, size_t len)
{
    size_t vlen;
    const char *v;

    /* Through SOCKS every header is the destination's. */
    if (pa->pc->px->cfg->socks != 0 || pa->pf->connect_done)
        return;
    /* The 2xx CONNECT answer ends with a blank line (RFC 9112 §2.1); until
     * then the answer is the proxy's, and what breaks it is the proxy's. */
    if (pa->tunnel_open) {
        if (len <= 2 && (buf[0] == '\r' || buf[0] == '\n'))
            pa->pf->connect_done = true;
        return;
    }
    if (len > 9 && memcmp(buf, "HTTP/", 5) == 0) {
        const char *sp = memchr(buf, ' ', len);

        pa->pf->answered = true;
        if (pa->pf->tunnel && sp != NULL && sp + 1 < buf + len && sp[1] == '2')
            pa->tunnel_open = true;
        return;
    }
    if (probe_hdr_is(buf, len, "Proxy-Authenticate", &v, &vlen))
        probe_add_offered(pa->pf, v, vlen);
    else if (probe_hdr_is(buf, len, "X-Squid-Error", &v, &vlen))
        probe_copy_value(pa->pf->squid_error, sizeof(pa->pf->squid_error), v,
                         vlen);
    else if (probe_hdr_is(buf, len, "Server", &v, &vlen) ||
             (probe_hdr_is(buf, len, "Via", &v, &vlen) &&
              pa->pf->product[0] == '\0')) /* Server wins over Via */
        probe_copy_value(pa->pf->product, sizeof(pa->pf->product), v, vlen);
}

int probe_proxy_setup(struct engine *e, struct paddr *pa)
{
    const struct probe_px *ppx = pa->pc->px;
    const struct probe_proxy *px = ppx->cfg;
    CURL *h = pa->easy;

    (void)e;
    pa->pf->tunnel = nc_strcasecmp(pa->pc->c->scheme, "https") == 0;
    pa->pf->socks = px->socks;
    pa->pf->socks_remote_dns = px->remote_dns;
    if (curl_easy_setopt(h, CURLOPT_PROXY, px->url) != CURLE_OK)
        return NC_ENOMEM;
    /* The bypass was decided by netcheck (proxy_noproxy_match), once. */
    (void)curl_easy_setopt(h, CURLOPT_NOPROXY, "");
    if (ppx->resolve != NULL)
        (void)curl_easy_setopt(h, CURLOPT_RESOLVE, ppx->resolve);
    /* The proxy's TLS is verified as strictly as the destination's, by
     * the store that probe_ssl_ctx installs (--proxy-ca-bundle, else the
     * run's); curl must not load a bundle of its own. */
    (void)curl_easy_setopt(h, CURLOPT_PROXY_SSL_VERIFYPEER, 1L);
    (void)curl_easy_setopt(h, CURLOPT_PROXY_SSL_VERIFYHOST, 2L);
    (void)curl_easy_setopt(h, CURLOPT_PROXY_CAINFO, NULL);
    (void)curl_easy_setopt(h, CURLOPT_PROXY_CAPATH, NULL);
    if (px->user != NULL) {
        if (curl_easy_setopt(h, CURLOPT_PROXYUSERNAME, px->user) != CURLE_OK ||
            curl_easy_setopt(h, CURLOPT_PROXYPASSWORD,
                             px->password ? px->password : "") != CURLE_OK)
            return NC_ENOMEM;
        /* Not CURLAUTH_ANY: curl would pick Negotiate whenever offered and
         * never fall back when no Kerberos ticket exists. Among the rest,
         * curl asks first and uses the strongest the proxy offers. */
        (void)curl_easy_setopt(h, CURLOPT_PROXYAUTH,
                               pa->negotiate ? (unsigned long)CURLAUTH_NEGOTIATE
                                             : (unsigned long)(CURLAUTH_BASIC |
                                                               CURLAUTH_DIGEST |
                                                               CURLAUTH_NTLM));
        pa->pf->creds_sent = true;
    } else if (px->sspi) {
        /* curl's SSPI takes an empty user as "the account this process
         * runs as": the SYSTEM account's own logon, offered only to the
         * schemes that carry it (never Basic, which would need a
         * password). */
        if (curl_easy_setopt(h, CURLOPT_PROXYUSERPWD, ":") != CURLE_OK)
            return NC_ENOMEM;
        (void)curl_easy_setopt(
            h, CURLOPT_PROXYAUTH,
            (unsigned long)(CURLAUTH_NEGOTIATE | CURLAUTH_NTLM));
        pa->pf->creds_sent = true;
    }
    if (px->identity != NULL)
        (void)nc_strlcpy(pa->pf->identity, px->identity,
                         sizeof(pa->pf->identity));
    return 0;
}

/* curl's CURLproxycode, which libcurl 7.73+ reports with CURLE_PROXY, as
 * netcheck's SOCKS reply (the boundary: verdict_proxy.c decides). */
static enum nc_socks_reply probe_socks_reply(long px)
{
    switch (px) {
    case CURLPX_OK:
        return NC_SOCKS_OK;
    case CURLPX_REPLY_GENERAL_SERVER_FAILURE:
        return NC_SOCKS_GENERAL_FAILURE;
    case CURLPX_REPLY_NOT_ALLOWED:
        return NC_SOCKS_NOT_ALLOWED;
    case CURLPX_REPLY_NETWORK_UNREACHABLE:
        return NC_SOCKS_NET_UNREACHABLE;
    case CURLPX_REPLY_HOST_UNREACHABLE:
        return NC_SOCKS_HOST_UNREACHABLE;
    case CURLPX_REPLY_CONNECTION_REFUSED:
        return NC_SOCKS_REFUSED;
    case CURLPX_REPLY_TTL_EXPIRED:
        return NC_SOCKS_TTL_EXPIRED;
    case CURLPX_REPLY_COMMAND_NOT_SUPPORTED:
        return NC_SOCKS_CMD_UNSUPPORTED;
    case CURLPX_REPLY_ADDRESS_TYPE_NOT_SUPPORTED:
        return NC_SOCKS_ADDR_UNSUPPORTED;
    case CURLPX_REPLY_UNASSIGNED:
        return NC_SOCKS_UNASSIGNED;
    case CURLPX_REQUEST_FAILED:
        return NC_SOCKS4_REJECTED;
    case CURLPX_IDENTD:
    case CURLPX_IDENTD_DIFFER:
        return NC_SOCKS4_IDENTD;
    case CURLPX_USER_REJECTED:
        return NC_SOCKS_USER_REJECTED;
    case CURLPX_NO_AUTH:
        return NC_SOCKS_NO_METHOD;
    case CURLPX_LONG_USER:
    case CURLPX_LONG_PASSWD:
        return NC_SOCKS_CREDS_TOO_LONG;
    case CURLPX_GSSAPI:
    case CURLPX_GSSAPI_PERMSG:
    case CURLPX_GSSAPI_PROTECTION:
        return NC_SOCKS_GSSAPI;
    case CURLPX_RESOLVE_HOST:
        return NC_SOCKS_RESOLVE;
    case CURLPX_CLOSED:
    case CURLPX_BAD_VERSION:
    case CURLPX_BAD_ADDRESS_TYPE:
    case CURLPX_RECV_ADDRESS:
    case CURLPX_RECV_AUTH:
    case CURLPX_RECV_CONNECT:
    case CURLPX_RECV_REQACK:
    case CURLPX_SEND_AUTH:
    case CURLPX_SEND_CONNECT:
    case CURLPX_SEND_REQUEST:
        return NC_SOCKS_HANDSHAKE;
    default:
        return NC_SOCKS_OTHER;
    }
}

void probe_proxy_facts(struct engine *e, struct paddr *pa,
                       struct nc_proxy_facts *pf)
{
    const struct probe_proxy *px = pa->pc->px->cfg;
    long code = 0, pxcode = 0;
    curl_off_t t = 0;

    *pf = *pa->pf;
    (void)nc_strlcpy(pf->proxy, px->url, sizeof(pf->proxy));
    pf->dns = pa->pc->px->dns;
    pf->tls = px->https;
    pf->own_ca = e->proxy_store != NULL;
    /* The verify callback ran: the proxy answered the ClientHello. */
    pf->tls_answered = px->https && pa->ptls != NULL && pa->ptls->seen;
    /* Our verify callback aborts the handshake on the first error, so an
     * error seen on the proxy's chain is what failed the transfer. */
    if (px->https && pa->ptls != NULL && pa->ptls->verify_err != 0) {
        pf->cert = tls_capture_cert(pa->ptls, px->host, pf->cert_names,
                                    sizeof(pf->cert_names));
        pf->chain = pa->ptls->info;
    }
    if (pa->easy == NULL)
        return;
    if (curl_easy_getinfo(pa->easy, CURLINFO_HTTP_CONNECTCODE, &code) ==
        CURLE_OK)
        pf->connect_code = code;
    if (pf->socks == 0)
        return;
    /* curl counts the connection made once the SOCKS reply opened it. */
    pf->socks_open =
        curl_easy_getinfo(pa->easy, CURLINFO_CONNECT_TIME_T, &t) == CURLE_OK &&
        t > 0;
    if (curl_easy_getinfo(pa->easy, CURLINFO_PROXY_ERROR, &pxcode) ==
            CURLE_OK &&
        pxcode != CURLPX_OK) {
        pf->socks_reply = probe_socks_reply(pxcode);
        probe_copy_value(pf->socks_error, sizeof(pf->socks_error), pa->errbuf,
                         strlen(pa->errbuf));
    }
}
