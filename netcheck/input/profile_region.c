/* A profile's [region NAME] sections: their variables, the ${name}
 * expansion of url values for every region, the choice of one, and the
 * "did you mean" hint for an unknown region. No I/O. */
#include "profile_int.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "nc.h"
#include "str.h"
#include "url.h"

#define PF_NAME_MAX 64 /* bytes of a region or variable name */
#define PF_WHY_MAX  160
/* url templates times regions expanded and checked per profile */
#define PF_MAX_EXPANSIONS 1000000u

/* The region of names (n of them) closest to s by edit distance, for "did
 * you mean" hints; NULL when none is close. */
UNITTEST const char *profile_region_nearest(const char *const *names, size_t n,
                                            const char *s);

static int pf_rp_fail(const struct pf_rp *rp, int err, unsigned line,
                      const char *fmt, ...) NC_PRINTF(4, 5);

static int pf_rp_fail(const struct pf_rp *rp, int err, unsigned line,
                      const char *fmt, ...)
{
    va_list ap;

    if (err == NC_ENOMEM)
        return pf_oom(rp->diag, rp->source);
    va_start(ap, fmt);
    pf_diag_vset(rp->diag, rp->source, line, fmt, ap);
    va_end(ap);
    return err;
}

static bool pf_name_char(char ch, bool region)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_' || (region && ch == '-');
}

static bool pf_region_name_ok(const char *s)
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

int pf_rp_begin(struct pf_rp *rp, const char *name, unsigned line)
{
    struct pf_region *nv, *r;
    size_t i;

    if (!pf_region_name_ok(name))
        return pf_rp_fail(rp, NC_EPARSE, line,
                          "invalid region name '%.64s' in [region]: use "
                          "letters, digits, '-' and '_'",
                          name);
    for (i = 0; i < rp->n; i++) {
        if (nc_strcasecmp(rp->v[i].name, name) == 0)
            return pf_rp_fail(rp, NC_EPARSE, line,
                              "duplicate section [region %s] (first at line "
                              "%u)",
                              name, rp->v[i].line);
    }
    if (rp->n == NC_PROFILE_MAX_REGIONS)
        return pf_rp_fail(rp, NC_ELIMIT, line, "too many regions (limit %u)",
                          NC_PROFILE_MAX_REGIONS);
    if (rp->n == rp->cap) {
        size_t ncap = rp->cap == 0 ? 8 : rp->cap * 2;

        nv = nc_realloc(rp->v, ncap * sizeof(*nv));
        if (nv == NULL)
            return pf_oom(rp->diag, rp->source);
        rp->v = nv;
        rp->cap = ncap;
    }
    r = &rp->v[rp->n];
    memset(r, 0, sizeof(*r));
    r->name = nc_strdup(name);
    if (r->name == NULL)
        return pf_oom(rp->diag, rp->source);
    r->line = line;
    rp->cur = rp->n++;
    return 0;
}

int pf_rp_var(struct pf_rp *rp, const char *key, const char *val, unsigned line)
{
    struct pf_region *r = &rp->v[rp->cur];
    size_t i;

    if (*val == '\0')
        return pf_rp_fail(rp, NC_EPARSE, line,
                          "empty value for '%s' in [region %s]", key, r->name);
    if (!pf_var_name_ok(key, strlen(key)))
        return pf_rp_fail(rp, NC_EPARSE, line,
                          "invalid variable name '%.64s': use letters, "
                          "digits and '_', not starting with a digit",
                          key);
    for (i = 0; i < r->n_vars; i++) {
        if (nc_strcasecmp(r->vars[i].key, key) == 0)
            return pf_rp_fail(rp, NC_EPARSE, line,
                              "duplicate variable '%s' in [region %s] "
                              "(first at line %u)",
                              key, r->name, r->vars[i].line);
    }
    /* No nesting: an expanded url holds no "${" (so it reads back as
     * itself). */
    if (strstr(val, "${") != NULL)
        return pf_rp_fail(rp, NC_EPARSE, line,
                          "value of '%s' contains '${': variables cannot "
                          "refer to variables",
                          key);
    if (r->n_vars == NC_PROFILE_MAX_VARS)
        return pf_rp_fail(rp, NC_ELIMIT, line,
                          "too many variables in [region %s] (limit %u)",
                          r->name, NC_PROFILE_MAX_VARS);
    if (r->vars == NULL) {
        r->vars = nc_calloc(NC_PROFILE_MAX_VARS, sizeof(*r->vars));
        if (r->vars == NULL)
            return pf_oom(rp->diag, rp->source);
    }
    r->vars[r->n_vars].key = nc_strdup(key);
    r->vars[r->n_vars].val = nc_strdup(val);
    r->vars[r->n_vars].line = line;
    if (r->vars[r->n_vars].key == NULL || r->vars[r->n_vars].val == NULL) {
        nc_free(r->vars[r->n_vars].key);
        nc_free(r->vars[r->n_vars].val);
        return pf_oom(rp->diag, rp->source);
    }
    r->n_vars++;
    return 0;
}

int pf_rp_default(struct pf_rp *rp, const char *value, unsigned line)
{
    if (!pf_region_name_ok(value))
        return pf_rp_fail(rp, NC_EPARSE, line,
                          "invalid default_region '%.64s': use letters, "
                          "digits, '-' and '_'",
                          value);
    if (pf_set_str(&rp->default_region, value) != 0)
        return pf_oom(rp->diag, rp->source);
    rp->default_line = line;
    return 0;
}

int pf_rp_defer(struct pf_rp *rp, size_t check, const char *value,
                unsigned line)
{
    struct pf_url_tmpl *t;

    if (rp->n_tmpls == rp->cap_tmpls) {
        size_t ncap = rp->cap_tmpls == 0 ? 8 : 2 * rp->cap_tmpls;

        t = nc_realloc(rp->tmpls, ncap * sizeof(*t));
        if (t == NULL)
            return pf_oom(rp->diag, rp->source);
        rp->tmpls = t;
        rp->cap_tmpls = ncap;
    }
    t = &rp->tmpls[rp->n_tmpls];
    t->check = check;
    t->line = line;
    t->value = nc_strdup(value);
    if (t->value == NULL)
        return pf_oom(rp->diag, rp->source);
    rp->n_tmpls++;
    return 0;
}

static const struct pf_region *pf_rp_find(const struct pf_rp *rp,
                                          const char *name)
{
    size_t i;

    for (i = 0; i < rp->n; i++) {
        if (nc_strcasecmp(rp->v[i].name, name) == 0)
            return &rp->v[i];
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

/* Replace each ${name} in tmpl by r's variable name (r NULL: a profile
 * without regions, where any ${...} is unknown); a '$' not followed by
 * '{' is itself.  Returns 0 and *out (nc_free it), NC_EPARSE (unknown
 * variable, bad name, unterminated, longer than NC_PROFILE_MAX_EXPAND;
 * why filled) or NC_ENOMEM. */
static int pf_region_expand(const struct pf_region *r, const char *tmpl,
                            char **out, char *why, size_t whylen)
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

/* Expand template t for region r (NULL: the profile has none) and check
 * the url; set it on its check when set_it. */
static int pf_rp_expand_url(const struct pf_rp *rp, const struct pf_region *r,
                            const struct pf_url_tmpl *t, struct nc_profile *p,
                            bool set_it)
{
    struct nc_check *chk = &p->checks[t->check];
    char why[PF_WHY_MAX], where[100] = "";
    struct nc_url u;
    char *v = NULL;
    int rc;

    if (r != NULL && rp->n > 1)
        (void)nc_snprintf(where, sizeof(where), " for region '%s'", r->name);
    rc = pf_region_expand(r, t->value, &v, why, sizeof(why));
    if (rc != 0)
        rc =
            pf_rp_fail(rp, rc, t->line, "invalid url '%.80s' in [check %s]: %s",
                       t->value, chk->name, why);
    else if (url_parse(v, &u, why, sizeof(why)) != 0)
        rc = pf_rp_fail(rp, NC_EPARSE, t->line,
                        "invalid url '%.80s' in [check %s]%s: %s", v, chk->name,
                        where, why);
    /* Any allowlist entry can be a rule, not only a wildcard. */
    else if (chk->rule != NULL &&
             !pf_rule_covers(chk->rule, u.scheme, u.host, u.port)) {
        bool host;
        const char *what = pf_rule_miss_text(chk->rule, &host);

        rc = pf_rp_fail(rp, NC_EPARSE, t->line,
                        "url%s '%s' %s rule '%s' in [check %s]%s",
                        host ? " host" : "", host ? u.host : v, what, chk->rule,
                        chk->name, where);
    } else if (set_it && pf_check_set_url(chk, &u) != 0)
        rc = pf_oom(rp->diag, rp->source);
    nc_free(v);
    return rc;
}

/* The region asked for, or NC_EINVAL naming the closest one. */
static int pf_rp_pick(const struct pf_rp *rp, const struct nc_profile *p,
                      const struct pf_region **sel)
{
    const char *near;

    if (rp->want == NULL)
        return 0;
    *sel = pf_rp_find(rp, rp->want);
    if (*sel != NULL)
        return 0;
    near = profile_region_nearest((const char *const *)p->regions, p->n_regions,
                                  rp->want);
    if (near != NULL)
        return pf_rp_fail(rp, NC_EINVAL, 0,
                          "unknown region '%.64s' (did you mean '%s'?)",
                          rp->want, near);
    return pf_rp_fail(rp, NC_EINVAL, 0, "unknown region '%.64s'", rp->want);
}

int pf_rp_apply(struct pf_rp *rp, struct nc_profile *p)
{
    const struct pf_region *sel;
    size_t i, j;
    int r = 0;

    if (rp->n == 0) {
        if (rp->default_line != 0)
            return pf_rp_fail(rp, NC_EPARSE, rp->default_line,
                              "default_region without any [region NAME] "
                              "section");
        for (j = 0; j < rp->n_tmpls && r == 0; j++)
            r = pf_rp_expand_url(rp, NULL, &rp->tmpls[j], p, false);
        return r;
    }
    if (rp->default_line == 0)
        return pf_rp_fail(rp, NC_EPARSE, rp->v[0].line,
                          "[region] sections need default_region in "
                          "[profile]");
    sel = pf_rp_find(rp, rp->default_region);
    if (sel == NULL)
        return pf_rp_fail(rp, NC_EPARSE, rp->default_line,
                          "default_region '%s' is not a [region] of the "
                          "profile",
                          rp->default_region);
    if (rp->n_tmpls > PF_MAX_EXPANSIONS / rp->n)
        return pf_rp_fail(rp, NC_ELIMIT, 0,
                          "too many url templates times regions (limit %u)",
                          PF_MAX_EXPANSIONS);
    p->regions = nc_calloc(rp->n, sizeof(char *));
    if (p->regions == NULL)
        return pf_oom(rp->diag, rp->source);
    for (i = 0; i < rp->n; i++) {
        p->regions[i] = nc_strdup(rp->v[i].name);
        if (p->regions[i] == NULL)
            return pf_oom(rp->diag, rp->source);
        p->n_regions++;
    }
    r = pf_rp_pick(rp, p, &sel);
    /* Every region, so a broken one is found whichever is asked for. */
    for (i = 0; i < rp->n && r == 0; i++) {
        for (j = 0; j < rp->n_tmpls && r == 0; j++)
            r = pf_rp_expand_url(rp, &rp->v[i], &rp->tmpls[j], p,
                                 &rp->v[i] == sel);
    }
    if (r == 0 && pf_set_str(&p->region, sel->name) != 0)
        r = pf_oom(rp->diag, rp->source);
    if (r == 0)
        p->region_default = rp->want == NULL;
    return r;
}

void pf_rp_release(struct pf_rp *rp)
{
    size_t i, j;

    for (i = 0; i < rp->n; i++) {
        for (j = 0; j < rp->v[i].n_vars; j++) {
            nc_free(rp->v[i].vars[j].key);
            nc_free(rp->v[i].vars[j].val);
        }
        nc_free(rp->v[i].vars);
        nc_free(rp->v[i].name);
    }
    nc_free(rp->v);
    for (i = 0; i < rp->n_tmpls; i++)
        nc_free(rp->tmpls[i].value);
    nc_free(rp->tmpls);
    nc_free(rp->default_region);
    memset(rp, 0, sizeof(*rp));
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

            best = diag + (nc_tolower((unsigned char)a[i - 1]) !=
                           nc_tolower((unsigned char)b[j - 1]));
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

UNITTEST const char *profile_region_nearest(const char *const *names, size_t n,
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
