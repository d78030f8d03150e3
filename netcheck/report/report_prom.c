/* Prometheus text exposition format (0.0.4), for node_exporter's textfile
 * collector: `netcheck run --format prometheus -o DIR/netcheck.prom.$$ &&
 * mv ...` (README "Prometheus"). Modelled on blackbox_exporter: one
 * netcheck_check_success gauge per check and address (blackbox's
 * probe_success), per-phase durations as
 * netcheck_phase_duration_seconds{phase} (its
 * probe_http_duration_seconds{phase}), and a few run-level gauges.
 *
 * Every family is written whole, HELP and TYPE first, because the format
 * wants a family's samples together. No timestamps: the textfile collector
 * refuses them. Label values come from profiles and servers: escaped as
 * the format says, and nothing a terminal acts on is written raw. */
#include "report.h"
#include "report_int.h"

#include <string.h>

#include "esc.h"
#include "nc.h"

UNITTEST int report_prom_label(const char *s, char *dst, size_t n);

/* A notation with its backslash doubled must fit a piece. */
_Static_assert(REPORT_PIECE_MAX >= 2 * NC_ESC_NOTATION_MAX,
               "a Prometheus piece does not fit REPORT_PIECE_MAX");

/* One character of a label value (report_piece_fn). */
static const char *prom_piece(const char *s, size_t len, uint32_t cp,
                              enum nc_esc_kind k, char buf[REPORT_PIECE_MAX],
                              size_t *piece_len)
{
    char note[NC_ESC_NOTATION_MAX + 1];
    size_t j, nlen, plen = 0;

    if ((k == NC_ESC_PLAIN && (cp == '\\' || cp == '"')) ||
        (k == NC_ESC_CONTROL && cp == '\n')) {
        /* The exposition format's three escapes: \\, \" and \n. */
        buf[0] = '\\';
        if (cp == '\n')
            buf[1] = 'n';
        else if (cp == '"')
            buf[1] = '"';
        else
            buf[1] = '\\';
        *piece_len = 2;
        return buf;
    }
    if (k == NC_ESC_PLAIN) {
        *piece_len = len;
        return s;
    }
    /* "\x1b" as text: its backslash escaped like any other. */
    nlen = nc_esc_notation(k, cp, note);
    for (j = 0; j < nlen; j++) {
        if (note[j] == '\\')
            buf[plen++] = '\\';
        buf[plen++] = note[j];
    }
    *piece_len = plen;
    return buf;
}

UNITTEST int report_prom_label(const char *s, char *dst, size_t n)
{
    return report_escape_with(s, dst, n, prom_piece);
}

/* One label pair, with a leading comma unless first. Values longer than
 * the buffer are cut: a label is an identifier, not the report. */
static void put_label(FILE *out, bool first, const char *name,
                      const char *value)
{
    char buf[1024];

    (void)report_prom_label(value, buf, sizeof(buf));
    fprintf(out, "%s%s=\"%s\"", first ? "" : ",", name, buf);
}

static void family(FILE *out, const char *name, const char *type,
                   const char *help)
{
    fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* The addresses that carry the check's own verdict: a proxied check's
 * local answers are informational, not probed. */
static bool addr_counts(const struct nc_addr_result *a)
{
    return !a->informational;
}

static size_t addrs_counted(const struct nc_check_result *r)
{
    size_t i, n = 0, count = report_addr_count(r);

    for (i = 0; i < count; i++)
        n += addr_counts(&r->addrs[i]);
    return n;
}

/* The labels that name a check and one of its addresses ("" none). */
static void check_labels(FILE *out, const struct nc_run *run,
                         const struct nc_check_result *r, const char *addr)
{
    const char *profile = report_check_profile(run->plan, r->check);

    put_label(out, true, "profile", profile != NULL ? profile : "");
    put_label(out, false, "check", r->check->name);
    put_label(out, false, "host", r->check->host);
    put_label(out, false, "address", addr);
}

/* One netcheck_check_success sample. An address passed when it did and
 * its check did not fail for a reason of its own (a failed check whose
 * addresses all passed failed at a later stage for all of them). */
static void success_sample(FILE *out, const struct nc_run *run,
                           const struct nc_check_result *r,
                           const struct nc_addr_result *a)
{
    bool ok;
    const char *status, *code;
    char ip[NC_ADDRSTRLEN];

    if (a == NULL) {
        ok = r->status == NC_STATUS_PASS;
        code = problem_code(r->problem);
    } else {
        ok = a->status == NC_STATUS_PASS &&
             (r->status == NC_STATUS_PASS || report_addrs_failed(r) > 0);
        code = a->problem != NC_PROBLEM_NONE ? problem_code(a->problem)
                                             : problem_code(r->problem);
    }
    status = ok ? "pass" : status_name(r->status);
    if (ok)
        code = NULL;
    fputs("netcheck_check_success{", out);
    check_labels(out, run, r,
                 a != NULL ? result_addr_ip(a, ip, sizeof(ip)) : "");
    put_label(out, false, "status", status);
    put_label(out, false, "code", code != NULL ? code : "");
    put_label(out, false, "required", r->check->required ? "true" : "false");
    fprintf(out, "} %d\n", ok ? 1 : 0);
}

static void success_write(FILE *out, const struct nc_run *run)
{
    size_t i, j;

    family(out, "netcheck_check_success", "gauge",
           "Whether the check passed at this address (1) or not (0); status "
           "pass, fail, warn (optional check) or skip, code the problem code");
    for (i = 0; i < run->n_results; i++) {
        const struct nc_check_result *r = &run->results[i];
        size_t n = report_addr_count(r);

        if (addrs_counted(r) == 0) {
            success_sample(out, run, r, NULL);
            continue;
        }
        for (j = 0; j < n; j++)
            if (addr_counts(&r->addrs[j]))
                success_sample(out, run, r, &r->addrs[j]);
    }
}

static void phase_sample(FILE *out, const struct nc_run *run,
                         const struct nc_check_result *r, const char *addr,
                         const char *phase, double ms)
{
    if (!(ms >= 0 && ms < 1e12))
        return;
    fputs("netcheck_phase_duration_seconds{", out);
    check_labels(out, run, r, addr);
    put_label(out, false, "phase", phase);
    fprintf(out, "} %.6f\n", ms / 1000.0);
}

/* The stages one after the other, as blackbox_exporter splits them: the
 * engine's timings are cumulative from the start of the connection (as
 * curl's time_*), so each phase is the difference to the stage before. */
static void phases_write(FILE *out, const struct nc_run *run,
                         const struct nc_check_result *r, const char *addr,
                         const struct nc_timings *t, double dns)
{
    double before;

    phase_sample(out, run, r, addr, "resolve", dns);
    phase_sample(out, run, r, addr, "connect", t->connect);
    if (t->connect < 0)
        return;
    before = t->connect;
    if (t->tls >= 0) {
        phase_sample(out, run, r, addr, "tls", t->tls - before);
        before = t->tls;
    }
    if (t->first_byte >= 0) {
        phase_sample(out, run, r, addr, "processing", t->first_byte - before);
        before = t->first_byte;
        if (t->total >= before)
            phase_sample(out, run, r, addr, "transfer", t->total - before);
    }
}

static void durations_write(FILE *out, const struct nc_run *run)
{
    char ip[NC_ADDRSTRLEN];
    size_t i, j;

    family(out, "netcheck_phase_duration_seconds", "gauge",
           "Duration of each stage of a check at an address: resolve, "
           "connect, tls, processing (to the first byte), transfer");
    for (i = 0; i < run->n_results; i++) {
        const struct nc_check_result *r = &run->results[i];
        size_t n = report_addr_count(r);

        if (addrs_counted(r) == 0) {
            phases_write(out, run, r, "", &r->t, r->t.dns);
            continue;
        }
        for (j = 0; j < n; j++)
            if (addr_counts(&r->addrs[j]))
                phases_write(out, run, r,
                             result_addr_ip(&r->addrs[j], ip, sizeof(ip)),
                             &r->addrs[j].t, r->t.dns);
    }
}

/* Which proxy each check went through and why: an info family of its
 * own, so that the success and duration series keep their labels
 * whatever a PAC file or NO_PROXY decides. Only checks a proxy setting
 * was in force for have a sample; no family without one. */
static void proxy_write(FILE *out, const struct nc_run *run)
{
    bool any = false;
    size_t i;

    for (i = 0; i < run->n_results; i++) {
        const struct nc_check_result *r = &run->results[i];

        if (r->proxy_reason[0] == '\0' || r->status == NC_STATUS_SKIP)
            continue;
        if (!any)
            family(out, "netcheck_check_proxy_info", "gauge",
                   "Always 1: the proxy a check went through (\"\": "
                   "direct) and the setting that chose it");
        any = true;
        fputs("netcheck_check_proxy_info{", out);
        check_labels(out, run, r, "");
        put_label(out, false, "proxy", r->via_proxy ? r->proxy : "");
        put_label(out, false, "reason", r->proxy_reason);
        fputs("} 1\n", out);
    }
    /* Who the run logs on to its proxy as: never a password. */
    if (run->proxy_identity.kind != NC_PROXY_ID_NONE) {
        family(out, "netcheck_proxy_identity_info", "gauge",
               "Always 1: who the run logs on to its proxy as (kind user or "
               "system, and the name)");
        fputs("netcheck_proxy_identity_info{", out);
        put_label(out, true, "kind", proxy_id_name(run->proxy_identity.kind));
        put_label(out, false, "name", run->proxy_identity.name);
        fputs("} 1\n", out);
    }
}

static void run_write(FILE *out, const struct nc_run *run)
{
    const struct nc_summary *s = &run->summary;
    static const char *const names[] = {"pass", "fail", "warn", "skip"};
    size_t counts[4] = {s->passed, s->failed, s->warned, s->skipped};
    size_t i;

    family(out, "netcheck_checks", "gauge",
           "Number of checks of the run by status");
    for (i = 0; i < 4; i++)
        fprintf(out, "netcheck_checks{status=\"%s\"} %zu\n", names[i],
                counts[i]);
    family(out, "netcheck_run_success", "gauge",
           "Whether every required check passed (netcheck's exit status 0)");
    fprintf(out, "netcheck_run_success %d\n", s->pass ? 1 : 0);
    family(out, "netcheck_run_duration_seconds", "gauge",
           "Wall time of the whole run");
    fprintf(out, "netcheck_run_duration_seconds %.6f\n",
            run->wall_ms >= 0 && run->wall_ms < 1e12 ? run->wall_ms / 1000.0
                                                     : 0.0);
    if (run->finished_at > 0) {
        family(out, "netcheck_run_finished_timestamp_seconds", "gauge",
               "When the run ended, seconds since 1970 (UTC)");
        fprintf(out, "netcheck_run_finished_timestamp_seconds %lld\n",
                run->finished_at);
    }
    family(out, "netcheck_info", "gauge",
           "Always 1: the netcheck version, the machine and the profiles "
           "run");
    fputs("netcheck_info{", out);
    put_label(out, true, "version", NC_VERSION);
    put_label(out, false, "hostname", run->host);
    fputs(",profile=\"", out);
    for (i = 0; run->plan != NULL && i < run->plan->n_profiles; i++) {
        const struct nc_profile *p = run->plan->profiles[i];
        char buf[512];

        (void)report_prom_label(p != NULL ? p->name : "", buf, sizeof(buf));
        fprintf(out, "%s%s", i > 0 ? "+" : "", buf);
    }
    fputs("\"} 1\n", out);
}

int report_prom_body(FILE *out, const struct nc_run *run,
                     const struct rootcause_list *causes,
                     const struct report_style *style)
{
    (void)causes;
    (void)style;
    success_write(out, run);
    durations_write(out, run);
    proxy_write(out, run);
    run_write(out, run);
    return ferror(out) ? NC_EIO : 0;
}

/* `netcheck merge --format prometheus`: the run-level gauges above,
 * labelled by host, and the fleet's counts. */
static int fleet_family(FILE *out, const struct fleet *f, const char *name,
                        const char *help, int which)
{
    char label[512];
    size_t i;

    fprintf(out, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
    for (i = 0; i < f->n_hosts; i++) {
        const struct fleet_host *h = &f->hosts[i];

        if (report_prom_label(h->run->machine, label, sizeof(label)) != 0)
            return NC_ELIMIT;
        if (which == 0) {
            fprintf(out, "%s{host=\"%s\"} %d\n", name, label, !h->failed);
        } else {
            fprintf(out, "%s{host=\"%s\",status=\"pass\"} %zu\n", name, label,
                    h->n_pass);
            fprintf(out, "%s{host=\"%s\",status=\"fail\"} %zu\n", name, label,
                    h->n_fail);
            fprintf(out, "%s{host=\"%s\",status=\"warn\"} %zu\n", name, label,
                    h->n_warn);
            fprintf(out, "%s{host=\"%s\",status=\"skip\"} %zu\n", name, label,
                    h->n_skip);
        }
    }
    return 0;
}

int report_fleet_prom_body(FILE *out, const struct fleet *f,
                           const struct report_style *style)
{
    int rc;

    (void)style;
    rc = fleet_family(out, f, "netcheck_run_success",
                      "Whether every required check passed on the host", 0);
    if (rc == 0)
        rc = fleet_family(out, f, "netcheck_checks",
                          "Checks of the host by status", 1);
    if (rc == 0)
        fprintf(out,
                "# HELP netcheck_fleet_hosts Hosts merged\n"
                "# TYPE netcheck_fleet_hosts gauge\n"
                "netcheck_fleet_hosts %zu\n"
                "# HELP netcheck_fleet_hosts_failed Hosts whose run failed\n"
                "# TYPE netcheck_fleet_hosts_failed gauge\n"
                "netcheck_fleet_hosts_failed %zu\n",
                f->n_hosts, f->n_failed);
    return rc;
}
