/* The "hosts:" line of nsswitch.conf(5): which services glibc asks, in
 * which order, and when it stops. Parsed from a buffer; the decision of
 * what comes next is a pure function. netcheck runs "files" (the hosts
 * file) and "dns" (c-ares); any other service (myhostname, mdns4_minimal,
 * resolve, ...) is not run and counts as unavailable, as glibc counts a
 * module it cannot load. */
#ifndef NC_NSSWITCH_H
#define NC_NSSWITCH_H

#include <stdbool.h>
#include <stddef.h>

#include "nc.h"
#include "facts.h"

#define NSSWITCH_MAX_BYTES    (1024u * 1024u)
#define NSSWITCH_MAX_SERVICES 16

enum nsswitch_svc {
    NSSWITCH_SVC_OTHER = 0, /* not run by netcheck: unavailable */
    NSSWITCH_SVC_FILES,
    NSSWITCH_SVC_DNS,
    NSSWITCH_SVC_MAX
};

/* A service's answer, as NSS names it (nss.h NSS_STATUS_*). */
enum nsswitch_status {
    NSSWITCH_SUCCESS = 0,
    NSSWITCH_NOTFOUND,
    NSSWITCH_UNAVAIL,
    NSSWITCH_TRYAGAIN,
    NSSWITCH_STATUS_MAX
};

struct nsswitch_service {
    enum nsswitch_svc svc;
    char name[32];                  /* as written (cut) */
    bool stop[NSSWITCH_STATUS_MAX]; /* action "return" for status */
};

struct nsswitch_hosts {
    struct nsswitch_service s[NSSWITCH_MAX_SERVICES];
    size_t n;
    unsigned line; /* of the hosts line in the file; 0: glibc's default */
};

/*! glibc's own default when nsswitch.conf is missing or has no hosts
 *  line: "files dns" (nss/nss_database.c since glibc 2.33). */
void nsswitch_hosts_default(struct nsswitch_hosts *out);

/*! Parse nsswitch.conf text (len bytes) as glibc 2.36 does: the last
 *  "hosts" line wins, and a bad [STATUS=ACTION] on any database line makes
 *  glibc reject the whole file (every lookup then fails), which is an
 *  error here.  \return 0 and *out (the default when no hosts line), or
 *  NC_EPARSE / NC_ELIMIT with diag naming source, line and column */
int nsswitch_hosts_parse_buf(const char *buf, size_t len, const char *source,
                             struct nsswitch_hosts *out, struct nc_diag *diag);

/*! After service i answered st: the index of the next service to ask, or
 *  -1 when the lookup ends there. */
int nsswitch_hosts_next(const struct nsswitch_hosts *h, size_t i,
                        enum nsswitch_status st);

/*! What glibc's "dns" service reports for these outcomes (nss_dns:
 *  NXDOMAIN and no data are NOTFOUND; timeouts, SERVFAIL, REFUSED and
 *  unreachable servers end in ETIMEDOUT/ECONNREFUSED, hence UNAVAIL). */
enum nsswitch_status nsswitch_dns_status(enum nc_dns_outcome a,
                                         enum nc_dns_outcome aaaa,
                                         size_t n_addrs);

/*! The services as a line ("files [NOTFOUND=return] dns") into buf. */
void nsswitch_hosts_format(const struct nsswitch_hosts *h, char *buf, size_t n);

#ifdef NETCHECK_UNITTESTS
/*! "NOTFOUND", ... */
const char *nsswitch_status_name(enum nsswitch_status st);
#endif

#endif
