#!/bin/bash
# DNS replies a client must drop (RFC 5452 §9.1) with netcheck.exe under
# wine, compared with the Linux build: dnsresp (tests/integration/
# dnsresp.c) answers garbage.* with the query's ID then text, wrongid.*
# with a good answer under another ID, wrongq.* with a good answer for
# another question. c-ares drops each and the lookup runs out of time;
# engine/dns_sock.c shows every UDP query and reply to dns_match through
# os/sockio.h (Winsock here), so the report says dns_invalid, naming what
# the resolver sent, not dns_timeout (which the Windows build said while
# dns_sock.c was Linux-only).
# usage: test_wine_dns.sh NETCHECK_EXE LINUX_NETCHECK (NC_DNSRESP: dnsresp)
here=$(dirname "$0")
. "$here/../lib.sh"
. "$here/wine.sh"
wine_init "$@"
nc_topology
nc_pki || nc_die "test PKI"
nc_dnsresp || nc_die "dnsresp did not start"
wine_start

p=$(nc_file mismatch.ini <<'INI'
[profile]
name = wine-dns-mismatch
[check garbage]
url = https://garbage.nc.test/
[check wrongid]
url = https://wrongid.nc.test/
[check wrongq]
url = https://wrongq.nc.test/
INI
)

NC_DNS=$NC_IP_DNSRESP wine_compare "replies matching no query" -p "$p" \
    --format json --timeout 3
assert_rc 1
assert_valid_json
for c in garbage wrongid wrongq; do
    assert_check "$c" '.status, .problem, (.addresses | length)' \
        'fail dns_invalid 0'
    assert_check "$c" ".detail | startswith(\"the resolver $NC_IP_DNSRESP:53 answered the lookup of '$c.nc.test' only with \")" true
    assert_check "$c" '.detail | contains("RFC 5452")' true
    wine_same "$c" '.detail, .action'
done
assert_check garbage '.detail | test("repl(y|ies) that are not DNS messages")' true
assert_check wrongid '.detail | test("repl(y|ies) under another query ID")' true
assert_check wrongq '.detail | test("repl(y|ies) for another question")' true
assert_json '[.checks[].problem] | map(select(. == "dns_timeout")) | length' 0
assert_json '.root_causes[0] | .problem, .all' 'dns_invalid true'
# Each lookup ends at its timeout (c-ares's budget), not later.
assert_true "the wine run took $WINE_MS ms (limit 8000)" \
    test "$WINE_MS" -lt 8000
for c in garbage wrongid wrongq; do
    assert_match "$T/dnsresp/log" "^query $c\\.nc\\.test 1 $c\$" \
        "dnsresp log ($c sent)"
done

nc_done
