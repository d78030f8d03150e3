/* route_reply_parse: a netlink reply is kernel input, but it is parsed
 * byte by byte, so treat it as untrusted. Whatever the bytes, the parser
 * returns 0, 1 or NC_EIO, and a filled route names an interface that fits
 * IFNAMSIZ and an errno only when no route was found. The input's first
 * 8 bytes are taken as the expected sequence number and port, so stale
 * and matching replies are both reached. */
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "route.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned seq = 1, portid = 0;
    struct nc_route r;
    int rc;

    if (size >= 8) {
        memcpy(&seq, data, 4);
        memcpy(&portid, data + 4, 4);
    }
    memset(&r, 0xa5, sizeof(r));
    rc = route_reply_parse(data + (size >= 8 ? 8 : 0),
                           size >= 8 ? size - 8 : size, seq, portid, &r);
    FUZZ_CHECK(rc == 0 || rc == 1 || rc == NC_EIO);
    if (rc == 1) {
        FUZZ_CHECK(memchr(r.dev, '\0', sizeof(r.dev)) != NULL);
        FUZZ_CHECK(!r.found || r.error == 0);
        FUZZ_CHECK(r.found || r.error > 0);
    }
    return 0;
}
