/* Where the system keeps the files its resolver reads before DNS: the
 * hosts file and the name-service switch. */
#ifndef NC_HOSTSCONF_H
#define NC_HOSTSCONF_H

/*! The hosts file's path under the system root: "/etc/hosts" on Linux
 *  (hosts(5)); Windows will answer
 *  %SystemRoot%\System32\drivers\etc\hosts. */
const char *hostsconf_hosts_path(void);

/*! nsswitch.conf's path under the system root ("/etc/nsswitch.conf",
 *  nsswitch.conf(5)), or NULL on a system without one (Windows). */
const char *hostsconf_nsswitch_path(void);

#endif
