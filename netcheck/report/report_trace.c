/* --verbose: each check's stages as the engine recorded them, one line a
 * stage, for standard error: the resolver asked, the addresses and where
 * they came from, the proxy and its answer to CONNECT, each address's
 * connect, TLS and HTTP, the TLS chain, the verdict. Written after the
 * checks ran (they run at once, so lines written while they ran would
 * interleave), from the same struct nc_run the reports read.
 *
 * Everything from outside goes through the terminal escaper (esc.h), and
 * no credential is ever written: the run never holds a password or an
 * Authorization header, and a proxy URL is written without its userinfo
 * whatever it holds (report_trace_redact). */
#include "report.h"
#include "report_int.h"

#include <stdarg.h>
#include <string.h>

#include "esc.h"
#include "nc.h"
#include "str.h"

UNITTEST void report_trace_redact(const char *url, char *dst, size_t n);

/* "scheme://user:pass@host:port" -> "scheme://host:port": the proxy's
 * user name is no secret, but one rule (nothing before '@') cannot leak. */
UNITTEST void report_trace_redact(const char *url, char *dst, size_t n)
{
    const char *auth, *at, *end, *p;

    if (n == 0)
        return;
    if (url == NULL)
        url = "";
    auth = strstr(url, "://");
    auth = auth != NULL ? auth + 3 : url;
    end = auth + strcspn(auth, "/?#");
    at = NULL;
    for (p = auth; p < end; p++)
        if (*p == '@')
            at = p;
    if (at == NULL) {
        (void)nc_strlcpy(dst, url, n);
        return;
    }
    (void)nc_snprintf(dst, n, "%.*s%s", (int)(auth - url), url, at + 1);
}

/* "trace: CHECK: " then fmt's text (literal, ours) with %s as the escaped
 * strings, one line. Only %s is understood: every value passes the
 * escaper. */
static void line(FILE *out, const char *check, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void line(FILE *out, const char *check, const char *fmt, ...)
{
    va_list ap;
    const char *p;

    fputs("netcheck: trace: ", out);
    (void)nc_esc_fputs(check, out);
    fputs(": ", out);
    va_start(ap, fmt);
    for (p = fmt; *p != '\0'; p++) {
        if (p[0] == '%' && p[1] == 's') {
            (void)nc_esc_fputs(va_arg(ap, const char *), out);
            p++;
        } else {
            fputc(*p, out);
        }
    }
    va_end(ap);
    fputc('\n', out);
}

/* ", STAGE N.N ms" for a stage reached, appended to buf. */
static void stage_add(char *buf, size_t n, const char *stage, double ms)
{
    if (ms >= 0 && ms < 1e12)
        (void)nc_str_appendf(buf, n, "%s%s %.1f ms", buf[0] ? ", " : "", stage,
                             ms);
}

static void addr_trace(FILE *out, const struct nc_check_result *r,
                       const struct nc_addr_result *a)
{
    const char *name = r->check->name;
    const char *src = addr_source_name(a->source);
    const char *code = problem_code(a->problem);
    char stages[160] = "", http[48], where[340] = "", ipbuf[NC_ADDRSTRLEN];
    const char *ip = result_addr_ip(a, ipbuf, sizeof(ipbuf));

    if (src != NULL)
        (void)nc_snprintf(where, sizeof(where), " from %s", src);
    if (a->source == NC_ADDR_SOURCE_HOSTS && a->source_file != NULL)
        (void)nc_str_appendf(where, sizeof(where), " %s:%u", a->source_file,
                             a->source_line);
    if (a->informational) {
        line(out, name,
             "address %s%s: informational (the proxy resolves the name)", ip,
             where);
        return;
    }
    line(out, name, "address %s%s", ip, where);
    if (!(a->t.connect >= 0))
        (void)nc_strlcpy(stages, "not connected", sizeof(stages));
    stage_add(stages, sizeof(stages), "connected", a->t.connect);
    stage_add(stages, sizeof(stages), "tls done", a->t.tls);
    stage_add(stages, sizeof(stages), "first byte", a->t.first_byte);
    stage_add(stages, sizeof(stages), "total", a->t.total);
    line(out, name, "  %s: %s", ip,
         stages[0] != '\0' ? stages : "no connection established");
    if (a->http_status != 0) {
        (void)nc_snprintf(http, sizeof(http), "%ld", a->http_status);
        line(out, name, "  %s: http status %s", ip, http);
    }
    line(out, name, "  %s: %s%s%s%s%s", ip, status_name(a->status),
         code != NULL ? " " : "", code != NULL ? code : "",
         result_addr_detail(a)[0] != '\0' ? ": " : "", result_addr_detail(a));
}

static void proxy_trace(FILE *out, const struct nc_check_result *r)
{
    const char *name = r->check->name;
    char url[NC_PROXY_MAX], st[24], auth[128] = "";
    size_t i;

    report_trace_redact(r->proxy, url, sizeof(url));
    for (i = 0;
         r->proxy_auth != NULL && i < r->n_proxy_auth && i < NC_PROXY_AUTH_MAX;
         i++)
        (void)nc_str_appendf(auth, sizeof(auth), "%s%s", i > 0 ? ", " : "",
                             r->proxy_auth[i]);
    line(out, name, "via proxy %s", url[0] != '\0' ? url : "(unnamed)");
    if (r->proxy_status != 0) {
        (void)nc_snprintf(st, sizeof(st), "%ld", r->proxy_status);
        /* The schemes come from the 407s: offered now, or asked for
         * before the credentials were taken. */
        line(out, name, "proxy answered %s%s%s%s", st,
             strcmp(r->check->scheme, "https") == 0 ? " to CONNECT" : "",
             auth[0] == '\0'          ? ""
             : r->proxy_status == 407 ? "; it offers "
                                      : "; it had asked for ",
             auth);
    } else {
        line(out, name, "proxy gave no answer of its own");
    }
}

static void check_trace(FILE *out, const struct nc_check_result *r)
{
    const struct nc_check *c = r->check;
    const char *code = problem_code(r->problem);
    char buf[64], port[16];
    size_t i, n = report_addr_count(r);

    (void)nc_snprintf(port, sizeof(port), "%u", c->port);
    line(out, c->name, "%s (host %s, port %s)", c->url, c->host, port);
    if (r->via_proxy)
        proxy_trace(out, r);
    if (r->dns_server[0] != '\0')
        line(out, c->name, "resolver asked: %s", r->dns_server);
    buf[0] = '\0';
    stage_add(buf, sizeof(buf), "took", r->t.dns);
    if (buf[0] != '\0')
        line(out, c->name, "name resolution %s", buf);
    for (i = 0; i < report_cname_count(r); i++)
        line(out, c->name, "cname %s", r->cnames[i]);
    if (n == 0)
        line(out, c->name, "no address");
    for (i = 0; i < n; i++)
        addr_trace(out, r, &r->addrs[i]);
    if (result_tls(r)->present) {
        line(out, c->name, "tls %s %s", result_tls(r)->version,
             result_tls(r)->cipher);
        line(out, c->name, "  subject %s", result_tls(r)->subject);
        line(out, c->name, "  issuer %s", result_tls(r)->issuer);
        line(out, c->name, "  root %s%s", result_tls(r)->root,
             result_tls(r)->root_self_signed
                 ? " (a root)"
                 : " (not a root: the chain stops)");
        line(out, c->name, "  valid %s to %s", result_tls(r)->not_before,
             result_tls(r)->not_after);
    }
    if (r->http_status != 0) {
        (void)nc_snprintf(buf, sizeof(buf), "%ld", r->http_status);
        line(out, c->name, "http status %s", buf);
    }
    line(out, c->name, "%s%s%s", status_name(r->status),
         code != NULL ? " " : "", code != NULL ? code : "");
}

int report_trace_write(FILE *out, const struct nc_run *run)
{
    size_t i;

    if (run == NULL || (run->n_results > 0 && run->results == NULL))
        return NC_EINVAL;
    for (i = 0; i < run->n_results; i++)
        if (run->results[i].check == NULL)
            return NC_EINVAL;
    for (i = 0; i < run->n_results; i++)
        check_trace(out, &run->results[i]);
    return fflush(out) != 0 || ferror(out) ? NC_EIO : 0;
}
