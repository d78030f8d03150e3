/* Helpers shared by the parser tests (test_profile.c, test_allowlist.c,
 * test_hostsfile.c, test_servicetags.c): a data file read whole,
 * an error table run through a parser, allocation failures one by one,
 * and range comparison. */
#ifndef NC_FIXTURE_PARSE_H
#define NC_FIXTURE_PARSE_H

#include <stddef.h>

#include "cidr.h"
#include "nc.h"
#include "profile.h"

/* A *_parse_buf function: profile_parse_buf or allowlist_parse_buf. */
typedef int fx_parse_fn(const char *buf, size_t len, const char *source,
                        struct nc_profile **out, struct nc_diag *diag);

/* One input the parser must reject. */
struct fx_parse_err {
    const char *text;
    int rc;          /* the error code it must return */
    unsigned line;   /* d.line it must report (0: no line) */
    const char *msg; /* a substring of d.msg */
};

/*! A whole test data file, NUL-terminated, its length in *len (asserts
 *  that it exists and is not empty). free() it. */
char *fx_read_text(const char *path, size_t *len);

/*! Assert that range c prints as want. */
void fx_range_is(const struct nc_cidr *c, const char *want);

/*! Parse each case's text (as a string, named source) and check that it
 *  fails with the case's code, leaves no profile, and names source and
 *  the case's line and message in the diagnostic. */
void fx_parse_errors(fx_parse_fn *parse, const char *source,
                     const struct fx_parse_err *cases, size_t n);

/*! Fail each allocation of parse(text, len, source) in turn until one
 *  run succeeds: every failure before it must be NC_ENOMEM with no
 *  profile and "out of memory", and more than ten must have been tried.
 *  \return the profile of the successful run (profile_free it) */
struct nc_profile *fx_parse_alloc_failures(fx_parse_fn *parse, const char *text,
                                           size_t len, const char *source);

#endif
