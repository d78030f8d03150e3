/* run_identity.c: the proxy identity over a run's decided proxies, per
 * scheme and from a PAC file's table, handed to the engine's proxies. On
 * Linux the account is not applicable, so a user or none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "proxycfg.h"
#include "run_identity.h"

#define SECRET "S3cr3tPw"

/* Only a PAC file's proxy names the user: it still counts. */
static void test_pac_only_user(void **state)
{
    struct run_proxy_opts o;
    struct proxycfg cfg;
    struct nc_proxy_identity id;
    struct probe_proxy px[1];
    char why[128], text[600];
    size_t idx = 9;

    (void)state;
    memset(&o, 0, sizeof(o));
    memset(&cfg, 0, sizeof(cfg));
    assert_int_equal(proxycfg_pac_add(&cfg, "203.0.113.30:3128",
                                      "agent:" SECRET, "PAC", &idx, why,
                                      sizeof(why)),
                     0);
    o.user = "agent:" SECRET;
    run_identity_decide(&o, &cfg, &id);
    assert_int_equal(id.kind, NC_PROXY_ID_USER);
    assert_string_equal(id.name, "agent");
    assert_string_equal(id.note, "from --proxy-user");
    proxycfg_pac_to_probe(&cfg, px);
    run_identity_apply(&id, text, sizeof(text), px, cfg.n_pac);
    assert_ptr_equal(px[0].identity, text);
    assert_string_equal(text, "user 'agent'");
    assert_false(px[0].sspi);
    assert_null(strstr(text, SECRET));
    proxycfg_release(&cfg);
}

/* No proxy anywhere: none, nothing to say, and nothing to hand over. */
static void test_no_proxy(void **state)
{
    struct run_proxy_opts o;
    struct proxycfg cfg;
    struct nc_proxy_identity id;
    struct probe_proxy px[2];
    char text[600];

    (void)state;
    memset(&o, 0, sizeof(o));
    memset(&cfg, 0, sizeof(cfg));
    memset(px, 0, sizeof(px));
    run_identity_decide(&o, &cfg, &id);
    assert_int_equal(id.kind, NC_PROXY_ID_NONE);
    assert_string_equal(id.note, "");
    run_identity_apply(&id, text, sizeof(text), px, 2);
    assert_null(px[0].identity);
    assert_null(px[1].identity);
    run_identity_apply(&id, text, sizeof(text), NULL, 0);
}

/* A proxy without credentials: none, saying how to send some; on Linux
 * --as-system says the SYSTEM account's logon is Windows'. */
static void test_linux_none(void **state)
{
    struct proxycfg_in in;
    struct run_proxy_opts o;
    struct proxycfg cfg;
    struct nc_proxy_identity id;
    char why[128];

    (void)state;
    memset(&in, 0, sizeof(in));
    memset(&o, 0, sizeof(o));
    in.flag_proxy = "http://203.0.113.30:3128";
    assert_int_equal(proxycfg_decide(&in, &cfg, why, sizeof(why)), 0);
    run_identity_decide(&o, &cfg, &id);
    assert_int_equal(id.kind, NC_PROXY_ID_NONE);
    assert_non_null(strstr(id.note, "give --proxy-user"));
#ifndef _WIN32 /* under wine the account is another one's, not n/a */
    o.as_system = true;
    run_identity_decide(&o, &cfg, &id);
    assert_int_equal(id.kind, NC_PROXY_ID_NONE);
    assert_non_null(strstr(id.note, "only on Windows"));
#endif
    proxycfg_release(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pac_only_user),
        cmocka_unit_test(test_no_proxy),
        cmocka_unit_test(test_linux_none),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
