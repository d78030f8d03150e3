/* Allocation-failure tests, as curl's and nghttp2's: run a parser once to
 * count its allocations, then again with each allocation in turn failing
 * (nc_alloc_fail_after). Every such run must end in NC_ENOMEM, free what
 * it took (the ASan build's leak checker sees any leak) and never crash. */
#ifndef NC_FIXTURE_ALLOC_H
#define NC_FIXTURE_ALLOC_H

#include <stddef.h>

/* One parser run: parse, check, release.  \return 0 or an nc_err */
typedef int fx_alloc_fn(void);

struct fx_alloc_case {
    const char *name;
    fx_alloc_fn *run;
    long min_allocs; /* the clean run must make at least this many */
};

/*! For each case: a clean run returns 0 after at least min_allocs
 *  allocations; failing allocation i (each i below that count) returns
 *  NC_ENOMEM. Failures are off again on return. */
void fx_alloc_failures(const struct fx_alloc_case *cases, size_t n);

#endif
