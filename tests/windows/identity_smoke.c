/* The proxy identity's facts on the system the Windows build runs on
 * (Windows, or wine): its curl has SSPI (the SYSTEM account's own logon
 * needs it), and os_account_query reads the process token, names the
 * account and says whether it is LocalSystem the way a second question
 * (CheckTokenMembership on the well-known SID) does. Plain C, no network.
 *
 * Built with the Windows build's tests (tests/windows/CMakeLists.txt) and
 * run under wine by scripts/test-windows (ctest -L windows). */
#include <windows.h>

#include <stdio.h>
#include <string.h>

#include "account.h"
#include "engine_libver.h"

static int failures;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "identity_smoke.c:%d: %s\n", __LINE__, #cond);     \
            failures++;                                                        \
        }                                                                      \
    } while (0)

/* Whether the token holds the LocalSystem SID, asked another way. */
static BOOL member_of_system(void)
{
    BYTE sid[SECURITY_MAX_SID_SIZE];
    DWORD n = sizeof(sid);
    BOOL is = FALSE;

    if (!CreateWellKnownSid(WinLocalSystemSid, NULL, sid, &n) ||
        !CheckTokenMembership(NULL, sid, &is))
        return FALSE;
    return is;
}

int main(void)
{
    struct os_account a;

    CHECK(engine_libver_curl_sspi());
    memset(&a, 0x5a, sizeof(a));
    CHECK(os_account_query(&a) == 0);
    CHECK(a.kind == OS_ACCOUNT_SYSTEM || a.kind == OS_ACCOUNT_OTHER);
    CHECK((a.kind == OS_ACCOUNT_SYSTEM) == (member_of_system() != FALSE));
    CHECK(memchr(a.name, '\0', sizeof(a.name)) != NULL);
    CHECK(a.name[0] != '\0');
    printf("identity_smoke: account '%s' (%s), curl SSPI %s: %d failure(s)\n",
           a.name, a.kind == OS_ACCOUNT_SYSTEM ? "LocalSystem" : "not SYSTEM",
           engine_libver_curl_sspi() ? "yes" : "no", failures);
    return failures == 0 ? 0 : 1;
}
