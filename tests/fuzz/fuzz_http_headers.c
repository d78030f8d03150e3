/* probe_header, curl's header callback, over lines a server or proxy
 * sends: the Date sample (curl_getdate), probe_hdr_is, probe_copy_value,
 * and through a proxy Proxy-Authenticate, X-Squid-Error, Server and Via
 * (probe_proxy_header). The first byte sets the transfer: bit 0 proxied,
 * bit 1 a CONNECT tunnel, bit 2 a SOCKS proxy; the rest is header lines,
 * each ending at '\n' and handed over in a buffer of exactly its size.
 * Whatever the lines, every line is consumed whole, what is kept from them
 * is printable ASCII and NUL-terminated, schemes are distinct and at most
 * NC_MAX_OFFERED, a Date sample is a positive time, and nothing is read
 * from a direct or SOCKS transfer's headers as the proxy's. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "probe_int.h"
#include "str.h"

static void check_text(const char *s, size_t cap)
{
    size_t i, n;

    FUZZ_CHECK(memchr(s, '\0', cap) != NULL);
    n = strlen(s);
    for (i = 0; i < n; i++)
        FUZZ_CHECK(s[i] >= 0x20 && s[i] < 0x7f);
}

static bool same_name(const char *line, const char *name)
{
    size_t i;

    for (i = 0; name[i] != '\0'; i++) {
        char a = line[i], b = name[i];

        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return line[i] == ':';
}

/* probe_hdr_is's value lies inside the line, trimmed at the front. */
static void check_hdr_is(const char *line, size_t len)
{
    static const char *const names[] = {"Date", "Server", "Via",
                                        "Proxy-Authenticate", "X-Squid-Error"};
    size_t i, vlen;
    const char *v;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!probe_hdr_is(line, len, names[i], &v, &vlen))
            continue;
        FUZZ_CHECK(same_name(line, names[i]));
        FUZZ_CHECK(v > line && v + vlen <= line + len);
        FUZZ_CHECK(vlen == 0 || (v[0] != ' ' && v[0] != '\t'));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct probe_proxy cfg;
    struct probe_px px;
    struct pcheck pc;
    struct paddr pa;
    struct nc_proxy_facts pf;
    size_t off = 1, i;
    uint8_t mode;

    if (size == 0)
        return 0;
    mode = data[0];
    memset(&cfg, 0, sizeof(cfg));
    memset(&px, 0, sizeof(px));
    memset(&pc, 0, sizeof(pc));
    memset(&pa, 0, sizeof(pa));
    memset(&pf, 0, sizeof(pf));
    cfg.socks = mode & 4 ? 5 : 0;
    px.cfg = &cfg;
    pc.px = &px;
    pa.pc = &pc;
    pa.proxied = mode & 1;
    /* As the engine: only a proxied transfer has proxy facts. */
    pa.pf = pa.proxied ? &pf : NULL;
    pf.tunnel = (mode & 2) != 0;
    while (off < size) {
        const uint8_t *nl = memchr(data + off, '\n', size - off);
        size_t len = nl != NULL ? (size_t)(nl - (data + off)) + 1 : size - off;
        char *line = nc_malloc(len);

        FUZZ_CHECK(line != NULL);
        memcpy(line, data + off, len);
        check_hdr_is(line, len);
        FUZZ_CHECK(probe_header(line, 1, len, &pa) == len);
        nc_free(line);
        off += len;
    }
    FUZZ_CHECK(!pa.has_date || pa.date_s > 0);
    FUZZ_CHECK(pf.n_offered <= NC_MAX_OFFERED);
    for (i = 0; i < pf.n_offered; i++) {
        size_t j;

        check_text(pf.offered[i], sizeof(pf.offered[i]));
        FUZZ_CHECK(pf.offered[i][0] != '\0');
        for (j = 0; j < i; j++)
            FUZZ_CHECK(nc_strcasecmp(pf.offered[i], pf.offered[j]) != 0);
    }
    check_text(pf.product, sizeof(pf.product));
    check_text(pf.squid_error, sizeof(pf.squid_error));
    if (!pa.proxied || cfg.socks != 0)
        FUZZ_CHECK(!pf.answered && pf.n_offered == 0 && pf.product[0] == '\0' &&
                   pf.squid_error[0] == '\0' && !pa.tunnel_open);
    return 0;
}
