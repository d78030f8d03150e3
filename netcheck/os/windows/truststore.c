/* On Windows the trust store is the certificate store, not a file: the
 * LocalMachine ROOT store (the machine's trusted roots, what a service
 * running as SYSTEM such as the MARS agent trusts), plus the roots
 * Group Policy deploys and the Enterprise (Active Directory) roots, which
 * CryptoAPI trusts as well. Each certificate's DER goes into the
 * X509_STORE as OpenSSL's own certificate. */
#include <windows.h>
#include <wincrypt.h>
/* wincrypt.h names some structure types the way OpenSSL names its own
 * (curl's vtls/openssl.c does the same): ours are OpenSSL's. */
#undef X509_NAME
#undef X509_EXTENSIONS
#undef X509_CERT_PAIR
#undef PKCS7_ISSUER_AND_SERIAL
#undef OCSP_REQUEST
#undef OCSP_RESPONSE

#include <limits.h>

#include "truststore.h"

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

/* Add every certificate of one system store; a store that does not exist
 * (no Group Policy roots) adds nothing. \return how many were added */
static int truststore_add(X509_STORE *store, DWORD where)
{
    HCERTSTORE cs;
    PCCERT_CONTEXT cc = NULL;
    int added = 0;

    cs = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0,
                       where | CERT_STORE_OPEN_EXISTING_FLAG |
                           CERT_STORE_READONLY_FLAG,
                       L"ROOT");
    if (cs == NULL)
        return 0;
    while ((cc = CertEnumCertificatesInStore(cs, cc)) != NULL) {
        const unsigned char *der = cc->pbCertEncoded;
        X509 *x;

        if (cc->dwCertEncodingType != X509_ASN_ENCODING ||
            cc->cbCertEncoded > LONG_MAX)
            continue;
        x = d2i_X509(NULL, &der, (long)cc->cbCertEncoded);
        if (x == NULL) {
            ERR_clear_error(); /* one unreadable certificate is skipped */
            continue;
        }
        /* A duplicate (the same root in two stores) is not an error. */
        if (X509_STORE_add_cert(store, x) == 1)
            added++;
        else
            ERR_clear_error();
        X509_free(x);
    }
    (void)CertCloseStore(cs, 0);
    return added;
}

int truststore_system_load(X509_STORE *store)
{
    int n = truststore_add(store, CERT_SYSTEM_STORE_LOCAL_MACHINE);

    n += truststore_add(store, CERT_SYSTEM_STORE_LOCAL_MACHINE_GROUP_POLICY);
    n += truststore_add(store, CERT_SYSTEM_STORE_LOCAL_MACHINE_ENTERPRISE);
    if (n > 0)
        return 1;
    /* Nothing trusted would fail every TLS check as untrusted: say the
     * store could not be read instead (X509_STORE_* convention). */
    ERR_raise_data(ERR_LIB_X509, ERR_R_SYS_LIB,
                   "no certificate in the LocalMachine ROOT store");
    return 0;
}

/* CryptoAPI's automatic root update (the Certificate Trust List of
 * Windows Update) adds a trusted root the first time a chain needs it:
 * the store netcheck reads holds only the roots fetched so far. */
const char *truststore_untrusted_note(void)
{
    return "Windows may still trust the root: it fetches missing roots on "
           "demand (automatic root update), so a root absent from the "
           "LocalMachine store is not necessarily interception";
}
