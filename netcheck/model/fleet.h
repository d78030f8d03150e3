/* A fleet: the runs of many machines merged (`netcheck merge`), with one
 * row per host and the hosts grouped by the failure they share ("14 hosts:
 * proxy_auth_required via proxy.corp:8080"). Pure: built from snapshots
 * already read, no I/O. */
#ifndef NC_FLEET_H
#define NC_FLEET_H

#include <stdbool.h>
#include <stddef.h>

#include "snapshot.h"

struct fleet_host {
    const struct nc_snap_run *run; /* borrowed from the snapshot */
    const char *source;            /* the file it came from */
    size_t n_pass, n_fail, n_warn, n_skip;
    bool failed; /* a required check failed or could not run: run's exit 1 */
};

/* Hosts failing the same way: one problem code with the party the
 * failures share (the proxy for proxy_* codes, else the check). */
struct fleet_group {
    const char *problem; /* code string as read */
    const char *via;     /* proxy host:port, or NULL */
    const char *check;   /* the check's name when via is NULL */
    size_t *hosts;       /* indexes into fleet.hosts, ascending */
    size_t n_hosts;
};

struct fleet {
    struct fleet_host *hosts; /* in input order */
    size_t n_hosts;
    size_t n_failed;
    struct fleet_group *groups; /* most hosts first, then by code, party */
    size_t n_groups;
    char **vias; /* storage behind the via strings */
    size_t n_vias;
    size_t *idx; /* storage behind the hosts arrays */
};

/* Why a merge was refused. */
struct fleet_dup {
    const char *host;
    const char *first, *second; /* the two sources naming it */
};

/*! Merge the runs of snaps[0..n) (each a report or a fleet report,
 *  flattened) into out. Every run must name its host, and no host may come
 *  twice; on NC_EPARSE, *dup says which (dup->first NULL: a run without a
 *  host, in dup->second).
 *  \return 0 (fleet_release out), NC_EPARSE, NC_EINVAL or NC_ENOMEM */
int fleet_build(const struct nc_snapshot *const *snaps, size_t n,
                struct fleet *out, struct fleet_dup *dup);

/*! Free what fleet_build allocated; f may be NULL or zeroed. */
void fleet_release(struct fleet *f);

/*! "host:port" of a proxy URL, without scheme, credentials or path, into
 *  buf (truncated to n).  \return buf */
char *fleet_proxy_party(const char *url, char *buf, size_t n);

#endif
