#include "url.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "cidr.h"
#include "nc.h"
#include "str.h"

UNITTEST unsigned url_default_port(const char *scheme);

#define URL_LABEL_MAX 63 /* RFC 1035 §2.3.4 */

static int url_fail(char *why, size_t whylen, const char *fmt, ...)
    NC_PRINTF(3, 4);

static int url_fail(char *why, size_t whylen, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (why != NULL && whylen > 0)
        (void)vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
    return NC_EPARSE;
}

static bool url_is_hostchar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

UNITTEST unsigned url_default_port(const char *scheme)
{
    if (strcmp(scheme, "http") == 0)
        return 80;
    if (strcmp(scheme, "https") == 0)
        return 443;
    return 0;
}

int url_hostname_check(const char *s, char *out, size_t n, char *why,
                       size_t whylen)
{
    size_t len = strlen(s), i, label = 0;

    if (len == 0)
        return url_fail(why, whylen, "empty host");
    if (len > NC_URL_HOST_MAX || len >= n)
        return url_fail(why, whylen, "host longer than %d bytes",
                        NC_URL_HOST_MAX);
    for (i = 0; i < len; i++) {
        /* The analyzer loses track of the bytes url_parse_authority copied
         * into s (a memcpy then a terminator): they are initialized. */
        /* NOLINTNEXTLINE(clang-analyzer-core.uninitialized.Assign) */
        char c = s[i];

        if (c == '*') {
            return url_fail(why, whylen,
                            "wildcard host: use rule = *.domain with a "
                            "sample host in url");
        }
        if (!url_is_hostchar(c)) {
            if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f)
                return url_fail(why, whylen, "invalid byte in host");
            return url_fail(why, whylen, "invalid character '%c' in host", c);
        }
        if (c == '.') {
            if (label == 0)
                return url_fail(why, whylen, "empty label in host");
            label = 0;
        } else if (++label > URL_LABEL_MAX) {
            return url_fail(why, whylen, "host label longer than %d bytes",
                            URL_LABEL_MAX);
        }
    }
    if (label == 0)
        return url_fail(why, whylen, "empty label in host");
    for (i = 0; i <= len; i++)
        /* NOLINTNEXTLINE(clang-analyzer-core.CallAndMessage): as above */
        out[i] = (char)nc_tolower((unsigned char)s[i]);
    return 0;
}

bool url_host_in_domain(const char *host, const char *domain)
{
    size_t lh = strlen(host), ld = strlen(domain);

    if (ld == 0 || lh <= ld + 1)
        return false;
    return host[lh - ld - 1] == '.' && strcmp(host + lh - ld, domain) == 0;
}

/* Scheme up to "://", case-insensitively; writes u->scheme. */
static int url_parse_scheme(const char **sp, struct nc_url *u, char *why,
                            size_t whylen)
{
    const char *s = *sp, *sep = strstr(s, "://");
    size_t n, i;

    if (sep == NULL)
        return url_fail(why, whylen,
                        "missing scheme: want http:// or "
                        "https://");
    n = (size_t)(sep - s);
    if (n >= sizeof(u->scheme))
        return url_fail(why, whylen,
                        "unsupported scheme: want http or "
                        "https");
    for (i = 0; i < n; i++)
        u->scheme[i] = (char)nc_tolower((unsigned char)s[i]);
    u->scheme[n] = '\0';
    if (url_default_port(u->scheme) == 0) {
        return url_fail(why, whylen,
                        "unsupported scheme '%s': want http "
                        "or https",
                        u->scheme);
    }
    *sp = sep + 3;
    return 0;
}

/* host, "[v6]" and optional ":port" within [s, end). */
static int url_parse_authority(const char *s, const char *end, struct nc_url *u,
                               char *why, size_t whylen)
{
    char host[NC_URL_HOST_MAX + 2];
    const char *hend, *port = NULL;
    size_t n;

    if (s >= end) /* said before any length is taken from end - s */
        return url_fail(why, whylen, "empty host");
    if (memchr(s, '@', (size_t)(end - s)) != NULL)
        return url_fail(why, whylen, "user info ('user@') not allowed");
    if (*s == '[') {
        struct nc_addr a;

        hend = memchr(s, ']', (size_t)(end - s));
        if (hend == NULL)
            return url_fail(why, whylen, "missing ']' after IPv6 address");
        n = (size_t)(hend - s - 1);
        if (n == 0 || n >= sizeof(host))
            return url_fail(why, whylen, "invalid IPv6 address");
        memcpy(host, s + 1, n);
        host[n] = '\0';
        if (nc_addr_parse(host, &a) != 0 || a.family != 6)
            return url_fail(why, whylen, "invalid IPv6 address '%s'", host);
        nc_addr_format(&a, u->host, sizeof(u->host));
        u->ipv6_literal = true;
        hend++;
        if (hend < end && *hend != ':')
            return url_fail(why, whylen, "unexpected text after ']'");
    } else {
        hend = memchr(s, ':', (size_t)(end - s));
        if (hend == NULL)
            hend = end;
        n = (size_t)(hend - s);
        if (n == 0)
            return url_fail(why, whylen, "empty host");
        if (n >= sizeof(host))
            return url_fail(why, whylen, "host longer than %d bytes",
                            NC_URL_HOST_MAX);
        memcpy(host, s, n);
        host[n] = '\0';
        if (url_hostname_check(host, u->host, sizeof(u->host), why, whylen) !=
            0)
            return NC_EPARSE;
    }
    u->port = url_default_port(u->scheme);
    if (hend < end) {
        char num[8];
        unsigned long v;

        port = hend + 1;
        n = (size_t)(end - port);
        if (n == 0)
            return url_fail(why, whylen, "empty port");
        if (n >= sizeof(num))
            return url_fail(why, whylen, "port out of range (1-65535)");
        memcpy(num, port, n);
        num[n] = '\0';
        switch (nc_parse_uint(num, 1, 65535, &v)) {
        case 0:
            break;
        case NC_ELIMIT:
            return url_fail(why, whylen, "port out of range (1-65535)");
        default:
            return url_fail(why, whylen, "invalid port '%s'", num);
        }
        u->port = (unsigned)v;
    }
    return 0;
}

/* The host as libcurl reads it, into u->host. An IPv4 address in one of
 * inet_aton's legacy forms ("0x7f.1", "1.2.3", "010.0.0.1") becomes the
 * dotted quad libcurl connects to: netcheck checks what the agent's HTTP
 * stack will reach, and a report naming "0x7f.1" while the connection
 * goes to 127.0.0.1 would hide the trap. Labels that all look numeric but
 * are no address even to libcurl ("256.1.1.1", "1.2.3.4.5") are refused:
 * no resolver would find such a name. */
static int url_curl_host(const char *host, struct nc_url *u, char *why,
                         size_t whylen)
{
    char low[NC_URL_HOST_MAX + 3];
    struct nc_addr a;
    size_t n = strlen(host), i;

    if (n >= sizeof(low))
        return url_fail(why, whylen, "host longer than %d bytes",
                        NC_URL_HOST_MAX);
    for (i = 0; i <= n; i++)
        low[i] = (char)nc_tolower((unsigned char)host[i]);
    if (u->ipv6_literal) {
        /* "[v6]": the same address netcheck read, in inet_ntop's form */
        if (n < 2 || low[0] != '[' || low[n - 1] != ']')
            return url_fail(why, whylen, "invalid IPv6 address");
        low[n - 1] = '\0';
        if (nc_addr_parse(low + 1, &a) != 0 || a.family != 6)
            return url_fail(why, whylen, "invalid IPv6 address '%s'", low + 1);
        nc_addr_format(&a, u->host, sizeof(u->host));
        return 0;
    }
    if (nc_addr_parse(low, &a) == 0 && a.family == 4) {
        nc_addr_format(&a, u->host, sizeof(u->host));
        return 0;
    }
    if (nc_addr_numeric_form(low))
        return url_fail(why, whylen, "invalid IPv4 address '%s'", low);
    return url_hostname_check(low, u->host, sizeof(u->host), why, whylen);
}

/* libcurl's reading (RFC 3986 as curl 7.88 implements it) of a URL that
 * netcheck's own rules accepted: the host it connects to, the port, and
 * the path and query it requests (dot segments removed, as curl sends
 * them). netcheck's rules stay in front for their precise messages. */
static int url_curl_read(const char *s, struct nc_url *u, char *why,
                         size_t whylen)
{
    char *host = NULL, *port = NULL, *path = NULL, *query = NULL;
    CURLU *h = curl_url();
    unsigned long v;
    CURLUcode rc;
    int r = NC_EPARSE;

    if (h == NULL) {
        (void)url_fail(why, whylen, "out of memory");
        return NC_ENOMEM;
    }
    rc = curl_url_set(h, CURLUPART_URL, s, 0);
    if (rc == CURLUE_OK)
        rc = curl_url_get(h, CURLUPART_HOST, &host, 0);
    if (rc == CURLUE_OK)
        rc = curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
    if (rc == CURLUE_OK)
        rc = curl_url_get(h, CURLUPART_PATH, &path, 0);
    if (rc == CURLUE_OK) {
        rc = curl_url_get(h, CURLUPART_QUERY, &query, 0);
        if (rc == CURLUE_NO_QUERY)
            rc = CURLUE_OK;
    }
    if (rc == CURLUE_OUT_OF_MEMORY) {
        (void)url_fail(why, whylen, "out of memory");
        r = NC_ENOMEM;
        goto out;
    }
    if (rc != CURLUE_OK) {
        (void)url_fail(why, whylen, "libcurl rejects the url: %s",
                       curl_url_strerror(rc));
        goto out;
    }
    if (url_curl_host(host, u, why, whylen) != 0)
        goto out;
    if (nc_parse_uint(port, 1, 65535, &v) != 0) {
        (void)url_fail(why, whylen, "port out of range (1-65535)");
        goto out;
    }
    u->port = (unsigned)v;
    if (nc_snprintf(u->path, sizeof(u->path), "%s%s%s", path,
                    query != NULL ? "?" : "",
                    query != NULL ? query : "") != 0) {
        (void)url_fail(why, whylen, "path longer than %d bytes",
                       NC_URL_PATH_MAX);
        goto out;
    }
    r = 0;
out:
    curl_free(host);
    curl_free(port);
    curl_free(path);
    curl_free(query);
    curl_url_cleanup(h);
    return r;
}

int url_parse(const char *s, struct nc_url *out, char *why, size_t whylen)
{
    struct nc_url u;
    const char *p, *auth_end;
    size_t i, n;
    int r;

    if (s == NULL || *s == '\0')
        return url_fail(why, whylen, "empty url");
    for (i = 0; s[i] != '\0'; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c <= 0x20 || c == 0x7f)
            return url_fail(why, whylen,
                            "white space or control character in url");
        if (c >= 0x80)
            return url_fail(why, whylen,
                            "non-ASCII byte in url: "
                            "percent-encode it");
    }
    memset(&u, 0, sizeof(u));
    p = s;
    if (url_parse_scheme(&p, &u, why, whylen) != 0)
        return NC_EPARSE;
    auth_end = p + strcspn(p, "/?#");
    if (url_parse_authority(p, auth_end, &u, why, whylen) != 0)
        return NC_EPARSE;
    p = auth_end;
    if (strchr(p, '#') != NULL)
        return url_fail(why, whylen, "fragment ('#') not allowed");
    n = strlen(p);
    if (*p != '/')
        n++; /* libcurl adds the leading '/' */
    if (n > NC_URL_PATH_MAX)
        return url_fail(why, whylen, "path longer than %d bytes",
                        NC_URL_PATH_MAX);
    r = url_curl_read(s, &u, why, whylen);
    if (r != 0)
        return r;
    *out = u;
    return 0;
}

int url_format(const struct nc_url *u, char *buf, size_t n)
{
    char port[8] = "";

    if (u->port != url_default_port(u->scheme))
        (void)snprintf(port, sizeof(port), ":%u", u->port);
    if (u->ipv6_literal)
        return nc_snprintf(buf, n, "%s://[%s]%s%s", u->scheme, u->host, port,
                           u->path);
    return nc_snprintf(buf, n, "%s://%s%s%s", u->scheme, u->host, port,
                       u->path);
}
