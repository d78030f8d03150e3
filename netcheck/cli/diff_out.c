/* Shared by cmd_diff.c and cmd_run.c (--baseline); diff_out.h. */
#include "diff_out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "diff.h"
#include "file.h"
#include "msg.h"
#include "nc.h"
#include "snapshot_read.h"

#define DIFF_STDIN_NAME "<stdin>"

/* "-": the report on standard input, named "<stdin>" in messages. */
static int diff_out_load_stdin(bool keep_raw, struct nc_snapshot **out,
                               struct nc_diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    int r, err = 0;

    r = nc_file_read_fd(STDIN_FILENO, NC_SNAP_MAX_BYTES, &buf, &len, &err);
    if (r == NC_EIO)
        nc_diag_set(d, DIFF_STDIN_NAME, 0, "cannot read: %s", strerror(err));
    else if (r == NC_ELIMIT)
        nc_diag_set(d, DIFF_STDIN_NAME, 0, "larger than %u bytes",
                    NC_SNAP_MAX_BYTES);
    else if (r == 0 && keep_raw)
        r = snapshot_parse_buf_raw(buf, len, DIFF_STDIN_NAME, out, d);
    else if (r == 0)
        r = snapshot_parse_buf(buf, len, DIFF_STDIN_NAME, out, d);
    nc_free(buf);
    return r;
}

/* A file, parsed keeping each report's JSON when keep_raw. */
static int diff_out_load_file(const char *path, bool keep_raw,
                              struct nc_snapshot **out, struct nc_diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    int r;

    if (!keep_raw)
        return snapshot_load_file(path, out, d);
    r = nc_file_read(path, NC_SNAP_MAX_BYTES, &buf, &len, d);
    if (r == 0)
        r = snapshot_parse_buf_raw(buf, len, path, out, d);
    nc_free(buf);
    return r;
}

int diff_out_load(const char *path, struct nc_snapshot **out)
{
    return diff_out_load_ex(path, false, out);
}

int diff_out_load_ex(const char *path, bool keep_raw, struct nc_snapshot **out)
{
    struct nc_diag d;
    int r;

    memset(&d, 0, sizeof(d));
    if (strcmp(path, "-") == 0)
        r = diff_out_load_stdin(keep_raw, out, &d);
    else
        r = diff_out_load_file(path, keep_raw, out, &d);
    if (r == 0)
        return 0;
    if (d.msg[0] == '\0')
        nc_diag_set(&d, path, 0, "%s", nc_strerror(r));
    /* jansson gives a column too: "FILE:LINE:COL: message". */
    if (d.line > 0 && d.col > 0)
        cli_err("%s:%u:%u: %s", d.file, d.line, d.col, d.msg);
    else
        cli_print_diag(&d);
    return r == NC_ENOMEM ? NC_EXIT_INTERNAL : NC_EXIT_USAGE;
}

/* Write d to out.  \return 0 or an nc_err */
static int diff_out_write(const struct diff_out *o, FILE *out,
                          const struct nc_diff *d, bool tty)
{
    struct report_style style;

    style.color = tty && o->format == NC_FORMAT_TEXT &&
                  report_color_wanted(true, getenv("NO_COLOR"), getenv("TERM"));
    return report_diff_write(o->format, out, d, &style);
}

int diff_out_opt(struct diff_out *o, int c, char *arg)
{
    switch (c) {
    case 'o':
        o->output = arg;
        return 0;
    case 'q':
        o->quiet = true;
        return 0;
    default:
        return -1;
    }
}

int diff_out_check(struct diff_out *o)
{
    if (o->output == NULL || strcmp(o->output, "-") != 0)
        return 0;
    if (o->quiet) {
        cli_err("--quiet and '-o -' contradict each other");
        return NC_EXIT_USAGE;
    }
    o->output = NULL;
    return 0;
}

FILE *diff_out_open(const struct diff_out *o)
{
    FILE *f;

    if (o->output == NULL)
        return NULL;
    f = fopen(o->output, "we");
    if (f == NULL)
        cli_err("cannot write '%s': %s", o->output, strerror(errno));
    return f;
}

int diff_out_emit(const struct nc_snapshot *before,
                  const struct nc_snapshot *after, const struct diff_out *o,
                  FILE *f)
{
    struct nc_diff d;
    int r, status;

    r = diff_compare(before, after, &d);
    if (r != 0) {
        cli_err("cannot compare the reports: %s", nc_strerror(r));
        if (f != NULL)
            (void)fclose(f);
        return NC_EXIT_INTERNAL;
    }
    status = d.regressions > 0 ? NC_EXIT_FAIL : NC_EXIT_PASS;
    if (d.profile_mismatch) {
        /* Said, compared as far as names match, and never a clean 0: two
         * different sets of checks are no before and after. */
        cli_err("'%s' and '%s' are reports of different profiles: only "
                "checks of the same name were compared",
                before->source, after->source);
        status = NC_EXIT_USAGE;
    }
    if (f != NULL) {
        r = diff_out_write(o, f, &d, false);
        if (fclose(f) != 0 || r < 0) {
            cli_err("cannot write '%s'", o->output);
            status = NC_EXIT_INTERNAL;
        }
    } else if (!o->quiet) {
        r = diff_out_write(o, stdout, &d, isatty(STDOUT_FILENO) == 1);
        if (r < 0) {
            cli_err("cannot write the report: %s", nc_strerror(r));
            status = NC_EXIT_INTERNAL;
        }
    }
    diff_release(&d);
    return status;
}
