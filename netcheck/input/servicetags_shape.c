/* Service tags, pass 1: the JSON document's shape, types, limits and the
 * sizes pass 2 needs (servicetags.c), before anything is copied. */
#include <stdbool.h>
#include <stddef.h>

#include "servicetags_int.h"

static size_t st_limit_tags = NC_ST_MAX_TAGS;
static size_t st_limit_prefixes = NC_ST_MAX_PREFIXES;

#ifdef NETCHECK_UNITTESTS
void servicetags_test_limits(size_t max_tags, size_t max_prefixes)
{
    st_limit_tags = max_tags != 0 ? max_tags : NC_ST_MAX_TAGS;
    st_limit_prefixes = max_prefixes != 0 ? max_prefixes : NC_ST_MAX_PREFIXES;
}
#endif

/* Tag names go into profiles and reports: letters, digits, '.', '_', '-'. */
static bool st_name_ok(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return false;
    }
    return len > 0 && s[0] != '.';
}

/* Printable ASCII, spaces allowed (regions, system services). */
static bool st_text_ok(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
            return false;
    }
    return true;
}

/* An optional string member of properties; *out is "" when absent. */
static int st_check_text(struct st_parse *p, const json_t *props,
                         const char *key, const char *tag, size_t *len)
{
    const json_t *v = json_object_get(props, key);

    *len = 0;
    if (v == NULL)
        return 0;
    if (!json_is_string(v))
        return st_fail(p, NC_EPARSE, "tag '%s': '%s' is not a string", tag,
                       key);
    *len = json_string_length(v);
    if (*len > NC_ST_MAX_STRING)
        return st_fail(p, NC_ELIMIT, "tag '%s': '%s' longer than %u bytes", tag,
                       key, NC_ST_MAX_STRING);
    if (!st_text_ok(json_string_value(v), *len))
        return st_fail(p, NC_EPARSE,
                       "tag '%s': '%s' has a control or non-ASCII character",
                       tag, key);
    return 0;
}

static int st_check_value(struct st_parse *p, const json_t *v, size_t i)
{
    const json_t *name, *props, *prefixes;
    const char *tag;
    size_t name_len, region_len = 0, svc_len = 0;
    int r;

    if (!json_is_object(v))
        return st_fail(p, NC_EPARSE, "values[%zu] is not an object", i);
    name = json_object_get(v, "name");
    if (name == NULL)
        return st_fail(p, NC_EPARSE, "values[%zu] has no 'name'", i);
    if (!json_is_string(name))
        return st_fail(p, NC_EPARSE, "values[%zu]: 'name' is not a string", i);
    tag = json_string_value(name);
    name_len = json_string_length(name);
    if (name_len > NC_ST_MAX_STRING)
        return st_fail(p, NC_ELIMIT,
                       "values[%zu]: tag name longer than %u "
                       "bytes",
                       i, NC_ST_MAX_STRING);
    if (!st_name_ok(tag, name_len))
        return st_fail(p, NC_EPARSE,
                       "values[%zu]: bad tag name (want letters, digits, "
                       "'.', '_', '-')",
                       i);
    props = json_object_get(v, "properties");
    if (props == NULL)
        return st_fail(p, NC_EPARSE, "tag '%s' has no 'properties'", tag);
    if (!json_is_object(props))
        return st_fail(p, NC_EPARSE, "tag '%s': 'properties' is not an object",
                       tag);
    r = st_check_text(p, props, "region", tag, &region_len);
    if (r == 0)
        r = st_check_text(p, props, "systemService", tag, &svc_len);
    if (r != 0)
        return r;
    prefixes = json_object_get(props, "addressPrefixes");
    if (prefixes == NULL)
        return st_fail(p, NC_EPARSE, "tag '%s' has no 'addressPrefixes'", tag);
    if (!json_is_array(prefixes))
        return st_fail(p, NC_EPARSE,
                       "tag '%s': 'addressPrefixes' is not an array", tag);
    p->n_prefixes += json_array_size(prefixes);
    if (p->n_prefixes > st_limit_prefixes)
        return st_fail(p, NC_ELIMIT, "more than %zu address prefixes",
                       st_limit_prefixes);
    p->pool_need += name_len + region_len + svc_len + 3;
    return 0;
}

int st_check_root(struct st_parse *p, const json_t *root, const json_t **values)
{
    const json_t *v;
    size_t i, n;
    int r;

    if (!json_is_object(root))
        return st_fail(p, NC_EPARSE, "top level is not an object");
    v = json_object_get(root, "cloud");
    if (v != NULL) {
        if (!json_is_string(v))
            return st_fail(p, NC_EPARSE, "'cloud' is not a string");
        if (json_string_length(v) > NC_ST_MAX_STRING)
            return st_fail(p, NC_ELIMIT, "'cloud' longer than %u bytes",
                           NC_ST_MAX_STRING);
        if (!st_text_ok(json_string_value(v), json_string_length(v)))
            return st_fail(p, NC_EPARSE,
                           "'cloud' has a control or non-ASCII character");
        p->pool_need += json_string_length(v);
    }
    p->pool_need++;
    v = json_object_get(root, "changeNumber");
    if (v != NULL && !json_is_integer(v))
        return st_fail(p, NC_EPARSE, "'changeNumber' is not an integer");
    v = json_object_get(root, "values");
    if (v == NULL)
        return st_fail(p, NC_EPARSE, "no 'values' array");
    if (!json_is_array(v))
        return st_fail(p, NC_EPARSE, "'values' is not an array");
    n = json_array_size(v);
    if (n > st_limit_tags)
        return st_fail(p, NC_ELIMIT, "more than %zu tags", st_limit_tags);
    for (i = 0; i < n; i++) {
        r = st_check_value(p, json_array_get(v, i), i);
        if (r != 0)
            return r;
    }
    *values = v;
    return 0;
}
