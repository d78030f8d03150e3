#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(_WIN32) && !defined(O_CLOEXEC)
/* Windows: not inherited, and bytes as they are (no CRLF translation). */
#define O_CLOEXEC (_O_NOINHERIT | _O_BINARY)
#endif
#if defined(_WIN32) && !defined(O_NONBLOCK)
#define O_NONBLOCK 0 /* no FIFOs to open there */
#endif
#ifndef S_ISFIFO
#define S_ISFIFO(m) 0
#endif

#define FILE_CHUNK 4096u

/* One read() of at most INT_MAX bytes: Windows' read() takes an unsigned
 * int and returns an int, and a regular file returns short reads anyway. */
static ssize_t file_read_some(int fd, char *buf, size_t want)
{
    if (want > (size_t)INT_MAX)
        want = (size_t)INT_MAX;
#ifdef _WIN32
    return read(fd, buf, (unsigned)want); /* <= INT_MAX: fits */
#else
    return read(fd, buf, want);
#endif
}

/* Free a buffer that may hold a secret (an EnvironmentFile= password). */
static void file_buf_free(char *data, size_t cap)
{
    if (data != NULL)
        nc_explicit_bzero(data, cap);
    nc_free(data);
}

int nc_file_read_fd(int fd, size_t max, char **out, size_t *len, int *err)
{
    struct stat sb;
    char *data = NULL;
    size_t cap = FILE_CHUNK, n = 0;
    int r = 0;

    /* A regular file is read into one buffer of its size (+1 to see EOF
     * without another allocation); /proc files say 0 and get a chunk. */
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
        (unsigned long long)sb.st_size < max)
        cap = (size_t)sb.st_size + 1;
    for (;;) {
        ssize_t got;

        if (n == cap || data == NULL) {
            size_t ncap = data == NULL ? cap : cap * 2;
            char *nd;

            /* One byte over the limit is enough to know it is too big. */
            if (n > max)
                break;
            if (ncap > max + 1)
                ncap = max + 1;
            nd = nc_malloc(ncap + 1);
            if (nd == NULL) {
                r = NC_ENOMEM;
                goto out;
            }
            if (data != NULL)
                memcpy(nd, data, n);
            file_buf_free(data, cap + 1);
            data = nd;
            cap = ncap;
        }
        got = file_read_some(fd, data + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            *err = errno;
            r = NC_EIO;
            goto out;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (n > max) {
        r = NC_ELIMIT;
        goto out;
    }
    data[n] = '\0';
    *out = data;
    *len = n;
    data = NULL;
out:
    file_buf_free(data, cap + 1);
    return r;
}

int nc_file_read(const char *path, size_t max, char **out, size_t *len,
                 struct nc_diag *diag)
{
    struct stat sb;
    int fd, r, err = 0;

    /* O_NONBLOCK: opening a FIFO for reading would wait for a writer
     * forever; it has no effect on the regular files read below. */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        int e = errno;

        /* Windows does not open a directory (EACCES): name it as Linux's
         * fstat below does, not as a permission problem. */
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
            nc_diag_set(diag, path, 0, "not a regular file (a directory)");
        else
            nc_diag_set(diag, path, 0, "cannot open: %s", strerror(e));
        return NC_EIO;
    }
    if (fstat(fd, &sb) != 0) {
        nc_diag_set(diag, path, 0, "cannot read: %s", strerror(errno));
        r = NC_EIO;
        goto out;
    }
    if (!S_ISREG(sb.st_mode)) {
        nc_diag_set(diag, path, 0, "not a regular file%s",
                    S_ISDIR(sb.st_mode) ? " (a directory)"
                    : S_ISFIFO(sb.st_mode)
                        ? " (a pipe: give it as '-' on standard input)"
                        : "");
        r = NC_EIO;
        goto out;
    }
    /* Refused by its size before a byte is read (/proc files say 0 and are
     * capped while reading). */
    if ((unsigned long long)sb.st_size > max) {
        nc_diag_set(diag, path, 0, "file larger than %zu bytes", max);
        r = NC_ELIMIT;
        goto out;
    }
    r = nc_file_read_fd(fd, max, out, len, &err);
    if (r == NC_ENOMEM)
        nc_diag_set(diag, path, 0, "out of memory");
    else if (r == NC_EIO)
        nc_diag_set(diag, path, 0, "cannot read: %s", strerror(err));
    else if (r == NC_ELIMIT)
        nc_diag_set(diag, path, 0, "file larger than %zu bytes", max);
out:
    (void)close(fd);
    return r;
}
