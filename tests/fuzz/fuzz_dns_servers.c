/* dns_servers_check, the --dns-server validator: what it accepts names at
 * least one server, each entry on its own is accepted too, and
 * dns_resolver_new (which hands the list to c-ares) takes it as well, so a
 * list that passed the option check never fails later, at run time. A
 * rejection says why without writing past the reason buffer. */
#include <string.h>

#ifndef _WIN32
#include <sys/select.h> /* ares.h uses fd_set (as in engine/dns.c) */
#endif
#include <ares.h>

#include "dns.h"
#include "fuzz.h"
#include "loop.h"
#include "nc.h"
#include "str.h"

#define WHY_LEN 48
#define CANARY  0x7e

/* One loop for the whole run; reachable from this static, so LSan does
 * not count it as a leak. c-ares is initialised with it, as main.c does:
 * on Windows a channel needs ares_library_init (Winsock, iphlpapi). */
static struct nc_loop *fuzz_loop(void)
{
    static struct nc_loop *loop;

    if (loop == NULL) {
        FUZZ_CHECK(ares_library_init(ARES_LIB_INIT_ALL) == ARES_SUCCESS);
        FUZZ_CHECK(loop_new(&loop) == 0);
    }
    return loop;
}

/* Each comma-separated entry must pass on its own. */
static size_t servers_each(const char *csv)
{
    char *copy = nc_strdup(csv), *p, *comma;
    char why[WHY_LEN];
    size_t n = 0;

    FUZZ_CHECK(copy != NULL);
    for (p = copy;; p = comma + 1) {
        comma = strchr(p, ',');
        if (comma != NULL)
            *comma = '\0';
        if (*nc_strtrim(p) != '\0') {
            FUZZ_CHECK(dns_servers_check(p, why, sizeof(why)) == 0);
            n++;
        }
        if (comma == NULL)
            break;
    }
    nc_free(copy);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    char why[WHY_LEN + 16];
    struct dns_resolver *res = NULL;
    size_t i, entries;
    int r;

    memset(why, CANARY, sizeof(why));
    why[0] = '\0';
    r = dns_servers_check(s, why, WHY_LEN);
    for (i = WHY_LEN; i < sizeof(why); i++)
        FUZZ_CHECK(why[i] == CANARY);
    if (r != 0) {
        FUZZ_CHECK(r == NC_EPARSE);
        FUZZ_CHECK(why[0] != '\0' && memchr(why, '\0', WHY_LEN) != NULL);
        goto out;
    }
    FUZZ_CHECK(strlen(s) < 1024);
    entries = servers_each(s);
    FUZZ_CHECK(entries >= 1);
    r = dns_resolver_new(fuzz_loop(), s, 1000, &res, why, WHY_LEN);
    if (r != 0)
        fprintf(stderr, "resolver rejects '%s': %s\n", s, why);
    FUZZ_CHECK(r == 0);
    dns_resolver_free(res);
out:
    nc_free(s);
    return 0;
}
