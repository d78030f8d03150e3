/* Replays fuzz inputs through LLVMFuzzerTestOneInput when the target is not
 * linked with libFuzzer (gcc builds): every file named on the command line,
 * and every file inside a named directory, in name order. Exits non-zero
 * when a path cannot be read or when there was nothing to replay: a replay
 * of zero inputs would pass while verifying nothing. A failed invariant
 * aborts inside the target, naming the input on stderr first. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#define DRIVER_MAX_INPUT (64u * 1024u * 1024u)

static int driver_read(const char *path, uint8_t **out, size_t *len)
{
    struct stat st;
    uint8_t *buf = NULL;
    size_t n;
    FILE *f;
    int r = -1;

    /* "b": the bytes as they are on Windows too (no CRLF translation, no
     * stop at ^Z), which corpus files such as crlf.txt are about. */
    f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    if (fstat(fileno(f), &st) != 0 || st.st_size < 0 ||
        (unsigned long long)st.st_size > DRIVER_MAX_INPUT)
        goto out;
    n = (size_t)st.st_size;
    /* Exactly the input's size, so ASan sees any read past its end. */
    buf = malloc(n > 0 ? n : 1);
    if (buf == NULL)
        goto out;
    if (n > 0 && fread(buf, 1, n, f) != n)
        goto out;
    *out = buf;
    *len = n;
    buf = NULL;
    r = 0;
out:
    free(buf);
    (void)fclose(f);
    return r;
}

static int driver_run_file(const char *path)
{
    uint8_t *buf = NULL;
    size_t len = 0;

    if (driver_read(path, &buf, &len) != 0) {
        fprintf(stderr, "driver: cannot read '%s': %s\n", path,
                strerror(errno));
        return -1;
    }
    fprintf(stderr, "driver: %s (%zu bytes)\n", path, len);
    (void)LLVMFuzzerTestOneInput(buf, len);
    free(buf);
    return 0;
}

static int driver_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file in dir (not recursive, dot files skipped). */
static int driver_run_dir(const char *dir, size_t *count)
{
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    struct dirent *e;
    DIR *d;
    int r = 0;

    d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "driver: cannot open '%s': %s\n", dir, strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t ncap = cap == 0 ? 64 : cap * 2;
            char **nn = realloc(names, ncap * sizeof(*nn));

            if (nn == NULL) {
                r = -1;
                goto out;
            }
            names = nn;
            cap = ncap;
        }
        names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
        if (names[n] == NULL) {
            r = -1;
            goto out;
        }
        (void)snprintf(names[n], strlen(dir) + strlen(e->d_name) + 2, "%s/%s",
                       dir, e->d_name);
        n++;
    }
    if (n > 0)
        qsort(names, n, sizeof(*names), driver_cmp);
    for (i = 0; i < n && r == 0; i++) {
        struct stat st;

        if (stat(names[i], &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        r = driver_run_file(names[i]);
        if (r == 0)
            (*count)++;
    }
out:
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    (void)closedir(d);
    return r;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int i;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR ...\n", argv[0]);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        struct stat st;

        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "driver: cannot stat '%s': %s\n", argv[i],
                    strerror(errno));
            return 1;
        }
        if (S_ISDIR(st.st_mode)) {
            if (driver_run_dir(argv[i], &count) != 0)
                return 1;
        } else {
            if (driver_run_file(argv[i]) != 0)
                return 1;
            count++;
        }
    }
    if (count == 0) {
        fprintf(stderr, "driver: no inputs to replay\n");
        return 1;
    }
    fprintf(stderr, "driver: replayed %zu inputs\n", count);
    return 0;
}
