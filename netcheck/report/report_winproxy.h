/* The Windows proxy view of `netcheck proxy --registry` (and --as-system
 * on Windows): a SYSTEM service's proxy sources, the one the agent uses
 * and why, each URL, and the traps, in text or JSON from one report. */
#ifndef NC_REPORT_WINPROXY_H
#define NC_REPORT_WINPROXY_H

#include <stdio.h>

#include "report.h"
#include "winproxy_report.h"

/*! Write r as text or JSON (schema NC_JSON_SCHEMA, with "version"), then
 *  check out for errors.  \return 0, NC_ENOMEM, NC_EIO, or NC_EINVAL for
 *  another format */
int report_winproxy_write(enum nc_format fmt, FILE *out,
                          const struct winproxy_report *r);

#endif
