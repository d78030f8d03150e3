#include "proxy_winreg.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "hostreg.h"
#include "msg.h"
#include "nc.h"
#include "regfile.h"
#include "report_winproxy.h"
#include "url.h"
#include "winproxy.h"

int proxy_winreg_run(const char *const *files, size_t n_files, bool live,
                     const char *const *urls, size_t n_urls, enum nc_format fmt)
{
    struct winproxy_target *t = NULL;
    struct nc_url *u = NULL;
    struct winproxy_report rep;
    struct winreg_view view;
    struct regfile rf;
    struct nc_diag d;
    size_t i;
    int r, status = NC_EXIT_INTERNAL;

    memset(&rf, 0, sizeof(rf));
    memset(&rep, 0, sizeof(rep));
    memset(&d, 0, sizeof(d));
    memset(&view, 0, sizeof(view));
    for (i = 0; i < n_files; i++) {
        r = regfile_load(&rf, files[i], &d);
        if (r < 0) {
            cli_print_diag(&d);
            status = r == NC_ENOMEM ? NC_EXIT_INTERNAL : NC_EXIT_USAGE;
            goto out;
        }
    }
    t = nc_calloc(n_urls ? n_urls : 1, sizeof(*t));
    u = nc_calloc(n_urls ? n_urls : 1, sizeof(*u));
    if (t == NULL || u == NULL)
        goto out;
    for (i = 0; i < n_urls; i++) {
        char why[128];

        /* Checked once already (proxy_parse_urls, or a built-in). */
        if (url_parse(urls[i], &u[i], why, sizeof(why)) < 0) {
            cli_err("invalid URL '%s': %s", urls[i], why);
            status = NC_EXIT_USAGE;
            goto out;
        }
        t[i].url = urls[i];
        t[i].scheme = u[i].scheme;
        t[i].host = u[i].host;
        t[i].port = u[i].port;
    }
    if (live && hostreg_open(&view, &d) < 0) {
        cli_print_diag(&d);
        status = NC_EXIT_USAGE;
        goto out;
    }
    if (!live)
        regfile_view(&rf, &view);
    if (winproxy_analyze(&view, t, n_urls, &rep) < 0)
        goto out;
    if (report_winproxy_write(fmt, stdout, &rep) == 0)
        status = NC_EXIT_PASS;
out:
    winproxy_report_release(&rep);
    nc_free(t);
    nc_free(u);
    regfile_release(&rf);
    if (live)
        hostreg_close(&view);
    return status;
}
