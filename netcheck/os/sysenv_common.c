/* What every backend of sysenv.h shares: releasing the facts. */
#include "sysenv.h"

void sysenv_release(struct sysenv *s)
{
    size_t i;

    for (i = 0; i < s->n_files && i < SYSENV_MAX_FILES; i++)
        env_release(&s->files[i].sets);
    s->n_files = 0;
    env_release(&s->manager);
    env_release(&s->unit);
    env_release(&s->proc);
    env_release(&s->etc_environment);
}
