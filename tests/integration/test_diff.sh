#!/bin/bash
# netcheck diff and run --baseline: the same profile run twice against the
# test servers, with one server's firewall changed in between (an nftables
# drop added in the server namespace for outside.nc.test:443). The diff
# must name that one regression, its code (tcp_timeout) and exit 1, in
# every format and in one step with run --baseline; a check that failed
# before and still fails is no regression; bad input exits 2.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world

p=$(nc_file diff.ini <<'INI'
[profile]
name = it-diff
[check login]
url = https://valid.nc.test/
[check storage]
url = https://outside.nc.test/
[check legacy]
url = https://refused.nc.test/
INI
)
opts=(--timeout 2 --connect-timeout 1)

# BEFORE: storage passes, legacy is refused (it stays so).
nc_run -p "$p" "${opts[@]}" --format json -o "$T/before.json"
assert_rc 1 "before: legacy fails"
cp "$T/before.json" "$T/out"
assert_check storage '.status' pass
assert_check legacy '.problem' tcp_refused

# The change: a firewall rule on the server drops storage's HTTPS.
ip netns exec "$NC_NS_s" nft -f - <<EOF || nc_die "nft"
table inet ncdiff {
    chain input {
        type filter hook input priority 0; policy accept;
        ip daddr $NC_IP_OUTSIDE tcp dport 443 drop
    }
}
EOF

nc_run -p "$p" "${opts[@]}" --format json -o "$T/after.json"
assert_rc 1 "after"
cp "$T/after.json" "$T/out"
assert_check storage '.status, .problem' 'fail tcp_timeout'

# diff BEFORE AFTER: one regression, its code, exit 1.
nc_exec diff --format json "$T/before.json" "$T/after.json"
assert_rc 1 "diff with a regression"
assert_json '.diff_schema' 1
assert_json '.summary.regressions, .summary.matched, .summary.still_failing' \
    '1 3 1'
assert_json '.summary.verdict' regression
assert_json '[.changes[] | select(.regression) | .kind, .check, .before, .after, .after_problem] | join(" ")' \
    'newly_failing storage pass fail tcp_timeout'
assert_json '.changes[0].detail | test("198.51.100.80")' true
assert_json '[.changes[] | select(.check == "legacy")] | length' 0
assert_true "nothing but the report on stderr" test ! -s "$T/err"

nc_exec diff "$T/before.json" "$T/after.json"
assert_rc 1 "diff, text"
cp "$T/out" "$T/diff.text"
assert_match "$T/out" '^REGRESSIONS \(1\)$'
assert_match "$T/out" '^  storage: newly_failing: now fail tcp_timeout, was pass$'
assert_match "$T/out" '^verdict: REGRESSION - 1 regression, 0 other changes$'
assert_match "$T/out" '1 still failing as before'

nc_exec diff --format junit "$T/before.json" "$T/after.json"
assert_rc 1 "diff, junit"
assert_match "$T/out" 'failures="1"'
assert_match "$T/out" '<failure type="tcp_timeout" message="newly_failing: now fail tcp_timeout, was pass">'

# -o writes the diff to a file, -q says nothing: the status still says it.
nc_exec diff -o "$T/diff.json" --format json "$T/before.json" "$T/after.json"
assert_rc 1 "diff -o"
assert_true "nothing on stdout with -o" test ! -s "$T/out"
assert_true "-o holds the diff" jq -e '.summary.regressions == 1' "$T/diff.json"
nc_exec diff -q "$T/before.json" "$T/after.json"
assert_rc 1 "diff -q"
assert_true "nothing on stdout with -q" test ! -s "$T/out"

# Either report may come on standard input.
nc_exec_stdin "$T/after.json" diff --format json "$T/before.json" -
assert_rc 1 "diff with AFTER on stdin"
assert_json '.after.file, .summary.regressions' '<stdin> 1'

# The other way round the change is a fix, and no regression.
nc_exec diff --format json "$T/after.json" "$T/before.json"
assert_rc 0 "reverse diff"
assert_json '[.changes[] | .kind + ":" + .check] | join(" ")' 'fixed:storage'

# run --baseline: run and compare in one step; --save keeps the run's
# own report for the next change window.
nc_run -p "$p" "${opts[@]}" --baseline "$T/before.json" --format json \
    --save "$T/saved.json"
assert_rc 1 "run --baseline"
assert_json '.after.file' 'this run'
assert_json '[.changes[] | select(.regression) | .check + " " + .after_problem] | join(",")' \
    'storage tcp_timeout'
assert_true "--save wrote a schema 1 report" \
    jq -e '.schema == 1 and (.checks[] | select(.name == "storage") | .problem == "tcp_timeout")' \
    "$T/saved.json"
nc_run -p "$p" "${opts[@]}" --baseline "$T/before.json"
assert_rc 1 "run --baseline, text"
cp "$T/out" "$T/baseline.text"
assert_match "$T/out" '^diff: .*before\.json -> this run$'
assert_match "$T/out" '^  storage: newly_failing: now fail tcp_timeout, was pass$'

# Rule removed: the same run against the same baseline has no regression.
ip netns exec "$NC_NS_s" nft delete table inet ncdiff || nc_die "nft delete"
nc_run -p "$p" "${opts[@]}" --baseline "$T/before.json"
assert_rc 0 "run --baseline after the rule is gone"
assert_match "$T/out" '^no changes$'
assert_match "$T/out" '^verdict: NO REGRESSION - 0 regressions, 0 other changes$'

# Input errors: exit 2, the file named (with line and column for bad
# JSON), nothing on stdout; a bad baseline stops run before any check.
printf '{"schema": 1,\n "checks": [}\n' >"$T/bad.json"
nc_exec diff "$T/before.json" "$T/bad.json"
assert_rc 2 "invalid JSON"
assert_match "$T/err" "^netcheck: $T/bad.json:2:13: invalid JSON"
assert_true "nothing on stdout" test ! -s "$T/out"
nc_exec diff "$T/before.json" "$T/missing.json"
assert_rc 2 "missing file"
assert_match "$T/err" "missing.json: cannot open"
nc_exec diff "$T/before.json"
assert_rc 2 "one report"
printf '{"schema": 2, "checks": []}\n' >"$T/v2.json"
nc_exec diff "$T/v2.json" "$T/after.json"
assert_rc 2 "schema 2"
assert_match "$T/err" "v2.json: schema: want 1"
start=$(date +%s%N)
nc_run -p "$p" "${opts[@]}" --baseline "$T/bad.json"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
assert_rc 2 "run --baseline with a bad baseline"
assert_match "$T/err" "bad.json:2:13: invalid JSON"
assert_true "no check ran (${elapsed_ms} ms)" test "$elapsed_ms" -lt 1000

# Reports of different profiles: said on stderr, compared as far as names
# match, exit 2.
p2=$(nc_file other.ini <<'INI'
[profile]
name = it-diff-other
[check storage]
url = https://outside.nc.test/
INI
)
nc_run -p "$p2" "${opts[@]}" --format json -o "$T/other.json"
nc_exec diff --format json "$T/after.json" "$T/other.json"
assert_rc 2 "different profiles"
assert_match "$T/err" "reports of different profiles: only checks of the same name were compared"
assert_json '.summary.profile_mismatch' true
assert_json '[.changes[] | .kind + ":" + (.check // "-")] | join(" ")' \
    'profile_changed:- fixed:storage check_removed:login check_removed:legacy'

nc_done
