/* A finished report read back (the JSON of `run`, schema 1), or a run
 * turned into the same shape: what `netcheck diff` compares. Plain data;
 * only the fields a comparison needs. Strings are owned (snapshot_free).
 *
 * A report is one or more runs, each from one machine: a `run` report is
 * one run whose machine is its top-level "host" (NULL in older reports); a
 * fleet report ({"reports": [...]}) holds one run per machine. */
#ifndef NC_SNAPSHOT_H
#define NC_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "result.h"

struct nc_snap_addr {
    char *ip;
    enum nc_status status; /* PASS or FAIL */
    char *problem;         /* code string as written (newer codes kept), or
                              NULL */
    int in_ranges;         /* -1 no rule (or not said), 0 outside, 1 inside */
    char *tag;             /* service tag name, or NULL */
    bool route_found;      /* a route was looked up and found */
    char *route;           /* "dev via GW" as the text report shows it */
};

struct nc_snap_check {
    char *name;
    char *url; /* may be NULL in a report that lacks it */
    bool required;
    enum nc_status status;
    char *problem; /* code string, or NULL */
    char *detail;  /* or NULL */
    char *action;  /* or NULL */
    struct nc_snap_addr *addrs;
    size_t n_addrs;
    size_t addrs_total; /* what the resolver returned (>= n_addrs) */
};

struct nc_snap_run {
    char *machine; /* the reporting host, NULL when the report names none */
    char **profiles;
    size_t n_profiles;
    char *region;        /* or NULL */
    char *proxy_source;  /* "none", "env", ...; NULL when not said */
    char *proxy_url;     /* or NULL (direct) */
    char *clock_warning; /* the clock_skew warning's sentence, or NULL */
    bool tags;           /* some address carries a service tag */
    struct nc_snap_check *checks;
    size_t n_checks;
    char *raw; /* the report object as read (compact JSON), for `merge`
                  to pass it on whole; NULL unless asked for */
};

struct nc_snapshot {
    char *source;  /* the file name, for messages and the diff header */
    char *version; /* netcheck's version that wrote it, or NULL */
    bool fleet;    /* read from a fleet report ("reports") */
    struct nc_snap_run *runs;
    size_t n_runs;
};

/*! Free s and everything it owns; NULL is a no-op. */
void snapshot_free(struct nc_snapshot *s);

/*! Status from its report string ("pass", "fail", "warn", "skip").
 *  \return 0, or NC_EPARSE for anything else */
int snapshot_status_parse(const char *s, enum nc_status *out);

#endif
