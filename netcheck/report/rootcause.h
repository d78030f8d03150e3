/* Shared causes: when several failing checks fail for one reason (the same
 * resolver, proxy, TLS inspection root, route, or a port blocked for every
 * check), the reports say it once, with one action. Pure: read from a
 * finished run, no I/O. */
#ifndef NC_ROOTCAUSE_H
#define NC_ROOTCAUSE_H

#include <stdbool.h>
#include <stddef.h>

#include "result.h"

struct rootcause {
    enum nc_problem problem;
    char detail[400];     /* one sentence naming what the checks share */
    const char *action;   /* verdict_action(problem): static text */
    const size_t *checks; /* indexes into run->results, ascending */
    size_t n_checks;      /* two or more */
};

struct rootcause_list {
    struct rootcause *v; /* in the order of their first check */
    size_t n;
    size_t n_failures; /* failed and warned checks in the run */
    bool all;          /* one cause covers every failure */
    /* Per result: its cause's number (1..n), 0 none; read it with
     * rootcause_of. NULL, like idx, when there is no cause (n == 0). */
    size_t *of;
    size_t *idx;      /* storage behind the checks arrays */
    size_t n_results; /* entries of of[] */
};

/*! Group the run's failed and warned checks by what they share: the
 *  problem code plus the resolver (DNS codes, dns_sinkhole,
 *  address_not_private), the proxy (proxy_* codes, route_misrouted through
 *  a proxy), the root or missing issuer (tls_untrusted, tls_intercepted),
 *  the route (route_misrouted) or the port (tcp_*, timeout). Groups of two
 *  or more checks become causes. dns_nxdomain, dns_nodata, dns_servfail,
 *  dns_invalid and the port codes need more: every check that asked that
 *  resolver (or connected to that port) failed the same way, since two
 *  typos or two blocked hosts are not one cause. Other codes are never
 *  grouped.
 *  \param out written only on success; rootcause_list_release it
 *  \return 0, or NC_ENOMEM */
int rootcause_find(const struct nc_run *run, struct rootcause_list *out);

/*! Free what rootcause_find allocated; l may be NULL or zeroed. */
void rootcause_list_release(struct rootcause_list *l);

/*! The number (1..n) of the cause that covers result i, or 0. */
size_t rootcause_of(const struct rootcause_list *l, size_t i);

/*! Cause k's (0-based) lead sentence into buf: "all 6 failures share one
 *  cause: DETAIL" when it covers every failure, else "3 of 5 failures
 *  share one cause: DETAIL". */
void rootcause_sentence(const struct rootcause_list *l, size_t k, char *buf,
                        size_t n);

#endif
