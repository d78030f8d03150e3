/* Two reports in, a list of changes out (`netcheck diff`). Pure: no I/O,
 * no clock; the snapshots come from input/snapshot_read.h or
 * report/report_snapshot (a run just made). */
#ifndef NC_DIFF_H
#define NC_DIFF_H

#include "change.h"
#include "snapshot.h"

/*! Compare before with after into *out (zeroed first; diff_release it).
 *  Runs match by machine: two reports of one machine each always match
 *  each other; in a fleet report, the runs of the same "host". Checks match
 *  by name within matched runs; a check, or a machine, on one side only is
 *  an added or removed change, never dropped. Regressions: a check that
 *  fails now and did not (or did not exist), a required check that passed
 *  and is now skipped (no longer verified), a machine that appeared with a
 *  failing check. Both snapshots must outlive *out (it borrows strings).
 *  \return 0, or NC_ENOMEM (then *out holds nothing) */
int diff_compare(const struct nc_snapshot *before,
                 const struct nc_snapshot *after, struct nc_diff *out);

#endif
