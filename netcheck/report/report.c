/* Report dispatch and the helpers the three writers share: UTF-8 cleaning
 * (reports carry text from servers and certificates), XML escaping, and
 * lookups over a run. */
#include "report.h"
#include "str.h"

#include <stdint.h>
#include <string.h>

#include "nc.h"

static const char *const format_names[NC_FORMAT_MAX] = {
    [NC_FORMAT_TEXT] = "text",
    [NC_FORMAT_JSON] = "json",
    [NC_FORMAT_JUNIT] = "junit",
};

int report_format_parse(const char *s, enum nc_format *out)
{
    int i;

    if (s == NULL)
        return NC_EPARSE;
    for (i = 0; i < NC_FORMAT_MAX; i++) {
        if (strcmp(s, format_names[i]) == 0) {
            *out = (enum nc_format)i;
            return 0;
        }
    }
    return NC_EPARSE;
}

int report_write(enum nc_format fmt, FILE *out, const struct nc_run *run,
                 const struct report_style *style)
{
    int rc;

    switch (fmt) {
    case NC_FORMAT_TEXT:
        rc = report_text_write(out, run, style);
        break;
    case NC_FORMAT_JSON:
        rc = report_json_write(out, run);
        break;
    case NC_FORMAT_JUNIT:
        rc = report_junit_write(out, run);
        break;
    case NC_FORMAT_MAX:
    default:
        return NC_EINVAL;
    }
    if (rc != 0)
        return rc;
    /* A report cut short (disk full, closed pipe) must not look complete. */
    if (fflush(out) != 0 || ferror(out))
        return NC_EIO;
    return 0;
}

size_t report_utf8_char(const char *s, unsigned long *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned long c;
    size_t len, i;

    if (u[0] < 0x80) {
        *cp = u[0];
        return u[0] == 0 ? 0 : 1;
    }
    if (u[0] < 0xC2) /* continuation byte, or overlong 2-byte lead */
        return 0;
    if (u[0] < 0xE0) {
        len = 2;
        c = u[0] & 0x1Fu;
    } else if (u[0] < 0xF0) {
        len = 3;
        c = u[0] & 0x0Fu;
    } else if (u[0] < 0xF5) {
        len = 4;
        c = u[0] & 0x07u;
    } else {
        return 0;
    }
    /* Stops at the terminator too: NUL is not a continuation byte. */
    for (i = 1; i < len; i++) {
        if ((u[i] & 0xC0u) != 0x80u)
            return 0;
        c = (c << 6) | (u[i] & 0x3Fu);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || c > 0x10FFFF ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

static bool is_control(unsigned long cp)
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
        unsigned long cp;
        size_t n = report_utf8_char(s + i, &cp);

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
static const char *xml_piece(const char *s, size_t n, unsigned long cp,
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

int report_xml_escape(const char *s, char *dst, size_t n)
{
    size_t o = 0;

    if (n == 0)
        return NC_ELIMIT;
    if (s == NULL)
        s = "";
    while (*s != '\0') {
        unsigned long cp = 0;
        size_t len = report_utf8_char(s, &cp), plen;
        const char *piece = xml_piece(s, len, cp, &plen);

        if (plen >= n - o) {
            dst[o] = '\0';
            return NC_ELIMIT;
        }
        memcpy(dst + o, piece, plen);
        o += plen;
        s += len == 0 ? 1 : len;
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

int report_run_check(const struct nc_run *run)
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
