/* `netcheck diff --format json`: diff_schema 1 (README "Comparing two
 * reports"). Regressions first, then the other changes, each with the
 * sentence the text shows. Strings from the reports were valid UTF-8 when
 * jansson read them; they are checked again, as report_json.c does. */
#include "report.h"
#include "report_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "nc.h"
#include "utf8.h"

#define JSON_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(15))

static int set(json_t *obj, const char *key, json_t *v)
{
    return json_object_set_new_nocheck(obj, key, v) == 0 ? 0 : NC_ENOMEM;
}

static json_t *jcount(size_t n)
{
    return json_integer((json_int_t)n);
}

static json_t *side_new(const struct nc_snapshot *s)
{
    json_t *o = json_object();

    if (o == NULL || set(o, "file", report_json_string(s->source)) != 0 ||
        set(o, "version", report_json_string(s->version)) != 0 ||
        set(o, "hosts", jcount(s->n_runs)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *change_new(const struct nc_change *c)
{
    char msg[600];
    json_t *o = json_object();

    report_change_sentence(c, msg, sizeof(msg));
    if (o == NULL ||
        set(o, "kind", json_string(change_kind_name(c->kind))) != 0 ||
        set(o, "regression", json_boolean(c->regression)) != 0 ||
        set(o, "host", report_json_string(c->machine)) != 0 ||
        set(o, "check", report_json_string(c->check)) != 0 ||
        set(o, "address", report_json_string(c->address)) != 0 ||
        set(o, "before", report_json_string(c->before)) != 0 ||
        set(o, "before_problem", report_json_string(c->before_code)) != 0 ||
        set(o, "after", report_json_string(c->after)) != 0 ||
        set(o, "after_problem", report_json_string(c->after_code)) != 0 ||
        set(o, "detail", report_json_string(c->detail)) != 0 ||
        set(o, "action", report_json_string(c->action)) != 0 ||
        set(o, "message", report_json_string(msg)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *changes_new(const struct nc_diff *d)
{
    json_t *arr = json_array();
    size_t pass, i;

    for (pass = 0; pass < 2 && arr != NULL; pass++) {
        for (i = 0; i < d->n; i++) {
            if (d->v[i].regression != (pass == 0))
                continue;
            if (json_array_append_new(arr, change_new(&d->v[i])) != 0) {
                json_decref(arr);
                return NULL;
            }
        }
    }
    return arr;
}

static json_t *summary_new(const struct nc_diff *d,
                           const struct report_diff_counts *k)
{
    json_t *o = json_object();

    if (o == NULL || set(o, "regressions", jcount(k->regressions)) != 0 ||
        set(o, "other_changes", jcount(k->other)) != 0 ||
        set(o, "matched", jcount(d->matched)) != 0 ||
        set(o, "added", jcount(k->added)) != 0 ||
        set(o, "removed", jcount(k->removed)) != 0 ||
        set(o, "still_failing", jcount(d->unchanged_fails)) != 0 ||
        set(o, "profile_mismatch", json_boolean(d->profile_mismatch)) != 0 ||
        set(o, "verdict",
            json_string(k->regressions > 0 ? "regression" : "no_regression")) !=
            0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int report_diff_json_body(FILE *out, const struct nc_diff *d,
                          const struct report_style *style)
{
    struct report_diff_counts k;
    json_t *root = json_object();
    int rc = 0;

    (void)style;
    report_diff_count(d, &k);
    if (root == NULL ||
        set(root, "diff_schema", json_integer(NC_DIFF_SCHEMA)) != 0 ||
        set(root, "version", json_string(NC_VERSION)) != 0 ||
        set(root, "before", side_new(d->before)) != 0 ||
        set(root, "after", side_new(d->after)) != 0 ||
        set(root, "summary", summary_new(d, &k)) != 0 ||
        set(root, "changes", changes_new(d)) != 0)
        rc = NC_ENOMEM;
    if (rc == 0)
        rc = report_json_dump(out, root, JSON_FLAGS);
    json_decref(root);
    return rc;
}
