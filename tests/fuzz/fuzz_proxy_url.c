/* proxy_url_parse: an accepted proxy has a host, a port in range and a
 * lowercase name, and what proxy_url_format prints parses back to the same
 * proxy and user and never depends on the password; a rejection says why,
 * leaves the output alone and quotes nothing that precedes the '@'. The
 * same text as a PAC file's "PROXY host:port" (proxycfg_pac_add): one
 * entry however often it is named, none when it does not parse. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "proxy.h"
#include "proxycfg.h"
#include "str.h"

static bool pu_caseeq(const char *a, const char *b, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        char x = a[i], y = b[i];

        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

/* q[0..n) occurs in s, ASCII case-insensitively. */
static bool pu_contains(const char *s, const char *q, size_t n)
{
    size_t len = strlen(s), i;

    for (i = 0; i + n <= len; i++) {
        if (pu_caseeq(s + i, q, n))
            return true;
    }
    return false;
}

/* Every 'quoted' piece of why is fixed text of the message, the scheme,
 * or text after the input's last '@': never the user name or password. */
static void pu_check_quotes(const char *in, const char *why)
{
    static const char *const fixed[] = {"://", ":", "[", "]",         "@",
                                        "/",   "?", "#", "[::1]:3128"};
    const char *last_at = strrchr(in, '@'), *sep = strstr(in, "://");
    const char *p = why;

    if (last_at == NULL || strchr(in, '\'') != NULL)
        return;
    while ((p = strchr(p, '\'')) != NULL) {
        const char *q = p + 1, *close = strchr(q, '\'');
        size_t n, i;
        bool ok = false;

        if (close == NULL)
            break; /* cut by the buffer */
        n = (size_t)(close - q);
        for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]) && !ok; i++)
            ok = strlen(fixed[i]) == n && memcmp(fixed[i], q, n) == 0;
        if (!ok)
            ok = pu_contains(last_at + 1, q, n);
        if (!ok && sep != NULL && (size_t)(sep - in) == n)
            ok = pu_caseeq(in, q, n);
        FUZZ_CHECK(ok);
        p = close + 1;
    }
}

static void pu_check_parsed(const struct proxy_url *u)
{
    struct proxy_url v, other;
    char text[1024], again[1024];
    size_t i;

    FUZZ_CHECK((unsigned)u->scheme < PROXY_SCHEME_MAX);
    FUZZ_CHECK(u->host[0] != '\0' && memchr(u->host, 0, sizeof(u->host)));
    FUZZ_CHECK(u->port >= 1 && u->port <= 65535);
    for (i = 0; u->host[i] != '\0'; i++)
        FUZZ_CHECK(!(u->host[i] >= 'A' && u->host[i] <= 'Z'));
    FUZZ_CHECK(!u->has_user || u->user[0] != '\0');
    FUZZ_CHECK(u->has_pass || u->pass[0] == '\0');
    if (!u->had_port)
        FUZZ_CHECK(u->port == (u->scheme == PROXY_SCHEME_HTTPS ? 443u : 1080u));

    /* Without the user: the same proxy, with scheme and port spelled. */
    proxy_url_format(u, false, text, sizeof(text));
    FUZZ_CHECK(proxy_url_parse(text, &v, NULL, 0) == 0);
    FUZZ_CHECK(v.scheme == u->scheme && v.port == u->port &&
               strcmp(v.host, u->host) == 0 && v.had_scheme && v.had_port &&
               !v.has_user && !v.has_pass);
    proxy_url_format(&v, false, again, sizeof(again));
    FUZZ_CHECK(strcmp(text, again) == 0);

    /* With the user: the same user, still no password. */
    proxy_url_format(u, true, text, sizeof(text));
    FUZZ_CHECK(proxy_url_parse(text, &v, NULL, 0) == 0);
    FUZZ_CHECK(v.has_user == u->has_user && strcmp(v.user, u->user) == 0 &&
               !v.has_pass);
    proxy_url_wipe(&v);

    /* The text never depends on the password. */
    other = *u;
    memset(other.pass, 'Z', sizeof(other.pass) - 1);
    other.pass[sizeof(other.pass) - 1] = '\0';
    other.has_pass = !u->has_pass;
    proxy_url_format(&other, true, again, sizeof(again));
    FUZZ_CHECK(strcmp(text, again) == 0);
    proxy_url_wipe(&other);
}

static void pu_check_pac(const char *s)
{
    struct proxycfg cfg;
    char url[1100], why[256];
    size_t a = 99, b = 99;
    int r;

    if (nc_snprintf(url, sizeof(url), "http://%s", s) != 0)
        return;
    memset(&cfg, 0, sizeof(cfg));
    r = proxycfg_pac_add(&cfg, url, NULL, "PAC", &a, why, sizeof(why));
    FUZZ_CHECK(r == 0 || r == NC_EPARSE);
    if (r == 0) {
        FUZZ_CHECK(a == 0 && cfg.n_pac == 1);
        FUZZ_CHECK(proxycfg_pac_add(&cfg, url, NULL, "PAC", &b, why,
                                    sizeof(why)) == 0);
        FUZZ_CHECK(b == 0 && cfg.n_pac == 1);
    } else {
        FUZZ_CHECK(a == 99 && cfg.n_pac == 0 && cfg.pac == NULL);
    }
    proxycfg_release(&cfg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    struct proxy_url u, quiet, untouched;
    char why[256];
    size_t i;
    int r;

    memset(&u, 0x5a, sizeof(u));
    untouched = u;
    why[0] = '\0';
    r = proxy_url_parse(s, &u, why, sizeof(why));
    FUZZ_CHECK(proxy_url_parse(s, &quiet, NULL, 0) == r);
    if (r == 0) {
        FUZZ_CHECK(memcmp(&u, &quiet, sizeof(u)) == 0);
        proxy_url_wipe(&quiet);
        pu_check_parsed(&u);
        proxy_url_wipe(&u);
        for (i = 0; i < sizeof(u.pass); i++)
            FUZZ_CHECK(u.pass[i] == '\0' && u.user[i] == '\0');
        FUZZ_CHECK(!u.has_user && !u.has_pass);
    } else {
        FUZZ_CHECK(r == NC_EPARSE);
        FUZZ_CHECK(why[0] != '\0' && !(why[0] >= 'A' && why[0] <= 'Z'));
        FUZZ_CHECK(memcmp(&u, &untouched, sizeof(u)) == 0);
        pu_check_quotes(s, why);
    }
    pu_check_pac(s);
    nc_free(s);
    return 0;
}
