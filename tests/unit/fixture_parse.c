/* The shared parser test helpers (fixture_parse.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "fixture_parse.h"

void fx_range_is(const struct nc_cidr *c, const char *want)
{
    char buf[64];

    nc_cidr_format(c, buf, sizeof(buf));
    assert_string_equal(buf, want);
}

void fx_parse_errors(fx_parse_fn *parse, const char *source,
                     const struct fx_parse_err *cases, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const struct fx_parse_err *t = &cases[i];
        struct nc_profile *p = NULL;
        struct nc_diag d;
        int rc;

        memset(&d, 0, sizeof(d));
        rc = parse(t->text, strlen(t->text), source, &p, &d);
        if (rc != t->rc)
            fail_msg("case %zu: rc %d, want %d (%u: %s)", i, rc, t->rc, d.line,
                     d.msg);
        assert_null(p);
        assert_string_equal(d.file, source);
        if (d.line != t->line || strstr(d.msg, t->msg) == NULL)
            fail_msg("case %zu: got %u: '%s', want %u: '%s'", i, d.line, d.msg,
                     t->line, t->msg);
    }
}

struct nc_profile *fx_parse_alloc_failures(fx_parse_fn *parse, const char *text,
                                           size_t len, const char *source)
{
    struct nc_profile *p = NULL;
    struct nc_diag d;
    long i;
    int rc = -1;

    for (i = 0; i < 10000; i++) {
        memset(&d, 0, sizeof(d));
        nc_alloc_fail_after(i);
        rc = parse(text, len, source, &p, &d);
        if (rc == 0)
            break;
        if (rc != NC_ENOMEM)
            fail_msg("allocation %ld: rc %d (%s)", i, rc, d.msg);
        assert_null(p);
        assert_string_equal(d.msg, "out of memory");
    }
    nc_alloc_fail_after(-1);
    assert_int_equal(rc, 0);
    assert_true(i > 10); /* the loop did fail something */
    return p;
}

char *fx_read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    (void)fclose(f);
    *len = (size_t)n;
    return buf;
}
