#include "engine_libver.h"

/* ares.h uses fd_set without including what defines it. */
#ifndef _WIN32
#include <sys/select.h>
#endif

#include <ares.h>
#include <curl/curl.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>

#include "str.h"

void engine_libver_curl(struct nc_libver *v)
{
    const curl_version_info_data *d = curl_version_info(CURLVERSION_NOW);

    v->name = "libcurl";
    (void)nc_strlcpy(v->run, d != NULL && d->version ? d->version : "",
                     sizeof(v->run));
    (void)nc_strlcpy(v->built, LIBCURL_VERSION, sizeof(v->built));
}

void engine_libver_curl_tls(char *buf, size_t n)
{
    const curl_version_info_data *d = curl_version_info(CURLVERSION_NOW);

    (void)nc_strlcpy(buf, d != NULL && d->ssl_version ? d->ssl_version : "", n);
}

bool engine_libver_curl_sspi(void)
{
    const curl_version_info_data *d = curl_version_info(CURLVERSION_NOW);

    /* SSPI is what lets an empty proxy user mean "this account's own
     * logon" (Negotiate/NTLM through Windows' security packages). */
    return d != NULL && (d->features & CURL_VERSION_SSPI) != 0;
}

void engine_libver_openssl(struct nc_libver *v)
{
    v->name = "OpenSSL";
    (void)nc_strlcpy(v->run, OpenSSL_version(OPENSSL_VERSION_STRING),
                     sizeof(v->run));
    (void)nc_strlcpy(v->built, OPENSSL_VERSION_STR, sizeof(v->built));
}

void engine_libver_cares(struct nc_libver *v)
{
    v->name = "c-ares";
    (void)nc_strlcpy(v->run, ares_version(NULL), sizeof(v->run));
    (void)nc_strlcpy(v->built, ARES_VERSION_STR, sizeof(v->built));
}
