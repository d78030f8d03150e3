/* Helpers shared by profile.c, allowlist.c and plan.c; not a public
 * interface. */
#ifndef NC_PROFILE_INT_H
#define NC_PROFILE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "profile.h"
#include "url.h"

/* A string set mapping each key to a value (a line number, an index):
 * open addressing, so duplicate checks among 100,000 names stay linear. */
struct pf_index_slot {
    char *key; /* owned copy; NULL: empty slot */
    size_t val;
};

struct pf_index {
    struct pf_index_slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t n;
};

/*! Add key with val unless present.
 *  \return 0 when added; 1 when present (*old = its value); NC_ENOMEM */
int pf_index_add(struct pf_index *ix, const char *key, size_t val, size_t *old);

/*! Free the index's memory; the struct may then be reused. */
void pf_index_release(struct pf_index *ix);

/*! A new empty profile named after nothing yet; source copied.
 *  \return 0 or NC_ENOMEM */
int pf_profile_new(const char *source, struct nc_profile **out);

/*! Append a check with the defaults (required, any status), its name,
 *  source and line set, to p (cap: the allocated length).
 *  \return 0 and *out, NC_ENOMEM or NC_ELIMIT (NC_PROFILE_MAX_CHECKS) */
int pf_check_push(struct nc_profile *p, size_t *cap, const char *name,
                  unsigned line, struct nc_check **out);

/*! Set a check's url, scheme, host, port and path from u.
 *  \return 0 or NC_ENOMEM */
int pf_check_set_url(struct nc_check *c, const struct nc_url *u);

/*! Make c an untestable wildcard check: url "https://RULE/" (display
 *  text only), host RULE, port 443, rule and skip_reason set.
 *  \return 0 or NC_ENOMEM */
int pf_check_set_untestable(struct nc_check *c, const char *rule,
                            const char *reason);

/*! Append r to a range array (cap: allocated length).
 *  \return 0, NC_ENOMEM or NC_ELIMIT (NC_PROFILE_MAX_RANGES) */
int pf_range_push(struct nc_cidr **arr, size_t *n, size_t *cap,
                  const struct nc_cidr *r);

/*! Parse a wildcard rule "*.domain" into a lowercase copy.
 *  \return 0 and *out, NC_EPARSE (why filled) or NC_ENOMEM */
int pf_rule_parse(const char *s, char **out, char *why, size_t whylen);

/*! Read a whole file of at most NC_PROFILE_MAX_BYTES.
 *  \return 0 and *buf (caller frees with nc_free), NC_EIO, NC_ELIMIT or
 *  NC_ENOMEM, with diag naming path */
int pf_read_file(const char *path, char **buf, size_t *len,
                 struct nc_diag *diag);

/*! The last path component of path (after '/'). */
const char *pf_basename(const char *path);

/*! Record "out of memory" in diag.  \return NC_ENOMEM */
int pf_oom(struct nc_diag *diag, const char *source);

#endif
