/* netcheck run's options: the table, the help and the parsing into one
 * struct run_opts (no globals, STYLE: struct nc_opts). */
#ifndef NC_RUN_ARGS_H
#define NC_RUN_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "probe.h"
#include "report.h"
#include "run_proxy.h"

#define RUN_DEFAULT_PROFILE "azure-backup-mars"
#define RUN_MAX_SOURCES     64
#define RUN_STDIN_NAME      "<stdin>"
#define RUN_MAX_ONLY        64

struct run_source {
    bool allowlist;
    const char *arg;
};

/* One invocation's options; no globals (STYLE: struct nc_opts). */
struct run_opts {
    struct run_source sources[RUN_MAX_SOURCES];
    size_t n_sources;
    struct probe_opts probe;
    enum nc_format format;
    const char *output;
    bool quiet;
    struct run_proxy_opts px; /* proxy and user strings owned (copied) */
    const char *service_tags; /* --service-tags FILE */
    const char *region;       /* --region NAME, or NULL: each default */
    const char *baseline;     /* --baseline FILE: the output is the diff */
    const char *save;         /* --save FILE: the run's JSON report too */
    const char *only[RUN_MAX_ONLY]; /* --only PATTERN, as given */
    size_t n_only;
    bool verbose; /* -v: each check's stages on stderr */
};

/*! Parse run's command line into o (set to its defaults first).
 *  \return 0, 1 after --help or --version, or -1 for a usage error (said
 *  on stderr) */
int run_args_parse(int argc, char **argv, struct run_opts *o);

#endif
