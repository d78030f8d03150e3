/* Unit names (systemd's unit-name.c) and %-specifiers (specifier.c,
 * unit-printf.c), as in systemd 252: pure string work. */
#include "sysenv_int.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "nc.h"
#include "str.h"

#define ALNUM       "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#define VALID_CHARS ALNUM ":-_.\\"

/* system.conf's table (system_and_tmp_specifier_table) and the unit
 * files' (unit_full_printf; %c %r %R are deprecated cgroup ones). */
static const char manager_letters[] = "aAbBHlmMoqvwWTV";
static const char unit_letters[] =
    "aAbBHlmMoqvwWTViIjJnNpPfyYcrRCdELStTVhsgGuU";

static const char *const unit_types[] = {
    "service", "socket", "target", "device", "mount", "automount",
    "swap",    "timer",  "path",   "slice",  "scope",
};

/* ---- unit names ---- */

static bool unit_type_known(const char *t)
{
    size_t i;

    for (i = 0; i < sizeof(unit_types) / sizeof(unit_types[0]); i++)
        if (strcmp(t, unit_types[i]) == 0)
            return true;
    return false;
}

bool sysenv_unit_name_valid(const char *name)
{
    const char *dot = strrchr(name, '.'), *at = NULL, *p;

    if (strlen(name) >= SYSENV_UNIT_NAME_MAX || dot == NULL || dot == name ||
        !unit_type_known(dot + 1))
        return false;
    for (p = name; p < dot; p++) {
        if (*p == '@' && at == NULL)
            at = p;
        if (*p == '\0' || (*p != '@' && strchr(VALID_CHARS, *p) == NULL))
            return false;
    }
    return at != name;
}

const char *sysenv_unit_section(const char *name)
{
    static const char *const map[][2] = {{"service", "Service"},
                                         {"socket", "Socket"},
                                         {"mount", "Mount"},
                                         {"swap", "Swap"}};
    const char *dot = strrchr(name, '.');
    size_t i;

    for (i = 0; dot != NULL && i < sizeof(map) / sizeof(map[0]); i++)
        if (strcmp(dot + 1, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

int sysenv_unit_name_normalize(const char *in, char *out, size_t outlen,
                               struct nc_diag *diag)
{
    char name[SYSENV_UNIT_NAME_MAX + 16];
    const char *dot = strrchr(in, '.');

    if (*in == '\0' || strchr(in, '/') != NULL) {
        nc_diag_set(diag, NULL, 0, "invalid unit name '%.64s'", in);
        return NC_EINVAL;
    }
    if (nc_snprintf(
            name, sizeof(name), "%s%s", in,
            dot != NULL && unit_type_known(dot + 1) ? "" : ".service") != 0 ||
        !sysenv_unit_name_valid(name)) {
        nc_diag_set(diag, NULL, 0, "invalid unit name '%.64s'", in);
        return NC_EINVAL;
    }
    if (sysenv_unit_section(name) == NULL) {
        nc_diag_set(diag, NULL, 0, "unit '%.64s' runs no process", name);
        return NC_EINVAL;
    }
    if (nc_strlcpy(out, name, outlen) != 0) {
        nc_diag_set(diag, NULL, 0, "unit name too long");
        return NC_EINVAL;
    }
    return 0;
}

/* "foo@bar.service": prefix "foo", instance "bar" (NULL when none). */
static void unit_split(const char *id, char *prefix, size_t plen, char *inst,
                       size_t ilen, bool *has_inst)
{
    const char *dot = strrchr(id, '.'), *at = strchr(id, '@');
    size_t end = dot != NULL ? (size_t)(dot - id) : strlen(id);

    *has_inst = at != NULL && (size_t)(at - id) < end;
    if (*has_inst) {
        (void)nc_snprintf(prefix, plen, "%.*s", (int)(at - id), id);
        (void)nc_snprintf(inst, ilen, "%.*s",
                          (int)(end - (size_t)(at - id) - 1), at + 1);
    } else {
        (void)nc_snprintf(prefix, plen, "%.*s", (int)end, id);
        inst[0] = '\0';
    }
}

/* unit_name_unescape: "\xNN" is a byte, '-' a '/'.  \return 0, -1 */
static int unit_unescape(const char *in, char *out, size_t outlen)
{
    size_t n = 0;

    for (; *in != '\0'; in++) {
        char c = *in;

        if (c == '\\') {
            int a = in[1] == 'x' ? nc_hexval(in[2]) : -1;
            int b = a >= 0 ? nc_hexval(in[3]) : -1;

            if (b < 0)
                return -1;
            c = (char)((a << 4) | b);
            in += 3;
        } else if (c == '-') {
            c = '/';
        }
        if (n + 1 >= outlen)
            return -1;
        out[n++] = c;
    }
    out[n] = '\0';
    return 0;
}

/* unit_name_escape of a prefix, for a template's default slice. */
static int unit_escape(const char *in, char *out, size_t outlen)
{
    size_t n = 0;
    const char *p;

    for (p = in; *p != '\0'; p++) {
        char buf[5];

        if (*p == '/')
            (void)nc_snprintf(buf, sizeof(buf), "-");
        else if ((p == in && *p == '.') || *p == '-' || *p == '\\' ||
                 strchr(VALID_CHARS, *p) == NULL)
            (void)nc_snprintf(buf, sizeof(buf), "\\x%02x", (unsigned char)*p);
        else
            (void)nc_snprintf(buf, sizeof(buf), "%c", *p);
        if (n + strlen(buf) >= outlen)
            return NC_ELIMIT;
        memcpy(out + n, buf, strlen(buf) + 1);
        n += strlen(buf);
    }
    out[n] = '\0';
    return 0;
}

/* cg_escape: names that could clash with kernel files get a '_'. */
static int cg_escape(const char *name, char *out, size_t outlen)
{
    static const char *const ctl[] = {"cpu",
                                      "cpuacct",
                                      "cpuset",
                                      "io",
                                      "blkio",
                                      "memory",
                                      "devices",
                                      "pids",
                                      "bpf-firewall",
                                      "bpf-devices",
                                      "bpf-foreign",
                                      "bpf-socket-bind",
                                      "bpf-restrict-network-interfaces"};
    const char *dot = strrchr(name, '.');
    bool prefix = name[0] == '_' || name[0] == '.' || name[0] == '\0' ||
                  strcmp(name, "notify_on_release") == 0 ||
                  strcmp(name, "release_agent") == 0 ||
                  strcmp(name, "tasks") == 0 ||
                  strncmp(name, "cgroup.", 7) == 0;
    size_t i;

    for (i = 0; !prefix && dot != NULL && i < sizeof(ctl) / sizeof(ctl[0]); i++)
        prefix = strlen(ctl[i]) == (size_t)(dot - name) &&
                 strncmp(name, ctl[i], strlen(ctl[i])) == 0;
    return nc_snprintf(out, outlen, "%s%s", prefix ? "_" : "", name);
}

int sysenv_unit_cgroup_path(const char *id, const char *slice, char *out,
                            size_t outlen)
{
    char def[SYSENV_UNIT_NAME_MAX * 4 + 16], prefix[SYSENV_UNIT_NAME_MAX];
    char inst[SYSENV_UNIT_NAME_MAX], esc[SYSENV_UNIT_NAME_MAX * 4];
    char part[SYSENV_UNIT_NAME_MAX + 8], path[SYSENV_PATH_MAX] = "";
    const char *dash;
    size_t n;
    bool has_inst;

    unit_split(id, prefix, sizeof(prefix), inst, sizeof(inst), &has_inst);
    if (slice == NULL || *slice == '\0') {
        if (has_inst) {
            if (unit_escape(prefix, esc, sizeof(esc)) != 0)
                return NC_ELIMIT;
            (void)nc_snprintf(def, sizeof(def), "system-%s.slice", esc);
            slice = def;
        } else {
            slice = "system.slice";
        }
    }
    if (strcmp(slice, "-.slice") != 0) { /* cg_slice_to_path */
        n = strlen(slice) - strlen(".slice");
        for (dash = strchr(slice, '-'); dash != NULL && dash < slice + n;
             dash = strchr(dash + 1, '-')) {
            if (dash == slice || dash[1] == '-' || dash + 1 == slice + n)
                return NC_EINVAL;
            (void)nc_snprintf(part, sizeof(part), "%.*s.slice",
                              (int)(dash - slice), slice);
            if (cg_escape(part, esc, sizeof(esc)) != 0 ||
                nc_snprintf(path + strlen(path), sizeof(path) - strlen(path),
                            "%s/", esc) != 0)
                return NC_ELIMIT;
        }
        if (cg_escape(slice, esc, sizeof(esc)) != 0 ||
            nc_snprintf(path + strlen(path), sizeof(path) - strlen(path), "%s/",
                        esc) != 0)
            return NC_ELIMIT;
    }
    if (cg_escape(id, esc, sizeof(esc)) != 0)
        return NC_ELIMIT;
    return nc_snprintf(out, outlen, "%s%s", path, esc);
}

/* ---- specifiers ---- */

int sysenv_spec_set(struct sysenv_spec *spec, char letter, const char *value)
{
    unsigned char i = (unsigned char)letter;
    char *copy;

    if (i >= 128)
        return NC_EINVAL;
    copy = nc_strdup(value);
    if (copy == NULL)
        return NC_ENOMEM;
    nc_free(spec->val[i]);
    spec->val[i] = copy;
    return 0;
}

void sysenv_spec_release(struct sysenv_spec *spec)
{
    size_t i;

    for (i = 0; i < 128; i++) {
        nc_free(spec->val[i]);
        spec->val[i] = NULL;
    }
    spec->unit = false;
}

int sysenv_spec_init_unit(struct sysenv_spec *spec, const char *unit,
                          const char *fragment)
{
    static const char *const fixed[][2] = {
        {"C", "/var/cache"}, {"E", "/etc"}, {"L", "/var/log"},
        {"S", "/var/lib"},   {"t", "/run"}, {"h", "/root"},
        {"s", "/bin/sh"},    {"u", "root"}, {"U", "0"},
        {"g", "root"},       {"G", "0"},    {"T", "/tmp"},
        {"V", "/var/tmp"}};
    char prefix[SYSENV_UNIT_NAME_MAX], inst[SYSENV_UNIT_NAME_MAX];
    char buf[SYSENV_PATH_MAX], un[SYSENV_UNIT_NAME_MAX];
    const char *dash, *dot = strrchr(unit, '.');
    size_t i;
    bool has_inst;
    int r = 0;

    spec->unit = true;
    for (i = 0; r == 0 && i < sizeof(fixed) / sizeof(fixed[0]); i++)
        r = sysenv_spec_set(spec, fixed[i][0][0], fixed[i][1]);
    unit_split(unit, prefix, sizeof(prefix), inst, sizeof(inst), &has_inst);
    dash = strrchr(prefix, '-');
    if (r == 0)
        r = sysenv_spec_set(spec, 'n', unit);
    if (r == 0 && nc_snprintf(buf, sizeof(buf), "%.*s",
                              (int)(dot ? (size_t)(dot - unit) : strlen(unit)),
                              unit) == 0)
        r = sysenv_spec_set(spec, 'N', buf);
    if (r == 0)
        r = sysenv_spec_set(spec, 'p', prefix);
    if (r == 0)
        r = sysenv_spec_set(spec, 'i', inst);
    if (r == 0)
        r = sysenv_spec_set(spec, 'j', dash != NULL ? dash + 1 : prefix);
    if (r == 0 && unit_unescape(prefix, un, sizeof(un)) == 0)
        r = sysenv_spec_set(spec, 'P', un);
    if (r == 0 && unit_unescape(inst, un, sizeof(un)) == 0)
        r = sysenv_spec_set(spec, 'I', un);
    if (r == 0 &&
        unit_unescape(dash != NULL ? dash + 1 : prefix, un, sizeof(un)) == 0)
        r = sysenv_spec_set(spec, 'J', un);
    /* %f: "/" + the unescaped instance, or prefix ("-" alone is "/") */
    if (r == 0 && strcmp(has_inst ? inst : prefix, "-") == 0)
        r = sysenv_spec_set(spec, 'f', "/");
    else if (r == 0 && *(has_inst ? inst : prefix) != '\0' &&
             unit_unescape(has_inst ? inst : prefix, un, sizeof(un)) == 0 &&
             un[0] != '/' && un[strlen(un) - 1] != '/' &&
             nc_snprintf(buf, sizeof(buf), "/%s", un) == 0)
        r = sysenv_spec_set(spec, 'f', buf);
    if (r == 0 &&
        nc_snprintf(buf, sizeof(buf), "/run/credentials/%s", unit) == 0)
        r = sysenv_spec_set(spec, 'd', buf);
    if (r == 0 && fragment != NULL && *fragment != '\0') {
        char *slash;

        r = sysenv_spec_set(spec, 'y', fragment);
        (void)nc_strlcpy(buf, fragment, sizeof(buf));
        slash = strrchr(buf, '/');
        if (slash == buf)
            buf[1] = '\0';
        else if (slash != NULL)
            *slash = '\0';
        if (r == 0)
            r = sysenv_spec_set(spec, 'Y', buf);
    }
    return r;
}

int sysenv_spec_expand(const struct sysenv_spec *spec, const char *in,
                       char **out, char *bad, char *kept)
{
    const char *letters =
        spec != NULL && spec->unit ? unit_letters : manager_letters;
    size_t need = 1, i, n = 0;
    char *o = NULL;
    int pass;

    *bad = 0;
    *kept = 0;
    /* Two passes: size, then copy (specifier_printf's rules both times). */
    for (pass = 0; pass < 2; pass++) {
        bool percent = false;

        for (i = 0; in[i] != '\0'; i++) {
            char c = in[i];
            const char *v = NULL;
            unsigned char u = (unsigned char)c;

            if (!percent) {
                if (c == '%') {
                    percent = true;
                    continue;
                }
                if (pass == 0)
                    need++;
                else
                    o[n++] = c;
                continue;
            }
            percent = false;
            if (c == '%') {
                v = "%";
            } else if (strchr(letters, c) != NULL) {
                v = spec != NULL && u < 128 ? spec->val[u] : NULL;
                if (v == NULL && *kept == 0)
                    *kept = c;
            } else if (strchr(ALNUM, c) != NULL) {
                *bad = c;
                return NC_EPARSE;
            }
            if (v == NULL) { /* left as written */
                if (pass == 0) {
                    need += 2;
                } else {
                    o[n++] = '%';
                    o[n++] = c;
                }
            } else if (pass == 0) {
                need += strlen(v);
            } else {
                memcpy(o + n, v, strlen(v));
                n += strlen(v);
            }
        }
        if (percent) { /* a final lone '%' stays */
            if (pass == 0)
                need++;
            else
                o[n++] = '%';
        }
        if (pass == 0) {
            o = nc_malloc(need);
            if (o == NULL)
                return NC_ENOMEM;
        }
    }
    o[n] = '\0';
    *out = o;
    return 0;
}
