/* IPv4/IPv6 addresses and CIDR ranges: parsing, matching, formatting. */
#ifndef NC_CIDR_H
#define NC_CIDR_H

#include <stdbool.h>
#include <stddef.h>

#define NC_ADDRSTRLEN 46 /* INET6_ADDRSTRLEN */

/* family is 4 or 6; addr holds 4 or 16 bytes, network byte order. */
struct nc_addr {
    int family;
    unsigned char bytes[16];
};

struct nc_cidr {
    struct nc_addr base; /* host bits cleared */
    unsigned prefix;     /* 0..32 or 0..128 */
};

/*! Parse a literal IPv4 or IPv6 address (no brackets, no zone).
 *  \return 0 or NC_EPARSE */
int nc_addr_parse(const char *s, struct nc_addr *out);

/*! Format an address into buf (NC_ADDRSTRLEN bytes suffice). */
void nc_addr_format(const struct nc_addr *a, char *buf, size_t n);

/*! Parse "a.b.c.d/n", "x::/n" or a bare address (a /32 or /128).
 *  Host bits set below the prefix are rejected, as ip(8) does for routes,
 *  because "10.1.2.3/8" in an allowlist is almost always a typo.
 *  \return 0 or NC_EPARSE */
int nc_cidr_parse(const char *s, struct nc_cidr *out);

/*! nc_cidr_parse that also says why a range was rejected.
 *  \param why  receives a lowercase reason (may be NULL)
 *  \return 0 or NC_EPARSE */
int nc_cidr_parse_why(const char *s, struct nc_cidr *out, char *why,
                      size_t whylen);

/*! Format "base/prefix" into buf. */
void nc_cidr_format(const struct nc_cidr *c, char *buf, size_t n);

/*! True when a lies inside any of the n ranges. */
bool nc_cidr_list_contains(const struct nc_cidr *list, size_t n,
                           const struct nc_addr *a);

/*! True when every dot-separated label of host is a decimal or 0x-hex
 *  number ("1.2.3", "0x7f.1", "010.0.0.1", "1.2.3.4."): the forms
 *  inet_aton and libcurl read as an IPv4 address. A URL host of this shape
 *  that is not an address after libcurl's reading is a typo, never a
 *  name. */
bool nc_addr_numeric_form(const char *host);

#ifdef NETCHECK_UNITTESTS
/*! True when a lies inside c (families must match). */
bool nc_cidr_contains(const struct nc_cidr *c, const struct nc_addr *a);
#endif

#endif
