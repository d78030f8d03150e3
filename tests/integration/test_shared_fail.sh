#!/bin/bash
# One shared failure must not cost N x timeout. A resolver that answers
# nothing, or a proxy that answers nothing, is taken as down once several
# requests to it went unanswered: the checks still waiting for it fail at
# once with its cause, and say they were not tried on their own. One
# answer of any kind and it is never taken as down. A slow-loris server
# (accepts, trickles bytes) costs each check its timeout, not more.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world
nc_hostile || nc_die "hostile did not start"

# gen_profile FILE N URL_FORMAT: N checks c1..cN, URL_FORMAT's %d the index.
gen_profile()
{
    local i
    {
        printf '[profile]\nname = it-shared\n'
        for ((i = 1; i <= $2; i++)); do
            # shellcheck disable=SC2059 # the format is the argument
            printf "[check c%d]\nurl = $3\n" "$i" "$i"
        done
    } >"$T/$1"
    printf '%s\n' "$T/$1"
}

# timed NAME ARGS...: nc_run, its wall time in elapsed_ms.
timed()
{
    local start
    start=$(date +%s%N)
    nc_run "$@"
    elapsed_ms=$((($(date +%s%N) - start) / 1000000))
}

# ---- 1. a silent resolver, 200 names, 16 lookups in flight at --timeout
# 2: 13 rounds of the timeout (26 s) without the shared-failure rule.
N=200
p=$(gen_profile silent.ini "$N" 'https://timeout.n%d.nc.test/')
mark=$(wc -l <"$T/dnsresp/log")
NC_DNS=$NC_IP_DNSRESP timed -p "$p" --format json --timeout 2 \
    --connect-timeout 2 --parallel 16
assert_rc 1
assert_valid_json
assert_json '.summary.total, .summary.failed' "$N $N"
assert_json '[.checks[] | select(.problem != "dns_timeout")] | length' 0
assert_true "silent resolver, $N names, took ${elapsed_ms} ms (limit 5000; 2 x T = 4000)" \
    test "$elapsed_ms" -lt 5000
# Most were never asked, and say so, naming the resolver and what it did.
fast=$(jq '[.checks[] | select(.detail | startswith("not asked on its own"))] | length' "$T/out")
assert_true "names not asked on their own: $fast of $N (want >= 150)" \
    test "$fast" -ge 150
assert_json "[.checks[] | select(.detail | startswith(\"not asked on its own: the resolver $NC_IP_DNSRESP:53 answered none of the \"))] | length" "$fast"
assert_json '[.checks[] | select(.detail | test("answered none of the [0-9]+ lookups sent to it \\([0-9]+ got no answer within [0-9]+ ms\\)"))] | length' "$fast"
# The ones asked said it the ordinary way.
assert_json '[.checks[] | select(.detail | startswith("no DNS answer for"))] | length' \
    "$((N - fast))"
# Only those were sent: the rest never reached the resolver.
asked=$(tail -n "+$((mark + 1))" "$T/dnsresp/log" |
    grep -E '^query timeout\.n[0-9]+\.nc\.test 1 drop$' | awk '{print $2}' |
    sort -u | wc -l)
assert_true "names the resolver saw: $asked (want $((N - fast)))" \
    test "$asked" = "$((N - fast))"
assert_json '.root_causes[0] | .problem, .all' 'dns_timeout true'
assert_json '.root_causes[0].detail' \
    "the resolver $NC_IP_DNSRESP:53 did not answer in time for $N names"

# ---- 1b. a resolver that answers every query only with replies that
# match none (the query's ID then bytes that are not DNS): c-ares drops
# them and each lookup waits its whole time, as with a silent one. Such
# replies are no answer: the resolver is taken as down the same way, and
# the names not asked are dns_invalid like the ones asked.
p=$(gen_profile garbled.ini "$N" 'https://garbage.n%d.nc.test/')
mark=$(wc -l <"$T/dnsresp/log")
NC_DNS=$NC_IP_DNSRESP timed -p "$p" --format json --timeout 2 \
    --connect-timeout 2 --parallel 16
assert_rc 1
assert_valid_json
assert_json '.summary.total, .summary.failed' "$N $N"
assert_json '[.checks[] | select(.problem != "dns_invalid")] | length' 0
assert_true "garbling resolver, $N names, took ${elapsed_ms} ms (limit 5000; 2 x T = 4000)" \
    test "$elapsed_ms" -lt 5000
fast=$(jq '[.checks[] | select(.detail | startswith("not asked on its own"))] | length' "$T/out")
assert_true "names not asked on their own: $fast of $N (want >= 150)" \
    test "$fast" -ge 150
assert_json "[.checks[] | select(.detail | test(\"^not asked on its own: the resolver $NC_IP_DNSRESP:53 answered none of the [0-9]+ lookups sent to it \\\\([0-9]+ got only replies that match no query, which a client must drop, within [0-9]+ ms\\\\)\"))] | length" "$fast"
assert_json '[.checks[] | select(.detail | contains("only with") and contains("not DNS messages"))] | length' \
    "$((N - fast))"
asked=$(tail -n "+$((mark + 1))" "$T/dnsresp/log" |
    grep -E '^query garbage\.n[0-9]+\.nc\.test 1 garbage$' | awk '{print $2}' |
    sort -u | wc -l)
assert_true "names the resolver saw: $asked (want $((N - fast)))" \
    test "$asked" = "$((N - fast))"
assert_json '.root_causes[0] | .problem, .all' 'dns_invalid true'

# ---- 2. one answer (REFUSED) and the resolver is alive: every silent name
# is asked and waited for, never failed by association.
{
    printf '[profile]\nname = it-alive\n[check refused]\nurl = https://refused.nc.test/\n'
    for i in 1 2 3 4 5 6 7 8; do
        printf '[check t%d]\nurl = https://timeout.a%d.nc.test/\n' "$i" "$i"
    done
} >"$T/alive.ini"
mark=$(wc -l <"$T/dnsresp/log")
NC_DNS=$NC_IP_DNSRESP timed -p "$T/alive.ini" --format json --timeout 1 \
    --connect-timeout 1 --parallel 4
assert_rc 1
assert_check refused '.problem' dns_refused
assert_json '[.checks[] | select(.problem == "dns_timeout")] | length' 8
assert_json '[.checks[] | select(.detail | contains("not asked"))] | length' 0
asked=$(tail -n "+$((mark + 1))" "$T/dnsresp/log" |
    grep -cE '^query timeout\.a[0-9]\.nc\.test 1 drop$' || true)
assert_true "every silent name was asked ($asked A queries, want >= 8)" \
    test "$asked" -ge 8

# ---- 3. a proxy that takes the connection and never answers, 40 checks,
# 8 in flight at --timeout 2: 5 rounds (10 s) without the rule.
N=40
p=$(gen_profile proxy.ini "$N" 'https://p%d.nc.test/')
SILENT=http://$NC_IP_HOSTILE:$NC_HOSTILE_SILENT
mark=$(wc -l <"$T/hostile.log")
timed -p "$p" --proxy "$SILENT" --format json --timeout 2 \
    --connect-timeout 2 --parallel 8
assert_rc 1
assert_json '.summary.total, .summary.failed' "$N $N"
# One code for all: the one the proxy's silent checks got.
assert_json '[.checks[].problem] | unique | join(",")' timeout
assert_json '[.checks[] | select(.via_proxy != true)] | length' 0
assert_true "silent proxy, $N checks, took ${elapsed_ms} ms (limit 5000; 2 x T = 4000)" \
    test "$elapsed_ms" -lt 5000
fast=$(jq '[.checks[] | select(.detail | startswith("not tried on its own"))] | length' "$T/out")
assert_true "checks not tried on their own: $fast of $N (want >= 28)" \
    test "$fast" -ge 28
assert_json "[.checks[] | select(.detail | startswith(\"not tried on its own: the proxy $SILENT answered none of the \"))] | length" "$fast"
assert_json '[.checks[] | select(.detail | contains("accepted the connection but did not answer CONNECT"))] | length' \
    "$((N - fast))"
sent=$(tail -n "+$((mark + 1))" "$T/hostile.log" | grep -c "request $NC_IP_HOSTILE:$NC_HOSTILE_SILENT CONNECT" || true)
assert_true "CONNECTs the proxy saw: $sent (want $((N - fast)))" \
    test "$sent" = "$((N - fast))"

# ---- 4. slow-loris: 300 checks to a server that accepts and trickles a
# header byte every 200 ms. Each is cut at its timeout, the run within
# 2 x T.
N=300
p=$(gen_profile loris.ini "$N" "http://$NC_IP_HOSTILE:$NC_HOSTILE_TRICKLE/%d")
timed -p "$p" --format json --timeout 2 --connect-timeout 2
assert_rc 1
assert_json '.summary.total, .summary.failed' "$N $N"
assert_json '[.checks[].problem] | unique | join(",")' timeout
assert_json '[.checks[] | select(.timings_ms.total > 2600)] | length' 0
assert_true "slow-loris, $N checks, took ${elapsed_ms} ms (limit 5000; 2 x T = 4000)" \
    test "$elapsed_ms" -lt 5000

nc_done
