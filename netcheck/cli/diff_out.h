/* What `netcheck diff` and `run --baseline` share: loading the BEFORE
 * report, comparing, writing the changes and the exit status. */
#ifndef NC_CLI_DIFF_OUT_H
#define NC_CLI_DIFF_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "report.h"
#include "snapshot.h"

/* Where and how the changes go. */
struct diff_out {
    enum nc_format format;
    const char *output; /* -o FILE, or NULL for standard output */
    bool quiet;         /* -q: nothing on standard output */
};

/*! Apply -o FILE or -q of a command writing reports of reports (diff,
 *  merge; their --format is their own).  \return 0, or -1 when c is
 *  neither */
int diff_out_opt(struct diff_out *o, int c, char *arg);

/*! After the options: refuse -q with '-o -' (said on stderr), then take
 *  '-o -' as standard output.  \return 0 or NC_EXIT_USAGE */
int diff_out_check(struct diff_out *o);

/*! Load a report for comparison ("-": standard input, named "<stdin>"),
 *  saying what is wrong on stderr (the file, and line and column for bad
 *  JSON).
 *  \return 0, or an exit status (2 for unreadable or invalid input, 3 when
 *  out of memory) */
int diff_out_load(const char *path, struct nc_snapshot **out);

/*! diff_out_load, and with keep_raw each run keeps its report's JSON
 *  (nc_snap_run.raw), as `netcheck merge` passes reports on whole. */
int diff_out_load_ex(const char *path, bool keep_raw, struct nc_snapshot **out);

/*! Open o->output for writing (before any work, so a bad -o is found at
 *  once).  \return the file, or NULL: none asked (o->output NULL), or it
 *  cannot be opened (said on stderr; the caller exits 2) */
FILE *diff_out_open(const struct diff_out *o);

/*! Compare before with after, write the changes to f (diff_out_open's
 *  file, closed here) or, when f is NULL and not o->quiet, to standard
 *  output; say a profile mismatch on stderr.  \return the exit status: 0
 *  no regression, 1 a regression, 2 different profiles, 3 when it cannot
 *  be written */
int diff_out_emit(const struct nc_snapshot *before,
                  const struct nc_snapshot *after, const struct diff_out *o,
                  FILE *f);

#endif
