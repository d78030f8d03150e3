#include "fixture_result.h"

void fx_result_reset(struct nc_check_result *r, const struct nc_check *c)
{
    result_text_clear(&r->detail);
    result_text_clear(&r->action);
    result_text_clear(&r->dns_server);
    result_text_clear(&r->pac_answer);
    result_text_clear(&r->proxy_reason);
    result_text_clear(&r->proxy);
    nc_free(r->proxy_auth);
    result_init(r, c);
}
