/* The path an address takes: the kernel's route, as os/ found it. */
#ifndef NC_PATH_H
#define NC_PATH_H

#include <stdbool.h>

#include "cidr.h"

#define ROUTE_DEV_MAX 16 /* IFNAMSIZ */

struct nc_route {
    bool found;              /* false: no route (or lookup failed) */
    char dev[ROUTE_DEV_MAX]; /* output interface name, "" unknown */
    bool has_via;            /* a gateway (next hop) */
    struct nc_addr via;
    bool has_src; /* preferred source address */
    struct nc_addr src;
    int error; /* errno of a failed lookup (ENETUNREACH) */
};

#endif
