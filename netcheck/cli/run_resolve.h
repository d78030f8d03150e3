/* The name resolution part of `netcheck run`: the hosts file and
 * nsswitch.conf's hosts line (under --root when given), or DNS only with
 * --dns-server, and the sentence the reports show about it. */
#ifndef NC_RUN_RESOLVE_H
#define NC_RUN_RESOLVE_H

#include <stdbool.h>

#include "dns.h"
#include "hostsfile.h"
#include "nc.h"
#include "nsswitch.h"
#include "result.h"

struct run_resolve {
    struct hostsfile *hosts; /* NULL: unreadable (files unavailable) */
    struct nsswitch_hosts order;
    char hosts_path[300];
    struct dns_local local; /* points into this struct */
};

/*! Read ROOT/etc/hosts and ROOT/etc/nsswitch.conf (root NULL: "/"), or
 *  nothing when dns_only, and describe the result in desc. An unreadable
 *  nsswitch.conf means glibc's default, an unreadable hosts file an
 *  unavailable "files", as glibc.  \return 0, NC_EPARSE or NC_ELIMIT
 *  (diag names file and line), NC_EIO (root cannot be opened), NC_ENOMEM */
int run_resolve_setup(const char *root, bool dns_only, struct run_resolve *rr,
                      struct nc_resolution *desc, struct nc_diag *diag);

/*! Free what run_resolve_setup loaded; safe on a zeroed struct. */
void run_resolve_release(struct run_resolve *rr);

#endif
