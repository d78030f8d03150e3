/* servicetags.c: the index against data/servicetags-small.json (a global
 * AzureCloud 20.0.0.0/8 with regional and service tags nested inside it and
 * sharing prefixes), loaded from the file and parsed from a string; parse
 * errors, limits and allocation failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "cidr.h"
#include "fixture_parse.h"
#include "nc.h"
#include "servicetags.h"

#define DATA(f) NC_TEST_DATA "/" f
#define FIXTURE DATA("servicetags-small.json")

/* Prefixes in the fixture (23 after AzureCloud's repeated 20.0.0.0/8). */
#define FIXTURE_TAGS     11
#define FIXTURE_PREFIXES 23

static struct nc_addr addr(const char *s)
{
    struct nc_addr a;

    if (nc_addr_parse(s, &a) != 0)
        fail_msg("bad test address '%s'", s);
    return a;
}

/* state: [0] loaded from the file, [1] parsed from the same text. */
static int setup(void **state)
{
    struct servicetags **st = calloc(2, sizeof(*st));
    struct nc_diag d;
    size_t len;
    char *text;

    if (st == NULL)
        return -1;
    memset(&d, 0, sizeof(d));
    if (servicetags_load_file(FIXTURE, &st[0], &d) != 0) {
        fprintf(stderr, "%s:%u:%u: %s\n", d.file, d.line, d.col, d.msg);
        return -1;
    }
    text = fx_read_text(FIXTURE, &len);
    if (servicetags_parse_buf(text, len, "small.json", &st[1], &d) != 0) {
        fprintf(stderr, "%s:%u:%u: %s\n", d.file, d.line, d.col, d.msg);
        return -1;
    }
    free(text);
    *state = st;
    return 0;
}

static int teardown(void **state)
{
    struct servicetags **st = *state;

    servicetags_free(st[0]);
    servicetags_free(st[1]);
    free(st);
    return 0;
}

struct want_lookup {
    const char *addr;
    const char *name; /* NULL: no tag */
    const char *region, *service;
};

static const struct want_lookup lookups[] = {
    /* Most specific wins: /23 inside /19 inside /16 inside /8. */
    {"20.38.108.5", "Storage.WestEurope", "westeurope", "AzureStorage"},
    {"20.38.109.255", "Storage.WestEurope", "westeurope", "AzureStorage"},
    {"20.38.110.0", "AzureCloud.westeurope", "westeurope", ""},
    {"20.38.100.1", "AzureCloud.westeurope", "westeurope", ""},
    /* 20.38.96.0/24 inside 20.38.96.0/19: the same first address. */
    {"20.38.96.0", "Storage.WestEurope", "westeurope", "AzureStorage"},
    {"20.38.96.255", "Storage.WestEurope", "westeurope", "AzureStorage"},
    {"20.38.97.0", "AzureCloud.westeurope", "westeurope", ""},
    {"20.38.95.255", "Storage.NorthEurope", "northeurope", "AzureStorage"},
    {"20.38.128.0", "Storage", "", "AzureStorage"},
    {"20.38.64.1", "Storage.NorthEurope", "northeurope", "AzureStorage"},
    {"20.38.1.1", "Storage", "", "AzureStorage"},
    {"20.1.2.3", "AzureCloud", "", ""},
    {"20.0.0.0", "AzureCloud", "", ""},
    {"20.255.255.255", "AzureCloud", "", ""},
    /* Equal /16 on Storage (global, listed first), Storage.WestEurope and
     * Storage.NorthEurope: regional beats global, then name order. */
    {"20.60.5.5", "Storage.NorthEurope", "northeurope", "AzureStorage"},
    /* Equal /23, the regional tag listed before the global one. */
    {"20.38.146.1", "AzureBackup.WestEurope", "westeurope", "AzureBackup"},
    {"20.38.147.11", "AzureBackup.WestEurope", "westeurope", "AzureBackup"},
    /* A global /32 beats a regional /23: specificity first. */
    {"20.38.147.10", "AzureBackup", "", "AzureBackup"},
    /* Two global tags on an equal /18: name order decides. */
    {"20.190.130.1", "AzureActiveDirectory", "", "AzureAD"},
    {"40.126.63.255", "AzureActiveDirectory", "", "AzureAD"},
    {"40.126.64.0", NULL, NULL, NULL},
    {"40.68.37.200", "Sql.WestEurope", "westeurope", "AzureSQL"},
    {"20.39.0.1", "StorageSyncService", "", ""},
    {"21.0.0.1", NULL, NULL, NULL},
    {"19.255.255.255", NULL, NULL, NULL},
    {"0.0.0.0", NULL, NULL, NULL},
    {"255.255.255.255", NULL, NULL, NULL},
    /* IPv6. */
    {"2603:1020:206::1", "Storage.WestEurope", "westeurope", "AzureStorage"},
    {"2603:1020:206:ffff:ffff:ffff:ffff:ffff", "Storage.WestEurope",
     "westeurope", "AzureStorage"},
    {"2603:1020:207::1", "AzureCloud.westeurope", "westeurope", ""},
    {"2603:1020:205:4::99", "AzureBackup.WestEurope", "westeurope",
     "AzureBackup"},
    {"2603:1020:205:5::1", "AzureCloud.westeurope", "westeurope", ""},
    {"2603:1000::1", "AzureCloud", "", ""},
    {"2603:10ff:ffff::1", "AzureCloud", "", ""},
    {"2603:1006:2000::10", "AzureActiveDirectory.ServiceEndpoint", "",
     "AzureAD"},
    {"2603:1006:2000::11", "AzureActiveDirectory", "", "AzureAD"},
    {"2603:1100::1", NULL, NULL, NULL},
    {"::1", NULL, NULL, NULL},
    {"::", NULL, NULL, NULL},
    /* An IPv4-mapped address is IPv6: no IPv4 prefix holds it. */
    {"::ffff:20.38.108.5", NULL, NULL, NULL},
};

static void check_lookups(const struct servicetags *st)
{
    size_t i;

    for (i = 0; i < sizeof(lookups) / sizeof(lookups[0]); i++) {
        const struct want_lookup *w = &lookups[i];
        struct nc_addr a = addr(w->addr);
        const struct servicetag *t = servicetags_lookup(st, &a);

        if (w->name == NULL) {
            if (t != NULL)
                fail_msg("%s: want no tag, got '%s'", w->addr, t->name);
            continue;
        }
        if (t == NULL)
            fail_msg("%s: want '%s', got no tag", w->addr, w->name);
        if (strcmp(t->name, w->name) != 0)
            fail_msg("%s: want '%s', got '%s'", w->addr, w->name, t->name);
        assert_string_equal(t->region, w->region);
        assert_string_equal(t->system_service, w->service);
    }
}

static void test_lookup(void **state)
{
    struct servicetags **st = *state;

    check_lookups(st[0]);
    check_lookups(st[1]);
}

static void test_lookup_args(void **state)
{
    struct servicetags **st = *state;
    struct nc_addr a = addr("20.38.108.5");
    const struct servicetag *t1, *t2;

    assert_null(servicetags_lookup(NULL, &a));
    assert_null(servicetags_lookup(st[0], NULL));
    /* The same tag each time: strings live as long as the index. */
    t1 = servicetags_lookup(st[0], &a);
    a = addr("20.38.109.1");
    t2 = servicetags_lookup(st[0], &a);
    assert_ptr_equal(t1, t2);
    /* Regions are stored once and shared by the tags naming them. */
    a = addr("20.38.100.1");
    t2 = servicetags_lookup(st[0], &a);
    assert_string_equal(t2->name, "AzureCloud.westeurope");
    assert_ptr_equal(t1->region, t2->region);
    a.family = 5;
    assert_null(servicetags_lookup(st[0], &a));
    assert_false(servicetags_contains(st[0], "AzureCloud", &a));
}

struct want_contains {
    const char *name, *addr;
    bool in;
};

static const struct want_contains contains[] = {
    /* A base name holds its own and its regional tags' prefixes. */
    {"Storage", "20.38.108.5", true},
    {"Storage", "20.38.1.1", true},
    {"Storage", "20.38.64.1", true},
    {"Storage", "2603:1020:206::1", true},
    {"Storage", "20.39.0.1", false}, /* StorageSyncService is another tag */
    {"Storage", "20.1.2.3", false},
    {"StorageSyncService", "20.39.0.1", true},
    {"Storage.WestEurope", "20.38.108.5", true},
    {"Storage.WestEurope", "20.38.1.1", false},
    {"Storage.WestEurope", "20.38.96.1", true},
    {"Storage.WestEurope", "20.38.97.1", false},
    {"Storage.WestEurope", "2603:1020:206::1", true},
    {"Storage.NorthEurope", "20.38.108.5", false},
    /* Three tags share 20.60.0.0/16; each holds it, not only the best. */
    {"Storage.WestEurope", "20.60.5.5", true},
    {"Storage.NorthEurope", "20.60.5.5", true},
    {"Storage", "20.60.5.5", true},
    {"AzureBackup", "20.38.146.1", true},
    {"AzureBackup.WestEurope", "20.38.146.1", true},
    {"AzureBackup.WestEurope", "20.38.147.10", true},
    {"AzureBackup.WestEurope", "2603:1020:205:4::1", true},
    {"AzureBackup", "2603:1020:205:4::1", true},
    /* A less specific prefix holds an address a more specific one has. */
    {"AzureCloud", "20.38.108.5", true},
    {"AzureCloud", "20.38.147.10", true},
    {"AzureCloud", "2603:1006:2000::10", true}, /* in 2603:1000::/24 */
    {"AzureCloud", "2603:1100::1", false},
    {"AzureCloud", "2603:1020:206::1", true},
    {"AzureCloud.westeurope", "20.38.108.5", true},
    {"AzureCloud.westeurope", "20.1.2.3", false},
    {"AzureActiveDirectory", "20.190.128.1", true},
    {"AzureActiveDirectory", "2603:1006:2000::10", true},
    {"AzureActiveDirectory.ServiceEndpoint", "2603:1006:2000::10", true},
    {"AzureActiveDirectory.ServiceEndpoint", "2603:1006:2000::11", false},
    {"AzureActiveDirectory", "40.126.64.0", false},
    {"Sql", "40.68.37.1", true}, /* a base with only regional tags */
    {"Sql.NorthEurope", "40.68.37.1", false},
    /* Names are matched without regard to case. */
    {"storage.westeurope", "20.38.108.5", true},
    {"STORAGE", "20.38.108.5", true},
    {"azureactivedirectory", "20.190.128.1", true},
    /* Neither part of a name nor a name with more parts. */
    {"Stor", "20.38.108.5", false},
    {"Storage.", "20.38.108.5", false},
    {"Storage.WestEurope.X", "20.38.108.5", false},
    {"AzureCloud.", "20.1.2.3", false},
    {"Unknown", "20.1.2.3", false},
    {"", "20.1.2.3", false},
};

static void check_contains(const struct servicetags *st)
{
    size_t i;

    for (i = 0; i < sizeof(contains) / sizeof(contains[0]); i++) {
        const struct want_contains *w = &contains[i];
        struct nc_addr a = addr(w->addr);

        if (servicetags_contains(st, w->name, &a) != w->in)
            fail_msg("contains('%s', %s): want %s", w->name, w->addr,
                     w->in ? "true" : "false");
    }
}

static void test_contains(void **state)
{
    struct servicetags **st = *state;
    struct nc_addr a = addr("20.1.2.3");

    check_contains(st[0]);
    check_contains(st[1]);
    assert_false(servicetags_contains(st[0], NULL, &a));
    assert_false(servicetags_contains(NULL, "AzureCloud", &a));
    assert_false(servicetags_contains(st[0], "AzureCloud", NULL));
}

static void test_known(void **state)
{
    struct servicetags **st = *state;
    static const struct {
        const char *name;
        bool known;
    } cases[] = {
        {"AzureCloud", true},
        {"AzureCloud.westeurope", true},
        {"azurecloud.WESTEUROPE", true},
        {"Storage", true},
        {"storage", true},
        {"Storage.WestEurope", true},
        {"StorageSyncService", true},
        {"AzureActiveDirectory", true},
        {"AzureActiveDirectory.ServiceEndpoint", true},
        {"AzureBackup", true},
        {"AzureBackup.WestEurope", true},
        {"Sql", true}, /* only as the base of Sql.WestEurope */
        {"Sql.WestEurope", true},
        {"Sql.NorthEurope", false},
        {"Azure", false},
        {"Stor", false},
        {"Storage.", false},
        {"StorageSync", false},
        {"Storage.WestEurope.X", false},
        {"Zzz", false},
        {"", false},
        {"A", false},
    };
    size_t i, k;

    for (k = 0; k < 2; k++) {
        for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
            if (servicetags_known(st[k], cases[i].name) != cases[i].known)
                fail_msg("known('%s'): want %s", cases[i].name,
                         cases[i].known ? "true" : "false");
        }
    }
    assert_false(servicetags_known(st[0], NULL));
    assert_false(servicetags_known(NULL, "Storage"));
}

static void test_counts(void **state)
{
    struct servicetags **st = *state;
    size_t tags = 0, prefixes = 0, k;

    for (k = 0; k < 2; k++) {
        servicetags_counts(st[k], &tags, &prefixes);
        assert_int_equal(tags, FIXTURE_TAGS);
        assert_int_equal(prefixes, FIXTURE_PREFIXES);
        assert_string_equal(servicetags_cloud(st[k]), "Public");
        assert_int_equal(servicetags_change_number(st[k]), 42);
    }
    servicetags_counts(NULL, &tags, &prefixes);
    assert_int_equal(tags, 0);
    assert_int_equal(prefixes, 0);
    servicetags_counts(st[0], NULL, NULL);
    assert_string_equal(servicetags_cloud(NULL), "");
}

static int parse(const char *text, struct servicetags **st, struct nc_diag *d)
{
    memset(d, 0, sizeof(*d));
    return servicetags_parse_buf(text, strlen(text), "tags.json", st, d);
}

/* Small documents: /0 prefixes, optional members, empty lists. */
static void test_parse_small(void **state)
{
    struct servicetags *st = NULL;
    struct nc_diag d;
    struct nc_addr a;
    size_t tags, prefixes;

    (void)state;
    assert_int_equal(
        parse("{\"values\": [{\"name\": \"All\", \"properties\": "
              "{\"addressPrefixes\": [\"0.0.0.0/0\", \"::/0\"]}}, "
              "{\"name\": \"One\", \"properties\": {\"addressPrefixes\": "
              "[\"198.51.100.7/32\", \"2001:db8::1/128\", \"198.51.100.7\"]}},"
              " {\"name\": \"None\", \"properties\": "
              "{\"addressPrefixes\": []}}]}",
              &st, &d),
        0);
    servicetags_counts(st, &tags, &prefixes);
    assert_int_equal(tags, 3);
    assert_int_equal(prefixes, 4); /* 198.51.100.7 == 198.51.100.7/32 */
    assert_string_equal(servicetags_cloud(st), "");
    assert_int_equal(servicetags_change_number(st), 0);
    a = addr("203.0.113.9");
    assert_string_equal(servicetags_lookup(st, &a)->name, "All");
    assert_string_equal(servicetags_lookup(st, &a)->region, "");
    assert_string_equal(servicetags_lookup(st, &a)->system_service, "");
    a = addr("198.51.100.7");
    assert_string_equal(servicetags_lookup(st, &a)->name, "One");
    assert_true(servicetags_contains(st, "All", &a));
    a = addr("2001:db8::1");
    assert_string_equal(servicetags_lookup(st, &a)->name, "One");
    a = addr("2001:db8::2");
    assert_string_equal(servicetags_lookup(st, &a)->name, "All");
    assert_false(servicetags_contains(st, "None", &a));
    assert_true(servicetags_known(st, "None"));
    servicetags_free(st);
    st = NULL;

    /* No tags at all is a valid (if useless) file. */
    assert_int_equal(parse("{\"cloud\": \"AzureChinaCloud\", "
                           "\"changeNumber\": 9, \"values\": []}",
                           &st, &d),
                     0);
    servicetags_counts(st, &tags, &prefixes);
    assert_int_equal(tags + prefixes, 0);
    assert_string_equal(servicetags_cloud(st), "AzureChinaCloud");
    assert_int_equal(servicetags_change_number(st), 9);
    assert_null(servicetags_lookup(st, &a));
    assert_false(servicetags_known(st, "All"));
    servicetags_free(st);
    servicetags_free(NULL);
}

struct want_err {
    const char *text;
    int rc;
    unsigned line; /* 0: any */
    const char *msg;
};

#define TAG(props)                                                             \
    "{\"values\": [{\"name\": \"T.X\", \"properties\": " props "}]}"

static const struct want_err errors[] = {
    {"", NC_EPARSE, 0, "invalid JSON"},
    {"{\"values\": [}", NC_EPARSE, 1, "invalid JSON"},
    {"{\n  \"values\": [\n    {\"name\": }\n  ]\n}", NC_EPARSE, 3,
     "invalid JSON"},
    {"{\"values\": []} x", NC_EPARSE, 1, "invalid JSON"},
    {"{\"values\": [], \"values\": []}", NC_EPARSE, 1, "duplicate"},
    {"{\"values\": [{\"name\": \"A\", \"name\": \"B\", \"properties\": "
     "{\"addressPrefixes\": []}}]}",
     NC_EPARSE, 1, "duplicate"},
    {"{\"values\": [\"\\u0000\"]}", NC_EPARSE, 1, "invalid JSON"},
    {"{\"values\": [\"\xff\"]}", NC_EPARSE, 1, "invalid JSON"},
    {"[]", NC_EPARSE, 0, "top level is not an object"},
    {"{}", NC_EPARSE, 0, "no 'values' array"},
    {"{\"values\": {}}", NC_EPARSE, 0, "'values' is not an array"},
    {"{\"cloud\": 1, \"values\": []}", NC_EPARSE, 0, "'cloud' is not a string"},
    {"{\"cloud\": \"a\\nb\", \"values\": []}", NC_EPARSE, 0,
     "'cloud' has a control"},
    {"{\"changeNumber\": \"7\", \"values\": []}", NC_EPARSE, 0,
     "'changeNumber' is not an integer"},
    {"{\"values\": [1]}", NC_EPARSE, 0, "values[0] is not an object"},
    {"{\"values\": [{\"properties\": {}}]}", NC_EPARSE, 0,
     "values[0] has no 'name'"},
    {"{\"values\": [{\"name\": 5}]}", NC_EPARSE, 0,
     "values[0]: 'name' is not a string"},
    {"{\"values\": [{\"name\": \"\"}]}", NC_EPARSE, 0,
     "values[0]: bad tag name"},
    {"{\"values\": [{\"name\": \"A B\"}]}", NC_EPARSE, 0,
     "values[0]: bad tag name"},
    {"{\"values\": [{\"name\": \".A\"}]}", NC_EPARSE, 0,
     "values[0]: bad tag name"},
    {"{\"values\": [{\"name\": \"T\"}]}", NC_EPARSE, 0,
     "tag 'T' has no 'properties'"},
    {"{\"values\": [{\"name\": \"T\", \"properties\": []}]}", NC_EPARSE, 0,
     "tag 'T': 'properties' is not an object"},
    {TAG("{}"), NC_EPARSE, 0, "tag 'T.X' has no 'addressPrefixes'"},
    {TAG("{\"addressPrefixes\": \"1.2.3.0/24\"}"), NC_EPARSE, 0,
     "tag 'T.X': 'addressPrefixes' is not an array"},
    {TAG("{\"region\": 1, \"addressPrefixes\": []}"), NC_EPARSE, 0,
     "tag 'T.X': 'region' is not a string"},
    {TAG("{\"systemService\": null, \"addressPrefixes\": []}"), NC_EPARSE, 0,
     "tag 'T.X': 'systemService' is not a string"},
    {TAG("{\"region\": \"west\\teurope\", \"addressPrefixes\": []}"), NC_EPARSE,
     0, "tag 'T.X': 'region' has a control or non-ASCII"},
    {TAG("{\"region\": \"caf\\u00e9\", \"addressPrefixes\": []}"), NC_EPARSE, 0,
     "tag 'T.X': 'region' has a control or non-ASCII"},
    {TAG("{\"addressPrefixes\": [\"1.2.3.0/24\", 7]}"), NC_EPARSE, 0,
     "tag 'T.X': addressPrefixes[1] is not a string"},
    {TAG("{\"addressPrefixes\": [[\"1.2.3.0/24\"]]}"), NC_EPARSE, 0,
     "tag 'T.X': addressPrefixes[0] is not a string"},
    {TAG("{\"addressPrefixes\": [\"20.38.108.1/23\"]}"), NC_EPARSE, 0,
     "tag 'T.X': bad address prefix '20.38.108.1/23': host bits set below "
     "the prefix (did you mean 20.38.108.0/23?)"},
    {TAG("{\"addressPrefixes\": [\"1.2.3.4/33\"]}"), NC_EPARSE, 0,
     "tag 'T.X': bad address prefix '1.2.3.4/33': prefix length above 32"},
    {TAG("{\"addressPrefixes\": [\"2603::/129\"]}"), NC_EPARSE, 0,
     "tag 'T.X': bad address prefix '2603::/129': prefix length above 128"},
    {TAG("{\"addressPrefixes\": [\"storage.example\"]}"), NC_EPARSE, 0,
     "tag 'T.X': bad address prefix 'storage.example': not an IPv4"},
    {TAG("{\"addressPrefixes\": [\"\"]}"), NC_EPARSE, 0,
     "tag 'T.X': bad address prefix '': empty range"},
    /* Not echoed: a line break in the prefix. */
    {TAG("{\"addressPrefixes\": [\"1.2.3.0/24\\n\"]}"), NC_EPARSE, 0,
     "tag 'T.X': bad address prefix (addressPrefixes[0]): prefix length"},
    {"{\"values\": [{\"name\": \"A\", \"properties\": {\"addressPrefixes\": "
     "[]}}, {\"name\": \"a\", \"properties\": {\"addressPrefixes\": []}}]}",
     NC_EPARSE, 0, "duplicate tag 'a' (values[0] and values[1])"},
    {"{\"values\": [{\"name\": "
     "\"A0123456789012345678901234567890123456789012345678901234567890123"
     "4567890123456789012345678901234567890123456789012345678901234567\"}]}",
     NC_ELIMIT, 0, "values[0]: tag name longer than 128 bytes"},
};

static void test_parse_errors(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
        const struct want_err *w = &errors[i];
        struct servicetags *st = NULL;
        struct nc_diag d;
        int rc = parse(w->text, &st, &d);

        if (rc != w->rc)
            fail_msg("case %zu: rc %d, want %d (%s)", i, rc, w->rc, d.msg);
        assert_null(st);
        assert_string_equal(d.file, "tags.json");
        if (strstr(d.msg, w->msg) == NULL)
            fail_msg("case %zu: message '%s' lacks '%s'", i, d.msg, w->msg);
        if (w->line != 0 && d.line != w->line)
            fail_msg("case %zu: line %u, want %u", i, d.line, w->line);
        if (w->line != 0)
            assert_true(d.col > 0);
    }
}

/* Messages stay printable whatever the input quotes back. */
static void test_parse_error_printable(void **state)
{
    static const char bad[] = "{\"values\": [\x01\x02]}";
    struct servicetags *st = NULL;
    struct nc_diag d;
    const char *c;

    (void)state;
    assert_int_equal(parse(bad, &st, &d), NC_EPARSE);
    for (c = d.msg; *c != '\0'; c++)
        assert_true(*c >= 0x20 && *c <= 0x7e);
}

static char *many_tags(size_t tags, size_t prefixes_each)
{
    size_t cap = 64 + tags * (64 + prefixes_each * 24), len = 0, i, j;
    char *s = malloc(cap);

    assert_non_null(s);
    len += (size_t)snprintf(s + len, cap - len, "{\"values\": [");
    for (i = 0; i < tags; i++) {
        len += (size_t)snprintf(s + len, cap - len,
                                "%s{\"name\": \"t%zu\", \"properties\": "
                                "{\"addressPrefixes\": [",
                                i > 0 ? ", " : "", i);
        for (j = 0; j < prefixes_each; j++) {
            len += (size_t)snprintf(s + len, cap - len, "%s\"10.%zu.%zu.0/24\"",
                                    j > 0 ? ", " : "", i % 256, j % 256);
        }
        len += (size_t)snprintf(s + len, cap - len, "]}}");
    }
    len += (size_t)snprintf(s + len, cap - len, "]}");
    assert_true(len < cap);
    return s;
}

static void test_limits(void **state)
{
    struct servicetags *st = NULL;
    struct nc_diag d;
    char *text = many_tags(10, 3);
    size_t tags, prefixes;

    (void)state;
    servicetags_test_limits(10, 30);
    assert_int_equal(parse(text, &st, &d), 0);
    servicetags_counts(st, &tags, &prefixes);
    assert_int_equal(tags, 10);
    assert_int_equal(prefixes, 30);
    servicetags_free(st);
    st = NULL;

    servicetags_test_limits(9, 30);
    assert_int_equal(parse(text, &st, &d), NC_ELIMIT);
    assert_null(st);
    assert_string_equal(d.msg, "more than 9 tags");

    servicetags_test_limits(10, 29);
    assert_int_equal(parse(text, &st, &d), NC_ELIMIT);
    assert_null(st);
    assert_string_equal(d.msg, "more than 29 address prefixes");
    servicetags_test_limits(0, 0);
    free(text);

    /* The default ceilings hold against a file one tag too large. */
    text = many_tags(NC_ST_MAX_TAGS + 1, 0);
    assert_int_equal(parse(text, &st, &d), NC_ELIMIT);
    assert_null(st);
    free(text);

    /* Too big to be a service tags file, before any parsing. */
    assert_int_equal(servicetags_parse_buf("{}", (size_t)NC_ST_MAX_BYTES + 1,
                                           "big.json", &st, &d),
                     NC_ELIMIT);
    assert_null(st);
    assert_string_equal(d.file, "big.json");
}

static void test_load_file_errors(void **state)
{
    struct servicetags *st = NULL;
    struct nc_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    assert_int_equal(servicetags_load_file(DATA("no-such-file.json"), &st, &d),
                     NC_EIO);
    assert_null(st);
    assert_string_equal(d.file, DATA("no-such-file.json"));
    assert_non_null(strstr(d.msg, "cannot open"));

    /* A directory is refused before any read, and says what it is. */
    memset(&d, 0, sizeof(d));
    assert_int_equal(servicetags_load_file(NC_TEST_DATA, &st, &d), NC_EIO);
    assert_null(st);
    assert_non_null(strstr(d.msg, "not a regular file (a directory)"));

    /* A file that is not a service tags file names itself. */
    memset(&d, 0, sizeof(d));
    assert_int_equal(servicetags_load_file(DATA("allowlist_good.txt"), &st, &d),
                     NC_EPARSE);
    assert_null(st);
    assert_string_equal(d.file, DATA("allowlist_good.txt"));
    assert_non_null(strstr(d.msg, "invalid JSON"));
    assert_true(d.line >= 1);
    assert_int_equal(servicetags_load_file(NULL, &st, &d), NC_EINVAL);
}

/* jansson's allocations, with a note of any that failed. */
static bool json_alloc_failed;

static void *json_alloc(size_t n)
{
    void *p = nc_malloc(n);

    if (p == NULL)
        json_alloc_failed = true;
    return p;
}

/* Fail each allocation in turn (jansson's too): NC_ENOMEM and no index
 * until enough succeed; then the index is whole. jansson reports some of
 * its own allocation failures as syntax errors (a string it could not copy
 * is "expected"), so NC_EPARSE is accepted when, and only when, the failed
 * allocation was jansson's. */
static void test_alloc_failures(void **state)
{
    long parse_errors = 0, own_failures = 0;
    struct servicetags *st = NULL;
    struct nc_diag d;
    size_t len, tags, prefixes;
    char *text = fx_read_text(FIXTURE, &len);
    long i;
    int rc = NC_ENOMEM;

    (void)state;
    json_set_alloc_funcs(json_alloc, nc_free);
    for (i = 0; rc != 0 && i < 100000; i++) {
        memset(&d, 0, sizeof(d));
        json_alloc_failed = false;
        (void)nc_alloc_fail_after(i);
        rc = servicetags_parse_buf(text, len, "small.json", &st, &d);
        (void)nc_alloc_fail_after(-1);
        if (rc != 0)
            assert_null(st);
        if (rc == NC_ENOMEM) {
            assert_string_equal(d.msg, "out of memory");
            own_failures += json_alloc_failed ? 0 : 1;
        } else if (rc == NC_EPARSE && json_alloc_failed) {
            assert_non_null(strstr(d.msg, "invalid JSON"));
            parse_errors++;
        } else if (rc != 0) {
            fail_msg("allocation %ld: rc %d (%s)", i, rc, d.msg);
        }
    }
    json_set_alloc_funcs(malloc, free);
    assert_int_equal(rc, 0);
    assert_true(i > 50); /* jansson's tree and the index were both hit */
    /* The index's own allocations: st, intern table, tags, entries, string
     * pool, rank and name order, each failing with NC_ENOMEM. */
    assert_true(own_failures >= 7);
    assert_true(parse_errors < i);
    servicetags_counts(st, &tags, &prefixes);
    assert_int_equal(tags, FIXTURE_TAGS);
    assert_int_equal(prefixes, FIXTURE_PREFIXES);
    check_lookups(st);
    servicetags_free(st);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup),   cmocka_unit_test(test_lookup_args),
        cmocka_unit_test(test_contains), cmocka_unit_test(test_known),
        cmocka_unit_test(test_counts),
    };
    const struct CMUnitTest standalone[] = {
        cmocka_unit_test(test_parse_small),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_error_printable),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_load_file_errors),
        cmocka_unit_test(test_alloc_failures),
    };
    int failed;

    failed = cmocka_run_group_tests(tests, setup, teardown);
    failed += cmocka_run_group_tests(standalone, NULL, NULL);
    return failed;
}
