#!/bin/bash
# The reports other tools read: JSON's host and times, JUnit as Jenkins'
# xunit plugin and GitLab read it (suite named after profile and host,
# hostname, timestamp, classnames with one dot), the Prometheus textfile
# format, --only and --verbose. Every JSON, JUnit and Prometheus report
# of this test (and of every other) is also checked against its schema by
# nc_done (lib.sh: nc_validate_reports).
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world

host=$(ip netns exec "$NC_NS_c" hostname)
p=$(nc_file formats.ini <<'INI'
[profile]
name = it-formats
[check login]
url = https://valid.nc.test/
expect_body = OK
[check ncsi]
url = http://valid.nc.test/ncsi.txt
[check api.v2]
url = https://refused.nc.test/
INI
)
a=$(nc_file ns-allow.txt <<'EOF2'
https://valid.nc.test/
EOF2
)
TO=(--timeout 3 --connect-timeout 2)

# ---- JSON: who, when, which version
nc_run -p "$p" --format json "${TO[@]}"
assert_rc 1
assert_json '.schema, .netcheck_version == .version' '1 true'
assert_json '.host' "$host"
assert_json '.started_at | test("^20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$")' true
assert_json '(.finished_at | fromdateiso8601) - (.started_at | fromdateiso8601) | . >= 0 and . < 30' true
assert_json '(now - (.finished_at | fromdateiso8601)) | . > -5 and . < 60' true

# ---- JUnit: valid for the xunit schema (nc_done), named for the fleet
nc_run -p "$p" -a "$a" --format junit -o "$T/report.xml" "${TO[@]}"
assert_rc 1
assert_match "$T/report.xml" "<testsuite name=\"it-formats\\+allowlist:ns-allow\\.txt@$host\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"[0-9.]+\" hostname=\"$host\" timestamp=\"20[0-9-]+T[0-9:]+Z\">" \
    "suite name, hostname, timestamp"
assert_match "$T/report.xml" '<testsuites name="netcheck" tests="4" failures="1" errors="0" time="[0-9.]+">' \
    "no skipped on testsuites"
assert_match "$T/report.xml" '<testcase classname="netcheck\.allowlist_ns-allow_txt" name="https://valid\.nc\.test/"' \
    "allowlist classname with one dot"
assert_match "$T/report.xml" '<testcase classname="netcheck\.it-formats" name="api\.v2"' \
    "profile classname"
assert_true "JUnit valid against junit-10.xsd" \
    xmllint --noout --schema "$NC_LIBDIR/schema/junit-10.xsd" "$T/report.xml"

# ---- Prometheus (promtool checks every one in nc_done)
nc_run -p "$p" --format prometheus "${TO[@]}"
assert_rc 1
pre='netcheck_check_success\{profile="it-formats",check='
assert_match "$T/out" "^${pre}\"login\",host=\"valid\\.nc\\.test\",address=\"$NC_IP_VALID\",status=\"pass\",code=\"\",required=\"true\"\\} 1\$" \
    "login passes at its address"
assert_match "$T/out" "^${pre}\"api\\.v2\",host=\"refused\\.nc\\.test\",address=\"$NC_IP_REFUSED\",status=\"fail\",code=\"tcp_refused\",required=\"true\"\\} 0\$" \
    "api.v2 fails tcp_refused"
for ph in resolve connect tls processing transfer; do
    assert_match "$T/out" "^netcheck_phase_duration_seconds\\{profile=\"it-formats\",check=\"login\",host=\"valid\\.nc\\.test\",address=\"$NC_IP_VALID\",phase=\"$ph\"\\} [0-9]+\\.[0-9]{6}\$" \
        "login's $ph phase"
done
assert_no_match "$T/out" 'check="ncsi".*phase="tls"' "no tls phase for http"
assert_match "$T/out" '^netcheck_run_success 0$' "run_success"
assert_match "$T/out" "^netcheck_info\\{version=\"[0-9.]+\",hostname=\"$host\",profile=\"it-formats\"\\} 1\$" \
    "netcheck_info"
assert_match "$T/out" '^# TYPE netcheck_check_success gauge$' "TYPE line"
assert_true "promtool check metrics" promtool check metrics <"$T/out"

# ---- --only: glob, repeatable; one that matches nothing is exit 2
nc_run -p "$p" --only 'log*' --format json "${TO[@]}"
assert_rc 0
assert_json '[.checks[].name] | join(",")' login
assert_json '.summary.total' 1
nc_run -p "$p" --only ncsi --only 'api.*' --format json "${TO[@]}"
assert_rc 1
assert_json '[.checks[].name] | join(",")' 'ncsi,api.v2'
nc_run -p "$p" --only 'login' --only 'nope*' "${TO[@]}"
assert_rc 2
assert_match "$T/err" "^netcheck: --only 'nope\\*' matches no check of this run\$" \
    "--only names the pattern"
assert_true "--only error: nothing on stdout" test ! -s "$T/out"
nc_run -p "$p" --only $'\e[2Jx' "${TO[@]}"
assert_rc 2
assert_match "$T/err" "--only '\\\\x1b\\[2Jx' matches" "--only's pattern escaped"

# ---- --verbose: stages on stderr, stdout unchanged
nc_run -p "$p" --only login --format json "${TO[@]}"
jq -S 'del(.started_at, .finished_at, .wall_ms, .clock.skew_s,
    .checks[].timings_ms,
    .checks[].addresses[].timings_ms)' "$T/out" >"$T/plain.json"
nc_run -p "$p" --only login --format json -v "${TO[@]}"
assert_rc 0
jq -S 'del(.started_at, .finished_at, .wall_ms, .clock.skew_s,
    .checks[].timings_ms,
    .checks[].addresses[].timings_ms)' "$T/out" >"$T/verbose.json"
assert_true "-v leaves stdout as it was" diff "$T/plain.json" "$T/verbose.json"
assert_match "$T/err" '^netcheck: trace: login: https://valid\.nc\.test/ \(host valid\.nc\.test, port 443\)$' \
    "-v: the check"
assert_match "$T/err" "^netcheck: trace: login: resolver asked: $NC_IP_DNS(:53)?\$" \
    "-v: the resolver asked"
assert_match "$T/err" "^netcheck: trace: login: address $NC_IP_VALID from dns\$" \
    "-v: the address and its source"
assert_match "$T/err" "^netcheck: trace: login:   $NC_IP_VALID: connected [0-9.]+ ms, tls done [0-9.]+ ms, first byte [0-9.]+ ms, total [0-9.]+ ms\$" \
    "-v: the stages"
assert_match "$T/err" '^netcheck: trace: login: tls TLSv1\.[23] ' "-v: TLS"
assert_match "$T/err" '^netcheck: trace: login:   issuer ' "-v: the chain"
assert_match "$T/err" '^netcheck: trace: login: http status 200$' "-v: HTTP"
assert_match "$T/err" '^netcheck: trace: login: pass$' "-v: the verdict"
nc_run -p "$p" --only api.v2 -q -v "${TO[@]}"
assert_rc 1
assert_true "-q -v: nothing on stdout" test ! -s "$T/out"
assert_match "$T/err" "^netcheck: trace: api\\.v2:   $NC_IP_REFUSED: fail tcp_refused" \
    "-q -v: the trace"

nc_done
