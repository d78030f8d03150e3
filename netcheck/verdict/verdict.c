/* Pure decisions: facts the engine observed become one status, one problem
 * code, a detail sentence and an action (relayd's health-check table is the
 * model). No I/O and no curl, c-ares or OpenSSL types: probe.c and dns.c map
 * their codes into struct nc_addr_facts / nc_dns_facts first.
 *
 * Choices the header leaves open, decided here:
 * - DNS with no address: the worst family decides, TIMEOUT > UNREACHABLE >
 *   SERVFAIL > REFUSED > INVALID > NXDOMAIN > NODATA > ERROR; NC_DNS_ERROR
 *   (no reply to blame) has no code of its own and reports as dns_invalid,
 *   never as an rcode the resolver did not send.
 *   When the families differ, the detail names both outcomes.
 * - DNS with addresses: a family that failed (SERVFAIL, REFUSED, TIMEOUT,
 *   ERROR) still fails the check, and NXDOMAIN beside addresses of the other
 *   family is an inconsistent server (dns_nxdomain). NODATA is normal.
 * - TLS_VERIFY with NC_CERT_OTHER (revoked, bad signature, wrong purpose):
 *   tls_failed, not tls_untrusted, whose action (TLS inspection, missing CA)
 *   would send the reader the wrong way.
 * - NC_XFER_OTHER: tcp_unreachable before TCP connected, tls_failed during
 *   an https handshake, tcp_reset after; http_invalid is kept for
 *   BAD_RESPONSE alone.
 * - verdict_check (verdict_check.c) keeps a DNS problem verdict_dns
 *   already wrote, so probing the addresses of a half-failed name cannot
 *   hide the DNS failure. */
#include "verdict.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "errtext.h"
#include "nc.h"
#include "str.h"
#include "verdict_int.h"

UNITTEST const char *verdict_er_community(const char *host);

UNITTEST bool verdict_addr_is_private(const struct nc_addr *a);

/* Ranges named in an address_outside_ranges detail before "and N more". */
#define RANGES_SHOWN 3

/* The address as text, "?" when there is none. */
static void addr_text(const struct nc_addr_result *r, char *buf, size_t n)
{
    if (r->addr.family == 4 || r->addr.family == 6)
        nc_addr_format(&r->addr, buf, n);
    else
        (void)nc_strlcpy(buf, "?", n);
}

/* "203.0.113.7:443" or "[2001:db8::1]:443". */
static void endpoint_text(const struct nc_check *c,
                          const struct nc_addr_result *r, char *buf, size_t n)
{
    char ip[NC_ADDRSTRLEN];

    /* No address of ours (through a proxy): the host name, in full. */
    if (r->addr.family == 0) {
        (void)nc_snprintf(buf, n, "%s:%u", vd_host_of(c), c->port);
        return;
    }

    addr_text(r, ip, sizeof(ip));
    if (strchr(ip, ':') != NULL)
        (void)nc_snprintf(buf, n, "[%s]:%u", ip, c->port);
    else
        (void)nc_snprintf(buf, n, "%s:%u", ip, c->port);
}

/* "within 5000 ms", or "in time" when the limit is unknown. */
static void within_text(long ms, char *buf, size_t n)
{
    if (ms > 0)
        (void)nc_snprintf(buf, n, "within %ld ms", ms);
    else
        (void)nc_strlcpy(buf, "in time", n);
}

/* The ranges of the address's family, at most RANGES_SHOWN of them. */
static void ranges_text(const struct nc_check *c, int family, char *buf,
                        size_t n)
{
    char one[NC_ADDRSTRLEN + 8];
    size_t i, shown = 0, same = 0;

    buf[0] = '\0';
    for (i = 0; i < c->n_ranges; i++) {
        if ((family == 4 || family == 6) && c->ranges[i].base.family != family)
            continue;
        same++;
        if (shown == RANGES_SHOWN)
            continue;
        nc_cidr_format(&c->ranges[i], one, sizeof(one));
        (void)nc_str_appendf(buf, n, "%s%s", shown > 0 ? ", " : "", one);
        shown++;
    }
    if (same > shown)
        (void)nc_str_appendf(buf, n, " and %zu more", same - shown);
    if (same == 0 && (family == 4 || family == 6))
        (void)nc_snprintf(buf, n, "they hold no IPv%d range", family);
    else if (same == 0)
        (void)nc_strlcpy(buf, "none given", n);
}

/* Name who is responsible for an untrusted chain: the server itself
 * (self-signed), a root this machine does not trust (most often a TLS
 * inspection box's), or a chain that stops short of any root. */
static void tls_untrusted_detail(const struct nc_addr_facts *f, const char *ep,
                                 char *detail, size_t n)
{
    const struct nc_tls_info *t = &f->tls;
    char root[QUOTE_MAX + 1];

    vd_quote_copy(root, sizeof(root), t->root_cn[0] ? t->root_cn : t->root,
                  t->root_cn[0] ? sizeof(t->root_cn) : sizeof(t->root));
    if (!t->present)
        (void)nc_snprintf(detail, n,
                          "%s presented a certificate that is not trusted "
                          "(self-signed or unknown issuer)",
                          ep);
    else if (t->leaf_self_signed)
        (void)nc_snprintf(detail, n,
                          "%s presented a self-signed certificate (%.120s) "
                          "that this machine does not trust",
                          ep, t->subject);
    else if (t->root_self_signed)
        (void)nc_snprintf(detail, n,
                          "the chain from %s ends in the root '%s', which "
                          "this machine does not trust: likely TLS "
                          "inspection by %s",
                          ep, root, root);
    else {
        char missing[QUOTE_MAX + 1];

        vd_quote_copy(missing, sizeof(missing), t->top_issuer_cn,
                      sizeof(t->top_issuer_cn));
        (void)nc_snprintf(detail, n,
                          "the chain from %s stops at '%s', whose issuer "
                          "'%s' is not in the trust store (a missing "
                          "intermediate, or an unknown CA)",
                          ep, root, missing[0] ? missing : "?");
    }
}

/* Is the chain's root one the endpoint really uses? An empty list means
 * any root this machine trusts. */
static bool tls_root_expected(const struct nc_check *c,
                              const struct nc_tls_info *t)
{
    size_t i;

    if (c->n_tls_issuers == 0 || !t->present)
        return true;
    for (i = 0; i < c->n_tls_issuers; i++)
        if (nc_strcasecmp(c->tls_issuers[i], t->root_cn) == 0)
            return true;
    return false;
}

static void tls_intercepted_detail(const struct nc_check *c,
                                   const struct nc_tls_info *t, const char *ep,
                                   char *detail, size_t n)
{
    char root[QUOTE_MAX + 1];
    size_t i, used;

    vd_quote_copy(root, sizeof(root), t->root_cn[0] ? t->root_cn : t->root,
                  t->root_cn[0] ? sizeof(t->root_cn) : sizeof(t->root));
    (void)nc_snprintf(detail, n,
                      "the chain from %s verifies, but ends in '%s', not in "
                      "a root this endpoint uses (",
                      ep, root);
    for (i = 0; i < c->n_tls_issuers; i++) {
        used = strlen(detail);
        (void)snprintf(detail + used, n - used, "%s%s", i ? ", " : "",
                       c->tls_issuers[i]);
    }
    used = strlen(detail);
    (void)snprintf(detail + used, n - used,
                   "): TLS inspection by %s, whose root this machine trusts",
                   root);
}

/* TCP connect failed: the kernel's errno names the cause. */
static enum nc_problem conn_connect_decide(const struct nc_addr_facts *f,
                                           const char *ep, char *detail,
                                           size_t n)
{
    switch (f->os_errno) {
    case ECONNREFUSED:
        (void)nc_snprintf(detail, n, "%s refused the connection", ep);
        return NC_PROBLEM_TCP_REFUSED;
    case ETIMEDOUT:
        (void)nc_snprintf(detail, n,
                          "no answer to TCP SYN from %s (the kernel "
                          "gave up): a firewall is probably dropping "
                          "the packets",
                          ep);
        return NC_PROBLEM_TCP_TIMEOUT;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case ENETDOWN:
#ifdef EHOSTDOWN
    case EHOSTDOWN:
#endif
        (void)nc_snprintf(detail, n, "%s is unreachable: %s", ep,
                          nc_errno_text(f->os_errno));
        return NC_PROBLEM_TCP_UNREACHABLE;
    default:
        (void)nc_snprintf(detail, n, "could not connect to %s: %s", ep,
                          f->os_errno != 0 ? nc_errno_text(f->os_errno)
                                           : "unknown error");
        return NC_PROBLEM_TCP_UNREACHABLE;
    }
}

/* TCP connected to an https endpoint, but the handshake never finished. */
static bool conn_mid_tls(const struct nc_check *c,
                         const struct nc_addr_facts *f)
{
    return f->connected && vd_is_https(c) && !f->tls_done;
}

/* The time ran out: before TCP, in the TLS handshake or waiting for HTTP. */
static enum nc_problem conn_timeout_decide(const struct nc_check *c,
                                           const struct nc_addr_facts *f,
                                           const char *ep, char *detail,
                                           size_t n)
{
    char within[48];

    within_text(f->timeout_ms, within, sizeof(within));
    if (!f->connected) {
        (void)nc_snprintf(detail, n,
                          "no answer to TCP SYN %s: a firewall is "
                          "probably dropping packets to %s",
                          within, ep);
        return NC_PROBLEM_TCP_TIMEOUT;
    }
    if (conn_mid_tls(c, f)) {
        (void)nc_snprintf(detail, n,
                          "connected to %s, but the TLS handshake did "
                          "not finish %s (a middlebox holding TLS?)",
                          ep, within);
        return NC_PROBLEM_TIMEOUT;
    }
    (void)nc_snprintf(detail, n,
                      "connected to %s, but no complete HTTP answer %s", ep,
                      within);
    return NC_PROBLEM_TIMEOUT;
}

/* The certificate was rejected: which check of the chain failed. */
static enum nc_problem conn_verify_decide(const struct nc_check *c,
                                          const struct nc_addr_facts *f,
                                          const char *ep, const char *alert,
                                          char *detail, size_t n)
{
    char want[QUOTE_MAX + 1];

    switch (f->cert) {
    case NC_CERT_UNTRUSTED:
        tls_untrusted_detail(f, ep, detail, n);
        return NC_PROBLEM_TLS_UNTRUSTED;
    case NC_CERT_EXPIRED:
        if (f->tls.not_after[0] != '\0')
            (void)nc_snprintf(detail, n,
                              "the certificate of %s expired on %.24s "
                              "(subject %.120s)",
                              ep, f->tls.not_after, f->tls.subject);
        else
            (void)nc_snprintf(detail, n, "the certificate of %s has expired",
                              ep);
        return NC_PROBLEM_TLS_EXPIRED;
    case NC_CERT_NOT_YET_VALID:
        if (f->tls.not_before[0] != '\0')
            (void)nc_snprintf(detail, n,
                              "the certificate of %s is not valid before "
                              "%.24s (subject %.120s): is this machine's "
                              "clock right?",
                              ep, f->tls.not_before, f->tls.subject);
        else
            (void)nc_snprintf(detail, n,
                              "the certificate of %s is not yet valid: is "
                              "this machine's clock right?",
                              ep);
        return NC_PROBLEM_TLS_EXPIRED;
    case NC_CERT_NAME_MISMATCH:
        vd_quote_copy(want, sizeof(want), f->cert_names, sizeof(f->cert_names));
        (void)nc_snprintf(
            detail, n, "the certificate of %s is for %s, not '%s'", ep,
            want[0] != '\0' ? want : "other names", vd_host_of(c));
        return NC_PROBLEM_TLS_NAME_MISMATCH;
    case NC_CERT_OK:
    case NC_CERT_OTHER:
    case NC_CERT_MAX:
        break;
    }
    (void)nc_snprintf(detail, n, "the certificate of %s was rejected%s%s", ep,
                      alert[0] != '\0' ? ": " : "", alert);
    return NC_PROBLEM_TLS_FAILED;
}

/* A failure the engine could not name: the stage it stopped in decides. */
static enum nc_problem conn_other_decide(const struct nc_check *c,
                                         const struct nc_addr_facts *f,
                                         const char *ep, const char *alert,
                                         char *detail, size_t n)
{
    if (!f->connected) {
        (void)nc_snprintf(detail, n, "could not connect to %s%s%s", ep,
                          alert[0] != '\0' ? ": " : "", alert);
        return NC_PROBLEM_TCP_UNREACHABLE;
    }
    if (conn_mid_tls(c, f)) {
        (void)nc_snprintf(detail, n, "the TLS handshake with %s failed%s%s", ep,
                          alert[0] != '\0' ? ": " : "", alert);
        return NC_PROBLEM_TLS_FAILED;
    }
    (void)nc_snprintf(detail, n,
                      "the transfer from %s broke off before a "
                      "complete response",
                      ep);
    return NC_PROBLEM_TCP_RESET;
}

/* The transfer's outcome: connect, TLS and the transport under HTTP.
 * NC_PROBLEM_NONE when a response arrived. */
static enum nc_problem conn_xfer_decide(const struct nc_check *c,
                                        const struct nc_addr_facts *f,
                                        const char *ep, char *detail, size_t n)
{
    char alert[QUOTE_MAX + 1];

    vd_quote_copy(alert, sizeof(alert), f->tls_alert, sizeof(f->tls_alert));
    switch (f->xfer) {
    case NC_XFER_OK:
        return NC_PROBLEM_NONE;
    case NC_XFER_CONNECT_FAIL:
        return conn_connect_decide(f, ep, detail, n);
    case NC_XFER_TIMEOUT:
        return conn_timeout_decide(c, f, ep, detail, n);
    case NC_XFER_TLS_HANDSHAKE:
        if (alert[0] != '\0')
            (void)nc_snprintf(detail, n, "the TLS handshake with %s failed: %s",
                              ep, alert);
        else
            (void)nc_snprintf(detail, n, "the TLS handshake with %s failed",
                              ep);
        return NC_PROBLEM_TLS_FAILED;
    case NC_XFER_TLS_VERIFY:
        return conn_verify_decide(c, f, ep, alert, detail, n);
    case NC_XFER_RESET:
        if (conn_mid_tls(c, f))
            (void)nc_snprintf(detail, n,
                              "%s reset the connection during the TLS "
                              "handshake (a firewall filtering on the "
                              "server name?)",
                              ep);
        else
            (void)nc_snprintf(detail, n,
                              "%s reset or closed the connection before a "
                              "complete HTTP response",
                              ep);
        return NC_PROBLEM_TCP_RESET;
    case NC_XFER_BAD_RESPONSE:
        /* Framing curl refuses is the sender's fault, never a reset. */
        (void)nc_snprintf(detail, n, "%s answered with %s", ep,
                          vd_http_fault_text(f->http_fault));
        return NC_PROBLEM_HTTP_INVALID;
    case NC_XFER_OTHER:
    case NC_XFER_MAX:
    default:
        break;
    }
    return conn_other_decide(c, f, ep, alert, detail, n);
}

/* A response arrived: judge its status and body against the check. */
static enum nc_problem conn_http_decide(const struct nc_check *c,
                                        const struct nc_addr_facts *f,
                                        const char *ep, char *detail, size_t n)
{
    char want[QUOTE_MAX + 1], body[QUOTE_MAX + 1];
    unsigned lo = c->status_min, hi = c->status_max;
    const char *exp;

    if (lo == 0 && hi == 0) {
        lo = 100;
        hi = 599;
    }
    if (f->http_status <= 0) {
        (void)nc_snprintf(detail, n, "%s answered without an HTTP status line",
                          ep);
        return NC_PROBLEM_HTTP_INVALID;
    }
    if (f->http_status < (long)lo || f->http_status > (long)hi) {
        if (lo == hi)
            (void)nc_snprintf(detail, n, "%s answered %ld, expected %u", ep,
                              f->http_status, lo);
        else
            (void)nc_snprintf(detail, n, "%s answered %ld, expected %u-%u", ep,
                              f->http_status, lo, hi);
        return NC_PROBLEM_HTTP_STATUS;
    }
    if (f->body_match != 0)
        return NC_PROBLEM_NONE;
    exp = c->expect_body != NULL ? c->expect_body : "";
    vd_quote_copy(want, sizeof(want), exp, strlen(exp) + 1);
    vd_quote_copy(body, sizeof(body), f->body_excerpt, sizeof(f->body_excerpt));
    if (body[0] != '\0')
        (void)nc_snprintf(detail, n,
                          "%s answered %ld without \"%s\"; the body "
                          "starts \"%s\"",
                          ep, f->http_status, want, body);
    else
        (void)nc_snprintf(detail, n,
                          "%s answered %ld with an empty body, "
                          "expected \"%s\"",
                          ep, f->http_status, want);
    return NC_PROBLEM_BODY_MISMATCH;
}

/* The connection's own verdict, ignoring ranges: the transfer, then the
 * chain's root, then the HTTP answer. */
static enum nc_problem conn_decide(const struct nc_check *c,
                                   const struct nc_addr_facts *f,
                                   const char *ep, char *detail, size_t n)
{
    enum nc_problem p;

    detail[0] = '\0';
    p = conn_xfer_decide(c, f, ep, detail, n);
    if (p != NC_PROBLEM_NONE)
        return p;
    /* The chain verified: is it the endpoint's own? A re-signed chain is
     * the root cause of whatever the inspecting box then answers. */
    if (vd_is_https(c) && !tls_root_expected(c, &f->tls)) {
        tls_intercepted_detail(c, &f->tls, ep, detail, n);
        return NC_PROBLEM_TLS_INTERCEPTED;
    }
    return conn_http_decide(c, f, ep, detail, n);
}

/* ---- paths: private endpoints, ExpressRoute ---- */

UNITTEST bool verdict_addr_is_private(const struct nc_addr *a)
{
    const unsigned char *b = a->bytes;

    if (a->family == 4)
        return b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) ||
               (b[0] == 192 && b[1] == 168);
    return a->family == 6 && (b[0] & 0xfe) == 0xfc;
}

UNITTEST const char *verdict_er_community(const char *host)
{
    if (nc_str_endswith_ci(host, ".microsoftonline.com") ||
        nc_str_endswith_ci(host, ".microsoftonline.us") ||
        nc_strcasecmp(host, "login.windows.net") == 0 ||
        nc_strcasecmp(host, "login.microsoft.com") == 0)
        return "Entra ID's community 12076:5060 (US Gov 12076:5160)";
    if (nc_str_endswith_ci(host, ".core.windows.net") ||
        nc_str_endswith_ci(host, ".storage.azure.net") ||
        nc_str_endswith_ci(host, ".core.usgovcloudapi.net"))
        return "the vault region's Storage community 12076:52NNN";
    if (nc_str_endswith_ci(host, ".backup.windowsazure.com") ||
        nc_str_endswith_ci(host, ".backup.windowsazure.us"))
        return "the vault region's Backup community 12076:55NNN and "
               "regional community 12076:51NNN";
    return "the service's regional community 12076:51NNN";
}

static bool route_matches(const struct nc_er_expect *er,
                          const struct nc_route *rt)
{
    if (!rt->found)
        return false;
    if (er->by_gateway)
        return rt->has_via && rt->via.family == er->gateway.family &&
               memcmp(rt->via.bytes, er->gateway.bytes,
                      er->gateway.family == 4 ? 4 : 16) == 0;
    return strcmp(rt->dev, er->dev) == 0;
}

/* "dev eth0 via 198.51.100.1" (or "no route"), and the expected path. */
static void route_text(const struct nc_route *rt, char *buf, size_t n)
{
    char via[NC_ADDRSTRLEN];

    if (!rt->found) {
        (void)nc_snprintf(buf, n, "no route%s%s", rt->error ? ": " : "",
                          rt->error ? nc_errno_text(rt->error) : "");
        return;
    }
    if (rt->has_via) {
        nc_addr_format(&rt->via, via, sizeof(via));
        (void)nc_snprintf(buf, n, "dev %.16s via %s", rt->dev, via);
    } else {
        (void)nc_snprintf(buf, n, "dev %.16s (directly connected)", rt->dev);
    }
}

static void er_text(const struct nc_er_expect *er, char *buf, size_t n)
{
    char gw[NC_ADDRSTRLEN];

    if (er->by_gateway) {
        nc_addr_format(&er->gateway, gw, sizeof(gw));
        (void)nc_snprintf(buf, n, "next hop %s", gw);
    } else {
        (void)nc_snprintf(buf, n, "dev %.16s", er->dev);
    }
}

/* The checks that must hold whatever the connection did: a private
 * endpoint answered publicly, an address the allowlist does not cover, an
 * ExpressRoute address routed elsewhere. Each is the root cause of what
 * the connection then showed. */
static bool addr_path_decide(const struct nc_check *c,
                             const struct nc_addr_facts *f,
                             struct nc_addr_result *r, enum nc_problem p,
                             const char *conn, char *detail, size_t n)
{
    char ip[NC_ADDRSTRLEN], ranges[160], actual[96], expected[64];
    const char *also = p == NC_PROBLEM_NONE ? "" : "; the probe also failed: ";

    addr_text(r, ip, sizeof(ip));
    if (c->expect_private && (r->addr.family == 4 || r->addr.family == 6) &&
        !verdict_addr_is_private(&r->addr)) {
        (void)nc_snprintf(detail, n,
                          "'%s' resolved to the public address %s, not to "
                          "its private endpoint%s%s",
                          vd_host_of(c), ip, also,
                          p == NC_PROBLEM_NONE ? "" : conn);
        r->problem = NC_PROBLEM_ADDRESS_NOT_PRIVATE;
    } else if (r->in_ranges == 0) {
        /* The allowlist does not cover the address, so a firewall built
         * from it blocks the address whatever happened on this path. */
        /* Name the rule that failed: the tag, or the ranges. */
        if (r->tag_miss && c->service_tag != NULL)
            (void)nc_snprintf(ranges, sizeof(ranges), "service tag %s",
                              c->service_tag);
        else
            ranges_text(c, r->addr.family, ranges, sizeof(ranges));
        if (p == NC_PROBLEM_NONE)
            (void)nc_snprintf(detail, n,
                              "%s is outside the allowed ranges (%s): a "
                              "firewall that follows the allowlist blocks "
                              "it, though it answered here",
                              ip, ranges);
        else
            (void)nc_snprintf(detail, n,
                              "%s is outside the allowed ranges (%s); the "
                              "probe also failed: %s",
                              ip, ranges, conn);
        r->problem = NC_PROBLEM_ADDRESS_OUTSIDE_RANGES;
    } else if (c->expressroute && f->er != NULL && f->er->enabled &&
               !route_matches(f->er, &f->route)) {
        route_text(&f->route, actual, sizeof(actual));
        er_text(f->er, expected, sizeof(expected));
        (void)nc_snprintf(detail, n,
                          "%s leaves by %s, not by the ExpressRoute path (%s): "
                          "the route filter must carry %s%s%s",
                          ip, actual, expected,
                          verdict_er_community(vd_host_of(c)), also,
                          p == NC_PROBLEM_NONE ? "" : conn);
        r->problem = NC_PROBLEM_ROUTE_MISROUTED;
    } else {
        return false;
    }
    r->status = NC_STATUS_FAIL;
    return true;
}

void verdict_addr(const struct nc_check *c, const struct nc_addr_facts *f,
                  struct nc_check_result *res, struct nc_addr_result *r)
{
    char ep[NC_ADDRSTRLEN + 16];
    char conn[NC_ADDR_DETAIL_MAX], path[NC_ADDR_DETAIL_MAX];
    enum nc_problem p;
    bool on_path;

    endpoint_text(c, r, ep, sizeof(ep));
    p = conn_decide(c, f, ep, conn, sizeof(conn));
    if (f->http_status > 0)
        r->http_status = f->http_status;
    on_path = addr_path_decide(c, f, r, p, conn, path, sizeof(path));
    if (!on_path) {
        r->problem = p;
        r->status = p == NC_PROBLEM_NONE ? NC_STATUS_PASS : NC_STATUS_FAIL;
    }
    (void)result_printf(res, &r->detail, NC_ADDR_DETAIL_MAX, "%s",
                        on_path ? path : conn);
}
