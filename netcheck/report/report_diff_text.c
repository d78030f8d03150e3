/* `netcheck diff` for people: the two reports, the regressions with their
 * detail and action, every other change one line each, the verdict line.
 * Every string comes from a report file, so every one is cleaned of
 * control characters before it reaches the terminal. */
#include "report.h"
#include "report_int.h"

#include <stdio.h>
#include <string.h>

#include "esc.h"
#include "nc.h"

#define C_BOLD  "\033[1m"
#define C_RED   "\033[31m"
#define C_GREEN "\033[32m"
#define C_RESET "\033[0m"

struct dt {
    FILE *out;
    bool color;
};

static int put_clean(FILE *out, const char *s)
{
    return nc_esc_fputs(s, out);
}

static void put_on(const struct dt *t, const char *col)
{
    if (t->color)
        fputs(col, t->out);
}

static void put_off(const struct dt *t)
{
    if (t->color)
        fputs(C_RESET, t->out);
}

/* The after side fails or is unverified: say why and what fixes it. */
static bool why_shown(const struct nc_change *c)
{
    switch (c->kind) {
    case NC_CHANGE_NEWLY_FAILING:
    case NC_CHANGE_NEWLY_WARNING:
    case NC_CHANGE_UNVERIFIED:
    case NC_CHANGE_PROBLEM_CHANGED:
        return true;
    case NC_CHANGE_CHECK_ADDED:
        return c->regression;
    default:
        return false;
    }
}

static int field(const struct dt *t, const char *label, const char *text)
{
    int rc;

    if (text == NULL || text[0] == '\0')
        return 0;
    fprintf(t->out, "    %-8s ", label);
    rc = put_clean(t->out, text);
    fputc('\n', t->out);
    return rc;
}

static int change_write(const struct dt *t, const struct nc_change *c)
{
    char subject[400], sentence[600];
    int rc;

    report_change_subject(c, subject, sizeof(subject));
    report_change_sentence(c, sentence, sizeof(sentence));
    fputs("  ", t->out);
    rc = put_clean(t->out, subject);
    if (subject[0] != '\0')
        fputs(": ", t->out);
    if (rc == 0)
        rc = put_clean(t->out, sentence);
    fputc('\n', t->out);
    if (rc == 0 && why_shown(c)) {
        rc = field(t, "detail:", c->detail);
        if (rc == 0)
            rc = field(t, "action:", c->action);
    }
    return rc;
}

static int section_write(const struct dt *t, const struct nc_diff *d,
                         bool regressions, const char *title, size_t count)
{
    size_t i;
    int rc = 0;

    if (count == 0)
        return 0;
    fputc('\n', t->out);
    put_on(t, C_BOLD);
    fprintf(t->out, "%s (%zu)", title, count);
    put_off(t);
    fputc('\n', t->out);
    for (i = 0; i < d->n && rc == 0; i++) {
        if (d->v[i].regression == regressions)
            rc = change_write(t, &d->v[i]);
    }
    return rc;
}

static int header_write(const struct dt *t, const struct nc_diff *d,
                        const struct report_diff_counts *k)
{
    int rc;

    fputs("diff: ", t->out);
    rc = put_clean(t->out, d->before->source);
    fputs(" -> ", t->out);
    if (rc == 0)
        rc = put_clean(t->out, d->after->source);
    fputc('\n', t->out);
    fprintf(t->out,
            "compared: %zu %s in both, %zu added, %zu removed; %zu still "
            "failing as before\n",
            d->matched, d->matched == 1 ? "check" : "checks", k->added,
            k->removed, d->unchanged_fails);
    return rc;
}

int report_diff_text_body(FILE *out, const struct nc_diff *d,
                          const struct report_style *style)
{
    struct dt t = {out, style != NULL && style->color};
    struct report_diff_counts k;
    int rc;

    report_diff_count(d, &k);
    rc = header_write(&t, d, &k);
    if (rc == 0)
        rc = section_write(&t, d, true, "REGRESSIONS", k.regressions);
    if (rc == 0)
        rc = section_write(&t, d, false, "OTHER CHANGES", k.other);
    if (rc != 0)
        return rc;
    if (d->n == 0)
        fputs("\nno changes\n", out);
    fputs("\nverdict: ", out);
    put_on(&t, k.regressions > 0 ? C_RED : C_GREEN);
    fputs(k.regressions > 0 ? "REGRESSION" : "NO REGRESSION", out);
    put_off(&t);
    fprintf(out, " - %zu %s, %zu other %s\n", k.regressions,
            k.regressions == 1 ? "regression" : "regressions", k.other,
            k.other == 1 ? "change" : "changes");
    return ferror(out) ? NC_EIO : 0;
}
