/* probe_xfer.c's boundary: libcurl 7.88 reports HTTP framing it refuses
 * and a reset connection with one code (CURLE_RECV_ERROR); its message
 * tells them apart. The messages below are curl's own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "probe_int.h"

struct framing_case {
    const char *errbuf;
    bool framing;
    enum nc_http_fault fault;
};

static const struct framing_case framing_cases[] = {
    /* http.c: the sum of the headers over MAX_HTTP_RESP_HEADER_SIZE */
    {"Too large response headers: 308017 > 307200", true,
     NC_HTTP_FAULT_HEADERS_TOO_BIG},
    /* older libcurl: one header line over CURL_MAX_HTTP_HEADER */
    {"Rejected 102401 bytes header (max is 102400)!", true,
     NC_HTTP_FAULT_HEADERS_TOO_BIG},
    /* transfer.c: Curl_chunked_strerror() + " in chunked-encoding" */
    {"Too long hexadecimal number in chunked-encoding", true,
     NC_HTTP_FAULT_CHUNKED},
    {"Illegal or missing hexadecimal sequence in chunked-encoding", true,
     NC_HTTP_FAULT_CHUNKED},
    {"Malformed encoding found in chunked-encoding", true,
     NC_HTTP_FAULT_CHUNKED},
    /* real resets and closes stay resets */
    {"Recv failure: Connection reset by peer", false, NC_HTTP_FAULT_MAX},
    {"OpenSSL SSL_read: Connection reset by peer, errno 104", false,
     NC_HTTP_FAULT_MAX},
    {"OpenSSL SSL_read: error:0A000126:SSL routines::unexpected eof while "
     "reading, errno 0",
     false, NC_HTTP_FAULT_MAX},
    {"CONNECT tunnel failed, response 407", false, NC_HTTP_FAULT_MAX},
    {"", false, NC_HTTP_FAULT_MAX},
};

static void test_framing_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(framing_cases) / sizeof(framing_cases[0]); i++) {
        const struct framing_case *k = &framing_cases[i];
        enum nc_http_fault got = NC_HTTP_FAULT_MAX;
        bool is = probe_xfer_framing(k->errbuf, &got);

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
