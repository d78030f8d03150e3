#!/bin/bash
# DNS outcomes: answers, CNAME, NXDOMAIN and no-data from dnsmasq; SERVFAIL,
# REFUSED, NXDOMAIN and no answer from dnsresp; --dns-server IP:PORT;
# failover between resolvers; sinkhole answers; a name whose AAAA query
# fails while its A answers; an IPv6 address on a host without IPv6.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world

p=$(nc_file dns.ini <<'INI'
[profile]
name = it-dns
title = integration: dnsmasq answers
[check ok]
url = https://valid.nc.test/
[check alias]
url = https://alias.nc.test/
[check nx]
url = https://nx.nc.test/
[check nodata]
url = https://nodata.nc.test/
INI
)
nc_run -p "$p" --format json --timeout 5
assert_rc 1
assert_valid_json
assert_json '.summary.total, .summary.passed, .summary.failed' '4 2 2'
assert_json '.summary.verdict' fail
assert_json '[.checks[].name] | sort | join(",")' 'alias,nodata,nx,ok'
assert_check ok '.status, .problem' 'pass null'
assert_check ok '.host, .port' 'valid.nc.test 443'
assert_check ok '[.addresses[] | .ip + "=" + .status] | join(",")' \
    "$NC_IP_VALID=pass"
assert_check alias '.status' pass
assert_check alias '[.addresses[].ip] | join(",")' "$NC_IP_VALID"
# The CNAME chain keeps both ends: the alias and the name it points to.
assert_check alias '.cnames | join(",")' 'alias.nc.test,valid.nc.test'
assert_check ok '.cnames | length' 0
assert_check nx '.status, .problem' 'fail dns_nxdomain'
assert_check nx '.addresses | length' 0
assert_check nx '.detail | length > 0' true
assert_check nx '.action | length > 0' true
assert_check nodata '.status, .problem' 'fail dns_nodata'
assert_check nodata '.addresses | length' 0
assert_text_rc_same -p "$p" --timeout 5
assert_match "$T/out.text" 'dns_nxdomain' "text report"
assert_match "$T/out.text" 'dns_nodata' "text report"
# Two names failed two ways, and another name resolved: no shared cause.
assert_json '.root_causes | length' 0
assert_no_match "$T/out.text" 'share one cause' "text report"

# Every name NXDOMAIN from the one resolver (a broken forwarder, a split
# horizon that shadows the public zone): said once, first, with one action.
p=$(nc_file allnx.ini <<'INI'
[profile]
name = it-all-nx
[check nx1]
url = https://nx1.nc.test/
[check nx2]
url = https://nx2.nc.test/
[check nx3]
url = https://nx3.nc.test/
required = no
INI
)
nc_run -p "$p" --format json --timeout 5
assert_rc 1
assert_json '.summary.failed, .summary.warned' '2 1'
assert_json '.root_causes | length' 1
assert_json '.root_causes[0] | .problem, (.checks | join(",")), .all' \
    'dns_nxdomain nx1,nx2,nx3 true'
assert_json ".root_causes[0].detail" \
    "the resolver $NC_IP_DNS:53 answered NXDOMAIN for every name it was asked (3 names)"
assert_json '.root_causes[0].action | startswith("check the host name")' true
assert_check nx1 '.problem' dns_nxdomain
assert_text_rc_same -p "$p" --timeout 5
one="all 3 failures share one cause: the resolver $NC_IP_DNS:53 answered NXDOMAIN for every name it was asked (3 names)"
assert_true "text: the shared cause is said once" \
    test "$(grep -cF "$one" "$T/out.text")" = 1
assert_true "text: the shared cause comes before the table" \
    test "$(grep -nF "$one" "$T/out.text" | cut -d: -f1)" -lt \
    "$(grep -n '^CHECK ' "$T/out.text" | cut -d: -f1)"
assert_true "text: one action line, no per-check detail" \
    test "$(grep -c '^  action: ' "$T/out.text"):$(grep -c '^  detail: ' "$T/out.text")" = 1:0
nc_run -p "$p" --format junit --timeout 5
assert_rc 1
one_re=$(printf '%s' "$one" | sed 's/[][\.*^$()+?{}|]/\\&/g')
assert_match "$T/out" "<property name=\"root_cause\" value=\"$one_re\"/>" \
    "junit report"
assert_match "$T/out" "<failure type=\"dns_nxdomain\" message=\"$one_re\">" \
    "junit report"

# The same names through the scripted responder: its rcodes, not dnsmasq's.
p=$(nc_file rcodes.ini <<'INI'
[profile]
name = it-rcodes
[check servfail]
url = https://servfail.nc.test/
[check refused]
url = https://refused.nc.test/
[check nxdomain]
url = https://nxdomain.nc.test/
[check timeout]
url = https://timeout.nc.test/
INI
)
start=$(date +%s%N)
NC_DNS=$NC_IP_DNSRESP nc_run -p "$p" --format json --timeout 2 \
    --connect-timeout 1
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
assert_rc 1
assert_valid_json
assert_json '.summary.total, .summary.failed, .summary.verdict' '4 4 fail'
assert_check servfail '.status, .problem' 'fail dns_servfail'
assert_check refused '.status, .problem' 'fail dns_refused'
assert_check nxdomain '.status, .problem' 'fail dns_nxdomain'
assert_check timeout '.status, .problem' 'fail dns_timeout'
assert_true "dns timeout run took ${elapsed_ms} ms (limit 5000)" \
    test "$elapsed_ms" -lt 5000
# A and AAAA are asked separately, so both reach the responder.
assert_match "$T/dnsresp/log" '^query servfail\.nc\.test 1 2$' "dnsresp log"
assert_match "$T/dnsresp/log" '^query servfail\.nc\.test 28 2$' "dnsresp log"
NC_DNS=$NC_IP_DNSRESP assert_text_rc_same -p "$p" --timeout 2 \
    --connect-timeout 1

# --dns-server IP:PORT: only a responder on port 5353 exists at this
# address, so NXDOMAIN proves the port was used.
nc_bg "$NC_NS_s" "$T/dnsresp5353.log" "$NC_DNSRESP" "$NC_LINK_S" 5353
nc_wait_listen "$NC_NS_s" udp "$NC_LINK_S" 5353 "$NC_LAST_PID" ||
    nc_die "dnsresp on port 5353"
p=$(nc_file port.ini <<'INI'
[profile]
name = it-port
[check nx]
url = https://nxdomain.nc.test/
INI
)
NC_DNS=$NC_LINK_S:5353 nc_run -p "$p" --format json --timeout 2
assert_rc 1
assert_check nx '.problem' dns_nxdomain
assert_match "$T/dnsresp5353.log" '^query nxdomain\.nc\.test 1 3$' \
    "port 5353 log"

# Two resolvers given: the first answers.
NC_DNS=$NC_IP_DNS,$NC_IP_DNSRESP nc_run -p "$T/dns.ini" --format json \
    --timeout 5
assert_rc 1
assert_check ok '.status' pass
assert_check nx '.problem' dns_nxdomain

# Failover: dnsresp, listed first, refuses every name outside its script;
# a system resolver then asks the next server, and so must netcheck.
p=$(nc_file failover.ini <<'INI'
[profile]
name = it-failover
[check ok]
url = https://valid.nc.test/
[check alias]
url = https://alias.nc.test/
[check www]
url = https://www.nc.test/
INI
)
NC_DNS=$NC_IP_DNSRESP,$NC_IP_DNS nc_run -p "$p" --format json --timeout 5
assert_rc 0
assert_json '.summary.total, .summary.passed, .summary.verdict' '3 3 pass'
assert_check ok '.status, .problem' 'pass null'
assert_check ok '[.addresses[] | .ip + "=" + .status] | join(",")' \
    "$NC_IP_VALID=pass"
assert_check alias '.cnames | join(",")' 'alias.nc.test,valid.nc.test'
# The first server really was asked, and refused.
assert_match "$T/dnsresp/log" '^query valid\.nc\.test 1 5$' "dnsresp log"
NC_DNS=$NC_IP_DNSRESP,$NC_IP_DNS assert_text_rc_same -p "$p" --timeout 5

# A definite answer from the second server is reported as such: NXDOMAIN
# and no-data, not the first server's REFUSED.
NC_DNS=$NC_IP_DNSRESP,$NC_IP_DNS nc_run -p "$T/dns.ini" --format json \
    --timeout 5
assert_rc 1
assert_json '.summary.total, .summary.passed, .summary.failed' '4 2 2'
assert_check nx '.status, .problem' 'fail dns_nxdomain'
assert_check nodata '.status, .problem' 'fail dns_nodata'

# A server that does not answer at all is skipped the same way.
p=$(nc_file failover_timeout.ini <<'INI'
[profile]
name = it-failover-timeout
[check silent]
url = https://timeout.nc.test/
INI
)
NC_DNS=$NC_IP_DNSRESP,$NC_IP_DNS nc_run -p "$p" --format json --timeout 3
assert_rc 1
assert_check silent '.status, .problem' 'fail dns_nxdomain'
assert_match "$T/dnsresp/log" '^query timeout\.nc\.test 1 drop$' \
    "dnsresp log"

# When every server refuses, the failure still says so (the rcode is asked
# again on a channel that keeps it). dnsmasq refuses names outside nc.test.
p=$(nc_file allrefuse.ini <<'INI'
[profile]
name = it-all-refuse
[check outside]
url = https://host.example/
INI
)
NC_DNS=$NC_IP_DNSRESP,$NC_IP_DNS nc_run -p "$p" --format json --timeout 3
assert_rc 1
assert_check outside '.status, .problem' 'fail dns_refused'
assert_check outside '.addresses | length' 0
assert_match "$T/dnsresp/log" '^query host\.example 1 5$' "dnsresp log"
assert_match "$T/dnsmasq/queries.log" 'host\.example' "dnsmasq log"
NC_DNS=$NC_IP_DNSRESP,$NC_IP_DNS assert_text_rc_same -p "$p" --timeout 3
assert_match "$T/out.text" 'dns_refused' "text report"

# Two responders that both answer SERVFAIL (or REFUSED): the code names
# the rcode, and the second responder's log proves it was asked.
p=$(nc_file allfail.ini <<'INI'
[profile]
name = it-all-fail
[check servfail]
url = https://servfail.nc.test/
[check refused]
url = https://refused.nc.test/
INI
)
NC_DNS=$NC_IP_DNSRESP,$NC_LINK_S:5353 nc_run -p "$p" --format json \
    --timeout 3
assert_rc 1
assert_json '.summary.total, .summary.failed' '2 2'
assert_check servfail '.status, .problem' 'fail dns_servfail'
assert_check refused '.status, .problem' 'fail dns_refused'
assert_match "$T/dnsresp5353.log" '^query servfail\.nc\.test 1 2$' \
    "port 5353 log"
assert_match "$T/dnsresp5353.log" '^query refused\.nc\.test 1 5$' \
    "port 5353 log"

# Sinkholes: a filtering resolver answers 0.0.0.0 or 127.0.0.1 for a
# blocked name. Probing that would test this machine, so the address is
# not probed: on port 80 of the client's own loopback nothing listens and
# a probe would say tcp_refused. An address literal is probed as given.
p=$(nc_file sinkhole.ini <<'INI'
[profile]
name = it-sinkhole
[check zero]
url = https://sink.nc.test/
[check loop]
url = http://sink127.nc.test/
[check loopopt]
url = http://sink127.nc.test:8080/
required = no
[check literal]
url = http://127.0.0.1:80/
INI
)
nc_run -p "$p" --format json --timeout 5
assert_rc 1
assert_json '.summary.total, .summary.failed, .summary.warned' '4 3 1'
assert_check zero '.status, .problem' 'fail dns_sinkhole'
assert_check zero '[.addresses[] | .ip + "=" + .status + "=" + .problem] | join(",")' \
    '0.0.0.0=fail=dns_sinkhole'
assert_check zero '.detail | contains("0.0.0.0")' true
assert_check zero '.detail | contains("sink.nc.test")' true
assert_check zero '.action | length > 0' true
assert_check loop '.status, .problem' 'fail dns_sinkhole'
assert_check loop '[.addresses[] | .ip + "=" + .status + "=" + .problem] | join(",")' \
    '127.0.0.1=fail=dns_sinkhole'
assert_check loop '.http_status, .addresses[0].timings_ms.connect' 'null null'
assert_check loopopt '.status, .problem' 'warn dns_sinkhole'
assert_check literal '.status, .problem' 'fail tcp_refused'
# One filtering resolver blocked three names: one cause, not all failures.
assert_json '.root_causes[] | .problem, (.checks | join(",")), .all' \
    'dns_sinkhole zero,loop,loopopt false'
assert_text_rc_same -p "$p" --timeout 5
assert_match "$T/out.text" 'dns_sinkhole' "text report"
# The code is documented with the others.
assert_match "$(dirname "$0")/../../README.md" '^\| `dns_sinkhole` \|' \
    "README problem table"

# Half-failed DNS: dnsresp answers afail6.nc.test's A query with the valid
# server and its AAAA query with SERVFAIL. The check keeps the DNS verdict,
# but the address that did resolve is probed and shown.
p=$(nc_file afail6.ini <<'INI'
[profile]
name = it-afail6
[check half]
url = https://afail6.nc.test/
INI
)
NC_DNS=$NC_IP_DNSRESP nc_run -p "$p" --format json --timeout 3
assert_rc 1
assert_check half '.status, .problem' 'fail dns_servfail'
assert_check half '.detail | contains("AAAA")' true
assert_check half '[.addresses[] | .ip + "=" + .status] | join(",")' \
    "$NC_IP_VALID=pass"
assert_check half '.addresses[0].problem' null
assert_match "$T/dnsresp/log" '^query afail6\.nc\.test 1 0$' "dnsresp log"
assert_match "$T/dnsresp/log" '^query afail6\.nc\.test 28 2$' "dnsresp log"
NC_DNS=$NC_IP_DNSRESP assert_text_rc_same -p "$p" --timeout 3

# IPv6 on a host without IPv6: the client namespace has loopback and
# link-local IPv6 only. A name with an A and an AAAA passes through its
# IPv4 address and skips the IPv6 one, as an agent using getaddrinfo's
# AI_ADDRCONFIG would; a name with only an AAAA is still probed and fails.
assert_true "client namespace has no global IPv6 address" \
    test -z "$(ip -n "$NC_NS_c" -6 addr show scope global)"
if [ "$(ip netns exec "$NC_NS_c" sysctl -n \
    net.ipv6.conf.veth0.disable_ipv6 2>/dev/null)" = 0 ]; then
    # With IPv6 on, the veth has a link-local address, which must not count.
    assert_true "client veth0 has a link-local IPv6 address" \
        sh -c "ip -n '$NC_NS_c' -6 addr show dev veth0 scope link |
            grep -q 'inet6 fe80:'"
fi
p=$(nc_file family.ini <<'INI'
[profile]
name = it-family
[check dual]
url = https://dual.nc.test/
INI
)
nc_run -p "$p" --format json --timeout 5
assert_rc 0
assert_check dual '.status, .problem' 'pass null'
assert_check dual '[.addresses[] | .ip + "=" + .status] | join(",")' \
    "$NC_IP_VALID=pass,$NC_IP6_DUAL=skip"
assert_check dual ".addresses[] | select(.ip == \"$NC_IP6_DUAL\") | .problem" \
    null
assert_check dual ".addresses[] | select(.ip == \"$NC_IP6_DUAL\") | .detail | test(\"no IPv6 address\")" \
    true
assert_json '.summary.passed, .summary.skipped' '1 0'
assert_text_rc_same -p "$p" --timeout 5

p=$(nc_file v6only.ini <<'INI'
[profile]
name = it-v6only
[check v6only]
url = https://v6only.nc.test/
INI
)
nc_run -p "$p" --format json --timeout 5
assert_rc 1
assert_check v6only '.status' fail
assert_check v6only '[.addresses[] | .ip + "=" + .status] | join(",")' \
    "$NC_IP6_ONLY=fail"

nc_done
