/* regfile.c (and utf16.c under it): .reg exports as regedit writes them,
 * UTF-16LE with a byte-order mark and UTF-8, REGEDIT4, and the errors,
 * which name the file and line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "nc.h"
#include "regfile.h"
#include "utf16.h"

static enum winreg_status get(struct regfile *rf, enum winreg_hive h,
                              const char *key, const char *name,
                              struct winreg_value *v)
{
    struct winreg_view view;

    regfile_view(rf, &view);
    return view.get(view.ctx, h, key, name, v);
}

static int parse(struct regfile *rf, const char *text, struct nc_diag *d)
{
    memset(d, 0, sizeof(*d));
    return regfile_parse_buf(rf, text, strlen(text), "t.reg", d);
}

static struct winreg_value val;

static void test_values(void **state)
{
    struct regfile rf;
    struct nc_diag d;
    static const char text[] = "Windows Registry Editor Version 5.00\r\n\r\n"
                               "; comment\r\n"
                               "[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n"
                               "\"S\"=\"C:\\\\x \\\"q\\\"\"\r\n"
                               "@=\"def\"\r\n"
                               "\"D\"=dword:0000abcd\r\n"
                               "\"B\"=hex:01,02,\\\r\n"
                               "  03\r\n"
                               "\"E\"=hex(2):41,00,00,00\r\n"
                               "\"Q\"=hex(b):01,00,00,00,00,00,00,00\r\n"
                               "\"Gone\"=\"x\"\r\n"
                               "\"Gone\"=-\r\n"
                               "[hkey_users\\S-1-5-18\\K\\]\r\n"
                               "\"x\"=\"\"\r\n";

    (void)state;
    memset(&rf, 0, sizeof(rf));
    assert_int_equal(parse(&rf, text, &d), 0);
    assert_int_equal(get(&rf, WINREG_HKLM, "software\\a", "s", &val),
                     WINREG_FOUND);
    assert_int_equal(val.type, WINREG_SZ);
    /* UTF-16LE with its NUL: C:\x "q" */
    assert_int_equal(val.len, 2 * 8 + 2);
    assert_memory_equal(val.data, "C\0:\0\\\0x\0 \0\"\0q\0\"\0", 16);
    assert_int_equal(get(&rf, WINREG_HKLM, "SOFTWARE\\A", "", &val),
                     WINREG_FOUND);
    assert_int_equal(get(&rf, WINREG_HKLM, "SOFTWARE\\A", "D", &val),
                     WINREG_FOUND);
    assert_int_equal(val.type, WINREG_DWORD);
    assert_memory_equal(val.data, "\xcd\xab\0\0", 4);
    assert_int_equal(get(&rf, WINREG_HKLM, "SOFTWARE\\A", "B", &val),
                     WINREG_FOUND);
    assert_int_equal(val.type, WINREG_BINARY);
    assert_int_equal(val.len, 3);
    assert_memory_equal(val.data, "\1\2\3", 3);
    assert_int_equal(get(&rf, WINREG_HKLM, "SOFTWARE\\A", "E", &val),
                     WINREG_FOUND);
    assert_int_equal(val.type, WINREG_EXPAND_SZ);
    assert_int_equal(get(&rf, WINREG_HKLM, "SOFTWARE\\A", "Q", &val),
                     WINREG_FOUND);
    assert_int_equal(val.type, WINREG_QWORD);
    assert_int_equal(get(&rf, WINREG_HKLM, "SOFTWARE\\A", "Gone", &val),
                     WINREG_ABSENT);
    assert_int_equal(get(&rf, WINREG_HKU, "S-1-5-18\\K", "x", &val),
                     WINREG_FOUND);
    assert_int_equal(get(&rf, WINREG_HKCU, "SOFTWARE\\A", "D", &val),
                     WINREG_ABSENT);
    /* A second file replaces and deletes. */
    assert_int_equal(parse(&rf,
                           "REGEDIT4\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\n"
                           "\"D\"=dword:1\n\"E\"=hex(2):41,00\n"
                           "[-HKEY_USERS\\S-1-5-18]\n",
                           &d),
                     0);
    assert_int_equal(get(&rf, WINREG_HKLM, "SOFTWARE\\A", "D", &val),
                     WINREG_FOUND);
    assert_memory_equal(val.data, "\1\0\0\0", 4);
    /* REGEDIT4's 8-bit hex(2) widened to UTF-16LE */
    assert_int_equal(get(&rf, WINREG_HKLM, "SOFTWARE\\A", "E", &val),
                     WINREG_FOUND);
    assert_int_equal(val.len, 4);
    assert_memory_equal(val.data, "A\0\0\0", 4);
    assert_int_equal(get(&rf, WINREG_HKU, "S-1-5-18\\K", "x", &val),
                     WINREG_ABSENT);
    regfile_release(&rf);
    regfile_release(&rf);
}

static void test_utf16_bom(void **state)
{
    static const char text[] = "Windows Registry Editor Version 5.00\r\n"
                               "[HKEY_CURRENT_USER\\K]\r\n"
                               "\"n\"=\"\xc3\xa9\xf0\x9f\x98\x80\"\r\n";
    unsigned char *u16 = NULL, *buf;
    size_t n = 0;
    struct regfile rf;
    struct nc_diag d;
    char *back = NULL;

    (void)state;
    assert_int_equal(nc_utf16le_encode(text, strlen(text), &u16, &n), 0);
    buf = nc_malloc(n + 2);
    assert_non_null(buf);
    buf[0] = 0xff;
    buf[1] = 0xfe;
    memcpy(buf + 2, u16, n - 2); /* without the encoder's NUL */
    memset(&rf, 0, sizeof(rf));
    memset(&d, 0, sizeof(d));
    assert_int_equal(
        regfile_parse_buf(&rf, (const char *)buf, n, "u16.reg", &d), 0);
    assert_int_equal(get(&rf, WINREG_HKCU, "K", "n", &val), WINREG_FOUND);
    assert_int_equal(
        nc_utf16le_decode(val.data, val.len, true, &back, NULL, NULL), 0);
    assert_string_equal(back, "\xc3\xa9\xf0\x9f\x98\x80");
    nc_free(back);
    /* A lone surrogate on line 3 is named. */
    buf[n - 6] = 0x00;
    buf[n - 5] = 0xd8;
    assert_int_equal(
        regfile_parse_buf(&rf, (const char *)buf, n, "u16.reg", &d), NC_EPARSE);
    assert_int_equal(d.line, 3);
    assert_string_equal(d.file, "u16.reg");
    regfile_release(&rf);
    nc_free(buf);
    nc_free(u16);
}

struct err_case {
    const char *text;
    unsigned line;
    const char *msg;
};

static void test_errors(void **state)
{
    static const struct err_case e[] = {
        {"", 1, "empty file"},
        {"\n\nhello\n", 3, "not a .reg file"},
        {"REGEDIT4\n\"a\"=\"b\"\n", 2, "before any [key]"},
        {"REGEDIT4\n[HKEY_NOPE\\x]\n", 2, "unknown hive"},
        {"REGEDIT4\n[HKEY_USERS\\x\n", 2, "closing ']'"},
        {"REGEDIT4\n[HKEY_USERS\\x]\n\"a\"=dword:123456789\n", 3,
         "more than 8"},
        {"REGEDIT4\n[HKEY_USERS\\x]\n\"a\"=dword:\n", 3, "1 to 8"},
        {"REGEDIT4\n[HKEY_USERS\\x]\n\"a\"=hex:0g\n", 3, "hex digits"},
        {"REGEDIT4\n[HKEY_USERS\\x]\n\"a\"=hex:01,\\\n 0z\n", 3, "hex digits"},
        {"REGEDIT4\n[HKEY_USERS\\x]\n\"a\"=hex(zz):01\n", 3, "type number"},
        {"REGEDIT4\n[HKEY_USERS\\x]\n\"a\"=\"b\n", 3, "closing quote"},
        {"REGEDIT4\n[HKEY_USERS\\x]\n\"a\"=\"b\" x\n", 3, "after a string"},
        {"REGEDIT4\n[HKEY_USERS\\x]\n\"a\"=qword:1\n", 3, "unknown value"},
        {"REGEDIT4\n[HKEY_USERS\\x]\n\"a\" \"b\"\n", 3, "without '='"},
        {"REGEDIT4\n[-HKEY_USERS\\x]\n\"a\"=\"b\"\n", 3, "deleted"},
        {"REGEDIT4\n[HKEY_USERS\\x]\nnonsense\n", 3, "not a [key]"},
        {"REGEDIT4\n[HKEY_USERS\\x]\n\"a\"=\"\xff\"\n", 3, "not UTF-8"},
        {"\xfe\xff\0R", 1, "UTF-16BE"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
        struct regfile rf;
        struct nc_diag d;
        int r;

        memset(&rf, 0, sizeof(rf));
        memset(&d, 0, sizeof(d));
        r = regfile_parse_buf(&rf, e[i].text,
                              strlen(e[i].text) + (i == 17 ? 2 : 0), "bad.reg",
                              &d);
        if (r >= 0 || d.line != e[i].line || strstr(d.msg, e[i].msg) == NULL)
            fail_msg("row %zu: rc %d line %u '%s'", i, r, d.line, d.msg);
        assert_string_equal(d.file, "bad.reg");
        regfile_release(&rf);
    }
}

static void test_load_fixtures(void **state)
{
    static const char *const files[] = {"system-manual.reg", "machine-pac.reg",
                                        "winhttp-only.reg"};
    struct regfile rf;
    struct nc_diag d;
    char path[512];
    size_t i;

    (void)state;
    memset(&rf, 0, sizeof(rf));
    for (i = 0; i < 3; i++) {
        (void)snprintf(path, sizeof(path), "%s/winreg/%s", NC_TEST_DATA,
                       files[i]);
        memset(&d, 0, sizeof(d));
        if (regfile_load(&rf, path, &d) != 0)
            fail_msg("%s: %s:%u: %s", files[i], d.file, d.line, d.msg);
    }
    assert_int_equal(get(&rf, WINREG_HKLM,
                         "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\"
                         "Internet Settings\\Connections",
                         "WinHttpSettings", &val),
                     WINREG_FOUND);
    assert_int_equal(val.type, WINREG_BINARY);
    assert_true(strstr(rf.origin, "machine-pac.reg") != NULL);
    memset(&d, 0, sizeof(d));
    assert_int_equal(regfile_load(&rf, "/nonexistent/x.reg", &d), NC_EIO);
    regfile_release(&rf);
}

static void test_alloc_failures(void **state)
{
    static const char text[] = "REGEDIT4\n[HKEY_USERS\\x]\n\"a\"=\"b\"\n"
                               "\"c\"=hex:01,02\n";
    long n, i;

    (void)state;
    nc_alloc_fail_after(-1);
    {
        struct regfile rf;
        struct nc_diag d;

        memset(&rf, 0, sizeof(rf));
        (void)nc_alloc_fail_after(-1);
        assert_int_equal(parse(&rf, text, &d), 0);
        n = nc_alloc_fail_after(-1);
        regfile_release(&rf);
    }
    for (i = 0; i < n; i++) {
        struct regfile rf;
        struct nc_diag d;

        memset(&rf, 0, sizeof(rf));
        (void)nc_alloc_fail_after(i);
        assert_int_equal(parse(&rf, text, &d), NC_ENOMEM);
        (void)nc_alloc_fail_after(-1);
        regfile_release(&rf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_utf16_bom),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_load_fixtures),
        cmocka_unit_test(test_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
