#include "fixture_alloc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "nc.h"

void fx_alloc_failures(const struct fx_alloc_case *cases, size_t n)
{
    size_t k;

    for (k = 0; k < n; k++) {
        long total, i;
        int r;

        (void)nc_alloc_fail_after(-1);
        r = cases[k].run();
        total = nc_alloc_fail_after(-1);
        if (r != 0 || total < cases[k].min_allocs)
            fail_msg("%s: clean run gave %d after %ld allocations (want 0 "
                     "after at least %ld)",
                     cases[k].name, r, total, cases[k].min_allocs);
        for (i = 0; i < total; i++) {
            (void)nc_alloc_fail_after(i);
            r = cases[k].run();
            (void)nc_alloc_fail_after(-1);
            if (r != NC_ENOMEM)
                fail_msg("%s: allocation %ld of %ld failed, got %d, want "
                         "NC_ENOMEM",
                         cases[k].name, i, total, r);
        }
    }
}
