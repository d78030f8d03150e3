/* NO_PROXY: curl 7.88's matcher, and the entries that curl, Go and Python
 * read differently. Pure: no I/O, no curl headers.
 *
 * The matcher follows lib/noproxy.c Curl_check_noproxy() of curl 7.88 as
 * libcurl really calls it (checked against Debian 12's curl 7.88.1):
 * url.c strips the brackets of an IPv6 host before the check, so IPv6
 * hosts take the host-name branch and are compared as text. */
#include "proxy.h"

#include <stdint.h>
#include <string.h>

#include "cidr.h"
#include "nc.h"
#include "str.h"

#define NP_IP_TOKEN_MAX 128 /* curl's checkip[128]: longer never matches */
#define NP_SHOW         64  /* bytes of an entry quoted in a warning */

static bool np_blank(char c)
{
    return c == ' ' || c == '\t'; /* curl's ISBLANK */
}

/* The prefix length as curl reads it, with atoi: that is strtol
 * (leading space, a sign, digits, saturating at LONG_MAX/LONG_MIN) cast
 * to int (the low 32 bits, as gcc on amd64 does). "/4294967304" is 8. */
static unsigned np_atoi_bits(const char *s)
{
    uint64_t mag = 0, lim;
    bool neg = false;

    while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
        s++;
    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    lim = neg ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
    for (; *s >= '0' && *s <= '9'; s++) {
        unsigned d = (unsigned)(*s - '0');

        mag = mag > (lim - d) / 10 ? lim : mag * 10 + d;
    }
    return neg ? 0u - (unsigned)(mag & 0xffffffffu)
               : (unsigned)(mag & 0xffffffffu);
}

/* Curl_cidr4_match(): bits above 32 never match, 0 and 32 mean the exact
 * address, anything else compares the top bits. */
static bool np_cidr4(const struct nc_addr *host, const char *network,
                     unsigned bits)
{
    struct nc_addr net;
    unsigned i;

    if (bits > 32)
        return false;
    if (nc_addr_parse(network, &net) != 0 || net.family != 4)
        return false;
    if (bits == 0)
        bits = 32;
    for (i = 0; i < bits; i++) {
        unsigned m = 0x80u >> (i % 8);

        if ((host->bytes[i / 8] & m) != (net.bytes[i / 8] & m))
            return false;
    }
    return true;
}

static bool np_match_ipv4(const struct nc_addr *host, const char *tok,
                          size_t len)
{
    char check[NP_IP_TOKEN_MAX];
    char *slash;
    unsigned bits = 0;

    if (len >= sizeof(check))
        return false;
    memcpy(check, tok, len);
    check[len] = '\0';
    slash = strchr(check, '/');
    if (slash != NULL) {
        bits = np_atoi_bits(slash + 1);
        *slash = '\0';
    }
    return np_cidr4(host, check, bits);
}

/* "example.com" matches example.com and www.example.com, never
 * nonexample.com; one trailing and one leading dot of the entry are
 * ignored. */
static bool np_match_name(const char *name, size_t namelen, const char *tok,
                          size_t len)
{
    if (len > 0 && tok[len - 1] == '.')
        len--;
    if (len > 0 && tok[0] == '.') {
        tok++;
        len--;
    }
    if (len == namelen)
        return nc_mem_caseeq(tok, name, namelen);
    if (len < namelen)
        return name[namelen - len - 1] == '.' &&
               nc_mem_caseeq(tok, name + namelen - len, len);
    return false;
}

static void np_set_entry(char *entry, size_t entrylen, const char *s, size_t n)
{
    if (entry == NULL || entrylen == 0)
        return;
    if (n >= entrylen)
        n = entrylen - 1;
    memcpy(entry, s, n);
    entry[n] = '\0';
}

bool proxy_noproxy_match(const char *list, const char *host, char *entry,
                         size_t entrylen)
{
    char v6[NC_ADDRSTRLEN + 1], canon[NC_ADDRSTRLEN];
    const char *name = host, *p;
    size_t namelen;
    struct nc_addr addr;
    bool ipv4 = false;

    np_set_entry(entry, entrylen, "", 0);
    if (host == NULL || *host == '\0' || list == NULL || *list == '\0')
        return false;
    if (strcmp(list, "*") == 0) {
        np_set_entry(entry, entrylen, "*", 1);
        return true;
    }
    namelen = strlen(host);
    if (host[0] == '[' && host[namelen - 1] == ']' &&
        namelen - 2 < sizeof(v6)) {
        memcpy(v6, host + 1, namelen - 2);
        v6[namelen - 2] = '\0';
        name = v6;
        namelen -= 2;
        if (namelen == 0)
            return false;
    }
    if (nc_addr_parse(name, &addr) == 0 && addr.family == 4) {
        ipv4 = true;
    } else if (nc_addr_parse(name, &addr) == 0) {
        /* curl's URL parser keeps the spelling unless inet_ntop's is
         * shorter ("0:0::1" becomes "::1", "::ffff:7f00:1" stays). */
        nc_addr_format(&addr, canon, sizeof(canon));
        if (strlen(canon) < namelen) {
            name = canon;
            namelen = strlen(canon);
        }
    } else if (name[namelen - 1] == '.') {
        namelen--;
    }
    p = list;
    while (*p != '\0') {
        const char *tok;
        size_t len;

        while (np_blank(*p) || *p == ',')
            p++;
        tok = p;
        while (*p != '\0' && !np_blank(*p) && *p != ',')
            p++;
        len = (size_t)(p - tok);
        if (len == 0)
            continue;
        if (ipv4 ? np_match_ipv4(&addr, tok, len)
                 : np_match_name(name, namelen, tok, len)) {
            np_set_entry(entry, entrylen, tok, len);
            return true;
        }
    }
    return false;
}

/* ---- warnings: what curl, Go and Python disagree on ---- */

enum np_kind {
    NP_KIND_BLANKS = 0,
    NP_KIND_URL,
    NP_KIND_STAR,
    NP_KIND_PORT,
    NP_KIND_WILDCARD,
    NP_KIND_LEADING_DOT,
    NP_KIND_V6_BRACKETS,
    NP_KIND_CIDR4,
    NP_KIND_CIDR4_ZERO,
    NP_KIND_CIDR6,
    NP_KIND_V6_SPELLING,
    NP_KIND_MAX
};

/* Each takes the quoted entry, " (and N more)" and the variable. */
static const char *const np_kind_text[NP_KIND_MAX] = {
    [NP_KIND_BLANKS] = "entry '%s'%s in %s holds blanks: curl splits it into "
                       "separate entries, Go and Python read one entry that "
                       "matches nothing; separate entries with commas",
    [NP_KIND_URL] = "entry '%s'%s in %s looks like a URL: NO_PROXY takes "
                    "host names, domains and addresses, and no tool matches "
                    "this one",
    [NP_KIND_STAR] = "entry '%s'%s in %s stands among other entries: curl "
                     "and Python match it against nothing (only a lone '*' "
                     "disables the proxy), Go bypasses the proxy for every "
                     "host",
    [NP_KIND_PORT] = "entry '%s'%s in %s has a port: curl never matches it "
                     "(ports are not supported), Go matches only that port, "
                     "Python only when the URL names that port",
    [NP_KIND_WILDCARD] = "entry '%s'%s in %s never matches in curl or Python "
                         "(only a lone '*' is a wildcard) but Go matches "
                         "every subdomain; write the domain without '*.' to "
                         "match it and its subdomains everywhere",
    [NP_KIND_LEADING_DOT] = "entry '%s'%s in %s also matches the domain "
                            "itself in curl and Python but only its "
                            "subdomains in Go; drop the leading dot to match "
                            "the domain everywhere",
    [NP_KIND_V6_BRACKETS] = "entry '%s'%s in %s never matches in curl or Go, "
                            "which want IPv6 addresses without brackets; "
                            "only Python matches it",
    [NP_KIND_CIDR4] = "entry '%s'%s in %s is a range: curl (7.86 and later) "
                      "and Go match IPv4 addresses in URLs against it, "
                      "Python never does, and no tool matches a host name "
                      "that resolves into it",
    [NP_KIND_CIDR4_ZERO] = "entry '%s'%s in %s is a /0 range: curl 7.88 "
                           "reads it as the single address, Go as every IPv4 "
                           "address, Python matches nothing",
    [NP_KIND_CIDR6] = "entry '%s'%s in %s is an IPv6 range: curl 7.88 "
                      "compares IPv6 hosts as text so it never matches, Go "
                      "matches addresses in it, Python never does",
    [NP_KIND_V6_SPELLING] = "entry '%s'%s in %s is not spelled the way curl "
                            "spells the address, and curl 7.88 compares IPv6 "
                            "hosts as text, so it may never match; Go "
                            "compares addresses",
};

struct np_seen {
    const char *first;
    size_t len;
    unsigned count;
};

static bool np_has_scheme(const char *e, size_t n)
{
    size_t i;

    for (i = 0; i + 3 <= n; i++) {
        if (e[i] == ':' && e[i + 1] == '/' && e[i + 2] == '/')
            return true;
    }
    return false;
}

/* A trimmed, comma-separated entry as Go and Python split the list. */
static enum np_kind np_classify(const char *e, size_t n, bool whole_star)
{
    char buf[NP_IP_TOKEN_MAX], canon[NC_ADDRSTRLEN];
    struct nc_addr a;
    const char *colon, *slash;
    size_t i;

    for (i = 0; i < n; i++) {
        if (np_blank(e[i]))
            return NP_KIND_BLANKS;
    }
    if (memchr(e, '@', n) != NULL || np_has_scheme(e, n))
        return NP_KIND_URL;
    if (n == 1 && e[0] == '*')
        return whole_star ? NP_KIND_MAX : NP_KIND_STAR;
    colon = memchr(e, ':', n);
    if (e[0] == '[') {
        const char *close = memchr(e, ']', n);

        if (close != NULL && close + 1 < e + n && close[1] == ':')
            return NP_KIND_PORT;
        return close == e + n - 1 ? NP_KIND_V6_BRACKETS : NP_KIND_MAX;
    }
    if (colon != NULL &&
        memchr(colon + 1, ':', n - (size_t)(colon - e) - 1) == NULL) {
        for (i = (size_t)(colon - e) + 1; i < n; i++) {
            if (e[i] < '0' || e[i] > '9')
                break;
        }
        if (i == n && i > (size_t)(colon - e) + 1)
            return NP_KIND_PORT;
    }
    if (n > 2 && e[0] == '*' && e[1] == '.')
        return NP_KIND_WILDCARD;
    if (n > 1 && e[0] == '.')
        return NP_KIND_LEADING_DOT;
    if (n >= sizeof(buf))
        return NP_KIND_MAX;
    memcpy(buf, e, n);
    buf[n] = '\0';
    slash = strchr(buf, '/');
    if (slash != NULL) {
        buf[slash - buf] = '\0';
        if (nc_addr_parse(buf, &a) != 0)
            return NP_KIND_MAX;
        if (a.family == 6)
            return NP_KIND_CIDR6;
        return np_atoi_bits(slash + 1) == 0 ? NP_KIND_CIDR4_ZERO
                                            : NP_KIND_CIDR4;
    }
    if (nc_addr_parse(buf, &a) == 0 && a.family == 6) {
        nc_addr_format(&a, canon, sizeof(canon));
        if (nc_strcasecmp(canon, buf) != 0)
            return NP_KIND_V6_SPELLING;
    }
    return NP_KIND_MAX;
}

/* Quote an entry, but never what precedes an '@' (a pasted proxy URL
 * with its password). */
static void np_show(const char *e, size_t n, char *buf, size_t buflen)
{
    const char *at = NULL;
    size_t i;

    for (i = 0; i < n; i++) {
        if (e[i] == '@')
            at = e + i;
    }
    if (at != NULL) {
        n -= (size_t)(at + 1 - e);
        (void)nc_snprintf(buf, buflen, "...@%.*s",
                          (int)(n < NP_SHOW ? n : NP_SHOW), at + 1);
        return;
    }
    (void)nc_snprintf(buf, buflen, "%.*s", (int)(n < NP_SHOW ? n : NP_SHOW), e);
}

void proxy_noproxy_warn(const char *var, const char *list,
                        struct proxy_warnings *w)
{
    struct np_seen seen[NP_KIND_MAX];
    bool whole_star;
    const char *p;
    size_t k;

    if (var == NULL || list == NULL || w == NULL)
        return;
    memset(seen, 0, sizeof(seen));
    whole_star = strcmp(list, "*") == 0;
    for (p = list; *p != '\0';) {
        const char *e = p, *end;
        enum np_kind kind;

        p += strcspn(p, ",");
        end = p;
        if (*p == ',')
            p++;
        while (e < end && (np_blank(*e) || *e == '\n' || *e == '\r'))
            e++;
        while (end > e &&
               (np_blank(end[-1]) || end[-1] == '\n' || end[-1] == '\r'))
            end--;
        if (e == end)
            continue;
        kind = np_classify(e, (size_t)(end - e), whole_star);
        if (kind == NP_KIND_MAX)
            continue;
        if (seen[kind].count++ == 0) {
            seen[kind].first = e;
            seen[kind].len = (size_t)(end - e);
        }
    }
    for (k = 0; k < NP_KIND_MAX; k++) {
        char shown[NP_SHOW + 8], more[32] = "";

        if (seen[k].count == 0)
            continue;
        np_show(seen[k].first, seen[k].len, shown, sizeof(shown));
        if (seen[k].count > 1)
            (void)nc_snprintf(more, sizeof(more), " (and %u more)",
                              seen[k].count - 1);
            /* The format comes from the table above, never from input. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        proxy_warn(w, np_kind_text[k], shown, more, var);
#pragma GCC diagnostic pop
    }
}
