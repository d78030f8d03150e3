/* dns_reply and dns_collect over c-ares's ares_parse_a_reply and
 * ares_parse_aaaa_reply: a resolver's answer is untrusted. The input is
 * one status byte, a 2-byte big-endian length and the A reply, then the
 * AAAA reply. Whatever the bytes, the answer comes out once, with at most
 * NC_MAX_ADDRS_PER_FAMILY addresses of each family (IPv4 first), all of
 * them counted (n_total), every family's addresses only when
 * that family's reply was a success, and CNAMEs that are NUL-terminated
 * and distinct. */
#ifndef _WIN32
#include <sys/select.h> /* fd_set, which ares.h uses */
#endif

#include <ares.h>
#include <string.h>

#include "dns.h"
#include "fuzz.h"
#include "nc.h"
#include "str.h"

#define HOST "login.example.com"

static const int statuses[] = {
    ARES_SUCCESS,  ARES_ENODATA,  ARES_ENOTFOUND, ARES_ESERVFAIL,
    ARES_EREFUSED, ARES_ETIMEOUT, ARES_EBADRESP,  ARES_ECONNREFUSED,
};

static void done(void *ud, const struct dns_answer *ans)
{
    int *calls = ud;
    size_t i, j, n4;
    bool v6 = false;

    (*calls)++;
    FUZZ_CHECK(ans->n_addrs <= NC_MAX_ADDRS);
    /* Every address answered is counted, kept or past the cap. */
    FUZZ_CHECK(ans->n_total >= ans->n_addrs);
    FUZZ_CHECK(ans->n_cnames <= NC_MAX_CNAMES);
    for (i = 0, n4 = 0; i < ans->n_addrs; i++) {
        const struct nc_addr *a = &ans->addrs[i];

        n4 += a->family == 4;

        FUZZ_CHECK(a->family == 4 || a->family == 6);
        FUZZ_CHECK(!v6 || a->family == 6); /* IPv4 first */
        v6 = a->family == 6;
        FUZZ_CHECK(ans->facts.a == NC_DNS_OK || a->family != 4);
        FUZZ_CHECK(ans->facts.aaaa == NC_DNS_OK || a->family != 6);
        FUZZ_CHECK(ans->hosts_line[i] == 0);
    }
    /* The cap is per family. */
    FUZZ_CHECK(n4 <= NC_MAX_ADDRS_PER_FAMILY);
    FUZZ_CHECK(ans->n_addrs - n4 <= NC_MAX_ADDRS_PER_FAMILY);
    for (i = 0; i < ans->n_cnames; i++) {
        FUZZ_CHECK(memchr(ans->cnames[i], '\0', sizeof(ans->cnames[i])));
        for (j = 0; j < i; j++)
            FUZZ_CHECK(nc_strcasecmp(ans->cnames[i], ans->cnames[j]) != 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *a = data, *aaaa = data;
    size_t alen = 0, aaaalen = 0;
    int status = ARES_SUCCESS, calls = 0, rc;

    if (size >= 3) {
        status = statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))];
        alen = (size_t)data[1] << 8 | data[2];
        a = data + 3;
        if (alen > size - 3)
            alen = size - 3;
        aaaa = a + alen;
        aaaalen = size - 3 - alen;
    }
    rc = dns_reply_feed(HOST, status, a, (int)alen, aaaa, (int)aaaalen, done,
                        &calls);
    if (status == ARES_ECONNREFUSED) {
        FUZZ_CHECK(rc == NC_EINVAL && calls == 0);
        return 0;
    }
    FUZZ_CHECK(rc == 0 && calls == 1);
    return 0;
}
