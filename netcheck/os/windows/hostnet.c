/* The usable address families from the adapters' unicast addresses
 * (GetAdaptersAddresses), the same rule as os/linux/hostnet.c: loopback
 * and link-local addresses do not count; an adapter's state does not
 * either (getifaddrs lists the addresses of a down interface too). */
#include "hostnet.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>

#include "nc.h"

#define HOSTNET_TRIES 3 /* the list can grow between two calls */

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
    const ULONG flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST |
                        GAA_FLAG_SKIP_DNS_SERVER | GAA_FLAG_SKIP_FRIENDLY_NAME;
    IP_ADAPTER_ADDRESSES *list = NULL, *a;
    IP_ADAPTER_UNICAST_ADDRESS *u;
    ULONG size = 16384, rc = ERROR_BUFFER_OVERFLOW;
    int i;

    *v4 = *v6 = true;
    for (i = 0; i < HOSTNET_TRIES && rc == ERROR_BUFFER_OVERFLOW; i++) {
        nc_free(list);
        list = nc_malloc(size);
        if (list == NULL)
            return;
        rc = GetAdaptersAddresses(AF_UNSPEC, flags, NULL, list, &size);
    }
    if (rc != NO_ERROR) {
        nc_free(list);
        return;
    }
    *v4 = *v6 = false;
    for (a = list; a != NULL; a = a->Next) {
        for (u = a->FirstUnicastAddress; u != NULL; u = u->Next) {
            const struct sockaddr *sa = u->Address.lpSockaddr;

            if (sa == NULL)
                continue;
            if (sa->sa_family == AF_INET &&
                hostnet_v4_usable((const struct sockaddr_in *)(const void *)sa))
                *v4 = true;
            else if (sa->sa_family == AF_INET6 &&
                     hostnet_v6_usable(
                         (const struct sockaddr_in6 *)(const void *)sa))
                *v6 = true;
        }
    }
    nc_free(list);
}
