/* The action sentence for each problem code, and the clock note. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "str.h"
#include "verdict_int.h"

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
    [NC_PROBLEM_PROXY_TLS_UNTRUSTED] =
        "give the proxy's CA with --proxy-ca-bundle FILE (or add it to the "
        "trust store), or fix the proxy's certificate (its name, validity "
        "and chain)",
    [NC_PROBLEM_PROXY_TLS_FAILED] =
        "check that the proxy speaks TLS on that port (an http:// proxy "
        "given as https:// fails so) and the TLS versions and ciphers it "
        "accepts",
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
        vd_str_append(res->detail, sizeof(res->detail),
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
    vd_str_append(res->detail, sizeof(res->detail),
                  "; this machine's clock is also %.0f s %s %zu endpoint%s "
                  "(median), but that does not explain this certificate",
                  skew, dir, clk->sources, s);
}
