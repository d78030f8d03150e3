/* The process token's user: LocalSystem or not, and its name. */
#include "account.h"

#include <string.h>

#include <windows.h>

#include "nc.h"
#include "str.h"

/* "DOMAIN\\name" of sid into out (UTF-8); "" when Windows cannot say. */
static void account_name(PSID sid, char *out, size_t n)
{
    WCHAR name[128], dom[128], full[258];
    DWORD nl = 128, dl = 128;
    SID_NAME_USE use;

    out[0] = '\0';
    if (!LookupAccountSidW(NULL, sid, name, &nl, dom, &dl, &use))
        return;
    full[0] = L'\0';
    if (dom[0] != L'\0') {
        (void)lstrcpynW(full, dom, 128);
        (void)lstrcatW(full, L"\\");
    }
    (void)lstrcatW(full, name);
    if (WideCharToMultiByte(CP_UTF8, 0, full, -1, out, (int)n, NULL, NULL) <= 0)
        out[0] = '\0';
}

int os_account_query(struct os_account *out)
{
    HANDLE tok = NULL;
    TOKEN_USER *tu = NULL;
    DWORD len = 0;
    int r = NC_EIO;

    memset(out, 0, sizeof(*out));
    out->kind = OS_ACCOUNT_UNKNOWN;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &tok)) {
        (void)nc_snprintf(out->why, sizeof(out->why),
                          "OpenProcessToken failed: error %lu",
                          (unsigned long)GetLastError());
        goto out;
    }
    /* The first call only says how big TOKEN_USER with its SID is. */
    (void)GetTokenInformation(tok, TokenUser, NULL, 0, &len);
    if (len == 0 || len > 4096 || (tu = nc_malloc(len)) == NULL ||
        !GetTokenInformation(tok, TokenUser, tu, len, &len)) {
        (void)nc_snprintf(out->why, sizeof(out->why),
                          "GetTokenInformation(TokenUser) failed: error %lu",
                          (unsigned long)GetLastError());
        goto out;
    }
    out->kind = IsWellKnownSid(tu->User.Sid, WinLocalSystemSid)
                    ? OS_ACCOUNT_SYSTEM
                    : OS_ACCOUNT_OTHER;
    account_name(tu->User.Sid, out->name, sizeof(out->name));
    r = 0;
out:
    nc_free(tu);
    if (tok != NULL)
        CloseHandle(tok);
    return r;
}
