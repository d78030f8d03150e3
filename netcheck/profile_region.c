/* A profile's [region NAME] sections: their variables, the ${name}
 * expansion of url values, and the "did you mean" hint for an unknown
 * region. No I/O. */
#include "profile_int.h"

#include <string.h>
#include <strings.h>

#include "nc.h"
#include "str.h"

#define PF_NAME_MAX 64 /* bytes of a region or variable name */

static bool pf_name_char(char ch, bool region)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_' || (region && ch == '-');
}

bool pf_region_name_ok(const char *s)
{
    size_t n;

    for (n = 0; s[n] != '\0'; n++) {
        if (!pf_name_char(s[n], true))
            return false;
    }
    return n > 0 && n <= PF_NAME_MAX;
}

/* A variable: letters, digits and '_', not starting with a digit. */
static bool pf_var_name_ok(const char *s, size_t n)
{
    size_t i;

    if (n == 0 || n > PF_NAME_MAX || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (i = 0; i < n; i++) {
        if (!pf_name_char(s[i], false))
            return false;
    }
    return true;
}

int pf_regions_add(struct pf_regions *rs, const char *name, unsigned line,
                   size_t *old)
{
    struct pf_region *nv, *r;
    size_t i;

    for (i = 0; i < rs->n; i++) {
        if (nc_strcasecmp(rs->v[i].name, name) == 0) {
            *old = rs->v[i].line;
            return 1;
        }
    }
    if (rs->n == NC_PROFILE_MAX_REGIONS)
        return NC_ELIMIT;
    if (rs->n == rs->cap) {
        size_t ncap = rs->cap == 0 ? 8 : rs->cap * 2;

        nv = nc_realloc(rs->v, ncap * sizeof(*nv));
        if (nv == NULL)
            return NC_ENOMEM;
        rs->v = nv;
        rs->cap = ncap;
    }
    r = &rs->v[rs->n];
    memset(r, 0, sizeof(*r));
    r->name = nc_strdup(name);
    if (r->name == NULL)
        return NC_ENOMEM;
    r->line = line;
    rs->n++;
    return 0;
}

int pf_region_set(struct pf_region *r, const char *key, const char *val,
                  unsigned line, char *why, size_t whylen)
{
    size_t i;

    if (!pf_var_name_ok(key, strlen(key))) {
        (void)nc_snprintf(why, whylen,
                          "invalid variable name '%.64s': use letters, "
                          "digits and '_', not starting with a digit",
                          key);
        return NC_EPARSE;
    }
    for (i = 0; i < r->n_vars; i++) {
        if (nc_strcasecmp(r->vars[i].key, key) == 0) {
            (void)nc_snprintf(why, whylen,
                              "duplicate variable '%s' in [region %s] "
                              "(first at line %u)",
                              key, r->name, r->vars[i].line);
            return NC_EPARSE;
        }
    }
    /* No nesting: an expanded url holds no "${" (so it reads back as
     * itself). */
    if (strstr(val, "${") != NULL) {
        (void)nc_snprintf(why, whylen,
                          "value of '%s' contains '${': variables cannot "
                          "refer to variables",
                          key);
        return NC_EPARSE;
    }
    if (r->n_vars == NC_PROFILE_MAX_VARS) {
        (void)nc_snprintf(why, whylen,
                          "too many variables in [region %s] (limit %u)",
                          r->name, NC_PROFILE_MAX_VARS);
        return NC_ELIMIT;
    }
    if (r->vars == NULL) {
        r->vars = nc_calloc(NC_PROFILE_MAX_VARS, sizeof(*r->vars));
        if (r->vars == NULL)
            return NC_ENOMEM;
    }
    r->vars[r->n_vars].key = nc_strdup(key);
    r->vars[r->n_vars].val = nc_strdup(val);
    r->vars[r->n_vars].line = line;
    if (r->vars[r->n_vars].key == NULL || r->vars[r->n_vars].val == NULL) {
        nc_free(r->vars[r->n_vars].key);
        nc_free(r->vars[r->n_vars].val);
        return NC_ENOMEM;
    }
    r->n_vars++;
    return 0;
}

struct pf_region *pf_regions_find(const struct pf_regions *rs, const char *name)
{
    size_t i;

    for (i = 0; i < rs->n; i++) {
        if (nc_strcasecmp(rs->v[i].name, name) == 0)
            return &rs->v[i];
    }
    return NULL;
}

static const char *pf_region_get(const struct pf_region *r, const char *key,
                                 size_t n)
{
    size_t i;

    for (i = 0; i < r->n_vars; i++) {
        const char *k = r->vars[i].key;

        if (strlen(k) == n && strncasecmp(k, key, n) == 0)
            return r->vars[i].val;
    }
    return NULL;
}

int pf_region_expand(const struct pf_region *r, const char *tmpl, char **out,
                     char *why, size_t whylen)
{
    char *buf;
    size_t n = 0;
    const char *s = tmpl;
    int rc = 0;

    buf = nc_malloc(NC_PROFILE_MAX_EXPAND + 1);
    if (buf == NULL)
        return NC_ENOMEM;
    while (*s != '\0') {
        const char *piece = s, *close, *val;
        size_t plen = 1;

        if (s[0] == '$' && s[1] == '{') {
            close = strchr(s + 2, '}');
            if (close == NULL) {
                (void)nc_snprintf(why, whylen, "unterminated '${'");
                rc = NC_EPARSE;
                goto out;
            }
            plen = (size_t)(close - s - 2);
            if (!pf_var_name_ok(s + 2, plen)) {
                (void)nc_snprintf(why, whylen,
                                  "invalid variable name '${%.*s}'",
                                  (int)(plen > 64 ? 64 : plen), s + 2);
                rc = NC_EPARSE;
                goto out;
            }
            val = r != NULL ? pf_region_get(r, s + 2, plen) : NULL;
            if (val == NULL) {
                if (r != NULL)
                    (void)nc_snprintf(why, whylen,
                                      "unknown variable '${%.*s}' (not in "
                                      "[region %s])",
                                      (int)plen, s + 2, r->name);
                else
                    (void)nc_snprintf(why, whylen,
                                      "unknown variable '${%.*s}' (the "
                                      "profile has no [region] sections)",
                                      (int)plen, s + 2);
                rc = NC_EPARSE;
                goto out;
            }
            piece = val;
            s = close + 1;
            plen = strlen(val);
        } else {
            s++;
        }
        if (plen > NC_PROFILE_MAX_EXPAND - n) {
            (void)nc_snprintf(why, whylen,
                              "longer than %u bytes after expansion",
                              NC_PROFILE_MAX_EXPAND);
            rc = NC_EPARSE;
            goto out;
        }
        memcpy(buf + n, piece, plen);
        n += plen;
    }
    buf[n] = '\0';
    *out = buf;
    buf = NULL;
out:
    nc_free(buf);
    return rc;
}

void pf_regions_release(struct pf_regions *rs)
{
    size_t i, j;

    for (i = 0; i < rs->n; i++) {
        for (j = 0; j < rs->v[i].n_vars; j++) {
            nc_free(rs->v[i].vars[j].key);
            nc_free(rs->v[i].vars[j].val);
        }
        nc_free(rs->v[i].vars);
        nc_free(rs->v[i].name);
    }
    nc_free(rs->v);
    memset(rs, 0, sizeof(*rs));
}

static char pf_lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Levenshtein distance, case-insensitive; both at most PF_NAME_MAX. */
static size_t pf_distance(const char *a, const char *b)
{
    size_t row[PF_NAME_MAX + 1];
    size_t la = strlen(a), lb = strlen(b), i, j;

    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t diag = row[0];

        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t up = row[j], best;

            best = diag + (pf_lower(a[i - 1]) != pf_lower(b[j - 1]));
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}

const char *profile_region_nearest(const char *const *names, size_t n,
                                   const char *s)
{
    const char *best = NULL;
    size_t i, best_d = (size_t)-1, limit;

    if (strlen(s) > PF_NAME_MAX)
        return NULL;
    /* "eastus3" -> "eastus2"; "west europe" -> "westeurope": a third of
     * the name may differ, but never all of a short one. */
    limit = strlen(s) / 3 > 2 ? strlen(s) / 3 : 2;
    for (i = 0; i < n; i++) {
        size_t d;

        if (strlen(names[i]) > PF_NAME_MAX)
            continue;
        d = pf_distance(s, names[i]);
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    return best_d <= limit ? best : NULL;
}
