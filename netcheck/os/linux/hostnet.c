/* getifaddrs is a BSD/GNU interface outside POSIX. */
#define _DEFAULT_SOURCE 1

#include "hostnet.h"

#include <ifaddrs.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

static bool hostnet_v6_usable(const struct sockaddr_in6 *sa)
{
    const unsigned char *b = sa->sin6_addr.s6_addr;
    static const unsigned char loopback[16] = {[15] = 1};

    if (memcmp(b, loopback, 16) == 0)
        return false;
    return !(b[0] == 0xfe && (b[1] & 0xc0) == 0x80); /* fe80::/10 */
}

static bool hostnet_v4_usable(const struct sockaddr_in *sa)
{
    const unsigned char *b = (const unsigned char *)&sa->sin_addr.s_addr;

    return b[0] != 127 && !(b[0] == 169 && b[1] == 254);
}

void hostnet_families(bool *v4, bool *v6)
{
    struct ifaddrs *list = NULL, *p;

    *v4 = *v6 = true;
    if (getifaddrs(&list) != 0)
        return;
    *v4 = *v6 = false;
    for (p = list; p != NULL; p = p->ifa_next) {
        if (p->ifa_addr == NULL)
            continue;
        if (p->ifa_addr->sa_family == AF_INET &&
            hostnet_v4_usable((const struct sockaddr_in *)(void *)p->ifa_addr))
            *v4 = true;
        else if (p->ifa_addr->sa_family == AF_INET6 &&
                 hostnet_v6_usable(
                     (const struct sockaddr_in6 *)(void *)p->ifa_addr))
            *v6 = true;
    }
    freeifaddrs(list);
}
