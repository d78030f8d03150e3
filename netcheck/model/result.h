/* What a run found: filled by the engine through verdict.c, read by the
 * report writers. Plain data, no I/O. */
#ifndef NC_RESULT_H
#define NC_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#include "cidr.h"
#include "nc.h"
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

/* Addresses kept and probed per family: a longer answer keeps its first
 * 64 of each, counts the rest (addrs_total) and the report names the cap
 * ("probed 64 of 100 addresses"). Generous, so that a real service's
 * answer (a dozen addresses) is never cut, and a ceiling all the same. */
#define NC_MAX_ADDRS_PER_FAMILY 64
#define NC_MAX_ADDRS            (2 * NC_MAX_ADDRS_PER_FAMILY)
#define NC_MAX_CNAMES           8
#define NC_MAX_CNAME_LEN        255

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

/* One per address of every check (a run may hold 100,000 checks): the
 * pointers and 8-byte numbers first, then the 4-byte ones, the texts and
 * flags last, so that no padding comes between them (200 bytes, one
 * 208-byte malloc chunk for a one-address check). */
struct nc_addr_result {
    const char *source_file; /* borrowed, lives as long as the run */
    /* This address's own problem, "" when it passed: a text of the check
     * result that holds the address (result_printf on it, up to
     * NC_ADDR_DETAIL_MAX - 1 bytes), freed by result_release. NULL in a
     * zeroed entry; read it with result_addr_detail. */
    char *detail;
    /* Most specific Azure service tag, its region and service: borrowed
     * from the service tags index, which lives as long as the run; NULL
     * none. */
    const char *tag, *tag_region, *tag_service;
    long http_status; /* 0: no response */
    struct nc_timings t;
    struct nc_addr addr;
    enum nc_addr_source source;
    unsigned source_line;  /* with NC_ADDR_SOURCE_HOSTS */
    enum nc_status status; /* PASS or FAIL */
    enum nc_problem problem;
    int in_ranges;         /* -1 no range rule, 0 outside, 1 inside */
    struct nc_route route; /* the kernel's route to it (found: looked up) */
    bool tag_miss;         /* outside because of the check's service_tag */
    bool informational;    /* a local answer for a proxied check: not used */
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

/* The longest a check's texts get (result_printf cuts there, as the
 * fixed arrays they replace did). */
#define NC_DETAIL_MAX       512
#define NC_ACTION_MAX       256
#define NC_DNS_SERVER_MAX   128
#define NC_PAC_ANSWER_MAX   300
#define NC_PROXY_REASON_MAX 320
#define NC_PROXY_MAX        300
#define NC_ADDR_DETAIL_MAX  256
#define NC_PROXY_AUTH_MAX   6
#define NC_PROXY_AUTH_LEN   16

/* One per check of a run (100,000 make an array of 17 MB): the 4-byte
 * fields and the flags first, then the pointers, so that no padding comes
 * between them; the counts are unsigned, their ceilings small. */
struct nc_check_result {
    const struct nc_check *check; /* borrowed from the plan */
    enum nc_status status;
    enum nc_problem problem;
    /* Addresses: n_addrs of cap_addrs, at most NC_MAX_ADDRS_PER_FAMILY of
     * each family; addrs_total counts what the resolver returned, kept or
     * not (0: the same as n_addrs). */
    unsigned n_addrs, cap_addrs;
    unsigned addrs_total;
    unsigned n_cnames;     /* at most NC_MAX_CNAMES */
    unsigned n_proxy_auth; /* at most NC_PROXY_AUTH_MAX */
    bool oom; /* a text could not be stored: the run is out of memory */
    bool via_proxy;
    /* Texts sized to what they say: owned heap strings, written only with
     * result_printf/result_appendf/result_text_clear. Never NULL once the
     * result is initialised (result_init): "" until set, shared. */
    char *detail; /* up to NC_DETAIL_MAX - 1 bytes */
    char *action; /* up to NC_ACTION_MAX - 1 */
    /* Owned, grown as addresses come (result_addr_add); released by
     * result_release. */
    struct nc_addr_result *addrs;
    char **cnames; /* owned, CNAME chain, first hop first */
    /* Schemes the proxy offered in a 407, owned, n_proxy_auth of them
     * (each cut at NC_PROXY_AUTH_LEN - 1 bytes): NULL for the checks no
     * proxy asked to authenticate, which are most. Added with
     * result_proxy_auth_add. */
    char (*proxy_auth)[NC_PROXY_AUTH_LEN];
    /* The certificate chain of the address that decided, owned; NULL when
     * no TLS handshake was seen (read it with result_tls). */
    struct nc_tls_info *tls;
    long http_status;  /* of the address that decided the verdict; 0 none */
    long proxy_status; /* CONNECT code, 0 when no proxy */
    struct nc_timings t;
    /* Who the failure points at, for rootcause.c: the resolvers the name
     * was asked of (verdict_dns; "" when no query was made) and the proxy
     * the check went through (verdict_proxy; "" direct), never with
     * credentials. */
    char *dns_server; /* up to NC_DNS_SERVER_MAX - 1, as detail */
    char *proxy;      /* up to NC_PROXY_MAX - 1, as detail */
    /* What a PAC file or WPAD answered for the URL (Windows --as-system):
     * "PROXY h:p", "DIRECT", "failed: ..."; "" when none was asked. Up to
     * NC_PAC_ANSWER_MAX - 1, as detail. */
    char *pac_answer;
    /* Why the check went through its proxy or around it: "from
     * https_proxy", "NO_PROXY entry '.x'", "bypass list entry '*.x'
     * (WinINet)", "PAC file: PROXY h:p"; "" when no proxy was in force.
     * Up to NC_PROXY_REASON_MAX - 1, as detail. */
    char *proxy_reason;
};

/*! Zero r and make it check c's, its texts "" (the shared empty string,
 *  never written to). */
void result_init(struct nc_check_result *r, const struct nc_check *c);

/*! Set one of r's texts (field: &r->detail, &r->action, ...) to the
 *  formatted string, cut to max - 1 bytes, in a heap copy of its own size.
 *  On failure the text is left as it was and r->oom set.
 *  \return 0 or NC_ENOMEM */
int result_printf(struct nc_check_result *r, char **field, size_t max,
                  const char *fmt, ...) NC_PRINTF(4, 5);

/*! Append to one of r's texts, as result_printf.
 *  \return 0 or NC_ENOMEM */
int result_appendf(struct nc_check_result *r, char **field, size_t max,
                   const char *fmt, ...) NC_PRINTF(4, 5);

/*! Make one of r's texts "" again, freeing its copy. */
void result_text_clear(char **field);

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

/*! Append a zeroed address (in_ranges -1, timings -1) to r, growing its
 *  array; the result owns it.
 *  \return the new entry, or NULL when out of memory or at NC_MAX_ADDRS */
struct nc_addr_result *result_addr_add(struct nc_check_result *r);

/*! Make room for n addresses in all, so a known count costs no more than
 *  it needs.  \return 0, NC_ENOMEM or NC_ELIMIT (over NC_MAX_ADDRS) */
int result_addrs_reserve(struct nc_check_result *r, size_t n);

/*! a's address as text ("203.0.113.7", "2001:db8::1") into buf, n bytes
 *  (NC_ADDRSTRLEN suffice); "" for a zeroed entry. Made when read rather
 *  than kept in every address.  \return buf */
const char *result_addr_ip(const struct nc_addr_result *a, char *buf, size_t n);

/*! a's detail, "" when it has none (NULL: a zeroed entry). */
const char *result_addr_detail(const struct nc_addr_result *a);

/*! How many addresses the resolver returned: addrs_total, at least
 *  n_addrs. */
size_t result_addrs_total(const struct nc_check_result *r);

/*! Append a copy of name (cut at NC_MAX_CNAME_LEN bytes) to the CNAME
 *  chain.  \return 0, NC_ENOMEM or NC_ELIMIT (over NC_MAX_CNAMES) */
int result_cname_add(struct nc_check_result *r, const char *name);

/*! Append scheme (cut at NC_PROXY_AUTH_LEN - 1 bytes) to the schemes the
 *  proxy offered, growing r's array; r->oom when out of memory.
 *  \return 0, NC_ENOMEM or NC_ELIMIT (over NC_PROXY_AUTH_MAX) */
int result_proxy_auth_add(struct nc_check_result *r, const char *scheme);

/*! r's TLS facts; an empty one (present false) when it has none. */
const struct nc_tls_info *result_tls(const struct nc_check_result *r);

/*! Keep a copy of tls as r's, only when a handshake was seen (present):
 *  most failures never reach TLS, and the copy is about 1.2 KB.
 *  \return 0 or NC_ENOMEM */
int result_tls_set(struct nc_check_result *r, const struct nc_tls_info *tls);

/*! Free what r owns (addresses, names) and leave it empty; the check and
 *  the plain fields stay. NULL and half-built results are fine. */
void result_release(struct nc_check_result *r);

/*! Free the check's own texts and the schemes a proxy offered, and leave
 *  them empty; its addresses, names and TLS record stay (result_release
 *  frees those too). */
void result_texts_release(struct nc_check_result *r);

/*! result_release on each of run's results, then free the array. */
void run_results_free(struct nc_run *run);

/*! Count statuses and decide the verdict: pass only when every required
 *  check passed (a skipped required check is not a pass). */
void run_summarize(struct nc_run *run);

/*! Exit status for a finished run: 0 pass, 1 fail. */
int run_exit_status(const struct nc_run *run);

#endif
