/* winproxy_bypass_match and winproxy_server_pick. The input is
 * "HOST\nLIST" (without a newline, the input is both). A match names an
 * entry of the list that matches on its own, in either dialect; the
 * answer ignores letter case; a proxy picked from the list is shown
 * without user information. */
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "winproxy.h"

static void fz_upper(char *s)
{
    for (; *s != '\0'; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

static void fz_check(const char *host, const char *list,
                     enum winproxy_dialect d)
{
    size_t llen = strlen(list);
    char *entry = nc_malloc(llen + 2), *uh = nc_strdup(host),
         *ul = nc_strdup(list);
    struct winproxy_server sv;
    char why[160];
    bool m;

    FUZZ_CHECK(entry != NULL && uh != NULL && ul != NULL);
    m = winproxy_bypass_match(list, d, "https", host, 8443, entry, llen + 2);
    FUZZ_CHECK(winproxy_bypass_match(list, d, "https", host, 8443, NULL, 0) ==
               m);
    if (m) {
        FUZZ_CHECK(strstr(list, entry) != NULL);
        FUZZ_CHECK(
            winproxy_bypass_match(entry, d, "https", host, 8443, NULL, 0));
    } else {
        FUZZ_CHECK(entry[0] == '\0');
    }
    fz_upper(uh);
    fz_upper(ul);
    FUZZ_CHECK(winproxy_bypass_match(ul, d, "https", uh, 8443, NULL, 0) == m);
    if (winproxy_server_pick(list, d, "https", &sv, why, sizeof(why)) == 0 &&
        sv.set) {
        FUZZ_CHECK(strchr(sv.display, '@') == NULL);
        FUZZ_CHECK(sv.port >= 1 && sv.port <= 65535);
    }
    nc_free(entry);
    nc_free(uh);
    nc_free(ul);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in, *nl;
    const char *host, *list;

    if (size > 4096)
        return 0;
    in = fuzz_cstr(data, size);
    nl = strchr(in, '\n');
    host = in;
    list = in;
    if (nl != NULL) {
        *nl = '\0';
        list = nl + 1;
    }
    if (strlen(host) < 256) {
        fz_check(host, list, WINPROXY_NETFX);
        fz_check(host, list, WINPROXY_WININET);
    }
    nc_free(in);
    return 0;
}
