/* gethostname(2): the kernel's UTS name, what `hostname` prints. */
#include "hostname.h"

#include <unistd.h>

#include "nc.h"

int os_hostname(char *buf, size_t n)
{
    if (n == 0)
        return NC_EINVAL;
    buf[0] = '\0';
    /* POSIX leaves a truncated name unterminated. */
    if (gethostname(buf, n) != 0) {
        buf[0] = '\0';
        return NC_EIO;
    }
    buf[n - 1] = '\0';
    return 0;
}
