/* What changed between two reports (`netcheck diff`): the comparison in
 * verdict/ fills it, the writers in report/ print it. The kind strings are
 * stable API (diff JSON, JUnit, README): never rename one, only add. */
#ifndef NC_CHANGE_H
#define NC_CHANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "snapshot.h"

enum nc_change_kind {
    /* per check */
    NC_CHANGE_NEWLY_FAILING = 0, /* now fail, was pass/warn/skip/absent */
    NC_CHANGE_NEWLY_WARNING,     /* an optional check now fails (warn) */
    NC_CHANGE_UNVERIFIED,        /* now skip: no longer verified */
    NC_CHANGE_PROBLEM_CHANGED,   /* still failing, another problem code */
    NC_CHANGE_FIXED,             /* now pass, was fail or warn */
    NC_CHANGE_VERIFIED,          /* now pass, was skip */
    NC_CHANGE_STATUS_CHANGED,    /* fail <-> warn with the same code */
    NC_CHANGE_CHECK_ADDED,       /* only in AFTER */
    NC_CHANGE_CHECK_REMOVED,     /* only in BEFORE */
    NC_CHANGE_URL_CHANGED,       /* same name, another url */
    /* per address of a check in both */
    NC_CHANGE_ADDRESS_APPEARED,       /* DNS drift */
    NC_CHANGE_ADDRESS_GONE,           /* DNS drift */
    NC_CHANGE_LEFT_RANGES,            /* in_ranges true (or new) -> false */
    NC_CHANGE_ENTERED_RANGES,         /* in_ranges false -> true */
    NC_CHANGE_TAG_CHANGED,            /* another service tag */
    NC_CHANGE_ROUTE_OFF_EXPRESSROUTE, /* now route_misrouted */
    NC_CHANGE_ROUTE_CHANGED,          /* another device or next hop */
    /* per run (machine) */
    NC_CHANGE_PROXY_CHANGED,
    NC_CHANGE_CLOCK_WARNING_APPEARED,
    NC_CHANGE_CLOCK_WARNING_GONE,
    NC_CHANGE_REGION_CHANGED,
    NC_CHANGE_PROFILE_CHANGED, /* different profiles: an input error */
    NC_CHANGE_HOST_ADDED,      /* a machine only in AFTER (fleet) */
    NC_CHANGE_HOST_REMOVED,    /* a machine only in BEFORE (fleet) */
    NC_CHANGE_MAX
};

/*! Stable string ("newly_failing").  \return it, or NULL when out of range */
const char *change_kind_name(enum nc_change_kind k);

/* One change. Strings are borrowed from the two snapshots (which must
 * outlive the diff), from static tables or from the diff's pool; NULL
 * where a side or a field does not apply. */
struct nc_change {
    enum nc_change_kind kind;
    bool regression;
    const char *machine; /* the host of a fleet report, or NULL */
    const char *check;   /* NULL for a run-level change */
    const char *address; /* NULL unless per address */
    /* The compared value on each side, as text ("pass", "er0 via
     * 198.51.100.5", a proxy URL, "direct"); NULL when absent. For a
     * per-check change the status, with its problem code in
     * before_code/after_code (NULL when none). */
    const char *before, *after;
    const char *before_code, *after_code;
    /* For per-check changes: the detail and action of the side that
     * explains it (AFTER's; BEFORE's for a removed check or a fix). */
    const char *detail, *action;
};

struct nc_diff {
    const struct nc_snapshot *before, *after; /* borrowed */
    struct nc_change *v;
    size_t n, cap;
    size_t regressions;
    size_t matched;         /* checks in both reports */
    size_t unchanged_fails; /* matched, failing the same way in both */
    bool profile_mismatch;  /* some run pair has different profiles */
    char **pool; /* strings the comparison built (joined profile lists) */
    size_t n_pool, cap_pool;
};

/*! Release d's changes (d itself is the caller's); safe on a zeroed d. */
void diff_release(struct nc_diff *d);

#endif
