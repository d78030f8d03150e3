#include "problem.h"

#include <string.h>

struct problem_info {
    const char *code;
    const char *meaning;
};

/* Codes are stable API: JSON, JUnit and scripts match on them. */
static const struct problem_info problems[NC_PROBLEM_MAX] = {
    [NC_PROBLEM_NONE] = {NULL, "no problem"},
    [NC_PROBLEM_DNS_NXDOMAIN] = {"dns_nxdomain",
                                 "the name does not exist (NXDOMAIN)"},
    [NC_PROBLEM_DNS_NODATA] = {"dns_nodata",
                               "the name exists but has no A/AAAA record"},
    [NC_PROBLEM_DNS_SERVFAIL] = {"dns_servfail",
                                 "the resolver answered SERVFAIL"},
    [NC_PROBLEM_DNS_REFUSED] = {"dns_refused",
                                "the resolver refused the query"},
    [NC_PROBLEM_DNS_TIMEOUT] = {"dns_timeout", "no resolver answered in time"},
    [NC_PROBLEM_TCP_REFUSED] = {"tcp_refused",
                                "the connection was refused (RST)"},
    [NC_PROBLEM_TCP_TIMEOUT] = {"tcp_timeout",
                                "the TCP connect got no answer in time"},
    [NC_PROBLEM_TCP_UNREACHABLE] = {"tcp_unreachable",
                                    "no route to the address"},
    [NC_PROBLEM_TCP_RESET] = {"tcp_reset", "the connection was reset or closed "
                                           "before a response"},
    [NC_PROBLEM_TLS_FAILED] = {"tls_failed", "the TLS handshake failed"},
    [NC_PROBLEM_TLS_UNTRUSTED] = {"tls_untrusted",
                                  "the certificate chain is not trusted"},
    [NC_PROBLEM_TLS_NAME_MISMATCH] = {"tls_name_mismatch",
                                      "the certificate is for another name"},
    [NC_PROBLEM_TLS_EXPIRED] = {"tls_expired",
                                "the certificate is expired or not yet "
                                "valid"},
    [NC_PROBLEM_HTTP_STATUS] = {"http_status",
                                "the HTTP status is not the expected one"},
    [NC_PROBLEM_HTTP_INVALID] = {"http_invalid",
                                 "the answer is not valid HTTP"},
    [NC_PROBLEM_BODY_MISMATCH] = {"body_mismatch",
                                  "the body is not the expected one"},
    [NC_PROBLEM_TIMEOUT] = {"timeout",
                            "connected, but no complete answer in time"},
    [NC_PROBLEM_ADDRESS_OUTSIDE_RANGES] = {"address_outside_ranges",
                                           "an address lies outside the "
                                           "allowed ranges"},
    [NC_PROBLEM_DNS_SINKHOLE] = {"dns_sinkhole",
                                 "the resolver answered a loopback or "
                                 "unspecified address (a DNS block)"},
    [NC_PROBLEM_PROXY_UNREACHABLE] = {"proxy_unreachable",
                                      "the proxy's name does not resolve, "
                                      "or it refused or ignored the "
                                      "connection"},
    [NC_PROBLEM_PROXY_AUTH_REQUIRED] = {"proxy_auth_required",
                                        "the proxy asks for credentials "
                                        "(407) and none were sent"},
    [NC_PROBLEM_PROXY_AUTH_FAILED] = {"proxy_auth_failed",
                                      "the proxy rejected the credentials "
                                      "sent (407)"},
    [NC_PROBLEM_PROXY_DENIED] = {"proxy_denied",
                                 "the proxy refused the request (403 or "
                                 "another error)"},
    [NC_PROBLEM_PROXY_OVERLOADED] = {"proxy_overloaded",
                                     "connections to the proxy time out "
                                     "while others to it succeed"},
    [NC_PROBLEM_TLS_INTERCEPTED] = {"tls_intercepted",
                                    "the chain verifies, but ends in a root "
                                    "the endpoint does not use (TLS "
                                    "inspection)"},
    [NC_PROBLEM_ROUTE_MISROUTED] = {"route_misrouted",
                                    "the kernel (or a proxy) sends the "
                                    "address another way than the expected "
                                    "ExpressRoute path"},
    [NC_PROBLEM_ADDRESS_NOT_PRIVATE] = {"address_not_private",
                                        "a private endpoint's name resolves "
                                        "to a public address"},
    [NC_PROBLEM_PROXY_TLS_UNTRUSTED] = {"proxy_tls_untrusted",
                                        "the HTTPS proxy's own certificate "
                                        "was rejected (untrusted, "
                                        "self-signed, wrong name or "
                                        "expired)"},
    [NC_PROBLEM_PROXY_TLS_FAILED] = {"proxy_tls_failed",
                                     "the TLS handshake with the HTTPS "
                                     "proxy itself failed"},
};

const char *problem_code(enum nc_problem p)
{
    if ((unsigned)p >= NC_PROBLEM_MAX)
        return NULL;
    return problems[p].code;
}

const char *problem_meaning(enum nc_problem p)
{
    if ((unsigned)p >= NC_PROBLEM_MAX)
        return "unknown problem";
    return problems[p].meaning;
}

enum nc_problem problem_from_code(const char *code)
{
    int i;

    for (i = 1; i < NC_PROBLEM_MAX; i++)
        if (strcmp(problems[i].code, code) == 0)
            return (enum nc_problem)i;
    return NC_PROBLEM_MAX;
}
