/* The hosts file (hosts(5)), read the way glibc's "files" service reads it
 * for getaddrinfo: every line that names the host counts, in file order,
 * IPv4 and IPv6 alike. Parsed once from a buffer into a sorted index; a
 * thin wrapper loads a file. */
#ifndef NC_HOSTSFILE_H
#define NC_HOSTSFILE_H

#include <stddef.h>

#include "cidr.h"
#include "nc.h"

/* Larger files are refused (ad-blocking lists reach a few MiB). */
#define HOSTSFILE_MAX_BYTES (32u * 1024u * 1024u)

struct hostsfile;

/* One address the file gives a name, and the line that gives it. */
struct hostsfile_addr {
    struct nc_addr addr;
    unsigned line;
};

/*! Index the hosts file text buf (len bytes, need not be terminated).
 *  Malformed lines are skipped, as glibc skips them.
 *  \return 0 and *out, or NC_ENOMEM / NC_ELIMIT with diag filled */
int hostsfile_parse_buf(const char *buf, size_t len, const char *source,
                        struct hostsfile **out, struct nc_diag *diag);

/*! The addresses name has (ASCII case-insensitive, as glibc), IPv4 first
 *  then IPv6, each in file order, at most per_family of each, an address
 *  given twice once (its first line).  out holds 2 * per_family entries.
 *  \return how many were written (0: the file does not name it) */
size_t hostsfile_lookup(const struct hostsfile *h, const char *name,
                        struct hostsfile_addr *out, size_t per_family);

#ifdef NETCHECK_UNITTESTS
/*! Number of (name, address) pairs indexed. */
size_t hostsfile_count(const struct hostsfile *h);
#endif

/*! Free; NULL is a no-op. */
void hostsfile_free(struct hostsfile *h);

#endif
