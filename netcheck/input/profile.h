/* Profiles (INI, parsed with inih) and plain allowlists, parsed from a
 * buffer; the *_load_file wrappers only read the file. No I/O otherwise. */
#ifndef NC_PROFILE_H
#define NC_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"
#include "cidr.h"
#include "nc.h"

#define NC_PROFILE_MAX_BYTES   (16u * 1024u * 1024u)
#define NC_PROFILE_MAX_CHECKS  100000u
#define NC_PROFILE_MAX_RANGES  100000u
#define NC_PROFILE_MAX_REGIONS 1000u
#define NC_PROFILE_MAX_VARS    64u   /* variables per [region] */
#define NC_PROFILE_MAX_EXPAND  4096u /* bytes of a value after ${...} */

/*! Parse an INI profile held in buf (len bytes, need not be terminated).
 *  source names it in diagnostics ("FILE:LINE: message").
 *  \return 0 and *out (caller frees with profile_free), or NC_EPARSE /
 *  NC_ENOMEM / NC_ELIMIT with diag filled */
int profile_parse_buf(const char *buf, size_t len, const char *source,
                      struct nc_profile **out, struct nc_diag *diag);

/*! profile_parse_buf for the given region (NULL: the profile's
 *  default_region). ${name} in a [check] value is the variable name of
 *  that [region] section. A profile without [region] sections ignores
 *  region (p->region stays NULL: the caller decides whether that is an
 *  error).  \return as profile_parse_buf, or NC_EINVAL when region names
 *  no [region] of the profile (diag names the closest one) */
int profile_parse_region(const char *buf, size_t len, const char *source,
                         const char *region, struct nc_profile **out,
                         struct nc_diag *diag);

/*! Read path and call profile_parse_region.  \return as it, or NC_EIO */
int profile_load_file_region(const char *path, const char *region,
                             struct nc_profile **out, struct nc_diag *diag);

/*! Parse a plain allowlist: one entry a line, URL | host[:port] |
 *  *.domain sample=HOST | CIDR, '#' comments. CIDR lines become the
 *  profile's ranges, which every check of the allowlist then carries.
 *  \return as profile_parse_buf */
int allowlist_parse_buf(const char *buf, size_t len, const char *source,
                        struct nc_profile **out, struct nc_diag *diag);

/*! Read path and call allowlist_parse_buf. */
int allowlist_load_file(const char *path, struct nc_profile **out,
                        struct nc_diag *diag);

/*! Free a profile; NULL is a no-op. */
void profile_free(struct nc_profile *p);

/*! Add a profile to the plan, taking ownership of it (freed with the plan
 *  even on failure). Rejects a check name already in the plan, naming both
 *  places in diag.  \return 0, NC_EPARSE or NC_ENOMEM */
int plan_add_take(struct nc_plan *plan, struct nc_profile *p,
                  struct nc_diag *diag);

/*! --only: keep the plan's checks whose name matches at least one of the
 *  n shell patterns (nc_glob_match), in plan order; n == 0 keeps all.
 *  Pure.  \param unmatched on NC_EPARSE, the first pattern that matches
 *  no check (the plan is then unchanged)  \return 0 or NC_EPARSE */
int plan_filter_only(struct nc_plan *plan, const char *const *pats, size_t n,
                     const char **unmatched);

/*! Free everything the plan owns; the struct itself is the caller's. */
void plan_release(struct nc_plan *plan);

/* Built-in profiles, embedded from the endpoints directory at build time. */
struct nc_builtin {
    const char *name; /* file name without .ini */
    const char *text;
    size_t len;
};

/*! The built-in profile table and its length. */
const struct nc_builtin *profile_builtins(size_t *n);

/*! Look up a built-in by exact name.  \return it, or NULL */
const struct nc_builtin *profile_builtin_find(const char *name);

#define PROFILE_SUGGEST_MAX 3 /* edits at most, for "did you mean" */

/*! The built-in name closest to a mistyped one (nc_str_distance at most
 *  PROFILE_SUGGEST_MAX and less than half of name's length; the first of
 *  equals), for "did you mean".  \return it, or NULL */
const struct nc_builtin *profile_builtin_nearest(const char *name);

#ifdef NETCHECK_UNITTESTS
/*! The region of names (n of them) closest to s by edit distance, for
 *  "did you mean" hints.  \return it, or NULL when none is close */
const char *profile_region_nearest(const char *const *names, size_t n,
                                   const char *s);
#endif

#endif
