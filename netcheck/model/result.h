/* What a run found: filled by the engine through verdict.c, read by the
 * report writers. Plain data, no I/O. */
#ifndef NC_RESULT_H
#define NC_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#include "cidr.h"
#include "problem.h"
#include "check.h"
#include "path.h"

enum nc_status {
    NC_STATUS_PASS = 0,
    NC_STATUS_FAIL,
    NC_STATUS_WARN, /* an optional check that failed */
    NC_STATUS_SKIP, /* could not run; never counted as passed */
    NC_STATUS_MAX
};

/*! "pass", "fail", "warn", "skip". */
const char *status_name(enum nc_status s);

#define NC_MAX_ADDRS_PER_FAMILY 4
#define NC_MAX_ADDRS            (2 * NC_MAX_ADDRS_PER_FAMILY)
#define NC_MAX_CNAMES           8

/* Milliseconds; a negative value means "not reached" (JSON null). */
struct nc_timings {
    double dns, connect, tls, first_byte, total;
};

/* Where an address came from. */
enum nc_addr_source {
    NC_ADDR_SOURCE_NONE = 0, /* not recorded */
    NC_ADDR_SOURCE_DNS,
    NC_ADDR_SOURCE_HOSTS,   /* the hosts file, see source_file:source_line */
    NC_ADDR_SOURCE_LITERAL, /* the check's host is an address */
    NC_ADDR_SOURCE_MAX
};

/*! "dns", "hosts", "literal"; NULL for NONE. */
const char *addr_source_name(enum nc_addr_source s);

struct nc_addr_result {
    struct nc_addr addr;
    char ip[NC_ADDRSTRLEN];
    enum nc_addr_source source;
    const char *source_file; /* borrowed, lives as long as the run */
    unsigned source_line;    /* with NC_ADDR_SOURCE_HOSTS */
    enum nc_status status;   /* PASS or FAIL */
    enum nc_problem problem;
    char detail[256];      /* this address's own problem, "" when it passed */
    int in_ranges;         /* -1 no range rule, 0 outside, 1 inside */
    bool tag_miss;         /* outside because of the check's service_tag */
    bool informational;    /* a local answer for a proxied check: not used */
    struct nc_route route; /* the kernel's route to it (found: looked up) */
    char tag[64];          /* most specific Azure service tag, "" none */
    char tag_region[32];
    char tag_service[48];
    long http_status; /* 0: no response */
    struct nc_timings t;
};

struct nc_tls_info {
    bool present;
    char subject[256];       /* leaf, RFC 2253 */
    char issuer[256];        /* leaf's issuer */
    char root[256];          /* the chain's top certificate */
    char root_cn[128];       /* its common name, for tls_issuers and details */
    char top_issuer_cn[128]; /* who signed the top: the missing CA when the
                                chain stops short of a root */
    bool root_self_signed;   /* the top is a root (self-issued) */
    bool leaf_self_signed;   /* the server sent a self-signed certificate */
    char not_before[24], not_after[24];  /* leaf, "YYYY-MM-DDTHH:MM:SSZ" */
    long long not_before_t, not_after_t; /* the same, seconds since 1970 */
    char version[16];                    /* "TLSv1.3" */
    char cipher[64];                     /* "TLS_AES_256_GCM_SHA384" */
};

struct nc_check_result {
    const struct nc_check *check; /* borrowed from the plan */
    enum nc_status status;
    enum nc_problem problem;
    char detail[512];
    char action[256];
    bool via_proxy;
    struct nc_addr_result addrs[NC_MAX_ADDRS];
    size_t n_addrs;
    char cnames[NC_MAX_CNAMES][256]; /* CNAME chain, first hop first */
    size_t n_cnames;
    long http_status;  /* of the address that decided the verdict; 0 none */
    long proxy_status; /* CONNECT code, 0 when no proxy */
    char proxy_auth[6][16]; /* schemes the proxy offered in a 407 */
    size_t n_proxy_auth;
    struct nc_tls_info tls;
    struct nc_timings t;
    /* Who the failure points at, for rootcause.c: the resolvers the name
     * was asked of (verdict_dns; "" when no query was made) and the proxy
     * the check went through (verdict_proxy; "" direct), never with
     * credentials. */
    char dns_server[128];
    char proxy[300];
    /* What a PAC file or WPAD answered for the URL (Windows --as-system):
     * "PROXY h:p", "DIRECT", "failed: ..."; "" when none was asked. */
    char pac_answer[300];
    /* Why the check went through its proxy or around it: "from
     * https_proxy", "NO_PROXY entry '.x'", "bypass list entry '*.x'
     * (WinINet)", "PAC file: PROXY h:p"; "" when no proxy was in force. */
    char proxy_reason[320];
};

enum nc_proxy_source {
    NC_PROXY_SOURCE_NONE = 0,
    NC_PROXY_SOURCE_ENV,
    NC_PROXY_SOURCE_FLAG,
    NC_PROXY_SOURCE_SYSTEM,
    NC_PROXY_SOURCE_UNIT,
    NC_PROXY_SOURCE_MAX
};

/*! "none", "env", "flag", "system", "unit". */
const char *proxy_source_name(enum nc_proxy_source s);

/* Who a run logs on to its proxy as (proxy/proxyid.h decides). */
enum nc_proxy_id {
    NC_PROXY_ID_NONE = 0, /* no credentials are sent */
    NC_PROXY_ID_USER,     /* --proxy-user's (or the proxy URL's) user */
    NC_PROXY_ID_SYSTEM,   /* the SYSTEM account's own Windows logon (SSPI) */
    NC_PROXY_ID_MAX
};

/*! "none", "user", "system". */
const char *proxy_id_name(enum nc_proxy_id k);

struct nc_proxy_identity {
    enum nc_proxy_id kind;
    char name[256]; /* the user or account; "" when none (never a password) */
    char note[512]; /* why this identity, or why not another; "" none */
};

struct nc_summary {
    size_t total, passed, failed, warned, skipped;
    bool pass; /* verdict: every required check passed */
};

/* The local clock against the HTTP Date of the endpoints that answered. */
#define NC_CLOCK_SKEW_WARN_S 60.0

/* Samples within this many seconds of the median agree with it. */
#define NC_CLOCK_AGREE_S 30.0

struct nc_clock {
    size_t sources; /* endpoints whose Date was used; 0: not measured */
    size_t agree;   /* of those, within NC_CLOCK_AGREE_S of the median */
    double skew_s;  /* median of (their clock - ours), seconds */
    bool warn;      /* |skew_s| > NC_CLOCK_SKEW_WARN_S, and agreed on */
};

/*! Median of n skew samples (sorted in place) and the warning decision:
 *  a warning needs at least two sources, a strict majority of them within
 *  NC_CLOCK_AGREE_S of the median, so one endpoint's wrong clock never
 *  blames ours. */
void clock_decide(double *samples, size_t n, struct nc_clock *out);

/*! Whether an HTTP Date (seconds since 1970) can be a real server's clock
 *  reading: from 2020 to 2099. Others (Date: ... 9999, 1970) are not
 *  samples at all. */
bool clock_date_plausible(long long date_s);

/* How names were resolved in this run, for the reports. */
struct nc_resolution {
    bool set;             /* filled by the caller; reports say nothing if not */
    bool dns_only;        /* --dns-server: no hosts file, no nsswitch.conf */
    char order[128];      /* nsswitch.conf's hosts services, "files dns" */
    char nsswitch[300];   /* "PATH:LINE" of that line; "" glibc's default */
    char hosts_file[300]; /* "" with dns_only */
    char note[512];       /* one sentence for people */
};

struct nc_run {
    const struct nc_plan *plan; /* borrowed */
    struct nc_resolution resolution;
    enum nc_proxy_source proxy_source;
    char proxy_url[512]; /* never holds a password; "" when none */
    struct nc_proxy_identity proxy_identity;
    struct nc_check_result *results; /* plan->n_checks of them */
    size_t n_results;
    struct nc_summary summary;
    struct nc_clock clock;
    double wall_ms;
    /* Who ran it and when, for reports gathered from many machines: the
     * machine's name (os/hostname.h; "" when unknown) and the wall clock
     * at the start and end of the checks, seconds since 1970 UTC (0: not
     * taken). Taken by the caller; the writers only format them. */
    char host[256];
    long long started_at, finished_at;
};

/*! Count statuses and decide the verdict: pass only when every required
 *  check passed (a skipped required check is not a pass). */
void run_summarize(struct nc_run *run);

/*! Exit status for a finished run: 0 pass, 1 fail. */
int run_exit_status(const struct nc_run *run);

#endif
