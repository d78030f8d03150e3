#!/bin/bash
# Checks through real SOCKS proxies (lib.sh: nc_danted): each SOCKS reply
# becomes one problem code whose detail names the proxy and the reply, and
# whose action points where the fix is. socks5:// and socks4:// are given
# the address netcheck resolved; socks5h:// lets the proxy resolve.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
NC_VALID_NAMES="$NC_VALID_NAMES hostunreach.nc.test"
nc_world
nc_danted || nc_die "danted did not start"

S5=socks5://$NC_IP_SOCKS:1080
S5H=socks5h://$NC_IP_SOCKS:1080
S4=socks4://$NC_IP_SOCKS:1080
AUTH=socks5://$NC_IP_SOCKS_AUTH:1080
DEAD=socks5://$NC_IP_REFUSED:1080
PASS=Socks-Pass-Do-Not-Print
TO=(--timeout 3 --connect-timeout 2)

# socks_run PROXY URL [ARGS...]: one check of URL through PROXY, JSON.
socks_run()
{
    local px=$1 url=$2 p
    shift 2
    p=$(nc_file "socks$((${NC_OUT_N:-0} + 1)).ini" <<INI
[profile]
name = it-socks
[check c]
url = $url
INI
)
    nc_run_env -- -p "$p" --proxy "$px" --format json "${TO[@]}" "$@"
}

# socks_assert CODE PROXY REGEX...: the check failed with CODE, its detail
# names PROXY and matches each REGEX.
socks_assert()
{
    local code=$1 px=$2 re
    shift 2
    assert_rc 1
    assert_check c .problem "$code"
    jq -r '.checks[0].detail' "$T/out" >"$T/detail"
    jq -r '.checks[0].action' "$T/out" >"$T/action"
    assert_match "$T/detail" "proxy $px" "detail names the proxy"
    for re in "$@"; do
        assert_match "$T/detail" "$re" "detail"
    done
}

# ---- passes: the proxy resolves (socks5h), or is given our address
# (socks5, socks4: curl's own resolver knows no nc.test name here)
for px in "$S5H" "$S5" "$S4"; do
    socks_run "$px" https://valid.nc.test/
    assert_rc 0 "valid through $px"
    assert_check c .status pass
    assert_check c .detail "answered 200 through the proxy $px"
done
socks_run "$S5" http://valid.nc.test/ncsi.txt
assert_rc 0 "plain http through $S5"
jq -r '.checks[0].addresses[0].detail' "$T/out" >"$T/addr"
assert_match "$T/addr" "given to the SOCKS proxy" "the address used"

# ---- reply 5: the destination refused; the proxy works
socks_run "$S5" https://refused.nc.test/
socks_assert tcp_refused "$S5" "reply 5" "refused the proxy's connection"
assert_no_match "$T/action" "routing" "refused: no routing action"
socks_run "$S5H" https://refused.nc.test/
socks_assert tcp_refused "$S5H" "reply 5"

# ---- reply 3 / 4: no route from the proxy (routing on its side)
socks_run "$S5" https://unreach.nc.test/
socks_assert tcp_unreachable "$S5" "reply 3" "proxy has no route"
assert_match "$T/action" "SOCKS proxy's side" "unreachable: the proxy's routes"
socks_run "$S5" "https://$NC_IP_SOCKS_HOSTUNREACH/"
socks_assert tcp_unreachable "$S5" "reply 4"
assert_match "$T/action" "SOCKS proxy's side" "unreachable: the proxy's routes"

# ---- reply 2: the proxy's rules
socks_run "$S5" https://outside.nc.test/
socks_assert proxy_denied "$S5" "reply 2" "not allowed by ruleset"

# ---- SOCKS4 says only 91
socks_run "$S4" https://refused.nc.test/
socks_assert proxy_denied "$S4" "SOCKS4 reply 91"

# ---- authentication: none sent, wrong ones sent
socks_run "$AUTH" https://valid.nc.test/
socks_assert proxy_auth_required "$AUTH" "no credentials were sent"
socks_run "$AUTH" https://valid.nc.test/ --proxy-user "agent:$PASS"
socks_assert proxy_auth_failed "$AUTH" "rejected the user name and password"
nc_assert_secret "$PASS"

# ---- the proxy itself: refuses the TCP connection
socks_run "$DEAD" https://valid.nc.test/
socks_assert proxy_unreachable "$DEAD" "cannot be reached"

# ---- connected to the proxy, no reply in time (the destination drops
# the proxy's SYN): not the proxy unreachable; the SOCKS handshake runs
# under the connect timeout
socks_run "$S5" https://blackhole.nc.test/
socks_assert tcp_timeout "$S5" "accepted the connection but gave no reply" \
    "within 2000 ms"

# ---- socks5 resolves here: a local NXDOMAIN is the verdict, and the
# proxy is never asked; socks5h lets the proxy answer for the name
socks_run "$S5" https://nosuch.nc.test/
assert_rc 1
assert_check c .problem dns_nxdomain
socks_run "$S5H" https://nosuch.nc.test/
socks_assert tcp_unreachable "$S5H" "reply 4" "could not resolve the name"

nc_done
