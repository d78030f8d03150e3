/* allowlist_parse_buf: any accepted allowlist is usable (>= 1 check, each
 * named, with a host and a port unless skipped, every check carrying the
 * list's ranges) and survives being written back in normal form and parsed
 * again; any rejected one names the file and line and leaks nothing. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "profile.h"
#include "profile_check.h"

/* The allowlist in normal form: ranges, then one entry per check. */
static void allowlist_render(const struct nc_profile *p, struct fuzz_buf *b)
{
    char text[NC_ADDRSTRLEN + 8];
    size_t i;

    fuzz_buf_add(b, "# rendered\n");
    for (i = 0; i < p->n_ranges; i++) {
        nc_cidr_format(&p->ranges[i], text, sizeof(text));
        fuzz_buf_add(b, "%s\n", text);
    }
    for (i = 0; i < p->n_checks; i++) {
        const struct nc_check *c = &p->checks[i];

        if (c->skip_reason != NULL)
            fuzz_buf_add(b, "%s\n", c->rule);
        else if (c->rule != NULL)
            fuzz_buf_add(b, "%s sample=%s\n", c->rule, c->url);
        else
            fuzz_buf_add(b, "%s\n", c->url);
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
    r = allowlist_parse_buf(buf, size, PC_SOURCE, &p, &diag);
    if (r != 0) {
        pc_check_failure(r, p, &diag, buf, size);
        return 0;
    }
    pc_check_profile(p, buf, size);
    FUZZ_CHECK(strncmp(p->name, "allowlist:", 10) == 0);
    for (i = 0; i < p->n_checks; i++) {
        const struct nc_check *c = &p->checks[i];

        FUZZ_CHECK(c->ranges == p->ranges && c->n_ranges == p->n_ranges);
        FUZZ_CHECK(c->required && c->expect_body == NULL);
    }

    allowlist_render(p, &text);
    memset(&diag, 0, sizeof(diag));
    r = allowlist_parse_buf(text.p, text.len, PC_SOURCE, &q, &diag);
    if (r != 0)
        fprintf(stderr, "re-parse failed: %s:%u: %s\n--\n%s--\n", diag.file,
                diag.line, diag.msg, text.p);
    FUZZ_CHECK(r == 0);
    pc_check_profile(q, text.p, text.len);
    pc_check_same(p, q);
    profile_free(q);
    profile_free(p);
    fuzz_buf_release(&text);
    return 0;
}
