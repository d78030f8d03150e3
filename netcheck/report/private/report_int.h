/* Shared by the report writers (report_text.c, report_json.c,
 * report_junit.c) and the dispatcher (report.c): the walk every format
 * starts with, XML escaping (reports carry text from servers and
 * certificates; base/esc.h decides what is escaped, for every format),
 * and lookups over a run. Not for other layers. */
#ifndef NC_REPORT_INT_H
#define NC_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "esc.h"
#include "report.h"
#include "result.h"
#include "rootcause.h"

/*! The body of one format: write run, whose shared causes are causes, to
 *  out.  style may be NULL.  \return 0, NC_ENOMEM or NC_EIO */
typedef int report_body_fn(FILE *out, const struct nc_run *run,
                           const struct rootcause_list *causes,
                           const struct report_style *style);

/*! The body of each format (report_text.c, report_json.c, report_junit.c). */
report_body_fn report_text_body;
report_body_fn report_json_body;
report_body_fn report_junit_body;
report_body_fn report_prom_body;

/*! What every format does first and last: check that run can be walked
 *  (report_run_check), find its shared causes, call body, release them.
 *  \return body's result, NC_EINVAL or NC_ENOMEM */
int report_run_walk(FILE *out, const struct nc_run *run,
                    const struct report_style *style, report_body_fn *body);

/* Room for the longest piece any writer makes of one character (a
 * Prometheus-escaped "\\u202e" is 7 bytes, an XML "&#x10ffff;" 10). */
#define REPORT_PIECE_MAX 16

/* How a format writes one character of outside text: the character at s
 * (len bytes; code point or byte cp, kind k from nc_esc_next) as s itself
 * or as bytes built in buf; their count in *piece_len. */
typedef const char *report_piece_fn(const char *s, size_t len, uint32_t cp,
                                    enum nc_esc_kind k,
                                    char buf[REPORT_PIECE_MAX],
                                    size_t *piece_len);

/*! Escape s (NULL is "") into dst of size n, one piece per character,
 *  cut only between pieces, always terminated when n > 0.
 *  \return 0 or NC_ELIMIT when cut */
int report_escape_with(const char *s, char *dst, size_t n,
                       report_piece_fn *piece);

/*! report_xml_escape into a new string of whatever size it needs.
 *  \return the string (nc_free it), or NULL when out of memory */
char *report_xml_escape_dup(const char *s);

/*! Write s escaped for XML to out.  \return 0 or NC_ENOMEM */
int report_put_xml(FILE *out, const char *s);

/*! Write the n bytes of JSON text at s (dumped with JSON_ENSURE_ASCII)
 *  to out, every line after the first indented by pad more spaces, and
 *  DEL as \u007F (upper-case hex, as jansson writes the rest): the file
 *  then holds no control byte but its newlines.  \return 0 or NC_EIO */
int report_json_put(FILE *out, const char *s, size_t n, int pad);

struct json_t;

/*! A JSON string of s as every JSON writer holds outside text: valid UTF-8
 *  as it is, each invalid byte as the escaper's "\xHH" (esc.h), since
 *  jansson takes only UTF-8; NULL s is JSON null.  \return it, or NULL
 *  when out of memory */
struct json_t *report_json_string(const char *s);

/*! Dump root as every JSON file of netcheck is written: flags plus
 *  JSON_ENSURE_ASCII, through report_json_put (pad 0), then a newline.
 *  \return 0, NC_ENOMEM (jansson's own buffers) or NC_EIO */
int report_json_dump(FILE *out, const struct json_t *root, size_t flags);

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

/*! r->n_addrs, 0 when r has no address array (a count without its array
 *  must not make a writer read through NULL). */
size_t report_addr_count(const struct nc_check_result *r);

/*! r->n_cnames, 0 when r has no name array. */
size_t report_cname_count(const struct nc_check_result *r);

/*! "probed 64 of 100 addresses" into buf when the resolver returned more
 *  addresses than a check keeps (NC_MAX_ADDRS_PER_FAMILY per family).
 *  \return true when r was capped (buf filled), false otherwise */
bool report_addrs_capped(const struct nc_check_result *r, char *buf, size_t n);

/*! Number of r's addresses that did not pass. */
size_t report_addrs_failed(const struct nc_check_result *r);

/*! The clock_skew warning as one sentence, into buf; false (and buf "")
 *  when the clock is not off by more than NC_CLOCK_SKEW_WARN_S. */
bool report_clock_warning(const struct nc_clock *clk, char *buf, size_t n);

/*! t (seconds since 1970, UTC) as RFC 3339 "2026-12-04T21:38:16Z" into
 *  buf (at least 21 bytes).  \return false (buf "") when t is 0 (not
 *  taken), negative or past year 9999 */
bool report_time_rfc3339(long long t, char *buf, size_t n);

/*! The body of one diff format (report_diff_text.c, _json.c, _junit.c):
 *  write d to out.  \return 0, NC_ENOMEM or NC_EIO */
typedef int report_diff_body_fn(FILE *out, const struct nc_diff *d,
                                const struct report_style *style);

report_diff_body_fn report_diff_text_body;
report_diff_body_fn report_diff_json_body;
report_diff_body_fn report_diff_junit_body;

struct fleet;

/*! The body of one `netcheck merge` format (report_fleet_json.c, ...):
 *  write f to out.  \return 0, NC_ENOMEM or NC_EIO */
int report_fleet_json_body(FILE *out, const struct fleet *f,
                           const struct report_style *style);
int report_fleet_junit_body(FILE *out, const struct fleet *f,
                            const struct report_style *style);
int report_fleet_prom_body(FILE *out, const struct fleet *f,
                           const struct report_style *style);

/*! One sentence for change c, without its subject (host, check,
 *  address): "now fails: tcp_timeout (was pass)". Raw text from the
 *  reports: clean or escape it before writing. */
void report_change_sentence(const struct nc_change *c, char *buf, size_t n);

/*! "host h: check c: address a" (whichever apply) for c, raw; "" for a
 *  run-level change of an unnamed machine. */
void report_change_subject(const struct nc_change *c, char *buf, size_t n);

/* Counts over a diff, for every format's summary. */
struct report_diff_counts {
    size_t regressions, other, added, removed;
};

void report_diff_count(const struct nc_diff *d, struct report_diff_counts *k);

#ifdef NETCHECK_UNITTESTS
/*! Escape s for XML text and attributes into dst (size n), truncating
 *  on a character boundary.  & < > " ' become entities, CR becomes &#13;,
 *  DEL, C1 and bidirectional controls (esc.h) become character references;
 *  what XML 1.0 cannot hold at all (C0 controls but TAB and LF, U+FFFE,
 *  U+FFFF, bytes that are not UTF-8) is written in esc.h's notation
 *  ("\x1b", "\uffff").  NULL s is "".
 *  \return 0 or NC_ELIMIT when truncated */
int report_xml_escape(const char *s, char *dst, size_t n);
#endif

#ifdef NETCHECK_UNITTESTS
/*! The JUnit classname of a check of profile (NULL: "netcheck"):
 *  "netcheck." then the name with every ASCII character but letters,
 *  digits, '-' and '_' as '_', so it holds exactly one dot (Jenkins
 *  splits at the last).  dst of size n, always terminated. */
void report_junit_classname(const char *profile, char *dst, size_t n);

/*! The JUnit suite's name: the run's profiles joined by '+', then "@HOST"
 *  when the host is known ("netcheck" when the plan has no profile). */
void report_junit_suite_name(const struct nc_run *run, char *dst, size_t n);

/*! Escape s (NULL is "") as a Prometheus label value into dst of size n,
 *  always terminated: backslash, '"' and LF as \\, \" and \n (the text
 *  exposition format); every other control, bidirectional control and
 *  byte that is not UTF-8 in esc.h's notation, whose backslash is then
 *  escaped too.  \return 0 or NC_ELIMIT when cut */
int report_prom_label(const char *s, char *dst, size_t n);

/*! url without its userinfo ("http://u:p@h:3128" -> "http://h:3128")
 *  into dst of size n, always terminated. */
void report_trace_redact(const char *url, char *dst, size_t n);
#endif

#ifdef NETCHECK_UNITTESTS
/*! Check that a writer can walk run: results present, each with its
 *  check.  \return 0 or NC_EINVAL */
int report_run_check(const struct nc_run *run);
#endif

#endif
