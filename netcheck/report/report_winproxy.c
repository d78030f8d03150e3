#include "report_winproxy.h"
#include "report_int.h"

#include <jansson.h>
#include <string.h>

#include "esc.h"
#include "nc.h"

static void wp_text_sets(FILE *out, const struct winproxy_row *row)
{
    size_t i;

    if (row->state != WINPROXY_PRESENT) {
        fprintf(out, "(%s)", winproxy_state_name(row->state));
        return;
    }
    for (i = 0; i < row->n_sets; i++)
        fprintf(out, "%s%s=%s", i > 0 ? ", " : "", row->sets[i].var,
                row->sets[i].value);
}

static int wp_text_write(FILE *out, const struct winproxy_report *r)
{
    size_t i;

    fprintf(out, "SOURCES (from %s; * = the agent's)\n",
            r->origin && r->origin[0] ? r->origin : "the registry");
    for (i = 0; i < WINPROXY_SRC_MAX; i++) {
        const struct winproxy_row *row = &r->rows[i];

        fprintf(out, " %s %-16s ", row->used ? "*" : " ", row->name);
        wp_text_sets(out, row);
        if (!row->read_by_agent)
            fputs("  [not read by the agent]", out);
        fprintf(out, "\n      %s\n", row->where);
        if (row->note[0] != '\0')
            fprintf(out, "      %s\n", row->note);
    }
    fprintf(out, "\nAGENT: %s, %s\n  %s\n", r->rows[r->winner].name,
            winproxy_via_name(r->via), r->why);
    fprintf(out, "  proxy %s; bypass %s; PAC %s\n",
            r->proxy[0] ? r->proxy : "(none)",
            r->bypass[0] ? r->bypass : "(none)", r->pac[0] ? r->pac : "(none)");
    fputs("\nURL                                                VIA     PROXY"
          "                          BYPASS MATCH\n",
          out);
    for (i = 0; i < r->n_urls; i++) {
        const struct winproxy_url *u = &r->urls[i];

        fprintf(out, "%-50s %-7s %-30s %s\n", u->url, winproxy_via_name(u->via),
                u->proxy[0] ? u->proxy : "direct",
                u->bypass_match[0] ? u->bypass_match : "-");
        if (u->pac_answer[0] != '\0')
            fprintf(out, "    %s: %s\n",
                    r->via == WINPROXY_VIA_PAC ? "PAC file" : "WPAD",
                    u->pac_answer);
    }
    if (r->has_identity) {
        /* The account's name comes from Windows and the user from the
         * command line: escaped for the terminal. */
        fprintf(out, "\nIDENTITY: %s", proxy_id_name(r->identity.kind));
        if (r->identity.name[0] != '\0') {
            fputs(" ", out);
            (void)nc_esc_fputs(r->identity.name, out);
        }
        if (r->identity.note[0] != '\0') {
            fputs("\n  ", out);
            (void)nc_esc_fputs(r->identity.note, out);
        }
        fputc('\n', out);
    }
    if (r->n_warnings > 0)
        fputs("\nWARNINGS\n", out);
    for (i = 0; i < r->n_warnings; i++)
        fprintf(out, "- %s\n", r->warnings[i].detail);
    return fflush(out) != 0 || ferror(out) ? NC_EIO : 0;
}

static json_t *wp_str(const char *s)
{
    return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

static json_t *wp_json_sources(const struct winproxy_report *r)
{
    json_t *arr = json_array();
    size_t i, j;

    for (i = 0; arr != NULL && i < WINPROXY_SRC_MAX; i++) {
        const struct winproxy_row *row = &r->rows[i];
        json_t *sets = json_object(), *o;

        for (j = 0; sets != NULL && j < row->n_sets; j++)
            if (json_object_set_new(sets, row->sets[j].var,
                                    json_string(row->sets[j].value)) != 0) {
                json_decref(sets);
                sets = NULL;
            }
        o = json_pack("{s:s, s:s, s:s, s:b, s:b, s:o, s:o}", "name", row->name,
                      "where", row->where, "state",
                      winproxy_state_name(row->state), "used", row->used,
                      "read_by_agent", row->read_by_agent, "sets", sets, "note",
                      wp_str(row->note));
        if (o == NULL || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *wp_json_urls(const struct winproxy_report *r)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; arr != NULL && i < r->n_urls; i++) {
        const struct winproxy_url *u = &r->urls[i];
        json_t *o =
            json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "url", u->url, "via",
                      winproxy_via_name(u->via), "proxy", wp_str(u->proxy),
                      "bypass_match", wp_str(u->bypass_match), "why",
                      wp_str(u->why), "pac_answer", wp_str(u->pac_answer));

        if (o == NULL || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *wp_json_warnings(const struct winproxy_report *r)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; arr != NULL && i < r->n_warnings; i++) {
        json_t *o = json_pack("{s:s, s:s}", "code", r->warnings[i].code,
                              "detail", r->warnings[i].detail);

        if (o == NULL || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* null offline: who logs on to the proxy depends on the host. */
static json_t *wp_json_identity(const struct winproxy_report *r)
{
    const struct nc_proxy_identity *id = &r->identity;

    if (!r->has_identity)
        return json_null();
    return json_pack("{s:s, s:o, s:o}", "kind", proxy_id_name(id->kind), "name",
                     id->name[0] ? report_json_string(id->name) : json_null(),
                     "note",
                     id->note[0] ? report_json_string(id->note) : json_null());
}

static int wp_json_write(FILE *out, const struct winproxy_report *r)
{
    json_t *root;
    int rc;

    /* json_pack takes every "o" value, also when it fails. */
    root = json_pack(
        "{s:i, s:s, s:o, s:o, s:{s:s, s:s, s:s, s:o, s:o, s:o}, s:o, s:o, "
        "s:o}",
        "schema", NC_JSON_SCHEMA, "version", NC_VERSION, "registry",
        wp_str(r->origin), "sources", wp_json_sources(r), "agent", "source",
        r->rows[r->winner].name, "via", winproxy_via_name(r->via), "why",
        r->why, "proxy", wp_str(r->proxy), "bypass", wp_str(r->bypass), "pac",
        wp_str(r->pac), "urls", wp_json_urls(r), "warnings",
        wp_json_warnings(r), "identity", wp_json_identity(r));
    if (root == NULL)
        return NC_ENOMEM;
    rc = report_json_dump(out, root, JSON_INDENT(2));
    json_decref(root);
    if (rc == 0 && (fflush(out) != 0 || ferror(out)))
        rc = NC_EIO;
    return rc;
}

int report_winproxy_write(enum nc_format fmt, FILE *out,
                          const struct winproxy_report *r)
{
    switch (fmt) {
    case NC_FORMAT_TEXT:
        return wp_text_write(out, r);
    case NC_FORMAT_JSON:
        return wp_json_write(out, r);
    default:
        return NC_EINVAL;
    }
}
