/* report_text.c: rows, failure blocks, the verdict line, colour only when
 * asked, wildcard wording, and terminal-safe output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture_port.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_run.h"
#include "nc.h"
#include "report.h"
#include "str.h"
#include "verdict.h"

static int text_plain(FILE *out, const struct nc_run *run)
{
    const struct report_style style = {false};

    return report_text_write(out, run, &style);
}

static int text_color(FILE *out, const struct nc_run *run)
{
    const struct report_style style = {true};

    return report_text_write(out, run, &style);
}

static char *text_of(const struct nc_run *run, bool color, int *rc)
{
    return fx_run_capture(color ? text_color : text_plain, run, rc);
}

static char *text_ok(const struct nc_run *run, bool color)
{
    int rc;
    char *t = text_of(run, color, &rc);

    assert_int_equal(rc, 0);
    return t;
}

/* The line that starts with prefix, copied.  \return it (free it) */
static char *line_with(const char *text, const char *prefix)
{
    const char *p = text, *end;
    size_t n = strlen(prefix);
    char *line;

    for (;;) {
        if (strncmp(p, prefix, n) == 0)
            break;
        p = strchr(p, '\n');
        if (p == NULL)
            fail_msg("no line starts with '%s'", prefix);
        p++;
    }
    end = strchr(p, '\n');
    assert_non_null(end);
    line = fx_strndup(p, (size_t)(end - p));
    assert_non_null(line);
    return line;
}

/* The column at which needle starts in line. */
static long column(const char *line, const char *needle)
{
    const char *p = strstr(line, needle);

    if (p == NULL)
        fail_msg("'%s' not in '%s'", needle, line);
    return (long)(p - line);
}

static void test_table_rows(void **state)
{
    struct fx_run *f = *state;
    char *text = text_ok(&f->run, false);
    char *head = line_with(text, "CHECK"), *login = line_with(text, "login "),
         *blob = line_with(text, "blob "), *queue = line_with(text, "queue "),
         *v6 = line_with(text, "v6 "), *ncsi;

    assert_non_null(strstr(head, "PROBLEM"));
    assert_non_null(strstr(head, "TIME"));
    /* login: pass, its one address, total time. */
    assert_non_null(strstr(login, " pass "));
    assert_non_null(strstr(login, " - "));
    assert_non_null(strstr(login, "203.0.113.10"));
    assert_int_equal(column(login, "83 ms"), (long)strlen(login) - 5);
    /* blob: four addresses are counted, not listed. */
    assert_non_null(strstr(blob, "tcp_timeout"));
    assert_non_null(strstr(blob, "4 addresses"));
    assert_non_null(strstr(blob, "5003 ms"));
    assert_null(strstr(blob, "203.0.113."));
    /* ncsi went through a proxy: the proxy, not an address, connected. */
    ncsi = line_with(text, "ncsi ");
    assert_non_null(strstr(ncsi, "via proxy"));
    free(ncsi);
    /* queue: no address, no time. */
    assert_non_null(strstr(queue, " skip "));
    assert_true(queue[strlen(queue) - 1] == '-');
    assert_non_null(strstr(v6, "2001:db8::1"));
    /* Columns line up with the header. */
    assert_int_equal(column(head, "STATUS"), column(login, "pass"));
    assert_int_equal(column(head, "STATUS"), column(blob, "fail"));
    assert_int_equal(column(head, "STATUS"), column(queue, "skip"));
    assert_int_equal(column(head, "PROBLEM"), column(blob, "tcp_timeout"));
    assert_int_equal(column(head, "ADDRESS"), column(login, "203.0.113.10"));
    assert_int_equal(column(head, "ADDRESS"), column(blob, "4 addresses"));
    assert_int_equal(column(head, "TIME"), column(blob, "5003 ms"));
    /* No trailing blanks. */
    assert_true(head[strlen(head) - 1] != ' ');
    free(head);
    free(login);
    free(blob);
    free(queue);
    free(v6);
    free(text);
}

/* A wildcard passes or fails through its sample: the report says so and
 * never claims the wildcard itself was verified. */
static void test_wildcard_wording(void **state)
{
    struct fx_run *f = *state;
    char *text, *note;

    f->res[1].status = NC_STATUS_PASS;
    f->res[1].problem = NC_PROBLEM_NONE;
    text = text_ok(&f->run, false);
    note = line_with(text, "  `- ");
    assert_string_equal(note, "  `- *.blob.example.net tested through the "
                              "sample host sample.blob.example.net only");
    free(note);
    /* The row it belongs to is right above it. */
    assert_non_null(strstr(text, "5003 ms\n  `- *.blob.example.net"));
    assert_null(strstr(text, "verified"));
    /* The skipped wildcard was not tested through anything. */
    assert_null(strstr(text, "*.queue.example.net tested"));
    free(text);
}

static void test_failure_blocks(void **state)
{
    struct fx_run *f = *state;
    char *text = text_ok(&f->run, false);
    const char *blocks;

    blocks = strstr(text, "\nblob: fail tcp_timeout\n");
    assert_non_null(blocks);
    /* Blocks follow the whole table. */
    assert_true(blocks > strstr(text, "\nv6 "));
    assert_non_null(strstr(blocks, "\n  url:       "
                                   "https://sample.blob.example.net:443/\n"
                                   "  sample:    *.blob.example.net tested "
                                   "through the sample host "
                                   "sample.blob.example.net only\n"
                                   "  detail:    2 of 4 addresses failed\n"
                                   "  action:    allow TCP 443\n"
                                   "  cnames:    sample.blob.example.net -> "
                                   "blob.edge.example.net\n"
                                   "  addresses: 2 of 4 failed\n"
                                   "    203.0.113.20  fail  tcp_timeout  "
                                   "no answer in 5000 ms\n"
                                   "    203.0.113.21  fail  tcp_refused  "
                                   "refused\n"
                                   "    203.0.113.22  pass\n"
                                   "    2001:db8::22  pass\n"));
    assert_non_null(strstr(blocks, "\nncsi: warn body_mismatch (optional "
                                   "check)\n"));
    assert_non_null(strstr(blocks, "  detail:    body was \"<b>Block & "
                                   "'deny'</b>\"\n"));
    assert_non_null(strstr(blocks, "\nqueue: skip\n"));
    assert_non_null(strstr(blocks, "  reason:    untestable wildcard: give "
                                   "sample=HOST\n"));
    assert_non_null(strstr(blocks, "\nbad\\xff name: fail dns_nxdomain\n"));
    /* Passing checks get no block; a single address is not listed. */
    assert_null(strstr(text, "\nlogin:"));
    assert_null(strstr(text, "\nv6:"));
    assert_null(strstr(text, "    198.51.100.7"));
    free(text);
}

/* How many times needle occurs in text. */
static size_t count_of(const char *text, const char *needle)
{
    size_t n = 0;

    for (; (text = strstr(text, needle)) != NULL; text++)
        n++;
    return n;
}

#define SHARED_PX "http://proxy.example:3128"
#define SHARED_DETAIL                                                          \
    "the proxy " SHARED_PX " requires authentication (407) and no "            \
    "credentials were sent"

/* Every failure (two failed, one warned) behind one proxy asking for
 * credentials: one sentence, first, and one line per check after. */
static void test_shared_cause_all(void **state)
{
    static const size_t idx[] = {1, 2, 4};
    struct fx_run *f = *state;
    char want[1024], *text;
    const char *cause, *table;

    fx_run_share_cause(f, idx, 3, SHARED_PX);
    text = text_ok(&f->run, false);
    (void)snprintf(want, sizeof(want),
                   "proxy: " SHARED_PX " (from env)\n\n"
                   "all 3 failures share one cause: " SHARED_DETAIL "\n"
                   "  problem:   proxy_auth_required\n"
                   "  action:    %s\n\nCHECK ",
                   problem_action(NC_PROBLEM_PROXY_AUTH_REQUIRED));
    cause = strstr(text, want);
    table = strstr(text, "\nlogin ");
    if (cause == NULL)
        fail_msg("no shared cause before the table in:\n%s", text);
    assert_non_null(table);
    assert_true(cause < table);
    assert_int_equal(count_of(text, SHARED_DETAIL), 1);
    /* The table's rows name each check and its code; no block repeats
     * the detail or action. The skipped check keeps its block. */
    assert_non_null(strstr(text, "\nv6 "));
    assert_non_null(strstr(text, " 4 ms\n"
                                 "\nqueue: skip\n"
                                 "  url:       https://queue.example.net:443/\n"
                                 "  reason:    untestable wildcard: give "
                                 "sample=HOST\n"
                                 "\nverdict: "));
    assert_null(strstr(text, "\nblob:"));
    assert_null(strstr(text, "\nncsi:"));
    assert_null(strstr(text, "\nbad\\xff name:"));
    assert_int_equal(count_of(text, "  action:"), 1);
    assert_int_equal(count_of(text, "  detail:"), 0);
    assert_null(strstr(text, "requires authentication (407) for"));
    assert_null(strstr(text, "  checks:"));
    free(text);
}

/* Two of three failures share a cause: numbered, with the checks named;
 * the third keeps its whole block. */
static void test_shared_cause_some(void **state)
{
    static const size_t idx[] = {1, 4};
    struct fx_run *f = *state;
    char *text;
    const char *cause;

    fx_run_share_cause(f, idx, 2, SHARED_PX);
    text = text_ok(&f->run, false);
    cause = strstr(
        text, "\ncause 1: 2 of 3 failures share one cause: " SHARED_DETAIL "\n"
              "  problem:   proxy_auth_required\n"
              "  checks:    blob, bad\\xff name\n"
              "  action:    give the service account ");
    assert_non_null(cause);
    assert_true(cause < strstr(text, "\nCHECK "));
    assert_null(strstr(text, "all 3 failures"));
    assert_non_null(strstr(text, "\n\nblob: fail proxy_auth_required: see "
                                 "cause 1 above\n\nncsi: warn "
                                 "body_mismatch (optional check)\n"));
    assert_non_null(strstr(text, "  detail:    body was "));
    assert_non_null(strstr(text, "\nbad\\xff name: fail proxy_auth_required: "
                                 "see cause 1 above\n"));
    free(text);

    /* Under colour the sentence is bold and still said once. */
    text = text_ok(&f->run, true);
    assert_non_null(strstr(text, "\033[1mcause 1: 2 of 3 failures share "
                                 "one cause: "));
    assert_int_equal(count_of(text, SHARED_DETAIL), 1);
    free(text);
}

static void test_shared_cause_alloc_failures(void **state)
{
    static const size_t idx[] = {1, 2, 4};
    struct fx_run *f = *state;

    fx_run_share_cause(f, idx, 3, SHARED_PX);
    fx_run_alloc_failures(text_plain, &f->run, 10);
}

static void test_summary_line(void **state)
{
    struct fx_run *f = *state;
    char *text = text_ok(&f->run, false);
    const char *want = "\nverdict: FAIL - 6 checks: 2 passed, 2 failed, 1 "
                       "warned, 1 skipped\n";

    assert_true(strlen(text) > strlen(want));
    assert_string_equal(text + strlen(text) - strlen(want), want);
    free(text);

    f->run.n_results = 1;
    run_summarize(&f->run);
    text = text_ok(&f->run, false);
    assert_non_null(strstr(text, "\nverdict: PASS - 1 check: 1 passed, 0 "
                                 "failed, 0 warned, 0 skipped\n"));
    free(text);
}

/* The region line: which region was tested and how to pick another, the
 * hint naming the built-in or the file that lists the regions. */
static void region_line_cases(struct fx_run *f)
{
    static const struct {
        const char *source;
        bool is_default;
        const char *want;
    } cases[] = {
        {"builtin:corp", true,
         "profiles: corp, extra\nregion: westeurope (default; choose "
         "another with --region, see 'netcheck profiles corp')\nproxy: "},
        {"/etc/p.ini", true,
         "profiles: corp, extra\nregion: westeurope (default; choose "
         "another with --region, see the [region] sections of "
         "/etc/p.ini)\nproxy: "},
        {"builtin:corp", false,
         "profiles: corp, extra\nregion: westeurope (--region)\nproxy: "},
    };
    char *text = text_ok(&f->run, false);
    size_t i;

    assert_null(strstr(text, "region:"));
    free(text);
    f->corp.region = fx_run_str(f, "westeurope");
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        f->corp.source = fx_run_str(f, cases[i].source);
        f->corp.region_default = cases[i].is_default;
        text = text_ok(&f->run, false);
        if (strncmp(text, cases[i].want, strlen(cases[i].want)) != 0)
            fail_msg("case %zu: got '%.200s'", i, text);
        free(text);
    }
    f->corp.region = NULL;
}

static void test_header_lines(void **state)
{
    struct fx_run *f = *state;
    char *text;

    region_line_cases(f);
    text = text_ok(&f->run, false);

    assert_true(strncmp(text,
                        "profiles: corp, extra\n"
                        "proxy: http://proxy.example:3128 (from env)\n",
                        64) == 0);
    free(text);

    f->run.proxy_source = NC_PROXY_SOURCE_NONE;
    f->plan.n_profiles = 1;
    text = text_ok(&f->run, false);
    assert_true(strncmp(text, "profile: corp\n\nCHECK", 20) == 0);
    assert_null(strstr(text, "proxy:"));
    free(text);
}

/* The proxy line names the identity: kind, name and why, escaped for the
 * terminal; nothing when none was decided. */
static void test_proxy_identity(void **state)
{
    static const struct {
        struct nc_proxy_identity id;
        const char *line;
    } cases[] = {
        {{NC_PROXY_ID_NONE, "", ""},
         "proxy: http://proxy.example:3128 (from env)\n"},
        {{NC_PROXY_ID_USER, "alice", "from --proxy-user"},
         "proxy: http://proxy.example:3128 (from env); identity: user "
         "'alice' (from --proxy-user)\n"},
        {{NC_PROXY_ID_SYSTEM, "NT AUTHORITY\\SYSTEM", "through SSPI"},
         "proxy: http://proxy.example:3128 (from env); identity: system "
         "'NT AUTHORITY\\SYSTEM' (through SSPI)\n"},
        {{NC_PROXY_ID_NONE, "", "not as SYSTEM"},
         "proxy: http://proxy.example:3128 (from env); identity: none "
         "(not as SYSTEM)\n"},
        {{NC_PROXY_ID_USER, "ev\033[2Jil", ""},
         "proxy: http://proxy.example:3128 (from env); identity: user "
         "'ev\\x1b[2Jil'\n"},
    };
    struct fx_run *f = *state;
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *text, *line;

        f->run.proxy_identity = cases[i].id;
        text = text_ok(&f->run, false);
        line = strstr(text, "proxy: ");
        assert_non_null(line);
        if (strncmp(line, cases[i].line, strlen(cases[i].line)) != 0)
            fail_msg("case %zu: got '%.200s'", i, line);
        free(text);
    }
}

/* Addresses from the hosts file: a note under the row, the file and line
 * beside each listed address, and the run's resolution line. */
static void test_hosts_source(void **state)
{
    struct fx_run *f = *state;
    struct nc_check_result *blob = &f->res[1];
    char *text;

    text = text_ok(&f->run, false);
    assert_null(strstr(text, "resolution:"));
    assert_null(strstr(text, "hosts file"));
    free(text);

    blob->addrs[0].source = NC_ADDR_SOURCE_HOSTS;
    blob->addrs[0].source_file = "/r/etc/hosts";
    blob->addrs[0].source_line = 7;
    blob->addrs[2].source = NC_ADDR_SOURCE_HOSTS;
    blob->addrs[2].source_file = "/r/etc/hosts";
    blob->addrs[2].source_line = 9;
    blob->addrs[1].source = NC_ADDR_SOURCE_DNS;
    f->run.resolution.set = true;
    (void)snprintf(f->run.resolution.note, sizeof(f->run.resolution.note), "%s",
                   "hosts: files dns (/r/etc/nsswitch.conf:3)");
    text = text_ok(&f->run, false);
    assert_non_null(strstr(text, "\nresolution: hosts: files dns "
                                 "(/r/etc/nsswitch.conf:3)\n\nCHECK"));
    assert_non_null(strstr(text, "\n  `- address from /r/etc/hosts:7, 9 "
                                 "(hosts file, not DNS)\n"));
    assert_non_null(strstr(text, "    203.0.113.20  fail  tcp_timeout  (from "
                                 "/r/etc/hosts:7)  no answer in 5000 ms\n"
                                 "    203.0.113.21  fail  tcp_refused  "
                                 "refused\n"
                                 "    203.0.113.22  pass  (from "
                                 "/r/etc/hosts:9)\n"));
    free(text);
}

/* The line under a row whose proxy is not the run's own: direct because
 * of a bypass entry, or its own proxy from a PAC file; nothing under a
 * row through the run's proxy, a skipped one, or one the PAC failed. */
static void test_proxy_note(void **state)
{
    struct fx_run *f = *state;
    struct nc_check_result *login = &f->res[0], *ncsi = &f->res[2];
    struct nc_check_result *queue = &f->res[3], *bad = &f->res[4];
    char *text;

    f->run.proxy_source = NC_PROXY_SOURCE_SYSTEM;
    (void)nc_strlcpy(f->run.proxy_url, "http://px1:3128",
                     sizeof(f->run.proxy_url));
    /* through the run's own proxy: nothing more to say */
    (void)result_printf(ncsi, &ncsi->proxy, NC_PROXY_MAX, "%s",
                        "http://px1:3128");
    (void)result_printf(ncsi, &ncsi->proxy_reason, NC_PROXY_REASON_MAX, "%s",
                        "from DefaultConnectionSettings");
    (void)result_printf(login, &login->proxy_reason, NC_PROXY_REASON_MAX, "%s",
                        "bypass list entry '*.example.com' (WinINet)");
    (void)result_printf(queue, &queue->proxy_reason, NC_PROXY_REASON_MAX, "%s",
                        "NO_PROXY entry '.example.net'");
    (void)result_printf(bad, &bad->proxy_reason, NC_PROXY_REASON_MAX, "%s",
                        "PAC file: failed: timeout");
    bad->problem = NC_PROBLEM_PROXY_PAC_FAILED;
    text = text_ok(&f->run, false);
    assert_non_null(strstr(text, "\n  `- direct: bypass list entry "
                                 "'*.example.com' (WinINet)\n"));
    assert_null(strstr(text, "DefaultConnectionSettings"));
    assert_null(strstr(text, "NO_PROXY entry")); /* queue was skipped */
    assert_null(strstr(text, "PAC file: failed"));
    free(text);

    /* a PAC file's own proxy for ncsi, with hostile text in the answer */
    (void)result_printf(ncsi, &ncsi->proxy, NC_PROXY_MAX, "%s",
                        "http://px2:8080");
    (void)result_printf(ncsi, &ncsi->pac_answer, NC_PAC_ANSWER_MAX, "%s",
                        "PROXY px2:8080");
    (void)result_printf(ncsi, &ncsi->proxy_reason, NC_PROXY_REASON_MAX, "%s",
                        "PAC file: PROXY px2:8080\033[2J");
    text = text_ok(&f->run, false);
    assert_non_null(strstr(text, "\n  `- via http://px2:8080: PAC file: PROXY "
                                 "px2:8080"));
    assert_null(strchr(text, '\033'));
    free(text);
}

/* Remove ANSI SGR sequences in place. */
static void strip_sgr(char *s)
{
    char *o = s;

    while (*s != '\0') {
        if (*s == '\033') {
            assert_true(s[1] == '[');
            s = strchr(s, 'm');
            assert_non_null(s);
            s++;
            continue;
        }
        *o++ = *s++;
    }
    *o = '\0';
}

static void test_color(void **state)
{
    struct fx_run *f = *state;
    char *plain = text_ok(&f->run, false), *color = text_ok(&f->run, true);

    assert_null(strchr(plain, '\033'));
    assert_non_null(strstr(color, "\033[32mpass\033[0m"));
    assert_non_null(strstr(color, "\033[31mfail\033[0m"));
    assert_non_null(strstr(color, "\033[33mwarn\033[0m"));
    assert_non_null(strstr(color, "\033[36mskip\033[0m"));
    assert_non_null(strstr(color, "verdict: \033[31mFAIL\033[0m"));
    /* Colour adds escapes and nothing else: the layout is the same. */
    strip_sgr(color);
    assert_string_equal(color, plain);
    free(plain);
    free(color);

    /* No style at all means no colour. */
    {
        struct fx_mem m;
        char *buf;

        assert_int_equal(report_text_write(fx_mem_open(&m), &f->run, NULL), 0);
        buf = fx_mem_close(&m);
        assert_null(strchr(buf, '\033'));
        free(buf);
    }
}

static void test_long_name_truncated(void **state)
{
    struct fx_run *f = *state;
    char name[61], *text, *row, *head;

    memset(name, 'x', 60);
    name[60] = '\0';
    f->corp_checks[1].name = fx_run_str(f, name);
    /* A multi-byte name is cut on a character boundary. */
    f->corp_checks[0].name = fx_run_str(
        f, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
           "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
           "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
           "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
           "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
           "\xc3\xa9\xc3\xa9");
    text = text_ok(&f->run, false);
    row = line_with(text, "xxx");
    head = line_with(text, "CHECK");
    /* 37 characters and an ellipsis fill the 40-column cap. */
    assert_int_equal(column(row, "..."), 37);
    assert_int_equal(column(head, "STATUS"), 42);
    assert_int_equal(column(row, "fail"), 42);
    free(row);
    row = line_with(text, "\xc3\xa9");
    assert_int_equal(column(row, "..."), 37 * 2);
    assert_int_equal(column(row, "pass"), 37 * 2 + 3 + 2);
    /* The block keeps the whole name. */
    assert_non_null(strstr(text, name));
    free(row);
    free(head);
    free(text);
}

/* A cut never splits a notation: 36 characters, then U+202E (6 columns
 * escaped) does not fit before the ellipsis and goes whole. */
static void test_long_name_cut_between_notations(void **state)
{
    struct fx_run *f = *state;
    char name[64], *text, *row, *head;

    memset(name, 'x', 36);
    (void)nc_strlcpy(name + 36, "\xe2\x80\xaeyyyy", sizeof(name) - 36);
    f->corp_checks[1].name = fx_run_str(f, name);
    text = text_ok(&f->run, false);
    row = line_with(text, "xxx");
    head = line_with(text, "CHECK");
    assert_int_equal(column(row, "..."), 36);
    assert_null(strchr(row, '\\'));
    /* The columns still line up on the cell's real width (39). */
    assert_int_equal(column(head, "STATUS"), 41);
    assert_int_equal(column(row, "fail"), 41);
    free(head);
    free(row);
    /* The block keeps the whole name, escaped. */
    assert_non_null(strstr(text, "xxx\\u202eyyyy: fail"));
    free(text);
}

/* Server text must not reach the terminal as control sequences, nor
 * invalid UTF-8 or bidirectional controls: each is shown escaped (esc.h). */
static void test_terminal_safety(void **state)
{
    struct fx_run *f = *state;
    char *text;

    (void)result_printf(&f->res[1], &f->res[1].detail, NC_DETAIL_MAX, "%s",
                        "block page \033]0;pwned\007 \033[2J");
    (void)result_printf(&f->res[1], &f->res[1].addrs[0].detail,
                        NC_ADDR_DETAIL_MAX, "%s", "x\r\ny");
    f->corp_checks[2].name = fx_run_str(f, "evil\xe2\x80\xaegnp.exe");
    text = text_ok(&f->run, false);
    assert_null(strchr(text, '\033'));
    assert_null(strchr(text, '\007'));
    assert_null(strchr(text, '\r'));
    assert_null(strchr(text, '\xff'));
    assert_null(strstr(text, "\xe2\x80\xae"));
    assert_non_null(strstr(text, "block page \\x1b]0;pwned\\x07 \\x1b[2J"));
    assert_non_null(strstr(text, "x\\x0d\\x0ay"));
    assert_non_null(strstr(text, "bad\\xff name"));
    assert_non_null(strstr(text, "evil\\u202egnp.exe"));
    free(text);
}

static void test_errors(void **state)
{
    struct fx_run *f = *state;
    FILE *full = fx_full_open();
    char *text;
    int rc;

    assert_non_null(full);
    /* Unbuffered, so the first write fails here and not at a flush. */
    assert_int_equal(setvbuf(full, NULL, _IONBF, 0), 0);
    assert_int_equal(report_text_write(full, &f->run, NULL), NC_EIO);
    (void)fclose(full);

    f->res[0].check = NULL;
    text = text_of(&f->run, false, &rc);
    assert_int_equal(rc, NC_EINVAL);
    assert_string_equal(text, "");
    free(text);
}

static void test_alloc_failures(void **state)
{
    struct fx_run *f = *state;

    fx_run_alloc_failures(text_plain, &f->run, 10);
}

struct color_case {
    bool tty;
    const char *no_color, *term;
    bool want;
};

static const struct color_case color_cases[] = {
    {true, NULL, "xterm-256color", true},
    {true, NULL, NULL, true},
    {true, "", "xterm", true}, /* empty NO_COLOR does not count */
    {true, "1", "xterm", false},
    {true, "0", "xterm", false}, /* any non-empty value */
    {true, NULL, "dumb", false},
    {true, NULL, "", true},
    {true, NULL, "dumber", true},
    {false, NULL, "xterm", false},
    {false, "", "xterm", false},
};

static void test_color_wanted(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(color_cases) / sizeof(color_cases[0]); i++) {
        const struct color_case *c = &color_cases[i];

        if (report_color_wanted(c->tty, c->no_color, c->term) != c->want)
            fail_msg("case %zu: tty=%d NO_COLOR=%s TERM=%s", i, c->tty,
                     c->no_color ? c->no_color : "(unset)",
                     c->term ? c->term : "(unset)");
    }
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_run_setup, fx_run_teardown)
    const struct CMUnitTest tests[] = {
        T(test_table_rows),
        T(test_wildcard_wording),
        T(test_failure_blocks),
        T(test_shared_cause_all),
        T(test_shared_cause_some),
        T(test_shared_cause_alloc_failures),
        T(test_summary_line),
        T(test_header_lines),
        T(test_color),
        cmocka_unit_test(test_color_wanted),
        T(test_long_name_truncated),
        T(test_long_name_cut_between_notations),
        T(test_terminal_safety),
        T(test_errors),
        T(test_alloc_failures),
        T(test_hosts_source),
        T(test_proxy_note),
        T(test_proxy_identity),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
