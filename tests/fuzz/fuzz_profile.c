/* profile_parse_buf: any accepted profile is usable (>= 1 check, each
 * named, with a host and a port unless skipped, names unique), parses for
 * any of its regions, and survives being written back as INI and parsed
 * again; any rejected one names the file and line and leaks nothing. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "profile.h"
#include "profile_check.h"
#include "str.h"

static void profile_render_ranges(struct fuzz_buf *b, const struct nc_cidr *r,
                                  size_t n)
{
    char text[NC_ADDRSTRLEN + 8];
    size_t i;

    fuzz_buf_add(b, "ranges =");
    for (i = 0; i < n; i++) {
        nc_cidr_format(&r[i], text, sizeof(text));
        fuzz_buf_add(b, " %s", text);
    }
    fuzz_buf_add(b, "\n");
}

/* "key = value", except that inih reads ';' after white space as the
 * start of a comment even right after '=': "title =;x" keeps ";x" but
 * "title = ;x" is empty. Values come from inih, so none has a ';' after
 * white space inside. */
static void profile_render_kv(struct fuzz_buf *b, const char *key,
                              const char *v)
{
    fuzz_buf_add(b, "%s =%s%s\n", key, v[0] == ';' ? "" : " ", v);
}

/* The profile as an INI file that must parse to the same thing. */
static void profile_render(const struct nc_profile *p, struct fuzz_buf *b)
{
    char status[32];
    size_t i;

    fuzz_buf_add(b, "[profile]\n");
    profile_render_kv(b, "name", p->name);
    profile_render_kv(b, "title", p->title);
    if (p->n_ranges > 0)
        profile_render_ranges(b, p->ranges, p->n_ranges);
    /* Joined without a space, for the same reason. */
    for (i = 0; i < p->n_tls_issuers; i++)
        fuzz_buf_add(b, "%s%s", i == 0 ? "tls_issuers =" : ",",
                     p->tls_issuers[i]);
    if (p->n_tls_issuers > 0)
        fuzz_buf_add(b, "\n");
    for (i = 0; i < p->n_checks; i++) {
        const struct nc_check *c = &p->checks[i];

        fuzz_buf_add(b, "\n[check %s]\n", c->name);
        if (c->skip_reason == NULL)
            profile_render_kv(b, "url", c->url);
        if (c->rule != NULL)
            profile_render_kv(b, "rule", c->rule);
        profile_render_kv(b, "required", c->required ? "yes" : "no");
        profile_render_kv(b, "expressroute", c->expressroute ? "yes" : "no");
        FUZZ_CHECK(nc_snprintf(status, sizeof(status), "%u-%u", c->status_min,
                               c->status_max) == 0);
        profile_render_kv(b, "expect_status", status);
        if (c->expect_body != NULL)
            profile_render_kv(b, "expect_body", c->expect_body);
        /* Ranges of its own: a different array from the profile's. */
        if (c->ranges != p->ranges || c->n_ranges != p->n_ranges)
            profile_render_ranges(b, c->ranges, c->n_ranges);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    struct nc_profile *p = NULL, *q = NULL;
    struct nc_diag diag;
    struct fuzz_buf text = {NULL, 0, 0};
    size_t i;
    int r;

    memset(&diag, 0, sizeof(diag));
    r = profile_parse_buf(buf, size, PC_SOURCE, &p, &diag);
    if (r != 0) {
        pc_check_failure(r, p, &diag, buf, size);
        return 0;
    }
    pc_check_profile(p, buf, size);
    /* Every region was expanded and checked: any of them must parse. */
    if (p->n_regions > 0) {
        memset(&diag, 0, sizeof(diag));
        r = profile_parse_region(buf, size, PC_SOURCE,
                                 p->regions[p->n_regions - 1], &q, &diag);
        FUZZ_CHECK(r == 0);
        FUZZ_CHECK(q->region != NULL && !q->region_default);
        profile_free(q);
        q = NULL;
    }
    profile_render(p, &text);
    memset(&diag, 0, sizeof(diag));
    r = profile_parse_buf(text.p, text.len, PC_SOURCE, &q, &diag);
    if (r != 0)
        fprintf(stderr, "re-parse failed: %s:%u: %s\n--\n%s--\n", diag.file,
                diag.line, diag.msg, text.p);
    FUZZ_CHECK(r == 0);
    pc_check_profile(q, text.p, text.len);
    pc_check_same(p, q);
    for (i = 0; i < p->n_checks; i++)
        FUZZ_CHECK(strcmp(p->checks[i].name, q->checks[i].name) == 0);
    profile_free(q);
    profile_free(p);
    fuzz_buf_release(&text);
    return 0;
}
