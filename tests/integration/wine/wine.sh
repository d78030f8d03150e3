# netcheck.exe under wine in the client namespace; sourced after lib.sh.
#
# A test does:
#   . "$here/../lib.sh"; . "$here/wine.sh"
#   wine_init "$@"      # NETCHECK_EXE LINUX_NETCHECK (nc_init on the latter)
#   nc_world ...        # lib.sh's servers, as the Linux tests start them
#   wine_start          # prefix + wineserver in the client namespace
#   wine_compare WHAT ARGS...   # run both builds, same codes; $T/out: wine's
#
# Winsock under wine is the wineserver's work: it creates every socket
# (socket() is an NtCreateFile on \Device\Afd that the server answers with
# a Linux socket it made, and connect() is a request to the server too), so
# a socket lives in the wineserver's network namespace, not in that of the
# process that asked for it. With the server in the host's namespace,
# netcheck.exe run by `ip netns exec CLIENT` would probe the host's network.
# So each run gets a fresh WINEPREFIX in its temp dir whose wineserver is
# started by `ip netns exec CLIENT wineserver -f -p` (foreground, so its PID
# is recorded; persistent, so it does not exit between runs), before
# anything else starts in that prefix; wine_start checks that the server's
# network namespace is the client's. The exit hook stops it with
# `wineserver -k` for that prefix only. Paths such as /tmp/x reach
# netcheck.exe unchanged: wine opens them on drive Z:, the Linux root.

NC_WINE=${NC_WINE:-/usr/lib/wine/wine64}
NC_WINESERVER=${NC_WINESERVER:-/usr/lib/wine/wineserver}
NC_EXE=
NC_LINUX=

# wine_init NETCHECK_EXE [LINUX_NETCHECK]: the Linux binary is the second
# argument or NC_LINUX_NETCHECK; nc_init checks it (and root, netns).
wine_init()
{
    NC_EXE=${1:-}
    NC_LINUX=${2:-${NC_LINUX_NETCHECK:-}}
    [ -n "$NC_EXE" ] || nc_die "usage: $0 NETCHECK_EXE LINUX_NETCHECK"
    [ -f "$NC_EXE" ] || nc_die "'$NC_EXE' not found"
    [ -n "$NC_LINUX" ] ||
        nc_die "no Linux netcheck to compare with: give it as the second argument or NC_LINUX_NETCHECK"
    [ -x "$NC_WINE" ] || nc_skip "no wine at $NC_WINE (apt-get install wine64)"
    nc_init "$NC_LINUX"
    NC_EXE=$(realpath "$NC_EXE")
}

# wine_stop: the prefix's processes and server, and the directory of the
# server's socket (Debian's wine: /tmp/wine-XXXXXX, named in the prefix's
# file "wineserver"), which would otherwise stay behind.
wine_stop()
{
    local name
    WINEPREFIX=$T/wine "$NC_WINESERVER" -k >/dev/null 2>&1
    name=$(cat "$T/wine/wineserver" 2>/dev/null)
    case $name in
    wine-??????) rm -rf -- "/tmp/$name" ;;
    esac
}

# wine_wait_server: until the server started by wine_start listens on its
# socket. wineboot started before that would start a second server of its
# own (outside our PID) and ours would exit, seeing the prefix taken.
wine_wait_server()
{
    local _ name
    for _ in $(seq 1 200); do
        kill -0 "$NC_WINESERVER_PID" 2>/dev/null || return 1
        name=$(cat "$WINEPREFIX/wineserver" 2>/dev/null)
        case $name in
        wine-??????)
            compgen -G "/tmp/$name/server-*/socket" >/dev/null && return 0
            ;;
        esac
        sleep 0.05
    done
    return 1
}

# wine_start: the prefix, its wineserver in the client namespace, and
# $T/netcheck-wine, the wrapper lib.sh runs as NETCHECK.
wine_start()
{
    local t0=$SECONDS srv_ns client_ns
    export WINEPREFIX=$T/wine WINEDEBUG=-all WINEDLLOVERRIDES='mscoree,mshtml='
    mkdir -p "$WINEPREFIX" || nc_die "mkdir $WINEPREFIX"
    nc_on_exit wine_stop
    nc_bg "$NC_NS_c" "$T/wineserver.log" "$NC_WINESERVER" -f -p
    NC_WINESERVER_PID=$NC_LAST_PID
    wine_wait_server ||
        nc_die "wineserver did not start: $(tail -5 "$T/wineserver.log")"
    ip netns exec "$NC_NS_c" "$NC_WINE" wineboot -i >"$T/wineboot.log" 2>&1 ||
        nc_die "wineboot failed: $(tail -5 "$T/wineboot.log")"
    srv_ns=$(readlink "/proc/$NC_WINESERVER_PID/ns/net")
    client_ns=$(ip netns exec "$NC_NS_c" readlink /proc/self/ns/net)
    NC_ASSERTS=$((NC_ASSERTS + 1))
    if [ -n "$srv_ns" ] && [ "$srv_ns" = "$client_ns" ]; then
        nc_pass "wineserver $NC_WINESERVER_PID runs in the client namespace"
    else
        nc_fail "wineserver in $srv_ns, client namespace is $client_ns"
    fi
    printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$NC_WINE" "$NC_EXE" \
        >"$T/netcheck-wine"
    chmod +x "$T/netcheck-wine"
    NETCHECK=$T/netcheck-wine
    nc_log "wine prefix ready in $((SECONDS - t0)) s"
}

# wine_compare WHAT [NC_RUN ARGS...]: nc_run with netcheck.exe under wine,
# then with the Linux build; both must exit alike and give every check the
# same status and problem code. Wine's report stays in $T/out (NC_RC its
# exit status), Linux's in $T/out.linux; WINE_MS is wine's wall time.
wine_compare()
{
    local what=$1 t0 got want
    shift
    NETCHECK=$T/netcheck-wine
    t0=$(date +%s%N)
    nc_run "$@"
    WINE_MS=$((($(date +%s%N) - t0) / 1000000))
    cp "$T/out" "$T/out.wine"
    cp "$T/err" "$T/err.wine"
    local wine_rc=$NC_RC wine_args=$NC_LAST_ARGS
    NETCHECK=$NC_LINUX
    nc_run "$@"
    cp "$T/out" "$T/out.linux"
    local linux_rc=$NC_RC
    NETCHECK=$T/netcheck-wine
    cp "$T/out.wine" "$T/out"
    cp "$T/err.wine" "$T/err"
    NC_RC=$wine_rc NC_LAST_ARGS="(wine) $wine_args"
    NC_ASSERTS=$((NC_ASSERTS + 1))
    if [ "$wine_rc" = "$linux_rc" ]; then
        nc_pass "$what: exit $wine_rc on Windows and Linux"
    else
        nc_fail "$what: exit $wine_rc on Windows, $linux_rc on Linux"
    fi
    want=$(wine_codes "$T/out.linux")
    got=$(wine_codes "$T/out.wine")
    NC_ASSERTS=$((NC_ASSERTS + 1))
    if [ -n "$got" ] && [ "$got" = "$want" ]; then
        nc_pass "$what: same codes ($got)"
    else
        nc_fail "$what: Windows '$got', Linux '$want'"
    fi
    nc_log "$what: wine run $WINE_MS ms"
}

# wine_codes FILE: "name=status/problem" for every check, sorted.
wine_codes()
{
    jq -r '[.checks[] | .name + "=" + .status + "/" + (.problem // "-")] |
        sort | join(" ")' "$1" 2>/dev/null
}

# wine_same CHECK FILTER: FILTER on check CHECK gives the same in wine's
# report as in Linux's (after wine_compare), e.g. '.detail'.
wine_same()
{
    local f=".checks[] | select(.name == \"$1\") | $2" got want
    got=$(jq -c "$f" "$T/out.wine")
    want=$(jq -c "$f" "$T/out.linux")
    NC_ASSERTS=$((NC_ASSERTS + 1))
    if [ -n "$got" ] && [ "$got" = "$want" ]; then
        nc_pass "$1 $2 as on Linux: $got"
    else
        nc_fail "$1 $2: Windows $got, Linux $want"
    fi
}
