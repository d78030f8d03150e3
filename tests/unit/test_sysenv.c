/* sysenv.c, sysenv_envfile.c, sysenv_spec.c: systemd's syntaxes. Every
 * expected value below was checked against systemd 252's own parsers
 * (config_parse, config_parse_environ, load_env_file). Each table runs
 * from a string and again from a file, through the loader. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "nc.h"
#include "str.h"
#include "sysenv.h"
#include "sysenv_int.h"

#define MAXW 8
#define LIT(s)                                                                 \
    s, sizeof(s) - 1 /* a literal with NULs inside, and its length             \
                      */

/* ---- a throwaway root directory ---- */

struct troot {
    char dir[64];
    char *made[64]; /* created paths, removed in reverse order */
    size_t n;
};

static void troot_note(struct troot *t, const char *path)
{
    assert_true(t->n < 64);
    t->made[t->n] = strdup(path);
    assert_non_null(t->made[t->n]);
    t->n++;
}

/* Write ROOT/rel (creating directories) with len bytes of data. */
static void troot_put(struct troot *t, const char *rel, const char *data,
                      size_t len)
{
    char path[512];
    size_t i;
    int fd;

    assert_int_equal(nc_snprintf(path, sizeof(path), "%s/%s", t->dir, rel), 0);
    for (i = strlen(t->dir) + 1; path[i] != '\0'; i++) {
        if (path[i] != '/')
            continue;
        path[i] = '\0';
        if (mkdir(path, 0755) == 0)
            troot_note(t, path);
        else
            assert_int_equal(errno, EEXIST);
        path[i] = '/';
    }
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    assert_int_equal(close(fd), 0);
    troot_note(t, path);
}

static int troot_setup(void **state)
{
    struct troot *t = calloc(1, sizeof(*t));

    if (t == NULL)
        return -1;
    (void)nc_strlcpy(t->dir, "/tmp/nc-sysenv-XXXXXX", sizeof(t->dir));
    if (mkdtemp(t->dir) == NULL) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

static void troot_clean(struct troot *t)
{
    while (t->n > 0) {
        char *p = t->made[--t->n];

        if (unlink(p) != 0)
            (void)rmdir(p);
        free(p);
    }
}

static int troot_teardown(void **state)
{
    struct troot *t = *state;

    troot_clean(t);
    (void)rmdir(t->dir);
    free(t);
    return 0;
}

/* env holds exactly want, in that order */
static void assert_env(const struct nc_env *env, const char *const *want)
{
    size_t n = 0;

    while (n < MAXW && want[n] != NULL)
        n++;
    assert_int_equal(env->n, n);
    for (n = 0; n < env->n; n++)
        assert_string_equal(env->vars[n], want[n]);
}

/* ---- Environment= / DefaultEnvironment= ---- */

struct assign_case {
    const char *value;
    const char *want[MAXW];
    size_t warnings;
};

static const struct assign_case assign_cases[] = {
    {"A=1 \"B=2 3\"", {"A=1", "B=2 3"}, 0},
    {"\"VAR=a b\"", {"VAR=a b"}, 0},
    {"A='x\\ty'", {"A=x\ty"}, 0}, /* escapes inside '...' too */
    {"B=\"\\101\\x42\\u00e9\"", {"B=AB\xc3\xa9"}, 0},
    {"X=1 C=a\\ b D=2", {"X=1"}, 1}, /* "\ " is no escape: rest dropped */
    {"D=\\s", {"D= "}, 0},
    {"bad-name=1 9x=2 OK=3", {"OK=3"}, 2},
    {"NOEQ OK=1", {"OK=1"}, 1},
    {"PCT=100%% HOST=%H", {"PCT=100%", "HOST=%H"}, 1},
    {"N=%n M=1 T=50%", {"M=1", "T=50%"}, 1}, /* %n: not system.conf's */
    {"A=1 A=2", {"A=2"}, 0},
    {"E=", {"E="}, 0},
    {"OK=1 Q=\"unterminated OK=2", {"OK=1"}, 1},
    {"G=a\"b c\"d'e f'g", {"G=ab cde fg"}, 0},
    {"U=\"\\uD800\" V=ok", {"V=ok"}, 1},
    {"\\x41=1", {"A=1"}, 0},
    {"  A=1\t\tB=2  ", {"A=1", "B=2"}, 0},
    {"W=\"\\x00\" Y=1", {NULL}, 1},
    {"Z=a%!b", {"Z=a%!b"}, 0}, /* not a specifier letter: kept */
};

static void test_assignments_string(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(assign_cases) / sizeof(assign_cases[0]); i++) {
        struct nc_env env = {NULL, 0};
        struct sysenv_warnings w;

        memset(&w, 0, sizeof(w));
        assert_int_equal(sysenv_assignments_apply_ex(assign_cases[i].value,
                                                     &env, NULL, &w, "t", 7),
                         0);
        assert_env(&env, assign_cases[i].want);
        assert_int_equal(w.n, assign_cases[i].warnings);
        if (w.n > 0) {
            assert_string_equal(w.w[0].file, "t");
            assert_int_equal(w.w[0].line, 7);
        }
        env_release(&env);
    }
}

static void test_assignments_file(void **state)
{
    struct troot *t = *state;
    size_t i;
    char conf[512];

    for (i = 0; i < sizeof(assign_cases) / sizeof(assign_cases[0]); i++) {
        struct sysenv s;
        struct nc_diag d;
        int n =
            snprintf(conf, sizeof(conf), "[Manager]\nDefaultEnvironment=%s\n",
                     assign_cases[i].value);

        troot_put(t, "etc/systemd/system.conf", conf, (size_t)n);
        memset(&s, 0, sizeof(s));
        assert_int_equal(sysenv_load(t->dir, NULL, &s, &d), 0);
        assert_env(&s.manager, assign_cases[i].want);
        assert_int_equal(s.warnings.n, assign_cases[i].warnings);
        sysenv_release(&s);
        troot_clean(t);
    }
}

static void test_assignments_reset(void **state)
{
    static const char *const want[] = {"B=2", NULL};
    struct nc_env env = {NULL, 0};
    struct nc_diag d;

    (void)state;
    assert_int_equal(sysenv_assignments_apply("A=1", &env, "t", 1, &d), 0);
    assert_int_equal(sysenv_assignments_apply("", &env, "t", 2, &d), 0);
    assert_int_equal(env.n, 0);
    assert_int_equal(sysenv_assignments_apply("B=2", &env, "t", 3, &d), 0);
    assert_env(&env, want);
    env_release(&env);
}

static void test_assignments_unit_specifiers(void **state)
{
    static const char *const want[] = {
        "I=blue",  "N=worker@blue.service",        "P=worker",      "J=worker",
        "F=/blue", "Y=/usr/lib/x/worker@.service", "Y2=/usr/lib/x", "H=%H",
    };
    struct sysenv_spec spec;
    struct sysenv_warnings w;
    struct nc_env env = {NULL, 0};

    (void)state;
    memset(&spec, 0, sizeof(spec));
    memset(&w, 0, sizeof(w));
    assert_int_equal(sysenv_spec_init_unit(&spec, "worker@blue.service",
                                           "/usr/lib/x/worker@.service"),
                     0);
    assert_int_equal(sysenv_assignments_apply_ex(
                         "I=%i N=%n P=%p J=%j F=%f Y=%y Y2=%Y H=%H Z=%Z", &env,
                         &spec, &w, "u", 1),
                     0);
    assert_env(&env, want);
    assert_int_equal(w.n, 2); /* %H left as written, %Z drops Z */
    assert_non_null(strstr(w.w[0].msg, "'%H'"));
    assert_non_null(strstr(w.w[1].msg, "'%Z'"));
    env_release(&env);
    sysenv_spec_release(&spec);
}

static void test_spec_expand(void **state)
{
    struct sysenv_spec spec;
    char *out = NULL, bad, kept;

    (void)state;
    memset(&spec, 0, sizeof(spec));
    assert_int_equal(sysenv_spec_expand(NULL, "a%%b%", &out, &bad, &kept), 0);
    assert_string_equal(out, "a%b%");
    assert_int_equal(kept, 0);
    nc_free(out);
    assert_int_equal(sysenv_spec_expand(NULL, "%-x %H", &out, &bad, &kept), 0);
    assert_string_equal(out, "%-x %H");
    assert_int_equal(kept, 'H');
    nc_free(out);
    assert_int_equal(sysenv_spec_set(&spec, 'H', "host.example"), 0);
    assert_int_equal(sysenv_spec_expand(&spec, "%H:%l", &out, &bad, &kept), 0);
    assert_string_equal(out, "host.example:%l");
    assert_int_equal(kept, 'l');
    nc_free(out);
    out = NULL;
    assert_int_equal(sysenv_spec_expand(&spec, "%i", &out, &bad, &kept),
                     NC_EPARSE); /* %i is the unit table's */
    assert_int_equal(bad, 'i');
    assert_null(out);
    sysenv_spec_release(&spec);
}

/* ---- PassEnvironment=, UnsetEnvironment=, the kernel command line ---- */

static void test_lists(void **state)
{
    static const char *const unset_want[] = {"A=2", "E=keep", NULL};
    struct sysenv_list l = {NULL, 0};
    struct sysenv_warnings w;
    struct nc_env env = {NULL, 0};

    (void)state;
    memset(&w, 0, sizeof(w));
    assert_int_equal(sysenv_list_apply("http_proxy \"no_proxy\" bad-name 9x "
                                       "ok\\ x http_proxy",
                                       SYSENV_LIST_PASS, &l, NULL, &w, "p", 1),
                     0);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.v[0], "http_proxy");
    assert_string_equal(l.v[1], "no_proxy");
    assert_int_equal(w.n, 3);
    assert_int_equal(
        sysenv_list_apply("", SYSENV_LIST_PASS, &l, NULL, &w, "p", 2), 0);
    assert_int_equal(l.n, 0);
    /* a quoting error keeps the words before it, as systemd does */
    assert_int_equal(
        sysenv_list_apply("A B \"C", SYSENV_LIST_PASS, &l, NULL, &w, "p", 3),
        0);
    assert_int_equal(l.n, 2);
    sysenv_list_release(&l);

    assert_int_equal(sysenv_list_apply("A=1 B \"C=2 3\" D=\\x41",
                                       SYSENV_LIST_UNSET, &l, NULL, &w, "u", 4),
                     0);
    assert_int_equal(l.n, 4);
    assert_string_equal(l.v[3], "D=A");
    assert_int_equal(sysenv_assignments_apply("A=2 B=x \"C=2 3\" D=A E=keep",
                                              &env, "e", 1, NULL),
                     0);
    sysenv_env_unset(&env, &l); /* A=1 does not match A=2: kept */
    assert_env(&env, unset_want);
    env_release(&env);
    sysenv_list_release(&l);
}

static void test_cmdline(void **state)
{
    static const char *const want[] = {"A=1", "C=x y", "E=\\q", NULL};
    /* "systemd_setenv" is another key: only '-' and '_' are the same */
    const char *cmd = "BOOT_IMAGE=/vmlinuz quiet systemd.setenv=A=1 "
                      "systemd_setenv=B=2 \"systemd.setenv=C=x y\" "
                      "systemd.setenv=bad-name=1 rd.systemd.setenv=D=1 "
                      "systemd.setenv=E=\\q\n";
    struct nc_env env = {NULL, 0};
    struct sysenv_warnings w;

    (void)state;
    memset(&w, 0, sizeof(w));
    assert_int_equal(sysenv_cmdline_apply(cmd, strlen(cmd), &env, &w, "c"), 0);
    assert_env(&env, want);
    assert_int_equal(w.n, 1);
    env_release(&env);
}

/* ---- EnvironmentFile= ---- */

struct envfile_case {
    const char *text;
    size_t len; /* 0: strlen */
    int ret;
    const char *want[MAXW];
};

static const struct envfile_case envfile_cases[] = {
    {"A=1\nB=2\n", 0, 0, {"A=1", "B=2"}},
    {"# c\n; c\n\n   A=1", 0, 0, {"A=1"}},
    {"A = 1 \n", 0, 0, {"A=1"}},
    {"B=\"x y\\\"z\\$\\q\\\nw\"", 0, 0, {"B=x y\"z$\\qw"}},
    {"C='s\\n'tail", 0, 0, {"C=s\\ntail"}},
    {"D=a\\\nb\\ c  \n", 0, 0, {"D=ab c"}},
    {"export E=1\nF=2", 0, 0, {"F=2"}},       /* 252 has no "export" */
    {"# c \\\nHIDDEN=1\nG=1", 0, 0, {"G=1"}}, /* a comment continues */
    {"H=\"q\"rest  \"more\"", 0, 0, {"H=qrest  \"more\""}},
    {"K=\r\nL=v\rM=w", 0, 0, {"K=", "L=v", "M=w"}},
    {"1X=2\nI-J=3\nOK=1", 0, 0, {"OK=1"}},
    {"P=x \\\n  cont", 0, 0, {"P=x   cont"}},
    {"A=1\nA=2", 0, 0, {"A=2"}},
    {"NOVALUE\nA=1", 0, 0, {"A=1"}},
    {"A=\"multi\nline\"", 0, 0, {"A=multi\nline"}},
    {"S='it''s'", 0, 0, {"S=its"}},
    {"A=1\nB=\xff\n", 0, NC_EPARSE, {NULL}}, /* the whole file is refused */
    {LIT("A=1\0B=2\n"), NC_EPARSE, {NULL}},
    {"=x=1\nA=2", 0, 0, {"A=2"}},
};

static void test_envfile_string(void **state)
{
    static const char *const pre[] = {"PRE=1", NULL};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(envfile_cases) / sizeof(envfile_cases[0]); i++) {
        const struct envfile_case *c = &envfile_cases[i];
        size_t len = c->len != 0 ? c->len : strlen(c->text);
        struct nc_env env = {NULL, 0};
        struct nc_diag d;
        int r;

        memset(&d, 0, sizeof(d));
        assert_int_equal(env_set(&env, "PRE", "1"), 0);
        r = sysenv_envfile_parse_buf(c->text, len, "f.env", &env, &d);
        assert_int_equal(r, c->ret);
        if (r == 0) {
            const char *want[MAXW + 1] = {"PRE=1"};

            memcpy(want + 1, c->want, sizeof(c->want));
            assert_env(&env, want);
        } else {
            assert_env(&env, pre); /* untouched */
            assert_string_equal(d.file, "f.env");
        }
        env_release(&env);
    }
}

static void test_envfile_file(void **state)
{
    static const char unit[] = "[Service]\nEnvironmentFile=/etc/t.env\n";
    struct troot *t = *state;
    size_t i;

    for (i = 0; i < sizeof(envfile_cases) / sizeof(envfile_cases[0]); i++) {
        const struct envfile_case *c = &envfile_cases[i];
        struct sysenv s;
        struct nc_diag d;

        troot_put(t, "etc/systemd/system/t.service", unit, strlen(unit));
        troot_put(t, "etc/t.env", c->text,
                  c->len != 0 ? c->len : strlen(c->text));
        memset(&s, 0, sizeof(s));
        assert_int_equal(sysenv_load(t->dir, "t", &s, &d), 0);
        assert_env(&s.unit, c->want);
        assert_int_equal(s.unit_bad_files, c->ret != 0);
        sysenv_release(&s);
        troot_clean(t);
    }
}

static void test_envfile_lenient(void **state)
{
    static const char *const want[] = {"http_proxy=http://p:3128",
                                       "no_proxy=localhost", NULL};
    static const char text[] = "export http_proxy=\"http://p:3128\"\n"
                               "BAD=\xff\nno_proxy=localhost\0ignored=1";
    struct nc_env env = {NULL, 0};
    struct sysenv_warnings w;

    (void)state;
    memset(&w, 0, sizeof(w));
    assert_int_equal(sysenv_envfile_parse_ex(text, sizeof(text) - 1, "e",
                                             SYSENV_ENVFILE_LENIENT, &env, &w,
                                             NULL),
                     0);
    assert_env(&env, want);
    assert_int_equal(w.n, 1);
    env_release(&env);
}

/* ---- unit file syntax ---- */

struct unit_case {
    const char *text;
    size_t len;
    int ret;
    unsigned err_line;
    const char *want[MAXW]; /* "line|section|key|value" */
};

static const struct unit_case unit_cases[] = {
    {"[Service]\nEnvironment=A=1 \\\n# comment\n  ; another\n B=2\n",
     0,
     0,
     0,
     {"5|Service|Environment|A=1   B=2"}},
    {"[Service]\nKey = spaced value  \n",
     0,
     0,
     0,
     {"2|Service|Key|spaced value"}},
    {"[Service]\nnoequals\n=novalue\nA=1\n", 0, 0, 0, {"4|Service|A|1"}},
    {"A=outside\n[Service]\nB=1", 0, 0, 0, {"3|Service|B|1"}},
    {"[Sec\nA=1", 0, NC_EPARSE, 1, {NULL}},
    {"[Service]\nA=1\n[Se\"c]\nB=2\n", 0, NC_EPARSE, 3, {"2|Service|A|1"}},
    {"\xef\xbb\xbf[Service]\r\nA=1\r\nB=2\rC=3\n",
     0,
     0,
     0,
     {"2|Service|A|1", "3|Service|B|2", "4|Service|C|3"}},
    {"[Service]\nA=1\\\\\n", 0, 0, 0, {"2|Service|A|1\\\\"}},
    {"[Service]\nA=1\\\n\nB=2", 0, 0, 0, {"3|Service|A|1", "4|Service|B|2"}},
    {"[Service]\nA=\xff\nB=1\n", 0, NC_EPARSE, 2, {NULL}},
    {"[Service]\nA=1\\", 0, 0, 0, {"3|Service|A|1"}},
    {"[A]\nX=1\n[ B ]\nX=2\n[]\nX=3",
     0,
     0,
     0,
     {"2|A|X|1", "4| B |X|2", "6||X|3"}},
    {LIT("[Service]\nA=x\0B=y\n"), 0, 0, {"2|Service|A|x", "3|Service|B|y"}},
    {"[Service]\n  #c\\\nA=1\n", 0, 0, 0, {"3|Service|A|1"}},
    {"[Service]\n.include /x\nA=1\n", 0, 0, 0, {"3|Service|A|1"}},
};

struct kv_log {
    char got[MAXW][128];
    size_t n;
};

static int kv_record(void *ud, const char *section, const char *key,
                     const char *value, unsigned line)
{
    struct kv_log *log = ud;

    assert_true(log->n < MAXW);
    assert_int_equal(nc_snprintf(log->got[log->n], sizeof(log->got[0]),
                                 "%u|%s|%s|%s", line, section, key, value),
                     0);
    log->n++;
    return 0;
}

static void check_unit_case(const struct unit_case *c, const char *buf,
                            size_t len)
{
    struct kv_log log;
    struct nc_diag d;
    size_t n = 0;

    memset(&log, 0, sizeof(log));
    memset(&d, 0, sizeof(d));
    assert_int_equal(
        sysenv_unit_parse_buf(buf, len, "u.conf", kv_record, &log, &d), c->ret);
    while (n < MAXW && c->want[n] != NULL)
        n++;
    assert_int_equal(log.n, n);
    for (n = 0; n < log.n; n++)
        assert_string_equal(log.got[n], c->want[n]);
    if (c->ret != 0) {
        assert_string_equal(d.file, "u.conf");
        assert_int_equal(d.line, c->err_line);
    }
}

static void test_unit_syntax_string(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(unit_cases) / sizeof(unit_cases[0]); i++)
        check_unit_case(&unit_cases[i], unit_cases[i].text,
                        unit_cases[i].len != 0 ? unit_cases[i].len
                                               : strlen(unit_cases[i].text));
}

static void test_unit_syntax_file(void **state)
{
    struct troot *t = *state;
    struct sysenv_root r;
    size_t i;
    int err = 0;

    for (i = 0; i < sizeof(unit_cases) / sizeof(unit_cases[0]); i++) {
        const struct unit_case *c = &unit_cases[i];
        char *buf = NULL;
        size_t len = 0;
        bool masked = true;

        troot_put(t, "etc/u.conf", c->text,
                  c->len != 0 ? c->len : strlen(c->text));
        assert_int_equal(sysenv_root_open(&r, t->dir, &err), 0);
        assert_int_equal(
            sysenv_fs_read(&r, "/etc/u.conf", 4096, &buf, &len, &masked, &err),
            0);
        assert_false(masked);
        check_unit_case(c, buf, len);
        nc_free(buf);
        sysenv_root_close(&r);
        troot_clean(t);
    }
}

static int kv_stop(void *ud, const char *section, const char *key,
                   const char *value, unsigned line)
{
    (void)ud;
    (void)section;
    (void)key;
    (void)value;
    return line >= 3 ? NC_EINVAL : 0;
}

static void test_unit_callback_stops(void **state)
{
    const char *text = "[S]\nA=1\nB=2\nC=3\n";
    struct sysenv_warnings w;

    (void)state;
    memset(&w, 0, sizeof(w));
    assert_int_equal(
        sysenv_unit_parse_ex(text, strlen(text), "s", kv_stop, NULL, &w, NULL),
        NC_EINVAL);
    assert_int_equal(w.n, 0);
}

/* ---- names ---- */

static void test_unit_names(void **state)
{
    static const char *const ok[][2] = {
        {"foo", "foo.service"},         {"foo.service", "foo.service"},
        {"foo.socket", "foo.socket"},   {"foo@bar", "foo@bar.service"},
        {"foo.bar", "foo.bar.service"}, {"a:b_c-d.mount", "a:b_c-d.mount"},
        {"foo@", "foo@.service"}};
    static const char *const bad[] = {"",          "a/b",        "../x",
                                      "foo.timer", "@x.service", ".service",
                                      "sp ace",    "x\xc3\xa9"};
    char out[SYSENV_UNIT_NAME_MAX];
    struct nc_diag d;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        assert_int_equal(
            sysenv_unit_name_normalize(ok[i][0], out, sizeof(out), &d), 0);
        assert_string_equal(out, ok[i][1]);
    }
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        memset(&d, 0, sizeof(d));
        assert_int_equal(
            sysenv_unit_name_normalize(bad[i], out, sizeof(out), &d),
            NC_EINVAL);
        assert_true(d.msg[0] != '\0');
    }
}

static void test_cgroup_paths(void **state)
{
    static const char *const cases[][3] = {
        {"foo.service", NULL, "system.slice/foo.service"},
        {"worker@blue.service", NULL,
         "system.slice/system-worker.slice/worker@blue.service"},
        {"a-b@c.service", "",
         "system.slice/system-a\\x2db.slice/a-b@c.service"},
        {"foo.service", "custom-apps.slice",
         "custom.slice/custom-apps.slice/foo.service"},
        {"cpu.service", NULL, "system.slice/_cpu.service"},
        {"x.service", "-.slice", "x.service"}};
    char out[512];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(
            sysenv_unit_cgroup_path(cases[i][0], cases[i][1], out, sizeof(out)),
            0);
        assert_string_equal(out, cases[i][2]);
    }
    assert_int_equal(
        sysenv_unit_cgroup_path("x.service", "a--b.slice", out, sizeof(out)),
        NC_EINVAL);
}

/* ---- allocation failures: each one fails cleanly, nothing leaks ---- */

static int run_parsers(void)
{
    const char *unit = "[Service]\nEnvironment=A=1 \\\n \"B=2 3\"\n";
    const char *ef = "A=1\nB=\"x y\"\nexport C=1\n";
    struct sysenv_list l = {NULL, 0};
    struct sysenv_spec spec;
    struct nc_env env = {NULL, 0};
    struct kv_log log;
    int r;

    memset(&log, 0, sizeof(log));
    memset(&spec, 0, sizeof(spec));
    r = sysenv_unit_parse_buf(unit, strlen(unit), "u", kv_record, &log, NULL);
    if (r == 0)
        r = sysenv_assignments_apply("A=1 \"B=2 3\" C=%%", &env, "a", 1, NULL);
    if (r == 0)
        r = sysenv_envfile_parse_buf(ef, strlen(ef), "e", &env, NULL);
    if (r == 0)
        r = sysenv_list_apply("X Y=1", SYSENV_LIST_UNSET, &l, NULL, NULL, "l",
                              1);
    if (r == 0)
        r = sysenv_spec_init_unit(&spec, "w@x.service", "/u/w@.service");
    if (r == 0)
        r = sysenv_assignments_apply_ex("I=%i", &env, &spec, NULL, "a", 2);
    if (r == 0)
        r = sysenv_cmdline_apply("systemd.setenv=Q=1", 18, &env, NULL, "c");
    sysenv_spec_release(&spec);
    sysenv_list_release(&l);
    env_release(&env);
    return r;
}

static void test_alloc_failures(void **state)
{
    long total, i;

    (void)state;
    nc_alloc_fail_after(-1);
    assert_int_equal(run_parsers(), 0);
    total = nc_alloc_fail_after(-1);
    assert_true(total > 10);
    for (i = 0; i < total; i++) {
        nc_alloc_fail_after(i);
        assert_int_equal(run_parsers(), NC_ENOMEM);
    }
    nc_alloc_fail_after(-1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assignments_string),
        cmocka_unit_test_setup_teardown(test_assignments_file, troot_setup,
                                        troot_teardown),
        cmocka_unit_test(test_assignments_reset),
        cmocka_unit_test(test_assignments_unit_specifiers),
        cmocka_unit_test(test_spec_expand),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_cmdline),
        cmocka_unit_test(test_envfile_string),
        cmocka_unit_test_setup_teardown(test_envfile_file, troot_setup,
                                        troot_teardown),
        cmocka_unit_test(test_envfile_lenient),
        cmocka_unit_test(test_unit_syntax_string),
        cmocka_unit_test_setup_teardown(test_unit_syntax_file, troot_setup,
                                        troot_teardown),
        cmocka_unit_test(test_unit_callback_stops),
        cmocka_unit_test(test_unit_names),
        cmocka_unit_test(test_cgroup_paths),
        cmocka_unit_test(test_alloc_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
