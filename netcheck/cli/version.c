/* netcheck --version, in curl -V's layout: the first line names netcheck,
 * the system it was built for and the libraries as loaded at run time;
 * Built-with the headers it was compiled against (inih, which cannot tell
 * its run-time version, appears only there); libcurl-TLS the TLS library
 * libcurl itself runs on (the TLS capture needs OpenSSL); JSON-Schema the
 * schema of --format json. Each layer asks its own libraries. */
#include <string.h>

#include "cli.h"
#include "engine_libver.h"
#include "input_libver.h"
#include "nc.h"
#include "report.h"
#include "report_libver.h"

#ifndef NC_BUILD_HOST
#define NC_BUILD_HOST "unknown"
#endif

UNITTEST void version_write(FILE *out, const struct nc_libver *libs, size_t n,
                            const char *curl_tls)
{
    size_t i;

    fprintf(out, "netcheck %s (%s)", NC_VERSION, NC_BUILD_HOST);
    for (i = 0; i < n; i++)
        if (libs[i].run[0] != '\0')
            fprintf(out, " %s/%s", libs[i].name, libs[i].run);
    fputs("\nBuilt-with:", out);
    for (i = 0; i < n; i++)
        if (libs[i].built[0] != '\0')
            fprintf(out, " %s/%s", libs[i].name, libs[i].built);
    fprintf(out, "\nlibcurl-TLS: %s\n", curl_tls[0] ? curl_tls : "none");
    fprintf(out, "JSON-Schema: %d\n", NC_JSON_SCHEMA);
}

void cli_version_print(FILE *out)
{
    struct nc_libver libs[5];
    char tls[NC_LIBVER_LEN];

    memset(libs, 0, sizeof(libs));
    engine_libver_curl(&libs[0]);
    engine_libver_openssl(&libs[1]);
    engine_libver_cares(&libs[2]);
    report_libver_jansson(&libs[3]);
    input_libver_inih(&libs[4]);
    engine_libver_curl_tls(tls, sizeof(tls));
    version_write(out, libs, sizeof(libs) / sizeof(libs[0]), tls);
}
