/* Route lookup through rtnetlink RTM_GETROUTE with libmnl, the request
 * `ip route get ADDR uid UID` sends (iproute2 iproute_get). */
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <pwd.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>

#include "nc.h"
#include "route.h"
#include "str.h"

UNITTEST int route_reply_parse(const void *buf, size_t len, unsigned seq,
                               unsigned portid, struct nc_route *out);

#define ROUTE_RECV_ROUNDS  8            /* receives per lookup (stale skips) */
#define ROUTE_RECV_TIMEOUT 2            /* seconds; the kernel answers inline */
#define ROUTE_BUF_DEFAULT  8192         /* when sysconf cannot say */
#define ROUTE_UID_MAX      4294967294UL /* (uid_t)-1 means "no uid" */
#define ROUTE_PW_BUF_MIN   1024
#define ROUTE_PW_BUF_MAX   65536

struct route_nl {
    struct mnl_socket *nl; /* opened on first lookup */
    unsigned portid;
    unsigned seq;
    size_t buflen;
    char buf[]; /* one receive, MNL_SOCKET_BUFFER_SIZE bytes */
};

struct route_attrs {
    int family; /* AF_INET or AF_INET6, from the rtmsg */
    struct nc_route r;
};

static int addr_from_wire(int af, const void *p, size_t len, struct nc_addr *a)
{
    if (af == AF_INET && len == 4)
        a->family = 4;
    else if (af == AF_INET6 && len == 16)
        a->family = 6;
    else
        return NC_EIO;
    memset(a->bytes, 0, sizeof(a->bytes));
    memcpy(a->bytes, p, len);
    return 0;
}

UNITTEST size_t route_request_build(void *buf, size_t n,
                                    const struct nc_addr *dst, uid_t uid,
                                    unsigned seq)
{
    struct nlmsghdr *nlh;
    struct rtmsg *rtm;
    size_t alen;

    if (dst == NULL || (dst->family != 4 && dst->family != 6) ||
        n < NLMSG_SPACE(sizeof(*rtm)))
        return 0;
    alen = dst->family == 4 ? 4 : 16;
    memset(buf, 0, NLMSG_SPACE(sizeof(*rtm)));
    nlh = mnl_nlmsg_put_header(buf);
    nlh->nlmsg_type = RTM_GETROUTE;
    nlh->nlmsg_flags = NLM_F_REQUEST;
    nlh->nlmsg_seq = seq;
    rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
    rtm->rtm_family = dst->family == 4 ? AF_INET : AF_INET6;
    rtm->rtm_dst_len = (unsigned char)(alen * 8);
    if (!mnl_attr_put_check(nlh, n, RTA_DST, alen, dst->bytes) ||
        !mnl_attr_put_u32_check(nlh, n, RTA_UID, (uint32_t)uid))
        return 0;
    return nlh->nlmsg_len;
}

static int route_attr_cb(const struct nlattr *attr, void *data)
{
    struct route_attrs *st = data;
    const void *p = mnl_attr_get_payload(attr);
    size_t len = mnl_attr_get_payload_len(attr);
    const struct rtvia *via = p;
    char name[IF_NAMESIZE];

    switch (mnl_attr_get_type(attr)) {
    case RTA_OIF:
        if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
            return MNL_CB_ERROR;
        if (if_indextoname(mnl_attr_get_u32(attr), name) != NULL)
            (void)nc_strlcpy(st->r.dev, name, sizeof(st->r.dev));
        break;
    case RTA_GATEWAY:
        if (addr_from_wire(st->family, p, len, &st->r.via) < 0)
            return MNL_CB_ERROR;
        st->r.has_via = true;
        break;
    case RTA_VIA: /* RFC 5549: an IPv4 route through an IPv6 next hop */
        if (len < sizeof(*via) ||
            addr_from_wire(via->rtvia_family, via->rtvia_addr,
                           len - sizeof(*via), &st->r.via) < 0)
            return MNL_CB_ERROR;
        st->r.has_via = true;
        break;
    case RTA_PREFSRC:
        if (addr_from_wire(st->family, p, len, &st->r.src) < 0)
            return MNL_CB_ERROR;
        st->r.has_src = true;
        break;
    default:
        break;
    }
    return MNL_CB_OK;
}

/* An unreachable, prohibit or blackhole answer: the fib_props errors. */
static bool route_errno_is_noroute(int e)
{
    return e == ENETUNREACH || e == EHOSTUNREACH || e == EACCES || e == EINVAL;
}

static int route_reply_one(const struct nlmsghdr *nlh, struct nc_route *out)
{
    const struct nlmsgerr *err;
    const struct rtmsg *rtm;
    struct route_attrs st;

    memset(&st, 0, sizeof(st));
    if (nlh->nlmsg_type == NLMSG_ERROR) {
        if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*err))
            return NC_EIO;
        err = mnl_nlmsg_get_payload(nlh);
        if (err->error == 0) /* an ACK we did not ask for */
            return 0;
        /* INT_MIN cannot be negated: it is no errno the kernel sends. */
        if (err->error > 0 || err->error == INT_MIN ||
            !route_errno_is_noroute(-err->error))
            return NC_EIO;
        st.r.error = -err->error;
        *out = st.r;
        return 1;
    }
    if (nlh->nlmsg_type != RTM_NEWROUTE)
        return nlh->nlmsg_type == NLMSG_OVERRUN ? NC_EIO : 0;
    if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*rtm))
        return NC_EIO;
    rtm = mnl_nlmsg_get_payload(nlh);
    st.family = rtm->rtm_family;
    if (mnl_attr_parse(nlh, sizeof(*rtm), route_attr_cb, &st) < 0)
        return NC_EIO;
    switch (rtm->rtm_type) {
    case RTN_UNREACHABLE:
        st.r.error = EHOSTUNREACH;
        break;
    case RTN_PROHIBIT:
        st.r.error = EACCES;
        break;
    case RTN_BLACKHOLE:
        st.r.error = EINVAL;
        break;
    default:
        st.r.found = true;
        break;
    }
    *out = st.r;
    return 1;
}

UNITTEST int route_reply_parse(const void *buf, size_t len, unsigned seq,
                               unsigned portid, struct nc_route *out)
{
    const unsigned char *p = buf;
    size_t left = len;
    int rc;

    if (buf == NULL || out == NULL || len > INT_MAX)
        return NC_EIO;
    /* Walk the messages ourselves rather than with mnl_nlmsg_ok/next:
     * libmnl casts nlmsg_len to int, so a length of 2^31 or more passes
     * its check as negative and the next step jumps 4 GiB. Every length is
     * checked against what is left before a header is trusted. */
    while (left > 0) {
        const struct nlmsghdr *nlh = (const void *)p;
        size_t step;

        if (left < sizeof(*nlh) || nlh->nlmsg_len < sizeof(*nlh) ||
            nlh->nlmsg_len > left)
            return NC_EIO; /* truncated or malformed */
        if (nlh->nlmsg_seq == seq && nlh->nlmsg_pid == portid) {
            rc = route_reply_one(nlh, out);
            if (rc != 0)
                return rc;
        } /* else stale: a reply to an earlier, abandoned request */
        step = ((size_t)nlh->nlmsg_len + MNL_ALIGNTO - 1) &
               ~(size_t)(MNL_ALIGNTO - 1);
        if (step >= left)
            break;
        p += step;
        left -= step;
    }
    return 0;
}

static int route_nl_connect(struct route_nl *ctx)
{
    struct timeval tv = {.tv_sec = ROUTE_RECV_TIMEOUT, .tv_usec = 0};
    struct mnl_socket *nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);

    if (nl == NULL)
        return NC_EIO;
    if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0 ||
        setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_RCVTIMEO, &tv,
                   sizeof(tv)) < 0) {
        mnl_socket_close(nl);
        return NC_EIO;
    }
    ctx->nl = nl;
    ctx->portid = mnl_socket_get_portid(nl);
    return 0;
}

static int route_nl_lookup(void *vctx, const struct nc_addr *dst, uid_t uid,
                           struct nc_route *out)
{
    struct route_nl *ctx = vctx;
    uint32_t req[64]; /* aligned for struct nlmsghdr */
    struct nc_route r;
    size_t len;
    ssize_t got;
    int i, rc;

    if (ctx == NULL || dst == NULL || out == NULL ||
        (dst->family != 4 && dst->family != 6))
        return NC_EINVAL;
    if (ctx->nl == NULL) {
        rc = route_nl_connect(ctx);
        if (rc < 0)
            return rc;
    }
    if (++ctx->seq == 0)
        ctx->seq = 1;
    len = route_request_build(req, sizeof(req), dst, uid, ctx->seq);
    if (len == 0)
        return NC_EINTERNAL;
    if (mnl_socket_sendto(ctx->nl, req, len) < 0)
        return NC_EIO;
    rc = 0;
    for (i = 0; i < ROUTE_RECV_ROUNDS && rc == 0; i++) {
        got = mnl_socket_recvfrom(ctx->nl, ctx->buf, ctx->buflen);
        if (got < 0) {
            rc = errno == EINTR ? 0 : NC_EIO;
            continue;
        }
        rc =
            route_reply_parse(ctx->buf, (size_t)got, ctx->seq, ctx->portid, &r);
    }
    if (rc == 0)
        return NC_EIO;
    if (rc < 0)
        return rc;
    *out = r;
    return 0;
}

int route_netlink_open(struct route_ops *ops)
{
    long sz = MNL_SOCKET_BUFFER_SIZE;
    struct route_nl *ctx;

    if (ops == NULL)
        return NC_EINVAL;
    if (sz <= 0)
        sz = ROUTE_BUF_DEFAULT;
    ctx = nc_calloc(1, sizeof(*ctx) + (size_t)sz);
    if (ctx == NULL)
        return NC_ENOMEM;
    ctx->buflen = (size_t)sz;
    ops->lookup = route_nl_lookup;
    ops->ctx = ctx;
    return 0;
}

void route_netlink_close(struct route_ops *ops)
{
    struct route_nl *ctx;

    if (ops == NULL)
        return;
    ctx = ops->ctx;
    if (ctx != NULL && ctx->nl != NULL)
        mnl_socket_close(ctx->nl);
    nc_free(ctx);
    ops->ctx = NULL;
    ops->lookup = NULL;
}

int route_uid_parse(const char *user, uid_t *out)
{
    struct passwd pw, *res = NULL;
    unsigned long v;
    size_t n;
    char *buf;
    int e = ERANGE;

    if (user == NULL || *user == '\0' || out == NULL)
        return NC_EPARSE;
    if (nc_parse_uint(user, 0, ROUTE_UID_MAX, &v) == 0) {
        *out = (uid_t)v;
        return 0;
    }
    for (n = ROUTE_PW_BUF_MIN; e == ERANGE && n <= ROUTE_PW_BUF_MAX; n *= 2) {
        buf = nc_malloc(n);
        if (buf == NULL)
            return NC_ENOMEM;
        e = getpwnam_r(user, &pw, buf, n, &res);
        if (e == 0 && res != NULL)
            *out = pw.pw_uid;
        nc_free(buf);
    }
    return e == 0 && res != NULL ? 0 : NC_EPARSE;
}

bool route_ifname_exists(const char *name)
{
    return name[0] != '\0' && strlen(name) < IF_NAMESIZE &&
           if_nametoindex(name) != 0;
}
