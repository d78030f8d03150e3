/* One transfer: curl easy handle set-up, and the boundary where curl's and
 * OpenSSL's codes become netcheck's facts (verdict.c decides from those). */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "nc.h"
#include "probe_int.h"
#include "sockfd.h"
#include "str.h"

UNITTEST size_t probe_header(char *buf, size_t size, size_t nitems, void *ud);

static size_t probe_write(char *data, size_t size, size_t nmemb, void *ud)
{
    struct paddr *pa = ud;
    const char *want = pa->pc->c->expect_body;
    size_t n = size * nmemb, room;

    if (want == NULL) {
        /* The status line and headers are in: that is the answer. */
        pa->stopped = true;
        return 0;
    }
    if (pa->body == NULL) {
        pa->body = nc_malloc(PROBE_BODY_CAP + 1);
        if (pa->body == NULL)
            return 0;
    }
    room = PROBE_BODY_CAP - pa->body_len;
    if (n > room)
        n = room;
    memcpy(pa->body + pa->body_len, data, n);
    pa->body_len += n;
    pa->body[pa->body_len] = '\0';
    if (pa->body_len == PROBE_BODY_CAP) {
        pa->stopped = true;
        return 0;
    }
    return size * nmemb;
}

/* curl's CURLOPT_HEADERFUNCTION: each header line of the answers, as
 * sent (untrusted: tests/fuzz/fuzz_http_headers.c). */
UNITTEST size_t probe_header(char *buf, size_t size, size_t nitems, void *ud)
{
    struct paddr *pa = ud;
    size_t len = size * nitems, vlen;
    const char *v;
    char date[64];
    time_t t;

    if (pa->proxied)
        probe_proxy_header(pa, buf, len);
    /* The blank line ends the block (RFC 9112 §2.1). */
    if ((len == 2 && buf[0] == '\r' && buf[1] == '\n') ||
        (len == 1 && buf[0] == '\n'))
        pa->head_bytes = 0;
    else if (pa->head_bytes < SIZE_MAX - len)
        pa->head_bytes += len;
    if (probe_hdr_is(buf, len, "Date", &v, &vlen)) {
        probe_copy_value(date, sizeof(date), v, vlen);
        t = curl_getdate(date, NULL);
        if (t > 0) {
            struct timespec now;

            (void)clock_gettime(CLOCK_REALTIME, &now);
            pa->has_date = true;
            pa->date_s = (long long)t;
            pa->date_recv_us =
                (long long)now.tv_sec * 1000000 + (long long)now.tv_nsec / 1000;
        }
    }
    return len;
}

void probe_xfer_skew(struct paddr *pa)
{
    curl_off_t rtt_us = 0;
    double recv_s, sent_s;

    if (!pa->has_date || pa->pc->has_skew || pa->easy == NULL ||
        !clock_date_plausible(pa->date_s))
        return;
    (void)curl_easy_getinfo(pa->easy, CURLINFO_CONNECT_TIME_T, &rtt_us);
    /* The server stamped its answer about half a round trip before it
     * arrived; Date has whole seconds, so its clock read date + 0.5 on
     * average. */
    recv_s = (double)pa->date_recv_us / 1e6;
    sent_s = recv_s - (double)rtt_us / 2e6;
    pa->pc->skew_s = (double)pa->date_s + 0.5 - sent_s;
    pa->pc->has_skew = true;
}

/* curl calls this for every TLS connection of the transfer: first the
 * https:// proxy's own (before CONNECT, or for every request of a plain
 * http:// check, and again when curl reconnects to the proxy), then the
 * destination's inside the tunnel. Until a 2xx answered the CONNECT, a
 * TLS connection can only be to the proxy: verify it as the proxy's name,
 * against its own trust store, into its own capture. */
static CURLcode probe_ssl_ctx(CURL *easy, void *ssl_ctx, void *ud)
{
    struct paddr *pa = ud;
    struct engine *e = pa->pc->e;
    int r;

    (void)easy;
    if (pa->proxied && pa->pc->px->cfg->https && !pa->tunnel_open) {
        if (pa->ptls == NULL)
            pa->ptls = nc_calloc(1, sizeof(*pa->ptls));
        if (pa->ptls == NULL)
            return CURLE_OUT_OF_MEMORY;
        r = tls_ctx_setup(e->proxy_store ? e->proxy_store : e->store, ssl_ctx,
                          pa->pc->px->cfg->host, pa->ptls);
    } else {
        if (pa->tls == NULL)
            pa->tls = nc_calloc(1, sizeof(*pa->tls));
        if (pa->tls == NULL)
            return CURLE_OUT_OF_MEMORY;
        r = tls_ctx_setup(e->store, ssl_ctx, pa->pc->c->host, pa->tls);
    }
    return r < 0 ? CURLE_SSL_CERTPROBLEM : CURLE_OK;
}

/* Pin the transfer to one address while the URL keeps the name, so SNI,
 * Host and certificate checks all use the name. CONNECT_TO, unlike
 * CURLOPT_RESOLVE, does not write into a DNS cache other handles read. */
static int probe_pin(struct paddr *pa)
{
    const struct nc_check *c = pa->pc->c;
    const struct nc_addr_result *ar = &pa->pc->res->addrs[pa->idx];
    char line[600], ip[NC_ADDRSTRLEN];

    if (pa->pc->host_is_literal)
        return 0;
    if (nc_snprintf(line, sizeof(line),
                    ar->addr.family == 6 ? "%s:%u:[%s]:%u" : "%s:%u:%s:%u",
                    c->host, c->port, result_addr_ip(ar, ip, sizeof(ip)),
                    c->port) < 0)
        return NC_ELIMIT;
    pa->connect_to = curl_slist_append(NULL, line);
    return pa->connect_to ? 0 : NC_ENOMEM;
}

static curl_socket_t probe_opensocket(void *ud, curlsocktype purpose,
                                      struct curl_sockaddr *addr)
{
    struct paddr *pa = ud;

    (void)addr;
    if (purpose != CURLSOCKTYPE_IPCXN || pa->fd < 0 || pa->fd_given)
        return CURL_SOCKET_BAD;
    pa->fd_given = true; /* curl closes it from now on */
    return sockfd_to_curl(pa->fd);
}

static int probe_sockopt(void *ud, curl_socket_t fd, curlsocktype purpose)
{
    (void)ud;
    (void)fd;
    (void)purpose;
    return CURL_SOCKOPT_ALREADY_CONNECTED;
}

int probe_xfer_setup(struct engine *e, struct paddr *pa)
{
    const struct nc_check *c = pa->pc->c;
    long total_ms, connect_ms;
    CURL *h;
    int r;

    h = curl_easy_init();
    if (h == NULL)
        return NC_ENOMEM;
    pa->easy = h;
    /* socks4:// and socks5:// are given netcheck's address, as direct
     * transfers are (probe_proxied_local chose it); curl's SOCKS code
     * connects to CONNECT_TO's host. */
    r = pa->proxied && !probe_proxy_local_dns(pa->pc->px) ? 0 : probe_pin(pa);
    if (r < 0)
        return r;
    /* Return codes of setopt are only errors for unknown options or out of
     * memory on strings; the first string option catches the latter. */
    if (curl_easy_setopt(h, CURLOPT_URL, c->url) != CURLE_OK)
        return NC_ENOMEM;
    (void)curl_easy_setopt(h, CURLOPT_PRIVATE, pa);
    (void)curl_easy_setopt(h, CURLOPT_ERRORBUFFER, pa->errbuf);
    (void)curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    if (pa->connect_to != NULL)
        (void)curl_easy_setopt(h, CURLOPT_CONNECT_TO, pa->connect_to);
    /* Set explicitly, always, so libcurl never reads proxy variables from
     * netcheck's own environment behind our back. */
    if (pa->proxied) {
        r = probe_proxy_setup(e, pa);
        if (r < 0)
            return r;
    } else {
        (void)curl_easy_setopt(h, CURLOPT_PROXY, "");
        (void)curl_easy_setopt(h, CURLOPT_NOPROXY, "");
    }
    /* Every probe makes its own connection: a reused one would not test
     * the address it is reported for. */
    (void)curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
    (void)curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
    probe_sched_budget(e, pa->pc, &total_ms, &connect_ms);
    if (pa->preconnected) {
        /* Our socket is connected: curl starts with TLS (or HTTP). */
        total_ms = probe_sched_left(e, pa);
        (void)curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, probe_opensocket);
        (void)curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, pa);
        (void)curl_easy_setopt(h, CURLOPT_SOCKOPTFUNCTION, probe_sockopt);
        (void)curl_easy_setopt(h, CURLOPT_SOCKOPTDATA, pa);
    }
    (void)curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
    (void)curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, total_ms);
    /* HTTP/1.1 as the agents speak it; it also spares an HTTP/2 session
     * per probe. A small receive buffer: we read the status line, headers
     * and at most the start of the body. */
    (void)curl_easy_setopt(h, CURLOPT_HTTP_VERSION,
                           (long)CURL_HTTP_VERSION_1_1);
    (void)curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 4096L);
    (void)curl_easy_setopt(h, CURLOPT_USERAGENT, "netcheck/" NC_VERSION);
    (void)curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, probe_header);
    (void)curl_easy_setopt(h, CURLOPT_HEADERDATA, pa);
    (void)curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, probe_write);
    (void)curl_easy_setopt(h, CURLOPT_WRITEDATA, pa);
    (void)curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    /* Redirects are not followed, but libcurl counts every retry of a
     * proxy authentication here: a proxy that answers 407 and closes made
     * it re-send NTLM on fresh connections until the timeout. NTLM takes
     * two retries (ask, type 1, type 3); one more is slack. */
    (void)curl_easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
    /* TLS is always verified. The trust store is parsed once per run and
     * handed to each connection; curl must not load its own. */
    (void)curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    (void)curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    (void)curl_easy_setopt(h, CURLOPT_CAINFO, NULL);
    (void)curl_easy_setopt(h, CURLOPT_CAPATH, NULL);
    (void)curl_easy_setopt(h, CURLOPT_SSL_CTX_FUNCTION, probe_ssl_ctx);
    (void)curl_easy_setopt(h, CURLOPT_SSL_CTX_DATA, pa);
    (void)curl_easy_setopt(h, CURLOPT_SSL_SESSIONID_CACHE, 0L);
    /* curl 7.87+ caches a CA store and puts it back into later TLS
     * contexts after our callback ran: the https:// proxy's store
     * (--proxy-ca-bundle) then verified the destination inside the
     * tunnel. We hand every context its store ourselves. */
    (void)curl_easy_setopt(h, CURLOPT_CA_CACHE_TIMEOUT, 0L);
    return 0;
}

const struct nc_tls_info *probe_xfer_tls_info(const struct paddr *pa)
{
    static const struct nc_tls_info none;

    return pa->tls != NULL ? &pa->tls->info : &none;
}

void probe_xfer_tls_free(struct paddr *pa)
{
    if (pa->tls != NULL)
        tls_capture_release(pa->tls);
    nc_free(pa->tls);
    pa->tls = NULL;
}

void probe_xfer_release(struct engine *e, struct paddr *pa)
{
    if (pa->easy != NULL) {
        (void)curl_multi_remove_handle(e->multi, pa->easy);
        curl_easy_cleanup(pa->easy);
        pa->easy = NULL;
    }
    curl_slist_free_all(pa->connect_to);
    pa->connect_to = NULL;
    nc_free(pa->body);
    pa->body = NULL;
    probe_xfer_tls_free(pa);
    if (pa->ptls != NULL)
        tls_capture_release(pa->ptls);
    nc_free(pa->ptls);
    pa->ptls = NULL;
}

static double probe_us_to_ms(curl_off_t us)
{
    return us > 0 ? (double)us / 1000.0 : -1.0;
}

static curl_off_t probe_info_time(CURL *h, CURLINFO what)
{
    curl_off_t v = 0;

    if (curl_easy_getinfo(h, what, &v) != CURLE_OK)
        return 0;
    return v;
}

static bool probe_body_has(const char *body, size_t len, const char *want)
{
    size_t wl = strlen(want), i;

    if (wl == 0)
        return true;
    for (i = 0; body != NULL && i + wl <= len; i++)
        if (memcmp(body + i, want, wl) == 0)
            return true;
    return false;
}

/* Keep the reason of a curl TLS error message, which otherwise starts with
 * "OpenSSL/3.0.x: error:0A00010B:SSL routines::" and would be cut short. */
static void probe_tls_reason(const char *errbuf, char *dst, size_t n)
{
    const char *p = strstr(errbuf, "::");

    (void)nc_strlcpy(dst, p != NULL && p[2] != '\0' ? p + 2 : errbuf, n);
}

/* How far the transfer got (TCP connected, TLS done) and so which
 * timeout applied to it. */
static void probe_xfer_reach(struct engine *e, struct paddr *pa,
                             struct nc_addr_facts *f)
{
    CURL *h = pa->easy;
    long total_ms, connect_ms;

    f->connected =
        pa->preconnected || probe_info_time(h, CURLINFO_CONNECT_TIME_T) > 0;
    f->tls_done = probe_info_time(h, CURLINFO_APPCONNECT_TIME_T) > 0;
    probe_sched_budget(e, pa->pc, &total_ms, &connect_ms);
    f->timeout_ms = f->connected ? total_ms : connect_ms;
    if (pa->preconnected)
        f->timeout_ms = probe_sched_left(e, pa);
    /* Through a proxy curl counts the connection made (and runs the
     * connect timeout) until the way to the destination is open: the
     * SOCKS reply, or the CONNECT answer and the TLS handshake inside
     * the tunnel. A local port says the TCP connect to the proxy itself
     * completed, so a proxy that took the connection is not called
     * unreachable. */
    if (!f->connected && pa->proxied) {
        long port = 0;

        f->connected =
            curl_easy_getinfo(h, CURLINFO_LOCAL_PORT, &port) == CURLE_OK &&
            port > 0;
    }
}

/* A TLS failure, with the certificate when verification refused it. */
static void probe_xfer_tls_fail(struct paddr *pa, bool verify,
                                struct nc_addr_facts *f)
{
    struct tls_capture none;

    if (verify) {
        /* Verification failed, so the handshake was seen (pa->tls set);
         * an empty capture stands in all the same. */
        memset(&none, 0, sizeof(none));
        f->xfer = NC_XFER_TLS_VERIFY;
        f->cert =
            tls_capture_cert(pa->tls != NULL ? pa->tls : &none, pa->pc->c->host,
                             f->cert_names, sizeof(f->cert_names));
    } else {
        f->xfer = NC_XFER_TLS_HANDSHAKE;
        probe_tls_reason(pa->errbuf, f->tls_alert, sizeof(f->tls_alert));
    }
}

/* libcurl 7.88 reports HTTP framing it refuses as CURLE_RECV_ERROR, the
 * code of a reset connection too, and no CURLINFO tells them apart. Its
 * message does; for headers too large, so does the size of the header
 * block that never ended (head_bytes), which needs no message at all, and
 * libcurl 8.6 and later has CURLE_TOO_LARGE for it. A broken chunk size
 * has only the message: keep these texts in step with curl's
 * (tests/unit/test_probe_xfer.c quotes them). */
static const struct {
    const char *text;
    enum nc_http_fault fault;
} probe_framing[] = {
    {"Too large response headers", NC_HTTP_FAULT_HEADERS_TOO_BIG},
    {"bytes header (max is", NC_HTTP_FAULT_HEADERS_TOO_BIG},
    {"in chunked-encoding", NC_HTTP_FAULT_CHUNKED},
};

/* Is curl's message for a receive error one of broken HTTP framing? */
UNITTEST bool probe_xfer_framing(const char *errbuf, size_t head_bytes,
                                 enum nc_http_fault *fault)
{
    size_t i;

    for (i = 0; i < sizeof(probe_framing) / sizeof(probe_framing[0]); i++)
        if (strstr(errbuf, probe_framing[i].text) != NULL) {
            *fault = probe_framing[i].fault;
            return true;
        }
    if (head_bytes >= PROBE_HEAD_HUGE) {
        *fault = NC_HTTP_FAULT_HEADERS_TOO_BIG;
        return true;
    }
    return false;
}

/* curl's result code as netcheck's transfer outcome. */
static void probe_xfer_outcome(struct paddr *pa, CURLcode cc, long code,
                               struct nc_addr_facts *f)
{
    if (cc == CURLE_WRITE_ERROR && pa->stopped)
        cc = CURLE_OK;
    switch (cc) {
    case CURLE_TOO_MANY_REDIRECTS:
        /* Redirects are never followed: only proxy authentication
         * retries count here (CURLOPT_MAXREDIRS in probe_xfer_setup), and
         * the last answer, a 407, is the one to judge. */
    case CURLE_OK:
        f->xfer = code > 0 ? NC_XFER_OK : NC_XFER_BAD_RESPONSE;
        f->http_status = code;
        break;
    case CURLE_COULDNT_CONNECT:
        f->xfer = NC_XFER_CONNECT_FAIL;
        break;
    case CURLE_OPERATION_TIMEDOUT:
        f->xfer = NC_XFER_TIMEOUT;
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
        probe_xfer_tls_fail(pa, true, f);
        break;
    case CURLE_SSL_CONNECT_ERROR:
        /* OpenSSL aborts the handshake on a bad chain; our callback saw
         * why, which tells verification from protocol failure. */
        probe_xfer_tls_fail(pa, pa->tls != NULL && pa->tls->verify_err != 0, f);
        break;
    case CURLE_RECV_ERROR:
        if (probe_xfer_framing(pa->errbuf, pa->head_bytes, &f->http_fault)) {
            f->xfer = NC_XFER_BAD_RESPONSE;
            break;
        }
        /* fall through */
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
        f->xfer = NC_XFER_RESET;
        break;
#if LIBCURL_VERSION_NUM >= 0x080600
    case CURLE_TOO_LARGE:
        f->http_fault = NC_HTTP_FAULT_HEADERS_TOO_BIG;
        f->xfer = NC_XFER_BAD_RESPONSE;
        break;
#endif
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        f->xfer = NC_XFER_BAD_RESPONSE;
        break;
    default:
        f->xfer = NC_XFER_OTHER;
        (void)nc_strlcpy(f->tls_alert, pa->errbuf, sizeof(f->tls_alert));
        break;
    }
}

/* The boundary where libcurl's and OpenSSL's codes become netcheck's own
 * facts; verdict.c decides from those alone. */
void probe_xfer_facts(struct engine *e, struct paddr *pa, CURLcode cc,
                      struct nc_addr_facts *f)
{
    CURL *h = pa->easy;
    long code = 0, oserr = 0;

    memset(f, 0, sizeof(*f));
    f->body_match = -1;
    f->tls = *probe_xfer_tls_info(pa);
    (void)curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    (void)curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &oserr);
    f->os_errno = (int)oserr;
    probe_xfer_reach(e, pa, f);
    probe_xfer_outcome(pa, cc, code, f);
    if (f->xfer == NC_XFER_OK && pa->pc->c->expect_body != NULL) {
        f->body_match =
            probe_body_has(pa->body, pa->body_len, pa->pc->c->expect_body);
        if (pa->body != NULL)
            (void)nc_strlcpy(f->body_excerpt, pa->body,
                             sizeof(f->body_excerpt));
    }
}

void probe_xfer_timings(struct paddr *pa, struct nc_timings *t)
{
    CURL *h = pa->easy;

    t->connect = probe_us_to_ms(probe_info_time(h, CURLINFO_CONNECT_TIME_T));
    t->tls = probe_us_to_ms(probe_info_time(h, CURLINFO_APPCONNECT_TIME_T));
    t->first_byte =
        probe_us_to_ms(probe_info_time(h, CURLINFO_STARTTRANSFER_TIME_T));
    t->total = probe_us_to_ms(probe_info_time(h, CURLINFO_TOTAL_TIME_T));
    /* curl started on a connected socket: count from our connect. */
    if (pa->preconnected) {
        t->connect = pa->conn_ms;
        if (t->tls >= 0)
            t->tls += pa->conn_ms;
        if (t->first_byte >= 0)
            t->first_byte += pa->conn_ms;
        t->total = t->total >= 0 ? t->total + pa->conn_ms : pa->conn_ms;
    }
}
