/* Shared by the winproxy_*.c files of the proxy layer only. */
#ifndef NC_WINPROXY_INT_H
#define NC_WINPROXY_INT_H

#include <stdint.h>

#include "winproxy.h"

/* Registry locations (README "Windows: how a SYSTEM service gets its
 * proxy" gives the source of each). */
#define WP_IS_KEY                                                              \
    "Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings"
#define WP_CONN_KEY WP_IS_KEY "\\Connections"
#define WP_POLICY_KEY                                                          \
    "SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet "        \
    "Settings"
#define WP_ENV_KEY                                                             \
    "SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment"
#define WP_MARS_KEY "SOFTWARE\\Microsoft\\Windows Azure Backup\\Config"

/* The analysis' working state. */
struct wp_state {
    const struct winreg_view *view;
    struct winreg_value *val; /* one scratch value (64 KiB) */
    struct winproxy_blob *blob[WINPROXY_SRC_MAX]; /* decoded, or NULL */
    bool per_machine;                             /* ProxySettingsPerUser = 0 */
    bool legacy_enable_set;
    uint32_t legacy_enable;
    char legacy_server[WINPROXY_STR_MAX], legacy_override[WINPROXY_STR_MAX],
        legacy_pac[WINPROXY_STR_MAX];
    bool manual;         /* the agent's manual proxy is on */
    bool server_invalid; /* .NET rejects its ProxyServer */
    char server_why[160];
    enum winproxy_pac pac; /* who evaluates a PAC file or WPAD */
};

void winproxy_show(const char *in, char *out, size_t n);
enum winreg_status winproxy_get(const struct winreg_view *v,
                                enum winreg_hive hive, const char *key,
                                const char *name, struct winreg_value *val);
enum winproxy_state winproxy_get_sz(const struct winreg_view *v,
                                    enum winreg_hive hive, const char *key,
                                    const char *name, struct winreg_value *val,
                                    char *out, size_t n);
enum winproxy_state winproxy_get_dword(const struct winreg_view *v,
                                       enum winreg_hive hive, const char *key,
                                       const char *name,
                                       struct winreg_value *val, uint32_t *out);
void winproxy_row_set(struct winproxy_row *row, const char *var,
                      const char *value);
void winproxy_flags_text(uint32_t flags, char *out, size_t n);
void winproxy_read_blob(const struct winreg_view *v, struct winproxy_row *row,
                        enum winreg_hive hive, const char *hive_name,
                        const char *key, const char *name,
                        struct winreg_value *val, struct winproxy_blob *blob);

/*! Add a warning (printf-style) with its stable code. */
void winproxy_warn(struct winproxy_report *r, const char *code, const char *fmt,
                   ...) NC_PRINTF(3, 4);

/*! The traps (winproxy_trap.c), once rows and URLs are decided. */
void winproxy_traps(struct wp_state *st, struct winproxy_report *r,
                    const struct winproxy_target *t, size_t n);

#endif
