/* report_text.c: rows, failure blocks, the verdict line, colour only when
 * asked, wildcard wording, and terminal-safe output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_run.h"
#include "nc.h"
#include "report.h"
#include "str.h"

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
    line = strndup(p, (size_t)(end - p));
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
    assert_non_null(strstr(blocks, "\nbad? name: fail dns_nxdomain\n"));
    /* Passing checks get no block; a single address is not listed. */
    assert_null(strstr(text, "\nlogin:"));
    assert_null(strstr(text, "\nv6:"));
    assert_null(strstr(text, "    198.51.100.7"));
    free(text);
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

static void test_header_lines(void **state)
{
    struct fx_run *f = *state;
    char *text = text_ok(&f->run, false);

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
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);

        assert_non_null(out);
        assert_int_equal(report_text_write(out, &f->run, NULL), 0);
        assert_int_equal(fclose(out), 0);
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

/* Server text must not reach the terminal as control sequences, and
 * invalid UTF-8 is replaced. */
static void test_terminal_safety(void **state)
{
    struct fx_run *f = *state;
    char *text;

    (void)nc_strlcpy(f->res[1].detail, "block page \033]0;pwned\007 \033[2J",
                     sizeof(f->res[1].detail));
    (void)nc_strlcpy(f->res[1].addrs[0].detail, "x\r\ny",
                     sizeof(f->res[1].addrs[0].detail));
    text = text_ok(&f->run, false);
    assert_null(strchr(text, '\033'));
    assert_null(strchr(text, '\007'));
    assert_null(strchr(text, '\r'));
    assert_null(strchr(text, '\xff'));
    assert_non_null(strstr(text, "block page ?]0;pwned? ?[2J"));
    assert_non_null(strstr(text, "x??y"));
    assert_non_null(strstr(text, "bad? name"));
    free(text);
}

static void test_errors(void **state)
{
    struct fx_run *f = *state;
    FILE *full = fopen("/dev/full", "w");
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

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_run_setup, fx_run_teardown)
    const struct CMUnitTest tests[] = {
        T(test_table_rows),
        T(test_wildcard_wording),
        T(test_failure_blocks),
        T(test_summary_line),
        T(test_header_lines),
        T(test_color),
        T(test_long_name_truncated),
        T(test_terminal_safety),
        T(test_errors),
        T(test_alloc_failures),
        T(test_hosts_source),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
