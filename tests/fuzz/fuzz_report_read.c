/* snapshot_parse_buf (the report reader of `netcheck diff`, which reads
 * files from anywhere): a rejected input leaves no snapshot and a message
 * naming the source; an accepted one compares with itself without a single
 * change, compares with a report of other checks, and is written in every
 * diff format, the text without a control character but newlines. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "change.h"
#include "diff.h"
#include "fuzz.h"
#include "nc.h"
#include "report.h"
#include "snapshot_read.h"

#define SOURCE "fuzz.json"
#define OTHER                                                                  \
    "{\"schema\": 1, \"profile\": [\"other\"], \"checks\": [{\"name\": "       \
    "\"web\", \"status\": \"fail\", \"problem\": \"tcp_refused\"}]}"

static void write_all(const struct nc_diff *d)
{
    int fmt;

    for (fmt = 0; fmt < NC_FORMAT_MAX; fmt++) {
        struct fuzz_mem m;
        char *buf;
        size_t i;

        /* A diff has no Prometheus form: refused, never written. */
        FUZZ_CHECK(report_diff_write((enum nc_format)fmt, fuzz_mem_open(&m), d,
                                     NULL) ==
                   (fmt == NC_FORMAT_PROMETHEUS ? NC_EINVAL : 0));
        buf = fuzz_mem_close(&m);
        for (i = 0; fmt == NC_FORMAT_TEXT && i < m.len; i++) {
            unsigned char c = (unsigned char)buf[i];

            FUZZ_CHECK(c == '\n' || (c >= 0x20 && c != 0x7f));
        }
        free(buf);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct nc_snapshot *s = NULL, *other = NULL;
    struct nc_diag diag;
    struct nc_diff d;
    int r;

    memset(&diag, 0, sizeof(diag));
    r = snapshot_parse_buf((const char *)data, size, SOURCE, &s, &diag);
    if (r != 0) {
        FUZZ_CHECK(s == NULL);
        FUZZ_CHECK(r == NC_EPARSE || r == NC_ELIMIT);
        FUZZ_CHECK(strcmp(diag.file, SOURCE) == 0);
        FUZZ_CHECK(diag.msg[0] != '\0');
        return 0;
    }
    FUZZ_CHECK(s->n_runs > 0);
    FUZZ_CHECK(diff_compare(s, s, &d) == 0);
    FUZZ_CHECK(d.n == 0 && d.regressions == 0 && !d.profile_mismatch);
    write_all(&d);
    diff_release(&d);
    FUZZ_CHECK(snapshot_parse_buf(OTHER, strlen(OTHER), "other.json", &other,
                                  &diag) == 0);
    FUZZ_CHECK(diff_compare(s, other, &d) == 0);
    write_all(&d);
    diff_release(&d);
    FUZZ_CHECK(diff_compare(other, s, &d) == 0);
    write_all(&d);
    diff_release(&d);
    snapshot_free(other);
    snapshot_free(s);
    return 0;
}
