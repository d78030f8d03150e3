/* verdict.c from handcrafted facts: no sockets, no resolver. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_result.h"
#include "errtext.h"
#include "fixture_check.h"
#include "problem.h"
#include "result.h"
#include "verdict.h"

/* A check whose strings live in the fixture itself (never copied). */
struct fixture {
    struct nc_check c;
    struct fx_check_strings s;
    char expect[64];
    char rule[64];
    struct nc_cidr ranges[8];
};

static void fx_init(struct fixture *fx, const char *scheme, const char *host,
                    unsigned port)
{
    memset(fx, 0, sizeof(*fx));
    fx_check_init(&fx->c, &fx->s, scheme, host, port);
}

static void fx_expect_body(struct fixture *fx, const char *text)
{
    (void)snprintf(fx->expect, sizeof(fx->expect), "%s", text);
    fx->c.expect_body = fx->expect;
}

static void fx_rule(struct fixture *fx, const char *rule)
{
    (void)snprintf(fx->rule, sizeof(fx->rule), "%s", rule);
    fx->c.rule = fx->rule;
}

static void fx_range4(struct fixture *fx, unsigned char a, unsigned char b,
                      unsigned char c, unsigned prefix)
{
    struct nc_cidr *r = &fx->ranges[fx->c.n_ranges++];

    memset(r, 0, sizeof(*r));
    r->base.family = 4;
    r->base.bytes[0] = a;
    r->base.bytes[1] = b;
    r->base.bytes[2] = c;
    r->prefix = prefix;
    fx->c.ranges = fx->ranges;
}

static void addr_init(struct nc_addr_result *r, const char *ip, int in_ranges)
{
    memset(r, 0, sizeof(*r));
    if (ip[0] != '\0') /* "": a zeroed address, family 0 */
        assert_int_equal(nc_addr_parse(ip, &r->addr), 0);
    r->in_ranges = in_ranges;
}

/* An address's detail is a heap text of the result that holds it; the
 * addresses here live on the stack or in static storage, with no result
 * to release them. Each detail written is kept reachable here instead
 * (test memory, not a leak) and never freed twice: a new one is always
 * written into a fresh pointer. */
static char **kept;
static size_t n_kept;
static struct nc_check_result addr_owner; /* takes the oom flag */

static void keep(char *s)
{
    char **v;

    if (s == NULL || s[0] == '\0') /* the shared "" */
        return;
    v = realloc(kept, (n_kept + 1) * sizeof(*v));
    assert_non_null(v);
    kept = v;
    kept[n_kept++] = s;
}

/* verdict_addr with r's detail kept. */
static void vaddr(const struct nc_check *c, const struct nc_addr_facts *f,
                  struct nc_addr_result *r)
{
    r->detail = NULL;
    verdict_addr(c, f, &addr_owner, r);
    assert_false(addr_owner.oom);
    keep(r->detail);
}

/* Set a's detail, kept. */
static void addr_detail_set(struct nc_addr_result *a, const char *text)
{
    a->detail = NULL;
    (void)result_printf(&addr_owner, &a->detail, NC_ADDR_DETAIL_MAX, "%s",
                        text);
    assert_false(addr_owner.oom);
    keep(a->detail);
}

static void check_contains(const char *what, const char *hay,
                           const char *needle)
{
    if (strstr(hay, needle) == NULL)
        fail_msg("%s: \"%s\" does not contain \"%s\"", what, hay, needle);
}

static void check_lacks(const char *what, const char *hay, const char *needle)
{
    if (strstr(hay, needle) != NULL)
        fail_msg("%s: \"%s\" contains \"%s\"", what, hay, needle);
}

static void check_problem(const char *what, enum nc_problem got,
                          enum nc_problem want)
{
    if (got != want)
        fail_msg("%s: problem %s, expected %s", what,
                 got == NC_PROBLEM_NONE ? "none" : problem_code(got),
                 want == NC_PROBLEM_NONE ? "none" : problem_code(want));
}

/* ---- verdict_addr ---- */

struct addr_case {
    const char *name;
    const char *scheme; /* NULL: https */
    const char *ip;     /* NULL: 203.0.113.7 */
    unsigned smin, smax;
    int in_ranges;
    struct nc_addr_facts f;
    enum nc_problem want;
    const char *needles[4];
};

#define OK_FACTS(status)                                                       \
    {                                                                          \
        .xfer = NC_XFER_OK, .connected = true, .tls_done = true,               \
        .http_status = (status), .body_match = -1                              \
    }

static const struct addr_case addr_cases[] = {
    {"refused",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_CONNECT_FAIL, .os_errno = ECONNREFUSED},
     NC_PROBLEM_TCP_REFUSED,
     {"203.0.113.7:443 refused the connection"}},
    {"net unreachable",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_CONNECT_FAIL, .os_errno = ENETUNREACH},
     NC_PROBLEM_TCP_UNREACHABLE,
     {"203.0.113.7:443", "unreachable"}},
    {"host unreachable",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_CONNECT_FAIL, .os_errno = EHOSTUNREACH},
     NC_PROBLEM_TCP_UNREACHABLE,
     {"203.0.113.7:443", "unreachable"}},
    {"net down",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_CONNECT_FAIL, .os_errno = ENETDOWN},
     NC_PROBLEM_TCP_UNREACHABLE,
     {"203.0.113.7:443"}},
#ifdef EHOSTDOWN /* not in mingw-w64's errno.h (os/sock_map.c) */
    {"host down",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_CONNECT_FAIL, .os_errno = EHOSTDOWN},
     NC_PROBLEM_TCP_UNREACHABLE,
     {"203.0.113.7:443"}},
#endif
    {"kernel connect timeout",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_CONNECT_FAIL, .os_errno = ETIMEDOUT},
     NC_PROBLEM_TCP_TIMEOUT,
     {"203.0.113.7:443", "SYN", "firewall"}},
    {"connect fail without errno",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_CONNECT_FAIL},
     NC_PROBLEM_TCP_UNREACHABLE,
     {"could not connect to 203.0.113.7:443"}},
    {"syn timeout",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_TIMEOUT, .timeout_ms = 5000},
     NC_PROBLEM_TCP_TIMEOUT,
     {"no answer to TCP SYN within 5000 ms", "firewall", "203.0.113.7:443"}},
    {"syn timeout, limit unknown",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_TIMEOUT},
     NC_PROBLEM_TCP_TIMEOUT,
     {"no answer to TCP SYN in time"}},
    {"tls handshake timeout",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_TIMEOUT, .connected = true, .timeout_ms = 10000},
     NC_PROBLEM_TIMEOUT,
     {"connected to 203.0.113.7:443", "TLS handshake", "within 10000 ms",
      "middlebox"}},
    {"http answer timeout after tls",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_TIMEOUT,
      .connected = true,
      .tls_done = true,
      .timeout_ms = 10000},
     NC_PROBLEM_TIMEOUT,
     {"connected to 203.0.113.7:443", "no complete HTTP answer",
      "within 10000 ms"}},
    {"plain http answer timeout",
     "http",
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_TIMEOUT, .connected = true, .timeout_ms = 7000},
     NC_PROBLEM_TIMEOUT,
     {"connected to 203.0.113.7:80", "no complete HTTP answer",
      "within 7000 ms"}},
    {"tls handshake alert",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_TLS_HANDSHAKE,
      .connected = true,
      .tls_alert = "sslv3 alert handshake failure"},
     NC_PROBLEM_TLS_FAILED,
     {"TLS handshake with 203.0.113.7:443 failed",
      "sslv3 alert handshake failure"}},
    {"tls handshake without alert",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_TLS_HANDSHAKE, .connected = true},
     NC_PROBLEM_TLS_FAILED,
     {"TLS handshake with 203.0.113.7:443 failed"}},
    {"untrusted",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_TLS_VERIFY,
      .connected = true,
      .tls_done = true,
      .cert = NC_CERT_UNTRUSTED},
     NC_PROBLEM_TLS_UNTRUSTED,
     {"203.0.113.7:443", "not trusted"}},
    {"expired",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_TLS_VERIFY,
      .connected = true,
      .tls_done = true,
      .cert = NC_CERT_EXPIRED},
     NC_PROBLEM_TLS_EXPIRED,
     {"203.0.113.7:443", "has expired"}},
    {"not yet valid",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_TLS_VERIFY,
      .connected = true,
      .tls_done = true,
      .cert = NC_CERT_NOT_YET_VALID},
     NC_PROBLEM_TLS_EXPIRED,
     {"203.0.113.7:443", "not yet valid", "clock"}},
    {"name mismatch",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_TLS_VERIFY,
      .connected = true,
      .tls_done = true,
      .cert = NC_CERT_NAME_MISMATCH,
      .cert_names = "portal.example.net, www.portal.example.net"},
     NC_PROBLEM_TLS_NAME_MISMATCH,
     {"203.0.113.7:443", "portal.example.net", "not 'login.example.com'"}},
    {"name mismatch, names unknown",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_TLS_VERIFY,
      .connected = true,
      .tls_done = true,
      .cert = NC_CERT_NAME_MISMATCH},
     NC_PROBLEM_TLS_NAME_MISMATCH,
     {"other names", "not 'login.example.com'"}},
    {"other certificate error",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_TLS_VERIFY,
      .connected = true,
      .tls_done = true,
      .cert = NC_CERT_OTHER,
      .tls_alert = "certificate revoked"},
     NC_PROBLEM_TLS_FAILED,
     {"203.0.113.7:443", "rejected", "certificate revoked"}},
    {"reset during tls",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_RESET, .connected = true},
     NC_PROBLEM_TCP_RESET,
     {"203.0.113.7:443 reset the connection during the TLS handshake"}},
    {"reset after tls",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_RESET, .connected = true, .tls_done = true},
     NC_PROBLEM_TCP_RESET,
     {"203.0.113.7:443 reset or closed the connection"}},
    {"bad response",
     "http",
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_BAD_RESPONSE, .connected = true},
     NC_PROBLEM_HTTP_INVALID,
     {"203.0.113.7:80", "not valid HTTP"}},
    /* Framing curl refuses is the server's, never a firewall's reset. */
    {"headers too large",
     "http",
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_BAD_RESPONSE,
      .connected = true,
      .http_fault = NC_HTTP_FAULT_HEADERS_TOO_BIG},
     NC_PROBLEM_HTTP_INVALID,
     {"203.0.113.7:80 answered with headers larger than curl accepts",
      "not valid HTTP"}},
    {"overflowing chunk size",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_BAD_RESPONSE,
      .connected = true,
      .tls_done = true,
      .http_fault = NC_HTTP_FAULT_CHUNKED},
     NC_PROBLEM_HTTP_INVALID,
     {"203.0.113.7:443 answered with a broken chunked encoding", "overflows"}},
    {"other before connect",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_OTHER},
     NC_PROBLEM_TCP_UNREACHABLE,
     {"could not connect to 203.0.113.7:443"}},
    {"other during tls",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_OTHER, .connected = true},
     NC_PROBLEM_TLS_FAILED,
     {"TLS handshake with 203.0.113.7:443"}},
    {"other after tls",
     NULL,
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_OTHER, .connected = true, .tls_done = true},
     NC_PROBLEM_TCP_RESET,
     {"203.0.113.7:443", "broke off"}},
    {"other over plain http",
     "http",
     NULL,
     0,
     0,
     -1,
     {.xfer = NC_XFER_OTHER, .connected = true},
     NC_PROBLEM_TCP_RESET,
     {"203.0.113.7:80", "broke off"}},
    {"status outside range",
     NULL,
     NULL,
     200,
     299,
     -1,
     OK_FACTS(403),
     NC_PROBLEM_HTTP_STATUS,
     {"203.0.113.7:443", "403", "expected 200-299"}},
    {"status below range",
     NULL,
     NULL,
     200,
     299,
     -1,
     OK_FACTS(101),
     NC_PROBLEM_HTTP_STATUS,
     {"101", "expected 200-299"}},
    {"status must be exact",
     "http",
     NULL,
     204,
     204,
     -1,
     OK_FACTS(200),
     NC_PROBLEM_HTTP_STATUS,
     {"203.0.113.7:80 answered 200, expected 204"}},
    {"status at the lower bound",
     NULL,
     NULL,
     200,
     299,
     -1,
     OK_FACTS(200),
     NC_PROBLEM_NONE,
     {NULL}},
    {"status at the upper bound",
     NULL,
     NULL,
     200,
     299,
     -1,
     OK_FACTS(299),
     NC_PROBLEM_NONE,
     {NULL}},
    {"no status line",
     NULL,
     NULL,
     0,
     0,
     -1,
     OK_FACTS(0),
     NC_PROBLEM_HTTP_INVALID,
     {"203.0.113.7:443", "status line"}},
    {"pass, any status",
     NULL,
     NULL,
     0,
     0,
     -1,
     OK_FACTS(404),
     NC_PROBLEM_NONE,
     {NULL}},
    {"pass, inside ranges",
     NULL,
     NULL,
     0,
     0,
     1,
     OK_FACTS(200),
     NC_PROBLEM_NONE,
     {NULL}},
    {"ipv6 endpoint",
     NULL,
     "2001:db8::7",
     0,
     0,
     -1,
     {.xfer = NC_XFER_CONNECT_FAIL, .os_errno = ECONNREFUSED},
     NC_PROBLEM_TCP_REFUSED,
     {"[2001:db8::7]:443 refused the connection"}},
    {"outside ranges beats a good answer",
     NULL,
     NULL,
     0,
     0,
     0,
     OK_FACTS(200),
     NC_PROBLEM_ADDRESS_OUTSIDE_RANGES,
     {"203.0.113.7 is outside the allowed ranges", "198.51.100.0/24",
      "192.0.2.0/25", "answered here"}},
    {"outside ranges beats a refused connection",
     NULL,
     NULL,
     0,
     0,
     0,
     {.xfer = NC_XFER_CONNECT_FAIL, .os_errno = ECONNREFUSED},
     NC_PROBLEM_ADDRESS_OUTSIDE_RANGES,
     {"203.0.113.7 is outside the allowed ranges", "198.51.100.0/24",
      "also failed", "203.0.113.7:443 refused the connection"}},
    {"outside ranges beats a timeout",
     NULL,
     NULL,
     0,
     0,
     0,
     {.xfer = NC_XFER_TIMEOUT, .timeout_ms = 3000},
     NC_PROBLEM_ADDRESS_OUTSIDE_RANGES,
     {"outside the allowed ranges", "no answer to TCP SYN within 3000 ms"}},
    {"outside ranges of the other family",
     NULL,
     "2001:db8::7",
     0,
     0,
     0,
     OK_FACTS(200),
     NC_PROBLEM_ADDRESS_OUTSIDE_RANGES,
     {"2001:db8::7 is outside the allowed ranges", "no IPv6 range"}},
    {"inside ranges keeps the connection's code",
     NULL,
     NULL,
     0,
     0,
     1,
     {.xfer = NC_XFER_CONNECT_FAIL, .os_errno = ECONNREFUSED},
     NC_PROBLEM_TCP_REFUSED,
     {"203.0.113.7:443 refused the connection"}},
};

static void run_addr_case(const struct addr_case *tc, bool required)
{
    struct fixture fx;
    struct nc_addr_result r;
    size_t j;

    fx_init(&fx, tc->scheme != NULL ? tc->scheme : "https", "login.example.com",
            tc->scheme != NULL ? 80 : 443);
    fx.c.required = required;
    if (tc->smin != 0) {
        fx.c.status_min = tc->smin;
        fx.c.status_max = tc->smax;
    }
    fx_range4(&fx, 198, 51, 100, 24);
    fx_range4(&fx, 192, 0, 2, 25);
    addr_init(&r, tc->ip != NULL ? tc->ip : "203.0.113.7", tc->in_ranges);
    addr_detail_set(&r, "stale");

    vaddr(&fx.c, &tc->f, &r);

    check_problem(tc->name, r.problem, tc->want);
    /* An address passes or fails; warn is a property of the check. */
    if (r.status !=
        (tc->want == NC_PROBLEM_NONE ? NC_STATUS_PASS : NC_STATUS_FAIL))
        fail_msg("%s: status %s", tc->name, status_name(r.status));
    if (tc->want == NC_PROBLEM_NONE && r.detail[0] != '\0')
        fail_msg("%s: passing detail \"%s\"", tc->name, r.detail);
    for (j = 0; j < 4 && tc->needles[j] != NULL; j++)
        check_contains(tc->name, r.detail, tc->needles[j]);
    /* Invalid HTTP is the sender's: nothing cut the connection. */
    if (tc->want == NC_PROBLEM_HTTP_INVALID) {
        check_lacks(tc->name, r.detail, "reset");
        check_lacks(tc->name, r.detail, "firewall");
    }
    if (tc->f.http_status > 0 && r.http_status != tc->f.http_status)
        fail_msg("%s: http_status %ld", tc->name, r.http_status);
}

static void test_addr_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(addr_cases) / sizeof(addr_cases[0]); i++) {
        run_addr_case(&addr_cases[i], true);
        run_addr_case(&addr_cases[i], false);
    }
}

static void test_addr_errno_text(void **state)
{
    struct nc_addr_facts f = {.xfer = NC_XFER_CONNECT_FAIL, .os_errno = EACCES};
    struct fixture fx;
    struct nc_addr_result r;

    (void)state;
    fx_init(&fx, "https", "login.example.com", 8443);
    addr_init(&r, "198.51.100.9", -1);
    vaddr(&fx.c, &f, &r);
    check_problem("eacces", r.problem, NC_PROBLEM_TCP_UNREACHABLE);
    check_contains("eacces", r.detail, "198.51.100.9:8443");
    check_contains("eacces", r.detail, nc_errno_text(EACCES));

    /* nc_errno_text, not strerror: Windows' C runtime calls EHOSTUNREACH
     * "Unknown error"; on glibc the two agree (test_errtext). */
    f.os_errno = EHOSTUNREACH;
    vaddr(&fx.c, &f, &r);
    check_contains("ehostunreach", r.detail, nc_errno_text(EHOSTUNREACH));
}

static void test_addr_body_mismatch(void **state)
{
    struct nc_addr_facts f = {.xfer = NC_XFER_OK,
                              .connected = true,
                              .http_status = 200,
                              .body_match = 0};
    struct fixture fx;
    struct nc_addr_result r;
    const char *p;

    (void)state;
    fx_init(&fx, "http", "www.msftconnecttest.com", 80);
    fx_expect_body(&fx, "Microsoft Connect Test");
    /* A block page, with a control byte, a newline and Latin-1. */
    memcpy(f.body_excerpt,
           "<html>\x01"
           "Blocked\nby \xe9policy</html>",
           sizeof("<html>\x01"
                  "Blocked\nby \xe9policy</html>"));
    addr_init(&r, "198.51.100.20", -1);
    vaddr(&fx.c, &f, &r);

    check_problem("body", r.problem, NC_PROBLEM_BODY_MISMATCH);
    check_contains("body", r.detail, "198.51.100.20:80");
    check_contains("body", r.detail, "\"Microsoft Connect Test\"");
    check_contains("body", r.detail, "<html>.Blocked by .policy</html>");
    for (p = r.detail; *p != '\0'; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
            fail_msg("unprintable byte 0x%02x in \"%s\"", *p, r.detail);

    /* An excerpt that fills its array without a terminator. */
    memset(f.body_excerpt, 'B', sizeof(f.body_excerpt));
    vaddr(&fx.c, &f, &r);
    check_problem("full excerpt", r.problem, NC_PROBLEM_BODY_MISMATCH);
    check_contains("full excerpt", r.detail, "BBBB...");
    assert_true(strlen(r.detail) < NC_DETAIL_MAX);

    f.body_excerpt[0] = '\0';
    vaddr(&fx.c, &f, &r);
    check_contains("empty body", r.detail, "empty body");

    f.body_match = 1;
    vaddr(&fx.c, &f, &r);
    check_problem("match", r.problem, NC_PROBLEM_NONE);
    assert_int_equal(r.status, NC_STATUS_PASS);
    assert_string_equal(r.detail, "");

    /* The status is judged before the body. */
    f.body_match = 0;
    f.http_status = 302;
    fx.c.status_min = 200;
    fx.c.status_max = 299;
    vaddr(&fx.c, &f, &r);
    check_problem("status first", r.problem, NC_PROBLEM_HTTP_STATUS);
}

static void test_addr_ranges_listing(void **state)
{
    struct nc_addr_facts f = OK_FACTS(200);
    struct fixture fx;
    struct nc_addr_result r;
    unsigned char i;

    (void)state;
    fx_init(&fx, "https", "login.example.com", 443);
    for (i = 0; i < 6; i++)
        fx_range4(&fx, 10, i, 0, 16);
    addr_init(&r, "203.0.113.50", 0);
    vaddr(&fx.c, &f, &r);
    check_problem("six ranges", r.problem, NC_PROBLEM_ADDRESS_OUTSIDE_RANGES);
    check_contains("six ranges", r.detail, "10.0.0.0/16, 10.1.0.0/16");
    check_contains("six ranges", r.detail, "and 3 more");
    check_lacks("six ranges", r.detail, "10.5.0.0/16");

    /* An address set byte by byte: its text is made from r->addr. */
    addr_init(&r, "", 0);
    r.addr.family = 4;
    r.addr.bytes[0] = 203;
    r.addr.bytes[1] = 0;
    r.addr.bytes[2] = 113;
    r.addr.bytes[3] = 99;
    vaddr(&fx.c, &f, &r);
    check_contains("from struct", r.detail, "203.0.113.99 is outside");
}

/* Every failing transfer yields a code, a detail naming the address, and
 * never overflows, however long the strings it quotes. */
static void test_addr_exhaustive_and_bounded(void **state)
{
    struct fixture fx;
    struct nc_addr_result r;
    struct nc_addr_facts f;
    char host[254];
    int x, cert, bits, in;

    (void)state;
    memset(host, 'h', sizeof(host) - 1);
    host[sizeof(host) - 1] = '\0';
    fx_init(&fx, "https", host, 65535);
    fx_expect_body(&fx, "expected text that is rather long, longer than "
                        "any quote should be");
    for (x = 0; x < NC_XFER_MAX; x++)
        for (cert = 0; cert < NC_CERT_MAX; cert++)
            for (bits = 0; bits < 4; bits++)
                for (in = -1; in <= 1; in++) {
                    memset(&f, 0, sizeof(f));
                    f.xfer = (enum nc_xfer)x;
                    f.cert = (enum nc_cert)cert;
                    f.connected = (bits & 1) != 0;
                    f.tls_done = (bits & 2) != 0;
                    f.os_errno = ECONNREFUSED;
                    f.http_status = 500;
                    f.body_match = 0;
                    f.timeout_ms = 2147483647L;
                    memset(f.cert_names, 'n', sizeof(f.cert_names));
                    memset(f.tls_alert, 'a', sizeof(f.tls_alert));
                    memset(f.body_excerpt, '\xff', sizeof(f.body_excerpt));
                    addr_init(&r, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", in);
                    vaddr(&fx.c, &f, &r);
                    assert_true(strlen(r.detail) < NC_DETAIL_MAX);
                    assert_int_not_equal(r.problem, NC_PROBLEM_NONE);
                    assert_int_equal(r.status, NC_STATUS_FAIL);
                    check_contains("exhaustive", r.detail,
                                   "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
                    if (in == 0)
                        check_problem("exhaustive", r.problem,
                                      NC_PROBLEM_ADDRESS_OUTSIDE_RANGES);
                }
}

/* ---- verdict_dns ---- */

struct dns_case {
    enum nc_dns_outcome a, aaaa;
    size_t n_addrs;
    enum nc_problem want;
    const char *needles[3];
};

static const struct dns_case dns_cases[] = {
    /* No address: TIMEOUT > UNREACHABLE > SERVFAIL > REFUSED > INVALID >
     * NXDOMAIN > NODATA > ERROR */
    {NC_DNS_NXDOMAIN,
     NC_DNS_NXDOMAIN,
     0,
     NC_PROBLEM_DNS_NXDOMAIN,
     {"'login.example.com' does not exist (NXDOMAIN from 192.0.2.53)"}},
    {NC_DNS_NODATA,
     NC_DNS_NODATA,
     0,
     NC_PROBLEM_DNS_NODATA,
     {"'login.example.com' exists but has no A or AAAA record", "192.0.2.53"}},
    {NC_DNS_SERVFAIL,
     NC_DNS_SERVFAIL,
     0,
     NC_PROBLEM_DNS_SERVFAIL,
     {"192.0.2.53 answered SERVFAIL for 'login.example.com'"}},
    {NC_DNS_REFUSED,
     NC_DNS_REFUSED,
     0,
     NC_PROBLEM_DNS_REFUSED,
     {"192.0.2.53 refused to resolve 'login.example.com'"}},
    {NC_DNS_TIMEOUT,
     NC_DNS_TIMEOUT,
     0,
     NC_PROBLEM_DNS_TIMEOUT,
     {"no DNS answer for 'login.example.com'", "192.0.2.53"}},
    {NC_DNS_ERROR,
     NC_DNS_ERROR,
     0,
     NC_PROBLEM_DNS_INVALID,
     {"no usable DNS answer for 'login.example.com'", "192.0.2.53"}},
    /* The resolver could not be reached: never called SERVFAIL. */
    {NC_DNS_UNREACHABLE,
     NC_DNS_UNREACHABLE,
     0,
     NC_PROBLEM_DNS_UNREACHABLE,
     {"the resolver 192.0.2.53 could not be reached to resolve "
      "'login.example.com'",
      "no route"}},
    /* A malformed (or truncated, TCP refused) reply: never "no record". */
    {NC_DNS_INVALID,
     NC_DNS_INVALID,
     0,
     NC_PROBLEM_DNS_INVALID,
     {"the resolver 192.0.2.53 sent no usable reply for "
      "'login.example.com'",
      "malformed", "truncated"}},
    {NC_DNS_INVALID,
     NC_DNS_NODATA,
     0,
     NC_PROBLEM_DNS_INVALID,
     {"the A query got a malformed or truncated reply",
      "the AAAA query got no record"}},
    {NC_DNS_NXDOMAIN, NC_DNS_INVALID, 0, NC_PROBLEM_DNS_INVALID, {NULL}},
    {NC_DNS_INVALID, NC_DNS_REFUSED, 0, NC_PROBLEM_DNS_REFUSED, {NULL}},
    {NC_DNS_UNREACHABLE,
     NC_DNS_SERVFAIL,
     0,
     NC_PROBLEM_DNS_UNREACHABLE,
     {"the A query could not reach the resolver"}},
    {NC_DNS_UNREACHABLE, NC_DNS_TIMEOUT, 0, NC_PROBLEM_DNS_TIMEOUT, {NULL}},
    {NC_DNS_OK,
     NC_DNS_UNREACHABLE,
     1,
     NC_PROBLEM_DNS_UNREACHABLE,
     {"A answered, but the AAAA query for 'login.example.com' could not "
      "reach the resolver"}},
    {NC_DNS_INVALID,
     NC_DNS_OK,
     2,
     NC_PROBLEM_DNS_INVALID,
     {"the A query for 'login.example.com' got a malformed or truncated "
      "reply"}},
    {NC_DNS_TIMEOUT,
     NC_DNS_SERVFAIL,
     0,
     NC_PROBLEM_DNS_TIMEOUT,
     {"the A query timed out, the AAAA query got SERVFAIL"}},
    {NC_DNS_SERVFAIL, NC_DNS_TIMEOUT, 0, NC_PROBLEM_DNS_TIMEOUT, {NULL}},
    {NC_DNS_REFUSED, NC_DNS_SERVFAIL, 0, NC_PROBLEM_DNS_SERVFAIL, {NULL}},
    {NC_DNS_NXDOMAIN, NC_DNS_REFUSED, 0, NC_PROBLEM_DNS_REFUSED, {NULL}},
    {NC_DNS_NODATA,
     NC_DNS_NXDOMAIN,
     0,
     NC_PROBLEM_DNS_NXDOMAIN,
     {"does not exist", "the A query got no record",
      "the AAAA query got NXDOMAIN"}},
    {NC_DNS_NODATA,
     NC_DNS_SERVFAIL,
     0,
     NC_PROBLEM_DNS_SERVFAIL,
     {"the AAAA query got SERVFAIL"}},
    {NC_DNS_ERROR,
     NC_DNS_NODATA,
     0,
     NC_PROBLEM_DNS_NODATA,
     {"no A or AAAA record", "the A query got no usable answer"}},
    {NC_DNS_NXDOMAIN, NC_DNS_ERROR, 0, NC_PROBLEM_DNS_NXDOMAIN, {NULL}},
    {NC_DNS_OK, NC_DNS_OK, 0, NC_PROBLEM_DNS_NODATA, {"gave no address"}},
    /* Addresses came back. */
    {NC_DNS_OK, NC_DNS_OK, 2, NC_PROBLEM_NONE, {NULL}},
    {NC_DNS_OK, NC_DNS_NODATA, 1, NC_PROBLEM_NONE, {NULL}},
    {NC_DNS_NODATA, NC_DNS_OK, 1, NC_PROBLEM_NONE, {NULL}},
    {NC_DNS_NOT_ASKED, NC_DNS_NOT_ASKED, 1, NC_PROBLEM_NONE, {NULL}},
    {NC_DNS_OK, NC_DNS_NOT_ASKED, 1, NC_PROBLEM_NONE, {NULL}},
    {NC_DNS_OK,
     NC_DNS_TIMEOUT,
     1,
     NC_PROBLEM_DNS_TIMEOUT,
     {"A answered, but the AAAA query for 'login.example.com' timed out",
      "both families"}},
    {NC_DNS_SERVFAIL,
     NC_DNS_OK,
     1,
     NC_PROBLEM_DNS_SERVFAIL,
     {"AAAA answered, but the A query for 'login.example.com' got "
      "SERVFAIL at 192.0.2.53"}},
    {NC_DNS_OK,
     NC_DNS_REFUSED,
     3,
     NC_PROBLEM_DNS_REFUSED,
     {"the AAAA query for 'login.example.com' was refused"}},
    {NC_DNS_OK,
     NC_DNS_ERROR,
     1,
     NC_PROBLEM_DNS_INVALID,
     {"the AAAA query", "no usable answer"}},
    {NC_DNS_OK,
     NC_DNS_NXDOMAIN,
     1,
     NC_PROBLEM_DNS_NXDOMAIN,
     {"inconsistent", "the A query for 'login.example.com' returned "
                      "addresses, but the AAAA query got NXDOMAIN"}},
    {NC_DNS_NXDOMAIN,
     NC_DNS_OK,
     1,
     NC_PROBLEM_DNS_NXDOMAIN,
     {"inconsistent", "the A query got NXDOMAIN"}},
};

static void test_dns_table(void **state)
{
    struct fixture fx;
    struct nc_dns_facts f;
    static struct nc_check_result res;
    enum nc_problem p;
    char what[64];
    size_t i, j;
    int req;

    (void)state;
    for (i = 0; i < sizeof(dns_cases) / sizeof(dns_cases[0]); i++) {
        const struct dns_case *tc = &dns_cases[i];

        for (req = 0; req < 2; req++) {
            (void)snprintf(what, sizeof(what), "dns case %zu (%s)", i,
                           req ? "required" : "optional");
            fx_init(&fx, "https", "login.example.com", 443);
            fx.c.required = req != 0;
            memset(&f, 0, sizeof(f));
            f.a = tc->a;
            f.aaaa = tc->aaaa;
            (void)snprintf(f.server, sizeof(f.server), "%s", "192.0.2.53");
            fx_result_reset(&res, NULL);
            res.status = NC_STATUS_SKIP; /* sentinel: left alone on NONE */
            (void)result_printf(&res, &res.detail, NC_DETAIL_MAX, "%s",
                                "untouched");

            p = verdict_dns(&fx.c, &f, tc->n_addrs, &res);

            /* The resolver asked is kept for rootcause.c, whatever the
             * outcome; a name never asked names none. */
            assert_string_equal(res.dns_server,
                                tc->a == NC_DNS_NOT_ASKED &&
                                        tc->aaaa == NC_DNS_NOT_ASKED
                                    ? ""
                                    : "192.0.2.53");
            check_problem(what, p, tc->want);
            if (tc->want == NC_PROBLEM_NONE) {
                assert_int_equal(res.status, NC_STATUS_SKIP);
                assert_string_equal(res.detail, "untouched");
                continue;
            }
            check_problem(what, res.problem, tc->want);
            assert_int_equal(res.status, req ? NC_STATUS_FAIL : NC_STATUS_WARN);
            assert_true(res.action[0] != '\0');
            for (j = 0; j < 3 && tc->needles[j] != NULL; j++)
                check_contains(what, res.detail, tc->needles[j]);
        }
    }
}

static void test_dns_no_server_named(void **state)
{
    struct fixture fx;
    struct nc_dns_facts f = {.a = NC_DNS_NXDOMAIN, .aaaa = NC_DNS_NXDOMAIN};
    static struct nc_check_result res;

    (void)state;
    fx_init(&fx, "https", "nope.example.com", 443);
    fx_result_reset(&res, NULL);
    assert_int_equal(verdict_dns(&fx.c, &f, 0, &res), NC_PROBLEM_DNS_NXDOMAIN);
    assert_string_equal(res.detail,
                        "'nope.example.com' does not exist (NXDOMAIN)");
    assert_string_equal(res.action, problem_action(NC_PROBLEM_DNS_NXDOMAIN));

    /* A server name that fills its array, unterminated. */
    memset(f.server, 's', sizeof(f.server));
    f.a = NC_DNS_OK;
    f.aaaa = NC_DNS_TIMEOUT;
    assert_int_equal(verdict_dns(&fx.c, &f, 1, &res), NC_PROBLEM_DNS_TIMEOUT);
    assert_true(strlen(res.detail) < NC_DETAIL_MAX);
    assert_int_equal(strlen(res.dns_server), NC_DNS_SERVER_MAX - 1);
    check_contains("partial action", res.action, "AAAA query");
    check_contains("partial action", res.action, "nope.example.com");
}

/* Replies that matched no query (the engine saw them, c-ares dropped
 * them): the resolver answered, wrongly; never "no DNS answer in time". */
static void test_dns_mismatch(void **state)
{
    static const struct {
        enum nc_dns_mismatch kind;
        unsigned n;
        const char *needle;
    } cases[] = {
        {NC_DNS_MISMATCH_NOT_DNS, 2, "only with 2 replies that are not DNS"},
        {NC_DNS_MISMATCH_ID, 1, "only with 1 reply under another query ID"},
        {NC_DNS_MISMATCH_QUESTION, 3,
         "only with 3 replies for another "
         "question"},
    };
    struct fixture fx;
    struct nc_dns_facts f;
    struct nc_check_result res;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        fx_init(&fx, "https", "login.example.com", 443);
        memset(&f, 0, sizeof(f));
        memset(&res, 0, sizeof(res));
        f.a = NC_DNS_INVALID;
        f.aaaa = NC_DNS_INVALID;
        f.mismatch = cases[i].kind;
        f.n_mismatch = cases[i].n;
        (void)snprintf(f.server, sizeof(f.server), "%s", "192.0.2.53");
        assert_int_equal(verdict_dns(&fx.c, &f, 0, &res),
                         NC_PROBLEM_DNS_INVALID);
        check_contains("mismatch", res.detail,
                       "the resolver 192.0.2.53 answered the lookup of "
                       "'login.example.com'");
        check_contains("mismatch", res.detail, cases[i].needle);
        check_contains("mismatch", res.detail, "RFC 5452");
        assert_null(strstr(res.detail, "in time"));
        assert_string_equal(res.action, problem_action(NC_PROBLEM_DNS_INVALID));
        result_release(&res);
    }
}

/* The hosts file in the order (nsswitch.conf): its answer is final, and a
 * lookup that ended there says so. */
struct dns_hosts_case {
    enum nc_dns_outcome a, aaaa;
    enum nc_hosts_outcome hosts;
    size_t n_addrs;
    enum nc_problem want;
    const char *needle;
};

static const struct dns_hosts_case dns_hosts_cases[] = {
    /* "files dns": found, DNS never asked. */
    {NC_DNS_NOT_ASKED, NC_DNS_NOT_ASKED, NC_HOSTS_FOUND, 1, NC_PROBLEM_NONE,
     NULL},
    /* "dns files": DNS said NXDOMAIN or timed out, the file answered. */
    {NC_DNS_NXDOMAIN, NC_DNS_NXDOMAIN, NC_HOSTS_FOUND, 2, NC_PROBLEM_NONE,
     NULL},
    {NC_DNS_TIMEOUT, NC_DNS_TIMEOUT, NC_HOSTS_FOUND, 1, NC_PROBLEM_NONE, NULL},
    /* Neither knows it. */
    {NC_DNS_NXDOMAIN, NC_DNS_NXDOMAIN, NC_HOSTS_NOTFOUND, 0,
     NC_PROBLEM_DNS_NXDOMAIN,
     "does not exist (NXDOMAIN from 192.0.2.53); not in /etc/hosts either"},
    {NC_DNS_TIMEOUT, NC_DNS_TIMEOUT, NC_HOSTS_UNAVAIL, 0,
     NC_PROBLEM_DNS_TIMEOUT, "/etc/hosts could not be read either"},
    /* "files [NOTFOUND=return] dns": DNS never asked. */
    {NC_DNS_NOT_ASKED, NC_DNS_NOT_ASKED, NC_HOSTS_NOTFOUND, 0,
     NC_PROBLEM_DNS_NXDOMAIN,
     "'login.example.com' is not in /etc/hosts, and nsswitch.conf's hosts "
     "line ends the lookup there: DNS is never asked"},
    {NC_DNS_NOT_ASKED, NC_DNS_NOT_ASKED, NC_HOSTS_UNAVAIL, 0,
     NC_PROBLEM_DNS_NXDOMAIN, "/etc/hosts could not be read"},
    {NC_DNS_NOT_ASKED, NC_DNS_NOT_ASKED, NC_HOSTS_NOT_ASKED, 0,
     NC_PROBLEM_DNS_NXDOMAIN, "names neither files nor dns"},
    /* DNS answered after the file had no entry: DNS rules as before. */
    {NC_DNS_OK, NC_DNS_TIMEOUT, NC_HOSTS_NOTFOUND, 1, NC_PROBLEM_DNS_TIMEOUT,
     "the AAAA query"},
};

static void test_dns_hosts(void **state)
{
    struct fixture fx;
    struct nc_dns_facts f;
    static struct nc_check_result res;
    char what[64];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(dns_hosts_cases) / sizeof(dns_hosts_cases[0]); i++) {
        const struct dns_hosts_case *tc = &dns_hosts_cases[i];

        (void)snprintf(what, sizeof(what), "dns hosts case %zu", i);
        fx_init(&fx, "https", "login.example.com", 443);
        memset(&f, 0, sizeof(f));
        f.a = tc->a;
        f.aaaa = tc->aaaa;
        f.hosts = tc->hosts;
        f.hosts_file = "/etc/hosts";
        if (tc->a != NC_DNS_NOT_ASKED)
            (void)snprintf(f.server, sizeof(f.server), "%s", "192.0.2.53");
        fx_result_reset(&res, NULL);
        check_problem(what, verdict_dns(&fx.c, &f, tc->n_addrs, &res),
                      tc->want);
        if (tc->want == NC_PROBLEM_NONE) {
            assert_string_equal(res.detail, "");
            continue;
        }
        assert_int_equal(res.status, NC_STATUS_FAIL);
        assert_true(res.action[0] != '\0');
        check_contains(what, res.detail, tc->needle);
    }
}

/* ---- verdict_check ---- */

static void set_addr(struct nc_check_result *res, const char *ip,
                     enum nc_problem p, long http_status)
{
    struct nc_addr_result *a = &res->addrs[res->n_addrs++];

    addr_init(a, ip, -1);
    a->problem = p;
    a->status = p == NC_PROBLEM_NONE ? NC_STATUS_PASS : NC_STATUS_FAIL;
    a->http_status = http_status;
    if (p != NC_PROBLEM_NONE) {
        char text[NC_ADDR_DETAIL_MAX];

        (void)snprintf(text, sizeof(text), "%s:443 had %s", ip,
                       problem_code(p));
        addr_detail_set(a, text);
    }
}

/* An address deliberately not probed (a family this host lacks). */
static void set_skip(struct nc_check_result *res, const char *ip)
{
    struct nc_addr_result *a = &res->addrs[res->n_addrs++];

    addr_init(a, ip, -1);
    a->status = NC_STATUS_SKIP;
    a->problem = NC_PROBLEM_NONE;
    addr_detail_set(a, "not probed: this host has no IPv6 address");
}

/* The addresses of the result under test: borrowed storage, so a test
 * has nothing to free. One result at a time. */
static struct nc_addr_result addr_store[NC_MAX_ADDRS];
static struct nc_tls_info tls_store;

/* res is static (or zeroed) storage: the texts of its last case are freed
 * here, those of the very last stay reachable (no leak). */
static void res_init(struct nc_check_result *res, const struct nc_check *c)
{
    fx_result_reset(res, c);
    memset(addr_store, 0, sizeof(addr_store));
    memset(&tls_store, 0, sizeof(tls_store));
    res->addrs = addr_store;
    res->cap_addrs = NC_MAX_ADDRS;
    res->tls = &tls_store;
}

struct freq_case {
    const char *name;
    enum nc_problem addrs[NC_MAX_ADDRS];
    size_t n;
    enum nc_problem want;
    size_t decider; /* index whose detail the check quotes */
};

static const struct freq_case freq_cases[] = {
    {"majority wins over first",
     {NC_PROBLEM_TCP_REFUSED, NC_PROBLEM_TCP_TIMEOUT, NC_PROBLEM_TCP_TIMEOUT,
      NC_PROBLEM_NONE},
     4,
     NC_PROBLEM_TCP_TIMEOUT,
     1},
    {"tie goes to the first failed",
     {NC_PROBLEM_NONE, NC_PROBLEM_TCP_TIMEOUT, NC_PROBLEM_TCP_REFUSED,
      NC_PROBLEM_TCP_REFUSED, NC_PROBLEM_TCP_TIMEOUT},
     5,
     NC_PROBLEM_TCP_TIMEOUT,
     1},
    {"tie among the most frequent only",
     {NC_PROBLEM_TCP_RESET, NC_PROBLEM_TCP_REFUSED, NC_PROBLEM_TCP_REFUSED,
      NC_PROBLEM_TCP_TIMEOUT, NC_PROBLEM_TCP_TIMEOUT},
     5,
     NC_PROBLEM_TCP_REFUSED,
     1},
    {"all different: first failed",
     {NC_PROBLEM_NONE, NC_PROBLEM_TLS_EXPIRED, NC_PROBLEM_TCP_RESET},
     3,
     NC_PROBLEM_TLS_EXPIRED,
     1},
    {"eight addresses",
     {NC_PROBLEM_NONE, NC_PROBLEM_NONE, NC_PROBLEM_NONE, NC_PROBLEM_NONE,
      NC_PROBLEM_NONE, NC_PROBLEM_NONE, NC_PROBLEM_NONE,
      NC_PROBLEM_TCP_UNREACHABLE},
     8,
     NC_PROBLEM_TCP_UNREACHABLE,
     7},
};

static void test_check_most_frequent(void **state)
{
    struct fixture fx;
    static struct nc_check_result res;
    char ip[32];
    size_t i, j;

    (void)state;
    fx_init(&fx, "https", "login.example.com", 443);
    for (i = 0; i < sizeof(freq_cases) / sizeof(freq_cases[0]); i++) {
        const struct freq_case *tc = &freq_cases[i];

        res_init(&res, &fx.c);
        for (j = 0; j < tc->n; j++) {
            (void)snprintf(ip, sizeof(ip), "198.51.100.%zu", j + 1);
            set_addr(&res, ip, tc->addrs[j], 0);
        }
        verdict_check(&fx.c, &res);
        check_problem(tc->name, res.problem, tc->want);
        check_contains(tc->name, res.detail, res.addrs[tc->decider].detail);
    }
}

static void test_check_specialised_actions(void **state)
{
    static const struct {
        enum nc_problem p;
        const char *needle;
    } cases[] = {
        {NC_PROBLEM_TCP_REFUSED, "allow mirror.example.org on port 8080"},
        {NC_PROBLEM_TCP_TIMEOUT, "allow mirror.example.org on port 8080"},
        {NC_PROBLEM_TCP_RESET, "allow mirror.example.org on port 8080"},
        /* The reset may be the endpoint's own: never only the path's. */
        {NC_PROBLEM_TCP_RESET, "or the endpoint itself closes it"},
        {NC_PROBLEM_ADDRESS_OUTSIDE_RANGES,
         "allow mirror.example.org on port 8080 by name"},
        {NC_PROBLEM_TLS_UNTRUSTED, "exempt mirror.example.org from TLS"},
        {NC_PROBLEM_BODY_MISMATCH, "captive portal"},
        {NC_PROBLEM_TLS_EXPIRED, "clock"},
        {NC_PROBLEM_TCP_UNREACHABLE, "route"},
    };
    struct fixture fx;
    static struct nc_check_result res;
    size_t i;

    (void)state;
    fx_init(&fx, "https", "mirror.example.org", 8080);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        res_init(&res, &fx.c);
        set_addr(&res, "203.0.113.1", cases[i].p, 0);
        verdict_check(&fx.c, &res);
        check_problem(problem_code(cases[i].p), res.problem, cases[i].p);
        check_contains(problem_code(cases[i].p), res.action, cases[i].needle);
    }
}

static void test_check_keeps_dns_problem(void **state)
{
    struct fixture fx;
    struct nc_dns_facts f = {.a = NC_DNS_OK, .aaaa = NC_DNS_SERVFAIL};
    static struct nc_check_result res;
    char detail[NC_DETAIL_MAX];

    (void)state;
    fx_init(&fx, "https", "login.example.com", 443);
    res_init(&res, &fx.c);
    assert_int_equal(verdict_dns(&fx.c, &f, 1, &res), NC_PROBLEM_DNS_SERVFAIL);
    (void)snprintf(detail, sizeof(detail), "%s", res.detail);
    set_addr(&res, "198.51.100.1", NC_PROBLEM_NONE, 200);
    verdict_check(&fx.c, &res);
    assert_int_equal(res.status, NC_STATUS_FAIL);
    check_problem("dns kept", res.problem, NC_PROBLEM_DNS_SERVFAIL);
    assert_string_equal(res.detail, detail);
}

/* One address of a verdict_check case: its problem (set_addr) or SKIPPED
 * (set_skip, a family this host lacks). */
#define SKIPPED NC_PROBLEM_MAX
#define ANY     (-1) /* an HTTP status the case does not assert */

struct chk_addr {
    const char *ip;
    enum nc_problem p;
    long http_status;
};

/* Addresses in, the check's verdict out. */
struct chk_case {
    const char *name;
    const char *host;
    const char *rule;
    bool optional;
    struct chk_addr addrs[4]; /* up to the first NULL ip */
    long stale_http;          /* left in the result before the call */
    /* expected */
    enum nc_status status;
    enum nc_problem problem;
    const char *detail; /* the whole detail, or NULL */
    const char *has[2];
    const char *lacks[3];
    const char *action; /* the whole action, or NULL */
    bool act_problem;   /* the action is problem_action(problem) */
    const char *act_has[2];
    long http_status; /* or ANY */
};

static const struct chk_case chk_cases[] = {
    {.name = "all pass",
     .host = "login.example.com",
     .addrs = {{"198.51.100.1", NC_PROBLEM_NONE, 200},
               {"198.51.100.2", NC_PROBLEM_NONE, 204}},
     .status = NC_STATUS_PASS,
     .problem = NC_PROBLEM_NONE,
     .detail = "",
     .action = "",
     .http_status = 200},
    {.name = "2 of 4, required",
     .host = "backup.example.com",
     .addrs = {{"198.51.100.1", NC_PROBLEM_NONE, 200},
               {"198.51.100.2", NC_PROBLEM_TCP_TIMEOUT, 0},
               {"198.51.100.3", NC_PROBLEM_NONE, 200},
               {"198.51.100.4", NC_PROBLEM_TCP_TIMEOUT, 0}},
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TCP_TIMEOUT,
     .detail = "2 of 4 addresses failed: 198.51.100.2:443 had tcp_timeout",
     .act_has = {"backup.example.com", "port 443"},
     .http_status = 0},
    {.name = "2 of 4, optional",
     .host = "backup.example.com",
     .optional = true,
     .addrs = {{"198.51.100.1", NC_PROBLEM_NONE, 200},
               {"198.51.100.2", NC_PROBLEM_TCP_TIMEOUT, 0},
               {"198.51.100.3", NC_PROBLEM_NONE, 200},
               {"198.51.100.4", NC_PROBLEM_TCP_TIMEOUT, 0}},
     .status = NC_STATUS_WARN,
     .problem = NC_PROBLEM_TCP_TIMEOUT,
     .detail = "2 of 4 addresses failed: 198.51.100.2:443 had tcp_timeout",
     .act_has = {"backup.example.com", "port 443"},
     .http_status = 0},
    {.name = "all 3 failed",
     .host = "login.example.com",
     .addrs = {{"198.51.100.1", NC_PROBLEM_HTTP_STATUS, 403},
               {"198.51.100.2", NC_PROBLEM_HTTP_STATUS, 502},
               {"198.51.100.3", NC_PROBLEM_HTTP_STATUS, 403}},
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_HTTP_STATUS,
     .detail = "all 3 addresses failed: 198.51.100.1:443 had http_status",
     .act_problem = true,
     .http_status = 403},
    /* One address: its own detail, whole. */
    {.name = "single address",
     .host = "login.example.com",
     .addrs = {{"198.51.100.1", NC_PROBLEM_TLS_UNTRUSTED, 0}},
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TLS_UNTRUSTED,
     .detail = "198.51.100.1:443 had tls_untrusted",
     .act_has = {"TLS inspection", "login.example.com"},
     .http_status = ANY},
    /* A wildcard rule is tested through a sample host, never verified. */
    {.name = "rule pass",
     .host = "backupsample.blob.core.windows.net",
     .rule = "*.blob.core.windows.net",
     .addrs = {{"198.51.100.1", NC_PROBLEM_NONE, 400}},
     .status = NC_STATUS_PASS,
     .problem = NC_PROBLEM_NONE,
     .detail = "tested via sample host backupsample.blob.core.windows.net "
               "for *.blob.core.windows.net",
     .lacks = {"verified"},
     .action = "",
     .http_status = ANY},
    {.name = "rule fail",
     .host = "backupsample.blob.core.windows.net",
     .rule = "*.blob.core.windows.net",
     .addrs = {{"198.51.100.1", NC_PROBLEM_TCP_TIMEOUT, 0}},
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TCP_TIMEOUT,
     .has = {"198.51.100.1:443", "tested via sample host"},
     .act_has = {"allow *.blob.core.windows.net (tested via sample "
                 "backupsample.blob.core.windows.net) on port 443"},
     .http_status = ANY},
    {.name = "rule outside ranges",
     .host = "backupsample.blob.core.windows.net",
     .rule = "*.blob.core.windows.net",
     .addrs = {{"198.51.100.1", NC_PROBLEM_ADDRESS_OUTSIDE_RANGES, 200}},
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_ADDRESS_OUTSIDE_RANGES,
     .act_has = {"*.blob.core.windows.net", "ranges"},
     .http_status = ANY},
    /* Nothing probed is never a pass. */
    {.name = "no address",
     .host = "login.example.com",
     .status = NC_STATUS_SKIP,
     .problem = NC_PROBLEM_NONE,
     .has = {"login.example.com"},
     .http_status = ANY},
    /* ---- addresses not probed (a family this host lacks) ---- */
    /* The skipped address comes first: it must not speak for the check. */
    {.name = "skip and pass",
     .host = "login.example.com",
     .addrs = {{"2001:db8::1", SKIPPED, 0},
               {"198.51.100.1", NC_PROBLEM_NONE, 204}},
     .status = NC_STATUS_PASS,
     .problem = NC_PROBLEM_NONE,
     .detail = "",
     .action = "",
     .http_status = 204},
    /* One address was probed: its own sentence, not "1 of 2". */
    {.name = "skip and fail, required",
     .host = "login.example.com",
     .addrs = {{"2001:db8::1", SKIPPED, 0},
               {"198.51.100.1", NC_PROBLEM_TCP_REFUSED, 0}},
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TCP_REFUSED,
     .detail = "198.51.100.1:443 had tcp_refused",
     .lacks = {"of 2", "all ", "not probed"},
     .act_has = {"login.example.com"},
     .http_status = ANY},
    {.name = "skip and fail, optional",
     .host = "login.example.com",
     .optional = true,
     .addrs = {{"2001:db8::1", SKIPPED, 0},
               {"198.51.100.1", NC_PROBLEM_TCP_REFUSED, 0}},
     .status = NC_STATUS_WARN,
     .problem = NC_PROBLEM_TCP_REFUSED,
     .detail = "198.51.100.1:443 had tcp_refused",
     .lacks = {"of 2", "all ", "not probed"},
     .act_has = {"login.example.com"},
     .http_status = ANY},
    /* Nothing probed is never a pass, and not a failure either; a stale
     * HTTP status is cleared. */
    {.name = "all skipped",
     .host = "login.example.com",
     .addrs = {{"2001:db8::1", SKIPPED, 0}, {"2001:db8::2", SKIPPED, 0}},
     .stale_http = 200,
     .status = NC_STATUS_SKIP,
     .problem = NC_PROBLEM_NONE,
     .has = {"login.example.com"},
     .http_status = 0},
    {.name = "skip not counted: 2 of 3",
     .host = "backup.example.com",
     .addrs = {{"198.51.100.1", NC_PROBLEM_TCP_TIMEOUT, 0},
               {"2001:db8::1", SKIPPED, 0},
               {"198.51.100.2", NC_PROBLEM_NONE, 200},
               {"198.51.100.3", NC_PROBLEM_TCP_TIMEOUT, 0}},
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TCP_TIMEOUT,
     .detail = "2 of 3 addresses failed: 198.51.100.1:443 had tcp_timeout",
     .http_status = ANY},
    /* Every probed address failed: "all 2", though 3 were resolved. */
    {.name = "skip not counted: all 2",
     .host = "backup.example.com",
     .addrs = {{"2001:db8::1", SKIPPED, 0},
               {"198.51.100.1", NC_PROBLEM_TLS_EXPIRED, 0},
               {"198.51.100.2", NC_PROBLEM_TLS_EXPIRED, 0}},
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TLS_EXPIRED,
     .detail = "all 2 addresses failed: 198.51.100.1:443 had tls_expired",
     .http_status = ANY},
    /* A sinkholed address is settled by the engine as a failed address
     * with dns_sinkhole; the check takes that code and its own action. */
    {.name = "sinkhole",
     .host = "login.example.com",
     .addrs = {{"0.0.0.0", NC_PROBLEM_DNS_SINKHOLE, 0}},
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_DNS_SINKHOLE,
     .detail = "0.0.0.0:443 had dns_sinkhole",
     .act_problem = true,
     .act_has = {"DNS filter"},
     .http_status = ANY},
    {.name = "sinkhole 1 of 2",
     .host = "login.example.com",
     .addrs = {{"198.51.100.1", NC_PROBLEM_NONE, 200},
               {"127.0.0.1", NC_PROBLEM_DNS_SINKHOLE, 0}},
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_DNS_SINKHOLE,
     .detail = "1 of 2 addresses failed: 127.0.0.1:443 had dns_sinkhole",
     .http_status = ANY},
};

static void test_check_table(void **state)
{
    struct fixture fx;
    static struct nc_check_result res;
    size_t i, j;

    (void)state;
    for (i = 0; i < sizeof(chk_cases) / sizeof(chk_cases[0]); i++) {
        const struct chk_case *k = &chk_cases[i];

        print_message("case: %s\n", k->name);
        fx_init(&fx, "https", k->host, 443);
        fx.c.required = !k->optional;
        if (k->rule != NULL)
            fx_rule(&fx, k->rule);
        res_init(&res, &fx.c);
        for (j = 0; j < 4 && k->addrs[j].ip != NULL; j++) {
            if (k->addrs[j].p == SKIPPED)
                set_skip(&res, k->addrs[j].ip);
            else
                set_addr(&res, k->addrs[j].ip, k->addrs[j].p,
                         k->addrs[j].http_status);
        }
        res.http_status = k->stale_http;
        (void)result_printf(&res, &res.action, NC_ACTION_MAX, "%s", "stale");
        verdict_check(&fx.c, &res);

        assert_int_equal(res.status, k->status);
        check_problem(k->name, res.problem, k->problem);
        if (k->detail != NULL)
            assert_string_equal(res.detail, k->detail);
        for (j = 0; j < 2 && k->has[j] != NULL; j++)
            check_contains(k->name, res.detail, k->has[j]);
        for (j = 0; j < 3 && k->lacks[j] != NULL; j++)
            check_lacks(k->name, res.detail, k->lacks[j]);
        if (k->action != NULL)
            assert_string_equal(res.action, k->action);
        if (k->act_problem)
            assert_string_equal(res.action, problem_action(k->problem));
        /* A check that did not pass always says what to do. */
        if (k->status != NC_STATUS_PASS) {
            assert_true(res.action[0] != '\0');
            check_lacks(k->name, res.action, "stale");
        }
        for (j = 0; j < 2 && k->act_has[j] != NULL; j++)
            check_contains(k->name, res.action, k->act_has[j]);
        if (k->http_status != ANY)
            assert_int_equal(res.http_status, k->http_status);
        /* The addresses themselves are left as they were. */
        for (j = 0; j < 4 && k->addrs[j].ip != NULL; j++)
            assert_int_equal(res.addrs[j].status,
                             k->addrs[j].p == SKIPPED ? NC_STATUS_SKIP
                             : k->addrs[j].p == NC_PROBLEM_NONE
                                 ? NC_STATUS_PASS
                                 : NC_STATUS_FAIL);
    }
}

static void test_check_long_details_bounded(void **state)
{
    struct fixture fx;
    static struct nc_check_result res;
    char long_text[NC_ADDR_DETAIL_MAX];
    size_t i;

    (void)state;
    fx_init(&fx, "https", "login.example.com", 443);
    fx_rule(&fx, "*.a-rather-long-wildcard-domain-name.example.com");
    res_init(&res, &fx.c);
    memset(long_text, 'd', sizeof(long_text) - 1);
    long_text[sizeof(long_text) - 1] = '\0';
    for (i = 0; i < NC_MAX_ADDRS; i++) {
        set_addr(&res, "198.51.100.1", NC_PROBLEM_TCP_RESET, 0);
        addr_detail_set(&res.addrs[i], long_text);
    }
    verdict_check(&fx.c, &res);
    assert_true(strlen(res.detail) < NC_DETAIL_MAX);
    assert_true(strlen(res.action) < NC_ACTION_MAX);
    check_contains("long", res.detail, "all 128 addresses failed: ddd");
}

/* ---- verdict_skip ---- */

static void test_skip(void **state)
{
    struct fixture fx;
    static struct nc_check_result res;

    (void)state;
    fx_init(&fx, "https", "*.backup.windowsazure.com", 443);
    res_init(&res, &fx.c);
    verdict_skip(&fx.c, "untestable wildcard: give sample=HOST", &res);
    assert_int_equal(res.status, NC_STATUS_SKIP);
    assert_int_equal(res.problem, NC_PROBLEM_NONE);
    assert_string_equal(res.detail, "untestable wildcard: give sample=HOST");
    check_contains("wildcard host", res.action, "sample=HOST");
    check_contains("wildcard host", res.action, "*.backup.windowsazure.com");

    fx_init(&fx, "https", "sample.example.com", 443);
    fx_rule(&fx, "*.example.com");
    res_init(&res, &fx.c);
    verdict_skip(&fx.c, "no sample", &res);
    check_contains("wildcard rule", res.action, "*.example.com");
    check_contains("wildcard rule", res.action, "sample=");

    fx_init(&fx, "https", "plain.example.com", 443);
    res_init(&res, &fx.c);
    verdict_skip(&fx.c, NULL, &res);
    assert_int_equal(res.status, NC_STATUS_SKIP);
    assert_true(res.detail[0] != '\0');
    assert_true(res.action[0] != '\0');
    check_lacks("plain", res.action, "sample=");
}

/* ---- verdict_pac_failed ---- */

/* A PAC file that failed is a failure with its own code and the PAC's
 * error in the detail, never a pass or a skip. */
static void test_pac_failed(void **state)
{
    struct fixture fx;
    static struct nc_check_result res;

    (void)state;
    fx_init(&fx, "https", "login.microsoftonline.com", 443);
    res_init(&res, &fx.c);
    verdict_pac_failed("the PAC file http://wpad.corp/p.pac: the PAC file "
                       "could not be downloaded (error 12167)",
                       &res);
    assert_int_equal(res.status, NC_STATUS_FAIL);
    assert_int_equal(res.problem, NC_PROBLEM_PROXY_PAC_FAILED);
    check_contains("pac", res.detail, "http://wpad.corp/p.pac");
    check_contains("pac", res.detail, "error 12167");
    check_contains("pac", res.detail, "not run");
    assert_string_equal(res.action,
                        problem_action(NC_PROBLEM_PROXY_PAC_FAILED));
    assert_string_equal(problem_code(res.problem), "proxy_pac_failed");

    res_init(&res, &fx.c);
    verdict_pac_failed(NULL, &res);
    assert_int_equal(res.status, NC_STATUS_FAIL);
    check_contains("pac NULL", res.detail, "PAC file failed");
}

/* ---- verdict_action ---- */

static void test_action_every_code(void **state)
{
    int p, q;

    (void)state;
    for (p = NC_PROBLEM_NONE + 1; p < NC_PROBLEM_MAX; p++) {
        const char *a = problem_action((enum nc_problem)p);

        assert_non_null(problem_code((enum nc_problem)p));
        if (a == NULL || a[0] == '\0')
            fail_msg("no action for %s", problem_code((enum nc_problem)p));
        if (strlen(a) >= NC_ACTION_MAX)
            fail_msg("action for %s does not fit",
                     problem_code((enum nc_problem)p));
        for (q = NC_PROBLEM_NONE + 1; q < p; q++)
            if (strcmp(a, problem_action((enum nc_problem)q)) == 0)
                fail_msg("%s and %s share an action",
                         problem_code((enum nc_problem)p),
                         problem_code((enum nc_problem)q));
    }
    assert_string_equal(problem_action(NC_PROBLEM_NONE), "");
    assert_string_equal(problem_action(NC_PROBLEM_MAX), "");
    check_contains("body", problem_action(NC_PROBLEM_BODY_MISMATCH),
                   "a block page or captive portal answered instead of the "
                   "endpoint");
    check_contains("untrusted", problem_action(NC_PROBLEM_TLS_UNTRUSTED),
                   "TLS inspection");
    check_contains("expired", problem_action(NC_PROBLEM_TLS_EXPIRED), "clock");
    check_contains("tcp timeout", problem_action(NC_PROBLEM_TCP_TIMEOUT),
                   "firewall");
}

/* ---- TLS: who signed the chain (issue 4) ---- */

/* Facts of a rejected chain with the capture's description filled. */
static void tls_facts(struct nc_addr_facts *f, enum nc_cert cert)
{
    memset(f, 0, sizeof(*f));
    f->xfer = NC_XFER_TLS_VERIFY;
    f->connected = true;
    f->tls_done = true;
    f->cert = cert;
    f->body_match = -1;
    f->tls.present = true;
    (void)snprintf(f->tls.subject, sizeof(f->tls.subject), "%s",
                   "CN=login.example.com");
    (void)snprintf(f->tls.issuer, sizeof(f->tls.issuer), "%s",
                   "O=Contoso,CN=Contoso Inspection CA");
    (void)snprintf(f->tls.root, sizeof(f->tls.root), "%s",
                   "O=Contoso,CN=Contoso Inspection CA");
    (void)snprintf(f->tls.root_cn, sizeof(f->tls.root_cn), "%s",
                   "Contoso Inspection CA");
    f->tls.root_self_signed = true;
    (void)snprintf(f->tls.not_before, sizeof(f->tls.not_before), "%s",
                   "2020-02-29T12:00:00Z");
    (void)snprintf(f->tls.not_after, sizeof(f->tls.not_after), "%s",
                   "2021-03-01T00:00:00Z");
    f->tls.not_before_t = 1582977600LL;
    f->tls.not_after_t = 1614556800LL;
}

static void tls_decide(const struct fixture *fx, const struct nc_addr_facts *f,
                       struct nc_addr_result *r)
{
    addr_init(r, "203.0.113.7", -1);
    vaddr(&fx->c, f, r);
    assert_true(strlen(r->detail) < NC_DETAIL_MAX);
}

/* A CN from the network is quoted: cut, and unprintable bytes replaced. */
static void test_tls_untrusted_root_quoted(void **state)
{
    struct fixture fx;
    struct nc_addr_facts f;
    struct nc_addr_result r;
    const char *p;

    (void)state;
    fx_init(&fx, "https", "login.example.com", 443);
    tls_facts(&f, NC_CERT_UNTRUSTED);
    memset(f.tls.root_cn, 'R', sizeof(f.tls.root_cn)); /* unterminated */
    f.tls.root_cn[3] = '\n';
    f.tls.root_cn[4] = '\x07';
    tls_decide(&fx, &f, &r);
    check_problem("long root", r.problem, NC_PROBLEM_TLS_UNTRUSTED);
    check_contains("long root", r.detail, "RRR .RRR");
    check_contains("long root", r.detail, "...");
    for (p = r.detail; *p != '\0'; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
            fail_msg("unprintable byte 0x%02x in \"%s\"", *p, r.detail);
}

/* The roots a Microsoft endpoint uses (a profile's tls_issuers). */
static const char *const ms_roots[] = {
    "DigiCert Global Root G2",
    "Microsoft RSA Root Certificate Authority 2017",
};

/* A verified answer (200) whose chain ends in root_cn. */
static void ok_facts(struct nc_addr_facts *f, const char *root_cn, long status)
{
    tls_facts(f, NC_CERT_OK);
    f->xfer = NC_XFER_OK;
    f->http_status = status;
    (void)snprintf(f->tls.root_cn, sizeof(f->tls.root_cn), "%s", root_cn);
    (void)snprintf(f->tls.root, sizeof(f->tls.root), "CN=%s", root_cn);
}

/* The certificate verdicts of one address: facts from tls_facts(cert) (or,
 * with ok, a verified answer whose chain ends in root_cn), changed as the
 * row says, then the code and the pieces of the detail. */
struct tls_case {
    const char *name;
    bool http; /* a plain http:// check on port 80 */
    enum nc_cert cert;
    bool ok;
    const char *root_cn; /* "" clears it */
    const char *root, *top_issuer, *subject;
    bool leaf_self_signed, root_not_self_signed, absent;
    bool no_not_after, no_not_before;
    bool issuers; /* the check lists ms_roots */
    enum nc_problem problem;
    const char *has[4];
    const char *lacks;
};

static const struct tls_case tls_cases[] = {
    /* ---- untrusted: who is responsible is named ---- */
    /* The server's own certificate, signed by itself. */
    {.name = "self-signed",
     .cert = NC_CERT_UNTRUSTED,
     .leaf_self_signed = true,
     .subject = "CN=self.example.test",
     .problem = NC_PROBLEM_TLS_UNTRUSTED,
     .has = {"203.0.113.7:443", "self-signed", "CN=self.example.test"},
     .lacks = "inspection"},
    /* A chain ending in a root this machine does not know. */
    {.name = "unknown root",
     .cert = NC_CERT_UNTRUSTED,
     .problem = NC_PROBLEM_TLS_UNTRUSTED,
     .has = {"likely TLS inspection by Contoso Inspection CA",
             "'Contoso Inspection CA'"},
     .lacks = "self-signed"},
    /* A root without a CN is named by its whole subject. */
    {.name = "root without CN",
     .cert = NC_CERT_UNTRUSTED,
     .root_cn = "",
     .root = "O=No Common Name Org",
     .problem = NC_PROBLEM_TLS_UNTRUSTED,
     .has = {"likely TLS inspection by O=No Common Name Org"}},
    /* The chain stops at an intermediate whose issuer is unknown; the CA
     * it lacks is named. */
    {.name = "short chain",
     .cert = NC_CERT_UNTRUSTED,
     .root_not_self_signed = true,
     .root = "O=Netcheck Fixtures,CN=Fixture Issuing CA 1",
     .root_cn = "Fixture Issuing CA 1",
     .top_issuer = "Fixture Public Root CA",
     .problem = NC_PROBLEM_TLS_UNTRUSTED,
     .has = {"missing intermediate", "'Fixture Issuing CA 1'",
             "'Fixture Public Root CA'"},
     .lacks = "inspection"},
    /* No chain seen at all: the generic sentence. */
    {.name = "untrusted, no chain",
     .cert = NC_CERT_UNTRUSTED,
     .absent = true,
     .problem = NC_PROBLEM_TLS_UNTRUSTED,
     .has = {"not trusted"}},
    /* ---- validity dates ---- */
    {.name = "expired",
     .cert = NC_CERT_EXPIRED,
     .problem = NC_PROBLEM_TLS_EXPIRED,
     .has = {"203.0.113.7:443", "expired on 2021-03-01T00:00:00Z",
             "CN=login.example.com"}},
    {.name = "expired, no date",
     .cert = NC_CERT_EXPIRED,
     .no_not_after = true,
     .problem = NC_PROBLEM_TLS_EXPIRED,
     .has = {"has expired"}},
    {.name = "not yet valid",
     .cert = NC_CERT_NOT_YET_VALID,
     .problem = NC_PROBLEM_TLS_EXPIRED,
     .has = {"not valid before 2020-02-29T12:00:00Z", "clock"}},
    {.name = "not yet valid, no date",
     .cert = NC_CERT_NOT_YET_VALID,
     .no_not_before = true,
     .problem = NC_PROBLEM_TLS_EXPIRED,
     .has = {"not yet valid", "clock"}},
    /* ---- a verified chain, but not to the endpoint's roots ---- */
    /* The roots it should have ended in are listed. */
    {.name = "inspection root",
     .ok = true,
     .root_cn = "Contoso Inspection CA",
     .issuers = true,
     .problem = NC_PROBLEM_TLS_INTERCEPTED,
     .has = {"203.0.113.7:443", "'Contoso Inspection CA'",
             "TLS inspection by Contoso Inspection CA",
             "DigiCert Global Root G2, Microsoft RSA Root Certificate "
             "Authority 2017"}},
    /* An expected root passes, compared without regard to case. */
    {.name = "expected root",
     .ok = true,
     .root_cn = "DigiCert Global Root G2",
     .issuers = true,
     .problem = NC_PROBLEM_NONE},
    {.name = "expected root, other case",
     .ok = true,
     .root_cn = "microsoft rsa ROOT certificate authority 2017",
     .issuers = true,
     .problem = NC_PROBLEM_NONE},
    /* A name that only contains an expected one is not it. */
    {.name = "prefix of a root",
     .ok = true,
     .root_cn = "DigiCert Global Root G2 (Contoso re-sign)",
     .issuers = true,
     .problem = NC_PROBLEM_TLS_INTERCEPTED},
    /* No tls_issuers: any root this machine trusts will do. */
    {.name = "no list",
     .ok = true,
     .root_cn = "Contoso Inspection CA",
     .problem = NC_PROBLEM_NONE},
    /* No chain seen (nothing to judge): not called an interception. */
    {.name = "verified, no chain",
     .ok = true,
     .root_cn = "Contoso Inspection CA",
     .issuers = true,
     .absent = true,
     .problem = NC_PROBLEM_NONE},
    /* Plain HTTP has no chain to judge. */
    {.name = "http",
     .http = true,
     .ok = true,
     .root_cn = "Contoso Inspection CA",
     .issuers = true,
     .problem = NC_PROBLEM_NONE},
};

static void tls_case_facts(const struct tls_case *k, struct nc_addr_facts *f)
{
    if (k->ok)
        ok_facts(f, k->root_cn, 200);
    else
        tls_facts(f, k->cert);
    if (!k->ok && k->root_cn != NULL)
        (void)snprintf(f->tls.root_cn, sizeof(f->tls.root_cn), "%s",
                       k->root_cn);
    if (k->root != NULL)
        (void)snprintf(f->tls.root, sizeof(f->tls.root), "%s", k->root);
    if (k->top_issuer != NULL)
        (void)snprintf(f->tls.top_issuer_cn, sizeof(f->tls.top_issuer_cn), "%s",
                       k->top_issuer);
    if (k->subject != NULL)
        (void)snprintf(f->tls.subject, sizeof(f->tls.subject), "%s",
                       k->subject);
    f->tls.leaf_self_signed = k->leaf_self_signed;
    if (k->root_not_self_signed)
        f->tls.root_self_signed = false;
    if (k->absent)
        f->tls.present = false;
    if (k->no_not_after)
        f->tls.not_after[0] = '\0';
    if (k->no_not_before)
        f->tls.not_before[0] = '\0';
}

static void test_tls_table(void **state)
{
    struct fixture fx;
    struct nc_addr_facts f;
    struct nc_addr_result r;
    size_t i, j;

    (void)state;
    for (i = 0; i < sizeof(tls_cases) / sizeof(tls_cases[0]); i++) {
        const struct tls_case *k = &tls_cases[i];

        fx_init(&fx, k->http ? "http" : "https", "login.example.com",
                k->http ? 80 : 443);
        if (k->issuers) {
            fx.c.tls_issuers = ms_roots;
            fx.c.n_tls_issuers = 2;
        }
        tls_case_facts(k, &f);
        tls_decide(&fx, &f, &r);
        check_problem(k->name, r.problem, k->problem);
        assert_int_equal(r.status, k->problem == NC_PROBLEM_NONE
                                       ? NC_STATUS_PASS
                                       : NC_STATUS_FAIL);
        for (j = 0; j < 4 && k->has[j] != NULL; j++)
            check_contains(k->name, r.detail, k->has[j]);
        if (k->lacks != NULL)
            check_lacks(k->name, r.detail, k->lacks);
    }
}

/* The re-signed chain is the cause of whatever the inspecting box then
 * answers: it is reported before the HTTP status or the body. */
static void test_tls_intercepted_beats_http(void **state)
{
    struct fixture fx;
    struct nc_addr_facts f;
    struct nc_addr_result r;

    (void)state;
    fx_init(&fx, "https", "login.example.com", 443);
    fx.c.tls_issuers = ms_roots;
    fx.c.n_tls_issuers = 2;
    fx.c.status_min = fx.c.status_max = 200;

    ok_facts(&f, "Contoso Inspection CA", 403);
    tls_decide(&fx, &f, &r);
    check_problem("403 through inspection", r.problem,
                  NC_PROBLEM_TLS_INTERCEPTED);
    assert_int_equal(r.http_status, 403);

    ok_facts(&f, "DigiCert Global Root G2", 403);
    tls_decide(&fx, &f, &r);
    check_problem("403 from the endpoint", r.problem, NC_PROBLEM_HTTP_STATUS);

    fx_expect_body(&fx, "Microsoft Connect Test");
    ok_facts(&f, "Contoso Inspection CA", 200);
    f.body_match = 0;
    tls_decide(&fx, &f, &r);
    check_problem("block page through inspection", r.problem,
                  NC_PROBLEM_TLS_INTERCEPTED);

    /* The check's action sends the reader to the inspection rule. */
    check_contains("action", problem_action(NC_PROBLEM_TLS_INTERCEPTED),
                   "exempt these hosts from TLS inspection");
}

/* A long issuer list and a long root stay within the detail. */
static void test_tls_intercepted_bounded(void **state)
{
    static char names[12][100];
    const char *list[12];
    struct fixture fx;
    struct nc_addr_facts f;
    struct nc_addr_result r;
    size_t i;

    (void)state;
    for (i = 0; i < 12; i++) {
        memset(names[i], 'a' + (int)i, sizeof(names[i]) - 1);
        names[i][sizeof(names[i]) - 1] = '\0';
        list[i] = names[i];
    }
    fx_init(&fx, "https", "login.example.com", 443);
    fx.c.tls_issuers = list;
    fx.c.n_tls_issuers = 12;
    ok_facts(&f, "Contoso Inspection CA", 200);
    tls_decide(&fx, &f, &r);
    check_problem("long list", r.problem, NC_PROBLEM_TLS_INTERCEPTED);
    check_contains("long list", r.detail, "'Contoso Inspection CA'");
}

static void clock_result(struct nc_check_result *res, const struct nc_check *c,
                         enum nc_problem p)
{
    res_init(res, c);
    res->status = NC_STATUS_FAIL;
    res->problem = p;
    (void)result_printf(res, &res->detail, NC_DETAIL_MAX, "%s",
                        "the certificate of 203.0.113.7:443 expired on "
                        "2021-03-01T00:00:00Z");
    (void)result_printf(res, &res->action, NC_ACTION_MAX, "%s", "old action");
}

static void test_clock_note(void **state)
{
    struct fixture fx;
    static struct nc_check_result res;
    struct nc_clock ahead = {.sources = 3, .skew_s = 300.4, .warn = true};
    struct nc_clock behind = {.sources = 4, .skew_s = -3600, .warn = true};
    struct nc_clock one = {.sources = 1, .skew_s = 300, .warn = true};
    struct nc_clock fine = {.sources = 3, .skew_s = 59, .warn = false};
    const long long now = 1700000000LL;

    (void)state;
    fx_init(&fx, "https", "login.example.com", 443);

    /* Their clocks 300 s ahead, and on their time the certificate is
     * valid (it starts 100 s from our now): ours is the cause. */
    clock_result(&res, &fx.c, NC_PROBLEM_TLS_EXPIRED);
    res.tls->present = true;
    res.tls->not_before_t = now + 100;
    res.tls->not_after_t = now + 86400;
    verdict_clock_note(&ahead, now, &res);
    check_contains("cause", res.detail, "expired on 2021-03-01T00:00:00Z; ");
    check_contains("cause", res.detail, "300 s behind 3 endpoints");
    check_contains("cause", res.detail, "the local clock is the cause");
    check_contains("cause", res.action, "clock");
    check_lacks("cause", res.action, "old action");
    assert_int_equal(res.problem, NC_PROBLEM_TLS_EXPIRED);
    assert_int_equal(res.status, NC_STATUS_FAIL);

    /* A certificate that expired in 2021 is not explained by 300 s: the
     * skew is reported, the clock is not blamed, the action stays. */
    clock_result(&res, &fx.c, NC_PROBLEM_TLS_EXPIRED);
    res.tls->present = true;
    res.tls->not_before_t = 1583020800LL;
    res.tls->not_after_t = 1614556800LL;
    verdict_clock_note(&ahead, now, &res);
    check_contains("old cert", res.detail, "300 s behind 3 endpoints");
    check_contains("old cert", res.detail, "does not explain");
    check_lacks("old cert", res.detail, "is the cause");
    assert_string_equal(res.action, "old action");

    /* No chain known: the skew is given, not blamed. */
    clock_result(&res, &fx.c, NC_PROBLEM_TLS_EXPIRED);
    verdict_clock_note(&behind, now, &res);
    check_contains("behind", res.detail, "3600 s ahead of 4 endpoints");
    check_lacks("behind", res.detail, "is the cause");

    /* One endpoint: singular. */
    clock_result(&res, &fx.c, NC_PROBLEM_TLS_EXPIRED);
    verdict_clock_note(&one, now, &res);
    check_contains("one", res.detail, "300 s behind 1 endpoint (median)");

    /* No warning: nothing added. */
    clock_result(&res, &fx.c, NC_PROBLEM_TLS_EXPIRED);
    verdict_clock_note(&fine, now, &res);
    assert_string_equal(res.detail, "the certificate of 203.0.113.7:443 "
                                    "expired on 2021-03-01T00:00:00Z");
    assert_string_equal(res.action, "old action");

    /* Other problems, and a pass, are not the clock's doing. */
    clock_result(&res, &fx.c, NC_PROBLEM_TLS_UNTRUSTED);
    verdict_clock_note(&ahead, now, &res);
    check_lacks("untrusted", res.detail, "clock");
    assert_string_equal(res.action, "old action");
    clock_result(&res, &fx.c, NC_PROBLEM_TLS_INTERCEPTED);
    verdict_clock_note(&behind, now, &res);
    check_lacks("intercepted", res.detail, "clock");
    clock_result(&res, &fx.c, NC_PROBLEM_NONE);
    res.status = NC_STATUS_PASS;
    verdict_clock_note(&ahead, now, &res);
    check_lacks("pass", res.detail, "clock");
    assert_int_equal(res.status, NC_STATUS_PASS);

    /* A full detail stays terminated within its array. */
    clock_result(&res, &fx.c, NC_PROBLEM_TLS_EXPIRED);
    (void)result_printf(&res, &res.detail, NC_DETAIL_MAX, "%*s",
                        NC_DETAIL_MAX - 10, "d");
    verdict_clock_note(&ahead, now, &res);
    assert_true(strlen(res.detail) < NC_DETAIL_MAX);
}

/* From facts to the check's result: the detail carries the clock. */
static void test_clock_note_after_check(void **state)
{
    struct fixture fx;
    struct nc_addr_facts f;
    static struct nc_check_result res;
    struct nc_clock ahead = {.sources = 2, .skew_s = 7200, .warn = true};

    (void)state;
    fx_init(&fx, "https", "login.example.com", 443);
    res_init(&res, &fx.c);
    tls_facts(&f, NC_CERT_NOT_YET_VALID);
    addr_init(&res.addrs[0], "203.0.113.7", -1);
    res.n_addrs = 1;
    vaddr(&fx.c, &f, &res.addrs[0]);
    verdict_check(&fx.c, &res);
    check_problem("not yet valid", res.problem, NC_PROBLEM_TLS_EXPIRED);
    verdict_clock_note(&ahead, 1700000000LL, &res);
    check_contains("not yet valid", res.detail,
                   "not valid before 2020-02-29T12:00:00Z");
    check_contains("not yet valid", res.detail, "7200 s behind");
}

/* Private endpoints and ExpressRoute paths, decided before the
 * connection's own outcome (it is their consequence). */
static void test_paths(void **state)
{
    struct fixture fx;
    struct nc_addr_facts f;
    struct nc_addr_result r;
    struct nc_er_expect er;
    static const char *const priv[] = {"10.1.2.3",       "172.16.0.1",
                                       "172.31.255.255", "192.168.1.1",
                                       "fd00::1",        "fc00::1"};
    static const char *const pub[] = {"172.32.0.1", "11.0.0.1", "203.0.113.9",
                                      "2001:db8::1", "fe80::1"};
    size_t i;

    (void)state;
    fx_init(&fx, "https", "acct.blob.core.windows.net", 443);
    fx.c.expect_private = true;
    memset(&f, 0, sizeof(f));
    f.xfer = NC_XFER_OK;
    f.connected = f.tls_done = true;
    f.http_status = 400;
    f.body_match = -1;
    for (i = 0; i < sizeof(priv) / sizeof(priv[0]); i++) {
        addr_init(&r, priv[i], -1);
        assert_int_equal(nc_addr_parse(priv[i], &r.addr), 0);
        assert_true(verdict_addr_is_private(&r.addr));
        vaddr(&fx.c, &f, &r);
        check_problem(priv[i], r.problem, NC_PROBLEM_NONE);
    }
    for (i = 0; i < sizeof(pub) / sizeof(pub[0]); i++) {
        addr_init(&r, pub[i], -1);
        assert_int_equal(nc_addr_parse(pub[i], &r.addr), 0);
        assert_false(verdict_addr_is_private(&r.addr));
        vaddr(&fx.c, &f, &r);
        check_problem(pub[i], r.problem, NC_PROBLEM_ADDRESS_NOT_PRIVATE);
        check_contains(pub[i], r.detail, "public address");
    }

    /* ExpressRoute: the device, then the next hop; a miss names both
     * paths and the community for the service. */
    fx.c.expect_private = false;
    fx.c.expressroute = true;
    memset(&er, 0, sizeof(er));
    er.enabled = true;
    (void)snprintf(er.dev, sizeof(er.dev), "er0");
    f.er = &er;
    f.route.found = true;
    (void)snprintf(f.route.dev, sizeof(f.route.dev), "er0");
    addr_init(&r, "203.0.113.9", -1);
    assert_int_equal(nc_addr_parse("203.0.113.9", &r.addr), 0);
    vaddr(&fx.c, &f, &r);
    check_problem("er0", r.problem, NC_PROBLEM_NONE);
    (void)snprintf(f.route.dev, sizeof(f.route.dev), "eth0");
    f.route.has_via = true;
    assert_int_equal(nc_addr_parse("198.51.100.1", &f.route.via), 0);
    vaddr(&fx.c, &f, &r);
    check_problem("eth0", r.problem, NC_PROBLEM_ROUTE_MISROUTED);
    check_contains("eth0", r.detail, "dev eth0 via 198.51.100.1");
    check_contains("eth0", r.detail, "dev er0");
    check_contains("eth0", r.detail, "12076:52NNN");
    er.by_gateway = true;
    assert_int_equal(nc_addr_parse("198.51.100.1", &er.gateway), 0);
    vaddr(&fx.c, &f, &r);
    check_problem("gateway", r.problem, NC_PROBLEM_NONE);
    f.route.found = false;
    vaddr(&fx.c, &f, &r);
    check_problem("no route", r.problem, NC_PROBLEM_ROUTE_MISROUTED);
    /* Not an ExpressRoute check: routes are reported, not judged. */
    fx.c.expressroute = false;
    vaddr(&fx.c, &f, &r);
    check_problem("not er", r.problem, NC_PROBLEM_NONE);
    assert_non_null(strstr(verdict_er_community("login.microsoftonline.com"),
                           "12076:5060"));
    assert_non_null(
        strstr(verdict_er_community("pod01-prot1.we.backup.windowsazure.com"),
               "12076:55NNN"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_addr_table),
        cmocka_unit_test(test_addr_errno_text),
        cmocka_unit_test(test_addr_body_mismatch),
        cmocka_unit_test(test_addr_ranges_listing),
        cmocka_unit_test(test_addr_exhaustive_and_bounded),
        cmocka_unit_test(test_dns_table),
        cmocka_unit_test(test_dns_no_server_named),
        cmocka_unit_test(test_dns_mismatch),
        cmocka_unit_test(test_dns_hosts),
        cmocka_unit_test(test_check_table),
        cmocka_unit_test(test_check_most_frequent),
        cmocka_unit_test(test_check_specialised_actions),
        cmocka_unit_test(test_check_keeps_dns_problem),
        cmocka_unit_test(test_check_long_details_bounded),
        cmocka_unit_test(test_skip),
        cmocka_unit_test(test_pac_failed),
        cmocka_unit_test(test_action_every_code),
        cmocka_unit_test(test_tls_table),
        cmocka_unit_test(test_tls_untrusted_root_quoted),
        cmocka_unit_test(test_tls_intercepted_beats_http),
        cmocka_unit_test(test_tls_intercepted_bounded),
        cmocka_unit_test(test_clock_note),
        cmocka_unit_test(test_clock_note_after_check),
        cmocka_unit_test(test_paths),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
