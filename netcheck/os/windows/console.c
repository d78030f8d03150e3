/* The Windows console. netcheck writes UTF-8 (names from profiles and
 * certificates, the report's dashes), but a console shows bytes in its
 * output code page (437 or 850 on most Western installations), so the
 * code page becomes CP_UTF8 while netcheck runs. Colour and the progress
 * line need ANSI sequences, which a console interprets only with
 * ENABLE_VIRTUAL_TERMINAL_PROCESSING: Windows 10 1511 and later accept
 * the mode, older consoles refuse it (SetConsoleMode fails) and would
 * print the escapes as text, so they get neither. A handle that is not a
 * console (a file, a pipe, NUL, which _isatty calls a terminal) has no
 * console mode at all. Both changes are undone at exit: the code page and
 * the mode belong to the console, which outlives the process. */
#include "console.h"

#include <windows.h>

#include <fcntl.h>
#include <io.h>
#include <stdio.h>

#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING /* older mingw headers */
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#endif

#define CONSOLE_BUF_SIZE 65536

static UINT console_old_cp;       /* 0: not changed */
static DWORD console_old_mode[2]; /* stdout, stderr as found */
static bool console_mode_set[2];

static HANDLE console_handle(int fd)
{
    return GetStdHandle(fd == 2 ? STD_ERROR_HANDLE : STD_OUTPUT_HANDLE);
}

void console_setup(void)
{
    bool console = false;
    DWORD mode;
    UINT cp;
    int fd;

    for (fd = 1; fd <= 2; fd++) {
        if (!GetConsoleMode(console_handle(fd), &mode))
            continue;
        console = true;
        /* In text mode the C runtime may translate what it writes to a
         * console from the locale's code page (wine's msvcrt does, and
         * turns "ü" into "Ã¼"); in binary mode the bytes go to WriteFile
         * as they are, and the console decodes them as UTF-8 (it ends a
         * line at "\n" alone). Unbuffered, msvcrt hands them over a few at
         * a time, and a console decodes each write on its own, so a
         * character split between two writes is lost: the stream is
         * buffered instead (a report longer than the buffer can still
         * split one character at the boundary), and what must show at once
         * is flushed by its writer. */
        (void)_setmode(fd, _O_BINARY);
        (void)setvbuf(fd == 1 ? stdout : stderr, NULL, _IOFBF,
                      CONSOLE_BUF_SIZE);
    }
    if (!console)
        return;
    cp = GetConsoleOutputCP();
    if (cp != 0 && cp != CP_UTF8 && SetConsoleOutputCP(CP_UTF8))
        console_old_cp = cp;
}

void console_release(void)
{
    int i;

    /* What is still buffered was written for the UTF-8 code page. */
    (void)fflush(stdout);
    (void)fflush(stderr);
    for (i = 0; i < 2; i++)
        if (console_mode_set[i])
            (void)SetConsoleMode(console_handle(i + 1), console_old_mode[i]);
    if (console_old_cp != 0)
        (void)SetConsoleOutputCP(console_old_cp);
}

bool console_ansi(int fd)
{
    HANDLE h = console_handle(fd);
    int i = fd == 2 ? 1 : 0;
    DWORD mode;

    if (fd != 1 && fd != 2)
        return false;
    if (h == NULL || h == INVALID_HANDLE_VALUE || !GetConsoleMode(h, &mode))
        return false;
    if (mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING)
        return true;
    if (!SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING))
        return false;
    if (!console_mode_set[i]) {
        console_old_mode[i] = mode;
        console_mode_set[i] = true;
    }
    return true;
}
