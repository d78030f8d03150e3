/* probe_xfer.c's boundary: libcurl 7.88 reports HTTP framing it refuses
 * and a reset connection with one code (CURLE_RECV_ERROR); its message
 * tells them apart, and for headers too large so does the size of the
 * header block that never ended. The messages below are curl's own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "probe_int.h"

struct framing_case {
    const char *errbuf;
    size_t head_bytes; /* of a header block that never ended */
    bool framing;
    enum nc_http_fault fault;
};

static const struct framing_case framing_cases[] = {
    /* http.c: the sum of the headers over MAX_HTTP_RESP_HEADER_SIZE */
    {"Too large response headers: 308017 > 307200", 0, true,
     NC_HTTP_FAULT_HEADERS_TOO_BIG},
    /* older libcurl: one header line over CURL_MAX_HTTP_HEADER */
    {"Rejected 102401 bytes header (max is 102400)!", 0, true,
     NC_HTTP_FAULT_HEADERS_TOO_BIG},
    /* transfer.c: Curl_chunked_strerror() + " in chunked-encoding" */
    {"Too long hexadecimal number in chunked-encoding", 0, true,
     NC_HTTP_FAULT_CHUNKED},
    {"Illegal or missing hexadecimal sequence in chunked-encoding", 0, true,
     NC_HTTP_FAULT_CHUNKED},
    {"Malformed encoding found in chunked-encoding", 0, true,
     NC_HTTP_FAULT_CHUNKED},
    /* real resets and closes stay resets */
    {"Recv failure: Connection reset by peer", 0, false, NC_HTTP_FAULT_MAX},
    {"OpenSSL SSL_read: Connection reset by peer, errno 104", 0, false,
     NC_HTTP_FAULT_MAX},
    {"OpenSSL SSL_read: error:0A000126:SSL routines::unexpected eof while "
     "reading, errno 0",
     0, false, NC_HTTP_FAULT_MAX},
    {"CONNECT tunnel failed, response 407", 0, false, NC_HTTP_FAULT_MAX},
    {"", 0, false, NC_HTTP_FAULT_MAX},
    /* Whatever curl says (its texts change between versions), a header
     * block of 100 KiB or more that never ended was refused, not reset;
     * under that, a reset stays a reset. */
    {"", 300 * 1024, true, NC_HTTP_FAULT_HEADERS_TOO_BIG},
    {"some future wording", 100 * 1024, true, NC_HTTP_FAULT_HEADERS_TOO_BIG},
    {"Recv failure: Connection reset by peer", 100 * 1024 - 1, false,
     NC_HTTP_FAULT_MAX},
    /* The message wins: a chunk error after a big (ended) block. */
    {"Too long hexadecimal number in chunked-encoding", 200 * 1024, true,
     NC_HTTP_FAULT_CHUNKED},
};

static void test_framing_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(framing_cases) / sizeof(framing_cases[0]); i++) {
        const struct framing_case *k = &framing_cases[i];
        enum nc_http_fault got = NC_HTTP_FAULT_MAX;
        bool is = probe_xfer_framing(k->errbuf, k->head_bytes, &got);

        if (is != k->framing)
            fail_msg("'%s': framing %d, want %d", k->errbuf, is, k->framing);
        /* Written only when it is framing. */
        if (got != k->fault)
            fail_msg("'%s': fault %d, want %d", k->errbuf, (int)got,
                     (int)k->fault);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_framing_table),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
