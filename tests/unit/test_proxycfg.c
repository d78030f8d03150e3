/* proxycfg.c: which proxy each scheme goes through, from the flags and an
 * environment (curl's variables), the engine's view of it, and that the
 * credentials are wiped and never reach a message. No I/O. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "env.h"
#include "nc.h"
#include "proxycfg.h"

#define SECRET "S3cr3tPw"

/* Build an environment from "NAME=VALUE" strings (NULL-terminated). */
static void env_from(struct nc_env *env, const char *const *vars)
{
    size_t i;

    memset(env, 0, sizeof(*env));
    for (i = 0; vars != NULL && vars[i] != NULL; i++)
        assert_int_equal(env_put(env, vars[i]), 0);
}

static bool all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;

    for (i = 0; i < n; i++)
        if (b[i] != 0)
            return false;
    return true;
}

/* True when the n bytes at p hold needle anywhere (NULs included). */
static bool bytes_hold(const void *p, size_t n, const char *needle)
{
    const char *b = p;
    size_t k = strlen(needle), i;

    for (i = 0; i + k <= n; i++)
        if (memcmp(b + i, needle, k) == 0)
            return true;
    return false;
}

/* The scheme is enabled through var with display (or disabled when var is
 * NULL). */
static void assert_scheme(const struct proxycfg *cfg, int i, const char *var,
                          const char *display)
{
    const struct proxycfg_scheme *s = &cfg->scheme[i];

    if (var == NULL) {
        if (s->enabled)
            fail_msg("scheme[%d] enabled through %s (%s), want direct", i,
                     s->var, s->display);
        return;
    }
    if (!s->enabled)
        fail_msg("scheme[%d] direct, want %s from %s", i, display, var);
    assert_string_equal(s->var, var);
    assert_string_equal(s->display, display);
}

/* ---- the flags and the environment: curl 7.88's variables and order ---- */

struct env_case {
    const char *name;
    const char *vars[6];
    enum nc_proxy_source source; /* env_source passed in: ENV unless set */
    enum nc_proxy_source want_source;
    const char *http_var, *http; /* NULL: direct */
    const char *https_var, *https;
    const char *noproxy; /* NULL: none copied */
};

/* The same with the flags: --proxy, --proxy-user, --no-proxy. */
struct flag_case {
    struct env_case e;
    const char *flag_proxy, *flag_user;
    bool flag_no_proxy;
    bool no_env;            /* no environment at all */
    const char *https_host; /* the parsed host and port, when set */
    unsigned https_port;
};

static const struct env_case env_cases[] = {
    {"nothing set",
     {NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_NONE,
     NULL,
     NULL,
     NULL,
     NULL,
     NULL},
    {"http_proxy serves http:// only",
     {"http_proxy=http://h.example:8080", NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_ENV,
     "http_proxy",
     "http://h.example:8080",
     NULL,
     NULL,
     NULL},
    {"uppercase HTTP_PROXY is ignored for http://",
     {"HTTP_PROXY=http://upper.example:8080", NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_NONE,
     NULL,
     NULL,
     NULL,
     NULL,
     NULL},
    {"HTTP_PROXY ignored, all_proxy used for http://",
     {"HTTP_PROXY=http://upper.example:8080", "all_proxy=http://all.example:1",
      NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_ENV,
     "all_proxy",
     "http://all.example:1",
     "all_proxy",
     "http://all.example:1",
     NULL},
    {"https_proxy before HTTPS_PROXY",
     {"HTTPS_PROXY=http://upper.example:2",
      "https_proxy=http://lower.example:1", NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_ENV,
     NULL,
     NULL,
     "https_proxy",
     "http://lower.example:1",
     NULL},
    {"HTTPS_PROXY alone",
     {"HTTPS_PROXY=http://upper.example:2", NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_ENV,
     NULL,
     NULL,
     "HTTPS_PROXY",
     "http://upper.example:2",
     NULL},
    {"HTTPS_PROXY before all_proxy",
     {"all_proxy=http://all.example:3", "HTTPS_PROXY=http://upper.example:2",
      NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_ENV,
     "all_proxy",
     "http://all.example:3",
     "HTTPS_PROXY",
     "http://upper.example:2",
     NULL},
    {"all_proxy before ALL_PROXY",
     {"ALL_PROXY=http://upper.example:4", "all_proxy=http://all.example:3",
      NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_ENV,
     "all_proxy",
     "http://all.example:3",
     "all_proxy",
     "http://all.example:3",
     NULL},
    {"ALL_PROXY alone",
     {"ALL_PROXY=http://upper.example:4", NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_ENV,
     "ALL_PROXY",
     "http://upper.example:4",
     "ALL_PROXY",
     "http://upper.example:4",
     NULL},
    {"an empty https_proxy counts as unset",
     {"https_proxy=", "ALL_PROXY=http://upper.example:4", NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_ENV,
     "ALL_PROXY",
     "http://upper.example:4",
     "ALL_PROXY",
     "http://upper.example:4",
     NULL},
    {"no scheme, no port: http:// and 1080",
     {"https_proxy=bare.example", NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_ENV,
     NULL,
     NULL,
     "https_proxy",
     "http://bare.example:1080",
     NULL},
    {"an https:// proxy, IPv6 literal",
     {"https_proxy=https://[2001:db8::1]:8443", NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_ENV,
     NULL,
     NULL,
     "https_proxy",
     "https://[2001:db8::1]:8443",
     NULL},
    {"NO_PROXY copied",
     {"https_proxy=http://p.example:1", "NO_PROXY=.corp.example, localhost",
      NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_ENV,
     NULL,
     NULL,
     "https_proxy",
     "http://p.example:1",
     ".corp.example, localhost"},
    {"no_proxy before NO_PROXY",
     {"http_proxy=http://p.example:1", "NO_PROXY=upper.example",
      "no_proxy=lower.example", NULL},
     NC_PROXY_SOURCE_ENV,
     NC_PROXY_SOURCE_ENV,
     "http_proxy",
     "http://p.example:1",
     NULL,
     NULL,
     "lower.example"},
    {"the source is the caller's: system",
     {"https_proxy=http://sys.example:3128", NULL},
     NC_PROXY_SOURCE_SYSTEM,
     NC_PROXY_SOURCE_SYSTEM,
     NULL,
     NULL,
     "https_proxy",
     "http://sys.example:3128",
     NULL},
    {"the source is the caller's: unit",
     {"http_proxy=http://unit.example:3128", NULL},
     NC_PROXY_SOURCE_UNIT,
     NC_PROXY_SOURCE_UNIT,
     "http_proxy",
     "http://unit.example:3128",
     NULL,
     NULL,
     NULL},
    {"a system environment with no proxy is none",
     {"LANG=C.UTF-8", NULL},
     NC_PROXY_SOURCE_SYSTEM,
     NC_PROXY_SOURCE_NONE,
     NULL,
     NULL,
     NULL,
     NULL,
     NULL},
};

static const struct flag_case flag_cases[] = {
    /* --no-proxy wins over --proxy and over every variable. */
    {.e = {.name = "--no-proxy wins",
           .vars = {"http_proxy=http://a.example:1",
                    "https_proxy=http://b.example:2",
                    "ALL_PROXY=http://c.example:3", "NO_PROXY=.corp.example",
                    NULL},
           .source = NC_PROXY_SOURCE_ENV,
           .want_source = NC_PROXY_SOURCE_FLAG},
     .flag_no_proxy = true,
     .flag_proxy = "http://flag.example:3128",
     .flag_user = "agent:" SECRET},
    /* --proxy serves both schemes, without the environment's NO_PROXY. */
    {.e = {.name = "--proxy serves both schemes",
           .vars = {"https_proxy=http://env.example:1",
                    "no_proxy=valid.nc.test", NULL},
           .source = NC_PROXY_SOURCE_UNIT,
           .want_source = NC_PROXY_SOURCE_FLAG,
           .http_var = "--proxy",
           .http = "http://flag.example:3128",
           .https_var = "--proxy",
           .https = "http://flag.example:3128"},
     .flag_proxy = "HTTP://Flag.Example:3128/",
     .https_host = "flag.example",
     .https_port = 3128},
    /* And without any environment at all. */
    {.e = {.name = "--proxy without any environment",
           .want_source = NC_PROXY_SOURCE_FLAG,
           .http_var = "--proxy",
           .http = "http://flag.example:3128",
           .https_var = "--proxy",
           .https = "http://flag.example:3128"},
     .no_env = true,
     .flag_proxy = "HTTP://Flag.Example:3128/"},
    /* --proxy-user with no proxy in use changes nothing. */
    {.e = {.name = "--proxy-user alone", .want_source = NC_PROXY_SOURCE_NONE},
     .no_env = true,
     .flag_user = "agent:" SECRET},
    /* http's proxy is shown when https goes direct. */
    {.e = {.name = "http's proxy displayed",
           .vars = {"http_proxy=plain.example:81", NULL},
           .source = NC_PROXY_SOURCE_ENV,
           .want_source = NC_PROXY_SOURCE_ENV,
           .http_var = "http_proxy",
           .http = "http://plain.example:81"}},
};

/* Run one case: f holds the flags, or is NULL for the environment alone. */
static void env_case_run(const struct env_case *t, const struct flag_case *f)
{
    struct proxycfg_in in;
    struct proxycfg cfg;
    struct nc_env env;
    char why[256];
    int r;

    print_message("case: %s\n", t->name);
    env_from(&env, t->vars);
    memset(&in, 0, sizeof(in));
    in.env = f != NULL && f->no_env ? NULL : &env;
    in.env_source = t->source;
    if (f != NULL) {
        in.flag_proxy = f->flag_proxy;
        in.flag_user = f->flag_user;
        in.flag_no_proxy = f->flag_no_proxy;
    }
    r = proxycfg_decide(&in, &cfg, why, sizeof(why));
    if (r != 0)
        fail_msg("%s: rc %d (%s)", t->name, r, why);
    if (cfg.source != t->want_source)
        fail_msg("%s: source %s, want %s", t->name,
                 proxy_source_name(cfg.source),
                 proxy_source_name(t->want_source));
    assert_scheme(&cfg, 0, t->http_var, t->http);
    assert_scheme(&cfg, 1, t->https_var, t->https);
    if (t->noproxy != NULL) {
        assert_non_null(cfg.noproxy);
        assert_string_equal(cfg.noproxy, t->noproxy);
    } else {
        assert_null(cfg.noproxy);
    }
    if (f != NULL && f->https_host != NULL) {
        assert_string_equal(cfg.scheme[1].url.host, f->https_host);
        assert_int_equal(cfg.scheme[1].url.port, f->https_port);
    }
    if (t->https != NULL)
        assert_string_equal(proxycfg_display(&cfg), t->https);
    else if (t->http != NULL)
        assert_string_equal(proxycfg_display(&cfg), t->http);
    else
        assert_string_equal(proxycfg_display(&cfg), "");
    proxycfg_release(&cfg);
    env_release(&env);
}

static void test_env_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(env_cases) / sizeof(env_cases[0]); i++)
        env_case_run(&env_cases[i], NULL);
    for (i = 0; i < sizeof(flag_cases) / sizeof(flag_cases[0]); i++)
        env_case_run(&flag_cases[i].e, &flag_cases[i]);
}

/* The environment's traps become warnings (uppercase HTTP_PROXY). */
static void test_env_warnings(void **state)
{
    static const char *const vars[] = {"HTTP_PROXY=http://upper.example:1",
                                       NULL};
    struct proxycfg_in in;
    struct proxycfg cfg;
    struct nc_env env;
    char why[256];
    size_t i;
    bool found = false;

    (void)state;
    env_from(&env, vars);
    memset(&in, 0, sizeof(in));
    in.env = &env;
    in.env_source = NC_PROXY_SOURCE_ENV;
    assert_int_equal(proxycfg_decide(&in, &cfg, why, sizeof(why)), 0);
    for (i = 0; i < cfg.warnings.n; i++)
        found = found || strstr(cfg.warnings.text[i], "HTTP_PROXY") != NULL;
    assert_true(found);
    proxycfg_release(&cfg);
    env_release(&env);
}

/* ---- credentials ---- */

/* --proxy-user replaces what the URL held, for every scheme in use. */
static const struct {
    const char *name;
    const char *flag_user; /* NULL: the URL's own */
    const char *user, *pass;
    bool has_pass;
} user_cases[] = {
    /* Without the flag: the URL's credentials, percent-decoded. */
    {"the URL's", NULL, "old", "OldPw", true},
    /* Nothing of the old password is left behind the new one. */
    {"the flag's", "agent:" SECRET ":with:colons", "agent",
     SECRET ":with:colons", true},
    /* USER alone: no password at all, the URL's is gone. */
    {"user alone", "onlyuser", "onlyuser", "", false},
    /* USER: with an empty password: sent as an empty one. */
    {"empty password", "agent:", "agent", "", true},
};

static void test_proxy_user_replaces(void **state)
{
    static const char *const vars[] = {
        "http_proxy=http://old:OldPw@p.example:1",
        "https_proxy=http://old:OldPw@q.example:2", NULL};
    struct proxycfg_in in;
    struct proxycfg cfg;
    struct nc_env env;
    char why[256];
    size_t k;
    int i;

    (void)state;
    env_from(&env, vars);
    for (k = 0; k < sizeof(user_cases) / sizeof(user_cases[0]); k++) {
        print_message("case: %s\n", user_cases[k].name);
        memset(&in, 0, sizeof(in));
        in.env = &env;
        in.env_source = NC_PROXY_SOURCE_ENV;
        in.flag_user = user_cases[k].flag_user;
        assert_int_equal(proxycfg_decide(&in, &cfg, why, sizeof(why)), 0);
        for (i = 0; i < 2; i++) {
            const struct proxy_url *u = &cfg.scheme[i].url;

            assert_true(u->has_user);
            assert_int_equal(u->has_pass, user_cases[k].has_pass);
            assert_string_equal(u->user, user_cases[k].user);
            assert_string_equal(u->pass, user_cases[k].pass);
            assert_true(all_zero(u->pass + strlen(u->pass),
                                 sizeof(u->pass) - strlen(u->pass)));
            /* The display never holds a credential. */
            assert_null(strstr(cfg.scheme[i].display, user_cases[k].user));
            if (user_cases[k].pass[0] != '\0')
                assert_null(strstr(cfg.scheme[i].display, user_cases[k].pass));
            assert_null(strstr(cfg.scheme[i].display, SECRET));
        }
        proxycfg_release(&cfg);
    }
    env_release(&env);
}

/* --proxy-user with --proxy (with no proxy in use: env_cases). */
static void test_proxy_user_with_flag(void **state)
{
    struct proxycfg_in in;
    struct proxycfg cfg;
    char why[256];

    (void)state;
    memset(&in, 0, sizeof(in));
    in.flag_proxy = "http://urluser:UrlPw@flag.example:3128";
    in.flag_user = "agent:" SECRET;
    assert_int_equal(proxycfg_decide(&in, &cfg, why, sizeof(why)), 0);
    assert_string_equal(cfg.scheme[0].url.user, "agent");
    assert_string_equal(cfg.scheme[1].url.pass, SECRET);
    assert_string_equal(cfg.scheme[1].display, "http://flag.example:3128");
    proxycfg_release(&cfg);
}

/* ---- input errors: named by their variable, never with the password ---- */

struct bad_case {
    const char *var; /* NULL: the value is --proxy's */
    const char *value;
    const char *user; /* --proxy-user, or NULL */
    const char *why;  /* substring of the reason */
};

static const struct bad_case bad_cases[] = {
    {"https_proxy", "http://agent:" SECRET "@p.example:99999", NULL,
     "https_proxy"},
    {"https_proxy", "http://agent:" SECRET "@p.example:99999", NULL, "port"},
    {"HTTPS_PROXY", "ftp://agent:" SECRET "@p.example:21", NULL, "HTTPS_PROXY"},
    {"http_proxy", "http://agent:" SECRET "@", NULL, "http_proxy"},
    {"all_proxy", "http://agent:" SECRET "@p.example:1/path", NULL,
     "all_proxy"},
    {"ALL_PROXY", "http://agent:" SECRET "@bad host:1", NULL, "ALL_PROXY"},
    {"https_proxy", "http://agent:" SECRET "@x@p.example:1", NULL,
     "https_proxy"},
    {"https_proxy", "http://agent:%zz" SECRET "@p.example:1", NULL,
     "https_proxy"},
    {NULL, "http://agent:" SECRET "@p.example:0", NULL, "--proxy"},
    {NULL, "http://agent:" SECRET "@[::1:1", NULL, "--proxy"},
    {NULL, "http://p.example:3128", ":" SECRET, "--proxy-user"},
    {"https_proxy", "http://p.example:3128", ":" SECRET, "--proxy-user"},
};

static void test_bad_values(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        const struct bad_case *t = &bad_cases[i];
        struct proxycfg_in in;
        struct proxycfg cfg;
        struct nc_env env = {NULL, 0};
        char why[256] = "";
        int r;

        memset(&in, 0, sizeof(in));
        if (t->var != NULL) {
            assert_int_equal(env_set(&env, t->var, t->value), 0);
            in.env = &env;
            in.env_source = NC_PROXY_SOURCE_ENV;
        } else {
            in.flag_proxy = t->value;
        }
        in.flag_user = t->user;
        memset(&cfg, 0, sizeof(cfg));
        r = proxycfg_decide(&in, &cfg, why, sizeof(why));
        if (r != NC_EPARSE)
            fail_msg("case %zu (%s): rc %d, want NC_EPARSE", i, t->value, r);
        if (strstr(why, t->why) == NULL)
            fail_msg("case %zu: why '%s' lacks '%s'", i, why, t->why);
        if (strstr(why, SECRET) != NULL || strstr(why, "3cr3t") != NULL)
            fail_msg("case %zu: why '%s' holds the password", i, why);
        /* Nothing half-made is left to free or to leak. */
        assert_null(cfg.noproxy);
        assert_false(bytes_hold(&cfg, sizeof(cfg), SECRET));
        assert_true(
            all_zero(cfg.scheme[0].url.pass, sizeof(cfg.scheme[0].url.pass)));
        assert_true(
            all_zero(cfg.scheme[1].url.pass, sizeof(cfg.scheme[1].url.pass)));
        env_release(&env);
    }
}

/* One scheme parsed (with a password) before the other failed: the
 * first one's secret is wiped and the NO_PROXY copy freed. */
static void test_bad_second_scheme_wipes_first(void **state)
{
    static const char *const vars[] = {
        "http_proxy=http://agent:" SECRET "@good.example:1",
        "https_proxy=http://agent:" SECRET "@bad.example:notaport",
        "no_proxy=localhost", NULL};
    struct proxycfg_in in;
    struct proxycfg cfg;
    struct nc_env env;
    char why[256] = "";

    (void)state;
    env_from(&env, vars);
    memset(&in, 0, sizeof(in));
    in.env = &env;
    in.env_source = NC_PROXY_SOURCE_ENV;
    memset(&cfg, 0, sizeof(cfg));
    assert_int_equal(proxycfg_decide(&in, &cfg, why, sizeof(why)), NC_EPARSE);
    assert_non_null(strstr(why, "https_proxy"));
    assert_null(strstr(why, SECRET));
    assert_null(cfg.noproxy);
    assert_true(
        all_zero(cfg.scheme[0].url.pass, sizeof(cfg.scheme[0].url.pass)));
    assert_true(
        all_zero(cfg.scheme[0].url.user, sizeof(cfg.scheme[0].url.user)));
    env_release(&env);
}

/* ---- the engine's view, the display, release ---- */

static void test_to_probe(void **state)
{
    static const char *const vars[] = {
        "http_proxy=http://agent:" SECRET "@plain.example:8080",
        "https_proxy=https://tls.example:8443", "NO_PROXY=.corp.example", NULL};
    struct proxycfg_in in;
    struct proxycfg cfg;
    struct probe_proxy pp[2];
    struct nc_env env;
    char why[256];

    (void)state;
    env_from(&env, vars);
    memset(&in, 0, sizeof(in));
    in.env = &env;
    in.env_source = NC_PROXY_SOURCE_ENV;
    assert_int_equal(proxycfg_decide(&in, &cfg, why, sizeof(why)), 0);
    memset(pp, 0x5a, sizeof(pp));
    proxycfg_to_probe(&cfg, pp);

    assert_true(pp[0].enabled);
    assert_string_equal(pp[0].url, "http://plain.example:8080");
    assert_null(strstr(pp[0].url, SECRET));
    assert_null(strstr(pp[0].url, "agent"));
    assert_string_equal(pp[0].host, "plain.example");
    assert_int_equal(pp[0].port, 8080);
    assert_false(pp[0].https);
    assert_ptr_equal(pp[0].user, cfg.scheme[0].url.user);
    assert_ptr_equal(pp[0].password, cfg.scheme[0].url.pass);
    assert_string_equal(pp[0].password, SECRET);
    assert_ptr_equal(pp[0].noproxy, cfg.noproxy);
    assert_string_equal(pp[0].noproxy, ".corp.example");

    assert_true(pp[1].enabled);
    assert_string_equal(pp[1].url, "https://tls.example:8443");
    assert_string_equal(pp[1].host, "tls.example");
    assert_int_equal(pp[1].port, 8443);
    assert_true(pp[1].https);
    assert_null(pp[1].user);
    assert_null(pp[1].password);
    assert_ptr_equal(pp[1].noproxy, cfg.noproxy);

    /* The display names https's proxy when there is one. */
    assert_string_equal(proxycfg_display(&cfg), "https://tls.example:8443");
    proxycfg_release(&cfg);

    /* A user without a password: password NULL, user set. */
    memset(&in, 0, sizeof(in));
    in.flag_proxy = "http://[::1]:3128";
    in.flag_user = "agent";
    assert_int_equal(proxycfg_decide(&in, &cfg, why, sizeof(why)), 0);
    proxycfg_to_probe(&cfg, pp);
    assert_string_equal(pp[1].url, "http://[::1]:3128");
    assert_string_equal(pp[1].host, "::1");
    assert_string_equal(pp[1].user, "agent");
    assert_null(pp[1].password);
    assert_null(pp[1].noproxy);
    proxycfg_release(&cfg);

    /* Direct: both disabled and zeroed. */
    memset(&in, 0, sizeof(in));
    in.flag_no_proxy = true;
    assert_int_equal(proxycfg_decide(&in, &cfg, why, sizeof(why)), 0);
    memset(pp, 0x5a, sizeof(pp));
    proxycfg_to_probe(&cfg, pp);
    assert_false(pp[0].enabled);
    assert_false(pp[1].enabled);
    assert_null(pp[0].user);
    assert_null(pp[1].password);
    assert_null(pp[1].noproxy);
    proxycfg_release(&cfg);
    env_release(&env);
}

/* SOCKS schemes: the version, and who resolves the destination. */
static void test_to_probe_socks(void **state)
{
    static const struct {
        const char *url;
        unsigned socks;
        bool remote_dns;
    } cases[] = {
        {"socks5://s.example", 5, false}, {"socks5h://s.example", 5, true},
        {"socks4://s.example", 4, false}, {"socks4a://s.example", 4, true},
        {"http://s.example", 0, false},   {"https://s.example", 0, false},
    };
    struct proxycfg_in in;
    struct proxycfg cfg;
    struct probe_proxy pp[2];
    char why[256];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        memset(&in, 0, sizeof(in));
        in.flag_proxy = cases[i].url;
        assert_int_equal(proxycfg_decide(&in, &cfg, why, sizeof(why)), 0);
        memset(pp, 0x5a, sizeof(pp));
        proxycfg_to_probe(&cfg, pp);
        if (pp[1].socks != cases[i].socks ||
            pp[1].remote_dns != cases[i].remote_dns ||
            pp[0].socks != cases[i].socks)
            fail_msg("%s: socks %u remote_dns %d", cases[i].url, pp[1].socks,
                     pp[1].remote_dns);
        assert_int_equal(pp[1].port, cases[i].socks ? 1080u : pp[1].port);
        proxycfg_release(&cfg);
    }
}

/* Release wipes user and password in place, frees NO_PROXY, and can be
 * called twice (and on a zeroed struct). */
static void test_release_wipes(void **state)
{
    static const char *const vars[] = {
        "https_proxy=http://agent:" SECRET "@p.example:1",
        "http_proxy=http://agent2:" SECRET "2@p.example:1", "no_proxy=x", NULL};
    struct proxycfg_in in;
    struct proxycfg cfg;
    struct nc_env env;
    char why[256];
    int i;

    (void)state;
    env_from(&env, vars);
    memset(&in, 0, sizeof(in));
    in.env = &env;
    in.env_source = NC_PROXY_SOURCE_ENV;
    assert_int_equal(proxycfg_decide(&in, &cfg, why, sizeof(why)), 0);
    assert_string_equal(cfg.scheme[1].url.pass, SECRET);
    assert_string_equal(cfg.scheme[0].url.pass, SECRET "2");
    assert_non_null(cfg.noproxy);
    proxycfg_release(&cfg);
    for (i = 0; i < 2; i++) {
        assert_true(
            all_zero(cfg.scheme[i].url.pass, sizeof(cfg.scheme[i].url.pass)));
        assert_true(
            all_zero(cfg.scheme[i].url.user, sizeof(cfg.scheme[i].url.user)));
        assert_false(bytes_hold(&cfg, sizeof(cfg), SECRET));
    }
    assert_null(cfg.noproxy);
    proxycfg_release(&cfg);

    memset(&cfg, 0, sizeof(cfg));
    proxycfg_release(&cfg);
    assert_null(cfg.noproxy);
    env_release(&env);
}

/* ---- allocation failures ---- */

static void test_alloc_failures(void **state)
{
    static const char *const vars[] = {
        "https_proxy=http://agent:" SECRET "@p.example:1",
        "http_proxy=http://q.example:2", "no_proxy=.corp.example", NULL};
    struct proxycfg_in in;
    struct proxycfg cfg;
    struct nc_env env;
    char why[256];
    long i, total;
    int r;

    (void)state;
    env_from(&env, vars);
    memset(&in, 0, sizeof(in));
    in.env = &env;
    in.env_source = NC_PROXY_SOURCE_ENV;
    in.flag_user = "agent:" SECRET;
    nc_alloc_fail_after(-1);
    assert_int_equal(proxycfg_decide(&in, &cfg, why, sizeof(why)), 0);
    total = nc_alloc_fail_after(-1);
    proxycfg_release(&cfg);
    assert_true(total >= 1); /* the NO_PROXY copy at least */
    for (i = 0; i < total; i++) {
        memset(&cfg, 0, sizeof(cfg));
        nc_alloc_fail_after(i);
        r = proxycfg_decide(&in, &cfg, why, sizeof(why));
        nc_alloc_fail_after(-1);
        if (r != NC_ENOMEM)
            fail_msg("allocation %ld of %ld: rc %d, want NC_ENOMEM", i, total,
                     r);
        assert_null(cfg.noproxy);
        assert_true(
            all_zero(cfg.scheme[1].url.pass, sizeof(cfg.scheme[1].url.pass)));
    }
    nc_alloc_fail_after(total);
    r = proxycfg_decide(&in, &cfg, why, sizeof(why));
    nc_alloc_fail_after(-1);
    assert_int_equal(r, 0);
    assert_string_equal(cfg.noproxy, ".corp.example");
    proxycfg_release(&cfg);
    env_release(&env);
}

/* ---- a PAC file's proxies: one entry per distinct proxy ---- */

static void test_pac_add(void **state)
{
    struct proxycfg cfg;
    struct probe_proxy out[2];
    char why[256] = "";
    size_t a = 99, b = 99, c = 99;

    (void)state;
    memset(&cfg, 0, sizeof(cfg));
    assert_int_equal(proxycfg_pac_add(&cfg, "http://10.0.0.1:8080",
                                      "agent:" SECRET, "PAC", &a, why,
                                      sizeof(why)),
                     0);
    assert_int_equal(proxycfg_pac_add(&cfg, "http://PX2.example:3128",
                                      "agent:" SECRET, "PAC", &b, why,
                                      sizeof(why)),
                     0);
    /* the same proxy again is the same entry */
    assert_int_equal(proxycfg_pac_add(&cfg, "http://10.0.0.1:8080",
                                      "agent:" SECRET, "PAC", &c, why,
                                      sizeof(why)),
                     0);
    assert_int_equal(cfg.n_pac, 2);
    assert_int_equal(a, 0);
    assert_int_equal(b, 1);
    assert_int_equal(c, 0);
    proxycfg_pac_to_probe(&cfg, out);
    assert_true(out[0].enabled && out[1].enabled);
    assert_string_equal(out[0].url, "http://10.0.0.1:8080");
    assert_string_equal(out[1].url, "http://px2.example:3128");
    assert_string_equal(out[1].host, "px2.example");
    assert_int_equal(out[1].port, 3128);
    assert_string_equal(out[1].from, "PAC");
    assert_string_equal(out[1].user, "agent");
    assert_string_equal(out[1].password, SECRET);
    assert_false(bytes_hold(out[1].url, sizeof(out[1].url), SECRET));
    /* the table is freed, its count reset */
    proxycfg_release(&cfg);
    assert_null(cfg.pac);
    assert_int_equal(cfg.n_pac, 0);
}

static void test_pac_add_bad(void **state)
{
    struct proxycfg cfg;
    char why[256] = "", url[64];
    size_t idx = 7, i;

    (void)state;
    memset(&cfg, 0, sizeof(cfg));
    assert_int_equal(proxycfg_pac_add(&cfg, "http://[::1", NULL, "PAC", &idx,
                                      why, sizeof(why)),
                     NC_EPARSE);
    assert_non_null(strstr(why, "PAC"));
    assert_int_equal(idx, 7); /* written only on success */
    assert_int_equal(cfg.n_pac, 0);
    assert_int_equal(proxycfg_pac_add(&cfg, "http://h:1", ":" SECRET, "PAC",
                                      &idx, why, sizeof(why)),
                     NC_EPARSE);
    assert_null(strstr(why, SECRET));
    /* a ceiling on distinct proxies */
    for (i = 0; i < PROXYCFG_MAX_PAC; i++) {
        (void)snprintf(url, sizeof(url), "http://10.0.%zu.%zu:3128", i / 250,
                       i % 250 + 1);
        assert_int_equal(
            proxycfg_pac_add(&cfg, url, NULL, "WPAD", &idx, why, sizeof(why)),
            0);
        assert_int_equal(idx, i);
    }
    assert_int_equal(proxycfg_pac_add(&cfg, "http://10.9.9.9:1", NULL, "WPAD",
                                      &idx, why, sizeof(why)),
                     NC_ELIMIT);
    assert_non_null(strstr(why, "WPAD names more than"));
    /* a proxy already there still is found */
    assert_int_equal(proxycfg_pac_add(&cfg, "http://10.0.0.1:3128", NULL,
                                      "WPAD", &idx, why, sizeof(why)),
                     0);
    assert_int_equal(idx, 0);
    proxycfg_release(&cfg);
}

static void test_pac_add_alloc_failures(void **state)
{
    struct proxycfg cfg;
    char why[256];
    size_t idx = 5;
    int r;

    (void)state;
    memset(&cfg, 0, sizeof(cfg));
    nc_alloc_fail_after(0);
    r = proxycfg_pac_add(&cfg, "http://10.0.0.1:8080", "u:" SECRET, "PAC", &idx,
                         why, sizeof(why));
    nc_alloc_fail_after(-1);
    assert_int_equal(r, NC_ENOMEM);
    assert_int_equal(idx, 5);
    assert_int_equal(cfg.n_pac, 0);
    proxycfg_release(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_env_table),
        cmocka_unit_test(test_env_warnings),
        cmocka_unit_test(test_proxy_user_replaces),
        cmocka_unit_test(test_proxy_user_with_flag),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_bad_second_scheme_wipes_first),
        cmocka_unit_test(test_to_probe),
        cmocka_unit_test(test_to_probe_socks),
        cmocka_unit_test(test_release_wipes),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_pac_add),
        cmocka_unit_test(test_pac_add_bad),
        cmocka_unit_test(test_pac_add_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
