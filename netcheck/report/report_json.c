/* JSON report, schema 1 (README "JSON schema"). The keys listed there are
 * API; extra keys may be added, none renamed. Empty strings and
 * unreached values are null. Jansson accepts only UTF-8, so every string
 * is checked and each invalid byte becomes the escaper's "\xHH" (esc.h):
 * one bad byte in a server's answer must not lose the whole report. The
 * output is ASCII (JSON_ENSURE_ASCII): controls and bidirectional
 * formatting characters travel as \u escapes, never raw, so the file is
 * safe to cat on a terminal and its data stays exact. */
#include "report.h"
#include "report_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "nc.h"
#include "rootcause.h"
#include "utf8.h"

/* Timings keep microseconds; 15 significant digits print them without
 * binary noise (12.3, not 12.300000000000001). */
#define JSON_FLAGS                                                             \
    (JSON_INDENT(2) | JSON_REAL_PRECISION(15) | JSON_ENSURE_ASCII)

/* A JSON string of s (NULL is ""); NULL when out of memory. */
static json_t *jstr(const char *s)
{
    return report_json_string(s != NULL ? s : "");
}

/* s, or null when s is NULL or empty. */
static json_t *jstr_or_null(const char *s)
{
    if (s == NULL || s[0] == '\0')
        return json_null();
    return jstr(s);
}

/* Milliseconds rounded to microseconds; null for "not reached" (negative),
 * and for NaN or absurd values, which cannot be rounded through an
 * integer and that JSON cannot hold. */
static json_t *jms(double ms)
{
    if (!(ms >= 0 && ms < 1e12))
        return json_null();
    return json_real((double)(long long)(ms * 1000.0 + 0.5) / 1000.0);
}

static json_t *jint_or_null(long v)
{
    if (v == 0)
        return json_null();
    return json_integer((json_int_t)v);
}

static json_t *jcount(size_t n)
{
    return json_integer((json_int_t)n);
}

/* Both steal v, also on failure, and fail on v == NULL, so a failed
 * constructor needs no check of its own. */
static int set(json_t *obj, const char *key, json_t *v)
{
    return json_object_set_new_nocheck(obj, key, v) == 0 ? 0 : NC_ENOMEM;
}

static int append(json_t *arr, json_t *v)
{
    return json_array_append_new(arr, v) == 0 ? 0 : NC_ENOMEM;
}

static json_t *timings_new(const struct nc_timings *t)
{
    json_t *o = json_object();

    if (o == NULL || set(o, "dns", jms(t->dns)) != 0 ||
        set(o, "connect", jms(t->connect)) != 0 ||
        set(o, "tls", jms(t->tls)) != 0 ||
        set(o, "first_byte", jms(t->first_byte)) != 0 ||
        set(o, "total", jms(t->total)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *in_ranges_new(int in_ranges)
{
    if (in_ranges < 0)
        return json_null();
    return json_boolean(in_ranges > 0);
}

/* {"dev", "via", "src"} of the kernel's route, or null when not looked
 * up (or no route). */
static json_t *route_new(const struct nc_route *rt)
{
    char via[NC_ADDRSTRLEN], src[NC_ADDRSTRLEN];
    json_t *o;

    if (!rt->found)
        return json_null();
    o = json_object();
    if (rt->has_via)
        nc_addr_format(&rt->via, via, sizeof(via));
    if (rt->has_src)
        nc_addr_format(&rt->src, src, sizeof(src));
    if (o == NULL || set(o, "dev", jstr_or_null(rt->dev)) != 0 ||
        set(o, "via", rt->has_via ? jstr(via) : json_null()) != 0 ||
        set(o, "src", rt->has_src ? jstr(src) : json_null()) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *tag_new(const struct nc_addr_result *a)
{
    json_t *o;

    if (a->tag == NULL || a->tag[0] == '\0')
        return json_null();
    o = json_object();
    if (o == NULL || set(o, "name", jstr(a->tag)) != 0 ||
        set(o, "region", jstr(a->tag_region)) != 0 ||
        set(o, "system_service", jstr(a->tag_service)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *addr_new(const struct nc_addr_result *a)
{
    bool hosts = a->source == NC_ADDR_SOURCE_HOSTS;
    json_t *o = json_object();
    char ip[NC_ADDRSTRLEN];

    if (o == NULL ||
        set(o, "ip", jstr(result_addr_ip(a, ip, sizeof(ip)))) != 0 ||
        set(o, "status", json_string(status_name(a->status))) != 0 ||
        set(o, "problem", jstr_or_null(problem_code(a->problem))) != 0 ||
        set(o, "in_ranges", in_ranges_new(a->in_ranges)) != 0 ||
        set(o, "route", route_new(&a->route)) != 0 ||
        set(o, "service_tag", tag_new(a)) != 0 ||
        set(o, "detail", jstr_or_null(result_addr_detail(a))) != 0 ||
        set(o, "http_status", jint_or_null(a->http_status)) != 0 ||
        set(o, "informational", json_boolean(a->informational)) != 0 ||
        set(o, "timings_ms", timings_new(&a->t)) != 0 ||
        /* Where the address came from: "hosts" with the file and line,
         * "dns", or "literal" (the host is an address). */
        set(o, "source", jstr_or_null(addr_source_name(a->source))) != 0 ||
        set(o, "source_file", hosts ? jstr(a->source_file) : json_null()) !=
            0 ||
        set(o, "source_line",
            hosts ? json_integer((json_int_t)a->source_line) : json_null()) !=
            0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *addrs_new(const struct nc_check_result *r)
{
    json_t *arr = json_array();
    size_t i, n = report_addr_count(r);

    if (arr == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if (append(arr, addr_new(&r->addrs[i])) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* The schemes a proxy offered in its 407 answers ("Basic", "NTLM"...). */
static json_t *proxy_auth_new(const struct nc_check_result *r)
{
    json_t *arr = json_array();
    size_t i, n = r->n_proxy_auth;

    if (arr == NULL)
        return NULL;
    if (r->proxy_auth == NULL)
        n = 0;
    else if (n > NC_PROXY_AUTH_MAX)
        n = NC_PROXY_AUTH_MAX;
    for (i = 0; i < n; i++) {
        if (append(arr, jstr(r->proxy_auth[i])) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *cnames_new(const struct nc_check_result *r)
{
    json_t *arr = json_array();
    size_t i, n = report_cname_count(r);

    if (arr == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if (append(arr, jstr(r->cnames[i])) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *tls_new(const struct nc_tls_info *tls)
{
    json_t *o;

    if (!tls->present)
        return json_null();
    o = json_object();
    if (o == NULL || set(o, "subject", jstr_or_null(tls->subject)) != 0 ||
        set(o, "issuer", jstr_or_null(tls->issuer)) != 0 ||
        set(o, "root", jstr_or_null(tls->root)) != 0 ||
        set(o, "root_cn", jstr_or_null(tls->root_cn)) != 0 ||
        set(o, "not_before", jstr_or_null(tls->not_before)) != 0 ||
        set(o, "not_after", jstr_or_null(tls->not_after)) != 0 ||
        set(o, "version", jstr_or_null(tls->version)) != 0 ||
        set(o, "cipher", jstr_or_null(tls->cipher)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *check_new(const struct nc_check_result *r)
{
    const struct nc_check *c = r->check;
    bool sampled = c->rule != NULL && r->status != NC_STATUS_SKIP;
    json_t *o = json_object();

    if (o == NULL || set(o, "name", jstr(c->name)) != 0 ||
        set(o, "url", jstr(c->url)) != 0 ||
        set(o, "host", jstr(c->host)) != 0 ||
        set(o, "port", json_integer((json_int_t)c->port)) != 0 ||
        set(o, "required", json_boolean(c->required)) != 0 ||
        set(o, "status", json_string(status_name(r->status))) != 0 ||
        set(o, "problem", jstr_or_null(problem_code(r->problem))) != 0 ||
        set(o, "detail", jstr_or_null(r->detail)) != 0 ||
        set(o, "action", jstr_or_null(r->action)) != 0 ||
        set(o, "via_proxy", json_boolean(r->via_proxy)) != 0 ||
        set(o, "addresses", addrs_new(r)) != 0 ||
        /* More than "addresses" when the resolver returned more than a
         * check keeps (NC_MAX_ADDRS_PER_FAMILY per family). */
        set(o, "addresses_total",
            json_integer((json_int_t)result_addrs_total(r))) != 0 ||
        set(o, "http_status", jint_or_null(r->http_status)) != 0 ||
        set(o, "proxy_status", jint_or_null(r->proxy_status)) != 0 ||
        set(o, "proxy_auth", proxy_auth_new(r)) != 0 ||
        set(o, "tls", tls_new(result_tls(r))) != 0 ||
        set(o, "timings_ms", timings_new(&r->t)) != 0 ||
        /* Extra keys. "rule" is the wildcard the host samples: a pass
         * proves the sample, not every name under the wildcard. A skipped
         * wildcard (no sample given) sampled nothing: "sampled" false. */
        set(o, "rule", jstr_or_null(c->rule)) != 0 ||
        set(o, "sampled", json_boolean(sampled)) != 0 ||
        set(o, "skip_reason", jstr_or_null(c->skip_reason)) != 0 ||
        set(o, "pac_answer", jstr_or_null(r->pac_answer)) != 0 ||
        set(o, "proxy", jstr_or_null(r->via_proxy ? r->proxy : "")) != 0 ||
        set(o, "proxy_reason", jstr_or_null(r->proxy_reason)) != 0 ||
        set(o, "cnames", cnames_new(r)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *profiles_new(const struct nc_plan *plan)
{
    json_t *arr = json_array();
    size_t i;

    if (arr == NULL || plan == NULL)
        return arr;
    for (i = 0; i < plan->n_profiles; i++) {
        const struct nc_profile *p = plan->profiles[i];

        if (append(arr, jstr(p != NULL ? p->name : NULL)) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* "region": {"name", "default", "profile"}, or null when no profile of the
 * run has [region] sections. */
static json_t *region_new(const struct nc_plan *plan)
{
    const struct nc_profile *p = report_region_profile(plan);
    json_t *o;

    if (p == NULL)
        return json_null();
    o = json_object();
    if (o == NULL || set(o, "name", jstr(p->region)) != 0 ||
        set(o, "default", json_boolean(p->region_default)) != 0 ||
        set(o, "profile", jstr(p->name)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Who the run logs on to its proxy as; name never holds a password. */
static json_t *proxy_identity_new(const struct nc_proxy_identity *id)
{
    json_t *o = json_object();

    if (o == NULL ||
        set(o, "kind", json_string(proxy_id_name(id->kind))) != 0 ||
        set(o, "name", jstr_or_null(id->name)) != 0 ||
        set(o, "note", jstr_or_null(id->note)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *proxy_new(const struct nc_run *run)
{
    json_t *o = json_object();

    if (o == NULL ||
        set(o, "source", json_string(proxy_source_name(run->proxy_source))) !=
            0 ||
        set(o, "url", jstr_or_null(run->proxy_url)) != 0 ||
        set(o, "identity", proxy_identity_new(&run->proxy_identity)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *summary_new(const struct nc_summary *s)
{
    json_t *o = json_object();

    if (o == NULL || set(o, "total", jcount(s->total)) != 0 ||
        set(o, "passed", jcount(s->passed)) != 0 ||
        set(o, "failed", jcount(s->failed)) != 0 ||
        set(o, "warned", jcount(s->warned)) != 0 ||
        set(o, "skipped", jcount(s->skipped)) != 0 ||
        set(o, "verdict", json_string(s->pass ? "pass" : "fail")) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* "clock": {"skew_s", "sources"}, and the run-level "warnings". */
static json_t *clock_new(const struct nc_clock *clk)
{
    json_t *o = json_object();

    if (o == NULL ||
        set(o, "skew_s",
            clk->sources > 0 ? json_real(clk->skew_s) : json_null()) != 0 ||
        set(o, "sources", json_integer((json_int_t)clk->sources)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *warnings_new(const struct nc_run *run)
{
    json_t *arr = json_array(), *w;
    char text[300];

    if (arr == NULL || !report_clock_warning(&run->clock, text, sizeof(text)))
        return arr;
    w = json_object();
    if (w == NULL || set(w, "code", json_string("clock_skew")) != 0 ||
        set(w, "detail", jstr(text)) != 0 || append(arr, w) != 0) {
        json_decref(w);
        json_decref(arr);
        return NULL;
    }
    return arr;
}

/* "resolution": how names were resolved (README "Name resolution"); null
 * when the caller did not say. */
static json_t *resolution_new(const struct nc_resolution *rs)
{
    json_t *o;

    if (!rs->set)
        return json_null();
    o = json_object();
    if (o == NULL || set(o, "dns_only", json_boolean(rs->dns_only)) != 0 ||
        set(o, "order", rs->dns_only ? json_null() : jstr(rs->order)) != 0 ||
        set(o, "nsswitch", jstr_or_null(rs->nsswitch)) != 0 ||
        set(o, "hosts_file", jstr_or_null(rs->hosts_file)) != 0 ||
        set(o, "note", jstr_or_null(rs->note)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* A wall-clock time as RFC 3339 UTC, or null when it was not taken. */
static json_t *jtime(long long t)
{
    char buf[32];

    if (!report_time_rfc3339(t, buf, sizeof(buf)))
        return json_null();
    return json_string(buf);
}

/* Everything but "checks", which report_json_write streams. */
static json_t *run_new(const struct nc_run *run)
{
    json_t *root = json_object();

    if (root == NULL ||
        set(root, "schema", json_integer(NC_JSON_SCHEMA)) != 0 ||
        set(root, "version", json_string(NC_VERSION)) != 0 ||
        /* Who and when, for reports gathered from a fleet. "version" is
         * kept for schema 1's readers; "netcheck_version" says whose
         * version it is. */
        set(root, "netcheck_version", json_string(NC_VERSION)) != 0 ||
        set(root, "host", jstr_or_null(run->host)) != 0 ||
        set(root, "started_at", jtime(run->started_at)) != 0 ||
        set(root, "finished_at", jtime(run->finished_at)) != 0 ||
        set(root, "profile", profiles_new(run->plan)) != 0 ||
        set(root, "region", region_new(run->plan)) != 0 ||
        set(root, "proxy", proxy_new(run)) != 0 ||
        set(root, "resolution", resolution_new(&run->resolution)) != 0 ||
        set(root, "summary", summary_new(&run->summary)) != 0 ||
        set(root, "wall_ms", jms(run->wall_ms)) != 0 ||
        set(root, "clock", clock_new(&run->clock)) != 0 ||
        set(root, "warnings", warnings_new(run)) != 0) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* Free what json_dumps returned, with jansson's own allocator (tests and
 * embedders may replace it). */
static void json_text_free(char *text)
{
    json_malloc_t m;
    json_free_t f;

    json_get_alloc_funcs(&m, &f);
    (void)m;
    if (f != NULL)
        f(text);
    else
        free(text);
}

/* Where json_dump_callback writes: through report_json_put to out,
 * holding the last `hold` bytes back (the "\n}" that closes an object
 * whose last members are written by hand). */
struct json_sink {
    FILE *out;
    int pad;
    int rc;
    size_t hold, n_tail; /* hold: at most sizeof(tail) */
    char tail[4];
};

static int json_sink_write(const char *buf, size_t size, void *data)
{
    struct json_sink *k = data;
    char both[2 * sizeof(k->tail)];
    size_t total;

    if (k->rc != 0)
        return -1;
    if (size >= k->hold) {
        k->rc = report_json_put(k->out, k->tail, k->n_tail, k->pad);
        if (k->rc == 0)
            k->rc = report_json_put(k->out, buf, size - k->hold, k->pad);
        memcpy(k->tail, buf + size - k->hold, k->hold);
        k->n_tail = k->hold;
        return k->rc == 0 ? 0 : -1;
    }
    /* A piece shorter than what is held: tail and piece fit in both. */
    memcpy(both, k->tail, k->n_tail);
    memcpy(both + k->n_tail, buf, size);
    total = k->n_tail + size;
    k->n_tail = total < k->hold ? total : k->hold;
    if (total > k->hold)
        k->rc = report_json_put(k->out, both, total - k->hold, k->pad);
    memcpy(k->tail, both + total - k->n_tail, k->n_tail);
    return k->rc == 0 ? 0 : -1;
}

/* Write v (taken, also on failure) as jansson would inside a tree dumped
 * with JSON_FLAGS, its lines padded by pad.  \return 0, NC_ENOMEM or
 * NC_EIO */
static int json_value_put(FILE *out, json_t *v, int pad)
{
    struct json_sink k = {.out = out, .pad = pad};
    int r;

    if (v == NULL)
        return NC_ENOMEM;
    r = json_dump_callback(v, json_sink_write, &k,
                           JSON_FLAGS | JSON_ENCODE_ANY);
    json_decref(v);
    if (k.rc != 0)
        return k.rc;
    return r == 0 ? 0 : NC_ENOMEM;
}

/* One cause, {"problem", "checks": [names], "detail", "action", "all"},
 * written member by member: a cause of 100,000 checks never becomes a
 * tree of 100,000 strings. The bytes are those jansson writes for the
 * whole tree (JSON_FLAGS), at the indent of root_causes' items. */
static int cause_write(FILE *out, const struct nc_run *run,
                       const struct rootcause_list *causes,
                       const struct rootcause *c)
{
    size_t j;
    int rc;

    if (fputs("{\n      \"problem\": ", out) == EOF)
        return NC_EIO;
    rc = json_value_put(out, jstr(problem_code(c->problem)), 0);
    if (rc == 0 && fputs(",\n      \"checks\": [", out) == EOF)
        rc = NC_EIO;
    for (j = 0; rc == 0 && j < c->n_checks; j++) {
        if (fputs(j > 0 ? ",\n        " : "\n        ", out) == EOF)
            rc = NC_EIO;
        else
            rc = json_value_put(
                out, jstr(run->results[c->checks[j]].check->name), 0);
    }
    if (rc == 0 && fputs(c->n_checks > 0 ? "\n      ],\n      \"detail\": "
                                         : "],\n      \"detail\": ",
                         out) == EOF)
        rc = NC_EIO;
    if (rc == 0)
        rc = json_value_put(out, jstr(c->detail), 0);
    if (rc == 0 && fputs(",\n      \"action\": ", out) == EOF)
        rc = NC_EIO;
    if (rc == 0)
        rc = json_value_put(out, jstr_or_null(c->action), 0);
    if (rc == 0 && fputs(",\n      \"all\": ", out) == EOF)
        rc = NC_EIO;
    if (rc == 0)
        rc = json_value_put(out, json_boolean(causes->all), 0);
    if (rc == 0 && fputs("\n    }", out) == EOF)
        rc = NC_EIO;
    return rc;
}

/* "root_causes": [] when no failures share a cause; the head's last key
 * before "checks". */
static int root_causes_write(FILE *out, const struct nc_run *run,
                             const struct rootcause_list *causes)
{
    size_t k;
    int rc = 0;

    if (causes == NULL || causes->n == 0)
        return fputs(",\n  \"root_causes\": []", out) == EOF ? NC_EIO : 0;
    if (fputs(",\n  \"root_causes\": [\n    ", out) == EOF)
        return NC_EIO;
    for (k = 0; k < causes->n && rc == 0; k++) {
        if (k > 0 && fputs(",\n    ", out) == EOF)
            rc = NC_EIO;
        else
            rc = cause_write(out, run, causes, &causes->v[k]);
    }
    if (rc == 0 && fputs("\n  ]", out) == EOF)
        rc = NC_EIO;
    return rc;
}

/* One check at a time, so memory does not grow with the number of checks
 * (a tree of a thousand checks cost tens of MiB). The bytes are those of
 * dumping the whole tree with JSON_FLAGS: "checks" is the last key. */
static int checks_write(FILE *out, const struct nc_run *run)
{
    size_t i;
    int rc = 0;

    if (run->n_results == 0)
        return fputs(",\n  \"checks\": []", out) == EOF ? NC_EIO : 0;
    if (fputs(",\n  \"checks\": [\n    ", out) == EOF)
        return NC_EIO;
    for (i = 0; i < run->n_results && rc == 0; i++) {
        json_t *c = check_new(&run->results[i]);
        char *text = c != NULL ? json_dumps(c, JSON_FLAGS) : NULL;

        if (text == NULL)
            rc = NC_ENOMEM;
        else if (i > 0 && fputs(",\n    ", out) == EOF)
            rc = NC_EIO;
        else
            rc = report_json_put(out, text, strlen(text), 4);
        json_text_free(text);
        json_decref(c);
    }
    if (rc == 0 && fputs("\n  ]", out) == EOF)
        rc = NC_EIO;
    return rc;
}

int report_json_body(FILE *out, const struct nc_run *run,
                     const struct rootcause_list *causes,
                     const struct report_style *style)
{
    struct json_sink head = {.out = out, .hold = 2};
    json_t *root;
    int rc = 0;

    (void)style;
    /* The head is dumped as it is made, without its closing "\n}" (held
     * back): the causes, which come from the whole run, and then the
     * checks go in before that brace, streamed. */
    root = run_new(run);
    if (root == NULL)
        return NC_ENOMEM;
    if (json_dump_callback(root, json_sink_write, &head, JSON_FLAGS) != 0)
        rc = head.rc != 0 ? head.rc : NC_ENOMEM;
    json_decref(root);
    if (rc == 0 && (head.n_tail != 2 || memcmp(head.tail, "\n}", 2) != 0))
        rc = NC_EINTERNAL;
    if (rc == 0)
        rc = root_causes_write(out, run, causes);
    if (rc == 0)
        rc = checks_write(out, run);
    if (rc == 0 && (fputs("\n}\n", out) == EOF || ferror(out)))
        rc = NC_EIO;
    if (rc == NC_EIO || (rc == 0 && ferror(out)))
        return NC_EIO;
    return rc;
}

#ifdef NETCHECK_UNITTESTS
int report_json_write(FILE *out, const struct nc_run *run)
{
    return report_run_walk(out, run, NULL, report_json_body);
}
#endif
