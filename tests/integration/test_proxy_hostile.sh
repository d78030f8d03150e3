#!/bin/bash
# Hostile proxies and servers (lib.sh: nc_hostile, hostile.c): each failure
# is blamed on the party that caused it (the proxy, or the path beyond it,
# or the destination), with its code, a detail that names that party, and
# a run that ends within the timeout. A proxy that answers CONNECT and then
# stalls, a proxy that accepts the connection and never answers, one that
# reads the request and closes without a byte, garbage
# instead of HTTP, 407 followed by a close (curl must not retry without
# end), and malformed HTTP framing (headers over curl's limit, a chunk size
# over 64 bits), from a server or from a proxy.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world
nc_hostile || nc_die "hostile did not start"

HX=$NC_IP_HOSTILE
SILENT=http://$HX:$NC_HOSTILE_SILENT
TUNNEL=http://$HX:$NC_HOSTILE_TUNNEL
GARBAGE=http://$HX:$NC_HOSTILE_GARBAGE
AUTHCLOSE=http://$HX:$NC_HOSTILE_AUTHCLOSE
BIGHDR=http://$HX:$NC_HOSTILE_BIGHDR
CHUNKOVER=http://$HX:$NC_HOSTILE_CHUNKOVER
CLOSE=http://$HX:$NC_HOSTILE_CLOSE
PASS=Hostile-Pass-Do-Not-Print
TIMEOUT_S=3
TO=(--timeout "$TIMEOUT_S" --connect-timeout 2)
# Generous: the timeout, plus start-up and the informational lookup. A run
# that retried or waited twice would exceed it.
LIMIT_MS=$((TIMEOUT_S * 1000 + 2500))

# hx_run PROXY URL [ARGS...]: one check "c" of URL through PROXY ("-":
# direct), JSON in $T/out, its detail and action in $T/detail and
# $T/action, its wall time in elapsed_ms, the lines hostile logged for it
# in $T/hostile.new.
hx_run()
{
    local px=$1 url=$2 p start mark
    local -a via=(--no-proxy)
    shift 2
    [ "$px" = - ] || via=(--proxy "$px")
    p=$(nc_file "hx$((${NC_OUT_N:-0} + 1)).ini" <<INI
[profile]
name = it-hostile
[check c]
url = $url
INI
)
    mark=$(wc -l <"$T/hostile.log")
    start=$(date +%s%N)
    nc_run_env -- -p "$p" "${via[@]}" --format json "${TO[@]}" "$@"
    elapsed_ms=$((($(date +%s%N) - start) / 1000000))
    tail -n "+$((mark + 1))" "$T/hostile.log" >"$T/hostile.new"
    jq -r '.checks[0].detail' "$T/out" >"$T/detail"
    jq -r '.checks[0].action' "$T/out" >"$T/action"
}

# hx_in_time WHAT: the last run ended within LIMIT_MS.
hx_in_time()
{
    assert_true "$1 took ${elapsed_ms} ms (limit $LIMIT_MS)" \
        test "$elapsed_ms" -lt "$LIMIT_MS"
}

# ---- 1. CONNECT answered 200, then the TLS handshake through the tunnel
# gets no answer: the proxy worked; the path beyond it is at fault.
hx_run "$TUNNEL" https://valid.nc.test/
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail timeout true'
assert_check c '.proxy_status, .http_status' '200 null'
assert_match "$T/detail" \
    "the proxy $TUNNEL accepted CONNECT valid\.nc\.test:443 \(200\)" \
    "detail: the proxy accepted the CONNECT"
assert_match "$T/detail" "TLS handshake with valid\.nc\.test .*through it" \
    "detail: the TLS handshake through the tunnel"
assert_match "$T/detail" "no answer within [0-9]+ ms" \
    "detail: no answer in time"
assert_no_match "$T/detail" "TCP connection|never tried" \
    "detail: does not call the proxy unreachable"
assert_match "$T/hostile.new" "CONNECT valid\.nc\.test:443" \
    "hostile log (the CONNECT arrived)"
hx_in_time "stalled tunnel"

# ---- 2. the proxy accepts TCP, the CONNECT is sent, no answer
hx_run "$SILENT" https://valid.nc.test/
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail timeout true'
assert_check c '.proxy_status, .http_status' 'null null'
assert_match "$T/detail" \
    "the proxy $SILENT accepted the connection but did not answer CONNECT valid\.nc\.test:443 within [0-9]+ ms" \
    "detail: connection accepted, CONNECT unanswered"
assert_no_match "$T/detail" "TCP connection|never tried" \
    "detail: does not call the proxy unreachable"
assert_match "$T/action" "$SILENT" "action names the proxy"
assert_match "$T/hostile.new" "CONNECT valid\.nc\.test:443" \
    "hostile log (the CONNECT arrived)"
hx_in_time "silent proxy (CONNECT)"

# The same silence from an https:// proxy: its TLS handshake, which comes
# first, got no answer (no CONNECT was ever sent).
hx_run "https://$HX:$NC_HOSTILE_SILENT" https://valid.nc.test/
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail proxy_tls_failed true'
assert_match "$T/detail" \
    "the HTTPS proxy https://$HX:$NC_HOSTILE_SILENT accepted the connection but did not answer the TLS handshake" \
    "detail: the proxy's TLS handshake unanswered"
assert_no_match "$T/detail" "TCP connection|CONNECT" \
    "detail: neither unreachable nor a CONNECT"
hx_in_time "silent https:// proxy"

# ---- 5. the same silent proxy for an http:// URL: the proxy never
# answered the GET; the destination was never heard from.
hx_run "$SILENT" http://valid.nc.test/ncsi.txt
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail timeout true'
assert_check c '.proxy_status, .http_status' 'null null'
assert_match "$T/detail" \
    "the proxy $SILENT accepted the connection but did not answer GET http://valid\.nc\.test/ncsi\.txt within [0-9]+ ms" \
    "detail: the proxy did not answer the GET"
assert_no_match "$T/detail" "connected to valid\.nc\.test" \
    "detail: does not blame the destination"
assert_match "$T/action" "$SILENT" "action names the proxy"
assert_match "$T/hostile.new" "GET http://valid\.nc\.test/ncsi\.txt" \
    "hostile log (the GET arrived)"
hx_in_time "silent proxy (GET)"

# ---- 3. CONNECT (or GET) answered with something that is not HTTP: a
# broken proxy, not a route.
hx_run "$GARBAGE" https://valid.nc.test/
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail proxy_invalid true'
assert_check c '.proxy_status, .http_status' 'null null'
assert_match "$T/detail" \
    "the proxy $GARBAGE answered CONNECT valid\.nc\.test:443 with something that is not valid HTTP" \
    "detail: the proxy's answer is not HTTP"
assert_no_match "$T/action" "rout" "action: not a routing fix"
assert_match "$T/action" "HTTP proxy" "action: check the proxy"
hx_in_time "garbage proxy (CONNECT)"
hx_run "$GARBAGE" http://valid.nc.test/ncsi.txt
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail proxy_invalid true'
assert_check c '.proxy_status, .http_status' 'null null'
assert_match "$T/detail" \
    "the proxy $GARBAGE answered GET http://valid\.nc\.test/ncsi\.txt with something that is not valid HTTP" \
    "detail: the proxy's answer is not HTTP"
hx_in_time "garbage proxy (GET)"
# The same garbage from a server reached directly is the server's.
hx_run - "http://$HX:$NC_HOSTILE_GARBAGE/"
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail http_invalid false'
assert_match "$T/detail" "$HX:$NC_HOSTILE_GARBAGE" "detail names the server"
hx_in_time "garbage server"

# ---- the proxy reads the request and closes without a byte: the proxy's
# failure (a proxy whose upstream failed answers 502), never the
# destination's reset.
hx_run "$CLOSE" http://valid.nc.test/ncsi.txt
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail proxy_invalid true'
assert_check c '.proxy_status, .http_status' 'null null'
assert_match "$T/detail" \
    "the connection to the proxy $CLOSE was closed or reset before it answered GET http://valid\.nc\.test/ncsi\.txt" \
    "detail: the proxy closed before answering the GET"
assert_no_match "$T/detail" "valid\.nc\.test:80 reset" \
    "detail: does not blame the destination"
assert_match "$T/action" "HTTP proxy" "action: check the proxy"
assert_match "$T/hostile.new" "GET http://valid\.nc\.test/ncsi\.txt" \
    "hostile log (the GET arrived)"
hx_in_time "closing proxy (GET)"
hx_run "$CLOSE" https://valid.nc.test/
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail proxy_invalid true'
assert_check c '.proxy_status, .http_status' 'null null'
assert_match "$T/detail" \
    "the connection to the proxy $CLOSE was closed or reset before it answered CONNECT valid\.nc\.test:443 .*valid\.nc\.test was never tried" \
    "detail: the proxy closed before answering the CONNECT"
assert_match "$T/hostile.new" "CONNECT valid\.nc\.test:443" \
    "hostile log (the CONNECT arrived)"
hx_in_time "closing proxy (CONNECT)"

# ---- 4. 407 then close, with credentials: the proxy rejected them. curl
# must not loop re-sending NTLM on fresh connections.
hx_run "$AUTHCLOSE" http://valid.nc.test/ncsi.txt \
    --proxy-user "agent:$PASS"
assert_rc 1
assert_check c '.status, .problem, .via_proxy' \
    'fail proxy_auth_failed true'
assert_check c '.proxy_status, .http_status' '407 null'
assert_check c '.proxy_auth | join(",")' 'NTLM,Basic'
assert_match "$T/detail" "the proxy $AUTHCLOSE rejected the credentials" \
    "detail names the proxy"
assert_true "at most 4 requests to the proxy (got $(grep -c . "$T/hostile.new"))" \
    test "$(grep -c 'GET http://valid' "$T/hostile.new")" -le 4
hx_in_time "407 and close (GET)"
hx_run "$AUTHCLOSE" https://valid.nc.test/ --proxy-user "agent:$PASS"
assert_rc 1
assert_check c '.status, .problem, .proxy_status' 'fail proxy_auth_failed 407'
assert_true "at most 4 CONNECTs to the proxy (got $(grep -c . "$T/hostile.new"))" \
    test "$(grep -c 'CONNECT valid' "$T/hostile.new")" -le 4
hx_in_time "407 and close (CONNECT)"
hx_run "$AUTHCLOSE" http://valid.nc.test/ncsi.txt
assert_rc 1
assert_check c '.status, .problem, .proxy_status' \
    'fail proxy_auth_required 407'
assert_true "one request without credentials" \
    test "$(grep -c 'GET http://valid' "$T/hostile.new")" = 1

# ---- 6. malformed framing: the destination's http_invalid when it sent
# it, the proxy's proxy_invalid when the proxy did.
hx_run - "http://$HX:$NC_HOSTILE_BIGHDR/"
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail http_invalid false'
assert_match "$T/detail" "$HX:$NC_HOSTILE_BIGHDR" "detail names the server"
assert_match "$T/detail" "headers" "detail: the headers"
assert_no_match "$T/detail" "reset|firewall" "detail: no firewall blamed"
hx_in_time "oversized headers (server)"
hx_run - "http://$HX:$NC_HOSTILE_CHUNKOVER/"
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail http_invalid false'
assert_match "$T/detail" "$HX:$NC_HOSTILE_CHUNKOVER" "detail names the server"
assert_match "$T/detail" "chunk" "detail: the chunked encoding"
hx_in_time "overflowing chunk size (server)"
hx_run "$BIGHDR" https://valid.nc.test/
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail proxy_invalid true'
assert_match "$T/detail" \
    "the proxy $BIGHDR answered CONNECT valid\.nc\.test:443 with .*headers" \
    "detail: the proxy's oversized CONNECT answer"
assert_no_match "$T/detail" "reset|firewall" "detail: no firewall blamed"
hx_in_time "oversized headers (CONNECT)"
hx_run "$BIGHDR" http://valid.nc.test/ncsi.txt
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail proxy_invalid true'
assert_match "$T/detail" "the proxy $BIGHDR answered GET" \
    "detail names the proxy"
hx_in_time "oversized headers (GET through the proxy)"
hx_run "$CHUNKOVER" http://valid.nc.test/ncsi.txt
assert_rc 1
assert_check c '.status, .problem, .via_proxy' 'fail proxy_invalid true'
assert_match "$T/detail" "the proxy $CHUNKOVER answered GET" \
    "detail names the proxy"
hx_in_time "overflowing chunk size (GET through the proxy)"

# ---- the text report agrees, and the password is in no output
hx_run "$TUNNEL" https://valid.nc.test/
cp "$T/out" "$T/out.json"
json_rc=$NC_RC
nc_run_env -- -p "$T/hx$NC_OUT_N.ini" --proxy "$TUNNEL" --format text \
    "${TO[@]}"
assert_rc "$json_rc" "text exit status"
nc_assert_secret "$PASS"

nc_done
