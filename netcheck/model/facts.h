/* What the engine observes about a check, for verdict/ to judge: plain
 * data, no I/O. */
#ifndef NC_FACTS_H
#define NC_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "cidr.h"
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
    NC_DNS_ERROR,       /* anything else (out of memory, a bad name) */
    NC_DNS_UNREACHABLE, /* port closed (ICMP refused) or no route */
    NC_DNS_INVALID,     /* malformed reply, a truncated one with no TCP
                           answer, FORMERR or NOTIMP */
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

/* A dependency many checks share (a resolver, a proxy): what it did with
 * the requests sent to it so far. verdict_dep_dead() judges it. */
struct nc_dep {
    unsigned sent;      /* requests sent: a lookup, a proxied transfer */
    unsigned answered;  /* ended with any answer from it at all */
    unsigned silent;    /* ended with no answer in their time */
    unsigned garbled;   /* of the silent: got only replies no client takes */
    unsigned in_flight; /* sent, not ended */
    long wait_ms;       /* how long the longest silent one waited */
};

/* How one request to a shared dependency ended (verdict_dep_ended). */
enum nc_dep_end {
    NC_DEP_END_OTHER = 0, /* refused, no route: it fails fast anyway */
    NC_DEP_END_ANSWERED,  /* any answer from it, an error included */
    NC_DEP_END_SILENT,    /* no answer within its time */
    /* Only replies a client must drop (a resolver's that match no query):
     * it waited its whole time like a silent one, so it counts as one;
     * taking it as an answer would keep a garbling resolver alive. */
    NC_DEP_END_GARBLED
};

/* Why a resolver's reply matched none of the queries sent to it (RFC 5452
 * §9.1: a resolver takes a reply only for its query's ID and question,
 * and drops any other, so such replies end as a timeout). */
enum nc_dns_mismatch {
    NC_DNS_MISMATCH_NONE = 0,
    NC_DNS_MISMATCH_NOT_DNS,  /* not a DNS reply at all */
    NC_DNS_MISMATCH_ID,       /* the question asked, under another ID */
    NC_DNS_MISMATCH_QUESTION, /* the query's ID, another question */
    NC_DNS_MISMATCH_MAX
};

struct nc_dns_facts {
    enum nc_dns_outcome a, aaaa; /* NOT_ASKED when DNS was not asked */
    /* The replies for this name that matched no query (the last kind
     * seen and their number), when its query then timed out: the
     * outcome is then NC_DNS_INVALID, not a silent resolver's TIMEOUT. */
    enum nc_dns_mismatch mismatch;
    unsigned n_mismatch;
    char server[128]; /* resolvers asked ("IP:PORT, ..."), may be "" */
    /* Not asked at all: the resolvers were taken as down (a and aaaa are
     * then NC_DNS_TIMEOUT); dead says what they had done by then. */
    bool not_tried;
    struct nc_dep dead;
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

/* Why an answer was not valid HTTP (NC_XFER_BAD_RESPONSE), as far as the
 * engine can tell (mapped from curl's result and message in probe_xfer.c). */
enum nc_http_fault {
    NC_HTTP_FAULT_NOT_HTTP = 0,    /* not HTTP at all (a banner, HTTP/0.9) */
    NC_HTTP_FAULT_HEADERS_TOO_BIG, /* headers over curl's limits */
    NC_HTTP_FAULT_CHUNKED,         /* a chunk size that is not hex, or
                                      overflows (RFC 9112 §7.1) */
    NC_HTTP_FAULT_MAX
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
    bool connected; /* TCP connect completed (to the proxy, if any) */
    bool tls_done;  /* TLS handshake completed (https only) */
    enum nc_cert cert;
    char cert_names[256]; /* names the certificate holds, for mismatch */
    char tls_alert[128];  /* handshake failure text when known */
    long http_status;     /* 0 when none */
    enum nc_http_fault http_fault; /* for BAD_RESPONSE */
    int body_match;                /* -1 not checked, 0 no, 1 yes */
    char body_excerpt[64];  /* start of the body, for a mismatch detail */
    long timeout_ms;        /* the limit that ran out, for the detail */
    struct nc_tls_info tls; /* the chain seen, when there was one */
    struct nc_route route;  /* the kernel's route (found false: unknown) */
    const struct nc_er_expect *er; /* routes judged when er->enabled */
};

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
    bool connect_done;       /* a 2xx CONNECT answer ended (its blank
                                line came): the tunnel was open */
    bool answered;           /* a status line came from the proxy's
                                connection (before any tunnel opened) */
    bool creds_sent;         /* credentials were configured and offered */
    char identity[600];      /* who they named, or why none were sent
                                (proxyid_describe); "" unknown */
    char offered[NC_MAX_OFFERED][16]; /* Proxy-Authenticate schemes */
    size_t n_offered;
    char product[96];     /* from Server or Via, e.g. "squid/5.7" */
    char squid_error[64]; /* X-Squid-Error, e.g. "ERR_ACCESS_DENIED 0" */
    const struct nc_er_expect *er; /* an ExpressRoute check via a proxy */
    /* An https:// proxy: TLS to the proxy itself, before any CONNECT. */
    bool tls;
    bool own_ca;              /* verified against --proxy-ca-bundle */
    bool tls_answered;        /* its certificate came: the handshake with
                                 it got an answer */
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

#endif
