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

struct servicetags;

struct servicetag {
    const char *name;           /* "Storage.WestEurope" */
    const char *region;         /* "westeurope", "" for global tags */
    const char *system_service; /* "AzureStorage", may be "" */
};

/*! Parse a service tags JSON document held in buf (jansson).
 *  \return 0 and *out, or NC_EPARSE (diag names the source and what is
 *  wrong: bad JSON with line/column, a bad prefix with the tag's name),
 *  NC_ENOMEM, NC_ELIMIT */
int servicetags_parse_buf(const char *buf, size_t len, const char *source,
                          struct servicetags **out, struct nc_diag *diag);

/*! Read path and call servicetags_parse_buf. */
int servicetags_load_file(const char *path, struct servicetags **out,
                          struct nc_diag *diag);

void servicetags_free(struct servicetags *st);

/*! The most specific (longest prefix) tag holding a; on equal prefixes the
 *  regional tag beats the global one. \return the tag, or NULL */
const struct servicetag *servicetags_lookup(const struct servicetags *st,
                                            const struct nc_addr *a);

/*! Does tag name (e.g. "AzureActiveDirectory", or a regional
 *  "Storage.WestEurope") hold a? A base name also matches its regional
 *  tags' prefixes. */
bool servicetags_contains(const struct servicetags *st, const char *name,
                          const struct nc_addr *a);

/*! Is name a tag (or a base name of tags) in the file? */
bool servicetags_known(const struct servicetags *st, const char *name);

/*! Number of tags and of prefixes indexed (for messages and benchmarks). */
void servicetags_counts(const struct servicetags *st, size_t *tags,
                        size_t *prefixes);

#endif
