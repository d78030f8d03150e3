#!/bin/bash
# DNS outcomes: answers, CNAME, NXDOMAIN and no-data from dnsmasq; SERVFAIL,
# REFUSED, NXDOMAIN and no answer from dnsresp; --dns-server IP:PORT.
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
assert_check nx '.status, .problem' 'fail dns_nxdomain'
assert_check nx '.addresses | length' 0
assert_check nx '.detail | length > 0' true
assert_check nx '.action | length > 0' true
assert_check nodata '.status, .problem' 'fail dns_nodata'
assert_check nodata '.addresses | length' 0
assert_text_rc_same -p "$p" --timeout 5
assert_match "$T/out.text" 'dns_nxdomain' "text report"
assert_match "$T/out.text" 'dns_nodata' "text report"

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

nc_done
