/* --root (another system's files under a directory) on Windows: not yet.
 * Without --root the program reads files directly (nc_file_read). */
#include "rootfs.h"

#include <errno.h>

#include "sysenv.h"

#ifdef NETCHECK_UNITTESTS
/* sysenv.h's test hook: nothing is read under a root here, so the count
 * stays 0. */
const char *sysenv_ut_watch;
unsigned long sysenv_ut_watch_reads;
#endif

int sysenv_root_open(struct sysenv_root *r, const char *path, int *err)
{
    (void)path;
    r->fd = -1;
    *err = ENOSYS;
    return NC_EIO;
}

void sysenv_root_close(struct sysenv_root *r)
{
    r->fd = -1;
}

int sysenv_fs_read(const struct sysenv_root *r, const char *path, size_t max,
                   char **buf, size_t *len, bool *masked, int *err)
{
    (void)r;
    (void)path;
    (void)max;
    (void)buf;
    (void)len;
    *masked = false;
    *err = ENOSYS;
    return NC_EIO;
}
