/* The helpers every verdict file shares (verdict_int.h): status of a failed
 * check, host and scheme of a check, bounded appends and quoting of network
 * text. They call no other verdict file, so verdict.c, verdict_dns.c,
 * verdict_proxy.c and verdict_action.c depend on this one and never on each
 * other. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "str.h"
#include "verdict_int.h"

enum nc_status vd_status_failed(const struct nc_check *c)
{
    return c->required ? NC_STATUS_FAIL : NC_STATUS_WARN;
}

bool vd_is_https(const struct nc_check *c)
{
    return c->scheme != NULL && nc_strcasecmp(c->scheme, "https") == 0;
}

const char *vd_host_of(const struct nc_check *c)
{
    return c->host != NULL ? c->host : "?";
}

/* Copy text that came off the network (at most srcsize bytes, maybe not
 * terminated) for quoting: white space becomes ' ', other bytes outside
 * printable ASCII become '.', and more than QUOTE_MAX characters are cut
 * and end in "...". */
void vd_quote_copy(char *dst, size_t n, const char *src, size_t srcsize)
{
    size_t len = strnlen(src, srcsize), keep = len, i;

    if (n == 0)
        return;
    if (keep > QUOTE_MAX)
        keep = QUOTE_MAX;
    if (keep >= n)
        keep = n - 1;
    for (i = 0; i < keep; i++) {
        unsigned char ch = (unsigned char)src[i];

        if (ch == '\t' || ch == '\r' || ch == '\n')
            dst[i] = ' ';
        else if (ch >= 0x20 && ch < 0x7f)
            dst[i] = (char)ch;
        else
            dst[i] = '.';
    }
    if (keep < len && keep >= 3)
        memcpy(dst + keep - 3, "...", 3);
    dst[keep] = '\0';
}

const char *vd_http_fault_text(enum nc_http_fault fault)
{
    switch (fault) {
    case NC_HTTP_FAULT_HEADERS_TOO_BIG:
        return "headers larger than curl accepts (no client takes them): "
               "not valid HTTP";
    case NC_HTTP_FAULT_CHUNKED:
        return "a broken chunked encoding (a chunk size that is not hex, or "
               "overflows): not valid HTTP";
    case NC_HTTP_FAULT_NOT_HTTP:
    case NC_HTTP_FAULT_MAX:
    default:
        return "something that is not valid HTTP";
    }
}

bool vd_is_dns_problem(enum nc_problem p)
{
    return p >= NC_PROBLEM_DNS_NXDOMAIN && p <= NC_PROBLEM_DNS_TIMEOUT;
}
