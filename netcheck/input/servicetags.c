/* Azure service tags: the JSON document is checked, copied into a compact
 * index and dropped. Strings live once in one pool (regions and system
 * services are shared by many tags).
 *
 * The index: CIDR prefixes are either nested or disjoint, so the distinct
 * prefixes of a family form a forest. They are kept in one array sorted by
 * (network, length), which is the forest's preorder, each with a link to
 * its parent (the closest enclosing prefix) and the tags holding it, most
 * preferred first. The innermost prefix holding an address is an ancestor
 * of (or is) the last prefix starting at or below it: one binary search,
 * then a walk up at most 32 or 128 links, in practice a handful. */
#include "servicetags.h"
#include "servicetags_int.h"

#include "nc.h"
#include "file.h"

#include <stdint.h>
#include <string.h>

#include <jansson.h>

UNITTEST int servicetags_parse_buf(const char *buf, size_t len,
                                   const char *source, struct servicetags **out,
                                   struct nc_diag *diag);

#define ST_SOURCE_DEFAULT "service tags"

/* Printable ASCII without spaces: safe to quote in a message. */
static bool st_word_ok(const char *s)
{
    for (; *s != '\0'; s++) {
        if ((unsigned char)*s <= 0x20 || (unsigned char)*s > 0x7e)
            return false;
    }
    return true;
}

/* ---- pass 2: copy ------------------------------------------------------- */

static size_t st_hash(const char *s, size_t len)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return (size_t)h;
}

/* s (len bytes) in the pool, copied once: equal strings share storage.
 * pass 1 sized the pool for every string, so it never moves. */
static const char *st_intern(struct st_parse *p, char *pool, const char *s,
                             size_t len)
{
    size_t mask = p->intern_cap - 1;
    size_t slot = st_hash(s, len) & mask;
    char *d;

    while (p->intern[slot] != 0) {
        const char *q = pool + p->intern[slot] - 1;

        if (strncmp(q, s, len) == 0 && q[len] == '\0')
            return q;
        slot = (slot + 1) & mask;
    }
    d = pool + p->pool_len;
    memcpy(d, s, len);
    d[len] = '\0';
    p->intern[slot] = p->pool_len + 1;
    p->pool_len += len + 1;
    return d;
}

static const char *st_intern_member(struct st_parse *p, char *pool,
                                    const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);

    if (v == NULL)
        return st_intern(p, pool, "", 0);
    return st_intern(p, pool, json_string_value(v), json_string_length(v));
}

static int st_add_prefixes(struct st_parse *p, const json_t *prefixes,
                           const char *tag, size_t tag_index)
{
    size_t j, n = json_array_size(prefixes);

    for (j = 0; j < n; j++) {
        const json_t *v = json_array_get(prefixes, j);
        struct st_entry *e = &p->entries[p->n_entries];
        char why[128];
        struct nc_cidr c;
        const char *s;

        if (!json_is_string(v))
            return st_fail(p, NC_EPARSE,
                           "tag '%s': addressPrefixes[%zu] is not a string",
                           tag, j);
        s = json_string_value(v);
        if (nc_cidr_parse_why(s, &c, why, sizeof(why)) != 0) {
            if (strlen(s) <= 64 && st_word_ok(s))
                return st_fail(p, NC_EPARSE,
                               "tag '%s': bad address prefix '%s': %s", tag, s,
                               why);
            return st_fail(p, NC_EPARSE,
                           "tag '%s': bad address prefix (addressPrefixes[%zu])"
                           ": %s",
                           tag, j, why);
        }
        st_key(&c.base, &e->hi, &e->lo);
        e->tag = (uint32_t)tag_index;
        e->family = c.base.family == 4 ? 0 : 1;
        e->len = (uint8_t)c.prefix;
        p->n_entries++;
    }
    return 0;
}

static int st_copy(struct st_parse *p, struct servicetags *st,
                   const json_t *root, const json_t *values)
{
    const json_t *v = json_object_get(root, "cloud");
    size_t i;
    int r;

    st->cloud = v != NULL ? st_intern(p, st->pool, json_string_value(v),
                                      json_string_length(v))
                          : st_intern(p, st->pool, "", 0);
    v = json_object_get(root, "changeNumber");
    st->change = v != NULL ? (long long)json_integer_value(v) : 0;
    for (i = 0; i < st->n_tags; i++) {
        const json_t *val = json_array_get(values, i);
        const json_t *props = json_object_get(val, "properties");
        struct st_tag *t = &st->tags[i];

        t->pub.name = st_intern_member(p, st->pool, val, "name");
        t->pub.region = st_intern_member(p, st->pool, props, "region");
        t->pub.system_service =
            st_intern_member(p, st->pool, props, "systemService");
        t->name_len = strlen(t->pub.name);
        t->value = i;
        r = st_add_prefixes(p, json_object_get(props, "addressPrefixes"),
                            t->pub.name, i);
        if (r != 0)
            return r;
    }
    return 0;
}

/* ---- public ------------------------------------------------------------- */

void servicetags_free(struct servicetags *st)
{
    if (st == NULL)
        return;
    nc_free(st->tags);
    nc_free(st->by_name);
    nc_free(st->nodes);
    nc_free(st->node_tags);
    nc_free(st->pool);
    nc_free(st);
}

static int st_build(struct st_parse *p, const json_t *root,
                    struct servicetags **out)
{
    struct servicetags *st = NULL;
    const json_t *values = NULL;
    size_t cap = 16;
    int r;

    r = st_check_root(p, root, &values);
    if (r != 0)
        goto out;
    st = nc_calloc(1, sizeof(*st));
    if (st == NULL) {
        r = st_oom(p);
        goto out;
    }
    st->n_tags = json_array_size(values);
    while (cap < 2 * (3 * st->n_tags + 1))
        cap *= 2;
    p->intern_cap = cap;
    p->intern = nc_calloc(cap, sizeof(*p->intern));
    st->tags = nc_calloc(st->n_tags, sizeof(*st->tags));
    p->entries = nc_calloc(p->n_prefixes, sizeof(*p->entries));
    st->pool = nc_malloc(p->pool_need);
    if (p->intern == NULL || st->tags == NULL || p->entries == NULL ||
        st->pool == NULL) {
        r = st_oom(p);
        goto out;
    }
    r = st_copy(p, st, root, values);
    if (r == 0)
        r = st_index(p, st);
    if (r != 0)
        goto out;
    *out = st;
    st = NULL;
out:
    nc_free(p->intern);
    p->intern = NULL;
    nc_free(p->entries);
    p->entries = NULL;
    servicetags_free(st);
    return r;
}

UNITTEST int servicetags_parse_buf(const char *buf, size_t len,
                                   const char *source, struct servicetags **out,
                                   struct nc_diag *diag)
{
    struct st_parse p;
    json_error_t err;
    json_t *root;
    int r;

    memset(&p, 0, sizeof(p));
    p.source = source != NULL ? source : ST_SOURCE_DEFAULT;
    p.diag = diag;
    if (out == NULL || (buf == NULL && len > 0))
        return st_fail(&p, NC_EINVAL, "no input");
    if (len > NC_ST_MAX_BYTES)
        return st_fail(&p, NC_ELIMIT, "file larger than %u bytes",
                       NC_ST_MAX_BYTES);
    /* jansson sets only text[0] before an early allocation failure, and
     * json_error_code() reads the last byte: make it defined. */
    memset(&err, 0, sizeof(err));
    root =
        json_loadb(buf != NULL ? buf : "", len, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL) {
        /* jansson leaves the error empty when an allocation fails early. */
        if (json_error_code(&err) == json_error_out_of_memory ||
            err.text[0] == '\0')
            return st_oom(&p);
        r = st_fail(&p, NC_EPARSE, "invalid JSON: %s", err.text);
        if (diag != NULL) {
            char *c;

            /* jansson quotes the input near the error: keep it printable. */
            for (c = diag->msg; *c != '\0'; c++) {
                if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e)
                    *c = '?';
            }
            diag->line = err.line > 0 ? (unsigned)err.line : 0;
            diag->col = err.column > 0 ? (unsigned)err.column : 0;
        }
        return r;
    }
    r = st_build(&p, root, out);
    json_decref(root);
    return r;
}

int servicetags_load_file(const char *path, struct servicetags **out,
                          struct nc_diag *diag)
{
    char *buf = NULL;
    size_t len = 0;
    int r;

    if (path == NULL || out == NULL)
        return NC_EINVAL;
    r = nc_file_read(path, NC_ST_MAX_BYTES, &buf, &len, diag);
    if (r == 0)
        r = servicetags_parse_buf(buf, len, path, out, diag);
    nc_free(buf);
    return r;
}
