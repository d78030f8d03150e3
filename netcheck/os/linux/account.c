/* Linux has no LocalSystem account to log on to a proxy as. */
#include "account.h"

#include <string.h>

#include "nc.h"

int os_account_query(struct os_account *out)
{
    memset(out, 0, sizeof(*out));
    out->kind = OS_ACCOUNT_NA;
    return 0;
}
