#include "dns.h"

#include <sys/select.h>

#include <ares.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include "nc.h"
#include "str.h"

/* c-ares runs RES_DEFAULT tries across servers; a query's worst case is
 * about timeout * (1 + 2) with two tries, so split the budget in three. */
#define DNS_TRIES 2

struct dns_resolver {
    ares_channel channel;
    struct nc_loop *loop;
    char server[64];
    int destroying;
};

struct dns_req {
    struct dns_resolver *r;
    dns_done_cb cb;
    void *ud;
    int pending;
    uint64_t start_us;
    struct dns_answer ans;
    struct nc_addr v6[NC_MAX_ADDRS_PER_FAMILY];
    size_t n_v6;
};

int dns_servers_check(const char *csv, char *why, size_t whylen)
{
    char buf[1024], *tok, *save = NULL;
    int r = 0;

    if (nc_strlcpy(buf, csv, sizeof(buf)) < 0 || buf[0] == '\0') {
        (void)nc_snprintf(why, whylen, "empty or too long server list");
        return NC_EPARSE;
    }
    for (tok = strtok_r(buf, ",", &save); tok != NULL;
         tok = strtok_r(NULL, ",", &save)) {
        struct nc_addr a;
        char host[NC_ADDRSTRLEN + 2];
        const char *port = NULL;
        unsigned long p;

        tok = nc_strtrim(tok);
        if (tok[0] == '[') {
            char *end = strchr(tok, ']');

            if (end == NULL || (end[1] != '\0' && end[1] != ':'))
                goto bad;
            *end = '\0';
            if (nc_strlcpy(host, tok + 1, sizeof(host)) < 0)
                goto bad;
            if (end[1] == ':')
                port = end + 2;
        } else {
            char *colon = strchr(tok, ':');

            /* One colon: IPv4:port; more: a bare IPv6 address. */
            if (colon != NULL && strchr(colon + 1, ':') == NULL) {
                *colon = '\0';
                port = colon + 1;
            }
            if (nc_strlcpy(host, tok, sizeof(host)) < 0)
                goto bad;
        }
        if (nc_addr_parse(host, &a) < 0)
            goto bad;
        if (port != NULL && nc_parse_uint(port, 1, 65535, &p) < 0)
            goto bad;
        continue;
    bad:
        (void)nc_snprintf(why, whylen, "bad DNS server '%s': want IP[:PORT]",
                          tok);
        r = NC_EPARSE;
        break;
    }
    return r;
}

static void dns_sock_cb(int fd, unsigned events, void *ud)
{
    struct dns_resolver *r = ud;

    ares_process_fd(r->channel, (events & LOOP_READ) ? fd : ARES_SOCKET_BAD,
                    (events & LOOP_WRITE) ? fd : ARES_SOCKET_BAD);
}

static void dns_sock_state(void *data, ares_socket_t fd, int readable,
                           int writable)
{
    struct dns_resolver *r = data;
    unsigned ev = (readable ? LOOP_READ : 0u) | (writable ? LOOP_WRITE : 0u);

    /* Failure here only delays the query until its timeout, which then
     * reports dns_timeout: the loop has no other way to tell us. */
    (void)loop_fd_watch(r->loop, fd, ev, dns_sock_cb, r);
}

int dns_resolver_new(struct nc_loop *loop, const char *servers, long timeout_ms,
                     struct dns_resolver **out, char *why, size_t whylen)
{
    struct ares_options opts;
    struct ares_addr_port_node *list = NULL;
    struct dns_resolver *r;
    int rc, err = NC_EINTERNAL;

    r = nc_calloc(1, sizeof(*r));
    if (r == NULL)
        return NC_ENOMEM;
    r->loop = loop;
    memset(&opts, 0, sizeof(opts));
    /* NOCHECKRESP: without it c-ares 1.18 turns SERVFAIL and REFUSED into
     * ECONNREFUSED after trying the next server, and we could not name
     * which one the resolver said. */
    opts.flags = ARES_FLAG_NOCHECKRESP;
    opts.sock_state_cb = dns_sock_state;
    opts.sock_state_cb_data = r;
    opts.timeout = (int)(timeout_ms / 3 > 100 ? timeout_ms / 3 : 100);
    opts.tries = DNS_TRIES;
    rc = ares_init_options(&r->channel, &opts,
                           ARES_OPT_FLAGS | ARES_OPT_SOCK_STATE_CB |
                               ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES);
    if (rc != ARES_SUCCESS) {
        (void)nc_snprintf(why, whylen, "cannot set up the resolver: %s",
                          ares_strerror(rc));
        r->channel = NULL;
        err = rc == ARES_ENOMEM ? NC_ENOMEM : NC_EIO;
        goto fail;
    }
    if (servers != NULL) {
        rc = ares_set_servers_ports_csv(r->channel, servers);
        if (rc != ARES_SUCCESS) {
            (void)nc_snprintf(why, whylen, "bad DNS server list '%s': %s",
                              servers, ares_strerror(rc));
            err = NC_EPARSE;
            goto fail;
        }
    }
    if (ares_get_servers_ports(r->channel, &list) == ARES_SUCCESS &&
        list != NULL) {
        char ip[NC_ADDRSTRLEN] = "";

        (void)inet_ntop(list->family, &list->addr, ip, sizeof(ip));
        (void)nc_snprintf(r->server, sizeof(r->server),
                          list->family == AF_INET6 ? "[%s]:%d" : "%s:%d", ip,
                          list->udp_port ? list->udp_port : 53);
        ares_free_data(list);
    }
    *out = r;
    return 0;
fail:
    dns_resolver_free(r);
    return err;
}

void dns_resolver_free(struct dns_resolver *r)
{
    if (r == NULL)
        return;
    r->destroying = 1;
    if (r->channel != NULL)
        ares_destroy(r->channel);
    nc_free(r);
}

static enum nc_dns_outcome dns_outcome(int status)
{
    switch (status) {
    case ARES_SUCCESS:
        return NC_DNS_OK;
    case ARES_ENODATA:
        return NC_DNS_NODATA;
    case ARES_ENOTFOUND:
        return NC_DNS_NXDOMAIN;
    case ARES_ESERVFAIL:
        return NC_DNS_SERVFAIL;
    case ARES_EREFUSED:
        return NC_DNS_REFUSED;
    case ARES_ETIMEOUT:
        return NC_DNS_TIMEOUT;
    default:
        return NC_DNS_ERROR;
    }
}

static void dns_add_cname(struct dns_answer *ans, const char *name)
{
    size_t i;

    if (name == NULL || ans->n_cnames >= NC_MAX_CNAMES)
        return;
    for (i = 0; i < ans->n_cnames; i++)
        if (nc_strcasecmp(ans->cnames[i], name) == 0)
            return;
    (void)nc_strlcpy(ans->cnames[ans->n_cnames++], name,
                     sizeof(ans->cnames[0]));
}

static void dns_finish(struct dns_req *q)
{
    size_t i;

    /* IPv4 first, then IPv6: a stable order for reports. */
    for (i = 0; i < q->n_v6 && q->ans.n_addrs < NC_MAX_ADDRS; i++)
        q->ans.addrs[q->ans.n_addrs++] = q->v6[i];
    q->ans.ms = (double)(loop_now_us() - q->start_us) / 1000.0;
    (void)nc_strlcpy(q->ans.facts.server, q->r->server,
                     sizeof(q->ans.facts.server));
    q->cb(q->ud, &q->ans);
    nc_free(q);
}

static void dns_collect(struct dns_req *q, int v6, struct hostent *he)
{
    char **p;
    size_t n = 0;

    for (p = he->h_aliases; p != NULL && *p != NULL; p++)
        dns_add_cname(&q->ans, *p);
    for (p = he->h_addr_list; *p != NULL && n < NC_MAX_ADDRS_PER_FAMILY;
         p++, n++) {
        struct nc_addr a;

        memset(&a, 0, sizeof(a));
        a.family = v6 ? 6 : 4;
        memcpy(a.bytes, *p, v6 ? 16 : 4);
        if (v6)
            q->v6[q->n_v6++] = a;
        else
            q->ans.addrs[q->ans.n_addrs++] = a;
    }
}

static void dns_reply(void *arg, int status, int timeouts, unsigned char *abuf,
                      int alen, int v6)
{
    struct dns_req *q = arg;
    enum nc_dns_outcome out;
    struct hostent *he = NULL;
    int rc;

    (void)timeouts;
    if (q->r->destroying || status == ARES_EDESTRUCTION) {
        if (--q->pending == 0)
            nc_free(q);
        return;
    }
    out = dns_outcome(status);
    if (status == ARES_SUCCESS) {
        rc = v6 ? ares_parse_aaaa_reply(abuf, alen, &he, NULL, NULL)
                : ares_parse_a_reply(abuf, alen, &he, NULL, NULL);
        if (rc == ARES_SUCCESS && he != NULL)
            dns_collect(q, v6, he);
        else
            out = rc == ARES_ENODATA ? NC_DNS_NODATA : NC_DNS_ERROR;
        if (he != NULL)
            ares_free_hostent(he);
    }
    if (v6)
        q->ans.facts.aaaa = out;
    else
        q->ans.facts.a = out;
    if (--q->pending == 0)
        dns_finish(q);
}

static void dns_reply_a(void *arg, int status, int timeouts,
                        unsigned char *abuf, int alen)
{
    dns_reply(arg, status, timeouts, abuf, alen, 0);
}

static void dns_reply_aaaa(void *arg, int status, int timeouts,
                           unsigned char *abuf, int alen)
{
    dns_reply(arg, status, timeouts, abuf, alen, 1);
}

int dns_resolve(struct dns_resolver *r, const char *host, dns_done_cb cb,
                void *ud)
{
    struct dns_req *q = nc_calloc(1, sizeof(*q));

    if (q == NULL)
        return NC_ENOMEM;
    q->r = r;
    q->cb = cb;
    q->ud = ud;
    q->pending = 2;
    q->start_us = loop_now_us();
    /* ares_query, not ares_search: names are fully qualified, as with
     * dig, and search domains would turn NXDOMAIN into another name. */
    ares_query(r->channel, host, 1 /* C_IN */, 1 /* T_A */, dns_reply_a, q);
    ares_query(r->channel, host, 1 /* C_IN */, 28 /* T_AAAA */, dns_reply_aaaa,
               q);
    return 0;
}

long dns_next_timeout_ms(struct dns_resolver *r)
{
    struct timeval tv, *t;

    t = ares_timeout(r->channel, NULL, &tv);
    if (t == NULL)
        return -1;
    return (long)t->tv_sec * 1000 + (long)(t->tv_usec + 999) / 1000;
}

void dns_process_timeouts(struct dns_resolver *r)
{
    ares_process_fd(r->channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
}
