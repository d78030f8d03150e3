/* The system's trust store: the CA certificates a client on this system
 * trusts when it is not given a bundle of its own. */
#ifndef NC_TRUSTSTORE_H
#define NC_TRUSTSTORE_H

#include <openssl/types.h>

/*! Add the system's trusted CA certificates to store. Linux: OpenSSL's
 *  default locations (its cert.pem file and certs/ directory, or
 *  SSL_CERT_FILE and SSL_CERT_DIR when set); Windows will read the ROOT
 *  certificate store.
 *  \return 1 on success, 0 on failure with the reason in OpenSSL's error
 *  queue (the X509_STORE_* convention) */
int truststore_system_load(X509_STORE *store);

#endif
