/* Service tags' private parts, shared by its files: servicetags.c loads
 * (pass 2 copies, then builds), servicetags_shape.c checks the document
 * (pass 1), servicetags_index.c indexes the prefixes and looks them up,
 * servicetags_diag.c words the errors. */
#ifndef NC_SERVICETAGS_INT_H
#define NC_SERVICETAGS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nc.h"
#include "servicetags.h"

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

/*! Set p's diagnostic (when it has one) and return err. */
int st_fail(struct st_parse *p, int err, const char *fmt, ...) NC_PRINTF(3, 4);

/*! st_fail for NC_ENOMEM. */
int st_oom(struct st_parse *p);

/*! Pass 1: the document's shape, types, limits and sizes (counts in p);
 *  sets *values to the "values" array.  \return 0 or an NC_E* error */
int st_check_root(struct st_parse *p, const json_t *root,
                  const json_t **values);

/*! An address as the index's 128-bit key (IPv4 in the top 32 bits). */
void st_key(const struct nc_addr *a, uint64_t *hi, uint64_t *lo);

/*! Sort the tags by preference and p's entries into st's prefix forest.
 *  \return 0 or an NC_E* error (a duplicate tag, out of memory) */
int st_index(struct st_parse *p, struct servicetags *st);

#endif
