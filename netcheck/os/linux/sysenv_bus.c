/* The running systemd, asked over D-Bus with libsystemd's sd-bus
 * (org.freedesktop.systemd1(5)): the manager's Environment and a unit's
 * exec settings as PID 1 holds them in memory. The only file here that
 * talks to the bus; the comparison with the files is sysenv_drift.c. */
#include "sysenv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-daemon.h>

#include "nc.h"
#include "str.h"
#include "sysenv_int.h"

UNITTEST void sysenv_live_release(struct sysenv_live *live);

#define BUS_DEST     "org.freedesktop.systemd1"
#define BUS_PATH     "/org/freedesktop/systemd1"
#define BUS_MANAGER  "org.freedesktop.systemd1.Manager"
#define BUS_UNIT     "org.freedesktop.systemd1.Unit"
#define BUS_TIMEOUT  (5u * 1000u * 1000u) /* µs per call */
#define BUS_HOOK_VAR "NETCHECK_SYSTEMD_BUS"

UNITTEST void sysenv_live_release(struct sysenv_live *live)
{
    env_release(&live->manager);
    env_release(&live->env);
    sysenv_list_release(&live->envfiles);
    sysenv_list_release(&live->pass);
    sysenv_list_release(&live->unset);
}

static void bus_strv_free(char **v)
{
    size_t i;

    for (i = 0; v != NULL && v[i] != NULL; i++) {
        nc_explicit_bzero(v[i], strlen(v[i]));
        free(v[i]);
    }
    free(v);
}

/* Map a negative errno from sd-bus: memory stays memory, the rest is I/O. */
static int bus_err(int r)
{
    return r == -ENOMEM ? NC_ENOMEM : NC_EIO;
}

/* An "as" property of VAR=VALUE strings into env (skipping what is not an
 * assignment), or of names into list. */
static int bus_strv(sd_bus *bus, const char *path, const char *iface,
                    const char *member, struct nc_env *env,
                    struct sysenv_list *list, sd_bus_error *e)
{
    char **v = NULL;
    size_t i;
    int r = sd_bus_get_property_strv(bus, BUS_DEST, path, iface, member, e, &v);

    if (r < 0)
        return bus_err(r);
    for (i = 0, r = 0; r == 0 && v != NULL && v[i] != NULL; i++) {
        if (env != NULL && sysenv_env_assignment_valid(v[i]))
            r = env_put(env, v[i]);
        else if (list != NULL)
            r = sysenv_list_add(list, v[i]);
    }
    bus_strv_free(v);
    return r;
}

static int bus_string(sd_bus *bus, const char *path, const char *iface,
                      const char *member, char *out, size_t outlen,
                      sd_bus_error *e)
{
    char *s = NULL;
    int r =
        sd_bus_get_property_string(bus, BUS_DEST, path, iface, member, e, &s);

    if (r < 0)
        return bus_err(r);
    r = nc_strlcpy(out, s, outlen) < 0 ? NC_ELIMIT : 0;
    free(s);
    return r;
}

/* EnvironmentFiles a(sb): path and "ignore if missing" ('-'). */
static int bus_envfiles(sd_bus *bus, const char *path, const char *iface,
                        struct sysenv_list *out, sd_bus_error *e)
{
    sd_bus_message *m = NULL;
    char entry[SYSENV_PATH_MAX + 2];
    const char *p;
    int ignore, r;

    r = sd_bus_get_property(bus, BUS_DEST, path, iface, "EnvironmentFiles", e,
                            &m, "a(sb)");
    if (r >= 0)
        r = sd_bus_message_enter_container(m, 'a', "(sb)");
    while (r >= 0 && (r = sd_bus_message_read(m, "(sb)", &p, &ignore)) > 0) {
        if (nc_snprintf(entry, sizeof(entry), "%s%s", ignore ? "-" : "", p) !=
            0) {
            r = NC_ELIMIT;
            goto out;
        }
        r = sysenv_list_add(out, entry);
        if (r < 0)
            goto out;
    }
    r = r < 0 ? bus_err(r) : 0;
out:
    sd_bus_message_unref(m);
    return r;
}

/* The unit's object path: GetUnit when loaded, else LoadUnit (which loads
 * it from disk, as starting it would). */
static int bus_unit_path(sd_bus *bus, const char *unit, char *out,
                         size_t outlen, sd_bus_error *e)
{
    sd_bus_message *m = NULL;
    const char *path = NULL;
    int r = sd_bus_call_method(bus, BUS_DEST, BUS_PATH, BUS_MANAGER, "GetUnit",
                               e, &m, "s", unit);

    if (r < 0 && sd_bus_error_has_name(e, BUS_DEST ".NoSuchUnit")) {
        sd_bus_error_free(e);
        r = sd_bus_call_method(bus, BUS_DEST, BUS_PATH, BUS_MANAGER, "LoadUnit",
                               e, &m, "s", unit);
    }
    if (r >= 0)
        r = sd_bus_message_read(m, "o", &path);
    if (r >= 0)
        r = nc_strlcpy(out, path, outlen) < 0 ? NC_ELIMIT : 0;
    else
        r = bus_err(r);
    sd_bus_message_unref(m);
    return r;
}

/* The properties of the unit; its exec settings are on the interface of
 * its type (Service, Socket, Mount, Swap: the section of its file). */
static int bus_unit(sd_bus *bus, const char *unit, struct sysenv_live *out,
                    sd_bus_error *e)
{
    const char *section = sysenv_unit_section(unit);
    char path[512], iface[64];
    uint32_t pid = 0;
    int reload = 0, r;

    if (section == NULL)
        return NC_EINVAL;
    (void)nc_snprintf(iface, sizeof(iface), "org.freedesktop.systemd1.%s",
                      section);
    r = bus_unit_path(bus, unit, path, sizeof(path), e);
    if (r == 0)
        r = bus_string(bus, path, BUS_UNIT, "LoadState", out->load_state,
                       sizeof(out->load_state), e);
    if (r == 0)
        r = bus_string(bus, path, BUS_UNIT, "FragmentPath", out->fragment,
                       sizeof(out->fragment), e);
    if (r == 0) {
        r = sd_bus_get_property_trivial(bus, BUS_DEST, path, BUS_UNIT,
                                        "NeedDaemonReload", e, 'b', &reload);
        r = r < 0 ? bus_err(r) : 0;
        out->need_reload = reload != 0;
    }
    if (r != 0 || strcmp(out->load_state, "loaded") != 0)
        return r;
    r = bus_strv(bus, path, iface, "Environment", &out->env, NULL, e);
    if (r == 0)
        r = bus_envfiles(bus, path, iface, &out->envfiles, e);
    if (r == 0)
        r = bus_strv(bus, path, iface, "PassEnvironment", NULL, &out->pass, e);
    if (r == 0)
        r = bus_strv(bus, path, iface, "UnsetEnvironment", NULL, &out->unset,
                     e);
    if (r == 0)
        r = bus_string(bus, path, iface, "User", out->user, sizeof(out->user),
                       e);
    if (r == 0 && strcmp(section, "Service") == 0) {
        r = sd_bus_get_property_trivial(bus, BUS_DEST, path, iface, "MainPID",
                                        e, 'u', &pid);
        r = r < 0 ? bus_err(r) : 0;
        out->main_pid = pid;
    }
    return r;
}

static int bus_open(const char *address, sd_bus **bus)
{
    sd_bus *b = NULL;
    int r;

    if (address == NULL)
        return sd_bus_open_system(bus);
    r = sd_bus_new(&b);
    if (r >= 0)
        r = sd_bus_set_address(b, address);
    if (r >= 0)
        r = sd_bus_set_bus_client(b, 1);
    if (r >= 0)
        r = sd_bus_start(b);
    if (r < 0) {
        sd_bus_unref(b);
        return r;
    }
    *bus = b;
    return 0;
}

/* Ask systemd over D-Bus: the system bus (sd_bus_open_system, which
 * honours DBUS_SYSTEM_BUS_ADDRESS), or address when not NULL. unit (a
 * normalized name, or NULL) adds its properties; a unit that cannot be
 * asked leaves unit_ok false with a warning. Returns 0 (manager_ok), NC_EIO
 * (no bus or no systemd: diag says why), NC_ENOMEM, NC_ELIMIT. */
static int sysenv_bus_read(const char *address, const char *unit,
                           struct sysenv_live *out, struct nc_diag *diag)
{
    struct sysenv_live live;
    sd_bus_error e = SD_BUS_ERROR_NULL;
    sd_bus *bus = NULL;
    int r;

    memset(&live, 0, sizeof(live));
    r = bus_open(address, &bus);
    if (r < 0) {
        nc_diag_set(diag, NULL, 0, "cannot connect to %s: %s",
                    address != NULL ? address : "the system bus", strerror(-r));
        r = bus_err(r);
        goto out;
    }
    (void)sd_bus_set_method_call_timeout(bus, BUS_TIMEOUT);
    r = bus_strv(bus, BUS_PATH, BUS_MANAGER, "Environment", &live.manager, NULL,
                 &e);
    if (r != 0) {
        nc_diag_set(diag, NULL, 0, "cannot read systemd's Environment: %s",
                    sd_bus_error_is_set(&e) ? e.message : nc_strerror(r));
        goto out;
    }
    live.manager_ok = true;
    if (unit != NULL) {
        (void)nc_strlcpy(live.unit, unit, sizeof(live.unit));
        sd_bus_error_free(&e);
        r = bus_unit(bus, unit, &live, &e);
        if (r == NC_ENOMEM)
            goto out;
        if (r == 0) {
            live.unit_ok = true;
        } else {
            sysenv_warn(&live.warnings, NULL, 0,
                        "cannot ask systemd about '%s' over D-Bus (%s): its "
                        "files were read instead",
                        unit,
                        sd_bus_error_is_set(&e) ? e.message : nc_strerror(r));
            env_release(&live.env);
            sysenv_list_release(&live.envfiles);
            sysenv_list_release(&live.pass);
            sysenv_list_release(&live.unset);
        }
        r = 0;
    }
out:
    sd_bus_error_free(&e);
    sd_bus_flush_close_unref(bus);
    if (r == 0)
        *out = live;
    else
        sysenv_live_release(&live);
    return r;
}

int sysenv_load_host(const char *root, const char *unit, struct sysenv *out,
                     struct nc_diag *diag)
{
    struct sysenv_live live;
    struct nc_diag bd;
    char name[SYSENV_UNIT_NAME_MAX];
    const char *hook;
    int r, rb;

    if (root != NULL) /* an image or a test tree: never a bus */
        return sysenv_load(root, unit, out, diag);
    hook = getenv(BUS_HOOK_VAR);
    if (hook != NULL && *hook == '\0')
        hook = NULL;
    if (hook == NULL && sd_booted() <= 0)
        return sysenv_load("/", unit, out, diag);
    memset(&bd, 0, sizeof(bd));
    if (unit != NULL &&
        sysenv_unit_name_normalize(unit, name, sizeof(name), &bd) != 0)
        return sysenv_load("/", unit, out, diag); /* which says why */
    memset(&live, 0, sizeof(live));
    rb = sysenv_bus_read(hook, unit != NULL ? name : NULL, &live, &bd);
    if (rb == NC_ENOMEM) {
        nc_diag_set(diag, NULL, 0, "out of memory");
        return rb;
    }
    r = sysenv_load_ex("/", unit, rb == 0 ? &live : NULL, out, diag);
    if (r == 0 && rb != 0)
        sysenv_warn(&out->warnings, NULL, 0,
                    "systemd runs but could not be asked over D-Bus (%s): "
                    "its files were read instead, and may differ from what "
                    "it has loaded",
                    bd.msg);
    sysenv_live_release(&live);
    return r;
}
