/* A Linux terminal interprets ANSI sequences, and its locale, not
 * netcheck, decides how bytes are shown. */
#include "console.h"

#include <unistd.h>

void console_setup(void)
{
}

void console_release(void)
{
}

bool console_ansi(int fd)
{
    return isatty(fd) == 1;
}
