/* hosts(5) as glibc's nss_files reads it (nss/nss_files/files-hosts.c):
 * '#' starts a comment anywhere on a line, fields are separated by white
 * space, the first is an address (inet_pton, IPv4 or IPv6), the rest are
 * names; a line whose address does not parse is ignored. For getaddrinfo
 * (_nss_files_gethostbyname4_r) every matching line counts ("multi on",
 * Debian's /etc/host.conf default), names compare case-insensitively.
 *
 * netcheck parses the file itself instead of asking c-ares
 * (ares_gethostbyname_file): the report must name the file and the line an
 * address came from, which c-ares does not tell, and one index built at
 * start serves every check without reading the file again per name. */
#include "hostsfile.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "str.h"

struct hosts_entry {
    const char *name; /* in text */
    struct nc_addr addr;
    unsigned line;
    size_t seq; /* file order, to keep it among equal names */
};

struct hostsfile {
    char *text; /* the file, cut into NUL-terminated fields */
    struct hosts_entry *e;
    size_t n;
};

static int hf_entry_cmp(const void *pa, const void *pb)
{
    const struct hosts_entry *a = pa, *b = pb;
    /* ASCII case-insensitive order (glibc compares with strcasecmp in
     * the C locale). */
    int d = nc_strcasecmp(a->name, b->name);

    if (d != 0)
        return d;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static bool hf_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
           c == '\r';
}

/* Cut the next field of [*p, end) in place; NULL when none is left. */
static char *hf_field(char **p, char *end)
{
    char *s = *p, *f;

    while (s < end && hf_space(*s))
        s++;
    if (s >= end)
        return NULL;
    f = s;
    while (s < end && !hf_space(*s))
        s++;
    *s = '\0'; /* end itself is a terminator already */
    *p = s < end ? s + 1 : end;
    return f;
}

/* Walk every line; with e NULL only count the (name, address) pairs. */
static size_t hf_scan(char *text, size_t len, struct hosts_entry *e)
{
    char *line = text, *stop = text + len;
    unsigned lineno = 0;
    size_t n = 0;

    while (line < stop) {
        char *nl = memchr(line, '\n', (size_t)(stop - line));
        char *end = nl != NULL ? nl : stop, *hash, *nul, *p, *f;
        struct nc_addr a;

        lineno++;
        /* A comment ends the line, and so does a NUL byte: glibc reads
         * the line as a C string. */
        hash = memchr(line, '#', (size_t)(end - line));
        if (hash != NULL)
            end = hash;
        nul = memchr(line, '\0', (size_t)(end - line));
        if (nul != NULL)
            end = nul;
        *end = '\0';
        p = line;
        f = hf_field(&p, end);
        if (f != NULL && nc_addr_parse(f, &a) == 0) {
            while ((f = hf_field(&p, end)) != NULL) {
                if (e != NULL) {
                    e[n].name = f;
                    e[n].addr = a;
                    e[n].line = lineno;
                    e[n].seq = n;
                }
                n++;
            }
        }
        if (nl == NULL)
            break;
        line = nl + 1;
    }
    return n;
}

int hostsfile_parse_buf(const char *buf, size_t len, const char *source,
                        struct hostsfile **out, struct nc_diag *diag)
{
    struct hostsfile *h;

    if (len > HOSTSFILE_MAX_BYTES) {
        nc_diag_set(diag, source, 0, "file larger than %u bytes",
                    HOSTSFILE_MAX_BYTES);
        return NC_ELIMIT;
    }
    h = nc_calloc(1, sizeof(*h));
    if (h == NULL)
        goto fail;
    h->text = nc_malloc(len + 1);
    if (h->text == NULL)
        goto fail;
    if (len > 0)
        memcpy(h->text, buf, len);
    h->text[len] = '\0';
    /* Count on a scratch copy: the scan cuts fields in place. */
    {
        char *tmp = nc_malloc(len + 1);

        if (tmp == NULL)
            goto fail;
        memcpy(tmp, h->text, len + 1);
        h->n = hf_scan(tmp, len, NULL);
        nc_free(tmp);
    }
    if (h->n > 0) {
        h->e = nc_calloc(h->n, sizeof(*h->e));
        if (h->e == NULL)
            goto fail;
        (void)hf_scan(h->text, len, h->e);
        qsort(h->e, h->n, sizeof(*h->e), hf_entry_cmp);
    }
    *out = h;
    return 0;
fail:
    nc_diag_set(diag, source, 0, "out of memory");
    hostsfile_free(h);
    return NC_ENOMEM;
}

/* Index of the first entry whose name is not below name. */
static size_t hf_lower_bound(const struct hostsfile *h, const char *name)
{
    size_t lo = 0, hi = h->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (nc_strcasecmp(h->e[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool hf_seen(const struct hostsfile_addr *out, size_t n,
                    const struct nc_addr *a)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (out[i].addr.family == a->family &&
            memcmp(out[i].addr.bytes, a->bytes, a->family == 4 ? 4 : 16) == 0)
            return true;
    return false;
}

size_t hostsfile_lookup(const struct hostsfile *h, const char *name,
                        struct hostsfile_addr *out, size_t per_family)
{
    size_t first, i, n = 0;
    int fam;

    if (h == NULL || name == NULL || name[0] == '\0')
        return 0;
    first = hf_lower_bound(h, name);
    for (fam = 4; fam <= 6; fam += 2) {
        size_t got = 0;

        for (i = first; i < h->n && nc_strcasecmp(h->e[i].name, name) == 0 &&
                        got < per_family;
             i++) {
            const struct hosts_entry *e = &h->e[i];

            if (e->addr.family != fam || hf_seen(out, n, &e->addr))
                continue;
            out[n].addr = e->addr;
            out[n].line = e->line;
            n++;
            got++;
        }
    }
    return n;
}

#ifdef NETCHECK_UNITTESTS
size_t hostsfile_count(const struct hostsfile *h)
{
    return h != NULL ? h->n : 0;
}
#endif

void hostsfile_free(struct hostsfile *h)
{
    if (h == NULL)
        return;
    nc_free(h->e);
    nc_free(h->text);
    nc_free(h);
}
