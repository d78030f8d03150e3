/* What `netcheck proxy --registry` (and, later, --as-system on Windows)
 * found about a SYSTEM service's proxy: the sources side by side, the one
 * the agent uses and why, each URL's decision, and the traps. Plain data:
 * proxy/winproxy_decide.c fills it, report/report_winproxy.c prints it.
 * Every string is display text: printable ASCII, no password. */
#ifndef NC_WINPROXY_REPORT_H
#define NC_WINPROXY_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "result.h"

enum winproxy_src {
    WINPROXY_SRC_AGENT = 0,     /* the MARS agent's own setting */
    WINPROXY_SRC_POLICY,        /* ProxySettingsPerUser (HKLM policy) */
    WINPROXY_SRC_SYSTEM,        /* SYSTEM's DefaultConnectionSettings */
    WINPROXY_SRC_SYSTEM_LEGACY, /* SYSTEM's ProxyEnable, ProxyServer... */
    WINPROXY_SRC_MACHINE,       /* HKLM's DefaultConnectionSettings */
    WINPROXY_SRC_WINHTTP,       /* HKLM WinHttpSettings (netsh winhttp) */
    WINPROXY_SRC_USER,          /* HKCU's DefaultConnectionSettings */
    WINPROXY_SRC_ENV,           /* the system environment variables */
    WINPROXY_SRC_MAX
};

/* How a source's value was found. */
enum winproxy_state {
    WINPROXY_ABSENT = 0, /* not in the registry (or the export) */
    WINPROXY_PRESENT,
    WINPROXY_DENIED,  /* there, but not readable without elevation */
    WINPROXY_INVALID, /* there, but not decodable: note says why */
    WINPROXY_UNKNOWN, /* no public source says where it is stored */
    WINPROXY_STATE_MAX
};

#define WINPROXY_MAX_SETS 6

struct winproxy_set {
    const char *var; /* "flags", "ProxyServer", "HTTPS_PROXY", ... */
    char value[512];
};

struct winproxy_row {
    const char *name; /* stable: "agent", "system-wininet", ... */
    char where[320];  /* HIVE\key [value] */
    enum winproxy_state state;
    struct winproxy_set sets[WINPROXY_MAX_SETS];
    size_t n_sets;
    bool used;          /* the agent takes its proxy from here */
    bool read_by_agent; /* a .NET Framework service reads it at all */
    char note[320];
};

/* How the agent's WinINet settings decide a URL (.NET's order). */
enum winproxy_via {
    WINPROXY_VIA_DIRECT = 0, /* no proxy configured */
    WINPROXY_VIA_MANUAL,     /* the ProxyServer string and bypass list */
    WINPROXY_VIA_PAC,        /* the PAC file decides; manual if it fails */
    WINPROXY_VIA_WPAD,       /* auto-detection; manual if it finds none */
    WINPROXY_VIA_UNKNOWN,    /* the settings could not be read or decoded */
    WINPROXY_VIA_MAX
};

struct winproxy_url {
    const char *url;
    enum winproxy_via via;
    char proxy[300];        /* manual decision: "" = direct */
    char bypass_match[256]; /* the bypass entry, "<local>", "(loopback)" */
    char why[200];
    /* What the PAC file (or WPAD) answered on this host, asked through
     * WinHTTP (proxy --as-system on Windows): "PROXY h:p", "DIRECT",
     * "failed: ..."; "" when not asked (offline, or no PAC/WPAD). */
    char pac_answer[300];
};

#define WINPROXY_MAX_WARNINGS 24

struct winproxy_warning {
    const char *code; /* stable identifier, never NULL */
    char detail[400];
};

struct winproxy_report {
    const char *origin; /* the .reg files, or "registry" */
    struct winproxy_row rows[WINPROXY_SRC_MAX];
    enum winproxy_src winner; /* SYSTEM or MACHINE: the agent's WinINet */
    enum winproxy_via via;    /* PAC/WPAD before the manual settings */
    char why[480];            /* why that source, in a sentence or two */
    char proxy[512];          /* the winner's ProxyServer, as shown */
    char bypass[512];
    char pac[512];
    struct winproxy_url *urls; /* owned, n_urls of them */
    size_t n_urls;
    struct winproxy_warning warnings[WINPROXY_MAX_WARNINGS];
    size_t n_warnings;
    /* Who netcheck would log on to the proxy as on this host (proxy
     * --as-system on Windows); has_identity false offline. */
    bool has_identity;
    struct nc_proxy_identity identity;
};

/*! "direct", "manual", "pac", "wpad", "unknown". */
const char *winproxy_via_name(enum winproxy_via v);

/*! "absent", "present", "denied", "invalid", "unknown". */
const char *winproxy_state_name(enum winproxy_state s);

#endif
