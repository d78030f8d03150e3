/* nsswitch_hosts_parse_buf on any bytes: it succeeds or names the line
 * and column of a bad action list; what it keeps is bounded, formats into
 * a bounded buffer, and the next-service decision only ever moves on by
 * one or ends. */
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "nsswitch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct nsswitch_hosts h;
    struct nc_diag d;
    char text[96];
    size_t i;
    int r, st;

    memset(&d, 0, sizeof(d));
    r = nsswitch_hosts_parse_buf((const char *)data, size, "fuzz", &h, &d);
    if (r != 0) {
        FUZZ_CHECK(r == NC_EPARSE || r == NC_ELIMIT);
        FUZZ_CHECK(d.msg[0] != '\0');
        FUZZ_CHECK(r != NC_EPARSE || (d.line >= 1 && d.col >= 1));
        return 0;
    }
    FUZZ_CHECK(h.n <= NSSWITCH_MAX_SERVICES);
    nsswitch_hosts_format(&h, text, sizeof(text));
    FUZZ_CHECK(memchr(text, '\0', sizeof(text)) != NULL);
    for (i = 0; i < h.n; i++) {
        FUZZ_CHECK(memchr(h.s[i].name, '\0', sizeof(h.s[i].name)) != NULL);
        FUZZ_CHECK(h.s[i].svc < NSSWITCH_SVC_MAX);
        for (st = 0; st < NSSWITCH_STATUS_MAX; st++) {
            int next = nsswitch_hosts_next(&h, i, (enum nsswitch_status)st);

            FUZZ_CHECK(next == -1 || (size_t)next == i + 1);
            FUZZ_CHECK(next == -1 || (size_t)next < h.n);
        }
    }
    return 0;
}
