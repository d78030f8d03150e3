/* Text report for people: a table with one row per check, a block for each
 * check that did not pass, then the verdict line. Every string that came
 * from outside (names, server text, certificate names, interface names)
 * goes through the terminal escaper (esc.h) before it is written. */
#include "report.h"
#include "report_int.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "esc.h"
#include "nc.h"
#include "rootcause.h"
#include "str.h"

/* Column caps, in characters; longer cells end in an ellipsis. Problem
 * codes come from a fixed table and need none. */
#define COL_CHECK_MAX 40
#define COL_ADDR_MAX  40
#define COL_GAP       "  "
#define ELLIPSIS      "..."

#define C_BOLD  "\033[1m"
#define C_RESET "\033[0m"

static const char *const status_colors[NC_STATUS_MAX] = {
    [NC_STATUS_PASS] = "\033[32m",
    [NC_STATUS_FAIL] = "\033[31m",
    [NC_STATUS_WARN] = "\033[33m",
    [NC_STATUS_SKIP] = "\033[36m",
};

struct text_row {
    char *check; /* cleaned and cut to COL_CHECK_MAX */
    const char *problem;
    char *addr; /* cleaned and cut to COL_ADDR_MAX */
    char route[80];
    char time[32];
};

struct text_ctx {
    FILE *out;
    bool color;
};

static const char *color_of(const struct text_ctx *t, enum nc_status s)
{
    if (!t->color || (unsigned)s >= NC_STATUS_MAX)
        return NULL;
    return status_colors[s];
}

/* Write s, in colour when col is not NULL. */
static void put_colored(const struct text_ctx *t, const char *s,
                        const char *col)
{
    if (col != NULL)
        fputs(col, t->out);
    fputs(s, t->out);
    if (col != NULL)
        fputs(C_RESET, t->out);
}

static void put_pad(FILE *out, size_t n)
{
    while (n-- > 0)
        fputc(' ', out);
}

/* A cell: s escaped for the terminal and cut to max characters, between
 * two characters of s, so that a notation ("\u202e") is never split. */
static char *cell_new(const char *s, size_t max)
{
    char *c = nc_esc_dup(s, NC_ESC_TERM);
    size_t keep, cols = 0, i = 0, n, o;

    if (c == NULL || report_utf8_width(c) <= max)
        return c;
    keep = max - strlen(ELLIPSIS);
    n = strlen(s);
    while (i < n) {
        char note[NC_ESC_NOTATION_MAX + 1];
        size_t len, w;
        uint32_t cp;
        enum nc_esc_kind k = nc_esc_next(s + i, n - i, &len, &cp);

        w = k == NC_ESC_PLAIN ? 1 : nc_esc_notation(k, cp, note);
        if (cols + w > keep)
            break;
        cols += w;
        i += len;
    }
    /* What is cut off is more than 3 columns of at least a byte each, so
     * the escaped prefix and the ellipsis fit where the whole was. */
    o = nc_esc(s, i, NC_ESC_TERM, c, strlen(c) + 1);
    memcpy(c + o, ELLIPSIS, sizeof(ELLIPSIS));
    return c;
}

/* Write s escaped for the terminal.  \return 0 or NC_EIO */
static int put_clean(FILE *out, const char *s)
{
    return nc_esc_fputs(s, out);
}

/* "; identity: user 'alice' (from --proxy-user)" after the proxy line;
 * nothing when no identity was decided (kind none, no note). */
static int identity_write(FILE *out, const struct nc_proxy_identity *id)
{
    int rc = 0;

    if (id->kind == NC_PROXY_ID_NONE && id->note[0] == '\0')
        return 0;
    fprintf(out, "; identity: %s", proxy_id_name(id->kind));
    if (id->name[0] != '\0') {
        fputs(" '", out);
        rc = put_clean(out, id->name);
        fputc('\'', out);
    }
    if (rc == 0 && id->note[0] != '\0') {
        fputs(" (", out);
        rc = put_clean(out, id->note);
        fputc(')', out);
    }
    return rc;
}

static void format_ms(char *buf, size_t n, double ms)
{
    if (ms < 0)
        (void)nc_strlcpy(buf, "-", n);
    else
        (void)nc_snprintf(buf, n, "%.0f ms", ms);
}

/* "er0 via 198.51.100.1", "eth0", or "-": the kernel's route. */
static void route_cell(const struct nc_route *rt, char *buf, size_t n)
{
    char via[NC_ADDRSTRLEN];

    if (!rt->found) {
        (void)nc_strlcpy(buf, "-", n);
        return;
    }
    if (rt->has_via) {
        nc_addr_format(&rt->via, via, sizeof(via));
        (void)nc_snprintf(buf, n, "%.16s via %s", rt->dev, via);
    } else {
        (void)nc_snprintf(buf, n, "%.16s", rt->dev);
    }
}

/* The route of a check's addresses when they agree, else "N routes". */
static void row_route(const struct nc_check_result *r, char *buf, size_t n)
{
    char one[80], first[80] = "";
    size_t i, count = report_addr_count(r), distinct = 0;

    (void)nc_strlcpy(buf, "-", n);
    for (i = 0; i < count; i++) {
        if (!r->addrs[i].route.found)
            continue;
        route_cell(&r->addrs[i].route, one, sizeof(one));
        if (first[0] == '\0') {
            (void)nc_strlcpy(first, one, sizeof(first));
            distinct = 1;
        } else if (strcmp(first, one) != 0) {
            distinct++;
        }
    }
    if (distinct == 1)
        (void)nc_strlcpy(buf, first, n);
    else if (distinct > 1)
        (void)nc_snprintf(buf, n, "%zu routes", distinct);
}

static int row_fill(struct text_row *row, const struct nc_check_result *r)
{
    char tmp[64];
    const char *addr = "-";
    size_t n = report_addr_count(r);

    row->check = cell_new(r->check->name, COL_CHECK_MAX);
    row->problem = problem_code(r->problem);
    if (row->problem == NULL)
        row->problem = "-";
    if (r->via_proxy) {
        addr = "via proxy"; /* the proxy connected; local answers unused */
    } else if (n == 1) {
        addr = result_addr_ip(&r->addrs[0], tmp, sizeof(tmp));
    } else if (n > 1) {
        (void)nc_snprintf(tmp, sizeof(tmp), "%zu addresses", n);
        addr = tmp;
    }
    row->addr = cell_new(addr, COL_ADDR_MAX);
    row_route(r, row->route, sizeof(row->route));
    format_ms(row->time, sizeof(row->time), r->t.total);
    if (row->check == NULL || row->addr == NULL)
        return NC_ENOMEM;
    return 0;
}

static void rows_free(struct text_row *rows, size_t n)
{
    size_t i;

    if (rows == NULL)
        return;
    for (i = 0; i < n; i++) {
        nc_free(rows[i].check);
        nc_free(rows[i].addr);
    }
    nc_free(rows);
}

static size_t max_size(size_t a, size_t b)
{
    return a > b ? a : b;
}

/* The line under a wildcard's row: what was tested, and that it was a
 * sample, so nobody reads a pass as "every name under it works". A skipped
 * wildcard gets none: nothing was tested. */
static int put_sample_note(const struct text_ctx *t, const struct nc_check *c,
                           const char *indent)
{
    int rc;

    fputs(indent, t->out);
    rc = put_clean(t->out, c->rule);
    if (rc == 0) {
        fputs(" tested through the sample host ", t->out);
        rc = put_clean(t->out, c->host);
    }
    fputs(" only\n", t->out);
    return rc;
}

/* "/etc/hosts:3, 4" for the addresses of r that came from the hosts
 * file (cleaned later); false when none did. */
static bool hosts_lines(const struct nc_check_result *r, char *buf, size_t n)
{
    size_t i, j, count = report_addr_count(r), used;
    const char *file = NULL;

    buf[0] = '\0';
    for (i = 0; i < count; i++) {
        const struct nc_addr_result *a = &r->addrs[i];
        bool dup = false;

        if (a->source != NC_ADDR_SOURCE_HOSTS)
            continue;
        for (j = 0; j < i; j++)
            dup = dup || (r->addrs[j].source == NC_ADDR_SOURCE_HOSTS &&
                          r->addrs[j].source_line == a->source_line);
        if (dup)
            continue;
        used = strlen(buf);
        if (file == NULL) {
            file = a->source_file != NULL ? a->source_file : "hosts file";
            (void)nc_snprintf(buf + used, n - used, "%s:%u", file,
                              a->source_line);
        } else {
            (void)nc_snprintf(buf + used, n - used, ", %u", a->source_line);
        }
    }
    return file != NULL;
}

/* The line under a row whose addresses the hosts file gave: a pass (or a
 * failure) that DNS had no part in. */
static int put_hosts_note(const struct text_ctx *t,
                          const struct nc_check_result *r)
{
    char lines[320];

    if (r->via_proxy || !hosts_lines(r, lines, sizeof(lines)))
        return 0;
    fputs("  `- address from ", t->out);
    if (put_clean(t->out, lines) != 0)
        return NC_ENOMEM;
    fputs(" (hosts file, not DNS)\n", t->out);
    return 0;
}

/* The resolver returned more addresses than a check keeps: say so under
 * the row, pass or fail, so a dropped address is never silent. */
static void put_cap_note(const struct text_ctx *t,
                         const struct nc_check_result *r)
{
    char note[96];

    if (!report_addrs_capped(r, note, sizeof(note)))
        return;
    fprintf(t->out, "  `- %s (the first %d of each family)\n", note,
            NC_MAX_ADDRS_PER_FAMILY);
}

/* The line under a row whose proxy is not the run's own: a check the
 * bypass list (or NO_PROXY) sent direct, or one a PAC file sent its own
 * way; the reason is the setting that decided it. */
static int put_proxy_note(const struct text_ctx *t, const struct nc_run *run,
                          const struct nc_check_result *r)
{
    bool own = r->via_proxy && r->pac_answer[0] == '\0' &&
               strcmp(r->proxy, run->proxy_url) == 0;

    /* A check the PAC file failed for went nowhere: its detail says so. */
    if (r->proxy_reason[0] == '\0' || own || r->status == NC_STATUS_SKIP ||
        r->problem == NC_PROBLEM_PROXY_PAC_FAILED)
        return 0;
    fputs(r->via_proxy ? "  `- via " : "  `- direct: ", t->out);
    if (r->via_proxy && put_clean(t->out, r->proxy) != 0)
        return NC_ENOMEM;
    if (r->via_proxy)
        fputs(": ", t->out);
    if (put_clean(t->out, r->proxy_reason) != 0)
        return NC_ENOMEM;
    fputc('\n', t->out);
    return 0;
}

static int table_write(const struct text_ctx *t, const struct nc_run *run)
{
    struct text_row *rows;
    size_t w_check = strlen("CHECK"), w_status = strlen("STATUS");
    size_t w_problem = strlen("PROBLEM"), w_addr = strlen("ADDRESS");
    size_t w_route = strlen("ROUTE");
    size_t i, n = run->n_results;
    int rc = 0;

    rows = nc_calloc(n, sizeof(*rows));
    if (rows == NULL)
        return NC_ENOMEM;
    for (i = 0; i < n; i++) {
        rc = row_fill(&rows[i], &run->results[i]);
        if (rc != 0)
            goto out;
        w_check = max_size(w_check, report_utf8_width(rows[i].check));
        w_status =
            max_size(w_status, strlen(status_name(run->results[i].status)));
        w_problem = max_size(w_problem, strlen(rows[i].problem));
        w_addr = max_size(w_addr, report_utf8_width(rows[i].addr));
        w_route = max_size(w_route, strlen(rows[i].route));
    }

    if (t->color)
        fputs(C_BOLD, t->out);
    fprintf(t->out,
            "%-*s" COL_GAP "%-*s" COL_GAP "%-*s" COL_GAP "%-*s" COL_GAP
            "%-*s" COL_GAP "TIME",
            (int)w_check, "CHECK", (int)w_status, "STATUS", (int)w_problem,
            "PROBLEM", (int)w_addr, "ADDRESS", (int)w_route, "ROUTE");
    if (t->color)
        fputs(C_RESET, t->out);
    fputc('\n', t->out);

    for (i = 0; i < n; i++) {
        const struct nc_check_result *r = &run->results[i];
        const char *st = status_name(r->status);

        fputs(rows[i].check, t->out);
        put_pad(t->out, w_check - report_utf8_width(rows[i].check));
        fputs(COL_GAP, t->out);
        put_colored(t, st, color_of(t, r->status));
        put_pad(t->out, w_status - strlen(st));
        fputs(COL_GAP, t->out);
        fputs(rows[i].problem, t->out);
        put_pad(t->out, w_problem - strlen(rows[i].problem));
        fputs(COL_GAP, t->out);
        fputs(rows[i].addr, t->out);
        put_pad(t->out, w_addr - report_utf8_width(rows[i].addr));
        fputs(COL_GAP, t->out);
        (void)put_clean(t->out, rows[i].route);
        put_pad(t->out, w_route - strlen(rows[i].route));
        fputs(COL_GAP, t->out);
        fputs(rows[i].time, t->out);
        fputc('\n', t->out);
        if (r->check->rule != NULL && r->status != NC_STATUS_SKIP) {
            rc = put_sample_note(t, r->check, "  `- ");
            if (rc != 0)
                goto out;
        }
        rc = put_hosts_note(t, r);
        if (rc == 0)
            rc = put_proxy_note(t, run, r);
        if (rc != 0)
            goto out;
        put_cap_note(t, r);
    }
out:
    rows_free(rows, n);
    return rc;
}

/* "  label:    text\n", text cleaned; nothing when text is empty. */
static int put_field(const struct text_ctx *t, const char *label,
                     const char *text)
{
    int rc;

    if (text == NULL || text[0] == '\0')
        return 0;
    fprintf(t->out, "  %-10s ", label);
    rc = put_clean(t->out, text);
    fputc('\n', t->out);
    return rc;
}

static int addrs_write(const struct text_ctx *t,
                       const struct nc_check_result *r)
{
    size_t i, w_ip = 0, n = report_addr_count(r);
    char cap[96], ip[NC_ADDRSTRLEN];
    int rc = 0;

    for (i = 0; i < n; i++)
        w_ip = max_size(w_ip,
                        strlen(result_addr_ip(&r->addrs[i], ip, sizeof(ip))));
    fprintf(t->out, "  %-10s %zu of %zu failed",
            "addresses:", report_addrs_failed(r), n);
    if (report_addrs_capped(r, cap, sizeof(cap)))
        fprintf(t->out, " (%s)", cap);
    fputc('\n', t->out);
    for (i = 0; i < n && rc == 0; i++) {
        const struct nc_addr_result *a = &r->addrs[i];
        const char *code = problem_code(a->problem);

        fputs("    ", t->out);
        rc = put_clean(t->out, result_addr_ip(a, ip, sizeof(ip)));
        put_pad(t->out, w_ip - strlen(ip));
        fputs(COL_GAP, t->out);
        put_colored(t, status_name(a->status), color_of(t, a->status));
        if (code != NULL)
            fprintf(t->out, COL_GAP "%s", code);
        if (rc == 0 && a->source == NC_ADDR_SOURCE_HOSTS) {
            char from[320];

            (void)nc_snprintf(from, sizeof(from), COL_GAP "(from %s:%u)",
                              a->source_file != NULL ? a->source_file
                                                     : "hosts file",
                              a->source_line);
            rc = put_clean(t->out, from);
        }
        if (a->route.found) {
            char rt[80];

            route_cell(&a->route, rt, sizeof(rt));
            fputs(COL_GAP "[", t->out);
            (void)put_clean(t->out, rt);
            fputc(']', t->out);
        }
        if (rc == 0 && result_addr_detail(a)[0] != '\0') {
            fputs(COL_GAP, t->out);
            rc = put_clean(t->out, result_addr_detail(a));
        }
        fputc('\n', t->out);
    }
    return rc;
}

static int cnames_write(const struct text_ctx *t,
                        const struct nc_check_result *r)
{
    size_t i, n = report_cname_count(r);
    int rc = 0;

    if (n == 0)
        return 0;
    fprintf(t->out, "  %-10s ", "cnames:");
    for (i = 0; i < n && rc == 0; i++) {
        if (i > 0)
            fputs(" -> ", t->out);
        rc = put_clean(t->out, r->cnames[i]);
    }
    fputc('\n', t->out);
    return rc;
}

static int block_write(const struct text_ctx *t,
                       const struct nc_check_result *r)
{
    const struct nc_check *c = r->check;
    const char *code = problem_code(r->problem);
    const char *detail = r->detail;
    int rc;

    fputc('\n', t->out);
    rc = put_clean(t->out, c->name);
    if (rc != 0)
        return rc;
    fputs(": ", t->out);
    put_colored(t, status_name(r->status), color_of(t, r->status));
    if (code != NULL)
        fprintf(t->out, " %s", code);
    if (!c->required)
        fputs(" (optional check)", t->out);
    fputc('\n', t->out);

    rc = put_field(t, "url:", c->url);
    if (rc == 0 && c->rule != NULL && r->status != NC_STATUS_SKIP) {
        fprintf(t->out, "  %-10s ", "sample:");
        rc = put_sample_note(t, c, "");
    }
    if (rc == 0 && r->status == NC_STATUS_SKIP) {
        if (detail[0] == '\0' && c->skip_reason != NULL)
            detail = c->skip_reason;
        rc = put_field(t, "reason:", detail);
    } else if (rc == 0) {
        rc = put_field(t, "detail:", detail);
    }
    if (rc == 0)
        rc = put_field(t, "action:", r->action);
    if (rc == 0)
        rc = cnames_write(t, r);
    if (rc == 0 && report_addr_count(r) > 1 && report_addrs_failed(r) > 0)
        rc = addrs_write(t, r);
    return rc;
}

/* Which region's sample hosts were tested, and how to choose another. */
static int region_write(const struct text_ctx *t, const struct nc_run *run)
{
    const struct nc_profile *p = report_region_profile(run->plan);
    int rc;

    if (p == NULL)
        return 0;
    fputs("region: ", t->out);
    rc = put_clean(t->out, p->region);
    if (rc == 0 && p->region_default) {
        /* A built-in lists its regions with "netcheck profiles NAME"; a
         * file in its own [region] sections. */
        bool builtin =
            p->source != NULL && strncmp(p->source, "builtin:", 8) == 0;

        fputs(builtin ? " (default; choose another with --region, see "
                        "'netcheck profiles "
                      : " (default; choose another with --region, see the "
                        "[region] sections of ",
              t->out);
        rc = put_clean(t->out, builtin ? p->source + 8 : p->source);
        fputs(builtin ? "')\n" : ")\n", t->out);
    } else if (rc == 0) {
        fputs(" (--region)\n", t->out);
    }
    return rc;
}

/* A check of a shared cause: one line that points at the cause, instead
 * of a block repeating its detail and action. Consecutive ones are not
 * separated by blank lines. When the cause covers every failure, the table
 * rows say all there is and the checks get no line at all. */
static int folded_write(const struct text_ctx *t,
                        const struct nc_check_result *r,
                        const struct rootcause_list *causes, size_t num,
                        bool after_folded)
{
    const char *code = problem_code(r->problem);
    int rc;

    if (causes->all)
        return 0;
    if (!after_folded)
        fputc('\n', t->out);
    rc = put_clean(t->out, r->check->name);
    fputs(": ", t->out);
    put_colored(t, status_name(r->status), color_of(t, r->status));
    if (code != NULL)
        fprintf(t->out, " %s", code);
    if (!r->check->required)
        fputs(" (optional check)", t->out);
    fprintf(t->out, ": see cause %zu above\n", num);
    return rc;
}

/* The shared causes, first: the sentence, the code, the checks (unless
 * the cause covers every failure) and the one action. */
static int causes_write(const struct text_ctx *t, const struct nc_run *run,
                        const struct rootcause_list *causes)
{
    char line[600];
    size_t k, j;
    int rc = 0;

    for (k = 0; k < causes->n && rc == 0; k++) {
        const struct rootcause *c = &causes->v[k];

        rootcause_sentence(causes, k, line, sizeof(line));
        if (t->color)
            fputs(C_BOLD, t->out);
        if (!causes->all)
            fprintf(t->out, "cause %zu: ", k + 1);
        rc = put_clean(t->out, line);
        if (t->color)
            fputs(C_RESET, t->out);
        fputc('\n', t->out);
        if (rc == 0)
            rc = put_field(t, "problem:", problem_code(c->problem));
        if (rc == 0 && !causes->all) {
            fprintf(t->out, "  %-10s ", "checks:");
            for (j = 0; j < c->n_checks && rc == 0; j++) {
                if (j > 0)
                    fputs(", ", t->out);
                rc = put_clean(t->out, run->results[c->checks[j]].check->name);
            }
            fputc('\n', t->out);
        }
        if (rc == 0)
            rc = put_field(t, "action:", c->action);
    }
    if (causes->n > 0)
        fputc('\n', t->out);
    return rc;
}

static int header_write(const struct text_ctx *t, const struct nc_run *run)
{
    size_t i;
    int rc = 0;

    if (run->plan != NULL && run->plan->n_profiles > 0) {
        fputs(run->plan->n_profiles > 1 ? "profiles: " : "profile: ", t->out);
        for (i = 0; i < run->plan->n_profiles && rc == 0; i++) {
            const struct nc_profile *p = run->plan->profiles[i];

            if (i > 0)
                fputs(", ", t->out);
            rc = put_clean(t->out, p != NULL ? p->name : NULL);
        }
        fputc('\n', t->out);
    }
    if (rc == 0)
        rc = region_write(t, run);
    if (rc == 0 && run->proxy_source != NC_PROXY_SOURCE_NONE) {
        fputs("proxy: ", t->out);
        rc = put_clean(t->out,
                       run->proxy_url[0] != '\0' ? run->proxy_url : "none");
        fprintf(t->out, " (from %s)", proxy_source_name(run->proxy_source));
        if (rc == 0)
            rc = identity_write(t->out, &run->proxy_identity);
        fputc('\n', t->out);
    }
    if (rc == 0 && run->resolution.set) {
        fputs("resolution: ", t->out);
        rc = put_clean(t->out, run->resolution.note);
        fputc('\n', t->out);
    }
    fputc('\n', t->out);
    return rc;
}

static void summary_write(const struct text_ctx *t, const struct nc_run *run)
{
    const struct nc_summary *s = &run->summary;
    char clk[300];

    if (report_clock_warning(&run->clock, clk, sizeof(clk))) {
        fputs("\nwarning: clock_skew: ", t->out);
        (void)put_clean(t->out, clk);
        fputc('\n', t->out);
    }
    fputs("\nverdict: ", t->out);
    put_colored(t, s->pass ? "PASS" : "FAIL",
                color_of(t, s->pass ? NC_STATUS_PASS : NC_STATUS_FAIL));
    fprintf(t->out,
            " - %zu %s: %zu passed, %zu failed, %zu warned, %zu skipped\n",
            s->total, s->total == 1 ? "check" : "checks", s->passed, s->failed,
            s->warned, s->skipped);
}

int report_text_body(FILE *out, const struct nc_run *run,
                     const struct rootcause_list *causes,
                     const struct report_style *style)
{
    struct text_ctx t = {out, style != NULL && style->color};
    bool folded = false;
    size_t i, num;
    int rc;

    rc = header_write(&t, run);
    if (rc == 0)
        rc = causes_write(&t, run, causes);
    if (rc == 0)
        rc = table_write(&t, run);
    for (i = 0; i < run->n_results && rc == 0; i++) {
        if (run->results[i].status == NC_STATUS_PASS)
            continue;
        num = rootcause_of(causes, i);
        if (num > 0)
            rc = folded_write(&t, &run->results[i], causes, num, folded);
        else
            rc = block_write(&t, &run->results[i]);
        folded = num > 0;
    }
    if (rc != 0)
        return rc;
    summary_write(&t, run);
    return ferror(out) ? NC_EIO : 0;
}

#ifdef NETCHECK_UNITTESTS
int report_text_write(FILE *out, const struct nc_run *run,
                      const struct report_style *style)
{
    return report_run_walk(out, run, style, report_text_body);
}
#endif

bool report_color_wanted(bool is_tty, const char *no_color, const char *term)
{
    if (!is_tty)
        return false;
    if (no_color != NULL && no_color[0] != '\0')
        return false;
    return term == NULL || strcmp(term, "dumb") != 0;
}
