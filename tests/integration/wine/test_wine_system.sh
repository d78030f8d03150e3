#!/bin/bash
# `netcheck.exe proxy --as-system` and `run --as-system` under wine: the
# SYSTEM account's proxy set in the wine registry (HKU\.DEFAULT: a wine
# prefix has no HKU\S-1-5-18), the WinHTTP setting and the
# ProxySettingsPerUser policy, against lib.sh's real squid; and a test root
# placed in the LocalMachine ROOT store (registry Blob), trusted without
# --ca-bundle. usage: test_wine_system.sh NETCHECK_EXE LINUX_NETCHECK
here=$(dirname "$0")
. "$here/../lib.sh"
. "$here/wine.sh"
wine_init "$@"
nc_topology
nc_pki || nc_die "test PKI"
nc_nginx || nc_die "nginx did not start"
nc_dnsmasq || nc_die "dnsmasq did not start"
nc_squid || nc_die "squid did not start"
wine_start

IS='Software\Microsoft\Windows\CurrentVersion\Internet Settings'
CONN_SYS="HKU\\.DEFAULT\\$IS\\Connections"
CONN_LM="HKLM\\$IS\\Connections"
POLICY='HKLM\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings'

# The blob's layout (proxy/winproxy.h): u32 version, counter, flags, then
# counted strings proxy, bypass, PAC URL; two zero u32 fields follow.
le32() { printf '%02x%02x%02x%02x' $(($1 & 255)) $((($1 >> 8) & 255)) \
    $((($1 >> 16) & 255)) $((($1 >> 24) & 255)); }
cstr() { le32 ${#1}; printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n'; }
# blob VERSION FLAGS PROXY BYPASS [PAC]
blob() { le32 "$1"; le32 7; le32 "$2"; cstr "$3"; cstr "$4"; cstr "${5:-}"; \
    le32 0; le32 0; }

# wine_sample NAME FILE: keep FILE as NAME in $NC_WINE_SAMPLES when set
# (the README's outputs come from there).
wine_sample()
{
    [ -n "${NC_WINE_SAMPLES:-}" ] && cp "$2" "$NC_WINE_SAMPLES/$1"
    return 0
}

# wine_reg ARGS...: `reg` in the prefix (inside the client namespace, where
# its wineserver runs).
wine_reg()
{
    ip netns exec "$NC_NS_c" "$NC_WINE" reg "$@" >"$T/reg.log" 2>&1 ||
        nc_die "reg $*: $(cat "$T/reg.log")"
}
set_blob() # KEY VALUE VERSION FLAGS PROXY BYPASS [PAC]
{
    local k=$1 v=$2
    shift 2
    wine_reg add "$k" /v "$v" /t REG_BINARY /d "$(blob "$@")" /f
}

prof=$(nc_file system.ini <<'INI'
[profile]
name = wine-system
[check valid]
url = https://valid.nc.test/
expect_body = OK
[check www]
url = https://www.nc.test/
INI
)
# run --as-system with the test root from --ca-bundle (nc_run), the
# resolver given; the proxy from the registry only.
NETCHECK=$T/netcheck-wine

# ---- the SYSTEM account's proxy: the open squid, www.nc.test bypassed;
# WinHTTP points elsewhere (the auth squid), which the agent ignores.
set_blob "$CONN_SYS" DefaultConnectionSettings 70 3 "$NC_IP_PROXY:3128" \
    "www.nc.test;<local>"
set_blob "$CONN_LM" WinHttpSettings 24 3 "$NC_IP_PROXY_AUTH:3128" ""

nc_exec proxy --as-system --format json https://valid.nc.test/ \
    https://www.nc.test/
assert_rc 0 "proxy --as-system exit status"
assert_valid_json
assert_json '.agent.source, .agent.via' 'system-wininet manual'
assert_json '.sources[] | select(.name == "system-wininet") | .used' true
assert_json '.sources[] | select(.name == "system-wininet") | .where' \
    "HKU\\.DEFAULT\\$IS\\Connections [DefaultConnectionSettings]"
assert_json '.urls[0].proxy' "http://$NC_IP_PROXY:3128"
assert_json '.urls[1].proxy, .urls[1].bypass_match' 'null www.nc.test'
assert_json '.sources[] | select(.name == "winhttp") | .state' present
assert_true "the WinHTTP proxy that differs is a warning" \
    jq -e '[.warnings[].detail] | map(select(test("WinHTTP"))) |
        length > 0' "$T/out"
nc_exec proxy --as-system https://valid.nc.test/ https://www.nc.test/
assert_rc 0 "proxy --as-system (text) exit status"
assert_match "$T/out" '^AGENT: system-wininet, manual' "text names the winner"
wine_sample proxy-as-system.txt "$T/out"
# Who would log on to the proxy: wine's process is not LocalSystem, so
# none, naming the account and how to run as SYSTEM (os/account.h).
assert_match "$T/out" '^IDENTITY: none' "text names the identity"
nc_exec proxy --as-system --format json https://valid.nc.test/
assert_json '.identity | .kind, .name' 'none null'
assert_true "proxy --as-system: the note says it is not SYSTEM" \
    jq -e '.identity.note | test("^netcheck runs as .*, not as SYSTEM.*schtasks")' \
    "$T/out"
nc_exec proxy --as-system --proxy-user "$NC_PROXY_USER:$NC_PROXY_PASS" \
    --format json https://valid.nc.test/
assert_json '.identity | .kind, .name' "user $NC_PROXY_USER"
assert_no_match "$T/out" "$NC_PROXY_PASS" "no password in proxy's identity"

nc_squid_mark
nc_run --as-system -p "$prof" --format json --timeout 10
assert_rc 0 "run --as-system through the SYSTEM proxy"
assert_valid_json
assert_json '.proxy.source, .proxy.url' "system http://$NC_IP_PROXY:3128"
assert_check valid '.status, .via_proxy' 'pass true'
assert_check www '.status, .via_proxy' 'pass false'
assert_squid_log "CONNECT valid\\.nc\\.test:443" "squid saw the check"
wine_sample run-as-system.err "$T/err"
assert_squid_no_log "www\\.nc\\.test" "the bypassed check went direct"
assert_match "$T/err" "check 'www' goes direct: the SYSTEM account's bypass list has 'www.nc.test'" \
    "stderr says why www went direct"
assert_check www '.proxy, .proxy_reason' \
    "null bypass list entry 'www.nc.test' (WinINet)"
assert_check valid '.proxy, .proxy_reason' \
    "http://$NC_IP_PROXY:3128 from DefaultConnectionSettings"

# ---- the SYSTEM proxy asks for credentials: 407 without, pass with
# --proxy-user (Basic). This curl has SSPI, but wine does not run
# netcheck as LocalSystem, so the SYSTEM account's own logon is not
# offered: the report says none and why, and so does the 407's detail.
set_blob "$CONN_SYS" DefaultConnectionSettings 70 3 \
    "$NC_IP_PROXY_AUTH:3128" ""
nc_run --as-system -p "$prof" --format json --timeout 10
assert_rc 1 "407 exit status"
assert_check valid '.status, .problem, .via_proxy' \
    'fail proxy_auth_required true'
assert_check valid '.proxy_auth[0]' Basic
assert_json '.proxy.identity | .kind, .name' 'none null'
assert_true "run --as-system: the note says it is not SYSTEM" \
    jq -e '.proxy.identity.note | test("^netcheck runs as .*, not as SYSTEM")' \
    "$T/out"
assert_true "the 407's detail names the identity (none) and why" \
    jq -e '.checks[0].detail | test("no credentials were sent; it offers: Basic; identity: none: netcheck runs as .*, not as SYSTEM")' \
    "$T/out"
wine_sample run-identity-none.json "$T/out"
nc_run --as-system -p "$prof" --format text --timeout 10
assert_match "$T/out" \
    "^proxy: http://$NC_IP_PROXY_AUTH:3128 \\(from system\\); identity: none \\(netcheck runs as .*, not as SYSTEM" \
    "text: the proxy line names the identity"
wine_sample run-identity-none.txt "$T/out"
nc_run --as-system -p "$prof" --format json --timeout 10 \
    --proxy-user "$NC_PROXY_USER:$NC_PROXY_PASS"
assert_rc 0 "--proxy-user through the SYSTEM proxy"
assert_check valid '.status, .via_proxy' 'pass true'
assert_json '.proxy.identity | .kind, .name, .note' \
    "user $NC_PROXY_USER from --proxy-user"
assert_no_match "$T/out" "$NC_PROXY_PASS" "the password is not in the report"

# ---- ProxySettingsPerUser = 0: HKLM's settings win over SYSTEM's own
set_blob "$CONN_LM" DefaultConnectionSettings 70 3 "$NC_IP_PROXY:3128" ""
wine_reg add "$POLICY" /v ProxySettingsPerUser /t REG_DWORD /d 0 /f
nc_exec proxy --as-system --format json https://valid.nc.test/
assert_json '.agent.source, .urls[0].proxy' \
    "machine-wininet http://$NC_IP_PROXY:3128"
nc_squid_mark
nc_run --as-system -p "$prof" --format json --timeout 10
assert_rc 0 "the policy's HKLM proxy (open) is used, not SYSTEM's (auth)"
assert_check www '.status, .via_proxy' 'pass true'
assert_squid_log "CONNECT www\\.nc\\.test:443" "squid saw www this time"

# ---- a PAC file: WinHTTP (wine's winhttp and jscript) fetches and runs
# it per check URL; served from the server namespace on VALID:8080.
mkdir -p "$T/pac" || nc_die "mkdir pac"
cat >"$T/pac/proxy.pac" <<PAC
function FindProxyForURL(url, host) {
    if (host == "www.nc.test") return "DIRECT";
    return "PROXY $NC_IP_PROXY:3128; DIRECT";
}
PAC
printf 'function FindProxyForURL(url, host) { return nosuch(; }\n' \
    >"$T/pac/broken.pac"
nc_bg "$NC_NS_s" "$T/pac/http.log" python3 -m http.server 8080 \
    --bind "$NC_IP_VALID" --directory "$T/pac"
nc_wait_listen "$NC_NS_s" tcp "$NC_IP_VALID" 8080 "$NC_LAST_PID" ||
    nc_die "the PAC server did not start"
set_blob "$CONN_LM" DefaultConnectionSettings 70 5 "" "" \
    "http://$NC_IP_VALID:8080/proxy.pac"
nc_squid_mark
nc_run --as-system -p "$prof" --format json --timeout 10
assert_rc 0 "run --as-system through the PAC file's proxy"
assert_check valid '.status, .via_proxy' 'pass true'
assert_check www '.status, .via_proxy' 'pass false'
assert_check valid '.pac_answer' "PROXY $NC_IP_PROXY:3128"
assert_check www '.pac_answer' DIRECT
assert_check www '.proxy, .proxy_reason' 'null PAC file: DIRECT'
assert_squid_log "CONNECT valid\\.nc\\.test:443" "squid saw the PAC's check"
assert_squid_no_log "www\\.nc\\.test" "the PAC's DIRECT check went direct"
assert_match "$T/err" "check 'valid': the PAC file says PROXY $NC_IP_PROXY:3128" \
    "stderr gives the PAC's answer for valid"
assert_match "$T/err" "check 'www': the PAC file says DIRECT" \
    "stderr gives the PAC's answer for www"
assert_match "$T/pac/http.log" "GET /proxy.pac" "WinHTTP fetched the PAC file"
assert_no_match "$T/err" "pac_not_evaluated" \
    "a run does not claim the PAC file went unevaluated"
assert_no_match "$T/err" "proxy identity" \
    "the identity is the report's, not a stderr warning"
nc_exec proxy --as-system --format json https://valid.nc.test/ \
    https://www.nc.test/
assert_json '.agent.via, .urls[0].pac_answer, .urls[1].pac_answer' \
    "pac PROXY $NC_IP_PROXY:3128 DIRECT"
nc_exec proxy --as-system https://valid.nc.test/ https://www.nc.test/
wine_sample proxy-pac.txt "$T/out"
assert_match "$T/out" "PAC file: PROXY $NC_IP_PROXY:3128" \
    "proxy --as-system (text) gives the PAC's answer"

# ---- a PAC file naming a different proxy per host (squid's two open
# ports; $T/squid/local.log says which address took each request): each
# check goes through its own, and the report names it and why.
cat >"$T/pac/two.pac" <<PAC
function FindProxyForURL(url, host) {
    if (host == "www.nc.test") return "PROXY $NC_IP_VALID:3128";
    return "PROXY $NC_IP_PROXY:3128";
}
PAC
set_blob "$CONN_LM" DefaultConnectionSettings 70 5 "" "" \
    "http://$NC_IP_VALID:8080/two.pac"
local_mark=$(wc -l <"$T/squid/local.log")
nc_run --as-system -p "$prof" --format json --timeout 10
assert_rc 0 "a PAC file with two proxies: both checks pass"
assert_valid_json
wine_sample pac-two.json "$T/out"
assert_check valid '.status, .via_proxy, .proxy' \
    "pass true http://$NC_IP_PROXY:3128"
assert_check www '.status, .via_proxy, .proxy' \
    "pass true http://$NC_IP_VALID:3128"
assert_check valid '.proxy_reason' "PAC file: PROXY $NC_IP_PROXY:3128"
assert_check www '.proxy_reason' "PAC file: PROXY $NC_IP_VALID:3128"
sleep 0.3
tail -n "+$((local_mark + 1))" "$T/squid/local.log" >"$T/local.new"
assert_match "$T/local.new" \
    "^[0-9]+ $NC_IP_PROXY:3128 CONNECT valid\\.nc\\.test:443 200\$" \
    "valid went through $NC_IP_PROXY"
assert_match "$T/local.new" \
    "^[0-9]+ $NC_IP_VALID:3128 CONNECT www\\.nc\\.test:443 200\$" \
    "www went through $NC_IP_VALID"
assert_no_match "$T/local.new" "$NC_IP_PROXY:3128 CONNECT www" \
    "www did not go through valid's proxy"
nc_run --as-system -p "$prof" --timeout 10
assert_rc 0 "a PAC file with two proxies (text)"
wine_sample pac-two.txt "$T/out"
assert_match "$T/out" \
    "^  \`- via http://$NC_IP_VALID:3128: PAC file: PROXY $NC_IP_VALID:3128" \
    "text names www's own proxy and the PAC's answer"
# one of the two proxies refuses its host: that check fails with that
# proxy named, the other passes through its own
sed -i "s/$NC_IP_VALID:3128/$NC_IP_PROXY_DENY:3128/" "$T/pac/two.pac"
nc_run --as-system -p "$prof" --format json --timeout 10
assert_rc 1 "a PAC file whose second proxy refuses its host"
assert_check valid '.status, .proxy' "pass http://$NC_IP_PROXY:3128"
assert_check www '.status, .problem, .proxy' \
    "fail proxy_denied http://$NC_IP_PROXY_DENY:3128"
assert_true "www's detail names the refusing proxy" \
    jq -e --arg p "http://$NC_IP_PROXY_DENY:3128" \
    '.checks[] | select(.name == "www") | .detail | contains($p)' "$T/out"
# a proxy that never answers fails its own check only
sed -i "s/$NC_IP_PROXY_DENY:3128/$NC_IP_BLACKHOLE:3128/" "$T/pac/two.pac"
nc_run --as-system -p "$prof" --format json --timeout 4 --connect-timeout 2
assert_rc 1 "a PAC file whose second proxy is down"
assert_check valid '.status, .proxy' "pass http://$NC_IP_PROXY:3128"
assert_check www '.status, .problem, .proxy' \
    "fail proxy_unreachable http://$NC_IP_BLACKHOLE:3128"

# an unreachable PAC file, and one that does not run: proxy_pac_failed,
# never a pass, never a guess
for pac in "http://$NC_IP_REFUSED/proxy.pac" \
    "http://$NC_IP_VALID:8080/broken.pac"; do
    set_blob "$CONN_LM" DefaultConnectionSettings 70 5 "" "" "$pac"
    nc_run --as-system -p "$prof" --format json --timeout 10
    assert_rc 1 "PAC $pac: exit status"
    assert_check valid '.status, .problem' 'fail proxy_pac_failed'
    assert_check www '.status, .problem' 'fail proxy_pac_failed'
    assert_true "PAC $pac: pac_answer says it failed" \
        jq -e '.checks[0].pac_answer | startswith("failed: ")' "$T/out"
    assert_true "PAC $pac: the detail names the PAC file" \
        jq -e --arg u "$pac" '.checks[0].detail | contains($u)' "$T/out"
    wine_sample pac-failed.json "$T/out"
done

# ---- the flags still win over the registry
nc_run --as-system --no-proxy -p "$prof" --format json --timeout 10
assert_rc 0 "--no-proxy over the registry"
assert_check valid '.via_proxy' false
wine_reg delete "$POLICY" /v ProxySettingsPerUser /f
wine_reg delete "$CONN_SYS" /v DefaultConnectionSettings /f

# ---- trust: the test root in the LocalMachine ROOT store, no --ca-bundle
# (nc_exec: no option added). A certificate there is the registry value
# Blob under its SHA-1: serialized properties, property 32 the DER.
root_der=$T/root.der
openssl x509 -in "$T/pki/ca.pem" -outform DER -out "$root_der" ||
    nc_die "DER of the test root"
nc_exec run --as-system --dns-server "$NC_IP_DNS" -p "$prof" \
    --format json --timeout 10
assert_rc 1 "the test root is not trusted before it is in ROOT"
# no SYSTEM settings left: .NET assumes WPAD, which finds no server here
assert_match "$T/err" "automatic detection \\(WPAD\\) found no server" \
    "WPAD without a server: the manual settings (none: direct)"
assert_check valid '.problem' tls_untrusted
assert_true "tls_untrusted says Windows may fetch the root on demand" \
    jq -e '.checks[0].detail | contains("automatic root update")' "$T/out"
sha1=$(openssl x509 -in "$T/pki/ca.pem" -noout -fingerprint -sha1 |
    sed 's/.*=//; s/://g')
hex="$(le32 32)$(le32 1)$(le32 "$(stat -c %s "$root_der")")$(od -An -tx1 -v \
    "$root_der" | tr -d ' \n')"
wine_reg add "HKLM\\Software\\Microsoft\\SystemCertificates\\Root\\Certificates\\$sha1" \
    /v Blob /t REG_BINARY /d "$hex" /f
nc_exec run --as-system --dns-server "$NC_IP_DNS" -p "$prof" \
    --format json --timeout 10
assert_rc 0 "the test root in LocalMachine ROOT is trusted"
assert_check valid '.status' pass
# and --ca-bundle still replaces the store
nc_exec run --as-system --dns-server "$NC_IP_DNS" -p "$prof" \
    --ca-bundle "$T/pki/self.pem" --format json --timeout 10
assert_check valid '.problem' tls_untrusted
assert_true "with --ca-bundle, no note about Windows' root update" \
    jq -e '.checks[0].detail | contains("automatic root update") | not' \
    "$T/out"

nc_done
