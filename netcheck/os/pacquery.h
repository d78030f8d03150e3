/* Which proxy the operating system's PAC or WPAD machinery gives a URL:
 * on Windows WinHttpGetProxyForUrl with the PAC file's URL, or with
 * automatic detection (WPAD over DHCP and DNS), the way WinHTTP and
 * .NET's own auto-proxy ask it; elsewhere there is no such machinery.
 * One query fetches and runs the PAC file (WinHTTP caches it). */
#ifndef NC_OS_PACQUERY_H
#define NC_OS_PACQUERY_H

#include <stdbool.h>
#include <stddef.h>

enum pacquery_kind {
    PACQUERY_DIRECT = 0, /* the PAC file said DIRECT (or named no proxy) */
    PACQUERY_PROXY,      /* proxy holds the first proxy it named */
    PACQUERY_FAILED,     /* not fetched, not evaluated, or no WPAD server */
    PACQUERY_KIND_MAX
};

struct pacquery_answer {
    enum pacquery_kind kind;
    char proxy[300];     /* "host:port" as the PAC file gave it (PROXY only) */
    char list[300];      /* everything it gave, printable ASCII */
    unsigned long error; /* the system's error number (FAILED) */
    bool no_wpad;        /* FAILED because detection found no WPAD server:
                            a client then uses its manual settings */
    char why[200];       /* FAILED: what went wrong, in words */
};

/*! Ask for url's proxy. pac_url NULL: automatic detection (WPAD).
 *  \return 0 (out filled, a failure is data in out), NC_ENOMEM, or
 *  NC_EIO where the system has no PAC machinery (why in out->why) */
int pacquery_ask(const char *pac_url, const char *url,
                 struct pacquery_answer *out);

#endif
