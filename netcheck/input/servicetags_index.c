/* Service tags' index: the distinct prefixes of each family as a forest
 * in preorder (see servicetags.c), and the lookups over it. */
#include <stdlib.h>
#include <string.h>

#include "servicetags_int.h"
#include "str.h"

/* Does tag t answer to name: the tag itself, or name is its base
 * ("Storage" for "Storage.WestEurope")? */
static bool st_tag_matches(const struct st_tag *t, const char *name, size_t len)
{
    if (t->name_len < len || (t->name_len > len && t->pub.name[len] != '.'))
        return false;
    return nc_mem_caseeq(t->pub.name, name, len);
}

void st_key(const struct nc_addr *a, uint64_t *hi, uint64_t *lo)
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

int st_index(struct st_parse *p, struct servicetags *st)
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
