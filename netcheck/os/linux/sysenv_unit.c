/* A unit on systemd's search path (systemd.unit(5)): its file through
 * aliases, links, templates and /dev/null masks (unit-file.c's name map),
 * its drop-ins (foo.service.d, prefix "foo-.service.d", template and
 * top-level "service.d" directories; same-named files in earlier
 * directories win, all applied in file-name order), and the settings of
 * systemd.exec(5) that shape its environment. Debian 12's order. */
#include "sysenv_int.h"

#include <errno.h>
#include <string.h>

#include "nc.h"
#include "str.h"

#define MAP_MAX     16384u
#define ALIAS_HOPS  8
#define DIRS_MAX    512u
#define DROPINS_MAX 256u

static const char *const search_path[] = {
    "/etc/systemd/system.control", "/run/systemd/system.control",
    "/run/systemd/transient",      "/run/systemd/generator.early",
    "/etc/systemd/system",         "/etc/systemd/system.attached",
    "/run/systemd/system",         "/run/systemd/system.attached",
    "/run/systemd/generator",      "/usr/local/lib/systemd/system",
    "/lib/systemd/system", /* Debian: before /usr/lib (systemd-analyze) */
    "/usr/lib/systemd/system",     "/run/systemd/generator.late",
};
#define N_SEARCH (sizeof(search_path) / sizeof(search_path[0]))

/* unit_file_build_name_map: name -> file path, or -> the name it aliases */
struct map_entry {
    char *name, *dst;
    bool is_path;
};

struct name_map {
    struct map_entry *e;
    size_t n;
};

static const struct map_entry *map_get(const struct name_map *m,
                                       const char *name)
{
    size_t i;

    for (i = 0; i < m->n; i++)
        if (strcmp(m->e[i].name, name) == 0)
            return &m->e[i];
    return NULL;
}

static int map_add(struct name_map *m, const char *name, const char *dst,
                   bool is_path)
{
    struct map_entry *grown;

    if (m->n >= MAP_MAX)
        return NC_ELIMIT;
    grown = nc_realloc(m->e, (m->n + 1) * sizeof(*grown));
    if (grown == NULL)
        return NC_ENOMEM;
    m->e = grown;
    m->e[m->n].name = nc_strdup(name);
    m->e[m->n].dst = nc_strdup(dst);
    m->e[m->n].is_path = is_path;
    if (m->e[m->n].name == NULL || m->e[m->n].dst == NULL) {
        nc_free(m->e[m->n].name);
        nc_free(m->e[m->n].dst);
        return NC_ENOMEM;
    }
    m->n++;
    return 0;
}

static void map_release(struct name_map *m)
{
    size_t i;

    for (i = 0; i < m->n; i++) {
        nc_free(m->e[i].name);
        nc_free(m->e[i].dst);
    }
    nc_free(m->e);
    m->e = NULL;
    m->n = 0;
}

enum name_kind { NAME_PLAIN, NAME_TEMPLATE, NAME_INSTANCE };

static enum name_kind name_kind(const char *name, const char **at)
{
    const char *dot = strrchr(name, '.');

    *at = strchr(name, '@');
    if (*at == NULL || dot == NULL || *at > dot)
        return NAME_PLAIN;
    return *at + 1 == dot ? NAME_TEMPLATE : NAME_INSTANCE;
}

static const char *basename_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash != NULL ? slash + 1 : path;
}

/* unit_validate_alias_symlink_or_warn, for src -> dst of the same map. */
static bool alias_ok(const char *src, const char *dst)
{
    const char *sat, *dat, *sdot = strrchr(src, '.'), *ddot;
    enum name_kind sk = name_kind(src, &sat), dk;

    if (strcmp(sdot, ".service") != 0 && strcmp(sdot, ".socket") != 0)
        return false; /* mount and swap units cannot be aliased */
    if (strcmp(src, dst) == 0 || !sysenv_unit_name_valid(dst))
        return false;
    dk = name_kind(dst, &dat);
    ddot = strrchr(dst, '.');
    if (!(dk == sk || (sk == NAME_INSTANCE && dk == NAME_TEMPLATE)))
        return false;
    if (dk == NAME_INSTANCE && ((size_t)(sdot - sat) != (size_t)(ddot - dat) ||
                                strncmp(sat, dat, (size_t)(sdot - sat)) != 0))
        return false;
    return strcmp(sdot, ddot) == 0;
}

/* A symlink in a search directory: an alias when it points into the
 * search path (unit_file_resolve_symlink), else a linked file or mask. */
static int map_add_link(const struct sysenv_root *r, struct name_map *m,
                        const char *dir, const char *name, const char *path)
{
    char target[SYSENV_PATH_MAX], abs[SYSENV_PATH_MAX];
    char res[SYSENV_PATH_MAX];
    char tname[SYSENV_PATH_MAX];
    size_t i;
    int err;

    if (sysenv_fs_readlink(r, path, target, sizeof(target), &err) != 0)
        return 0;
    if (target[0] == '/' ? nc_strlcpy(abs, target, sizeof(abs)) != 0
                         : sysenv_path_join(abs, sizeof(abs), dir, target) != 0)
        return 0;
    if (sysenv_fs_normalize(r, abs, res, sizeof(res)) != 0)
        return 0;
    (void)nc_strlcpy(tname, basename_of(res), sizeof(tname));
    for (i = 0; i < N_SEARCH; i++) {
        size_t n = strlen(search_path[i]);

        if (strncmp(res, search_path[i], n) == 0 && res[n] == '/')
            break;
    }
    if (i == N_SEARCH)
        return map_add(m, name, path, true);
    if (!alias_ok(name, tname))
        return 0; /* systemd ignores the link (self-alias, bad target) */
    return map_add(m, name, tname, false);
}

static int map_build(const struct sysenv_root *r, const char *suffix,
                     struct name_map *m)
{
    char path[SYSENV_PATH_MAX];
    size_t d, i;
    int err, ret = 0;

    for (d = 0; ret == 0 && d < N_SEARCH; d++) {
        struct sysenv_list names = {NULL, 0};

        ret = sysenv_fs_list(r, search_path[d], suffix, &names);
        for (i = 0; ret == 0 && i < names.n; i++) {
            enum sysenv_fs_kind k;

            if (!sysenv_unit_name_valid(names.v[i]) ||
                map_get(m, names.v[i]) != NULL ||
                sysenv_path_join(path, sizeof(path), search_path[d],
                                 names.v[i]) != 0)
                continue;
            k = sysenv_fs_kind_of(r, path, true, &err);
            if (k == SYSENV_FS_REG)
                ret = map_add(m, names.v[i], path, true);
            else if (k == SYSENV_FS_LINK)
                ret = map_add_link(r, m, search_path[d], names.v[i], path);
        }
        sysenv_list_release(&names);
    }
    return ret;
}

/* "foo@.service" + "bar" -> "foo@bar.service" (name must be a template) */
static int with_instance(const char *tmpl, const char *inst, char *out,
                         size_t outlen)
{
    const char *at = strchr(tmpl, '@');

    return nc_snprintf(out, outlen, "%.*s%s%s", (int)(at - tmpl + 1), tmpl,
                       inst, at + 1);
}

static void instance_of(const char *name, char *out, size_t outlen)
{
    const char *at, *dot = strrchr(name, '.');

    if (name_kind(name, &at) != NAME_INSTANCE)
        out[0] = '\0';
    else
        (void)nc_snprintf(out, outlen, "%.*s", (int)(dot - at - 1), at + 1);
}

/* "foo@bar.service" -> "foo@.service".  \return 0, -1 when no instance */
static int template_of(const char *name, char *out, size_t outlen)
{
    const char *at;

    if (name_kind(name, &at) != NAME_INSTANCE)
        return -1;
    return nc_snprintf(out, outlen, "%.*s@%s", (int)(at - name), name,
                       strrchr(name, '.')) == 0
               ? 0
               : -1;
}

/* unit_ids_map_get: follow aliases to a file; an alias to an instance
 * without a file of its own goes on to that instance's template. */
static const struct map_entry *map_follow(const struct name_map *m,
                                          const char *name)
{
    char tmpl[SYSENV_UNIT_NAME_MAX];
    const struct map_entry *e = map_get(m, name);
    int hops;

    for (hops = 0; e != NULL && hops < ALIAS_HOPS; hops++) {
        const char *id = e->dst;

        if (e->is_path)
            return e;
        e = map_get(m, id);
        if (e == NULL && template_of(id, tmpl, sizeof(tmpl)) == 0)
            e = map_get(m, tmpl);
    }
    return NULL;
}

/* systemd's add_names: name itself unless a template was asked for, and
 * every name whose file is called name (a template's file by the alias's
 * instance); with an instance asked for, a template alias becomes that
 * instance unless it has a file of its own other than fbase. */
static int add_names(const struct sysenv_root *r, const struct name_map *m,
                     const char *name, const char *fbase, const char *asked,
                     struct sysenv_list *names)
{
    char dst[SYSENV_UNIT_NAME_MAX], n[SYSENV_UNIT_NAME_MAX];
    char inst[SYSENV_UNIT_NAME_MAX], src_inst[SYSENV_UNIT_NAME_MAX];
    const char *at;
    enum name_kind kind = name_kind(asked, &at);
    size_t i;
    int ret = 0;

    instance_of(asked, inst, sizeof(inst));
    if (kind != NAME_TEMPLATE && !sysenv_list_has(names, name))
        ret = sysenv_list_add(names, name);
    for (i = 0; ret == 0 && i < m->n; i++) {
        const char *src = m->e[i].name;
        const struct map_entry *f = map_follow(m, src), *fi;

        if (f == NULL)
            continue;
        (void)nc_strlcpy(dst, basename_of(f->dst), sizeof(dst));
        instance_of(src, src_inst, sizeof(src_inst));
        if (name_kind(dst, &at) == NAME_TEMPLATE && src_inst[0] != '\0' &&
            with_instance(basename_of(f->dst), src_inst, dst, sizeof(dst)) != 0)
            continue;
        if (strcmp(dst, name) != 0 || sysenv_fs_null_or_empty(r, f->dst))
            continue;
        if (kind == NAME_INSTANCE && name_kind(src, &at) == NAME_TEMPLATE) {
            if (with_instance(src, inst, n, sizeof(n)) != 0)
                continue;
            fi = map_follow(m, n); /* an instance aliased elsewhere */
            if (fi != NULL &&
                (fbase == NULL || strcmp(basename_of(fi->dst), fbase) != 0))
                continue;
        } else {
            (void)nc_strlcpy(n, src, sizeof(n));
        }
        if (!sysenv_list_has(names, n))
            ret = sysenv_list_add(names, n);
    }
    return ret;
}

/* The names the unit answers to (unit_file_find_fragment): its id first
 * (the name systemd gives it), then what was asked, the file's name, and
 * their aliases. */
static int unit_names(const struct sysenv_root *r, const struct name_map *m,
                      const char *asked, const char *id,
                      const struct map_entry *frag, struct sysenv_list *names)
{
    const char *fbase = basename_of(frag->dst);
    int ret = sysenv_list_add(names, id);

    if (ret == 0)
        ret = add_names(r, m, asked, NULL, asked, names);
    if (ret == 0 && strcmp(fbase, asked) != 0)
        ret = add_names(r, m, fbase, fbase, asked, names);
    return ret;
}

/* unit_file_find_dirs: name.d, the template's, then "-" prefixes. */
static int find_dirs(const struct sysenv_root *r, const char *dir,
                     const char *name, struct sysenv_list *dirs, int depth)
{
    char path[SYSENV_PATH_MAX], prefix[SYSENV_UNIT_NAME_MAX];
    char built[SYSENV_UNIT_NAME_MAX], inst[SYSENV_UNIT_NAME_MAX];
    const char *at, *dot = strrchr(name, '.');
    enum name_kind k;
    size_t n;
    bool chopped = false;
    int err, ret = 0;

    if (depth > 64 || dirs->n >= DIRS_MAX)
        return 0;
    if (nc_snprintf(path, sizeof(path), "%s/%s.d", dir, name) == 0 &&
        sysenv_fs_kind_of(r, path, false, &err) == SYSENV_FS_DIR)
        ret = sysenv_list_add(dirs, path);
    if (ret != 0 || dot == NULL) /* "service": the top-level drop-ins */
        return ret;
    k = name_kind(name, &at);
    instance_of(name, inst, sizeof(inst));
    if (k == NAME_INSTANCE && nc_snprintf(built, sizeof(built), "%.*s@%s",
                                          (int)(at - name), name, dot) == 0) {
        ret = find_dirs(r, dir, built, dirs, depth + 1);
        if (ret != 0)
            return ret;
    }
    n = (size_t)((k == NAME_PLAIN ? dot : at) - name);
    (void)nc_snprintf(prefix, sizeof(prefix), "%.*s", (int)n, name);
    for (;;) {
        char *dash = strrchr(prefix, '-');

        if (dash == NULL || dash == prefix)
            return 0;
        if (dash[1] != '\0' || chopped) {
            dash[1] = '\0';
            break;
        }
        *dash = '\0'; /* a trailing dash: chop it, once */
        chopped = true;
    }
    if (nc_snprintf(built, sizeof(built), "%s%s%s%s", prefix,
                    inst[0] != '\0' ? "@" : "", inst, dot) != 0 ||
        !sysenv_unit_name_valid(built))
        return 0;
    return find_dirs(r, dir, built, dirs, depth + 1);
}

/* unit_file_find_dropin_paths: every *.conf of every drop-in directory,
 * the first of each file name winning, sorted by file name. */
static int find_dropins(const struct sysenv_root *r,
                        const struct sysenv_list *names, const char *type,
                        struct sysenv_list *paths)
{
    struct sysenv_list dirs = {NULL, 0}, seen = {NULL, 0}, pick = {NULL, 0};
    char path[SYSENV_PATH_MAX];
    size_t i, j, d;
    int ret = 0;

    for (i = 0; ret == 0 && i < names->n; i++)
        for (d = 0; ret == 0 && d < N_SEARCH; d++)
            ret = find_dirs(r, search_path[d], names->v[i], &dirs, 0);
    for (d = 0; ret == 0 && d < N_SEARCH; d++)
        ret = find_dirs(r, search_path[d], type, &dirs, 0);
    for (i = 0; ret == 0 && i < dirs.n; i++) {
        struct sysenv_list conf = {NULL, 0};

        ret = sysenv_fs_list(r, dirs.v[i], ".conf", &conf);
        for (j = 0; ret == 0 && j < conf.n; j++) {
            if (sysenv_list_has(&seen, conf.v[j]) ||
                sysenv_path_join(path, sizeof(path), dirs.v[i], conf.v[j]) != 0)
                continue;
            if (seen.n >= DROPINS_MAX) {
                ret = NC_ELIMIT;
                break;
            }
            ret = sysenv_list_add(&seen, conf.v[j]);
            if (ret == 0)
                ret = sysenv_list_add(&pick, path);
        }
        sysenv_list_release(&conf);
    }
    /* seen[k] names pick[k]; emit in file-name order */
    while (ret == 0 && seen.n > 0) {
        size_t best = 0;

        for (i = 1; i < seen.n; i++)
            if (strcmp(seen.v[i], seen.v[best]) < 0)
                best = i;
        ret = sysenv_list_add(paths, pick.v[best]);
        nc_free(seen.v[best]);
        nc_free(pick.v[best]);
        seen.v[best] = seen.v[seen.n - 1];
        pick.v[best] = pick.v[pick.n - 1];
        seen.n--;
        pick.n--;
    }
    sysenv_list_release(&dirs);
    sysenv_list_release(&seen);
    sysenv_list_release(&pick);
    return ret;
}

/* ---- the settings ---- */

struct unit_parse {
    struct sysenv_unitcfg *cfg;
    struct sysenv_file *file; /* NULL when the table is full */
    struct sysenv_warnings *warn;
    const char *source;
    struct nc_diag *diag;
};

/* path_simplify + path_is_normalized: drop "//" and "/./", refuse "..".
 * \return false when systemd would ignore the path */
static bool path_simplify(const char *in, char *out, size_t outlen)
{
    size_t n = 0;

    if (in[0] != '/' || outlen < 2)
        return false;
    while (*in != '\0') {
        size_t len;

        while (*in == '/')
            in++;
        len = strcspn(in, "/");
        if (len == 0)
            break;
        if (len == 2 && in[0] == '.' && in[1] == '.')
            return false;
        if (!(len == 1 && in[0] == '.')) {
            if (n + 1 + len >= outlen)
                return false;
            out[n++] = '/';
            memcpy(out + n, in, len);
            n += len;
        }
        in += len;
    }
    if (n == 0)
        out[n++] = '/';
    out[n] = '\0';
    return true;
}

static int set_envfile(struct unit_parse *up, const char *value, unsigned line)
{
    char *x = NULL, path[SYSENV_PATH_MAX + 1];
    char bad = 0, kept = 0;
    bool dash;
    int r;

    if (*value == '\0') {
        sysenv_list_release(&up->cfg->envfiles);
        return 0;
    }
    r = sysenv_spec_expand(&up->cfg->spec, value, &x, &bad, &kept);
    if (r == NC_ENOMEM)
        return r;
    if (r < 0) {
        sysenv_warn(up->warn, up->source, line,
                    "EnvironmentFile=: unknown specifier '%%%c', ignored", bad);
        return 0;
    }
    dash = x[0] == '-';
    path[0] = '-';
    if (!sysenv_utf8_valid(x) ||
        !path_simplify(x + dash, path + 1, sizeof(path) - 1)) {
        sysenv_warn(up->warn, up->source, line,
                    "EnvironmentFile=: not an absolute, normalized path, "
                    "ignored");
        r = 0;
    } else {
        r = sysenv_list_add(&up->cfg->envfiles, dash ? path : path + 1);
    }
    nc_free(x);
    return r;
}

/* valid_user_group_name(VALID_USER_RELAX | VALID_USER_ALLOW_NUMERIC) */
static bool user_ok(const char *u)
{
    size_t n = strlen(u), i;
    bool digits = true;

    if (n == 0 || u[0] == ' ' || u[n - 1] == ' ' || !sysenv_utf8_valid(u) ||
        strpbrk(u, ":/") != NULL || strcmp(u, ".") == 0 || strcmp(u, "..") == 0)
        return false;
    for (i = 0; i < n; i++) {
        if ((unsigned char)u[i] < ' ' || u[i] == 0x7f)
            return false;
        digits = digits && u[i] >= '0' && u[i] <= '9';
    }
    if (digits) { /* a UID: 0..4294967294 but 65535 */
        unsigned long uid;

        return nc_parse_uint(u, 0, 4294967294ul, &uid) == 0 && uid != 65535;
    }
    return !(u[0] == '-' && strspn(u + 1, "0123456789") == n - 1);
}

static int set_user(struct unit_parse *up, const char *value, unsigned line)
{
    char *x = NULL, bad = 0, kept = 0;
    int r;

    if (*value == '\0') {
        up->cfg->user[0] = '\0';
        return 0;
    }
    r = sysenv_spec_expand(&up->cfg->spec, value, &x, &bad, &kept);
    if (r == NC_ENOMEM)
        return r;
    if (r < 0 || !user_ok(x)) { /* systemd refuses to load the unit */
        nc_diag_set(up->diag, up->source, line, "invalid User= '%.64s'",
                    r < 0 ? value : x);
        r = NC_EPARSE;
    } else if (nc_strlcpy(up->cfg->user, x, sizeof(up->cfg->user)) != 0) {
        nc_diag_set(up->diag, up->source, line, "User= too long");
        r = NC_ELIMIT;
    }
    nc_free(x);
    return r;
}

static int set_slice(struct unit_parse *up, const char *value, unsigned line)
{
    char *x = NULL, bad = 0, kept = 0;
    const char *at;
    size_t n;
    int r = sysenv_spec_expand(&up->cfg->spec, value, &x, &bad, &kept);

    if (r == NC_ENOMEM)
        return r;
    n = r == 0 ? strlen(x) : 0;
    if (r < 0 || !sysenv_unit_name_valid(x) || n < 6 ||
        strcmp(x + n - 6, ".slice") != 0 || name_kind(x, &at) != NAME_PLAIN)
        sysenv_warn(up->warn, up->source, line, "invalid Slice=, ignored");
    else
        (void)nc_strlcpy(up->cfg->slice, x, sizeof(up->cfg->slice));
    nc_free(x);
    return 0;
}

static int unit_setting(struct unit_parse *up, const char *key,
                        const char *value, unsigned line)
{
    struct sysenv_unitcfg *cfg = up->cfg;

    if (strcmp(key, "Environment") == 0) {
        if (up->file != NULL && *value == '\0') {
            up->file->reset = true;
            env_release(&up->file->sets);
        } else if (up->file != NULL) {
            int r = sysenv_assignments_apply_ex(value, &up->file->sets,
                                                &cfg->spec, NULL, NULL, 0);
            if (r < 0)
                return r;
        }
        return sysenv_assignments_apply_ex(value, &cfg->env, &cfg->spec,
                                           up->warn, up->source, line);
    }
    if (strcmp(key, "EnvironmentFile") == 0)
        return set_envfile(up, value, line);
    if (strcmp(key, "PassEnvironment") == 0)
        return sysenv_list_apply(value, SYSENV_LIST_PASS, &cfg->pass,
                                 &cfg->spec, up->warn, up->source, line);
    if (strcmp(key, "UnsetEnvironment") == 0)
        return sysenv_list_apply(value, SYSENV_LIST_UNSET, &cfg->unset,
                                 &cfg->spec, up->warn, up->source, line);
    if (strcmp(key, "User") == 0)
        return set_user(up, value, line);
    if (strcmp(key, "Slice") == 0)
        return set_slice(up, value, line);
    return 0;
}

static int unit_kv(void *ud, const char *section, const char *key,
                   const char *value, unsigned line)
{
    struct unit_parse *up = ud;
    int r;

    if (strcmp(section, up->cfg->section) != 0)
        return 0;
    r = unit_setting(up, key, value, line);
    if (r == NC_ELIMIT && !up->cfg->limit_hit) { /* netcheck's limit */
        up->cfg->limit_hit = true;
        nc_diag_set(up->diag, up->source, line, "more than %u entries",
                    SYSENV_LIST_MAX);
    }
    return r;
}

/* Read and parse one unit file or drop-in. */
static int unit_parse_file(struct sysenv *s, const struct sysenv_root *r,
                           struct sysenv_unitcfg *cfg, const char *path,
                           const char *what, bool *masked, struct nc_diag *diag)
{
    struct unit_parse up = {cfg, NULL, &s->warnings, path, diag};
    char *buf = NULL;
    size_t len = 0;
    int err = 0, ret;

    up.file = sysenv_file_add(s, path, what);
    ret =
        sysenv_fs_read(r, path, SYSENV_MAX_FILE_SIZE, &buf, &len, masked, &err);
    if (ret == NC_ELIMIT) {
        cfg->limit_hit = true;
        nc_diag_set(diag, path, 0, "file larger than %u bytes",
                    SYSENV_MAX_FILE_SIZE);
    }
    if (ret == NC_EIO) {
        if (up.file != NULL)
            up.file->error = err;
        sysenv_warn(&s->warnings, path, 0, "cannot read: %s", strerror(err));
        return 0;
    }
    if (ret != 0)
        return ret;
    *masked = *masked || len == 0;
    if (up.file != NULL)
        up.file->masked = *masked;
    ret =
        sysenv_unit_parse_ex(buf, len, path, unit_kv, &up, &s->warnings, diag);
    nc_explicit_bzero(buf, len);
    nc_free(buf);
    return ret;
}

void sysenv_unitcfg_release(struct sysenv_unitcfg *cfg)
{
    sysenv_spec_release(&cfg->spec);
    env_release(&cfg->env);
    sysenv_list_release(&cfg->envfiles);
    sysenv_list_release(&cfg->pass);
    sysenv_list_release(&cfg->unset);
}

/* The unit file and its id (basename, instance filled into a template). */
static int unit_fragment(struct sysenv *s, const struct name_map *m,
                         const struct map_entry **frag)
{
    char tmpl[SYSENV_UNIT_NAME_MAX], inst[SYSENV_UNIT_NAME_MAX];
    const char *at, *id;
    const struct map_entry *f = map_follow(m, s->unit_name);

    instance_of(s->unit_name, inst, sizeof(inst));
    if (f == NULL && template_of(s->unit_name, tmpl, sizeof(tmpl)) == 0)
        f = map_follow(m, tmpl);
    *frag = f;
    if (f == NULL)
        return 0;
    id = basename_of(f->dst);
    if (name_kind(id, &at) == NAME_TEMPLATE && inst[0] != '\0')
        return with_instance(id, inst, s->unit_id, sizeof(s->unit_id));
    return nc_strlcpy(s->unit_id, id, sizeof(s->unit_id));
}

int sysenv_unit_read(struct sysenv *s, const struct sysenv_root *r,
                     struct sysenv_unitcfg *cfg, struct nc_diag *diag)
{
    struct name_map m = {NULL, 0};
    struct sysenv_list names = {NULL, 0}, dropins = {NULL, 0};
    const struct map_entry *frag = NULL;
    char res[SYSENV_PATH_MAX];
    size_t i;
    bool masked = false;
    int err, ret;

    cfg->section = sysenv_unit_section(s->unit_name);
    ret = map_build(r, strrchr(s->unit_name, '.'), &m);
    if (ret == NC_ELIMIT)
        sysenv_warn(&s->warnings, NULL, 0,
                    "too many unit files; the search was cut short");
    if (ret == 0 || ret == NC_ELIMIT)
        ret = unit_fragment(s, &m, &frag);
    if (ret != 0 || frag == NULL) {
        if (ret == 0)
            sysenv_warn(&s->warnings, NULL, 0,
                        "unit %s not found on the unit search path",
                        s->unit_name);
        goto out;
    }
    (void)nc_strlcpy(s->unit_path, frag->dst, sizeof(s->unit_path));
    if (sysenv_fs_resolve(r, frag->dst, res, sizeof(res), &err) != 0)
        (void)nc_strlcpy(res, frag->dst, sizeof(res));
    ret = sysenv_spec_init_unit(&cfg->spec, s->unit_id, res);
    if (ret == 0)
        ret = unit_parse_file(s, r, cfg, frag->dst, "unit", &masked, diag);
    if (ret != 0 || masked) {
        s->unit_masked = masked;
        if (masked)
            sysenv_warn(&s->warnings, frag->dst, 0,
                        "unit %s is masked: it cannot start", s->unit_id);
        goto out;
    }
    ret = unit_names(r, &m, s->unit_name, s->unit_id, frag, &names);
    if (ret == 0)
        ret = find_dropins(r, &names, strrchr(s->unit_name, '.') + 1, &dropins);
    for (i = 0; ret == 0 && i < dropins.n; i++) {
        struct nc_diag dd;

        memset(&dd, 0, sizeof(dd));
        ret = unit_parse_file(s, r, cfg, dropins.v[i], "drop-in", &masked, &dd);
        if (cfg->limit_hit) {
            *diag = dd;
        } else if (ret == NC_EPARSE || ret == NC_ELIMIT) { /* systemd goes on */
            sysenv_warn(&s->warnings, dd.file, dd.line,
                        "%s; rest of this drop-in ignored", dd.msg);
            ret = 0;
        }
    }
out:
    sysenv_list_release(&dropins);
    sysenv_list_release(&names);
    map_release(&m);
    return ret;
}
