#!/bin/bash
# Checks through real squid proxies (lib.sh: nc_squid): which proxy the
# caller's environment and the flags select, NO_PROXY, 407 with and without
# credentials, 403 from the proxy, dead proxies, plain HTTP through a
# proxy, and destinations only the proxy can resolve. The proxy password
# must never appear in any output.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
# onlyproxy.nc.test: NXDOMAIN for the client, known to squid (hosts file).
NC_VALID_NAMES="$NC_VALID_NAMES onlyproxy.nc.test"
nc_world
nc_squid "onlyproxy.nc.test=$NC_IP_VALID" || nc_die "squid did not start"

OPEN=http://$NC_IP_PROXY:3128
AUTH=http://$NC_IP_PROXY_AUTH:3128
DENY=http://$NC_IP_PROXY_DENY:3128
DEAD=http://$NC_IP_REFUSED:3128
PASS=$NC_PROXY_PASS
WRONG=Wrong-Pass-Also-Secret
TO=(--timeout 3 --connect-timeout 2)

https=$(nc_file https.ini <<'INI'
[profile]
name = it-proxy-https
[check valid]
url = https://valid.nc.test/
expect_body = OK
INI
)
two=$(nc_file two.ini <<'INI'
[profile]
name = it-proxy-two
[check valid]
url = https://valid.nc.test/
[check www]
url = https://www.nc.test/
INI
)
http=$(nc_file http.ini <<'INI'
[profile]
name = it-proxy-http
[check ncsi]
url = http://valid.nc.test/ncsi.txt
expect_body = Microsoft NCSI
INI
)
mixed=$(nc_file mixed.ini <<'INI'
[profile]
name = it-proxy-mixed
[check tls]
url = https://valid.nc.test/
[check plain]
url = http://valid.nc.test/ncsi.txt
expect_body = Microsoft NCSI
INI
)
only=$(nc_file only.ini <<'INI'
[profile]
name = it-proxy-only
[check only]
url = https://onlyproxy.nc.test/
expect_body = OK
[check onlyhttp]
url = http://onlyproxy.nc.test/ncsi.txt
expect_body = Microsoft NCSI
INI
)

# px_formats VARS... -- ARGS...: the run in json (left in $T/out), then
# text and junit with the same status.
px_formats()
{
    local rc
    nc_run_env "$@" --format json
    rc=$NC_RC
    cp "$T/out" "$T/out.json"
    nc_run_env "$@" --format text
    assert_rc "$rc" "text exit status"
    nc_run_env "$@" --format junit
    assert_rc "$rc" "junit exit status"
    nc_run_env "$@" --format prometheus
    assert_rc "$rc" "prometheus exit status"
    cp "$T/out.json" "$T/out"
    NC_RC=$rc
}

# ---- no proxy anywhere: direct, and the report says so
nc_squid_mark
nc_run_env -- -p "$https" --format json "${TO[@]}"
assert_rc 0
assert_valid_json
assert_json '.proxy.source, .proxy.url' 'none null'
assert_check valid '.status, .via_proxy, .proxy_status' 'pass false null'
assert_squid_no_log . "squid log (direct run)"

# ---- https_proxy from the caller's environment
nc_squid_mark
px_formats "https_proxy=$OPEN" -- -p "$https" "${TO[@]}"
assert_rc 0
assert_json '.proxy.source, .proxy.url' "env $OPEN"
# No credentials: identity none, saying how to give some (Linux has no
# SYSTEM account's logon).
assert_json '.proxy.identity | .kind, .name' 'none null'
assert_json '.proxy.identity.note | contains("give --proxy-user")' true
assert_check valid '.status, .problem, .via_proxy' 'pass null true'
assert_check valid '.proxy_status, .http_status' '200 200'
assert_squid_log 'TCP_TUNNEL/200 .* CONNECT valid\.nc\.test:443 ' \
    "squid log"
# CONNECT names the host, never a pinned address (proxy ACLs refuse those).
assert_squid_no_log 'CONNECT [0-9.]+:' "squid log"

# curl's variables: HTTPS_PROXY and ALL_PROXY serve https:// too;
# http_proxy serves only http://; uppercase HTTP_PROXY is ignored.
nc_run_env "HTTPS_PROXY=$OPEN" -- -p "$https" --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.source' env
assert_check valid '.via_proxy, .proxy_status' 'true 200'
nc_run_env "ALL_PROXY=$OPEN" -- -p "$https" --format json "${TO[@]}"
assert_rc 0
assert_check valid '.via_proxy, .proxy_status' 'true 200'
nc_squid_mark
nc_run_env "http_proxy=$OPEN" -- -p "$mixed" --format json "${TO[@]}"
assert_rc 0
assert_check tls '.status, .via_proxy' 'pass false'
assert_check plain '.status, .via_proxy, .http_status' 'pass true 200'
assert_squid_log 'GET http://valid\.nc\.test/ncsi\.txt' "squid log"
assert_squid_no_log CONNECT "squid log (http_proxy only)"
nc_run_env "HTTP_PROXY=$DEAD" -- -p "$http" --format json "${TO[@]}"
assert_rc 0
assert_check ncsi '.status, .via_proxy' 'pass false'

# ---- --proxy beats the environment; --no-proxy forces direct
nc_run_env "https_proxy=$DEAD" -- -p "$https" --proxy "$OPEN" \
    --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.source, .proxy.url' "flag $OPEN"
assert_check valid '.status, .via_proxy, .proxy_status' 'pass true 200'
nc_squid_mark
nc_run_env "https_proxy=$DEAD" "http_proxy=$DEAD" "ALL_PROXY=$DEAD" -- \
    -p "$mixed" --no-proxy --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.url' null
assert_json '.proxy.source == "flag" or .proxy.source == "none"' true
assert_check tls '.status, .via_proxy, .proxy_status' 'pass false null'
assert_check plain '.status, .via_proxy' 'pass false'
assert_squid_no_log . "squid log (--no-proxy)"
nc_run_env -- -p "$https" --proxy "$OPEN" --no-proxy --format json
assert_rc 2 "--proxy with --no-proxy"

# ---- NO_PROXY: the matching host goes direct, the other through the
# proxy. The proxy denies www.nc.test, so a www check that went through it
# would fail.
nc_squid_mark
nc_run_env "https_proxy=$DENY" "NO_PROXY=www.nc.test" -- -p "$two" \
    --format json "${TO[@]}"
assert_rc 0
assert_check www '.status, .via_proxy, .proxy_status' 'pass false null'
assert_check valid '.status, .via_proxy, .proxy_status' 'pass true 200'
assert_squid_log 'CONNECT valid\.nc\.test:443' "squid log"
assert_squid_no_log 'www\.nc\.test' "squid log (bypassed host)"
# each check says which proxy it took and why
assert_check www '.proxy, .proxy_reason' "null NO_PROXY entry 'www.nc.test'"
assert_check valid '.proxy, .proxy_reason' "$DENY from https_proxy"
nc_run_env "https_proxy=$DENY" "NO_PROXY=www.nc.test" -- -p "$two" \
    "${TO[@]}"
assert_rc 0 "NO_PROXY (text)"
assert_match "$T/out" "^  \`- direct: NO_PROXY entry 'www\.nc\.test'\$" \
    "text says which NO_PROXY entry sent www direct"
assert_no_match "$T/out" "from https_proxy" \
    "text says nothing more for a check through the run's proxy"
# no_proxy (lowercase wins), blanks and a leading dot: curl's grammar.
nc_run_env "https_proxy=$DENY" "no_proxy=example.invalid, .www.nc.test" \
    "NO_PROXY=valid.nc.test" -- -p "$two" --format json "${TO[@]}"
assert_rc 0
assert_check www '.status, .via_proxy' 'pass false'
assert_check valid '.status, .via_proxy' 'pass true'
assert_check www '.proxy_reason' "NO_PROXY entry '.www.nc.test'"

# ---- 407: no credentials, wrong ones, right ones (three ways)
nc_run_env -- -p "$https" --proxy "$AUTH" --format json "${TO[@]}"
assert_rc 1
assert_check valid '.status, .problem, .via_proxy' \
    'fail proxy_auth_required true'
assert_check valid '.proxy_status' 407
assert_check valid '.proxy_auth | join(",")' Basic
nc_run_env "https_proxy=$AUTH" -- -p "$https" --format json "${TO[@]}"
assert_rc 1
assert_check valid '.problem, .proxy_auth[0]' 'proxy_auth_required Basic'

px_formats -- -p "$https" --proxy "$AUTH" --proxy-user "agent:$WRONG" \
    "${TO[@]}"
assert_rc 1
assert_check valid '.status, .problem, .proxy_status' \
    'fail proxy_auth_failed 407'

nc_squid_mark
px_formats -- -p "$https" --proxy "$AUTH" --proxy-user "agent:$PASS" \
    "${TO[@]}"
assert_rc 0
assert_json '.proxy.source' flag
assert_json ".proxy.url | contains(\"$NC_IP_PROXY_AUTH:3128\")" true
assert_check valid '.status, .problem, .proxy_status' 'pass null 200'
assert_squid_log 'TCP_TUNNEL/200 .* CONNECT valid\.nc\.test:443 agent ' \
    "squid log (authenticated)"
nc_run_env -- -p "$https" --proxy "$AUTH" --proxy-user "agent:$PASS" \
    --format json -o "$T/report.json" "${TO[@]}"
assert_rc 0
nc_run_env -- -p "$https" --proxy "$AUTH" --proxy-user "agent:$PASS" \
    --format junit -o "$T/report.xml" "${TO[@]}"
assert_rc 0
nc_run_env -- -p "$https" --proxy "$AUTH" --proxy-user "agent:$PASS" \
    --format text -o "$T/report.txt" "${TO[@]}"
assert_rc 0
assert_true "-o wrote the JSON report" \
    jq -e '.checks[0].status == "pass"' "$T/report.json"

px_formats -- -p "$https" --proxy "http://agent:$PASS@$NC_IP_PROXY_AUTH:3128" \
    "${TO[@]}"
assert_rc 0
assert_json '.proxy.source' flag
assert_json ".proxy.url | contains(\"$NC_IP_PROXY_AUTH:3128\")" true
assert_check valid '.status, .proxy_status' 'pass 200'

px_formats "https_proxy=http://agent:$PASS@$NC_IP_PROXY_AUTH:3128" -- \
    -p "$https" "${TO[@]}"
assert_rc 0
assert_json '.proxy.source' env
assert_json ".proxy.url | contains(\"$NC_IP_PROXY_AUTH:3128\")" true
assert_check valid '.status, .via_proxy, .proxy_status' 'pass true 200'
assert_json '.proxy.identity | .kind, .name, .note' \
    'user agent from the proxy URL'

# Wrong credentials in the environment's URL.
nc_run_env "https_proxy=http://agent:$WRONG@$NC_IP_PROXY_AUTH:3128" -- \
    -p "$https" --format json "${TO[@]}"
assert_rc 1
assert_check valid '.problem' proxy_auth_failed

# Every check behind the proxy that asks for credentials: one shared cause,
# said once and first, naming the proxy (never a password).
nc_run_env "https_proxy=http://agent:$WRONG@$NC_IP_PROXY_AUTH:3128" -- \
    -p "$two" --format json "${TO[@]}"
assert_rc 1
assert_json '.root_causes | length' 1
assert_json '.root_causes[0] | .problem, (.checks | join(",")), .all' \
    'proxy_auth_failed valid,www true'
assert_json '.root_causes[0].detail' \
    "the proxy $AUTH rejected the credentials sent (407)"
nc_run_env -- -p "$two" --proxy "$AUTH" --format text "${TO[@]}"
assert_rc 1
one="all 2 failures share one cause: the proxy $AUTH requires authentication (407) and no credentials were sent"
assert_true "text: the shared cause is said once" \
    test "$(grep -cF "$one" "$T/out")" = 1
assert_true "text: the shared cause comes before the table" \
    test "$(grep -nF "$one" "$T/out" | cut -d: -f1)" -lt \
    "$(grep -n '^CHECK ' "$T/out" | cut -d: -f1)"
assert_no_match "$T/out" '^  detail: ' "text report (no per-check block)"

# Plain HTTP through the auth proxy: GET absolute-URI, and the 407 comes as
# the response itself. It is the proxy's answer (proxy_status), not the
# destination's, which never answered (http_status null).
nc_squid_mark
px_formats -- -p "$http" --proxy "$AUTH" "${TO[@]}"
assert_rc 1
assert_check ncsi '.status, .problem, .via_proxy' \
    'fail proxy_auth_required true'
assert_check ncsi '.proxy_auth | join(",")' Basic
assert_check ncsi '.proxy_status, .http_status' '407 null'
nc_run_env -- -p "$http" --proxy "$AUTH" --proxy-user "agent:$WRONG" \
    --format json "${TO[@]}"
assert_rc 1
assert_check ncsi '.problem' proxy_auth_failed
# The identity tried is the user's name, in the report and the detail;
# its password is nowhere (nc_assert_secret "$WRONG" "$T/identity.json" "$T/identity.txt" below).
assert_json '.proxy.identity | .kind, .name, .note' \
    'user agent from --proxy-user'
assert_check ncsi ".detail | endswith(\"; identity: user 'agent'\")" true
cp "$T/out" "$T/identity.json"
nc_run_env -- -p "$http" --proxy "$AUTH" --proxy-user "agent:$WRONG" \
    --format text "${TO[@]}"
assert_rc 1
assert_match "$T/out" \
    "^proxy: $AUTH \\(from flag\\); identity: user 'agent' \\(from --proxy-user\\)\$" \
    "text report's proxy line"
cp "$T/out" "$T/identity.txt"
nc_run_env -- -p "$http" --proxy "$AUTH" --proxy-user "agent:$PASS" \
    --format json "${TO[@]}"
assert_rc 0
# The proxy relayed the destination's answer: no status of its own.
assert_check ncsi '.status, .via_proxy, .http_status, .proxy_status' \
    'pass true 200 null'
assert_squid_log 'TCP_MISS/200 .* GET http://valid\.nc\.test/ncsi\.txt agent ' \
    "squid log (GET absolute-URI)"

# ---- 403 from the proxy for one domain; the other passes through it
px_formats -- -p "$two" --proxy "$DENY" "${TO[@]}"
assert_rc 1
assert_check www '.status, .problem, .via_proxy, .proxy_status' \
    'fail proxy_denied true 403'
assert_check www '.detail | test("squid"; "i")' true
assert_check valid '.status, .via_proxy, .proxy_status' 'pass true 200'
assert_match "$T/out.json" proxy_denied "json"
# The same refusal of a plain GET: squid's own 403 (X-Squid-Error) is the
# proxy's status; the destination never answered.
wwwhttp=$(nc_file wwwhttp.ini <<'INI'
[profile]
name = it-proxy-www-http
[check www]
url = http://www.nc.test/
INI
)
nc_run_env -- -p "$wwwhttp" --proxy "$DENY" --format json "${TO[@]}"
assert_rc 1
assert_check www '.status, .problem, .proxy_status, .http_status' \
    'fail proxy_denied 403 null'

# ---- dead proxies: proxy_unreachable, never the destination's codes
nc_run_env -- -p "$mixed" --proxy "$DEAD" --format json "${TO[@]}"
assert_rc 1
assert_check tls '.status, .problem, .via_proxy' 'fail proxy_unreachable true'
assert_check plain '.status, .problem, .via_proxy' \
    'fail proxy_unreachable true'
assert_json '.root_causes[] | .problem, (.checks | join(",")), .all' \
    'proxy_unreachable tls,plain true'
assert_json '.root_causes[0].detail | startswith("the proxy '"$DEAD"' cannot")' \
    true
# Two dead proxies, one per scheme: two causes, never merged into one.
nc_run_env "http_proxy=$DEAD" "https_proxy=http://noproxy.nc.test:3128" -- \
    -p "$mixed" --format json "${TO[@]}"
assert_rc 1
assert_json '[.checks[].problem] | join(",")' \
    'proxy_unreachable,proxy_unreachable'
assert_json '.root_causes | length' 0
start=$(date +%s%N)
nc_run_env -- -p "$https" --proxy "http://$NC_IP_BLACKHOLE:3128" \
    --format json --timeout 3 --connect-timeout 1
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
assert_rc 1
assert_check valid '.status, .problem, .via_proxy' \
    'fail proxy_unreachable true'
assert_true "blackholed proxy run took ${elapsed_ms} ms (limit 4500)" \
    test "$elapsed_ms" -lt 4500
nc_run_env -- -p "$https" --proxy http://noproxy.nc.test:3128 \
    --format json "${TO[@]}"
assert_rc 1
assert_check valid '.status, .problem' 'fail proxy_unreachable'
assert_check valid '.detail | contains("noproxy.nc.test")' true
nc_run_env "https_proxy=$DEAD" -- -p "$https" --format json "${TO[@]}"
assert_rc 1
assert_json '.proxy.source' env
assert_check valid '.problem' proxy_unreachable

# ---- the proxy resolves the destination
# The proxy by name: resolved through --dns-server, CONNECT still by name.
nc_squid_mark
nc_run_env -- -p "$https" --proxy "http://$NC_PROXY_NAMED:3128" \
    --format json "${TO[@]}"
assert_rc 0
assert_check valid '.status, .via_proxy, .proxy_status' 'pass true 200'
assert_squid_log 'CONNECT valid\.nc\.test:443' "squid log"
# A client resolver that refuses every name does not fail proxied checks.
NC_DNS=$NC_IP_DNSRESP nc_run_env -- -p "$https" --proxy "$OPEN" \
    --format json "${TO[@]}"
assert_rc 0
assert_check valid '.status, .problem, .via_proxy' 'pass null true'
# Names only the proxy knows: NXDOMAIN locally (shown first), pass through
# the proxy.
nc_run_env -- -p "$only" --format json "${TO[@]}"
assert_rc 1
assert_check only '.problem' dns_nxdomain
nc_run_env -- -p "$only" --proxy "$OPEN" --format json "${TO[@]}"
assert_rc 0
assert_check only '.status, .problem, .via_proxy' 'pass null true'
assert_check onlyhttp '.status, .problem, .via_proxy' 'pass null true'

# ---- an overloaded proxy: it accepts 3 connections, then drops every SYN.
# The 5 connects that time out are the proxy's fault, not the endpoint's.
ip netns exec "$NC_NS_s" nft -f - <<EOF || nc_die "nft"
table inet ncbusy {
    chain input {
        type filter hook input priority 0; policy accept;
        ip daddr $NC_IP_VALID tcp dport 3128 tcp flags & (syn | ack) == syn \
            limit rate over 1/minute burst 3 packets drop
    }
}
EOF
busy=$(
    printf '[profile]\nname = it-proxy-busy\n'
    for i in 1 2 3 4 5 6 7 8; do
        printf '[check c%s]\nurl = https://valid.nc.test/\n' "$i"
    done
)
busy=$(printf '%s\n' "$busy" | nc_file busy.ini)
nc_run_env -- -p "$busy" --proxy "http://$NC_PROXY_NAMED:3128" \
    --format json --timeout 3 --connect-timeout 1
assert_rc 1
assert_json '[.checks[] | select(.status == "pass")] | length' 3
assert_json '[.checks[] | select(.problem == "proxy_overloaded")] | length' 5
assert_json '[.checks[] | select(.status == "fail") | .via_proxy] | unique[]' \
    true

# ---- --verbose through the proxy: its CONNECT and status on stderr, the
# report on stdout unchanged, and no credential (nc_assert_secret below
# reads every stderr of nc_run_env)
nc_run_env -- -p "$https" --proxy "$AUTH" --proxy-user "agent:$PASS" \
    --format json -v "${TO[@]}"
assert_rc 0
assert_valid_json
assert_no_match "$T/out" 'trace' "stdout with -v"
assert_match "$T/err" "^netcheck: trace: valid: via proxy http://$NC_IP_PROXY_AUTH:3128\$" \
    "-v names the proxy"
assert_match "$T/err" '^netcheck: trace: valid: proxy answered 200 to CONNECT; it had asked for Basic$' \
    "-v gives the CONNECT status"
assert_match "$T/err" '^netcheck: trace: valid: tls TLSv1\.[23] ' "-v gives TLS"
assert_match "$T/err" '^netcheck: trace: valid: http status 200$' \
    "-v gives the HTTP status"
nc_run_env -- -p "$https" \
    --proxy "http://agent:$PASS@$NC_IP_PROXY_AUTH:3128" -v "${TO[@]}"
assert_rc 0
assert_no_match "$T/err" 'agent' "-v with credentials in the proxy URL"
nc_run_env -- -p "$https" --proxy "$AUTH" --proxy-user "agent:$WRONG" -v \
    "${TO[@]}"
assert_rc 1
assert_match "$T/err" \
    '^netcheck: trace: valid: proxy answered 407 to CONNECT; it offers Basic$' \
    "-v gives the 407 and the schemes"

# ---- the password is in no output of any run above
nc_assert_secret "$PASS" "$T/report.json" "$T/report.xml" "$T/report.txt"
nc_assert_secret "$WRONG"

nc_done
