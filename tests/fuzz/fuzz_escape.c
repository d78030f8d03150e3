/* The terminal escaper (base/esc.h) and the report escapers built on it,
 * over any bytes. Invariants: the terminal form is valid UTF-8 with no
 * control character (C0, DEL, C1) and no bidirectional control; text with
 * nothing to escape is unchanged; the length returned is the length
 * written, a cut result is a prefix of the whole ending on a piece; the
 * stream writer writes what nc_esc_dup makes; the JSON form (NC_ESC_UTF8
 * under jansson's JSON_ENSURE_ASCII and report_json_put) is printable
 * ASCII that decodes back to the valid input; the XML form is valid UTF-8
 * with no raw control but TAB and LF. */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "fuzz.h"
#include "nc.h"
#include "report_int.h"
#include "utf8.h"

/* Every character of s (n bytes) is valid and plain; with tab_lf, TAB
 * and LF are allowed too (XML keeps them). */
static bool all_plain(const char *s, size_t n, bool tab_lf)
{
    size_t i = 0;

    while (i < n) {
        size_t len;
        uint32_t cp;
        enum nc_esc_kind k = nc_esc_next(s + i, n - i, &len, &cp);

        if (k != NC_ESC_PLAIN &&
            !(tab_lf && k == NC_ESC_CONTROL && (cp == '\t' || cp == '\n')))
            return false;
        i += len;
    }
    return true;
}

static void check_term(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t need = nc_esc(s, size, NC_ESC_TERM, NULL, 0), cap, got;
    char *full = nc_malloc(need + 1), *cut;

    FUZZ_CHECK(full != NULL);
    FUZZ_CHECK(nc_esc(s, size, NC_ESC_TERM, full, need + 1) == need);
    FUZZ_CHECK(strlen(full) == need);
    FUZZ_CHECK(nc_utf8_valid(full, need, 0));
    FUZZ_CHECK(all_plain(full, need, false));
    FUZZ_CHECK(need >= size && need <= 4 * size);
    if (all_plain(s, size, false))
        FUZZ_CHECK(need == size && memcmp(full, s, size) == 0);

    /* Cut short at a size taken from the input. */
    cap = size > 0 ? (size_t)data[0] % (need + 2) : 0;
    cut = nc_malloc(cap + 1);
    FUZZ_CHECK(cut != NULL);
    cut[cap] = 'Z';
    FUZZ_CHECK(nc_esc(s, size, NC_ESC_TERM, cut, cap) == need);
    FUZZ_CHECK(cut[cap] == 'Z'); /* nothing past cap */
    if (cap > 0) {
        got = strlen(cut);
        FUZZ_CHECK(got < cap && memcmp(cut, full, got) == 0);
        /* It ends on a piece: escaping a prefix of the input gives it. */
        FUZZ_CHECK(nc_utf8_valid(cut, got, 0) && all_plain(cut, got, false));
    }
    nc_free(cut);
    nc_free(full);
}

/* The C-string paths: nc_esc_dup, the stream writer, JSON and XML. */
static void check_cstr(const char *s)
{
    char *term = nc_esc_dup(s, NC_ESC_TERM), *u8, *xml, *mem;
    struct fuzz_mem m;
    size_t i;
    json_t *j;
    char *dumped;

    FUZZ_CHECK(term != NULL);
    FUZZ_CHECK(nc_esc_fputs(s, fuzz_mem_open(&m)) == 0);
    mem = fuzz_mem_close(&m);
    FUZZ_CHECK(strcmp(mem, term) == 0);
    free(mem);

    u8 = nc_esc_dup(s, NC_ESC_UTF8);
    FUZZ_CHECK(u8 != NULL && nc_utf8_valid(u8, strlen(u8), 0));
    if (nc_utf8_valid(s, strlen(s), 0))
        FUZZ_CHECK(strcmp(u8, s) == 0);
    j = json_string_nocheck(u8);
    FUZZ_CHECK(j != NULL);
    dumped = json_dumps(j, JSON_ENCODE_ANY | JSON_ENSURE_ASCII);
    FUZZ_CHECK(dumped != NULL);
    FUZZ_CHECK(report_json_put(fuzz_mem_open(&m), dumped, strlen(dumped), 0) ==
               0);
    mem = fuzz_mem_close(&m);
    for (i = 0; i < m.len; i++)
        FUZZ_CHECK(mem[i] >= 0x20 && mem[i] <= 0x7e);
    json_decref(j);
    j = json_loads(mem, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    FUZZ_CHECK(j != NULL && json_is_string(j));
    FUZZ_CHECK(strcmp(json_string_value(j), u8) == 0);
    json_decref(j);
    free(dumped);
    free(mem);

    xml = report_xml_escape_dup(s);
    FUZZ_CHECK(xml != NULL && nc_utf8_valid(xml, strlen(xml), 0));
    FUZZ_CHECK(all_plain(xml, strlen(xml), true));

    nc_free(xml);
    nc_free(u8);
    nc_free(term);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);

    check_term(data, size);
    check_cstr(s);
    nc_free(s);
    return 0;
}
