/* Azure service tags (ServiceTags_Public_YYYYMMDD.json): loaded once,
 * indexed, and asked for the most specific tag holding an address. The
 * lookup cost does not grow with the file (a sorted table per prefix length,
 * or a radix tree). Pure data after loading: the loader reads the file. */
#ifndef NC_SERVICETAGS_H
#define NC_SERVICETAGS_H

#include <stdbool.h>
#include <stddef.h>

#include "cidr.h"
#include "nc.h"

/* Ceilings on what a file may hold (the public file: ~3,000 tags, ~150,000
 * prefixes, ~5 MB); beyond them parsing fails with NC_ELIMIT. */
#define NC_ST_MAX_BYTES    (64u * 1024u * 1024u)
#define NC_ST_MAX_TAGS     20000u
#define NC_ST_MAX_PREFIXES 1000000u
#define NC_ST_MAX_STRING   128u /* bytes in a name, region or systemService */

struct servicetags;

struct servicetag {
    const char *name;           /* "Storage.WestEurope" */
    const char *region;         /* "westeurope", "" for global tags */
    const char *system_service; /* "AzureStorage", may be "" */
};

/*! Read path and call servicetags_parse_buf. */
int servicetags_load_file(const char *path, struct servicetags **out,
                          struct nc_diag *diag);

void servicetags_free(struct servicetags *st);

/*! The most specific (longest prefix) tag holding a; on equal prefixes the
 *  regional tag beats the global one (then one naming a systemService, then
 *  the first name in ASCII case-insensitive order).
 *  \return the tag, or NULL; it lives as long as st */
const struct servicetag *servicetags_lookup(const struct servicetags *st,
                                            const struct nc_addr *a);

/*! Does tag name (e.g. "AzureActiveDirectory", or a regional
 *  "Storage.WestEurope") hold a? A base name also matches its regional
 *  tags' prefixes. Names compare ASCII case-insensitively. */
bool servicetags_contains(const struct servicetags *st, const char *name,
                          const struct nc_addr *a);

/*! Is name a tag (or a base name of tags) in the file? Case-insensitive;
 *  a file naming two tags alike (in any case) is rejected. */
bool servicetags_known(const struct servicetags *st, const char *name);

#ifdef NETCHECK_UNITTESTS
/*! The file's top-level "changeNumber" (0 when absent). */
long long servicetags_change_number(const struct servicetags *st);

/*! Test hook: lower the tag and prefix ceilings; 0 restores a default. */
void servicetags_test_limits(size_t max_tags, size_t max_prefixes);
#endif

#ifdef NETCHECK_UNITTESTS
/*! Parse a service tags JSON document held in buf (jansson). Unknown keys
 *  are skipped; duplicate keys and duplicate tag names are rejected.
 *  \return 0 and *out, or NC_EPARSE (diag names the source and what is
 *  wrong: bad JSON with line/column, a bad prefix with the tag's name),
 *  NC_ENOMEM, NC_ELIMIT */
int servicetags_parse_buf(const char *buf, size_t len, const char *source,
                          struct servicetags **out, struct nc_diag *diag);
#endif

#ifdef NETCHECK_UNITTESTS
/*! The file's "cloud" ("Public"; "" when absent).  \return a string that
 *  lives as long as st */
const char *servicetags_cloud(const struct servicetags *st);
#endif

#ifdef NETCHECK_UNITTESTS
/*! Number of tags and of prefixes indexed (for messages and benchmarks). */
void servicetags_counts(const struct servicetags *st, size_t *tags,
                        size_t *prefixes);
#endif

#endif
