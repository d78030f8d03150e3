/* WinHttpGetProxyForUrl: the PAC file fetched and run by WinHTTP (wine's
 * winhttp does it too, with its jscript). The answer's proxy list is
 * "host:port" entries separated by ';' or blanks; the first one is the
 * proxy a client tries first, and the one netcheck tests. */
#include <windows.h>
#include <winhttp.h>

#include <string.h>

#include "nc.h"
#include "pacquery.h"
#include "str.h"
#include "utf16.h"

static wchar_t *pacquery_wide(const char *s)
{
    unsigned char *w = NULL;
    size_t n = 0;

    if (nc_utf16le_encode(s, strlen(s), &w, &n) < 0)
        return NULL;
    return (wchar_t *)(void *)w;
}

/* A wide string from WinHTTP as printable ASCII. */
static void pacquery_ascii(const wchar_t *w, char *out, size_t n)
{
    size_t o = 0;

    for (; w != NULL && *w != 0 && o + 1 < n; w++)
        out[o++] = *w >= 0x20 && *w <= 0x7e ? (char)*w : '?';
    out[o] = '\0';
}

static const char *pacquery_error(DWORD e)
{
    switch (e) {
    case ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT:
        return "the PAC file could not be downloaded";
    case ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT:
        return "the PAC file could not be run (script error)";
    case ERROR_WINHTTP_AUTODETECTION_FAILED:
        return "automatic detection found no WPAD server";
    case ERROR_WINHTTP_INVALID_URL:
    case ERROR_WINHTTP_UNRECOGNIZED_SCHEME:
        return "the PAC file's URL is invalid";
    case ERROR_WINHTTP_TIMEOUT:
        return "fetching the PAC file timed out";
    default:
        return "WinHttpGetProxyForUrl failed";
    }
}

int pacquery_ask(const char *pac_url, const char *url,
                 struct pacquery_answer *out)
{
    WINHTTP_AUTOPROXY_OPTIONS o;
    WINHTTP_PROXY_INFO pi;
    HINTERNET s = NULL;
    wchar_t *wpac = NULL, *wurl = NULL;
    char *sep;
    int rc = NC_ENOMEM;

    memset(out, 0, sizeof(*out));
    memset(&o, 0, sizeof(o));
    memset(&pi, 0, sizeof(pi));
    wurl = pacquery_wide(url);
    if (wurl == NULL)
        goto out;
    if (pac_url != NULL) {
        wpac = pacquery_wide(pac_url);
        if (wpac == NULL)
            goto out;
        o.dwFlags = WINHTTP_AUTOPROXY_CONFIG_URL;
        o.lpszAutoConfigUrl = wpac;
    } else {
        o.dwFlags = WINHTTP_AUTOPROXY_AUTO_DETECT;
        o.dwAutoDetectFlags =
            WINHTTP_AUTO_DETECT_TYPE_DHCP | WINHTTP_AUTO_DETECT_TYPE_DNS_A;
    }
    /* A PAC server asking for Windows authentication gets this process's
     * identity, as the agent's would get the SYSTEM account's. */
    o.fAutoLogonIfChallenged = TRUE;
    rc = 0;
    s = WinHttpOpen(L"netcheck", WINHTTP_ACCESS_TYPE_NO_PROXY,
                    WINHTTP_NO_PROXY_NAME, WINHTTP_NO_PROXY_BYPASS, 0);
    if (s == NULL || !WinHttpGetProxyForUrl(s, wurl, &o, &pi)) {
        out->kind = PACQUERY_FAILED;
        out->error = GetLastError();
        out->no_wpad = out->error == ERROR_WINHTTP_AUTODETECTION_FAILED;
        (void)nc_snprintf(out->why, sizeof(out->why), "%s (error %lu)",
                          pacquery_error((DWORD)out->error), out->error);
        goto out;
    }
    pacquery_ascii(pi.lpszProxy, out->list, sizeof(out->list));
    out->kind = pi.dwAccessType == WINHTTP_ACCESS_TYPE_NAMED_PROXY &&
                        out->list[0] != '\0'
                    ? PACQUERY_PROXY
                    : PACQUERY_DIRECT;
    if (out->kind == PACQUERY_PROXY) {
        (void)nc_strlcpy(out->proxy, out->list, sizeof(out->proxy));
        sep = strpbrk(out->proxy, "; \t");
        if (sep != NULL)
            *sep = '\0';
    }
out:
    if (pi.lpszProxy != NULL)
        GlobalFree(pi.lpszProxy);
    if (pi.lpszProxyBypass != NULL)
        GlobalFree(pi.lpszProxyBypass);
    if (s != NULL)
        WinHttpCloseHandle(s);
    nc_free(wpac);
    nc_free(wurl);
    return rc;
}
