/* The traps of a SYSTEM service's proxy, each with a stable code: the
 * settings an admin checked are not the ones the agent reads. */
#include <string.h>

#include "nc.h"
#include "str.h"
#include "winproxy.h"
#include "winproxy_int.h"

/* What a blob's manual proxy gives https:// URLs, as shown ("" none). */
static void trap_https_proxy(const struct winproxy_blob *b,
                             enum winproxy_dialect d, char *out, size_t n)
{
    struct winproxy_server sv;
    char why[160];

    out[0] = '\0';
    if (!(b->flags & WINPROXY_FLAG_PROXY) || b->proxy[0] == '\0')
        return;
    if (winproxy_server_pick(b->proxy, d, "https", &sv, why, sizeof(why)) ==
            0 &&
        sv.set)
        (void)nc_strlcpy(out, sv.display, n);
}

/* One line for a blob: "proxy X (bypass Y)", "PAC U", ... */
static void trap_blob_summary(const struct winproxy_blob *b, char *out,
                              size_t n)
{
    char s[256];

    out[0] = '\0';
    if ((b->flags & WINPROXY_FLAG_PAC) && b->pac[0] != '\0') {
        winproxy_show(b->pac, s, sizeof(s));
        (void)nc_str_appendf(out, n, "PAC %s; ", s);
    }
    if (b->flags & WINPROXY_FLAG_AUTO_DETECT)
        (void)nc_str_appendf(out, n, "auto-detect; ");
    if ((b->flags & WINPROXY_FLAG_PROXY) && b->proxy[0] != '\0') {
        winproxy_show(b->proxy, s, sizeof(s));
        (void)nc_str_appendf(out, n, "proxy %s", s);
        if (b->bypass[0] != '\0') {
            winproxy_show(b->bypass, s, sizeof(s));
            (void)nc_str_appendf(out, n, " (bypass %s)", s);
        }
    }
    if (out[0] == '\0')
        (void)nc_strlcpy(out, "direct", n);
    else if (strlen(out) >= 2 && strcmp(out + strlen(out) - 2, "; ") == 0)
        out[strlen(out) - 2] = '\0';
}

static void trap_winhttp(struct wp_state *st, struct winproxy_report *r)
{
    const struct winproxy_row *wr = &r->rows[WINPROXY_SRC_WINHTTP];
    char wh[300], ag[300];

    if (wr->state != WINPROXY_PRESENT)
        return;
    trap_https_proxy(st->blob[WINPROXY_SRC_WINHTTP], WINPROXY_WININET, wh,
                     sizeof(wh));
    ag[0] = '\0';
    if (r->rows[r->winner].state == WINPROXY_PRESENT)
        trap_https_proxy(st->blob[r->winner], WINPROXY_NETFX, ag, sizeof(ag));
    if (strcmp(wh, ag) == 0)
        return;
    if (ag[0] == '\0')
        winproxy_warn(r, "winhttp_not_agent",
                      "WinHTTP (netsh winhttp) sends https:// through %s, but "
                      "the agent reads %s's WinINet settings, which have no "
                      "manual proxy: setting the WinHTTP proxy does not give "
                      "the agent one",
                      wh[0] ? wh : "no proxy", r->rows[r->winner].name);
    else
        winproxy_warn(r, "winhttp_differs",
                      "the agent sends https:// through %s, but WinHTTP "
                      "(netsh winhttp show proxy) says %s: WinHTTP-based "
                      "services go another way, and checking WinHTTP does "
                      "not check the agent",
                      ag, wh[0] ? wh : "direct");
}

static void trap_user(struct wp_state *st, struct winproxy_report *r)
{
    char u[600], a[600];

    if (r->rows[WINPROXY_SRC_USER].state != WINPROXY_PRESENT)
        return;
    trap_blob_summary(st->blob[WINPROXY_SRC_USER], u, sizeof(u));
    if (r->rows[r->winner].state == WINPROXY_PRESENT)
        trap_blob_summary(st->blob[r->winner], a, sizeof(a));
    else
        (void)nc_strlcpy(a, "automatic detection (no settings)", sizeof(a));
    if (strcmp(u, a) != 0)
        winproxy_warn(r, "user_differs_from_system",
                      "your own (HKCU) settings say %s, but the agent's "
                      "(%s) say %s: what Internet Options shows you is not "
                      "what the agent uses",
                      u, r->rows[r->winner].name, a);
}

static void trap_legacy(struct wp_state *st, struct winproxy_report *r)
{
    const struct winproxy_blob *b = st->blob[WINPROXY_SRC_SYSTEM];
    char bs[256], ls[256];
    bool differ = false;

    if (r->rows[WINPROXY_SRC_SYSTEM_LEGACY].state != WINPROXY_PRESENT)
        return;
    if (r->rows[WINPROXY_SRC_SYSTEM].state != WINPROXY_PRESENT) {
        if (st->legacy_enable_set && st->legacy_enable != 0)
            winproxy_warn(r, "legacy_differs",
                          "SYSTEM's legacy values turn a proxy on "
                          "(ProxyEnable=1, ProxyServer=%s) but it has no "
                          "binary DefaultConnectionSettings, the only value "
                          ".NET Framework reads: the agent ignores them",
                          st->legacy_server[0] ? st->legacy_server : "(unset)");
        return;
    }
    winproxy_show(b->proxy, bs, sizeof(bs));
    if (st->legacy_enable_set &&
        (st->legacy_enable != 0) != ((b->flags & WINPROXY_FLAG_PROXY) != 0))
        differ = true;
    if (st->legacy_server[0] != '\0' && strcmp(st->legacy_server, bs) != 0)
        differ = true;
    winproxy_show(b->bypass, bs, sizeof(bs));
    if (st->legacy_override[0] != '\0' && strcmp(st->legacy_override, bs) != 0)
        differ = true;
    if (!differ)
        return;
    (void)nc_snprintf(ls, sizeof(ls), "ProxyEnable=%s ProxyServer=%s",
                      st->legacy_enable_set ? (st->legacy_enable ? "1" : "0")
                                            : "(unset)",
                      st->legacy_server[0] ? st->legacy_server : "(unset)");
    winproxy_warn(r, "legacy_differs",
                  "SYSTEM's legacy values (%s) disagree with its binary "
                  "DefaultConnectionSettings; .NET Framework reads only the "
                  "binary value, so that one wins",
                  ls);
}

static void trap_bypass_entries(const char *list, struct winproxy_report *r)
{
    const char *s = list;

    while (*s != '\0') {
        const char *e = strchr(s, ';');
        size_t n = e != NULL ? (size_t)(e - s) : strlen(s);
        char entry[128], shown[128];

        (void)nc_snprintf(entry, sizeof(entry), "%.*s",
                          (int)(n < 120 ? n : 120), s);
        winproxy_show(nc_strtrim(entry), shown, sizeof(shown));
        if (strchr(shown, '/') != NULL && strstr(shown, "://") == NULL)
            winproxy_warn(r, "bypass_cidr",
                          "bypass entry '%s' looks like a CIDR range: Windows "
                          "bypass lists have no ranges, so it matches no host "
                          "(use a wildcard such as 10.*)",
                          shown);
        else if (strpbrk(shown, ", \t") != NULL)
            winproxy_warn(r, "bypass_separator",
                          "bypass entry '%s' holds a comma or a blank: .NET "
                          "Framework splits the list only on ';', so it is "
                          "one pattern that matches nothing you meant",
                          shown);
        if (e == NULL)
            break;
        s = e + 1;
    }
}

void winproxy_traps(struct wp_state *st, struct winproxy_report *r,
                    const struct winproxy_target *t, size_t n)
{
    size_t i;

    if (r->via == WINPROXY_VIA_UNKNOWN)
        winproxy_warn(r, "settings_unreadable",
                      "%s could not be %s: netcheck cannot say which proxy "
                      "the agent uses (%s)",
                      r->rows[r->winner].where,
                      r->rows[r->winner].state == WINPROXY_DENIED ? "read"
                                                                  : "decoded",
                      r->rows[r->winner].note);

    if (r->via == WINPROXY_VIA_WPAD &&
        (r->rows[r->winner].state != WINPROXY_PRESENT ||
         st->blob[r->winner]->version < WINPROXY_IE5_VERSION))
        winproxy_warn(r, "no_settings_autodetect",
                      "%s has no usable DefaultConnectionSettings: .NET "
                      "Framework then tries automatic detection (WPAD) and "
                      "goes direct when it finds none, whatever WinHTTP or "
                      "your own settings say",
                      r->rows[r->winner].name);
    if ((r->via == WINPROXY_VIA_PAC || r->via == WINPROXY_VIA_WPAD) &&
        st->pac == WINPROXY_PAC_OFFLINE)
        winproxy_warn(r, "pac_not_evaluated",
                      "%s decides each URL; netcheck does not fetch or run "
                      "it offline, so the URL table shows what the manual "
                      "settings give when it fails",
                      r->via == WINPROXY_VIA_PAC ? "the PAC file" : "WPAD");
    /* Live, WinHTTP answers for each URL (proxy_winreg.c shows it). */
    if ((r->via == WINPROXY_VIA_PAC || r->via == WINPROXY_VIA_WPAD) &&
        st->pac == WINPROXY_PAC_SHOWN)
        winproxy_warn(r, "pac_evaluated",
                      "%s decides each URL: under each URL is what it "
                      "answered on this host (WinHttpGetProxyForUrl, as this "
                      "account); the PROXY column shows what the manual "
                      "settings give when it fails",
                      r->via == WINPROXY_VIA_PAC ? "the PAC file" : "WPAD");
    if (st->server_invalid)
        winproxy_warn(r, "proxy_string_invalid",
                      "ProxyServer '%s' is not valid for .NET Framework (%s): "
                      "it throws and the agent uses no proxy",
                      r->proxy, st->server_why);
    for (i = 0; st->manual && i < n; i++) {
        const struct winproxy_url *u = &r->urls[i];

        if (u->bypass_match[0] != '\0' &&
            strcmp(u->bypass_match, "(loopback)") != 0)
            winproxy_warn(r, "bypass_exempts_required",
                          "bypass entry '%s' sends %s directly, around the "
                          "proxy: if this network only lets the proxy out "
                          "(or inspects traffic there), the agent cannot "
                          "reach it",
                          u->bypass_match, t[i].host);
    }
    if (st->manual)
        trap_bypass_entries(r->bypass, r);
    trap_legacy(st, r);
    trap_winhttp(st, r);
    trap_user(st, r);
    if (r->rows[WINPROXY_SRC_ENV].state == WINPROXY_PRESENT)
        winproxy_warn(r, "environment_unused",
                      "the system environment sets proxy variables, but a "
                      ".NET Framework service such as the agent does not "
                      "read them (curl, Go or Python tools on this server "
                      "do)");
}
