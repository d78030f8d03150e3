/* rootcause.c from handcrafted runs: which failing checks share one cause
 * (the same resolver, proxy, inspection root, route or blocked port), the
 * sentence and action said once, and what must never be merged. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_result.h"
#include "fixture_check.h"
#include "nc.h"
#include "rootcause.h"
#include "str.h"
#include "verdict.h"

#define RES  "198.51.100.53:53" /* the resolver every direct check asked */
#define RES2 "198.51.100.54:53"
#define PX   "http://proxy.corp.example:3128"
#define PX2  "http://proxy2.corp.example:8080"
#define MAXC 6

/* Check flags. */
#define F_PROXY    0x01 /* through the proxy named by party */
#define F_OPT      0x02 /* required = no */
#define F_SELF     0x04 /* tls_untrusted: the server's own self-signed cert */
#define F_ISSUER   0x08 /* tls_untrusted: the chain stops at party's CA */
#define F_PARTPASS 0x10 /* one of the check's two addresses passed */
#define F_NODNS    0x20 /* an address literal: no resolver asked */

struct tc_check {
    const char *name;
    enum nc_status st;
    enum nc_problem p;
    const char *party; /* resolver, proxy, root CN, issuer or route dev */
    unsigned port;     /* 0: 443 */
    unsigned flags;
};

struct tc_want {
    enum nc_problem p;
    const char *checks;     /* "a,b" */
    const char *detail_has; /* a substring of the detail */
};

struct tc {
    const char *title;
    struct tc_check c[MAXC];
    size_t n_causes, n_failures;
    bool all;
    struct tc_want w[2];
    const char *sentence; /* cause 0's, exactly; NULL: not checked */
};

static const struct tc cases[] = {
    {"every name NXDOMAIN from one resolver",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_NXDOMAIN, RES, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_NXDOMAIN, RES, 0, 0},
      {"c", NC_STATUS_FAIL, NC_PROBLEM_DNS_NXDOMAIN, RES, 0, 0}},
     1,
     3,
     true,
     {{NC_PROBLEM_DNS_NXDOMAIN, "a,b,c", "the resolver " RES}},
     "all 3 failures share one cause: the resolver " RES " answered "
     "NXDOMAIN for every name it was asked (3 names)"},
    {"NXDOMAIN for two names while a third resolved: maybe two typos",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_NXDOMAIN, RES, 0, 0},
      {"ok", NC_STATUS_PASS, NC_PROBLEM_NONE, NULL, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_NXDOMAIN, RES, 0, 0}},
     0,
     2,
     false,
     {{0}},
     NULL},
    {"NXDOMAIN and NODATA from one resolver: neither was every name",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_NXDOMAIN, RES, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_NXDOMAIN, RES, 0, 0},
      {"c", NC_STATUS_FAIL, NC_PROBLEM_DNS_NODATA, RES, 0, 0}},
     0,
     3,
     false,
     {{0}},
     NULL},
    {"an address literal asked no resolver: the names still all failed",
     {{"lit", NC_STATUS_PASS, NC_PROBLEM_NONE, NULL, 0, F_NODNS},
      {"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_NXDOMAIN, RES, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_NXDOMAIN, RES, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_DNS_NXDOMAIN, "a,b", "(2 names)"}},
     NULL},
    {"a refusing resolver is one cause though other names resolved",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_REFUSED, RES, 0, 0},
      {"ok", NC_STATUS_PASS, NC_PROBLEM_NONE, NULL, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_REFUSED, RES, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_DNS_REFUSED, "a,b", "refused to resolve 2 names"}},
     NULL},
    {"timeouts from two resolvers are two causes",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_TIMEOUT, RES, 0, 0},
      {"x", NC_STATUS_FAIL, NC_PROBLEM_DNS_TIMEOUT, RES2, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_TIMEOUT, RES, 0, 0},
      {"y", NC_STATUS_FAIL, NC_PROBLEM_DNS_TIMEOUT, RES2, 0, 0}},
     2,
     4,
     false,
     {{NC_PROBLEM_DNS_TIMEOUT, "a,b", RES},
      {NC_PROBLEM_DNS_TIMEOUT, "x,y", RES2}},
     "2 of 4 failures share one cause: the resolver " RES " did not "
     "answer in time for 2 names"},
    {"one failure only: no shared cause",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_NXDOMAIN, RES, 0, 0},
      {"ok", NC_STATUS_PASS, NC_PROBLEM_NONE, NULL, 0, 0}},
     0,
     1,
     false,
     {{0}},
     NULL},
    {"the same proxy asking for credentials; passing checks not counted",
     {{"ok1", NC_STATUS_PASS, NC_PROBLEM_NONE, NULL, 0, 0},
      {"a", NC_STATUS_FAIL, NC_PROBLEM_PROXY_AUTH_REQUIRED, PX, 0, 0},
      {"ok2", NC_STATUS_PASS, NC_PROBLEM_NONE, NULL, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_PROXY_AUTH_REQUIRED, PX, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_PROXY_AUTH_REQUIRED, "a,b", "the proxy " PX}},
     "all 2 failures share one cause: the proxy " PX " requires "
     "authentication (407) and no credentials were sent"},
    {"different proxies are not merged",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_PROXY_AUTH_REQUIRED, PX, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_PROXY_AUTH_REQUIRED, PX2, 0, 0}},
     0,
     2,
     false,
     {{0}},
     NULL},
    {"two checks through one proxy, a third through another",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_PROXY_UNREACHABLE, PX, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_PROXY_UNREACHABLE, PX2, 0, 0},
      {"c", NC_STATUS_FAIL, NC_PROBLEM_PROXY_UNREACHABLE, PX, 0, 0}},
     1,
     3,
     false,
     {{NC_PROBLEM_PROXY_UNREACHABLE, "a,c", PX " cannot be reached"}},
     "2 of 3 failures share one cause: the proxy " PX " cannot be "
     "reached: the 2 hosts behind it were never tried"},
    {"a proxy that is not known is not a shared party",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_PROXY_DENIED, "", 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_PROXY_DENIED, "", 0, 0}},
     0,
     2,
     false,
     {{0}},
     NULL},
    {"a warned (optional) check counts as a failure of the cause",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_PROXY_AUTH_FAILED, PX, 0, 0},
      {"opt", NC_STATUS_WARN, NC_PROBLEM_PROXY_AUTH_FAILED, PX, 0, F_OPT}},
     1,
     2,
     true,
     {{NC_PROBLEM_PROXY_AUTH_FAILED, "a,opt", "rejected the credentials"}},
     NULL},
    {"skipped checks are not failures",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_SERVFAIL, RES, 0, 0},
      {"wild", NC_STATUS_SKIP, NC_PROBLEM_NONE, NULL, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_SERVFAIL, RES, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_DNS_SERVFAIL, "a,b", "SERVFAIL"}},
     NULL},
    {"two groups: a proxy and an inspection root, and a single failure",
     {{"p1", NC_STATUS_FAIL, NC_PROBLEM_PROXY_DENIED, PX, 0, 0},
      {"t1", NC_STATUS_FAIL, NC_PROBLEM_TLS_INTERCEPTED, "Corp Inspect", 0, 0},
      {"p2", NC_STATUS_FAIL, NC_PROBLEM_PROXY_DENIED, PX, 0, 0},
      {"t2", NC_STATUS_FAIL, NC_PROBLEM_TLS_INTERCEPTED, "Corp Inspect", 0, 0},
      {"lone", NC_STATUS_FAIL, NC_PROBLEM_HTTP_STATUS, NULL, 0, 0}},
     2,
     5,
     false,
     {{NC_PROBLEM_PROXY_DENIED, "p1,p2", "refused 2 destinations"},
      {NC_PROBLEM_TLS_INTERCEPTED, "t1,t2", "TLS inspection by Corp Inspect"}},
     NULL},
    {"different inspection roots are not merged",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TLS_INTERCEPTED, "Root A", 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TLS_INTERCEPTED, "Root B", 0, 0}},
     0,
     2,
     false,
     {{0}},
     NULL},
    {"an untrusted root shared; self-signed servers are their own cause",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TLS_UNTRUSTED, "Inspect CA", 0, 0},
      {"s1", NC_STATUS_FAIL, NC_PROBLEM_TLS_UNTRUSTED, "Inspect CA", 0, F_SELF},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TLS_UNTRUSTED, "Inspect CA", 0, 0},
      {"s2", NC_STATUS_FAIL, NC_PROBLEM_TLS_UNTRUSTED, "Inspect CA", 0,
       F_SELF}},
     1,
     4,
     false,
     {{NC_PROBLEM_TLS_UNTRUSTED, "a,b", "end in the root 'Inspect CA'"}},
     NULL},
    {"a root and a missing issuer of the same name are not one cause",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TLS_UNTRUSTED, "X CA", 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TLS_UNTRUSTED, "X CA", 0, F_ISSUER},
      {"c", NC_STATUS_FAIL, NC_PROBLEM_TLS_UNTRUSTED, "X CA", 0, F_ISSUER}},
     1,
     3,
     false,
     {{NC_PROBLEM_TLS_UNTRUSTED, "b,c", "their issuer 'X CA' is not"}},
     NULL},
    {"every connection to port 443 timed out",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TCP_TIMEOUT, NULL, 443, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TCP_TIMEOUT, NULL, 443, 0},
      {"nx", NC_STATUS_FAIL, NC_PROBLEM_DNS_NXDOMAIN, RES, 443, 0}},
     1,
     3,
     false,
     {{NC_PROBLEM_TCP_TIMEOUT, "a,b", "every connection to port 443"}},
     NULL},
    {"a check got through on port 443: the timeouts are per host",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TCP_TIMEOUT, NULL, 443, 0},
      {"ok", NC_STATUS_PASS, NC_PROBLEM_NONE, NULL, 443, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TCP_TIMEOUT, NULL, 443, 0}},
     0,
     2,
     false,
     {{0}},
     NULL},
    {"an address that passed on port 443 breaks the port's cause",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TCP_REFUSED, NULL, 443, 0},
      {"half", NC_STATUS_FAIL, NC_PROBLEM_TCP_REFUSED, NULL, 443, F_PARTPASS},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TCP_REFUSED, NULL, 443, 0}},
     0,
     3,
     false,
     {{0}},
     NULL},
    {"ports are parties of their own",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TCP_RESET, NULL, 443, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TCP_RESET, NULL, 8443, 0},
      {"c", NC_STATUS_FAIL, NC_PROBLEM_TCP_RESET, NULL, 443, 0}},
     1,
     3,
     false,
     {{NC_PROBLEM_TCP_RESET, "a,c", "port 443 was reset (2 checks)"}},
     NULL},
    {"the same wrong route for ExpressRoute hosts",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_ROUTE_MISROUTED, "inet0", 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_ROUTE_MISROUTED, "inet0", 0, 0},
      {"c", NC_STATUS_FAIL, NC_PROBLEM_ROUTE_MISROUTED, "vpn0", 0, 0},
      {"p", NC_STATUS_FAIL, NC_PROBLEM_ROUTE_MISROUTED, PX, 0, F_PROXY}},
     1,
     4,
     false,
     {{NC_PROBLEM_ROUTE_MISROUTED, "a,b", "leaves by dev inet0"}},
     NULL},
    /* Each code's sentence, exactly: two checks sharing one party. */
    {"the sentence for dns_nodata",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_NODATA, RES, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_NODATA, RES, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_DNS_NODATA, "a,b", ""}},
     "all 2 failures share one cause: "
     "the resolver " RES
     " answered no A or AAAA record for every name it was asked (2 names)"},
    {"the sentence for dns_servfail",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_SERVFAIL, RES, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_SERVFAIL, RES, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_DNS_SERVFAIL, "a,b", ""}},
     "all 2 failures share one cause: "
     "the resolver " RES
     " gave no usable answer (SERVFAIL) for every name it was asked (2 names)"},
    {"the sentence for dns_refused",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_REFUSED, RES, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_REFUSED, RES, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_DNS_REFUSED, "a,b", ""}},
     "all 2 failures share one cause: "
     "the resolver " RES " refused to resolve 2 names"},
    {"the sentence for dns_timeout",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_TIMEOUT, "", 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_TIMEOUT, "", 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_DNS_TIMEOUT, "a,b", ""}},
     "all 2 failures share one cause: "
     "the resolver this machine uses did not answer in time for 2 names"},
    {"the sentence for dns_sinkhole",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_SINKHOLE, RES, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_SINKHOLE, RES, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_DNS_SINKHOLE, "a,b", ""}},
     "all 2 failures share one cause: "
     "the resolver " RES
     " answered 2 names with a sinkhole address: a DNS filter blocks them"},
    {"the sentence for address_not_private",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_ADDRESS_NOT_PRIVATE, RES, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_ADDRESS_NOT_PRIVATE, RES, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_ADDRESS_NOT_PRIVATE, "a,b", ""}},
     "all 2 failures share one cause: "
     "the resolver " RES " resolved 2 private endpoints to public addresses"},
    {"the sentence for proxy_auth_failed",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_PROXY_AUTH_FAILED, PX, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_PROXY_AUTH_FAILED, PX, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_PROXY_AUTH_FAILED, "a,b", ""}},
     "all 2 failures share one cause: "
     "the proxy " PX " rejected the credentials sent (407)"},
    {"the sentence for proxy_denied",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_PROXY_DENIED, PX, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_PROXY_DENIED, PX, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_PROXY_DENIED, "a,b", ""}},
     "all 2 failures share one cause: "
     "the proxy " PX " refused 2 destinations"},
    {"the sentence for proxy_overloaded",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_PROXY_OVERLOADED, PX, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_PROXY_OVERLOADED, PX, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_PROXY_OVERLOADED, "a,b", ""}},
     "all 2 failures share one cause: "
     "the proxy " PX
     " is overloaded: connections to it time out while others succeed"},
    {"the sentence for proxy_invalid",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_PROXY_INVALID, PX, 0, F_PROXY},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_PROXY_INVALID, PX, 0, F_PROXY}},
     1,
     2,
     true,
     {{NC_PROBLEM_PROXY_INVALID, "a,b", ""}},
     "all 2 failures share one cause: "
     "the proxy " PX " answered 2 requests with something that is not "
     "valid HTTP"},
    {"the sentence for route_misrouted (F_PROXY)",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_ROUTE_MISROUTED, PX, 0, F_PROXY},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_ROUTE_MISROUTED, PX, 0, F_PROXY}},
     1,
     2,
     true,
     {{NC_PROBLEM_ROUTE_MISROUTED, "a,b", ""}},
     "all 2 failures share one cause: "
     "2 ExpressRoute hosts go through the proxy " PX
     ", whose egress is not the ExpressRoute path"},
    {"the sentence for route_misrouted",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_ROUTE_MISROUTED, "inet0", 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_ROUTE_MISROUTED, "inet0", 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_ROUTE_MISROUTED, "a,b", ""}},
     "all 2 failures share one cause: "
     "traffic to 2 ExpressRoute hosts leaves by dev inet0, not by the "
     "ExpressRoute path"},
    {"the sentence for tls_untrusted",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TLS_UNTRUSTED, "Inspect CA", 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TLS_UNTRUSTED, "Inspect CA", 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_TLS_UNTRUSTED, "a,b", ""}},
     "all 2 failures share one cause: "
     "the certificate chains of 2 hosts end in the root 'Inspect CA', which "
     "this machine does not trust: likely TLS inspection by Inspect CA"},
    {"the sentence for tls_untrusted (F_ISSUER)",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TLS_UNTRUSTED, "X CA", 0, F_ISSUER},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TLS_UNTRUSTED, "X CA", 0, F_ISSUER}},
     1,
     2,
     true,
     {{NC_PROBLEM_TLS_UNTRUSTED, "a,b", ""}},
     "all 2 failures share one cause: "
     "the certificate chains of 2 hosts stop short of a trusted root: their "
     "issuer 'X CA' is not in the trust store"},
    {"the sentence for tls_intercepted",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TLS_INTERCEPTED, "Corp Inspect", 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TLS_INTERCEPTED, "Corp Inspect", 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_TLS_INTERCEPTED, "a,b", ""}},
     "all 2 failures share one cause: "
     "the certificate chains of 2 hosts end in 'Corp Inspect', not in a root "
     "these endpoints use: TLS inspection by Corp Inspect"},
    {"the sentence for tcp_refused",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TCP_REFUSED, NULL, 443, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TCP_REFUSED, NULL, 443, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_TCP_REFUSED, "a,b", ""}},
     "all 2 failures share one cause: "
     "every connection to port 443 was refused (2 checks)"},
    {"the sentence for tcp_timeout",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TCP_TIMEOUT, NULL, 443, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TCP_TIMEOUT, NULL, 443, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_TCP_TIMEOUT, "a,b", ""}},
     "all 2 failures share one cause: "
     "every connection to port 443 timed out (2 checks)"},
    {"the sentence for tcp_unreachable",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TCP_UNREACHABLE, NULL, 8443, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TCP_UNREACHABLE, NULL, 8443, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_TCP_UNREACHABLE, "a,b", ""}},
     "all 2 failures share one cause: "
     "every connection to port 8443 found no route (2 checks)"},
    {"the sentence for tcp_reset",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TCP_RESET, NULL, 443, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TCP_RESET, NULL, 443, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_TCP_RESET, "a,b", ""}},
     "all 2 failures share one cause: "
     "every connection to port 443 was reset (2 checks)"},
    {"the sentence for timeout",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_TIMEOUT, NULL, 443, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_TIMEOUT, NULL, 443, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_TIMEOUT, "a,b", ""}},
     "all 2 failures share one cause: "
     "every connection to port 443 opened, then stalled (2 checks)"},
    {"codes with no shared party are never grouped",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_HTTP_STATUS, NULL, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_HTTP_STATUS, NULL, 0, 0},
      {"c", NC_STATUS_FAIL, NC_PROBLEM_BODY_MISMATCH, NULL, 0, 0},
      {"d", NC_STATUS_FAIL, NC_PROBLEM_BODY_MISMATCH, NULL, 0, 0}},
     0,
     4,
     false,
     {{0}},
     NULL},
    {"an unreachable resolver is one cause though other names resolved",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_UNREACHABLE, RES, 0, 0},
      {"ok", NC_STATUS_PASS, NC_PROBLEM_NONE, NULL, 0, 0},
      {"b", NC_STATUS_WARN, NC_PROBLEM_DNS_UNREACHABLE, RES, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_DNS_UNREACHABLE, "a,b", "(port closed or no route)"}},
     "all 2 failures share one cause: the resolver " RES " could not be "
     "reached (port closed or no route) for 2 names"},
    {"unreachable resolvers are grouped per resolver",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_UNREACHABLE, RES, 0, 0},
      {"x", NC_STATUS_FAIL, NC_PROBLEM_DNS_UNREACHABLE, RES2, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_UNREACHABLE, RES, 0, 0},
      {"y", NC_STATUS_FAIL, NC_PROBLEM_DNS_UNREACHABLE, RES2, 0, 0}},
     2,
     4,
     false,
     {{NC_PROBLEM_DNS_UNREACHABLE, "a,b", RES},
      {NC_PROBLEM_DNS_UNREACHABLE, "x,y", RES2}},
     NULL},
    {"malformed replies for every name asked: one cause",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_INVALID, RES, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_INVALID, RES, 0, 0}},
     1,
     2,
     true,
     {{NC_PROBLEM_DNS_INVALID, "a,b", "the resolver " RES}},
     "all 2 failures share one cause: the resolver " RES " sent no usable "
     "reply (malformed, truncated, or matching no query) for every name it "
     "was asked (2 names)"},
    {"a malformed reply for two names while a third resolved: name-specific",
     {{"a", NC_STATUS_FAIL, NC_PROBLEM_DNS_INVALID, RES, 0, 0},
      {"ok", NC_STATUS_PASS, NC_PROBLEM_NONE, NULL, 0, 0},
      {"b", NC_STATUS_FAIL, NC_PROBLEM_DNS_INVALID, RES, 0, 0}},
     0,
     2,
     false,
     {{0}},
     NULL},
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

struct tc_run {
    struct nc_check c[MAXC];
    struct fx_check_strings s[MAXC];
    struct nc_check_result r[MAXC];
    struct nc_addr_result a[MAXC][2]; /* r's addresses */
    struct nc_tls_info tls[MAXC];     /* r's TLS facts */
    struct nc_run run;
};

static void addr_fill(struct nc_addr_result *a, enum nc_status st,
                      enum nc_problem p)
{
    a->status = st;
    a->problem = p;
    a->in_ranges = -1;
}

/* A DNS code: the check got no address, and its resolver is the party. */
static bool tc_is_dns(enum nc_problem p)
{
    return (p >= NC_PROBLEM_DNS_NXDOMAIN && p <= NC_PROBLEM_DNS_TIMEOUT) ||
           p == NC_PROBLEM_DNS_UNREACHABLE || p == NC_PROBLEM_DNS_INVALID;
}

/* Free b and the texts its results hold. */
static void tc_free(struct tc_run *b)
{
    size_t i;

    for (i = 0; i < MAXC; i++)
        fx_result_reset(&b->r[i], NULL);
    free(b);
}

static void tc_build(const struct tc *t, struct tc_run *b)
{
    size_t i;

    for (i = 0; i < MAXC; i++)
        fx_result_reset(&b->r[i], NULL); /* the last case's texts */
    memset(b, 0, sizeof(*b));
    for (i = 0; i < MAXC && t->c[i].name != NULL; i++) {
        const struct tc_check *k = &t->c[i];
        struct nc_check_result *r = &b->r[i];
        const char *party = k->party != NULL ? k->party : "";
        bool proxied =
            (k->flags & F_PROXY) || (k->p >= NC_PROBLEM_PROXY_UNREACHABLE &&
                                     k->p <= NC_PROBLEM_PROXY_OVERLOADED);

        fx_check_init(&b->c[i], &b->s[i], "https", "h.example",
                      k->port != 0 ? k->port : 443);
        (void)nc_strlcpy(b->s[i].name, k->name, sizeof(b->s[i].name));
        b->c[i].required = !(k->flags & F_OPT);
        result_init(r, &b->c[i]);
        r->status = k->st;
        r->problem = k->p;
        if (k->st == NC_STATUS_SKIP)
            continue;
        if (proxied) {
            r->via_proxy = true;
            (void)result_printf(r, &r->proxy, NC_PROXY_MAX, "%s", party);
            continue;
        }
        if (!(k->flags & F_NODNS))
            (void)result_printf(r, &r->dns_server, NC_DNS_SERVER_MAX, "%s",
                                tc_is_dns(k->p) ? party : RES);
        if (tc_is_dns(k->p))
            continue; /* no address */
        if (k->p == NC_PROBLEM_TLS_UNTRUSTED ||
            k->p == NC_PROBLEM_TLS_INTERCEPTED) {
            r->tls = &b->tls[i];
            r->tls->present = true;
            r->tls->leaf_self_signed = (k->flags & F_SELF) != 0;
            r->tls->root_self_signed = !(k->flags & F_ISSUER);
            (void)nc_strlcpy(r->tls->root_cn,
                             k->flags & F_ISSUER ? "Intermediate" : party,
                             sizeof(r->tls->root_cn));
            if (k->flags & F_ISSUER)
                (void)nc_strlcpy(r->tls->top_issuer_cn, party,
                                 sizeof(r->tls->top_issuer_cn));
        }
        r->addrs = b->a[i];
        r->n_addrs = 2;
        addr_fill(&r->addrs[0],
                  k->st == NC_STATUS_PASS ? k->st : NC_STATUS_FAIL, k->p);
        addr_fill(&r->addrs[1],
                  k->st == NC_STATUS_PASS || (k->flags & F_PARTPASS)
                      ? NC_STATUS_PASS
                      : NC_STATUS_FAIL,
                  k->flags & F_PARTPASS ? NC_PROBLEM_NONE : k->p);
        if (k->p == NC_PROBLEM_ROUTE_MISROUTED) {
            r->addrs[0].route.found = true;
            (void)nc_strlcpy(r->addrs[0].route.dev, party,
                             sizeof(r->addrs[0].route.dev));
        }
    }
    b->run.results = b->r;
    b->run.n_results = i;
    run_summarize(&b->run);
}

/* "a,b" of cause c's checks. */
static void names_of(const struct tc_run *b, const struct rootcause *c,
                     char *buf, size_t n)
{
    size_t j, used = 0;

    buf[0] = '\0';
    for (j = 0; j < c->n_checks; j++) {
        int w = snprintf(buf + used, n - used, "%s%s", j > 0 ? "," : "",
                         b->r[c->checks[j]].check->name);

        assert_true(w > 0 && (size_t)w < n - used);
        used += (size_t)w;
    }
}

static void test_table(void **state)
{
    struct tc_run *b = calloc(1, sizeof(*b));
    size_t t, k, i;

    (void)state;
    assert_non_null(b);
    for (t = 0; t < NCASES; t++) {
        const struct tc *tc = &cases[t];
        struct rootcause_list l;
        char names[128], line[600];

        tc_build(tc, b);
        assert_int_equal(rootcause_find(&b->run, &l), 0);
        if (l.n != tc->n_causes || l.all != tc->all ||
            l.n_failures != tc->n_failures)
            fail_msg("%s: %zu causes (all %d) of %zu failures, want %zu "
                     "(all %d) of %zu",
                     tc->title, l.n, l.all, l.n_failures, tc->n_causes, tc->all,
                     tc->n_failures);
        for (k = 0; k < l.n; k++) {
            const struct rootcause *c = &l.v[k];

            names_of(b, c, names, sizeof(names));
            if (c->problem != tc->w[k].p ||
                strcmp(names, tc->w[k].checks) != 0 ||
                strstr(c->detail, tc->w[k].detail_has) == NULL)
                fail_msg("%s: cause %zu is %s [%s] '%s'", tc->title, k + 1,
                         problem_code(c->problem), names, c->detail);
            /* The one action is the table's, not a second copy. */
            assert_ptr_equal(c->action, problem_action(c->problem));
            assert_true(c->action[0] != '\0');
            for (i = 0; i < c->n_checks; i++)
                assert_int_equal(rootcause_of(&l, c->checks[i]), k + 1);
        }
        /* Checks outside every cause say so. */
        for (i = 0; i < b->run.n_results; i++) {
            size_t num = rootcause_of(&l, i);

            if (num == 0)
                continue;
            assert_true(num <= l.n);
        }
        if (tc->sentence != NULL) {
            rootcause_sentence(&l, 0, line, sizeof(line));
            if (strcmp(line, tc->sentence) != 0)
                fail_msg("%s: sentence '%s'", tc->title, line);
        }
        rootcause_list_release(&l);
        assert_null(l.v);
    }
    tc_free(b);
}

/* Passing, skipped and grouped-elsewhere checks have number 0; so does an
 * index past the run, and a list that was never filled. */
static void test_of_bounds(void **state)
{
    struct tc_run *b = calloc(1, sizeof(*b));
    struct rootcause_list l, empty = {0};
    char line[64] = "x";

    (void)state;
    assert_non_null(b);
    tc_build(&cases[7], b);
    assert_int_equal(rootcause_find(&b->run, &l), 0);
    assert_int_equal(rootcause_of(&l, 0), 0); /* ok1 passed */
    assert_int_equal(rootcause_of(&l, 1), 1);
    assert_int_equal(rootcause_of(&l, 99), 0);
    assert_int_equal(rootcause_of(&empty, 0), 0);
    assert_int_equal(rootcause_of(NULL, 0), 0);
    rootcause_sentence(&l, 5, line, sizeof(line));
    assert_string_equal(line, "");
    rootcause_list_release(&l);
    rootcause_list_release(&l);
    rootcause_list_release(NULL);

    /* An empty run, and one with no failure at all. */
    b->run.n_results = 0;
    assert_int_equal(rootcause_find(&b->run, &l), 0);
    assert_int_equal(l.n, 0);
    assert_int_equal(l.n_failures, 0);
    rootcause_list_release(&l);
    tc_free(b);
}

/* Sorting must keep causes in the order of their first check, whatever
 * the codes' order in the enum. */
static void test_order(void **state)
{
    struct tc_run *b = calloc(1, sizeof(*b));
    const struct tc t = {
        "order",
        {{"z1", NC_STATUS_FAIL, NC_PROBLEM_TLS_INTERCEPTED, "R", 0, 0},
         {"a1", NC_STATUS_FAIL, NC_PROBLEM_DNS_TIMEOUT, RES, 0, 0},
         {"z2", NC_STATUS_FAIL, NC_PROBLEM_TLS_INTERCEPTED, "R", 0, 0},
         {"a2", NC_STATUS_FAIL, NC_PROBLEM_DNS_TIMEOUT, RES, 0, 0}},
        2,
        4,
        false,
        {{0}},
        NULL};
    struct rootcause_list l;

    (void)state;
    assert_non_null(b);
    tc_build(&t, b);
    assert_int_equal(rootcause_find(&b->run, &l), 0);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.v[0].problem, NC_PROBLEM_TLS_INTERCEPTED);
    assert_int_equal(l.v[0].checks[0], 0);
    assert_int_equal(l.v[0].checks[1], 2);
    assert_int_equal(l.v[1].problem, NC_PROBLEM_DNS_TIMEOUT);
    assert_int_equal(l.v[1].checks[0], 1);
    assert_int_equal(l.v[1].checks[1], 3);
    rootcause_list_release(&l);
    tc_free(b);
}

/* Each allocation failing in turn: NC_ENOMEM, out untouched, no leak. */
static void test_alloc_failures(void **state)
{
    struct tc_run *b = calloc(1, sizeof(*b));
    struct rootcause_list l;
    long k, total;

    (void)state;
    assert_non_null(b);
    tc_build(&cases[13], b); /* two groups */
    nc_alloc_fail_after(-1);
    assert_int_equal(rootcause_find(&b->run, &l), 0);
    total = nc_alloc_fail_after(-1);
    assert_int_equal(l.n, 2);
    rootcause_list_release(&l);
    assert_true(total >= 5);
    for (k = 0; k < total; k++) {
        memset(&l, 0x5a, sizeof(l));
        nc_alloc_fail_after(k);
        assert_int_equal(rootcause_find(&b->run, &l), NC_ENOMEM);
        nc_alloc_fail_after(-1);
        assert_int_equal(l.n, (size_t)0x5a5a5a5a5a5a5a5aULL);
    }
    tc_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_of_bounds),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
