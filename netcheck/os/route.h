/* Which way the kernel would send a packet: rtnetlink RTM_GETROUTE through
 * libmnl, as `ip route get ADDR uid UID` does. Behind an ops table so the
 * engine's tests can use a fake. */
#ifndef NC_ROUTE_H
#define NC_ROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#ifdef _WIN32
typedef unsigned int uid_t; /* not used for routes on Windows */
#endif

#include "cidr.h"
#include "path.h"

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
 *  \return 0, NC_EPARSE (not a uid, unknown user) or NC_ENOMEM */
int route_uid_parse(const char *user, uid_t *out);

/*! True when this network namespace has an interface called name (the
 *  one question --expressroute asks the system about a device; a port
 *  to another system swaps this function). */
bool route_ifname_exists(const char *name);

/* The wire format, without I/O, so tests can check it byte by byte. */

#ifdef NETCHECK_UNITTESTS
/*! Build the RTM_GETROUTE request for dst as uid (RTA_DST, RTA_UID) into
 *  buf with sequence number seq.
 *  \return the message length, or 0 when n is too small or the family is
 *  neither 4 nor 6 */
size_t route_request_build(void *buf, size_t n, const struct nc_addr *dst,
                           uid_t uid, unsigned seq);
#endif

#ifdef NETCHECK_UNITTESTS
/*! Parse len bytes received on netlink port portid in answer to request
 *  seq; messages for another seq or port are skipped as stale. A route
 *  reply, or an NLMSG_ERROR meaning "no route" (ENETUNREACH, EHOSTUNREACH,
 *  EACCES for prohibit, EINVAL for blackhole), fills out.
 *  \return 1 when out was filled, 0 when no message was for us, NC_EIO for
 *  a malformed reply or another kernel error */
int route_reply_parse(const void *buf, size_t len, unsigned seq,
                      unsigned portid, struct nc_route *out);
#endif

#endif
