/* The table of files the loader read (struct sysenv's files[]): one entry
 * per file, filled by the manager and unit readers alike, so neither owns
 * it. */
#include "sysenv.h"

#include <string.h>

#include "str.h"
#include "sysenv_int.h"

struct sysenv_file *sysenv_file_add(struct sysenv *s, const char *path,
                                    const char *what)
{
    struct sysenv_file *f;

    if (s->n_files >= SYSENV_MAX_FILES) {
        if (s->files_dropped++ == 0)
            sysenv_warn(&s->warnings, NULL, 0,
                        "more than %d files read; the list is cut short",
                        SYSENV_MAX_FILES);
        return NULL;
    }
    f = &s->files[s->n_files++];
    memset(f, 0, sizeof(*f));
    (void)nc_strlcpy(f->path, path, sizeof(f->path));
    (void)nc_strlcpy(f->what, what, sizeof(f->what));
    return f;
}
