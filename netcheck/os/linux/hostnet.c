/* getifaddrs is a BSD/GNU interface outside POSIX. */
#define _DEFAULT_SOURCE 1

#include "hostnet.h"

#include <ifaddrs.h>
#include <stddef.h>
#include <netinet/in.h>
#include <sys/socket.h>

static bool hostnet_v6_usable(const struct sockaddr_in6 *sa)
{
    return hostnet_addr_usable(6, sa->sin6_addr.s6_addr);
}

static bool hostnet_v4_usable(const struct sockaddr_in *sa)
{
    return hostnet_addr_usable(4, (const unsigned char *)&sa->sin_addr.s_addr);
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
