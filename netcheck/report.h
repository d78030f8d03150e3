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

/*! Write the run in the given format.  \return 0, NC_ENOMEM or NC_EIO */
int report_write(enum nc_format fmt, FILE *out, const struct nc_run *run,
                 const struct report_style *style);

int report_text_write(FILE *out, const struct nc_run *run,
                      const struct report_style *style);
int report_json_write(FILE *out, const struct nc_run *run);
int report_junit_write(FILE *out, const struct nc_run *run);

/*! Escape s for XML text and attributes into dst (size n), truncating
 *  on a character boundary.  \return 0 or NC_ELIMIT when truncated */
int report_xml_escape(const char *s, char *dst, size_t n);

#endif
