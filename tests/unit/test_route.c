/* route.c: the RTM_GETROUTE request and reply on the wire, lookups against
 * this machine's kernel (loopback only; no namespace, no traffic), and
 * route_uid_parse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

#include "cidr.h"
#include "nc.h"
#include "route.h"

#define SEQ  4242u
#define PORT 777u

/* ---- route_uid_parse ---- */

struct uid_case {
    const char *in;
    int rc;
    uid_t uid;
};

static const struct uid_case uid_cases[] = {
    {"0", 0, 0},
    {"root", 0, 0},
    {"nobody", 0, 65534}, /* Debian base-passwd */
    {"12345", 0, 12345},
    {"4294967294", 0, 4294967294u},
    {"4294967295", NC_EPARSE, 0}, /* (uid_t)-1 */
    {"", NC_EPARSE, 0},
    {"no-such-user-xyz", NC_EPARSE, 0},
    {"12abc", NC_EPARSE, 0},
    {"-1", NC_EPARSE, 0},
    {" 0", NC_EPARSE, 0},
};

static void test_uid_parse_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(uid_cases) / sizeof(uid_cases[0]); i++) {
        uid_t got = 999;
        int rc = route_uid_parse(uid_cases[i].in, &got);

        if (rc != uid_cases[i].rc)
            fail_msg("'%s': rc %d, want %d", uid_cases[i].in, rc,
                     uid_cases[i].rc);
        if (rc == 0 && got != uid_cases[i].uid)
            fail_msg("'%s': uid %u, want %u", uid_cases[i].in, (unsigned)got,
                     (unsigned)uid_cases[i].uid);
        if (rc != 0 && got != 999)
            fail_msg("'%s': out written on error", uid_cases[i].in);
    }
    assert_int_equal(route_uid_parse(NULL, &(uid_t){0}), NC_EPARSE);
}

static void test_uid_parse_alloc_fail(void **state)
{
    uid_t got = 999;

    (void)state;
    nc_alloc_fail_after(0);
    assert_int_equal(route_uid_parse("root", &got), NC_ENOMEM);
    assert_int_equal(got, 999);
    assert_int_equal(route_uid_parse("0", &got), 0); /* no allocation */
    assert_int_equal(got, 0);
    nc_alloc_fail_after(-1);
}

/* ---- the request ---- */

struct attr_seen {
    const struct nlattr *tb[RTA_MAX + 1];
};

static int attr_collect(const struct nlattr *attr, void *data)
{
    struct attr_seen *s = data;
    uint16_t type = mnl_attr_get_type(attr);

    if (type <= RTA_MAX)
        s->tb[type] = attr;
    return MNL_CB_OK;
}

static void check_request(const char *dst, int af, unsigned dst_len,
                          unsigned alen)
{
    uint32_t buf[64];
    struct nc_addr a;
    struct attr_seen seen;
    const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
    const struct rtmsg *rtm;
    size_t len;

    memset(&seen, 0, sizeof(seen));
    assert_int_equal(nc_addr_parse(dst, &a), 0);
    len = route_request_build(buf, sizeof(buf), &a, 12345, SEQ);
    assert_true(len > 0);
    assert_int_equal(nlh->nlmsg_len, len);
    assert_int_equal(nlh->nlmsg_type, RTM_GETROUTE);
    assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST);
    assert_int_equal(nlh->nlmsg_seq, SEQ);
    rtm = mnl_nlmsg_get_payload(nlh);
    assert_int_equal(rtm->rtm_family, af);
    assert_int_equal(rtm->rtm_dst_len, dst_len);
    assert_int_equal(mnl_attr_parse(nlh, sizeof(*rtm), attr_collect, &seen),
                     MNL_CB_OK);
    assert_non_null(seen.tb[RTA_DST]);
    assert_int_equal(mnl_attr_get_payload_len(seen.tb[RTA_DST]), alen);
    assert_memory_equal(mnl_attr_get_payload(seen.tb[RTA_DST]), a.bytes, alen);
    assert_non_null(seen.tb[RTA_UID]);
    assert_int_equal(mnl_attr_get_u32(seen.tb[RTA_UID]), 12345);
    assert_null(seen.tb[RTA_OIF]);
}

static void test_request_build(void **state)
{
    uint32_t small[8];
    struct nc_addr a;

    (void)state;
    check_request("203.0.113.7", AF_INET, 32, 4);
    check_request("2001:db8::1", AF_INET6, 128, 16);
    assert_int_equal(nc_addr_parse("203.0.113.7", &a), 0);
    assert_int_equal(route_request_build(small, sizeof(small), &a, 0, 1), 0);
    a.family = 0;
    assert_int_equal(route_request_build(small, sizeof(small), &a, 0, 1), 0);
}

/* ---- the reply, handcrafted ---- */

struct reply {
    uint32_t buf[256];
    size_t len; /* bytes used by finished messages */
};

static struct nlmsghdr *reply_route(struct reply *rp, unsigned seq,
                                    unsigned port, int af, unsigned char type)
{
    struct nlmsghdr *nlh = mnl_nlmsg_put_header((char *)rp->buf + rp->len);
    struct rtmsg *rtm;

    nlh->nlmsg_type = RTM_NEWROUTE;
    nlh->nlmsg_seq = seq;
    nlh->nlmsg_pid = port;
    rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
    rtm->rtm_family = (unsigned char)af;
    rtm->rtm_type = type;
    return nlh;
}

static void reply_end(struct reply *rp, const struct nlmsghdr *nlh)
{
    rp->len += (nlh->nlmsg_len + 3u) & ~3u;
}

static void reply_error(struct reply *rp, unsigned seq, int error)
{
    struct nlmsghdr *nlh = mnl_nlmsg_put_header((char *)rp->buf + rp->len);
    struct nlmsgerr *err;

    nlh->nlmsg_type = NLMSG_ERROR;
    nlh->nlmsg_seq = seq;
    nlh->nlmsg_pid = PORT;
    err = mnl_nlmsg_put_extra_header(nlh, sizeof(*err));
    err->error = error;
    reply_end(rp, nlh);
}

static void put_addr(struct nlmsghdr *nlh, uint16_t type, const char *s)
{
    struct nc_addr a;

    assert_int_equal(nc_addr_parse(s, &a), 0);
    mnl_attr_put(nlh, type, a.family == 4 ? 4 : 16, a.bytes);
}

static void assert_addr(const struct nc_addr *a, const char *want)
{
    char buf[NC_ADDRSTRLEN];

    nc_addr_format(a, buf, sizeof(buf));
    assert_string_equal(buf, want);
}

static void test_reply_gateway(void **state)
{
    struct reply rp = {.len = 0};
    struct nlmsghdr *nlh;
    struct nc_route r;
    unsigned lo = if_nametoindex("lo");

    (void)state;
    assert_true(lo > 0);
    nlh = reply_route(&rp, SEQ, PORT, AF_INET, RTN_UNICAST);
    put_addr(nlh, RTA_DST, "203.0.113.7");
    mnl_attr_put_u32(nlh, RTA_OIF, lo);
    put_addr(nlh, RTA_GATEWAY, "198.51.100.1");
    put_addr(nlh, RTA_PREFSRC, "198.51.100.2");
    mnl_attr_put_u32(nlh, RTA_UID, 12345);
    reply_end(&rp, nlh);
    memset(&r, 0xa5, sizeof(r));
    assert_int_equal(route_reply_parse(rp.buf, rp.len, SEQ, PORT, &r), 1);
    assert_true(r.found);
    assert_int_equal(r.error, 0);
    assert_string_equal(r.dev, "lo");
    assert_true(r.has_via);
    assert_addr(&r.via, "198.51.100.1");
    assert_true(r.has_src);
    assert_addr(&r.src, "198.51.100.2");
}

static void test_reply_via_v6_nexthop(void **state)
{
    struct reply rp = {.len = 0};
    struct nlmsghdr *nlh;
    struct nc_route r;
    unsigned char via[2 + 16];
    struct nc_addr gw;
    uint16_t fam = AF_INET6;

    (void)state;
    assert_int_equal(nc_addr_parse("2001:db8::1", &gw), 0);
    memcpy(via, &fam, sizeof(fam));
    memcpy(via + 2, gw.bytes, 16);
    nlh = reply_route(&rp, SEQ, PORT, AF_INET, RTN_UNICAST);
    mnl_attr_put(nlh, RTA_VIA, sizeof(via), via);
    reply_end(&rp, nlh);
    assert_int_equal(route_reply_parse(rp.buf, rp.len, SEQ, PORT, &r), 1);
    assert_true(r.found);
    assert_string_equal(r.dev, "");
    assert_true(r.has_via);
    assert_int_equal(r.via.family, 6);
    assert_addr(&r.via, "2001:db8::1");
    assert_false(r.has_src);
}

struct noroute_case {
    int error; /* NLMSG_ERROR value, 0 for an RTM_NEWROUTE of type */
    unsigned char type;
    int rc;
    int want_errno;
};

static const struct noroute_case noroute_cases[] = {
    {-ENETUNREACH, 0, 1, ENETUNREACH},
    {-EHOSTUNREACH, 0, 1, EHOSTUNREACH},
    {-EACCES, 0, 1, EACCES},
    {-EINVAL, 0, 1, EINVAL},
    {-ENOMEM, 0, NC_EIO, 0},
    {-EPERM, 0, NC_EIO, 0},
    {5, 0, NC_EIO, 0},
    {0, RTN_UNREACHABLE, 1, EHOSTUNREACH},
    {0, RTN_PROHIBIT, 1, EACCES},
    {0, RTN_BLACKHOLE, 1, EINVAL},
};

static void test_reply_noroute_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(noroute_cases) / sizeof(noroute_cases[0]); i++) {
        const struct noroute_case *c = &noroute_cases[i];
        struct reply rp = {.len = 0};
        struct nc_route r;
        int rc;

        if (c->error != 0) {
            reply_error(&rp, SEQ, c->error);
        } else {
            struct nlmsghdr *nlh =
                reply_route(&rp, SEQ, PORT, AF_INET6, c->type);
            mnl_attr_put_u32(nlh, RTA_OIF, 1);
            reply_end(&rp, nlh);
        }
        memset(&r, 0xa5, sizeof(r));
        rc = route_reply_parse(rp.buf, rp.len, SEQ, PORT, &r);
        if (rc != c->rc)
            fail_msg("case %zu: rc %d, want %d", i, rc, c->rc);
        if (rc == 1 && (r.found || r.error != c->want_errno || r.has_via))
            fail_msg("case %zu: found %d error %d", i, r.found, r.error);
    }
}

static void test_reply_stale_skipped(void **state)
{
    struct reply rp = {.len = 0};
    struct nlmsghdr *nlh;
    struct nc_route r;

    (void)state;
    /* An answer to an earlier request, then one for another port. */
    nlh = reply_route(&rp, SEQ - 1, PORT, AF_INET, RTN_UNICAST);
    put_addr(nlh, RTA_GATEWAY, "198.51.100.9");
    reply_end(&rp, nlh);
    nlh = reply_route(&rp, SEQ, PORT + 1, AF_INET, RTN_UNICAST);
    put_addr(nlh, RTA_GATEWAY, "198.51.100.8");
    reply_end(&rp, nlh);
    r.error = 1234;
    assert_int_equal(route_reply_parse(rp.buf, rp.len, SEQ, PORT, &r), 0);
    assert_int_equal(r.error, 1234); /* untouched */

    nlh = reply_route(&rp, SEQ, PORT, AF_INET, RTN_UNICAST);
    put_addr(nlh, RTA_GATEWAY, "198.51.100.1");
    reply_end(&rp, nlh);
    assert_int_equal(route_reply_parse(rp.buf, rp.len, SEQ, PORT, &r), 1);
    assert_addr(&r.via, "198.51.100.1");

    /* An ACK we did not ask for is no answer. */
    rp.len = 0;
    reply_error(&rp, SEQ, 0);
    assert_int_equal(route_reply_parse(rp.buf, rp.len, SEQ, PORT, &r), 0);
}

static void test_reply_malformed(void **state)
{
    struct reply rp = {.len = 0};
    struct nlmsghdr *nlh;
    struct nc_route r;
    unsigned char three[3] = {198, 51, 100};
    unsigned char via[2 + 4] = {0};

    (void)state;
    /* Truncated in the middle of the message. */
    nlh = reply_route(&rp, SEQ, PORT, AF_INET, RTN_UNICAST);
    put_addr(nlh, RTA_GATEWAY, "198.51.100.1");
    reply_end(&rp, nlh);
    assert_int_equal(route_reply_parse(rp.buf, rp.len - 4, SEQ, PORT, &r),
                     NC_EIO);
    assert_int_equal(route_reply_parse(rp.buf, 8, SEQ, PORT, &r), NC_EIO);

    /* A gateway of the wrong length for the family. */
    rp.len = 0;
    nlh = reply_route(&rp, SEQ, PORT, AF_INET, RTN_UNICAST);
    mnl_attr_put(nlh, RTA_GATEWAY, sizeof(three), three);
    reply_end(&rp, nlh);
    assert_int_equal(route_reply_parse(rp.buf, rp.len, SEQ, PORT, &r), NC_EIO);

    /* An IPv4 gateway in an IPv6 reply. */
    rp.len = 0;
    nlh = reply_route(&rp, SEQ, PORT, AF_INET6, RTN_UNICAST);
    put_addr(nlh, RTA_GATEWAY, "198.51.100.1");
    reply_end(&rp, nlh);
    assert_int_equal(route_reply_parse(rp.buf, rp.len, SEQ, PORT, &r), NC_EIO);

    /* RTA_VIA of an unknown family, and one too short for its header. */
    rp.len = 0;
    nlh = reply_route(&rp, SEQ, PORT, AF_INET, RTN_UNICAST);
    mnl_attr_put(nlh, RTA_VIA, sizeof(via), via);
    reply_end(&rp, nlh);
    assert_int_equal(route_reply_parse(rp.buf, rp.len, SEQ, PORT, &r), NC_EIO);
    rp.len = 0;
    nlh = reply_route(&rp, SEQ, PORT, AF_INET, RTN_UNICAST);
    mnl_attr_put(nlh, RTA_VIA, 1, via);
    reply_end(&rp, nlh);
    assert_int_equal(route_reply_parse(rp.buf, rp.len, SEQ, PORT, &r), NC_EIO);

    /* An RTM_NEWROUTE too short for its rtmsg, an error without nlmsgerr. */
    rp.len = 0;
    nlh = mnl_nlmsg_put_header(rp.buf);
    nlh->nlmsg_type = RTM_NEWROUTE;
    nlh->nlmsg_seq = SEQ;
    nlh->nlmsg_pid = PORT;
    reply_end(&rp, nlh);
    assert_int_equal(route_reply_parse(rp.buf, rp.len, SEQ, PORT, &r), NC_EIO);
    nlh->nlmsg_type = NLMSG_ERROR;
    assert_int_equal(route_reply_parse(rp.buf, rp.len, SEQ, PORT, &r), NC_EIO);
    assert_int_equal(route_reply_parse(NULL, 0, SEQ, PORT, &r), NC_EIO);
}

/* The audit's two reproducers (issue 13): a header claiming 2^31 bytes,
 * which libmnl's int cast let through and stepped 4 GiB past, and an
 * NLMSG_ERROR carrying INT_MIN, whose negation is undefined. */
static void test_reply_hostile_lengths(void **state)
{
    static const unsigned char huge[16] = {0xf0, 0xff, 0xff, 0xff, 3, 0,
                                           0,    0,    1,    0,    0, 0};
    static const unsigned char intmin[36] = {
        0x24, 0,    0,    0, 2, 0, 0,    0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0,    0x80, 0x10, 0, 0, 0, 0x18, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
    unsigned char two[40];
    struct nc_route r;

    (void)state;
    memset(&r, 0xa5, sizeof(r));
    assert_int_equal(route_reply_parse(huge, sizeof(huge), 1, 0, &r), NC_EIO);
    assert_int_equal(route_reply_parse(intmin, sizeof(intmin), 1, 0, &r),
                     NC_EIO);
    /* A whole first message followed by a header claiming more than is
     * left: the first is stale, the second must not be walked into. */
    memcpy(two, intmin, 20);
    two[8] = 9; /* another seq */
    two[0] = 20;
    memcpy(two + 20, huge, 16);
    memset(two + 36, 0, 4);
    assert_int_equal(route_reply_parse(two, sizeof(two), 1, 0, &r), NC_EIO);
}

/* ---- the kernel (loopback; 203.0.113.0/24 looked up, never contacted) ---- */

static int kernel_setup(void **state)
{
    static struct route_ops ops;

    if (route_netlink_open(&ops) != 0)
        return -1;
    *state = &ops;
    return 0;
}

static int kernel_teardown(void **state)
{
    route_netlink_close(*state);
    return 0;
}

static void lookup(struct route_ops *ops, const char *dst, uid_t uid,
                   struct nc_route *r)
{
    struct nc_addr a;

    assert_int_equal(nc_addr_parse(dst, &a), 0);
    memset(r, 0xa5, sizeof(*r));
    assert_int_equal(ops->lookup(ops->ctx, &a, uid, r), 0);
}

static void test_kernel_loopback_v4(void **state)
{
    struct route_ops *ops = *state;
    struct nc_route r;
    int i;

    /* Many in a row: sequence numbers advance, nothing stale is left. */
    for (i = 0; i < 50; i++) {
        lookup(ops, "127.0.0.1", i % 2 ? getuid() : 12345, &r);
        assert_true(r.found);
        assert_int_equal(r.error, 0);
        assert_string_equal(r.dev, "lo");
        assert_false(r.has_via);
        assert_true(r.has_src);
        assert_addr(&r.src, "127.0.0.1");
    }
}

static void test_kernel_loopback_v6(void **state)
{
    struct route_ops *ops = *state;
    struct nc_route r;

    if (access("/proc/net/if_inet6", F_OK) != 0)
        skip(); /* IPv6 disabled in this kernel */
    lookup(ops, "::1", getuid(), &r);
    assert_true(r.found);
    assert_string_equal(r.dev, "lo");
    assert_false(r.has_via);
    if (r.has_src)
        assert_addr(&r.src, "::1");
}

static void test_kernel_documentation_net(void **state)
{
    struct route_ops *ops = *state;
    struct nc_route r;

    lookup(ops, "203.0.113.5", 12345, &r);
    if (r.found) {
        assert_int_equal(r.error, 0);
        assert_true(r.dev[0] != '\0');
        assert_true(!r.has_via || r.via.family == 4 || r.via.family == 6);
    } else {
        assert_int_not_equal(r.error, 0);
    }
}

static void test_kernel_bad_args(void **state)
{
    struct route_ops *ops = *state;
    struct nc_route r;
    struct nc_addr a = {.family = 0};

    r.error = 4321;
    assert_int_equal(ops->lookup(ops->ctx, &a, 0, &r), NC_EINVAL);
    assert_int_equal(ops->lookup(ops->ctx, NULL, 0, &r), NC_EINVAL);
    assert_int_equal(r.error, 4321);
}

static void test_open_close(void **state)
{
    struct route_ops ops = {.lookup = NULL, .ctx = NULL};

    (void)state;
    nc_alloc_fail_after(0);
    assert_int_equal(route_netlink_open(&ops), NC_ENOMEM);
    nc_alloc_fail_after(-1);
    assert_null(ops.lookup);
    assert_null(ops.ctx);
    assert_int_equal(route_netlink_open(NULL), NC_EINVAL);

    /* Closing without a lookup (no socket yet), twice, and NULL. */
    assert_int_equal(route_netlink_open(&ops), 0);
    assert_non_null(ops.lookup);
    route_netlink_close(&ops);
    assert_null(ops.ctx);
    assert_null(ops.lookup);
    route_netlink_close(&ops);
    route_netlink_close(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uid_parse_table),
        cmocka_unit_test(test_uid_parse_alloc_fail),
        cmocka_unit_test(test_request_build),
        cmocka_unit_test(test_reply_gateway),
        cmocka_unit_test(test_reply_via_v6_nexthop),
        cmocka_unit_test(test_reply_noroute_table),
        cmocka_unit_test(test_reply_stale_skipped),
        cmocka_unit_test(test_reply_malformed),
        cmocka_unit_test(test_reply_hostile_lengths),
        cmocka_unit_test_setup_teardown(test_kernel_loopback_v4, kernel_setup,
                                        kernel_teardown),
        cmocka_unit_test_setup_teardown(test_kernel_loopback_v6, kernel_setup,
                                        kernel_teardown),
        cmocka_unit_test_setup_teardown(test_kernel_documentation_net,
                                        kernel_setup, kernel_teardown),
        cmocka_unit_test_setup_teardown(test_kernel_bad_args, kernel_setup,
                                        kernel_teardown),
        cmocka_unit_test(test_open_close),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
