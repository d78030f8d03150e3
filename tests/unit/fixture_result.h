/* Check results in the unit tests: reused from case to case, their
 * texts (heap, see result_printf) freed between cases. */
#ifndef NC_FIXTURE_RESULT_H
#define NC_FIXTURE_RESULT_H

#include "result.h"

/*! Free r's texts (r zeroed, or reset before: static storage is both),
 *  then result_init(r, c). Arrays r borrows are not freed. */
void fx_result_reset(struct nc_check_result *r, const struct nc_check *c);

#endif
