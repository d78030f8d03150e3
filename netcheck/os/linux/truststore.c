/* On Linux the system trust store is a file and a directory whose
 * locations OpenSSL was built with (Debian: /usr/lib/ssl/cert.pem and
 * /usr/lib/ssl/certs, links into /etc/ssl), overridable by environment. */
#include "truststore.h"

#include <openssl/x509_vfy.h>

int truststore_system_load(X509_STORE *store)
{
    return X509_STORE_set_default_paths(store);
}

const char *truststore_untrusted_note(void)
{
    return NULL;
}
