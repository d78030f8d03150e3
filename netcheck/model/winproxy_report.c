#include "winproxy_report.h"

static const char *const via_names[WINPROXY_VIA_MAX] = {
    [WINPROXY_VIA_DIRECT] = "direct",   [WINPROXY_VIA_MANUAL] = "manual",
    [WINPROXY_VIA_PAC] = "pac",         [WINPROXY_VIA_WPAD] = "wpad",
    [WINPROXY_VIA_UNKNOWN] = "unknown",
};

static const char *const state_names[WINPROXY_STATE_MAX] = {
    [WINPROXY_ABSENT] = "absent",   [WINPROXY_PRESENT] = "present",
    [WINPROXY_DENIED] = "denied",   [WINPROXY_INVALID] = "invalid",
    [WINPROXY_UNKNOWN] = "unknown",
};

const char *winproxy_via_name(enum winproxy_via v)
{
    return (unsigned)v < WINPROXY_VIA_MAX ? via_names[v] : "?";
}

const char *winproxy_state_name(enum winproxy_state s)
{
    return (unsigned)s < WINPROXY_STATE_MAX ? state_names[s] : "?";
}
