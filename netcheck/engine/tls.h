/* The run's trust store and what the verify callback saw of a peer chain.
 * OpenSSL stays inside tls.c; probe.c hands it curl's SSL_CTX. */
#ifndef NC_TLS_H
#define NC_TLS_H

#include <stdbool.h>
#include <stddef.h>

#include "result.h"
#include "verdict.h"

struct tls_store;

/* Per connection: filled by the verify callback during the handshake. */
struct tls_capture {
    int verify_err; /* first X509_V_ERR_*, 0 when none seen */
    bool seen;      /* the callback ran at all */
    void *leaf;     /* X509 *, owned (up-ref'd), for the name check */
    struct nc_tls_info info;
};

/*! Load the trust store once per run: path, or the system's when NULL.
 *  Parsing the bundle for every handle costs 26-29 ms each with Debian's
 *  libcurl (its CA cache is off when a CA path is compiled in).
 *  \return 0 and *out, or NC_EIO with why filled */
int tls_store_new(const char *path, struct tls_store **out, char *why,
                  size_t whylen);

/*! Free the store; NULL is a no-op. */
void tls_store_free(struct tls_store *s);

/*! Install the store, the name to verify (host name or IP literal) and
 *  the capturing verify callback into an SSL_CTX that curl is about to use
 *  (CURLOPT_SSL_CTX_FUNCTION).  \return 0 or NC_EINTERNAL */
int tls_ctx_setup(struct tls_store *s, void *ssl_ctx, const char *host,
                  struct tls_capture *c);

/*! Free what a capture holds; safe on a zeroed capture. */
void tls_capture_release(struct tls_capture *c);

/*! Map what the capture saw to an nc_cert verdict input. When the chain
 *  verified, the failure must be the host name: check it on the leaf and
 *  list the names the certificate holds in names. */
enum nc_cert tls_capture_cert(const struct tls_capture *c, const char *host,
                              char *names, size_t nameslen);

#ifdef NETCHECK_UNITTESTS
/*! Describe a chain from its leaf and top certificates (X509 *, the same
 *  one for a lone certificate): names, validity, self-signed flags. Pure
 *  OpenSSL, no socket: unit tests feed it fixture certificates. */
void tls_info_from_chain(const void *leaf, const void *top,
                         struct nc_tls_info *out);
#endif

#endif
