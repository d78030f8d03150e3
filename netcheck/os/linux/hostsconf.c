/* glibc's fixed locations (_PATH_HOSTS in <netdb.h>, _PATH_NSSWITCH_CONF
 * in nss/nsswitch.h). */
#include "hostsconf.h"

const char *hostsconf_hosts_path(void)
{
    return "/etc/hosts";
}

const char *hostsconf_nsswitch_path(void)
{
    return "/etc/nsswitch.conf";
}
