/* The computer's DNS host name (what `hostname` prints on Windows),
 * without Winsock's initialisation that gethostname would need. */
#include "hostname.h"

#include <windows.h>

#include "nc.h"

int os_hostname(char *buf, size_t n)
{
    DWORD len;

    if (n == 0)
        return NC_EINVAL;
    buf[0] = '\0';
    len = n > 0xffffu ? 0xffffu : (DWORD)n;
    if (!GetComputerNameExA(ComputerNameDnsHostname, buf, &len)) {
        buf[0] = '\0';
        return NC_EIO;
    }
    buf[n - 1] = '\0';
    return 0;
}
