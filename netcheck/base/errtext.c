#include "errtext.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

static const struct {
    int err;
    const char *text;
} errtext_table[] = {
    {ECONNREFUSED, "Connection refused"},
    {ETIMEDOUT, "Connection timed out"},
    {ENETUNREACH, "Network is unreachable"},
    {EHOSTUNREACH, "No route to host"},
    {ENETDOWN, "Network is down"},
#ifdef EHOSTDOWN /* not in mingw-w64's errno.h */
    {EHOSTDOWN, "Host is down"},
#endif
    {ECONNRESET, "Connection reset by peer"},
    {ECONNABORTED, "Software caused connection abort"},
    {ENETRESET, "Network dropped connection on reset"},
    {EADDRINUSE, "Address already in use"},
    {EADDRNOTAVAIL, "Cannot assign requested address"},
    {EAFNOSUPPORT, "Address family not supported by protocol"},
    {ENOBUFS, "No buffer space available"},
};

const char *nc_errno_text(int err)
{
    size_t i;

    for (i = 0; i < sizeof(errtext_table) / sizeof(errtext_table[0]); i++)
        if (errtext_table[i].err == err)
            return errtext_table[i].text;
    return strerror(err);
}
