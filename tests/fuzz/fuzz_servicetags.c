/* servicetags_parse_buf: a rejected document leaves no index and a
 * printable message naming the source; an accepted one answers lookups
 * and contains exactly as a brute-force scan of its prefixes does (longest
 * prefix; then regional, with a system service, by name, by file order),
 * for the first and last address of every prefix and their neighbours. */
#include <stdbool.h>
#include <string.h>

#include <jansson.h>

#include "cidr.h"
#include "fuzz.h"
#include "nc.h"
#include "servicetags.h"

#define ST_SOURCE     "fuzz.json"
#define ST_PAIRS_MAX  256u /* brute force: check small inputs only */
#define ST_PROBES_MAX 256u

struct pair {
    const char *name, *region, *service;
    size_t value;
    struct nc_cidr c;
};

struct model {
    struct pair pairs[ST_PAIRS_MAX];
    size_t n;
    struct nc_addr probes[ST_PROBES_MAX];
    size_t n_probes;
};

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int ci_cmp(const char *a, const char *b)
{
    while (*a != '\0' && lower((unsigned char)*a) == lower((unsigned char)*b)) {
        a++;
        b++;
    }
    return lower((unsigned char)*a) - lower((unsigned char)*b);
}

static bool printable(const char *s)
{
    for (; *s != '\0'; s++) {
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            return false;
    }
    return true;
}

/* Does p come before q for an address both hold? */
static bool better(const struct pair *p, const struct pair *q)
{
    int rp = p->region[0] != '\0', rq = q->region[0] != '\0';
    int sp = p->service[0] != '\0', sq = q->service[0] != '\0';
    int c;

    if (p->c.prefix != q->c.prefix)
        return p->c.prefix > q->c.prefix;
    if (rp != rq)
        return rp > rq;
    if (sp != sq)
        return sp > sq;
    c = ci_cmp(p->name, q->name);
    if (c != 0)
        return c < 0;
    return p->value < q->value;
}

static bool matches(const char *tag, const char *name)
{
    size_t n = strlen(name), i;

    if (strlen(tag) < n || (tag[n] != '\0' && tag[n] != '.'))
        return false;
    for (i = 0; i < n; i++) {
        if (lower((unsigned char)tag[i]) != lower((unsigned char)name[i]))
            return false;
    }
    return n > 0;
}

static void add_probe(struct model *m, const struct nc_addr *a)
{
    if (m->n_probes < ST_PROBES_MAX)
        m->probes[m->n_probes++] = *a;
}

/* a + 1 (wrapping), or a - 1 when up is false. */
static struct nc_addr step(const struct nc_addr *a, bool up)
{
    struct nc_addr b = *a;
    int i = a->family == 4 ? 3 : 15;

    for (; i >= 0; i--) {
        if (up ? ++b.bytes[i] != 0 : b.bytes[i]-- != 0)
            break;
    }
    return b;
}

static void add_probes(struct model *m, const struct nc_cidr *c)
{
    struct nc_addr last = c->base;
    unsigned bits = c->base.family == 4 ? 32u : 128u, i;

    for (i = c->prefix; i < bits; i++)
        last.bytes[i / 8] |= (unsigned char)(0x80u >> (i % 8));
    add_probe(m, &c->base);
    add_probe(m, &last);
    last = step(&last, true);
    add_probe(m, &last);
    last = step(&c->base, false);
    add_probe(m, &last);
}

/* The accepted document again, through jansson: every (tag, prefix). */
static bool model_build(struct model *m, const json_t *root)
{
    const json_t *values = json_object_get(root, "values");
    size_t i, j;

    for (i = 0; i < json_array_size(values); i++) {
        const json_t *v = json_array_get(values, i);
        const json_t *props = json_object_get(v, "properties");
        const json_t *prefixes = json_object_get(props, "addressPrefixes");
        const json_t *region = json_object_get(props, "region");
        const json_t *service = json_object_get(props, "systemService");

        for (j = 0; j < json_array_size(prefixes); j++) {
            struct pair *p;

            if (m->n == ST_PAIRS_MAX)
                return false;
            p = &m->pairs[m->n++];
            p->name = json_string_value(json_object_get(v, "name"));
            p->region = region != NULL ? json_string_value(region) : "";
            p->service = service != NULL ? json_string_value(service) : "";
            p->value = i;
            FUZZ_CHECK(p->name != NULL && p->region != NULL &&
                       p->service != NULL);
            FUZZ_CHECK(
                nc_cidr_parse(json_string_value(json_array_get(prefixes, j)),
                              &p->c) == 0);
            add_probes(m, &p->c);
        }
    }
    return true;
}

/* holders: the pairs whose prefix holds a. */
static void check_name(const struct pair *const *holders, size_t n,
                       const struct servicetags *st, const struct nc_addr *a,
                       const char *name)
{
    bool in = false;
    size_t k;

    for (k = 0; k < n && !in; k++)
        in = matches(holders[k]->name, name);
    FUZZ_CHECK(servicetags_contains(st, name, a) == in);
    FUZZ_CHECK(servicetags_known(st, name));
}

static void check_probe(const struct model *m, const struct servicetags *st,
                        const struct nc_addr *a)
{
    const struct servicetag *t = servicetags_lookup(st, a);
    const struct pair *holders[ST_PAIRS_MAX];
    const struct pair *best = NULL;
    size_t i, n = 0;

    for (i = 0; i < m->n; i++) {
        const struct pair *p = &m->pairs[i];

        if (!nc_cidr_contains(&p->c, a))
            continue;
        holders[n++] = p;
        if (best == NULL || better(p, best))
            best = p;
    }
    if (best == NULL) {
        FUZZ_CHECK(t == NULL);
    } else {
        FUZZ_CHECK(t != NULL);
        FUZZ_CHECK(strcmp(t->name, best->name) == 0);
        FUZZ_CHECK(strcmp(t->region, best->region) == 0);
        FUZZ_CHECK(strcmp(t->system_service, best->service) == 0);
    }
    /* A name (or its base) holds a when one of a's holders answers to it. */
    for (i = 0; i < m->n; i++) {
        const char *name = m->pairs[i].name, *dot = strchr(name, '.');
        char base[NC_ST_MAX_STRING + 1];

        /* A tag's prefixes are adjacent: its name once is enough. */
        if (i > 0 && m->pairs[i - 1].value == m->pairs[i].value)
            continue;
        check_name(holders, n, st, a, name);
        if (dot != NULL) {
            memcpy(base, name, (size_t)(dot - name));
            base[dot - name] = '\0';
            check_name(holders, n, st, a, base);
        }
    }
}

static void check_index(const struct servicetags *st, const uint8_t *data,
                        size_t size)
{
    json_t *root = json_loadb((const char *)data, size, 0, NULL);
    struct model *m = nc_calloc(1, sizeof(*m));
    size_t tags, prefixes, i;

    FUZZ_CHECK(root != NULL && m != NULL);
    servicetags_counts(st, &tags, &prefixes);
    FUZZ_CHECK(tags == json_array_size(json_object_get(root, "values")));
    FUZZ_CHECK(tags <= NC_ST_MAX_TAGS && prefixes <= NC_ST_MAX_PREFIXES);
    FUZZ_CHECK(printable(servicetags_cloud(st)));
    if (model_build(m, root)) {
        FUZZ_CHECK(prefixes <= m->n);
        for (i = 0; i < m->n_probes; i++)
            check_probe(m, st, &m->probes[i]);
    }
    FUZZ_CHECK(!servicetags_known(st, ""));
    json_decref(root);
    nc_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct servicetags *st = NULL;
    struct nc_diag diag;
    int r;

    memset(&diag, 0, sizeof(diag));
    r = servicetags_parse_buf((const char *)data, size, ST_SOURCE, &st, &diag);
    if (r != 0) {
        FUZZ_CHECK(st == NULL);
        FUZZ_CHECK(r == NC_EPARSE || r == NC_ELIMIT);
        FUZZ_CHECK(strcmp(diag.file, ST_SOURCE) == 0);
        FUZZ_CHECK(diag.msg[0] != '\0' && printable(diag.msg));
        return 0;
    }
    check_index(st, data, size);
    servicetags_free(st);
    return 0;
}
