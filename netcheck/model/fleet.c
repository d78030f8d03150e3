/* fleet.h. Grouping sorts one entry per (host, failure) by the failure,
 * so 10,000 hosts cost a sort, not a comparison of every pair. */
#include "fleet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nc.h"

struct fleet_ent {
    const char *problem;
    const char *via;
    const char *check;
    size_t host;
};

static int str_cmp0(const char *a, const char *b)
{
    return strcmp(a != NULL ? a : "", b != NULL ? b : "");
}

static int ent_key_cmp(const struct fleet_ent *x, const struct fleet_ent *y)
{
    int c = strcmp(x->problem, y->problem);

    if (c == 0)
        c = str_cmp0(x->via, y->via);
    if (c == 0)
        c = str_cmp0(x->check, y->check);
    return c;
}

static int ent_cmp(const void *a, const void *b)
{
    const struct fleet_ent *x = a, *y = b;
    int c = ent_key_cmp(x, y);

    if (c != 0)
        return c;
    return (x->host > y->host) - (x->host < y->host);
}

static int group_cmp(const void *a, const void *b)
{
    const struct fleet_group *x = a, *y = b;
    int c;

    if (x->n_hosts != y->n_hosts)
        return x->n_hosts < y->n_hosts ? 1 : -1;
    c = strcmp(x->problem, y->problem);
    if (c == 0)
        c = str_cmp0(x->via, y->via);
    if (c == 0)
        c = str_cmp0(x->check, y->check);
    return c;
}

static int host_name_cmp(const void *a, const void *b)
{
    const struct fleet_host *x = *(const struct fleet_host *const *)a;
    const struct fleet_host *y = *(const struct fleet_host *const *)b;

    return strcmp(x->run->machine, y->run->machine);
}

char *fleet_proxy_party(const char *url, char *buf, size_t n)
{
    const char *s = url != NULL ? url : "", *e, *at;
    size_t len;

    if (n == 0)
        return buf;
    e = strstr(s, "://");
    if (e != NULL)
        s = e + 3;
    e = s + strcspn(s, "/?#");
    /* Credentials never reach a report: drop "user:pass@". */
    at = memchr(s, '@', (size_t)(e - s));
    while (at != NULL) {
        s = at + 1;
        at = memchr(s, '@', (size_t)(e - s));
    }
    len = (size_t)(e - s);
    if (len >= n)
        len = n - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return buf;
}

static void host_count(struct fleet_host *h)
{
    const struct nc_snap_run *run = h->run;
    size_t i;

    for (i = 0; i < run->n_checks; i++) {
        const struct nc_snap_check *c = &run->checks[i];

        switch (c->status) {
        case NC_STATUS_PASS:
            h->n_pass++;
            break;
        case NC_STATUS_FAIL:
            h->n_fail++;
            break;
        case NC_STATUS_WARN:
            h->n_warn++;
            break;
        default:
            h->n_skip++;
            break;
        }
        /* As run's exit status: a required check that failed or could
         * not run (never a pass). */
        if (c->required &&
            (c->status == NC_STATUS_FAIL || c->status == NC_STATUS_SKIP))
            h->failed = true;
    }
}

static int fleet_hosts(const struct nc_snapshot *const *snaps, size_t n,
                       struct fleet *f, struct fleet_dup *dup)
{
    const struct fleet_host **v;
    size_t i, j, total = 0;

    for (i = 0; i < n; i++) {
        if (snaps[i] == NULL)
            return NC_EINVAL;
        if (snaps[i]->n_runs > SIZE_MAX / 2 - total)
            return NC_ENOMEM;
        total += snaps[i]->n_runs;
    }
    if (total == 0)
        return NC_EINVAL;
    f->hosts = nc_calloc(total, sizeof(*f->hosts));
    if (f->hosts == NULL)
        return NC_ENOMEM;
    for (i = 0; i < n; i++) {
        for (j = 0; j < snaps[i]->n_runs; j++) {
            struct fleet_host *h = &f->hosts[f->n_hosts++];

            h->run = &snaps[i]->runs[j];
            h->source = snaps[i]->source;
            if (h->run->machine == NULL) {
                dup->host = NULL;
                dup->first = NULL;
                dup->second = h->source;
                return NC_EPARSE;
            }
            host_count(h);
            f->n_failed += h->failed;
        }
    }
    v = nc_calloc(total, sizeof(const struct fleet_host *));
    if (v == NULL)
        return NC_ENOMEM;
    for (i = 0; i < total; i++)
        v[i] = &f->hosts[i];
    qsort(v, total, sizeof(const struct fleet_host *), host_name_cmp);
    for (i = 1; i < total; i++) {
        if (strcmp(v[i - 1]->run->machine, v[i]->run->machine) == 0) {
            /* Name the sources in input order. */
            const struct fleet_host *a = v[i - 1] < v[i] ? v[i - 1] : v[i];
            const struct fleet_host *b = a == v[i] ? v[i - 1] : v[i];

            dup->host = a->run->machine;
            dup->first = a->source;
            dup->second = b->source;
            nc_free(v);
            return NC_EPARSE;
        }
    }
    nc_free(v);
    return 0;
}

/* One entry per failing check; via strings are made once per host. */
static int fleet_entries(struct fleet *f, struct fleet_ent **out, size_t *n)
{
    struct fleet_ent *e;
    size_t i, j, total = 0, k = 0;

    for (i = 0; i < f->n_hosts; i++)
        total += f->hosts[i].run->n_checks;
    e = nc_calloc(total > 0 ? total : 1, sizeof(*e));
    f->vias = nc_calloc(f->n_hosts, sizeof(*f->vias));
    if (e == NULL || f->vias == NULL) {
        nc_free(e);
        return NC_ENOMEM;
    }
    for (i = 0; i < f->n_hosts; i++) {
        const struct nc_snap_run *run = f->hosts[i].run;
        const char *hv = NULL;
        char party[256];

        for (j = 0; j < run->n_checks; j++) {
            const struct nc_snap_check *c = &run->checks[j];
            bool by_proxy;

            if (c->status == NC_STATUS_PASS || c->problem == NULL)
                continue;
            by_proxy =
                strncmp(c->problem, "proxy_", 6) == 0 && run->proxy_url != NULL;
            if (by_proxy && hv == NULL) {
                f->vias[f->n_vias] = nc_strdup(
                    fleet_proxy_party(run->proxy_url, party, sizeof(party)));
                if (f->vias[f->n_vias] == NULL) {
                    nc_free(e);
                    return NC_ENOMEM;
                }
                hv = f->vias[f->n_vias++];
            }
            e[k].problem = c->problem;
            e[k].via = by_proxy ? hv : NULL;
            e[k].check = by_proxy ? NULL : c->name;
            e[k].host = i;
            k++;
        }
    }
    *out = e;
    *n = k;
    return 0;
}

int fleet_build(const struct nc_snapshot *const *snaps, size_t n,
                struct fleet *out, struct fleet_dup *dup)
{
    struct fleet f;
    struct fleet_ent *e = NULL;
    struct fleet_dup dummy;
    size_t n_e = 0, i, k, g;
    int r;

    memset(&f, 0, sizeof(f));
    if (out == NULL || (snaps == NULL && n > 0))
        return NC_EINVAL;
    r = fleet_hosts(snaps, n, &f, dup != NULL ? dup : &dummy);
    if (r == 0)
        r = fleet_entries(&f, &e, &n_e);
    if (r != 0)
        goto fail;
    qsort(e, n_e, sizeof(*e), ent_cmp);
    /* Drop a host's repeats of one failure (five checks through one
     * proxy are one failure of that host). */
    for (i = 0, k = 0; i < n_e; i++) {
        if (k > 0 && ent_key_cmp(&e[k - 1], &e[i]) == 0 &&
            e[k - 1].host == e[i].host)
            continue;
        e[k++] = e[i];
    }
    n_e = k;
    f.idx = nc_calloc(n_e > 0 ? n_e : 1, sizeof(*f.idx));
    f.groups = nc_calloc(n_e > 0 ? n_e : 1, sizeof(*f.groups));
    if (f.idx == NULL || f.groups == NULL) {
        r = NC_ENOMEM;
        goto fail;
    }
    for (i = 0; i < n_e; i++) {
        if (i == 0 || ent_key_cmp(&e[i - 1], &e[i]) != 0) {
            g = f.n_groups++;
            f.groups[g].problem = e[i].problem;
            f.groups[g].via = e[i].via;
            f.groups[g].check = e[i].check;
            f.groups[g].hosts = &f.idx[i];
        }
        f.idx[i] = e[i].host;
        f.groups[f.n_groups - 1].n_hosts++;
    }
    qsort(f.groups, f.n_groups, sizeof(*f.groups), group_cmp);
    nc_free(e);
    *out = f;
    return 0;
fail:
    nc_free(e);
    fleet_release(&f);
    return r;
}

void fleet_release(struct fleet *f)
{
    size_t i;

    if (f == NULL)
        return;
    for (i = 0; i < f->n_vias; i++)
        nc_free(f->vias[i]);
    nc_free(f->vias);
    nc_free(f->idx);
    nc_free(f->groups);
    nc_free(f->hosts);
    memset(f, 0, sizeof(*f));
}
