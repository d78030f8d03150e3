/* Pure decisions: facts the engine observed become one status, one problem
 * code, a detail sentence and an action (relayd's health-check table is the
 * model). No I/O and no curl, c-ares or OpenSSL types: probe.c and dns.c map
 * their codes into struct nc_addr_facts / nc_dns_facts first.
 *
 * Choices the header leaves open, decided here:
 * - DNS with no address: the worst family decides, TIMEOUT > SERVFAIL >
 *   REFUSED > NXDOMAIN > NODATA > ERROR; NC_DNS_ERROR (bad reply, no
 *   resolver reachable) has no code of its own and reports as dns_servfail.
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
 * - verdict_check keeps a DNS problem verdict_dns already wrote, so probing
 *   the addresses of a half-failed name cannot hide the DNS failure. */
#include "verdict.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "str.h"

/* Longest piece of server-supplied text quoted in a detail. */
#define QUOTE_MAX 48

/* Ranges named in an address_outside_ranges detail before "and N more". */
#define RANGES_SHOWN 3

static enum nc_status status_failed(const struct nc_check *c)
{
    return c->required ? NC_STATUS_FAIL : NC_STATUS_WARN;
}

static bool is_https(const struct nc_check *c)
{
    return c->scheme != NULL && nc_strcasecmp(c->scheme, "https") == 0;
}

static const char *host_of(const struct nc_check *c)
{
    return c->host != NULL ? c->host : "?";
}

/* Append to the string in buf (size n), truncating silently: every text
 * field is a fixed array and a cut sentence beats an overflow. */
static void str_append(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void str_append(char *buf, size_t n, const char *fmt, ...)
{
    size_t len = strnlen(buf, n);
    va_list ap;

    if (len + 1 >= n)
        return;
    va_start(ap, fmt);
    (void)vsnprintf(buf + len, n - len, fmt, ap);
    va_end(ap);
}

/* Copy text that came off the network (at most srcsize bytes, maybe not
 * terminated) for quoting: white space becomes ' ', other bytes outside
 * printable ASCII become '.', and more than QUOTE_MAX characters are cut
 * and end in "...". */
static void quote_copy(char *dst, size_t n, const char *src, size_t srcsize)
{
    size_t len = strnlen(src, srcsize), keep = len, i;

    if (n == 0)
        return;
    if (keep > QUOTE_MAX)
        keep = QUOTE_MAX;
    if (keep >= n)
        keep = n - 1;
    for (i = 0; i < keep; i++) {
        unsigned char ch = (unsigned char)src[i];

        if (ch == '\t' || ch == '\r' || ch == '\n')
            dst[i] = ' ';
        else if (ch >= 0x20 && ch < 0x7f)
            dst[i] = (char)ch;
        else
            dst[i] = '.';
    }
    if (keep < len && keep >= 3)
        memcpy(dst + keep - 3, "...", 3);
    dst[keep] = '\0';
}

/* The address as text: r->ip when the engine filled it, else r->addr. */
static void addr_text(const struct nc_addr_result *r, char *buf, size_t n)
{
    if (strnlen(r->ip, sizeof(r->ip)) > 0)
        quote_copy(buf, n, r->ip, sizeof(r->ip));
    else if (r->addr.family == 4 || r->addr.family == 6)
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
    if (r->ip[0] == '\0' && r->addr.family == 0) {
        (void)nc_snprintf(buf, n, "%s:%u", host_of(c), c->port);
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
        str_append(buf, n, "%s%s", shown > 0 ? ", " : "", one);
        shown++;
    }
    if (same > shown)
        str_append(buf, n, " and %zu more", same - shown);
    if (same == 0 && (family == 4 || family == 6))
        (void)nc_snprintf(buf, n, "they hold no IPv%d range", family);
    else if (same == 0)
        (void)nc_strlcpy(buf, "none given", n);
}

/* The connection's own verdict, ignoring ranges. */
/* Name who is responsible for an untrusted chain: the server itself
 * (self-signed), a root this machine does not trust (most often a TLS
 * inspection box's), or a chain that stops short of any root. */
static void tls_untrusted_detail(const struct nc_addr_facts *f, const char *ep,
                                 char *detail, size_t n)
{
    const struct nc_tls_info *t = &f->tls;
    char root[QUOTE_MAX + 1];

    quote_copy(root, sizeof(root), t->root_cn[0] ? t->root_cn : t->root,
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

        quote_copy(missing, sizeof(missing), t->top_issuer_cn,
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

    quote_copy(root, sizeof(root), t->root_cn[0] ? t->root_cn : t->root,
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

static enum nc_problem conn_decide(const struct nc_check *c,
                                   const struct nc_addr_facts *f,
                                   const char *ep, char *detail, size_t n)
{
    char within[48], quote[QUOTE_MAX + 1], want[QUOTE_MAX + 1];
    bool mid_tls = f->connected && is_https(c) && !f->tls_done;

    within_text(f->timeout_ms, within, sizeof(within));
    quote_copy(quote, sizeof(quote), f->tls_alert, sizeof(f->tls_alert));
    detail[0] = '\0';

    switch (f->xfer) {
    case NC_XFER_OK:
        break;
    case NC_XFER_CONNECT_FAIL:
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
        case EHOSTDOWN:
            (void)nc_snprintf(detail, n, "%s is unreachable: %s", ep,
                              strerror(f->os_errno));
            return NC_PROBLEM_TCP_UNREACHABLE;
        default:
            (void)nc_snprintf(detail, n, "could not connect to %s: %s", ep,
                              f->os_errno != 0 ? strerror(f->os_errno)
                                               : "unknown error");
            return NC_PROBLEM_TCP_UNREACHABLE;
        }
    case NC_XFER_TIMEOUT:
        if (!f->connected) {
            (void)nc_snprintf(detail, n,
                              "no answer to TCP SYN %s: a firewall is "
                              "probably dropping packets to %s",
                              within, ep);
            return NC_PROBLEM_TCP_TIMEOUT;
        }
        if (mid_tls) {
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
    case NC_XFER_TLS_HANDSHAKE:
        if (quote[0] != '\0')
            (void)nc_snprintf(detail, n, "the TLS handshake with %s failed: %s",
                              ep, quote);
        else
            (void)nc_snprintf(detail, n, "the TLS handshake with %s failed",
                              ep);
        return NC_PROBLEM_TLS_FAILED;
    case NC_XFER_TLS_VERIFY:
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
                (void)nc_snprintf(detail, n,
                                  "the certificate of %s has expired", ep);
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
            quote_copy(want, sizeof(want), f->cert_names,
                       sizeof(f->cert_names));
            (void)nc_snprintf(
                detail, n, "the certificate of %s is for %s, not '%s'", ep,
                want[0] != '\0' ? want : "other names", host_of(c));
            return NC_PROBLEM_TLS_NAME_MISMATCH;
        case NC_CERT_OK:
        case NC_CERT_OTHER:
        case NC_CERT_MAX:
            break;
        }
        (void)nc_snprintf(detail, n, "the certificate of %s was rejected%s%s",
                          ep, quote[0] != '\0' ? ": " : "", quote);
        return NC_PROBLEM_TLS_FAILED;
    case NC_XFER_RESET:
        if (mid_tls)
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
        (void)nc_snprintf(detail, n,
                          "%s answered with something that is "
                          "not valid HTTP",
                          ep);
        return NC_PROBLEM_HTTP_INVALID;
    case NC_XFER_OTHER:
    case NC_XFER_MAX:
    default:
        if (!f->connected) {
            (void)nc_snprintf(detail, n, "could not connect to %s%s%s", ep,
                              quote[0] != '\0' ? ": " : "", quote);
            return NC_PROBLEM_TCP_UNREACHABLE;
        }
        if (mid_tls) {
            (void)nc_snprintf(detail, n, "the TLS handshake with %s failed%s%s",
                              ep, quote[0] != '\0' ? ": " : "", quote);
            return NC_PROBLEM_TLS_FAILED;
        }
        (void)nc_snprintf(detail, n,
                          "the transfer from %s broke off before a "
                          "complete response",
                          ep);
        return NC_PROBLEM_TCP_RESET;
    }

    /* The chain verified: is it the endpoint's own? A re-signed chain is
     * the root cause of whatever the inspecting box then answers. */
    if (is_https(c) && !tls_root_expected(c, &f->tls)) {
        tls_intercepted_detail(c, &f->tls, ep, detail, n);
        return NC_PROBLEM_TLS_INTERCEPTED;
    }

    /* A response arrived: judge it against the check's expectations. */
    {
        unsigned lo = c->status_min, hi = c->status_max;

        if (lo == 0 && hi == 0) {
            lo = 100;
            hi = 599;
        }
        if (f->http_status <= 0) {
            (void)nc_snprintf(detail, n,
                              "%s answered without an HTTP status line", ep);
            return NC_PROBLEM_HTTP_INVALID;
        }
        if (f->http_status < (long)lo || f->http_status > (long)hi) {
            if (lo == hi)
                (void)nc_snprintf(detail, n, "%s answered %ld, expected %u", ep,
                                  f->http_status, lo);
            else
                (void)nc_snprintf(detail, n, "%s answered %ld, expected %u-%u",
                                  ep, f->http_status, lo, hi);
            return NC_PROBLEM_HTTP_STATUS;
        }
        if (f->body_match == 0) {
            const char *exp = c->expect_body != NULL ? c->expect_body : "";

            quote_copy(want, sizeof(want), exp, strlen(exp) + 1);
            quote_copy(quote, sizeof(quote), f->body_excerpt,
                       sizeof(f->body_excerpt));
            if (quote[0] != '\0')
                (void)nc_snprintf(detail, n,
                                  "%s answered %ld without \"%s\"; the body "
                                  "starts \"%s\"",
                                  ep, f->http_status, want, quote);
            else
                (void)nc_snprintf(detail, n,
                                  "%s answered %ld with an empty body, "
                                  "expected \"%s\"",
                                  ep, f->http_status, want);
            return NC_PROBLEM_BODY_MISMATCH;
        }
    }
    return NC_PROBLEM_NONE;
}

/* ---- paths: private endpoints, ExpressRoute ---- */

bool verdict_addr_is_private(const struct nc_addr *a)
{
    const unsigned char *b = a->bytes;

    if (a->family == 4)
        return b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) ||
               (b[0] == 192 && b[1] == 168);
    return a->family == 6 && (b[0] & 0xfe) == 0xfc;
}

const char *verdict_er_community(const char *host)
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
                          rt->error ? strerror(rt->error) : "");
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
                             const char *conn)
{
    char ip[NC_ADDRSTRLEN], ranges[160], actual[96], expected[64];
    const char *also = p == NC_PROBLEM_NONE ? "" : "; the probe also failed: ";

    addr_text(r, ip, sizeof(ip));
    if (c->expect_private && (r->addr.family == 4 || r->addr.family == 6) &&
        !verdict_addr_is_private(&r->addr)) {
        (void)nc_snprintf(r->detail, sizeof(r->detail),
                          "'%s' resolved to the public address %s, not to "
                          "its private endpoint%s%s",
                          host_of(c), ip, also,
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
            (void)nc_snprintf(r->detail, sizeof(r->detail),
                              "%s is outside the allowed ranges (%s): a "
                              "firewall that follows the allowlist blocks "
                              "it, though it answered here",
                              ip, ranges);
        else
            (void)nc_snprintf(r->detail, sizeof(r->detail),
                              "%s is outside the allowed ranges (%s); the "
                              "probe also failed: %s",
                              ip, ranges, conn);
        r->problem = NC_PROBLEM_ADDRESS_OUTSIDE_RANGES;
    } else if (c->expressroute && f->er != NULL && f->er->enabled &&
               !route_matches(f->er, &f->route)) {
        route_text(&f->route, actual, sizeof(actual));
        er_text(f->er, expected, sizeof(expected));
        (void)nc_snprintf(r->detail, sizeof(r->detail),
                          "%s leaves by %s, not by the ExpressRoute path (%s): "
                          "the route filter must carry %s%s%s",
                          ip, actual, expected,
                          verdict_er_community(host_of(c)), also,
                          p == NC_PROBLEM_NONE ? "" : conn);
        r->problem = NC_PROBLEM_ROUTE_MISROUTED;
    } else {
        return false;
    }
    r->status = NC_STATUS_FAIL;
    return true;
}

void verdict_addr(const struct nc_check *c, const struct nc_addr_facts *f,
                  struct nc_addr_result *r)
{
    char ep[NC_ADDRSTRLEN + 16];
    char conn[sizeof(r->detail)];
    enum nc_problem p;

    endpoint_text(c, r, ep, sizeof(ep));
    p = conn_decide(c, f, ep, conn, sizeof(conn));
    if (f->http_status > 0)
        r->http_status = f->http_status;
    if (addr_path_decide(c, f, r, p, conn))
        return;
    r->problem = p;
    r->status = p == NC_PROBLEM_NONE ? NC_STATUS_PASS : NC_STATUS_FAIL;
    (void)nc_strlcpy(r->detail, conn, sizeof(r->detail));
}

/* ---- DNS ---- */

static const char *const dns_family[2] = {"A", "AAAA"};

/* Which outcome explains a missing address best (higher wins). */
static int dns_rank(enum nc_dns_outcome o)
{
    switch (o) {
    case NC_DNS_TIMEOUT:
        return 6;
    case NC_DNS_SERVFAIL:
        return 5;
    case NC_DNS_REFUSED:
        return 4;
    case NC_DNS_NXDOMAIN:
        return 3;
    case NC_DNS_NODATA:
        return 2;
    case NC_DNS_ERROR:
        return 1;
    case NC_DNS_NOT_ASKED:
    case NC_DNS_OK:
    case NC_DNS_MAX:
        break;
    }
    return 0;
}

static enum nc_problem dns_problem(enum nc_dns_outcome o)
{
    switch (o) {
    case NC_DNS_TIMEOUT:
        return NC_PROBLEM_DNS_TIMEOUT;
    case NC_DNS_SERVFAIL:
    case NC_DNS_ERROR:
        return NC_PROBLEM_DNS_SERVFAIL;
    case NC_DNS_REFUSED:
        return NC_PROBLEM_DNS_REFUSED;
    case NC_DNS_NXDOMAIN:
        return NC_PROBLEM_DNS_NXDOMAIN;
    case NC_DNS_NODATA:
        return NC_PROBLEM_DNS_NODATA;
    case NC_DNS_NOT_ASKED:
    case NC_DNS_OK:
    case NC_DNS_MAX:
        break;
    }
    return NC_PROBLEM_NONE;
}

/* What a query did, to follow "the A query for 'host' ". */
static const char *dns_outcome_text(enum nc_dns_outcome o)
{
    switch (o) {
    case NC_DNS_NOT_ASKED:
        return "was not asked";
    case NC_DNS_OK:
        return "answered";
    case NC_DNS_NXDOMAIN:
        return "got NXDOMAIN";
    case NC_DNS_NODATA:
        return "got no record";
    case NC_DNS_SERVFAIL:
        return "got SERVFAIL";
    case NC_DNS_REFUSED:
        return "was refused";
    case NC_DNS_TIMEOUT:
        return "timed out";
    case NC_DNS_ERROR:
    case NC_DNS_MAX:
        break;
    }
    return "got no usable answer";
}

static bool dns_is_failure(enum nc_dns_outcome o)
{
    return o == NC_DNS_SERVFAIL || o == NC_DNS_REFUSED || o == NC_DNS_TIMEOUT ||
           o == NC_DNS_ERROR;
}

static bool is_dns_problem(enum nc_problem p)
{
    return p >= NC_PROBLEM_DNS_NXDOMAIN && p <= NC_PROBLEM_DNS_TIMEOUT;
}

/* No address at all: one sentence for the deciding outcome. */
static void dns_none_detail(enum nc_dns_outcome o, const char *host,
                            const char *srv, char *buf, size_t n)
{
    bool has = srv[0] != '\0';

    switch (o) {
    case NC_DNS_NXDOMAIN:
        (void)nc_snprintf(buf, n, "'%s' does not exist (NXDOMAIN%s%s)", host,
                          has ? " from " : "", srv);
        break;
    case NC_DNS_NODATA:
        (void)nc_snprintf(buf, n,
                          "'%s' exists but has no A or AAAA record "
                          "(NOERROR with no data%s%s)",
                          host, has ? " from " : "", srv);
        break;
    case NC_DNS_SERVFAIL:
        (void)nc_snprintf(buf, n,
                          "the resolver%s%s answered SERVFAIL for '%s': it "
                          "could not resolve the name",
                          has ? " " : "", srv, host);
        break;
    case NC_DNS_REFUSED:
        (void)nc_snprintf(buf, n, "the resolver%s%s refused to resolve '%s'",
                          has ? " " : "", srv, host);
        break;
    case NC_DNS_TIMEOUT:
        (void)nc_snprintf(buf, n, "no DNS answer for '%s' in time%s%s%s", host,
                          has ? " (asked " : "", srv, has ? ")" : "");
        break;
    case NC_DNS_ERROR:
        (void)nc_snprintf(buf, n,
                          "no usable DNS answer for '%s' (bad reply or no "
                          "resolver reachable%s%s)",
                          host, has ? "; asked " : "", srv);
        break;
    case NC_DNS_NOT_ASKED:
    case NC_DNS_OK:
    case NC_DNS_MAX:
        (void)nc_snprintf(buf, n, "'%s' gave no address to probe", host);
        break;
    }
}

enum nc_problem verdict_dns(const struct nc_check *c,
                            const struct nc_dns_facts *f, size_t n_addrs,
                            struct nc_check_result *res)
{
    enum nc_dns_outcome o[2] = {f->a, f->aaaa};
    const char *host = host_of(c);
    char srv[sizeof(f->server)];
    enum nc_problem p;
    int bad = -1, i;

    quote_copy(srv, sizeof(srv), f->server, sizeof(f->server));

    if (n_addrs == 0) {
        bad = dns_rank(o[1]) > dns_rank(o[0]) ? 1 : 0;
        p = dns_problem(o[bad]);
        if (p == NC_PROBLEM_NONE)
            p = NC_PROBLEM_DNS_NODATA; /* "OK" without an address */
        dns_none_detail(o[bad], host, srv, res->detail, sizeof(res->detail));
        if (o[0] != o[1] && o[0] != NC_DNS_NOT_ASKED &&
            o[1] != NC_DNS_NOT_ASKED)
            str_append(res->detail, sizeof(res->detail),
                       "; the A query %s, the AAAA query %s",
                       dns_outcome_text(o[0]), dns_outcome_text(o[1]));
        (void)nc_strlcpy(res->action, verdict_action(p), sizeof(res->action));
        goto out;
    }

    /* Addresses came back; a family that failed outright still fails. */
    for (i = 0; i < 2; i++) {
        if (!dns_is_failure(o[i]) && o[i] != NC_DNS_NXDOMAIN)
            continue;
        if (bad < 0 || dns_rank(o[i]) > dns_rank(o[bad]))
            bad = i;
    }
    if (bad < 0)
        return NC_PROBLEM_NONE;
    p = dns_problem(o[bad]);
    if (o[bad] == NC_DNS_NXDOMAIN)
        (void)nc_snprintf(res->detail, sizeof(res->detail),
                          "inconsistent DNS: the %s query for '%s' returned "
                          "addresses, but the %s query got NXDOMAIN%s%s: "
                          "clients may conclude the name does not exist",
                          dns_family[1 - bad], host, dns_family[bad],
                          srv[0] != '\0' ? " from " : "", srv);
    else
        (void)nc_snprintf(res->detail, sizeof(res->detail),
                          "%s answered, but the %s query for '%s' %s%s%s: "
                          "clients that ask for both families stall or fail",
                          dns_family[1 - bad], dns_family[bad], host,
                          dns_outcome_text(o[bad]),
                          srv[0] != '\0' ? " at " : "", srv);
    (void)nc_snprintf(res->action, sizeof(res->action),
                      "make the resolver answer the %s query for '%s' (with "
                      "records, or NOERROR and none): %s",
                      dns_family[bad], host, verdict_action(p));

out:
    res->status = status_failed(c);
    res->problem = p;
    res->http_status = 0;
    return p;
}

/* ---- combining addresses ---- */

/* The firewall object the action names: the wildcard rule when the check
 * stands for one (tested through a sample, never verified as a whole). */
static void target_text(const struct nc_check *c, char *buf, size_t n)
{
    if (c->rule != NULL)
        (void)nc_snprintf(buf, n, "%s (tested via sample %s)", c->rule,
                          host_of(c));
    else
        (void)nc_strlcpy(buf, host_of(c), n);
}

void verdict_check_action(const struct nc_check *c, enum nc_problem p,
                          char *buf, size_t n)
{
    char target[300];

    target_text(c, target, sizeof(target));
    switch (p) {
    case NC_PROBLEM_TCP_TIMEOUT:
        (void)nc_snprintf(buf, n,
                          "a firewall drops the traffic: allow %s on port "
                          "%u in the firewall",
                          target, c->port);
        break;
    case NC_PROBLEM_TCP_REFUSED:
        (void)nc_snprintf(buf, n,
                          "nothing listens or a firewall rejects the "
                          "connection: allow %s on port %u in the firewall, "
                          "or check the endpoint",
                          target, c->port);
        break;
    case NC_PROBLEM_TCP_RESET:
        (void)nc_snprintf(buf, n,
                          "a firewall or proxy cuts the connection (often "
                          "by server name): allow %s on port %u in it",
                          target, c->port);
        break;
    case NC_PROBLEM_ADDRESS_OUTSIDE_RANGES:
        (void)nc_snprintf(buf, n,
                          "allow %s on port %u by name in the firewall, or "
                          "update the allowed ranges (the provider's "
                          "service tags) to cover its addresses",
                          target, c->port);
        break;
    case NC_PROBLEM_TLS_UNTRUSTED:
        (void)nc_snprintf(buf, n,
                          "likely TLS inspection or a missing CA: exempt %s "
                          "from TLS inspection, or install the CA in the "
                          "trust store (--ca-bundle)",
                          target);
        break;
    case NC_PROBLEM_BODY_MISMATCH:
        (void)nc_snprintf(buf, n,
                          "a block page or captive portal answered instead "
                          "of the endpoint: allow %s in the web filter or "
                          "sign in to the portal",
                          target);
        break;
    default:
        (void)nc_strlcpy(buf, verdict_action(p), n);
        break;
    }
}

void verdict_check(const struct nc_check *c, struct nc_check_result *res)
{
    size_t counts[NC_PROBLEM_MAX] = {0};
    size_t i, n = res->n_addrs, n_failed = 0, n_probed = 0, best = 0,
              decide = 0;
    const struct nc_addr_result *a;
    enum nc_problem p = NC_PROBLEM_NONE;

    if (n > sizeof(res->addrs) / sizeof(res->addrs[0]))
        n = sizeof(res->addrs) / sizeof(res->addrs[0]);
    if (res->status != NC_STATUS_PASS && is_dns_problem(res->problem))
        return; /* verdict_dns decided; the addresses cannot undo it */
    /* Addresses deliberately not probed (a family this host cannot use)
     * neither pass nor fail the check. */
    for (i = 0; i < n; i++)
        if (res->addrs[i].status != NC_STATUS_SKIP)
            n_probed++;
    if (n_probed == 0) {
        res->status = NC_STATUS_SKIP;
        res->problem = NC_PROBLEM_NONE;
        res->http_status = 0;
        (void)nc_snprintf(res->detail, sizeof(res->detail),
                          "no address of '%s' was probed", host_of(c));
        (void)nc_strlcpy(res->action,
                         "check why the name gave no address, then run the "
                         "check again",
                         sizeof(res->action));
        return;
    }

    for (i = 0; i < n; i++) {
        a = &res->addrs[i];
        if (a->status == NC_STATUS_PASS || a->status == NC_STATUS_SKIP)
            continue;
        n_failed++;
        if ((unsigned)a->problem < NC_PROBLEM_MAX)
            counts[a->problem]++;
    }
    for (i = 0; i < NC_PROBLEM_MAX; i++)
        if (counts[i] > best)
            best = counts[i];
    /* Most frequent problem; on a tie, the one seen first. The address that
     * shows it first decides the detail, so detail and code agree. */
    for (i = 0; i < n && n_failed > 0; i++) {
        a = &res->addrs[i];
        if (a->status != NC_STATUS_PASS && a->status != NC_STATUS_SKIP &&
            (unsigned)a->problem < NC_PROBLEM_MAX &&
            counts[a->problem] == best) {
            p = a->problem;
            decide = i;
            break;
        }
    }
    /* With nothing failed, the first probed address speaks for the check. */
    for (i = 0; i < n && n_failed == 0; i++) {
        if (res->addrs[i].status != NC_STATUS_SKIP) {
            decide = i;
            break;
        }
    }
    a = &res->addrs[decide];
    res->http_status = a->http_status;
    res->detail[0] = '\0';
    res->action[0] = '\0';

    if (n_failed == 0) {
        res->status = NC_STATUS_PASS;
        res->problem = NC_PROBLEM_NONE;
        if (c->rule != NULL)
            (void)nc_snprintf(res->detail, sizeof(res->detail),
                              "tested via sample host %s for %s", host_of(c),
                              c->rule);
        return;
    }

    res->status = status_failed(c);
    res->problem = p;
    if (n_probed == 1)
        (void)nc_strlcpy(res->detail, a->detail, sizeof(res->detail));
    else if (n_failed == n_probed)
        (void)nc_snprintf(res->detail, sizeof(res->detail),
                          "all %zu addresses failed: %s", n_probed, a->detail);
    else
        (void)nc_snprintf(res->detail, sizeof(res->detail),
                          "%zu of %zu addresses failed: %s", n_failed, n_probed,
                          a->detail);
    if (c->rule != NULL)
        str_append(res->detail, sizeof(res->detail),
                   " (tested via sample host %s for %s)", host_of(c), c->rule);
    verdict_check_action(c, p, res->action, sizeof(res->action));
}

void verdict_skip(const struct nc_check *c, const char *why,
                  struct nc_check_result *res)
{
    const char *wild = c->rule;

    if (wild == NULL && c->host != NULL && strncmp(c->host, "*.", 2) == 0)
        wild = c->host;
    res->status = NC_STATUS_SKIP;
    res->problem = NC_PROBLEM_NONE;
    res->http_status = 0;
    (void)nc_strlcpy(res->detail,
                     why != NULL && why[0] != '\0' ? why
                                                   : "the check could not run",
                     sizeof(res->detail));
    if (wild != NULL)
        (void)nc_snprintf(res->action, sizeof(res->action),
                          "add sample=HOST to the wildcard entry %s (a real "
                          "host name under it) so it can be tested",
                          wild);
    else
        (void)nc_strlcpy(res->action,
                         "remove the cause given in the detail, then run the "
                         "check again",
                         sizeof(res->action));
}

static const char *const actions[NC_PROBLEM_MAX] = {
    [NC_PROBLEM_NONE] = "",
    [NC_PROBLEM_DNS_NXDOMAIN] =
        "check the host name for typos, and that the DNS this machine uses "
        "(internal zones, split horizon, conditional forwarders) resolves "
        "the public name",
    [NC_PROBLEM_DNS_NODATA] =
        "check that the name has an A or AAAA record in the DNS this machine "
        "uses (an internal zone may shadow the public one)",
    [NC_PROBLEM_DNS_SERVFAIL] =
        "check the resolver: its forwarding to internet DNS, DNSSEC "
        "validation and upstream reachability",
    [NC_PROBLEM_DNS_REFUSED] =
        "let this machine query the resolver (its access list refuses it), "
        "or use a resolver that serves it",
    [NC_PROBLEM_DNS_TIMEOUT] =
        "check that the resolver is reachable (UDP and TCP port 53 allowed) "
        "and forwards queries upstream",
    [NC_PROBLEM_TCP_REFUSED] =
        "nothing listens on the port or a firewall rejects the connection: "
        "allow the host and port in the firewall, or check the endpoint",
    [NC_PROBLEM_TCP_TIMEOUT] =
        "a firewall drops the traffic: allow the host and port (outbound "
        "TCP) in the firewall",
    [NC_PROBLEM_TCP_UNREACHABLE] =
        "fix routing: this machine or a router on the path has no route to "
        "the address (check the default route, VPN and network interface)",
    [NC_PROBLEM_TCP_RESET] =
        "a firewall or proxy cuts the connection (often by TLS server "
        "name): allow the host in it",
    [NC_PROBLEM_TLS_FAILED] =
        "check TLS inspection and TLS policy on the path (protocol versions, "
        "ciphers) and that the endpoint speaks TLS on that port",
    [NC_PROBLEM_TLS_UNTRUSTED] =
        "likely TLS inspection or a missing CA: exempt the host from TLS "
        "inspection, or install the CA in the trust store (--ca-bundle)",
    [NC_PROBLEM_TLS_NAME_MISMATCH] =
        "something else answers for the name (TLS inspection, a captive "
        "portal or a wrong DNS record): exempt the host from TLS inspection "
        "and check its DNS",
    [NC_PROBLEM_TLS_EXPIRED] =
        "check the system clock (and NTP), then the server certificate: "
        "an expired or not yet valid certificate is refused",
    [NC_PROBLEM_HTTP_STATUS] =
        "a proxy, web filter or the endpoint rejected the request: check the "
        "filtering rules for the URL, and the check's expected status",
    [NC_PROBLEM_HTTP_INVALID] =
        "something that does not speak HTTP answers on that port: look for a "
        "middlebox intercepting the traffic",
    [NC_PROBLEM_BODY_MISMATCH] =
        "a block page or captive portal answered instead of the endpoint: "
        "allow the host in the web filter or sign in to the portal",
    [NC_PROBLEM_TIMEOUT] =
        "the connection opens but stalls: check TLS inspection and proxies "
        "on the path, and the MTU (large packets dropped)",
    [NC_PROBLEM_ADDRESS_OUTSIDE_RANGES] =
        "allow the host by name in the firewall, or update the allowed "
        "ranges (the provider's service tags) to cover its addresses",
    [NC_PROBLEM_DNS_SINKHOLE] =
        "a filtering resolver blocks the name: allow it in the DNS filter "
        "(or the firewall's DNS policy), or use a resolver that answers it",
    [NC_PROBLEM_PROXY_UNREACHABLE] =
        "check the proxy setting the service really uses (netcheck proxy "
        "--as-system) and that the proxy is up and reachable from here",
    [NC_PROBLEM_PROXY_AUTH_REQUIRED] =
        "give the service account proxy credentials (--proxy-user, or the "
        "agent's proxy settings), or exempt the host from proxy "
        "authentication",
    [NC_PROBLEM_PROXY_AUTH_FAILED] =
        "fix the proxy user name or password, or use an authentication "
        "scheme the proxy offers for this account",
    [NC_PROBLEM_PROXY_DENIED] =
        "allow the host (and port) in the proxy's access rules, or bypass the "
        "proxy for it with NO_PROXY",
    [NC_PROBLEM_PROXY_OVERLOADED] =
        "the proxy cannot take this many connections at once: check its "
        "capacity and limits, then run again with a lower --parallel",
    [NC_PROBLEM_TLS_INTERCEPTED] =
        "exempt these hosts from TLS inspection on the firewall or proxy: "
        "the agent pins or expects the provider's own certificate chain",
    [NC_PROBLEM_ROUTE_MISROUTED] =
        "advertise the prefix over ExpressRoute (add the service's BGP "
        "community to the route filter) or fix the host's routes; bypass "
        "any proxy for ExpressRoute hosts",
    [NC_PROBLEM_ADDRESS_NOT_PRIVATE] =
        "link the privatelink DNS zone to this network (or forward it to "
        "Azure DNS, 168.63.129.16) so the name resolves to the private "
        "endpoint",
};

const char *verdict_action(enum nc_problem p)
{
    if ((unsigned)p >= NC_PROBLEM_MAX || actions[p] == NULL)
        return "";
    return actions[p];
}

void verdict_clock_note(const struct nc_clock *clk, long long now_s,
                        struct nc_check_result *res)
{
    const struct nc_tls_info *t = &res->tls;
    double skew = clk->skew_s < 0 ? -clk->skew_s : clk->skew_s;
    const char *dir = clk->skew_s > 0 ? "behind" : "ahead of";
    const char *s = clk->sources == 1 ? "" : "s";
    long long theirs = now_s + (long long)clk->skew_s;

    if (!clk->warn || res->problem != NC_PROBLEM_TLS_EXPIRED)
        return;
    /* The clock is the cause only when, on the endpoints' time, the
     * certificate is valid; otherwise the certificate itself is at fault
     * and the skew is a second problem. */
    if (t->present && t->not_after_t > 0 && theirs >= t->not_before_t &&
        theirs <= t->not_after_t) {
        str_append(res->detail, sizeof(res->detail),
                   "; this machine's clock is %.0f s %s %zu endpoint%s "
                   "(median), and on their time the certificate is valid: "
                   "the local clock is the cause",
                   skew, dir, clk->sources, s);
        (void)nc_strlcpy(res->action,
                         "set the system clock right (enable NTP, check the "
                         "time zone), then run again",
                         sizeof(res->action));
        return;
    }
    str_append(res->detail, sizeof(res->detail),
               "; this machine's clock is also %.0f s %s %zu endpoint%s "
               "(median), but that does not explain this certificate",
               skew, dir, clk->sources, s);
}
