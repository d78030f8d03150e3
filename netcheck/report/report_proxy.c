#include "report_proxy.h"

#include <jansson.h>
#include <string.h>

#include "nc.h"

static void proxy_text_sets(FILE *out, const struct report_proxy_source *s)
{
    size_t i;

    for (i = 0; i < s->n_sets; i++)
        fprintf(out, "%s%s=%s", i > 0 ? ", " : "", s->sets[i].var,
                s->sets[i].value);
    if (s->n_sets == 0)
        fputs("(no proxy variable)", out);
}

static int proxy_text_write(FILE *out, const struct report_proxy_view *v)
{
    size_t i;

    fputs("SOURCES (what each sets; * = in force)\n", out);
    for (i = 0; i < v->n_sources; i++) {
        const struct report_proxy_source *s = &v->sources[i];

        fprintf(out, " %s %-26s %-40s ", s->in_force ? "*" : " ", s->name,
                s->path);
        proxy_text_sets(out, s);
        if (!s->service_sees)
            fputs("  [not seen by system services]", out);
        fputc('\n', out);
    }
    fprintf(out, "\nIN FORCE: %s; http:// %s; https:// %s; NO_PROXY %s\n",
            proxy_source_name(v->source), v->http ? v->http : "direct",
            v->https ? v->https : "direct",
            v->no_proxy ? v->no_proxy : "(none)");
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

        fprintf(out, "%-50s %-30s %s\n", u->url, u->proxy ? u->proxy : "direct",
                u->no_proxy_match[0] ? u->no_proxy_match : "-");
    }
    if (v->n_warnings > 0)
        fputs("\nWARNINGS\n", out);
    for (i = 0; i < v->n_warnings; i++)
        fprintf(out, "- %s\n", v->warnings[i].detail);
    return fflush(out) != 0 || ferror(out) ? NC_EIO : 0;
}

static json_t *str_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

static json_t *proxy_json_sets(const struct report_proxy_source *s)
{
    json_t *o = json_object();
    size_t i;

    for (i = 0; o != NULL && i < s->n_sets; i++) {
        if (json_object_set_new(o, s->sets[i].var,
                                json_string(s->sets[i].value)) != 0) {
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
        json_t *o =
            json_pack("{s:s, s:s, s:b, s:b, s:o}", "name", s->name, "path",
                      s->path, "in_force", s->in_force, "seen_by_services",
                      s->service_sees, "sets", proxy_json_sets(s));

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
            "{s:s, s:o, s:o}", "url", u->url, "proxy", str_or_null(u->proxy),
            "no_proxy_match",
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
        json_t *o = w->code != NULL ? json_pack("{s:s, s:s}", "code", w->code,
                                                "detail", w->detail)
                                    : json_pack("{s:s}", "detail", w->detail);

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
    r = json_dumpf(root, out, JSON_INDENT(2)) == 0 && fputc('\n', out) != EOF
            ? 0
            : NC_EIO;
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
