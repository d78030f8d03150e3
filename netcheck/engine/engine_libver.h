/* Versions of the libraries the engine runs on: libcurl, OpenSSL, c-ares. */
#ifndef NC_ENGINE_LIBVER_H
#define NC_ENGINE_LIBVER_H

#include <stdbool.h>
#include <stddef.h>

#include "libver.h"

/*! libcurl: curl_version_info() at run time, LIBCURL_VERSION as built. */
void engine_libver_curl(struct nc_libver *v);

/*! Whether libcurl was built with SSPI (CURL_VERSION_SSPI): only then can
 *  a run as SYSTEM log on to a proxy as that account. */
bool engine_libver_curl_sspi(void);

/*! OpenSSL: OpenSSL_version(OPENSSL_VERSION_STRING) at run time,
 *  OPENSSL_VERSION_STR as built. */
void engine_libver_openssl(struct nc_libver *v);

/*! c-ares: ares_version() at run time, ARES_VERSION_STR as built. */
void engine_libver_cares(struct nc_libver *v);

/*! The TLS library libcurl itself runs on, as it names it
 *  ("OpenSSL/3.0.17"); "" when it has none. netcheck's TLS capture needs
 *  it to be OpenSSL. */
void engine_libver_curl_tls(char *buf, size_t n);

#endif
