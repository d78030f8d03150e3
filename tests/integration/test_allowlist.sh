#!/bin/bash
# Plain allowlists: URL, host:port, wildcard with a sample, wildcard without
# one (skip, never pass), and CIDR lines that become the ranges every
# resolved address must fall in.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world

# Everything testable, every address inside the ranges.
a=$(nc_file good.txt <<'EOF2'
# firewall change 4711
https://valid.nc.test/
www.nc.test:443

*.wild.nc.test sample=s1.wild.nc.test
203.0.113.0/24
EOF2
)
nc_run -a "$a" --format json --timeout 5
assert_rc 0 "allowlist, all reachable"
assert_valid_json
assert_json '.summary.total, .summary.passed, .summary.verdict' '3 3 pass'
assert_json '[.checks[].host] | sort | join(",")' \
    's1.wild.nc.test,valid.nc.test,www.nc.test'
assert_json '[.checks[] | select(.host == "www.nc.test") | .port] | join(",")' \
    443
assert_json '[.checks[].addresses[].in_ranges] | unique | join(",")' true
assert_text_rc_same -a "$a" --timeout 5

# Without CIDR lines there is no range rule: in_ranges is null.
grep -Ev '^[0-9.]+/[0-9]+$' "$a" >"$T/noranges.txt"
echo 'https://outside.nc.test/' >>"$T/noranges.txt"
nc_run -a "$T/noranges.txt" --format json --timeout 5
assert_rc 0 "allowlist without ranges"
assert_json '.summary.total, .summary.passed' '4 4'
assert_json '[.checks[].addresses[].in_ranges] | unique | map(tostring) | join(",")' \
    null

# A wildcard without a sample cannot be tested: skip with the reason, never
# a pass, and a required check that did not run fails the run.
cat "$a" >"$T/nosample.txt"
echo '*.nosample.nc.test' >>"$T/nosample.txt"
nc_run -a "$T/nosample.txt" --format json --timeout 5
assert_rc 1 "wildcard without sample"
assert_json '.summary.total, .summary.passed, .summary.skipped' '4 3 1'
assert_json '.summary.verdict' fail
assert_json '[.checks[] | select(.status == "skip") | .detail] | length' 1
assert_json '[.checks[] | select(.status == "skip") | .detail | test("sample=HOST")] | join(",")' \
    true
assert_json '[.checks[] | select(.status == "skip") | .addresses | length] | join(",")' \
    0
assert_json '[.checks[] | select(.status == "pass") | .host | select(test("nosample"))] | length' \
    0
assert_text_rc_same -a "$T/nosample.txt" --timeout 5

# CIDR lines: a resolved address outside them fails the check, per address.
a=$(nc_file ranges.txt <<'EOF2'
https://valid.nc.test/
https://outside.nc.test/
https://two.nc.test/
203.0.113.0/24
EOF2
)
nc_run -a "$a" --format json --timeout 5
assert_rc 1 "address outside the ranges"
assert_json '.summary.total, .summary.passed, .summary.failed' '3 1 2'
assert_json '.checks[] | select(.host == "valid.nc.test") | .status' pass
assert_json '.checks[] | select(.host == "outside.nc.test") | .status, .problem' \
    'fail address_outside_ranges'
assert_json '.checks[] | select(.host == "outside.nc.test") | .addresses[0] | .ip, .in_ranges, .problem' \
    "$NC_IP_OUTSIDE false address_outside_ranges"
# two.nc.test has one address inside and one outside: the check fails and
# the addresses say which.
assert_json '.checks[] | select(.host == "two.nc.test") | .status, .problem' \
    'fail address_outside_ranges'
assert_json '.checks[] | select(.host == "two.nc.test") | [.addresses[] | .ip + "=" + (.in_ranges | tostring) + "/" + .status] | sort | join(",")' \
    "$NC_IP_OUTSIDE=false/fail,$NC_IP_VALID=true/pass"
assert_text_rc_same -a "$a" --timeout 5
assert_match "$T/out.text" 'address_outside_ranges' "text report"

# An allowlist and a profile together: checks merge.
p=$(nc_file extra.ini <<'INI'
[profile]
name = it-extra
[check extra]
url = https://valid.nc.test/
INI
)
nc_run -a "$T/noranges.txt" -p "$p" --format json --timeout 5
assert_rc 0 "allowlist plus profile"
assert_json '.summary.total, .summary.passed' '5 5'

nc_done
