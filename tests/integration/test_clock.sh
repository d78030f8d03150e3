#!/bin/bash
# Clock skew from the endpoints' HTTP Date headers: datesrv (datesrv.c)
# answers on three addresses with a Date five minutes ahead, then behind,
# then right. The run-level clock_skew warning must appear in JSON, text and
# JUnit, fail no check by itself, and reach the details of certificates that
# are expired or not yet valid in the same run.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world
nc_tls_world
nc_datesrv 300 80 || nc_die "datesrv +300 did not start"
nc_datesrv -300 8081 || nc_die "datesrv -300 did not start"
nc_datesrv 0 8080 || nc_die "datesrv 0 did not start"
read -r D1 D2 D3 <<<"$NC_IP_DATE"

# clock_ini PORT: three plain HTTP checks on datesrv's PORT, an expired
# certificate and one that becomes valid two minutes from now.
clock_ini()
{
    nc_file "clock$1.ini" <<INI
[profile]
name = it-clock-$1
[check d1]
url = http://$D1:$1/
[check d2]
url = http://$D2:$1/
[check d3]
url = http://$D3:$1/
[check old]
url = https://old.nc.test/
[check soon]
url = https://soon.nc.test/
INI
}

# ---- five minutes ahead: this machine's clock is 300 s behind
p=$(clock_ini 80)
nc_run_tls -p "$p" --format json --timeout 5
assert_rc 1
assert_valid_json
assert_json '.summary.total, .summary.passed, .summary.failed' '5 3 2'
# The skew alone fails nothing.
assert_check d1 '.status, .problem, .http_status' 'pass null 200'
assert_check d3 '.status, .problem' 'pass null'
# Only the three that answered over HTTP are samples.
assert_json '.clock.sources' 3
assert_json '.clock.skew_s >= 295 and .clock.skew_s <= 305' true
assert_json '.warnings | length' 1
assert_json '.warnings[0].code' clock_skew
assert_json '.warnings[0].detail | test("clock is (29[5-9]|30[0-5]) s behind 3 endpoints")' \
    true
# The expired and the not yet valid certificates name the clock.
assert_check old '.status, .problem' 'fail tls_expired'
assert_check old '.detail | contains("2021-01-01T00:00:00Z")' true
assert_check old '.detail | contains("clock")' true
assert_check old '.action | contains("clock")' true
assert_check soon '.status, .problem' 'fail tls_expired'
assert_check soon ".detail | contains(\"not valid before $NC_TLS_SOON_FROM\")" \
    true
assert_check soon '.detail | test("clock is (also )?(29[5-9]|30[0-5]) s behind 3 endpoints")' \
    true
# Each address was asked once.
for a in $NC_IP_DATE; do
    assert_true "datesrv answered $a:80 once" \
        test "$(grep -c "^answer $a:80 " "$T/datesrv.80.log")" = 1
done

nc_run_tls -p "$p" --format text --timeout 5
assert_rc 1 "text exit status"
assert_match "$T/out" '^warning: clock_skew: ' "text report"
assert_match "$T/out" 'clock is (29[5-9]|30[0-5]) s behind 3 endpoints' "text report"
nc_run_tls -p "$p" --format junit --timeout 5
assert_rc 1 "junit exit status"
assert_match "$T/out" \
    '<property name="clock_skew_s" value="(29[5-9]|30[0-5])\.[0-9]"' \
    "junit report"
assert_match "$T/out" 'warning clock_skew: ' "junit report"
# The warning fails no testcase: the two certificates do.
assert_true "junit has 2 failures" \
    test "$(grep -c '<failure' "$T/out")" = 2

# ---- five minutes behind: this machine's clock is ahead
p=$(clock_ini 8081)
nc_run_tls -p "$p" --format json --timeout 5
assert_rc 1
assert_json '.clock.sources' 3
assert_json '.clock.skew_s >= -305 and .clock.skew_s <= -295' true
assert_json '.warnings[0].code' clock_skew
assert_json '.warnings[0].detail | test("clock is (29[5-9]|30[0-5]) s ahead of 3 endpoints")' \
    true
assert_check old '.detail | contains("clock")' true

# ---- the right time: no warning, skew about 0, details unchanged
p=$(clock_ini 8080)
nc_run_tls -p "$p" --format json --timeout 5
assert_rc 1
assert_json '.clock.sources' 3
assert_json '.clock.skew_s >= -2 and .clock.skew_s <= 2' true
assert_json '.warnings' '[]'
assert_check d2 '.status' pass
assert_check old '.status, .problem' 'fail tls_expired'
assert_check old '.detail | contains("clock")' false
assert_check old '.detail | contains("2021-01-01T00:00:00Z")' true
nc_run_tls -p "$p" --format text --timeout 5
assert_rc 1 "text exit status"
assert_no_match "$T/out" clock_skew "text report"
nc_run_tls -p "$p" --format junit --timeout 5
assert_rc 1 "junit exit status"
assert_match "$T/out" '<property name="clock_skew_s" value="-?[0-2]\.[0-9]"' \
    "junit report"
assert_no_match "$T/out" 'warning clock_skew' "junit report"

# ---- the median: one endpoint five minutes ahead, two (nginx) right
median=$(nc_file median.ini <<INI
[profile]
name = it-clock-median
[check ahead]
url = http://$D1:80/
[check nginx1]
url = http://$NC_IP_VALID/ncsi.txt
[check nginx2]
url = http://$NC_IP_OUTSIDE/ncsi.txt
INI
)
nc_run_tls -p "$median" --format json --timeout 5
assert_rc 0
assert_json '.clock.sources' 3
assert_json '.clock.skew_s >= -2 and .clock.skew_s <= 2' true
assert_json '.warnings' '[]'

# ---- one source is no agreement (issue 13: one endpoint's Date of year
# 9999 raised a warning of 251,605,893,756 s)
one=$(nc_file one.ini <<INI
[profile]
name = it-clock-one
[check ahead]
url = http://$D1:80/
INI
)
nc_run_tls -p "$one" --format json --timeout 5
assert_rc 0
assert_json '.clock.sources' 1
assert_json '.clock.skew_s >= 295 and .clock.skew_s <= 305' true
assert_json '.warnings' '[]'
far=$(( 253402300000 - $(date +%s) ))
nc_datesrv "$far" 8082 || nc_die "datesrv in year 9999 did not start"
y9999=$(nc_file y9999.ini <<INI
[profile]
name = it-clock-9999
[check far1]
url = http://$D1:8082/
[check far2]
url = http://$D2:8082/
INI
)
nc_run_tls -p "$y9999" --format json --timeout 5
assert_rc 0
assert_match "$T/datesrv.8082.log" '^answer ' "datesrv in year 9999 answered"
# Not a clock reading at all: no sample, no warning.
assert_json '.clock.sources, .clock.skew_s' '0 null'
assert_json '.warnings' '[]'

# ---- no Date at all (only TLS failures): not measured
nodate=$(nc_file nodate.ini <<'INI'
[profile]
name = it-clock-nodate
[check old]
url = https://old.nc.test/
INI
)
nc_run_tls -p "$nodate" --format json --timeout 5
assert_rc 1
assert_json '.clock.sources, .clock.skew_s' '0 null'
assert_json '.warnings' '[]'
nc_run_tls -p "$nodate" --format junit --timeout 5
assert_rc 1 "junit exit status"
assert_no_match "$T/out" clock_skew "junit report"

nc_done
