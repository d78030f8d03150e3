/* Helpers shared by profile.c, allowlist.c and plan.c; not a public
 * interface. */
#ifndef NC_PROFILE_INT_H
#define NC_PROFILE_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "nc.h"
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

/*! Start parsing len bytes from source: refuse more than
 *  NC_PROFILE_MAX_BYTES ("WHAT larger than N bytes"), then make a new
 *  empty profile named after nothing yet, source copied.
 *  \return 0 and *out, NC_ELIMIT or NC_ENOMEM with diag filled */
int pf_parse_begin(size_t len, const char *source, const char *what,
                   struct nc_profile **out, struct nc_diag *diag);

/*! Append a check with the defaults (required, any status), its name,
 *  source and line set, to p (cap: the allocated length).
 *  \return 0 and *out, NC_ENOMEM or NC_ELIMIT (NC_PROFILE_MAX_CHECKS) */
int pf_check_push(struct nc_profile *p, size_t *cap, const char *name,
                  unsigned line, struct nc_check **out);

/*! Give back the room pf_check_push doubled into, once the last check is
 *  in: a profile lives the whole run, and 100,000 checks would otherwise
 *  keep up to half as many again (152 bytes each) unused. Nothing may
 *  point into p->checks yet. Failing to shrink keeps the array as it is. */
void pf_checks_fit(struct nc_profile *p, size_t *cap);

/*! Replace *dst (freed) with a copy of s; *dst is kept on failure.
 *  \return 0 or NC_ENOMEM */
int pf_set_str(char **dst, const char *s);

/*! Set a check's url, scheme, host, port and path from u.
 *  \return 0 or NC_ENOMEM */
int pf_check_set_url(struct nc_check *c, const struct nc_url *u);

/*! Make c an untestable wildcard check: url "https://RULE/" (display
 *  text only), host RULE, port 443, rule and skip_reason set.
 *  \return 0 or NC_ENOMEM */
int pf_check_set_untestable(struct nc_check *c, const char *rule,
                            const char *reason);

/* ---- key values (profile_value.c): pure, a code and the message ---- */

/*! yes/true or no/false, any case.  \return 0 or NC_EPARSE */
int pf_bool_parse(const char *v, bool *out);

/*! A service tag name: letters, digits, '.', '-', '_', 1 to 128 bytes. */
bool pf_tag_name_ok(const char *v);

/*! expect_status: "CODE" or "MIN-MAX" within 100-599.
 *  \return 0 (min, max set) or NC_EPARSE */
int pf_status_parse(const char *v, unsigned *min, unsigned *max);

/*! "CIDR CIDR, CIDR" (white space and/or commas) appended to arr; label
 *  ("[profile]", "[check NAME]") goes into the message.
 *  \return 0, NC_EPARSE or NC_ELIMIT (why: the message), NC_ENOMEM */
int pf_ranges_parse(const char *value, const char *label, struct nc_cidr **arr,
                    size_t *n, size_t *cap, char *why, size_t whylen);

/*! "NAME, NAME": root CA names into a new *issuers array of at most 64,
 *  *n counted as they are kept (the caller frees them on any return).
 *  \return 0, NC_EPARSE or NC_ELIMIT (why: the message), NC_ENOMEM */
int pf_issuers_parse(const char *value, char ***issuers, size_t *n, char *why,
                     size_t whylen);

/*! Append r to a range array (cap: allocated length).
 *  \return 0, NC_ENOMEM or NC_ELIMIT (NC_PROFILE_MAX_RANGES) */
int pf_range_push(struct nc_cidr **arr, size_t *n, size_t *cap,
                  const struct nc_cidr *r);

/*! Parse a wildcard rule "*.domain" into a lowercase copy.
 *  \return 0 and *out, NC_EPARSE (why filled) or NC_ENOMEM */
int pf_rule_parse(const char *s, char **out, char *why, size_t whylen);

/*! "host[:port]" as https://host[:port]/, or http://host/ for port 80 (an
 *  allowlist line).  \return 0 and *u, or NC_EPARSE (why filled) */
int pf_host_url(const char *s, struct nc_url *u, char *why, size_t whylen);

/* What a check's `rule` (an allowlist entry) is, and so what it asks of
 * the check's url. */
enum pf_rule_kind {
    PF_RULE_WILDCARD,  /* *.domain: the url host lies under domain */
    PF_RULE_HOST,      /* host: the url host equals it */
    PF_RULE_HOST_PORT, /* host:port: host and port equal */
    PF_RULE_URL,       /* scheme://host[:port]/...: scheme, host, port equal */
    PF_RULE_MAX
};

/*! Parse any allowlist entry that names hosts as a rule: "*.domain" as
 *  pf_rule_parse, else a URL, host:port or host (kept as written). An
 *  address or CIDR is refused (a range, not a host).
 *  \return 0 and *out, NC_EPARSE (why filled) or NC_ENOMEM */
int pf_rule_any_parse(const char *s, char **out, char *why, size_t whylen);

/*! The kind of a rule pf_rule_any_parse accepted. */
enum pf_rule_kind pf_rule_kind_of(const char *rule);

/*! The URL an exact rule stands for (as an allowlist line would be
 *  checked).  \return 0, NC_EPARSE (a wildcard) */
int pf_rule_url(const char *rule, struct nc_url *u);

/*! True when the url (scheme, host, port) is what rule allows: under a
 *  wildcard's domain; the same host (case-insensitive, a trailing dot
 *  ignored); also the same port for host:port; also the same scheme and
 *  port for a URL (its path is not compared). Pure. */
/*! How a url misses rule (after pf_rule_covers said it does), for "url
 *  [host] 'X' <this> rule 'R'": *host says whether X is the url's host
 *  (a wildcard or host rule) or the whole url. */
const char *pf_rule_miss_text(const char *rule, bool *host);

bool pf_rule_covers(const char *rule, const char *scheme, const char *host,
                    unsigned port);

/*! Read a whole file of at most NC_PROFILE_MAX_BYTES.
 *  \return 0 and *buf (caller frees with nc_free), NC_EIO, NC_ELIMIT or
 *  NC_ENOMEM, with diag naming path */
int pf_read_file(const char *path, char **buf, size_t *len,
                 struct nc_diag *diag);

/*! A *_parse_buf function: profile_parse_buf or allowlist_parse_buf. */
typedef int pf_parse_fn(const char *buf, size_t len, const char *source,
                        struct nc_profile **out, struct nc_diag *diag);

/*! Read path (pf_read_file) and parse it with parse, path as the source.
 *  \return as parse, or as pf_read_file when the file cannot be read */
int pf_load_file(const char *path, pf_parse_fn *parse, struct nc_profile **out,
                 struct nc_diag *diag);

/* A [region NAME] section: variables for ${name} in url values. */
struct pf_region_var {
    char *key;
    char *val;
    unsigned line;
};

struct pf_region {
    char *name;
    unsigned line; /* of its section header */
    struct pf_region_var *vars;
    size_t n_vars;
};

/* A url with ${...}, expanded once every [region] is known. */
struct pf_url_tmpl {
    size_t check; /* index into the profile's checks */
    unsigned line;
    char *value;
};

/* What the INI parser keeps about regions while it reads a profile. Each
 * pf_rp_* function returns 0, or an nc_err with diag naming source and
 * the line. */
struct pf_rp {
    const char *source;
    struct nc_diag *diag;
    const char *want; /* the region asked for, or NULL */
    struct pf_region *v;
    size_t n, cap;
    size_t cur; /* the region of the current [region] section */
    struct pf_url_tmpl *tmpls;
    size_t n_tmpls, cap_tmpls;
    char *default_region;
    unsigned default_line;
};

/*! A "[region NAME]" header at line: NAME becomes the current region.
 *  \return 0, NC_EPARSE (bad or duplicate name), NC_ELIMIT, NC_ENOMEM */
int pf_rp_begin(struct pf_rp *rp, const char *name, unsigned line);

/*! "key = value" at line in the current [region]: a variable.
 *  \return 0, NC_EPARSE, NC_ELIMIT (NC_PROFILE_MAX_VARS) or NC_ENOMEM */
int pf_rp_var(struct pf_rp *rp, const char *key, const char *value,
              unsigned line);

/*! "default_region = value" at line in [profile].
 *  \return 0, NC_EPARSE or NC_ENOMEM */
int pf_rp_default(struct pf_rp *rp, const char *value, unsigned line);

/*! Keep url value (with ${...}) of check number check, at line, for
 *  pf_rp_apply.  \return 0 or NC_ENOMEM */
int pf_rp_defer(struct pf_rp *rp, size_t check, const char *value,
                unsigned line);

/*! After the last line: pick the region (rp->want, else default_region),
 *  expand and check every kept url for every region, set the picked
 *  region's urls on p's checks, and fill p's regions, region and
 *  region_default.  \return 0, NC_EPARSE, NC_ELIMIT, NC_ENOMEM, or
 *  NC_EINVAL when rp->want names no region (diag: the closest one) */
int pf_rp_apply(struct pf_rp *rp, struct nc_profile *p);

/*! Free what rp holds; rp may then be reused. */
void pf_rp_release(struct pf_rp *rp);

/*! Fill diag (when not NULL) with source, line and the message fmt, ap.
 */
void pf_diag_vset(struct nc_diag *diag, const char *source, unsigned line,
                  const char *fmt, va_list ap) NC_PRINTF(4, 0);

/*! Blank within a line: space, TAB, CR, VT or FF. */
bool pf_is_space(char ch);

/*! Whether *p, in a line that ends at end (its '\n' left out), is a byte
 *  no line may hold: a C0 control but TAB, DEL, or a CR anywhere but last
 *  (so CRLF files read as LF files). */
bool pf_is_bad_byte(const char *p, const char *end);

/*! The last path component of path (after '/'). */
const char *pf_basename(const char *path);

/*! Record "out of memory" in diag.  \return NC_ENOMEM */
int pf_oom(struct nc_diag *diag, const char *source);

#endif
