#!/bin/bash
# TLS outcomes against nginx with a throwaway PKI: valid, self-signed, wrong
# name, a partial wildcard, expired, a TLS handshake with a plain HTTP port,
# and the system trust store (which does not know the test root).
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

nc_done
