#!/bin/bash
# DNS failures named truthfully: a resolver whose port is closed, one with
# no route to it, a reply truncated with nothing answering over TCP, a
# malformed reply (claims 5 answers, holds 1), and replies that match no
# query (not DNS, another ID, another question). None of them is SERVFAIL
# (the resolver never said so), "no record" (the name may have some) or a
# silent resolver (it answered).
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world

p=$(nc_file two.ini <<'INI'
[profile]
name = it-dns-fail
[check a]
url = https://valid.nc.test/
[check b]
url = https://www.nc.test/
INI
)

# A closed port: nothing listens on 127.0.0.1:5399 in the client's own
# namespace, so each query gets ICMP port unreachable (loopback: never
# rate-limited). The answer comes at once, not after the timeout.
start=$(date +%s%N)
NC_DNS=127.0.0.1:5399 nc_run -p "$p" --format json --timeout 5
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
assert_rc 1
assert_valid_json
assert_check a '.status, .problem' 'fail dns_unreachable'
assert_check b '.status, .problem' 'fail dns_unreachable'
assert_check a '.detail | contains("the resolver 127.0.0.1:5399 could not be reached")' true
assert_check a '.detail | contains("SERVFAIL")' false
assert_check a '.action | contains("route")' true
assert_check a '.addresses | length' 0
assert_true "closed resolver port took ${elapsed_ms} ms (limit 4000)" \
    test "$elapsed_ms" -lt 4000
# One resolver, both names: one shared cause, naming it.
assert_json '.root_causes | length' 1
assert_json '.root_causes[0] | .problem, (.checks | join(",")), .all' \
    'dns_unreachable a,b true'
assert_json '.root_causes[0].detail' \
    'the resolver 127.0.0.1:5399 could not be reached (port closed or no route) for 2 names'
NC_DNS=127.0.0.1:5399 assert_text_rc_same -p "$p" --timeout 5
assert_match "$T/out.text" 'dns_unreachable' "text report"

# No route: the client namespace has an "unreachable" route for
# NC_IP_UNREACH, so the query is never even sent.
start=$(date +%s%N)
NC_DNS=$NC_IP_UNREACH nc_run -p "$p" --format json --timeout 5
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
assert_rc 1
assert_check a '.status, .problem' 'fail dns_unreachable'
assert_check b '.status, .problem' 'fail dns_unreachable'
assert_check a ".detail | contains(\"the resolver $NC_IP_UNREACH:53 could not be reached\")" true
assert_true "unrouted resolver took ${elapsed_ms} ms (limit 4000)" \
    test "$elapsed_ms" -lt 4000
assert_json '.root_causes[0] | .problem, .all' 'dns_unreachable true'

# A truncated reply (TC, no record) from dnsresp, which serves UDP only:
# the TCP retry is refused. And a reply that claims 5 answers and holds 1.
p=$(nc_file bad.ini <<'INI'
[profile]
name = it-dns-bad
[check trunc]
url = https://truncated.nc.test/
[check malformed]
url = https://malformed.nc.test/
[check refused]
url = https://refused.nc.test/
INI
)
NC_DNS=$NC_IP_DNSRESP nc_run -p "$p" --format json --timeout 3
assert_rc 1
assert_valid_json
assert_check trunc '.status, .problem' 'fail dns_invalid'
assert_check trunc '.detail | contains("malformed, or truncated and nothing answered over TCP")' true
assert_check trunc ".detail | contains(\"$NC_IP_DNSRESP\")" true
assert_check malformed '.status, .problem' 'fail dns_invalid'
assert_check malformed '.addresses | length' 0
assert_check malformed '.detail | contains("no A or AAAA record")' false
# The rcodes that do exist are still told apart beside them.
assert_check refused '.status, .problem' 'fail dns_refused'
assert_match "$T/dnsresp/log" '^query truncated\.nc\.test 1 0 tc$' \
    "dnsresp log (truncated sent)"
assert_match "$T/dnsresp/log" '^query malformed\.nc\.test 1 0 malformed$' \
    "dnsresp log (malformed sent)"
# A malformed reply for two of three names: maybe name-specific, so no
# shared cause is claimed for it.
assert_json '[.root_causes[] | select(.problem == "dns_invalid")] | length' 0
NC_DNS=$NC_IP_DNSRESP assert_text_rc_same -p "$p" --timeout 3
assert_match "$T/out.text" 'dns_invalid' "text report"
# Replies a client must drop (RFC 5452 §9.1): the query's ID then bytes
# that are not DNS, a good answer under another ID, a good answer for
# another question. c-ares drops them and the lookups run out of time,
# but the resolver did answer: dns_invalid naming what it sent, the
# resolver blamed (no address, nothing probed), within the timeout.
p=$(nc_file mismatch.ini <<'INI'
[profile]
name = it-dns-mismatch
[check garbage]
url = https://garbage.nc.test/
[check wrongid]
url = https://wrongid.nc.test/
[check wrongq]
url = https://wrongq.nc.test/
INI
)
start=$(date +%s%N)
NC_DNS=$NC_IP_DNSRESP nc_run -p "$p" --format json --timeout 3
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
assert_rc 1
for c in garbage wrongid wrongq; do
    assert_check "$c" '.status, .problem, (.addresses | length)' \
        'fail dns_invalid 0'
    assert_check "$c" ".detail | startswith(\"the resolver $NC_IP_DNSRESP:53 answered the lookup of '$c.nc.test' only with \")" true
    assert_check "$c" '.detail | contains("RFC 5452")' true
    assert_check "$c" '.detail | test("in time|SERVFAIL|no record")' false
done
assert_check garbage '.detail | test("repl(y|ies) that are not DNS messages")' true
assert_check wrongid '.detail | test("repl(y|ies) under another query ID")' true
assert_check wrongq '.detail | test("repl(y|ies) for another question")' true
assert_json '.root_causes[0] | .problem, .all' 'dns_invalid true'
assert_json '.root_causes[0].detail | contains("matching no query")' true
# Within the timeout plus start-up: no retry beyond c-ares's own budget.
assert_true "mismatched replies took ${elapsed_ms} ms (limit 5500)" \
    test "$elapsed_ms" -lt 5500
for c in garbage wrongid wrongq; do
    assert_match "$T/dnsresp/log" "^query $c\\.nc\\.test 1 $c\$" \
        "dnsresp log ($c sent)"
done

# The codes are documented with the others.
for code in dns_unreachable dns_invalid; do
    assert_match "$(dirname "$0")/../../README.md" "^\| \`$code\` \|" \
        "README problem table ($code)"
done

nc_done
