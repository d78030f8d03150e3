#!/bin/bash
# Required versus optional: a failing required check fails the run (exit 1,
# status fail); a failing optional check is a warning (exit 0, status warn,
# its problem code kept). -q keeps the exit status.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world

p=$(nc_file optional.ini <<'INI'
[profile]
name = it-optional
[check ok]
url = https://valid.nc.test/
[check probe]
url = http://block.nc.test/ncsi.txt
expect_body = Microsoft NCSI
required = no
[check gone]
url = https://refused.nc.test/
required = no
INI
)
nc_run -p "$p" --format json --timeout 5
assert_rc 0 "optional failures only"
assert_valid_json
assert_json '.summary.verdict' pass
assert_json '.summary.total, .summary.passed, .summary.failed, .summary.warned' \
    '3 1 0 2'
assert_check ok '.status, .required' 'pass true'
assert_check probe '.status, .problem, .required' 'warn body_mismatch false'
assert_check gone '.status, .problem, .required' 'warn tcp_refused false'
assert_check gone '.addresses[0].status, .addresses[0].problem' \
    'fail tcp_refused'
assert_text_rc_same -p "$p" --timeout 5
assert_match "$T/out.text" 'warn' "text report"
assert_match "$T/out.text" 'body_mismatch' "text report"
# Not a TTY: no colour codes in the report, no progress line on stderr.
assert_no_match "$T/out.text" $'\e\\[' "text report (colour codes)"
assert_true "stderr is empty when not a TTY" test ! -s "$T/err"

# The same failure, required: the run fails.
p=$(nc_file required.ini <<'INI'
[profile]
name = it-required
[check ok]
url = https://valid.nc.test/
[check probe]
url = http://block.nc.test/ncsi.txt
expect_body = Microsoft NCSI
required = no
[check gone]
url = https://refused.nc.test/
required = yes
INI
)
nc_run -p "$p" --format json --timeout 5
assert_rc 1 "a required failure"
assert_json '.summary.verdict' fail
assert_json '.summary.total, .summary.passed, .summary.failed, .summary.warned' \
    '3 1 1 1'
assert_check gone '.status, .problem, .required' 'fail tcp_refused true'
assert_check probe '.status, .problem' 'warn body_mismatch'
assert_text_rc_same -p "$p" --timeout 5

# required defaults to yes.
p=$(nc_file default.ini <<'INI'
[profile]
name = it-default
[check gone2]
url = https://refused.nc.test/
INI
)
nc_run -p "$p" --format json --timeout 5
assert_rc 1 "required by default"
assert_check gone2 '.status, .required' 'fail true'

# -q: nothing on stdout, the exit status still tells.
nc_run -p "$T/required.ini" -q --timeout 5
assert_rc 1 "-q with a required failure"
assert_true "-q prints no report" test ! -s "$T/out"
nc_run -p "$T/optional.ini" -q --timeout 5
assert_rc 0 "-q with optional failures only"
assert_true "-q prints no report" test ! -s "$T/out"

# Two profiles merge: the required failure of the second fails the run.
nc_run -p "$T/optional.ini" -p "$T/default.ini" --format json --timeout 5
assert_rc 1 "merged profiles"
assert_json '.summary.total' 4
assert_json '[.profile[] | if type == "object" then .name else . end] | join(",")' \
    'it-optional,it-default'

nc_done
