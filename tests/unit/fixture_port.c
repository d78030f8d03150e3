/* The portability helpers of the unit tests (fixture_port.h). */
#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <direct.h>
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#ifndef _WIN32
#include <fcntl.h>
#include <unistd.h>
#endif

#include "fixture_port.h"

char *fx_mem_close(struct fx_mem *m)
{
    char *buf;
    long size;

    assert_int_equal(fflush(m->f), 0);
    assert_int_equal(fseek(m->f, 0, SEEK_END), 0);
    size = ftell(m->f);
    assert_true(size >= 0);
    rewind(m->f);
    buf = malloc((size_t)size + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)size, m->f), (size_t)size);
    buf[size] = '\0';
    assert_int_equal(fclose(m->f), 0);
    m->f = NULL;
#ifdef _WIN32
    (void)remove(m->path);
#endif
    return buf;
}

FILE *fx_full_open(void)
{
#ifdef _WIN32
    return fopen(FX_DEVNULL, "r");
#else
    return fopen("/dev/full", "w");
#endif
}

char *fx_strndup(const char *s, size_t n)
{
    const char *end = memchr(s, '\0', n);
    size_t len = end != NULL ? (size_t)(end - s) : n;
    char *d = malloc(len + 1);

    if (d != NULL) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

#ifdef _WIN32

FILE *fx_mem_open(struct fx_mem *m)
{
    char dir[MAX_PATH + 1];
    DWORD n = GetTempPathA(sizeof(dir), dir);

    assert_true(n > 0 && n < sizeof(dir));
    assert_true(GetTempFileNameA(dir, "nct", 0, m->path) != 0);
    /* "b": the bytes as written, no "\n" to "\r\n" translation. */
    m->f = fopen(m->path, "w+b");
    assert_non_null(m->f);
    return m->f;
}

int fx_setenv(const char *name, const char *value)
{
    return _putenv_s(name, value) == 0 ? 0 : -1;
}

int fx_unsetenv(const char *name)
{
    return _putenv_s(name, "") == 0 ? 0 : -1; /* "" removes it */
}

int fx_mkdtemp(char *dir, size_t n, const char *prefix)
{
    char tmp[MAX_PATH + 1];
    DWORD len = GetTempPathA(sizeof(tmp), tmp);
    unsigned i;

    if (len == 0 || len >= sizeof(tmp))
        return -1;
    for (i = 0; i < 100; i++) {
        int w = snprintf(dir, n, "%s%s.%06lx", tmp, prefix,
                         (unsigned long)((GetTickCount64() + i) & 0xffffff));

        if (w < 0 || (size_t)w >= n)
            return -1;
        if (_mkdir(dir) == 0)
            return 0;
    }
    return -1;
}

/* Windows has no socketpair: listen on 127.0.0.1, connect, accept. */
int fx_pair_open(int p[2])
{
    struct sockaddr_in sa;
    int sl = (int)sizeof(sa);
    SOCKET l, c = INVALID_SOCKET, a = INVALID_SOCKET;
    WSADATA wsa;
    u_long on = 1;

    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return -1;
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (l == INVALID_SOCKET)
        return -1;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(l, (struct sockaddr *)&sa, sl) != 0 || listen(l, 1) != 0 ||
        getsockname(l, (struct sockaddr *)&sa, &sl) != 0)
        goto fail;
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (c == INVALID_SOCKET || connect(c, (struct sockaddr *)&sa, sl) != 0)
        goto fail;
    a = accept(l, NULL, NULL);
    /* The loop keys on an int (os/sock.h); non-blocking like the engine's. */
    if (a == INVALID_SOCKET || a > (SOCKET)INT32_MAX || c > (SOCKET)INT32_MAX ||
        ioctlsocket(a, (long)FIONBIO, &on) != 0 ||
        ioctlsocket(c, (long)FIONBIO, &on) != 0)
        goto fail;
    (void)closesocket(l);
    p[0] = (int)a;
    p[1] = (int)c;
    return 0;
fail:
    if (a != INVALID_SOCKET)
        (void)closesocket(a);
    if (c != INVALID_SOCKET)
        (void)closesocket(c);
    (void)closesocket(l);
    return -1;
}

long fx_pair_write(int fd, const void *buf, size_t len)
{
    return send((SOCKET)fd, buf, len > INT32_MAX ? INT32_MAX : (int)len, 0);
}

void fx_pair_close(int fd)
{
    if (fd >= 0)
        (void)closesocket((SOCKET)fd);
}

#else /* !_WIN32 */

/* A temporary file rather than open_memstream, so that both systems read
 * the bytes back the same way (fx_mem_close). */
FILE *fx_mem_open(struct fx_mem *m)
{
    m->f = tmpfile();
    assert_non_null(m->f);
    return m->f;
}

int fx_setenv(const char *name, const char *value)
{
    return setenv(name, value, 1);
}

int fx_unsetenv(const char *name)
{
    return unsetenv(name);
}

int fx_mkdtemp(char *dir, size_t n, const char *prefix)
{
    int w = snprintf(dir, n, "/tmp/%s.XXXXXX", prefix);

    if (w < 0 || (size_t)w >= n)
        return -1;
    return mkdtemp(dir) != NULL ? 0 : -1;
}

int fx_pair_open(int p[2])
{
    if (pipe(p) != 0)
        return -1;
    (void)fcntl(p[0], F_SETFD, FD_CLOEXEC);
    (void)fcntl(p[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

long fx_pair_write(int fd, const void *buf, size_t len)
{
    return (long)write(fd, buf, len);
}

void fx_pair_close(int fd)
{
    if (fd >= 0)
        (void)close(fd);
}

#endif
