/* tls.c without sockets: fixture certificates (tests/unit/data/tls, see its
 * README for how they were made and where the expected values come from)
 * described by tls_info_from_chain, and verify errors mapped by
 * tls_capture_cert. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "tls.h"

enum fx_cert { FX_ROOT, FX_LEAF, FX_SELF, FX_INTER, FX_CHAIN, FX_NOCN, FX_MAX };

static const char *const fx_files[FX_MAX] = {
    [FX_ROOT] = "root.pem",   [FX_LEAF] = "leaf.pem",   [FX_SELF] = "self.pem",
    [FX_INTER] = "inter.pem", [FX_CHAIN] = "chain.pem", [FX_NOCN] = "nocn.pem",
};

struct fx {
    X509 *cert[FX_MAX];
};

static X509 *fx_load(const char *name)
{
    char path[512];
    X509 *x;
    FILE *f;

    (void)snprintf(path, sizeof(path), "%s/tls/%s", NC_TEST_DATA, name);
    f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    x = PEM_read_X509(f, NULL, NULL, NULL);
    (void)fclose(f);
    return x;
}

static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof(*fx));
    size_t i;

    if (fx == NULL)
        return -1;
    *state = fx;
    for (i = 0; i < FX_MAX; i++) {
        fx->cert[i] = fx_load(fx_files[i]);
        if (fx->cert[i] == NULL) {
            print_error("cannot load fixture %s\n", fx_files[i]);
            return -1;
        }
    }
    return 0;
}

static int fx_teardown(void **state)
{
    struct fx *fx = *state;
    size_t i;

    if (fx == NULL)
        return 0;
    for (i = 0; i < FX_MAX; i++)
        X509_free(fx->cert[i]);
    free(fx);
    *state = NULL;
    return 0;
}

/* What tls_info_from_chain must say about one (leaf, top) pair. */
struct info_case {
    const char *name;
    enum fx_cert leaf, top;
    const char *subject, *issuer, *root, *root_cn;
    const char *top_issuer_cn; /* who signed the top */
    bool root_self_signed, leaf_self_signed;
    const char *not_before, *not_after;
    long long not_before_t, not_after_t; /* date -u -d ... +%s */
};

static const struct info_case info_cases[] = {
    {"leaf and its root", FX_LEAF, FX_ROOT,
     "O=Netcheck Fixtures,CN=leaf.example.test",
     "O=Netcheck Fixtures,CN=Fixture Public Root CA",
     "O=Netcheck Fixtures,CN=Fixture Public Root CA", "Fixture Public Root CA",
     "Fixture Public Root CA", true, false,
     /* notBefore is a UTCTime, notAfter a GeneralizedTime (>= 2050). */
     "2024-01-02T03:04:05Z", "2051-06-07T08:09:10Z", 1704164645LL,
     2569738150LL},
    {"self-signed leaf alone", FX_SELF, FX_SELF, "CN=self.example.test",
     "CN=self.example.test", "CN=self.example.test", "self.example.test",
     "self.example.test", true, true,
     /* A leap day. */
     "2020-02-29T12:00:00Z", "2021-03-01T00:00:00Z", 1582977600LL,
     1614556800LL},
    {"chain stops at an intermediate", FX_CHAIN, FX_INTER,
     "CN=chain.example.test", "O=Netcheck Fixtures,CN=Fixture Issuing CA 1",
     "O=Netcheck Fixtures,CN=Fixture Issuing CA 1", "Fixture Issuing CA 1",
     "Fixture Public Root CA", false, false,
     /* UTCTime 99 is 1999, 49 is 2049 (RFC 5280 §4.1.2.5.1). */
     "1999-12-31T23:59:59Z", "2049-12-31T23:59:59Z", 946684799LL, 2524607999LL},
    {"a root alone", FX_ROOT, FX_ROOT,
     "O=Netcheck Fixtures,CN=Fixture Public Root CA",
     "O=Netcheck Fixtures,CN=Fixture Public Root CA",
     "O=Netcheck Fixtures,CN=Fixture Public Root CA", "Fixture Public Root CA",
     "Fixture Public Root CA", true, true, "2023-01-01T00:00:00Z",
     "2053-01-01T00:00:00Z", 1672531200LL, 2619302400LL},
    {"root without a CN", FX_NOCN, FX_NOCN, "O=No Common Name Org",
     "O=No Common Name Org", "O=No Common Name Org", "", "", true, true,
     "2025-01-01T00:00:00Z", "2035-01-01T00:00:00Z", 1735689600LL,
     2051222400LL},
    {"leaf under an unrelated intermediate", FX_LEAF, FX_INTER,
     "O=Netcheck Fixtures,CN=leaf.example.test",
     "O=Netcheck Fixtures,CN=Fixture Public Root CA",
     "O=Netcheck Fixtures,CN=Fixture Issuing CA 1", "Fixture Issuing CA 1",
     "Fixture Public Root CA", false, false, "2024-01-02T03:04:05Z",
     "2051-06-07T08:09:10Z", 1704164645LL, 2569738150LL},
    /* The server sent its leaf alone: the top is the leaf, and who signed
     * it is the CA this machine would need. */
    {"leaf alone, issuer not sent", FX_LEAF, FX_LEAF,
     "O=Netcheck Fixtures,CN=leaf.example.test",
     "O=Netcheck Fixtures,CN=Fixture Public Root CA",
     "O=Netcheck Fixtures,CN=leaf.example.test", "leaf.example.test",
     "Fixture Public Root CA", false, false, "2024-01-02T03:04:05Z",
     "2051-06-07T08:09:10Z", 1704164645LL, 2569738150LL},
};

static void test_info_from_chain(void **state)
{
    struct fx *fx = *state;
    size_t i;

    for (i = 0; i < sizeof(info_cases) / sizeof(info_cases[0]); i++) {
        const struct info_case *k = &info_cases[i];
        struct nc_tls_info t;

        /* Stale text in every field: each must be overwritten. */
        memset(&t, 'x', sizeof(t));
        t.subject[sizeof(t.subject) - 1] = '\0';
        t.issuer[sizeof(t.issuer) - 1] = '\0';
        t.root[sizeof(t.root) - 1] = '\0';
        t.root_cn[sizeof(t.root_cn) - 1] = '\0';
        t.top_issuer_cn[sizeof(t.top_issuer_cn) - 1] = '\0';
        t.not_before[sizeof(t.not_before) - 1] = '\0';
        t.not_after[sizeof(t.not_after) - 1] = '\0';
        t.present = false;
        t.root_self_signed = !k->root_self_signed;
        t.leaf_self_signed = !k->leaf_self_signed;

        tls_info_from_chain(fx->cert[k->leaf], fx->cert[k->top], &t);
        print_message("case: %s\n", k->name);
        assert_true(t.present);
        assert_string_equal(t.subject, k->subject);
        assert_string_equal(t.issuer, k->issuer);
        assert_string_equal(t.root, k->root);
        assert_string_equal(t.root_cn, k->root_cn);
        assert_string_equal(t.top_issuer_cn, k->top_issuer_cn);
        assert_int_equal(t.root_self_signed, k->root_self_signed);
        assert_int_equal(t.leaf_self_signed, k->leaf_self_signed);
        assert_string_equal(t.not_before, k->not_before);
        assert_string_equal(t.not_after, k->not_after);
        assert_true(t.not_before_t == k->not_before_t);
        assert_true(t.not_after_t == k->not_after_t);
    }
}

/* The _t values agree with OpenSSL's own comparison of the same times. */
static void test_info_times_match_openssl(void **state)
{
    struct fx *fx = *state;
    size_t i;

    for (i = 0; i < FX_MAX; i++) {
        struct nc_tls_info t;
        time_t before, after;

        memset(&t, 0, sizeof(t));
        tls_info_from_chain(fx->cert[i], fx->cert[i], &t);
        before = (time_t)t.not_before_t;
        after = (time_t)t.not_after_t;
        /* The second itself: not before it (cmp 0 means "equal"), and
         * one second earlier is before it. */
        assert_int_equal(
            X509_cmp_time(X509_get0_notBefore(fx->cert[i]), &before), -1);
        before--;
        assert_int_equal(
            X509_cmp_time(X509_get0_notBefore(fx->cert[i]), &before), 1);
        assert_int_equal(X509_cmp_time(X509_get0_notAfter(fx->cert[i]), &after),
                         -1);
        after--;
        assert_int_equal(X509_cmp_time(X509_get0_notAfter(fx->cert[i]), &after),
                         1);
    }
}

/* ---- tls_capture_cert ---- */

struct err_case {
    int verify_err;
    enum nc_cert want;
};

static const struct err_case err_cases[] = {
    {X509_V_ERR_CERT_HAS_EXPIRED, NC_CERT_EXPIRED},
    {X509_V_ERR_CERT_NOT_YET_VALID, NC_CERT_NOT_YET_VALID},
    {X509_V_ERR_HOSTNAME_MISMATCH, NC_CERT_NAME_MISMATCH},
    {X509_V_ERR_IP_ADDRESS_MISMATCH, NC_CERT_NAME_MISMATCH},
    {X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, NC_CERT_UNTRUSTED},
    {X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, NC_CERT_UNTRUSTED},
    {X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, NC_CERT_UNTRUSTED},
    {X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, NC_CERT_UNTRUSTED},
    {X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, NC_CERT_UNTRUSTED},
    {X509_V_ERR_CERT_UNTRUSTED, NC_CERT_UNTRUSTED},
    {X509_V_ERR_CERT_SIGNATURE_FAILURE, NC_CERT_UNTRUSTED},
    {X509_V_ERR_INVALID_CA, NC_CERT_UNTRUSTED},
    /* Neither expired, untrusted nor the name: tls_failed upstream. */
    {X509_V_ERR_CERT_REVOKED, NC_CERT_OTHER},
    {X509_V_ERR_INVALID_PURPOSE, NC_CERT_OTHER},
    {X509_V_ERR_CERT_CHAIN_TOO_LONG, NC_CERT_OTHER},
    {X509_V_ERR_UNSPECIFIED, NC_CERT_OTHER},
    /* Verified, and no leaf to check the name on: nothing to say. */
    {0, NC_CERT_OTHER},
};

static void test_capture_cert_errors(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(err_cases) / sizeof(err_cases[0]); i++) {
        struct tls_capture c;
        char names[64] = "stale";

        memset(&c, 0, sizeof(c));
        c.verify_err = err_cases[i].verify_err;
        print_message("verify_err %d (%s)\n", c.verify_err,
                      X509_verify_cert_error_string(c.verify_err));
        assert_int_equal(
            tls_capture_cert(&c, "leaf.example.test", names, sizeof(names)),
            err_cases[i].want);
        /* No leaf: no names, and the buffer says so. */
        assert_string_equal(names, "");
        tls_capture_release(&c);
        assert_null(c.leaf);
    }
}

/* A capture holding the fixture leaf (a counted reference, as the verify
 * callback keeps it). */
static void capture_with(struct tls_capture *c, X509 *leaf, int err)
{
    memset(c, 0, sizeof(*c));
    assert_int_equal(X509_up_ref(leaf), 1);
    c->leaf = leaf;
    c->verify_err = err;
    c->seen = true;
}

struct name_case {
    enum fx_cert leaf;
    int verify_err;
    const char *host;
    enum nc_cert want;
    const char *names;
};

static const struct name_case name_cases[] = {
    /* OpenSSL reported the mismatch: list the DNS names (never the IP). */
    {FX_LEAF, X509_V_ERR_HOSTNAME_MISMATCH, "other.example.test",
     NC_CERT_NAME_MISMATCH, "leaf.example.test, www.leaf.example.test"},
    {FX_LEAF, X509_V_ERR_IP_ADDRESS_MISMATCH, "192.0.2.8",
     NC_CERT_NAME_MISMATCH, "leaf.example.test, www.leaf.example.test"},
    /* Verified: the name is checked here, with curl's rules. */
    {FX_LEAF, 0, "leaf.example.test", NC_CERT_OTHER, ""},
    {FX_LEAF, 0, "WWW.Leaf.Example.Test", NC_CERT_OTHER, ""},
    {FX_LEAF, 0, "192.0.2.7", NC_CERT_OTHER, ""},
    {FX_LEAF, 0, "192.0.2.8", NC_CERT_NAME_MISMATCH,
     "leaf.example.test, www.leaf.example.test"},
    {FX_LEAF, 0, "x.leaf.example.test", NC_CERT_NAME_MISMATCH,
     "leaf.example.test, www.leaf.example.test"},
    {FX_LEAF, 0, "example.test", NC_CERT_NAME_MISMATCH,
     "leaf.example.test, www.leaf.example.test"},
    {FX_CHAIN, 0, "leaf.example.test", NC_CERT_NAME_MISMATCH,
     "chain.example.test"},
    /* No SAN: the subject's CN is named instead; without one, nothing. */
    {FX_ROOT, 0, "leaf.example.test", NC_CERT_NAME_MISMATCH,
     "CN Fixture Public Root CA"},
    {FX_NOCN, X509_V_ERR_HOSTNAME_MISMATCH, "leaf.example.test",
     NC_CERT_NAME_MISMATCH, ""},
    /* The other errors win over a leaf that would not match either. */
    {FX_LEAF, X509_V_ERR_CERT_HAS_EXPIRED, "other.example.test",
     NC_CERT_EXPIRED, ""},
    {FX_SELF, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, "other.example.test",
     NC_CERT_UNTRUSTED, ""},
};

static void test_capture_cert_names(void **state)
{
    struct fx *fx = *state;
    size_t i;

    for (i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]); i++) {
        const struct name_case *k = &name_cases[i];
        struct tls_capture c;
        char names[256] = "stale";

        capture_with(&c, fx->cert[k->leaf], k->verify_err);
        print_message("%s on %s, verify_err %d\n", k->host, fx_files[k->leaf],
                      k->verify_err);
        assert_int_equal(tls_capture_cert(&c, k->host, names, sizeof(names)),
                         k->want);
        assert_string_equal(names, k->names);
        tls_capture_release(&c);
        assert_null(c.leaf);
    }
}

/* A short buffer keeps whole names only, and stays terminated. */
static void test_capture_cert_names_bounded(void **state)
{
    struct fx *fx = *state;
    struct tls_capture c;
    char names[32];

    memset(names, '#', sizeof(names));
    capture_with(&c, fx->cert[FX_LEAF], X509_V_ERR_HOSTNAME_MISMATCH);
    /* "leaf.example.test" (17) fits; ", www.leaf.example.test" does not. */
    assert_int_equal(tls_capture_cert(&c, "x.example.test", names, 24),
                     NC_CERT_NAME_MISMATCH);
    assert_string_equal(names, "leaf.example.test");
    /* Nothing written past the 24 bytes it was given. */
    assert_int_equal(names[24], '#');
    assert_int_equal(names[31], '#');
    tls_capture_release(&c);
}

/* Release is safe twice and on a zeroed capture. */
static void test_capture_release(void **state)
{
    struct fx *fx = *state;
    struct tls_capture c;

    memset(&c, 0, sizeof(c));
    tls_capture_release(&c);
    assert_null(c.leaf);
    capture_with(&c, fx->cert[FX_SELF], 0);
    tls_capture_release(&c);
    assert_null(c.leaf);
    tls_capture_release(&c);
    assert_null(c.leaf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_info_from_chain),
        cmocka_unit_test(test_info_times_match_openssl),
        cmocka_unit_test(test_capture_cert_errors),
        cmocka_unit_test(test_capture_cert_names),
        cmocka_unit_test(test_capture_cert_names_bounded),
        cmocka_unit_test(test_capture_release),
    };

    return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
