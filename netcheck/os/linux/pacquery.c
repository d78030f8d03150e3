/* No system PAC machinery on Linux: the Windows proxy analysis of a .reg
 * export shows the PAC URL without evaluating it. */
#include "pacquery.h"

#include <string.h>

#include "nc.h"
#include "str.h"

int pacquery_ask(const char *pac_url, const char *url,
                 struct pacquery_answer *out)
{
    (void)pac_url;
    (void)url;
    memset(out, 0, sizeof(*out));
    out->kind = PACQUERY_FAILED;
    (void)nc_strlcpy(out->why, "no PAC evaluator on this system",
                     sizeof(out->why));
    return NC_EIO;
}
