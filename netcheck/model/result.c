#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nc.h"
#include "result.h"
#include "str.h"

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

/* The empty text every result starts with; never written (result_printf
 * replaces the pointer, never the bytes). */
static char result_empty[1];

static void result_addr_init(struct nc_addr_result *ar)
{
    memset(ar, 0, sizeof(*ar));
    ar->detail = result_empty;
    ar->in_ranges = -1;
    ar->t.dns = ar->t.connect = ar->t.tls = ar->t.first_byte = ar->t.total = -1;
}

int result_addrs_reserve(struct nc_check_result *r, size_t n)
{
    struct nc_addr_result *p;

    if (n > NC_MAX_ADDRS)
        return NC_ELIMIT;
    if (n <= r->cap_addrs)
        return 0;
    p = nc_realloc(r->addrs, n * sizeof(*p));
    if (p == NULL)
        return NC_ENOMEM;
    r->addrs = p;
    r->cap_addrs = (unsigned)n; /* at most NC_MAX_ADDRS */
    return 0;
}

struct nc_addr_result *result_addr_add(struct nc_check_result *r)
{
    struct nc_addr_result *ar;

    if (r->n_addrs >= NC_MAX_ADDRS)
        return NULL;
    /* Doubling from one: most checks have one or two addresses. */
    if (r->n_addrs == r->cap_addrs) {
        size_t want = r->cap_addrs == 0 ? 1 : 2 * r->cap_addrs;

        if (want > NC_MAX_ADDRS)
            want = NC_MAX_ADDRS;
        if (result_addrs_reserve(r, want) < 0)
            return NULL;
    }
    ar = &r->addrs[r->n_addrs++];
    result_addr_init(ar);
    return ar;
}

const char *result_addr_ip(const struct nc_addr_result *a, char *buf, size_t n)
{
    if (a->addr.family == 4 || a->addr.family == 6)
        nc_addr_format(&a->addr, buf, n);
    else if (n > 0)
        buf[0] = '\0';
    return buf;
}

const char *result_addr_detail(const struct nc_addr_result *a)
{
    return a->detail != NULL ? a->detail : "";
}

size_t result_addrs_total(const struct nc_check_result *r)
{
    return r->addrs_total > r->n_addrs ? r->addrs_total : r->n_addrs;
}

int result_cname_add(struct nc_check_result *r, const char *name)
{
    char **v;
    size_t len;

    if (r->n_cnames >= NC_MAX_CNAMES)
        return NC_ELIMIT;
    v = nc_realloc(r->cnames, (r->n_cnames + 1) * sizeof(*v));
    if (v == NULL)
        return NC_ENOMEM;
    r->cnames = v;
    len = strlen(name);
    if (len > NC_MAX_CNAME_LEN)
        len = NC_MAX_CNAME_LEN;
    v[r->n_cnames] = nc_malloc(len + 1);
    if (v[r->n_cnames] == NULL)
        return NC_ENOMEM;
    memcpy(v[r->n_cnames], name, len);
    v[r->n_cnames][len] = '\0';
    r->n_cnames++;
    return 0;
}

int result_proxy_auth_add(struct nc_check_result *r, const char *scheme)
{
    char(*v)[NC_PROXY_AUTH_LEN];

    if (r->n_proxy_auth >= NC_PROXY_AUTH_MAX)
        return NC_ELIMIT;
    v = nc_realloc(r->proxy_auth, (r->n_proxy_auth + 1) * sizeof(*v));
    if (v == NULL) {
        r->oom = true;
        return NC_ENOMEM;
    }
    r->proxy_auth = v;
    (void)nc_strlcpy(v[r->n_proxy_auth++], scheme, sizeof(*v));
    return 0;
}

const struct nc_tls_info *result_tls(const struct nc_check_result *r)
{
    static const struct nc_tls_info none;

    return r->tls != NULL ? r->tls : &none;
}

int result_tls_set(struct nc_check_result *r, const struct nc_tls_info *tls)
{
    if (!tls->present) {
        nc_free(r->tls);
        r->tls = NULL;
        return 0;
    }
    if (r->tls == NULL) {
        r->tls = nc_malloc(sizeof(*r->tls));
        if (r->tls == NULL)
            return NC_ENOMEM;
    }
    *r->tls = *tls;
    return 0;
}

void result_release(struct nc_check_result *r)
{
    size_t i;

    if (r == NULL)
        return;
    for (i = 0; r->addrs != NULL && i < r->n_addrs; i++)
        result_text_clear(&r->addrs[i].detail);
    nc_free(r->addrs);
    r->addrs = NULL;
    r->n_addrs = r->cap_addrs = r->addrs_total = 0;
    for (i = 0; r->cnames != NULL && i < r->n_cnames; i++)
        nc_free(r->cnames[i]);
    nc_free(r->cnames);
    r->cnames = NULL;
    r->n_cnames = 0;
    nc_free(r->tls);
    r->tls = NULL;
    result_texts_release(r);
}

void result_texts_release(struct nc_check_result *r)
{
    nc_free(r->proxy_auth);
    r->proxy_auth = NULL;
    r->n_proxy_auth = 0;
    result_text_clear(&r->detail);
    result_text_clear(&r->action);
    result_text_clear(&r->dns_server);
    result_text_clear(&r->pac_answer);
    result_text_clear(&r->proxy_reason);
    result_text_clear(&r->proxy);
}

void run_results_free(struct nc_run *run)
{
    size_t i;

    for (i = 0; run->results != NULL && i < run->n_results; i++)
        result_release(&run->results[i]);
    nc_free(run->results);
    run->results = NULL;
    run->n_results = 0;
}

void result_init(struct nc_check_result *r, const struct nc_check *c)
{
    memset(r, 0, sizeof(*r));
    r->check = c;
    r->detail = r->action = r->dns_server = r->pac_answer = result_empty;
    r->proxy_reason = r->proxy = result_empty;
    r->t.dns = r->t.connect = r->t.tls = r->t.first_byte = r->t.total = -1;
}

void result_text_clear(char **field)
{
    if (*field != result_empty && *field != NULL)
        nc_free(*field);
    *field = result_empty;
}

/* Format prefix (kept) then fmt into a new copy of exactly its size. */
static int result_vformat(struct nc_check_result *r, char **field, size_t max,
                          const char *prefix, const char *fmt, va_list ap)
{
    size_t plen = strlen(prefix), len;
    va_list aq;
    char *s;
    int n;

    va_copy(aq, ap);
    n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        n = 0;
    len = plen + (size_t)n;
    if (len > max - 1)
        len = max - 1;
    if (len == 0) { /* the shared "": most passing addresses say nothing */
        result_text_clear(field);
        return 0;
    }
    s = nc_malloc(len + 1);
    if (s == NULL) {
        r->oom = true;
        return NC_ENOMEM;
    }
    if (plen > len)
        plen = len;
    memcpy(s, prefix, plen);
    (void)vsnprintf(s + plen, len + 1 - plen, fmt, ap);
    s[len] = '\0';
    result_text_clear(field);
    *field = s;
    return 0;
}

int result_printf(struct nc_check_result *r, char **field, size_t max,
                  const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = result_vformat(r, field, max, "", fmt, ap);
    va_end(ap);
    return rc;
}

int result_appendf(struct nc_check_result *r, char **field, size_t max,
                   const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = result_vformat(r, field, max, *field != NULL ? *field : "", fmt, ap);
    va_end(ap);
    return rc;
}
