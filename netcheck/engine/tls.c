#include "tls.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "cidr.h"
#include "nc.h"
#include "str.h"
#include "truststore.h"

UNITTEST void tls_info_from_chain(const void *leaf_, const void *top_,
                                  struct nc_tls_info *out);

struct tls_store {
    X509_STORE *store;
};

/* SSL_CTX ex_data slot that points a verify callback at its capture.
 * Process-wide by OpenSSL's design; allocated once. */
static int arg_tls_ex_idx = -1;

int tls_store_new(const char *path, struct tls_store **out, char *why,
                  size_t whylen)
{
    struct tls_store *s;
    int ok;

    if (arg_tls_ex_idx < 0)
        arg_tls_ex_idx = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
    if (arg_tls_ex_idx < 0)
        return NC_EINTERNAL;
    s = nc_calloc(1, sizeof(*s));
    if (s == NULL)
        return NC_ENOMEM;
    s->store = X509_STORE_new();
    if (s->store == NULL) {
        nc_free(s);
        return NC_ENOMEM;
    }
    if (path != NULL)
        ok = X509_STORE_load_file(s->store, path);
    else
        ok = truststore_system_load(s->store);
    if (ok != 1) {
        unsigned long e = ERR_peek_last_error();

        /* OpenSSL's reason for a missing file is "system lib". */
        if (path != NULL && access(path, R_OK) != 0)
            (void)nc_snprintf(why, whylen, "cannot read CA bundle '%s': %s",
                              path, strerror(errno));
        else
            (void)nc_snprintf(why, whylen, "cannot load CA bundle '%s': %s",
                              path ? path : "system default",
                              e ? ERR_reason_error_string(e)
                                : "no certificates");
        ERR_clear_error();
        tls_store_free(s);
        return NC_EIO;
    }
    /* curl trusts an intermediate placed in the bundle; do the same. */
    (void)X509_STORE_set_flags(s->store, X509_V_FLAG_PARTIAL_CHAIN);
    *out = s;
    return 0;
}

void tls_store_free(struct tls_store *s)
{
    if (s == NULL)
        return;
    X509_STORE_free(s->store);
    nc_free(s);
}

static void tls_name(const X509_NAME *name, char *dst, size_t n)
{
    BIO *b = BIO_new(BIO_s_mem());
    int len;

    dst[0] = '\0';
    if (b == NULL)
        return;
    if (X509_NAME_print_ex(b, name, 0, XN_FLAG_RFC2253) >= 0) {
        len = BIO_read(b, dst, (int)n - 1);
        dst[len > 0 ? len : 0] = '\0';
    }
    BIO_free(b);
}

static void tls_cn(const X509_NAME *name, char *dst, size_t n)
{
    int idx = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    const ASN1_STRING *cn =
        idx >= 0 ? X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx))
                 : NULL;
    int len = cn ? ASN1_STRING_length(cn) : 0;

    dst[0] = '\0';
    if (cn != NULL && len > 0)
        (void)snprintf(dst, n, "%.*s", len,
                       (const char *)ASN1_STRING_get0_data(cn));
}

/* "YYYY-MM-DDTHH:MM:SSZ" and seconds since 1970 of an ASN.1 time. */
static void tls_time(const ASN1_TIME *t, char *dst, size_t n, long long *secs)
{
    static const struct tm epoch = {.tm_year = 70, .tm_mday = 1};
    struct tm tm;
    int day, sec;

    dst[0] = '\0';
    *secs = 0;
    if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1)
        return;
    (void)nc_snprintf(dst, n, "%04d-%02d-%02dT%02d:%02d:%02dZ",
                      tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                      tm.tm_min, tm.tm_sec);
    /* timegm(3) is not in POSIX: OpenSSL's own calendar arithmetic. */
    if (OPENSSL_gmtime_diff(&day, &sec, &epoch, &tm) == 1)
        *secs = (long long)day * 86400 + sec;
}

/* Signed by its own key under its own name. Not X509_check_issued(x, x):
 * that also wants keyCertSign, which a server's self-signed certificate
 * usually lacks. */
static bool tls_self_signed(X509 *x)
{
    EVP_PKEY *key = X509_get0_pubkey(x);
    bool r;

    if (key == NULL ||
        X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)) != 0)
        return false;
    r = X509_verify(x, key) == 1;
    ERR_clear_error();
    return r;
}

UNITTEST void tls_info_from_chain(const void *leaf_, const void *top_,
                                  struct nc_tls_info *out)
{
    X509 *leaf = (X509 *)(uintptr_t)leaf_, *top = (X509 *)(uintptr_t)top_;

    out->present = true;
    tls_name(X509_get_subject_name(leaf), out->subject, sizeof(out->subject));
    tls_name(X509_get_issuer_name(leaf), out->issuer, sizeof(out->issuer));
    tls_name(X509_get_subject_name(top), out->root, sizeof(out->root));
    tls_cn(X509_get_subject_name(top), out->root_cn, sizeof(out->root_cn));
    tls_cn(X509_get_issuer_name(top), out->top_issuer_cn,
           sizeof(out->top_issuer_cn));
    out->root_self_signed = tls_self_signed(top);
    out->leaf_self_signed = tls_self_signed(leaf);
    tls_time(X509_get0_notBefore(leaf), out->not_before,
             sizeof(out->not_before), &out->not_before_t);
    tls_time(X509_get0_notAfter(leaf), out->not_after, sizeof(out->not_after),
             &out->not_after_t);
}

static void tls_capture_chain(struct tls_capture *c, X509_STORE_CTX *xs,
                              SSL *ssl)
{
    STACK_OF(X509) *chain = X509_STORE_CTX_get0_chain(xs);
    X509 *leaf = X509_STORE_CTX_get0_cert(xs);
    X509 *top = leaf;
    int n = chain ? sk_X509_num(chain) : 0;
    const SSL_CIPHER *cipher = SSL_get_current_cipher(ssl);

    if (n > 0) {
        leaf = sk_X509_value(chain, 0);
        top = sk_X509_value(chain, n - 1);
    }
    if (leaf == NULL)
        return;
    if (c->leaf != NULL)
        X509_free(c->leaf);
    c->leaf = X509_up_ref(leaf) == 1 ? leaf : NULL;
    tls_info_from_chain(leaf, top, &c->info);
    (void)nc_strlcpy(c->info.version, SSL_get_version(ssl),
                     sizeof(c->info.version));
    if (cipher != NULL)
        (void)nc_strlcpy(c->info.cipher, SSL_CIPHER_get_name(cipher),
                         sizeof(c->info.cipher));
}

/* Records the chain and the first error; never changes the outcome. */
static int tls_verify_cb(int ok, X509_STORE_CTX *xs)
{
    SSL *ssl =
        X509_STORE_CTX_get_ex_data(xs, SSL_get_ex_data_X509_STORE_CTX_idx());
    struct tls_capture *c;

    if (ssl == NULL)
        return ok;
    c = SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), arg_tls_ex_idx);
    if (c == NULL)
        return ok;
    c->seen = true;
    if (!ok && c->verify_err == 0)
        c->verify_err = X509_STORE_CTX_get_error(xs);
    if (!ok || X509_STORE_CTX_get_error_depth(xs) == 0)
        tls_capture_chain(c, xs, ssl);
    return ok;
}

int tls_ctx_setup(struct tls_store *s, void *ssl_ctx, const char *host,
                  struct tls_capture *c)
{
    SSL_CTX *ctx = ssl_ctx;
    X509_VERIFY_PARAM *param = SSL_CTX_get0_param(ctx);
    struct nc_addr literal;
    int ok;

    SSL_CTX_set1_cert_store(ctx, s->store);
    /* Let OpenSSL check the name during verification, with curl's rules
     * (no partial wildcards such as v*.example.com), so a mismatch reaches
     * the verify callback as X509_V_ERR_HOSTNAME_MISMATCH instead of being
     * guessed from curl's error afterwards. */
    X509_VERIFY_PARAM_set_hostflags(param,
                                    X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (nc_addr_parse(host, &literal) == 0)
        ok = X509_VERIFY_PARAM_set1_ip_asc(param, host);
    else
        ok = X509_VERIFY_PARAM_set1_host(param, host, 0);
    if (ok != 1)
        return NC_EINTERNAL;
    if (SSL_CTX_set_ex_data(ctx, arg_tls_ex_idx, c) != 1)
        return NC_EINTERNAL;
    SSL_CTX_set_verify(ctx, SSL_CTX_get_verify_mode(ctx), tls_verify_cb);
    return 0;
}

void tls_capture_release(struct tls_capture *c)
{
    if (c->leaf != NULL)
        X509_free(c->leaf);
    c->leaf = NULL;
}

static void tls_san_names(X509 *leaf, char *names, size_t n)
{
    GENERAL_NAMES *gens =
        X509_get_ext_d2i(leaf, NID_subject_alt_name, NULL, NULL);
    size_t used = 0;
    int i;

    names[0] = '\0';
    for (i = 0; gens != NULL && i < sk_GENERAL_NAME_num(gens); i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
        char one[300];
        int len;

        if (g->type == GEN_DNS)
            len = snprintf(one, sizeof(one), "%s%.*s", used ? ", " : "",
                           ASN1_STRING_length(g->d.dNSName),
                           (const char *)ASN1_STRING_get0_data(g->d.dNSName));
        else
            continue;
        if (len < 0 || used + (size_t)len + 1 > n)
            break;
        memcpy(names + used, one, (size_t)len + 1);
        used += (size_t)len;
    }
    GENERAL_NAMES_free(gens);
    if (used == 0) {
        X509_NAME *sub = X509_get_subject_name(leaf);
        int idx = X509_NAME_get_index_by_NID(sub, NID_commonName, -1);
        ASN1_STRING *cn =
            idx >= 0 ? X509_NAME_ENTRY_get_data(X509_NAME_get_entry(sub, idx))
                     : NULL;

        if (cn != NULL)
            (void)snprintf(names, n, "CN %.*s", ASN1_STRING_length(cn),
                           (const char *)ASN1_STRING_get0_data(cn));
    }
}

enum nc_cert tls_capture_cert(const struct tls_capture *c, const char *host,
                              char *names, size_t nameslen)
{
    struct nc_addr literal;

    names[0] = '\0';
    switch (c->verify_err) {
    case 0:
        break;
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return NC_CERT_EXPIRED;
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return NC_CERT_NOT_YET_VALID;
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        if (c->leaf != NULL)
            tls_san_names(c->leaf, names, nameslen);
        return NC_CERT_NAME_MISMATCH;
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_CERT_UNTRUSTED:
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_INVALID_CA:
        return NC_CERT_UNTRUSTED;
    default:
        return NC_CERT_OTHER;
    }
    /* The chain verified, yet curl rejected the peer: its own host name
     * check (curl 7.88 does it after the handshake) is what failed. */
    if (c->leaf == NULL)
        return NC_CERT_OTHER;
    if (nc_addr_parse(host, &literal) == 0
            ? X509_check_ip_asc(c->leaf, host, 0) != 1
            : X509_check_host(c->leaf, host, strlen(host),
                              X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS,
                              NULL) != 1) {
        tls_san_names(c->leaf, names, nameslen);
        return NC_CERT_NAME_MISMATCH;
    }
    return NC_CERT_OTHER;
}
