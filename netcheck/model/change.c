/* The change kinds' stable strings (change.h), and releasing a diff. */
#include "change.h"

#include "nc.h"

static const char *const change_names[NC_CHANGE_MAX] = {
    [NC_CHANGE_NEWLY_FAILING] = "newly_failing",
    [NC_CHANGE_NEWLY_WARNING] = "newly_warning",
    [NC_CHANGE_UNVERIFIED] = "unverified",
    [NC_CHANGE_PROBLEM_CHANGED] = "problem_changed",
    [NC_CHANGE_FIXED] = "fixed",
    [NC_CHANGE_VERIFIED] = "verified",
    [NC_CHANGE_STATUS_CHANGED] = "status_changed",
    [NC_CHANGE_CHECK_ADDED] = "check_added",
    [NC_CHANGE_CHECK_REMOVED] = "check_removed",
    [NC_CHANGE_URL_CHANGED] = "url_changed",
    [NC_CHANGE_ADDRESS_APPEARED] = "address_appeared",
    [NC_CHANGE_ADDRESS_GONE] = "address_gone",
    [NC_CHANGE_LEFT_RANGES] = "address_left_ranges",
    [NC_CHANGE_ENTERED_RANGES] = "address_entered_ranges",
    [NC_CHANGE_TAG_CHANGED] = "service_tag_changed",
    [NC_CHANGE_ROUTE_OFF_EXPRESSROUTE] = "route_off_expressroute",
    [NC_CHANGE_ROUTE_CHANGED] = "route_changed",
    [NC_CHANGE_PROXY_CHANGED] = "proxy_changed",
    [NC_CHANGE_CLOCK_WARNING_APPEARED] = "clock_warning_appeared",
    [NC_CHANGE_CLOCK_WARNING_GONE] = "clock_warning_gone",
    [NC_CHANGE_REGION_CHANGED] = "region_changed",
    [NC_CHANGE_PROFILE_CHANGED] = "profile_changed",
    [NC_CHANGE_HOST_ADDED] = "host_added",
    [NC_CHANGE_HOST_REMOVED] = "host_removed",
};

const char *change_kind_name(enum nc_change_kind k)
{
    if ((unsigned)k >= NC_CHANGE_MAX)
        return NULL;
    return change_names[k];
}

void diff_release(struct nc_diff *d)
{
    size_t i;

    if (d == NULL)
        return;
    nc_free(d->v);
    d->v = NULL;
    d->n = d->cap = 0;
    for (i = 0; d->pool != NULL && i < d->n_pool; i++)
        nc_free(d->pool[i]);
    nc_free(d->pool);
    d->pool = NULL;
    d->n_pool = d->cap_pool = 0;
}
