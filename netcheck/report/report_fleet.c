/* `netcheck merge` output: dispatch, and the text format. Host names and
 * check names come from the files read: escaped before a terminal sees
 * them. */
#include "report.h"
#include "report_int.h"

#include <stdio.h>
#include <string.h>

#include "esc.h"
#include "nc.h"

#define FLEET_HOST_COL_MAX 40

static size_t host_col(const struct fleet *f)
{
    size_t i, w = 4; /* "HOST" */

    for (i = 0; i < f->n_hosts; i++) {
        size_t n =
            nc_esc(f->hosts[i].run->machine, strlen(f->hosts[i].run->machine),
                   NC_ESC_TERM, NULL, 0);

        if (n > w)
            w = n;
    }
    return w > FLEET_HOST_COL_MAX ? FLEET_HOST_COL_MAX : w;
}

static int text_row(FILE *out, const struct fleet_host *h, int w)
{
    char *name = nc_esc_dup(h->run->machine, NC_ESC_TERM);

    if (name == NULL)
        return NC_ENOMEM;
    fprintf(out, "%-*s %5zu %5zu %5zu %5zu  %-6s ", w, name, h->n_pass,
            h->n_fail, h->n_warn, h->n_skip, h->failed ? "fail" : "pass");
    nc_free(name);
    (void)nc_esc_fputs(h->source, out);
    fputc('\n', out);
    return 0;
}

/* "2 hosts: proxy_auth_required via proxy.corp:8080 (beta, gamma)". */
static void text_group(FILE *out, const struct fleet *f,
                       const struct fleet_group *g)
{
    size_t i, shown = g->n_hosts < NC_FLEET_HOSTS_SHOWN ? g->n_hosts
                                                        : NC_FLEET_HOSTS_SHOWN;

    fprintf(out, "  %zu host%s: ", g->n_hosts, g->n_hosts == 1 ? "" : "s");
    (void)nc_esc_fputs(g->problem, out);
    if (g->via != NULL) {
        fputs(" via ", out);
        (void)nc_esc_fputs(g->via, out);
    } else {
        fputs(" at check ", out);
        (void)nc_esc_fputs(g->check, out);
    }
    fputs(" (", out);
    for (i = 0; i < shown; i++) {
        if (i > 0)
            fputs(", ", out);
        (void)nc_esc_fputs(f->hosts[g->hosts[i]].run->machine, out);
    }
    if (shown < g->n_hosts)
        fprintf(out, " and %zu more", g->n_hosts - shown);
    fputs(")\n", out);
}

static int fleet_text(FILE *out, const struct fleet *f,
                      const struct report_style *style)
{
    int w = (int)host_col(f), rc;
    size_t i;

    (void)style;
    fprintf(out, "netcheck merge: %zu host%s, %zu passed, %zu failed\n\n",
            f->n_hosts, f->n_hosts == 1 ? "" : "s", f->n_hosts - f->n_failed,
            f->n_failed);
    fprintf(out, "%-*s %5s %5s %5s %5s  %-6s %s\n", w, "HOST", "PASS", "FAIL",
            "WARN", "SKIP", "RESULT", "REPORT");
    for (i = 0; i < f->n_hosts; i++) {
        rc = text_row(out, &f->hosts[i], w);
        if (rc != 0)
            return rc;
    }
    if (f->n_groups == 0)
        return 0;
    fputs("\nfailures by problem and what the hosts share:\n", out);
    for (i = 0; i < f->n_groups; i++)
        text_group(out, f, &f->groups[i]);
    return 0;
}

typedef int fleet_body_fn(FILE *out, const struct fleet *f,
                          const struct report_style *style);

static fleet_body_fn *const fleet_bodies[NC_FORMAT_MAX] = {
    [NC_FORMAT_TEXT] = fleet_text,
    [NC_FORMAT_JSON] = report_fleet_json_body,
    [NC_FORMAT_JUNIT] = report_fleet_junit_body,
    [NC_FORMAT_PROMETHEUS] = report_fleet_prom_body,
};

int report_fleet_write(enum nc_format fmt, FILE *out, const struct fleet *f,
                       const struct report_style *style)
{
    int rc;

    if ((unsigned)fmt >= NC_FORMAT_MAX || fleet_bodies[fmt] == NULL ||
        out == NULL || f == NULL || f->n_hosts == 0)
        return NC_EINVAL;
    rc = fleet_bodies[fmt](out, f, style);
    if (rc != 0)
        return rc;
    if (fflush(out) != 0 || ferror(out))
        return NC_EIO;
    return 0;
}
