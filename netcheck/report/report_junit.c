/* JUnit XML for CI systems: one <testcase> per check, grouped by profile
 * in its classname. Valid against the Jenkins xunit plugin's JUnit schema
 * (junit-10.xsd, kept in tests/integration/schema/), which GitLab reads
 * too: no "skipped" on <testsuites>, only on <testsuite>.
 *
 * Mapping: fail -> <failure type="CODE">; skip -> <skipped>; warn (an
 * optional check that failed) -> a passing testcase with the warning in
 * <system-out>. JUnit has no "warning" outcome, and a failure or error
 * element would make the CI job fail on a check the profile marked as not
 * required, which is the opposite of what "required = no" asks for; the
 * warning stays visible in the job's output. errors is always 0: an
 * internal error never produces a report. */
#include "report.h"
#include "report_int.h"

#include <stdio.h>
#include <string.h>

#include "nc.h"
#include "rootcause.h"

static double seconds(double ms)
{
    return ms >= 0 && ms < 1e12 ? ms / 1000.0 : 0.0;
}

/* The lines under a failure or warning: what was tested and how each
 * address fared. */
static int details_write(FILE *out, const struct nc_check_result *r)
{
    const struct nc_check *c = r->check;
    size_t i, n = report_addr_count(r), n_cnames = report_cname_count(r);
    char ip[NC_ADDRSTRLEN];
    int rc = 0;

    if (r->action[0] != '\0') {
        fputs("\naction: ", out);
        rc = report_put_xml(out, r->action);
    }
    if (rc == 0) {
        fputs("\nurl: ", out);
        rc = report_put_xml(out, c->url);
    }
    /* Which proxy this check went through, and which setting chose it
     * (a PAC file, NO_PROXY, the bypass list), as in the JSON report. */
    if (rc == 0 && r->proxy_reason[0] != '\0') {
        fputs(r->via_proxy ? "\nproxy: " : "\nproxy: none, direct", out);
        if (r->via_proxy)
            rc = report_put_xml(out, r->proxy);
        fputs(" (", out);
        if (rc == 0)
            rc = report_put_xml(out, r->proxy_reason);
        fputs(")", out);
    }
    if (rc == 0 && c->rule != NULL) {
        fputs("\nsample: ", out);
        rc = report_put_xml(out, c->rule);
        fputs(" tested through the sample host ", out);
        if (rc == 0)
            rc = report_put_xml(out, c->host);
        fputs(" only", out);
    }
    for (i = 0; i < n_cnames && rc == 0; i++) {
        fputs(i == 0 ? "\ncnames: " : " -&gt; ", out);
        rc = report_put_xml(out, r->cnames[i]);
    }
    if (rc == 0 && n > 0) {
        char cap[96];

        fprintf(out, "\naddresses: %zu of %zu failed", report_addrs_failed(r),
                n);
        if (report_addrs_capped(r, cap, sizeof(cap)))
            fprintf(out, " (%s)", cap);
    }
    for (i = 0; i < n && rc == 0; i++) {
        const struct nc_addr_result *a = &r->addrs[i];
        const char *code = problem_code(a->problem);

        fputs("\n  ", out);
        rc = report_put_xml(out, result_addr_ip(a, ip, sizeof(ip)));
        fprintf(out, ": %s", status_name(a->status));
        if (code != NULL)
            fprintf(out, " %s", code);
        if (rc == 0 && result_addr_detail(a)[0] != '\0') {
            fputs(": ", out);
            rc = report_put_xml(out, result_addr_detail(a));
        }
    }
    fputc('\n', out);
    return rc;
}

/* "\nshared cause: SENTENCE" under a check's own detail; nothing when
 * the check shares no cause (shared is ""). */
static int shared_write(FILE *out, const char *shared)
{
    if (shared[0] == '\0')
        return 0;
    fputs("\nshared cause: ", out);
    return report_put_xml(out, shared);
}

/* A check of a shared cause carries the cause's sentence as its message,
 * so a CI page listing the failures shows the one cause on each; its own
 * detail stays in the body. */
static int failure_write(FILE *out, const struct nc_check_result *r,
                         const char *shared)
{
    const char *code = problem_code(r->problem);
    int rc;

    fprintf(out, "      <failure type=\"%s\" message=\"",
            code != NULL ? code : "fail");
    rc = report_put_xml(out, shared[0] != '\0' ? shared : r->detail);
    fputs("\">", out);
    if (rc == 0)
        rc = report_put_xml(out, r->detail);
    if (rc == 0)
        rc = shared_write(out, shared);
    if (rc == 0)
        rc = details_write(out, r);
    fputs("</failure>\n", out);
    return rc;
}

static int warning_write(FILE *out, const struct nc_check_result *r,
                         const char *shared)
{
    const char *code = problem_code(r->problem);
    int rc;

    fprintf(out, "      <system-out>warning (optional check): %s: ",
            code != NULL ? code : "warn");
    rc = report_put_xml(out, r->detail);
    if (rc == 0)
        rc = shared_write(out, shared);
    if (rc == 0)
        rc = details_write(out, r);
    fputs("</system-out>\n", out);
    return rc;
}

static int skipped_write(FILE *out, const struct nc_check_result *r)
{
    const char *why = r->detail;
    int rc;

    if (why[0] == '\0' && r->check->skip_reason != NULL)
        why = r->check->skip_reason;
    fputs("      <skipped message=\"", out);
    rc = report_put_xml(out, why);
    fputs("\"/>\n", out);
    return rc;
}

/* A passing wildcard check says it proved only its sample. */
static int sample_note_write(FILE *out, const struct nc_check *c)
{
    int rc;

    fputs("      <system-out>", out);
    rc = report_put_xml(out, c->rule);
    fputs(" tested through the sample host ", out);
    if (rc == 0)
        rc = report_put_xml(out, c->host);
    fputs(" only</system-out>\n", out);
    return rc;
}

UNITTEST void report_junit_classname(const char *profile, char *dst, size_t n);

/* Jenkins splits a classname at its last dot into package and class, so
 * "netcheck.allowlist:ns-allow.txt" became package
 * "netcheck.allowlist:ns-allow" and class "txt". The profile's name
 * keeps letters, digits, '-', '_' and non-ASCII bytes (UTF-8 letters);
 * every other ASCII character becomes '_': "netcheck." + that has exactly
 * one dot. The exact name stays in the suite's "profile" properties. */
UNITTEST void report_junit_classname(const char *profile, char *dst, size_t n)
{
    size_t o, i;

    if (n == 0)
        return;
    o = (size_t)snprintf(dst, n, "netcheck.");
    if (o >= n)
        o = n - 1;
    if (profile == NULL || profile[0] == '\0')
        profile = "netcheck";
    for (i = 0; profile[i] != '\0' && o + 1 < n; i++) {
        unsigned char ch = (unsigned char)profile[i];
        bool keep = ch >= 0x80 || (ch >= 'a' && ch <= 'z') ||
                    (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                    ch == '-' || ch == '_';

        if (keep)
            dst[o++] = profile[i];
        else
            dst[o++] = '_';
    }
    dst[o] = '\0';
}

static int testcase_write(FILE *out, const struct nc_run *run,
                          const struct rootcause_list *causes, size_t i)
{
    const struct nc_check_result *r = &run->results[i];
    const char *group = report_check_profile(run->plan, r->check);
    size_t num = rootcause_of(causes, i);
    char shared[600] = "", classname[300];
    int rc;

    if (num > 0)
        rootcause_sentence(causes, num - 1, shared, sizeof(shared));

    report_junit_classname(group, classname, sizeof(classname));
    fputs("    <testcase classname=\"", out);
    rc = report_put_xml(out, classname);
    fputs("\" name=\"", out);
    if (rc == 0)
        rc = report_put_xml(out, r->check->name);
    fprintf(out, "\" time=\"%.3f\"", seconds(r->t.total));
    if (rc != 0)
        return rc;
    if (r->status == NC_STATUS_PASS && r->check->rule == NULL) {
        fputs("/>\n", out);
        return 0;
    }
    fputs(">\n", out);
    switch (r->status) {
    case NC_STATUS_PASS:
        if (r->check->rule != NULL)
            rc = sample_note_write(out, r->check);
        break;
    case NC_STATUS_FAIL:
        rc = failure_write(out, r, shared);
        break;
    case NC_STATUS_WARN:
        rc = warning_write(out, r, shared);
        break;
    case NC_STATUS_SKIP:
    case NC_STATUS_MAX:
    default:
        rc = skipped_write(out, r);
        break;
    }
    fputs("    </testcase>\n", out);
    return rc;
}

static int property_write(FILE *out, const char *name, const char *value)
{
    int rc;

    fprintf(out, "      <property name=\"%s\" value=\"", name);
    rc = report_put_xml(out, value);
    fputs("\"/>\n", out);
    return rc;
}

static int properties_write(FILE *out, const struct nc_run *run,
                            const struct rootcause_list *causes)
{
    char line[600];
    size_t i;
    int rc = 0;

    fputs("    <properties>\n", out);
    for (i = 0; run->plan != NULL && i < run->plan->n_profiles && rc == 0;
         i++) {
        const struct nc_profile *p = run->plan->profiles[i];

        rc = property_write(out, "profile", p != NULL ? p->name : NULL);
    }
    if (rc == 0)
        rc = property_write(out, "proxy_source",
                            proxy_source_name(run->proxy_source));
    if (rc == 0 && run->proxy_url[0] != '\0')
        rc = property_write(out, "proxy", run->proxy_url);
    /* Who the run logs on to its proxy as: never a password. */
    if (rc == 0 && run->proxy_identity.kind != NC_PROXY_ID_NONE) {
        rc = property_write(out, "proxy_identity",
                            proxy_id_name(run->proxy_identity.kind));
        if (rc == 0 && run->proxy_identity.name[0] != '\0')
            rc = property_write(out, "proxy_identity_name",
                                run->proxy_identity.name);
    }
    if (rc == 0)
        rc =
            property_write(out, "verdict", run->summary.pass ? "pass" : "fail");
    if (rc == 0)
        rc = property_write(out, "version", NC_VERSION);
    if (rc == 0 && run->clock.sources > 0) {
        char skew[32];

        (void)snprintf(skew, sizeof(skew), "%.1f", run->clock.skew_s);
        rc = property_write(out, "clock_skew_s", skew);
    }
    for (i = 0; i < causes->n && rc == 0; i++) {
        rootcause_sentence(causes, i, line, sizeof(line));
        rc = property_write(out, "root_cause", line);
    }
    fputs("    </properties>\n", out);
    return rc;
}

/* The suite's own output: each shared cause with its action, and the
 * clock warning (which fails no testcase by itself). */
static int suite_out_write(FILE *out, const struct nc_run *run,
                           const struct rootcause_list *causes)
{
    char line[600], clk[300];
    bool warn = report_clock_warning(&run->clock, clk, sizeof(clk));
    size_t k;
    int rc = 0;

    if (causes->n == 0 && !warn)
        return 0;
    fputs("    <system-out>", out);
    for (k = 0; k < causes->n && rc == 0; k++) {
        rootcause_sentence(causes, k, line, sizeof(line));
        fputs(k > 0 ? "\n" : "", out);
        fprintf(out, "%s: ", problem_code(causes->v[k].problem));
        rc = report_put_xml(out, line);
        fputs("\naction: ", out);
        if (rc == 0)
            rc = report_put_xml(out, causes->v[k].action);
    }
    if (rc == 0 && warn) {
        fputs(causes->n > 0 ? "\nwarning clock_skew: " : "warning clock_skew: ",
              out);
        rc = report_put_xml(out, clk);
    }
    fputs("</system-out>\n", out);
    return rc;
}

UNITTEST void report_junit_suite_name(const struct nc_run *run, char *dst,
                                      size_t n);

/* "PROFILE[+PROFILE...]@HOST": reports from many machines and profiles
 * land in one CI job without their suites colliding. */
UNITTEST void report_junit_suite_name(const struct nc_run *run, char *dst,
                                      size_t n)
{
    size_t i, o = 0;

    if (n == 0)
        return;
    dst[0] = '\0';
    for (i = 0; run->plan != NULL && i < run->plan->n_profiles; i++) {
        const struct nc_profile *p = run->plan->profiles[i];

        if (p == NULL || p->name == NULL)
            continue;
        o +=
            (size_t)snprintf(dst + o, n - o, "%s%s", o > 0 ? "+" : "", p->name);
        if (o >= n)
            return; /* cut, but terminated */
    }
    if (o == 0)
        o = (size_t)snprintf(dst, n, "netcheck");
    if (o < n && run->host[0] != '\0')
        (void)snprintf(dst + o, n - o, "@%s", run->host);
}

/* <testsuite name=... hostname=... timestamp=...>: the start of the run,
 * RFC 3339 in UTC (Jenkins reads the date and time; the 'Z' says UTC). */
static int suite_open(FILE *out, const struct nc_run *run, const char *counts)
{
    char name[600], ts[32];
    int rc;

    report_junit_suite_name(run, name, sizeof(name));
    fputs("  <testsuite name=\"", out);
    rc = report_put_xml(out, name);
    fprintf(out, "\" %s", counts);
    if (rc == 0 && run->host[0] != '\0') {
        fputs(" hostname=\"", out);
        rc = report_put_xml(out, run->host);
        fputc('"', out);
    }
    if (report_time_rfc3339(run->started_at, ts, sizeof(ts)))
        fprintf(out, " timestamp=\"%s\"", ts);
    fputs(">\n", out);
    return rc;
}

int report_junit_body(FILE *out, const struct nc_run *run,
                      const struct rootcause_list *causes,
                      const struct report_style *style)
{
    const struct nc_summary *s = &run->summary;
    char counts[160];
    size_t i;
    int rc;

    (void)style;
    /* The schema allows "skipped" on <testsuite> only. */
    (void)snprintf(counts, sizeof(counts),
                   "tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
                   "time=\"%.3f\"",
                   s->total, s->failed, seconds(run->wall_ms));
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out, "<testsuites name=\"netcheck\" %s>\n", counts);
    (void)snprintf(counts, sizeof(counts),
                   "tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
                   "skipped=\"%zu\" time=\"%.3f\"",
                   s->total, s->failed, s->skipped, seconds(run->wall_ms));
    rc = suite_open(out, run, counts);
    if (rc == 0)
        rc = properties_write(out, run, causes);
    for (i = 0; i < run->n_results && rc == 0; i++)
        rc = testcase_write(out, run, causes, i);
    if (rc == 0)
        rc = suite_out_write(out, run, causes);
    if (rc != 0)
        return rc;
    fputs("  </testsuite>\n</testsuites>\n", out);
    return ferror(out) ? NC_EIO : 0;
}

#ifdef NETCHECK_UNITTESTS
int report_junit_write(FILE *out, const struct nc_run *run)
{
    return report_run_walk(out, run, NULL, report_junit_body);
}
#endif
