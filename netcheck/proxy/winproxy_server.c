/* The ProxyServer grammar. .NET Framework (WebProxyDataBuilder.
 * SetProxyAndBypassList): a string without '=' is one proxy for every
 * scheme; otherwise ';'-separated "scheme=proxy" pairs, empty pairs
 * skipped, anything else a FormatException (no proxy at all); a proxy
 * without "://" gets "http://", and a port-less one the scheme's default
 * (System.Uri: 80 for http). The URL's scheme picks its pair; none means
 * direct (WebProxy.IsLocalInProxyHash). WinHTTP's documentation
 * (WINHTTP_PROXY_INFO) gives the other reading: entries separated by ';'
 * or white space, each ([<scheme>=][<scheme>"://"]<server>[":"<port>]). */
#include <string.h>

#include "nc.h"
#include "str.h"
#include "winproxy.h"

static unsigned server_default_port(const char *scheme)
{
    if (strcmp(scheme, "https") == 0)
        return 443;
    if (strncmp(scheme, "socks", 5) == 0)
        return 1080;
    return 80;
}

/* One proxy, "[scheme://][user[:pass]@]host[:port][/]", len bytes at s;
 * user information is dropped. */
static int server_addr(const char *s, size_t len, const char *def_scheme,
                       struct winproxy_server *out, char *why, size_t whylen)
{
    const char *end = s + len, *p, *at, *h, *he;
    size_t i;

    memset(out, 0, sizeof(*out));
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    (void)nc_strlcpy(out->scheme, def_scheme, sizeof(out->scheme));
    for (p = s; p + 2 < end && p[0] != ':'; p++)
        ;
    if (p + 2 < end && memcmp(p, "://", 3) == 0) {
        if (p == s || (size_t)(p - s) >= sizeof(out->scheme)) {
            (void)nc_snprintf(why, whylen,
                              "a proxy scheme that is empty or "
                              "too long");
            return NC_EPARSE;
        }
        for (i = 0; s + i < p; i++) {
            unsigned char c = (unsigned char)nc_tolower((unsigned char)s[i]);

            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '+' || c == '-' || c == '.')) {
                (void)nc_snprintf(why, whylen,
                                  "a proxy scheme that is not "
                                  "letters and digits");
                return NC_EPARSE;
            }
            out->scheme[i] = (char)c;
        }
        out->scheme[i] = '\0';
        s = p + 3;
    }
    if (end > s && end[-1] == '/')
        end--;
    for (at = NULL, p = s; p < end; p++)
        if (*p == '@')
            at = p;
    if (at != NULL)
        s = at + 1;
    h = s;
    if (s < end && *s == '[') {
        he = memchr(s, ']', (size_t)(end - s));
        if (he == NULL) {
            (void)nc_snprintf(why, whylen, "an IPv6 proxy without ']'");
            return NC_EPARSE;
        }
        h = s + 1;
        p = he + 1;
    } else {
        for (p = s; p < end && *p != ':'; p++)
            ;
        he = p;
    }
    if (he == h || (size_t)(he - h) >= sizeof(out->host)) {
        (void)nc_snprintf(why, whylen, "a proxy without a host name");
        return NC_EPARSE;
    }
    for (i = 0; h + i < he; i++) {
        unsigned char c = (unsigned char)h[i];

        if (c <= 0x20 || c > 0x7e || c == '/' || c == ';' || c == '=') {
            (void)nc_snprintf(why, whylen, "a proxy host with '%c' in it",
                              c > 0x20 && c <= 0x7e ? (char)c : '?');
            return NC_EPARSE;
        }
        out->host[i] = (char)nc_tolower(c);
    }
    out->host[i] = '\0';
    out->port = server_default_port(out->scheme);
    if (p < end) {
        unsigned long port = 0;

        if (*p != ':' || p + 1 == end || end - p > 6) {
            (void)nc_snprintf(why, whylen,
                              "a proxy port that is not a number"
                              " from 1 to 65535");
            return NC_EPARSE;
        }
        for (p++; p < end; p++) {
            if (*p < '0' || *p > '9') {
                (void)nc_snprintf(why, whylen,
                                  "a proxy port that is not a "
                                  "number from 1 to 65535");
                return NC_EPARSE;
            }
            port = port * 10 + (unsigned long)(*p - '0');
        }
        if (port == 0 || port > 65535) {
            (void)nc_snprintf(why, whylen,
                              "a proxy port that is not a number "
                              "from 1 to 65535");
            return NC_EPARSE;
        }
        out->port = (unsigned)port;
        out->had_port = true;
    }
    out->set = true;
    (void)nc_snprintf(out->display, sizeof(out->display),
                      strchr(out->host, ':') ? "%s://[%s]:%u" : "%s://%s:%u",
                      out->scheme, out->host, out->port);
    return 0;
}

static bool server_is_sep(char c, enum winproxy_dialect d)
{
    return c == ';' || (d == WINPROXY_WININET && (c == ' ' || c == '\t'));
}

/* One "scheme=proxy" or "proxy" entry. */
struct server_entry {
    const char *key; /* NULL: no "scheme=" */
    size_t keylen;
    const char *val;
    size_t vallen;
};

static int server_entry_split(const char *s, size_t n, struct server_entry *e,
                              char *why, size_t whylen)
{
    const char *eq = memchr(s, '=', n);

    memset(e, 0, sizeof(*e));
    e->val = s;
    e->vallen = n;
    if (eq == NULL)
        return 0;
    if (memchr(eq + 1, '=', n - (size_t)(eq + 1 - s)) != NULL) {
        (void)nc_snprintf(why, whylen, "an entry with two '='");
        return NC_EPARSE;
    }
    e->key = s;
    e->keylen = (size_t)(eq - s);
    e->val = eq + 1;
    e->vallen = n - e->keylen - 1;
    while (e->keylen > 0 && (*e->key == ' ' || *e->key == '\t')) {
        e->key++;
        e->keylen--;
    }
    while (e->keylen > 0 &&
           (e->key[e->keylen - 1] == ' ' || e->key[e->keylen - 1] == '\t'))
        e->keylen--;
    return 0;
}

static bool server_blank(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

int winproxy_server_pick(const char *list, enum winproxy_dialect d,
                         const char *url_scheme, struct winproxy_server *out,
                         char *why, size_t whylen)
{
    const char *s = list, *end = list + strlen(list);
    struct winproxy_server best, any, socks;
    bool per_scheme = strchr(list, '=') != NULL, have_best = false,
         have_any = false, have_socks = false;
    int r;

    memset(&best, 0, sizeof(best));
    memset(&any, 0, sizeof(any));
    memset(&socks, 0, sizeof(socks));
    if (d == WINPROXY_NETFX && !per_scheme) {
        if (server_blank(list, strlen(list))) {
            memset(out, 0, sizeof(*out));
            return 0;
        }
        r = server_addr(list, strlen(list), "http", &best, why, whylen);
        if (r < 0)
            return r;
        *out = best;
        return 0;
    }
    while (s < end) {
        const char *e = s;
        struct server_entry en;
        struct winproxy_server sv;

        while (e < end && !server_is_sep(*e, d))
            e++;
        if (server_blank(s, (size_t)(e - s))) {
            s = e + (e < end);
            continue;
        }
        r = server_entry_split(s, (size_t)(e - s), &en, why, whylen);
        if (r == 0 && d == WINPROXY_NETFX &&
            (en.key == NULL || en.keylen == 0 ||
             server_blank(en.val, en.vallen))) {
            (void)nc_snprintf(why, whylen,
                              "an entry that is not "
                              "scheme=host:port");
            r = NC_EPARSE;
        }
        if (r == 0)
            r = server_addr(en.val, en.vallen, "http", &sv, why, whylen);
        if (r < 0) {
            if (d == WINPROXY_NETFX)
                return r;
            s = e + (e < end);
            continue; /* WinHTTP's reading: skip what it cannot use */
        }
        if (en.key == NULL) {
            if (!have_any)
                any = sv;
            have_any = true;
        } else if (en.keylen == strlen(url_scheme) &&
                   nc_mem_caseeq(en.key, url_scheme, en.keylen)) {
            /* .NET's Hashtable: the last wins; WinINet: the first. */
            if (d == WINPROXY_NETFX || !have_best) {
                best = sv;
                (void)nc_snprintf(best.entry, sizeof(best.entry),
                                  "%s=", url_scheme);
            }
            have_best = true;
        } else if (en.keylen == 5 && nc_mem_caseeq(en.key, "socks", 5)) {
            if (!have_socks) {
                socks = sv;
                (void)nc_strlcpy(socks.scheme, "socks", sizeof(socks.scheme));
                if (!socks.had_port)
                    socks.port = 1080;
                (void)nc_snprintf(socks.display, sizeof(socks.display),
                                  strchr(socks.host, ':') ? "socks://[%s]:%u"
                                                          : "socks://%s:%u",
                                  socks.host, socks.port);
                (void)nc_strlcpy(socks.entry, "socks=", sizeof(socks.entry));
            }
            have_socks = true;
        }
        s = e + (e < end);
    }
    if (!have_best && have_any)
        best = any;
    else if (!have_best && have_socks && d == WINPROXY_WININET)
        best = socks;
    *out = best;
    return 0;
}
