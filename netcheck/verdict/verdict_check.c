/* Pure decisions, the check as a whole: its addresses' verdicts combined
 * into one status, problem, detail and action (verdict.c decides each
 * address), and the checks decided without probing (skipped, PAC failed). */
#include "verdict.h"

#include <string.h>

#include "nc.h"
#include "str.h"
#include "verdict_int.h"

/* The firewall object the action names: the wildcard rule when the check
 * stands for one (tested through a sample, never verified as a whole). */
static void target_text(const struct nc_check *c, char *buf, size_t n)
{
    if (c->rule != NULL)
        (void)nc_snprintf(buf, n, "%s (tested via sample %s)", c->rule,
                          vd_host_of(c));
    else
        (void)nc_strlcpy(buf, vd_host_of(c), n);
}

void verdict_check_action_res(const struct nc_check *c, enum nc_problem p,
                              struct nc_check_result *res)
{
    char buf[NC_ACTION_MAX];

    verdict_check_action(c, p, buf, sizeof(buf));
    (void)result_printf(res, &res->action, NC_ACTION_MAX, "%s", buf);
}

void verdict_check_action(const struct nc_check *c, enum nc_problem p,
                          char *buf, size_t n)
{
    char target[300];

    target_text(c, target, sizeof(target));
    switch (p) {
    case NC_PROBLEM_TCP_TIMEOUT:
        (void)nc_snprintf(buf, n,
                          "a firewall drops the traffic: allow %s on port "
                          "%u in the firewall",
                          target, c->port);
        break;
    case NC_PROBLEM_TCP_REFUSED:
        (void)nc_snprintf(buf, n,
                          "nothing listens or a firewall rejects the "
                          "connection: allow %s on port %u in the firewall, "
                          "or check the endpoint",
                          target, c->port);
        break;
    case NC_PROBLEM_TCP_RESET:
        (void)nc_snprintf(buf, n,
                          "a firewall or proxy on the path cuts the "
                          "connection (often by server name), or the "
                          "endpoint itself closes it: allow %s on port %u "
                          "in the firewall, then check the endpoint",
                          target, c->port);
        break;
    case NC_PROBLEM_ADDRESS_OUTSIDE_RANGES:
        (void)nc_snprintf(buf, n,
                          "allow %s on port %u by name in the firewall, or "
                          "update the allowed ranges (the provider's "
                          "service tags) to cover its addresses",
                          target, c->port);
        break;
    case NC_PROBLEM_TLS_UNTRUSTED:
        (void)nc_snprintf(buf, n,
                          "likely TLS inspection or a missing CA: exempt %s "
                          "from TLS inspection, or install the CA in the "
                          "trust store (--ca-bundle)",
                          target);
        break;
    case NC_PROBLEM_BODY_MISMATCH:
        (void)nc_snprintf(buf, n,
                          "a block page or captive portal answered instead "
                          "of the endpoint: allow %s in the web filter or "
                          "sign in to the portal",
                          target);
        break;
    default:
        (void)nc_strlcpy(buf, problem_action(p), n);
        break;
    }
}

/* Nothing probed (every address deliberately skipped): the check neither
 * passes nor fails. */
static void check_none_probed(const struct nc_check *c,
                              struct nc_check_result *res)
{
    res->status = NC_STATUS_SKIP;
    res->problem = NC_PROBLEM_NONE;
    res->http_status = 0;
    (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                        "no address of '%s' was probed", vd_host_of(c));
    (void)result_printf(res, &res->action, NC_ACTION_MAX, "%s",
                        "check why the name gave no address, then run the "
                        "check again");
}

static bool addr_failed(const struct nc_addr_result *a)
{
    return a->status != NC_STATUS_PASS && a->status != NC_STATUS_SKIP;
}

/* The address that speaks for the check: with failures, the first one that
 * shows the most frequent problem (on a tie, the one seen first), so detail
 * and code agree; with none, the first probed address. Sets *p to its
 * problem and returns the number of failed addresses. */
static size_t check_decider(const struct nc_check_result *res, size_t n,
                            size_t *decide, enum nc_problem *p)
{
    size_t counts[NC_PROBLEM_MAX] = {0};
    size_t i, n_failed = 0, best = 0;
    const struct nc_addr_result *a;

    *decide = 0;
    *p = NC_PROBLEM_NONE;
    for (i = 0; i < n; i++) {
        a = &res->addrs[i];
        if (!addr_failed(a))
            continue;
        n_failed++;
        if ((unsigned)a->problem < NC_PROBLEM_MAX)
            counts[a->problem]++;
    }
    for (i = 0; i < NC_PROBLEM_MAX; i++)
        if (counts[i] > best)
            best = counts[i];
    for (i = 0; i < n && n_failed > 0; i++) {
        a = &res->addrs[i];
        if (addr_failed(a) && (unsigned)a->problem < NC_PROBLEM_MAX &&
            counts[a->problem] == best) {
            *p = a->problem;
            *decide = i;
            break;
        }
    }
    for (i = 0; i < n && n_failed == 0; i++) {
        if (res->addrs[i].status != NC_STATUS_SKIP) {
            *decide = i;
            break;
        }
    }
    return n_failed;
}

void verdict_check(const struct nc_check *c, struct nc_check_result *res)
{
    size_t i, n = res->n_addrs, n_failed, n_probed = 0, decide;
    const struct nc_addr_result *a;
    enum nc_problem p;

    if (res->addrs == NULL)
        n = 0;
    if (res->status != NC_STATUS_PASS && vd_is_dns_problem(res->problem))
        return; /* verdict_dns decided; the addresses cannot undo it */
    /* Addresses deliberately not probed (a family this host cannot use)
     * neither pass nor fail the check. */
    for (i = 0; i < n; i++)
        if (res->addrs[i].status != NC_STATUS_SKIP)
            n_probed++;
    if (n_probed == 0) {
        check_none_probed(c, res);
        return;
    }

    n_failed = check_decider(res, n, &decide, &p);
    a = &res->addrs[decide];
    res->http_status = a->http_status;
    result_text_clear(&res->detail);
    result_text_clear(&res->action);

    if (n_failed == 0) {
        res->status = NC_STATUS_PASS;
        res->problem = NC_PROBLEM_NONE;
        if (c->rule != NULL)
            (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                                "tested via sample host %s for %s",
                                vd_host_of(c), c->rule);
        return;
    }

    res->status = vd_status_failed(c);
    res->problem = p;
    if (n_probed == 1)
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX, "%s", a->detail);
    else if (n_failed == n_probed)
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "all %zu addresses failed: %s", n_probed,
                            result_addr_detail(a));
    else
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "%zu of %zu addresses failed: %s", n_failed,
                            n_probed, result_addr_detail(a));
    if (c->rule != NULL)
        (void)result_appendf(res, &res->detail, NC_DETAIL_MAX,
                             " (tested via sample host %s for %s)",
                             vd_host_of(c), c->rule);
    verdict_check_action_res(c, p, res);
}

void verdict_pac_failed(const char *why, struct nc_check_result *res)
{
    res->status = NC_STATUS_FAIL;
    res->problem = NC_PROBLEM_PROXY_PAC_FAILED;
    res->http_status = 0;
    (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                        "no proxy for this URL: %s; the check was not run "
                        "(netcheck does not guess the proxy)",
                        why != NULL && why[0] != '\0' ? why
                                                      : "the PAC file failed");
    (void)result_printf(res, &res->action, NC_ACTION_MAX, "%s",
                        problem_action(NC_PROBLEM_PROXY_PAC_FAILED));
}

void verdict_skip(const struct nc_check *c, const char *why,
                  struct nc_check_result *res)
{
    const char *wild = c->rule;

    if (wild == NULL && c->host != NULL && strncmp(c->host, "*.", 2) == 0)
        wild = c->host;
    res->status = NC_STATUS_SKIP;
    res->problem = NC_PROBLEM_NONE;
    res->http_status = 0;
    (void)result_printf(
        res, &res->detail, NC_DETAIL_MAX, "%s",
        why != NULL && why[0] != '\0' ? why : "the check could not run");
    if (wild != NULL)
        (void)result_printf(res, &res->action, NC_ACTION_MAX,
                            "add sample=HOST to the wildcard entry %s (a real "
                            "host name under it) so it can be tested",
                            wild);
    else
        (void)result_printf(
            res, &res->action, NC_ACTION_MAX, "%s",
            "remove the cause given in the detail, then run the "
            "check again");
}
