/* Reading the proxy sources of a SYSTEM service through a registry view,
 * and what the analysis files share: values turned into display text
 * (printable ASCII, user information removed), blobs decoded into rows,
 * warnings added. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nc.h"
#include "str.h"
#include "utf16.h"
#include "winproxy.h"
#include "winproxy_int.h"

/* Printable ASCII only, and "user[:pass]@" dropped wherever it appears
 * (the segment back to the last ';', '=', '/', blank or start). */
void winproxy_show(const char *in, char *out, size_t n)
{
    size_t o = 0, seg = 0;

    if (n == 0)
        return;
    for (; *in != '\0' && o + 1 < n; in++) {
        unsigned char c = (unsigned char)*in;

        if (c == '@') {
            o = seg;
            continue;
        }
        if (c >= 0x20 && c <= 0x7e)
            out[o++] = *in;
        else
            out[o++] = '?';
        if (c == ';' || c == '=' || c == '/' || c == ' ' || c == ',')
            seg = o;
    }
    out[o] = '\0';
}

enum winreg_status winproxy_get(const struct winreg_view *v,
                                enum winreg_hive hive, const char *key,
                                const char *name, struct winreg_value *val)
{
    enum winreg_status st = v->get(v->ctx, hive, key, name, val);

    if (st == WINREG_FOUND && val->len > sizeof(val->data))
        st = WINREG_ABSENT;
    return st;
}

/* A REG_SZ or REG_EXPAND_SZ as display text.  \return a winproxy_state */
enum winproxy_state winproxy_get_sz(const struct winreg_view *v,
                                    enum winreg_hive hive, const char *key,
                                    const char *name, struct winreg_value *val,
                                    char *out, size_t n)
{
    enum winreg_status st = winproxy_get(v, hive, key, name, val);
    char *s = NULL;

    out[0] = '\0';
    if (st == WINREG_DENIED)
        return WINPROXY_DENIED;
    if (st != WINREG_FOUND)
        return WINPROXY_ABSENT;
    if ((val->type != WINREG_SZ && val->type != WINREG_EXPAND_SZ) ||
        nc_utf16le_decode(val->data, val->len & ~(size_t)1, true, &s, NULL,
                          NULL) < 0)
        return WINPROXY_INVALID;
    winproxy_show(s, out, n);
    nc_free(s);
    return WINPROXY_PRESENT;
}

/* A REG_DWORD.  \return a winproxy_state */
enum winproxy_state winproxy_get_dword(const struct winreg_view *v,
                                       enum winreg_hive hive, const char *key,
                                       const char *name,
                                       struct winreg_value *val, uint32_t *out)
{
    enum winreg_status st = winproxy_get(v, hive, key, name, val);

    if (st == WINREG_DENIED)
        return WINPROXY_DENIED;
    if (st != WINREG_FOUND)
        return WINPROXY_ABSENT;
    if (val->type != WINREG_DWORD || val->len != 4)
        return WINPROXY_INVALID;
    *out = (uint32_t)val->data[0] | (uint32_t)val->data[1] << 8 |
           (uint32_t)val->data[2] << 16 | (uint32_t)val->data[3] << 24;
    return WINPROXY_PRESENT;
}

void winproxy_row_set(struct winproxy_row *row, const char *var,
                      const char *value)
{
    struct winproxy_set *s;

    if (row->n_sets == WINPROXY_MAX_SETS)
        return;
    s = &row->sets[row->n_sets++];
    s->var = var;
    winproxy_show(value, s->value, sizeof(s->value));
}

void winproxy_flags_text(uint32_t flags, char *out, size_t n)
{
    out[0] = '\0';
    (void)nc_str_appendf(out, n, "0x%lx", (unsigned long)flags);
    if (flags & WINPROXY_FLAG_DIRECT)
        (void)nc_str_appendf(out, n, " direct");
    if (flags & WINPROXY_FLAG_PROXY)
        (void)nc_str_appendf(out, n, " proxy");
    if (flags & WINPROXY_FLAG_PAC)
        (void)nc_str_appendf(out, n, " pac");
    if (flags & WINPROXY_FLAG_AUTO_DETECT)
        (void)nc_str_appendf(out, n, " auto-detect");
}

/* A blob source: row filled, blob decoded into *blob when present. */
void winproxy_read_blob(const struct winreg_view *v, struct winproxy_row *row,
                        enum winreg_hive hive, const char *hive_name,
                        const char *key, const char *name,
                        struct winreg_value *val, struct winproxy_blob *blob)
{
    enum winreg_status st = winproxy_get(v, hive, key, name, val);
    char why[160], flags[64], ver[16];
    int r;

    (void)nc_snprintf(row->where, sizeof(row->where), "%s\\%s [%s]", hive_name,
                      key, name);
    if (st == WINREG_DENIED) {
        row->state = WINPROXY_DENIED;
        (void)nc_strlcpy(row->note, "not readable: run elevated",
                         sizeof(row->note));
        return;
    }
    if (st != WINREG_FOUND) {
        row->state = WINPROXY_ABSENT;
        return;
    }
    if (val->type != WINREG_BINARY) {
        row->state = WINPROXY_INVALID;
        (void)nc_snprintf(row->note, sizeof(row->note),
                          "not REG_BINARY (type %lu)",
                          (unsigned long)val->type);
        return;
    }
    why[0] = '\0';
    r = winproxy_blob_decode(val->data, val->len, blob, why, sizeof(why));
    if (r < 0) {
        row->state = WINPROXY_INVALID;
        (void)nc_snprintf(row->note, sizeof(row->note), "undecodable: %s", why);
        return;
    }
    row->state = WINPROXY_PRESENT;
    winproxy_flags_text(blob->flags, flags, sizeof(flags));
    (void)nc_snprintf(ver, sizeof(ver), "0x%lx", (unsigned long)blob->version);
    winproxy_row_set(row, "version", ver);
    winproxy_row_set(row, "flags", flags);
    if (blob->proxy[0] != '\0')
        winproxy_row_set(row, "ProxyServer", blob->proxy);
    if (blob->bypass[0] != '\0')
        winproxy_row_set(row, "ProxyOverride", blob->bypass);
    if (blob->pac[0] != '\0')
        winproxy_row_set(row, "AutoConfigURL", blob->pac);
}

void winproxy_warn(struct winproxy_report *r, const char *code, const char *fmt,
                   ...)
{
    struct winproxy_warning *w;
    va_list ap;

    if (r->n_warnings == WINPROXY_MAX_WARNINGS)
        return;
    w = &r->warnings[r->n_warnings++];
    w->code = code;
    va_start(ap, fmt);
    (void)vsnprintf(w->detail, sizeof(w->detail), fmt, ap);
    va_end(ap);
}
