/* Windows keeps its hosts file under the system directory
 * (%SystemRoot%\System32\drivers\etc\hosts, where the DNS Client service
 * reads it) and has no name-service switch. */
#include "hostsconf.h"

#include <windows.h>

#include <stdbool.h>

#include "str.h"

/* MAX_PATH of UTF-8 bytes plus the tail. */
static char hostsconf_path[4 * MAX_PATH + 32];
static INIT_ONCE hostsconf_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK hostsconf_init(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    static const char tail[] = "\\drivers\\etc\\hosts";
    wchar_t wdir[MAX_PATH];
    UINT n = GetSystemDirectoryW(wdir, MAX_PATH);
    int len;

    (void)once;
    (void)param;
    (void)ctx;
    /* The path netcheck opens is UTF-8 (fopen through the C runtime in the
     * UTF-8 code page, as the Windows build sets it up). */
    len = n > 0 && n < MAX_PATH
              ? WideCharToMultiByte(
                    CP_UTF8, 0, wdir, (int)n, hostsconf_path,
                    (int)(sizeof(hostsconf_path) - sizeof(tail)), NULL, NULL)
              : 0;
    if (len <= 0) /* the documented default, when the system cannot say */
        (void)nc_strlcpy(hostsconf_path, "C:\\Windows\\System32",
                         sizeof(hostsconf_path));
    else
        hostsconf_path[len] = '\0';
    (void)nc_str_appendf(hostsconf_path, sizeof(hostsconf_path), "%s", tail);
    return TRUE;
}

const char *hostsconf_hosts_path(void)
{
    (void)InitOnceExecuteOnce(&hostsconf_once, hostsconf_init, NULL, NULL);
    return hostsconf_path;
}

const char *hostsconf_nsswitch_path(void)
{
    return NULL;
}
