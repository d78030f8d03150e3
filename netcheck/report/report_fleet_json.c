/* `netcheck merge --format json`: a fleet report as `netcheck diff` reads
 * it ({"schema": 1, "reports": [...]}), each report passed on as read
 * (one a line), with the merge's own summary under "fleet" (a key the
 * readers of single reports never look at). Merging this again flattens
 * it: "fleet" is recomputed from "reports". */
#include "report.h"
#include "report_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "nc.h"
#include "utf8.h"

static int set(json_t *obj, const char *key, json_t *v)
{
    return json_object_set_new_nocheck(obj, key, v) == 0 ? 0 : NC_ENOMEM;
}

static int push(json_t *arr, json_t *v)
{
    return json_array_append_new(arr, v) == 0 ? 0 : NC_ENOMEM;
}

static json_t *jcount(size_t n)
{
    return json_integer((json_int_t)n);
}

static json_t *host_new(const struct fleet_host *h)
{
    json_t *o = json_object();

    if (o == NULL || set(o, "host", report_json_string(h->run->machine)) != 0 ||
        set(o, "file", report_json_string(h->source)) != 0 ||
        set(o, "status", json_string(h->failed ? "fail" : "pass")) != 0 ||
        set(o, "passed", jcount(h->n_pass)) != 0 ||
        set(o, "failed", jcount(h->n_fail)) != 0 ||
        set(o, "warned", jcount(h->n_warn)) != 0 ||
        set(o, "skipped", jcount(h->n_skip)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *group_new(const struct fleet *f, const struct fleet_group *g)
{
    json_t *o = json_object(), *hosts = json_array();
    size_t i;
    int rc = o != NULL && hosts != NULL ? 0 : NC_ENOMEM;

    for (i = 0; rc == 0 && i < g->n_hosts; i++)
        rc =
            push(hosts, report_json_string(f->hosts[g->hosts[i]].run->machine));
    if (rc == 0)
        rc = set(o, "problem", report_json_string(g->problem));
    if (rc == 0)
        rc = set(o, "via", report_json_string(g->via));
    if (rc == 0)
        rc = set(o, "check", report_json_string(g->check));
    if (rc == 0)
        rc = set(o, "count", jcount(g->n_hosts));
    if (rc == 0) {
        rc = set(o, "hosts", hosts);
        hosts = NULL;
    }
    json_decref(hosts);
    if (rc != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *summary_new(const struct fleet *f)
{
    json_t *o = json_object(), *hosts = json_array(), *groups = json_array();
    size_t i;
    int rc = o != NULL && hosts != NULL && groups != NULL ? 0 : NC_ENOMEM;

    for (i = 0; rc == 0 && i < f->n_hosts; i++)
        rc = push(hosts, host_new(&f->hosts[i]));
    for (i = 0; rc == 0 && i < f->n_groups; i++)
        rc = push(groups, group_new(f, &f->groups[i]));
    if (rc == 0)
        rc = set(o, "hosts", jcount(f->n_hosts));
    if (rc == 0)
        rc = set(o, "failed", jcount(f->n_failed));
    if (rc == 0) {
        rc = set(o, "rows", hosts);
        hosts = NULL;
    }
    if (rc == 0) {
        rc = set(o, "groups", groups);
        groups = NULL;
    }
    json_decref(hosts);
    json_decref(groups);
    if (rc != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int report_fleet_json_body(FILE *out, const struct fleet *f,
                           const struct report_style *style)
{
    json_t *head = json_object();
    char *s = NULL;
    size_t i, len;
    int rc = head != NULL ? 0 : NC_ENOMEM;

    (void)style;
    if (rc == 0)
        rc = set(head, "schema", json_integer(NC_JSON_SCHEMA));
    if (rc == 0)
        rc = set(head, "version", json_string(NC_VERSION));
    if (rc == 0)
        rc = set(head, "fleet", summary_new(f));
    if (rc == 0) {
        s = json_dumps(head, JSON_COMPACT | JSON_ENSURE_ASCII);
        rc = s != NULL ? 0 : NC_ENOMEM;
    }
    json_decref(head);
    if (rc != 0)
        return rc;
    /* The head without its closing brace, then the reports. */
    len = strlen(s);
    rc = report_json_put(out, s, len - 1, 0);
    free(s);
    if (rc == 0 && fputs(",\"reports\":[\n", out) == EOF)
        rc = NC_EIO;
    for (i = 0; rc == 0 && i < f->n_hosts; i++) {
        const char *raw = f->hosts[i].run->raw;

        if (raw == NULL)
            return NC_EINVAL;
        rc = report_json_put(out, raw, strlen(raw), 0);
        if (rc == 0 && fputs(i + 1 < f->n_hosts ? ",\n" : "\n", out) == EOF)
            rc = NC_EIO;
    }
    if (rc == 0 && fputs("]}\n", out) == EOF)
        rc = NC_EIO;
    return rc;
}
