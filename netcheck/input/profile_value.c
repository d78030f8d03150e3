/* The values of a profile's keys, parsed without the parser's state: each
 * returns a code and, for the caller's "file:line: message", the message.
 * profile.c calls them from its key handler. */
#include <string.h>

#include "cidr.h"
#include "nc.h"
#include "profile_int.h"
#include "str.h"

#define PROFILE_MAX_ISSUERS 64

int pf_bool_parse(const char *v, bool *out)
{
    if (nc_strcasecmp(v, "yes") == 0 || nc_strcasecmp(v, "true") == 0) {
        *out = true;
        return 0;
    }
    if (nc_strcasecmp(v, "no") == 0 || nc_strcasecmp(v, "false") == 0) {
        *out = false;
        return 0;
    }
    return NC_EPARSE;
}

bool pf_tag_name_ok(const char *v)
{
    size_t n = 0;

    for (; v[n] != '\0'; n++) {
        char ch = v[n];

        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_'))
            return false;
    }
    return n > 0 && n <= 128;
}

int pf_status_parse(const char *v, unsigned *min, unsigned *max)
{
    char lo[8], hi[8];
    const char *dash = strchr(v, '-');
    unsigned long a, b;
    size_t n = dash != NULL ? (size_t)(dash - v) : strlen(v);

    if (n >= sizeof(lo) || (dash != NULL && strlen(dash + 1) >= sizeof(hi)))
        return NC_EPARSE;
    memcpy(lo, v, n);
    lo[n] = '\0';
    (void)nc_strlcpy(hi, dash != NULL ? dash + 1 : lo, sizeof(hi));
    nc_strtrim(lo);
    nc_strtrim(hi);
    if (nc_parse_uint(lo, 100, 599, &a) != 0 ||
        nc_parse_uint(hi, 100, 599, &b) != 0 || a > b)
        return NC_EPARSE;
    *min = (unsigned)a;
    *max = (unsigned)b;
    return 0;
}

int pf_ranges_parse(const char *value, const char *label, struct nc_cidr **arr,
                    size_t *n, size_t *cap, char *why, size_t whylen)
{
    const char *p = value;

    while (*p != '\0') {
        char tok[80], cwhy[160];
        size_t len = strcspn(p, " \t,");
        struct nc_cidr r;
        int rc;

        if (len == 0) {
            p++;
            continue;
        }
        if (len >= sizeof(tok)) {
            (void)nc_snprintf(why, whylen,
                              "invalid range '%.40s...' in %s: too long", p,
                              label);
            return NC_EPARSE;
        }
        memcpy(tok, p, len);
        tok[len] = '\0';
        p += len;
        if (nc_cidr_parse_why(tok, &r, cwhy, sizeof(cwhy)) != 0) {
            (void)nc_snprintf(why, whylen, "invalid range '%s' in %s: %s", tok,
                              label, cwhy);
            return NC_EPARSE;
        }
        rc = pf_range_push(arr, n, cap, &r);
        if (rc == NC_ELIMIT)
            (void)nc_snprintf(why, whylen, "too many ranges in %s (limit %u)",
                              label, NC_PROFILE_MAX_RANGES);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Root CA names contain spaces: only commas separate them. */
int pf_issuers_parse(const char *value, char ***issuers, size_t *n, char *why,
                     size_t whylen)
{
    const char *s = value;

    *issuers = nc_calloc(PROFILE_MAX_ISSUERS, sizeof(char *));
    if (*issuers == NULL)
        return NC_ENOMEM;
    for (;;) {
        size_t len = strcspn(s, ",");
        char *item;

        if (*n == PROFILE_MAX_ISSUERS) {
            (void)nc_snprintf(why, whylen, "too many tls_issuers (limit %d)",
                              PROFILE_MAX_ISSUERS);
            return NC_ELIMIT;
        }
        item = nc_strndup(s, len);
        if (item == NULL)
            return NC_ENOMEM;
        (*issuers)[(*n)++] = item;
        if (*nc_strtrim(item) == '\0') {
            (void)nc_strlcpy(why, "empty name in tls_issuers", whylen);
            return NC_EPARSE;
        }
        if (s[len] == '\0')
            return 0;
        s += len + 1;
    }
}
