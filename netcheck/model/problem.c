#include "problem.h"

#include <string.h>

struct problem_info {
    const char *code;
    const char *meaning;
    const char *action; /* what must change, one sentence */
};

/* Codes are stable API: JSON, JUnit and scripts match on them. */
static const struct problem_info problems[NC_PROBLEM_MAX] = {
    [NC_PROBLEM_NONE] = {NULL, "no problem", ""},
    [NC_PROBLEM_DNS_NXDOMAIN] =
        {"dns_nxdomain", "the name does not exist (NXDOMAIN)",
         "check the host name for typos, and that the DNS this machine uses "
         "(internal zones, split horizon, conditional forwarders) resolves "
         "the public name"},
    [NC_PROBLEM_DNS_NODATA] =
        {"dns_nodata", "the name exists but has no A/AAAA record",
         "check that the name has an A or AAAA record in the DNS this machine "
         "uses (an internal zone may shadow the public one)"},
    [NC_PROBLEM_DNS_SERVFAIL] =
        {"dns_servfail", "the resolver answered SERVFAIL",
         "check the resolver: its forwarding to internet DNS, DNSSEC "
         "validation and upstream reachability"},
    [NC_PROBLEM_DNS_REFUSED] =
        {"dns_refused", "the resolver refused the query",
         "let this machine query the resolver (its access list refuses it), "
         "or use a resolver that serves it"},
    [NC_PROBLEM_DNS_TIMEOUT] =
        {"dns_timeout", "no resolver answered in time",
         "check that the resolver is reachable (UDP and TCP port 53 allowed) "
         "and forwards queries upstream"},
    [NC_PROBLEM_TCP_REFUSED] =
        {"tcp_refused", "the connection was refused (RST)",
         "nothing listens on the port or a firewall rejects the connection: "
         "allow the host and port in the firewall, or check the endpoint"},
    [NC_PROBLEM_TCP_TIMEOUT] =
        {"tcp_timeout", "the TCP connect got no answer in time",
         "a firewall drops the traffic: allow the host and port (outbound "
         "TCP) in the firewall"},
    [NC_PROBLEM_TCP_UNREACHABLE] =
        {"tcp_unreachable", "no route to the address",
         "fix routing: this machine or a router on the path has no route to "
         "the address (check the default route, VPN and network interface)"},
    [NC_PROBLEM_TCP_RESET] =
        {"tcp_reset",
         "the connection was reset or closed "
         "before a response",
         "a firewall or proxy on the path cuts the connection (often by "
         "TLS server name), or the endpoint itself closes it: allow the "
         "host in the firewall, then check the endpoint"},
    [NC_PROBLEM_TLS_FAILED] =
        {"tls_failed", "the TLS handshake failed",
         "check TLS inspection and TLS policy on the path (protocol versions, "
         "ciphers) and that the endpoint speaks TLS on that port"},
    [NC_PROBLEM_TLS_UNTRUSTED] =
        {"tls_untrusted", "the certificate chain is not trusted",
         "likely TLS inspection or a missing CA: exempt the host from TLS "
         "inspection, or install the CA in the trust store (--ca-bundle)"},
    [NC_PROBLEM_TLS_NAME_MISMATCH] =
        {"tls_name_mismatch", "the certificate is for another name",
         "something else answers for the name (TLS inspection, a captive "
         "portal or a wrong DNS record): exempt the host from TLS inspection "
         "and check its DNS"},
    [NC_PROBLEM_TLS_EXPIRED] =
        {"tls_expired",
         "the certificate is expired or not yet "
         "valid",
         "check the system clock (and NTP), then the server certificate: "
         "an expired or not yet valid certificate is refused"},
    [NC_PROBLEM_HTTP_STATUS] =
        {"http_status", "the HTTP status is not the expected one",
         "a proxy, web filter or the endpoint rejected the request: check the "
         "filtering rules for the URL, and the check's expected status"},
    [NC_PROBLEM_HTTP_INVALID] =
        {"http_invalid", "the answer is not valid HTTP",
         "something that does not speak HTTP answers on that port: look for a "
         "middlebox intercepting the traffic"},
    [NC_PROBLEM_BODY_MISMATCH] =
        {"body_mismatch", "the body is not the expected one",
         "a block page or captive portal answered instead of the endpoint: "
         "allow the host in the web filter or sign in to the portal"},
    [NC_PROBLEM_TIMEOUT] =
        {"timeout", "connected, but no complete answer in time",
         "the connection opens but stalls: check TLS inspection and proxies "
         "on the path, and the MTU (large packets dropped)"},
    [NC_PROBLEM_ADDRESS_OUTSIDE_RANGES] =
        {"address_outside_ranges",
         "an address lies outside the "
         "allowed ranges",
         "allow the host by name in the firewall, or update the allowed "
         "ranges (the provider's service tags) to cover its addresses"},
    [NC_PROBLEM_DNS_SINKHOLE] =
        {"dns_sinkhole",
         "the resolver answered a loopback or "
         "unspecified address (a DNS block)",
         "a filtering resolver blocks the name: allow it in the DNS filter "
         "(or the firewall's DNS policy), or use a resolver that answers it"},
    [NC_PROBLEM_PROXY_UNREACHABLE] =
        {"proxy_unreachable",
         "the proxy's name does not resolve, "
         "or it refused or ignored the "
         "connection",
         "check the proxy setting the service really uses (netcheck proxy "
         "--as-system) and that the proxy is up and reachable from here"},
    [NC_PROBLEM_PROXY_AUTH_REQUIRED] =
        {"proxy_auth_required",
         "the proxy asks for credentials "
         "(407) and none were sent",
         "give the service account proxy credentials (--proxy-user, or the "
         "agent's proxy settings), or exempt the host from proxy "
         "authentication"},
    [NC_PROBLEM_PROXY_AUTH_FAILED] =
        {"proxy_auth_failed",
         "the proxy rejected the credentials "
         "sent (407)",
         "fix the proxy user name or password, or use an authentication "
         "scheme the proxy offers for this account"},
    [NC_PROBLEM_PROXY_DENIED] =
        {"proxy_denied",
         "the proxy refused the request (403 or "
         "another error)",
         "allow the host (and port) in the proxy's access rules, or bypass the "
         "proxy for it with NO_PROXY"},
    [NC_PROBLEM_PROXY_OVERLOADED] =
        {"proxy_overloaded",
         "connections to the proxy time out "
         "while others to it succeed",
         "the proxy cannot take this many connections at once: check its "
         "capacity and limits, then run again with a lower --parallel"},
    [NC_PROBLEM_TLS_INTERCEPTED] =
        {"tls_intercepted",
         "the chain verifies, but ends in a root "
         "the endpoint does not use (TLS "
         "inspection)",
         "exempt these hosts from TLS inspection on the firewall or proxy: "
         "the agent pins or expects the provider's own certificate chain"},
    [NC_PROBLEM_ROUTE_MISROUTED] =
        {"route_misrouted",
         "the kernel (or a proxy) sends the "
         "address another way than the expected "
         "ExpressRoute path",
         "advertise the prefix over ExpressRoute (add the service's BGP "
         "community to the route filter) or fix the host's routes; bypass "
         "any proxy for ExpressRoute hosts"},
    [NC_PROBLEM_ADDRESS_NOT_PRIVATE] =
        {"address_not_private",
         "a private endpoint's name resolves "
         "to a public address",
         "link the privatelink DNS zone to this network (or forward it to "
         "Azure DNS, 168.63.129.16) so the name resolves to the private "
         "endpoint"},
    [NC_PROBLEM_PROXY_TLS_UNTRUSTED] =
        {"proxy_tls_untrusted",
         "the HTTPS proxy's own certificate "
         "was rejected (untrusted, "
         "self-signed, wrong name or "
         "expired)",
         "give the proxy's CA with --proxy-ca-bundle FILE (or add it to the "
         "trust store), or fix the proxy's certificate (its name, validity "
         "and chain)"},
    [NC_PROBLEM_PROXY_TLS_FAILED] =
        {"proxy_tls_failed",
         "the TLS handshake with the HTTPS "
         "proxy itself failed",
         "check that the proxy speaks TLS on that port (an http:// proxy "
         "given as https:// fails so) and the TLS versions and ciphers it "
         "accepts"},
    [NC_PROBLEM_PROXY_INVALID] =
        {"proxy_invalid",
         "the proxy's answer is not valid HTTP (not HTTP at all, broken "
         "framing, or the connection closed before it answered)",
         "check that the proxy setting names an HTTP proxy (its scheme and "
         "port: another service, such as SSH, SOCKS or a TLS port, answers "
         "there), then the proxy itself (its log, its version)"},
    [NC_PROBLEM_PROXY_PAC_FAILED] =
        {"proxy_pac_failed",
         "the PAC file the service's proxy settings name could not be "
         "fetched or run, so which proxy the check needs is unknown",
         "make the PAC file reachable from this machine as the service's "
         "account (its URL in 'netcheck proxy --as-system') and fix its "
         "script, or set a proxy server instead of the PAC file"},
    [NC_PROBLEM_DNS_UNREACHABLE] =
        {"dns_unreachable",
         "the resolver could not be reached: its port is closed (refused) "
         "or there is no route to it",
         "check that the resolver setting (/etc/resolv.conf, the option "
         "--dns-server) names a running resolver, that this machine has a "
         "route to it, and that the firewall allows UDP and TCP port 53 to "
         "it"},
    [NC_PROBLEM_DNS_INVALID] =
        {"dns_invalid",
         "the resolver's reply was malformed, matched no query, or was "
         "truncated with no answer over TCP",
         "check the resolver (or a DNS proxy or firewall on the path that "
         "rewrites or cuts DNS): its replies must be well formed, and it "
         "must answer over TCP port 53 when a reply does not fit in UDP"},
};

const char *problem_code(enum nc_problem p)
{
    if ((unsigned)p >= NC_PROBLEM_MAX)
        return NULL;
    return problems[p].code;
}

#ifdef NETCHECK_UNITTESTS
const char *problem_meaning(enum nc_problem p)
{
    if ((unsigned)p >= NC_PROBLEM_MAX)
        return "unknown problem";
    return problems[p].meaning;
}
#endif

#ifdef NETCHECK_UNITTESTS
enum nc_problem problem_from_code(const char *code)
{
    int i;

    for (i = 1; i < NC_PROBLEM_MAX; i++)
        if (strcmp(problems[i].code, code) == 0)
            return (enum nc_problem)i;
    return NC_PROBLEM_MAX;
}
#endif

const char *problem_action(enum nc_problem p)
{
    if ((unsigned)p >= NC_PROBLEM_MAX || problems[p].action == NULL)
        return "";
    return problems[p].action;
}
