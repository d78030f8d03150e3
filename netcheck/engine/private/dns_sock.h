/* c-ares's sockets, watched: every UDP query sent and reply received goes
 * through dns_match, so a reply c-ares drops (another ID, another
 * question, not DNS) is still known to have come. */
#ifndef NC_DNS_SOCK_H
#define NC_DNS_SOCK_H

#ifndef _WIN32
#include <sys/select.h> /* ares.h uses fd_set */
#endif
#include <ares.h>
#include <stdbool.h>

#include "dns_match.h"

/* What the wrappers see, for the resolver that owns it. */
struct dns_sock {
    struct dns_match *match; /* borrowed */
    /* A socket could not be opened for lack of descriptors: c-ares would
     * call the server unreachable, but it is this process's limit. */
    bool nofile;
};

/*! Route ch's socket calls (os/sockio.h) through wrappers that feed s
 *  (borrowed; it must outlive ch), on Linux and Windows alike. */
void dns_sock_watch(ares_channel ch, struct dns_sock *s);

#endif
