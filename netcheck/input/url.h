/* http(s) URLs as netcheck accepts them: read by libcurl's URL API,
 * checked against netcheck's own rules, and rebuilt in a normal form. */
#ifndef NC_URL_H
#define NC_URL_H

#include <stdbool.h>
#include <stddef.h>

#define NC_URL_HOST_MAX 253  /* RFC 1035 §2.3.4, without the final dot */
#define NC_URL_PATH_MAX 4096 /* path and query, bytes */

struct nc_url {
    char scheme[8];                 /* "http" or "https" */
    char host[NC_URL_HOST_MAX + 1]; /* lowercase; IPv6 without brackets */
    /* 1..65535, the scheme's default when the URL gives none */
    unsigned port;
    char path[NC_URL_PATH_MAX + 1]; /* starts with '/'; includes any query */
    bool ipv6_literal;
};

/*! Parse an absolute http or https URL (RFC 3986 §3): scheme case-
 *  insensitive, host lowercased, "[v6]" literal, optional port, path
 *  defaulting to "/". Rejects user info, wildcards, fragments, white space,
 *  control and non-ASCII bytes, and host characters outside [a-z0-9.-_].
 *  Host, port and path are what libcurl's URL API (CURLU) reads: an IPv4
 *  address in a legacy form ("0x7f.1") becomes the dotted quad curl
 *  connects to, dot segments leave the path as curl sends it.
 *  \param why  receives a lowercase reason on failure (may be NULL)
 *  \return 0 and *out, NC_EPARSE, or NC_ENOMEM */
int url_parse(const char *s, struct nc_url *out, char *why, size_t whylen);

/*! Write "scheme://host[:port]/path": the port only when it is not the
 *  scheme's default, brackets around an IPv6 literal.
 *  \return 0, or NC_ELIMIT when buf is too small */
int url_format(const struct nc_url *u, char *buf, size_t n);

/*! Check a DNS name the way url_parse checks a host (letters, digits,
 *  '-', '_', dot-separated labels of 1-63 bytes, at most 253 bytes) and
 *  copy it lowercased into out.  \return 0 or NC_EPARSE */
int url_hostname_check(const char *s, char *out, size_t n, char *why,
                       size_t whylen);

/*! True when host is a strict subdomain of domain ("a.b.c" of "b.c"),
 *  both already lowercase. */
bool url_host_in_domain(const char *host, const char *domain);

#ifdef NETCHECK_UNITTESTS
/*! 80 for "http", 443 for "https", 0 otherwise. */
unsigned url_default_port(const char *scheme);
#endif

#endif
