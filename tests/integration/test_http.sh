#!/bin/bash
# HTTP outcomes: expected body, block page, expected status ranges, a server
# that never answers, and long values read from a profile.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world

long=$(printf 'a%.0s' $(seq 1 4000))
big=${NC_BIG_BODY%END1}
p=$(nc_file http.ini <<INI
[profile]
name = it-http
title = integration: http
[check ncsi]
url = http://valid.nc.test/ncsi.txt
expect_body = Microsoft NCSI
[check blockpage]
url = http://block.nc.test/ncsi.txt
expect_body = Microsoft NCSI
[check status503]
url = http://valid.nc.test/503
expect_status = 200-299
[check any503]
url = http://valid.nc.test/503
[check forbidden_ok]
url = http://valid.nc.test/403
expect_status = 200-499
[check forbidden_bad]
url = http://valid.nc.test/403
expect_status = 200-399
[check httpsbody]
url = https://valid.nc.test/
expect_body = OK
[check slow]
url = http://slow.nc.test/slow
[check long]
url = http://valid.nc.test/$long
expect_body = OK
[check bigok]
url = http://valid.nc.test/big
expect_body = ${big}END1
[check bigbad]
url = http://valid.nc.test/big
expect_body = ${big}END2
INI
)
start=$(date +%s%N)
nc_run -p "$p" --format json --timeout 2 --connect-timeout 1
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
assert_rc 1
assert_valid_json
assert_json '.summary.total, .summary.passed, .summary.failed' '11 6 5'
assert_check ncsi '.status, .problem, .http_status' 'pass null 200'
assert_check blockpage '.status, .problem, .http_status' \
    'fail body_mismatch 200'
assert_check blockpage '.addresses[0].ip, .addresses[0].problem' \
    "$NC_IP_BLOCK body_mismatch"
assert_check status503 '.status, .problem, .http_status' 'fail http_status 503'
assert_check any503 '.status, .problem, .http_status' 'pass null 503'
assert_check forbidden_ok '.status, .http_status' 'pass 403'
assert_check forbidden_bad '.status, .problem, .http_status' \
    'fail http_status 403'
assert_check httpsbody '.status, .port' 'pass 443'
# Connected, request sent, no response before --timeout: "timeout".
assert_check slow '.status, .problem' 'fail timeout'
assert_check slow '.addresses[0].ip' "$NC_IP_VALID"
# Long lines arrive whole (Debian's libinih truncates at 200 bytes unless
# told otherwise): a 4,000-character path, and 10,004-character bodies that
# differ only in their last byte, so a truncated value would match both.
assert_check long '.status' pass
assert_check long ".url | endswith(\"/$long\")" true
assert_check bigok '.status, .problem' 'pass null'
assert_check bigbad '.status, .problem' 'fail body_mismatch'
assert_true "run took ${elapsed_ms} ms (limit 5000)" \
    test "$elapsed_ms" -lt 5000
assert_text_rc_same -p "$p" --timeout 2 --connect-timeout 1
assert_match "$T/out.text" 'body_mismatch' "text report"
assert_match "$T/out.text" 'http_status' "text report"

# -o FILE writes the report there; the exit status is unchanged.
nc_run -p "$p" --format json --timeout 2 --connect-timeout 1 \
    -o "$T/report.json"
assert_rc 1
assert_true "-o wrote JSON" jq -e '.summary.total == 11' "$T/report.json"

# JUnit: one testcase per check, failures carry their code.
nc_run -p "$p" --format junit --timeout 2 --connect-timeout 1
assert_rc 1
assert_true "junit has 11 testcases" \
    test "$(grep -o '<testcase' "$T/out" | wc -l)" = 11
assert_true "junit has 5 failures" \
    test "$(grep -o '<failure' "$T/out" | wc -l)" = 5
assert_match "$T/out" '<failure[^>]*body_mismatch' "junit"
assert_match "$T/out" '<failure[^>]*http_status' "junit"

nc_done
