/* The command line: `run` and `proxy` option parsing (getopt_long over the
 * option tables, each option's value checks, the combinations refused up
 * front, proxy's URL operands, secrets copied and blanked in argv), with
 * nothing loaded or probed. The first byte picks the command; the rest is
 * the arguments, separated by NUL bytes, each in a buffer of exactly its
 * size. Whatever the arguments, parsing ends in 0, 1 (--help, --version)
 * or -1 (said on stderr), and frees what it kept. */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "fuzz.h"
#include "nc.h"

#define MAX_ARGS 48

/* glibc keeps its place inside a cluster of short options ("-qx") across
 * calls; netcheck parses once per process, the fuzzer many times. */
static void getopt_reset(void)
{
    static char prog[] = "netcheck";
    char *argv[] = {prog, NULL};

    optind = 0;
    opterr = 0;
    (void)getopt(1, argv, "");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char run[] = "run", proxy[] = "proxy";
    char *argv[MAX_ARGS + 1];
    int argc = 1, i, r;
    size_t off = 1;

    if (size == 0)
        return 0;
    argv[0] = data[0] & 1 ? proxy : run;
    while (off < size && argc < MAX_ARGS) {
        const uint8_t *nul = memchr(data + off, 0, size - off);
        size_t n = nul != NULL ? (size_t)(nul - (data + off)) : size - off;

        argv[argc] = nc_strndup((const char *)data + off, n);
        FUZZ_CHECK(argv[argc] != NULL);
        argc++;
        off += n + 1;
    }
    argv[argc] = NULL;
    getopt_reset();
    r = data[0] & 1 ? cmd_proxy_parse_only(argc, argv)
                    : cmd_run_parse_only(argc, argv);
    FUZZ_CHECK(r == 0 || r == 1 || r == -1);
    /* getopt_long permutes argv; the strings are still ours to free. */
    for (i = 1; i < argc; i++)
        nc_free(argv[i]);
    return 0;
}
