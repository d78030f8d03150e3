/* Releasing a snapshot (snapshot.h), and the status names it reads. */
#include "snapshot.h"

#include <string.h>

#include "nc.h"

static void snap_check_release(struct nc_snap_check *c)
{
    size_t i;

    for (i = 0; c->addrs != NULL && i < c->n_addrs; i++) {
        nc_free(c->addrs[i].ip);
        nc_free(c->addrs[i].problem);
        nc_free(c->addrs[i].tag);
        nc_free(c->addrs[i].route);
    }
    nc_free(c->addrs);
    nc_free(c->name);
    nc_free(c->url);
    nc_free(c->problem);
    nc_free(c->detail);
    nc_free(c->action);
}

static void snap_run_release(struct nc_snap_run *r)
{
    size_t i;

    for (i = 0; r->checks != NULL && i < r->n_checks; i++)
        snap_check_release(&r->checks[i]);
    nc_free(r->checks);
    for (i = 0; r->profiles != NULL && i < r->n_profiles; i++)
        nc_free(r->profiles[i]);
    nc_free(r->profiles);
    nc_free(r->machine);
    nc_free(r->region);
    nc_free(r->proxy_source);
    nc_free(r->proxy_url);
    nc_free(r->clock_warning);
    nc_free(r->raw);
}

void snapshot_free(struct nc_snapshot *s)
{
    size_t i;

    if (s == NULL)
        return;
    for (i = 0; s->runs != NULL && i < s->n_runs; i++)
        snap_run_release(&s->runs[i]);
    nc_free(s->runs);
    nc_free(s->source);
    nc_free(s->version);
    nc_free(s);
}

int snapshot_status_parse(const char *s, enum nc_status *out)
{
    int i;

    for (i = 0; s != NULL && i < NC_STATUS_MAX; i++) {
        if (strcmp(s, status_name((enum nc_status)i)) == 0) {
            *out = (enum nc_status)i;
            return 0;
        }
    }
    return NC_EPARSE;
}
