/* The system's trust store: the CA certificates a client on this system
 * trusts when it is not given a bundle of its own. */
#ifndef NC_TRUSTSTORE_H
#define NC_TRUSTSTORE_H

#include <openssl/types.h>

/*! Add the system's trusted CA certificates to store. Linux: OpenSSL's
 *  default locations (its cert.pem file and certs/ directory, or
 *  SSL_CERT_FILE and SSL_CERT_DIR when set); Windows: the LocalMachine
 *  ROOT store, with the Group Policy and Enterprise roots.
 *  \return 1 on success, 0 on failure with the reason in OpenSSL's error
 *  queue (the X509_STORE_* convention) */
int truststore_system_load(X509_STORE *store);

/*! A sentence to add to tls_untrusted when the system's store was used and
 *  a root is missing from it, or NULL. Windows: it may fetch the root on
 *  demand (automatic root update), so a root absent from the store is not
 *  necessarily interception. */
const char *truststore_untrusted_note(void);

#endif
