#include "result.h"

static const char *const status_names[NC_STATUS_MAX] = {
    [NC_STATUS_PASS] = "pass",
    [NC_STATUS_FAIL] = "fail",
    [NC_STATUS_WARN] = "warn",
    [NC_STATUS_SKIP] = "skip",
};

const char *status_name(enum nc_status s)
{
    if ((unsigned)s >= NC_STATUS_MAX)
        return "unknown";
    return status_names[s];
}

static const char *const proxy_source_names[NC_PROXY_SOURCE_MAX] = {
    [NC_PROXY_SOURCE_NONE] = "none", [NC_PROXY_SOURCE_ENV] = "env",
    [NC_PROXY_SOURCE_FLAG] = "flag", [NC_PROXY_SOURCE_SYSTEM] = "system",
    [NC_PROXY_SOURCE_UNIT] = "unit",
};

const char *proxy_source_name(enum nc_proxy_source s)
{
    if ((unsigned)s >= NC_PROXY_SOURCE_MAX)
        return "unknown";
    return proxy_source_names[s];
}

static const char *const proxy_id_names[NC_PROXY_ID_MAX] = {
    [NC_PROXY_ID_NONE] = "none",
    [NC_PROXY_ID_USER] = "user",
    [NC_PROXY_ID_SYSTEM] = "system",
};

const char *proxy_id_name(enum nc_proxy_id k)
{
    if ((unsigned)k >= NC_PROXY_ID_MAX)
        return "unknown";
    return proxy_id_names[k];
}

static const char *const addr_source_names[NC_ADDR_SOURCE_MAX] = {
    [NC_ADDR_SOURCE_NONE] = NULL,
    [NC_ADDR_SOURCE_DNS] = "dns",
    [NC_ADDR_SOURCE_HOSTS] = "hosts",
    [NC_ADDR_SOURCE_LITERAL] = "literal",
};

const char *addr_source_name(enum nc_addr_source s)
{
    if ((unsigned)s >= NC_ADDR_SOURCE_MAX)
        return NULL;
    return addr_source_names[s];
}

void run_summarize(struct nc_run *run)
{
    struct nc_summary s = {0};
    size_t i;

    s.pass = true;
    for (i = 0; i < run->n_results; i++) {
        const struct nc_check_result *r = &run->results[i];

        s.total++;
        switch (r->status) {
        case NC_STATUS_PASS:
            s.passed++;
            break;
        case NC_STATUS_FAIL:
            s.failed++;
            break;
        case NC_STATUS_WARN:
            s.warned++;
            break;
        case NC_STATUS_SKIP:
        case NC_STATUS_MAX:
            s.skipped++;
            break;
        }
        /* A required check that did not pass (failed, or could not run)
         * means the path was not verified. */
        if (r->check->required && r->status != NC_STATUS_PASS)
            s.pass = false;
        if (r->status == NC_STATUS_FAIL)
            s.pass = false;
    }
    if (s.total == 0)
        s.pass = false;
    run->summary = s;
}

int run_exit_status(const struct nc_run *run)
{
    return run->summary.pass ? 0 : 1;
}
