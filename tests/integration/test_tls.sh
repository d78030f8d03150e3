#!/bin/bash
# TLS outcomes against nginx with a throwaway PKI: valid, self-signed, wrong
# name, a partial wildcard, expired, a TLS handshake with a plain HTTP port,
# and the system trust store (which does not know the test root). Then, with
# a second PKI: which root a chain ends in (the profile's tls_issuers, a
# trusted inspection root, a root nobody trusts), a missing intermediate,
# not yet valid, and the same verdict through a proxy's CONNECT tunnel.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world

p=$(nc_file tls.ini <<'INI'
[profile]
name = it-tls
[check valid]
url = https://valid.nc.test/
[check wildcard]
url = https://s1.wild.nc.test/
[check self]
url = https://self.nc.test/
[check wrongname]
url = https://wrong.nc.test/
[check expired]
url = https://expired.nc.test/
[check nottls]
url = https://valid.nc.test:80/
INI
)
nc_run -p "$p" --format json --timeout 5
assert_rc 1
assert_valid_json
assert_json '.summary.total, .summary.passed, .summary.failed' '6 2 4'
assert_check valid '.status, .problem, .http_status' 'pass null 200'
assert_check wildcard '.status, .problem' 'pass null'
assert_check self '.status, .problem' 'fail tls_untrusted'
assert_check self '.addresses[0].ip, .addresses[0].problem' \
    "$NC_IP_SELF tls_untrusted"
assert_check wrongname '.status, .problem' 'fail tls_name_mismatch'
assert_check expired '.status, .problem' 'fail tls_expired'
assert_check nottls '.status, .problem' 'fail tls_failed'
assert_check nottls '.port' 80
assert_text_rc_same -p "$p" --timeout 5
for code in tls_untrusted tls_name_mismatch tls_expired tls_failed; do
    assert_match "$T/out.text" "$code" "text report"
done

# A partial wildcard (SAN w*.nc.test) for www1.nc.test: OpenSSL's default
# rules accept it, curl's (RFC 6125 §6.4.3, as browsers) do not, so the
# handshake fails on the name, and netcheck must say so rather than report
# a generic TLS failure.
assert_true "OpenSSL's lax rules match w*.nc.test to www1.nc.test" \
    sh -c "openssl x509 -in '$T/pki/partial.pem' -noout \
        -checkhost www1.nc.test | grep -q 'does match'"
p=$(nc_file partial.ini <<'INI'
[profile]
name = it-tls-partial
[check partial]
url = https://www1.nc.test/
INI
)
nc_run -p "$p" --format json --timeout 5
assert_rc 1
assert_check partial '.status, .problem' 'fail tls_name_mismatch'
assert_check partial '.addresses[0].ip, .addresses[0].problem' \
    "$NC_IP_PARTIAL tls_name_mismatch"
assert_check partial '.detail | contains("www1.nc.test")' true
assert_text_rc_same -p "$p" --timeout 5
assert_match "$T/out.text" 'tls_name_mismatch' "text report"

# An address literal is checked against the certificate's IP entries; the
# valid certificate has DNS names only.
p=$(nc_file literal.ini <<INI
[profile]
name = it-tls-literal
[check literal]
url = https://$NC_IP_VALID/
INI
)
nc_run -p "$p" --format json --timeout 5
assert_rc 1
assert_check literal '.status, .problem' 'fail tls_name_mismatch'

# Without --ca-bundle the system store is used, which does not hold the
# test root: the valid server is untrusted.
p=$(nc_file sys.ini <<'INI'
[profile]
name = it-tls-system
[check valid]
url = https://valid.nc.test/
INI
)
nc_exec run -p "$p" --dns-server "$NC_IP_DNS" --format json --timeout 5
assert_rc 1
assert_check valid '.status, .problem' 'fail tls_untrusted'

# With the test root the same check passes (exit 0).
nc_run -p "$p" --format json --timeout 5
assert_rc 0
assert_json '.summary.verdict' pass
assert_check valid '.status' pass

# A bundle that does not exist is an input error, not a TLS failure.
nc_exec run -p "$p" --dns-server "$NC_IP_DNS" --ca-bundle "$T/missing.pem" \
    --format json --timeout 5
assert_rc 2

# ---- Who signed the chain (a second PKI, lib.sh: nc_tls_world) ----
# The profile expects the "public" root; the bundle also trusts an
# "inspection" root, as a machine behind a TLS-inspecting firewall does.
nc_tls_world
roots=$(nc_file roots.ini <<INI
[profile]
name = it-tls-roots
tls_issuers = Some Other Public Root, $NC_TLS_PUBLIC_ROOT
[check pub]
url = https://pub.nc.test/
[check chain]
url = https://chain.nc.test/
[check short]
url = https://short.nc.test/
[check self]
url = https://selfsigned.nc.test/
[check wrong]
url = https://wrongname.nc.test/
[check old]
url = https://old.nc.test/
[check future]
url = https://future.nc.test/
[check inspect]
url = https://inspect.nc.test/
[check rogue]
url = https://rogue.nc.test/
INI
)
nc_run_tls -p "$roots" --format json --timeout 5
assert_rc 1
assert_valid_json
assert_json '.summary.total, .summary.passed, .summary.failed' '9 2 7'

# A chain to the expected root, and one through an intermediate: pass,
# and the report describes the chain.
assert_check pub '.status, .problem, .http_status' 'pass null 200'
assert_check pub '.tls.subject' 'CN=pub.nc.test'
assert_check pub '.tls.issuer, .tls.root' \
    "O=Netcheck Tests,CN=$NC_TLS_PUBLIC_ROOT O=Netcheck Tests,CN=$NC_TLS_PUBLIC_ROOT"
assert_check pub '.tls.root_cn' "$NC_TLS_PUBLIC_ROOT"
assert_check pub '.tls.not_after' "$NC_TLS_PUB_UNTIL"
assert_check pub '.tls.not_before | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$")' \
    true
assert_check pub '.tls.version | test("^TLSv1\\.[23]$")' true
assert_check pub '.tls.cipher | length > 0' true
assert_check chain '.status, .problem' 'pass null'
assert_check chain '.tls.issuer' "O=Netcheck Tests,CN=$NC_TLS_INTER"
assert_check chain '.tls.root_cn' "$NC_TLS_PUBLIC_ROOT"

# Untrusted, and who is responsible: the server itself, a root nobody
# trusts (named), or a chain that stops short of any root.
assert_check rogue '.status, .problem' 'fail tls_untrusted'
assert_check rogue '.tls.root_cn' "$NC_TLS_ROGUE_ROOT"
assert_check rogue ".detail | contains(\"likely TLS inspection by $NC_TLS_ROGUE_ROOT\")" \
    true
assert_check self '.status, .problem' 'fail tls_untrusted'
assert_check self '.tls.subject' 'CN=selfsigned.nc.test'
assert_check self '.detail | contains("self-signed")' true
assert_check self '.detail | contains("inspection")' false
assert_check short '.status, .problem' 'fail tls_untrusted'
assert_check short '.tls.issuer' "O=Netcheck Tests,CN=$NC_TLS_INTER"
assert_check short '.detail | contains("missing intermediate")' true
# The certificate it stops at was not sent: name the CA that issued it.
assert_check short ".detail | contains(\"$NC_TLS_INTER\")" true
assert_check short '.detail | contains("inspection")' false

# The name, and the dates.
assert_check wrong '.status, .problem' 'fail tls_name_mismatch'
assert_check wrong '.detail | contains("other.invalid")' true
assert_check old '.status, .problem' 'fail tls_expired'
assert_check old '.tls.not_after' 2021-01-01T00:00:00Z
assert_check old '.detail | contains("2021-01-01T00:00:00Z")' true
assert_check future '.status, .problem' 'fail tls_expired'
assert_check future '.tls.not_before' "$NC_TLS_FUTURE_FROM"
assert_check future ".detail | contains(\"$NC_TLS_FUTURE_FROM\")" true
assert_check future '.detail | contains("clock")' true

# Verified by this machine, but by the inspection root the profile does not
# expect: tls_intercepted, naming that root.
assert_check inspect '.status, .problem' 'fail tls_intercepted'
assert_check inspect '.tls.root_cn' "$NC_TLS_INSPECT_ROOT"
assert_check inspect '.tls.root' "O=Contoso,CN=$NC_TLS_INSPECT_ROOT"
assert_check inspect ".detail | contains(\"TLS inspection by $NC_TLS_INSPECT_ROOT\")" \
    true
assert_check inspect ".detail | contains(\"$NC_TLS_PUBLIC_ROOT\")" true
assert_check inspect '.action | contains("exempt")' true
# The connection itself worked: the address answered 200.
assert_check inspect '.http_status' 200

nc_run_tls -p "$roots" --format text --timeout 5
assert_rc 1 "text exit status"
assert_match "$T/out" tls_intercepted "text report"
assert_match "$T/out" "$NC_TLS_INSPECT_ROOT" "text report"
assert_match "$T/out" "likely TLS inspection by $NC_TLS_ROGUE_ROOT" \
    "text report"

# Without tls_issuers any root this machine trusts will do.
anyroot=$(nc_file anyroot.ini <<'INI'
[profile]
name = it-tls-anyroot
[check inspect]
url = https://inspect.nc.test/
[check pub]
url = https://pub.nc.test/
INI
)
nc_run_tls -p "$anyroot" --format json --timeout 5
assert_rc 0
assert_check inspect '.status, .problem' 'pass null'
assert_check inspect '.tls.root_cn' "$NC_TLS_INSPECT_ROOT"
# The same chains with the inspection root missing from the bundle.
nc_exec run -p "$anyroot" --dns-server "$NC_IP_DNS_TLS" \
    --ca-bundle "$T/tlspki/public.pem" --format json --timeout 5
assert_rc 1
assert_check inspect '.status, .problem' 'fail tls_untrusted'
# The inspection box sends its leaf alone: the detail must still name the
# CA that issued it, the one this machine lacks.
assert_check inspect ".detail | contains(\"$NC_TLS_INSPECT_ROOT\")" true
assert_check pub '.status' pass

# Through a proxy (CONNECT tunnel): the same chain, the same verdict. The
# names are known to squid only through its hosts file.
nc_squid "inspect.nc.test=$NC_IP_TLS" "pub.nc.test=$NC_IP_TLS" ||
    nc_die "squid did not start"
proxied=$(nc_file proxied.ini <<INI
[profile]
name = it-tls-proxied
tls_issuers = $NC_TLS_PUBLIC_ROOT
[check inspect]
url = https://inspect.nc.test/
[check pub]
url = https://pub.nc.test/
INI
)
nc_squid_mark
nc_exec_env "https_proxy=http://$NC_IP_PROXY:3128" -- run -p "$proxied" \
    --dns-server "$NC_IP_DNS_TLS" --ca-bundle "$T/tlspki/bundle.pem" \
    --format json --timeout 5
assert_rc 1
assert_check inspect '.via_proxy, .proxy_status' 'true 200'
assert_check inspect '.status, .problem' 'fail tls_intercepted'
assert_check inspect '.tls.root_cn' "$NC_TLS_INSPECT_ROOT"
assert_check inspect ".detail | contains(\"TLS inspection by $NC_TLS_INSPECT_ROOT\")" \
    true
assert_check inspect '.detail | contains("inspect.nc.test:443")' true
assert_check pub '.via_proxy, .status, .problem' 'true pass null'
assert_check pub '.tls.root_cn' "$NC_TLS_PUBLIC_ROOT"
assert_squid_log 'CONNECT inspect\.nc\.test:443' "squid log"

nc_done
