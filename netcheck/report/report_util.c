/* The helpers the report writers share (report_int.h): the walk each
 * format starts with, UTF-8 cleaning (reports carry text from servers and
 * certificates), XML escaping, and lookups over a run. */
#include "report_int.h"

#include <stdint.h>
#include <string.h>

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

static bool is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

char *report_clean_dup(const char *s, bool strip_ctl)
{
    size_t len, i = 0, o = 0;
    char *d;

    if (s == NULL)
        s = "";
    len = strlen(s);
    /* Every replacement is one byte for at least one, so len + 1 holds it. */
    d = nc_malloc(len + 1);
    if (d == NULL)
        return NULL;
    while (i < len) {
        uint32_t cp = 0;
        size_t n = nc_utf8_decode(s + i, len - i, 0, &cp);

        if (n == 0 || (strip_ctl && is_control(cp))) {
            d[o++] = '?';
            i += n == 0 ? 1 : n;
            continue;
        }
        memcpy(d + o, s + i, n);
        o += n;
        i += n;
    }
    d[o] = '\0';
    return d;
}

size_t report_utf8_width(const char *s)
{
    size_t w = 0;

    for (; *s != '\0'; s++)
        if (((unsigned char)*s & 0xC0u) != 0x80u)
            w++;
    return w;
}

/* The XML form of the character at s (n bytes, code point cp): an entity,
 * the bytes themselves, or "" for a character XML 1.0 forbids. */
static const char *xml_piece(const char *s, size_t n, uint32_t cp,
                             size_t *piece_len)
{
    const char *e = NULL;

    if (n == 0) {
        *piece_len = 1;
        return "?";
    }
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
    case '\t':
    case '\n':
        break;
    default:
        /* XML 1.0 §2.2 Char: no C0 controls but TAB, LF, CR; no U+FFFE
         * or U+FFFF (surrogates never decode). */
        if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF)
            e = "";
        break;
    }
    if (e != NULL) {
        *piece_len = strlen(e);
        return e;
    }
    *piece_len = n;
    return s;
}

UNITTEST int report_xml_escape(const char *s, char *dst, size_t n)
{
    size_t o = 0, i = 0, slen;

    if (n == 0)
        return NC_ELIMIT;
    if (s == NULL)
        s = "";
    slen = strlen(s);
    while (i < slen) {
        uint32_t cp = 0;
        size_t len = nc_utf8_decode(s + i, slen - i, 0, &cp), plen;
        const char *piece = xml_piece(s + i, len, cp, &plen);

        if (plen >= n - o) {
            dst[o] = '\0';
            return NC_ELIMIT;
        }
        memcpy(dst + o, piece, plen);
        o += plen;
        i += len == 0 ? 1 : len;
    }
    dst[o] = '\0';
    return 0;
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

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

size_t report_addr_count(const struct nc_check_result *r)
{
    return r->n_addrs < ARRAY_LEN(r->addrs) ? r->n_addrs : ARRAY_LEN(r->addrs);
}

size_t report_cname_count(const struct nc_check_result *r)
{
    return r->n_cnames < ARRAY_LEN(r->cnames) ? r->n_cnames
                                              : ARRAY_LEN(r->cnames);
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
