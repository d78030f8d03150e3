/* Which of a host's own addresses count for hostnet_families, on every
 * system: the backends read the interfaces, this decides. Pure. */
#include "hostnet.h"

#include <string.h>

bool hostnet_addr_usable(int family, const unsigned char *b)
{
    static const unsigned char loopback6[16] = {[15] = 1};

    if (family == 4) /* 127/8, 169.254/16 */
        return b[0] != 127 && !(b[0] == 169 && b[1] == 254);
    if (family == 6) /* ::1, fe80::/10 */
        return memcmp(b, loopback6, 16) != 0 &&
               !(b[0] == 0xfe && (b[1] & 0xc0) == 0x80);
    return false;
}
