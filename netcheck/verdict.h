/* Pure decisions: what the engine observed (facts, in netcheck's own terms;
 * curl, c-ares and OpenSSL codes are mapped in probe.c/dns.c) becomes one
 * status, one problem code, a detail sentence and an action. No I/O. */
#ifndef NC_VERDICT_H
#define NC_VERDICT_H

#include <stdbool.h>

#include "result.h"

/* The ExpressRoute path checks marked expressroute = yes must take
 * (--expressroute DEV|GATEWAY). */
struct nc_er_expect {
    bool enabled;
    bool by_gateway; /* else by output device */
    char dev[ROUTE_DEV_MAX];
    struct nc_addr gateway;
};

/* Outcome of one DNS query (one family). */
enum nc_dns_outcome {
    NC_DNS_NOT_ASKED = 0, /* host is an IP literal */
    NC_DNS_OK,            /* at least one address */
    NC_DNS_NXDOMAIN,
    NC_DNS_NODATA, /* NOERROR, no address of this family */
    NC_DNS_SERVFAIL,
    NC_DNS_REFUSED,
    NC_DNS_TIMEOUT,
    NC_DNS_ERROR, /* anything else: bad reply, no server reachable */
    NC_DNS_MAX
};

/* What the hosts file (nsswitch "files") said, when it was consulted. */
enum nc_hosts_outcome {
    NC_HOSTS_NOT_ASKED = 0, /* --dns-server, or not reached in the order */
    NC_HOSTS_FOUND,
    NC_HOSTS_NOTFOUND,
    NC_HOSTS_UNAVAIL, /* the file could not be read */
    NC_HOSTS_MAX
};

struct nc_dns_facts {
    enum nc_dns_outcome a, aaaa; /* NOT_ASKED when DNS was not asked */
    char server[128]; /* resolvers asked ("IP:PORT, ..."), may be "" */
    enum nc_hosts_outcome hosts;
    const char *hosts_file; /* borrowed; its path, when consulted */
};

/* How the transfer to one address ended. */
enum nc_xfer {
    NC_XFER_OK = 0,       /* got an HTTP response */
    NC_XFER_CONNECT_FAIL, /* TCP connect failed; see os_errno */
    NC_XFER_TIMEOUT,      /* the timer ran out; see the stage flags */
    NC_XFER_TLS_HANDSHAKE,
    NC_XFER_TLS_VERIFY, /* handshake done, peer rejected; see cert */
    NC_XFER_RESET,      /* connection reset or closed without a response */
    NC_XFER_BAD_RESPONSE,
    NC_XFER_OTHER,
    NC_XFER_MAX
};

/* Why the peer certificate was rejected (mapped from X509_V_ERR_*). */
enum nc_cert {
    NC_CERT_OK = 0,
    NC_CERT_UNTRUSTED, /* self-signed, unknown issuer, bad chain */
    NC_CERT_EXPIRED,
    NC_CERT_NOT_YET_VALID,
    NC_CERT_NAME_MISMATCH,
    NC_CERT_OTHER,
    NC_CERT_MAX
};

struct nc_addr_facts {
    enum nc_xfer xfer;
    int os_errno;   /* for CONNECT_FAIL: ECONNREFUSED, ENETUNREACH, ... */
    bool connected; /* TCP connect completed */
    bool tls_done;  /* TLS handshake completed (https only) */
    enum nc_cert cert;
    char cert_names[256];   /* names the certificate holds, for mismatch */
    char tls_alert[128];    /* handshake failure text when known */
    long http_status;       /* 0 when none */
    int body_match;         /* -1 not checked, 0 no, 1 yes */
    char body_excerpt[64];  /* start of the body, for a mismatch detail */
    long timeout_ms;        /* the limit that ran out, for the detail */
    struct nc_tls_info tls; /* the chain seen, when there was one */
    struct nc_route route;  /* the kernel's route (found false: unknown) */
    const struct nc_er_expect *er; /* routes judged when er->enabled */
};

/*! Decide one address: sets r->status, r->problem, r->detail from the
 *  facts and the check's expectations. r->in_ranges must be set first. */
void verdict_addr(const struct nc_check *c, const struct nc_addr_facts *f,
                  struct nc_addr_result *r);

/*! Decide the DNS stage. \return NC_PROBLEM_NONE when the addresses can be
 *  probed (n_addrs > 0 and no family failed), else the problem, with the
 *  detail and action written into res (status set from c->required). */
enum nc_problem verdict_dns(const struct nc_check *c,
                            const struct nc_dns_facts *f, size_t n_addrs,
                            struct nc_check_result *res);

/*! Combine the per-address results in res->addrs into the check's status,
 *  problem, detail and action ("2 of 4 addresses failed: ..."). */
void verdict_check(const struct nc_check *c, struct nc_check_result *res);

/*! Mark a check that could not run (untestable wildcard, ...). */
void verdict_skip(const struct nc_check *c, const char *why,
                  struct nc_check_result *res);

/*! The action for problem p on check c, naming the host, port or wildcard
 *  where that helps (written into buf). */
void verdict_check_action(const struct nc_check *c, enum nc_problem p,
                          char *buf, size_t n);

#define NC_MAX_OFFERED 6

/* How a SOCKS proxy answered the request to connect (mapped from curl's
 * CURLproxycode in probe_proxy.c). SOCKS5 replies are RFC 1928 §6, the
 * username/password sub-negotiation RFC 1929 §2, SOCKS4 replies 90-93
 * the SOCKS4 protocol note. */
enum nc_socks_reply {
    NC_SOCKS_OK = 0,           /* no SOCKS failure, or not a SOCKS proxy */
    NC_SOCKS_GENERAL_FAILURE,  /* SOCKS5 reply 1 */
    NC_SOCKS_NOT_ALLOWED,      /* 2: not allowed by ruleset */
    NC_SOCKS_NET_UNREACHABLE,  /* 3 */
    NC_SOCKS_HOST_UNREACHABLE, /* 4 (also: the proxy could not resolve) */
    NC_SOCKS_REFUSED,          /* 5: the destination refused */
    NC_SOCKS_TTL_EXPIRED,      /* 6 */
    NC_SOCKS_CMD_UNSUPPORTED,  /* 7 */
    NC_SOCKS_ADDR_UNSUPPORTED, /* 8 */
    NC_SOCKS_UNASSIGNED,       /* 9 and above */
    NC_SOCKS4_REJECTED,        /* SOCKS4 reply 91: rejected or failed */
    NC_SOCKS4_IDENTD,          /* SOCKS4 replies 92, 93: identd check */
    NC_SOCKS_USER_REJECTED,    /* RFC 1929: user name or password refused */
    NC_SOCKS_NO_METHOD,        /* no acceptable method (0xFF, or user/pass
                                  asked for and none configured) */
    NC_SOCKS_CREDS_TOO_LONG,   /* user or password over 255 bytes */
    NC_SOCKS_GSSAPI,           /* GSSAPI negotiation failed */
    NC_SOCKS_RESOLVE,          /* the local lookup for the proxy failed */
    NC_SOCKS_HANDSHAKE,        /* closed, or not SOCKS, mid-handshake */
    NC_SOCKS_OTHER,            /* anything else curl reports */
    NC_SOCKS_MAX
};

/* What the path through a proxy showed, beside the transfer's own facts. */
struct nc_proxy_facts {
    char proxy[300];         /* "http://host:port", never credentials */
    enum nc_dns_outcome dns; /* lookup of the proxy's own name */
    bool tunnel;             /* https:// through CONNECT */
    long connect_code;       /* CONNECT answer; 0 when none came */
    bool creds_sent;         /* credentials were configured and offered */
    char offered[NC_MAX_OFFERED][16]; /* Proxy-Authenticate schemes */
    size_t n_offered;
    char product[96];     /* from Server or Via, e.g. "squid/5.7" */
    char squid_error[64]; /* X-Squid-Error, e.g. "ERR_ACCESS_DENIED 0" */
    const struct nc_er_expect *er; /* an ExpressRoute check via a proxy */
    /* An https:// proxy: TLS to the proxy itself, before any CONNECT. */
    bool tls;
    bool own_ca;              /* verified against --proxy-ca-bundle */
    enum nc_cert cert;        /* why its certificate was rejected, or OK */
    char cert_names[256];     /* names its certificate holds, for mismatch */
    struct nc_tls_info chain; /* the proxy's chain, when one was seen */
    /* SOCKS proxies only (socks is 0 for HTTP ones). */
    unsigned socks;        /* 4 or 5 */
    bool socks_remote_dns; /* socks4a, socks5h: the proxy resolves */
    bool socks_open;       /* the proxy connected us through */
    enum nc_socks_reply socks_reply;
    char socks_error[96]; /* curl's message for NC_SOCKS_OTHER/HANDSHAKE */
};

/*! Decide a check that went through a proxy: the proxy's own failures
 *  (unreachable, its certificate rejected, 407 with or without
 *  credentials, denied) first, else the destination's as seen through the
 *  tunnel. Writes status, problem, detail, action, http_status,
 *  proxy_status and proxy_auth of res: proxy_status is the proxy's own
 *  answer (the CONNECT code, or the status of a plain-HTTP answer the
 *  proxy gave itself: 407, or an error it marks as its own), and
 *  http_status then stays 0, since the destination never answered. */
void verdict_proxy(const struct nc_check *c, const struct nc_proxy_facts *p,
                   const struct nc_addr_facts *f, struct nc_check_result *res);

/*! Relabel a check whose TCP connect to the proxy timed out while n_ok
 *  other connects to the same proxy succeeded: the proxy is overloaded,
 *  not the endpoint down. */
void verdict_proxy_overloaded(const struct nc_check *c, size_t n_ok,
                              size_t n_timeout, struct nc_check_result *res);

/*! When the clock is off (clk->warn) and res failed with tls_expired, add
 *  the skew to the detail, and call the local clock the cause when the
 *  certificate is valid on the endpoints' time (now_s + skew). */
void verdict_clock_note(const struct nc_clock *clk, long long now_s,
                        struct nc_check_result *res);

/*! Is a in RFC 1918 (10/8, 172.16/12, 192.168/16) or RFC 4193 (fc00::/7)
 *  space, where private endpoints live? */
bool verdict_addr_is_private(const struct nc_addr *a);

/*! The BGP community the ExpressRoute route filter needs for host
 *  (Entra ID, Storage, Backup, or the regional one), as text. */
const char *verdict_er_community(const char *host);

/*! The action sentence for a problem code (what must change). */
const char *verdict_action(enum nc_problem p);

#endif
