/* verdict_proxy.c from handcrafted facts: the proxy's own failures
 * (unreachable, 407, denied, CONNECT unanswered) and the destination as
 * seen through the proxy. No sockets, no resolver. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <errno.h>

#include <cmocka.h>

#include "fixture_result.h"
#include "errtext.h"
#include "fixture_check.h"
#include "problem.h"
#include "result.h"
#include "verdict.h"

#define PROXY "http://proxy.corp.example:3128"

/* A check whose strings live in the fixture itself. */
struct fixture {
    struct nc_check c;
    struct fx_check_strings s;
    char rule[64];
    struct nc_proxy_facts p;
    struct nc_addr_facts f;
    struct nc_check_result res;
};

/* fx is static storage: the texts of its last case are freed here. */
static void fx_init(struct fixture *fx, const char *scheme, const char *host,
                    unsigned port)
{
    fx_result_reset(&fx->res, NULL);
    memset(fx, 0, sizeof(*fx));
    result_init(&fx->res, NULL);
    fx_check_init(&fx->c, &fx->s, scheme, host, port);
    /* The proxy answered its own name; an https check tunnels. */
    (void)snprintf(fx->p.proxy, sizeof(fx->p.proxy), "%s", PROXY);
    fx->p.dns = NC_DNS_OK;
    fx->p.tunnel = strcmp(scheme, "https") == 0;
    fx->f.body_match = -1;
    fx->f.timeout_ms = 3000;
    /* Stale values that verdict_proxy must overwrite. */
    fx->res.status = NC_STATUS_SKIP;
    fx->res.problem = NC_PROBLEM_DNS_NXDOMAIN;
    fx->res.n_proxy_auth = 3;
    (void)result_printf(&fx->res, &fx->res.detail, NC_DETAIL_MAX, "%s",
                        "stale");
    (void)result_printf(&fx->res, &fx->res.action, NC_ACTION_MAX, "%s",
                        "stale");
}

/* A transfer that got an HTTP answer (through the tunnel or the proxy). */
static void fx_answer(struct fixture *fx, long connect_code, long status)
{
    fx->f.xfer = NC_XFER_OK;
    fx->f.connected = true;
    fx->f.tls_done = fx->p.tunnel && connect_code >= 200 && connect_code < 300;
    fx->f.http_status = status;
    fx->p.connect_code = connect_code;
    fx->p.connect_done = fx->f.tls_done;
    fx->p.answered = true;
}

static void fx_offer(struct fixture *fx, const char *scheme)
{
    assert_true(fx->p.n_offered < NC_MAX_OFFERED);
    (void)snprintf(fx->p.offered[fx->p.n_offered], sizeof(fx->p.offered[0]),
                   "%s", scheme);
    fx->p.n_offered++;
}

static void fx_run(struct fixture *fx)
{
    verdict_proxy(&fx->c, &fx->p, &fx->f, &fx->res);
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

static void check_result(const struct fixture *fx, enum nc_status status,
                         enum nc_problem problem)
{
    const struct nc_check_result *r = &fx->res;

    if (r->problem != problem)
        fail_msg("problem %s, want %s (detail: %s)",
                 r->problem == NC_PROBLEM_NONE ? "none"
                                               : problem_code(r->problem),
                 problem == NC_PROBLEM_NONE ? "none" : problem_code(problem),
                 r->detail);
    if (r->status != status)
        fail_msg("status %s, want %s (detail: %s)", status_name(r->status),
                 status_name(status), r->detail);
    assert_true(r->via_proxy);
    check_lacks("detail", r->detail, "stale");
    if (problem != NC_PROBLEM_NONE) {
        assert_true(r->action[0] != '\0');
        check_lacks("action", r->action, "stale");
    }
}

/* The proxy's own failure: it is named, and the destination is said to
 * be untried, never down. */
static void check_proxy_blamed(const struct fixture *fx)
{
    const char *d = fx->res.detail;

    check_contains("detail", d, PROXY);
    check_contains("detail", d, "never tried");
    check_lacks("detail", d, "refused the connection");
    check_lacks("detail", d, "no answer to TCP SYN");
    check_lacks("detail", d, "firewall");
}

/* ---- proxy unreachable ---- */

static void test_proxy_name_nxdomain(void **state)
{
    static struct fixture fx;
    static const enum nc_dns_outcome outs[] = {NC_DNS_NXDOMAIN, NC_DNS_NODATA,
                                               NC_DNS_SERVFAIL, NC_DNS_REFUSED,
                                               NC_DNS_TIMEOUT,  NC_DNS_ERROR};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(outs) / sizeof(outs[0]); i++) {
        fx_init(&fx, "https", "valid.nc.test", 443);
        fx.p.dns = outs[i];
        /* What the engine records when no transfer could run. */
        fx.f.xfer = NC_XFER_CONNECT_FAIL;
        fx_run(&fx);
        check_result(&fx, NC_STATUS_FAIL, NC_PROBLEM_PROXY_UNREACHABLE);
        check_proxy_blamed(&fx);
        check_contains("detail", fx.res.detail, "does not resolve");
        check_contains("detail", fx.res.detail, "valid.nc.test");
        assert_int_equal(fx.res.proxy_status, 0);
        assert_int_equal(fx.res.n_proxy_auth, 0);
    }
    /* Even when the transfer facts look like success, a failed lookup of
     * the proxy's own name decides (it cannot have carried anything). */
    fx_init(&fx, "http", "valid.nc.test", 80);
    fx.p.dns = NC_DNS_NXDOMAIN;
    fx_run(&fx);
    check_result(&fx, NC_STATUS_FAIL, NC_PROBLEM_PROXY_UNREACHABLE);
}

/* ---- one table: facts in, verdict out ---- */

#define ANY (-1) /* a status or count the case does not assert */

/* One scenario through an HTTP proxy: the facts set on a fresh fixture
 * (fx_init), then everything the verdict must show. */
struct vp_case {
    const char *name;
    const char *scheme, *host;
    unsigned port;
    bool optional;
    const char *rule; /* the wildcard the host is a sample of */
    /* proxy facts */
    bool set_dns;
    enum nc_dns_outcome dns;
    long connect_code;
    bool creds;
    const char *identity; /* who the credentials named, or why none */
    const char *offered[2];
    const char *product, *squid_error;
    /* transfer facts: answered (fx_answer) or failed as xfer says */
    bool answered;
    long http_status;
    enum nc_xfer xfer;
    bool connected;
    int os_errno;
    long timeout_ms; /* 0: the fixture's 3000 */
    enum nc_cert cert;
    bool connect_done;        /* the 2xx CONNECT answer ended */
    bool px_answered;         /* a status line came from the proxy */
    bool tls_done;            /* the TLS handshake inside finished */
    enum nc_http_fault fault; /* why the answer was not HTTP */
    const char *alert;        /* curl's message (f.tls_alert) */
    int body;                 /* 1 matched, -1 mismatched, 0 not checked */
    const char *excerpt;
    unsigned status_min, status_max;
    /* expected */
    enum nc_status status;
    enum nc_problem problem;
    bool blamed;           /* check_proxy_blamed */
    bool errno_text;       /* nc_errno_text(os_errno) in the detail */
    const char *has[5];    /* in the detail */
    const char *lacks[2];  /* not in the detail */
    const char *act_has;   /* in the action */
    const char *act_lacks; /* not in the action */
    long proxy_status;     /* or ANY */
    long want_http;        /* res.http_status, or ANY */
    int n_auth;            /* or ANY */
    const char *auth[2];   /* res.proxy_auth[i] */
    bool keeps_proxy;      /* res.proxy is the proxy's URL */
};

static const struct vp_case vp_cases[] = {
    /* ---- proxy unreachable ---- */
    {.name = "connect refused",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .xfer = NC_XFER_CONNECT_FAIL,
     .os_errno = ECONNREFUSED,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_UNREACHABLE,
     .blamed = true,
     .errno_text = true,
     .has = {"cannot be reached"},
     .proxy_status = ANY,
     .want_http = ANY,
     .n_auth = ANY},
    /* A literal proxy address (never looked up), plain HTTP, no errno. */
    {.name = "literal proxy, no errno",
     .scheme = "http",
     .host = "valid.nc.test",
     .port = 80,
     .set_dns = true,
     .dns = NC_DNS_NOT_ASKED,
     .xfer = NC_XFER_CONNECT_FAIL,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_UNREACHABLE,
     .blamed = true,
     .has = {"the connection failed"},
     .proxy_status = ANY,
     .want_http = 0,
     .n_auth = ANY},
    {.name = "connect timeout",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .xfer = NC_XFER_TIMEOUT,
     .timeout_ms = 1500,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_UNREACHABLE,
     .blamed = true,
     .has = {"1500 ms", "did not answer the TCP"},
     .proxy_status = ANY,
     .want_http = ANY,
     .n_auth = ANY},
    /* ---- 407 ---- */
    /* libcurl 7.88: CURLE_RECV_ERROR, mapped to a broken transfer; the
     * CONNECT code decides. The proxy is kept for the shared-cause
     * grouping (rootcause.c). */
    {.name = "CONNECT 407 without credentials",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .connect_code = 407,
     .offered = {"Basic", "NTLM"},
     .product = "squid/5.7",
     .xfer = NC_XFER_OTHER,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_AUTH_REQUIRED,
     .has = {PROXY, "407", "no credentials were sent", "Basic, NTLM",
             "squid/5.7"},
     .proxy_status = 407,
     .want_http = ANY,
     .n_auth = 2,
     .auth = {"Basic", "NTLM"},
     .keeps_proxy = true},
    /* No Proxy-Authenticate at all: "none". */
    {.name = "CONNECT 407 offering nothing",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .connect_code = 407,
     .xfer = NC_XFER_OTHER,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_AUTH_REQUIRED,
     .has = {"offers: none"},
     .proxy_status = ANY,
     .want_http = ANY,
     .n_auth = 0},
    {.name = "CONNECT 407 with credentials",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .connect_code = 407,
     .creds = true,
     .offered = {"Negotiate"},
     .xfer = NC_XFER_OTHER,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_AUTH_FAILED,
     .has = {"rejected the credentials", "offers: Negotiate"},
     .lacks = {"no credentials"},
     .proxy_status = 407,
     .want_http = ANY,
     .n_auth = 1,
     .auth = {"Negotiate"}},
    /* The identity tried is named (SSPI as SYSTEM, or why none). */
    {.name = "CONNECT 407 to the SYSTEM account's own logon",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .connect_code = 407,
     .creds = true,
     .identity = "the SYSTEM account's own Windows logon (NT "
                 "AUTHORITY\\SYSTEM, through SSPI)",
     .offered = {"NTLM"},
     .xfer = NC_XFER_OTHER,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_AUTH_FAILED,
     .has = {"rejected the credentials", "offers: NTLM",
             "; identity: the SYSTEM account's own Windows logon (NT "
             "AUTHORITY\\SYSTEM, through SSPI)"},
     .proxy_status = 407,
     .want_http = ANY,
     .n_auth = 1,
     .auth = {"NTLM"}},
    {.name = "CONNECT 407, no identity and why",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .connect_code = 407,
     .identity = "none: netcheck runs as 'h\\a', not as SYSTEM",
     .offered = {"Negotiate", "NTLM"},
     .xfer = NC_XFER_OTHER,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_AUTH_REQUIRED,
     .has = {"no credentials were sent; it offers: Negotiate, NTLM; "
             "identity: none: netcheck runs as 'h\\a', not as SYSTEM"},
     .proxy_status = 407,
     .want_http = ANY,
     .n_auth = 2,
     .auth = {"Negotiate", "NTLM"},
     .keeps_proxy = true},
    /* A plain-HTTP URL: the proxy's 407 is the response itself (CURLE_OK);
     * the destination never answered. */
    {.name = "plain HTTP 407",
     .scheme = "http",
     .host = "valid.nc.test",
     .port = 80,
     .offered = {"Basic"},
     .answered = true,
     .http_status = 407,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_AUTH_REQUIRED,
     .proxy_status = 407,
     .want_http = 0,
     .n_auth = 1,
     .auth = {"Basic"}},
    {.name = "plain HTTP 407 with credentials",
     .scheme = "http",
     .host = "valid.nc.test",
     .port = 80,
     .offered = {"Basic"},
     .creds = true,
     .answered = true,
     .http_status = 407,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_AUTH_FAILED,
     .proxy_status = 407,
     .want_http = 0,
     .n_auth = ANY},
    /* An https check whose CONNECT worked and whose destination answered
     * 407 itself is not the proxy's 407: only the CONNECT code counts. */
    {.name = "destination 407 through the tunnel",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .answered = true,
     .connect_code = 200,
     .http_status = 407,
     .status_min = 200,
     .status_max = 299,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_HTTP_STATUS,
     .proxy_status = 200,
     .want_http = ANY,
     .n_auth = ANY},
    /* ---- denied ---- */
    {.name = "CONNECT 403 from squid",
     .scheme = "https",
     .host = "www.nc.test",
     .port = 443,
     .connect_code = 403,
     .product = "squid/5.7",
     .squid_error = "ERR_ACCESS_DENIED 0",
     .xfer = NC_XFER_OTHER,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_DENIED,
     .has = {PROXY, "squid/5.7", "ERR_ACCESS_DENIED", "CONNECT www.nc.test:443",
             "403"},
     .proxy_status = 403,
     .want_http = ANY,
     .n_auth = ANY},
    /* X-Squid-Error alone still names squid. */
    {.name = "CONNECT 403, X-Squid-Error only",
     .scheme = "https",
     .host = "www.nc.test",
     .port = 443,
     .connect_code = 403,
     .squid_error = "ERR_ACCESS_DENIED 0",
     .xfer = NC_XFER_OTHER,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_DENIED,
     .has = {"(squid, ERR_ACCESS_DENIED 0)"},
     .proxy_status = ANY,
     .want_http = ANY,
     .n_auth = ANY},
    /* Another proxy product, from Via, and another refusal code. */
    {.name = "CONNECT 502 from Zscaler",
     .scheme = "https",
     .host = "www.nc.test",
     .port = 443,
     .connect_code = 502,
     .product = "1.1 gateway (Zscaler)",
     .xfer = NC_XFER_OTHER,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_DENIED,
     .has = {"(1.1 gateway (Zscaler))", "502"},
     .lacks = {"squid"},
     .proxy_status = 502,
     .want_http = ANY,
     .n_auth = ANY},
    /* A plain-HTTP 403 is the proxy's only when squid marks it. */
    {.name = "plain HTTP 403 from squid",
     .scheme = "http",
     .host = "www.nc.test",
     .port = 80,
     .squid_error = "ERR_ACCESS_DENIED 0",
     .answered = true,
     .http_status = 403,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_DENIED,
     .has = {"GET www.nc.test:80", "squid"},
     .proxy_status = 403,
     .want_http = 0,
     .n_auth = ANY},
    /* Without X-Squid-Error: the destination's answer, and 403 is within
     * the check's default range 100-599. Relayed, not the proxy's own: no
     * proxy status. */
    {.name = "plain HTTP 403 relayed",
     .scheme = "http",
     .host = "www.nc.test",
     .port = 80,
     .product = "nginx",
     .answered = true,
     .http_status = 403,
     .status = NC_STATUS_PASS,
     .problem = NC_PROBLEM_NONE,
     .has = {"answered 403 through the proxy"},
     .proxy_status = 0,
     .want_http = 403,
     .n_auth = ANY},
    /* ... and out of an expected 200-299: http_status, not the proxy. */
    {.name = "plain HTTP 403 out of range",
     .scheme = "http",
     .host = "www.nc.test",
     .port = 80,
     .answered = true,
     .http_status = 403,
     .status_min = 200,
     .status_max = 299,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_HTTP_STATUS,
     .has = {"through the proxy " PROXY, "403", "www.nc.test"},
     .proxy_status = ANY,
     .want_http = 403,
     .n_auth = ANY},
    /* ---- CONNECT never answered ---- */
    {.name = "CONNECT unanswered",
     .scheme = "https",
     .host = "blackhole.nc.test",
     .port = 443,
     .xfer = NC_XFER_TIMEOUT,
     .connected = true,
     .timeout_ms = 3000,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TIMEOUT,
     .has = {PROXY, "accepted the connection but did not answer",
             "CONNECT blackhole.nc.test:443", "3000 ms",
             "unreachable from the proxy"},
     .lacks = {"TCP connection", "never tried"},
     .act_has = PROXY,
     .proxy_status = 0,
     .want_http = ANY,
     .n_auth = ANY},
    /* The same silence for a plain GET: the proxy's answer never came,
     * and the destination is not said to be connected. */
    {.name = "GET unanswered",
     .scheme = "http",
     .host = "valid.nc.test",
     .port = 80,
     .xfer = NC_XFER_TIMEOUT,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TIMEOUT,
     .has = {PROXY, "accepted the connection but did not answer",
             "GET http://valid.nc.test:80/", "3000 ms"},
     .lacks = {"connected to valid.nc.test", "TCP connection"},
     .act_has = PROXY,
     .proxy_status = 0,
     .want_http = 0,
     .n_auth = ANY},
    /* A status line came, then the body stalled: the answer (relayed) is
     * the destination's, as seen through the proxy. */
    {.name = "GET answered, then stalled",
     .scheme = "http",
     .host = "valid.nc.test",
     .port = 80,
     .xfer = NC_XFER_TIMEOUT,
     .connected = true,
     .px_answered = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TIMEOUT,
     .has = {"through the proxy " PROXY, "no complete HTTP answer"},
     .lacks = {"did not answer GET"},
     .proxy_status = 0,
     .want_http = ANY,
     .n_auth = ANY},
    /* CONNECT answered 200, the TLS handshake through the tunnel got no
     * answer: the path beyond the proxy, never the proxy unreachable. */
    {.name = "tunnel open, TLS stalls",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .connect_code = 200,
     .connect_done = true,
     .px_answered = true,
     .xfer = NC_XFER_TIMEOUT,
     .connected = true,
     .timeout_ms = 2000,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TIMEOUT,
     .has = {PROXY, "accepted CONNECT valid.nc.test:443 (200)",
             "TLS handshake with valid.nc.test through it",
             "no answer within 2000 ms", "path from the proxy"},
     .lacks = {"never tried", "TCP connection"},
     .act_has = "opened the tunnel",
     .proxy_status = 200,
     .want_http = 0,
     .n_auth = ANY},
    /* A 2xx whose header block never ends: the tunnel never opened. */
    {.name = "CONNECT 200 never finished",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .connect_code = 200,
     .px_answered = true,
     .xfer = NC_XFER_TIMEOUT,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TIMEOUT,
     .has = {PROXY, "began its answer to CONNECT valid.nc.test:443 (200)",
             "3000 ms", "never tried"},
     .lacks = {"TLS handshake"},
     .act_has = PROXY,
     .proxy_status = 200,
     .want_http = ANY,
     .n_auth = ANY},
    /* ---- the proxy's answer is not HTTP ---- */
    /* libcurl 7.88 fails a CONNECT answered by an SSH banner with
     * CURLE_BAD_FUNCTION_ARGUMENT: NC_XFER_OTHER. */
    {.name = "CONNECT answered with garbage",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .xfer = NC_XFER_OTHER,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_INVALID,
     .has = {PROXY,
             "answered CONNECT valid.nc.test:443 with something that is not "
             "valid HTTP",
             "valid.nc.test was never tried"},
     .lacks = {"could not connect"},
     .act_has = "HTTP proxy",
     .act_lacks = "routing",
     .proxy_status = 0,
     .want_http = 0,
     .n_auth = ANY},
    {.name = "CONNECT garbage, curl's message quoted",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .xfer = NC_XFER_OTHER,
     .connected = true,
     .alert = "Received HTTP/0.9 when not allowed\x1b[2J",
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_INVALID,
     .has = {"(Received HTTP/0.9 when not allowed.[2J)"},
     .lacks = {"\x1b"},
     .proxy_status = ANY,
     .want_http = ANY,
     .n_auth = ANY},
    {.name = "CONNECT 200 with oversized headers",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .connect_code = 200,
     .px_answered = true,
     .xfer = NC_XFER_BAD_RESPONSE,
     .fault = NC_HTTP_FAULT_HEADERS_TOO_BIG,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_INVALID,
     .has = {"answered CONNECT valid.nc.test:443 with headers larger than "
             "curl accepts",
             "never tried"},
     .lacks = {"reset", "firewall"},
     .proxy_status = 200,
     .want_http = 0,
     .n_auth = ANY},
    {.name = "closed without answering CONNECT",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .xfer = NC_XFER_RESET,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_INVALID,
     .has = {"closed or reset before it answered CONNECT valid.nc.test:443",
             "the proxy, or a firewall between it and this machine",
             "never tried"},
     .proxy_status = 0,
     .want_http = ANY,
     .n_auth = ANY},
    {.name = "closed in the middle of the CONNECT answer",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .connect_code = 200,
     .px_answered = true,
     .xfer = NC_XFER_RESET,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_INVALID,
     .has = {"in the middle of its answer to CONNECT valid.nc.test:443"},
     .proxy_status = 200,
     .want_http = ANY,
     .n_auth = ANY},
    /* A plain GET closed before any status line: the connection is the
     * proxy's alone (a proxy whose upstream failed answers 502/504), so
     * the destination is not blamed; whether it was tried is unknown. */
    {.name = "GET closed without any answer",
     .scheme = "http",
     .host = "valid.nc.test",
     .port = 80,
     .xfer = NC_XFER_RESET,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_INVALID,
     .has = {PROXY,
             "closed or reset before it answered GET "
             "http://valid.nc.test:80/",
             "the proxy, or a firewall between it and this machine"},
     .lacks = {"never tried", "valid.nc.test:80 reset"},
     .act_has = "HTTP proxy",
     .proxy_status = 0,
     .want_http = 0,
     .n_auth = ANY},
    /* A status line came first: the answer may be the destination's,
     * relayed and cut short, so the destination's reset stands. */
    {.name = "GET closed after a status line",
     .scheme = "http",
     .host = "valid.nc.test",
     .port = 80,
     .xfer = NC_XFER_RESET,
     .connected = true,
     .px_answered = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TCP_RESET,
     .has = {"through the proxy " PROXY, "valid.nc.test:80 reset or closed"},
     .proxy_status = 0,
     .want_http = ANY,
     .n_auth = ANY},
    /* A plain GET's answer is framed by the proxy (Transfer-Encoding is
     * hop-by-hop): its breakage is the proxy's. */
    {.name = "GET answered with garbage",
     .scheme = "http",
     .host = "valid.nc.test",
     .port = 80,
     .xfer = NC_XFER_BAD_RESPONSE,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_INVALID,
     .has = {PROXY, "answered GET http://valid.nc.test:80/ with something "
                    "that is not valid HTTP"},
     .lacks = {"never tried"},
     .proxy_status = 0,
     .want_http = 0,
     .n_auth = ANY},
    {.name = "GET answered with an overflowing chunk size",
     .scheme = "http",
     .host = "valid.nc.test",
     .port = 80,
     .xfer = NC_XFER_BAD_RESPONSE,
     .fault = NC_HTTP_FAULT_CHUNKED,
     .connected = true,
     .px_answered = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_PROXY_INVALID,
     .has = {"answered GET http://valid.nc.test:80/ with a broken chunked "
             "encoding"},
     .lacks = {"reset", "firewall"},
     .proxy_status = 0,
     .want_http = 0,
     .n_auth = ANY},
    /* Inside an open tunnel the framing is the destination's. */
    {.name = "destination's oversized headers through the tunnel",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .connect_code = 200,
     .connect_done = true,
     .px_answered = true,
     .tls_done = true,
     .xfer = NC_XFER_BAD_RESPONSE,
     .fault = NC_HTTP_FAULT_HEADERS_TOO_BIG,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_HTTP_INVALID,
     .has = {"through the proxy " PROXY,
             "valid.nc.test:443 answered with headers larger than curl "
             "accepts"},
     .lacks = {"the proxy " PROXY " answered"},
     .proxy_status = 200,
     .want_http = 0,
     .n_auth = ANY},
    {.name = "destination resets after the tunnel opened",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .connect_code = 200,
     .connect_done = true,
     .px_answered = true,
     .tls_done = true,
     .xfer = NC_XFER_RESET,
     .connected = true,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TCP_RESET,
     .has = {"through the proxy " PROXY, "valid.nc.test:443 reset or closed"},
     .proxy_status = 200,
     .want_http = ANY,
     .n_auth = ANY},
    /* ---- through the tunnel ---- */
    {.name = "tunnel, then an untrusted chain",
     .scheme = "https",
     .host = "self.nc.test",
     .port = 443,
     .connect_code = 200,
     .xfer = NC_XFER_TLS_VERIFY,
     .connected = true,
     .cert = NC_CERT_UNTRUSTED,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TLS_UNTRUSTED,
     .has = {"through the proxy " PROXY, "self.nc.test:443", "not trusted"},
     .act_has = "TLS inspection",
     .proxy_status = 200,
     .want_http = 0,
     .n_auth = ANY},
    /* The destination is named by its host in a detail through the proxy,
     * whole, whatever its length (it is no address of ours). */
    {.name = "long destination named whole",
     .scheme = "https",
     .host = "contoso-backup-vault-0001.privatelink.blob.core.windows.net",
     .port = 443,
     .connect_code = 200,
     .xfer = NC_XFER_TLS_VERIFY,
     .connected = true,
     .cert = NC_CERT_UNTRUSTED,
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_TLS_UNTRUSTED,
     .has = {"contoso-backup-vault-0001.privatelink.blob.core.windows.net"},
     .proxy_status = ANY,
     .want_http = ANY,
     .n_auth = ANY},
    {.name = "pass through the tunnel",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .answered = true,
     .connect_code = 200,
     .http_status = 200,
     .body = 1,
     .status = NC_STATUS_PASS,
     .problem = NC_PROBLEM_NONE,
     .has = {"answered 200 through the proxy", PROXY},
     .lacks = {"sample host"},
     .proxy_status = 200,
     .want_http = 200,
     .n_auth = 0},
    /* A wildcard rule tested through its sample host says so. */
    {.name = "pass for a wildcard's sample",
     .scheme = "https",
     .host = "s1.wild.nc.test",
     .port = 443,
     .rule = "*.wild.nc.test",
     .answered = true,
     .connect_code = 200,
     .http_status = 200,
     .body = 1,
     .status = NC_STATUS_PASS,
     .problem = NC_PROBLEM_NONE,
     .has = {"tested via sample host s1.wild.nc.test for *.wild.nc.test"},
     .proxy_status = ANY,
     .want_http = ANY,
     .n_auth = ANY},
    /* Plain HTTP through the proxy, its body as expected. */
    {.name = "pass over plain HTTP",
     .scheme = "http",
     .host = "valid.nc.test",
     .port = 80,
     .answered = true,
     .http_status = 200,
     .body = 1,
     .status = NC_STATUS_PASS,
     .problem = NC_PROBLEM_NONE,
     .proxy_status = 0,
     .want_http = 200,
     .n_auth = ANY},
    /* A body mismatch through the proxy (a block page from the proxy with
     * a 200) is the destination's problem as seen through it. */
    {.name = "body mismatch through the proxy",
     .scheme = "http",
     .host = "valid.nc.test",
     .port = 80,
     .answered = true,
     .http_status = 200,
     .body = -1,
     .excerpt = "<html>Access denied by policy",
     .status = NC_STATUS_FAIL,
     .problem = NC_PROBLEM_BODY_MISMATCH,
     .has = {"through the proxy", "Access denied"},
     .proxy_status = ANY,
     .want_http = ANY,
     .n_auth = ANY},
    /* ---- required or optional ---- */
    {.name = "optional: proxy unreachable",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .optional = true,
     .xfer = NC_XFER_CONNECT_FAIL,
     .os_errno = ECONNREFUSED,
     .status = NC_STATUS_WARN,
     .problem = NC_PROBLEM_PROXY_UNREACHABLE,
     .proxy_status = ANY,
     .want_http = ANY,
     .n_auth = ANY},
    {.name = "optional: credentials rejected",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .optional = true,
     .connect_code = 407,
     .creds = true,
     .xfer = NC_XFER_OTHER,
     .connected = true,
     .status = NC_STATUS_WARN,
     .problem = NC_PROBLEM_PROXY_AUTH_FAILED,
     .proxy_status = ANY,
     .want_http = ANY,
     .n_auth = ANY},
    {.name = "optional: denied",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .optional = true,
     .connect_code = 403,
     .xfer = NC_XFER_OTHER,
     .connected = true,
     .status = NC_STATUS_WARN,
     .problem = NC_PROBLEM_PROXY_DENIED,
     .proxy_status = ANY,
     .want_http = ANY,
     .n_auth = ANY},
    {.name = "optional: expired certificate",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .optional = true,
     .connect_code = 200,
     .xfer = NC_XFER_TLS_VERIFY,
     .connected = true,
     .cert = NC_CERT_EXPIRED,
     .status = NC_STATUS_WARN,
     .problem = NC_PROBLEM_TLS_EXPIRED,
     .proxy_status = ANY,
     .want_http = ANY,
     .n_auth = ANY},
    /* An optional check that passes still passes. */
    {.name = "optional: pass",
     .scheme = "https",
     .host = "valid.nc.test",
     .port = 443,
     .optional = true,
     .answered = true,
     .connect_code = 200,
     .http_status = 204,
     .status = NC_STATUS_PASS,
     .problem = NC_PROBLEM_NONE,
     .proxy_status = ANY,
     .want_http = ANY,
     .n_auth = ANY},
};

static void vp_case_setup(struct fixture *fx, const struct vp_case *k)
{
    size_t j;

    fx_init(fx, k->scheme, k->host, k->port);
    fx->c.required = !k->optional;
    if (k->rule != NULL) {
        (void)snprintf(fx->rule, sizeof(fx->rule), "%s", k->rule);
        fx->c.rule = fx->rule;
    }
    if (k->set_dns)
        fx->p.dns = k->dns;
    fx->p.creds_sent = k->creds;
    if (k->identity != NULL)
        (void)snprintf(fx->p.identity, sizeof(fx->p.identity), "%s",
                       k->identity);
    for (j = 0; j < 2 && k->offered[j] != NULL; j++)
        fx_offer(fx, k->offered[j]);
    if (k->product != NULL)
        (void)snprintf(fx->p.product, sizeof(fx->p.product), "%s", k->product);
    if (k->squid_error != NULL)
        (void)snprintf(fx->p.squid_error, sizeof(fx->p.squid_error), "%s",
                       k->squid_error);
    if (k->answered) {
        fx_answer(fx, k->connect_code, k->http_status);
    } else {
        fx->p.connect_code = k->connect_code;
        fx->f.xfer = k->xfer;
        fx->f.connected = k->connected;
        fx->f.os_errno = k->os_errno;
        fx->f.cert = k->cert;
        fx->f.tls_done = k->tls_done;
        fx->f.http_fault = k->fault;
        fx->p.connect_done = k->connect_done;
        fx->p.answered = k->px_answered;
        if (k->alert != NULL)
            (void)snprintf(fx->f.tls_alert, sizeof(fx->f.tls_alert), "%s",
                           k->alert);
    }
    if (k->timeout_ms != 0)
        fx->f.timeout_ms = k->timeout_ms;
    if (k->body != 0)
        fx->f.body_match = k->body > 0 ? 1 : 0;
    if (k->excerpt != NULL)
        (void)snprintf(fx->f.body_excerpt, sizeof(fx->f.body_excerpt), "%s",
                       k->excerpt);
    if (k->status_min != 0) {
        fx->c.status_min = k->status_min;
        fx->c.status_max = k->status_max;
    }
}

static void test_http_proxy_table(void **state)
{
    static struct fixture fx;
    size_t i, j;

    (void)state;
    for (i = 0; i < sizeof(vp_cases) / sizeof(vp_cases[0]); i++) {
        const struct vp_case *k = &vp_cases[i];

        print_message("case: %s\n", k->name);
        vp_case_setup(&fx, k);
        fx_run(&fx);
        check_result(&fx, k->status, k->problem);
        if (k->blamed)
            check_proxy_blamed(&fx);
        /* nc_errno_text: strerror on glibc (test_errtext), but Windows'
         * C runtime has no text for the socket errors. */
        if (k->errno_text)
            check_contains("detail", fx.res.detail, nc_errno_text(k->os_errno));
        for (j = 0; j < 5 && k->has[j] != NULL; j++)
            check_contains("detail", fx.res.detail, k->has[j]);
        for (j = 0; j < 2 && k->lacks[j] != NULL; j++)
            check_lacks("detail", fx.res.detail, k->lacks[j]);
        if (k->act_has != NULL)
            check_contains("action", fx.res.action, k->act_has);
        if (k->act_lacks != NULL)
            check_lacks("action", fx.res.action, k->act_lacks);
        if (k->proxy_status != ANY)
            assert_int_equal(fx.res.proxy_status, k->proxy_status);
        if (k->want_http != ANY)
            assert_int_equal(fx.res.http_status, k->want_http);
        if (k->n_auth != ANY)
            assert_int_equal(fx.res.n_proxy_auth, k->n_auth);
        for (j = 0; j < 2 && k->auth[j] != NULL; j++)
            assert_string_equal(fx.res.proxy_auth[j], k->auth[j]);
        if (k->keeps_proxy)
            assert_string_equal(fx.res.proxy, PROXY);
    }
}

/* More schemes than the result holds: the first NC_MAX_OFFERED are kept. */
static void test_offered_bound(void **state)
{
    static struct fixture fx;
    size_t i;

    (void)state;
    fx_init(&fx, "https", "valid.nc.test", 443);
    fx.f.xfer = NC_XFER_OTHER;
    fx.f.connected = true;
    fx.p.connect_code = 407;
    for (i = 0; i < NC_MAX_OFFERED; i++)
        (void)snprintf(fx.p.offered[i], sizeof(fx.p.offered[0]),
                       "Scheme%zuLong123", i);
    fx.p.n_offered = NC_MAX_OFFERED + 3; /* claims more than it holds */
    fx_run(&fx);
    check_result(&fx, NC_STATUS_FAIL, NC_PROBLEM_PROXY_AUTH_REQUIRED);
    assert_int_equal(fx.res.n_proxy_auth, NC_MAX_OFFERED);
    assert_string_equal(fx.res.proxy_auth[NC_MAX_OFFERED - 1],
                        fx.p.offered[NC_MAX_OFFERED - 1]);
    assert_true(strlen(fx.res.detail) < NC_DETAIL_MAX);
}

/* ---- the https:// proxy's own certificate rejected ---- */

static const struct {
    const char *name;
    enum nc_cert cert;
    bool present, leaf_self_signed, root_self_signed, own_ca;
    const char *want[3]; /* in the detail */
} proxy_tls_cases[] = {
    {"issuer missing",
     NC_CERT_UNTRUSTED,
     true,
     false,
     false,
     false,
     {"issued by 'Corp Proxy CA'", "the trust store", NULL}},
    {"root untrusted",
     NC_CERT_UNTRUSTED,
     true,
     false,
     true,
     true,
     {"issued by 'Corp Root'", "--proxy-ca-bundle", NULL}},
    {"self-signed",
     NC_CERT_UNTRUSTED,
     true,
     true,
     true,
     false,
     {"self-signed", "CN=proxy.corp.example", NULL}},
    {"no chain seen",
     NC_CERT_UNTRUSTED,
     false,
     false,
     false,
     false,
     {"does not trust", NULL, NULL}},
    {"expired",
     NC_CERT_EXPIRED,
     true,
     false,
     false,
     false,
     {"expired on 2021-01-01T00:00:00Z", NULL, NULL}},
    {"not yet valid",
     NC_CERT_NOT_YET_VALID,
     true,
     false,
     false,
     false,
     {"not valid before 2030-01-01T00:00:00Z", "clock", NULL}},
    {"name mismatch",
     NC_CERT_NAME_MISMATCH,
     true,
     false,
     false,
     false,
     {"is for other.invalid", "not the proxy's name", NULL}},
    {"other", NC_CERT_OTHER, true, false, false, false, {"rejected"}},
};

static void test_proxy_tls_rejected(void **state)
{
    static struct fixture fx;
    size_t i, k;

    (void)state;
    for (i = 0; i < sizeof(proxy_tls_cases) / sizeof(proxy_tls_cases[0]); i++) {
        struct nc_tls_info *t = &fx.p.chain;

        print_message("case: %s\n", proxy_tls_cases[i].name);
        fx_init(&fx, i % 2 ? "http" : "https", "valid.nc.test",
                i % 2 ? 80 : 443);
        /* What the transfer shows: a TLS failure, before any CONNECT. */
        fx.f.xfer = NC_XFER_TLS_VERIFY;
        fx.f.connected = true;
        fx.f.cert = NC_CERT_OTHER;
        fx.p.tls = true;
        fx.p.cert = proxy_tls_cases[i].cert;
        fx.p.own_ca = proxy_tls_cases[i].own_ca;
        t->present = proxy_tls_cases[i].present;
        t->leaf_self_signed = proxy_tls_cases[i].leaf_self_signed;
        t->root_self_signed = proxy_tls_cases[i].root_self_signed;
        (void)snprintf(t->subject, sizeof(t->subject), "%s",
                       "CN=proxy.corp.example");
        (void)snprintf(t->root_cn, sizeof(t->root_cn), "%s", "Corp Root");
        (void)snprintf(t->top_issuer_cn, sizeof(t->top_issuer_cn), "%s",
                       "Corp Proxy CA");
        (void)snprintf(t->not_after, sizeof(t->not_after), "%s",
                       "2021-01-01T00:00:00Z");
        (void)snprintf(t->not_before, sizeof(t->not_before), "%s",
                       "2030-01-01T00:00:00Z");
        (void)snprintf(fx.p.cert_names, sizeof(fx.p.cert_names), "%s",
                       "other.invalid");
        fx_run(&fx);
        check_result(&fx, NC_STATUS_FAIL, NC_PROBLEM_PROXY_TLS_UNTRUSTED);
        check_proxy_blamed(&fx);
        for (k = 0; k < 3 && proxy_tls_cases[i].want[k] != NULL; k++)
            check_contains("detail", fx.res.detail, proxy_tls_cases[i].want[k]);
        check_contains("action", fx.res.action, "--proxy-ca-bundle");
        check_lacks("action", fx.res.action, "TLS inspection");
        assert_int_equal(fx.res.proxy_status, 0);
        assert_int_equal(fx.res.http_status, 0);
    }

    /* The proxy's TLS was fine: a destination failure stays the
     * destination's. */
    fx_init(&fx, "https", "self.nc.test", 443);
    fx.p.tls = true;
    fx.f.xfer = NC_XFER_TLS_VERIFY;
    fx.f.connected = true;
    fx.f.cert = NC_CERT_UNTRUSTED;
    fx.p.connect_code = 200;
    fx_run(&fx);
    check_result(&fx, NC_STATUS_FAIL, NC_PROBLEM_TLS_UNTRUSTED);
}

/* A handshake that failed before the CONNECT was answered (or on a plain
 * http:// check) was with the proxy; after it, with the destination. */
static void test_proxy_tls_handshake(void **state)
{
    static const struct {
        const char *scheme;
        long connect_code;
        enum nc_problem want;
    } cases[] = {
        {"https", 0, NC_PROBLEM_PROXY_TLS_FAILED},
        {"http", 0, NC_PROBLEM_PROXY_TLS_FAILED},
        {"https", 200, NC_PROBLEM_TLS_FAILED},
    };
    static struct fixture fx;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        fx_init(&fx, cases[i].scheme, "valid.nc.test", 443);
        fx.p.tls = true;
        fx.p.connect_code = cases[i].connect_code;
        fx.f.xfer = NC_XFER_TLS_HANDSHAKE;
        fx.f.connected = true;
        (void)snprintf(fx.f.tls_alert, sizeof(fx.f.tls_alert), "%s",
                       "wrong version number");
        fx_run(&fx);
        check_result(&fx, NC_STATUS_FAIL, cases[i].want);
        check_contains("detail", fx.res.detail, "wrong version number");
        if (cases[i].want == NC_PROBLEM_PROXY_TLS_FAILED) {
            check_proxy_blamed(&fx);
            check_contains("detail", fx.res.detail, "HTTPS proxy");
        } else {
            check_contains("detail", fx.res.detail, "valid.nc.test:443");
        }
    }
    /* An http:// proxy has no TLS of its own to fail. */
    fx_init(&fx, "http", "valid.nc.test", 443);
    fx.f.xfer = NC_XFER_TLS_HANDSHAKE;
    fx.f.connected = true;
    fx_run(&fx);
    check_result(&fx, NC_STATUS_FAIL, NC_PROBLEM_TLS_FAILED);
}

/* An HTTPS proxy that takes the TCP connection: silence before its
 * certificate is its TLS failing; after it, its CONNECT answer missing. */
static void test_proxy_tls_silent(void **state)
{
    static const struct {
        const char *scheme;
        bool connected, tls_answered;
        enum nc_problem want;
        const char *has, *lacks;
    } cases[] = {
        {"https", true, false, NC_PROBLEM_PROXY_TLS_FAILED,
         "accepted the connection but did not answer the TLS handshake "
         "within 2000 ms",
         "CONNECT"},
        {"http", true, false, NC_PROBLEM_PROXY_TLS_FAILED,
         "did not answer the TLS handshake", "GET"},
        {"https", true, true, NC_PROBLEM_TIMEOUT,
         "did not answer CONNECT valid.nc.test:443", "TLS handshake"},
        {"https", false, false, NC_PROBLEM_PROXY_UNREACHABLE,
         "did not answer the TCP connection", "TLS handshake"},
    };
    static struct fixture fx;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        fx_init(&fx, cases[i].scheme, "valid.nc.test", 443);
        fx.p.tls = true;
        fx.p.tls_answered = cases[i].tls_answered;
        fx.f.xfer = NC_XFER_TIMEOUT;
        fx.f.connected = cases[i].connected;
        fx.f.timeout_ms = 2000;
        fx_run(&fx);
        check_result(&fx, NC_STATUS_FAIL, cases[i].want);
        check_contains("detail", fx.res.detail, PROXY);
        check_contains("detail", fx.res.detail, cases[i].has);
        check_lacks("detail", fx.res.detail, cases[i].lacks);
    }
}

/* ---- overloaded ---- */

static void test_overloaded(void **state)
{
    static struct fixture fx;

    (void)state;
    fx_init(&fx, "https", "valid.nc.test", 443);
    fx.res.via_proxy = true;
    verdict_proxy_overloaded(&fx.c, 3, 5, &fx.res);
    check_result(&fx, NC_STATUS_FAIL, NC_PROBLEM_PROXY_OVERLOADED);
    check_contains("detail", fx.res.detail, "proxy overloaded");
    check_contains("detail", fx.res.detail, "5 connections");
    check_contains("detail", fx.res.detail, "3 others");
    check_contains("detail", fx.res.detail, "valid.nc.test was never tried");
    check_contains("action", fx.res.action, "--parallel");

    fx_init(&fx, "https", "valid.nc.test", 443);
    fx.res.via_proxy = true;
    fx.c.required = false;
    verdict_proxy_overloaded(&fx.c, 7, 1, &fx.res);
    check_result(&fx, NC_STATUS_WARN, NC_PROBLEM_PROXY_OVERLOADED);
    check_contains("detail", fx.res.detail, "1 connection to it");
}

/* ---- SOCKS ---- */

#define SOCKS5 "socks5://socks.corp.example:1080"

/* A check through a SOCKS proxy whose reply was r (the engine's facts
 * after CURLE_PROXY: the transfer is "other", TCP to the proxy done). */
static void fx_socks(struct fixture *fx, unsigned version, bool remote_dns,
                     enum nc_socks_reply r)
{
    fx_init(fx, "https", "valid.nc.test", 443);
    (void)snprintf(fx->p.proxy, sizeof(fx->p.proxy), "%s",
                   version == 4 ? "socks4://socks.corp.example:1080" : SOCKS5);
    fx->p.tunnel = true;
    fx->p.socks = version;
    fx->p.socks_remote_dns = remote_dns;
    fx->p.socks_reply = r;
    fx->f.xfer = r == NC_SOCKS_OK ? NC_XFER_OK : NC_XFER_OTHER;
    fx->f.connected = true;
}

/* Every SOCKS reply: one code, a detail naming the proxy, its version,
 * the destination and what the proxy said, and the action's place. */
static void test_socks_replies(void **state)
{
    static const struct {
        enum nc_socks_reply r;
        bool creds;
        enum nc_problem want;
        const char *said;   /* in the detail */
        const char *action; /* in the action, or NULL */
    } cases[] = {
        {NC_SOCKS_GENERAL_FAILURE, false, NC_PROBLEM_PROXY_DENIED,
         "general SOCKS server failure' (reply 1)", "proxy's log"},
        {NC_SOCKS_NOT_ALLOWED, false, NC_PROBLEM_PROXY_DENIED,
         "not allowed by ruleset' (reply 2)", "proxy's access rules"},
        {NC_SOCKS_NET_UNREACHABLE, false, NC_PROBLEM_TCP_UNREACHABLE,
         "'network unreachable' (reply 3)", "SOCKS proxy's side"},
        {NC_SOCKS_HOST_UNREACHABLE, false, NC_PROBLEM_TCP_UNREACHABLE,
         "'host unreachable' (reply 4) for valid.nc.test:443: the SOCKS proxy "
         "has no route",
         "SOCKS proxy's side"},
        {NC_SOCKS_REFUSED, false, NC_PROBLEM_TCP_REFUSED,
         "(reply 5) for valid.nc.test:443: the destination refused",
         "allow valid.nc.test on port 443"},
        {NC_SOCKS_TTL_EXPIRED, false, NC_PROBLEM_TCP_UNREACHABLE,
         "'TTL expired' (reply 6)", "SOCKS proxy's side"},
        {NC_SOCKS_CMD_UNSUPPORTED, false, NC_PROBLEM_PROXY_DENIED, "(reply 7)",
         "CONNECT"},
        {NC_SOCKS_ADDR_UNSUPPORTED, false, NC_PROBLEM_PROXY_DENIED, "(reply 8)",
         "socks5h://"},
        {NC_SOCKS_UNASSIGNED, false, NC_PROBLEM_PROXY_DENIED,
         "an unassigned reply code", NULL},
        {NC_SOCKS4_REJECTED, false, NC_PROBLEM_PROXY_DENIED,
         "(SOCKS4 reply 91)", "socks5://"},
        {NC_SOCKS4_IDENTD, false, NC_PROBLEM_PROXY_AUTH_FAILED,
         "identd failure", "identd"},
        {NC_SOCKS_USER_REJECTED, true, NC_PROBLEM_PROXY_AUTH_FAILED,
         "rejected the user name and password sent", "password"},
        {NC_SOCKS_NO_METHOD, true, NC_PROBLEM_PROXY_AUTH_FAILED,
         "it accepts none of the methods offered", "password"},
        {NC_SOCKS_NO_METHOD, false, NC_PROBLEM_PROXY_AUTH_REQUIRED,
         "no credentials were sent", "--proxy-user"},
        {NC_SOCKS_CREDS_TOO_LONG, true, NC_PROBLEM_PROXY_AUTH_FAILED,
         "could not be used for valid.nc.test:443: the user name", NULL},
        {NC_SOCKS_GSSAPI, true, NC_PROBLEM_PROXY_AUTH_FAILED, "GSSAPI", NULL},
        {NC_SOCKS_RESOLVE, false, NC_PROBLEM_DNS_NODATA,
         "no address for the host", NULL},
        {NC_SOCKS_HANDSHAKE, false, NC_PROBLEM_PROXY_UNREACHABLE,
         "SOCKS handshake failed", "socks4:// or socks5://"},
        {NC_SOCKS_OTHER, false, NC_PROBLEM_PROXY_UNREACHABLE,
         "SOCKS handshake failed", NULL},
    };
    bool seen[NC_SOCKS_MAX] = {false};
    static struct fixture fx;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        fx_socks(&fx,
                 cases[i].r == NC_SOCKS4_REJECTED ||
                         cases[i].r == NC_SOCKS4_IDENTD
                     ? 4
                     : 5,
                 false, cases[i].r);
        fx.p.creds_sent = cases[i].creds;
        fx_run(&fx);
        check_result(&fx, NC_STATUS_FAIL, cases[i].want);
        check_contains("detail", fx.res.detail,
                       fx.p.socks == 4 ? "the SOCKS4 proxy socks4://"
                                       : "the SOCKS5 proxy " SOCKS5);
        check_contains("detail", fx.res.detail, "valid.nc.test:443");
        check_contains("detail", fx.res.detail, cases[i].said);
        if (cases[i].action != NULL)
            check_contains("action", fx.res.action, cases[i].action);
        /* The proxy's routes, never this machine's. */
        check_lacks("action", fx.res.action, "this machine or a router");
        assert_int_equal(fx.res.proxy_status, 0);
        seen[cases[i].r] = true;
    }
    /* Every reply has its row. */
    for (i = NC_SOCKS_OK + 1; i < NC_SOCKS_MAX; i++)
        if (!seen[i])
            fail_msg("SOCKS reply %zu has no case", i);
}

/* socks5h: a reply 4 may also mean the proxy could not resolve. */
static void test_socks_remote_dns(void **state)
{
    static struct fixture fx;

    (void)state;
    fx_socks(&fx, 5, true, NC_SOCKS_HOST_UNREACHABLE);
    fx_run(&fx);
    check_result(&fx, NC_STATUS_FAIL, NC_PROBLEM_TCP_UNREACHABLE);
    check_contains("detail", fx.res.detail, "could not resolve the name");
}

/* curl's words come with a handshake failure, and only then. */
static void test_socks_error_text(void **state)
{
    static struct fixture fx;

    (void)state;
    fx_socks(&fx, 5, false, NC_SOCKS_HANDSHAKE);
    (void)snprintf(fx.p.socks_error, sizeof(fx.p.socks_error), "%s",
                   "connection to proxy closed");
    fx_run(&fx);
    check_result(&fx, NC_STATUS_FAIL, NC_PROBLEM_PROXY_UNREACHABLE);
    check_contains("detail", fx.res.detail, "(connection to proxy closed)");

    fx_socks(&fx, 5, false, NC_SOCKS_REFUSED);
    (void)snprintf(fx.p.socks_error, sizeof(fx.p.socks_error), "%s",
                   "Can't complete SOCKS5 connection");
    fx_run(&fx);
    check_lacks("detail", fx.res.detail, "Can't complete");
}

/* TCP to the proxy done, no SOCKS reply in time: the proxy's connection
 * to the destination is dropped, the proxy itself is not unreachable. */
static void test_socks_no_reply(void **state)
{
    static struct fixture fx;

    (void)state;
    fx_socks(&fx, 5, false, NC_SOCKS_OK);
    fx.f.xfer = NC_XFER_TIMEOUT;
    fx.f.timeout_ms = 2500;
    fx_run(&fx);
    check_result(&fx, NC_STATUS_FAIL, NC_PROBLEM_TCP_TIMEOUT);
    check_contains("detail", fx.res.detail, "the SOCKS5 proxy " SOCKS5);
    check_contains("detail", fx.res.detail, "gave no reply");
    check_contains("detail", fx.res.detail, "2500 ms");

    /* Not even TCP: the proxy is unreachable, as an HTTP one would be. */
    fx_socks(&fx, 5, false, NC_SOCKS_OK);
    fx.f.xfer = NC_XFER_TIMEOUT;
    fx.f.connected = false;
    fx_run(&fx);
    check_result(&fx, NC_STATUS_FAIL, NC_PROBLEM_PROXY_UNREACHABLE);
    check_contains("detail", fx.res.detail, SOCKS5);
    check_contains("detail", fx.res.detail, "never tried");

    /* The tunnel opened and the destination stalled: judged through it. */
    fx_socks(&fx, 5, false, NC_SOCKS_OK);
    fx.p.socks_open = true;
    fx.f.xfer = NC_XFER_TIMEOUT;
    fx_run(&fx);
    check_result(&fx, NC_STATUS_FAIL, NC_PROBLEM_TIMEOUT);
    check_contains("detail", fx.res.detail, "through the proxy " SOCKS5);
}

/* Through SOCKS every HTTP answer is the destination's: a 407 or a 403
 * is not the proxy asking for credentials or denying. */
static void test_socks_http_answer_is_destination(void **state)
{
    static struct fixture fx;

    (void)state;
    fx_socks(&fx, 5, false, NC_SOCKS_OK);
    fx.p.socks_open = true;
    fx.f.http_status = 407;
    fx.p.creds_sent = true;
    fx_run(&fx);
    assert_int_not_equal(fx.res.problem, NC_PROBLEM_PROXY_AUTH_FAILED);
    assert_int_not_equal(fx.res.problem, NC_PROBLEM_PROXY_AUTH_REQUIRED);

    fx_socks(&fx, 5, false, NC_SOCKS_OK);
    fx.p.socks_open = true;
    fx.f.http_status = 200;
    fx_run(&fx);
    check_result(&fx, NC_STATUS_PASS, NC_PROBLEM_NONE);
    check_contains("detail", fx.res.detail,
                   "answered 200 through the proxy " SOCKS5);
}

/* Long inputs stay within the result's buffers. */
static void test_long_fields_truncate(void **state)
{
    static struct fixture fx;

    (void)state;
    fx_init(&fx, "https", "", 443);
    memset(fx.s.host, 'h', sizeof(fx.s.host) - 1);
    fx.s.host[sizeof(fx.s.host) - 1] = '\0';
    memset(fx.p.proxy, 'p', sizeof(fx.p.proxy) - 1);
    fx.p.proxy[sizeof(fx.p.proxy) - 1] = '\0';
    memset(fx.p.product, 'v', sizeof(fx.p.product) - 1);
    fx.p.product[sizeof(fx.p.product) - 1] = '\0';
    memset(fx.p.squid_error, 'e', sizeof(fx.p.squid_error) - 1);
    fx.p.squid_error[sizeof(fx.p.squid_error) - 1] = '\0';
    fx.f.xfer = NC_XFER_OTHER;
    fx.f.connected = true;
    fx.p.connect_code = 403;
    fx_run(&fx);
    check_result(&fx, NC_STATUS_FAIL, NC_PROBLEM_PROXY_DENIED);
    assert_true(strlen(fx.res.detail) < NC_DETAIL_MAX);
    assert_true(strlen(fx.res.action) < NC_ACTION_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_proxy_name_nxdomain),
        cmocka_unit_test(test_http_proxy_table),
        cmocka_unit_test(test_offered_bound),
        cmocka_unit_test(test_proxy_tls_rejected),
        cmocka_unit_test(test_proxy_tls_handshake),
        cmocka_unit_test(test_proxy_tls_silent),
        cmocka_unit_test(test_overloaded),
        cmocka_unit_test(test_socks_replies),
        cmocka_unit_test(test_socks_remote_dns),
        cmocka_unit_test(test_socks_error_text),
        cmocka_unit_test(test_socks_no_reply),
        cmocka_unit_test(test_socks_http_answer_is_destination),
        cmocka_unit_test(test_long_fields_truncate),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
