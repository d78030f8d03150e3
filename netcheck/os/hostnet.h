/* What this host's own network configuration allows, read from the kernel. */
#ifndef NC_HOSTNET_H
#define NC_HOSTNET_H

#include <stdbool.h>

/*! Whether the host has a usable (non-loopback, non-link-local) IPv4 and
 *  IPv6 address: the test getaddrinfo's AI_ADDRCONFIG makes before an
 *  agent even tries a family. When the interfaces cannot be read, both are
 *  reported usable, so nothing is skipped on a guess. */
void hostnet_families(bool *v4, bool *v6);

/*! For the backends: whether one of the host's addresses (family 4 or 6,
 *  network byte order) counts, i.e. is neither loopback nor link-local. */
bool hostnet_addr_usable(int family, const unsigned char *bytes);

#endif
