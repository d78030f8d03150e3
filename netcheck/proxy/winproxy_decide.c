/* Which proxy the MARS agent gets, following .NET Framework 4's own code
 * (referencesource: RegBlobWebProxyDataBuilder.ReadRegSettings and
 * BuildInternal, WebProxy.IsBypassedManual): a service running as
 * LocalSystem reads DefaultConnectionSettings from its own hive
 * (HKEY_USERS\S-1-5-18, the same hive as HKEY_USERS\.DEFAULT), or from
 * HKLM when the policy ProxySettingsPerUser is a DWORD 0. It reads only
 * that binary value, never ProxyEnable/ProxyServer/ProxyOverride; a value
 * that is missing or older than IE 5 makes it assume automatic detection.
 * A PAC file or WPAD decides first; when it fails, the manual proxy and its
 * bypass list do. Loopback hosts never go through a proxy. */
#include <string.h>

#include "nc.h"
#include "str.h"
#include "winproxy.h"
#include "winproxy_int.h"

static const char *const row_names[WINPROXY_SRC_MAX] = {
    [WINPROXY_SRC_AGENT] = "agent",
    [WINPROXY_SRC_POLICY] = "policy",
    [WINPROXY_SRC_SYSTEM] = "system-wininet",
    [WINPROXY_SRC_SYSTEM_LEGACY] = "system-legacy",
    [WINPROXY_SRC_MACHINE] = "machine-wininet",
    [WINPROXY_SRC_WINHTTP] = "winhttp",
    [WINPROXY_SRC_USER] = "user-wininet",
    [WINPROXY_SRC_ENV] = "environment",
};

static void wp_read_agent(struct winproxy_report *r)
{
    struct winproxy_row *row = &r->rows[WINPROXY_SRC_AGENT];

    row->state = WINPROXY_UNKNOWN;
    row->read_by_agent = true;
    (void)nc_snprintf(row->where, sizeof(row->where), "HKLM\\%s", WP_MARS_KEY);
    (void)nc_strlcpy(row->note,
                     "not read: no public source says where the agent keeps "
                     "its own proxy (console: Change Properties > Proxy "
                     "Configuration; Set-OBMachineSetting); when one is set "
                     "there, it wins over the rows below",
                     sizeof(row->note));
}

static void wp_read_policy(struct wp_state *st, struct winproxy_report *r)
{
    struct winproxy_row *row = &r->rows[WINPROXY_SRC_POLICY];
    uint32_t v = 1;

    row->read_by_agent = true;
    (void)nc_snprintf(row->where, sizeof(row->where),
                      "HKLM\\%s [ProxySettingsPerUser]", WP_POLICY_KEY);
    row->state = winproxy_get_dword(st->view, WINREG_HKLM, WP_POLICY_KEY,
                                    "ProxySettingsPerUser", st->val, &v);
    if (row->state == WINPROXY_PRESENT) {
        char num[16];

        (void)nc_snprintf(num, sizeof(num), "%lu", (unsigned long)v);
        winproxy_row_set(row, "ProxySettingsPerUser", num);
        st->per_machine = v == 0;
    }
    (void)nc_strlcpy(row->note,
                     st->per_machine
                         ? "0: the HKLM settings apply to every account, "
                           "SYSTEM included"
                         : "absent or not 0: each account has its own "
                           "settings (SYSTEM's own hive)",
                     sizeof(row->note));
}

static void wp_read_legacy(struct wp_state *st, struct winproxy_report *r,
                           const char *key)
{
    struct winproxy_row *row = &r->rows[WINPROXY_SRC_SYSTEM_LEGACY];
    enum winproxy_state s[4];
    char num[16];
    uint32_t v;
    size_t i;

    (void)nc_snprintf(row->where, sizeof(row->where), "HKU\\%s", key);
    s[0] = winproxy_get_dword(st->view, WINREG_HKU, key, "ProxyEnable", st->val,
                              &st->legacy_enable);
    if (s[0] == WINPROXY_PRESENT) {
        st->legacy_enable_set = true;
        (void)nc_snprintf(num, sizeof(num), "%lu",
                          (unsigned long)st->legacy_enable);
        winproxy_row_set(row, "ProxyEnable", num);
    }
    s[1] = winproxy_get_sz(st->view, WINREG_HKU, key, "ProxyServer", st->val,
                           st->legacy_server, sizeof(st->legacy_server));
    if (s[1] == WINPROXY_PRESENT)
        winproxy_row_set(row, "ProxyServer", st->legacy_server);
    s[2] = winproxy_get_sz(st->view, WINREG_HKU, key, "ProxyOverride", st->val,
                           st->legacy_override, sizeof(st->legacy_override));
    if (s[2] == WINPROXY_PRESENT)
        winproxy_row_set(row, "ProxyOverride", st->legacy_override);
    s[3] = winproxy_get_sz(st->view, WINREG_HKU, key, "AutoConfigURL", st->val,
                           st->legacy_pac, sizeof(st->legacy_pac));
    if (s[3] == WINPROXY_PRESENT)
        winproxy_row_set(row, "AutoConfigURL", st->legacy_pac);
    if (winproxy_get_dword(st->view, WINREG_HKU, key, "AutoDetect", st->val,
                           &v) == WINPROXY_PRESENT) {
        (void)nc_snprintf(num, sizeof(num), "%lu", (unsigned long)v);
        winproxy_row_set(row, "AutoDetect", num);
    }
    row->state = WINPROXY_ABSENT;
    for (i = 0; i < 4; i++)
        if (s[i] == WINPROXY_DENIED)
            row->state = WINPROXY_DENIED;
    if (row->n_sets > 0)
        row->state = WINPROXY_PRESENT;
    (void)nc_strlcpy(row->note,
                     "not read by .NET Framework, which reads only the "
                     "binary DefaultConnectionSettings: that value wins",
                     sizeof(row->note));
}

static void wp_read_env(struct wp_state *st, struct winproxy_report *r)
{
    static const char *const vars[] = {"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                                       "NO_PROXY"};
    struct winproxy_row *row = &r->rows[WINPROXY_SRC_ENV];
    char buf[WINPROXY_STR_MAX];
    size_t i;

    (void)nc_snprintf(row->where, sizeof(row->where), "HKLM\\%s", WP_ENV_KEY);
    row->state = WINPROXY_ABSENT;
    for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
        enum winproxy_state s =
            winproxy_get_sz(st->view, WINREG_HKLM, WP_ENV_KEY, vars[i], st->val,
                            buf, sizeof(buf));

        if (s == WINPROXY_PRESENT) {
            winproxy_row_set(row, vars[i], buf);
            row->state = WINPROXY_PRESENT;
        } else if (s == WINPROXY_DENIED && row->state == WINPROXY_ABSENT) {
            row->state = WINPROXY_DENIED;
        }
    }
    (void)nc_strlcpy(row->note,
                     "the system environment every service starts with; a "
                     ".NET Framework service does not take its proxy from it",
                     sizeof(row->note));
}

/* The SYSTEM account's hive under HKU: S-1-5-18, else .DEFAULT (the same
 * hive, exported under either name). */
static const char *wp_system_sid(struct wp_state *st)
{
    static const char *const sids[] = {"S-1-5-18", ".DEFAULT"};
    char key[300];
    size_t i;

    for (i = 0; i < sizeof(sids) / sizeof(sids[0]); i++) {
        (void)nc_snprintf(key, sizeof(key), "%s\\%s", sids[i], WP_CONN_KEY);
        if (winproxy_get(st->view, WINREG_HKU, key, "DefaultConnectionSettings",
                         st->val) != WINREG_ABSENT)
            return sids[i];
        (void)nc_snprintf(key, sizeof(key), "%s\\%s", sids[i], WP_IS_KEY);
        if (winproxy_get(st->view, WINREG_HKU, key, "ProxyEnable", st->val) !=
                WINREG_ABSENT ||
            winproxy_get(st->view, WINREG_HKU, key, "ProxyServer", st->val) !=
                WINREG_ABSENT)
            return sids[i];
    }
    return sids[0];
}

static int wp_read_all(struct wp_state *st, struct winproxy_report *r)
{
    char key[300];
    const char *sid;
    size_t i;

    for (i = 0; i < WINPROXY_SRC_MAX; i++) {
        r->rows[i].name = row_names[i];
        if (i == WINPROXY_SRC_SYSTEM || i == WINPROXY_SRC_MACHINE ||
            i == WINPROXY_SRC_WINHTTP || i == WINPROXY_SRC_USER) {
            st->blob[i] = nc_calloc(1, sizeof(*st->blob[i]));
            if (st->blob[i] == NULL)
                return NC_ENOMEM;
        }
    }
    wp_read_agent(r);
    wp_read_policy(st, r);
    sid = wp_system_sid(st);
    (void)nc_snprintf(key, sizeof(key), "%s\\%s", sid, WP_CONN_KEY);
    winproxy_read_blob(st->view, &r->rows[WINPROXY_SRC_SYSTEM], WINREG_HKU,
                       "HKU", key, "DefaultConnectionSettings", st->val,
                       st->blob[WINPROXY_SRC_SYSTEM]);
    (void)nc_snprintf(key, sizeof(key), "%s\\%s", sid, WP_IS_KEY);
    wp_read_legacy(st, r, key);
    winproxy_read_blob(st->view, &r->rows[WINPROXY_SRC_MACHINE], WINREG_HKLM,
                       "HKLM", WP_CONN_KEY, "DefaultConnectionSettings",
                       st->val, st->blob[WINPROXY_SRC_MACHINE]);
    winproxy_read_blob(st->view, &r->rows[WINPROXY_SRC_WINHTTP], WINREG_HKLM,
                       "HKLM", WP_CONN_KEY, "WinHttpSettings", st->val,
                       st->blob[WINPROXY_SRC_WINHTTP]);
    (void)nc_strlcpy(r->rows[WINPROXY_SRC_WINHTTP].note,
                     "netsh winhttp show proxy: WinHTTP-based services use "
                     "it, a .NET Framework service does not",
                     sizeof(r->rows[WINPROXY_SRC_WINHTTP].note));
    winproxy_read_blob(st->view, &r->rows[WINPROXY_SRC_USER], WINREG_HKCU,
                       "HKCU", WP_CONN_KEY, "DefaultConnectionSettings",
                       st->val, st->blob[WINPROXY_SRC_USER]);
    (void)nc_strlcpy(r->rows[WINPROXY_SRC_USER].note,
                     "the account that exported (or runs netcheck): what "
                     "Internet Options shows it, not the agent's",
                     sizeof(r->rows[WINPROXY_SRC_USER].note));
    wp_read_env(st, r);
    r->rows[WINPROXY_SRC_SYSTEM].read_by_agent = !st->per_machine;
    r->rows[WINPROXY_SRC_MACHINE].read_by_agent = st->per_machine;
    return 0;
}

/* The winner and how it decides (.NET's BuildInternal). */
static void wp_choose(struct wp_state *st, struct winproxy_report *r)
{
    enum winproxy_src w =
        st->per_machine ? WINPROXY_SRC_MACHINE : WINPROXY_SRC_SYSTEM;
    struct winproxy_row *row = &r->rows[w];
    const struct winproxy_blob *b = st->blob[w];
    const char *whose = st->per_machine
                            ? "ProxySettingsPerUser is 0, so every account, "
                              "SYSTEM included, takes HKLM's settings"
                            : "the agent runs as LocalSystem and no policy "
                              "makes the settings per machine, so it takes "
                              "the SYSTEM account's own";

    r->winner = w;
    row->used = true;
    if (row->state == WINPROXY_DENIED || row->state == WINPROXY_INVALID) {
        /* The agent, as SYSTEM, reads what netcheck could not: never
         * guess what it got. */
        r->via = WINPROXY_VIA_UNKNOWN;
        (void)nc_snprintf(r->why, sizeof(r->why),
                          "%s; its DefaultConnectionSettings %s, so what the "
                          "agent gets is unknown",
                          whose,
                          row->state == WINPROXY_DENIED
                              ? "could not be read (run netcheck elevated)"
                              : "cannot be decoded");
        return;
    }
    if (row->state == WINPROXY_ABSENT || b->version < WINPROXY_IE5_VERSION) {
        r->via = WINPROXY_VIA_WPAD;
        (void)nc_snprintf(
            r->why, sizeof(r->why),
            "%s; %s, and .NET Framework then assumes automatic detection "
            "(WPAD): without a WPAD server it connects directly",
            whose,
            row->state == WINPROXY_PRESENT ? "its DefaultConnectionSettings "
                                             "is older than IE 5"
                                           : "it has no "
                                             "DefaultConnectionSettings");
        return;
    }
    st->manual = (b->flags & WINPROXY_FLAG_PROXY) && b->proxy[0] != '\0';
    if (st->manual) {
        winproxy_show(b->proxy, r->proxy, sizeof(r->proxy));
        winproxy_show(b->bypass, r->bypass, sizeof(r->bypass));
    }
    if ((b->flags & WINPROXY_FLAG_PAC) && b->pac[0] != '\0') {
        r->via = WINPROXY_VIA_PAC;
        winproxy_show(b->pac, r->pac, sizeof(r->pac));
    } else if (b->flags & WINPROXY_FLAG_AUTO_DETECT) {
        r->via = WINPROXY_VIA_WPAD;
    } else {
        r->via = st->manual ? WINPROXY_VIA_MANUAL : WINPROXY_VIA_DIRECT;
    }
    (void)nc_snprintf(r->why, sizeof(r->why),
                      "%s; its DefaultConnectionSettings "
                      "says %s",
                      whose,
                      r->via == WINPROXY_VIA_PAC
                          ? "use a PAC file (the manual proxy, if any, only "
                            "when the PAC file fails)"
                      : r->via == WINPROXY_VIA_WPAD
                          ? "detect the proxy automatically (WPAD; the manual "
                            "proxy, if any, when that finds none)"
                      : r->via == WINPROXY_VIA_MANUAL
                          ? "use the proxy server below"
                          : "connect directly");
}

/* System.Uri.IsLoopback: "localhost", 127.0.0.0/8 literals, ::1. */
static bool wp_loopback(const char *host);

bool winproxy_url_bypassed(const char *list, const char *scheme,
                           const char *host, unsigned port, char *entry,
                           size_t entrylen)
{
    if (entry != NULL && entrylen > 0)
        entry[0] = '\0';
    if (wp_loopback(host)) {
        if (entry != NULL)
            (void)nc_strlcpy(entry, "(loopback)", entrylen);
        return true;
    }
    return winproxy_bypass_match(list, WINPROXY_NETFX, scheme, host, port,
                                 entry, entrylen);
}

static bool wp_loopback(const char *host)
{
    size_t i;

    if (nc_strcasecmp(host, "localhost") == 0 || strcmp(host, "::1") == 0)
        return true;
    if (strncmp(host, "127.", 4) != 0)
        return false;
    for (i = 4; host[i] != '\0'; i++)
        if (host[i] != '.' && (host[i] < '0' || host[i] > '9'))
            return false;
    return true;
}

/* One URL with the manual settings (what the agent does without, or after
 * a failed, PAC/WPAD). */
static void wp_url(struct wp_state *st, const struct winproxy_report *r,
                   const struct winproxy_target *t, struct winproxy_url *u)
{
    const struct winproxy_blob *b = st->blob[r->winner];
    struct winproxy_server sv;
    char why[160];

    memset(u, 0, sizeof(*u));
    u->url = t->url;
    u->via = r->via;
    if (r->via == WINPROXY_VIA_UNKNOWN) {
        (void)nc_strlcpy(u->why, "the agent's settings are unknown",
                         sizeof(u->why));
        return;
    }
    if (!st->manual) {
        (void)nc_strlcpy(u->why, "no manual proxy", sizeof(u->why));
        return;
    }
    if (wp_loopback(t->host)) {
        (void)nc_strlcpy(u->bypass_match, "(loopback)",
                         sizeof(u->bypass_match));
        (void)nc_strlcpy(u->why, ".NET never proxies a loopback host",
                         sizeof(u->why));
        return;
    }
    if (winproxy_server_pick(b->proxy, WINPROXY_NETFX, t->scheme, &sv, why,
                             sizeof(why)) < 0) {
        st->server_invalid = true;
        (void)nc_strlcpy(st->server_why, why, sizeof(st->server_why));
        (void)nc_strlcpy(u->why, "ProxyServer is invalid for .NET: no proxy",
                         sizeof(u->why));
        return;
    }
    if (!sv.set) {
        (void)nc_snprintf(u->why, sizeof(u->why),
                          "ProxyServer has no %s= entry", t->scheme);
        return;
    }
    if (winproxy_bypass_match(b->bypass, WINPROXY_NETFX, t->scheme, t->host,
                              t->port, u->bypass_match,
                              sizeof(u->bypass_match))) {
        char shown[256];

        winproxy_show(u->bypass_match, shown, sizeof(shown));
        (void)nc_strlcpy(u->bypass_match, shown, sizeof(u->bypass_match));
        (void)nc_strlcpy(u->why, "bypass list", sizeof(u->why));
        return;
    }
    (void)nc_strlcpy(u->proxy, sv.display, sizeof(u->proxy));
}

int winproxy_analyze(const struct winreg_view *view,
                     const struct winproxy_target *targets, size_t n_targets,
                     enum winproxy_pac pac, struct winproxy_report *out)
{
    struct winproxy_report *r = NULL;
    struct wp_state st;
    size_t i;
    int rc = NC_ENOMEM;

    memset(&st, 0, sizeof(st));
    st.view = view;
    st.pac = pac;
    st.val = nc_malloc(sizeof(*st.val));
    r = nc_calloc(1, sizeof(*r));
    if (st.val == NULL || r == NULL)
        goto out;
    r->origin = view->origin;
    r->urls = nc_calloc(n_targets ? n_targets : 1, sizeof(*r->urls));
    if (r->urls == NULL || wp_read_all(&st, r) < 0)
        goto out;
    wp_choose(&st, r);
    for (i = 0; i < n_targets; i++)
        wp_url(&st, r, &targets[i], &r->urls[i]);
    r->n_urls = n_targets;
    winproxy_traps(&st, r, targets, n_targets);
    *out = *r;
    r->urls = NULL;
    rc = 0;
out:
    if (r != NULL)
        nc_free(r->urls);
    nc_free(r);
    for (i = 0; i < WINPROXY_SRC_MAX; i++)
        nc_free(st.blob[i]);
    nc_free(st.val);
    return rc;
}

void winproxy_report_release(struct winproxy_report *r)
{
    if (r == NULL)
        return;
    nc_free(r->urls);
    r->urls = NULL;
    r->n_urls = 0;
}
