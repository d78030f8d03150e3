#include "cidr.h"

#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#endif
#include <stdio.h>
#include <string.h>

#include "nc.h"
#include "str.h"

UNITTEST bool nc_cidr_contains(const struct nc_cidr *c,
                               const struct nc_addr *a);

/* Longest text form: "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128". */
#define CIDR_TEXT_MAX 64

int nc_addr_parse(const char *s, struct nc_addr *out)
{
    struct nc_addr a;

    if (s == NULL || *s == '\0')
        return NC_EPARSE;
    memset(&a, 0, sizeof(a));
    /* inet_pton refuses brackets, zone ids ("%eth0"), white space and
     * the legacy short forms ("10.1", "0x0a.0.0.1") that inet_aton takes. */
    if (inet_pton(AF_INET, s, a.bytes) == 1) {
        a.family = 4;
    } else if (inet_pton(AF_INET6, s, a.bytes) == 1) {
        a.family = 6;
    } else {
        return NC_EPARSE;
    }
    *out = a;
    return 0;
}

void nc_addr_format(const struct nc_addr *a, char *buf, size_t n)
{
    char tmp[INET6_ADDRSTRLEN];
    const char *r = NULL;

    if (n == 0)
        return;
    if (a->family == 4)
        r = inet_ntop(AF_INET, a->bytes, tmp, sizeof(tmp));
    else if (a->family == 6)
        r = inet_ntop(AF_INET6, a->bytes, tmp, sizeof(tmp));
    (void)nc_strlcpy(buf, r != NULL ? r : "?", n);
}

static unsigned cidr_family_bits(int family)
{
    return family == 4 ? 32u : 128u;
}

/* True when any bit at position >= prefix is set. */
static bool cidr_host_bits_set(const struct nc_addr *a, unsigned prefix)
{
    unsigned bits = cidr_family_bits(a->family);
    unsigned i;

    for (i = prefix; i < bits; i++) {
        if (a->bytes[i / 8] & (0x80u >> (i % 8)))
            return true;
    }
    return false;
}

static void cidr_clear_host_bits(struct nc_addr *a, unsigned prefix)
{
    unsigned bits = cidr_family_bits(a->family);
    unsigned i;

    for (i = prefix; i < bits; i++)
        a->bytes[i / 8] &= (unsigned char)~(0x80u >> (i % 8));
}

static int cidr_fail(char *why, size_t whylen, const char *msg)
{
    if (why != NULL && whylen > 0)
        (void)nc_strlcpy(why, msg, whylen);
    return NC_EPARSE;
}

int nc_cidr_parse_why(const char *s, struct nc_cidr *out, char *why,
                      size_t whylen)
{
    char text[CIDR_TEXT_MAX];
    char *slash;
    struct nc_cidr c;
    unsigned long prefix;
    unsigned bits;

    if (s == NULL || *s == '\0')
        return cidr_fail(why, whylen, "empty range");
    if (nc_strlcpy(text, s, sizeof(text)) != 0)
        return cidr_fail(why, whylen, "too long for an address range");
    memset(&c, 0, sizeof(c));
    slash = strchr(text, '/');
    if (slash != NULL)
        *slash = '\0';
    if (nc_addr_parse(text, &c.base) != 0)
        return cidr_fail(why, whylen, "not an IPv4 or IPv6 address");
    bits = cidr_family_bits(c.base.family);
    if (slash == NULL) {
        c.prefix = bits;
    } else {
        int r = nc_parse_uint(slash + 1, 0, bits, &prefix);

        if (r == NC_ELIMIT) {
            return cidr_fail(why, whylen,
                             bits == 32 ? "prefix length above 32"
                                        : "prefix length above 128");
        }
        if (r != 0)
            return cidr_fail(why, whylen, "prefix length is not a number");
        c.prefix = (unsigned)prefix;
    }
    if (cidr_host_bits_set(&c.base, c.prefix)) {
        if (why != NULL && whylen > 0) {
            char net[NC_ADDRSTRLEN];
            struct nc_addr base = c.base;

            cidr_clear_host_bits(&base, c.prefix);
            nc_addr_format(&base, net, sizeof(net));
            (void)snprintf(why, whylen,
                           "host bits set below the prefix (did you mean "
                           "%s/%u?)",
                           net, c.prefix);
        }
        return NC_EPARSE;
    }
    *out = c;
    return 0;
}

int nc_cidr_parse(const char *s, struct nc_cidr *out)
{
    return nc_cidr_parse_why(s, out, NULL, 0);
}

void nc_cidr_format(const struct nc_cidr *c, char *buf, size_t n)
{
    char addr[NC_ADDRSTRLEN];

    nc_addr_format(&c->base, addr, sizeof(addr));
    (void)nc_snprintf(buf, n, "%s/%u", addr, c->prefix);
}

UNITTEST bool nc_cidr_contains(const struct nc_cidr *c, const struct nc_addr *a)
{
    unsigned full, rest;

    if (c->base.family != a->family)
        return false;
    if (c->prefix > cidr_family_bits(a->family))
        return false;
    full = c->prefix / 8;
    rest = c->prefix % 8;
    if (memcmp(c->base.bytes, a->bytes, full) != 0)
        return false;
    if (rest != 0) {
        unsigned mask = (0xffu << (8 - rest)) & 0xffu;

        if ((c->base.bytes[full] & mask) != (a->bytes[full] & mask))
            return false;
    }
    return true;
}

bool nc_cidr_list_contains(const struct nc_cidr *list, size_t n,
                           const struct nc_addr *a)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (nc_cidr_contains(&list[i], a))
            return true;
    }
    return false;
}

bool nc_addr_numeric_form(const char *host)
{
    const char *p = host;

    while (*p != '\0') {
        size_t n = strcspn(p, "."), i = 0;

        if (n == 0)
            return false;
        if (n > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
            for (i = 2; i < n && nc_hexval((unsigned char)p[i]) >= 0; i++)
                ;
        } else {
            for (; i < n && p[i] >= '0' && p[i] <= '9'; i++)
                ;
        }
        if (i != n)
            return false;
        p += n;
        if (*p == '.')
            p++;
    }
    return true;
}
