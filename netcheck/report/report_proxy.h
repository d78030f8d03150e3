/* The proxy view of `netcheck proxy`: where proxy settings come from, which
 * one is in force, and what each URL would go through, in text or JSON.
 * The caller fills the view (every value already stripped of passwords);
 * the writers only print it, from one walk per format. */
#ifndef NC_REPORT_PROXY_H
#define NC_REPORT_PROXY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report.h"
#include "result.h"

#define REPORT_PROXY_MAX_SETS 8

/* One variable a source sets, as shown (a URL without its password). */
struct report_proxy_set {
    const char *var;
    char value[512];
};

/* One row of the sources table. */
struct report_proxy_source {
    const char *name; /* "caller environment", "manager", ... */
    const char *path; /* file or process, or "" */
    bool in_force;
    bool service_sees; /* what a system service gets at all */
    struct report_proxy_set sets[REPORT_PROXY_MAX_SETS];
    size_t n_sets;
};

/* The decision for one URL. */
struct report_proxy_url {
    const char *url;
    const char *proxy;        /* NULL: direct */
    char no_proxy_match[256]; /* the NO_PROXY entry that bypassed, or "" */
};

/* A warning, shaped as run's JSON warnings: {"code"?, "detail"}. */
struct report_proxy_warning {
    const char *code; /* stable identifier, or NULL */
    const char *detail;
};

struct report_proxy_view {
    const struct report_proxy_source *sources;
    size_t n_sources;
    enum nc_proxy_source source; /* the one in force */
    const char *http, *https;    /* proxy per scheme, NULL: direct */
    const char *no_proxy;        /* NULL: none */
    const char *systemd;         /* "dbus", "files", or NULL: not read */
    const struct report_proxy_url *urls;
    size_t n_urls;
    const struct report_proxy_warning *warnings;
    size_t n_warnings;
};

/*! Write the view as text or JSON (schema NC_JSON_SCHEMA, with "version";
 *  README), then check out for errors.
 *  \return 0, NC_ENOMEM, NC_EIO, or NC_EINVAL for another format */
int report_proxy_write(enum nc_format fmt, FILE *out,
                       const struct report_proxy_view *v);

#endif
