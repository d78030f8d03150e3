/* winproxy_decide.c, winproxy_read.c, winproxy_trap.c: which proxy the
 * agent gets from a registry view, each URL's decision and the traps, from
 * the .reg fixtures (tests/unit/data/winreg) and from .reg text built here;
 * and a view that is denied everything. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "nc.h"
#include "regfile.h"
#include "str.h"
#include "winproxy.h"

#define IS "Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings"

static const struct winproxy_target targets[] = {
    {"https://login.microsoftonline.com/", "https", "login.microsoftonline.com",
     0},
    {"https://acct.blob.core.windows.net/", "https",
     "acct.blob.core.windows.net", 0},
    {"http://www.msftncsi.com/ncsi.txt", "http", "www.msftncsi.com", 0},
    {"http://localhost:8080/", "http", "localhost", 8080},
    {"https://intranet/", "https", "intranet", 0},
    {"http://127.example.com/", "http", "127.example.com", 0},
};
#define N_TARGETS (sizeof(targets) / sizeof(targets[0]))

static bool has_code(const struct winproxy_report *r, const char *code)
{
    size_t i;

    for (i = 0; i < r->n_warnings; i++)
        if (strcmp(r->warnings[i].code, code) == 0)
            return true;
    return false;
}

static void analyze_files_pac(const char *const *files, size_t n,
                              enum winproxy_pac pac, struct winproxy_report *r)
{
    struct regfile rf;
    struct winreg_view v;
    struct nc_diag d;
    char path[512];
    size_t i;

    memset(&rf, 0, sizeof(rf));
    for (i = 0; i < n; i++) {
        (void)snprintf(path, sizeof(path), "%s/winreg/%s", NC_TEST_DATA,
                       files[i]);
        memset(&d, 0, sizeof(d));
        if (regfile_load(&rf, path, &d) != 0)
            fail_msg("%s:%u: %s", d.file, d.line, d.msg);
    }
    regfile_view(&rf, &v);
    assert_int_equal(winproxy_analyze(&v, targets, N_TARGETS, pac, r), 0);
    regfile_release(&rf);
}

static void analyze_files(const char *const *files, size_t n,
                          struct winproxy_report *r)
{
    analyze_files_pac(files, n, WINPROXY_PAC_OFFLINE, r);
}

/* .reg text with SYSTEM's DefaultConnectionSettings built from fields. */
static void analyze_blob(uint32_t version, uint32_t flags, const char *proxy,
                         const char *bypass, const char *pac,
                         struct winproxy_report *r)
{
    char text[8192];
    const char *strs[3] = {proxy, bypass, pac};
    struct regfile rf;
    struct winreg_view v;
    struct nc_diag d;
    size_t i, j;
    uint32_t head[3] = {version, 1, flags};

    (void)snprintf(text, sizeof(text),
                   "Windows Registry Editor Version 5.00\n"
                   "[HKEY_USERS\\S-1-5-18\\%s\\Connections]\n"
                   "\"DefaultConnectionSettings\"=hex:",
                   IS);
    for (i = 0; i < 3; i++)
        for (j = 0; j < 4; j++)
            (void)nc_str_appendf(text, sizeof(text), "%02x,",
                                 (head[i] >> (8 * j)) & 0xffu);
    for (i = 0; i < 3; i++) {
        size_t n = strlen(strs[i]);

        for (j = 0; j < 4; j++)
            (void)nc_str_appendf(text, sizeof(text), "%02x,",
                                 (unsigned)((n >> (8 * j)) & 0xffu));
        for (j = 0; j < n; j++)
            (void)nc_str_appendf(text, sizeof(text), "%02x,",
                                 (unsigned char)strs[i][j]);
    }
    text[strlen(text) - 1] = '\n';
    memset(&rf, 0, sizeof(rf));
    memset(&d, 0, sizeof(d));
    if (regfile_parse_buf(&rf, text, strlen(text), "t.reg", &d) != 0)
        fail_msg("t.reg:%u: %s", d.line, d.msg);
    regfile_view(&rf, &v);
    assert_int_equal(
        winproxy_analyze(&v, targets, N_TARGETS, WINPROXY_PAC_OFFLINE, r), 0);
    regfile_release(&rf);
}

static void test_system_manual(void **state)
{
    static const char *const f[] = {"system-manual.reg"};
    struct winproxy_report r;
    size_t i;

    (void)state;
    analyze_files(f, 1, &r);
    assert_int_equal(r.winner, WINPROXY_SRC_SYSTEM);
    assert_int_equal(r.via, WINPROXY_VIA_MANUAL);
    assert_true(r.rows[WINPROXY_SRC_SYSTEM].used);
    assert_false(r.rows[WINPROXY_SRC_WINHTTP].used);
    assert_int_equal(r.rows[WINPROXY_SRC_AGENT].state, WINPROXY_UNKNOWN);
    assert_string_equal(r.urls[0].proxy, "http://proxy.corp.example:8080");
    assert_string_equal(r.urls[1].proxy, "");
    assert_string_equal(r.urls[1].bypass_match, "*.blob.core.windows.net");
    assert_string_equal(r.urls[2].proxy, "http://proxy.corp.example:8080");
    assert_string_equal(r.urls[3].bypass_match, "(loopback)");
    assert_string_equal(r.urls[4].bypass_match, "<local>");
    /* A name that starts like 127/8 is not a loopback address. */
    assert_string_equal(r.urls[5].proxy, "http://proxy.corp.example:8080");
    assert_true(has_code(&r, "bypass_exempts_required"));
    assert_true(has_code(&r, "bypass_cidr"));
    assert_true(has_code(&r, "legacy_differs"));
    assert_true(has_code(&r, "winhttp_differs"));
    assert_true(has_code(&r, "user_differs_from_system"));
    assert_true(has_code(&r, "environment_unused"));
    assert_false(has_code(&r, "no_settings_autodetect"));
    /* The environment's proxy password never reaches the report. */
    for (i = 0; i < r.rows[WINPROXY_SRC_ENV].n_sets; i++)
        assert_null(strstr(r.rows[WINPROXY_SRC_ENV].sets[i].value, "S3cr3t"));
    assert_string_equal(r.rows[WINPROXY_SRC_ENV].sets[0].value,
                        "http://envproxy.corp.example:3128");
    winproxy_report_release(&r);
}

static void test_machine_pac(void **state)
{
    static const char *const f[] = {"machine-pac.reg"};
    struct winproxy_report r;

    (void)state;
    analyze_files(f, 1, &r);
    assert_int_equal(r.winner, WINPROXY_SRC_MACHINE);
    assert_true(r.rows[WINPROXY_SRC_MACHINE].read_by_agent);
    assert_false(r.rows[WINPROXY_SRC_SYSTEM].read_by_agent);
    assert_int_equal(r.via, WINPROXY_VIA_PAC);
    assert_string_equal(r.pac, "http://wpad.corp.example/proxy.pac");
    assert_string_equal(r.urls[0].proxy, "http://p2.corp.example:80");
    assert_string_equal(r.urls[2].proxy, "http://p1.corp.example:80");
    assert_int_equal(r.urls[0].via, WINPROXY_VIA_PAC);
    assert_true(has_code(&r, "pac_not_evaluated"));
    assert_true(has_code(&r, "winhttp_differs"));
    winproxy_report_release(&r);
}

/* Who evaluates the PAC file decides the one warning about it: offline
 * nobody (pac_not_evaluated), live netcheck proxy shows WinHTTP's answer
 * (pac_evaluated), a run sends each check its way (neither). */
static void test_pac_modes(void **state)
{
    static const char *const f[] = {"machine-pac.reg", "winhttp-only.reg"};
    static const struct {
        enum winproxy_pac pac;
        bool not_evaluated, evaluated;
    } cases[] = {
        {WINPROXY_PAC_OFFLINE, true, false},
        {WINPROXY_PAC_SHOWN, false, true},
        {WINPROXY_PAC_RUN, false, false},
    };
    struct winproxy_report r;
    size_t i, k;

    (void)state;
    for (k = 0; k < 2; k++)
        for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
            analyze_files_pac(&f[k], 1, cases[i].pac, &r);
            assert_true(r.via == WINPROXY_VIA_PAC ||
                        r.via == WINPROXY_VIA_WPAD);
            assert_int_equal(has_code(&r, "pac_not_evaluated"),
                             cases[i].not_evaluated);
            assert_int_equal(has_code(&r, "pac_evaluated"), cases[i].evaluated);
            /* The other traps do not depend on it. */
            assert_int_equal(
                has_code(&r, k == 0 ? "winhttp_differs" : "winhttp_not_agent"),
                true);
            winproxy_report_release(&r);
        }
}

static void test_winhttp_only(void **state)
{
    static const char *const f[] = {"winhttp-only.reg"};
    struct winproxy_report r;

    (void)state;
    analyze_files(f, 1, &r);
    assert_int_equal(r.winner, WINPROXY_SRC_SYSTEM);
    assert_int_equal(r.via, WINPROXY_VIA_WPAD);
    assert_string_equal(r.urls[0].proxy, "");
    /* The .DEFAULT name of SYSTEM's hive is found. */
    assert_non_null(
        strstr(r.rows[WINPROXY_SRC_SYSTEM_LEGACY].where, ".DEFAULT"));
    assert_true(has_code(&r, "no_settings_autodetect"));
    assert_true(has_code(&r, "winhttp_not_agent"));
    assert_true(has_code(&r, "legacy_differs"));
    winproxy_report_release(&r);
}

static void test_files_add_up(void **state)
{
    /* Later files win: the policy of machine-pac.reg moves the agent to
     * HKLM even with SYSTEM's own settings exported first. */
    static const char *const f[] = {"system-manual.reg", "machine-pac.reg"};
    struct winproxy_report r;

    (void)state;
    analyze_files(f, 2, &r);
    assert_int_equal(r.winner, WINPROXY_SRC_MACHINE);
    assert_false(r.rows[WINPROXY_SRC_SYSTEM].used);
    assert_int_equal(r.rows[WINPROXY_SRC_SYSTEM].state, WINPROXY_PRESENT);
    winproxy_report_release(&r);
}

static void test_blob_cases(void **state)
{
    struct winproxy_report r;

    (void)state;
    /* Older than IE 5: .NET assumes auto-detection. */
    analyze_blob(0x28, 3, "p:1", "", "", &r);
    assert_int_equal(r.via, WINPROXY_VIA_WPAD);
    winproxy_report_release(&r);
    /* Proxy flag off: the string is ignored. */
    analyze_blob(0x46, 1, "p:1", "", "", &r);
    assert_int_equal(r.via, WINPROXY_VIA_DIRECT);
    assert_string_equal(r.urls[0].proxy, "");
    winproxy_report_release(&r);
    /* Auto-detect with a manual fallback. */
    analyze_blob(0x46, 0xb, "p:1", "", "", &r);
    assert_int_equal(r.via, WINPROXY_VIA_WPAD);
    assert_string_equal(r.urls[0].proxy, "http://p:1");
    assert_true(has_code(&r, "pac_not_evaluated"));
    winproxy_report_release(&r);
    /* Per scheme, without https=: https:// goes direct. */
    analyze_blob(0x46, 3, "http=p:3128", "", "", &r);
    assert_string_equal(r.urls[0].proxy, "");
    assert_non_null(strstr(r.urls[0].why, "https="));
    assert_string_equal(r.urls[2].proxy, "http://p:3128");
    winproxy_report_release(&r);
    /* A string .NET rejects: no proxy at all, said once. */
    analyze_blob(0x46, 3, "http=a:1;b:2", "", "", &r);
    assert_string_equal(r.urls[0].proxy, "");
    assert_true(has_code(&r, "proxy_string_invalid"));
    winproxy_report_release(&r);
    /* A bypass list with commas is one pattern to .NET. */
    analyze_blob(0x46, 3, "p:1", "*.windows.net,*.microsoft.com", "", &r);
    assert_string_equal(r.urls[1].proxy, "http://p:1");
    assert_true(has_code(&r, "bypass_separator"));
    winproxy_report_release(&r);
}

static enum winreg_status deny_all(void *ctx, enum winreg_hive hive,
                                   const char *key, const char *name,
                                   struct winreg_value *out)
{
    (void)ctx;
    (void)hive;
    (void)key;
    (void)name;
    (void)out;
    return WINREG_DENIED;
}

static void test_denied(void **state)
{
    struct winreg_view v = {deny_all, NULL, "registry"};
    struct winproxy_report r;

    (void)state;
    assert_int_equal(
        winproxy_analyze(&v, targets, N_TARGETS, WINPROXY_PAC_OFFLINE, &r), 0);
    assert_int_equal(r.rows[WINPROXY_SRC_SYSTEM].state, WINPROXY_DENIED);
    assert_int_equal(r.rows[WINPROXY_SRC_WINHTTP].state, WINPROXY_DENIED);
    assert_non_null(strstr(r.why, "could not be read"));
    assert_int_equal(r.via, WINPROXY_VIA_UNKNOWN);
    assert_int_equal(r.urls[0].via, WINPROXY_VIA_UNKNOWN);
    assert_true(has_code(&r, "settings_unreadable"));
    assert_false(has_code(&r, "no_settings_autodetect"));
    assert_non_null(strstr(r.rows[WINPROXY_SRC_SYSTEM].note, "elevated"));
    winproxy_report_release(&r);
}

/* What the engine asks per check under `run --as-system` on Windows:
 * loopback first, then the bypass list, the same answers as the URL table
 * of the analysis. */
static void test_url_bypassed(void **state)
{
    static const struct {
        const char *list, *scheme, *host;
        unsigned port;
        bool direct;
        const char *entry;
    } cases[] = {
        {"", "https", "localhost", 0, true, "(loopback)"},
        {"", "http", "127.0.0.2", 8080, true, "(loopback)"},
        {"", "https", "::1", 0, true, "(loopback)"},
        {"", "https", "127.example.com", 0, false, ""},
        {"*.bypass.test;<local>", "https", "a.bypass.test", 0, true,
         "*.bypass.test"},
        {"*.bypass.test;<local>", "https", "bypass.test", 0, false, ""},
        {"*.bypass.test;<local>", "http", "intranet", 0, true, "<local>"},
        {"*.bypass.test;<local>", "https", "valid.nc.test", 0, false, ""},
        {"10.0.0.0/8", "https", "10.1.2.3", 0, false, ""},
        {"https://*.nc.test", "http", "a.nc.test", 0, false, ""},
        {"https://*.nc.test", "https", "a.nc.test", 0, true,
         "https://*.nc.test"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char entry[64] = "x";
        bool got =
            winproxy_url_bypassed(cases[i].list, cases[i].scheme, cases[i].host,
                                  cases[i].port, entry, sizeof(entry));

        if (got != cases[i].direct || strcmp(entry, cases[i].entry) != 0)
            fail_msg("case %zu (%s %s): got %d '%s'", i, cases[i].list,
                     cases[i].host, got, entry);
    }
    assert_true(winproxy_url_bypassed("", "https", "localhost", 0, NULL, 0));
}

static void test_alloc_failures(void **state)
{
    struct winreg_view v = {deny_all, NULL, "registry"};
    struct winproxy_report r;
    long n, i;

    (void)state;
    (void)nc_alloc_fail_after(-1);
    assert_int_equal(
        winproxy_analyze(&v, targets, N_TARGETS, WINPROXY_PAC_OFFLINE, &r), 0);
    n = nc_alloc_fail_after(-1);
    winproxy_report_release(&r);
    for (i = 0; i < n; i++) {
        (void)nc_alloc_fail_after(i);
        assert_int_equal(
            winproxy_analyze(&v, targets, N_TARGETS, WINPROXY_PAC_OFFLINE, &r),
            NC_ENOMEM);
        (void)nc_alloc_fail_after(-1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_system_manual),
        cmocka_unit_test(test_machine_pac),
        cmocka_unit_test(test_pac_modes),
        cmocka_unit_test(test_winhttp_only),
        cmocka_unit_test(test_files_add_up),
        cmocka_unit_test(test_blob_cases),
        cmocka_unit_test(test_denied),
        cmocka_unit_test(test_url_bypassed),
        cmocka_unit_test(test_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
