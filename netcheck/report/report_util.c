/* The helpers the report writers share (report_int.h): the walk each
 * format starts with, XML escaping (reports carry text from servers and
 * certificates; the rule for what is escaped is esc.h's), and lookups over
 * a run. */
#include "report_int.h"

#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "esc.h"
#include "nc.h"
#include "str.h"
#include "utf8.h"

UNITTEST int report_run_check(const struct nc_run *run);

UNITTEST int report_xml_escape(const char *s, char *dst, size_t n);

int report_run_walk(FILE *out, const struct nc_run *run,
                    const struct report_style *style, report_body_fn *body)
{
    struct rootcause_list causes = {0};
    int rc;

    rc = report_run_check(run);
    if (rc == 0)
        rc = rootcause_find(run, &causes);
    if (rc != 0)
        return rc;
    rc = body(out, run, &causes, style);
    rootcause_list_release(&causes);
    return rc;
}

size_t report_utf8_width(const char *s)
{
    size_t w = 0;

    for (; *s != '\0'; s++)
        if (((unsigned char)*s & 0xC0u) != 0x80u)
            w++;
    return w;
}

/* The XML form of the character at s (n bytes, code point or byte cp,
 * of kind k): an entity, the bytes themselves, a character reference, or
 * the escaper's "\xHH" for what XML 1.0 cannot hold (buf, at least 12
 * bytes, holds the last two). */
static const char *xml_piece(const char *s, size_t n, uint32_t cp,
                             enum nc_esc_kind k, char buf[REPORT_PIECE_MAX],
                             size_t *piece_len)
{
    const char *e = NULL;

    switch (cp) {
    case '&':
        e = "&amp;";
        break;
    case '<':
        e = "&lt;";
        break;
    case '>':
        e = "&gt;";
        break;
    case '"':
        e = "&quot;";
        break;
    case '\'':
        e = "&apos;";
        break;
    case '\r':
        e = "&#13;";
        break;
    default:
        break;
    }
    if (k != NC_ESC_INVALID && e != NULL) {
        *piece_len = strlen(e);
        return e;
    }
    if (k == NC_ESC_PLAIN ||
        (k == NC_ESC_CONTROL && (cp == '\t' || cp == '\n'))) {
        /* XML 1.0 §2.2 Char: no U+FFFE or U+FFFF (surrogates never
         * decode). */
        if (cp == 0xFFFE || cp == 0xFFFF) {
            *piece_len = nc_esc_notation(k, cp, buf);
            return buf;
        }
        *piece_len = n;
        return s;
    }
    /* XML 1.0 §2.2 Char forbids C0 controls but TAB, LF, CR even as
     * references, and bytes that are not UTF-8: shown as the terminal
     * shows them. DEL, C1 and bidirectional controls are allowed as
     * references, which keep the data exact and the file free of raw
     * controls. */
    if (k == NC_ESC_INVALID || cp < 0x20)
        *piece_len = nc_esc_notation(k, cp, buf);
    else
        *piece_len =
            (size_t)snprintf(buf, REPORT_PIECE_MAX, "&#x%x;", (unsigned)cp);
    return buf;
}

int report_escape_with(const char *s, char *dst, size_t n,
                       report_piece_fn *piece)
{
    size_t o = 0, i = 0, slen;

    if (n == 0)
        return NC_ELIMIT;
    if (s == NULL)
        s = "";
    slen = strlen(s);
    while (i < slen) {
        char buf[REPORT_PIECE_MAX];
        uint32_t cp = 0;
        size_t len, plen;
        enum nc_esc_kind k = nc_esc_next(s + i, slen - i, &len, &cp);
        const char *p = piece(s + i, len, cp, k, buf, &plen);

        if (plen >= n - o) {
            dst[o] = '\0';
            return NC_ELIMIT;
        }
        memcpy(dst + o, p, plen);
        o += plen;
        i += len;
    }
    dst[o] = '\0';
    return 0;
}

UNITTEST int report_xml_escape(const char *s, char *dst, size_t n)
{
    return report_escape_with(s, dst, n, xml_piece);
}

char *report_xml_escape_dup(const char *s)
{
    size_t len, cap;
    char *d;

    if (s == NULL)
        s = "";
    len = strlen(s);
    /* The longest entity is 6 bytes for a 1-byte character. */
    if (len > (SIZE_MAX - 1) / 6)
        return NULL;
    cap = 6 * len + 1;
    d = nc_malloc(cap);
    if (d == NULL)
        return NULL;
    if (report_xml_escape(s, d, cap) != 0) {
        nc_free(d);
        return NULL;
    }
    return d;
}

int report_put_xml(FILE *out, const char *s)
{
    char *e = report_xml_escape_dup(s);

    if (e == NULL)
        return NC_ENOMEM;
    fputs(e, out);
    nc_free(e);
    return 0;
}

const char *report_check_profile(const struct nc_plan *plan,
                                 const struct nc_check *c)
{
    uintptr_t a = (uintptr_t)c;
    size_t i;

    if (plan == NULL || c == NULL)
        return NULL;
    /* The plan's checks point into its profiles' arrays. Compared as
     * integers: relational operators on unrelated pointers are undefined. */
    for (i = 0; i < plan->n_profiles; i++) {
        const struct nc_profile *p = plan->profiles[i];
        uintptr_t lo, hi;

        if (p == NULL || p->checks == NULL)
            continue;
        lo = (uintptr_t)p->checks;
        hi = (uintptr_t)(p->checks + p->n_checks);
        if (a >= lo && a < hi)
            return p->name;
    }
    return NULL;
}

int report_json_put(FILE *out, const char *s, size_t n, int pad)
{
    const char *end = s + n;

    for (; s < end; s++) {
        /* DEL is ASCII, so JSON_ENSURE_ASCII leaves it raw; outside
         * strings JSON has none, so this changes no structure. */
        if (*s == '\x7f') {
            if (fputs("\\u007F", out) == EOF)
                return NC_EIO;
            continue;
        }
        if (fputc(*s, out) == EOF)
            return NC_EIO;
        if (*s == '\n' && pad > 0 && fprintf(out, "%*s", pad, "") < 0)
            return NC_EIO;
    }
    return 0;
}

struct json_t *report_json_string(const char *s)
{
    json_t *j;
    char *clean;

    if (s == NULL)
        return json_null();
    if (nc_utf8_valid(s, strlen(s), 0))
        return json_string_nocheck(s);
    clean = nc_esc_dup(s, NC_ESC_UTF8);
    if (clean == NULL)
        return NULL;
    j = json_string_nocheck(clean);
    nc_free(clean);
    return j;
}

struct json_sink {
    FILE *out;
    bool failed; /* a write failed: the dump's -1 is not out of memory */
};

/* json_dump_callback's writer: report_json_put without indentation. */
static int json_put_cb(const char *buf, size_t size, void *data)
{
    struct json_sink *k = data;

    if (report_json_put(k->out, buf, size, 0) == 0)
        return 0;
    k->failed = true;
    return -1;
}

int report_json_dump(FILE *out, const struct json_t *root, size_t flags)
{
    struct json_sink k = {out, false};

    if (json_dump_callback(root, json_put_cb, &k, flags | JSON_ENSURE_ASCII) !=
        0)
        return k.failed ? NC_EIO : NC_ENOMEM;
    return fputc('\n', out) == EOF ? NC_EIO : 0;
}

const struct nc_profile *report_region_profile(const struct nc_plan *plan)
{
    size_t i;

    for (i = 0; plan != NULL && i < plan->n_profiles; i++) {
        const struct nc_profile *p = plan->profiles[i];

        if (p != NULL && p->region != NULL)
            return p;
    }
    return NULL;
}

size_t report_addr_count(const struct nc_check_result *r)
{
    return r->addrs == NULL ? 0 : r->n_addrs;
}

size_t report_cname_count(const struct nc_check_result *r)
{
    return r->cnames == NULL ? 0 : r->n_cnames;
}

bool report_addrs_capped(const struct nc_check_result *r, char *buf, size_t n)
{
    size_t total = result_addrs_total(r), kept = report_addr_count(r);

    if (total <= kept)
        return false;
    (void)nc_snprintf(buf, n, "probed %zu of %zu addresses", kept, total);
    return true;
}

size_t report_addrs_failed(const struct nc_check_result *r)
{
    size_t i, n = 0, count = report_addr_count(r);

    for (i = 0; i < count; i++)
        if (r->addrs[i].status != NC_STATUS_PASS)
            n++;
    return n;
}

UNITTEST int report_run_check(const struct nc_run *run)
{
    size_t i;

    if (run == NULL || (run->n_results > 0 && run->results == NULL))
        return NC_EINVAL;
    for (i = 0; i < run->n_results; i++)
        if (run->results[i].check == NULL)
            return NC_EINVAL;
    return 0;
}

bool report_clock_warning(const struct nc_clock *clk, char *buf, size_t n)
{
    buf[0] = '\0';
    if (!clk->warn)
        return false;
    (void)nc_snprintf(buf, n,
                      "this machine's clock is %.0f s %s %zu endpoint%s "
                      "(median of their HTTP Date): TLS certificates and "
                      "sign-in tokens fail with a wrong clock",
                      clk->skew_s > 0 ? clk->skew_s : -clk->skew_s,
                      clk->skew_s > 0 ? "behind" : "ahead of", clk->sources,
                      clk->sources == 1 ? "" : "s");
    return true;
}

/* Days since 1970-01-01 to a civil date, proleptic Gregorian (the
 * era-based algorithm of Howard Hinnant's "chrono-Compatible Low-Level
 * Date Algorithms"): pure arithmetic, no gmtime, the same on every
 * system. */
static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
    long long era, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    yoe = z - era * 146097;
    yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
    doy = (z - era * 146097) - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

bool report_time_rfc3339(long long t, char *buf, size_t n)
{
    long long y, days, secs;
    unsigned m, d;

    if (n > 0)
        buf[0] = '\0';
    /* 0 is "not taken"; past 9999 RFC 3339 has no four-digit year. */
    if (t <= 0 || t >= 253402300800LL || n < sizeof("YYYY-MM-DDTHH:MM:SSZ"))
        return false;
    days = t / 86400;
    secs = t % 86400;
    civil_from_days(days, &y, &m, &d);
    (void)snprintf(buf, n, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", y, m, d,
                   secs / 3600, secs / 60 % 60, secs % 60);
    return true;
}
