/* Windows answers not written yet for poller.h, hostsconf.h, truststore.h,
 * hostnet.h and route.h: each says so with an error, never a made-up
 * answer. The real os/windows files replace these one by one (issue 10). */
#include <stdlib.h>
#include <string.h>

#include "hostnet.h"
#include "hostsconf.h"
#include "nc.h"
#include "poller.h"
#include "route.h"
#include "truststore.h"

/* poller.h: no Winsock backend yet, so no check can run. */
int poller_new(struct poller **out)
{
    (void)out;
    return NC_EIO;
}

void poller_free(struct poller *p)
{
    (void)p;
}

int poller_add(struct poller *p, int fd, unsigned events)
{
    (void)p;
    (void)fd;
    (void)events;
    return NC_EIO;
}

int poller_mod(struct poller *p, int fd, unsigned events)
{
    (void)p;
    (void)fd;
    (void)events;
    return NC_EIO;
}

void poller_del(struct poller *p, int fd)
{
    (void)p;
    (void)fd;
}

int poller_wait(struct poller *p, struct poller_event *evs, int max,
                int timeout_ms)
{
    (void)p;
    (void)evs;
    (void)max;
    (void)timeout_ms;
    return NC_EIO;
}

/* hostsconf.h: the fixed path of a default install; Windows has no
 * nsswitch.conf, and a missing file is glibc's default order. */
const char *hostsconf_hosts_path(void)
{
    return "C:\\Windows\\System32\\drivers\\etc\\hosts";
}

const char *hostsconf_nsswitch_path(void)
{
    return "";
}

/* truststore.h: the ROOT certificate store is not read yet, so nothing is
 * trusted (0 is X509_STORE_set_default_paths's failure). */
int truststore_system_load(X509_STORE *store)
{
    (void)store;
    return 0;
}

/* hostnet.h: unknown, so both families are tried (as on Linux when
 * getifaddrs fails). */
void hostnet_families(bool *v4, bool *v6)
{
    *v4 = true;
    *v6 = true;
}

/* route.h: no GetBestRoute2 yet: the lookup cannot run, so paths are not
 * checked, and no interface is known to --expressroute. */
int route_netlink_open(struct route_ops *ops)
{
    memset(ops, 0, sizeof(*ops));
    return NC_EIO;
}

void route_netlink_close(struct route_ops *ops)
{
    (void)ops;
}

int route_uid_parse(const char *user, uid_t *out)
{
    (void)user;
    (void)out;
    return NC_EPARSE;
}

bool route_ifname_exists(const char *name)
{
    (void)name;
    return false;
}
