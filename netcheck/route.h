/* Which way the kernel would send a packet: rtnetlink RTM_GETROUTE through
 * libmnl, as `ip route get ADDR uid UID` does. Behind an ops table so the
 * engine's tests can use a fake. */
#ifndef NC_ROUTE_H
#define NC_ROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "cidr.h"

#define ROUTE_DEV_MAX 16 /* IFNAMSIZ */

struct nc_route {
    bool found;                /* false: no route (or lookup failed) */
    char dev[ROUTE_DEV_MAX];   /* output interface name, "" unknown */
    bool has_via;              /* a gateway (next hop) */
    struct nc_addr via;
    bool has_src;              /* preferred source address */
    struct nc_addr src;
    int error;                 /* errno of a failed lookup (ENETUNREACH) */
};

struct route_ops {
    /*! Look up the route to dst as uid would get it (policy rules with
     *  uidrange are honoured). \return 0 (out filled, found may be false)
     *  or a negative nc_err when the lookup itself could not run */
    int (*lookup)(void *ctx, const struct nc_addr *dst, uid_t uid,
                  struct nc_route *out);
    void *ctx;
};

/*! The real table: one NETLINK_ROUTE socket opened on first use. ctx
 *  holds it; route_netlink_close releases it. */
int route_netlink_open(struct route_ops *ops);
void route_netlink_close(struct route_ops *ops);

/*! Parse a uid or a user name (getpwnam) for RTA_UID.
 *  \return 0 or NC_EPARSE */
int route_uid_parse(const char *user, uid_t *out);

#endif
