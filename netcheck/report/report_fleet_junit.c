/* `netcheck merge --format junit`: one testsuite per host (named by the
 * host, so suites from many machines never collide), one testcase per
 * check, a failed or skipped check a <failure> or <skipped> typed by its
 * problem code; an optional check that failed passes with its code in
 * <system-out>, as in `run`. (Merge's Prometheus form is in report_prom.c,
 * beside the label escaping.) */
#include "report.h"
#include "report_int.h"

#include <stdio.h>
#include <string.h>

#include "nc.h"

static int junit_case(FILE *out, const struct nc_snap_run *run,
                      const struct nc_snap_check *c)
{
    const char *code = c->problem != NULL ? c->problem : "unknown";
    int rc;

    fputs("    <testcase classname=\"netcheck.", out);
    rc = report_put_xml(out, run->machine);
    fputs("\" name=\"", out);
    if (rc == 0)
        rc = report_put_xml(out, c->name);
    fputs("\"", out);
    if (c->status == NC_STATUS_PASS) {
        fputs("/>\n", out);
        return rc;
    }
    fputs(">\n", out);
    if (c->status == NC_STATUS_FAIL || c->status == NC_STATUS_SKIP) {
        bool skip = c->status == NC_STATUS_SKIP;

        fputs(skip ? "      <skipped message=\"" : "      <failure type=\"",
              out);
        if (rc == 0)
            rc = report_put_xml(out, code);
        if (!skip) {
            fputs("\" message=\"", out);
            if (rc == 0)
                rc = report_put_xml(out, c->detail);
        }
        fputs(skip ? "\"/>\n" : "\">", out);
        if (!skip) {
            fputs("action: ", out);
            if (rc == 0)
                rc = report_put_xml(out, c->action);
            fputs("</failure>\n", out);
        }
    } else {
        fputs("      <system-out>warning (optional check): ", out);
        if (rc == 0)
            rc = report_put_xml(out, code);
        fputs("</system-out>\n", out);
    }
    fputs("    </testcase>\n", out);
    return rc;
}

int report_fleet_junit_body(FILE *out, const struct fleet *f,
                            const struct report_style *style)
{
    size_t i, j, tests = 0, fails = 0, skips = 0;
    int rc = 0;

    (void)style;
    for (i = 0; i < f->n_hosts; i++) {
        tests += f->hosts[i].run->n_checks;
        fails += f->hosts[i].n_fail;
        skips += f->hosts[i].n_skip;
    }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out,
            "<testsuites name=\"netcheck merge\" tests=\"%zu\" "
            "failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n",
            tests, fails, skips);
    for (i = 0; i < f->n_hosts && rc == 0; i++) {
        const struct fleet_host *h = &f->hosts[i];

        fputs("  <testsuite name=\"", out);
        rc = report_put_xml(out, h->run->machine);
        fprintf(out,
                "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
                "skipped=\"%zu\">\n",
                h->run->n_checks, h->n_fail, h->n_skip);
        fputs("    <properties>\n      <property name=\"report\" value=\"",
              out);
        if (rc == 0)
            rc = report_put_xml(out, h->source);
        fprintf(out,
                "\"/>\n      <property name=\"verdict\" value=\"%s\"/>\n"
                "    </properties>\n",
                h->failed ? "fail" : "pass");
        for (j = 0; j < h->run->n_checks && rc == 0; j++)
            rc = junit_case(out, h->run, &h->run->checks[j]);
        fputs("  </testsuite>\n", out);
    }
    fputs("</testsuites>\n", out);
    return rc;
}
