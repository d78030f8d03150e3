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

#include "nc.h"
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "str.h"

UNITTEST int servicetags_parse_buf(const char *buf, size_t len,
                                   const char *source, struct servicetags **out,
                                   struct nc_diag *diag);

#define ST_SOURCE_DEFAULT "service tags"
#define ST_READ_CHUNK     (64u * 1024u)

struct st_tag {
    struct servicetag pub;
    size_t name_len;
    size_t value; /* index in "values", for messages and stable order */
};

/* One prefix of one tag, while loading. The network is a 128-bit key,
 * most significant bits first (an IPv4 network fills the top 32 bits of
 * hi); tag indexes servicetags.tags, which are in preference order. */
struct st_entry {
    uint64_t hi, lo;
    uint32_t tag;
    uint8_t family; /* 0 IPv4, 1 IPv6 */
    uint8_t len;
};

/* One distinct prefix: held by tags[first .. first + ntags) of
 * servicetags.node_tags; parent is the closest enclosing prefix. */
struct st_node {
    uint64_t hi, lo;
    uint32_t parent; /* ST_NONE at a root */
    uint32_t first, ntags;
    uint8_t len;
};

#define ST_NONE UINT32_MAX

struct servicetags {
    struct st_tag *tags; /* most preferred first (st_tag_cmp) */
    size_t n_tags;
    const struct st_tag **by_name; /* case-insensitive name order */
    struct st_node *nodes;         /* IPv4 then IPv6, each in preorder */
    size_t n_nodes, v6_start;
    uint32_t *node_tags;
    size_t n_prefixes; /* (tag, prefix) pairs, repeats dropped */
    char *pool;
    const char *cloud;
    long long change;
};

/* Loader state: pass 1 checks and counts, pass 2 copies. */
struct st_parse {
    const char *source;
    struct nc_diag *diag;
    size_t n_prefixes;
    struct st_entry *entries;
    size_t n_entries;
    size_t pool_need;
    size_t pool_len;
    size_t *intern; /* pool offset + 1 per slot, 0 when free */
    size_t intern_cap;
};

static size_t st_limit_tags = NC_ST_MAX_TAGS;
static size_t st_limit_prefixes = NC_ST_MAX_PREFIXES;

#ifdef NETCHECK_UNITTESTS
void servicetags_test_limits(size_t max_tags, size_t max_prefixes)
{
    st_limit_tags = max_tags != 0 ? max_tags : NC_ST_MAX_TAGS;
    st_limit_prefixes = max_prefixes != 0 ? max_prefixes : NC_ST_MAX_PREFIXES;
}
#endif

static int st_fail(struct st_parse *p, int err, const char *fmt, ...)
    NC_PRINTF(3, 4);

static int st_fail(struct st_parse *p, int err, const char *fmt, ...)
{
    va_list ap;

    if (p->diag == NULL)
        return err;
    nc_diag_set(p->diag, p->source, 0, "%s", "");
    va_start(ap, fmt);
    (void)vsnprintf(p->diag->msg, sizeof(p->diag->msg), fmt, ap);
    va_end(ap);
    return err;
}

static int st_oom(struct st_parse *p)
{
    return st_fail(p, NC_ENOMEM, "out of memory");
}

/* Does tag t answer to name: the tag itself, or name is its base
 * ("Storage" for "Storage.WestEurope")? */
static bool st_tag_matches(const struct st_tag *t, const char *name, size_t len)
{
    if (t->name_len < len || (t->name_len > len && t->pub.name[len] != '.'))
        return false;
    return nc_mem_caseeq(t->pub.name, name, len);
}

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

/* Printable ASCII without spaces: safe to quote in a message. */
static bool st_word_ok(const char *s)
{
    for (; *s != '\0'; s++) {
        if ((unsigned char)*s <= 0x20 || (unsigned char)*s > 0x7e)
            return false;
    }
    return true;
}

/* ---- pass 1: shape, types, limits and sizes ---------------------------- */

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

/* The top level; sets *values. */
static int st_check_root(struct st_parse *p, const json_t *root,
                         const json_t **values)
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

static void st_key(const struct nc_addr *a, uint64_t *hi, uint64_t *lo)
{
    uint64_t h = 0, l = 0;
    unsigned i;

    if (a->family == 4) {
        for (i = 0; i < 4; i++)
            h = h << 8 | a->bytes[i];
        h <<= 32;
    } else {
        for (i = 0; i < 8; i++) {
            h = h << 8 | a->bytes[i];
            l = l << 8 | a->bytes[8 + i];
        }
    }
    *hi = h;
    *lo = l;
}

/* The top len bits of a 128-bit key. */
static void st_mask(unsigned len, uint64_t *mhi, uint64_t *mlo)
{
    *mhi = len == 0 ? 0 : len >= 64 ? UINT64_MAX : UINT64_MAX << (64 - len);
    *mlo = len <= 64 ? 0 : len >= 128 ? UINT64_MAX : UINT64_MAX << (128 - len);
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

/* ---- index -------------------------------------------------------------- */

/* Preference among tags holding the same prefix: regional before global,
 * then one naming a system service, then by name (then file order). */
static int st_tag_cmp(const void *pa, const void *pb)
{
    const struct st_tag *a = pa, *b = pb;
    int ra = a->pub.region[0] != '\0', rb = b->pub.region[0] != '\0';
    int sa = a->pub.system_service[0] != '\0';
    int sb = b->pub.system_service[0] != '\0';
    int c;

    if (ra != rb)
        return rb - ra;
    if (sa != sb)
        return sb - sa;
    c = nc_strcasecmp(a->pub.name, b->pub.name);
    if (c != 0)
        return c;
    return a->value < b->value ? -1 : a->value > b->value;
}

/* Names that differ only in case (a duplicate, refused) sort in file
 * order: qsort is not stable everywhere (Windows' is not), and the
 * message names the later one. */
static int st_name_cmp(const void *pa, const void *pb)
{
    const struct st_tag *const *a = pa, *const *b = pb;
    int c = nc_strcasecmp((*a)->pub.name, (*b)->pub.name);

    if (c != 0)
        return c;
    return (*a)->value < (*b)->value ? -1 : (*a)->value > (*b)->value;
}

static int st_entry_cmp(const void *pa, const void *pb)
{
    const struct st_entry *a = pa, *b = pb;

    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    if (a->hi != b->hi)
        return a->hi < b->hi ? -1 : 1;
    if (a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    if (a->tag != b->tag)
        return a->tag < b->tag ? -1 : 1;
    return 0;
}

static bool st_same_key(const struct st_entry *a, const struct st_entry *b)
{
    return a->family == b->family && a->len == b->len && a->hi == b->hi &&
           a->lo == b->lo;
}

/* Does node n (a prefix) hold the network (hi, lo)? */
static bool st_node_holds(const struct st_node *n, uint64_t hi, uint64_t lo)
{
    uint64_t mhi, mlo;

    st_mask(n->len, &mhi, &mlo);
    return (hi & mhi) == n->hi && (lo & mlo) == n->lo;
}

/* Sorted entries -> nodes (one per distinct prefix) with parent links. */
static int st_forest(struct st_parse *p, struct servicetags *st)
{
    uint32_t stack[130];
    size_t depth = 0, i;
    int family = -1;

    st->nodes = nc_calloc(p->n_entries, sizeof(*st->nodes));
    st->node_tags = nc_calloc(p->n_entries, sizeof(*st->node_tags));
    if (st->nodes == NULL || st->node_tags == NULL)
        return st_oom(p);
    st->v6_start = 0;
    for (i = 0; i < p->n_entries; i++) {
        const struct st_entry *e = &p->entries[i];
        struct st_node *n = &st->nodes[st->n_nodes];

        if (i > 0 && st_same_key(&p->entries[i - 1], e)) {
            /* Another tag on the same prefix; a tag listing it twice
             * holds it once. */
            if (p->entries[i - 1].tag != e->tag)
                st->node_tags[st->n_prefixes++] = e->tag;
            st->nodes[st->n_nodes - 1].ntags =
                (uint32_t)(st->n_prefixes - st->nodes[st->n_nodes - 1].first);
            continue;
        }
        if (e->family != family) {
            family = e->family;
            depth = 0;
            if (family == 1)
                st->v6_start = st->n_nodes;
        }
        n->hi = e->hi;
        n->lo = e->lo;
        n->len = e->len;
        n->first = (uint32_t)st->n_prefixes;
        n->ntags = 1;
        st->node_tags[st->n_prefixes++] = e->tag;
        /* Preorder: the open prefixes on the stack enclose one another. */
        while (depth > 0 &&
               !st_node_holds(&st->nodes[stack[depth - 1]], n->hi, n->lo))
            depth--;
        n->parent = depth > 0 ? stack[depth - 1] : ST_NONE;
        stack[depth++] = (uint32_t)st->n_nodes;
        st->n_nodes++;
    }
    if (family == 0)
        st->v6_start = st->n_nodes;
    return 0;
}

static int st_index(struct st_parse *p, struct servicetags *st)
{
    size_t *rank = NULL;
    size_t i;
    int r = 0;

    /* Tags in preference order; entries follow them by rank. */
    rank = nc_calloc(st->n_tags, sizeof(*rank));
    st->by_name = nc_calloc(st->n_tags, sizeof(const struct st_tag *));
    if (rank == NULL || st->by_name == NULL) {
        r = st_oom(p);
        goto out;
    }
    if (st->n_tags > 1)
        qsort(st->tags, st->n_tags, sizeof(*st->tags), st_tag_cmp);
    for (i = 0; i < st->n_tags; i++) {
        rank[st->tags[i].value] = i;
        st->by_name[i] = &st->tags[i];
    }
    if (st->n_tags > 1)
        qsort(st->by_name, st->n_tags, sizeof(const struct st_tag *),
              st_name_cmp);
    for (i = 1; i < st->n_tags; i++) {
        const struct st_tag *a = st->by_name[i - 1], *b = st->by_name[i];

        if (nc_strcasecmp(a->pub.name, b->pub.name) == 0) {
            r = st_fail(p, NC_EPARSE,
                        "duplicate tag '%s' (values[%zu] and values[%zu])",
                        b->pub.name, a->value < b->value ? a->value : b->value,
                        a->value < b->value ? b->value : a->value);
            goto out;
        }
    }
    for (i = 0; i < p->n_entries; i++)
        p->entries[i].tag = (uint32_t)rank[p->entries[i].tag];
    if (p->n_entries > 1)
        qsort(p->entries, p->n_entries, sizeof(*p->entries), st_entry_cmp);
    r = st_forest(p, st);
out:
    nc_free(rank);
    return r;
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

/* The innermost prefix holding a, or ST_NONE. */
static uint32_t st_innermost(const struct servicetags *st,
                             const struct nc_addr *a)
{
    size_t lo_i, hi_i;
    uint64_t hi, lo;
    uint32_t n;

    if (a->family == 4) {
        lo_i = 0;
        hi_i = st->v6_start;
    } else if (a->family == 6) {
        lo_i = st->v6_start;
        hi_i = st->n_nodes;
    } else {
        return ST_NONE;
    }
    st_key(a, &hi, &lo);
    /* The first node starting above a; the one before it is the last
     * starting at or below a, inside the innermost holder of a (if any). */
    while (lo_i < hi_i) {
        size_t mid = lo_i + (hi_i - lo_i) / 2;
        const struct st_node *m = &st->nodes[mid];

        if (m->hi < hi || (m->hi == hi && m->lo <= lo))
            lo_i = mid + 1;
        else
            hi_i = mid;
    }
    if (lo_i == (a->family == 4 ? 0 : st->v6_start))
        return ST_NONE;
    n = (uint32_t)(lo_i - 1);
    while (n != ST_NONE && !st_node_holds(&st->nodes[n], hi, lo))
        n = st->nodes[n].parent;
    return n;
}

const struct servicetag *servicetags_lookup(const struct servicetags *st,
                                            const struct nc_addr *a)
{
    uint32_t n;

    if (st == NULL || a == NULL)
        return NULL;
    n = st_innermost(st, a);
    if (n == ST_NONE)
        return NULL;
    /* A prefix's first tag is its most preferred. */
    return &st->tags[st->node_tags[st->nodes[n].first]].pub;
}

bool servicetags_contains(const struct servicetags *st, const char *name,
                          const struct nc_addr *a)
{
    size_t len;
    uint32_t n;

    if (st == NULL || name == NULL || a == NULL)
        return false;
    len = strlen(name);
    if (len == 0)
        return false;
    /* Every prefix holding a, innermost first, and every tag on each. */
    for (n = st_innermost(st, a); n != ST_NONE; n = st->nodes[n].parent) {
        const struct st_node *node = &st->nodes[n];
        uint32_t k;

        for (k = 0; k < node->ntags; k++) {
            if (st_tag_matches(&st->tags[st->node_tags[node->first + k]], name,
                               len))
                return true;
        }
    }
    return false;
}

bool servicetags_known(const struct servicetags *st, const char *name)
{
    size_t a = 0, b, len;

    if (st == NULL || name == NULL)
        return false;
    len = strlen(name);
    if (len == 0)
        return false;
    /* Names starting with name sort together from its lower bound. */
    b = st->n_tags;
    while (a < b) {
        size_t mid = a + (b - a) / 2;

        if (nc_strcasecmp(st->by_name[mid]->pub.name, name) < 0)
            a = mid + 1;
        else
            b = mid;
    }
    for (; a < st->n_tags; a++) {
        const struct st_tag *t = st->by_name[a];

        if (t->name_len < len || !nc_mem_caseeq(t->pub.name, name, len))
            break;
        if (st_tag_matches(t, name, len))
            return true;
    }
    return false;
}

#ifdef NETCHECK_UNITTESTS
void servicetags_counts(const struct servicetags *st, size_t *tags,
                        size_t *prefixes)
{
    if (tags != NULL)
        *tags = st != NULL ? st->n_tags : 0;
    if (prefixes != NULL)
        *prefixes = st != NULL ? st->n_prefixes : 0;
}
#endif

#ifdef NETCHECK_UNITTESTS
const char *servicetags_cloud(const struct servicetags *st)
{
    return st != NULL ? st->cloud : "";
}
#endif

#ifdef NETCHECK_UNITTESTS
long long servicetags_change_number(const struct servicetags *st)
{
    return st != NULL ? st->change : 0;
}
#endif
