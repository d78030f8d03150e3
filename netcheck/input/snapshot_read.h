/* Reading a finished JSON report (schema 1) back into a snapshot, for
 * `netcheck diff`. The files are untrusted: every value is type-checked,
 * unknown keys are ignored, keys older reports lack are optional, and
 * everything has a ceiling. */
#ifndef NC_SNAPSHOT_READ_H
#define NC_SNAPSHOT_READ_H

#include <stddef.h>

#include "nc.h"
#include "snapshot.h"

#define NC_SNAP_MAX_BYTES       (256u * 1024u * 1024u) /* a whole report file */
#define NC_SNAP_MAX_RUNS        100000u  /* machines in a fleet report */
#define NC_SNAP_MAX_CHECKS      2000000u /* checks over all machines */
#define NC_SNAP_MAX_ADDRS       128u /* addresses of one check (NC_MAX_ADDRS) */
#define NC_SNAP_MAX_ADDRS_TOTAL 1000000u /* "addresses_total" of one check */
#define NC_SNAP_MAX_PROFILES    64u

/*! Parse a report from buf (len bytes, need not be NUL-terminated).
 *  source names it in diagnostics and becomes the snapshot's source.
 *  A `run` report is one run; {"schema": 1, "reports": [REPORT...]} (a
 *  fleet) one run per element, each named by its "host".
 *  \return 0 with *out set (snapshot_free it), NC_EPARSE (diag says where:
 *  line and column for bad JSON, the key path for a bad value), NC_ELIMIT
 *  or NC_ENOMEM */
int snapshot_parse_buf(const char *buf, size_t len, const char *source,
                       struct nc_snapshot **out, struct nc_diag *diag);

/*! As snapshot_parse_buf, and each run also keeps its report object as
 *  compact JSON (nc_snap_run.raw), for a merge that passes reports on
 *  whole. */
int snapshot_parse_buf_raw(const char *buf, size_t len, const char *source,
                           struct nc_snapshot **out, struct nc_diag *diag);

/*! Read path (a regular file, at most NC_SNAP_MAX_BYTES) and parse it.
 *  \return as snapshot_parse_buf, or NC_EIO when it cannot be read */
int snapshot_load_file(const char *path, struct nc_snapshot **out,
                       struct nc_diag *diag);

#endif
