#!/bin/bash
# A proxy that offers Negotiate alone (lib.sh: nc_squid_negotiate, a real
# squid with a fake helper that never authenticates anyone). libcurl's
# CURLAUTH_ANY would pick Negotiate and never fall back, so netcheck's first
# attempt leaves it out and, when the 407 shows Negotiate is all the proxy
# offers, tries once more with it. Both attempts must reach the proxy (two
# requests in its log per check); the verdict is proxy_auth_failed with
# credentials, proxy_auth_required (one request, no retry) without; the
# offered scheme is listed and the password printed nowhere.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
command -v curl >/dev/null || nc_die "'curl' not installed"
nc_world
nc_squid_negotiate || nc_die "squid (Negotiate) did not start"

NEGO=http://$NC_IP_PROXY_NEGO:3128
PASS=$NC_PROXY_PASS
LOG=$T/squid-nego/access.log
AUTHLOG=$T/squid-nego/auth.log
TO=(--timeout 3 --connect-timeout 2)

https=$(nc_file https.ini <<'INI'
[profile]
name = it-nego-https
[check valid]
url = https://valid.nc.test/
INI
)
http=$(nc_file http.ini <<'INI'
[profile]
name = it-nego-http
[check ncsi]
url = http://valid.nc.test/ncsi.txt
expect_body = Microsoft NCSI
INI
)

# ---- the proxy really offers Negotiate alone (curl, independent of
# netcheck): one Proxy-Authenticate header, scheme Negotiate.
ip netns exec "$NC_NS_c" env -u https_proxy -u HTTPS_PROXY -u all_proxy \
    -u ALL_PROXY curl -s -o /dev/null -D "$T/curl.hdr" --max-time 5 \
    --proxy "$NEGO" http://valid.nc.test/ncsi.txt
assert_match "$T/curl.hdr" '^HTTP/1\.1 407' "squid's answer"
assert_match "$T/curl.hdr" '^Proxy-Authenticate: Negotiate' "squid's answer"
assert_no_match "$T/curl.hdr" '^Proxy-Authenticate: (Basic|Digest|NTLM)' \
    "squid's answer"

# ---- without credentials: proxy_auth_required, one request only
nc_log_mark "$LOG"
nc_run_env -- -p "$https" --proxy "$NEGO" --format json "${TO[@]}"
assert_rc 1
assert_valid_json
assert_check valid '.status, .problem, .via_proxy' \
    'fail proxy_auth_required true'
assert_check valid '.proxy_status' 407
assert_check valid '.proxy_auth | join(",")' Negotiate
assert_check valid '.detail | contains("Negotiate")' true
assert_log_count "$LOG" 'TCP_DENIED/407 .* CONNECT valid\.nc\.test:443 ' 1 \
    "squid log (no credentials: no retry)"
nc_run_env -- -p "$https" --proxy "$NEGO" --format text "${TO[@]}"
assert_rc 1 "text exit status"
assert_match "$T/out" proxy_auth_required "text report"

# ---- with credentials: the first attempt (Basic/Digest/NTLM) gets the
# 407, the retry with Negotiate gets it again: two requests, auth_failed.
# auth.log has one line per request with its Proxy-Authorization: the
# retry offers no Basic/Digest/NTLM credentials to a proxy that asked for
# Negotiate (with no Kerberos ticket here libcurl's Negotiate sends none,
# so on the wire the retry looks like the first attempt; which scheme the
# retry enables is not visible without a KDC).
nc_log_mark "$LOG"
auth_mark=$(wc -l <"$AUTHLOG")
nc_run_env -- -p "$https" --proxy "$NEGO" --proxy-user "agent:$PASS" \
    --format json "${TO[@]}"
assert_rc 1
assert_check valid '.status, .problem, .via_proxy' \
    'fail proxy_auth_failed true'
assert_check valid '.proxy_status' 407
assert_check valid '.proxy_auth | join(",")' Negotiate
assert_log_count "$LOG" 'TCP_DENIED/407 .* CONNECT valid\.nc\.test:443 ' 2 \
    "squid log (first attempt and the Negotiate retry)"
assert_log_count "$LOG" 'TCP_TUNNEL' 0 "squid log (no tunnel opened)"
tail -n "+$((auth_mark + 1))" "$AUTHLOG" | grep -E '^CONNECT valid\.nc\.test:443 ' \
    >"$T/auth.new"
assert_true "auth.log has the two CONNECTs" test "$(wc -l <"$T/auth.new")" = 2
tail -n 1 "$T/auth.new" >"$T/auth.retry"
assert_no_match "$T/auth.retry" 'auth=(NTLM|Basic|Digest)' \
    "the retry's Proxy-Authorization (a Negotiate attempt)"

# The same with the credentials in the environment's proxy URL, and in
# text and JUnit.
nc_log_mark "$LOG"
nc_run_env "https_proxy=http://agent:$PASS@$NC_IP_PROXY_NEGO:3128" -- \
    -p "$https" --format json "${TO[@]}"
assert_rc 1
assert_json '.proxy.source' env
assert_json ".proxy.url | contains(\"$NC_IP_PROXY_NEGO:3128\")" true
assert_check valid '.problem, .proxy_auth[0]' 'proxy_auth_failed Negotiate'
assert_log_count "$LOG" 'TCP_DENIED/407 .* CONNECT valid\.nc\.test:443 ' 2 \
    "squid log (credentials from https_proxy)"
for fmt in text junit; do
    nc_run_env -- -p "$https" --proxy "$NEGO" --proxy-user "agent:$PASS" \
        --format "$fmt" "${TO[@]}"
    assert_rc 1 "$fmt exit status"
done
assert_match "$T/out" proxy_auth_failed "junit report"

# ---- plain HTTP: the 407 is the response itself; the retry holds too
nc_log_mark "$LOG"
nc_run_env -- -p "$http" --proxy "$NEGO" --format json "${TO[@]}"
assert_rc 1
assert_check ncsi '.status, .problem, .via_proxy' \
    'fail proxy_auth_required true'
# The 407 is the proxy's own answer; the destination never answered.
assert_check ncsi '.proxy_status, .http_status' '407 null'
assert_check ncsi '.proxy_auth | join(",")' Negotiate
assert_log_count "$LOG" 'TCP_DENIED/407 .* GET http://valid\.nc\.test/ncsi\.txt' \
    1 "squid log (plain HTTP, no credentials)"
nc_log_mark "$LOG"
nc_run_env -- -p "$http" --proxy "$NEGO" --proxy-user "agent:$PASS" \
    --format json "${TO[@]}"
assert_rc 1
assert_check ncsi '.status, .problem' 'fail proxy_auth_failed'
assert_check ncsi '.proxy_auth | join(",")' Negotiate
assert_log_count "$LOG" 'TCP_DENIED/407 .* GET http://valid\.nc\.test/ncsi\.txt' \
    2 "squid log (plain HTTP: first attempt and retry)"

# ---- the password reached no output and no log of the proxy, and was
# never sent as Basic to a proxy that did not offer it.
nc_assert_secret "$PASS" "$LOG" "$AUTHLOG" "$T/squid-nego/cache.log" \
    "$T/squid-nego/helper.log"
nc_assert_secret "$(printf 'agent:%s' "$PASS" | base64 -w0)" "$AUTHLOG"
assert_no_match "$AUTHLOG" 'auth=Basic' "auth.log (Basic never sent)"

nc_done
