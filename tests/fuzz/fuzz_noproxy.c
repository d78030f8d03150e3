/* proxy_noproxy_match and proxy_noproxy_warn. The input is "HOST\nLIST"
 * (without a newline, the input is both). A match reports an entry of the
 * list that matches on its own; the answer ignores letter case and, for
 * names, one trailing dot; warnings stay within their slots. */
#include <stdbool.h>
#include <string.h>

#include "cidr.h"
#include "fuzz.h"
#include "nc.h"
#include "proxy.h"

static void np_upper(char *s)
{
    for (; *s != '\0'; s++) {
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
    }
}

static void np_check(const char *host, const char *list)
{
    size_t llen = strlen(list), hlen = strlen(host), i;
    char *entry = nc_malloc(llen + 2), *up = nc_malloc(llen + hlen + 2);
    struct proxy_warnings w;
    struct nc_addr a;
    bool m;

    FUZZ_CHECK(entry != NULL && up != NULL);
    memset(entry, 'X', llen + 2);
    m = proxy_noproxy_match(list, host, entry, llen + 2);
    FUZZ_CHECK(proxy_noproxy_match(list, host, NULL, 0) == m);
    if (!m) {
        FUZZ_CHECK(entry[0] == '\0');
    } else {
        FUZZ_CHECK(entry[0] != '\0' && strlen(entry) <= llen);
        FUZZ_CHECK(strstr(list, entry) != NULL);
        FUZZ_CHECK(strpbrk(entry, " \t,") == NULL);
        FUZZ_CHECK(proxy_noproxy_match(entry, host, NULL, 0));
        FUZZ_CHECK(*host != '\0');
    }

    memcpy(up, host, hlen + 1);
    np_upper(up);
    FUZZ_CHECK(proxy_noproxy_match(list, up, NULL, 0) == m);
    memcpy(up, list, llen + 1);
    np_upper(up);
    FUZZ_CHECK(proxy_noproxy_match(up, host, NULL, 0) == m);

    /* One trailing dot on a name changes nothing. */
    if (hlen > 0 && host[0] != '[' && host[hlen - 1] != '.' &&
        nc_addr_parse(host, &a) != 0) {
        memcpy(up, host, hlen);
        memcpy(up + hlen, ".", 2);
        FUZZ_CHECK(proxy_noproxy_match(list, up, NULL, 0) == m);
    }

    memset(&w, 0, sizeof(w));
    proxy_noproxy_warn("no_proxy", list, &w);
    FUZZ_CHECK(w.n <= PROXY_MAX_WARNINGS);
    for (i = 0; i < w.n; i++) {
        FUZZ_CHECK(memchr(w.text[i], 0, sizeof(w.text[i])) != NULL);
        FUZZ_CHECK(strncmp(w.text[i], "entry '", 7) == 0);
    }
    nc_free(entry);
    nc_free(up);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    char *nl = strchr(s, '\n');

    if (nl != NULL) {
        *nl = '\0';
        np_check(s, nl + 1);
    } else {
        np_check(s, s);
    }
    nc_free(s);
    return 0;
}
