/* The fixed set of problem codes. The strings are stable API (JSON, JUnit,
 * README): never rename one, only add. */
#ifndef NC_PROBLEM_H
#define NC_PROBLEM_H

enum nc_problem {
    NC_PROBLEM_NONE = 0,
    NC_PROBLEM_DNS_NXDOMAIN,
    NC_PROBLEM_DNS_NODATA,
    NC_PROBLEM_DNS_SERVFAIL,
    NC_PROBLEM_DNS_REFUSED,
    NC_PROBLEM_DNS_TIMEOUT,
    NC_PROBLEM_TCP_REFUSED,
    NC_PROBLEM_TCP_TIMEOUT,
    NC_PROBLEM_TCP_UNREACHABLE,
    NC_PROBLEM_TCP_RESET,
    NC_PROBLEM_TLS_FAILED,
    NC_PROBLEM_TLS_UNTRUSTED,
    NC_PROBLEM_TLS_NAME_MISMATCH,
    NC_PROBLEM_TLS_EXPIRED,
    NC_PROBLEM_HTTP_STATUS,
    NC_PROBLEM_HTTP_INVALID,
    NC_PROBLEM_BODY_MISMATCH,
    NC_PROBLEM_TIMEOUT,
    NC_PROBLEM_ADDRESS_OUTSIDE_RANGES,
    NC_PROBLEM_DNS_SINKHOLE,
    NC_PROBLEM_PROXY_UNREACHABLE,
    NC_PROBLEM_PROXY_AUTH_REQUIRED,
    NC_PROBLEM_PROXY_AUTH_FAILED,
    NC_PROBLEM_PROXY_DENIED,
    NC_PROBLEM_PROXY_OVERLOADED,
    NC_PROBLEM_TLS_INTERCEPTED,
    NC_PROBLEM_ROUTE_MISROUTED,
    NC_PROBLEM_ADDRESS_NOT_PRIVATE,
    NC_PROBLEM_PROXY_TLS_UNTRUSTED,
    NC_PROBLEM_PROXY_TLS_FAILED,
    NC_PROBLEM_PROXY_INVALID,
    NC_PROBLEM_PROXY_PAC_FAILED,
    NC_PROBLEM_DNS_UNREACHABLE,
    NC_PROBLEM_DNS_INVALID,
    NC_PROBLEM_MAX
};

/*! Stable code string ("dns_nxdomain"); NULL for NC_PROBLEM_NONE. */
const char *problem_code(enum nc_problem p);

/*! The action that fixes a code: what must change. "" for none. */
const char *problem_action(enum nc_problem p);

#ifdef NETCHECK_UNITTESTS
/*! Reverse lookup.  \return the problem, or NC_PROBLEM_MAX if unknown */
enum nc_problem problem_from_code(const char *code);
#endif

#ifdef NETCHECK_UNITTESTS
/*! One-line meaning of a code, for help and reports. */
const char *problem_meaning(enum nc_problem p);
#endif

#endif
