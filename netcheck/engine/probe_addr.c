/* A check's addresses before any is probed: which are left out (a DNS
 * filter's sinkhole answer, a family this host cannot use), their ranges,
 * service tag and route, and the local answers a proxy makes moot. */
#include <string.h>

#include "probe_int.h"

/* A loopback or unspecified answer for a real name is a DNS block page's
 * trick: probing it would test this machine, not the endpoint. */
static bool probe_is_sinkhole(const struct nc_addr *a)
{
    static const unsigned char zero[16], loop6[16] = {[15] = 1};

    if (a->family == 4)
        return a->bytes[0] == 127 || memcmp(a->bytes, zero, 4) == 0;
    return memcmp(a->bytes, zero, 16) == 0 || memcmp(a->bytes, loop6, 16) == 0;
}

bool probe_family_usable(const struct engine *e, int family)
{
    return family == 4 ? e->has_v4 : e->has_v6;
}

/* Decide which addresses are probed. Returns true when this one is left
 * out, with its result already written. */
bool probe_addr_settled(struct pcheck *pc, struct nc_addr_result *ar,
                        bool other_family_usable)
{
    const struct engine *e = pc->e;
    char ip[NC_ADDRSTRLEN];

    /* Not for a hosts file entry: that is the admin's own choice (and
     * "localhost" is 127.0.0.1 there), not a filter's answer. */
    if (!pc->host_is_literal && ar->source != NC_ADDR_SOURCE_HOSTS &&
        probe_is_sinkhole(&ar->addr)) {
        ar->status = NC_STATUS_FAIL;
        ar->problem = NC_PROBLEM_DNS_SINKHOLE;
        (void)result_printf(pc->res, &ar->detail, NC_ADDR_DETAIL_MAX,
                            "the resolver answered %s for '%s': a DNS filter "
                            "blocks the name",
                            result_addr_ip(ar, ip, sizeof(ip)), pc->c->host);
        return true;
    }
    /* As getaddrinfo's AI_ADDRCONFIG: an agent does not even try a family
     * this host has no address of, as long as the other one is there. */
    if (!probe_family_usable(e, ar->addr.family) && other_family_usable) {
        ar->status = NC_STATUS_SKIP;
        (void)result_printf(pc->res, &ar->detail, NC_ADDR_DETAIL_MAX,
                            "not probed: this host has no IPv%d address, so "
                            "agents use the other family",
                            ar->addr.family);
        return true;
    }
    return false;
}

/* in_ranges from the check's ranges and service tag, and the address's
 * most specific service tag as a label. */
void probe_addr_label(const struct engine *e, const struct nc_check *c,
                      struct nc_addr_result *ar)
{
    const struct servicetag *tag;
    int in = -1;

    if (c->n_ranges > 0)
        in = nc_cidr_list_contains(c->ranges, c->n_ranges, &ar->addr);
    if (c->service_tag != NULL && e->o->tags != NULL && in != 0) {
        in = servicetags_contains(e->o->tags, c->service_tag, &ar->addr);
        ar->tag_miss = in == 0;
    }
    ar->in_ranges = in;
    tag = e->o->tags != NULL ? servicetags_lookup(e->o->tags, &ar->addr) : NULL;
    if (tag != NULL) {
        ar->tag = tag->name;
        ar->tag_region = tag->region;
        ar->tag_service = tag->system_service;
    }
}

/* Ask the kernel which way it would send packets to the address. A lookup
 * that cannot run leaves the route unknown (and an ExpressRoute check
 * then fails, saying so). */
void probe_addr_route(const struct engine *e, struct nc_addr_result *ar)
{
    const struct route_ops *ops = e->o->routes;

    if (ops == NULL ||
        ops->lookup(ops->ctx, &ar->addr, e->o->route_uid, &ar->route) < 0)
        memset(&ar->route, 0, sizeof(ar->route));
}

void probe_addr_informational(struct nc_check_result *res,
                              struct nc_addr_result *ar)
{
    ar->status = NC_STATUS_SKIP;
    ar->informational = true;
    ar->in_ranges = -1;
    ar->t.dns = ar->t.connect = ar->t.tls = ar->t.first_byte = ar->t.total = -1;
    (void)result_printf(res, &ar->detail, NC_ADDR_DETAIL_MAX, "%s",
                        "local answer, not used: the proxy resolves the name");
}

/* socks4:// and socks5:// give the proxy an address, not a name: the one
 * netcheck resolved is the one sent (the transfer waited for the lookup,
 * and probe_xfer_setup pins it). With none usable the lookup is the
 * verdict and the proxy is never asked. \return true when decided. */
bool probe_proxied_local(struct pcheck *pc, const struct dns_answer *ans)
{
    struct nc_check_result *res = pc->res;
    unsigned socks = pc->px->cfg->socks;
    size_t i, pick = res->n_addrs;

    for (i = 0; i < res->n_addrs; i++) {
        (void)result_printf(res, &res->addrs[i].detail, NC_ADDR_DETAIL_MAX,
                            "%s",
                            "local answer, not used: the SOCKS proxy is given "
                            "one address");
        if (pick == res->n_addrs &&
            (socks != 4 || res->addrs[i].addr.family == 4))
            pick = i;
    }
    if (pick < res->n_addrs) {
        (void)result_printf(res, &res->addrs[pick].detail, NC_ADDR_DETAIL_MAX,
                            "%s",
                            "resolved here and given to the SOCKS proxy as "
                            "the destination");
        pc->addrs[0].idx = pick;
        TAILQ_INSERT_TAIL(&pc->px->pend_q, pc->addrs, link);
        return false;
    }
    if (verdict_dns(pc->c, &ans->facts, res->n_addrs, res) == NC_PROBLEM_NONE) {
        res->status = pc->c->required ? NC_STATUS_FAIL : NC_STATUS_WARN;
        res->problem = NC_PROBLEM_DNS_NODATA;
        (void)result_printf(res, &res->detail, NC_DETAIL_MAX,
                            "%s has no IPv4 address, and the SOCKS4 proxy %s "
                            "carries IPv4 only",
                            pc->c->host, pc->px->cfg->url);
        verdict_check_action_res(pc->c, res->problem, res);
    }
    res->via_proxy = true;
    return true;
}
