/* A hand-built struct nc_run shared by the report writer tests: profile
 * "corp" with five checks, "extra" with one, and a result for each that
 * covers pass, fail, warn and skip, IPv4 and IPv6, CNAMEs, a proxy, TLS,
 * markup and invalid UTF-8. */
#ifndef NC_FIXTURE_RUN_H
#define NC_FIXTURE_RUN_H

#include <stddef.h>
#include <stdio.h>

#include "result.h"

#define FX_RUN_CHECKS 6

/* Strings are duplicated so the plain char * fields can hold them. */
struct fx_run {
    struct nc_check corp_checks[5], extra_checks[1];
    struct nc_profile corp, extra;
    struct nc_profile *profiles[2];
    const struct nc_check *checks[FX_RUN_CHECKS];
    struct nc_plan plan;
    struct nc_check_result res[FX_RUN_CHECKS];
    /* The results' addresses and names live here (borrowed by res). */
    struct nc_addr_result addrs[FX_RUN_CHECKS][4];
    char *cnames[2];
    struct nc_tls_info tls; /* res[0]'s */
    struct nc_run run;
    char *pool[64];
    size_t n_pool;
};

/*! Duplicate s into f's pool, freed by fx_run_teardown.
 *  \return the copy (fails the test when out of memory or pool) */
char *fx_run_str(struct fx_run *f, const char *s);

/*! cmocka setup: build the run (summarized) into *state.  \return 0 */
int fx_run_setup(void **state);

/*! Make the checks at idx (n of them, failed or warned in the fixture)
 *  fail with proxy_auth_required through the proxy px, so they share one
 *  cause (rootcause.c). */
void fx_run_share_cause(struct fx_run *f, const size_t *idx, size_t n,
                        const char *px);

/*! cmocka teardown: free what fx_run_setup and fx_run_str made.
 *  \return 0 */
int fx_run_teardown(void **state);

/* A report writer with its options bound: report_json_write,
 * report_junit_write, or report_text_write behind a small adapter. */
typedef int fx_run_writer(FILE *out, const struct nc_run *run);

/*! report_write in the Prometheus format (an fx_run_writer). */
int fx_run_prom_write(FILE *out, const struct nc_run *run);

/*! Write run with w into memory.  \param rc receives w's return value
 *  \return the text written (free it) */
char *fx_run_capture(fx_run_writer *w, const struct nc_run *run, int *rc);

/*! Count the nc_malloc calls of a whole write of run with w (it must
 *  succeed and take more than min_allocs), then fail each in turn: every
 *  write must return NC_ENOMEM (and, under ASan, leak nothing). */
void fx_run_alloc_failures(fx_run_writer *w, const struct nc_run *run,
                           long min_allocs);

#endif
