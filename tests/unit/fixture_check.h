/* A hand-built struct nc_check for the verdict tests (test_verdict.c,
 * test_verdict_proxy.c): the strings live in the caller's storage. */
#ifndef NC_FIXTURE_CHECK_H
#define NC_FIXTURE_CHECK_H

#include "profile.h"

struct fx_check_strings {
    char name[32];
    char url[400];
    char scheme[8];
    char host[300];
    char path[16];
};

/*! Fill c (zeroed first) as a required check of scheme://host:port/ that
 *  accepts any HTTP status, its strings kept in s. */
void fx_check_init(struct nc_check *c, struct fx_check_strings *s,
                   const char *scheme, const char *host, unsigned port);

#endif
