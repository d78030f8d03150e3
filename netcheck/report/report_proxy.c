#include "report_proxy.h"

#include <jansson.h>
#include <string.h>

#include "esc.h"
#include "nc.h"
#include "report_int.h"

/* Every value here may come from a unit file, an environment file or a
 * process's environment that the service itself can rewrite: each is
 * written through the terminal escaper (esc.h), the labels as they are. */

/* Write s escaped, then spaces up to width bytes (as "%-*s" would). */
static void put_esc_pad(FILE *out, const char *s, size_t width)
{
    size_t n;

    if (s == NULL)
        s = "";
    n = nc_esc(s, strlen(s), NC_ESC_TERM, NULL, 0);
    (void)nc_esc_fputs(s, out);
    for (; n < width; n++)
        fputc(' ', out);
}

static void proxy_text_sets(FILE *out, const struct report_proxy_source *s)
{
    size_t i;

    for (i = 0; i < s->n_sets; i++) {
        if (i > 0)
            fputs(", ", out);
        put_esc_pad(out, s->sets[i].var, 0);
        fputc('=', out);
        put_esc_pad(out, s->sets[i].value, 0);
    }
    if (s->n_sets == 0)
        fputs("(no proxy variable)", out);
}

static int proxy_text_write(FILE *out, const struct report_proxy_view *v)
{
    size_t i;

    fputs("SOURCES (what each sets; * = in force)\n", out);
    for (i = 0; i < v->n_sources; i++) {
        const struct report_proxy_source *s = &v->sources[i];

        fprintf(out, " %s ", s->in_force ? "*" : " ");
        put_esc_pad(out, s->name, 26);
        fputc(' ', out);
        put_esc_pad(out, s->path, 40);
        fputc(' ', out);
        proxy_text_sets(out, s);
        if (!s->service_sees)
            fputs("  [not seen by system services]", out);
        fputc('\n', out);
    }
    fprintf(out, "\nIN FORCE: %s; http:// ", proxy_source_name(v->source));
    put_esc_pad(out, v->http ? v->http : "direct", 0);
    fputs("; https:// ", out);
    put_esc_pad(out, v->https ? v->https : "direct", 0);
    fputs("; NO_PROXY ", out);
    put_esc_pad(out, v->no_proxy ? v->no_proxy : "(none)", 0);
    fputc('\n', out);
    if (v->systemd != NULL)
        fprintf(out, "SYSTEMD: %s\n",
                strcmp(v->systemd, "dbus") == 0
                    ? "the running manager, asked over D-Bus (its files "
                      "read and compared)"
                    : "its files only (not asked over D-Bus)");
    fputs("\nURL                                                PROXY"
          "                          NO_PROXY MATCH\n",
          out);
    for (i = 0; i < v->n_urls; i++) {
        const struct report_proxy_url *u = &v->urls[i];

        put_esc_pad(out, u->url, 50);
        fputc(' ', out);
        put_esc_pad(out, u->proxy ? u->proxy : "direct", 30);
        fputc(' ', out);
        put_esc_pad(out, u->no_proxy_match[0] ? u->no_proxy_match : "-", 0);
        fputc('\n', out);
    }
    if (v->n_warnings > 0)
        fputs("\nWARNINGS\n", out);
    for (i = 0; i < v->n_warnings; i++) {
        fputs("- ", out);
        put_esc_pad(out, v->warnings[i].detail, 0);
        fputc('\n', out);
    }
    return fflush(out) != 0 || ferror(out) ? NC_EIO : 0;
}

/* A JSON string of s; each byte that is not UTF-8 becomes "\xHH" (the
 * escaper's notation, as in the run report) instead of failing the
 * whole report. NULL when out of memory. */
static json_t *jstr(const char *s)
{
    char *clean = nc_esc_dup(s, NC_ESC_UTF8);
    json_t *j;

    if (clean == NULL)
        return NULL;
    j = json_string_nocheck(clean);
    nc_free(clean);
    return j;
}

static json_t *str_or_null(const char *s)
{
    return s != NULL ? jstr(s) : json_null();
}

static json_t *proxy_json_sets(const struct report_proxy_source *s)
{
    json_t *o = json_object();
    size_t i;

    for (i = 0; o != NULL && i < s->n_sets; i++) {
        char *key = nc_esc_dup(s->sets[i].var, NC_ESC_UTF8);
        int bad = key == NULL ||
                  json_object_set_new(o, key, jstr(s->sets[i].value)) != 0;

        nc_free(key);
        if (bad) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

static json_t *proxy_json_sources(const struct report_proxy_view *v)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; arr != NULL && i < v->n_sources; i++) {
        const struct report_proxy_source *s = &v->sources[i];
        json_t *o = json_pack("{s:o, s:o, s:b, s:b, s:o}", "name",
                              jstr(s->name), "path", jstr(s->path), "in_force",
                              s->in_force, "seen_by_services", s->service_sees,
                              "sets", proxy_json_sets(s));

        if (o == NULL || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *proxy_json_urls(const struct report_proxy_view *v)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; arr != NULL && i < v->n_urls; i++) {
        const struct report_proxy_url *u = &v->urls[i];
        json_t *o = json_pack(
            "{s:o, s:o, s:o}", "url", jstr(u->url), "proxy",
            str_or_null(u->proxy), "no_proxy_match",
            str_or_null(u->no_proxy_match[0] ? u->no_proxy_match : NULL));

        if (o == NULL || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* [{"code"?, "detail"}], as run's "warnings". */
static json_t *proxy_json_warnings(const struct report_proxy_view *v)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; arr != NULL && i < v->n_warnings; i++) {
        const struct report_proxy_warning *w = &v->warnings[i];
        json_t *o = w->code != NULL
                        ? json_pack("{s:s, s:o}", "code", w->code, "detail",
                                    jstr(w->detail))
                        : json_pack("{s:o}", "detail", jstr(w->detail));

        if (o == NULL || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static int proxy_json_write(FILE *out, const struct report_proxy_view *v)
{
    json_t *root;
    int r;

    /* json_pack takes every "o" value, also when it fails. */
    root = json_pack("{s:i, s:s, s:o, s:o, s:{s:s, s:o, s:o, s:o}, s:o, s:o}",
                     "schema", NC_JSON_SCHEMA, "version", NC_VERSION, "sources",
                     proxy_json_sources(v), "systemd", str_or_null(v->systemd),
                     "in_force", "source", proxy_source_name(v->source), "http",
                     str_or_null(v->http), "https", str_or_null(v->https),
                     "no_proxy", str_or_null(v->no_proxy), "urls",
                     proxy_json_urls(v), "warnings", proxy_json_warnings(v));
    if (root == NULL)
        return NC_ENOMEM;
    r = report_json_dump(out, root, JSON_INDENT(2));
    json_decref(root);
    if (r == 0 && (fflush(out) != 0 || ferror(out)))
        r = NC_EIO;
    return r;
}

int report_proxy_write(enum nc_format fmt, FILE *out,
                       const struct report_proxy_view *v)
{
    switch (fmt) {
    case NC_FORMAT_TEXT:
        return proxy_text_write(out, v);
    case NC_FORMAT_JSON:
        return proxy_json_write(out, v);
    default:
        return NC_EINVAL;
    }
}
