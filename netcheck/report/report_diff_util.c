/* What the `netcheck diff` writers share (report_int.h): the sentence
 * each format prints for a change, so the three cannot say different
 * things, its subject, and the counts of the summary. */
#include "report_int.h"

#include <string.h>

#include "nc.h"
#include "str.h"

void report_diff_count(const struct nc_diff *d, struct report_diff_counts *k)
{
    size_t i;

    memset(k, 0, sizeof(*k));
    for (i = 0; i < d->n; i++) {
        const struct nc_change *c = &d->v[i];

        if (c->regression)
            k->regressions++;
        else
            k->other++;
        k->added += c->kind == NC_CHANGE_CHECK_ADDED;
        k->removed += c->kind == NC_CHANGE_CHECK_REMOVED;
    }
}

/* "fail tcp_timeout", "pass", or "absent". */
static void side(char *buf, size_t n, const char *status, const char *code)
{
    if (status == NULL)
        (void)nc_strlcpy(buf, "absent", n);
    else if (code != NULL)
        (void)nc_snprintf(buf, n, "%s %s", status, code);
    else
        (void)nc_strlcpy(buf, status, n);
}

static const char *or_none(const char *s)
{
    return s != NULL ? s : "none";
}

void report_change_sentence(const struct nc_change *c, char *buf, size_t n)
{
    char b[160], a[160];

    side(b, sizeof(b), c->before, c->before_code);
    side(a, sizeof(a), c->after, c->after_code);
    switch (c->kind) {
    case NC_CHANGE_NEWLY_FAILING:
    case NC_CHANGE_NEWLY_WARNING:
    case NC_CHANGE_UNVERIFIED:
    case NC_CHANGE_PROBLEM_CHANGED:
    case NC_CHANGE_FIXED:
    case NC_CHANGE_VERIFIED:
    case NC_CHANGE_STATUS_CHANGED:
        (void)nc_snprintf(buf, n, "%s: now %s, was %s",
                          change_kind_name(c->kind), a, b);
        break;
    case NC_CHANGE_CHECK_ADDED:
        (void)nc_snprintf(buf, n,
                          "check only in AFTER: %s (a renamed check "
                          "shows as one added and one removed)",
                          a);
        break;
    case NC_CHANGE_CHECK_REMOVED:
        (void)nc_snprintf(buf, n,
                          "check only in BEFORE (was %s): not "
                          "tested now",
                          b);
        break;
    case NC_CHANGE_URL_CHANGED:
        (void)nc_snprintf(buf, n, "url changed: %s -> %s", or_none(c->before),
                          or_none(c->after));
        break;
    case NC_CHANGE_ADDRESS_APPEARED:
        (void)nc_strlcpy(buf, "address appeared (DNS drift)", n);
        break;
    case NC_CHANGE_ADDRESS_GONE:
        (void)nc_strlcpy(buf, "address disappeared (DNS drift)", n);
        break;
    case NC_CHANGE_LEFT_RANGES:
        (void)nc_snprintf(buf, n, "left the allowed ranges (was %s)",
                          c->before != NULL ? c->before : "a new address");
        break;
    case NC_CHANGE_ENTERED_RANGES:
        (void)nc_strlcpy(buf, "back inside the allowed ranges", n);
        break;
    case NC_CHANGE_TAG_CHANGED:
        (void)nc_snprintf(buf, n, "service tag %s -> %s", or_none(c->before),
                          or_none(c->after));
        break;
    case NC_CHANGE_ROUTE_OFF_EXPRESSROUTE:
        (void)nc_snprintf(buf, n,
                          "moved off the ExpressRoute path: route "
                          "%s -> %s",
                          or_none(c->before), or_none(c->after));
        break;
    case NC_CHANGE_ROUTE_CHANGED:
        (void)nc_snprintf(buf, n, "route %s -> %s", or_none(c->before),
                          or_none(c->after));
        break;
    case NC_CHANGE_PROXY_CHANGED:
        (void)nc_snprintf(buf, n, "proxy in force: %s -> %s",
                          or_none(c->before), or_none(c->after));
        break;
    case NC_CHANGE_CLOCK_WARNING_APPEARED:
        (void)nc_snprintf(buf, n, "clock warning appeared: %s",
                          or_none(c->after));
        break;
    case NC_CHANGE_CLOCK_WARNING_GONE:
        (void)nc_snprintf(buf, n, "clock warning gone (was: %s)",
                          or_none(c->before));
        break;
    case NC_CHANGE_REGION_CHANGED:
        (void)nc_snprintf(buf, n, "region %s -> %s", or_none(c->before),
                          or_none(c->after));
        break;
    case NC_CHANGE_PROFILE_CHANGED:
        (void)nc_snprintf(buf, n,
                          "different profiles: %s -> %s (only checks "
                          "of the same name were compared)",
                          c->before != NULL ? c->before : "",
                          c->after != NULL ? c->after : "");
        break;
    case NC_CHANGE_HOST_ADDED:
        (void)nc_strlcpy(buf, "host only in AFTER", n);
        break;
    case NC_CHANGE_HOST_REMOVED:
        (void)nc_strlcpy(buf, "host only in BEFORE: not tested now", n);
        break;
    case NC_CHANGE_MAX:
    default:
        (void)nc_strlcpy(buf, "unknown change", n);
        break;
    }
}

void report_change_subject(const struct nc_change *c, char *buf, size_t n)
{
    const char *host = c->machine;

    buf[0] = '\0';
    if (host == NULL &&
        (c->kind == NC_CHANGE_HOST_ADDED || c->kind == NC_CHANGE_HOST_REMOVED))
        host = c->after != NULL ? c->after : c->before;
    if (host != NULL)
        (void)nc_str_appendf(buf, n, "host %s", host);
    if (c->check != NULL)
        (void)nc_str_appendf(buf, n, "%s%s", buf[0] != '\0' ? ": " : "",
                             c->check);
    if (c->address != NULL)
        (void)nc_str_appendf(buf, n, " %s", c->address);
}
