/* DefaultConnectionSettings / SavedLegacySettings / WinHttpSettings. The
 * layout is undocumented; it is the one .NET Framework's own reader walks
 * (referencesource System/net/System/Net/_AutoWebProxyScriptHelper...,
 * RegBlobWebProxyDataBuilder.BuildInternal: version, counter, flags, proxy,
 * bypass, PAC URL, each string a u32 length and its bytes), the INTERNET_
 * PER_CONN layout ReactOS's wininet keeps (proxreg.h), and what proxyconf's
 * README records of the versions (0x28 netsh winhttp, 0x3C IE 6, 0x46 IE 7
 * and later). .NET clamps a string that runs past the end; here that is an
 * error, because a cut blob is worth saying so. */
#include <stdio.h>
#include <string.h>

#include "nc.h"
#include "str.h"
#include "winproxy.h"

struct blob_rd {
    const unsigned char *b;
    size_t n, off;
};

/* A u32 at the current offset. \return 1 read, 0 at the very end, -1 cut */
static int blob_u32(struct blob_rd *r, uint32_t *v)
{
    if (r->off == r->n)
        return 0;
    if (r->n - r->off < 4)
        return -1;
    *v = (uint32_t)r->b[r->off] | (uint32_t)r->b[r->off + 1] << 8 |
         (uint32_t)r->b[r->off + 2] << 16 | (uint32_t)r->b[r->off + 3] << 24;
    r->off += 4;
    return 1;
}

/* A counted string into out. \return 1, 0 (the blob ended before it), or
 * an nc_err with why set */
static int blob_str(struct blob_rd *r, const char *what, char *out,
                    size_t outlen, char *why, size_t whylen)
{
    uint32_t len = 0;
    size_t i;
    int k = blob_u32(r, &len);

    out[0] = '\0';
    if (k == 0)
        return 0;
    if (k < 0) {
        (void)nc_snprintf(why, whylen, "cut inside the length of the %s", what);
        return NC_EPARSE;
    }
    if (len > r->n - r->off) {
        (void)nc_snprintf(why, whylen,
                          "the %s claims %lu bytes but only %zu are left", what,
                          (unsigned long)len, r->n - r->off);
        return NC_EPARSE;
    }
    if (len >= outlen) {
        (void)nc_snprintf(why, whylen, "the %s is longer than %zu bytes", what,
                          outlen - 1);
        return NC_ELIMIT;
    }
    for (i = 0; i < len; i++) {
        unsigned char c = r->b[r->off + i];

        if (c < 0x20 || c > 0x7e) {
            (void)nc_snprintf(why, whylen,
                              "byte 0x%02x at offset %zu of the %s is not "
                              "printable ASCII",
                              c, r->off + i, what);
            return NC_EPARSE;
        }
        out[i] = (char)c;
    }
    out[len] = '\0';
    r->off += len;
    return 1;
}

int winproxy_blob_decode(const unsigned char *b, size_t n,
                         struct winproxy_blob *out, char *why, size_t whylen)
{
    struct blob_rd r = {b, n, 0};
    /* Decoded into a local copy (out is written only on success), on the
     * stack: an allocation here could only fail, and its NC_ENOMEM was
     * shown as an "undecodable" registry value by a run that exited 0. */
    struct winproxy_blob t;
    int k;

    if (n < 12) {
        (void)nc_snprintf(why, whylen,
                          "%zu bytes, shorter than the 12-byte header", n);
        return NC_EPARSE;
    }
    memset(&t, 0, sizeof(t));
    (void)blob_u32(&r, &t.version);
    (void)blob_u32(&r, &t.counter);
    (void)blob_u32(&r, &t.flags);
    k = blob_str(&r, "proxy server", t.proxy, sizeof(t.proxy), why, whylen);
    if (k > 0)
        k = blob_str(&r, "bypass list", t.bypass, sizeof(t.bypass), why,
                     whylen);
    if (k > 0) {
        k = blob_str(&r, "PAC URL", t.pac, sizeof(t.pac), why, whylen);
        t.has_pac = k > 0;
    }
    if (k < 0)
        return k;
    memcpy(out, &t, sizeof(t));
    return 0;
}
