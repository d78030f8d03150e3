#!/bin/bash
# Routes and ExpressRoute (lib.sh: nc_route_world): a client with an
# "internet" link (inet0, the default route) and an ExpressRoute link (er0,
# a specific route for 203.0.113.0/26), both into a router namespace that
# forwards to the servers. Each resolved address reports the kernel's route
# (addresses[].route, the text ROUTE column); --expressroute DEV|GATEWAY
# judges the checks marked expressroute = yes: pass by er0, route_misrouted
# (naming both paths and the BGP community) once the specific route is
# gone, by next hop, through a proxy, and as a unit's User= gets it (ip rule
# uidrange, RTA_UID).
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_route_world
NC_IP_DNS_ER=203.0.113.58
# Azure names for the community in the detail, answered only by the test
# resolver (the client cannot reach anything else).
nc_dnsmasq_extra "$NC_IP_DNS_ER" \
    "valid.nc.test=$NC_IP_VALID" \
    "login.microsoftonline.com=$NC_IP_VALID" \
    "ncit.blob.core.windows.net=$NC_IP_VALID" ||
    nc_die "second dnsmasq did not start"

INET=$NC_RT_INET_DEV
ER=$NC_RT_ER_DEV
TO=(--timeout 5 --connect-timeout 3)

# valid (203.0.113.10) is in the er0 range; outside (198.51.100.80) is
# reached only by the default route and is not an ExpressRoute check.
er=$(nc_file er.ini <<'INI'
[profile]
name = it-er
[check valid]
url = https://valid.nc.test/
expect_body = OK
expressroute = yes
[check outside]
url = https://outside.nc.test/
INI
)
# An ExpressRoute check whose address is reached only by the default route.
erout=$(nc_file erout.ini <<'INI'
[profile]
name = it-er-out
[check outside]
url = https://outside.nc.test/
expressroute = yes
INI
)
# Plain HTTP to Azure-looking names (all 203.0.113.10, through the second
# resolver): the detail names each service's community.
azure=$(nc_file azure.ini <<'INI'
[profile]
name = it-er-azure
[check entra]
url = http://login.microsoftonline.com/
expressroute = yes
[check storage]
url = http://ncit.blob.core.windows.net/
expressroute = yes
[check other]
url = http://valid.nc.test/
expressroute = yes
INI
)

# rt_text ARGS...: the same run in text format; the exit status must match
# and the report is left in $T/out.text.
rt_text()
{
    assert_text_rc_same "$@"
}

route_of()
{
    echo ".checks[] | select(.name == \"$1\") | .addresses[0].route | [.dev, .via, .src] | map(tostring) | join(\",\")"
}

# ---- (5) no --expressroute: routes are reported, not judged
nc_route_er_del
nc_run -p "$er" --format json "${TO[@]}"
assert_rc 0 "routes without --expressroute are not judged"
assert_valid_json
assert_check valid '.status, .problem' 'pass null'
assert_json "$(route_of valid)" "$INET,$NC_RT_INET_GW,$NC_RT_INET_C"
nc_route_er_add
nc_run -p "$er" --format json "${TO[@]}"
assert_rc 0 "routes reported"
assert_json "$(route_of valid)" "$ER,$NC_RT_ER_GW,$NC_RT_ER_C"
assert_json "$(route_of outside)" "$INET,$NC_RT_INET_GW,$NC_RT_INET_C"

# ---- (1) --expressroute er0: the check in the er0 range passes
nc_run -p "$er" --format json "${TO[@]}" --expressroute "$ER"
assert_rc 0 "expressroute by device, specific route present"
assert_json '.summary.total, .summary.passed, .summary.verdict' '2 2 pass'
assert_check valid '.status, .problem, .http_status' 'pass null 200'
assert_check valid '.addresses[0].route | tojson' \
    "{\"dev\":\"$ER\",\"via\":\"$NC_RT_ER_GW\",\"src\":\"$NC_RT_ER_C\"}"
# outside leaves by inet0, but it is not an ExpressRoute check.
assert_check outside '.status, .addresses[0].route.dev' "pass $INET"
rt_text -p "$er" "${TO[@]}" --expressroute "$ER"
assert_match "$T/out.text" '(^| )ROUTE( |$)' "text header has ROUTE"
assert_match "$T/out.text" \
    "^valid +pass .*${NC_IP_VALID//./\\.} +$ER via ${NC_RT_ER_GW//./\\.}( |$)" \
    "text row of valid shows er0"
assert_match "$T/out.text" \
    "^outside +pass .* +$INET via ${NC_RT_INET_GW//./\\.}( |$)" \
    "text row of outside shows inet0"

# An ExpressRoute check whose address only the default route reaches.
nc_run -p "$erout" --format json "${TO[@]}" --expressroute "$ER"
assert_rc 1 "expressroute check outside the er0 range"
assert_check outside '.status, .problem' 'fail route_misrouted'
assert_check outside '.addresses[0].problem, .addresses[0].route.dev' \
    "route_misrouted $INET"

# A name with one address in the er0 range and one outside it: each
# address is judged by its own route.
two=$(nc_file two.ini <<'INI'
[profile]
name = it-er-two
[check two]
url = https://two.nc.test/
expressroute = yes
INI
)
nc_run -p "$two" --format json "${TO[@]}" --expressroute "$ER"
assert_rc 1 "two addresses, two routes"
assert_check two '.status, .problem' 'fail route_misrouted'
assert_check two '[.addresses[] | .ip + "=" + .route.dev + "/" + .status] | sort | join(",")' \
    "$NC_IP_OUTSIDE=$INET/fail,$NC_IP_VALID=$ER/pass"
rt_text -p "$two" "${TO[@]}" --expressroute "$ER"
assert_match "$T/out.text" "^two +fail +route_misrouted .* 2 routes( |$)" \
    "text ROUTE column: 2 routes"
assert_match "$T/out.text" \
    "^ +${NC_IP_VALID//./\\.} +pass +\\[$ER via ${NC_RT_ER_GW//./\\.}\\]" \
    "text per-address route (er0)"
assert_match "$T/out.text" \
    "^ +${NC_IP_OUTSIDE//./\\.} +fail +route_misrouted +\\[$INET via ${NC_RT_INET_GW//./\\.}\\]" \
    "text per-address route (inet0)"

# ---- (2) the specific route removed: route_misrouted, naming both paths
nc_route_er_del
nc_run -p "$er" --format json "${TO[@]}" --expressroute "$ER"
assert_rc 1 "specific route removed"
assert_json '.summary.passed, .summary.failed' '1 1'
assert_check valid '.status, .problem' 'fail route_misrouted'
assert_check valid '.addresses[0].status, .addresses[0].problem' \
    'fail route_misrouted'
assert_json "$(route_of valid)" "$INET,$NC_RT_INET_GW,$NC_RT_INET_C"
# The detail: the address, the actual device and next hop, the expected
# device and a BGP community. The connection itself worked (it answered
# through the router), so nothing else is blamed.
assert_check valid '.addresses[0].detail | test("^203\\.0\\.113\\.10 ")' true
assert_check valid ".detail | test(\"dev $INET via ${NC_RT_INET_GW//./\\\\.}\")" true
assert_check valid ".detail | test(\"ExpressRoute path \\\\(dev $ER\\\\)\")" true
assert_check valid '.detail | test("12076:")' true
assert_check valid '.detail | test("probe also failed")' false
assert_check valid '.addresses[0].http_status' 200
assert_check outside '.status' pass
rt_text -p "$er" "${TO[@]}" --expressroute "$ER"
assert_match "$T/out.text" "^valid +fail +route_misrouted .* $INET via " \
    "text row of valid"
assert_match "$T/out.text" "not by the ExpressRoute path \\(dev $ER\\)" \
    "text detail"
nc_run -p "$er" --format junit "${TO[@]}" --expressroute "$ER"
assert_rc 1 "junit exit status"
assert_match "$T/out" 'route_misrouted' "junit names the problem"

# The community follows the service: Entra ID 12076:5060, Storage
# 12076:52NNN, anything else the regional 12076:51NNN.
NC_DNS=$NC_IP_DNS_ER nc_run -p "$azure" --format json "${TO[@]}" \
    --expressroute "$ER"
assert_rc 1 "Azure names, specific route removed"
assert_json '.summary.failed' 3
assert_check entra '.problem, (.detail | test("12076:5060"))' \
    'route_misrouted true'
assert_check storage '.problem, (.detail | test("12076:52"))' \
    'route_misrouted true'
assert_check other '.problem, (.detail | test("12076:51"))' \
    'route_misrouted true'
assert_check other '.detail | test("12076:5060|12076:52")' false
nc_route_er_add
NC_DNS=$NC_IP_DNS_ER nc_run -p "$azure" --format json "${TO[@]}" \
    --expressroute "$ER"
assert_rc 0 "Azure names by er0"
assert_json '[.checks[].addresses[0].route.dev] | unique | join(",")' "$ER"

# ---- (3) --expressroute by next hop
nc_run -p "$er" --format json "${TO[@]}" --expressroute "$NC_RT_ER_GW"
assert_rc 0 "expressroute by gateway, route present"
assert_check valid '.status, .addresses[0].route.via' "pass $NC_RT_ER_GW"
# Another next hop on the same path is not the expected one.
nc_run -p "$er" --format json "${TO[@]}" --expressroute "$NC_RT_INET_GW"
assert_rc 1 "expressroute by the internet gateway"
assert_check valid '.problem' route_misrouted
assert_check valid ".detail | test(\"dev $ER via ${NC_RT_ER_GW//./\\\\.}\")" \
    true
assert_check valid ".detail | test(\"next hop ${NC_RT_INET_GW//./\\\\.}\")" \
    true
nc_route_er_del
nc_run -p "$er" --format json "${TO[@]}" --expressroute "$NC_RT_ER_GW"
assert_rc 1 "expressroute by gateway, route removed"
assert_check valid '.status, .problem' 'fail route_misrouted'
assert_check valid ".detail | test(\"next hop ${NC_RT_ER_GW//./\\\\.}\")" true
assert_check valid ".detail | test(\"dev $INET via \")" true
rt_text -p "$er" "${TO[@]}" --expressroute "$NC_RT_ER_GW"
nc_route_er_add

# Input errors: exit 2, nothing probed.
nc_run -p "$er" --format json --expressroute 'er0/bad'
assert_rc 2 "invalid --expressroute"
assert_match "$T/err" "--expressroute: no interface 'er0/bad' and not an IP address" \
    "stderr names the value"
nc_run -p "$er" --format json --expressroute ''
assert_rc 2 "empty --expressroute"

# ---- (4) an ExpressRoute check through a proxy: the proxy's egress decides
# the path, whatever the client's routes say (er0 is in place here, and
# the proxy itself is in the er0 range).
nc_squid || nc_die "squid did not start"
PROXY=http://$NC_IP_PROXY:3128
nc_squid_mark
nc_run_env "https_proxy=$PROXY" -- -p "$er" --format json "${TO[@]}" \
    --expressroute "$ER"
assert_rc 1 "expressroute check through a proxy"
assert_check valid '.via_proxy, .status, .problem' 'true fail route_misrouted'
assert_check valid ".detail | test(\"proxy\")" true
assert_check valid ".detail | test(\"${NC_IP_PROXY//./\\\\.}\")" true
assert_check valid '.detail | test("bypass the proxy")' true
# It did go through squid, and the check that is not ExpressRoute passes.
assert_squid_log 'CONNECT valid\.nc\.test:443' "squid tunnelled valid"
assert_check outside '.via_proxy, .status' 'true pass'
nc_run_env "https_proxy=$PROXY" -- -p "$er" --format text "${TO[@]}" \
    --expressroute "$ER"
assert_rc 1 "text exit status through the proxy"
assert_match "$T/out" 'route_misrouted' "text report through the proxy"
# Bypassing the proxy for the host puts it back on er0.
nc_run_env "https_proxy=$PROXY" "no_proxy=valid.nc.test" -- -p "$er" \
    --format json "${TO[@]}" --expressroute "$ER"
assert_rc 0 "NO_PROXY for the ExpressRoute host"
assert_check valid '.via_proxy, .status, .addresses[0].route.dev' \
    "false pass $ER"
# Without --expressroute the proxy is not judged.
nc_run_env "https_proxy=$PROXY" -- -p "$er" --format json "${TO[@]}"
assert_rc 0 "proxy without --expressroute"
assert_check valid '.via_proxy, .status' 'true pass'

# ---- (9) the unit's User= decides the route (ip rule uidrange, RTA_UID):
# er0 only in table 100, which only the unit's uid uses.
NOBODY=$(id -u nobody) || nc_die "no user nobody"
U=nc-it-$NC_RUN_ID
R=$T/root-unit
mkdir -p "$R/etc/systemd/system" || nc_die mkdir
printf '[Manager]\n' >"$R/etc/systemd/system.conf"
printf '[Service]\nExecStart=/usr/bin/true\nUser=nobody\n' \
    >"$R/etc/systemd/system/$U.service"
printf '[Service]\nExecStart=/usr/bin/true\nUser=%s\n' "$NOBODY" \
    >"$R/etc/systemd/system/$U-num.service"
printf '[Service]\nExecStart=/usr/bin/true\nUser=nc-it-no-such-user\n' \
    >"$R/etc/systemd/system/$U-nouser.service"
nc_route_er_del
ip -n "$NC_NS_c" route add "$NC_RT_ER_RANGE" via "$NC_RT_ER_GW" \
    dev "$ER" table 100 || nc_die "table 100"
ip -n "$NC_NS_c" rule add uidrange "$NOBODY-$NOBODY" lookup 100 pref 100 ||
    nc_die "ip rule"
nc_run_env -- -p "$er" --format json "${TO[@]}" --expressroute "$ER" \
    --as-system --root "$R" --unit "$U"
assert_rc 0 "unit with User=nobody: its rule routes by er0"
assert_json "$(route_of valid)" "$ER,$NC_RT_ER_GW,$NC_RT_ER_C"
nc_run_env -- -p "$er" --format json "${TO[@]}" --expressroute "$ER" \
    --as-system --root "$R" --unit "$U-num"
assert_rc 0 "unit with a numeric User="
assert_check valid '.status, .addresses[0].route.dev' "pass $ER"
# The caller (root) does not match the rule: the default route.
nc_run_env -- -p "$er" --format json "${TO[@]}" --expressroute "$ER" \
    --as-system --root "$R"
assert_rc 1 "no unit: the caller's uid"
assert_check valid '.problem, .addresses[0].route.dev' "route_misrouted $INET"
nc_run_env -- -p "$er" --format json "${TO[@]}" --expressroute "$ER" \
    --as-system --root "$R" --unit "$U-nouser"
assert_rc 2 "unit whose User= is unknown"
assert_match "$T/err" 'nc-it-no-such-user' "stderr names the user"

nc_done
