/* Report writers: text, JSON (jansson) and JUnit XML, all from the same
 * struct nc_run. They write to a FILE the caller opened. */
#ifndef NC_REPORT_H
#define NC_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "result.h"

#define NC_JSON_SCHEMA 1

enum nc_format {
    NC_FORMAT_TEXT = 0,
    NC_FORMAT_JSON,
    NC_FORMAT_JUNIT,
    NC_FORMAT_MAX
};

struct report_style {
    bool color; /* ANSI colour (text only); caller decides TTY/NO_COLOR */
};

/*! Parse "text", "json" or "junit".  \return 0 or NC_EPARSE */
int report_format_parse(const char *s, enum nc_format *out);

/*! Write the run in the given format, then flush out and check it, so a
 *  truncated report is an error.  run->summary must be filled
 *  (run_summarize).  \return 0, NC_ENOMEM, NC_EIO, or NC_EINVAL for an
 *  unknown format or a result without its check */
int report_write(enum nc_format fmt, FILE *out, const struct nc_run *run,
                 const struct report_style *style);

/*! Text report: the causes several failures share (rootcause.h), a table
 *  (check, status, problem, address, time), a block per check that did
 *  not pass (one line for a check of a shared cause, none when one cause
 *  covers every failure), then the verdict line.  style may be NULL
 *  (no colour).  \return as report_write */
/*! The clock_skew warning as one sentence, into buf; false (and buf "")
 *  when the clock is not off by more than NC_CLOCK_SKEW_WARN_S. */
bool report_clock_warning(const struct nc_clock *clk, char *buf, size_t n);

int report_text_write(FILE *out, const struct nc_run *run,
                      const struct report_style *style);

/*! JSON report, schema NC_JSON_SCHEMA (README), indented, one trailing
 *  newline; "root_causes" lists the shared causes.  \return as
 *  report_write */
int report_json_write(FILE *out, const struct nc_run *run);

/*! JUnit XML: one testcase per check; fail is a failure, skip is skipped,
 *  warn (optional check) passes with the warning in system-out. A shared
 *  cause is a root_cause property, a line of the suite's system-out and
 *  the message of each failure it explains.
 *  \return as report_write */
int report_junit_write(FILE *out, const struct nc_run *run);

/*! Escape s for XML text and attributes into dst (size n), truncating
 *  on a character boundary.  & < > " ' become entities, CR becomes &#13;,
 *  characters XML 1.0 forbids (C0 controls but TAB and LF, U+FFFE, U+FFFF)
 *  are dropped and each byte of invalid UTF-8 becomes '?'.  NULL s is "".
 *  \return 0 or NC_ELIMIT when truncated */
int report_xml_escape(const char *s, char *dst, size_t n);

/*! report_xml_escape into a new string of whatever size it needs.
 *  \return the string (nc_free it), or NULL when out of memory */
char *report_xml_escape_dup(const char *s);

/*! Decode the UTF-8 character at s.  \param cp receives the code point
 *  \return its length (1-4), or 0 at the terminator or when s starts an
 *  invalid, overlong or surrogate sequence or one above U+10FFFF */
size_t report_utf8_char(const char *s, unsigned long *cp);

/*! Copy s as valid UTF-8: each byte report_utf8_char rejects becomes '?';
 *  with strip_ctl, C0 and C1 controls and DEL become '?' too (so a server's
 *  text cannot drive the terminal).  NULL s is "".
 *  \return the copy (nc_free it), or NULL when out of memory */
char *report_clean_dup(const char *s, bool strip_ctl);

/*! Number of code points in the valid UTF-8 string s (display columns
 *  for the text table; wide characters count as one). */
size_t report_utf8_width(const char *s);

/*! Name of the plan's profile that holds check c.  \return it, or NULL
 *  when c lies in none of them */
const char *report_check_profile(const struct nc_plan *plan,
                                 const struct nc_check *c);

/*! The first of the plan's profiles whose ${...} values came from a
 *  [region] (the one both reports name).  \return it, or NULL */
const struct nc_profile *report_region_profile(const struct nc_plan *plan);

/*! Check that a writer can walk run: results present, each with its
 *  check.  \return 0 or NC_EINVAL */
int report_run_check(const struct nc_run *run);

/*! r->n_addrs, capped at the size of r->addrs (a corrupt count must not
 *  make a writer read past the array). */
size_t report_addr_count(const struct nc_check_result *r);

/*! r->n_cnames, capped at the size of r->cnames. */
size_t report_cname_count(const struct nc_check_result *r);

/*! Number of r's addresses that did not pass. */
size_t report_addrs_failed(const struct nc_check_result *r);

/*! Whether a text report gets colour: only on a terminal, not with
 *  NO_COLOR set to a non-empty value (no-color.org: an empty NO_COLOR does
 *  not count), not for TERM=dumb. no_color and term are the variables'
 *  values, NULL when unset. Pure. */
bool report_color_wanted(bool is_tty, const char *no_color, const char *term);

#endif
