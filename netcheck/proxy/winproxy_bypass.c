/* The Windows bypass list (ProxyOverride, the blob's bypass string), read
 * the way .NET Framework reads it (WebProxyDataBuilder.ParseBypassList and
 * BypassStringEscape, WebProxy.IsMatchInBypassList): each entry becomes the
 * anchored, case-insensitive regex ^scheme host port$ over the text
 * "scheme://host[:port]", where '*' is ".*", every other character is
 * literal, and a missing scheme or port is optional ("(?:.*://)?",
 * "(?::[0-9]{1,5})?"). An entry that does not split as
 * [scheme://]host[:port] is all host. This is not curl's NO_PROXY: no
 * suffix matching ("corp.com" is not "www.corp.com"), no CIDR. */
#include <string.h>

#include "nc.h"
#include "str.h"
#include "winproxy.h"

#define BYPASS_SUBJECT_MAX 400

bool winproxy_glob(const char *pat, size_t plen, const char *text, size_t tlen)
{
    size_t p = 0, t = 0, star_p = (size_t)-1, star_t = 0;

    /* Linear-backtracking glob: on a mismatch, let the last '*' take one
     * more character. O(plen * tlen) at worst. */
    while (t < tlen) {
        if (p < plen && pat[p] == '*') {
            star_p = p++;
            star_t = t;
        } else if (p < plen && nc_tolower((unsigned char)pat[p]) ==
                                   nc_tolower((unsigned char)text[t])) {
            p++;
            t++;
        } else if (star_p != (size_t)-1) {
            p = star_p + 1;
            t = ++star_t;
        } else {
            return false;
        }
    }
    while (p < plen && pat[p] == '*')
        p++;
    return p == plen;
}

/* An entry split as BypassStringEscape splits it. */
struct bypass_parts {
    const char *scheme; /* with its "://", or NULL: optional */
    size_t scheme_len;
    const char *host;
    size_t host_len;
    const char *port; /* with its ':', or NULL: optional */
    size_t port_len;
};

static bool bypass_hostport(const char *s, size_t n, struct bypass_parts *p)
{
    const char *colon = memchr(s, ':', n);
    size_t i;

    p->host = s;
    p->host_len = n;
    if (colon == NULL)
        return true;
    p->host_len = (size_t)(colon - s);
    p->port = colon;
    p->port_len = n - p->host_len;
    if (p->port_len < 2 || p->port_len > 6)
        return false;
    for (i = 1; i < p->port_len; i++)
        if (colon[i] < '0' || colon[i] > '9')
            return false;
    return true;
}

static void bypass_split(const char *s, size_t n, struct bypass_parts *p)
{
    const char *last = NULL, *q;

    memset(p, 0, sizeof(*p));
    /* Greedy ".*://": only the last "://" can leave a host[:port]. */
    for (q = s; q + 3 <= s + n; q++)
        if (memcmp(q, "://", 3) == 0)
            last = q;
    if (last != NULL) {
        p->scheme = s;
        p->scheme_len = (size_t)(last + 3 - s);
        if (bypass_hostport(last + 3, n - p->scheme_len, p))
            return;
    } else if (bypass_hostport(s, n, p)) {
        return;
    }
    memset(p, 0, sizeof(*p));
    p->host = s;
    p->host_len = n;
}

/* Does the suffix of t from j on match the port part? */
static bool bypass_port_ok(const struct bypass_parts *p, const char *t,
                           size_t tlen, size_t j)
{
    size_t i;

    if (p->port != NULL)
        return tlen - j == p->port_len && memcmp(t + j, p->port, tlen - j) == 0;
    if (j == tlen)
        return true;
    if (t[j] != ':' || tlen - j < 2 || tlen - j > 6)
        return false;
    for (i = j + 1; i < tlen; i++)
        if (t[i] < '0' || t[i] > '9')
            return false;
    return true;
}

static bool bypass_scheme_ok(const struct bypass_parts *p, const char *t,
                             size_t i)
{
    if (p->scheme != NULL)
        return winproxy_glob(p->scheme, p->scheme_len, t, i);
    return i == 0 || (i >= 3 && memcmp(t + i - 3, "://", 3) == 0);
}

/* ^S H P$ over t: some split t = s h p with each part matching. s is ""
 * or ends in "://" (a scheme part always does), and p is "" or the one
 * ":digits" suffix, so only a few splits are tried. */
static bool bypass_entry_match(const char *e, size_t n, const char *t,
                               size_t tlen)
{
    struct bypass_parts p;
    size_t i, k, js[2], nj = 0;
    const char *colon;

    bypass_split(e, n, &p);
    js[nj++] = tlen;
    colon = NULL;
    for (k = tlen; k > 0; k--)
        if (t[k - 1] == ':') {
            colon = t + k - 1;
            break;
        }
    if (colon != NULL)
        js[nj++] = (size_t)(colon - t);
    for (i = 0; i <= tlen; i++) {
        if (!(i == 0 && p.scheme == NULL) &&
            !(i >= 3 && memcmp(t + i - 3, "://", 3) == 0))
            continue;
        if (!bypass_scheme_ok(&p, t, i))
            continue;
        for (k = 0; k < nj; k++) {
            if (js[k] < i || !bypass_port_ok(&p, t, tlen, js[k]))
                continue;
            if (winproxy_glob(p.host, p.host_len, t + i, js[k] - i))
                return true;
        }
    }
    return false;
}

static bool bypass_is_sep(char c, enum winproxy_dialect d)
{
    return c == ';' || (d == WINPROXY_WININET &&
                        (c == ' ' || c == '\t' || c == '\r' || c == '\n'));
}

static unsigned bypass_default_port(const char *scheme)
{
    return strcmp(scheme, "https") == 0 ? 443 : 80;
}

bool winproxy_bypass_match(const char *list, enum winproxy_dialect d,
                           const char *scheme, const char *host, unsigned port,
                           char *entry, size_t entrylen)
{
    char subject[BYPASS_SUBJECT_MAX];
    const char *s = list, *end = list + strlen(list);
    bool v6 = strchr(host, ':') != NULL;

    if (entry != NULL && entrylen > 0)
        entry[0] = '\0';
    if (port == 0 || port == bypass_default_port(scheme))
        (void)nc_snprintf(subject, sizeof(subject),
                          v6 ? "%s://[%s]" : "%s://%s", scheme, host);
    else
        (void)nc_snprintf(subject, sizeof(subject),
                          v6 ? "%s://[%s]:%u" : "%s://%s:%u", scheme, host,
                          port);
    while (s < end) {
        const char *e = s;
        size_t n;

        while (e < end && !bypass_is_sep(*e, d))
            e++;
        n = (size_t)(e - s);
        while (n > 0 && (*s == ' ' || *s == '\t')) {
            s++;
            n--;
        }
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        if (n == 7 && nc_mem_caseeq(s, "<local>", 7)) {
            if (strchr(host, '.') == NULL && !(d == WINPROXY_NETFX && v6))
                goto hit;
        } else if (n > 0 &&
                   bypass_entry_match(s, n, subject, strlen(subject))) {
            goto hit;
        }
        s = e + (e < end);
        continue;
    hit:
        if (entry != NULL && entrylen > 0) {
            size_t k = n < entrylen - 1 ? n : entrylen - 1;

            memcpy(entry, s, k);
            entry[k] = '\0';
        }
        return true;
    }
    return false;
}
