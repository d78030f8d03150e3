/* netcheck: can this machine's cloud agent reach what it needs? */
#ifndef _WIN32
#include <sys/select.h>
#endif

#include <ares.h>
#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#ifndef _WIN32
#include <sys/resource.h>
#endif

#include "cli.h"
#include "console.h"

/* Up to --parallel sockets at once, plus the resolver's: lift the soft
 * descriptor limit to the hard one so the default never hits 1024. */
static void main_raise_nofile(void)
{
#ifndef _WIN32 /* Windows has no descriptor limit to raise */
    struct rlimit rl;

    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max > 65536 ? 65536 : rl.rlim_max;
        (void)setrlimit(RLIMIT_NOFILE, &rl);
    }
#endif
}

int main(int argc, char **argv)
{
    int status;
#ifndef _WIN32 /* Windows has no SIGPIPE */
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_IGN;
    (void)sigaction(SIGPIPE, &sa, NULL);
#endif
    main_raise_nofile();
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fputs("netcheck: cannot initialise libcurl\n", stderr);
        return NC_EXIT_INTERNAL;
    }
    if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) {
        fputs("netcheck: cannot initialise c-ares\n", stderr);
        curl_global_cleanup();
        return NC_EXIT_INTERNAL;
    }
    console_setup();
    status = cli_dispatch(argc, argv);
    ares_library_cleanup();
    curl_global_cleanup();
    /* A truncated report must not exit 0 (git's rule). */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("netcheck: cannot write to standard output\n", stderr);
        if (status == NC_EXIT_PASS || status == NC_EXIT_FAIL)
            status = NC_EXIT_INTERNAL;
    }
    console_release();
    return status;
}
