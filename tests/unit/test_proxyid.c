/* proxyid.c: who a run logs on to its proxy as (a user, the SYSTEM
 * account's own logon through SSPI, or none) and why, from handcrafted
 * facts about the account and curl. No I/O. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "proxyid.h"

#define SYS "NT AUTHORITY\\SYSTEM"

struct id_case {
    const char *name;
    struct proxyid_in in;
    enum nc_proxy_id kind;
    const char *want_name; /* "" for none */
    const char *note_has;  /* NULL: the note is empty */
};

/* Windows --as-system through an HTTP proxy, with SSPI, as account a. */
#define WIN_AS_SYSTEM(a, who)                                                  \
    {                                                                          \
        .proxied = true, .http_proxy = true, .as_system = true,                \
        .account = (a), .account_name = (who), .sspi = true                    \
    }

static const struct id_case id_cases[] = {
    {"no proxy: none, nothing to say",
     {.proxied = false, .user = "alice"},
     NC_PROXY_ID_NONE,
     "",
     NULL},
    {"--proxy-user",
     {.proxied = true,
      .http_proxy = true,
      .user = "alice",
      .user_from_flag = true},
     NC_PROXY_ID_USER,
     "alice",
     "from --proxy-user"},
    {"user from the proxy URL",
     {.proxied = true, .user = "bob"},
     NC_PROXY_ID_USER,
     "bob",
     "from the proxy URL"},
    {"a user wins over SYSTEM's own logon",
     {.proxied = true,
      .http_proxy = true,
      .as_system = true,
      .account = PROXYID_ACCOUNT_SYSTEM,
      .account_name = SYS,
      .sspi = true,
      .user = "svc",
      .user_from_flag = true},
     NC_PROXY_ID_USER,
     "svc",
     "from --proxy-user"},
    {"as SYSTEM with SSPI: SYSTEM's own logon",
     WIN_AS_SYSTEM(PROXYID_ACCOUNT_SYSTEM, SYS), NC_PROXY_ID_SYSTEM, SYS,
     "through SSPI"},
    {"as SYSTEM, Windows gave no name",
     WIN_AS_SYSTEM(PROXYID_ACCOUNT_SYSTEM, ""), NC_PROXY_ID_SYSTEM, "SYSTEM",
     "Negotiate or NTLM"},
    {"as another account: how to run as SYSTEM",
     WIN_AS_SYSTEM(PROXYID_ACCOUNT_OTHER, "HOST\\admin"), NC_PROXY_ID_NONE, "",
     "netcheck runs as 'HOST\\admin', not as SYSTEM"},
    {"another account, no name", WIN_AS_SYSTEM(PROXYID_ACCOUNT_OTHER, NULL),
     NC_PROXY_ID_NONE, "", "scheduled task"},
    {"the token could not be read",
     {.proxied = true,
      .http_proxy = true,
      .as_system = true,
      .account = PROXYID_ACCOUNT_UNKNOWN,
      .account_why = "error 5",
      .sspi = true},
     NC_PROXY_ID_NONE,
     "",
     "could not be told (error 5)"},
    {"curl without SSPI",
     {.proxied = true,
      .http_proxy = true,
      .as_system = true,
      .account = PROXYID_ACCOUNT_SYSTEM,
      .account_name = SYS,
      .sspi = false},
     NC_PROXY_ID_NONE,
     "",
     "without SSPI"},
    {"SOCKS only: not offered",
     {.proxied = true,
      .http_proxy = false,
      .as_system = true,
      .account = PROXYID_ACCOUNT_SYSTEM,
      .account_name = SYS,
      .sspi = true},
     NC_PROXY_ID_NONE,
     "",
     "HTTP proxies only"},
    {"Windows without --as-system, even as SYSTEM",
     {.proxied = true,
      .http_proxy = true,
      .as_system = false,
      .account = PROXYID_ACCOUNT_SYSTEM,
      .account_name = SYS,
      .sspi = true},
     NC_PROXY_ID_NONE,
     "",
     "--as-system run as SYSTEM logs on"},
    {"Linux --as-system (a systemd service)",
     {.proxied = true,
      .http_proxy = true,
      .as_system = true,
      .account = PROXYID_ACCOUNT_NA},
     NC_PROXY_ID_NONE,
     "",
     "only on Windows"},
    {"Linux, as Windows without --as-system",
     {.proxied = true, .http_proxy = true},
     NC_PROXY_ID_NONE,
     "",
     "give --proxy-user to send credentials (on Windows, --as-system"},
};

static void test_decide_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(id_cases) / sizeof(id_cases[0]); i++) {
        const struct id_case *t = &id_cases[i];
        struct nc_proxy_identity id;

        memset(&id, 0x5a, sizeof(id)); /* every field is written */
        proxyid_decide(&t->in, &id);
        print_message("case: %s\n", t->name);
        assert_int_equal(id.kind, t->kind);
        assert_string_equal(id.name, t->want_name);
        if (t->note_has == NULL)
            assert_string_equal(id.note, "");
        else
            assert_non_null(strstr(id.note, t->note_has));
    }
}

/* Only the user name is ever kept: the password is the caller's to drop,
 * and a name that fills the field is cut, still terminated. */
static void test_decide_long_name(void **state)
{
    struct proxyid_in in = {.proxied = true, .user_from_flag = true};
    struct nc_proxy_identity id;
    char user[400];

    (void)state;
    memset(user, 'u', sizeof(user) - 1);
    user[sizeof(user) - 1] = '\0';
    in.user = user;
    proxyid_decide(&in, &id);
    assert_int_equal(id.kind, NC_PROXY_ID_USER);
    assert_int_equal(strlen(id.name), sizeof(id.name) - 1);
}

struct describe_case {
    struct nc_proxy_identity id;
    const char *want;
};

static void test_describe(void **state)
{
    static const struct describe_case cases[] = {
        {{NC_PROXY_ID_USER, "alice", "from --proxy-user"}, "user 'alice'"},
        {{NC_PROXY_ID_SYSTEM, SYS, "x"},
         "the SYSTEM account's own Windows logon (" SYS ", through SSPI)"},
        {{NC_PROXY_ID_NONE, "", "netcheck runs as 'h\\a'"},
         "none: netcheck runs as 'h\\a'"},
        {{NC_PROXY_ID_NONE, "", ""}, "none"},
    };
    char buf[600], small[8];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        proxyid_describe(&cases[i].id, buf, sizeof(buf));
        assert_string_equal(buf, cases[i].want);
    }
    /* Truncated, never overrun. */
    proxyid_describe(&cases[1].id, small, sizeof(small));
    assert_int_equal(strlen(small), sizeof(small) - 1);
}

static void test_kind_names(void **state)
{
    (void)state;
    assert_string_equal(proxy_id_name(NC_PROXY_ID_NONE), "none");
    assert_string_equal(proxy_id_name(NC_PROXY_ID_USER), "user");
    assert_string_equal(proxy_id_name(NC_PROXY_ID_SYSTEM), "system");
    assert_string_equal(proxy_id_name(NC_PROXY_ID_MAX), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decide_table),
        cmocka_unit_test(test_decide_long_name),
        cmocka_unit_test(test_describe),
        cmocka_unit_test(test_kind_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
