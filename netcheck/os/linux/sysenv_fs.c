/* Files under a root directory: every symlink is resolved against the root
 * (as systemd's chase_symlinks with a root), never against the host, and
 * files are then opened one directory at a time without following links,
 * so nothing outside the root is ever read. */
#include "sysenv_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "nc.h"
#include "str.h"

#define FS_MAX_HOPS       32
#define FS_MAX_DIRENTS    100000u /* scanned per directory */
#define FS_MAX_GLOB       256u
#define FS_MAX_GLOB_DEPTH 64

int sysenv_root_open(struct sysenv_root *r, const char *path, int *err)
{
    r->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (r->fd < 0) {
        *err = errno;
        return NC_EIO;
    }
    return 0;
}

void sysenv_root_close(struct sysenv_root *r)
{
    if (r->fd >= 0)
        (void)close(r->fd);
    r->fd = -1;
}

int sysenv_path_join(char *out, size_t outlen, const char *dir,
                     const char *name)
{
    size_t n = strlen(dir);

    while (n > 0 && dir[n - 1] == '/')
        n--;
    while (*name == '/')
        name++;
    return nc_snprintf(out, outlen, "%.*s/%s", (int)n, dir, name);
}

/* Path relative to the root fd: "/a/b" -> "a/b", "/" -> ".". */
static const char *rel(const char *path)
{
    while (*path == '/')
        path++;
    return *path == '\0' ? "." : path;
}

static void drop_last(char *done)
{
    char *slash = strrchr(done, '/');

    if (slash != NULL)
        *slash = '\0';
}

/* True when what is left to walk is exactly /dev/null. */
static bool todo_is_dev_null(const char *done, const char *todo)
{
    if (done[0] != '\0')
        return false;
    while (*todo == '/')
        todo++;
    if (strncmp(todo, "dev", 3) != 0 || todo[3] != '/')
        return false;
    todo += 3;
    while (*todo == '/')
        todo++;
    if (strncmp(todo, "null", 4) != 0)
        return false;
    todo += 4;
    while (*todo == '/')
        todo++;
    return *todo == '\0';
}

#define FS_NOFOLLOW    0x1u /* leave a final symlink alone */
#define FS_NONEXISTENT 0x2u /* past a missing component, go on by the text */

/* Walk path inside root, following symlinks as flags say. */
static int fs_walk(const struct sysenv_root *r, const char *path,
                   unsigned flags, char *out, size_t outlen, int *err)
{
    char done[SYSENV_PATH_MAX] = "", todo[SYSENV_PATH_MAX];
    char target[SYSENV_PATH_MAX], next[SYSENV_PATH_MAX];
    unsigned hops = 0;
    bool gone = false;

    if (nc_strlcpy(todo, path, sizeof(todo)) != 0)
        return NC_ELIMIT;
    for (;;) {
        const char *t = todo, *rest;
        size_t n;
        struct stat st;
        ssize_t got;

        if (todo_is_dev_null(done, todo)) {
            (void)nc_strlcpy(done, "/dev/null", sizeof(done));
            break;
        }
        while (*t == '/')
            t++;
        if (*t == '\0')
            break;
        n = strcspn(t, "/");
        rest = t + n;
        if (n == 1 && t[0] == '.') {
            memmove(todo, rest, strlen(rest) + 1);
            continue;
        }
        if (n == 2 && t[0] == '.' && t[1] == '.') {
            drop_last(done); /* clamped at root */
            memmove(todo, rest, strlen(rest) + 1);
            continue;
        }
        if (strlen(done) + 1 + n >= sizeof(done))
            return NC_ELIMIT;
        (void)nc_snprintf(done + strlen(done), sizeof(done) - strlen(done),
                          "/%.*s", (int)n, t);
        if (!gone && fstatat(r->fd, rel(done), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            *err = errno;
            if (!(flags & FS_NONEXISTENT) || errno != ENOENT)
                return NC_EIO;
            gone = true;
        }
        if (gone) {
            memmove(todo, rest, strlen(rest) + 1);
            continue;
        }
        while (*rest == '/')
            rest++;
        if (S_ISLNK(st.st_mode) && !((flags & FS_NOFOLLOW) && *rest == '\0')) {
            if (++hops > FS_MAX_HOPS) {
                *err = ELOOP;
                return NC_EIO;
            }
            got = readlinkat(r->fd, rel(done), target, sizeof(target) - 1);
            if (got < 0) {
                *err = errno;
                return NC_EIO;
            }
            target[got] = '\0';
            drop_last(done);
            if (target[0] == '/')
                done[0] = '\0';
            if (nc_snprintf(next, sizeof(next), "%s/%s", target, rest) != 0)
                return NC_ELIMIT;
            memcpy(todo, next, strlen(next) + 1);
            continue;
        }
        if (*rest != '\0' && !S_ISDIR(st.st_mode)) {
            *err = ENOTDIR;
            return NC_EIO;
        }
        memmove(todo, rest, strlen(rest) + 1);
    }
    return nc_strlcpy(out, done[0] == '\0' ? "/" : done, outlen);
}

int sysenv_fs_resolve(const struct sysenv_root *r, const char *path, char *out,
                      size_t outlen, int *err)
{
    return fs_walk(r, path, 0, out, outlen, err);
}

int sysenv_fs_normalize(const struct sysenv_root *r, const char *path,
                        char *out, size_t outlen)
{
    int err = 0;

    return fs_walk(r, path, FS_NOFOLLOW | FS_NONEXISTENT, out, outlen, &err);
}

static enum sysenv_fs_kind kind_of_mode(mode_t m)
{
    if (S_ISREG(m))
        return SYSENV_FS_REG;
    if (S_ISDIR(m))
        return SYSENV_FS_DIR;
    if (S_ISLNK(m))
        return SYSENV_FS_LINK;
    if (S_ISCHR(m) || S_ISBLK(m))
        return SYSENV_FS_NULL;
    return SYSENV_FS_OTHER;
}

enum sysenv_fs_kind sysenv_fs_kind_of(const struct sysenv_root *r,
                                      const char *path, bool nofollow, int *err)
{
    char res[SYSENV_PATH_MAX];
    struct stat st;

    *err = 0;
    if (fs_walk(r, path, nofollow ? FS_NOFOLLOW : 0, res, sizeof(res), err) !=
        0)
        return SYSENV_FS_NONE;
    if (strcmp(res, "/dev/null") == 0)
        return SYSENV_FS_NULL;
    if (fstatat(r->fd, rel(res), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        *err = errno;
        return SYSENV_FS_NONE;
    }
    return kind_of_mode(st.st_mode);
}

bool sysenv_fs_null_or_empty(const struct sysenv_root *r, const char *path)
{
    char res[SYSENV_PATH_MAX];
    struct stat st;
    int err = 0;

    if (fs_walk(r, path, 0, res, sizeof(res), &err) != 0)
        return false;
    if (strcmp(res, "/dev/null") == 0)
        return true;
    if (fstatat(r->fd, rel(res), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return false;
    return (S_ISREG(st.st_mode) && st.st_size == 0) || S_ISCHR(st.st_mode) ||
           S_ISBLK(st.st_mode);
}

int sysenv_fs_readlink(const struct sysenv_root *r, const char *path, char *out,
                       size_t outlen, int *err)
{
    char res[SYSENV_PATH_MAX];
    ssize_t got;
    int ret = fs_walk(r, path, FS_NOFOLLOW, res, sizeof(res), err);

    if (ret != 0)
        return ret;
    if (outlen < 2)
        return NC_ELIMIT;
    got = readlinkat(r->fd, rel(res), out, outlen - 1);
    if (got < 0) {
        *err = errno;
        return NC_EIO;
    }
    if ((size_t)got >= outlen - 1)
        return NC_ELIMIT;
    out[got] = '\0';
    return 0;
}

/* Open a resolved path one directory at a time, never following a link:
 * a tree changed under us fails instead of escaping the root. */
static int open_beneath(const struct sysenv_root *r, const char *resolved,
                        bool dir, int *err)
{
    char comp[256];
    const char *p = resolved;
    int fd = fcntl(r->fd, F_DUPFD_CLOEXEC, 0), next;

    if (fd < 0) {
        *err = errno;
        return -1;
    }
    for (;;) {
        size_t n;
        bool last;

        while (*p == '/')
            p++;
        if (*p == '\0')
            return fd; /* the root itself */
        n = strcspn(p, "/");
        if (n >= sizeof(comp)) {
            (void)close(fd);
            *err = ENAMETOOLONG;
            return -1;
        }
        memcpy(comp, p, n);
        comp[n] = '\0';
        p += n;
        last = p[strspn(p, "/")] == '\0';
        next = openat(fd, comp,
                      (last && !dir ? O_RDONLY | O_NONBLOCK | O_NOCTTY
                                    : O_RDONLY | O_DIRECTORY) |
                          O_NOFOLLOW | O_CLOEXEC);
        if (next < 0)
            *err = errno;
        (void)close(fd);
        if (next < 0)
            return -1;
        fd = next;
        if (last)
            return fd;
    }
}

#ifdef NETCHECK_UNITTESTS
const char *sysenv_ut_watch;
unsigned long sysenv_ut_watch_reads;
#endif

int sysenv_fs_read(const struct sysenv_root *r, const char *path, size_t max,
                   char **buf, size_t *len, bool *masked, int *err)
{
    char res[SYSENV_PATH_MAX];
    struct stat st;
    bool devnull;
    char *b = NULL;
    int fd = -1, ret;

#ifdef NETCHECK_UNITTESTS
    if (sysenv_ut_watch != NULL && strcmp(path, sysenv_ut_watch) == 0)
        sysenv_ut_watch_reads++;
#endif
    *masked = false;
    ret = fs_walk(r, path, 0, res, sizeof(res), err);
    if (ret != 0)
        return ret;
    devnull = strcmp(res, "/dev/null") == 0;
    if (!devnull && fstatat(r->fd, rel(res), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        *err = errno;
        return NC_EIO;
    }
    if (devnull || S_ISCHR(st.st_mode) ||
        S_ISBLK(st.st_mode)) { /* never open a device */
        b = nc_strdup("");
        if (b == NULL)
            return NC_ENOMEM;
        *masked = true;
        *buf = b;
        *len = 0;
        return 0;
    }
    if (!S_ISREG(st.st_mode)) {
        *err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        return NC_EIO;
    }
    fd = open_beneath(r, res, false, err);
    if (fd < 0)
        return NC_EIO;
    ret = NC_EIO;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *err = EINVAL;
        goto out;
    }
    /* The one whole-file reader (file.c): a buffer sized to the file once
     * read a 1-byte file as empty here. */
    ret = nc_file_read_fd(fd, max, buf, len, err);
out:
    (void)close(fd);
    return ret;
}

static int names_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in a directory (resolved inside root) ending in suffix, hidden
 * ones only with hidden ("." and ".." never), directories only with dirs;
 * sorted. */
static int list_dir(const struct sysenv_root *r, const char *path,
                    const char *suffix, bool dirs, bool hidden,
                    struct sysenv_list *out)
{
    char res[SYSENV_PATH_MAX];
    struct dirent *e;
    unsigned scanned = 0;
    size_t sl = suffix != NULL ? strlen(suffix) : 0;
    DIR *d;
    int fd, err = 0, ret = 0;

    if (fs_walk(r, path, 0, res, sizeof(res), &err) != 0)
        return 0;
    fd = open_beneath(r, res, true, &err);
    if (fd < 0)
        return 0;
    d = fdopendir(fd);
    if (d == NULL) {
        (void)close(fd);
        return 0;
    }
    while (ret == 0 && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        struct stat st;

        if (++scanned > FS_MAX_DIRENTS) {
            ret = NC_ELIMIT;
            break;
        }
        if ((e->d_name[0] == '.' && (!hidden || strcmp(e->d_name, ".") == 0 ||
                                     strcmp(e->d_name, "..") == 0)) ||
            n < sl || (sl > 0 && strcmp(e->d_name + n - sl, suffix) != 0))
            continue;
        /* systemd takes files, symlinks (to anything) and unknowns */
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode) &&
            !(dirs && S_ISDIR(st.st_mode)))
            continue;
        ret = sysenv_list_add(out, e->d_name);
    }
    (void)closedir(d);
    if (out->n > 1)
        qsort(out->v, out->n, sizeof(char *), names_cmp);
    return ret;
}

int sysenv_fs_list(const struct sysenv_root *r, const char *path,
                   const char *suffix, struct sysenv_list *out)
{
    return list_dir(r, path, suffix, true, false, out);
}

static bool glob_magic(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] == '*' || s[i] == '?' || s[i] == '[' || s[i] == '\\')
            return true;
    return false;
}

/* Match the components of pattern from p on, below dir. */
static int glob_walk(const struct sysenv_root *r, const char *dir,
                     const char *p, struct sysenv_list *out, int depth)
{
    char path[SYSENV_PATH_MAX], comp[256];
    struct sysenv_list names = {NULL, 0};
    size_t n, i;
    int err, ret = 0;

    if (depth > FS_MAX_GLOB_DEPTH)
        return NC_ELIMIT;
    while (*p == '/')
        p++;
    if (*p == '\0') { /* glob(3) lists only what exists */
        if (sysenv_fs_kind_of(r, dir, true, &err) == SYSENV_FS_NONE)
            return 0;
        if (out->n >= FS_MAX_GLOB)
            return NC_ELIMIT;
        return sysenv_list_add(out, dir);
    }
    n = strcspn(p, "/");
    if (n >= sizeof(comp))
        return 0;
    memcpy(comp, p, n);
    comp[n] = '\0';
    if (!glob_magic(comp, n)) {
        if (sysenv_path_join(path, sizeof(path), dir, comp) != 0)
            return 0;
        return glob_walk(r, path, p + n, out, depth + 1);
    }
    ret = list_dir(r, dir, NULL, true, comp[0] == '.', &names);
    for (i = 0; ret == 0 && i < names.n; i++) {
        if (fnmatch(comp, names.v[i], FNM_PERIOD) != 0)
            continue;
        if (sysenv_path_join(path, sizeof(path), dir, names.v[i]) != 0)
            continue;
        ret = glob_walk(r, path, p + n, out, depth + 1);
    }
    sysenv_list_release(&names);
    return ret;
}

int sysenv_fs_glob(const struct sysenv_root *r, const char *pattern,
                   struct sysenv_list *out)
{
    struct sysenv_list got = {NULL, 0};
    size_t i;
    int ret;

    if (!glob_magic(pattern, strlen(pattern)))
        return sysenv_list_add(out, pattern);
    ret = glob_walk(r, "/", pattern, &got, 0);
    if (got.n > 1)
        qsort(got.v, got.n, sizeof(char *), names_cmp);
    for (i = 0; ret == 0 && i < got.n; i++)
        ret = sysenv_list_add(out, got.v[i]);
    sysenv_list_release(&got);
    return ret;
}
