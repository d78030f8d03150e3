/* nsswitch.conf as glibc 2.36 reads it (nss/nss_database.c process_line,
 * nss/nss_action_parse.c): leading blanks skipped; the database name runs
 * to a blank or ':'; then any blanks and colons; then services, each
 * optionally followed by "[" ["!"]STATUS=ACTION ... "]". Status and action
 * names are case-insensitive; "!S=A" sets every other status to A. By
 * default SUCCESS returns and everything else continues. There is no
 * comment syntax inside a line: "#" after the services is read as one more
 * service, which glibc cannot load (unavailable), so it changes nothing. */
#include "nsswitch.h"

#include <string.h>

#include "str.h"

/* glibc's nss/databases.def: a bad action list on these lines makes the
 * whole file fail to load; other names are ignored. */
static const char *const nss_databases[] = {
    "aliases",       "ethers",        "group",     "group_compat", "gshadow",
    "hosts",         "initgroups",    "netgroup",  "networks",     "passwd",
    "passwd_compat", "protocols",     "publickey", "rpc",          "services",
    "shadow",        "shadow_compat",
};

static const char *const status_names[NSSWITCH_STATUS_MAX] = {
    [NSSWITCH_SUCCESS] = "SUCCESS",
    [NSSWITCH_NOTFOUND] = "NOTFOUND",
    [NSSWITCH_UNAVAIL] = "UNAVAIL",
    [NSSWITCH_TRYAGAIN] = "TRYAGAIN",
};

#ifdef NETCHECK_UNITTESTS
const char *nsswitch_status_name(enum nsswitch_status st)
{
    return (unsigned)st < NSSWITCH_STATUS_MAX ? status_names[st] : "?";
}
#endif

static bool ns_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
           c == '\r';
}

static void ns_service_init(struct nsswitch_service *s, const char *name,
                            size_t len)
{
    memset(s, 0, sizeof(*s));
    if (len >= sizeof(s->name))
        len = sizeof(s->name) - 1;
    memcpy(s->name, name, len);
    if (strcmp(s->name, "files") == 0)
        s->svc = NSSWITCH_SVC_FILES;
    else if (strcmp(s->name, "dns") == 0)
        s->svc = NSSWITCH_SVC_DNS;
    s->stop[NSSWITCH_SUCCESS] = true;
}

void nsswitch_hosts_default(struct nsswitch_hosts *out)
{
    memset(out, 0, sizeof(*out));
    ns_service_init(&out->s[0], "files", 5);
    ns_service_init(&out->s[1], "dns", 3);
    out->n = 2;
}

static bool ns_word_is(const char *w, size_t len, const char *name)
{
    size_t i;

    if (len != strlen(name))
        return false;
    for (i = 0; i < len; i++) {
        char c = w[i];

        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c != name[i])
            return false;
    }
    return true;
}

/* One action list (p to end, a line without its newline) into h when h is
 * not NULL. \return NULL, or the column (pointer) where it went wrong. */
static const char *ns_parse_actions(const char *p, const char *end,
                                    struct nsswitch_hosts *h)
{
    size_t n = 0;

    for (;;) {
        struct nsswitch_service svc;
        const char *name;

        while (p < end && ns_space(*p))
            p++;
        name = p;
        while (p < end && !ns_space(*p) && *p != '[')
            p++;
        /* A "[" where a service name belongs ends the list, silently. */
        if (p == name)
            break;
        ns_service_init(&svc, name, (size_t)(p - name));
        while (p < end && ns_space(*p))
            p++;
        if (p < end && *p == '[') {
            p++;
            while (p < end && ns_space(*p))
                p++;
            do {
                enum nsswitch_status st = NSSWITCH_STATUS_MAX;
                bool neg = p < end && *p == '!', ret, keep;
                const char *w;
                int i;

                if (neg)
                    p++;
                w = p;
                while (p < end && !ns_space(*p) && *p != '=' && *p != ']')
                    p++;
                for (i = 0; i < NSSWITCH_STATUS_MAX; i++)
                    if (ns_word_is(w, (size_t)(p - w), status_names[i]))
                        st = (enum nsswitch_status)i;
                if (st == NSSWITCH_STATUS_MAX)
                    return w;
                while (p < end && ns_space(*p))
                    p++;
                if (p >= end || *p != '=')
                    return p;
                p++;
                while (p < end && ns_space(*p))
                    p++;
                w = p;
                while (p < end && !ns_space(*p) && *p != '=' && *p != ']')
                    p++;
                /* "merge" only means something for group lookups; in a
                 * hosts lookup it goes on like "continue". */
                if (ns_word_is(w, (size_t)(p - w), "RETURN"))
                    ret = true;
                else if (ns_word_is(w, (size_t)(p - w), "CONTINUE") ||
                         ns_word_is(w, (size_t)(p - w), "MERGE"))
                    ret = false;
                else
                    return w;
                if (neg) {
                    keep = svc.stop[st];
                    for (i = 0; i < NSSWITCH_STATUS_MAX; i++)
                        svc.stop[i] = ret;
                    svc.stop[st] = keep;
                } else {
                    svc.stop[st] = ret;
                }
                while (p < end && ns_space(*p))
                    p++;
            } while (p < end && *p != ']');
            if (p >= end)
                return p;
            p++;
        }
        if (h != NULL && n < NSSWITCH_MAX_SERVICES)
            h->s[n++] = svc;
    }
    if (h != NULL)
        h->n = n;
    return NULL;
}

static bool ns_known_db(const char *name, size_t len)
{
    size_t i;

    for (i = 0; i < sizeof(nss_databases) / sizeof(nss_databases[0]); i++)
        if (strlen(nss_databases[i]) == len &&
            memcmp(nss_databases[i], name, len) == 0)
            return true;
    return false;
}

int nsswitch_hosts_parse_buf(const char *buf, size_t len, const char *source,
                             struct nsswitch_hosts *out, struct nc_diag *diag)
{
    struct nsswitch_hosts h;
    const char *line = buf, *stop = buf + len;
    unsigned lineno = 0;

    if (len > NSSWITCH_MAX_BYTES) {
        nc_diag_set(diag, source, 0, "file larger than %u bytes",
                    NSSWITCH_MAX_BYTES);
        return NC_ELIMIT;
    }
    nsswitch_hosts_default(&h);
    while (line < stop) {
        const char *nl = memchr(line, '\n', (size_t)(stop - line));
        const char *end = nl != NULL ? nl : stop, *nul, *p = line, *name;
        const char *bad;
        size_t nlen;

        lineno++;
        /* glibc reads each line as a C string. */
        nul = memchr(line, '\0', (size_t)(end - line));
        if (nul != NULL)
            end = nul;
        while (p < end && ns_space(*p))
            p++;
        name = p;
        while (p < end && !ns_space(*p) && *p != ':')
            p++;
        nlen = (size_t)(p - name);
        /* A name alone (no newline, no colon after it) is a syntax error
         * glibc skips; "hosts:" with nothing after it lists no service. */
        if (nlen == 0 || (p == end && (nl == NULL || nul != NULL)))
            goto next;
        while (p < end && (ns_space(*p) || *p == ':'))
            p++;
        if (!ns_known_db(name, nlen))
            goto next;
        if (nlen == 5 && memcmp(name, "hosts", 5) == 0) {
            bad = ns_parse_actions(p, end, &h);
            h.line = lineno;
        } else {
            bad = ns_parse_actions(p, end, NULL);
        }
        if (bad != NULL) {
            nc_diag_set(diag, source, lineno,
                        "bad action list near column %u of the '%.*s' line: "
                        "glibc rejects the file and every lookup fails",
                        (unsigned)(bad - line) + 1, (int)nlen, name);
            diag->col = (unsigned)(bad - line) + 1;
            return NC_EPARSE;
        }
    next:
        if (nl == NULL)
            break;
        line = nl + 1;
    }
    *out = h;
    return 0;
}

int nsswitch_hosts_next(const struct nsswitch_hosts *h, size_t i,
                        enum nsswitch_status st)
{
    if (i >= h->n || (unsigned)st >= NSSWITCH_STATUS_MAX || h->s[i].stop[st] ||
        i + 1 >= h->n)
        return -1;
    return (int)(i + 1);
}

enum nsswitch_status nsswitch_dns_status(enum nc_dns_outcome a,
                                         enum nc_dns_outcome aaaa,
                                         size_t n_addrs)
{
    enum nc_dns_outcome o[2] = {a, aaaa};
    int i;

    if (n_addrs > 0)
        return NSSWITCH_SUCCESS;
    for (i = 0; i < 2; i++)
        if (o[i] != NC_DNS_NXDOMAIN && o[i] != NC_DNS_NODATA &&
            o[i] != NC_DNS_OK)
            return NSSWITCH_UNAVAIL;
    return NSSWITCH_NOTFOUND;
}

void nsswitch_hosts_format(const struct nsswitch_hosts *h, char *buf, size_t n)
{
    size_t i, used;
    int st;

    if (n == 0)
        return;
    buf[0] = '\0';
    for (i = 0; i < h->n; i++) {
        const struct nsswitch_service *s = &h->s[i];
        bool open = false;

        used = strlen(buf);
        (void)nc_snprintf(buf + used, n - used, "%s%s", i ? " " : "", s->name);
        /* Only what differs from the default (SUCCESS returns). */
        for (st = 0; st < NSSWITCH_STATUS_MAX; st++) {
            bool def = st == NSSWITCH_SUCCESS;

            if (s->stop[st] == def)
                continue;
            used = strlen(buf);
            (void)nc_snprintf(buf + used, n - used, "%s%s=%s",
                              open ? " " : " [", status_names[st],
                              s->stop[st] ? "return" : "continue");
            open = true;
        }
        if (open) {
            used = strlen(buf);
            (void)nc_snprintf(buf + used, n - used, "]");
        }
    }
}
