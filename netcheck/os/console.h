/* The terminal netcheck writes to: whether it shows ANSI escape sequences
 * (colour, the progress line's erase) and, on Windows, that it reads the
 * UTF-8 netcheck writes. Linux: isatty (os/linux/console.c); Windows: the
 * console API (os/windows/console.c). NO_COLOR and TERM are the caller's
 * business (report_color_wanted), the same on every system. */
#ifndef NC_CONSOLE_H
#define NC_CONSOLE_H

#include <stdbool.h>

/*! Prepare the standard streams before anything is written. Windows: a
 *  console's output code page becomes UTF-8 (SetConsoleOutputCP) until
 *  console_release, and a stream that is a console becomes binary and
 *  fully buffered, so callers flush what must show at once (stderr's
 *  messages, the progress line); Linux: nothing (the terminal's locale
 *  decides). */
void console_setup(void);

/*! Undo console_setup (the console outlives netcheck: its code page and
 *  mode would stay changed for the shell that started it). */
void console_release(void);

/*! Whether fd (1 or 2) is a terminal that interprets ANSI escape
 *  sequences. Linux: isatty. Windows: a console on which virtual terminal
 *  processing is, or could now be, enabled (SetConsoleMode; consoles
 *  before Windows 10 refuse it); a file, a pipe or NUL never is. */
bool console_ansi(int fd);

#endif
