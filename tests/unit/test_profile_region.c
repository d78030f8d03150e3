/* profile_region.c and the region half of profile.c: [region] sections,
 * ${name} in urls, default_region, --region, from a string and a file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture_parse.h"
#include "nc.h"
#include "profile.h"

#define DATA(f) NC_TEST_DATA "/" f

static const char regions_text[] =
    "[profile]\n"
    "default_region = westeurope\n"
    "[check backup]\n"
    "url = https://pod01-prot1.${geo}.backup.example.net/\n"
    "rule = *.example.net\n"
    "[check storage]\n"
    "url = https://${account}.blob.example.net:8443/${geo}/x$y\n"
    "[check fixed]\n"
    "url = https://login.example.org/\n"
    "[region westeurope]\n"
    "geo = we\n"
    "account = weacct\n"
    "[region eastus]\n"
    "geo = eus\n"
    "account = eusacct\n";

static const char *url_of(const struct nc_profile *p, const char *name)
{
    size_t i;

    for (i = 0; i < p->n_checks; i++) {
        if (strcmp(p->checks[i].name, name) == 0)
            return p->checks[i].url;
    }
    fail_msg("no check '%s'", name);
    return NULL;
}

/* What each region request must yield, from a string and from the file
 * data/profile_regions.ini (the same profile). */
static const struct {
    const char *ask; /* --region, NULL: default */
    const char *region;
    bool is_default;
    const char *backup, *storage;
} good_cases[] = {
    {NULL, "westeurope", true, "https://pod01-prot1.we.backup.example.net/",
     "https://weacct.blob.example.net:8443/we/x$y"},
    {"eastus", "eastus", false, "https://pod01-prot1.eus.backup.example.net/",
     "https://eusacct.blob.example.net:8443/eus/x$y"},
    /* Azure spells regions in lowercase; a user may not. */
    {"EastUS", "eastus", false, "https://pod01-prot1.eus.backup.example.net/",
     "https://eusacct.blob.example.net:8443/eus/x$y"},
    {"westeurope", "westeurope", false,
     "https://pod01-prot1.we.backup.example.net/",
     "https://weacct.blob.example.net:8443/we/x$y"},
};

static void check_good(const struct nc_profile *p, size_t i)
{
    assert_non_null(p);
    assert_string_equal(p->region, good_cases[i].region);
    assert_int_equal(p->region_default, good_cases[i].is_default);
    assert_int_equal(p->n_regions, 2);
    assert_string_equal(p->regions[0], "westeurope");
    assert_string_equal(p->regions[1], "eastus");
    assert_string_equal(url_of(p, "backup"), good_cases[i].backup);
    assert_string_equal(url_of(p, "storage"), good_cases[i].storage);
    assert_string_equal(url_of(p, "fixed"), "https://login.example.org/");
}

static void test_region_from_string(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(good_cases) / sizeof(good_cases[0]); i++) {
        struct nc_profile *p = NULL;
        struct nc_diag d;

        memset(&d, 0, sizeof(d));
        assert_int_equal(profile_parse_region(regions_text,
                                              strlen(regions_text), "t.ini",
                                              good_cases[i].ask, &p, &d),
                         0);
        check_good(p, i);
        /* The host is parsed from the expanded url, not the template. */
        assert_string_equal(p->checks[0].host,
                            i == 0 || i == 3
                                ? "pod01-prot1.we.backup.example.net"
                                : "pod01-prot1.eus.backup.example.net");
        profile_free(p);
    }
}

static void test_region_from_file(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(good_cases) / sizeof(good_cases[0]); i++) {
        struct nc_profile *p = NULL;
        struct nc_diag d;

        memset(&d, 0, sizeof(d));
        assert_int_equal(profile_load_file_region(DATA("profile_regions.ini"),
                                                  good_cases[i].ask, &p, &d),
                         0);
        check_good(p, i);
        assert_string_equal(p->name, "regional");
        profile_free(p);
    }
}

/* A profile without [region] sections ignores a region: the caller (run)
 * decides that --region has nothing to apply to. */
static void test_region_profile_without_regions(void **state)
{
    static const char text[] = "[check a]\nurl = https://a.example/$x\n";
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    assert_int_equal(
        profile_parse_region(text, strlen(text), "t.ini", "eastus", &p, &d), 0);
    assert_null(p->region);
    assert_int_equal(p->n_regions, 0);
    assert_string_equal(p->checks[0].url, "https://a.example/$x");
    profile_free(p);
}

/* An exact rule that covers each region's url: accepted, and (as without
 * regions) not kept on the check, which tests that entry itself. */
static void test_region_exact_rule(void **state)
{
    static const char text[] =
        "[profile]\ndefault_region = a\n[region a]\nh = x\n[region b]\n"
        "h = x\n[check c]\nurl = https://${h}.example/\n"
        "rule = https://x.example/\n";
    struct nc_profile *p = NULL;
    struct nc_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    assert_int_equal(
        profile_parse_region(text, strlen(text), "t.ini", "b", &p, &d), 0);
    assert_string_equal(url_of(p, "c"), "https://x.example/");
    assert_null(p->checks[0].rule);
    profile_free(p);
}

/* An unknown region is the caller's mistake, not the file's: NC_EINVAL,
 * no line, and the closest name as a hint. */
static void test_region_unknown(void **state)
{
    static const struct {
        const char *ask;
        const char *msg;
    } cases[] = {
        {"eastus3", "unknown region 'eastus3' (did you mean 'eastus'?)"},
        {"west europe",
         "unknown region 'west europe' (did you mean 'westeurope'?)"},
        {"nosuch", "unknown region 'nosuch'"},
        {"", "unknown region ''"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct nc_profile *p = NULL;
        struct nc_diag d;

        memset(&d, 0, sizeof(d));
        assert_int_equal(profile_parse_region(regions_text,
                                              strlen(regions_text), "t.ini",
                                              cases[i].ask, &p, &d),
                         NC_EINVAL);
        assert_null(p);
        assert_string_equal(d.file, "t.ini");
        assert_int_equal(d.line, 0);
        assert_string_equal(d.msg, cases[i].msg);
    }
}

static const struct fx_parse_err err_cases[] = {
    /* An unknown variable, in every region or in one only. */
    {"[profile]\ndefault_region = a\n[check c]\n"
     "url = https://${nope}.example/\n[region a]\nx = 1\n",
     NC_EPARSE, 4, "unknown variable '${nope}' (not in [region a])"},
    {"[profile]\ndefault_region = a\n[region a]\nh = x\n[region b]\n"
     "g = y\n[check c]\nurl = https://${h}.example/\n",
     NC_EPARSE, 8, "unknown variable '${h}' (not in [region b])"},
    {"[check c]\nurl = https://${h}.example/\n", NC_EPARSE, 2,
     "unknown variable '${h}' (the profile has no [region] sections)"},
    {"[profile]\ndefault_region = a\n[region a]\nh = x\n[check c]\n"
     "url = https://${h.example/\n",
     NC_EPARSE, 6, "unterminated '${'"},
    {"[profile]\ndefault_region = a\n[region a]\nh = x\n[check c]\n"
     "url = https://${h-1}.example/\n",
     NC_EPARSE, 6, "invalid variable name '${h-1}'"},
    /* A value that breaks the url in a region not asked for. */
    {"[profile]\ndefault_region = a\n[region a]\nh = x\n[region b]\n"
     "h = x y\n[check c]\nurl = https://${h}.example/\n",
     NC_EPARSE, 8, "for region 'b'"},
    {"[profile]\ndefault_region = a\n[region a]\nh = x.example\n[region b]\n"
     "h = x.other\n[check c]\nurl = https://${h}/\nrule = *.example\n",
     NC_EPARSE, 8, "url host 'x.other' is not under rule '*.example'"},
    /* Any allowlist entry is a rule; a region's url must be covered by an
     * exact one too (fuzz_profile: a one-byte rule read past its end). */
    {"[profile]\ndefault_region = a\n[region a]\nh = x.example\n"
     "[check c]\nurl = https://${h}/\nrule = a\n",
     NC_EPARSE, 6, "url host 'x.example' is not the host of rule 'a'"},
    {"[profile]\ndefault_region = a\n[region a]\nh = x.example\n[region b]\n"
     "h = y.example\n[check c]\nurl = https://${h}/\nrule = x.example:443\n",
     NC_EPARSE, 8,
     "url 'https://y.example/' is not on the host and port of rule "
     "'x.example:443' in [check c] for region 'b'"},
    /* default_region. */
    {"[profile]\nname = n\n[region a]\nh = x\n[check c]\n"
     "url = https://${h}.example/\n",
     NC_EPARSE, 3, "[region] sections need default_region in [profile]"},
    {"[profile]\ndefault_region = b\n[region a]\nh = x\n[check c]\n"
     "url = https://a.example/\n",
     NC_EPARSE, 2, "default_region 'b' is not a [region] of the profile"},
    {"[profile]\ndefault_region = a\n[check c]\nurl = https://a.example/\n",
     NC_EPARSE, 2, "default_region without any [region NAME] section"},
    {"[profile]\ndefault_region = a b\n", NC_EPARSE, 2,
     "invalid default_region 'a b'"},
    /* [region] sections and their variables. */
    {"[region a]\nh = 1\n[region A]\n", NC_EPARSE, 3,
     "duplicate section [region A] (first at line 1)"},
    {"[region]\n", NC_EPARSE, 1, "invalid region name ''"},
    {"[region a/b]\n", NC_EPARSE, 1, "invalid region name 'a/b'"},
    {"[region a]\nh = 1\nH = 2\n", NC_EPARSE, 3,
     "duplicate variable 'H' in [region a] (first at line 2)"},
    {"[region a]\n1h = 1\n", NC_EPARSE, 2, "invalid variable name '1h'"},
    {"[region a]\nh =\n", NC_EPARSE, 2, "empty value for 'h' in [region a]"},
    {"[region a]\nh = ${g}\n", NC_EPARSE, 2,
     "value of 'h' contains '${': variables cannot refer to variables"},
    {"[regions a]\n", NC_EPARSE, 1, "unknown section [regions a]"},
};

static void test_region_errors(void **state)
{
    (void)state;
    fx_parse_errors(profile_parse_buf, "bad.ini", err_cases,
                    sizeof(err_cases) / sizeof(err_cases[0]));
}

static void test_region_nearest(void **state)
{
    static const char *const names[] = {"westeurope", "eastus", "eastus2",
                                        "northeurope", "uksouth"};
    static const struct {
        const char *s, *want;
    } cases[] = {
        {"westeurope", "westeurope"},
        {"WestEurope", "westeurope"},
        {"westeurop", "westeurope"},
        {"eastus3", "eastus"},
        {"east-us-2", "eastus2"},
        {"uksuoth", "uksouth"},
        {"brazilsouth", NULL},
        {"x", NULL},
        {"", NULL},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = profile_region_nearest(names, 5, cases[i].s);

        if (cases[i].want == NULL && got != NULL)
            fail_msg("'%s': want no hint, got '%s'", cases[i].s, got);
        else if (cases[i].want != NULL &&
                 (got == NULL || strcmp(got, cases[i].want) != 0))
            fail_msg("'%s': want '%s', got '%s'", cases[i].s, cases[i].want,
                     got != NULL ? got : "(none)");
    }
    assert_null(profile_region_nearest(names, 0, "eastus"));
}

/* The built-in MARS profile: West Europe by default, the script's hosts
 * for East US, and every region it lists expands to valid urls. */
static void test_region_builtin_mars(void **state)
{
    const struct nc_builtin *b = profile_builtin_find("azure-backup-mars");
    struct nc_profile *p = NULL, *q;
    struct nc_diag d;
    size_t i;

    (void)state;
    assert_non_null(b);
    memset(&d, 0, sizeof(d));
    assert_int_equal(
        profile_parse_region(b->text, b->len, "builtin:mars", NULL, &p, &d), 0);
    assert_string_equal(p->region, "westeurope");
    assert_true(p->region_default);
    assert_string_equal(url_of(p, "backup-service"),
                        "https://pod01-prot1.we.backup.windowsazure.com/");
    assert_string_equal(url_of(p, "storage-blob"),
                        "https://wepod01fab1wxsa4wq1d.blob.core.windows.net/");
    assert_true(p->n_regions >= 40);
    for (i = 0; i < p->n_regions; i++) {
        q = NULL;
        assert_int_equal(profile_parse_region(b->text, b->len, "builtin:mars",
                                              p->regions[i], &q, &d),
                         0);
        assert_string_equal(q->region, p->regions[i]);
        assert_false(q->region_default);
        profile_free(q);
    }
    q = NULL;
    assert_int_equal(
        profile_parse_region(b->text, b->len, "builtin:mars", "eastus", &q, &d),
        0);
    assert_string_equal(url_of(q, "backup-service"),
                        "https://pod01-prot1.eus.backup.windowsazure.com/");
    assert_string_equal(url_of(q, "storage-blob"),
                        "https://euspod01fab1wxsanhice.blob.core.windows.net/");
    assert_string_equal(
        url_of(q, "storage-queue"),
        "https://euspod01fab1wxsanhice.queue.core.windows.net/");
    profile_free(q);
    profile_free(p);
}

/* Every built-in with regions parses for each of them, and its default
 * is one of them. */
static void test_region_builtins_all(void **state)
{
    static const struct {
        const char *name, *def;
        size_t n;
    } want[] = {
        {"azure-backup-mars", "westeurope", 42},
        {"azure-backup-mars-usgov", "usgovvirginia", 6},
        {"azure-backup-mars-china", "chinaeast2", 4},
        {"azure-backup-mars-private", NULL, 0},
    };
    size_t i, j;

    (void)state;
    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const struct nc_builtin *b = profile_builtin_find(want[i].name);
        struct nc_profile *p = NULL, *q;
        struct nc_diag d;

        assert_non_null(b);
        memset(&d, 0, sizeof(d));
        assert_int_equal(
            profile_parse_region(b->text, b->len, "b", NULL, &p, &d), 0);
        assert_int_equal(p->n_regions, want[i].n);
        if (want[i].def == NULL)
            assert_null(p->region);
        else
            assert_string_equal(p->region, want[i].def);
        for (j = 0; j < p->n_regions; j++) {
            q = NULL;
            assert_int_equal(profile_parse_region(b->text, b->len, "b",
                                                  p->regions[j], &q, &d),
                             0);
            assert_string_equal(q->region, p->regions[j]);
            profile_free(q);
        }
        profile_free(p);
    }
}

/* Fail each allocation in turn, regions and templates included. */
static void test_region_alloc_failures(void **state)
{
    struct nc_profile *p;

    (void)state;
    p = fx_parse_alloc_failures(profile_parse_buf, regions_text,
                                strlen(regions_text), "oom");
    check_good(p, 0);
    profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_region_from_string),
        cmocka_unit_test(test_region_from_file),
        cmocka_unit_test(test_region_profile_without_regions),
        cmocka_unit_test(test_region_exact_rule),
        cmocka_unit_test(test_region_unknown),
        cmocka_unit_test(test_region_errors),
        cmocka_unit_test(test_region_nearest),
        cmocka_unit_test(test_region_builtin_mars),
        cmocka_unit_test(test_region_builtins_all),
        cmocka_unit_test(test_region_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
