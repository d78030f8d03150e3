#!/bin/bash
# --expressroute with netcheck.exe under wine (lib.sh: nc_route_world: an
# internet link inet0 with the default route, an ExpressRoute link er0 with
# a specific route for 203.0.113.0/26), compared with the Linux build.
#
# os/windows/route.c asks GetBestRoute2; wine 8 answers it with
# ERROR_NOT_SUPPORTED, so under wine IPv4 goes through the GetBestRoute
# fallback, which gives the interface (wine's alias is the Linux name) and
# next hop but no source address: route.src is null under wine where Linux
# names it. Wine's route table also has no route types: an "unreachable"
# route is not seen, and the lookup answers with the default route.
# usage: test_wine_route.sh NETCHECK_EXE LINUX_NETCHECK
here=$(dirname "$0")
. "$here/../lib.sh"
. "$here/wine.sh"
wine_init "$@"
nc_route_world
NC_IP_DNS_ER=203.0.113.58
nc_dnsmasq_extra "$NC_IP_DNS_ER" "valid.nc.test=$NC_IP_VALID" \
    "outside.nc.test=$NC_IP_OUTSIDE" "priv.nc.test=10.99.1.1" ||
    nc_die "second dnsmasq did not start"
wine_start

er=$(nc_file er.ini <<'INI'
[profile]
name = wine-er
[check valid]
url = https://valid.nc.test/
expect_body = OK
expressroute = yes
[check outside]
url = https://outside.nc.test/
INI
)
TO=(--timeout 5 --connect-timeout 3)

# ---- routes reported: the same device and next hop as Linux's
wine_compare "routes" -p "$er" --format json "${TO[@]}"
assert_rc 0
assert_check valid '.addresses[0].route | [.dev, .via] | join(" ")' \
    "$NC_RT_ER_DEV $NC_RT_ER_GW"
assert_check outside '.addresses[0].route | [.dev, .via] | join(" ")' \
    "$NC_RT_INET_DEV $NC_RT_INET_GW"
wine_same valid '.addresses[0].route | [.dev, .via]'
wine_same outside '.addresses[0].route | [.dev, .via]'
# GetBestRoute gives no source address (see the top)
assert_check valid '.addresses[0].route.src' null

# ---- --expressroute by device and by next hop: pass
wine_compare "--expressroute er0" -p "$er" --format json "${TO[@]}" \
    --expressroute "$NC_RT_ER_DEV"
assert_rc 0
assert_check valid '.status' pass
wine_compare "--expressroute by next hop" -p "$er" --format json "${TO[@]}" \
    --expressroute "$NC_RT_ER_GW"
assert_rc 0
assert_check valid '.status' pass

# ---- the other path named: route_misrouted, the same detail as Linux's
wine_compare "--expressroute inet0" -p "$er" --format json "${TO[@]}" \
    --expressroute "$NC_RT_INET_DEV"
assert_rc 1
assert_check valid '.status, .problem' 'fail route_misrouted'
wine_same valid '.detail'

# ---- the specific route removed: misrouted by the default route
nc_route_er_del
wine_compare "er0 route removed" -p "$er" --format json "${TO[@]}" \
    --expressroute "$NC_RT_ER_DEV"
assert_rc 1
assert_check valid '.status, .problem' 'fail route_misrouted'
assert_check valid '.addresses[0].route.dev' "$NC_RT_INET_DEV"
wine_same valid '.detail'
nc_route_er_add

# ---- an interface that does not exist: exit 2 on both
NETCHECK=$NC_LINUX
nc_run -p "$er" --expressroute "no-such-if0"
linux_rc=$NC_RC
NETCHECK=$T/netcheck-wine
nc_run -p "$er" --expressroute "no-such-if0"
assert_rc 2 "unknown interface"
assert_true "unknown interface: Linux exits 2 too" test "$linux_rc" = 2
assert_match "$T/err" "no interface 'no-such-if0'" "unknown interface"

# ---- an address behind an "unreachable" route (never sent to: the nft
# counter stays 0). Linux: no route, EHOSTUNREACH; wine does not see the
# route type and names the default route. The codes still agree.
priv=$(nc_file priv.ini <<'INI'
[profile]
name = wine-priv
[check priv]
url = https://priv.nc.test/
expressroute = yes
INI
)
NC_DNS=$NC_IP_DNS_ER wine_compare "unreachable route" -p "$priv" \
    --format json "${TO[@]}" --expressroute "$NC_RT_ER_DEV"
assert_rc 1
assert_check priv '.status, .problem' 'fail route_misrouted'
assert_json '.checks[0].addresses[0].route.dev' "$NC_RT_INET_DEV"
assert_true "Linux: no route" \
    jq -e '.checks[0].addresses[0].route == null' "$T/out.linux"
assert_true "nothing sent to $NC_RT_PRIVATE" \
    test "$(nc_route_private_count)" = 0

nc_done
