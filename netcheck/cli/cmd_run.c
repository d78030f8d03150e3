/* netcheck run: set up from the options and the plan, run the engine,
 * report (the options: run_args.c; the plan: run_plan.c). */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <sys/resource.h>
#endif
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "diff_out.h"
#include "msg.h"
#include "console.h"
#include "hostname.h"
#include "nc.h"
#include "probe.h"
#include "profile.h"
#include "report.h"
#include "route.h"
#include "hostreg.h"
#include "run_identity.h"
#include "run_proxy.h"
#include "run_resolve.h"
#include "run_winproxy.h"
#include "servicetags.h"
#include "str.h"

#include "run_args.h"
#include "run_plan.h"

/* Routes are looked up as the agent's uid gets them (ip rule uidrange):
 * the unit's User= with --unit, else the caller's. Service tags are loaded
 * once, before any check runs. */
static int run_paths_setup(struct run_opts *o, const char *unit_user,
                           struct route_ops *routes, struct servicetags **tags)
{
    struct nc_diag d;
    int r;

    memset(&d, 0, sizeof(d));
#ifdef _WIN32
    o->probe.route_uid = 0; /* routes do not depend on the user there */
#else
    o->probe.route_uid = getuid();
#endif
    if (unit_user[0] != '\0' &&
        route_uid_parse(unit_user, &o->probe.route_uid) < 0) {
        cli_err("unit user '%s' is unknown on this machine", unit_user);
        return NC_EXIT_USAGE;
    }
    if (route_netlink_open(routes) == 0)
        o->probe.routes = routes;
    if (o->service_tags != NULL) {
        r = servicetags_load_file(o->service_tags, tags, &d);
        if (r < 0) {
            cli_print_diag(&d);
            return r == NC_ENOMEM ? NC_EXIT_INTERNAL : NC_EXIT_USAGE;
        }
        o->probe.tags = *tags;
    }
    return 0;
}

static void run_progress(size_t done, size_t total, void *ud)
{
    (void)ud;
    fprintf(stderr, "\r\033[Kchecking: %zu/%zu done", done, total);
    if (done == total)
        fputs("\r\033[K", stderr);
    (void)fflush(stderr); /* buffered on a Windows console (os/console.h) */
}

/* Opened before the run: an unwritable -o is a usage error found at once,
 * not after every check has run. */
static int run_open_output(const struct run_opts *o, FILE **out)
{
    *out = NULL;
    if (o->output == NULL)
        return 0;
    *out = fopen(o->output, "we");
    if (*out == NULL) {
        cli_err("cannot write '%s': %s", o->output, strerror(errno));
        return NC_EXIT_USAGE;
    }
    return 0;
}

static int run_write_report(const struct run_opts *o, FILE *out,
                            const struct nc_run *run)
{
    struct report_style style;
    int r, rc = 0;

    style.color = false;
    if (out != NULL) {
        r = report_write(o->format, out, run, &style);
        if (fclose(out) != 0 || r < 0) {
            cli_err("cannot write '%s'", o->output);
            return NC_EXIT_INTERNAL;
        }
    }
    if (o->quiet || o->output != NULL)
        return 0;
    style.color = o->format == NC_FORMAT_TEXT &&
                  report_color_wanted(console_ansi(STDOUT_FILENO),
                                      getenv("NO_COLOR"), getenv("TERM"));
    r = report_write(o->format, stdout, run, &style);
    if (r < 0) {
        cli_err("cannot write the report: %s", nc_strerror(r));
        rc = NC_EXIT_INTERNAL;
    }
    return rc;
}

/* main lifted the soft open-file limit to the hard one; what is still
 * short of --parallel's sockets lowers --parallel, so that running out of
 * descriptors never looks like the network's fault. */
static void run_fit_parallel(struct run_opts *o)
{
#ifdef _WIN32 /* no descriptor limit */
    (void)o;
#else
    struct rlimit rl;
    unsigned fit;

    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return;
    fit =
        probe_parallel_fit(o->probe.parallel, (unsigned long long)rl.rlim_cur);
    if (fit == o->probe.parallel)
        return;
    if (!o->quiet)
        cli_err("warning: --parallel %u lowered to %u: the open-file limit "
                "is %llu (ulimit -n)",
                o->probe.parallel, fit, (unsigned long long)rl.rlim_cur);
    o->probe.parallel = fit;
#endif
}

/* One invocation's state, from the options to the report. */
struct run_ctx {
    struct run_opts o;
    struct nc_plan plan;
    struct nc_run run;
    struct proxycfg pcfg;
    struct route_ops routes;
    struct run_resolve rr;
    struct servicetags *tags;
    struct probe_pac *pac; /* Windows --as-system with a PAC file, or NULL */
    struct probe_proxy *pac_proxies; /* the engine's view of pcfg.pac */
    char unit_user[64]; /* the unit's User= with --unit, "" for root */
    char identity[600]; /* the proxy identity's phrase, for 407s */
    FILE *out;          /* -o FILE, or NULL */
    FILE *save;         /* --save FILE, or NULL */
    struct nc_snapshot *baseline; /* --baseline, read before any check */
};

static void run_ctx_init(struct run_ctx *x)
{
    memset(x, 0, sizeof(*x));
    x->o.probe.timeout_ms = PROBE_DEFAULT_TIMEOUT_MS;
    x->o.probe.connect_timeout_ms = PROBE_DEFAULT_CONNECT_TIMEOUT_MS;
    x->o.probe.parallel = PROBE_DEFAULT_PARALLEL;
}

static void run_ctx_release(struct run_ctx *x)
{
    if (x->out != NULL)
        (void)fclose(x->out);
    x->out = NULL;
    if (x->save != NULL)
        (void)fclose(x->save);
    x->save = NULL;
    snapshot_free(x->baseline);
    x->baseline = NULL;
    probe_results_free(&x->run);
    plan_release(&x->plan);
    proxycfg_release(&x->pcfg);
    route_netlink_close(&x->routes);
    run_resolve_release(&x->rr);
    servicetags_free(x->tags);
    x->tags = NULL;
    nc_free(x->pac);
    x->pac = NULL;
    nc_free(x->pac_proxies);
    x->pac_proxies = NULL;
    run_proxy_free_secret(x->o.px.proxy);
    run_proxy_free_secret(x->o.px.user);
}

/* The proxy in force, how names resolve, routes and service tags: all
 * decided before any check runs.  \return an exit status, 0 to go on */
static int run_setup(struct run_ctx *x)
{
    struct nc_diag d;
    int r;

    memset(&d, 0, sizeof(d));
    /* A SYSTEM service on Windows takes its proxy from the registry; the
     * flags still win over it, as over every source. */
    if (x->o.px.as_system && hostreg_live() && x->o.px.proxy == NULL &&
        !x->o.px.no_proxy) {
        r = run_winproxy_decide(&x->o.px, &x->plan, &x->pcfg, &x->pac, &d);
    } else if (x->o.px.as_system && hostreg_live()) {
        struct run_proxy_opts flags = x->o.px;

        flags.as_system = false; /* no systemd environment to read */
        r = run_proxy_decide(&flags, &x->pcfg, x->unit_user,
                             sizeof(x->unit_user), &d);
    } else {
        r = run_proxy_decide(&x->o.px, &x->pcfg, x->unit_user,
                             sizeof(x->unit_user), &d);
    }
    if (r == 0)
        r = run_resolve_setup(x->o.px.root, x->o.probe.dns_servers != NULL,
                              &x->rr, &x->run.resolution, &d);
    if (r < 0) {
        cli_print_diag(&d);
        return r == NC_ENOMEM ? NC_EXIT_INTERNAL : NC_EXIT_USAGE;
    }
    if (x->o.probe.dns_servers == NULL)
        x->o.probe.local = &x->rr.local;
    r = run_paths_setup(&x->o, x->unit_user, &x->routes, &x->tags);
    if (r == 0)
        r = run_plan_tags_known(&x->plan, x->tags);
    return r;
}

/* Say the proxy's traps on stderr and hand the decision to the engine and
 * the report.  \return an exit status, 0 to go on */
static int run_proxy_apply(struct run_ctx *x)
{
    size_t i;

    for (i = 0; i < x->pcfg.warnings.n && !x->o.quiet; i++)
        cli_err("warning: %s", x->pcfg.warnings.text[i]);
    if (!x->o.quiet && run_proxy_user_unused(&x->o.px, &x->pcfg))
        cli_err("warning: %s", RUN_PROXY_USER_UNUSED);
    proxycfg_to_probe(&x->pcfg, x->o.probe.proxy);
    x->o.probe.pac = x->pac;
    if (x->pcfg.n_pac > 0) {
        x->pac_proxies = nc_calloc(x->pcfg.n_pac, sizeof(*x->pac_proxies));
        if (x->pac_proxies == NULL) {
            cli_err("%s", nc_strerror(NC_ENOMEM));
            return NC_EXIT_INTERNAL;
        }
        proxycfg_pac_to_probe(&x->pcfg, x->pac_proxies);
        x->o.probe.pac_proxies = x->pac_proxies;
        x->o.probe.n_pac_proxies = x->pcfg.n_pac;
    }
    run_identity_decide(&x->o.px, &x->pcfg, &x->run.proxy_identity);
    run_identity_apply(&x->run.proxy_identity, x->identity, sizeof(x->identity),
                       x->o.probe.proxy, 2);
    run_identity_apply(&x->run.proxy_identity, x->identity, sizeof(x->identity),
                       x->pac_proxies, x->pcfg.n_pac);
    x->run.proxy_source = x->pcfg.source;
    (void)nc_strlcpy(x->run.proxy_url, proxycfg_display(&x->pcfg),
                     sizeof(x->run.proxy_url));
    return 0;
}

/* Run every check.  \return an exit status, 0 to go on */
static int run_execute(struct run_ctx *x)
{
    struct nc_diag d;
    int r;

    memset(&d, 0, sizeof(d));
    if (!x->o.quiet && console_ansi(STDERR_FILENO))
        x->o.probe.progress = run_progress;
    run_fit_parallel(&x->o);
    /* Who and when, for the reports (a fleet's reports are told apart by
     * them): the wall clock, not the monotonic one the engine times
     * with. */
    (void)os_hostname(x->run.host, sizeof(x->run.host));
    x->run.started_at = (long long)time(NULL);
    r = probe_run(&x->plan, &x->o.probe, &x->run, &d);
    x->run.finished_at = (long long)time(NULL);
    if (r == 0 && x->o.verbose &&
        report_trace_write(stderr, &x->run) == NC_EINVAL)
        r = NC_EINTERNAL;
    if (r == 0)
        return 0;
    if (d.msg[0] == '\0')
        nc_diag_set(&d, "", 0, "the check engine failed: %s", nc_strerror(r));
    cli_print_diag(&d);
    return r == NC_EPARSE || r == NC_EIO ? NC_EXIT_USAGE : NC_EXIT_INTERNAL;
}

/* --baseline and --save: the earlier report read, and both files opened,
 * before any check runs, so a bad one costs no run.  \return an exit
 * status, 0 to go on */
static int run_baseline_setup(struct run_ctx *x)
{
    int status = 0;

    if (x->o.baseline != NULL)
        status = diff_out_load(x->o.baseline, &x->baseline);
    if (status == 0 && x->o.save != NULL) {
        x->save = fopen(x->o.save, "we");
        if (x->save == NULL) {
            cli_err("cannot write '%s': %s", x->o.save, strerror(errno));
            status = NC_EXIT_USAGE;
        }
    }
    return status;
}

/* The run's JSON report into --save's file, whatever else is written. */
static int run_save(struct run_ctx *x)
{
    int r;

    if (x->save == NULL)
        return 0;
    r = report_write(NC_FORMAT_JSON, x->save, &x->run, NULL);
    if (fclose(x->save) != 0 || r < 0) {
        x->save = NULL;
        cli_err("cannot write '%s'", x->o.save);
        return NC_EXIT_INTERNAL;
    }
    x->save = NULL;
    return 0;
}

/* --baseline: the output is the comparison of the baseline with this run,
 * and so is the exit status (diff_out_emit). */
static int run_diff_emit(struct run_ctx *x)
{
    struct nc_snapshot *now = NULL;
    struct diff_out d;
    int r, status;

    r = report_snapshot_new(&x->run, "this run", &now);
    if (r != 0) {
        cli_err("cannot compare with '%s': %s", x->o.baseline, nc_strerror(r));
        return NC_EXIT_INTERNAL;
    }
    d.format = x->o.format;
    d.output = x->o.output;
    d.quiet = x->o.quiet;
    status = diff_out_emit(x->baseline, now, &d, x->out);
    x->out = NULL; /* closed by diff_out_emit */
    snapshot_free(now);
    return status;
}

int cmd_run(int argc, char **argv)
{
    struct run_ctx x;
    int r, status;

    run_ctx_init(&x);
    r = run_args_parse(argc, argv, &x.o);
    if (r != 0) {
        status = r > 0 ? NC_EXIT_PASS : NC_EXIT_USAGE;
        goto out;
    }
    status = run_baseline_setup(&x);
    if (status == 0)
        status = run_plan_build(&x.o, &x.plan);
    if (status == 0)
        status = run_setup(&x);
    if (status != 0)
        goto out;
    status = run_proxy_apply(&x);
    if (status == 0)
        status = run_open_output(&x.o, &x.out);
    if (status == 0)
        status = run_execute(&x);
    if (status == 0)
        status = run_save(&x);
    if (status != 0)
        goto out;
    if (x.baseline != NULL) {
        status = run_diff_emit(&x);
        goto out;
    }
    status = run_write_report(&x.o, x.out, &x.run);
    x.out = NULL; /* closed by run_write_report */
    if (status == 0)
        status = run_exit_status(&x.run) ? NC_EXIT_FAIL : NC_EXIT_PASS;
out:
    run_ctx_release(&x);
    return status;
}

#ifdef NETCHECK_UNITTESTS
/* The option parsing of `run` alone (tests/fuzz/fuzz_cli.c): nothing is
 * loaded, resolved or probed. */
int cmd_run_parse_only(int argc, char **argv)
{
    struct run_ctx x;
    int r;

    run_ctx_init(&x);
    r = run_args_parse(argc, argv, &x.o);
    run_ctx_release(&x);
    return r;
}
#endif
