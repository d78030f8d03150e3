/* result.c: a check result's growable address list (and its cap of
 * NC_MAX_ADDRS_PER_FAMILY per family, NC_MAX_ADDRS in all), its CNAMEs,
 * TLS facts and texts, each owned by the result and freed by
 * result_release; allocation failures leave the result as it was. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "fixture_alloc.h"
#include "nc.h"
#include "result.h"
#include "str.h"

/* Add n addresses (one reserve of `reserve` first, 0: none), then check
 * what was kept, what the array holds, and that each entry starts out
 * blank (no range rule, no timing). */
struct grow_case {
    const char *name;
    size_t reserve; /* result_addrs_reserve first; 0: grow one by one */
    int reserve_rc;
    size_t add;        /* result_addr_add calls */
    size_t kept;       /* n_addrs after them */
    size_t total;      /* addrs_total set by the caller (0: none) */
    size_t want_total; /* result_addrs_total */
};

static const struct grow_case grow_cases[] = {
    {"none", 0, 0, 0, 0, 0, 0},
    {"one", 0, 0, 1, 1, 0, 1},
    {"three, doubling", 0, 0, 3, 3, 0, 3},
    {"exact reserve", 5, 0, 5, 5, 5, 5},
    {"reserve more than added", 8, 0, 2, 2, 0, 2},
    {"up to the cap", 0, 0, NC_MAX_ADDRS, NC_MAX_ADDRS, 0, NC_MAX_ADDRS},
    {"past the cap: kept at it", 0, 0, NC_MAX_ADDRS + 10, NC_MAX_ADDRS, 0,
     NC_MAX_ADDRS},
    {"reserve past the cap refused", NC_MAX_ADDRS + 1, NC_ELIMIT, 4, 4, 0, 4},
    {"capped answer: total beyond kept", NC_MAX_ADDRS_PER_FAMILY, 0,
     NC_MAX_ADDRS_PER_FAMILY, NC_MAX_ADDRS_PER_FAMILY, 100, 100},
    {"total below kept reads as kept", 0, 0, 3, 3, 1, 3},
};

static void test_addrs_grow(void **state)
{
    size_t i, j;

    (void)state;
    for (i = 0; i < sizeof(grow_cases) / sizeof(grow_cases[0]); i++) {
        const struct grow_case *k = &grow_cases[i];
        struct nc_check_result r;
        size_t got = 0;

        print_message("case: %s\n", k->name);
        result_init(&r, NULL);
        if (k->reserve > 0)
            assert_int_equal(result_addrs_reserve(&r, k->reserve),
                             k->reserve_rc);
        for (j = 0; j < k->add; j++) {
            struct nc_addr_result *a = result_addr_add(&r);

            if (a == NULL)
                continue;
            got++;
            assert_int_equal(a->in_ranges, -1);
            assert_true(a->t.connect < 0 && a->t.total < 0);
            assert_int_equal(a->status, NC_STATUS_PASS);
            a->addr.family = 4;
            a->addr.bytes[3] = (unsigned char)j;
        }
        r.addrs_total = (unsigned)k->total;
        assert_int_equal(got, k->kept);
        assert_int_equal(r.n_addrs, k->kept);
        assert_true(r.cap_addrs >= r.n_addrs && r.cap_addrs <= NC_MAX_ADDRS);
        assert_int_equal(result_addrs_total(&r), k->want_total);
        /* Growing kept what was there, in order. */
        for (j = 0; j < r.n_addrs; j++)
            assert_int_equal(r.addrs[j].addr.bytes[3], (unsigned char)j);
        result_release(&r);
        assert_null(r.addrs);
        assert_int_equal(r.n_addrs, 0);
        assert_int_equal(r.cap_addrs, 0);
        result_release(&r); /* twice: a no-op */
    }
    result_release(NULL);
}

/* CNAMEs: copies, cut at NC_MAX_CNAME_LEN, at most NC_MAX_CNAMES. */
static void test_cnames(void **state)
{
    struct nc_check_result r;
    char longname[NC_MAX_CNAME_LEN + 40];
    size_t i;

    (void)state;
    result_init(&r, NULL);
    memset(longname, 'x', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    assert_int_equal(result_cname_add(&r, "a.example.net"), 0);
    assert_int_equal(result_cname_add(&r, longname), 0);
    assert_string_equal(r.cnames[0], "a.example.net");
    assert_int_equal(strlen(r.cnames[1]), NC_MAX_CNAME_LEN);
    for (i = r.n_cnames; i < NC_MAX_CNAMES; i++)
        assert_int_equal(result_cname_add(&r, "b.example.net"), 0);
    assert_int_equal(result_cname_add(&r, "c.example.net"), NC_ELIMIT);
    assert_int_equal(r.n_cnames, NC_MAX_CNAMES);
    result_release(&r);
    assert_null(r.cnames);
    assert_int_equal(r.n_cnames, 0);
}

/* TLS facts are copied only when a handshake was seen. */
static void test_tls(void **state)
{
    struct nc_check_result r;
    struct nc_tls_info seen, none;

    (void)state;
    result_init(&r, NULL);
    memset(&seen, 0, sizeof(seen));
    memset(&none, 0, sizeof(none));
    assert_false(result_tls(&r)->present);
    assert_int_equal(result_tls_set(&r, &none), 0);
    assert_null(r.tls);
    seen.present = true;
    (void)nc_snprintf(seen.subject, sizeof(seen.subject), "CN=a");
    assert_int_equal(result_tls_set(&r, &seen), 0);
    assert_non_null(r.tls);
    assert_string_equal(result_tls(&r)->subject, "CN=a");
    assert_int_equal(result_tls_set(&r, &none), 0); /* seen no more */
    assert_null(r.tls);
    assert_int_equal(result_tls_set(&r, &seen), 0);
    result_release(&r);
    assert_null(r.tls);
}

/* Texts: "" until set, exact-size copies cut at their maximum, appends,
 * clears. */
struct text_case {
    const char *name;
    const char *set;    /* result_printf "%s" of it; NULL: not called */
    const char *append; /* then result_appendf "%s"; NULL: not called */
    size_t max;
    const char *want;
};

static const struct text_case text_cases[] = {
    {"untouched", NULL, NULL, 16, ""},
    {"set", "refused", NULL, 16, "refused"},
    {"cut at max - 1", "0123456789abcdefXYZ", NULL, 16, "0123456789abcde"},
    {"append", "a", "; b", 16, "a; b"},
    {"append cut", "0123456789", "abcdefXYZ", 16, "0123456789abcde"},
    {"append to empty", NULL, "x", 16, "x"},
    {"append to full", "0123456789abcdefXYZ", "more", 16, "0123456789abcde"},
    {"set empty", "", NULL, 16, ""},
    {"emptied", "", "", 16, ""},
};

static void test_texts(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(text_cases) / sizeof(text_cases[0]); i++) {
        const struct text_case *k = &text_cases[i];
        struct nc_check_result r;

        print_message("case: %s\n", k->name);
        result_init(&r, NULL);
        assert_string_equal(r.detail, "");
        assert_string_equal(r.action, "");
        if (k->set != NULL)
            assert_int_equal(result_printf(&r, &r.detail, k->max, "%s", k->set),
                             0);
        if (k->append != NULL)
            assert_int_equal(
                result_appendf(&r, &r.detail, k->max, "%s", k->append), 0);
        assert_string_equal(r.detail, k->want);
        assert_string_equal(r.action, ""); /* the shared "" untouched */
        if (k->want[0] == '\0')            /* nothing allocated for "" */
            assert_ptr_equal(r.detail, r.action);
        assert_false(r.oom);
        result_text_clear(&r.detail);
        assert_string_equal(r.detail, "");
        result_release(&r);
    }
}

/* The schemes a proxy offered: grown one at a time, each cut, at most
 * NC_PROXY_AUTH_MAX, none allocated until the first; freed by
 * result_release. */
static void test_proxy_auth(void **state)
{
    struct nc_check_result r;
    size_t i;

    (void)state;
    result_init(&r, NULL);
    assert_null(r.proxy_auth);
    assert_int_equal(result_proxy_auth_add(&r, "Basic"), 0);
    assert_int_equal(result_proxy_auth_add(&r, "a-scheme-longer-than-16"), 0);
    assert_int_equal(r.n_proxy_auth, 2);
    assert_string_equal(r.proxy_auth[0], "Basic");
    assert_string_equal(r.proxy_auth[1], "a-scheme-longer");
    for (i = 2; i < NC_PROXY_AUTH_MAX; i++)
        assert_int_equal(result_proxy_auth_add(&r, "NTLM"), 0);
    assert_int_equal(result_proxy_auth_add(&r, "Negotiate"), NC_ELIMIT);
    assert_int_equal(r.n_proxy_auth, NC_PROXY_AUTH_MAX);
    assert_false(r.oom);
    result_release(&r);
    assert_null(r.proxy_auth);
    assert_int_equal(r.n_proxy_auth, 0);
}

/* An address's detail: "" when new, a text of its result (cut at
 * NC_ADDR_DETAIL_MAX - 1), freed with the result; a zeroed entry reads
 * as "". */
static void test_addr_detail(void **state)
{
    struct nc_check_result r;
    struct nc_addr_result *a, zero;
    char long_text[NC_ADDR_DETAIL_MAX + 10];

    (void)state;
    memset(&zero, 0, sizeof(zero));
    assert_string_equal(result_addr_detail(&zero), "");
    result_init(&r, NULL);
    a = result_addr_add(&r);
    assert_non_null(a);
    assert_string_equal(result_addr_detail(a), "");
    memset(long_text, 'd', sizeof(long_text) - 1);
    long_text[sizeof(long_text) - 1] = '\0';
    assert_int_equal(
        result_printf(&r, &a->detail, NC_ADDR_DETAIL_MAX, "%s", long_text), 0);
    assert_int_equal(strlen(result_addr_detail(a)), NC_ADDR_DETAIL_MAX - 1);
    result_release(&r); /* the ASan build's leak checker sees a leak */
    assert_null(r.addrs);
}

/* An address's text is made from its struct when read (no copy kept in
 * each address): both families, and "" for a zeroed entry. */
static void test_addr_ip(void **state)
{
    static const char *const ips[] = {"203.0.113.7", "2001:db8::1",
                                      "::ffff:198.51.100.1"};
    struct nc_addr_result a;
    char buf[NC_ADDRSTRLEN], small[4];
    size_t i;

    (void)state;
    memset(&a, 0, sizeof(a));
    assert_ptr_equal(result_addr_ip(&a, buf, sizeof(buf)), buf);
    assert_string_equal(buf, "");
    for (i = 0; i < sizeof(ips) / sizeof(ips[0]); i++) {
        assert_int_equal(nc_addr_parse(ips[i], &a.addr), 0);
        assert_string_equal(result_addr_ip(&a, buf, sizeof(buf)), ips[i]);
    }
    /* Cut to the buffer, never past it. */
    assert_int_equal(nc_addr_parse(ips[0], &a.addr), 0);
    assert_string_equal(result_addr_ip(&a, small, sizeof(small)), "203");
}

/* A result with every kind of owned part, released; each allocation in
 * turn failing leaves what was there and says so (oom for texts). */
static int build_one(void)
{
    struct nc_check_result r;
    struct nc_tls_info tls;
    int rc = NC_ENOMEM;

    result_init(&r, NULL);
    memset(&tls, 0, sizeof(tls));
    tls.present = true;
    if (result_addr_add(&r) == NULL || result_addr_add(&r) == NULL ||
        result_addr_add(&r) == NULL)
        goto out;
    if (result_cname_add(&r, "a.example.net") < 0 ||
        result_tls_set(&r, &tls) < 0)
        goto out;
    if (result_printf(&r, &r.detail, NC_DETAIL_MAX, "%s", "refused") < 0) {
        assert_true(r.oom);
        assert_string_equal(r.detail, "");
        goto out;
    }
    if (result_appendf(&r, &r.detail, NC_DETAIL_MAX, "; %s", "twice") < 0) {
        assert_string_equal(r.detail, "refused"); /* left as it was */
        goto out;
    }
    assert_string_equal(r.detail, "refused; twice");
    if (result_printf(&r, &r.addrs[1].detail, NC_ADDR_DETAIL_MAX, "%s",
                      "reset") < 0 ||
        result_printf(&r, &r.proxy, NC_PROXY_MAX, "%s", "http://p:3128") < 0 ||
        result_proxy_auth_add(&r, "Basic") < 0) {
        assert_true(r.oom);
        goto out;
    }
    rc = 0;
out:
    result_release(&r);
    return rc;
}

static void test_alloc_failures(void **state)
{
    static const struct fx_alloc_case cases[] = {
        {"result", build_one, 9},
    };

    (void)state;
    fx_alloc_failures(cases, sizeof(cases) / sizeof(cases[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_addrs_grow),
        cmocka_unit_test(test_cnames),
        cmocka_unit_test(test_tls),
        cmocka_unit_test(test_texts),
        cmocka_unit_test(test_proxy_auth),
        cmocka_unit_test(test_addr_detail),
        cmocka_unit_test(test_addr_ip),
        cmocka_unit_test(test_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
