#!/bin/bash
# netcheck proxy --registry: a Windows server's SYSTEM proxy from `reg
# export` files (tests/unit/data/winreg: UTF-16LE with a byte-order mark,
# UTF-8, REGEDIT4), in JSON and text; input errors exit 2 naming file and
# line. Offline: no server is started, nothing is sent.
. "$(dirname "$0")/lib.sh"
nc_init "$@"

D=$(cd "$(dirname "$0")/../unit/data/winreg" && pwd)

# SYSTEM's manual proxy, its bypass list exempting blob storage, WinHTTP,
# the admin's own settings and the environment all different.
nc_exec proxy --registry "$D/system-manual.reg" --format json \
    https://login.microsoftonline.com/ https://acct.blob.core.windows.net/ \
    http://intranet/
assert_rc 0 "proxy --registry system-manual.reg"
assert_valid_json
assert_json '.agent.source' system-wininet
assert_json '.agent.via' manual
assert_json '.agent.proxy' proxy.corp.example:8080
assert_json '[.sources[] | select(.used) | .name] | join(",")' system-wininet
assert_json '.sources[] | select(.name == "agent") | .state' unknown
assert_json '.sources[] | select(.name == "winhttp") | .read_by_agent' false
assert_json '.urls[0].proxy' http://proxy.corp.example:8080
assert_json '.urls[1].proxy' null
assert_json '.urls[1].bypass_match' '*.blob.core.windows.net'
assert_json '.urls[2].bypass_match' '<local>'
assert_json '[.warnings[].code] | unique | join(",")' \
    bypass_cidr,bypass_exempts_required,environment_unused,legacy_differs,user_differs_from_system,winhttp_differs
assert_no_match "$T/out" 'S3cr3tPw' "no proxy password in the JSON"

# The same in text: the winner marked, the URL table, the traps.
nc_exec proxy --registry "$D/system-manual.reg" \
    https://acct.blob.core.windows.net/
assert_rc 0 "proxy --registry (text)"
assert_match "$T/out" '^ \* system-wininet +version=0x46' "text: winner row"
assert_match "$T/out" '^AGENT: system-wininet, manual' "text: AGENT line"
assert_match "$T/out" '^https://acct\.blob\.core\.windows\.net/ +manual +direct +\*\.blob\.core\.windows\.net' \
    "text: URL row"
assert_match "$T/out" "^- bypass entry '\*\.blob\.core\.windows\.net' sends" \
    "text: bypass trap"
assert_no_match "$T/out" 'S3cr3tPw' "no proxy password in the text"

# Files add up in order: the policy of the second moves the agent to HKLM
# and its PAC file, with the manual proxy as the PAC's fallback.
nc_exec proxy --registry "$D/system-manual.reg" --registry "$D/machine-pac.reg" \
    --format json https://a.example/ http://b.example/
assert_rc 0 "two --registry files"
assert_json '.agent.source' machine-wininet
assert_json '.agent.via' pac
assert_json '.agent.pac' http://wpad.corp.example/proxy.pac
assert_json '[.urls[].proxy] | join(",")' \
    http://p2.corp.example:80,http://p1.corp.example:80
assert_json '.sources[] | select(.name == "policy") | .sets.ProxySettingsPerUser' 0

# Only WinHTTP set (REGEDIT4 file): the agent has no settings at all.
nc_exec proxy --registry "$D/winhttp-only.reg" --format json https://a.example/
assert_rc 0 "winhttp-only.reg"
assert_json '.agent.via' wpad
assert_json '.urls[0].proxy' null
assert_json '[.warnings[].code] | join(",")' \
    no_settings_autodetect,pac_not_evaluated,legacy_differs,winhttp_not_agent

# Without URLs: the built-in profile's.
nc_exec proxy --registry "$D/system-manual.reg" --format json
assert_rc 0 "default URLs"
assert_json '.urls | length > 3' true

# Input errors: exit 2, file and line on stderr, nothing on stdout.
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_USERS\\x]\n"a"=dword:xyz\n' \
    >"$T/bad.reg"
nc_exec proxy --registry "$T/bad.reg"
assert_rc 2 "bad .reg"
assert_match "$T/err" 'bad\.reg:4: dword' "stderr names file and line"
assert_true "no report on a bad .reg" test ! -s "$T/out"
nc_exec proxy --registry "$T/missing.reg"
assert_rc 2 "missing .reg"
nc_exec proxy --registry "$D/system-manual.reg" --unit foo
assert_rc 2 "--registry with --unit"
assert_match "$T/err" 'do not apply' "--registry with --unit: why"

nc_done
