/* Certificate-chain analysis (engine/tls.c) over the DER certificates a
 * server sends: tls_info_from_chain (names, validity, self-signed flags)
 * and tls_capture_cert (the verdict input, the names a mismatching leaf
 * holds). The first byte picks the verify error the handshake saw and
 * whether the name asked was an IP literal; the rest is DER certificates
 * back to back, leaf first, as many as parse. Whatever the bytes, every
 * text the analysis keeps is NUL-terminated in its field, and a name
 * mismatch is reported as one. */
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "tls.h"

#define MAX_CERTS 8

static const int errs[] = {
    0,
    X509_V_ERR_HOSTNAME_MISMATCH,
    X509_V_ERR_IP_ADDRESS_MISMATCH,
    X509_V_ERR_CERT_HAS_EXPIRED,
    X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
    X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
    X509_V_ERR_CERT_REVOKED,
};

#define TEXT_OK(f) FUZZ_CHECK(memchr((f), '\0', sizeof(f)) != NULL)

static void check_info(const struct nc_tls_info *i)
{
    FUZZ_CHECK(i->present);
    TEXT_OK(i->subject);
    TEXT_OK(i->issuer);
    TEXT_OK(i->root);
    TEXT_OK(i->root_cn);
    TEXT_OK(i->top_issuer_cn);
    TEXT_OK(i->not_before);
    TEXT_OK(i->not_after);
    FUZZ_CHECK(i->not_before[0] != '\0' || i->not_before_t == 0);
    FUZZ_CHECK(i->not_after[0] != '\0' || i->not_after_t == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    X509 *certs[MAX_CERTS];
    const unsigned char *p;
    struct tls_capture c;
    char names[256];
    const char *host;
    size_t n = 0, i;
    enum nc_cert cert;
    int err;

    if (size < 2)
        return 0;
    err = errs[(data[0] & 0x7f) % (sizeof(errs) / sizeof(errs[0]))];
    host = data[0] & 0x80 ? "198.51.100.7" : "www.example.com";
    p = data + 1;
    while (n < MAX_CERTS && p < data + size) {
        X509 *x = d2i_X509(NULL, &p, (long)(data + size - p));

        if (x == NULL)
            break;
        certs[n++] = x;
    }
    if (n > 0) {
        memset(&c, 0, sizeof(c));
        tls_info_from_chain(certs[0], certs[n - 1], &c.info);
        check_info(&c.info);
        c.verify_err = err;
        c.leaf = certs[0];
        memset(names, 0x5a, sizeof(names));
        cert = tls_capture_cert(&c, host, names, sizeof(names));
        FUZZ_CHECK(cert < NC_CERT_MAX);
        TEXT_OK(names);
        if (err == X509_V_ERR_HOSTNAME_MISMATCH ||
            err == X509_V_ERR_IP_ADDRESS_MISMATCH)
            FUZZ_CHECK(cert == NC_CERT_NAME_MISMATCH);
    }
    for (i = 0; i < n; i++)
        X509_free(certs[i]);
    return 0;
}
