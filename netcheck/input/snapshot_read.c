/* A JSON report (schema 1) back into a snapshot (snapshot_read.h). jansson
 * parses; this file checks the shape. A value of the wrong type is an
 * error naming its key path ("checks[3].status"); a key that is missing
 * is taken as its default when older reports could lack it. */
#include "snapshot_read.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "nc.h"
#include "str.h"

#define SR_PATH_MAX 96

struct sr {
    const char *source;
    struct nc_diag *diag;
    size_t n_checks; /* over all runs, against NC_SNAP_MAX_CHECKS */
    bool keep_raw;   /* fill nc_snap_run.raw */
};

/* Where a value sits: "reports[2].checks[7]". */
struct sr_path {
    char s[SR_PATH_MAX];
};

static int sr_fail(struct sr *p, int rc, const char *fmt, ...) NC_PRINTF(3, 4);

static int sr_fail(struct sr *p, int rc, const char *fmt, ...)
{
    char msg[sizeof(p->diag->msg)];
    va_list ap;

    /* The analyzer loses va_start on some callers' paths (a false
     * positive: it is the line above the call). */
    va_start(ap, fmt);
    /* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
    (void)vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (p->diag != NULL)
        nc_diag_set(p->diag, p->source, 0, "%s", msg);
    return rc;
}

static int sr_oom(struct sr *p)
{
    return sr_fail(p, NC_ENOMEM, "out of memory");
}

static void sr_path_sub(struct sr_path *dst, const struct sr_path *parent,
                        const char *key, size_t index, bool indexed)
{
    const char *dot = parent->s[0] != '\0' ? "." : "";

    if (indexed)
        (void)nc_snprintf(dst->s, sizeof(dst->s), "%s%s%s[%zu]", parent->s, dot,
                          key, index);
    else
        (void)nc_snprintf(dst->s, sizeof(dst->s), "%s%s%s", parent->s, dot,
                          key);
}

static int sr_type(struct sr *p, const struct sr_path *at, const char *key,
                   const char *want)
{
    struct sr_path k;

    sr_path_sub(&k, at, key, 0, false);
    return sr_fail(p, NC_EPARSE, "%s: want %s", k.s, want);
}

/* An optional string: absent or null leaves *out NULL. */
static int sr_str(struct sr *p, const json_t *obj, const struct sr_path *at,
                  const char *key, char **out)
{
    const json_t *v = json_object_get(obj, key);

    *out = NULL;
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return sr_type(p, at, key, "a string or null");
    *out = nc_strndup(json_string_value(v), json_string_length(v));
    return *out != NULL ? 0 : sr_oom(p);
}

/* A string that must be there. */
static int sr_str_req(struct sr *p, const json_t *obj, const struct sr_path *at,
                      const char *key, char **out)
{
    int r = sr_str(p, obj, at, key, out);

    if (r == 0 && *out == NULL)
        return sr_type(p, at, key, "a string");
    return r;
}

static int sr_bool(struct sr *p, const json_t *obj, const struct sr_path *at,
                   const char *key, bool dflt, bool *out)
{
    const json_t *v = json_object_get(obj, key);

    *out = dflt;
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_boolean(v))
        return sr_type(p, at, key, "true or false");
    *out = json_is_true(v);
    return 0;
}

static int sr_status(struct sr *p, const json_t *obj, const struct sr_path *at,
                     bool required, enum nc_status *out)
{
    const json_t *v = json_object_get(obj, "status");

    if (v == NULL && !required) {
        *out = NC_STATUS_PASS;
        return 0;
    }
    if (!json_is_string(v) ||
        snapshot_status_parse(json_string_value(v), out) != 0)
        return sr_type(p, at, "status",
                       "\"pass\", \"fail\", \"warn\" or "
                       "\"skip\"");
    return 0;
}

/* An array that may be absent (then n is 0). */
static int sr_array(struct sr *p, const json_t *obj, const struct sr_path *at,
                    const char *key, const json_t **arr)
{
    const json_t *v = json_object_get(obj, key);

    *arr = NULL;
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_array(v))
        return sr_type(p, at, key, "an array");
    *arr = v;
    return 0;
}

/* An object that may be absent or null (then *o is NULL). */
static int sr_object(struct sr *p, const json_t *obj, const struct sr_path *at,
                     const char *key, const json_t **o)
{
    const json_t *v = json_object_get(obj, key);

    *o = NULL;
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_object(v))
        return sr_type(p, at, key, "an object or null");
    *o = v;
    return 0;
}

/* "er0 via 198.51.100.5" or "er0", as the text report's ROUTE column. */
static int sr_route(struct sr *p, const json_t *a, const struct sr_path *at,
                    struct nc_snap_addr *out)
{
    const json_t *rt;
    struct sr_path rp;
    char *dev = NULL, *via = NULL, buf[128];
    int r;

    r = sr_object(p, a, at, "route", &rt);
    if (r != 0 || rt == NULL)
        return r;
    sr_path_sub(&rp, at, "route", 0, false);
    r = sr_str(p, rt, &rp, "dev", &dev);
    if (r == 0)
        r = sr_str(p, rt, &rp, "via", &via);
    if (r == 0) {
        if (via != NULL)
            (void)nc_snprintf(buf, sizeof(buf), "%s via %s",
                              dev != NULL ? dev : "?", via);
        else
            (void)nc_snprintf(buf, sizeof(buf), "%s", dev != NULL ? dev : "?");
        out->route_found = true;
        out->route = nc_strdup(buf);
        if (out->route == NULL)
            r = sr_oom(p);
    }
    nc_free(dev);
    nc_free(via);
    return r;
}

static int sr_addr(struct sr *p, const json_t *a, const struct sr_path *at,
                   struct nc_snap_addr *out)
{
    const json_t *v, *tag;
    struct sr_path tp;
    int r;

    out->in_ranges = -1;
    if (!json_is_object(a))
        return sr_fail(p, NC_EPARSE, "%s: want an object", at->s);
    r = sr_str_req(p, a, at, "ip", &out->ip);
    if (r == 0)
        r = sr_status(p, a, at, false, &out->status);
    if (r == 0)
        r = sr_str(p, a, at, "problem", &out->problem);
    if (r != 0)
        return r;
    v = json_object_get(a, "in_ranges");
    if (json_is_boolean(v))
        out->in_ranges = json_is_true(v) ? 1 : 0;
    else if (v != NULL && !json_is_null(v))
        return sr_type(p, at, "in_ranges", "true, false or null");
    r = sr_object(p, a, at, "service_tag", &tag);
    if (r == 0 && tag != NULL) {
        sr_path_sub(&tp, at, "service_tag", 0, false);
        r = sr_str(p, tag, &tp, "name", &out->tag);
    }
    if (r == 0)
        r = sr_route(p, a, at, out);
    return r;
}

static int sr_addrs(struct sr *p, const json_t *c, const struct sr_path *at,
                    struct nc_snap_check *out)
{
    const json_t *arr;
    struct sr_path ap;
    size_t i, n;
    int r;

    r = sr_array(p, c, at, "addresses", &arr);
    if (r != 0 || arr == NULL)
        return r;
    n = json_array_size(arr);
    if (n > NC_SNAP_MAX_ADDRS)
        return sr_fail(p, NC_ELIMIT, "%s.addresses: more than %u addresses",
                       at->s, NC_SNAP_MAX_ADDRS);
    if (n == 0)
        return 0;
    out->addrs = nc_calloc(n, sizeof(*out->addrs));
    if (out->addrs == NULL)
        return sr_oom(p);
    out->n_addrs = n;
    for (i = 0; i < n && r == 0; i++) {
        sr_path_sub(&ap, at, "addresses", i, true);
        r = sr_addr(p, json_array_get(arr, i), &ap, &out->addrs[i]);
    }
    return r;
}

/* "addresses_total": what the resolver returned, more than "addresses"
 * when the run capped them; older reports lack it (the same count). */
static int sr_addrs_total(struct sr *p, const json_t *c,
                          const struct sr_path *at, struct nc_snap_check *out)
{
    const json_t *v = json_object_get(c, "addresses_total");
    json_int_t n;

    out->addrs_total = out->n_addrs;
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_integer(v))
        return sr_type(p, at, "addresses_total", "an integer");
    n = json_integer_value(v);
    if (n < (json_int_t)out->n_addrs || n > NC_SNAP_MAX_ADDRS_TOTAL)
        return sr_fail(p, NC_EPARSE,
                       "%s.addresses_total: want %zu to %u, the addresses "
                       "listed or more",
                       at->s, out->n_addrs, NC_SNAP_MAX_ADDRS_TOTAL);
    out->addrs_total = (size_t)n;
    return 0;
}

static int sr_check(struct sr *p, const json_t *c, const struct sr_path *at,
                    struct nc_snap_check *out)
{
    int r;

    if (!json_is_object(c))
        return sr_fail(p, NC_EPARSE, "%s: want an object", at->s);
    r = sr_str_req(p, c, at, "name", &out->name);
    if (r == 0)
        r = sr_status(p, c, at, true, &out->status);
    if (r == 0)
        r = sr_str(p, c, at, "url", &out->url);
    if (r == 0)
        r = sr_bool(p, c, at, "required", true, &out->required);
    if (r == 0)
        r = sr_str(p, c, at, "problem", &out->problem);
    if (r == 0)
        r = sr_str(p, c, at, "detail", &out->detail);
    if (r == 0)
        r = sr_str(p, c, at, "action", &out->action);
    if (r == 0)
        r = sr_addrs(p, c, at, out);
    if (r == 0)
        r = sr_addrs_total(p, c, at, out);
    return r;
}

static int sr_name_cmp(const void *a, const void *b)
{
    const struct nc_snap_check *x = *(const struct nc_snap_check *const *)a;
    const struct nc_snap_check *y = *(const struct nc_snap_check *const *)b;

    return strcmp(x->name, y->name);
}

/* Names identify checks in a comparison: two alike would make it guess. */
static int sr_names_unique(struct sr *p, const struct nc_snap_run *run,
                           const struct sr_path *at)
{
    const struct nc_snap_check **v;
    size_t i;
    int r = 0;

    if (run->n_checks < 2)
        return 0;
    v = nc_calloc(run->n_checks, sizeof(const struct nc_snap_check *));
    if (v == NULL)
        return sr_oom(p);
    for (i = 0; i < run->n_checks; i++)
        v[i] = &run->checks[i];
    qsort(v, run->n_checks, sizeof(const struct nc_snap_check *), sr_name_cmp);
    for (i = 1; i < run->n_checks && r == 0; i++) {
        if (strcmp(v[i - 1]->name, v[i]->name) == 0)
            r = sr_fail(p, NC_EPARSE, "%s%schecks: two checks named '%.80s'",
                        at->s, at->s[0] != '\0' ? "." : "", v[i]->name);
    }
    nc_free(v);
    return r;
}

static int sr_checks(struct sr *p, const json_t *rep, const struct sr_path *at,
                     struct nc_snap_run *out)
{
    const json_t *arr = json_object_get(rep, "checks");
    struct sr_path cp;
    size_t i, j, n;
    int r = 0;

    if (!json_is_array(arr))
        return sr_type(p, at, "checks",
                       "an array (is this a netcheck "
                       "report?)");
    n = json_array_size(arr);
    if (n > NC_SNAP_MAX_CHECKS - p->n_checks)
        return sr_fail(p, NC_ELIMIT, "more than %u checks", NC_SNAP_MAX_CHECKS);
    p->n_checks += n;
    if (n == 0)
        return 0;
    out->checks = nc_calloc(n, sizeof(*out->checks));
    if (out->checks == NULL)
        return sr_oom(p);
    out->n_checks = n;
    for (i = 0; i < n && r == 0; i++) {
        sr_path_sub(&cp, at, "checks", i, true);
        r = sr_check(p, json_array_get(arr, i), &cp, &out->checks[i]);
        for (j = 0; r == 0 && j < out->checks[i].n_addrs; j++)
            out->tags = out->tags || out->checks[i].addrs[j].tag != NULL;
    }
    if (r == 0)
        r = sr_names_unique(p, out, at);
    return r;
}

/* "profile": an array of names (a single string is taken too). */
static int sr_profiles(struct sr *p, const json_t *rep,
                       const struct sr_path *at, struct nc_snap_run *out)
{
    const json_t *v = json_object_get(rep, "profile"), *e;
    size_t i, n;

    if (v == NULL || json_is_null(v))
        return 0;
    if (json_is_string(v)) {
        n = 1;
    } else if (json_is_array(v)) {
        n = json_array_size(v);
    } else {
        return sr_type(p, at, "profile", "an array of names");
    }
    if (n > NC_SNAP_MAX_PROFILES)
        return sr_fail(p, NC_ELIMIT, "more than %u profiles",
                       NC_SNAP_MAX_PROFILES);
    if (n == 0)
        return 0;
    out->profiles = nc_calloc(n, sizeof(*out->profiles));
    if (out->profiles == NULL)
        return sr_oom(p);
    out->n_profiles = n;
    for (i = 0; i < n; i++) {
        e = json_is_string(v) ? v : json_array_get(v, i);
        if (!json_is_string(e))
            return sr_type(p, at, "profile", "an array of names");
        out->profiles[i] = nc_strdup(json_string_value(e));
        if (out->profiles[i] == NULL)
            return sr_oom(p);
    }
    return 0;
}

/* The clock_skew warning among "warnings" (older reports have none). */
static int sr_clock(struct sr *p, const json_t *rep, const struct sr_path *at,
                    struct nc_snap_run *out)
{
    const json_t *arr, *w, *code;
    struct sr_path wp;
    size_t i;
    int r;

    r = sr_array(p, rep, at, "warnings", &arr);
    for (i = 0; r == 0 && arr != NULL && i < json_array_size(arr); i++) {
        w = json_array_get(arr, i);
        code = json_is_object(w) ? json_object_get(w, "code") : NULL;
        if (!json_is_string(code) ||
            strcmp(json_string_value(code), "clock_skew") != 0)
            continue;
        sr_path_sub(&wp, at, "warnings", i, true);
        nc_free(out->clock_warning);
        r = sr_str(p, w, &wp, "detail", &out->clock_warning);
        if (r == 0 && out->clock_warning == NULL) {
            out->clock_warning = nc_strdup("clock_skew");
            if (out->clock_warning == NULL)
                r = sr_oom(p);
        }
    }
    return r;
}

static int sr_run(struct sr *p, const json_t *rep, const struct sr_path *at,
                  struct nc_snap_run *out)
{
    const json_t *o;
    struct sr_path sp;
    int r;

    if (!json_is_object(rep))
        return sr_fail(p, NC_EPARSE, "%s: want an object", at->s);
    o = json_object_get(rep, "schema");
    if (o != NULL && !(json_is_integer(o) && json_integer_value(o) == 1))
        return sr_fail(p, NC_EPARSE,
                       "%s%sschema: want 1 (this netcheck "
                       "reads schema 1 reports)",
                       at->s, at->s[0] != '\0' ? "." : "");
    r = sr_str(p, rep, at, "host", &out->machine);
    if (r == 0)
        r = sr_profiles(p, rep, at, out);
    if (r == 0)
        r = sr_object(p, rep, at, "region", &o);
    if (r == 0 && o != NULL) {
        sr_path_sub(&sp, at, "region", 0, false);
        r = sr_str(p, o, &sp, "name", &out->region);
    }
    if (r == 0)
        r = sr_object(p, rep, at, "proxy", &o);
    if (r == 0 && o != NULL) {
        sr_path_sub(&sp, at, "proxy", 0, false);
        r = sr_str(p, o, &sp, "source", &out->proxy_source);
        if (r == 0)
            r = sr_str(p, o, &sp, "url", &out->proxy_url);
    }
    if (r == 0)
        r = sr_clock(p, rep, at, out);
    if (r == 0)
        r = sr_checks(p, rep, at, out);
    if (r == 0 && p->keep_raw) {
        out->raw = json_dumps(rep, JSON_COMPACT | JSON_ENSURE_ASCII);
        if (out->raw == NULL)
            r = sr_oom(p);
    }
    return r;
}

static int sr_machine_cmp(const void *a, const void *b)
{
    const struct nc_snap_run *x = *(const struct nc_snap_run *const *)a;
    const struct nc_snap_run *y = *(const struct nc_snap_run *const *)b;

    if (x->machine == NULL || y->machine == NULL)
        return (x->machine != NULL) - (y->machine != NULL);
    return strcmp(x->machine, y->machine);
}

/* Machines identify the runs of a fleet: each must be named, once. */
static int sr_machines_unique(struct sr *p, const struct nc_snapshot *s)
{
    const struct nc_snap_run **v;
    size_t i;
    int r = 0;

    for (i = 0; i < s->n_runs; i++) {
        if (s->runs[i].machine == NULL && s->n_runs > 1)
            return sr_fail(p, NC_EPARSE,
                           "reports[%zu]: no \"host\": the "
                           "reports of a fleet are told apart "
                           "by their host",
                           i);
    }
    if (s->n_runs < 2)
        return 0;
    v = nc_calloc(s->n_runs, sizeof(const struct nc_snap_run *));
    if (v == NULL)
        return sr_oom(p);
    for (i = 0; i < s->n_runs; i++)
        v[i] = &s->runs[i];
    qsort(v, s->n_runs, sizeof(const struct nc_snap_run *), sr_machine_cmp);
    for (i = 1; i < s->n_runs && r == 0; i++) {
        if (strcmp(v[i - 1]->machine, v[i]->machine) == 0)
            r = sr_fail(p, NC_EPARSE, "reports: host '%.80s' twice",
                        v[i]->machine);
    }
    nc_free(v);
    return r;
}

static int sr_root(struct sr *p, const json_t *root, struct nc_snapshot *s)
{
    const json_t *v = json_object_get(root, "schema"), *reps;
    struct sr_path top = {""}, rp;
    size_t i, n = 1;
    int r;

    if (!json_is_object(root))
        return sr_fail(p, NC_EPARSE,
                       "not a netcheck report: want a JSON "
                       "object");
    if (v == NULL)
        return sr_fail(p, NC_EPARSE, "not a netcheck report: no \"schema\"");
    r = sr_str(p, root, &top, "version", &s->version);
    if (r != 0)
        return r;
    reps = json_object_get(root, "reports");
    if (reps != NULL) {
        if (!json_is_array(reps))
            return sr_type(p, &top, "reports", "an array of reports");
        n = json_array_size(reps);
        if (n == 0)
            return sr_fail(p, NC_EPARSE, "reports: empty");
        if (n > NC_SNAP_MAX_RUNS)
            return sr_fail(p, NC_ELIMIT, "more than %u reports",
                           NC_SNAP_MAX_RUNS);
        s->fleet = true;
    }
    if (!(json_is_integer(v) && json_integer_value(v) == 1))
        return sr_fail(p, NC_EPARSE,
                       "schema: want 1 (this netcheck reads "
                       "schema 1 reports)");
    s->runs = nc_calloc(n, sizeof(*s->runs));
    if (s->runs == NULL)
        return sr_oom(p);
    s->n_runs = n;
    for (i = 0; i < n && r == 0; i++) {
        if (reps != NULL)
            sr_path_sub(&rp, &top, "reports", i, true);
        r = sr_run(p, reps != NULL ? json_array_get(reps, i) : root,
                   reps != NULL ? &rp : &top, &s->runs[i]);
    }
    if (r == 0)
        r = sr_machines_unique(p, s);
    return r;
}

/* jansson's message, made printable (it quotes the input near the
 * error), with its line and column. */
static int sr_json_error(struct sr *p, const json_error_t *err)
{
    char *c;

    if (json_error_code(err) == json_error_out_of_memory ||
        err->text[0] == '\0')
        return sr_oom(p);
    (void)sr_fail(p, NC_EPARSE, "invalid JSON: %s", err->text);
    if (p->diag == NULL)
        return NC_EPARSE;
    for (c = p->diag->msg; *c != '\0'; c++) {
        if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e)
            *c = '?';
    }
    p->diag->line = err->line > 0 ? (unsigned)err->line : 0;
    p->diag->col = err->column > 0 ? (unsigned)err->column : 0;
    return NC_EPARSE;
}

static int sr_parse(const char *buf, size_t len, const char *source,
                    bool keep_raw, struct nc_snapshot **out,
                    struct nc_diag *diag)
{
    struct nc_snapshot *s = NULL;
    struct sr p;
    json_error_t err;
    json_t *root;
    int r;

    memset(&p, 0, sizeof(p));
    p.keep_raw = keep_raw;
    p.source = source != NULL ? source : "report";
    p.diag = diag;
    if (out == NULL || (buf == NULL && len > 0))
        return sr_fail(&p, NC_EINVAL, "no input");
    if (len > NC_SNAP_MAX_BYTES)
        return sr_fail(&p, NC_ELIMIT, "larger than %u bytes",
                       NC_SNAP_MAX_BYTES);
    /* jansson sets only text[0] before an early allocation failure, and
     * json_error_code() reads the last byte: make it defined. */
    memset(&err, 0, sizeof(err));
    root =
        json_loadb(buf != NULL ? buf : "", len, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL)
        return sr_json_error(&p, &err);
    s = nc_calloc(1, sizeof(*s));
    if (s == NULL) {
        r = sr_oom(&p);
        goto out;
    }
    s->source = nc_strdup(p.source);
    r = s->source != NULL ? sr_root(&p, root, s) : sr_oom(&p);
    if (r == 0) {
        *out = s;
        s = NULL;
    }
out:
    snapshot_free(s);
    json_decref(root);
    return r;
}

int snapshot_parse_buf(const char *buf, size_t len, const char *source,
                       struct nc_snapshot **out, struct nc_diag *diag)
{
    return sr_parse(buf, len, source, false, out, diag);
}

int snapshot_parse_buf_raw(const char *buf, size_t len, const char *source,
                           struct nc_snapshot **out, struct nc_diag *diag)
{
    return sr_parse(buf, len, source, true, out, diag);
}

int snapshot_load_file(const char *path, struct nc_snapshot **out,
                       struct nc_diag *diag)
{
    char *buf = NULL;
    size_t len = 0;
    int r;

    if (path == NULL || out == NULL)
        return NC_EINVAL;
    r = nc_file_read(path, NC_SNAP_MAX_BYTES, &buf, &len, diag);
    if (r == 0)
        r = snapshot_parse_buf(buf, len, path, out, diag);
    nc_free(buf);
    return r;
}
