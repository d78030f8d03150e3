/* A read-only view of a Windows registry: hive, key path and value name in,
 * type and bytes out, the way RegGetValueW answers. The proxy analysis
 * (proxy/winproxy.h) reads only through this, so the same code runs on a
 * `reg export` file (input/regfile.h, any system) and on the live registry
 * (os/hostreg.h, Windows). Plain data and one function pointer: no I/O. */
#ifndef NC_REGVIEW_H
#define NC_REGVIEW_H

#include <stddef.h>
#include <stdint.h>

enum winreg_hive {
    WINREG_HKLM = 0, /* HKEY_LOCAL_MACHINE */
    WINREG_HKU,      /* HKEY_USERS */
    WINREG_HKCU,     /* HKEY_CURRENT_USER (the account that exported) */
    WINREG_HKCR,     /* HKEY_CLASSES_ROOT: parsed, never asked */
    WINREG_HKCC,     /* HKEY_CURRENT_CONFIG: parsed, never asked */
    WINREG_HIVE_MAX
};

/* The registry's own type numbers (winnt.h REG_*), as .reg files write them
 * in hex(N): and RegGetValueW reports them. */
#define WINREG_NONE      0u
#define WINREG_SZ        1u
#define WINREG_EXPAND_SZ 2u
#define WINREG_BINARY    3u
#define WINREG_DWORD     4u
#define WINREG_MULTI_SZ  7u
#define WINREG_QWORD     11u

/* Values larger than this are refused (no proxy value comes near it). */
#define WINREG_VALUE_MAX (64u * 1024u)

/* One value as read: REG_SZ data is UTF-16LE with its terminating NUL, as
 * RegGetValueW returns it. */
struct winreg_value {
    uint32_t type;
    size_t len;
    unsigned char data[WINREG_VALUE_MAX];
};

/* The answers of one get(): found, absent, or there but not readable
 * (access denied without elevation: say so, never treat it as absent). */
enum winreg_status {
    WINREG_FOUND = 0,
    WINREG_ABSENT,
    WINREG_DENIED,
    WINREG_STATUS_MAX
};

struct winreg_view {
    /* Read hive\key (backslash-separated, matched without regard to ASCII
     * case) value name ("" the key's default value) into out.
     * \return a winreg_status */
    enum winreg_status (*get)(void *ctx, enum winreg_hive hive, const char *key,
                              const char *name, struct winreg_value *out);
    void *ctx;
    const char *origin; /* where the values come from, for the report */
};

#endif
