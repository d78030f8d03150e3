/* snapshot_parse_buf (the report reader of `netcheck diff`, which reads
 * files from anywhere): a rejected input leaves no snapshot and a message
 * naming the source; an accepted one compares with itself without a single
 * change, compares with a report of other checks, and is written in every
 * diff format, the text without a control character but newlines. Read
 * again keeping each report's JSON, it merges (netcheck merge) when every
 * report names its host, once: every fleet format is written, the text
 * without a control character, and the JSON reads back with every report
 * unchanged. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "change.h"
#include "diff.h"
#include "fleet.h"
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

static void merge_all(const uint8_t *data, size_t size)
{
    struct nc_snapshot *s = NULL, *back = NULL;
    const struct nc_snapshot *v[1];
    struct nc_diag diag;
    struct fleet f;
    struct fleet_dup dup;
    int fmt, r;
    size_t i;

    memset(&diag, 0, sizeof(diag));
    FUZZ_CHECK(snapshot_parse_buf_raw((const char *)data, size, SOURCE, &s,
                                      &diag) == 0);
    v[0] = s;
    memset(&dup, 0, sizeof(dup));
    r = fleet_build(v, 1, &f, &dup);
    FUZZ_CHECK(r == 0 || r == NC_EPARSE);
    if (r != 0) {
        FUZZ_CHECK(dup.second != NULL);
        snapshot_free(s);
        return;
    }
    FUZZ_CHECK(f.n_hosts == s->n_runs);
    for (fmt = 0; fmt < NC_FORMAT_MAX; fmt++) {
        struct fuzz_mem m;
        char *buf;

        r = report_fleet_write((enum nc_format)fmt, fuzz_mem_open(&m), &f,
                               NULL);
        buf = fuzz_mem_close(&m);
        /* A host name too long for a Prometheus label is refused. */
        FUZZ_CHECK(r == 0 || (fmt == NC_FORMAT_PROMETHEUS && r == NC_ELIMIT));
        for (i = 0; r == 0 && fmt == NC_FORMAT_TEXT && i < m.len; i++) {
            unsigned char c = (unsigned char)buf[i];

            FUZZ_CHECK(c == '\n' || (c >= 0x20 && c != 0x7f));
        }
        if (r == 0 && fmt == NC_FORMAT_JSON) {
            FUZZ_CHECK(snapshot_parse_buf_raw(buf, m.len, "merged", &back,
                                              &diag) == 0);
            FUZZ_CHECK(back->n_runs == s->n_runs);
            for (i = 0; i < s->n_runs; i++)
                FUZZ_CHECK(strcmp(back->runs[i].raw, s->runs[i].raw) == 0);
            snapshot_free(back);
        }
        free(buf);
    }
    fleet_release(&f);
    snapshot_free(s);
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
    merge_all(data, size);
    return 0;
}
