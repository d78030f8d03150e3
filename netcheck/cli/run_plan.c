/* netcheck run: the profiles and allowlists into one plan (run_plan.h). */
#include "run_plan.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "esc.h"
#include "file.h"
#include "msg.h"
#include "nc.h"
#include "str.h"

int run_plan_tags_known(const struct nc_plan *plan,
                        const struct servicetags *tags)
{
    size_t i;

    for (i = 0; i < plan->n_checks; i++) {
        const struct nc_check *c = plan->checks[i];

        /* Without the file the rule could not be enforced, and the check
         * would pass claiming what it never verified. */
        if (c->service_tag != NULL && tags == NULL) {
            cli_err("%s:%u: [check %s] has service_tag '%s': give the "
                    "service tags file with --service-tags FILE",
                    c->source, c->line, c->name, c->service_tag);
            return NC_EXIT_USAGE;
        }
        if (c->service_tag != NULL &&
            !servicetags_known(tags, c->service_tag)) {
            cli_err("%s:%u: service_tag '%s' of [check %s] is not in the "
                    "service tags file",
                    c->source, c->line, c->service_tag, c->name);
            return NC_EXIT_USAGE;
        }
    }
    return 0;
}

/* "-": the profile or allowlist on standard input (read once: at most one
 * source is "-"), named "<stdin>" in messages. */
static int run_load_stdin(bool allowlist, const char *region,
                          struct nc_profile **p, struct nc_diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    int r, err = 0;

    r = nc_file_read_fd(STDIN_FILENO, NC_PROFILE_MAX_BYTES, &buf, &len, &err);
    if (r == NC_EIO)
        nc_diag_set(d, RUN_STDIN_NAME, 0, "cannot read: %s", strerror(err));
    else if (r == NC_ELIMIT)
        nc_diag_set(d, RUN_STDIN_NAME, 0, "larger than %u bytes",
                    NC_PROFILE_MAX_BYTES);
    else if (r == 0 && allowlist)
        r = allowlist_parse_buf(buf, len, RUN_STDIN_NAME, p, d);
    else if (r == 0)
        r = profile_parse_region(buf, len, RUN_STDIN_NAME, region, p, d);
    nc_free(buf);
    return r;
}

/* Neither a built-in nor a file: say so, with the nearest built-in name
 * for a typo. */
static bool run_no_such_profile(const char *arg, struct nc_diag *d)
{
    const struct nc_builtin *near;
    struct stat st;

    if (stat(arg, &st) == 0 || errno != ENOENT)
        return false;
    near = profile_builtin_nearest(arg);
    nc_diag_set(d, "", 0,
                "cannot open profile '%s': no such file or built-in "
                "profile%s%s%s",
                arg, near ? "; did you mean '" : "", near ? near->name : "",
                near ? "'?" : "");
    return true;
}

/* A built-in name wins; anything else is a file path. region (NULL: the
 * profile's default) picks the values of ${...} in its urls. */
static int run_load_source(const struct run_source *s, const char *region,
                           struct nc_profile **p, struct nc_diag *d)
{
    const struct nc_builtin *b;
    char src[300];

    if (strcmp(s->arg, "-") == 0)
        return run_load_stdin(s->allowlist, region, p, d);
    if (s->allowlist)
        return allowlist_load_file(s->arg, p, d);
    b = profile_builtin_find(s->arg);
    if (b == NULL && run_no_such_profile(s->arg, d))
        return NC_EIO;
    if (b == NULL)
        return profile_load_file_region(s->arg, region, p, d);
    (void)nc_snprintf(src, sizeof(src), "builtin:%s", b->name);
    return profile_parse_region(b->text, b->len, src, region, p, d);
}

/* After "unknown region": the regions the profile knows, one line. */
static void run_list_regions(const struct run_source *s)
{
    struct nc_profile *p = NULL;
    struct nc_diag d;
    size_t i, col;

    memset(&d, 0, sizeof(d));
    if (run_load_source(s, NULL, &p, &d) != 0 || p->n_regions == 0)
        goto out;
    fputs("netcheck: known regions:", stderr);
    col = 23;
    for (i = 0; i < p->n_regions; i++) {
        size_t n = strlen(p->regions[i]) + 1;

        if (col + n > 78) {
            fputs("\n   ", stderr);
            col = 3;
        }
        fputc(' ', stderr);
        (void)nc_esc_fputs(p->regions[i], stderr);
        col += n;
    }
    fputc('\n', stderr);
out:
    profile_free(p);
}

/* --region needs a profile with [region] sections to apply to. */
static int run_region_used(const struct run_opts *o, const struct nc_plan *plan)
{
    size_t i;

    if (o->region == NULL)
        return 0;
    for (i = 0; i < plan->n_profiles; i++) {
        if (plan->profiles[i]->n_regions > 0)
            return 0;
    }
    cli_err("--region '%s': no profile of this run has [region] sections "
            "(see 'netcheck profiles azure-backup-mars')",
            o->region);
    return NC_EXIT_USAGE;
}

int run_plan_build(const struct run_opts *o, struct nc_plan *plan)
{
    struct run_source def = {false, RUN_DEFAULT_PROFILE};
    size_t i, n = o->n_sources ? o->n_sources : 1;
    const char *bad = NULL;

    for (i = 0; i < n; i++) {
        const struct run_source *s = o->n_sources ? &o->sources[i] : &def;
        struct nc_profile *p = NULL;
        struct nc_diag d;
        int r;

        memset(&d, 0, sizeof(d));
        r = run_load_source(s, o->region, &p, &d);
        if (r == 0)
            r = plan_add_take(plan, p, &d);
        if (r < 0) {
            if (d.msg[0] == '\0')
                nc_diag_set(&d, s->arg, 0, "%s", nc_strerror(r));
            cli_print_diag(&d);
            if (r == NC_EINVAL)
                run_list_regions(s);
            return r == NC_ENOMEM ? NC_EXIT_INTERNAL : NC_EXIT_USAGE;
        }
    }
    if (run_region_used(o, plan) != 0)
        return NC_EXIT_USAGE;
    if (plan_filter_only(plan, o->only, o->n_only, &bad) != 0) {
        cli_err("--only '%s' matches no check of this run", bad);
        return NC_EXIT_USAGE;
    }
    if (plan->n_checks == 0) {
        cli_err("no checks to run: a pass with zero checks would verify "
                "nothing");
        return NC_EXIT_USAGE;
    }
    return 0;
}
