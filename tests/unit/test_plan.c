/* plan.c: merging profiles into a plan, and the built-in profiles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "nc.h"
#include "profile.h"

static struct nc_profile *load(const char *text, const char *source)
{
    struct nc_profile *p = NULL;
    struct nc_diag d;

    if (profile_parse_buf(text, strlen(text), source, &p, &d) != 0)
        fail_msg("%s:%u: %s", d.file, d.line, d.msg);
    return p;
}

static void test_plan_merge(void **state)
{
    struct nc_plan plan;
    struct nc_diag d;
    struct nc_profile *a, *b;

    (void)state;
    memset(&plan, 0, sizeof(plan));
    a = load("[check x]\nurl = https://x.test/\n[check y]\nurl = "
             "https://y.test/\n",
             "a.ini");
    b = load("[check z]\nurl = https://z.test/\n", "b.ini");
    assert_int_equal(plan_add_take(&plan, a, &d), 0);
    assert_int_equal(plan_add_take(&plan, b, &d), 0);
    assert_int_equal(plan.n_profiles, 2);
    assert_int_equal(plan.n_checks, 3);
    assert_string_equal(plan.checks[0]->name, "x");
    assert_string_equal(plan.checks[1]->name, "y");
    assert_string_equal(plan.checks[2]->name, "z");
    assert_ptr_equal(plan.checks[2], &b->checks[0]);
    plan_release(&plan);
    assert_int_equal(plan.n_checks, 0);
    assert_null(plan.profiles);
    plan_release(&plan); /* twice is harmless */
}

/* --only: the plan's checks matching any pattern, in plan order; a
 * pattern that matches nothing is an error that leaves the plan as it
 * was. */
static void test_plan_filter_only(void **state)
{
    static const struct {
        const char *pats[3];
        size_t n;
        int rc;
        const char *kept; /* names, space-separated; or the bad pattern */
    } cases[] = {
        {{NULL}, 0, 0, "login blob-we blob-ne vault api.v2"},
        {{"login"}, 1, 0, "login"},
        {{"blob-*"}, 1, 0, "blob-we blob-ne"},
        {{"*-we", "login"}, 2, 0, "login blob-we"},
        {{"blob-?e"}, 1, 0, "blob-we blob-ne"},
        {{"blob-[n]e"}, 1, 0, "blob-ne"},
        {{"api.v2"}, 1, 0, "api.v2"},
        {{"*"}, 1, 0, "login blob-we blob-ne vault api.v2"},
        {{"LOGIN"}, 1, NC_EPARSE, "LOGIN"},
        {{"login", "nope*", "vault"}, 3, NC_EPARSE, "nope*"},
        {{"log"}, 1, NC_EPARSE, "log"},
    };
    size_t i, k;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct nc_plan plan;
        struct nc_diag d;
        const char *bad = NULL;
        char names[200] = "";

        memset(&plan, 0, sizeof(plan));
        assert_int_equal(
            plan_add_take(&plan,
                          load("[check login]\nurl = https://l.test/\n"
                               "[check blob-we]\nurl = https://w.test/\n"
                               "[check blob-ne]\nurl = https://n.test/\n",
                               "a.ini"),
                          &d),
            0);
        assert_int_equal(
            plan_add_take(&plan,
                          load("[check vault]\nurl = https://v.test/\n"
                               "[check api.v2]\nurl = https://a.test/\n",
                               "b.ini"),
                          &d),
            0);
        assert_int_equal(
            plan_filter_only(&plan, cases[i].pats, cases[i].n, &bad),
            cases[i].rc);
        if (cases[i].rc != 0) {
            assert_string_equal(bad, cases[i].kept);
            assert_int_equal(plan.n_checks, 5); /* unchanged */
        } else {
            for (k = 0; k < plan.n_checks; k++)
                (void)snprintf(names + strlen(names),
                               sizeof(names) - strlen(names), "%s%s",
                               k > 0 ? " " : "", plan.checks[k]->name);
            assert_string_equal(names, cases[i].kept);
        }
        plan_release(&plan);
    }
}

static void test_plan_duplicate_names(void **state)
{
    struct nc_plan plan;
    struct nc_diag d;

    (void)state;
    memset(&plan, 0, sizeof(plan));
    memset(&d, 0, sizeof(d));
    assert_int_equal(
        plan_add_take(&plan,
                      load("[check x]\nurl = https://x.test/\n\n"
                           "[check login]\nurl = https://l.test/\n",
                           "first.ini"),
                      &d),
        0);
    /* The second profile is the plan's even though it is rejected. */
    assert_int_equal(
        plan_add_take(&plan,
                      load("[check other]\nurl = https://o.test/\n"
                           "[check login]\nurl = https://l2.test/\n",
                           "second.ini"),
                      &d),
        NC_EPARSE);
    assert_string_equal(d.file, "second.ini");
    assert_int_equal(d.line, 3);
    assert_string_equal(d.msg, "duplicate check name 'login' (first defined "
                               "at first.ini:4)");
    assert_int_equal(plan.n_checks, 2);
    assert_int_equal(plan.n_profiles, 2);
    plan_release(&plan); /* ASan: nothing leaks */
}

/* A profile built by hand may repeat a name inside itself. */
static void test_plan_duplicate_within(void **state)
{
    struct nc_plan plan;
    struct nc_diag d;
    struct nc_profile *p;

    (void)state;
    memset(&plan, 0, sizeof(plan));
    p = load("[check a]\nurl = https://a.test/\n[check b]\nurl = "
             "https://b.test/\n",
             "h.ini");
    nc_free(p->checks[1].name);
    p->checks[1].name = nc_strdup("a");
    assert_non_null(p->checks[1].name);
    assert_int_equal(plan_add_take(&plan, p, &d), NC_EPARSE);
    assert_int_equal(d.line, 3);
    assert_string_equal(d.msg,
                        "duplicate check name 'a' (first defined at h.ini:1)");
    assert_int_equal(plan.n_checks, 0);
    plan_release(&plan);
    assert_int_equal(plan_add_take(&plan, NULL, &d), NC_EINVAL);
}

static void test_plan_alloc_failures(void **state)
{
    struct nc_plan plan;
    struct nc_diag d;
    long i;
    int rc = -1;

    (void)state;
    for (i = 0; i < 1000; i++) {
        struct nc_profile *a =
            load("[check x]\nurl = https://x.test/\n", "a.ini");
        struct nc_profile *b =
            load("[check y]\nurl = https://y.test/\n", "b.ini");

        memset(&plan, 0, sizeof(plan));
        nc_alloc_fail_after(i);
        rc = plan_add_take(&plan, a, &d);
        if (rc == 0)
            rc = plan_add_take(&plan, b, &d);
        else
            profile_free(b);
        nc_alloc_fail_after(-1);
        if (rc == 0) {
            assert_int_equal(plan.n_checks, 2);
            plan_release(&plan);
            break;
        }
        assert_int_equal(rc, NC_ENOMEM);
        plan_release(&plan);
    }
    assert_int_equal(rc, 0);
    assert_true(i > 2);
}

/* Every embedded endpoints/ *.ini must parse: a broken one would only show
 * when a user picks it. */
static void test_builtins_parse(void **state)
{
    const struct nc_builtin *b;
    size_t n, i;

    (void)state;
    b = profile_builtins(&n);
    assert_true(n >= 3);
    for (i = 0; i < n; i++) {
        struct nc_profile *p = NULL;
        struct nc_diag d;
        char src[128];

        (void)snprintf(src, sizeof(src), "builtin:%s", b[i].name);
        memset(&d, 0, sizeof(d));
        if (profile_parse_buf(b[i].text, b[i].len, src, &p, &d) != 0)
            fail_msg("%s:%u: %s", d.file, d.line, d.msg);
        assert_string_equal(p->name, b[i].name);
        assert_true(p->n_checks > 0);
        assert_int_equal(p->n_ranges, 0); /* service tags, not ranges */
        /* China's roots are not documented in the reference: no list. */
        assert_int_equal(p->n_tls_issuers,
                         strstr(b[i].name, "china") != NULL ? 0 : 5);
        assert_ptr_equal(profile_builtin_find(b[i].name), &b[i]);
        profile_free(p);
    }
    assert_null(profile_builtin_find("azure-backup"));
    assert_null(profile_builtin_find("azure-backup-mars.ini"));
    assert_null(profile_builtin_find(""));
}

static const struct nc_check *by_rule(const struct nc_profile *p,
                                      const char *rule)
{
    size_t i;

    for (i = 0; i < p->n_checks; i++) {
        if (p->checks[i].rule != NULL && strcmp(p->checks[i].rule, rule) == 0)
            return &p->checks[i];
    }
    fail_msg("no check for %s", rule);
    return NULL;
}

static const struct nc_check *by_url(const struct nc_profile *p,
                                     const char *url)
{
    size_t i;

    for (i = 0; i < p->n_checks; i++) {
        if (strcmp(p->checks[i].url, url) == 0)
            return &p->checks[i];
    }
    fail_msg("no check of %s", url);
    return NULL;
}

/* "did you mean": the nearest built-in name, only when it is close. */
static void test_builtin_nearest(void **state)
{
    static const struct {
        const char *typed, *want; /* want NULL: no suggestion */
    } cases[] = {
        {"azure-backup-mars-usgv", "azure-backup-mars-usgov"},
        {"azure-backup-mars-chnia", "azure-backup-mars-china"},
        {"Azure-Backup-Mars", "azure-backup-mars"},
        {"azure-backup-mar", "azure-backup-mars"},
        {"azure-backup-mars-privat", "azure-backup-mars-private"},
        {"azure-backup-marz-usgv", "azure-backup-mars-usgov"},
        {"azure-backup", NULL}, /* 5 edits */
        {"my-profile.ini", NULL},
        {"x", NULL},
        {"", NULL},
    };
    const struct nc_builtin *b;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        b = profile_builtin_nearest(cases[i].typed);
        if (cases[i].want == NULL && b != NULL)
            fail_msg("'%s': suggested '%s'", cases[i].typed, b->name);
        if (cases[i].want != NULL &&
            (b == NULL || strcmp(b->name, cases[i].want) != 0))
            fail_msg("'%s': want '%s', got '%s'", cases[i].typed, cases[i].want,
                     b ? b->name : "(none)");
    }
}

static void test_builtin_azure_backup_mars(void **state)
{
    static const char *const wildcards[] = {
        "*.microsoft.com",          "*.windowsazure.com",
        "*.microsoftonline.com",    "*.windows.net",
        "*.blob.core.windows.net",  "*.queue.core.windows.net",
        "*.blob.storage.azure.net",
    };
    const struct nc_builtin *b = profile_builtin_find("azure-backup-mars");
    struct nc_profile *p = NULL;
    const struct nc_check *c;
    struct nc_diag d;
    size_t i;

    (void)state;
    assert_non_null(b);
    assert_int_equal(profile_parse_buf(b->text, b->len, "builtin:x", &p, &d),
                     0);
    assert_non_null(strstr(p->title, "commercial"));
    assert_non_null(strstr(p->title, "late 2025"));
    assert_string_equal(p->tls_issuers[0], "DigiCert Global Root G2");
    /* One check per required wildcard, through a sample under it. */
    for (i = 0; i < sizeof(wildcards) / sizeof(wildcards[0]); i++) {
        c = by_rule(p, wildcards[i]);
        if (c->skip_reason == NULL)
            assert_non_null(strstr(c->host, wildcards[i] + 1));
        else
            assert_false(c->required);
    }
    /* Entra ID sign-in hosts are checks of their own. */
    assert_true(by_url(p, "https://login.microsoftonline.com/")->required);
    assert_true(by_url(p, "https://login.windows.net/")->required);
    /* The OS probes: optional, plain HTTP, body checked. */
    c = by_url(p, "http://www.msftncsi.com/ncsi.txt");
    assert_false(c->required);
    assert_int_equal(c->port, 80);
    assert_string_equal(c->expect_body, "Microsoft NCSI");
    c = by_url(p, "http://www.msftconnecttest.com/connecttest.txt");
    assert_false(c->required);
    assert_string_equal(c->expect_body, "Microsoft Connect Test");
    profile_free(p);
}

static void test_builtin_clouds(void **state)
{
    const struct nc_builtin *b;
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    b = profile_builtin_find("azure-backup-mars-china");
    assert_non_null(b);
    assert_int_equal(profile_parse_buf(b->text, b->len, "c", &p, &d), 0);
    assert_non_null(strstr(p->title, "2020"));
    (void)by_rule(p, "*.windowsazure.cn");
    (void)by_rule(p, "*.partner.microsoftonline.cn");
    (void)by_rule(p, "*.chinacloudapi.cn");
    profile_free(p);

    b = profile_builtin_find("azure-backup-mars-usgov");
    assert_non_null(b);
    assert_int_equal(profile_parse_buf(b->text, b->len, "u", &p, &d), 0);
    (void)by_rule(p, "*.windowsazure.us");
    (void)by_rule(p, "*.microsoftonline.us");
    (void)by_rule(p, "*.usgovcloudapi.net");
    profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_merge),
        cmocka_unit_test(test_plan_filter_only),
        cmocka_unit_test(test_plan_duplicate_names),
        cmocka_unit_test(test_plan_duplicate_within),
        cmocka_unit_test(test_plan_alloc_failures),
        cmocka_unit_test(test_builtins_parse),
        cmocka_unit_test(test_builtin_azure_backup_mars),
        cmocka_unit_test(test_builtin_nearest),
        cmocka_unit_test(test_builtin_clouds),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
