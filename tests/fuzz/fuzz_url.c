/* url_parse: whatever it accepts is a well-formed http(s) URL whose normal
 * form (url_format) parses back to the same fields; a rejection says why
 * and leaves the output alone. url_hostname_check is held to url_parse.
 * A rejection may also be NC_ENOMEM (libcurl out of memory). */
#include <stdbool.h>
#include <string.h>

#include "cidr.h"
#include "fuzz.h"
#include "nc.h"
#include "str.h"
#include "url.h"

static bool url_fields_equal(const struct nc_url *a, const struct nc_url *b)
{
    return strcmp(a->scheme, b->scheme) == 0 && strcmp(a->host, b->host) == 0 &&
           a->port == b->port && strcmp(a->path, b->path) == 0 &&
           a->ipv6_literal == b->ipv6_literal;
}

static bool url_host_is_lower(const char *h)
{
    for (; *h != '\0'; h++) {
        if (*h >= 'A' && *h <= 'Z')
            return false;
    }
    return true;
}

static void url_check_parsed(const struct nc_url *u)
{
    char text[NC_URL_HOST_MAX + NC_URL_PATH_MAX + 32], again[sizeof(text)];
    char why[160];
    struct nc_url v;

    FUZZ_CHECK(strcmp(u->scheme, "http") == 0 ||
               strcmp(u->scheme, "https") == 0);
    FUZZ_CHECK(u->port >= 1 && u->port <= 65535);
    FUZZ_CHECK(u->host[0] != '\0' && strlen(u->host) <= NC_URL_HOST_MAX);
    FUZZ_CHECK(url_host_is_lower(u->host));
    FUZZ_CHECK(u->path[0] == '/' && strlen(u->path) <= NC_URL_PATH_MAX);
    FUZZ_CHECK(strchr(u->path, '#') == NULL);
    if (u->ipv6_literal) {
        struct nc_addr a;

        FUZZ_CHECK(nc_addr_parse(u->host, &a) == 0 && a.family == 6);
    } else {
        char host[NC_URL_HOST_MAX + 1];

        FUZZ_CHECK(url_hostname_check(u->host, host, sizeof(host), why,
                                      sizeof(why)) == 0);
        FUZZ_CHECK(strcmp(host, u->host) == 0);
    }

    /* The normal form fits the buffer profiles use and round-trips. */
    FUZZ_CHECK(url_format(u, text, sizeof(text)) == 0);
    memset(&v, 0xa5, sizeof(v));
    FUZZ_CHECK(url_parse(text, &v, why, sizeof(why)) == 0);
    FUZZ_CHECK(url_fields_equal(u, &v));
    FUZZ_CHECK(url_format(&v, again, sizeof(again)) == 0);
    FUZZ_CHECK(strcmp(text, again) == 0);
}

/* A host url_hostname_check accepts is a host url_parse accepts, as it
 * is, unless its labels are all numbers: then libcurl reads it as an IPv4
 * address, which url_parse reports, or it is refused. */
static void url_check_hostname(const char *s)
{
    char host[NC_URL_HOST_MAX + 1], url[NC_URL_HOST_MAX + 16], why[160];
    struct nc_url u;
    struct nc_addr a;
    int r;

    if (url_hostname_check(s, host, sizeof(host), why, sizeof(why)) != 0) {
        FUZZ_CHECK(why[0] != '\0');
        return;
    }
    FUZZ_CHECK(strlen(host) == strlen(s) && url_host_is_lower(host));
    FUZZ_CHECK(nc_strcasecmp(host, s) == 0);
    FUZZ_CHECK(nc_snprintf(url, sizeof(url), "http://%s/", s) == 0);
    r = url_parse(url, &u, why, sizeof(why));
    if (nc_addr_numeric_form(host)) {
        if (r == 0)
            FUZZ_CHECK(nc_addr_parse(u.host, &a) == 0 && a.family == 4 &&
                       u.port == 80 && !u.ipv6_literal);
        return;
    }
    FUZZ_CHECK(r == 0);
    FUZZ_CHECK(strcmp(u.host, host) == 0 && u.port == 80 && !u.ipv6_literal);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    struct nc_url u, untouched, quiet;
    char why[160];
    int r;

    memset(&u, 0x5a, sizeof(u));
    untouched = u;
    why[0] = '\0';
    r = url_parse(s, &u, why, sizeof(why));
    if (r == 0) {
        url_check_parsed(&u);
    } else {
        FUZZ_CHECK(r == NC_EPARSE || r == NC_ENOMEM);
        FUZZ_CHECK(why[0] != '\0');
        FUZZ_CHECK(memcmp(&u, &untouched, sizeof(u)) == 0);
    }
    /* Callers may pass no reason buffer; the verdict must not change. */
    FUZZ_CHECK(url_parse(s, &quiet, NULL, 0) == r);
    if (r == 0)
        FUZZ_CHECK(url_fields_equal(&u, &quiet));
    url_check_hostname(s);
    nc_free(s);
    return 0;
}
