#!/bin/bash
# Every address the resolver returns (issue 13): dnsresp answers many.nc.test
# with 100 A records, 203.0.113.100 to .199. netcheck keeps and probes the
# first 64 (NC_MAX_ADDRS_PER_FAMILY), says "probed 64 of 100" in every
# format, checks each kept address against the ranges, and a range that
# misses some of them fails the check.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world

# The addresses exist in the server namespace with nothing listening on
# port 80: each connect is refused at once (RST), which shows it was tried.
for i in $(seq 100 199); do
    ip -n "$NC_NS_s" addr add "203.0.113.$i/32" dev lo || nc_die "addr .$i"
done

# 100 A records do not fit a UDP reply (512 bytes): a dnsresp of its own
# that also answers over TCP, where the full answer goes.
IP_MANY=203.0.113.55
ip -n "$NC_NS_s" addr add "$IP_MANY/32" dev lo || nc_die "addr $IP_MANY"
mkdir -p "$T/many"
nc_bg "$NC_NS_s" "$T/many/log" "$NC_DNSRESP" --tcp "$IP_MANY" 53
nc_wait_listen "$NC_NS_s" tcp "$IP_MANY" 53 "$NC_LAST_PID" ||
    nc_die "dnsresp --tcp did not start"

p=$(nc_file many.ini <<'INI'
[profile]
name = it-addrs
ranges = 203.0.113.0/24
[check many]
url = http://many.nc.test/
[check narrow]
url = http://many.nc.test/
ranges = 203.0.113.96/27
INI
)
NC_DNS=$IP_MANY nc_run -p "$p" --format json --timeout 3
assert_rc 1
assert_valid_json
assert_match "$T/many/log" '^query many\.nc\.test 1 0 tc$' \
    "dnsresp log (UDP: truncated)"
assert_match "$T/many/log" '^query many\.nc\.test 1 0 many$' \
    "dnsresp log (TCP: 100 A records sent)"
# Kept: 64 of 100, the first ones in the answer's order.
assert_check many '.addresses | length' 64
assert_check many '.addresses_total' 100
assert_check many '.addresses[0].ip, .addresses[63].ip' \
    '203.0.113.100 203.0.113.163'
assert_check many '[.addresses[].ip] | unique | length' 64
# Each kept address was probed (refused), none merely listed.
assert_check many '[.addresses[] | select(.problem == "tcp_refused")] | length' 64
assert_check many '.status, .problem' 'fail tcp_refused'
# ... and checked against the ranges, each of them.
assert_check many '[.addresses[] | select(.in_ranges == true)] | length' 64
# 203.0.113.96/27 holds .100 to .127: the 36 kept addresses past it are
# caught, each one named.
assert_check narrow '[.addresses[] | select(.in_ranges == true)] | length' 28
assert_check narrow '[.addresses[] | select(.in_ranges == false)] | length' 36
assert_check narrow '[.addresses[] | select(.in_ranges == false) | .ip][0]' \
    '203.0.113.128'
assert_check narrow '.status' 'fail'
assert_check narrow \
    '[.addresses[] | select(.problem == "address_outside_ranges")] | length > 0' \
    true
# The text report names the cap under the row and in the check's block.
NC_DNS=$IP_MANY assert_text_rc_same -p "$p" --timeout 3
assert_match "$T/out.text" '^  `- probed 64 of 100 addresses \(the first 64 of each family\)$' \
    "text report (cap note)"
assert_match "$T/out.text" 'addresses: +[0-9]+ of 64 failed \(probed 64 of 100 addresses\)' \
    "text report (addresses line)"
# JUnit says it too.
NC_DNS=$IP_MANY nc_run -p "$p" --format junit --timeout 3
assert_match "$T/out" 'probed 64 of 100 addresses' "junit report"

# A report read back keeps the count: diff of the run against itself
# finds nothing, and does not call the 36 uncounted addresses gone.
NC_DNS=$IP_MANY nc_run -p "$p" --format json --timeout 3
cp "$T/out" "$T/before.json"
ip netns exec "$NC_NS_c" "$NETCHECK" diff "$T/before.json" "$T/out" \
    >"$T/diff.out" 2>&1
NC_ASSERTS=$((NC_ASSERTS + 1))
if grep -q 'address_gone\|address gone' "$T/diff.out"; then
    nc_fail "diff of a capped run against itself names gone addresses"
else
    nc_pass "diff of a capped run against itself: no address gone"
fi

nc_done
