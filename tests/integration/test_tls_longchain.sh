#!/bin/bash
# A 50-certificate chain: a throwaway PKI made here (a root and 49
# intermediates, EC keys so that it stays quick), served by openssl
# s_server with the leaf and every intermediate. With the root trusted
# (and OpenSSL's default verify depth, 100) the check passes, and the
# report names the real root and leaf. With the root not trusted, or with
# the chain cut short, it fails as tls_untrusted with a detail that names
# where the chain stops, never a pass and never a crash. Each run ends
# well within the timeout.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world

NC_IP_CHAIN=203.0.113.82  # s_server: :443 the whole chain, :8443 cut short
NC_IP_CDNS=203.0.113.83   # a resolver that knows chain.nc.test
CNAME=chain.nc.test
N_INT=49
CUT=20                    # intermediates the short chain carries
TIMEOUT_S=5
LIMIT_MS=$((TIMEOUT_S * 1000))
C=$T/chain

# chain_pki: root.pem, int1..int49.pem (int1 signed by the root, each
# next by the one before), leaf.pem (signed by int49, SAN chain.nc.test);
# full.pem holds int49 down to int1, cut.pem only int49 down to
# int$((N_INT - CUT + 1)).
chain_pki()
{
    local i prev
    mkdir -p "$C" || return 1
    cat >"$C/ext.cnf" <<EOF
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:$CNAME
authorityKeyIdentifier = keyid
EOF
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
        -subj "/CN=netcheck long chain root" -keyout "$C/root.key" \
        -out "$C/root.pem" -days 30 -addext basicConstraints=critical,CA:TRUE \
        -addext keyUsage=critical,keyCertSign,cRLSign \
        >>"$C/log" 2>&1 || return 1
    prev=root
    for i in $(seq 1 "$N_INT") leaf; do
        local name=int$i ext=ca_ext cn="netcheck long chain int $i"
        if [ "$i" = leaf ]; then
            name=leaf ext=leaf_ext cn=$CNAME
        fi
        openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
            -nodes -subj "/CN=$cn" -keyout "$C/$name.key" \
            -out "$C/$name.csr" >>"$C/log" 2>&1 &&
            openssl x509 -req -in "$C/$name.csr" -CA "$C/$prev.pem" \
                -CAkey "$C/$prev.key" -set_serial "$((RANDOM * 32768 + RANDOM))" \
                -days 30 -sha256 -extfile "$C/ext.cnf" -extensions "$ext" \
                -out "$C/$name.pem" >>"$C/log" 2>&1 || return 1
        prev=$name
    done
    : >"$C/full.pem"
    : >"$C/cut.pem"
    for i in $(seq "$N_INT" -1 1); do
        cat "$C/int$i.pem" >>"$C/full.pem"
        [ "$i" -gt $((N_INT - CUT)) ] && cat "$C/int$i.pem" >>"$C/cut.pem"
    done
    return 0
}

start=$(date +%s%N)
chain_pki || { cat "$C/log" >&2; nc_die "long chain PKI"; }
nc_log "made the 51-certificate PKI in $((($(date +%s%N) - start) / 1000000)) ms"
assert_true "the chain has the leaf and $N_INT intermediates" \
    test "$(grep -c 'BEGIN CERTIFICATE' "$C/full.pem")" = "$N_INT"
# The PKI itself is sound: OpenSSL verifies the leaf through all of it.
assert_true "openssl verify accepts the whole chain" \
    openssl verify -CAfile "$C/root.pem" -untrusted "$C/full.pem" \
    "$C/leaf.pem"

ip -n "$NC_NS_s" addr add "$NC_IP_CHAIN/32" dev lo || nc_die "addr"
for spec in "443 full" "8443 cut"; do
    set -- $spec
    nc_bg "$NC_NS_s" "$C/s_server-$2.log" openssl s_server -quiet \
        -accept "$NC_IP_CHAIN:$1" -cert "$C/leaf.pem" -key "$C/leaf.key" \
        -cert_chain "$C/$2.pem" -www
    nc_wait_listen "$NC_NS_s" tcp "$NC_IP_CHAIN" "$1" "$NC_LAST_PID" || {
        cat "$C/s_server-$2.log" >&2
        nc_die "s_server ($2) did not start"
    }
done
nc_dnsmasq_extra "$NC_IP_CDNS" "$CNAME=$NC_IP_CHAIN" ||
    nc_die "dnsmasq for $CNAME did not start"

p=$(nc_file chain.ini <<INI
[profile]
name = it-long-chain
[check full]
url = https://$CNAME/
[check cut]
url = https://$CNAME:8443/
INI
)

# lc_run CA_BUNDLE CHECK: run one check against the chain's resolver,
# with CA_BUNDLE as the trust store; detail in $T/detail.
lc_run()
{
    local ca=$1 check=$2
    start=$(date +%s%N)
    ip netns exec "$NC_NS_c" "$NETCHECK" run --dns-server "$NC_IP_CDNS" \
        --ca-bundle "$ca" -p "$p" --only "$check" --no-proxy \
        --format json --timeout "$TIMEOUT_S" >"$T/out" 2>"$T/err" </dev/null
    NC_RC=$?
    elapsed_ms=$((($(date +%s%N) - start) / 1000000))
    nc_keep_report run -p "$p" --format json
    jq -r ".checks[] | select(.name == \"$check\") | .detail" "$T/out" \
        >"$T/detail"
}

# ---- the root trusted: 51 certificates verify, and the report says
# which root and which leaf
lc_run "$C/root.pem" full
assert_rc 0 "whole chain, root trusted"
assert_check full '.status, .problem, .http_status' 'pass null 200'
assert_check full '.tls.root_cn' 'netcheck long chain root'
assert_check full '.tls.subject | contains("chain.nc.test")' true
assert_check full '.tls.issuer | contains("int 49")' true
assert_true "whole chain took ${elapsed_ms} ms (limit $LIMIT_MS)" \
    test "$elapsed_ms" -lt "$LIMIT_MS"

# ---- the root not trusted: the chain stops at its top intermediate,
# whose issuer (the root) is unknown
lc_run "$T/pki/ca.pem" full
assert_rc 1 "whole chain, root not trusted"
assert_check full '.status, .problem' 'fail tls_untrusted'
assert_match "$T/detail" \
    "stops at 'netcheck long chain int 1', whose issuer 'netcheck long chain root' is not in the trust store" \
    "detail names the top of the chain and the missing root"
assert_true "untrusted chain took ${elapsed_ms} ms (limit $LIMIT_MS)" \
    test "$elapsed_ms" -lt "$LIMIT_MS"

# ---- the chain cut short (the server omits 29 intermediates): the root
# is trusted, yet nothing links the last one sent to it. The detail names
# where it stops, not the root.
lc_run "$C/root.pem" cut
assert_rc 1 "cut chain"
assert_check cut '.status, .problem' 'fail tls_untrusted'
top=$((N_INT - CUT + 1))
assert_match "$T/detail" \
    "stops at 'netcheck long chain int $top', whose issuer 'netcheck long chain int $((top - 1))' is not in the trust store \(a missing intermediate" \
    "detail: where the cut chain stops"
assert_no_match "$T/detail" "ends in the root" \
    "detail does not claim the cut chain reached a root"
assert_true "cut chain took ${elapsed_ms} ms (limit $LIMIT_MS)" \
    test "$elapsed_ms" -lt "$LIMIT_MS"

nc_done
