/* The live registry as a registry view (model/regview.h): RegOpenKeyExW and
 * RegQueryValueExW on the 64-bit view, names converted from UTF-8. An
 * access-denied key or value is WINREG_DENIED, and so is any other error
 * but "not found": what could not be read is never reported as absent.
 * HKU\S-1-5-18 is asked first by the analysis and .DEFAULT after it (the
 * same hive on Windows; wine has only .DEFAULT). */
#include <windows.h>
/* The registry API; model/regview.h is netcheck's own view of it. */
#include <winreg.h>

#include <string.h>

#include "hostreg.h"
#include "utf16.h"

/* UTF-8 to a NUL-terminated wide string (nc_free).  \return NULL on a
 * failed conversion */
static wchar_t *hostreg_wide(const char *s)
{
    unsigned char *w = NULL;
    size_t n = 0;

    if (nc_utf16le_encode(s, strlen(s), &w, &n) < 0)
        return NULL;
    /* UTF-16LE bytes are wchar_t on Windows (little-endian, 16 bits). */
    return (wchar_t *)(void *)w;
}

static HKEY hostreg_root(enum winreg_hive h)
{
    switch (h) {
    case WINREG_HKLM:
        return HKEY_LOCAL_MACHINE;
    case WINREG_HKU:
        return HKEY_USERS;
    case WINREG_HKCU:
        return HKEY_CURRENT_USER;
    case WINREG_HKCR:
        return HKEY_CLASSES_ROOT;
    case WINREG_HKCC:
        return HKEY_CURRENT_CONFIG;
    default:
        return NULL;
    }
}

static enum winreg_status hostreg_status(LSTATUS e)
{
    if (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND)
        return WINREG_ABSENT;
    return WINREG_DENIED;
}

static enum winreg_status hostreg_get(void *ctx, enum winreg_hive hive,
                                      const char *key, const char *name,
                                      struct winreg_value *out)
{
    HKEY root = hostreg_root(hive), hk = NULL;
    wchar_t *wkey = NULL, *wname = NULL;
    enum winreg_status st = WINREG_DENIED;
    DWORD type = 0, len = (DWORD)sizeof(out->data);
    LSTATUS e;

    (void)ctx;
    if (root == NULL)
        return WINREG_ABSENT;
    wkey = hostreg_wide(key);
    wname = hostreg_wide(name);
    if (wkey == NULL || wname == NULL)
        goto out;
    e = RegOpenKeyExW(root, wkey, 0, KEY_QUERY_VALUE | KEY_WOW64_64KEY, &hk);
    if (e != ERROR_SUCCESS) {
        st = hostreg_status(e);
        goto out;
    }
    e = RegQueryValueExW(hk, wname, NULL, &type, out->data, &len);
    if (e == ERROR_MORE_DATA) {
        /* Larger than any proxy value: the analysis treats a length
         * beyond data[] as not there (winproxy_get). */
        out->type = (uint32_t)type;
        out->len = sizeof(out->data) + 1;
        st = WINREG_FOUND;
        goto out;
    }
    if (e != ERROR_SUCCESS) {
        st = hostreg_status(e);
        goto out;
    }
    out->type = (uint32_t)type;
    out->len = len;
    st = WINREG_FOUND;
out:
    if (hk != NULL)
        RegCloseKey(hk);
    nc_free(wkey);
    nc_free(wname);
    return st;
}

int hostreg_open(struct winreg_view *out, struct nc_diag *diag)
{
    (void)diag;
    memset(out, 0, sizeof(*out));
    out->get = hostreg_get;
    out->origin = "this host's registry";
    return 0;
}

void hostreg_close(struct winreg_view *v)
{
    if (v != NULL)
        memset(v, 0, sizeof(*v));
}

bool hostreg_live(void)
{
    return true;
}
