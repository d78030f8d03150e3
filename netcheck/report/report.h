/* Report writers: text, JSON (jansson), JUnit XML and Prometheus text,
 * all from the same struct nc_run. They write to a FILE the caller
 * opened. report.c dispatches (one table row per format),
 * report_<format>.c writes. */
#ifndef NC_REPORT_H
#define NC_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "change.h"
#include "fleet.h"
#include "result.h"
#include "snapshot.h"

#define NC_JSON_SCHEMA       1
#define NC_DIFF_SCHEMA       1  /* the JSON of `netcheck diff` (README) */
#define NC_FLEET_HOSTS_SHOWN 10 /* host names a text group lists */

enum nc_format {
    NC_FORMAT_TEXT = 0,
    NC_FORMAT_JSON,
    NC_FORMAT_JUNIT,
    NC_FORMAT_PROMETHEUS, /* node_exporter's textfile collector */
    NC_FORMAT_MAX
};

struct report_style {
    bool color; /* ANSI colour (text only); caller decides TTY/NO_COLOR */
};

/*! Parse "text", "json", "junit" or "prometheus".
 *  \return 0 or NC_EPARSE */
int report_format_parse(const char *s, enum nc_format *out);

/*! Write the run in the given format, then flush out and check it, so a
 *  truncated report is an error.  run->summary must be filled
 *  (run_summarize).  \return 0, NC_ENOMEM, NC_EIO, or NC_EINVAL for an
 *  unknown format or a result without its check */
int report_write(enum nc_format fmt, FILE *out, const struct nc_run *run,
                 const struct report_style *style);

/*! Write the changes of d (verdict/diff.h) in the given format: text
 *  (regressions first, then the other changes, then the verdict line),
 *  JSON (diff_schema NC_DIFF_SCHEMA) or JUnit (one testcase per change, a
 *  regression a failure). Flushed and checked as report_write.
 *  \return 0, NC_ENOMEM, NC_EIO or NC_EINVAL */
int report_diff_write(enum nc_format fmt, FILE *out, const struct nc_diff *d,
                      const struct report_style *style);

/*! The snapshot run's JSON report would read back as (source names it,
 *  e.g. "this run"), for `run --baseline`.  \return 0 with *out set
 *  (snapshot_free it), NC_ENOMEM or NC_EINVAL */
int report_snapshot_new(const struct nc_run *run, const char *source,
                        struct nc_snapshot **out);

/*! Whether a text report gets colour: only on a terminal, not with
 *  NO_COLOR set to a non-empty value (no-color.org: an empty NO_COLOR does
 *  not count), not for TERM=dumb. no_color and term are the variables'
 *  values, NULL when unset. Pure. */
bool report_color_wanted(bool is_tty, const char *no_color, const char *term);

/*! --verbose: each check's stages (the proxy and its answer, the
 *  resolver asked, every address with its source, connect, TLS and HTTP
 *  timings, the TLS chain, the HTTP status, the verdict), one
 *  "netcheck: trace: CHECK: ..." line a stage, every value through the
 *  terminal escaper and proxy URLs without userinfo.
 *  \return 0, NC_EINVAL (a result without its check) or NC_EIO */
int report_trace_write(FILE *out, const struct nc_run *run);

#ifdef NETCHECK_UNITTESTS
/*! JSON report, schema NC_JSON_SCHEMA (README), indented, one trailing
 *  newline; "root_causes" lists the shared causes.  \return as
 *  report_write */
int report_json_write(FILE *out, const struct nc_run *run);
#endif

#ifdef NETCHECK_UNITTESTS
/*! JUnit XML: one testcase per check; fail is a failure, skip is skipped,
 *  warn (optional check) passes with the warning in system-out. A shared
 *  cause is a root_cause property, a line of the suite's system-out and
 *  the message of each failure it explains.
 *  \return as report_write */
int report_junit_write(FILE *out, const struct nc_run *run);
#endif

#ifdef NETCHECK_UNITTESTS
/*! Text report: the causes several failures share (rootcause.h), a table
 *  (check, status, problem, address, time), a block per check that did
 *  not pass (one line for a check of a shared cause, none when one cause
 *  covers every failure), then the verdict line.  style may be NULL
 *  (no colour).  \return as report_write */
int report_text_write(FILE *out, const struct nc_run *run,
                      const struct report_style *style);
#endif

/*! Write a merged fleet (`netcheck merge`) in fmt: text (a row per
 *  host, then the failures hosts share), JSON (a fleet report whose
 *  "reports" are the reports as read, plus a "fleet" summary), JUnit (one
 *  testsuite per host) or Prometheus (per-host labels).
 *  \return 0, NC_EINVAL, NC_ENOMEM or NC_EIO */
int report_fleet_write(enum nc_format fmt, FILE *out, const struct fleet *f,
                       const struct report_style *style);

#endif
