/* winproxy_blob_decode on any bytes: success only for a blob of at least
 * the header, with strings of printable ASCII whose lengths fit in it; a
 * failure leaves out untouched and says why. */
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "winproxy.h"

static bool fz_printable(const char *s)
{
    for (; *s != '\0'; s++)
        if (*s < 0x20 || *s > 0x7e)
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct winproxy_blob out;
    char why[160] = "";
    int r;

    memset(&out, 0x5a, sizeof(out));
    r = winproxy_blob_decode(data, size, &out, why, sizeof(why));
    if (r < 0) {
        FUZZ_CHECK(r == NC_EPARSE || r == NC_ELIMIT);
        FUZZ_CHECK(why[0] != '\0');
        FUZZ_CHECK(out.version == 0x5a5a5a5au);
        return 0;
    }
    FUZZ_CHECK(r == 0 && size >= 12);
    FUZZ_CHECK(fz_printable(out.proxy) && fz_printable(out.bypass) &&
               fz_printable(out.pac));
    FUZZ_CHECK(12 + strlen(out.proxy) + strlen(out.bypass) + strlen(out.pac) <=
               size);
    FUZZ_CHECK(out.has_pac || out.pac[0] == '\0');
    return 0;
}
