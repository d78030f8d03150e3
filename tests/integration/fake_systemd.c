/* A D-Bus test double of systemd's PID 1 (org.freedesktop.systemd1(5)) for
 * test_sysenv_bus.sh: owns org.freedesktop.systemd1 on the bus at ADDRESS
 * and serves the properties netcheck reads, with values from the command
 * line:
 *   fake_systemd ADDRESS [--manager-env VAR=VALUE]...
 *                [--unit NAME [--load-state S] [--fragment PATH]
 *                 [--need-reload] [--env VAR=VALUE]... [--envfile [-]PATH]...
 *                 [--pass NAME]... [--unset NAME]... [--user NAME]
 *                 [--main-pid N]]...
 * Manager: Environment (as), GetUnit(s) and LoadUnit(s) -> o (NoSuchUnit
 * for a unit not given). Unit: LoadState, FragmentPath, NeedDaemonReload.
 * Service: Environment, EnvironmentFiles, PassEnvironment,
 * UnsetEnvironment, User, MainPID. Prints "ready" once the name is owned,
 * and one line per method call. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>

#define MAX_UNITS 8
#define MAX_STRS  16
#define DEST      "org.freedesktop.systemd1"
#define OBJ       "/org/freedesktop/systemd1"

struct strs {
    const char *v[MAX_STRS + 1]; /* NULL-terminated */
    size_t n;
};

struct unit {
    const char *name;
    char *path;
    const char *load_state, *fragment, *user;
    int need_reload;
    uint32_t main_pid;
    struct strs env, envfiles, pass, unset;
};

static struct strs manager_env;
static struct unit units[MAX_UNITS];
static size_t n_units;

static int strs_add(struct strs *s, const char *v)
{
    if (s->n >= MAX_STRS)
        return -1;
    s->v[s->n++] = v;
    return 0;
}

static int append_strs(sd_bus_message *reply, const struct strs *s)
{
    return sd_bus_message_append_strv(reply, (char **)(uintptr_t)s->v);
}

static int get_manager(sd_bus *bus, const char *path, const char *iface,
                       const char *prop, sd_bus_message *reply, void *ud,
                       sd_bus_error *e)
{
    (void)bus, (void)path, (void)iface, (void)prop, (void)ud, (void)e;
    return append_strs(reply, &manager_env);
}

static int get_unit(sd_bus *bus, const char *path, const char *iface,
                    const char *prop, sd_bus_message *reply, void *ud,
                    sd_bus_error *e)
{
    const struct unit *u = ud;
    size_t i;
    int r;

    (void)bus, (void)path, (void)iface, (void)e;
    if (strcmp(prop, "LoadState") == 0)
        return sd_bus_message_append(reply, "s", u->load_state);
    if (strcmp(prop, "FragmentPath") == 0)
        return sd_bus_message_append(reply, "s", u->fragment);
    if (strcmp(prop, "NeedDaemonReload") == 0)
        return sd_bus_message_append(reply, "b", u->need_reload);
    if (strcmp(prop, "Environment") == 0)
        return append_strs(reply, &u->env);
    if (strcmp(prop, "PassEnvironment") == 0)
        return append_strs(reply, &u->pass);
    if (strcmp(prop, "UnsetEnvironment") == 0)
        return append_strs(reply, &u->unset);
    if (strcmp(prop, "User") == 0)
        return sd_bus_message_append(reply, "s", u->user);
    if (strcmp(prop, "MainPID") == 0)
        return sd_bus_message_append(reply, "u", u->main_pid);
    /* EnvironmentFiles a(sb): a leading '-' is the "ignore" flag */
    r = sd_bus_message_open_container(reply, 'a', "(sb)");
    for (i = 0; r >= 0 && i < u->envfiles.n; i++) {
        const char *p = u->envfiles.v[i];
        int ignore = p[0] == '-';

        r = sd_bus_message_append(reply, "(sb)", p + ignore, ignore);
    }
    return r < 0 ? r : sd_bus_message_close_container(reply);
}

static int method_unit(sd_bus_message *m, void *ud, sd_bus_error *e)
{
    const char *name = NULL;
    size_t i;
    int r = sd_bus_message_read(m, "s", &name);

    (void)ud;
    if (r < 0)
        return r;
    printf("call %s %s\n", sd_bus_message_get_member(m), name);
    fflush(stdout);
    for (i = 0; i < n_units; i++)
        if (strcmp(units[i].name, name) == 0)
            return sd_bus_reply_method_return(m, "o", units[i].path);
    return sd_bus_error_setf(e, DEST ".NoSuchUnit", "Unit %s not loaded.",
                             name);
}

static const sd_bus_vtable manager_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("Environment", "as", get_manager, 0, 0),
    SD_BUS_METHOD("GetUnit", "s", "o", method_unit, 0),
    SD_BUS_METHOD("LoadUnit", "s", "o", method_unit, 0),
    SD_BUS_VTABLE_END,
};

static const sd_bus_vtable unit_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("LoadState", "s", get_unit, 0, 0),
    SD_BUS_PROPERTY("FragmentPath", "s", get_unit, 0, 0),
    SD_BUS_PROPERTY("NeedDaemonReload", "b", get_unit, 0, 0),
    SD_BUS_VTABLE_END,
};

static const sd_bus_vtable service_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("Environment", "as", get_unit, 0, 0),
    SD_BUS_PROPERTY("EnvironmentFiles", "a(sb)", get_unit, 0, 0),
    SD_BUS_PROPERTY("PassEnvironment", "as", get_unit, 0, 0),
    SD_BUS_PROPERTY("UnsetEnvironment", "as", get_unit, 0, 0),
    SD_BUS_PROPERTY("User", "s", get_unit, 0, 0),
    SD_BUS_PROPERTY("MainPID", "u", get_unit, 0, 0),
    SD_BUS_VTABLE_END,
};

static int parse_args(int argc, char **argv)
{
    struct unit *u = NULL;
    int i;

    for (i = 2; i < argc; i++) {
        const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        int r = 0;

        if (strcmp(opt, "--need-reload") == 0 && u != NULL) {
            u->need_reload = 1;
            continue;
        }
        if (val == NULL)
            return -1;
        i++;
        if (strcmp(opt, "--manager-env") == 0) {
            r = strs_add(&manager_env, val);
        } else if (strcmp(opt, "--unit") == 0 && n_units < MAX_UNITS) {
            u = &units[n_units++];
            u->name = val;
            u->load_state = "loaded";
            u->fragment = "";
            u->user = "";
        } else if (u == NULL) {
            return -1;
        } else if (strcmp(opt, "--load-state") == 0) {
            u->load_state = val;
        } else if (strcmp(opt, "--fragment") == 0) {
            u->fragment = val;
        } else if (strcmp(opt, "--env") == 0) {
            r = strs_add(&u->env, val);
        } else if (strcmp(opt, "--envfile") == 0) {
            r = strs_add(&u->envfiles, val);
        } else if (strcmp(opt, "--pass") == 0) {
            r = strs_add(&u->pass, val);
        } else if (strcmp(opt, "--unset") == 0) {
            r = strs_add(&u->unset, val);
        } else if (strcmp(opt, "--user") == 0) {
            u->user = val;
        } else if (strcmp(opt, "--main-pid") == 0) {
            u->main_pid = (uint32_t)strtoul(val, NULL, 10);
        } else {
            return -1;
        }
        if (r < 0)
            return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    sd_bus *bus = NULL;
    size_t i;
    int r;

    if (argc < 2 || parse_args(argc, argv) < 0) {
        fprintf(stderr, "usage: fake_systemd ADDRESS [options] (see source)\n");
        return 2;
    }
    r = sd_bus_new(&bus);
    if (r >= 0)
        r = sd_bus_set_address(bus, argv[1]);
    if (r >= 0)
        r = sd_bus_set_bus_client(bus, 1);
    if (r >= 0)
        r = sd_bus_start(bus);
    if (r >= 0)
        r = sd_bus_add_object_vtable(bus, NULL, OBJ, DEST ".Manager",
                                     manager_vtable, NULL);
    for (i = 0; r >= 0 && i < n_units; i++) {
        struct unit *u = &units[i];

        r = sd_bus_path_encode(OBJ "/unit", u->name, &u->path);
        if (r >= 0)
            r = sd_bus_add_object_vtable(bus, NULL, u->path, DEST ".Unit",
                                         unit_vtable, u);
        if (r >= 0)
            r = sd_bus_add_object_vtable(bus, NULL, u->path, DEST ".Service",
                                         service_vtable, u);
    }
    if (r >= 0)
        r = sd_bus_request_name(bus, DEST, 0);
    if (r < 0) {
        fprintf(stderr, "fake_systemd: %s\n", strerror(-r));
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    for (;;) {
        r = sd_bus_process(bus, NULL);
        if (r < 0)
            break;
        if (r == 0 && sd_bus_wait(bus, (uint64_t)-1) < 0)
            break;
    }
    fprintf(stderr, "fake_systemd: %s\n", strerror(-r));
    return 1;
}
