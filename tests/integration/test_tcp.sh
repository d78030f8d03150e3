#!/bin/bash
# TCP outcomes: refused port, blackholed address (nftables DROP),
# unreachable route, and a name with two addresses of which one refuses.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world

p=$(nc_file tcp.ini <<'INI'
[profile]
name = it-tcp
[check ok]
url = https://valid.nc.test/
[check refused]
url = https://refused.nc.test/
[check blackhole]
url = https://blackhole.nc.test/
[check unreach]
url = https://unreach.nc.test/
[check half]
url = https://half.nc.test/
INI
)
start=$(date +%s%N)
nc_run -p "$p" --format json --timeout 2 --connect-timeout 1
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
assert_rc 1
assert_valid_json
assert_json '.summary.total, .summary.passed, .summary.failed' '5 1 4'
assert_json '.summary.verdict' fail
assert_check ok '.status, .problem' 'pass null'
assert_check refused '.status, .problem' 'fail tcp_refused'
assert_check refused '[.addresses[] | .ip, .status, .problem] | join(" ")' \
    "$NC_IP_REFUSED fail tcp_refused"
assert_check blackhole '.status, .problem' 'fail tcp_timeout'
assert_check blackhole '.addresses[0].problem' tcp_timeout
assert_check unreach '.status, .problem' 'fail tcp_unreachable'
assert_check unreach '.addresses[0].ip' "$NC_IP_UNREACH"
# Every address of a name is probed: one of two refusing fails the check,
# and the addresses say which one.
assert_check half '.status, .problem' 'fail tcp_refused'
assert_check half '.addresses | length' 2
assert_check half \
    '[.addresses[] | .ip + "=" + .status + "/" + (.problem // "-")] | sort | join(",")' \
    "$NC_IP_VALID=pass/-,$NC_IP_REFUSED=fail/tcp_refused"
assert_check half '.detail | test("1 of 2 addresses failed")' true
# Blackholed connects are bounded by --connect-timeout, and all checks run
# concurrently: the run takes about one connect timeout, not the sum.
assert_true "run took ${elapsed_ms} ms (limit 4000)" \
    test "$elapsed_ms" -lt 4000
assert_text_rc_same -p "$p" --timeout 2 --connect-timeout 1
assert_match "$T/out.text" 'tcp_refused' "text report"
assert_match "$T/out.text" 'tcp_timeout' "text report"
assert_match "$T/out.text" 'tcp_unreachable' "text report"

# A check waiting for a free slot must not time out. With --parallel 2,
# six blackholed checks (1 s connect timeout each) hold both slots for
# about 3 s, longer than --timeout 2, before the healthy checks queued
# behind them can start; those must still pass.
{
    echo '[profile]'
    echo 'name = it-queue'
    for i in $(seq 1 6); do
        echo "[check bh$i]"
        echo 'url = https://blackhole.nc.test/'
    done
    for i in $(seq 1 4); do
        echo "[check healthy$i]"
        echo 'url = https://valid.nc.test/'
    done
} >"$T/queue.ini"
nc_run -p "$T/queue.ini" --format json --timeout 2 --connect-timeout 1 \
    --parallel 2
assert_rc 1
assert_json '.summary.total, .summary.passed, .summary.failed' '10 4 6'
assert_json '[.checks[] | select(.name | startswith("healthy")) | .status] | unique | join(",")' \
    pass
assert_json '[.checks[] | select(.name | startswith("bh")) | .problem] | unique | join(",")' \
    tcp_timeout

# ---- the open-file limit (issue 13): 300 checks under a hard limit of 256
# descriptors. --parallel is fitted to the limit, so every check runs and
# passes; before, the sockets past the limit failed as network problems.
{
    echo '[profile]'
    echo 'name = it-nofile'
    for i in $(seq 1 300); do
        echo "[check n$i]"
        echo "url = https://valid.nc.test/?n=$i"
    done
} >"$T/nofile.ini"
printf '#!/bin/sh\nexec prlimit --nofile=%s -- "%s" "$@"\n' '256:256' \
    "$NETCHECK" >"$T/nc-256"
chmod +x "$T/nc-256"
orig=$NETCHECK
NETCHECK=$T/nc-256
nc_run -p "$T/nofile.ini" --format json --timeout 5
NETCHECK=$orig
assert_rc 0 "300 checks under 256 descriptors"
assert_json '.summary.total, .summary.passed' '300 300'
assert_match "$T/err" 'warning: --parallel 1024 lowered to 128: the open-file limit is 256' \
    "the fitted --parallel is said"

# ---- limits too small for even the run's own descriptors: a socket that
# cannot be opened (a connect's, or the resolver's, which c-ares would
# call an unreachable server) is this process's limit, never the
# network's. Every limit from 6 up (below that the loader itself fails)
# gives either a clean run or exit 3 saying so, never a network failure
# (exit 1). From 12 up, --parallel is fitted below the limit (the run
# holds about 9 descriptors itself).
{
    echo '[profile]'
    echo 'name = it-nofile-low'
    for i in $(seq 1 8); do
        echo "[check n$i]"
        echo "url = https://valid.nc.test/?n=$i"
    done
} >"$T/low.ini"
for n in 6 7 8 9 10 11 12 13 14 16; do
    printf '#!/bin/sh\nexec prlimit --nofile=%s -- "%s" "$@"\n' "$n:$n" \
        "$orig" >"$T/nc-low"
    chmod +x "$T/nc-low"
    NETCHECK=$T/nc-low
    nc_run -p "$T/low.ini" --format json --timeout 5
    NETCHECK=$orig
    case $NC_RC in
    0)
        assert_json '.summary.passed' 8
        ;;
    3)
        assert_match "$T/err" 'out of file descriptors with up to [0-9]+ checks? in flight' \
            "limit $n: exit 3 says why"
        assert_true "limit $n: no report on exit 3" test ! -s "$T/out"
        ;;
    *)
        assert_true "limit $n: exit $NC_RC (want 0 or 3, never a network failure)" false
        ;;
    esac
    if [ "$n" -ge 12 ]; then
        assert_true "limit $n: fitted --parallel runs clean (exit $NC_RC)" \
            test "$NC_RC" = 0
    fi
done

nc_done
