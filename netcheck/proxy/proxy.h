/* Proxy decisions, free of I/O: proxy URLs, credentials, NO_PROXY matching
 * with curl's rules, which environment variable a client reads for a URL,
 * and the classic traps worth a warning. */
#ifndef NC_PROXY_H
#define NC_PROXY_H

#include <stdbool.h>
#include <stddef.h>

#include "env.h"
#include "nc.h"

enum proxy_scheme {
    PROXY_SCHEME_HTTP = 0,
    PROXY_SCHEME_HTTPS,
    PROXY_SCHEME_SOCKS4,
    PROXY_SCHEME_SOCKS4A,
    PROXY_SCHEME_SOCKS5,
    PROXY_SCHEME_SOCKS5H,
    PROXY_SCHEME_MAX
};

struct proxy_url {
    enum proxy_scheme scheme;
    char host[256]; /* lowercase; IPv6 without brackets */
    unsigned port;
    bool has_user, has_pass;
    char user[256];  /* percent-decoded */
    char pass[256];  /* percent-decoded; secret: wipe with proxy_url_wipe */
    bool had_scheme; /* false: curl assumes http:// */
    bool had_port;   /* false: curl assumes 1080 for http://, 443 https */
};

/*! Parse a proxy URL the way curl reads one ("host", "host:port",
 *  "scheme://[user[:pass]@]host[:port][/]"). Without a scheme it is
 *  http://; without a port curl uses 1080 (http) or 443 (https), and so do
 *  we, recording it in had_port. Host and port are what libcurl's URL
 *  API reads: an IPv4 address in a legacy form ("0x7f.1") becomes the
 *  dotted quad curl connects to. why never contains the password.
 *  \return 0, NC_EPARSE, or NC_ENOMEM */
int proxy_url_parse(const char *s, struct proxy_url *out, char *why,
                    size_t whylen);

/*! "scheme://[user@]host:port" (IPv6 in brackets); never the password. */
void proxy_url_format(const struct proxy_url *u, bool with_user, char *buf,
                      size_t n);

/*! Wipe the password (explicit_bzero) and the user name. */
void proxy_url_wipe(struct proxy_url *u);

/*! Does the NO_PROXY list bypass the proxy for host (a name or an IP
 *  literal without brackets), with curl 7.88's rules: comma-separated,
 *  blanks trimmed, "*" alone matches everything, a leading '.' is ignored,
 *  an entry matches the host itself and its subdomains, case-insensitive,
 *  trailing dots ignored, IP literals compared as addresses and CIDR
 *  entries matched for IP hosts. The entry that matched is copied to entry
 *  (may be NULL).  \return true when bypassed
 *
 *  What libcurl 7.88.1 really does, checked against Debian's curl and
 *  followed here: blanks separate entries as commas do; "*" only when it
 *  is the whole list; IPv4 hosts are compared as addresses and "a.b.c.d/n"
 *  ranges (with atoi's reading of n, and "/0" meaning the bare address);
 *  IPv6 hosts reach the matcher without brackets and are compared as
 *  text, like names (the URL's spelling, shortened to inet_ntop's form
 *  when that is shorter), so "[::1]" entries and IPv6 ranges never match;
 *  an entry with a port ("host:8080") never matches. A bracketed host
 *  ("[::1]") is read as the URL would pass it. entry is set to "" when
 *  nothing matched. */
bool proxy_noproxy_match(const char *list, const char *host, char *entry,
                         size_t entrylen);

/* Which variables a curl-based client reads, and what they said. */
struct proxy_env_choice {
    const char *var;         /* e.g. "https_proxy"; NULL when none set */
    const char *value;       /* borrowed from the env */
    const char *noproxy_var; /* "no_proxy" or "NO_PROXY", or NULL */
    const char *noproxy;     /* borrowed, or NULL */
};

/*! curl's order: for http:// URLs "http_proxy" only (the uppercase form is
 *  ignored, a CGI safety rule); for https:// "https_proxy" then
 *  "HTTPS_PROXY"; then "all_proxy", "ALL_PROXY"; NO_PROXY from "no_proxy"
 *  then "NO_PROXY". Empty values count as unset. */
void proxy_env_choose(const struct nc_env *env, bool https,
                      struct proxy_env_choice *out);

#define PROXY_MAX_WARNINGS 16

struct proxy_warnings {
    char text[PROXY_MAX_WARNINGS][320];
    size_t n;
};

/*! Add warnings about the traps in env: uppercase HTTP_PROXY (ignored by
 *  curl for http:// URLs), a proxy URL without scheme or port (curl assumes
 *  http:// and port 1080), and NO_PROXY entries that curl, Go and Python
 *  read differently ("*.dom", ".dom" vs the apex, ports, CIDR, IPv6).
 *  Never quotes a password. */
void proxy_env_warn(const struct nc_env *env, struct proxy_warnings *w);

/*! Add warnings about the entries of one NO_PROXY list (value of var)
 *  that curl 7.88, Go and Python read differently: blanks as separators,
 *  '*' among other entries, "*.dom", ".dom" and the apex, ports, CIDR
 *  ranges, bracketed or unusually spelled IPv6 addresses. Entries of one
 *  kind share one warning. An entry holding '@' is never quoted. */
void proxy_noproxy_warn(const char *var, const char *list,
                        struct proxy_warnings *w);

/*! Append one warning (printf-style), dropping it when full. */
void proxy_warn(struct proxy_warnings *w, const char *fmt, ...) NC_PRINTF(2, 3);

/* The proxy the checks go through, already chosen by the caller. */
struct probe_proxy {
    bool enabled;
    char url[300];  /* "scheme://host:port", never credentials */
    char host[256]; /* its name (kept for TLS and Negotiate), or literal */
    unsigned port;
    bool https;          /* TLS to the proxy itself */
    unsigned socks;      /* 4 or 5 for a SOCKS proxy, else 0 */
    bool remote_dns;     /* socks4a, socks5h: the proxy resolves names */
    const char *noproxy; /* NO_PROXY list deciding the bypass, or NULL */
    /* A WinINet bypass list (.NET's rules, winproxy_url_bypassed) deciding
     * instead of noproxy: --as-system on Windows. NULL: not used. */
    const char *winbypass;
    const char *user;     /* credentials, or NULL; borrowed */
    const char *password; /* borrowed; the caller wipes it */
    /* Where it was set, for the report's proxy_reason: "https_proxy",
     * "--proxy", "DefaultConnectionSettings"; NULL: say nothing. */
    const char *from;
    /* No user: log on as the account netcheck runs as, through curl's
     * SSPI (an empty user, Negotiate or NTLM): a run as SYSTEM. */
    bool sspi;
    /* Who the proxy is told we are, for a 407's detail (proxyid_describe);
     * borrowed, NULL: not said. */
    const char *identity;
};

#ifdef NETCHECK_UNITTESTS
/*! "http", "https", "socks4", ... */
const char *proxy_scheme_name(enum proxy_scheme s);
#endif

#endif
