#!/bin/bash
# https:// proxies (lib.sh: nc_https_proxy, stunnel in front of squid):
# the proxy's own certificate is verified as the proxy's name, against
# --proxy-ca-bundle when given, else the run's trust store; a rejected
# proxy certificate is proxy_tls_untrusted naming the proxy and what is
# wrong, never the destination's tls_* code. Destinations keep verifying
# against --ca-bundle whatever --proxy-ca-bundle says.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world
nc_squid || nc_die "squid did not start"
nc_https_proxy || nc_die "stunnel did not start"

CA=$T/pki/ca.pem
PCA=$T/pki/proxyca.pem
OK=https://$NC_IP_HPROXY_OK:3129
OTHERCA=https://$NC_IP_HPROXY_OTHERCA:3129
SELF=https://$NC_IP_HPROXY_SELF:3129
WRONG=https://$NC_IP_HPROXY_WRONG:3129
EXPIRED=https://$NC_IP_HPROXY_EXPIRED:3129
TO=(--timeout 3 --connect-timeout 2)

mixed=$(nc_file mixed.ini <<'INI'
[profile]
name = it-proxy-https-mixed
[check tls]
url = https://valid.nc.test/
expect_body = OK
[check plain]
url = http://valid.nc.test/ncsi.txt
expect_body = Microsoft NCSI
INI
)
self=$(nc_file self.ini <<'INI'
[profile]
name = it-proxy-https-self
[check valid]
url = https://valid.nc.test/
[check self]
url = https://self.nc.test/
INI
)

# ---- a proxy whose certificate the trust store holds: both schemes pass,
# the https:// one through CONNECT inside the TLS to the proxy.
nc_squid_mark
nc_run_env -- -p "$mixed" --proxy "$OK" --format json "${TO[@]}"
assert_rc 0
assert_valid_json
assert_json '.proxy.url' "$OK"
assert_check tls '.status, .problem, .via_proxy, .proxy_status' \
    'pass null true 200'
assert_check plain '.status, .problem, .via_proxy, .http_status' \
    'pass null true 200'
assert_squid_log 'CONNECT valid\.nc\.test:443' "squid log (through stunnel)"

# ---- a proxy certificate from a CA the store does not hold: the proxy is
# blamed, by URL and by the CA's name, never the destination.
nc_run_env -- -p "$mixed" --proxy "$OTHERCA" --format json "${TO[@]}"
assert_rc 1
assert_check tls '.status, .problem, .via_proxy' \
    'fail proxy_tls_untrusted true'
assert_check plain '.status, .problem' 'fail proxy_tls_untrusted'
assert_check tls ".detail | contains(\"$OTHERCA\")" true
assert_check tls ".detail | contains(\"$NC_PROXY_CA_CN\")" true
assert_check tls '.detail | contains("valid.nc.test was never tried")' true
assert_check tls '.action | contains("--proxy-ca-bundle")' true
assert_check tls '.proxy_status, .http_status' 'null null'
nc_run_env -- -p "$mixed" --proxy "$OTHERCA" --format text "${TO[@]}"
assert_rc 1
assert_match "$T/out" '^tls +fail +proxy_tls_untrusted' "text row"
assert_no_match "$T/out" 'tls_untrusted.*exempt' "text (no inspection advice)"

# --proxy-ca-bundle with that CA: the proxy verifies, and the destinations
# still verify against --ca-bundle (a self-signed one still fails, as
# tls_untrusted of its own, through the proxy).
nc_run_env -- -p "$mixed" --proxy "$OTHERCA" --proxy-ca-bundle "$PCA" \
    --format json "${TO[@]}"
assert_rc 0
assert_check tls '.status, .proxy_status' 'pass 200'
assert_check plain '.status, .http_status' 'pass 200'
nc_run_env -- -p "$self" --proxy "$OTHERCA" --proxy-ca-bundle "$PCA" \
    --format json "${TO[@]}"
assert_rc 1
assert_check valid '.status, .proxy_status' 'pass 200'
assert_check self '.status, .problem, .proxy_status' 'fail tls_untrusted 200'
# The proxy's store is only --proxy-ca-bundle: the test root no longer
# vouches for the proxy, and the detail says which store was used.
nc_run_env -- -p "$mixed" --proxy "$OK" --proxy-ca-bundle "$PCA" \
    --format json "${TO[@]}"
assert_rc 1
assert_check tls '.problem' proxy_tls_untrusted
assert_check tls '.detail | contains("--proxy-ca-bundle")' true
# Without --ca-bundle the destinations use the system store, so the test
# root's valid.nc.test is untrusted there, yet the proxy passes on its own.
nc_exec_env -- run --dns-server "$NC_IP_DNS" -p "$mixed" --proxy "$OTHERCA" \
    --proxy-ca-bundle "$PCA" --format json "${TO[@]}"
assert_rc 1
assert_check tls '.problem, .proxy_status' 'tls_untrusted 200'

# ---- what is wrong with the certificate, named
nc_run_env -- -p "$mixed" --proxy "$SELF" --format json "${TO[@]}"
assert_rc 1
assert_check tls '.problem' proxy_tls_untrusted
assert_check tls '.detail | test("self-signed.*proxy-self")' true
nc_run_env -- -p "$mixed" --proxy "$WRONG" --format json "${TO[@]}"
assert_rc 1
assert_check tls '.problem' proxy_tls_untrusted
assert_check tls '.detail | contains("is for other.invalid")' true
nc_run_env -- -p "$mixed" --proxy "$EXPIRED" --format json "${TO[@]}"
assert_rc 1
assert_check tls '.problem' proxy_tls_untrusted
assert_check tls '.detail | contains("expired on 2021-01-01")' true

# ---- an http:// proxy given as https://: the handshake with the proxy
# fails, and that is the proxy's failure, not the destination's.
nc_run_env -- -p "$mixed" --proxy "https://$NC_IP_PROXY:3128" --format json \
    "${TO[@]}"
assert_rc 1
assert_check tls '.problem' proxy_tls_failed
assert_check plain '.problem' proxy_tls_failed
assert_check plain ".detail | contains(\"https://$NC_IP_PROXY:3128\")" true
assert_check plain '.detail | contains("valid.nc.test:80")' false

# ---- a --proxy-ca-bundle that cannot be read: usage error, file named
nc_run_env -- -p "$mixed" --proxy "$OK" --proxy-ca-bundle "$T/nope.pem" \
    --format json
assert_rc 2
assert_match "$T/err" "nope\\.pem" "stderr names the file"

nc_done
