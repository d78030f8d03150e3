/* Proxy URLs the way curl reads them (its URL API decides the host and
 * port), which variable a curl-based client takes for a URL, and warnings
 * about the environment's proxy traps. No I/O. The NO_PROXY matcher is in
 * proxy_noproxy.c. */
#include "proxy.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "cidr.h"
#include "nc.h"
#include "str.h"

UNITTEST const char *proxy_scheme_name(enum proxy_scheme s);

#define PROXY_URL_MAX    2048u /* longer input is rejected, not truncated */
#define PROXY_SCHEME_LEN 16u
#define PROXY_HOST_MAX   253u /* RFC 1035 §2.3.4, without a trailing dot */
#define PROXY_LABEL_MAX  63u
#define PROXY_SHOW       48 /* bytes of a bad host, port or path quoted */

static const char *const proxy_scheme_names[PROXY_SCHEME_MAX] = {
    [PROXY_SCHEME_HTTP] = "http",     [PROXY_SCHEME_HTTPS] = "https",
    [PROXY_SCHEME_SOCKS4] = "socks4", [PROXY_SCHEME_SOCKS4A] = "socks4a",
    [PROXY_SCHEME_SOCKS5] = "socks5", [PROXY_SCHEME_SOCKS5H] = "socks5h",
};

UNITTEST const char *proxy_scheme_name(enum proxy_scheme s)
{
    if ((unsigned)s >= PROXY_SCHEME_MAX)
        return "?";
    return proxy_scheme_names[s];
}

/* curl's defaults: 1080 for http:// and a bare "host" (CURLOPT_PROXYPORT's
 * documented default), 443 for https://, 1080 for SOCKS. */
static unsigned proxy_default_port(enum proxy_scheme s)
{
    return s == PROXY_SCHEME_HTTPS ? 443u : 1080u;
}

static void proxy_why(char *why, size_t whylen, const char *fmt, ...)
    NC_PRINTF(3, 4);

static void proxy_why(char *why, size_t whylen, const char *fmt, ...)
{
    va_list ap;

    if (why == NULL || whylen == 0)
        return;
    va_start(ap, fmt);
    (void)vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
}

/* How much of a bad host, port or path a message quotes. */
static int proxy_show_len(size_t n)
{
    return n < PROXY_SHOW ? (int)n : PROXY_SHOW;
}

static bool proxy_is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool proxy_is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Scheme text before "://" (RFC 3986 §3.1 syntax), case-insensitive. It
 * is quoted in messages only when it has that syntax, so a mistyped
 * "user:pass://" never reaches an error message. */
static int proxy_scheme_parse(const char *s, size_t n, enum proxy_scheme *out,
                              char *why, size_t whylen)
{
    char name[PROXY_SCHEME_LEN + 1];
    size_t i;

    if (n == 0 || n > PROXY_SCHEME_LEN || !proxy_is_alpha((unsigned char)*s)) {
        proxy_why(why, whylen, "malformed scheme before '://'");
        return NC_EPARSE;
    }
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (!proxy_is_alpha(c) && !proxy_is_digit(c) && c != '+' && c != '-' &&
            c != '.') {
            proxy_why(why, whylen, "malformed scheme before '://'");
            return NC_EPARSE;
        }
        name[i] = (char)nc_tolower(c);
    }
    name[n] = '\0';
    for (i = 0; i < PROXY_SCHEME_MAX; i++) {
        if (strcmp(name, proxy_scheme_names[i]) == 0) {
            *out = (enum proxy_scheme)i;
            return 0;
        }
    }
    proxy_why(why, whylen,
              "unknown proxy scheme '%s' (curl takes http, https, socks4, "
              "socks4a, socks5 and socks5h)",
              name);
    return NC_EPARSE;
}

/* Percent-decode a user name or password into dst[256]; what is wrong is
 * said without quoting the secret. */
static int proxy_decode(const char *s, size_t n, char *dst, size_t dstlen,
                        const char *what, char *why, size_t whylen)
{
    size_t i, o = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '%') {
            if (i + 2 >= n || nc_hexval((unsigned char)s[i + 1]) < 0 ||
                nc_hexval((unsigned char)s[i + 2]) < 0) {
                proxy_why(why, whylen, "bad percent-encoding in the proxy %s",
                          what);
                return NC_EPARSE;
            }
            c = (unsigned char)(nc_hexval((unsigned char)s[i + 1]) * 16 +
                                nc_hexval((unsigned char)s[i + 2]));
            if (c == '\0') {
                proxy_why(why, whylen, "the proxy %s contains %%00", what);
                return NC_EPARSE;
            }
            i += 2;
        }
        if (o + 1 >= dstlen) {
            proxy_why(why, whylen, "the proxy %s is longer than %zu bytes",
                      what, dstlen - 1);
            return NC_EPARSE;
        }
        dst[o++] = (char)c;
    }
    dst[o] = '\0';
    return 0;
}

/* A host name or IPv4 address, lowercased into u->host; libcurl has the
 * last word on numbers (proxy_curl_read). */
static int proxy_host_name(const char *h, size_t n, struct proxy_url *u,
                           char *why, size_t whylen)
{
    size_t i, label = 0, len = n;

    if (len > 0 && h[len - 1] == '.')
        len--; /* one trailing dot: a fully qualified name */
    if (len == 0 || len > PROXY_HOST_MAX) {
        proxy_why(why, whylen, "proxy host name is %s",
                  len == 0 ? "empty" : "longer than 253 bytes");
        return NC_EPARSE;
    }
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];

        if (c >= 0x80) {
            proxy_why(why, whylen,
                      "non-ASCII proxy host name: write its xn-- form");
            return NC_EPARSE;
        }
        if (c == '.') {
            if (label == 0) {
                proxy_why(why, whylen, "empty label in proxy host '%.*s'",
                          proxy_show_len(n), h);
                return NC_EPARSE;
            }
            label = 0;
        } else if (proxy_is_alpha(c) || proxy_is_digit(c) || c == '-' ||
                   c == '_') {
            if (++label > PROXY_LABEL_MAX) {
                proxy_why(why, whylen,
                          "label longer than 63 bytes in proxy host '%.*s'",
                          proxy_show_len(n), h);
                return NC_EPARSE;
            }
        } else {
            proxy_why(why, whylen,
                      "invalid character '%c' in proxy host '%.*s'", (char)c,
                      proxy_show_len(n), h);
            return NC_EPARSE;
        }
        u->host[i] = (char)nc_tolower(c);
    }
    u->host[n] = '\0';
    return 0;
}

/* The port after ':' (colon + 1 .. end). */
static int proxy_port(const char *colon, const char *end, struct proxy_url *u,
                      char *why, size_t whylen)
{
    char num[8];
    size_t n = (size_t)(end - colon - 1);
    unsigned long port;

    if (n == 0) {
        proxy_why(why, whylen, "empty port after ':' in the proxy address");
        return NC_EPARSE;
    }
    num[0] = '\0';
    if (n < sizeof(num)) {
        memcpy(num, colon + 1, n);
        num[n] = '\0';
    }
    if (num[0] == '\0' || nc_parse_uint(num, 1, 65535, &port) != 0) {
        proxy_why(why, whylen,
                  "bad proxy port '%.*s' (a number from 1 to 65535)",
                  proxy_show_len(n), colon + 1);
        return NC_EPARSE;
    }
    u->port = (unsigned)port;
    u->had_port = true;
    return 0;
}

/* host[:port] of the authority, after any userinfo. Text quoted here comes
 * after the userinfo's '@', so it never holds the password. */
static int proxy_host_port(const char *h, const char *end, struct proxy_url *u,
                           char *why, size_t whylen)
{
    const char *colon;

    if (h == end) {
        proxy_why(why, whylen, "no host in the proxy URL");
        return NC_EPARSE;
    }
    if (*h == '[') {
        const char *close = memchr(h, ']', (size_t)(end - h));
        char v6[NC_ADDRSTRLEN + 1];
        struct nc_addr a;
        size_t n;

        if (close == NULL) {
            proxy_why(why, whylen, "unclosed '[' in the proxy address");
            return NC_EPARSE;
        }
        n = (size_t)(close - h - 1);
        if (n == 0 || n >= sizeof(v6)) {
            proxy_why(why, whylen, "'%.*s' is not an IPv6 address",
                      proxy_show_len((size_t)(close + 1 - h)), h);
            return NC_EPARSE;
        }
        memcpy(v6, h + 1, n);
        v6[n] = '\0';
        if (nc_addr_parse(v6, &a) != 0 || a.family != 6) {
            proxy_why(why, whylen, "'[%s]' is not an IPv6 address", v6);
            return NC_EPARSE;
        }
        nc_addr_format(&a, u->host, sizeof(u->host));
        colon = close + 1;
        if (colon != end && *colon != ':') {
            proxy_why(why, whylen, "unexpected text after ']' in '%.*s'",
                      proxy_show_len((size_t)(end - h)), h);
            return NC_EPARSE;
        }
        if (colon == end)
            colon = NULL;
    } else {
        colon = memchr(h, ':', (size_t)(end - h));
        if (colon != NULL &&
            memchr(colon + 1, ':', (size_t)(end - colon - 1))) {
            proxy_why(why, whylen,
                      "proxy address '%.*s' looks like IPv6: write it in "
                      "brackets, as in '[::1]:3128'",
                      proxy_show_len((size_t)(end - h)), h);
            return NC_EPARSE;
        }
        if (proxy_host_name(h, (size_t)((colon ? colon : end) - h), u, why,
                            whylen) != 0)
            return NC_EPARSE;
    }
    if (colon == NULL) {
        u->port = proxy_default_port(u->scheme);
        return 0;
    }
    return proxy_port(colon, end, u, why, whylen);
}

/* The host and port libcurl reads from the authority [h, end), the way
 * curl's own proxy parser does (CURLU with CURLU_NON_SUPPORT_SCHEME, as
 * socks* are no protocols of libcurl's). The user info never reaches
 * libcurl: CURLU frees its copy of a password without wiping it. An IPv4
 * address in one of inet_aton's legacy forms ("0x7f.1", "1.2.3",
 * "010.0.0.1") becomes the dotted quad curl connects to, so what netcheck
 * checks and reports is the proxy the agent really reaches; labels that
 * all look numeric but are no address even to libcurl are refused. Text
 * quoted here comes after the '@'. */
static int proxy_curl_read(const char *h, const char *end, struct proxy_url *u,
                           char *why, size_t whylen)
{
    char url[PROXY_URL_MAX + PROXY_SCHEME_LEN + 4], low[sizeof(u->host)];
    char *host = NULL, *port = NULL;
    CURLU *cu;
    CURLUcode rc;
    struct nc_addr a;
    unsigned long v;
    size_t n, i;
    int r = NC_EPARSE;

    if (nc_snprintf(url, sizeof(url), "%s://%.*s", proxy_scheme_name(u->scheme),
                    (int)(end - h), h) != 0) {
        proxy_why(why, whylen, "proxy URL longer than %u bytes", PROXY_URL_MAX);
        return NC_EPARSE;
    }
    cu = curl_url();
    if (cu == NULL) {
        proxy_why(why, whylen, "out of memory");
        return NC_ENOMEM;
    }
    rc = curl_url_set(cu, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME);
    if (rc == CURLUE_OK)
        rc = curl_url_get(cu, CURLUPART_HOST, &host, 0);
    if (rc == CURLUE_OK) {
        rc = curl_url_get(cu, CURLUPART_PORT, &port, 0);
        if (rc == CURLUE_NO_PORT)
            rc = CURLUE_OK;
    }
    if (rc == CURLUE_OUT_OF_MEMORY) {
        proxy_why(why, whylen, "out of memory");
        r = NC_ENOMEM;
        goto out;
    }
    if (rc != CURLUE_OK) {
        proxy_why(why, whylen, "libcurl rejects the proxy address: %s",
                  curl_url_strerror(rc));
        goto out;
    }
    n = strlen(host);
    if (n >= sizeof(low)) {
        proxy_why(why, whylen, "proxy host name is longer than 253 bytes");
        goto out;
    }
    for (i = 0; i <= n; i++)
        low[i] = (char)nc_tolower((unsigned char)host[i]);
    if (low[0] == '[') {
        struct nc_addr mine;

        /* the same address as netcheck's reading, kept in inet_ntop's form */
        low[n - 1] = '\0';
        if (nc_addr_parse(low + 1, &a) != 0 ||
            nc_addr_parse(u->host, &mine) != 0 ||
            memcmp(&a, &mine, sizeof(a)) != 0) {
            proxy_why(why, whylen, "'[%s]' is not an IPv6 address", u->host);
            goto out;
        }
    } else if (nc_addr_parse(low, &a) == 0 && a.family == 4) {
        nc_addr_format(&a, u->host, sizeof(u->host));
    } else if (nc_addr_numeric_form(low)) {
        proxy_why(why, whylen,
                  "'%s' is not an IPv4 address: write four decimal numbers",
                  low);
        goto out;
    } else if (strcmp(low, u->host) != 0) {
        proxy_why(why, whylen, "libcurl reads the proxy host as '%s'", low);
        goto out;
    }
    if (port != NULL) {
        if (nc_parse_uint(port, 1, 65535, &v) != 0) {
            proxy_why(why, whylen,
                      "bad proxy port '%s' (a number from 1 to 65535)", port);
            goto out;
        }
        u->port = (unsigned)v;
    }
    r = 0;
out:
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(cu);
    return r;
}

/* The whole string before any parsing: present, bounded, and free of white
 * space and control characters. */
static int proxy_url_check_chars(const char *s, char *why, size_t whylen)
{
    size_t len, i;

    if (s == NULL || *s == '\0') {
        proxy_why(why, whylen, "empty proxy URL");
        return NC_EPARSE;
    }
    len = strlen(s);
    if (len > PROXY_URL_MAX) {
        proxy_why(why, whylen, "proxy URL longer than %u bytes", PROXY_URL_MAX);
        return NC_EPARSE;
    }
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c <= 0x20 || c == 0x7f) {
            proxy_why(why, whylen,
                      "proxy URL contains white space or a control "
                      "character");
            return NC_EPARSE;
        }
    }
    return 0;
}

/* The user name and password of the authority p..end, if any; *host is
 * where host[:port] starts. */
static int proxy_userinfo(const char *p, const char *end, struct proxy_url *u,
                          const char **host, char *why, size_t whylen)
{
    const char *at, *colon, *uend;

    /* curl ends the user name and password at the first '@' and the
     * authority at the first '/', '?' or '#'; an '@' anywhere else means
     * one of those was left unencoded in the secret. */
    at = memchr(p, '@', (size_t)(end - p));
    if ((at != NULL && memchr(at + 1, '@', (size_t)(end - at - 1)) != NULL) ||
        strchr(end, '@') != NULL) {
        proxy_why(why, whylen,
                  "unencoded '@', '/', '?' or '#' in the proxy user name or "
                  "password: write them as %%40, %%2F, %%3F and %%23");
        return NC_EPARSE;
    }
    *host = p;
    if (at == NULL)
        return 0;
    colon = memchr(p, ':', (size_t)(at - p));
    uend = colon != NULL ? colon : at;
    if (proxy_decode(p, (size_t)(uend - p), u->user, sizeof(u->user),
                     "user name", why, whylen) != 0)
        return NC_EPARSE;
    u->has_user = u->user[0] != '\0';
    if (colon != NULL) {
        if (proxy_decode(colon + 1, (size_t)(at - colon - 1), u->pass,
                         sizeof(u->pass), "password", why, whylen) != 0)
            return NC_EPARSE;
        u->has_pass = true;
    }
    *host = at + 1;
    return 0;
}

/* What follows the authority: nothing, or a lone '/'. */
static int proxy_url_tail(const char *end, char *why, size_t whylen)
{
    if (*end == '\0' || strcmp(end, "/") == 0)
        return 0;
    if (*end == '/')
        proxy_why(why, whylen,
                  "path '%.*s' after the proxy address: curl ignores it, "
                  "so it is probably a typo; write scheme://host:port",
                  PROXY_SHOW, end);
    else
        proxy_why(why, whylen,
                  "query or fragment '%.*s' after the proxy address",
                  PROXY_SHOW, end);
    return NC_EPARSE;
}

int proxy_url_parse(const char *s, struct proxy_url *out, char *why,
                    size_t whylen)
{
    struct proxy_url u;
    const char *p, *sep, *end;
    int r = NC_EPARSE;

    memset(&u, 0, sizeof(u));
    if (proxy_url_check_chars(s, why, whylen) != 0)
        goto out;
    p = s;
    u.scheme = PROXY_SCHEME_HTTP;
    sep = strstr(s, "://");
    if (sep == NULL && strstr(s, ":/") != NULL) {
        proxy_why(why, whylen, "expected '://' after the proxy scheme");
        goto out;
    }
    if (sep != NULL) {
        if (proxy_scheme_parse(s, (size_t)(sep - s), &u.scheme, why, whylen) !=
            0)
            goto out;
        u.had_scheme = true;
        p = sep + 3;
    }
    end = p + strcspn(p, "/?#");
    if (proxy_userinfo(p, end, &u, &p, why, whylen) != 0)
        goto out;
    if (proxy_host_port(p, end, &u, why, whylen) != 0)
        goto out;
    r = proxy_curl_read(p, end, &u, why, whylen);
    if (r != 0)
        goto out;
    r = NC_EPARSE;
    if (proxy_url_tail(end, why, whylen) != 0)
        goto out;
    *out = u;
    r = 0;
out:
    proxy_url_wipe(&u);
    return r;
}

static bool proxy_unreserved(unsigned char c)
{
    return proxy_is_alpha(c) || proxy_is_digit(c) || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

void proxy_url_format(const struct proxy_url *u, bool with_user, char *buf,
                      size_t n)
{
    char user[3 * sizeof(u->user) + 2];
    size_t o = 0, i;
    bool v6;

    if (buf == NULL || n == 0)
        return;
    user[0] = '\0';
    if (with_user && u->has_user) {
        static const char hex[] = "0123456789ABCDEF";

        for (i = 0; u->user[i] != '\0' && i < sizeof(u->user); i++) {
            unsigned char c = (unsigned char)u->user[i];

            if (proxy_unreserved(c)) {
                user[o++] = (char)c;
            } else {
                user[o++] = '%';
                user[o++] = hex[c >> 4];
                user[o++] = hex[c & 15];
            }
        }
        user[o++] = '@';
        user[o] = '\0';
    }
    v6 = strchr(u->host, ':') != NULL;
    (void)nc_snprintf(buf, n, "%s://%s%s%s%s:%u", proxy_scheme_name(u->scheme),
                      user, v6 ? "[" : "", u->host, v6 ? "]" : "", u->port);
}

void proxy_url_wipe(struct proxy_url *u)
{
    if (u == NULL)
        return;
    nc_explicit_bzero(u->pass, sizeof(u->pass));
    nc_explicit_bzero(u->user, sizeof(u->user));
    u->has_user = u->has_pass = false;
}

static const char *proxy_env_value(const struct nc_env *env, const char *name)
{
    const char *v = env != NULL ? env_get(env, name) : NULL;

    return v != NULL && *v != '\0' ? v : NULL;
}

void proxy_env_choose(const struct nc_env *env, bool https,
                      struct proxy_env_choice *out)
{
    /* curl 7.88 url.c detect_proxy(): "<scheme>_proxy" lowercase, the
     * uppercase form except for http (httpoxy, CVE-2016-5385), then
     * all_proxy and ALL_PROXY; curl_getenv() treats "" as unset. */
    static const char *const https_vars[] = {"https_proxy", "HTTPS_PROXY",
                                             "all_proxy", "ALL_PROXY"};
    static const char *const http_vars[] = {"http_proxy", "all_proxy",
                                            "ALL_PROXY"};
    const char *const *vars = https ? https_vars : http_vars;
    size_t n = https ? 4 : 3, i;

    memset(out, 0, sizeof(*out));
    for (i = 0; i < n && out->var == NULL; i++) {
        out->value = proxy_env_value(env, vars[i]);
        if (out->value != NULL)
            out->var = vars[i];
    }
    out->noproxy = proxy_env_value(env, "no_proxy");
    if (out->noproxy != NULL) {
        out->noproxy_var = "no_proxy";
    } else {
        out->noproxy = proxy_env_value(env, "NO_PROXY");
        if (out->noproxy != NULL)
            out->noproxy_var = "NO_PROXY";
    }
}

/* The value as curl would use it, without user or password. */
static void proxy_show_value(const char *v, char *buf, size_t n)
{
    struct proxy_url u;

    if (proxy_url_parse(v, &u, NULL, 0) == 0)
        proxy_url_format(&u, false, buf, n);
    else
        (void)nc_strlcpy(buf, "an invalid URL", n);
    proxy_url_wipe(&u);
}

/* Scheme and port traps of one variable's value. */
static void proxy_warn_value(const char *var, const char *v,
                             struct proxy_warnings *w)
{
    struct proxy_url u;
    char why[256], shown[320];

    if (proxy_url_parse(v, &u, why, sizeof(why)) != 0) {
        proxy_warn(w, "proxy in %s is not a usable URL: %s", var, why);
        return;
    }
    proxy_url_format(&u, false, shown, sizeof(shown));
    if (!u.had_scheme && !u.had_port) {
        proxy_warn(
            w,
            "proxy in %s has neither scheme nor port: curl reads it as %s "
            "(port 1080, not 80, 3128 or 8080) while Go and Python "
            "use port 80; write the scheme and port out",
            var, shown);
    } else if (!u.had_scheme) {
        proxy_warn(
            w,
            "proxy in %s has no scheme: curl assumes http:// and reads it as "
            "%s; write the scheme out",
            var, shown);
    } else if (!u.had_port && u.scheme == PROXY_SCHEME_HTTP) {
        proxy_warn(
            w,
            "proxy in %s names no port: curl uses port 1080 for %s, not 80, "
            "3128 or 8080, while Go and Python use 80; write the port "
            "out",
            var, shown);
    }
    proxy_url_wipe(&u);
}

struct proxy_pair {
    const char *lower, *upper, *who;
};

static void proxy_warn_pair(const struct nc_env *env,
                            const struct proxy_pair *pr,
                            struct proxy_warnings *w)
{
    const char *lo = proxy_env_value(env, pr->lower);
    const char *up = proxy_env_value(env, pr->upper);
    char a[160], b[160];

    if (lo == NULL || up == NULL || strcmp(lo, up) == 0)
        return;
    proxy_show_value(lo, a, sizeof(a));
    proxy_show_value(up, b, sizeof(b));
    proxy_warn(w, "%s (%s) and %s (%s) differ%s: %s", pr->lower, a, pr->upper,
               b, strcmp(a, b) == 0 ? " in their credentials" : "", pr->who);
}

void proxy_env_warn(const struct nc_env *env, struct proxy_warnings *w)
{
    static const char *const vars[] = {"http_proxy",  "HTTP_PROXY",
                                       "https_proxy", "HTTPS_PROXY",
                                       "all_proxy",   "ALL_PROXY"};
    static const struct proxy_pair pairs[] = {
        {"http_proxy", "HTTP_PROXY",
         "curl and Python use http_proxy, Go uses HTTP_PROXY"},
        {"https_proxy", "HTTPS_PROXY",
         "curl and Python use https_proxy, Go uses HTTPS_PROXY"},
        {"all_proxy", "ALL_PROXY",
         "curl uses all_proxy, Go and Python's urllib use neither"},
    };
    const char *np, *NP, *up;
    size_t i;

    if (w == NULL)
        return;
    up = proxy_env_value(env, "HTTP_PROXY");
    if (up != NULL && proxy_env_value(env, "http_proxy") == NULL) {
        char shown[160];

        proxy_show_value(up, shown, sizeof(shown));
        proxy_warn(w,
                   "uppercase HTTP_PROXY (%s) is ignored by curl for http:// "
                   "URLs, which read only http_proxy, but Go and Python use "
                   "it, so tools disagree; set http_proxy as well",
                   shown);
    }
    for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
        const char *v = proxy_env_value(env, vars[i]);

        if (v != NULL)
            proxy_warn_value(vars[i], v, w);
    }
    for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
        proxy_warn_pair(env, &pairs[i], w);
    np = proxy_env_value(env, "no_proxy");
    NP = proxy_env_value(env, "NO_PROXY");
    if (np != NULL && NP != NULL && strcmp(np, NP) != 0)
        proxy_warn(w, "no_proxy and NO_PROXY differ: curl and Python use "
                      "no_proxy, Go uses NO_PROXY");
    if (np != NULL)
        proxy_noproxy_warn("no_proxy", np, w);
    if (NP != NULL && (np == NULL || strcmp(np, NP) != 0))
        proxy_noproxy_warn("NO_PROXY", NP, w);
}
