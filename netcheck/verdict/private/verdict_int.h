/* Helpers shared by the verdict files, defined in verdict_util.c. Pure
 * text and decision helpers; not for other modules. */
#ifndef NC_VERDICT_INT_H
#define NC_VERDICT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "verdict.h"

/* Longest piece of server-supplied text quoted in a detail. */
#define QUOTE_MAX 48

/*! FAIL for a required check, WARN for an optional one. */
enum nc_status vd_status_failed(const struct nc_check *c);

/*! The check speaks https. */
bool vd_is_https(const struct nc_check *c);

/*! The check's host, or "?". */
const char *vd_host_of(const struct nc_check *c);

/*! Copy network text for quoting: printable ASCII only, at most QUOTE_MAX
 *  characters ("..." when cut); src need not be terminated. */
void vd_quote_copy(char *dst, size_t n, const char *src, size_t srcsize);

/*! What an answer that is not valid HTTP held, to follow "answered with"
 *  in a detail ("headers larger than curl accepts ..."). */
const char *vd_http_fault_text(enum nc_http_fault fault);

/*! A problem code of the DNS stage. */
bool vd_is_dns_problem(enum nc_problem p);

#endif
