/* The os/windows/ backends against the system they run on (Windows, or
 * wine): a refused connect is seen by the poller at once and is
 * ECONNREFUSED, the hosts path is under the system directory, there is no
 * nsswitch.conf, a route lookup answers with an interface that
 * route_ifname_exists knows. Plain C with no test framework. Traffic: one
 * connect to 127.0.0.1:9 (nothing listens there) and one route lookup (no
 * packet).
 *
 * Built with the Windows build's tests (tests/windows/CMakeLists.txt) and
 * run under wine by scripts/test-windows (ctest -L windows). */
#include <winsock2.h>
#include <windows.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hostnet.h"
#include "hostsconf.h"
#include "poller.h"
#include "route.h"
#include "sock.h"

static int failures;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "os_smoke.c:%d: %s\n", __LINE__, #cond);           \
            failures++;                                                        \
        }                                                                      \
    } while (0)

/* A refused connect: reported within a second (WSAPoll before Windows 10
 * 2004 would wait for the whole 5 s), as READ|WRITE, and SO_ERROR maps to
 * ECONNREFUSED. */
static void smoke_refused(void)
{
    struct nc_addr a = {.family = 4, .bytes = {127, 0, 0, 1}};
    struct poller_event ev[4];
    struct poller *p = NULL;
    ULONGLONG t0;
    int s, n;

    s = sock_stream_open(4);
    CHECK(s >= 0);
    if (s < 0)
        return;
    CHECK(sock_connect_start(s, &a, 9) == SOCK_INPROGRESS);
    CHECK(poller_new(&p) == 0);
    if (p == NULL)
        goto out;
    CHECK(poller_add(p, s, POLLER_WRITE) == 0);
    t0 = GetTickCount64();
    n = poller_wait(p, ev, 4, 5000);
    CHECK(GetTickCount64() - t0 < 1000);
    CHECK(n == 1);
    CHECK(n == 1 && ev[0].fd == s &&
          ev[0].events == (POLLER_READ | POLLER_WRITE));
    CHECK(sock_connect_result(s) == ECONNREFUSED);
    poller_del(p, s);
    /* Nothing watched: a plain wait, not select()'s WSAEINVAL. */
    CHECK(poller_wait(p, ev, 4, 10) == 0);
out:
    poller_free(p);
    sock_close(s);
}

static void smoke_hostsconf(void)
{
    const char *h = hostsconf_hosts_path();
    size_t n = strlen(h), t = strlen("\\drivers\\etc\\hosts");

    CHECK(n > t && _stricmp(h + n - t, "\\drivers\\etc\\hosts") == 0);
    CHECK(hostsconf_nsswitch_path() == NULL);
}

static void smoke_route(void)
{
    struct nc_addr a = {.family = 4, .bytes = {198, 51, 100, 1}};
    struct route_ops ops;
    struct nc_route r;
    uid_t uid = 0;
    bool v4 = false, v6 = false;

    hostnet_families(&v4, &v6);
    CHECK(v4); /* the test host has an IPv4 address */
    CHECK(route_netlink_open(&ops) == 0);
    memset(&r, 0, sizeof(r));
    CHECK(ops.lookup(ops.ctx, &a, 0, &r) == 0);
    CHECK(r.found && r.dev[0] != '\0' && route_ifname_exists(r.dev));
    CHECK(!route_ifname_exists("no such interface"));
    route_netlink_close(&ops);
    CHECK(route_uid_parse("SYSTEM", &uid) == 0 && uid == (uid_t)-1);
    CHECK(route_uid_parse("", &uid) < 0);
}

int main(void)
{
    smoke_refused();
    smoke_hostsconf();
    smoke_route();
    printf("os_smoke: %d failure(s)\n", failures);
    return failures == 0 ? 0 : 1;
}
