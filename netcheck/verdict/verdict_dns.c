/* Pure DNS decisions: A and AAAA outcomes into one problem, detail and
 * action. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "str.h"
#include "verdict_int.h"

/* ---- DNS ---- */

static const char *const dns_family[2] = {"A", "AAAA"};

/* Which outcome explains a missing address best (higher wins). */
static int dns_rank(enum nc_dns_outcome o)
{
    switch (o) {
    case NC_DNS_TIMEOUT:
        return 8;
    case NC_DNS_UNREACHABLE:
        return 7;
    case NC_DNS_SERVFAIL:
        return 6;
    case NC_DNS_REFUSED:
        return 5;
    case NC_DNS_INVALID:
        return 4; /* a broken reply hides whatever the name has */
    case NC_DNS_NXDOMAIN:
        return 3;
    case NC_DNS_NODATA:
        return 2;
    case NC_DNS_ERROR:
        return 1;
    case NC_DNS_NOT_ASKED:
    case NC_DNS_OK:
    case NC_DNS_MAX:
        break;
    }
    return 0;
}

static enum nc_problem dns_problem(enum nc_dns_outcome o)
{
    switch (o) {
    case NC_DNS_TIMEOUT:
        return NC_PROBLEM_DNS_TIMEOUT;
    case NC_DNS_SERVFAIL:
        return NC_PROBLEM_DNS_SERVFAIL;
    case NC_DNS_UNREACHABLE:
        return NC_PROBLEM_DNS_UNREACHABLE;
    case NC_DNS_INVALID:
    case NC_DNS_ERROR:
        /* No rcode to name: the reply (or its absence over TCP) was
         * unusable, which is not the resolver saying SERVFAIL. */
        return NC_PROBLEM_DNS_INVALID;
    case NC_DNS_REFUSED:
        return NC_PROBLEM_DNS_REFUSED;
    case NC_DNS_NXDOMAIN:
        return NC_PROBLEM_DNS_NXDOMAIN;
    case NC_DNS_NODATA:
        return NC_PROBLEM_DNS_NODATA;
    case NC_DNS_NOT_ASKED:
    case NC_DNS_OK:
    case NC_DNS_MAX:
        break;
    }
    return NC_PROBLEM_NONE;
}

/* What a query did, to follow "the A query for 'host' ". */
static const char *dns_outcome_text(enum nc_dns_outcome o)
{
    switch (o) {
    case NC_DNS_NOT_ASKED:
        return "was not asked";
    case NC_DNS_OK:
        return "answered";
    case NC_DNS_NXDOMAIN:
        return "got NXDOMAIN";
    case NC_DNS_NODATA:
        return "got no record";
    case NC_DNS_SERVFAIL:
        return "got SERVFAIL";
    case NC_DNS_REFUSED:
        return "was refused";
    case NC_DNS_TIMEOUT:
        return "timed out";
    case NC_DNS_UNREACHABLE:
        return "could not reach the resolver";
    case NC_DNS_INVALID:
        return "got a malformed or truncated reply";
    case NC_DNS_ERROR:
    case NC_DNS_MAX:
        break;
    }
    return "got no usable answer";
}

static bool dns_is_failure(enum nc_dns_outcome o)
{
    return o == NC_DNS_SERVFAIL || o == NC_DNS_REFUSED || o == NC_DNS_TIMEOUT ||
           o == NC_DNS_ERROR || o == NC_DNS_UNREACHABLE || o == NC_DNS_INVALID;
}

/* No address at all: one sentence for the deciding outcome. */
static void dns_none_detail(enum nc_dns_outcome o, const char *host,
                            const char *srv, char *buf, size_t n)
{
    bool has = srv[0] != '\0';

    switch (o) {
    case NC_DNS_NXDOMAIN:
        (void)nc_snprintf(buf, n, "'%s' does not exist (NXDOMAIN%s%s)", host,
                          has ? " from " : "", srv);
        break;
    case NC_DNS_NODATA:
        (void)nc_snprintf(buf, n,
                          "'%s' exists but has no A or AAAA record "
                          "(NOERROR with no data%s%s)",
                          host, has ? " from " : "", srv);
        break;
    case NC_DNS_SERVFAIL:
        (void)nc_snprintf(buf, n,
                          "the resolver%s%s answered SERVFAIL for '%s': it "
                          "could not resolve the name",
                          has ? " " : "", srv, host);
        break;
    case NC_DNS_REFUSED:
        (void)nc_snprintf(buf, n, "the resolver%s%s refused to resolve '%s'",
                          has ? " " : "", srv, host);
        break;
    case NC_DNS_TIMEOUT:
        (void)nc_snprintf(buf, n, "no DNS answer for '%s' in time%s%s%s", host,
                          has ? " (asked " : "", srv, has ? ")" : "");
        break;
    case NC_DNS_UNREACHABLE:
        (void)nc_snprintf(buf, n,
                          "the resolver%s%s could not be reached to resolve "
                          "'%s': its port refused the query (ICMP port "
                          "unreachable) or there is no route to it",
                          has ? " " : "", srv, host);
        break;
    case NC_DNS_INVALID:
        (void)nc_snprintf(buf, n,
                          "the resolver%s%s sent no usable reply for '%s': "
                          "it was malformed, or truncated and nothing "
                          "answered over TCP",
                          has ? " " : "", srv, host);
        break;
    case NC_DNS_ERROR:
        (void)nc_snprintf(buf, n, "no usable DNS answer for '%s'%s%s%s", host,
                          has ? " (asked " : "", srv, has ? ")" : "");
        break;
    case NC_DNS_NOT_ASKED:
    case NC_DNS_OK:
    case NC_DNS_MAX:
        (void)nc_snprintf(buf, n, "'%s' gave no address to probe", host);
        break;
    }
}

/* DNS was not asked for this name: the resolvers were taken as down.
 * The detail says so, and what they had done, never "timed out" alone:
 * lookups that got only replies matching no query are named apart. */
static void dns_dead_detail(const struct nc_dns_facts *f, const char *host,
                            const char *srv, char *buf, size_t n)
{
    const struct nc_dep *d = &f->dead;
    char what[160];

    if (d->garbled == 0)
        (void)nc_snprintf(what, sizeof(what), "%u got no answer within %ld ms",
                          d->silent, d->wait_ms);
    else if (d->garbled >= d->silent)
        (void)nc_snprintf(what, sizeof(what),
                          "%u got only replies that match no query, which a "
                          "client must drop, within %ld ms",
                          d->garbled, d->wait_ms);
    else
        (void)nc_snprintf(what, sizeof(what),
                          "%u got no answer within %ld ms, %u only replies "
                          "that match no query",
                          d->silent - d->garbled, d->wait_ms, d->garbled);
    (void)nc_snprintf(buf, n,
                      "not asked on its own: the resolver%s%s answered none "
                      "of the %u lookups sent to it (%s), so it was taken as "
                      "down and '%s' was not looked up",
                      srv[0] != '\0' ? " " : "", srv, d->sent, what, host);
}

/* Nothing was asked of DNS and no address came: nsswitch.conf's order
 * ended at the hosts file (or named neither service netcheck runs). */
static void dns_local_detail(const struct nc_dns_facts *f, const char *host,
                             char *buf, size_t n)
{
    const char *file = f->hosts_file != NULL ? f->hosts_file : "the hosts file";

    switch (f->hosts) {
    case NC_HOSTS_NOTFOUND:
        (void)nc_snprintf(buf, n,
                          "'%s' is not in %s, and nsswitch.conf's hosts line "
                          "ends the lookup there: DNS is never asked",
                          host, file);
        break;
    case NC_HOSTS_UNAVAIL:
        (void)nc_snprintf(buf, n,
                          "%s could not be read, and nsswitch.conf's hosts "
                          "line ends the lookup there: '%s' does not resolve",
                          file, host);
        break;
    case NC_HOSTS_FOUND:
    case NC_HOSTS_NOT_ASKED:
    case NC_HOSTS_MAX:
        (void)nc_snprintf(buf, n,
                          "'%s' was not looked up: nsswitch.conf's hosts line "
                          "names neither files nor dns, the services netcheck "
                          "runs",
                          host);
        break;
    }
}

/* What the replies that matched no query were, after "replies ". */
static const char *dns_mismatch_text(enum nc_dns_mismatch m)
{
    switch (m) {
    case NC_DNS_MISMATCH_NOT_DNS:
        return "that are not DNS messages";
    case NC_DNS_MISMATCH_ID:
        return "under another query ID";
    case NC_DNS_MISMATCH_QUESTION:
        return "for another question";
    case NC_DNS_MISMATCH_NONE:
    case NC_DNS_MISMATCH_MAX:
        break;
    }
    return "that match no query";
}

/* The resolver answered, but only with replies no client may take (RFC
 * 5452 §9.1: a reply counts only with the query's ID and question). */
static void dns_mismatch_detail(const struct nc_dns_facts *f, const char *host,
                                const char *srv, char *buf, size_t n)
{
    (void)nc_snprintf(buf, n,
                      "the resolver%s%s answered the lookup of '%s' only "
                      "with %u repl%s %s, which a client must drop (RFC "
                      "5452 section 9.1): a broken resolver or DNS proxy, "
                      "or forged replies",
                      srv[0] != '\0' ? " " : "", srv, host, f->n_mismatch,
                      f->n_mismatch == 1 ? "y" : "ies",
                      dns_mismatch_text(f->mismatch));
}

/* No address at all: the worst outcome of the two families decides.
 * Writes res->detail and res->action; returns the problem. */
static enum nc_problem dns_none_decide(const struct nc_dns_facts *f,
                                       const char *host, const char *srv,
                                       struct nc_check_result *res)
{
    enum nc_dns_outcome o[2] = {f->a, f->aaaa};
    int bad = dns_rank(o[1]) > dns_rank(o[0]) ? 1 : 0;
    enum nc_problem p = dns_problem(o[bad]);

    if (p == NC_PROBLEM_NONE)
        p = NC_PROBLEM_DNS_NODATA; /* "OK" without an address */
    {
        char buf[NC_DETAIL_MAX];

        if (o[bad] == NC_DNS_INVALID && f->n_mismatch > 0)
            dns_mismatch_detail(f, host, srv, buf, sizeof(buf));
        else
            dns_none_detail(o[bad], host, srv, buf, sizeof(buf));
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX, "%s", buf);
    }
    if (o[0] != o[1] && o[0] != NC_DNS_NOT_ASKED && o[1] != NC_DNS_NOT_ASKED)
        (void)result_appendf(res, &res->detail, NC_DETAIL_MAX,
                             "; the A query %s, the AAAA query %s",
                             dns_outcome_text(o[0]), dns_outcome_text(o[1]));
    if (f->hosts == NC_HOSTS_NOTFOUND || f->hosts == NC_HOSTS_UNAVAIL)
        (void)result_appendf(
            res, &res->detail, NC_DETAIL_MAX,
            f->hosts == NC_HOSTS_NOTFOUND ? "; not in %s either"
                                          : "; %s could not be read either",
            f->hosts_file != NULL ? f->hosts_file : "the hosts file");
    (void)result_printf(res, &res->action, NC_ACTION_MAX, "%s",
                        problem_action(p));
    return p;
}

/* Addresses came back; a family that failed outright still fails, and
 * NXDOMAIN beside them is an inconsistent server. Writes res->detail and
 * res->action only for a problem. */
static enum nc_problem dns_partial_decide(const struct nc_dns_facts *f,
                                          const char *host, const char *srv,
                                          struct nc_check_result *res)
{
    enum nc_dns_outcome o[2] = {f->a, f->aaaa};
    enum nc_problem p;
    int bad = -1, i;

    for (i = 0; i < 2; i++) {
        if (!dns_is_failure(o[i]) && o[i] != NC_DNS_NXDOMAIN)
            continue;
        if (bad < 0 || dns_rank(o[i]) > dns_rank(o[bad]))
            bad = i;
    }
    if (bad < 0)
        return NC_PROBLEM_NONE;
    p = dns_problem(o[bad]);
    if (o[bad] == NC_DNS_NXDOMAIN)
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "inconsistent DNS: the %s query for '%s' returned "
                            "addresses, but the %s query got NXDOMAIN%s%s: "
                            "clients may conclude the name does not exist",
                            dns_family[1 - bad], host, dns_family[bad],
                            srv[0] != '\0' ? " from " : "", srv);
    else
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "%s answered, but the %s query for '%s' %s%s%s: "
                            "clients that ask for both families stall or fail",
                            dns_family[1 - bad], dns_family[bad], host,
                            dns_outcome_text(o[bad]),
                            srv[0] != '\0' ? " at " : "", srv);
    (void)result_printf(res, &res->action, NC_ACTION_MAX,
                        "make the resolver answer the %s query for '%s' (with "
                        "records, or NOERROR and none): %s",
                        dns_family[bad], host, problem_action(p));
    return p;
}

enum nc_problem verdict_dns(const struct nc_check *c,
                            const struct nc_dns_facts *f, size_t n_addrs,
                            struct nc_check_result *res)
{
    const char *host = vd_host_of(c);
    char srv[sizeof(f->server)];
    enum nc_problem p;

    vd_quote_copy(srv, sizeof(srv), f->server, sizeof(f->server));
    /* Who answered, for the shared-cause grouping (rootcause.c): only a
     * check that really asked names a resolver. */
    if (f->a != NC_DNS_NOT_ASKED || f->aaaa != NC_DNS_NOT_ASKED)
        (void)result_printf(res, &res->dns_server, NC_DNS_SERVER_MAX, "%.*s",
                            (int)sizeof(f->server), f->server);

    /* The hosts file answered: that is what the agent gets, whatever DNS
     * said before it in the order. */
    if (f->hosts == NC_HOSTS_FOUND && n_addrs > 0)
        return NC_PROBLEM_NONE;
    if (n_addrs == 0 && f->a == NC_DNS_NOT_ASKED &&
        f->aaaa == NC_DNS_NOT_ASKED) {
        p = NC_PROBLEM_DNS_NXDOMAIN;
        {
            char buf[NC_DETAIL_MAX];

            dns_local_detail(f, host, buf, sizeof(buf));
            (void)result_printf(res, &res->detail, NC_DETAIL_MAX, "%s", buf);
        }
        (void)result_printf(res, &res->action, NC_ACTION_MAX, "%s",
                            problem_action(p));
    } else if (n_addrs == 0) {
        p = dns_none_decide(f, host, srv, res);
        if (f->not_tried) {
            char buf[NC_DETAIL_MAX];

            dns_dead_detail(f, host, srv, buf, sizeof(buf));
            (void)result_printf(res, &res->detail, NC_DETAIL_MAX, "%s", buf);
        }
    } else {
        p = dns_partial_decide(f, host, srv, res);
        if (p == NC_PROBLEM_NONE)
            return p;
    }
    res->status = vd_status_failed(c);
    res->problem = p;
    res->http_status = 0;
    return p;
}
