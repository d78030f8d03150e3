/* The checks to run, as data: parsed by input/, read by every layer
 * above model/. */
#ifndef NC_CHECK_H
#define NC_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "cidr.h"

/* One of these per check of a run, which may hold 100,000: the pointers
 * first, then the numbers and flags, so no padding comes between them. */
struct nc_check {
    char *name;
    /* As written, normalised: scheme://host[:port]/path. Owns one block
     * that holds scheme, host and path after it (input/ sets them
     * together), so those three are never freed on their own. */
    char *url;
    const char *scheme; /* "http" or "https" */
    const char *host;   /* lowercase; IPv6 literal without brackets */
    const char *path;   /* starts with '/' */
    /* Effective ranges: the check's own, else its profile's (the same
     * array, owned and freed by the profile, not a copy: 10,000 ranges
     * times 1,000 checks must not cost 240 MB). Read-only.
     * n_ranges == 0 means "no range rule". */
    struct nc_cidr *ranges;
    size_t n_ranges;
    char *expect_body; /* NULL: not checked */
    char *service_tag; /* addresses must fall in this Azure tag, or NULL */
    char *rule;        /* wildcard entry the sample host stands for, or NULL */
    /* Expected root CA names (the profile's tls_issuers), borrowed;
     * n_tls_issuers == 0 means "any trusted root". */
    const char *const *tls_issuers;
    size_t n_tls_issuers;
    char *skip_reason; /* non-NULL: untestable, reported as skip */
    /* File (or builtin:NAME) it came from: its profile's source, borrowed
     * (one copy for all its checks, not one each). */
    const char *source;
    unsigned port;
    unsigned status_min, status_max; /* 100..599 when not given */
    unsigned line; /* line of its section header or allowlist line */
    bool required;
    bool expressroute;
    bool expect_private; /* answers must be RFC 1918 / RFC 4193 */
};

struct nc_profile {
    char *name;
    char *title;
    char *source;
    struct nc_cidr *ranges;
    size_t n_ranges;
    char **tls_issuers;
    size_t n_tls_issuers;
    struct nc_check *checks;
    size_t n_checks;
    /* [region NAME] sections, in file order; n_regions == 0: none. */
    char **regions;
    size_t n_regions;
    char *region;        /* the one the ${...} values came from, or NULL */
    bool region_default; /* it is default_region (no region was asked) */
};

/* A run's plan: the checks of all profiles given, names unique. Checks are
 * borrowed from the profiles, which the plan owns. */
struct nc_plan {
    struct nc_profile **profiles;
    size_t n_profiles;
    const struct nc_check **checks;
    size_t n_checks;
};

#endif
