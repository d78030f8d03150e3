/* Pure decisions for checks that went through a proxy. The proxy's own
 * failures come first, because they hide everything behind them: a 407 says
 * nothing about the destination. Keyed on the codes (CONNECT answer, HTTP
 * status), never on curl's result code: libcurl 7.88 reports a CONNECT 407
 * as CURLE_RECV_ERROR, and a plain-HTTP 407 as CURLE_OK. A SOCKS proxy
 * is judged by its reply alone (RFC 1928 §6), from socks_rows. */
#include <stdio.h>
#include <string.h>

#include "errtext.h"
#include "str.h"
#include "verdict.h"
#include "verdict_int.h"

/* "Basic, NTLM" from the offered schemes, or "none". */
static void proxy_offered_text(const struct nc_proxy_facts *p, char *buf,
                               size_t n)
{
    size_t i, used = 0;

    buf[0] = '\0';
    for (i = 0; i < p->n_offered && i < NC_MAX_OFFERED; i++) {
        int w = snprintf(buf + used, n - used, "%s%.*s", i ? ", " : "",
                         (int)sizeof(p->offered[i]), p->offered[i]);

        if (w < 0 || (size_t)w >= n - used)
            break;
        used += (size_t)w;
    }
    if (used == 0)
        (void)nc_strlcpy(buf, "none", n);
}

/* " (squid/5.7, ERR_ACCESS_DENIED)" naming who answered, or "". */
static void proxy_who_text(const struct nc_proxy_facts *p, char *buf, size_t n)
{
    char product[sizeof(p->product)], err[sizeof(p->squid_error)];

    (void)nc_strlcpy(product, p->product, sizeof(product));
    (void)nc_strlcpy(err, p->squid_error, sizeof(err));
    if (product[0] == '\0' && err[0] != '\0')
        (void)nc_strlcpy(product, "squid", sizeof(product));
    if (product[0] != '\0' && err[0] != '\0')
        (void)nc_snprintf(buf, n, " (%s, %s)", product, err);
    else if (product[0] != '\0')
        (void)nc_snprintf(buf, n, " (%s)", product);
    else
        buf[0] = '\0';
}

static void proxy_fail(const struct nc_check *c, struct nc_check_result *res,
                       enum nc_problem p)
{
    res->status = vd_status_failed(c);
    res->problem = p;
    verdict_check_action_res(c, p, res);
}

static bool proxy_unreachable(const struct nc_check *c,
                              const struct nc_proxy_facts *p,
                              const struct nc_addr_facts *f,
                              struct nc_check_result *res)
{
    if (p->dns != NC_DNS_OK && p->dns != NC_DNS_NOT_ASKED) {
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "the proxy %s cannot be reached: its name does "
                            "not resolve here; %s was never tried",
                            p->proxy, c->host);
    } else if (f->xfer == NC_XFER_CONNECT_FAIL) {
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "the proxy %s cannot be reached: %s; %s was never "
                            "tried",
                            p->proxy,
                            f->os_errno != 0 ? nc_errno_text(f->os_errno)
                                             : "the connection failed",
                            c->host);
    } else if (f->xfer == NC_XFER_TIMEOUT && !f->connected) {
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "the proxy %s did not answer the TCP connection "
                            "within %ld ms; %s was never tried",
                            p->proxy, f->timeout_ms, c->host);
    } else {
        return false;
    }
    proxy_fail(c, res, NC_PROBLEM_PROXY_UNREACHABLE);
    return true;
}

/* Why the HTTPS proxy's own certificate was rejected, for the detail. */
static void proxy_cert_detail(const struct nc_check *c,
                              const struct nc_proxy_facts *p, char *d, size_t n)
{
    const struct nc_tls_info *t = &p->chain;
    const char *store = p->own_ca ? "--proxy-ca-bundle" : "the trust store";
    char who[QUOTE_MAX + 1], names[QUOTE_MAX + 1];

    switch (p->cert) {
    case NC_CERT_UNTRUSTED:
        vd_quote_copy(who, sizeof(who),
                      t->root_self_signed ? t->root_cn : t->top_issuer_cn,
                      sizeof(t->root_cn));
        if (!t->present)
            (void)nc_snprintf(d, n,
                              "the HTTPS proxy %s presented a certificate "
                              "that %s does not trust (self-signed or "
                              "unknown issuer); %s was never tried",
                              p->proxy, store, c->host);
        else if (t->leaf_self_signed)
            (void)nc_snprintf(d, n,
                              "the HTTPS proxy %s presented a self-signed "
                              "certificate (%.120s) that %s does not hold; "
                              "%s was never tried",
                              p->proxy, t->subject, store, c->host);
        else
            (void)nc_snprintf(d, n,
                              "the certificate of the HTTPS proxy %s is "
                              "issued by '%s', a CA that %s does not hold; "
                              "%s was never tried",
                              p->proxy, who[0] ? who : "?", store, c->host);
        break;
    case NC_CERT_EXPIRED:
        (void)nc_snprintf(d, n,
                          "the certificate of the HTTPS proxy %s expired on "
                          "%.24s (subject %.120s); %s was never tried",
                          p->proxy, t->not_after[0] ? t->not_after : "?",
                          t->subject, c->host);
        break;
    case NC_CERT_NOT_YET_VALID:
        (void)nc_snprintf(d, n,
                          "the certificate of the HTTPS proxy %s is not "
                          "valid before %.24s: is this machine's clock "
                          "right? %s was never tried",
                          p->proxy, t->not_before[0] ? t->not_before : "?",
                          c->host);
        break;
    case NC_CERT_NAME_MISMATCH:
        vd_quote_copy(names, sizeof(names), p->cert_names,
                      sizeof(p->cert_names));
        (void)nc_snprintf(d, n,
                          "the certificate of the HTTPS proxy %s is for %s, "
                          "not the proxy's name; %s was never tried",
                          p->proxy, names[0] ? names : "other names", c->host);
        break;
    default:
        (void)nc_snprintf(d, n,
                          "the certificate of the HTTPS proxy %s was "
                          "rejected; %s was never tried",
                          p->proxy, c->host);
        break;
    }
}

/* The TLS to an HTTPS proxy failed: its certificate was rejected, or the
 * handshake itself. Any TLS failure before the CONNECT was answered (or
 * of a plain http:// check, which has no TLS of its own) is the proxy's:
 * the destination was never tried, and it is never blamed. */
static bool proxy_tls_rejected(const struct nc_check *c,
                               const struct nc_proxy_facts *p,
                               const struct nc_addr_facts *f,
                               struct nc_check_result *res)
{
    char d[NC_DETAIL_MAX], names[QUOTE_MAX + 1];
    size_t n = sizeof(d);
    bool tls_failed =
        f->xfer == NC_XFER_TLS_HANDSHAKE || f->xfer == NC_XFER_TLS_VERIFY;

    /* It took the TCP connection and never answered the ClientHello:
     * no TLS (or nothing at all) listens there. */
    if (p->tls && !p->tls_answered && f->connected &&
        f->xfer == NC_XFER_TIMEOUT) {
        (void)nc_snprintf(d, n,
                          "the HTTPS proxy %s accepted the connection but "
                          "did not answer the TLS handshake within %ld ms; "
                          "%s was never tried",
                          p->proxy, f->timeout_ms, c->host);
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX, "%s", d);
        proxy_fail(c, res, NC_PROBLEM_PROXY_TLS_FAILED);
        return true;
    }
    if (!p->tls || (p->cert == NC_CERT_OK &&
                    !(tls_failed && (!p->tunnel || p->connect_code == 0))))
        return false;
    if (p->cert == NC_CERT_OK && f->xfer == NC_XFER_TLS_HANDSHAKE) {
        vd_quote_copy(names, sizeof(names), f->tls_alert, sizeof(f->tls_alert));
        (void)nc_snprintf(d, n,
                          "the TLS handshake with the HTTPS proxy %s failed: "
                          "%s; %s was never tried",
                          p->proxy, names[0] ? names : "no reason given",
                          c->host);
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX, "%s", d);
        proxy_fail(c, res, NC_PROBLEM_PROXY_TLS_FAILED);
        return true;
    }
    proxy_cert_detail(c, p, d, n);
    (void)result_printf(res, &res->detail, NC_DETAIL_MAX, "%s", d);
    proxy_fail(c, res, NC_PROBLEM_PROXY_TLS_UNTRUSTED);
    return true;
}

/* A plain-HTTP answer is the proxy's own when only a proxy sends it (RFC
 * 9110 §15.5.8: 407) or when the proxy marks it (squid's X-Squid-Error);
 * otherwise the proxy relayed the destination's answer. */
static bool proxy_own_answer(const struct nc_proxy_facts *p, long code)
{
    /* Through SOCKS every HTTP answer is the destination's. */
    return !p->tunnel && p->socks == 0 &&
           (code == 407 || (code >= 400 && p->squid_error[0] != '\0'));
}

static bool proxy_answered_error(const struct nc_check *c,
                                 const struct nc_proxy_facts *p,
                                 const struct nc_addr_facts *f,
                                 struct nc_check_result *res)
{
    long code = p->tunnel ? p->connect_code : f->http_status;
    char who[200], offered[128];

    proxy_who_text(p, who, sizeof(who));
    proxy_offered_text(p, offered, sizeof(offered));
    /* RFC 9110 §15.5.8: only a proxy answers 407. */
    if (code == 407) {
        /* Name the identity tried (or why there was none), so the admin
         * knows whose logon to fix. */
        if (p->creds_sent)
            (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                                "the proxy %s%s rejected the credentials sent "
                                "(407); it offers: %s%s%s",
                                p->proxy, who, offered,
                                p->identity[0] != '\0' ? "; identity: " : "",
                                p->identity);
        else
            (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                                "the proxy %s%s requires authentication (407) "
                                "and no credentials were sent; it offers: "
                                "%s%s%s",
                                p->proxy, who, offered,
                                p->identity[0] != '\0' ? "; identity: " : "",
                                p->identity);
        proxy_fail(c, res,
                   p->creds_sent ? NC_PROBLEM_PROXY_AUTH_FAILED
                                 : NC_PROBLEM_PROXY_AUTH_REQUIRED);
        return true;
    }
    /* RFC 9110 §9.3.6: any 2xx to CONNECT opens the tunnel; anything else
     * is the proxy's refusal. A plain-HTTP answer is the proxy's own only
     * when it marks it (squid's X-Squid-Error); otherwise it came from the
     * destination and is judged as such. */
    if ((p->tunnel && code != 0 && (code < 200 || code > 299)) ||
        proxy_own_answer(p, code)) {
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "the proxy %s%s answered %s %s:%u with %ld",
                            p->proxy, who, p->tunnel ? "CONNECT" : "GET",
                            c->host, c->port, code);
        proxy_fail(c, res, NC_PROBLEM_PROXY_DENIED);
        return true;
    }
    return false;
}

/* "CONNECT host:443" or "GET http://host/path": the proxy's request
 * (RFC 9110 §9.3.6; RFC 9112 §3.2.2, absolute-form for a plain GET). */
static void proxy_request_text(const struct nc_check *c,
                               const struct nc_proxy_facts *p, char *buf,
                               size_t n)
{
    if (p->tunnel)
        (void)nc_snprintf(buf, n, "CONNECT %s:%u", vd_host_of(c), c->port);
    else
        (void)nc_snprintf(buf, n, "GET %.200s",
                          c->url != NULL ? c->url : vd_host_of(c));
}

/* The proxy took the TCP connection, then its own answer never came, or
 * came broken. Until a 2xx CONNECT answer ended (or, for a plain GET, as
 * long as no status line came) every byte was the proxy's: what failed
 * is the proxy, or the proxy's way to the destination, never this
 * machine's way to the destination. */
static bool proxy_answer_failed(const struct nc_check *c,
                                const struct nc_proxy_facts *p,
                                const struct nc_addr_facts *f,
                                struct nc_check_result *res)
{
    char req[240], alert[QUOTE_MAX + 1];
    bool before_tunnel = p->tunnel && !p->connect_done;

    if (!f->connected)
        return false;
    proxy_request_text(c, p, req, sizeof(req));
    /* Silence after the connection was accepted: the proxy is still
     * trying the destination (it answers only once it gives up), or it
     * is no HTTP proxy. */
    if (f->xfer == NC_XFER_TIMEOUT &&
        (p->tunnel ? p->connect_code == 0 : !p->answered)) {
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "the proxy %s accepted the connection but did not "
                            "answer %s within %ld ms: %s is probably "
                            "unreachable from the proxy (or this is not an "
                            "HTTP proxy)",
                            p->proxy, req, f->timeout_ms, vd_host_of(c));
        proxy_fail(c, res, NC_PROBLEM_TIMEOUT);
        (void)result_printf(res, &res->action, NC_ACTION_MAX,
                            "look for %s in the log of the proxy %s: allow the "
                            "proxy to reach %s on port %u (its egress "
                            "firewall), and check that the proxy setting "
                            "names an HTTP proxy",
                            req, p->proxy, vd_host_of(c), c->port);
        return true;
    }
    /* A 2xx began, and its header block never ended (a slow or broken
     * proxy): the tunnel never opened. */
    if (f->xfer == NC_XFER_TIMEOUT && before_tunnel) {
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "the proxy %s began its answer to %s (%ld) but did "
                            "not finish it within %ld ms; %s was never tried",
                            p->proxy, req, p->connect_code, f->timeout_ms,
                            vd_host_of(c));
        proxy_fail(c, res, NC_PROBLEM_TIMEOUT);
        (void)result_printf(res, &res->action, NC_ACTION_MAX,
                            "check the proxy %s (its log, its load) and "
                            "anything between it and this machine that holds "
                            "its answers",
                            p->proxy);
        return true;
    }
    /* The tunnel opened, and the TLS handshake inside it got no answer:
     * the proxy did its part; the destination or the path beyond the
     * proxy holds the handshake. */
    if (f->xfer == NC_XFER_TIMEOUT && p->tunnel && p->connect_done &&
        vd_is_https(c) && !f->tls_done) {
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "the proxy %s accepted CONNECT %s:%u (%ld), but "
                            "the TLS handshake with %s through it got no "
                            "answer within %ld ms: %s, or the path from the "
                            "proxy to it, holds the handshake",
                            p->proxy, vd_host_of(c), c->port, p->connect_code,
                            vd_host_of(c), f->timeout_ms, vd_host_of(c));
        proxy_fail(c, res, NC_PROBLEM_TIMEOUT);
        (void)result_printf(res, &res->action, NC_ACTION_MAX,
                            "the proxy %s opened the tunnel: check the path "
                            "from the proxy to %s on port %u (its egress "
                            "firewall, TLS inspection there) and that %s "
                            "answers TLS",
                            p->proxy, vd_host_of(c), c->port, vd_host_of(c));
        return true;
    }
    /* Broken: not HTTP, framing curl refuses, or closed mid-answer. A
     * plain GET's answer is framed by the proxy whoever wrote it
     * (Transfer-Encoding is hop-by-hop, RFC 9112 §6.1). */
    if ((f->xfer == NC_XFER_BAD_RESPONSE && (!p->tunnel || before_tunnel)) ||
        (before_tunnel && f->xfer == NC_XFER_OTHER))
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "the proxy %s answered %s with %s", p->proxy, req,
                            vd_http_fault_text(f->http_fault));
    else if ((before_tunnel || (!p->tunnel && !p->answered)) &&
             f->xfer == NC_XFER_RESET)
        /* A firewall between here and the proxy may have cut it too;
         * either way the destination had no part in it: the client's
         * connection is the proxy's alone, and a proxy whose upstream
         * failed answers 502 or 504 (RFC 9110 §15.6.3, §15.6.5), it does
         * not hang up. */
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "the connection to the proxy %s was closed or "
                            "reset %s %s (by the proxy, or a firewall between "
                            "it and this machine)",
                            p->proxy,
                            p->connect_code == 0 ? "before it answered"
                                                 : "in the middle of its "
                                                   "answer to",
                            req);
    else
        return false;
    vd_quote_copy(alert, sizeof(alert), f->tls_alert, sizeof(f->tls_alert));
    if (f->xfer == NC_XFER_OTHER && alert[0] != '\0')
        (void)result_appendf(res, &res->detail, NC_DETAIL_MAX, " (%s)", alert);
    if (p->tunnel)
        (void)result_appendf(res, &res->detail, NC_DETAIL_MAX,
                             "; %s was never tried", vd_host_of(c));
    proxy_fail(c, res, NC_PROBLEM_PROXY_INVALID);
    return true;
}

/* Routing is the proxy's to fix, not this machine's. */
#define SOCKS_ACT_ROUTE                                                        \
    "fix routing on the SOCKS proxy's side: the proxy (or a router behind "    \
    "it) has no route to the destination; check the proxy's routes and "       \
    "egress, or bypass the proxy for this host (NO_PROXY)"

/* One SOCKS answer: its problem code, what the proxy said (NULL when curl
 * gave up before the proxy answered), what that means, and the action
 * when the problem's usual one would point at the wrong place. */
struct socks_row {
    enum nc_problem problem;
    const char *said;
    const char *meaning;
    const char *action;
};

/* RFC 1928 §6 replies, RFC 1929 §2, and the SOCKS4 replies 91-93. */
static const struct socks_row socks_rows[NC_SOCKS_MAX] = {
    [NC_SOCKS_GENERAL_FAILURE] =
        {NC_PROBLEM_PROXY_DENIED, "'general SOCKS server failure' (reply 1)",
         "the proxy failed the request without saying why",
         "read the SOCKS proxy's log for the cause, then allow the host "
         "there, or bypass the proxy for it (NO_PROXY)"},
    [NC_SOCKS_NOT_ALLOWED] = {NC_PROBLEM_PROXY_DENIED,
                              "'connection not allowed by ruleset' (reply 2)",
                              "the proxy's rules refuse this destination",
                              NULL},
    [NC_SOCKS_NET_UNREACHABLE] = {NC_PROBLEM_TCP_UNREACHABLE,
                                  "'network unreachable' (reply 3)",
                                  "the SOCKS proxy has no route to the "
                                  "destination's network",
                                  SOCKS_ACT_ROUTE},
    [NC_SOCKS_HOST_UNREACHABLE] = {NC_PROBLEM_TCP_UNREACHABLE,
                                   "'host unreachable' (reply 4)",
                                   "the SOCKS proxy has no route to the host",
                                   SOCKS_ACT_ROUTE},
    [NC_SOCKS_REFUSED] = {NC_PROBLEM_TCP_REFUSED,
                          "'connection refused' (reply 5)",
                          "the destination refused the proxy's connection "
                          "(nothing listens on the port, or a firewall "
                          "rejects it); the proxy itself works",
                          NULL},
    [NC_SOCKS_TTL_EXPIRED] = {NC_PROBLEM_TCP_UNREACHABLE,
                              "'TTL expired' (reply 6)",
                              "the proxy's connection to the destination "
                              "died on the way (a routing loop or a path too "
                              "long)",
                              SOCKS_ACT_ROUTE},
    [NC_SOCKS_CMD_UNSUPPORTED] = {NC_PROBLEM_PROXY_DENIED,
                                  "'command not supported' (reply 7)",
                                  "the proxy does not offer CONNECT",
                                  "let the SOCKS proxy accept CONNECT "
                                  "requests, or use another proxy"},
    [NC_SOCKS_ADDR_UNSUPPORTED] =
        {NC_PROBLEM_PROXY_DENIED, "'address type not supported' (reply 8)",
         "the proxy does not take this kind of destination address",
         "use socks5:// (names resolved here) if the proxy takes no names, "
         "or socks5h:// if it takes no addresses"},
    [NC_SOCKS_UNASSIGNED] = {NC_PROBLEM_PROXY_DENIED,
                             "an unassigned reply code",
                             "the proxy refused the request", NULL},
    [NC_SOCKS4_REJECTED] =
        {NC_PROBLEM_PROXY_DENIED,
         "'request rejected or failed' (SOCKS4 reply 91)",
         "SOCKS4 does not tell a rule from an unreachable or refusing "
         "destination",
         "read the SOCKS proxy's log for the cause (or use socks5://, whose "
         "replies name it); allow the host there, or bypass the proxy for "
         "it (NO_PROXY)"},
    [NC_SOCKS4_IDENTD] = {NC_PROBLEM_PROXY_AUTH_FAILED,
                          "an identd failure (SOCKS4 reply 92 or 93)",
                          "the proxy could not confirm this machine's user "
                          "with identd",
                          "run identd on this machine, or drop the identd "
                          "check for it on the proxy"},
    [NC_SOCKS_USER_REJECTED] = {NC_PROBLEM_PROXY_AUTH_FAILED,
                                "'authentication failed' (RFC 1929)",
                                "it rejected the user name and password sent",
                                NULL},
    [NC_SOCKS_NO_METHOD] = {NC_PROBLEM_PROXY_AUTH_FAILED,
                            "'no acceptable methods'",
                            "it accepts none of the methods offered (no "
                            "authentication, user name and password)",
                            NULL},
    [NC_SOCKS_CREDS_TOO_LONG] = {NC_PROBLEM_PROXY_AUTH_FAILED, NULL,
                                 "the user name or password is longer than "
                                 "SOCKS5 carries (255 bytes)",
                                 NULL},
    [NC_SOCKS_GSSAPI] = {NC_PROBLEM_PROXY_AUTH_FAILED, NULL,
                         "the GSSAPI negotiation with it failed", NULL},
    [NC_SOCKS_RESOLVE] = {NC_PROBLEM_DNS_NODATA, NULL,
                          "no address for the host was found on this "
                          "machine, and this proxy must be given one "
                          "(socks4a:// and socks5h:// let it resolve)",
                          NULL},
    [NC_SOCKS_HANDSHAKE] = {NC_PROBLEM_PROXY_UNREACHABLE, NULL,
                            "the SOCKS handshake failed: is it a SOCKS "
                            "proxy of this version, and does it admit this "
                            "machine?",
                            "check the proxy setting (socks4:// or "
                            "socks5://, and the port) and that the proxy's "
                            "client rules admit this machine"},
    [NC_SOCKS_OTHER] = {NC_PROBLEM_PROXY_UNREACHABLE, NULL,
                        "the SOCKS handshake failed", NULL},
};

/* A SOCKS proxy's answer: one table row per reply. Only credentials
 * decide between asked for and refused. */
static bool proxy_socks(const struct nc_check *c,
                        const struct nc_proxy_facts *p,
                        const struct nc_addr_facts *f,
                        struct nc_check_result *res)
{
    const struct socks_row *row;
    const char *meaning;
    enum nc_problem prob;

    if (p->socks_reply == NC_SOCKS_OK || p->socks_reply >= NC_SOCKS_MAX) {
        /* Connected to the proxy, never connected through it. */
        if (p->socks_open || !f->connected || f->xfer != NC_XFER_TIMEOUT)
            return false;
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "the SOCKS%u proxy %s accepted the connection but "
                            "gave no reply for %s:%u within %ld ms: a firewall "
                            "probably drops the proxy's connection to it (or "
                            "this is not a SOCKS proxy)",
                            p->socks, p->proxy, c->host, c->port,
                            f->timeout_ms);
        proxy_fail(c, res, NC_PROBLEM_TCP_TIMEOUT);
        return true;
    }
    row = &socks_rows[p->socks_reply];
    prob = row->problem;
    meaning = row->meaning;
    if (p->socks_reply == NC_SOCKS_NO_METHOD && !p->creds_sent) {
        prob = NC_PROBLEM_PROXY_AUTH_REQUIRED;
        meaning = "it requires authentication and no credentials were sent";
    } else if (p->socks_reply == NC_SOCKS_HOST_UNREACHABLE &&
               p->socks_remote_dns) {
        meaning = "the SOCKS proxy could not resolve the name or has no "
                  "route to the host";
    }
    if (row->said != NULL)
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "the SOCKS%u proxy %s answered %s for %s:%u: %s",
                            p->socks, p->proxy, row->said, c->host, c->port,
                            meaning);
    else
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "the SOCKS%u proxy %s could not be used for %s:%u: "
                            "%s",
                            p->socks, p->proxy, c->host, c->port, meaning);
    if (p->socks_error[0] != '\0' && row->said == NULL)
        (void)result_appendf(res, &res->detail, NC_DETAIL_MAX, " (%.*s)",
                             (int)sizeof(p->socks_error), p->socks_error);
    proxy_fail(c, res, prob);
    if (row->action != NULL)
        (void)result_printf(res, &res->action, NC_ACTION_MAX, "%s",
                            row->action);
    return true;
}

void verdict_proxy(const struct nc_check *c, const struct nc_proxy_facts *p,
                   const struct nc_addr_facts *f, struct nc_check_result *res)
{
    struct nc_addr_result via;
    size_t i;

    res->via_proxy = true;
    (void)result_printf(res, &res->proxy, NC_PROXY_MAX, "%s", p->proxy);
    /* proxy_status is only ever the proxy's own answer: the CONNECT code,
     * or a plain-HTTP answer it gave itself (then the destination never
     * answered). A relayed answer is the destination's http_status. */
    if (proxy_own_answer(p, f->http_status)) {
        res->proxy_status = f->http_status;
        res->http_status = 0;
    } else {
        res->proxy_status = p->tunnel ? p->connect_code : 0;
        res->http_status = f->http_status;
    }
    res->n_proxy_auth = 0;
    for (i = 0; i < p->n_offered && i < NC_MAX_OFFERED; i++)
        if (result_proxy_auth_add(res, p->offered[i]) != 0)
            break;
    result_text_clear(&res->detail);
    result_text_clear(&res->action);
    if (proxy_unreachable(c, p, f, res) || proxy_tls_rejected(c, p, f, res))
        return;
    /* A SOCKS proxy answers in SOCKS; any HTTP answer is the
     * destination's. */
    if (p->socks != 0 ? proxy_socks(c, p, f, res)
                      : proxy_answered_error(c, p, f, res) ||
                            proxy_answer_failed(c, p, f, res))
        return;
    /* Whatever the kernel's routes say, the proxy's egress decides the
     * path: an ExpressRoute host reached through it is not on it. */
    if (c->expressroute && p->er != NULL && p->er->enabled) {
        (void)result_printf(
            res, &res->detail, NC_DETAIL_MAX,
            "%s goes through the proxy %s, whose egress decides "
            "the path: it is not on ExpressRoute from this "
            "host; bypass the proxy for this host (NO_PROXY)",
            c->host, p->proxy);
        proxy_fail(c, res, NC_PROBLEM_ROUTE_MISROUTED);
        return;
    }

    /* The tunnel (or the proxied GET) worked: judge what came through it
     * like a direct answer, naming the host since no address was ours. */
    memset(&via, 0, sizeof(via)); /* no address: details name the host */
    via.in_ranges = -1;
    verdict_addr(c, f, res, &via);
    res->problem = via.problem;
    if (via.status == NC_STATUS_PASS) {
        result_text_clear(&via.detail);
        res->status = NC_STATUS_PASS;
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "answered %ld through the proxy %s", f->http_status,
                            p->proxy);
        if (c->rule != NULL)
            (void)result_appendf(res, &res->detail, NC_DETAIL_MAX,
                                 " (tested via sample host %s for %s)", c->host,
                                 c->rule);
        return;
    }
    res->status = vd_status_failed(c);
    (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                        "through the proxy %s: %s", p->proxy,
                        result_addr_detail(&via));
    result_text_clear(&via.detail);
    verdict_check_action_res(c, via.problem, res);
}

void verdict_proxy_overloaded(const struct nc_check *c, size_t n_ok,
                              size_t n_timeout, struct nc_check_result *res)
{
    res->status = vd_status_failed(c);
    res->problem = NC_PROBLEM_PROXY_OVERLOADED;
    (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                        "proxy overloaded: %zu connection%s to it timed out "
                        "while %zu others succeeded; %s was never tried",
                        n_timeout, n_timeout == 1 ? "" : "s", n_ok, c->host);
    verdict_check_action_res(c, NC_PROBLEM_PROXY_OVERLOADED, res);
}
