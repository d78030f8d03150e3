/* Route lookup on Windows: GetBestRoute2 (iphlpapi), the question
 * `Find-NetRoute -RemoteIPAddress ADDR` asks. It answers with the
 * interface (LUID and index), the next hop and the source address the
 * stack would use.
 *
 * The interface is named as ROUTE_DEV_MAX allows: its alias ("Ethernet",
 * "ExpressRoute"), or, when the alias does not fit in 15 bytes of UTF-8,
 * its index in decimal ("12"); route_ifname_exists accepts both forms, so
 * the name `--expressroute dev=` expects is the one the report shows.
 *
 * GetBestRoute2 exists since Vista; wine (8.0) answers it with
 * ERROR_NOT_SUPPORTED, so for IPv4 the lookup falls back to GetBestRoute,
 * which wine implements: the tests under wine go through the fallback,
 * real Windows through GetBestRoute2.
 *
 * Windows has no per-user routing rules (Linux's uidrange): the lookup
 * ignores uid, and route_uid_parse accepts any user name as "no uid". */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <netioapi.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "nc.h"
#include "route.h"
#include "str.h"

#define ROUTE_UID_MAX 4294967294UL /* as on Linux: (uid_t)-1 is "no uid" */

static void route_addr_to(const SOCKADDR_INET *sa, struct nc_addr *a, bool *has)
{
    static const unsigned char zero[16];

    memset(a, 0, sizeof(*a));
    *has = false;
    if (sa->si_family == AF_INET) {
        a->family = 4;
        memcpy(a->bytes, &sa->Ipv4.sin_addr, 4);
        *has = memcmp(a->bytes, zero, 4) != 0;
    } else if (sa->si_family == AF_INET6) {
        a->family = 6;
        memcpy(a->bytes, &sa->Ipv6.sin6_addr, 16);
        *has = memcmp(a->bytes, zero, 16) != 0;
    }
    if (!*has)
        memset(a, 0, sizeof(*a));
}

/* The interface's name as described above. */
static void route_dev_name(const NET_LUID *luid, NET_IFINDEX idx, char *dev,
                           size_t n)
{
    WCHAR alias[NDIS_IF_MAX_STRING_SIZE + 1];
    int len = 0;

    if (ConvertInterfaceLuidToAlias(luid, alias, NDIS_IF_MAX_STRING_SIZE + 1) ==
        NO_ERROR)
        len =
            WideCharToMultiByte(CP_UTF8, 0, alias, -1, dev, (int)n, NULL, NULL);
    if (len <= 0) /* no alias, or longer than dev: the index */
        (void)nc_snprintf(dev, n, "%lu", (unsigned long)idx);
}

/* IPv4 through the older GetBestRoute (see the top of the file): no
 * source address. */
static DWORD route_win_lookup4(const struct nc_addr *dst, struct nc_route *r)
{
    MIB_IPFORWARDROW row;
    NET_LUID luid;
    DWORD a, rc;

    memcpy(&a, dst->bytes, 4);
    memset(&row, 0, sizeof(row));
    rc = GetBestRoute(a, 0, &row);
    if (rc != NO_ERROR)
        return rc;
    r->found = true;
    if (ConvertInterfaceIndexToLuid(row.dwForwardIfIndex, &luid) == NO_ERROR)
        route_dev_name(&luid, row.dwForwardIfIndex, r->dev, sizeof(r->dev));
    else
        (void)nc_snprintf(r->dev, sizeof(r->dev), "%lu",
                          (unsigned long)row.dwForwardIfIndex);
    /* A direct route's next hop is the interface's own address. */
    if (row.dwForwardType == MIB_IPROUTE_TYPE_INDIRECT &&
        row.dwForwardNextHop != 0) {
        r->via.family = 4;
        memcpy(r->via.bytes, &row.dwForwardNextHop, 4);
        r->has_via = true;
    }
    return NO_ERROR;
}

static int route_win_lookup(void *ctx, const struct nc_addr *dst, uid_t uid,
                            struct nc_route *out)
{
    SOCKADDR_INET to, src;
    MIB_IPFORWARD_ROW2 row;
    struct nc_route r;
    DWORD rc;

    (void)ctx;
    (void)uid; /* no per-user routes on Windows */
    if (dst == NULL || out == NULL || (dst->family != 4 && dst->family != 6))
        return NC_EINVAL;
    memset(&to, 0, sizeof(to));
    memset(&src, 0, sizeof(src));
    memset(&row, 0, sizeof(row));
    memset(&r, 0, sizeof(r));
    if (dst->family == 4) {
        to.Ipv4.sin_family = AF_INET;
        memcpy(&to.Ipv4.sin_addr, dst->bytes, 4);
    } else {
        to.Ipv6.sin6_family = AF_INET6;
        memcpy(&to.Ipv6.sin6_addr, dst->bytes, 16);
    }
    rc = GetBestRoute2(NULL, 0, NULL, &to, 0, &row, &src);
    if (rc == ERROR_NOT_SUPPORTED && dst->family == 4) {
        rc = route_win_lookup4(dst, &r);
        if (rc == NO_ERROR) {
            *out = r;
            return 0;
        }
    }
    if (rc == ERROR_NETWORK_UNREACHABLE || rc == ERROR_NOT_FOUND) {
        r.error = ENETUNREACH; /* no route: as the kernel says on Linux */
        *out = r;
        return 0;
    }
    if (rc == ERROR_HOST_UNREACHABLE) {
        r.error = EHOSTUNREACH;
        *out = r;
        return 0;
    }
    if (rc != NO_ERROR)
        return NC_EIO;
    r.found = true;
    route_dev_name(&row.InterfaceLuid, row.InterfaceIndex, r.dev,
                   sizeof(r.dev));
    route_addr_to(&row.NextHop, &r.via, &r.has_via); /* 0.0.0.0: on-link */
    route_addr_to(&src, &r.src, &r.has_src);
    *out = r;
    return 0;
}

/* The engine knows this lookup by its Linux name; iphlpapi needs no
 * state, so ctx stays NULL. */
int route_netlink_open(struct route_ops *ops)
{
    if (ops == NULL)
        return NC_EINVAL;
    ops->lookup = route_win_lookup;
    ops->ctx = NULL;
    return 0;
}

void route_netlink_close(struct route_ops *ops)
{
    if (ops == NULL)
        return;
    ops->lookup = NULL;
    ops->ctx = NULL;
}

int route_uid_parse(const char *user, uid_t *out)
{
    unsigned long v;

    if (user == NULL || *user == '\0' || out == NULL)
        return NC_EPARSE;
    /* A number is kept (and ignored by the lookup); a name has no uid. */
    *out =
        nc_parse_uint(user, 0, ROUTE_UID_MAX, &v) == 0 ? (uid_t)v : (uid_t)-1;
    return 0;
}

bool route_ifname_exists(const char *name)
{
    WCHAR w[NDIS_IF_MAX_STRING_SIZE + 1];
    unsigned long idx;
    NET_LUID luid;

    if (name == NULL || name[0] == '\0')
        return false;
    if (nc_parse_uint(name, 1, 0xffffffffUL, &idx) == 0)
        return ConvertInterfaceIndexToLuid((NET_IFINDEX)idx, &luid) == NO_ERROR;
    if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, name, -1, w,
                            NDIS_IF_MAX_STRING_SIZE + 1) <= 0)
        return false;
    return ConvertInterfaceAliasToLuid(w, &luid) == NO_ERROR;
}
