/* `netcheck diff --format junit`: one testcase per change, a regression a
 * <failure> whose type is the check's new problem code (or the change
 * kind), so a CI job fails exactly on what got worse; other changes pass
 * with their sentence in <system-out>. A diff without changes has one
 * passing testcase, "no changes", since some CI tools reject an empty
 * suite. */
#include "report.h"
#include "report_int.h"

#include <stdio.h>
#include <string.h>

#include "nc.h"

static int property_write(FILE *out, const char *name, const char *value)
{
    int rc;

    fprintf(out, "      <property name=\"%s\" value=\"", name);
    rc = report_put_xml(out, value);
    fputs("\"/>\n", out);
    return rc;
}

static int testcase_write(FILE *out, const struct nc_change *c)
{
    char subject[400], sentence[600];
    const char *type =
        c->after_code != NULL ? c->after_code : change_kind_name(c->kind);
    int rc;

    report_change_subject(c, subject, sizeof(subject));
    report_change_sentence(c, sentence, sizeof(sentence));
    fputs("    <testcase classname=\"netcheck.diff", out);
    rc = 0;
    if (c->machine != NULL) {
        fputc('.', out);
        rc = report_put_xml(out, c->machine);
    }
    fputs("\" name=\"", out);
    /* "web 203.0.113.10: address_appeared": unique within the suite. */
    if (rc == 0 && subject[0] != '\0') {
        rc = report_put_xml(out, subject);
        fputs(": ", out);
    }
    fprintf(out, "%s\">\n", change_kind_name(c->kind));
    if (rc == 0 && c->regression) {
        /* The code comes from a report file: escaped like the rest. */
        fputs("      <failure type=\"", out);
        rc = report_put_xml(out, type);
        fputs("\" message=\"", out);
        if (rc == 0)
            rc = report_put_xml(out, sentence);
        fputs("\">", out);
        if (rc == 0 && c->detail != NULL) {
            fputs("detail: ", out);
            rc = report_put_xml(out, c->detail);
        }
        if (rc == 0 && c->action != NULL) {
            fputs("\naction: ", out);
            rc = report_put_xml(out, c->action);
        }
        fputs("</failure>\n", out);
    } else if (rc == 0) {
        fputs("      <system-out>", out);
        rc = report_put_xml(out, sentence);
        fputs("</system-out>\n", out);
    }
    fputs("    </testcase>\n", out);
    return rc;
}

int report_diff_junit_body(FILE *out, const struct nc_diff *d,
                           const struct report_style *style)
{
    struct report_diff_counts k;
    char counts[128];
    size_t i, pass;
    int rc;

    (void)style;
    report_diff_count(d, &k);
    (void)snprintf(counts, sizeof(counts),
                   "tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
                   "skipped=\"0\"",
                   d->n > 0 ? d->n : 1, k.regressions);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out, "<testsuites name=\"netcheck diff\" %s>\n", counts);
    fprintf(out, "  <testsuite name=\"netcheck.diff\" %s>\n", counts);
    fputs("    <properties>\n", out);
    rc = property_write(out, "before", d->before->source);
    if (rc == 0)
        rc = property_write(out, "after", d->after->source);
    if (rc == 0)
        rc = property_write(out, "verdict",
                            k.regressions > 0 ? "regression" : "no_regression");
    if (rc == 0)
        rc = property_write(out, "version", NC_VERSION);
    fputs("    </properties>\n", out);
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < d->n && rc == 0; i++) {
            if (d->v[i].regression == (pass == 0))
                rc = testcase_write(out, &d->v[i]);
        }
    }
    if (rc != 0)
        return rc;
    if (d->n == 0)
        fputs("    <testcase classname=\"netcheck.diff\" name=\"no "
              "changes\"/>\n",
              out);
    fputs("  </testsuite>\n</testsuites>\n", out);
    return ferror(out) ? NC_EIO : 0;
}
