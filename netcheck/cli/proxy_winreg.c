#include "proxy_winreg.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "hostreg.h"
#include "pacquery.h"
#include "str.h"
#include "msg.h"
#include "nc.h"
#include "regfile.h"
#include "report_winproxy.h"
#include "run_identity.h"
#include "url.h"
#include "winproxy.h"

/* On this host, ask WinHTTP what the PAC file (or WPAD) says for each
 * URL, and say so instead of "not evaluated". */
static void proxy_winreg_pac(struct winproxy_report *rep)
{
    const char *pac = rep->via == WINPROXY_VIA_PAC ? rep->pac : NULL;
    struct pacquery_answer a;
    size_t i;

    if (rep->via != WINPROXY_VIA_PAC && rep->via != WINPROXY_VIA_WPAD)
        return;
    for (i = 0; i < rep->n_urls; i++) {
        struct winproxy_url *u = &rep->urls[i];

        (void)pacquery_ask(pac, u->url, &a);
        if (a.kind == PACQUERY_PROXY)
            (void)nc_snprintf(u->pac_answer, sizeof(u->pac_answer), "PROXY %s",
                              a.list);
        else if (a.kind == PACQUERY_DIRECT)
            (void)nc_strlcpy(u->pac_answer, "DIRECT", sizeof(u->pac_answer));
        else
            (void)nc_snprintf(u->pac_answer, sizeof(u->pac_answer),
                              "failed: %s%s", a.why,
                              a.no_wpad ? " (the manual settings decide)"
                                        : " (proxy_pac_failed in a run)");
    }
}

/* The identity a run would use through the agent's proxy: --proxy-user's
 * name (never its password), else what the account allows. */
static void proxy_winreg_identity(const struct run_proxy_opts *px,
                                  struct winproxy_report *rep)
{
    char user[256];
    const char *colon;

    user[0] = '\0';
    if (px->user != NULL) {
        colon = strchr(px->user, ':');
        (void)nc_strlcpy(user, px->user,
                         colon != NULL && (size_t)(colon - px->user) < 255
                             ? (size_t)(colon - px->user) + 1
                             : sizeof(user));
    }
    run_identity_for(px, rep->via != WINPROXY_VIA_DIRECT, true,
                     px->user != NULL ? user : NULL, &rep->identity);
    rep->has_identity = true;
}

int proxy_winreg_run(const char *const *files, size_t n_files,
                     const struct run_proxy_opts *px, bool live,
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
    if (t == NULL || u == NULL) {
        cli_err("%s", nc_strerror(NC_ENOMEM));
        goto out;
    }
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
    /* Exit 3 is never silent: say why, as the run's report does. */
    r = winproxy_analyze(&view, t, n_urls,
                         live ? WINPROXY_PAC_SHOWN : WINPROXY_PAC_OFFLINE,
                         &rep);
    if (r < 0) {
        cli_err("%s", nc_strerror(r));
        goto out;
    }
    if (live) {
        proxy_winreg_pac(&rep);
        proxy_winreg_identity(px, &rep);
    }
    r = report_winproxy_write(fmt, stdout, &rep);
    if (r < 0) {
        cli_err("cannot write the report: %s", nc_strerror(r));
        goto out;
    }
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
