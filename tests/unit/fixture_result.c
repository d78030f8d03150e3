#include "fixture_result.h"

void fx_result_reset(struct nc_check_result *r, const struct nc_check *c)
{
    /* Not result_release: a fixture's addresses are often its own arrays. */
    result_texts_release(r);
    result_init(r, c);
}
