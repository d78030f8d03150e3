#include "dns.h"

#ifndef _WIN32
#include <sys/select.h>
#endif

#include <ares.h>
#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netdb.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include "dns_sock.h"
#include "hostsfile.h"
#include "nc.h"
#include "nsswitch.h"
#include "sockfd.h"
#include "str.h"

/* c-ares runs RES_DEFAULT tries across servers; a query's worst case is
 * about timeout * (1 + 2) with two tries, so split the budget in three. */
#define DNS_TRIES      2
#define DNS_MIN_TRY_MS 100L

struct dns_resolver {
    ares_channel channel; /* fails over between servers */
    ares_channel diag;    /* NOCHECKRESP: names SERVFAIL and REFUSED */
    struct nc_loop *loop;
    const struct dns_local *local; /* NULL: DNS only */
    char server[128];
    int destroying;
    /* The UDP queries and replies of both channels (dns_sock.c): replies
     * c-ares dropped for not matching a query. */
    struct dns_match *match;
    struct dns_sock sock; /* what the socket wrappers see (match inside) */
    /* What the servers did with the lookups so far: when they answered
     * none of several, later names are not asked (verdict_dep_dead). */
    struct nc_dep dep;
};

struct dns_req;

/* One family's query; asked again on the diagnostic channel at most once. */
struct dns_half {
    struct dns_req *q;
    int v6;
    int retried;
    int garbled; /* timed out with only replies that matched no query */
};

struct dns_req {
    struct dns_resolver *r;
    dns_done_cb cb;
    void *ud;
    int pending;
    uint64_t start_us;
    char host[256];
    struct dns_half half[2];
    struct dns_answer ans;
    struct nc_addr v6[NC_MAX_ADDRS_PER_FAMILY];
    unsigned v6_line[NC_MAX_ADDRS_PER_FAMILY];
    size_t n_v6;
    /* The walk through nsswitch.conf's services (with r->local). */
    size_t step;    /* the service being asked */
    bool dns_asked; /* DNS answered once: its status is dns_st */
    enum nsswitch_status dns_st;
    bool dep_counted; /* sent to the servers: counted in r->dep */
};

int dns_servers_check(const char *csv, char *why, size_t whylen)
{
    char buf[1024], *tok, *save = NULL;
    int r = 0;

    if (nc_strlcpy(buf, csv, sizeof(buf)) < 0 || buf[0] == '\0') {
        (void)nc_snprintf(why, whylen, "empty or too long server list");
        return NC_EPARSE;
    }
    /* c-ares takes neither blanks nor empty entries: reject them here, with
     * the message, rather than at engine setup. */
    if (strpbrk(buf, " \t") != NULL || buf[0] == ',' ||
        buf[strlen(buf) - 1] == ',' || strstr(buf, ",,") != NULL) {
        (void)nc_snprintf(why, whylen,
                          "'%s': want IP[:PORT] entries separated by commas, "
                          "without blanks",
                          csv);
        return NC_EPARSE;
    }
    for (tok = strtok_r(buf, ",", &save); tok != NULL;
         tok = strtok_r(NULL, ",", &save)) {
        struct nc_addr a;
        char host[NC_ADDRSTRLEN + 2], orig[NC_ADDRSTRLEN + 16];
        const char *port = NULL;
        unsigned long p;

        (void)nc_strlcpy(orig, tok, sizeof(orig));
        if (tok[0] == '[') {
            char *end = strchr(tok, ']');

            /* c-ares takes brackets only as "[IPv6]:PORT". */
            if (end == NULL || end[1] != ':' || strchr(tok, '.') != NULL)
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
                          orig);
        r = NC_EPARSE;
        break;
    }
    return r;
}

static void dns_sock_cb(int fd, unsigned events, void *ud)
{
    ares_channel ch = ud;

    ares_process_fd(ch, sockfd_to_ares((events & LOOP_READ) ? fd : -1),
                    sockfd_to_ares((events & LOOP_WRITE) ? fd : -1));
}

static void dns_sock_state_main(void *data, ares_socket_t fd, int readable,
                                int writable)
{
    struct dns_resolver *r = data;
    unsigned ev = (readable ? LOOP_READ : 0u) | (writable ? LOOP_WRITE : 0u);

    /* Failure here only delays the query until its timeout, which then
     * reports dns_timeout: the loop has no other way to tell us. */
    (void)loop_fd_watch(r->loop, sockfd_from_ares(fd), ev, dns_sock_cb,
                        r->channel);
}

static void dns_sock_state_diag(void *data, ares_socket_t fd, int readable,
                                int writable)
{
    struct dns_resolver *r = data;
    unsigned ev = (readable ? LOOP_READ : 0u) | (writable ? LOOP_WRITE : 0u);

    (void)loop_fd_watch(r->loop, sockfd_from_ares(fd), ev, dns_sock_cb,
                        r->diag);
}

/* Writes "IP:PORT, IP:PORT" of the servers in use; returns their count. */
static int dns_server_list(ares_channel ch, char *dst, size_t n)
{
    struct ares_addr_port_node *list = NULL, *p;
    size_t used = 0;
    int count = 0;

    dst[0] = '\0';
    if (ares_get_servers_ports(ch, &list) != ARES_SUCCESS)
        return 0;
    for (p = list; p != NULL; p = p->next, count++) {
        char ip[NC_ADDRSTRLEN] = "", one[NC_ADDRSTRLEN + 16];
        size_t len;

        (void)inet_ntop(p->family, &p->addr, ip, sizeof(ip));
        (void)nc_snprintf(
            one, sizeof(one), p->family == AF_INET6 ? "%s[%s]:%d" : "%s%s:%d",
            count ? ", " : "", ip, p->udp_port ? p->udp_port : 53);
        len = strlen(one);
        if (used + len < n) {
            memcpy(dst + used, one, len + 1);
            used += len;
        }
    }
    ares_free_data(list);
    return count;
}

static int dns_channel_new(struct dns_resolver *r, ares_channel *ch, int flags,
                           long try_ms, const char *servers, char *why,
                           size_t whylen)
{
    struct ares_options opts;
    int rc;

    memset(&opts, 0, sizeof(opts));
    opts.flags = flags;
    opts.sock_state_cb =
        ch == &r->channel ? dns_sock_state_main : dns_sock_state_diag;
    opts.sock_state_cb_data = r;
    opts.timeout = (int)try_ms;
    opts.tries = DNS_TRIES;
    rc = ares_init_options(ch, &opts,
                           ARES_OPT_FLAGS | ARES_OPT_SOCK_STATE_CB |
                               ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES);
    if (rc != ARES_SUCCESS) {
        *ch = NULL;
        (void)nc_snprintf(why, whylen, "cannot set up the resolver: %s",
                          ares_strerror(rc));
        return rc == ARES_ENOMEM ? NC_ENOMEM : NC_EIO;
    }
    if (servers != NULL) {
        rc = ares_set_servers_ports_csv(*ch, servers);
        if (rc != ARES_SUCCESS) {
            (void)nc_snprintf(why, whylen, "bad DNS server list '%s': %s",
                              servers, ares_strerror(rc));
            return NC_EPARSE;
        }
    }
    return 0;
}

int dns_resolver_new(struct nc_loop *loop, const char *servers, long timeout_ms,
                     struct dns_resolver **out, char *why, size_t whylen)
{
    struct dns_resolver *r;
    long try_ms;
    int err, n;

    r = nc_calloc(1, sizeof(*r));
    if (r == NULL)
        return NC_ENOMEM;
    r->loop = loop;
    /* First learn how many servers there are: c-ares tries each of them
     * DNS_TRIES times, doubling the interval every round, so a query can
     * take try * nservers * (1 + 2); the budget is split accordingly. */
    err = dns_channel_new(r, &r->channel, 0, 1000, servers, why, whylen);
    if (err < 0)
        goto fail;
    n = dns_server_list(r->channel, r->server, sizeof(r->server));
    ares_destroy(r->channel);
    r->channel = NULL;
    try_ms = timeout_ms / (3 * (n > 0 ? n : 1));
    if (try_ms < DNS_MIN_TRY_MS)
        try_ms = DNS_MIN_TRY_MS;
    /* The main channel fails over between servers as a system resolver
     * does. c-ares 1.18 then folds SERVFAIL and REFUSED into ECONNREFUSED;
     * only such queries are asked again on the diagnostic channel, whose
     * NOCHECKRESP hands back the server's own rcode. */
    err = dns_channel_new(r, &r->channel, 0, try_ms, servers, why, whylen);
    /* IGNTC too: a truncated reply that the main channel could not
     * complete over TCP comes back as it is, and says so (its TC bit). */
    if (err == 0)
        err = dns_channel_new(r, &r->diag,
                              ARES_FLAG_NOCHECKRESP | ARES_FLAG_IGNTC, try_ms,
                              servers, why, whylen);
    if (err < 0)
        goto fail;
    r->match = nc_calloc(1, sizeof(*r->match));
    if (r->match == NULL) {
        err = NC_ENOMEM;
        goto fail;
    }
    r->sock.match = r->match;
    dns_sock_watch(r->channel, &r->sock);
    dns_sock_watch(r->diag, &r->sock);
    *out = r;
    return 0;
fail:
    dns_resolver_free(r);
    return err;
}

void dns_resolver_set_local(struct dns_resolver *r,
                            const struct dns_local *local)
{
    r->local = local;
}

void dns_resolver_free(struct dns_resolver *r)
{
    if (r == NULL)
        return;
    r->destroying = 1;
    if (r->channel != NULL)
        ares_destroy(r->channel);
    if (r->diag != NULL)
        ares_destroy(r->diag);
    nc_free(r->match);
    nc_free(r);
}

/* The one place c-ares statuses become outcomes. diag: the answer came on
 * the diagnostic channel, where SERVFAIL and REFUSED keep their own
 * statuses, so ECONNREFUSED there is a real refusal (ICMP port
 * unreachable, TCP RST) or no route. truncated: the reply had its TC bit
 * (only the diagnostic channel, with IGNTC, hands such a reply back). */
UNITTEST enum nc_dns_outcome dns_outcome(int status, bool diag, bool truncated)
{
    switch (status) {
    case ARES_SUCCESS:
        return NC_DNS_OK;
    case ARES_ENODATA:
        /* A truncated reply holds no records because they did not fit,
         * not because the name has none. */
        return truncated ? NC_DNS_INVALID : NC_DNS_NODATA;
    case ARES_ENOTFOUND:
        return NC_DNS_NXDOMAIN;
    case ARES_ESERVFAIL:
        return NC_DNS_SERVFAIL;
    case ARES_EREFUSED:
        return NC_DNS_REFUSED;
    case ARES_ETIMEOUT:
        return NC_DNS_TIMEOUT;
    case ARES_ECONNREFUSED:
        /* On the main channel also a folded SERVFAIL or REFUSED: asked
         * again on the diagnostic one before it means anything. */
        return diag ? NC_DNS_UNREACHABLE : NC_DNS_ERROR;
    case ARES_EBADRESP:
    case ARES_EFORMERR:
    case ARES_ENOTIMP:
        return NC_DNS_INVALID;
    default:
        return NC_DNS_ERROR;
    }
}

/* Did the servers answer this outcome at all (whatever they said)? */
static bool dns_outcome_answered(enum nc_dns_outcome o)
{
    return o == NC_DNS_OK || o == NC_DNS_NXDOMAIN || o == NC_DNS_NODATA ||
           o == NC_DNS_SERVFAIL || o == NC_DNS_REFUSED || o == NC_DNS_INVALID;
}

static void dns_add_cname(struct dns_answer *ans, const char *name)
{
    char cut[sizeof(ans->cnames[0])];
    size_t i;

    if (name == NULL || ans->n_cnames >= NC_MAX_CNAMES)
        return;
    /* c-ares writes an unusual byte of a name as \DDD, so a valid name
     * can be longer than the field: compare what is kept, or two names
     * that differ only past the cut are listed twice (fuzz_dns_reply). */
    (void)nc_strlcpy(cut, name, sizeof(cut));
    for (i = 0; i < ans->n_cnames; i++)
        if (nc_strcasecmp(ans->cnames[i], cut) == 0)
            return;
    memcpy(ans->cnames[ans->n_cnames++], cut, sizeof(cut));
}

static void dns_finish(struct dns_req *q)
{
    size_t i;

    /* IPv4 first, then IPv6: a stable order for reports. */
    for (i = 0; i < q->n_v6 && q->ans.n_addrs < NC_MAX_ADDRS; i++) {
        q->ans.hosts_line[q->ans.n_addrs] = q->v6_line[i];
        q->ans.addrs[q->ans.n_addrs++] = q->v6[i];
    }
    q->ans.ms = (double)(loop_now_us() - q->start_us) / 1000.0;
    if (q->dns_asked || q->r->local == NULL)
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
    /* The chain's target, unless the name itself was the answer. */
    if (q->ans.n_cnames > 0 && he->h_name != NULL &&
        nc_strcasecmp(he->h_name, q->host) != 0)
        dns_add_cname(&q->ans, he->h_name);
    for (p = he->h_addr_list; *p != NULL; p++, n++) {
        struct nc_addr a;

        /* Past the cap an address is counted, not kept: the report says
         * how many were left out. */
        q->ans.n_total++;
        if (n >= NC_MAX_ADDRS_PER_FAMILY)
            continue;
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
                      int alen);
static void dns_walk(struct dns_req *q, size_t i);
static void dns_ask(ares_channel ch, struct dns_half *h);

/* What this lookup tells of the servers: a reply they really gave to
 * either query is life; replies that matched no query are not, since
 * the lookup still waited its whole time (a resolver that only garbles
 * must be taken as down like a silent one, or each name waits its turn). */
static enum nc_dep_end dns_dep_end(const struct dns_req *q)
{
    const struct nc_dns_facts *f = &q->ans.facts;

    if ((dns_outcome_answered(f->a) && !q->half[0].garbled) ||
        (dns_outcome_answered(f->aaaa) && !q->half[1].garbled))
        return NC_DEP_END_ANSWERED;
    if (f->a == NC_DNS_TIMEOUT || f->aaaa == NC_DNS_TIMEOUT)
        return NC_DEP_END_SILENT;
    if (q->half[0].garbled || q->half[1].garbled)
        return NC_DEP_END_GARBLED;
    return NC_DEP_END_OTHER;
}

/* Both families answered: the lookup ends, or goes on in the order. */
static void dns_dns_done(struct dns_req *q)
{
    const struct dns_local *l = q->r->local;
    int next;

    if (q->dep_counted) {
        q->dep_counted = false;
        verdict_dep_ended(&q->r->dep, dns_dep_end(q),
                          (long)((loop_now_us() - q->start_us + 999) / 1000));
    }
    if (l == NULL) {
        dns_finish(q);
        return;
    }
    q->dns_asked = true;
    q->dns_st = nsswitch_dns_status(q->ans.facts.a, q->ans.facts.aaaa,
                                    q->ans.n_addrs + q->n_v6);
    next = nsswitch_hosts_next(l->order, q->step, q->dns_st);
    if (next < 0)
        dns_finish(q);
    else
        dns_walk(q, (size_t)next);
}

static void dns_ask_both(struct dns_req *q)
{
    /* The answer is the last service's: nothing of an earlier one (a
     * "files [SUCCESS=continue] dns" line) stays beside DNS's. */
    q->ans.n_addrs = q->n_v6 = q->ans.n_total = 0;
    memset(q->ans.hosts_line, 0, sizeof(q->ans.hosts_line));
    memset(q->v6_line, 0, sizeof(q->v6_line));
    /* The servers answered none of several lookups: this name is not
     * asked, and says why (verdict_dns), instead of waiting its turn
     * behind a window of lookups that each wait the whole timeout. */
    if (verdict_dep_dead(&q->r->dep)) {
        /* Garbled replies only: as the lookups that were asked ended. */
        q->ans.facts.a = q->ans.facts.aaaa =
            q->r->dep.garbled == q->r->dep.silent ? NC_DNS_INVALID
                                                  : NC_DNS_TIMEOUT;
        q->ans.facts.not_tried = true;
        q->ans.facts.dead = q->r->dep;
        dns_dns_done(q);
        return;
    }
    verdict_dep_sent(&q->r->dep);
    q->dep_counted = true;
    /* Both asked before either reply is handled: a synchronous failure of
     * the first must not finish (and free) q before the second is sent. */
    q->pending = 3;
    dns_ask(q->r->channel, &q->half[0]);
    dns_ask(q->r->channel, &q->half[1]);
    if (--q->pending == 0)
        dns_dns_done(q);
}

/* The hosts file's answer, which replaces anything DNS gave before. */
static enum nsswitch_status dns_files(struct dns_req *q)
{
    const struct dns_local *l = q->r->local;
    struct hostsfile_addr hit[NC_MAX_ADDRS];
    size_t i, n;

    q->ans.facts.hosts_file = l->hosts_path;
    if (l->hosts == NULL) {
        q->ans.facts.hosts = NC_HOSTS_UNAVAIL;
        return NSSWITCH_UNAVAIL;
    }
    n = hostsfile_lookup(l->hosts, q->host, hit, NC_MAX_ADDRS_PER_FAMILY);
    if (n == 0) {
        q->ans.facts.hosts = NC_HOSTS_NOTFOUND;
        return NSSWITCH_NOTFOUND;
    }
    q->ans.facts.hosts = NC_HOSTS_FOUND;
    q->ans.n_addrs = q->n_v6 = q->ans.n_cnames = 0;
    q->ans.n_total = n;
    for (i = 0; i < n; i++) {
        if (hit[i].addr.family == 6) {
            q->v6_line[q->n_v6] = hit[i].line;
            q->v6[q->n_v6++] = hit[i].addr;
        } else {
            q->ans.hosts_line[q->ans.n_addrs] = hit[i].line;
            q->ans.addrs[q->ans.n_addrs++] = hit[i].addr;
        }
    }
    return NSSWITCH_SUCCESS;
}

/* Ask the services of nsswitch.conf's hosts line from index i on, as
 * glibc's getaddrinfo does; DNS goes on in dns_dns_done. Services netcheck
 * does not run count as unavailable. DNS is asked at most once. */
static void dns_walk(struct dns_req *q, size_t i)
{
    const struct nsswitch_hosts *o = q->r->local->order;
    int next = o->n > 0 ? (int)i : -1;

    while (next >= 0 && (size_t)next < o->n) {
        enum nsswitch_status st = NSSWITCH_UNAVAIL;

        q->step = (size_t)next;
        if (o->s[next].svc == NSSWITCH_SVC_FILES) {
            st = dns_files(q);
        } else if (o->s[next].svc == NSSWITCH_SVC_DNS && !q->dns_asked) {
            dns_ask_both(q);
            return;
        } else if (o->s[next].svc == NSSWITCH_SVC_DNS) {
            st = q->dns_st;
        }
        next = nsswitch_hosts_next(o, q->step, st);
    }
    dns_finish(q);
}

static void dns_ask(ares_channel ch, struct dns_half *h)
{
    /* ares_query, not ares_search: names are fully qualified, as with
     * dig, and search domains would turn NXDOMAIN into another name. */
    ares_query(ch, h->q->host, 1 /* C_IN */, h->v6 ? 28 /* AAAA */ : 1 /* A */,
               dns_reply, h);
}

/* The query timed out: if the resolver did answer it, with replies c-ares
 * dropped as matching no query, it is an invalid answer, not silence. */
static enum nc_dns_outcome dns_reply_mismatch(struct dns_half *h,
                                              enum nc_dns_outcome out)
{
    struct dns_req *q = h->q;
    enum nc_dns_mismatch kind = NC_DNS_MISMATCH_NONE;
    unsigned n = dns_match_bad_for(q->r->match, q->host, h->v6 ? 28 : 1, &kind);

    if (n == 0)
        return out;
    h->garbled = 1;
    q->ans.facts.mismatch = kind;
    q->ans.facts.n_mismatch += n;
    return NC_DNS_INVALID;
}

static void dns_reply(void *arg, int status, int timeouts, unsigned char *abuf,
                      int alen)
{
    struct dns_half *h = arg;
    struct dns_req *q = h->q;
    enum nc_dns_outcome out;
    struct hostent *he = NULL;
    bool truncated = abuf != NULL && alen > 2 && (abuf[2] & 0x02) != 0;
    int rc;

    (void)timeouts;
    if (q->r->destroying || status == ARES_EDESTRUCTION) {
        if (--q->pending == 0)
            nc_free(q);
        return;
    }
    if (status == ARES_ECONNREFUSED && !h->retried) {
        h->retried = 1;
        dns_ask(q->r->diag, h);
        return;
    }
    out = dns_outcome(status, h->retried != 0, truncated);
    if (status == ARES_ETIMEOUT && q->r->match != NULL)
        out = dns_reply_mismatch(h, out);
    if (status == ARES_SUCCESS) {
        rc = h->v6 ? ares_parse_aaaa_reply(abuf, alen, &he, NULL, NULL)
                   : ares_parse_a_reply(abuf, alen, &he, NULL, NULL);
        /* A reply whose records do not parse (it claims more than it
         * holds) is the resolver's fault, never "no such record". */
        if (rc == ARES_SUCCESS && he != NULL)
            dns_collect(q, h->v6, he);
        else
            out = dns_outcome(rc == ARES_SUCCESS ? ARES_EBADRESP : rc,
                              h->retried != 0, truncated);
        if (he != NULL)
            ares_free_hostent(he);
    }
    if (h->v6)
        q->ans.facts.aaaa = out;
    else
        q->ans.facts.a = out;
    if (--q->pending == 0)
        dns_dns_done(q);
}

/* A request for host with its two halves (A, AAAA) tied to it.
 * \return 0, NC_ENOMEM, NC_ELIMIT (host too long) */
static int dns_req_new(struct dns_resolver *r, const char *host, dns_done_cb cb,
                       void *ud, struct dns_req **out)
{
    struct dns_req *q;
    int i;

    q = nc_calloc(1, sizeof(*q));
    if (q == NULL)
        return NC_ENOMEM;
    if (nc_strlcpy(q->host, host, sizeof(q->host)) < 0) {
        nc_free(q);
        return NC_ELIMIT;
    }
    q->r = r;
    q->cb = cb;
    q->ud = ud;
    q->start_us = loop_now_us();
    for (i = 0; i < 2; i++) {
        q->half[i].q = q;
        q->half[i].v6 = i;
    }
    *out = q;
    return 0;
}

int dns_resolve(struct dns_resolver *r, const char *host, dns_done_cb cb,
                void *ud)
{
    struct dns_req *q;
    int rc = dns_req_new(r, host, cb, ud, &q);

    if (rc < 0)
        return rc;
    if (r->local == NULL)
        dns_ask_both(q);
    else
        dns_walk(q, 0);
    return 0;
}

static long dns_channel_timeout(ares_channel ch)
{
    struct timeval tv, *t;

    t = ares_timeout(ch, NULL, &tv);
    if (t == NULL)
        return -1;
    return (long)t->tv_sec * 1000 + (long)(t->tv_usec + 999) / 1000;
}

bool dns_resolver_nofile(const struct dns_resolver *r)
{
    return r->sock.nofile;
}

bool dns_resolver_hold(const struct dns_resolver *r)
{
    return verdict_dep_hold(&r->dep);
}

long dns_next_timeout_ms(struct dns_resolver *r)
{
    long a = dns_channel_timeout(r->channel), b = dns_channel_timeout(r->diag);

    if (a < 0 || (b >= 0 && b < a))
        return b;
    return a;
}

void dns_process_timeouts(struct dns_resolver *r)
{
    ares_process_fd(r->channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
    ares_process_fd(r->diag, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
}

#ifdef NETCHECK_UNITTESTS
/* The fuzz target's way in (tests/fuzz/fuzz_dns_reply.c): two raw replies,
 * A then AAAA, handled exactly as the loop hands them to dns_reply, on a
 * resolver with no channel (DNS only, so no query is ever sent).
 * ARES_ECONNREFUSED would re-ask on the diagnostic channel: refused. */
int dns_reply_feed(const char *host, int status, const unsigned char *a,
                   int alen, const unsigned char *aaaa, int aaaalen,
                   dns_done_cb cb, void *ud)
{
    struct dns_resolver r;
    struct dns_req *q;
    int rc;

    if (status == ARES_ECONNREFUSED || status == ARES_EDESTRUCTION)
        return NC_EINVAL;
    memset(&r, 0, sizeof(r));
    (void)nc_strlcpy(r.server, "192.0.2.53", sizeof(r.server));
    rc = dns_req_new(&r, host, cb, ud, &q);
    if (rc < 0)
        return rc;
    q->pending = 2;
    /* The second reply frees q (dns_finish). */
    dns_reply(&q->half[0], status, 0, (unsigned char *)(uintptr_t)a, alen);
    dns_reply(&q->half[1], status, 0, (unsigned char *)(uintptr_t)aaaa,
              aaaalen);
    return 0;
}
#endif
