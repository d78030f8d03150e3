/* A run's plan (the checks of every profile given, names unique) and the
 * built-in profile table. */
#include "profile.h"

#include <stdint.h>
#include <string.h>

#include "nc.h"
#include "profile_int.h"
#include "str.h"

/* Generated from the endpoints directory by cmake/embed_profiles.cmake. */
extern const struct nc_builtin nc_builtin_table[];
extern const size_t nc_builtin_count;

/* Check number i of the plan's checks followed by p's. */
static const struct nc_check *
plan_check_at(const struct nc_plan *plan, const struct nc_profile *p, size_t i)
{
    return i < plan->n_checks ? plan->checks[i]
                              : &p->checks[i - plan->n_checks];
}

/* Fail on the first name of p already in the plan (or twice in p). */
static int plan_check_names(const struct nc_plan *plan,
                            const struct nc_profile *p, struct nc_diag *diag)
{
    struct pf_index ix;
    size_t i, first, total = plan->n_checks + p->n_checks;
    int r = 0;

    memset(&ix, 0, sizeof(ix));
    for (i = 0; i < total && r == 0; i++) {
        const struct nc_check *c = plan_check_at(plan, p, i);

        r = pf_index_add(&ix, c->name, i, &first);
        if (r == 1) {
            const struct nc_check *f = plan_check_at(plan, p, first);

            nc_diag_set(diag, c->source, c->line,
                        "duplicate check name '%.80s' (first defined at "
                        "%.80s:%u)",
                        c->name, f->source, f->line);
            r = NC_EPARSE;
        } else if (r != 0) {
            r = pf_oom(diag, p->source);
        }
    }
    pf_index_release(&ix);
    return r;
}

int plan_add_take(struct nc_plan *plan, struct nc_profile *p,
                  struct nc_diag *diag)
{
    struct nc_profile **profiles;
    const struct nc_check **checks;
    size_t i, total;
    int r;

    if (p == NULL)
        return NC_EINVAL;
    profiles = nc_realloc(plan->profiles,
                          (plan->n_profiles + 1) * sizeof(struct nc_profile *));
    if (profiles == NULL) {
        r = pf_oom(diag, p->source);
        profile_free(p);
        return r;
    }
    plan->profiles = profiles;
    plan->profiles[plan->n_profiles++] = p;
    /* From here p belongs to the plan, whatever happens. */
    total = plan->n_checks + p->n_checks;
    if (total > NC_PROFILE_MAX_CHECKS) {
        nc_diag_set(diag, p->source, 0, "too many checks in total (limit %u)",
                    NC_PROFILE_MAX_CHECKS);
        return NC_ELIMIT;
    }
    r = plan_check_names(plan, p, diag);
    if (r != 0)
        return r;
    checks = nc_realloc(plan->checks, (total == 0 ? 1 : total) *
                                          sizeof(const struct nc_check *));
    if (checks == NULL)
        return pf_oom(diag, p->source);
    plan->checks = checks;
    for (i = 0; i < p->n_checks; i++)
        plan->checks[plan->n_checks++] = &p->checks[i];
    return 0;
}

static bool plan_only_match(const struct nc_check *c, const char *const *pats,
                            size_t n)
{
    size_t k;

    for (k = 0; k < n; k++)
        if (nc_glob_match(pats[k], c->name))
            return true;
    return false;
}

int plan_filter_only(struct nc_plan *plan, const char *const *pats, size_t n,
                     const char **unmatched)
{
    size_t i, k, kept = 0;

    if (n == 0)
        return 0;
    /* A pattern that selects nothing is a typo, said before anything
     * runs: a run of fewer checks than asked would pass unnoticed. */
    for (k = 0; k < n; k++) {
        for (i = 0; i < plan->n_checks; i++)
            if (nc_glob_match(pats[k], plan->checks[i]->name))
                break;
        if (i == plan->n_checks) {
            *unmatched = pats[k];
            return NC_EPARSE;
        }
    }
    for (i = 0; i < plan->n_checks; i++)
        if (plan_only_match(plan->checks[i], pats, n))
            plan->checks[kept++] = plan->checks[i];
    plan->n_checks = kept;
    return 0;
}

void plan_release(struct nc_plan *plan)
{
    size_t i;

    if (plan == NULL)
        return;
    for (i = 0; i < plan->n_profiles; i++)
        profile_free(plan->profiles[i]);
    nc_free(plan->profiles);
    nc_free(plan->checks);
    memset(plan, 0, sizeof(*plan));
}

const struct nc_builtin *profile_builtins(size_t *n)
{
    if (n != NULL)
        *n = nc_builtin_count;
    return nc_builtin_table;
}

const struct nc_builtin *profile_builtin_find(const char *name)
{
    size_t i;

    for (i = 0; i < nc_builtin_count; i++) {
        if (strcmp(nc_builtin_table[i].name, name) == 0)
            return &nc_builtin_table[i];
    }
    return NULL;
}

const struct nc_builtin *profile_builtin_nearest(const char *name)
{
    const struct nc_builtin *best = NULL;
    size_t i, d, best_d = SIZE_MAX;

    for (i = 0; i < nc_builtin_count; i++) {
        d = nc_str_distance(name, nc_builtin_table[i].name);
        if (d < best_d) {
            best_d = d;
            best = &nc_builtin_table[i];
        }
    }
    if (best == NULL || best_d > PROFILE_SUGGEST_MAX ||
        best_d * 2 >= strlen(name))
        return NULL;
    return best;
}
