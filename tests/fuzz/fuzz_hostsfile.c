/* hostsfile_parse_buf on any bytes: it indexes without failing (but for
 * memory), and a lookup of any word of the input answers IPv4 before IPv6,
 * at most the cap per family, with lines that exist in the input. */
#include <string.h>

#include "fuzz.h"
#include "hostsfile.h"
#include "nc.h"

#define PER_FAMILY 4

static void fuzz_lookup(const struct hostsfile *h, const char *name,
                        unsigned lines)
{
    struct hostsfile_addr hit[2 * PER_FAMILY];
    size_t i, n = hostsfile_lookup(h, name, hit, PER_FAMILY);

    FUZZ_CHECK(n <= 2 * PER_FAMILY);
    for (i = 0; i < n; i++) {
        FUZZ_CHECK(hit[i].line >= 1 && hit[i].line <= lines);
        FUZZ_CHECK(hit[i].addr.family == 4 || hit[i].addr.family == 6);
        if (i > 0)
            FUZZ_CHECK(hit[i - 1].addr.family <= hit[i].addr.family);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hostsfile *h = NULL;
    struct nc_diag d;
    unsigned lines = 1;
    char *words, *w, *save = NULL;
    size_t i;

    memset(&d, 0, sizeof(d));
    FUZZ_CHECK(hostsfile_parse_buf((const char *)data, size, "fuzz", &h, &d) ==
               0);
    for (i = 0; i < size; i++)
        lines += data[i] == '\n';
    words = fuzz_cstr(data, size);
    for (w = strtok_r(words, " \t\n\r\v\f#", &save); w != NULL;
         w = strtok_r(NULL, " \t\n\r\v\f#", &save))
        fuzz_lookup(h, w, lines);
    fuzz_lookup(h, "", lines);
    nc_free(words);
    hostsfile_free(h);
    return 0;
}
