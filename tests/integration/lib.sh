# Shared helpers for the integration tests; sourced, never run.
#
# A test does:
#   . "$(dirname "$0")/lib.sh"
#   nc_init "$@"        # root + netns check (else exit 77), temp dir, trap
#   nc_world            # namespaces, PKI, nginx, dnsmasq (see README.md)
#   nc_run -p "$T/x.ini" --format json      # netcheck in the client netns
#   assert_rc 1; assert_json '.checks[0].problem' dns_nxdomain
#   nc_done             # exit 0 when every assertion held, else 1
#
# Every PID started through nc_bg and every namespace made by nc_netns_add is
# recorded; the EXIT trap kills those PIDs (by PID) and deletes those
# namespaces, so a failing or interrupted test leaves nothing behind.
# Addresses come only from 198.51.100.0/24 and 203.0.113.0/24, and no
# namespace gets a default route.

set -u

NC_PIDS=()
NC_EXIT_HOOKS=()    # commands nc_cleanup runs first (nc_on_exit)
NC_NETNS=()
NC_ETC_NETNS=()     # /etc/netns/NS directories made by nc_netns_etc
NC_ETC_NETNS_MADE=0 # nc_netns_etc created /etc/netns itself
NC_FAILS=0
NC_ASSERTS=0
NC_RC=
T=
NETCHECK=
NC_DNSRESP=${NC_DNSRESP:-}
NC_LIBDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NC_REPORT_N=0 # reports kept by nc_keep_report

# Topology (see README.md).
NC_LINK_S=198.51.100.1   # server side of the veth pair
NC_LINK_C=198.51.100.2   # client side
NC_IP_VALID=203.0.113.10 # HTTPS valid cert, HTTP 80 with test paths
NC_IP_SELF=203.0.113.11  # HTTPS self-signed
NC_IP_WRONG=203.0.113.12 # HTTPS cert for another name
NC_IP_EXPIRED=203.0.113.13 # HTTPS expired cert from the test root
NC_IP_BLOCK=203.0.113.14 # HTTP block page on every path
NC_IP_PARTIAL=203.0.113.15 # HTTPS cert whose only SAN is w*.nc.test
NC_IP_REFUSED=203.0.113.20 # exists, nothing listens: RST
NC_IP_BLACKHOLE=203.0.113.21 # nftables drops everything to it
NC_IP_UNREACH=203.0.113.99   # "unreachable" route in the client netns
NC_IP_DNS=203.0.113.53       # dnsmasq
NC_IP_DNSRESP=203.0.113.54   # dnsresp (scripted rcodes)
NC_IP_OUTSIDE=198.51.100.80  # serves like VALID; outside 203.0.113.0/24
# IPv6 answers (RFC 3849 documentation prefix). No namespace has an IPv6
# address or route besides loopback and link-local, so nothing is ever
# sent to them: a connect fails locally with ENETUNREACH.
NC_IP6_DUAL=2001:db8::1   # AAAA of dual.nc.test (which also has an A)
NC_IP6_ONLY=2001:db8::2   # AAAA of v6only.nc.test (no A)
NC_DOMAIN=nc.test            # RFC 6761 reserved name

nc_log()
{
    printf '%s\n' "$*" >&2
}

nc_skip()
{
    echo "SKIP: $*"
    exit 77
}

nc_die()
{
    echo "ERROR: $*" >&2
    exit 1
}

nc_cleanup()
{
    local rc=$? pid _ ns hook
    trap - EXIT INT TERM HUP
    for hook in "${NC_EXIT_HOOKS[@]}"; do
        $hook
    done
    for pid in "${NC_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null
    done
    for pid in "${NC_PIDS[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    for ns in "${NC_NETNS[@]}"; do
        ip netns del "$ns" 2>/dev/null
    done
    for ns in "${NC_ETC_NETNS[@]}"; do
        rm -rf -- "$ns"
    done
    if [ "$NC_ETC_NETNS_MADE" = 1 ]; then
        rmdir /etc/netns 2>/dev/null
    fi
    if [ -n "$T" ] && [ -d "$T" ]; then
        if [ "${NC_KEEP_TMP:-0}" = 1 ]; then
            nc_log "kept $T"
        else
            rm -rf "$T"
        fi
    fi
    exit "$rc"
}

# nc_on_exit FUNCTION: run FUNCTION (no arguments) on exit, before the
# recorded PIDs are killed: a server that must be stopped its own way.
nc_on_exit()
{
    NC_EXIT_HOOKS+=("$1")
}

# nc_init NETCHECK_BINARY: check prerequisites, make the temp dir, set traps.
nc_init()
{
    local tool
    NETCHECK=${1:-}
    [ "$(id -u)" = 0 ] || nc_skip "needs root (network namespaces)"
    command -v ip >/dev/null || nc_skip "iproute2 'ip' not found"
    [ -n "$NETCHECK" ] || nc_die "usage: $0 NETCHECK_BINARY"
    [ -x "$NETCHECK" ] || nc_die "netcheck binary '$NETCHECK' not executable"
    for tool in nginx dnsmasq openssl nft jq ss; do
        command -v "$tool" >/dev/null || nc_die "'$tool' not installed"
    done
    NC_RUN_ID=nc$$$(printf '%04x' $((RANDOM)))
    # In a sanitizer build a report must not pass for exit status 1 (a
    # failed check) or 2: give it a status no assertion expects.
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=99"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=99"
    trap nc_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP
    T=$(mktemp -d "${TMPDIR:-/tmp}/netcheck-it.XXXXXX") || nc_die "mktemp"
    # The client namespace doubles as the probe for netns support: a
    # container without it skips cleanly.
    NC_NS_c=$NC_RUN_ID-c
    NC_NS_s=$NC_RUN_ID-s
    nc_netns_add "$NC_NS_c" || nc_skip "'ip netns add' not permitted here"
}

# nc_netns_add NAME: create namespace NAME with lo up, recorded for cleanup.
nc_netns_add()
{
    ip netns add "$1" 2>/dev/null || return 1
    NC_NETNS+=("$1")
    ip -n "$1" link set lo up
}

# nc_netns_etc FILE: write stdin to /etc/netns/<client netns>/FILE, which
# `ip netns exec` bind-mounts over /etc/FILE for every command it runs in
# the client namespace (resolv.conf, hosts, nsswitch.conf): netcheck then
# sees them as the system's own files. The directory (and /etc/netns, when
# this made it) is removed on exit.
nc_netns_etc()
{
    local d=/etc/netns/$NC_NS_c
    if [ ! -d /etc/netns ]; then
        mkdir -m 0755 /etc/netns || return 1
        NC_ETC_NETNS_MADE=1
    fi
    if [ ! -d "$d" ]; then
        mkdir -m 0755 "$d" || return 1
        NC_ETC_NETNS+=("$d")
    fi
    cat >"$d/$1"
}

# nc_bg NS LOG CMD...: start CMD in namespace NS in the background, stdout
# and stderr to LOG; its PID is recorded for cleanup and left in NC_LAST_PID.
nc_bg()
{
    local ns=$1 log=$2
    shift 2
    ip netns exec "$ns" "$@" >"$log" 2>&1 </dev/null &
    NC_LAST_PID=$!
    NC_PIDS+=("$NC_LAST_PID")
}

# nc_wait_listen NS PROTO ADDR PORT PID: wait until a socket listens there.
nc_wait_listen()
{
    local ns=$1 proto=$2 addr=$3 port=$4 pid=$5 _ flag=-Hltn
    [ "$proto" = udp ] && flag=-Hlun
    for _ in $(seq 1 100); do
        if ip netns exec "$ns" ss "$flag" "src $addr and sport = :$port" |
            grep -q .; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}

# nc_topology: client and server namespaces joined by a veth pair.
#   client: 198.51.100.2/24, route 203.0.113.0/24 via the server, an
#           "unreachable" route for NC_IP_UNREACH, nothing else.
#   server: 198.51.100.1/24, every 203.0.113.x service address on lo,
#           NC_IP_OUTSIDE on the veth, nftables DROP for NC_IP_BLACKHOLE.
nc_topology()
{
    local a
    nc_netns_add "$NC_NS_s" || nc_die "ip netns add"
    # Create the pair inside the namespaces so no name touches the host.
    ip -n "$NC_NS_c" link add veth0 type veth peer name veth0 \
        netns "$NC_NS_s" || nc_die "veth"
    ip -n "$NC_NS_c" addr add "$NC_LINK_C/24" dev veth0
    ip -n "$NC_NS_s" addr add "$NC_LINK_S/24" dev veth0
    ip -n "$NC_NS_s" addr add "$NC_IP_OUTSIDE/24" dev veth0
    ip -n "$NC_NS_c" link set veth0 up
    ip -n "$NC_NS_s" link set veth0 up
    for a in "$NC_IP_VALID" "$NC_IP_SELF" "$NC_IP_WRONG" "$NC_IP_EXPIRED" \
        "$NC_IP_BLOCK" "$NC_IP_PARTIAL" "$NC_IP_REFUSED" \
        "$NC_IP_BLACKHOLE" "$NC_IP_DNS" "$NC_IP_DNSRESP"; do
        ip -n "$NC_NS_s" addr add "$a/32" dev lo || nc_die "addr $a"
    done
    ip -n "$NC_NS_c" route add 203.0.113.0/24 via "$NC_LINK_S" ||
        nc_die "client route"
    ip -n "$NC_NS_c" route add unreachable "$NC_IP_UNREACH/32" ||
        nc_die "unreachable route"
    ip netns exec "$NC_NS_s" nft -f - <<EOF || nc_die "nft"
table inet ncblackhole {
    chain input {
        type filter hook input priority 0; policy accept;
        ip daddr $NC_IP_BLACKHOLE drop
    }
}
EOF
    # Guard: the client must have no default route, hence no way out.
    if ip -n "$NC_NS_c" route show default | grep -q .; then
        nc_die "client namespace has a default route"
    fi
}

# nc_pki: a throwaway CA and server certificates in $T/pki.
#   ca.pem            test root
#   valid.{pem,key}   from the root, SAN: names in NC_VALID_NAMES
#   self.{pem,key}    self-signed, SAN self.nc.test
#   wrong.{pem,key}   from the root, SAN other.invalid only
#   expired.{pem,key} from the root, SAN expired.nc.test, 2020-2021
#   partial.{pem,key} from the root, SAN w*.nc.test only: a partial
#                     wildcard, which OpenSSL's default rules match for
#                     www1.nc.test but curl's (and browsers') do not
# OpenSSL 3.0's x509 command cannot set notBefore, so leaf certificates are
# issued with 'openssl ca', which takes -startdate/-enddate.
NC_VALID_NAMES="valid.nc.test www.nc.test half.nc.test slow.nc.test
alias.nc.test outside.nc.test two.nc.test *.wild.nc.test dual.nc.test
afail6.nc.test"

nc_pki()
{
    local d="$T/pki" san n
    mkdir -p "$d/db" || return 1
    : >"$d/db/index.txt"
    echo 1000 >"$d/db/serial"
    cat >"$d/ca.cnf" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = netcheck integration test root
[root_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ca]
default_ca = testca
[testca]
database = $ENV::NC_PKI/db/index.txt
serial = $ENV::NC_PKI/db/serial
new_certs_dir = $ENV::NC_PKI/db
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[anything]
commonName = supplied
[leaf_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $ENV::NC_SAN
authorityKeyIdentifier = keyid
EOF
    export NC_PKI="$d" NC_SAN=DNS:unused
    openssl req -x509 -config "$d/ca.cnf" -extensions root_ext \
        -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
        -keyout "$d/ca.key" -out "$d/ca.pem" -days 30 \
        >"$d/log" 2>&1 || { cat "$d/log" >&2; return 1; }

    # nc_pki_leaf NAME CN SAN START END [CA]: CA is the issuer's file name
    # in $NC_PKI without .pem/.key (default ca, the test root).
    nc_pki_leaf()
    {
        if ! openssl req -new -config "$d/ca.cnf" -subj "/CN=$2" \
            -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
            -keyout "$d/$1.key" -out "$d/$1.csr" >>"$d/log" 2>&1 ||
            ! NC_SAN=$3 openssl ca -batch -config "$d/ca.cnf" \
                -cert "$d/${6:-ca}.pem" -keyfile "$d/${6:-ca}.key" \
                -in "$d/$1.csr" \
                -out "$d/$1.pem" -extensions leaf_ext -notext \
                -startdate "$4" -enddate "$5" >>"$d/log" 2>&1; then
            cat "$d/log" >&2
            return 1
        fi
    }

    san=
    for n in $NC_VALID_NAMES; do
        san="${san:+$san,}DNS:$n"
    done
    local start end
    start=$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)
    end=$(date -u -d '+30 days' +%Y%m%d%H%M%SZ)
    nc_pki_leaf valid valid.nc.test "$san" "$start" "$end" || return 1
    nc_pki_leaf wrong other.invalid DNS:other.invalid "$start" "$end" ||
        return 1
    nc_pki_leaf expired expired.nc.test DNS:expired.nc.test \
        20200101000000Z 20210101000000Z || return 1
    nc_pki_leaf partial partial.nc.test 'DNS:w*.nc.test' "$start" "$end" ||
        return 1
    NC_SAN=DNS:self.nc.test openssl req -x509 -config "$d/ca.cnf" \
        -extensions leaf_ext -subj /CN=self.nc.test -newkey ec \
        -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$d/self.key" \
        -out "$d/self.pem" -days 30 >>"$d/log" 2>&1 ||
        { cat "$d/log" >&2; return 1; }
}

# nc_nginx: HTTPS and HTTP servers in the server namespace.
#   VALID:443   valid cert, "OK" on every path
#   SELF:443    self-signed   WRONG:443 wrong name   EXPIRED:443 expired
#   VALID:80 and OUTSIDE:80 and OUTSIDE:443 (valid cert):
#     /            200 "OK"
#     /ncsi.txt    200 "Microsoft NCSI"
#     /403 403, /503 503, /big 200 NC_BIG_BODY
#     /slow        proxied to the blackholed address: no answer for 30 s
#   BLOCK:80    200 "Access denied by policy" on every path
#   PARTIAL:443 cert with the partial wildcard SAN w*.nc.test, "OK"
# A 10,004-byte body: 10,000 'b' then "END1" (test_http.sh).
NC_BIG_BODY=$(printf 'b%.0s' $(seq 1 10000))END1

nc_nginx()
{
    local d="$T/nginx" p="$T/pki"
    mkdir -p "$d/tmp" "$d/www" || return 1
    printf '%s' "$NC_BIG_BODY" >"$d/www/big"
    cat >"$d/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $d/nginx.pid;
error_log $d/error.log info;
events { worker_connections 512; }
http {
    access_log $d/access.log;
    client_body_temp_path $d/tmp/body;
    proxy_temp_path $d/tmp/proxy;
    fastcgi_temp_path $d/tmp/fastcgi;
    uwsgi_temp_path $d/tmp/uwsgi;
    scgi_temp_path $d/tmp/scgi;
    default_type text/plain;
    server_tokens off;
    large_client_header_buffers 4 32k;
    ssl_protocols TLSv1.2 TLSv1.3;

    server {
        listen $NC_IP_VALID:80;
        listen $NC_IP_OUTSIDE:80;
        listen $NC_IP_VALID:443 ssl;
        listen $NC_IP_OUTSIDE:443 ssl;
        ssl_certificate $p/valid.pem;
        ssl_certificate_key $p/valid.key;
        location = /ncsi.txt { return 200 "Microsoft NCSI"; }
        location = /403 { return 403 "forbidden"; }
        location = /503 { return 503 "unavailable"; }
        location = /big { root $d/www; }
        location = /slow {
            proxy_pass http://$NC_IP_BLACKHOLE:80;
            proxy_connect_timeout 30s;
        }
        location / { return 200 "OK"; }
    }
    server {
        listen $NC_IP_SELF:443 ssl;
        ssl_certificate $p/self.pem;
        ssl_certificate_key $p/self.key;
        location / { return 200 "OK"; }
    }
    server {
        listen $NC_IP_WRONG:443 ssl;
        ssl_certificate $p/wrong.pem;
        ssl_certificate_key $p/wrong.key;
        location / { return 200 "OK"; }
    }
    server {
        listen $NC_IP_EXPIRED:443 ssl;
        ssl_certificate $p/expired.pem;
        ssl_certificate_key $p/expired.key;
        location / { return 200 "OK"; }
    }
    server {
        listen $NC_IP_PARTIAL:443 ssl;
        ssl_certificate $p/partial.pem;
        ssl_certificate_key $p/partial.key;
        location / { return 200 "OK"; }
    }
    server {
        listen $NC_IP_BLOCK:80;
        location / { return 200 "<html>Access denied by policy</html>"; }
    }
}
EOF
    nc_bg "$NC_NS_s" "$d/stderr.log" nginx -c "$d/nginx.conf" -p "$d" \
        -e "$d/error.log"
    nc_wait_listen "$NC_NS_s" tcp "$NC_IP_BLOCK" 80 "$NC_LAST_PID" || {
        cat "$d/stderr.log" "$d/error.log" >&2
        return 1
    }
}

# nc_dnsmasq: names under nc.test (README.md lists them). Unknown names
# under nc.test are NXDOMAIN (--local); nodata.nc.test has only a TXT
# record; only dual and v6only have AAAA records, so other AAAA answers are
# no-data. sink and sink127 answer 0.0.0.0 and 127.0.0.1, as a filtering
# resolver does for a blocked name.
nc_dnsmasq()
{
    local d="$T/dnsmasq" rec
    local -a args
    mkdir -p "$d" || return 1
    args=(
        --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts
        --no-poll --user=root --group=root "--pid-file=$d/dnsmasq.pid"
        "--listen-address=$NC_IP_DNS" --bind-interfaces --port=53
        --log-queries "--log-facility=$d/queries.log"
        "--local=/$NC_DOMAIN/" --domain-needed
        "--cname=alias.nc.test,valid.nc.test"
        "--txt-record=nodata.nc.test,no address here"
    )
    for rec in \
        "valid $NC_IP_VALID" "www $NC_IP_VALID" "slow $NC_IP_VALID" \
        "self $NC_IP_SELF" "wrong $NC_IP_WRONG" "expired $NC_IP_EXPIRED" \
        "block $NC_IP_BLOCK" "refused $NC_IP_REFUSED" \
        "blackhole $NC_IP_BLACKHOLE" "unreach $NC_IP_UNREACH" \
        "outside $NC_IP_OUTSIDE" "s1.wild $NC_IP_VALID" \
        "half $NC_IP_VALID" "half $NC_IP_REFUSED" \
        "two $NC_IP_VALID" "two $NC_IP_OUTSIDE" "www1 $NC_IP_PARTIAL" \
        "sink 0.0.0.0" "sink127 127.0.0.1" \
        "dual $NC_IP_VALID,$NC_IP6_DUAL" "v6only $NC_IP6_ONLY"; do
        args+=("--host-record=${rec% *}.$NC_DOMAIN,${rec#* }")
    done
    nc_bg "$NC_NS_s" "$d/stderr.log" dnsmasq "${args[@]}"
    nc_wait_listen "$NC_NS_s" udp "$NC_IP_DNS" 53 "$NC_LAST_PID" || {
        cat "$d/stderr.log" >&2
        return 1
    }
}

# nc_dnsresp: the scripted responder (dnsresp.c) on NC_IP_DNSRESP:53;
# afail6.* names get the A record NC_IP_VALID and SERVFAIL for AAAA.
nc_dnsresp()
{
    local d="$T/dnsresp"
    if [ -z "$NC_DNSRESP" ] || [ ! -x "$NC_DNSRESP" ]; then
        nc_die "NC_DNSRESP not set to the dnsresp binary"
    fi
    mkdir -p "$d" || return 1
    nc_bg "$NC_NS_s" "$d/log" "$NC_DNSRESP" "$NC_IP_DNSRESP" 53 \
        "$NC_IP_VALID"
    nc_wait_listen "$NC_NS_s" udp "$NC_IP_DNSRESP" 53 "$NC_LAST_PID" || {
        cat "$d/log" >&2
        return 1
    }
}

# nc_world: everything above.
nc_world()
{
    nc_topology
    nc_pki || nc_die "test PKI"
    nc_nginx || nc_die "nginx did not start"
    nc_dnsmasq || nc_die "dnsmasq did not start"
    nc_dnsresp || nc_die "dnsresp did not start"
}

# nc_run ARGS...: run netcheck in the client namespace against dnsmasq and
# the test root; stdout in $T/out, stderr in $T/err, exit status in NC_RC.
# Set NC_DNS to use another resolver (e.g. "$NC_IP_DNSRESP").
nc_run()
{
    ip netns exec "$NC_NS_c" "$NETCHECK" run \
        --dns-server "${NC_DNS:-$NC_IP_DNS}" --ca-bundle "$T/pki/ca.pem" \
        "$@" >"$T/out" 2>"$T/err" </dev/null
    NC_RC=$?
    NC_LAST_ARGS="$*"
    nc_keep_report run "$@"
}

# nc_exec ARGS...: run netcheck with exactly ARGS (no added options).
nc_exec()
{
    ip netns exec "$NC_NS_c" "$NETCHECK" "$@" >"$T/out" 2>"$T/err" \
        </dev/null
    NC_RC=$?
    NC_LAST_ARGS="$*"
    nc_keep_report "$@"
}

# nc_keep_report NETCHECK-ARGS...: after a finished `netcheck run` (exit 0
# or 1) in a machine-read format (json, junit, prometheus), keep a copy of
# its report ($T/out, or the -o file) for nc_done, which checks every kept
# report against its format's schema (nc_validate_reports): every such
# report any integration test makes is validated, without each test
# asking for it.
nc_keep_report()
{
    local fmt= file= prev= a save= quiet= diff=
    [ "${1:-}" = run ] || return 0
    case ${NC_RC:-} in 0 | 1) ;; *) return 0 ;; esac
    for a in "$@"; do
        case $prev in
        --format) fmt=$a ;;
        -o | --output) file=$a ;;
        --save) save=$a ;;
        --baseline) diff=1 ;; # the output is a diff, not a run report
        esac
        case $a in
        --format=*) fmt=${a#--format=} ;;
        --output=*) file=${a#--output=} ;;
        --save=*) save=${a#--save=} ;;
        --baseline=*) diff=1 ;;
        -q | --quiet) quiet=1 ;;
        esac
        prev=$a
    done
    # --save writes the run's own JSON report, whatever the rest says.
    if [ -n "$save" ] && [ -s "$save" ]; then
        mkdir -p "$T/reports"
        NC_REPORT_N=$((NC_REPORT_N + 1))
        cp "$save" "$T/reports/$NC_REPORT_N.json" &&
            printf '%s.json\t%s\n' "$NC_REPORT_N" "${NC_LAST_ARGS:-}" \
                >>"$T/reports/index"
    fi
    [ -z "$quiet" ] && [ -z "$diff" ] || return 0
    case $fmt in json | junit | prometheus) ;; *) return 0 ;; esac
    [ -n "$file" ] && [ "$file" != - ] || file=$T/out
    [ -s "$file" ] || return 0
    mkdir -p "$T/reports"
    NC_REPORT_N=$((NC_REPORT_N + 1))
    cp "$file" "$T/reports/$NC_REPORT_N.$fmt" || return 0
    printf '%s.%s\t%s\n' "$NC_REPORT_N" "$fmt" "${NC_LAST_ARGS:-}" \
        >>"$T/reports/index"
}

# nc_validate_reports: the kept reports against the schemas: JSON against
# netcheck/report/schema/report-1.schema.json (python3-jsonschema), JUnit
# against the Jenkins xunit plugin's junit-10.xsd (xmllint, libxml2-utils),
# Prometheus with promtool check metrics (Debian's prometheus). One
# assertion per format that has reports; a missing validator fails it.
nc_validate_reports()
{
    local -a files=()
    local f out rc
    [ "$NC_REPORT_N" -gt 0 ] || return 0
    mapfile -t files < <(ls "$T"/reports/*.json 2>/dev/null)
    if [ ${#files[@]} -gt 0 ]; then
        NC_ASSERTS=$((NC_ASSERTS + 1))
        out=$(/usr/bin/python3 "$NC_LIBDIR/schema/validate_json.py" \
            "$NC_LIBDIR/../../netcheck/report/schema/report-1.schema.json" \
            "${files[@]}" 2>&1)
        rc=$?
        if [ $rc = 0 ]; then
            nc_pass "${#files[@]} JSON reports valid against report-1.schema.json"
        else
            nc_fail "JSON reports against report-1.schema.json (python3-jsonschema): $out"
            nc_report_args "$out"
        fi
    fi
    mapfile -t files < <(ls "$T"/reports/*.junit 2>/dev/null)
    if [ ${#files[@]} -gt 0 ]; then
        NC_ASSERTS=$((NC_ASSERTS + 1))
        if out=$(xmllint --noout --schema "$NC_LIBDIR/schema/junit-10.xsd" \
            "${files[@]}" 2>&1); then
            nc_pass "${#files[@]} JUnit reports valid against junit-10.xsd"
        else
            nc_fail "JUnit reports against junit-10.xsd: $(printf '%s' "$out" | grep -v validates)"
            nc_report_args "$out"
        fi
    fi
    mapfile -t files < <(ls "$T"/reports/*.prometheus 2>/dev/null)
    if [ ${#files[@]} -gt 0 ]; then
        NC_ASSERTS=$((NC_ASSERTS + 1))
        rc=0
        out=
        for f in "${files[@]}"; do
            if ! promtool check metrics <"$f" >"$T/promtool.out" 2>&1; then
                rc=1
                out="$out $f: $(head -c 300 "$T/promtool.out")"
            fi
        done
        if [ $rc = 0 ]; then
            nc_pass "${#files[@]} Prometheus reports pass promtool check metrics"
        else
            nc_fail "Prometheus reports (promtool check metrics):$out"
            nc_report_args "$out"
        fi
    fi
}

# nc_report_args TEXT: the netcheck arguments of each kept report TEXT names.
nc_report_args()
{
    local name args
    while IFS=$'\t' read -r name args; do
        case $1 in *"/$name"*) printf '  %s: netcheck %s\n' "$name" "$args" |
            nc_short ;;
        esac
    done <"$T/reports/index"
}

# nc_exec_stdin FILE ARGS...: nc_exec with FILE on standard input.
nc_exec_stdin()
{
    local in=$1
    shift
    ip netns exec "$NC_NS_c" "$NETCHECK" "$@" >"$T/out" 2>"$T/err" <"$in"
    NC_RC=$?
    NC_LAST_ARGS="$* <$in"
    nc_keep_report "$@"
}

# nc_file NAME: write stdin to $T/NAME and print its path.
nc_file()
{
    cat >"$T/$1"
    printf '%s\n' "$T/$1"
}

# Messages and dumps are cut to keep a failing log readable.
nc_short()
{
    cut -c1-240
}

nc_fail()
{
    NC_FAILS=$((NC_FAILS + 1))
    printf 'FAIL: %s\n' "$*" | nc_short
    printf '  netcheck %s -> exit %s\n' "${NC_LAST_ARGS:-}" "${NC_RC:-?}" |
        nc_short
    if [ -s "$T/err" ]; then
        echo "  stderr:"
        sed 's/^/    /' "$T/err" | head -20 | nc_short
    fi
    if [ -s "$T/out" ]; then
        echo "  stdout:"
        sed 's/^/    /' "$T/out" | head -60 | nc_short
    fi
}

nc_pass()
{
    printf 'ok: %s\n' "$*" | nc_short
}

# assert_rc WANT [WHAT]
assert_rc()
{
    NC_ASSERTS=$((NC_ASSERTS + 1))
    if [ "$NC_RC" = "$1" ]; then
        nc_pass "${2:-exit status} is $1"
    else
        nc_fail "${2:-exit status}: want $1, got $NC_RC"
    fi
}

# assert_json JQ_FILTER WANT: the filter applied to $T/out prints WANT
# (jq -r, lines joined by spaces).
assert_json()
{
    local got
    NC_ASSERTS=$((NC_ASSERTS + 1))
    got=$(jq -r "$1" "$T/out" 2>&1 | tr '\n' ' ' | sed 's/ $//')
    if [ "$got" = "$2" ]; then
        nc_pass "$1 == $2"
    else
        nc_fail "$1: want '$2', got '$got'"
    fi
}

# assert_check NAME FIELD WANT: shorthand for a field of the named check.
assert_check()
{
    assert_json ".checks[] | select(.name == \"$1\") | $2" "$3"
}

# assert_match FILE REGEX [WHAT] (grep -E); assert_no_match is the reverse
assert_match()
{
    NC_ASSERTS=$((NC_ASSERTS + 1))
    if grep -Eq -- "$2" "$1"; then
        nc_pass "${3:-$(basename "$1")} matches /$2/"
    else
        nc_fail "${3:-$(basename "$1")} does not match /$2/"
    fi
}

assert_no_match()
{
    NC_ASSERTS=$((NC_ASSERTS + 1))
    if grep -Eq -- "$2" "$1"; then
        nc_fail "${3:-$(basename "$1")} matches /$2/ but must not"
    else
        nc_pass "${3:-$(basename "$1")} does not match /$2/"
    fi
}

# assert_true WHAT CMD...: CMD must succeed.
assert_true()
{
    local what=$1
    shift
    NC_ASSERTS=$((NC_ASSERTS + 1))
    if "$@" >/dev/null; then
        nc_pass "$what"
    else
        nc_fail "$what"
    fi
}

# assert_valid_json: $T/out parses as JSON with schema 1.
assert_valid_json()
{
    NC_ASSERTS=$((NC_ASSERTS + 1))
    if jq -e '.schema == 1' "$T/out" >/dev/null 2>&1; then
        nc_pass "stdout is JSON with schema 1"
    else
        nc_fail "stdout is not JSON with schema 1"
    fi
}

# assert_text_rc_same ARGS...: rerun the last JSON run (same ARGS as nc_run)
# with --format text; the exit status must match. The text report lands in
# $T/out.text.
assert_text_rc_same()
{
    local json_rc=$NC_RC
    cp "$T/out" "$T/out.json"
    nc_run "$@" --format text
    NC_ASSERTS=$((NC_ASSERTS + 1))
    if [ "$NC_RC" = "$json_rc" ]; then
        nc_pass "text format exits $NC_RC like json"
    else
        nc_fail "text format exits $NC_RC, json exited $json_rc"
    fi
    cp "$T/out" "$T/out.text"
    cp "$T/out.json" "$T/out"
    NC_RC=$json_rc
}

nc_done()
{
    nc_validate_reports
    echo "$NC_ASSERTS assertions, $NC_FAILS failed"
    [ "$NC_ASSERTS" -gt 0 ] || nc_die "no assertion ran"
    [ "$NC_FAILS" = 0 ]
    exit $?
}

# ---- proxy tests (test_proxy*.sh) ----

# Squid (tests/integration/proxy/squid.conf.in): one process, three proxies.
NC_IP_PROXY=203.0.113.30      # open proxy :3128
NC_IP_PROXY_AUTH=203.0.113.31 # Basic auth :3128 (user NC_PROXY_USER)
NC_IP_PROXY_DENY=203.0.113.32 # 403 to CONNECT/GET for NC_PROXY_DENIED
NC_PROXY_NAMED=valid.nc.test  # the open proxy by name: NC_IP_VALID:3128
NC_PROXY_DENIED=www.nc.test
NC_PROXY_USER=agent
NC_PROXY_PASS=S3cret-Pass-Do-Not-Print
# Dead proxies: REFUSED:3128 answers RST, BLACKHOLE:3128 never answers,
# noproxy.nc.test is NXDOMAIN.

# nc_squid [NAME=ADDRESS...]: start squid in the server namespace (after
# nc_world). Each NAME=ADDRESS goes into squid's hosts file: names only the
# proxy can resolve. squid drops root for cache_effective_user proxy, so
# its directory belongs to proxy, and $T becomes group proxy with g+x
# (traverse only; others still cannot enter).
nc_squid()
{
    local d="$T/squid" a tmpl
    tmpl="$(dirname "${BASH_SOURCE[0]}")/proxy/squid.conf.in"
    command -v squid >/dev/null || nc_die "'squid' not installed"
    [ -r "$tmpl" ] || nc_die "missing $tmpl"
    for a in "$NC_IP_PROXY" "$NC_IP_PROXY_AUTH" "$NC_IP_PROXY_DENY"; do
        ip -n "$NC_NS_s" addr add "$a/32" dev lo || nc_die "addr $a"
    done
    mkdir -p "$d" || return 1
    : >"$d/hosts"
    for a in "$@"; do
        printf '%s %s\n' "${a#*=}" "${a%%=*}" >>"$d/hosts"
    done
    printf '%s:%s\n' "$NC_PROXY_USER" \
        "$(openssl passwd -apr1 "$NC_PROXY_PASS")" >"$d/htpasswd" || return 1
    sed -e "s|@DIR@|$d|g" -e "s|@OPEN@|$NC_IP_PROXY|g" \
        -e "s|@OPEN_NAMED@|$NC_IP_VALID|g" -e "s|@AUTH@|$NC_IP_PROXY_AUTH|g" \
        -e "s|@DENY@|$NC_IP_PROXY_DENY|g" -e "s|@DENIED@|$NC_PROXY_DENIED|g" \
        -e "s|@DNS@|$NC_IP_DNS|g" "$tmpl" >"$d/squid.conf" || return 1
    chgrp proxy "$T" && chmod 0710 "$T" || return 1
    chown -R proxy:proxy "$d"
    chmod 0600 "$d/htpasswd"
    # squid keeps shared memory segments in /dev/shm under fixed names: give
    # it a private tmpfs there (ip netns exec runs it in its own mount
    # namespace), so nothing outlives it or collides with another squid.
    nc_bg "$NC_NS_s" "$d/stderr.log" sh -c \
        'mount -t tmpfs -o size=16m,mode=1777 nc-squid-shm /dev/shm &&
        exec squid -N -n "$1" -f "$2"' sh "$NC_RUN_ID" "$d/squid.conf"
    for a in "$NC_IP_PROXY" "$NC_IP_VALID" "$NC_IP_PROXY_AUTH" \
        "$NC_IP_PROXY_DENY"; do
        nc_wait_listen "$NC_NS_s" tcp "$a" 3128 "$NC_LAST_PID" || {
            cat "$d/stderr.log" "$d/cache.log" >&2
            return 1
        }
    done
}

# Every variable a proxy-aware client reads; nc_run_env removes them all
# from netcheck's environment before adding the ones a test names.
NC_PROXY_VARS="http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy
ALL_PROXY no_proxy NO_PROXY"

# nc_run_env [VAR=VALUE...] -- ARGS...: like nc_run (test resolver and CA,
# NC_DNS honoured), but netcheck's environment has exactly the given proxy
# variables. nc_exec_env is the same for nc_exec (no added options). Each
# run's stdout and stderr are also kept in $T/outputs for nc_assert_secret.
nc_run_env()
{
    local -a vars=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        vars+=("$1")
        shift
    done
    shift
    nc_exec_env "${vars[@]}" -- run --dns-server "${NC_DNS:-$NC_IP_DNS}" \
        --ca-bundle "$T/pki/ca.pem" "$@"
}

nc_exec_env()
{
    local -a vars=() unset=()
    local v
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        vars+=("$1")
        shift
    done
    shift
    for v in $NC_PROXY_VARS; do
        unset+=(-u "$v")
    done
    ip netns exec "$NC_NS_c" env "${unset[@]}" "${vars[@]}" "$NETCHECK" \
        "$@" >"$T/out" 2>"$T/err" </dev/null
    NC_RC=$?
    NC_LAST_ARGS="${vars[*]} $*"
    nc_keep_report "$@"
    NC_OUT_N=$((${NC_OUT_N:-0} + 1))
    mkdir -p "$T/outputs"
    cp "$T/out" "$T/outputs/$NC_OUT_N.out"
    cp "$T/err" "$T/outputs/$NC_OUT_N.err"
}

# nc_assert_secret SECRET [FILE...]: no output kept by nc_exec_env, and no
# FILE, contains SECRET.
nc_assert_secret()
{
    local secret=$1 hits= f
    shift
    NC_ASSERTS=$((NC_ASSERTS + 1))
    for f in "$T/outputs" "$@"; do
        [ -e "$f" ] || hits="$hits$f (missing) "
    done
    hits=$hits$(grep -rlF -- "$secret" "$T/outputs" "$@" 2>/dev/null |
        tr '\n' ' ')
    if [ -z "$hits" ]; then
        nc_pass "secret absent from $(find "$T/outputs" -type f |
            wc -l) outputs and $# files"
    else
        NC_LAST_ARGS="(secret check)"
        nc_fail "secret printed in (or file missing): $hits"
    fi
}

# nc_squid_mark: remember the length of squid's access log; the asserts
# below look only at what squid logged since. squid logs a tunnel when it
# closes: assert_squid_log waits up to 3 s for the line, assert_squid_no_log
# gives stragglers 0.3 s.
nc_squid_mark()
{
    NC_SQUID_MARK=$(wc -l <"$T/squid/access.log")
}

nc_squid_new()
{
    tail -n "+$((NC_SQUID_MARK + 1))" "$T/squid/access.log" >"$T/squid.new"
}

# assert_squid_log REGEX [WHAT]
assert_squid_log()
{
    local _
    for _ in $(seq 1 30); do
        nc_squid_new
        grep -Eq -- "$1" "$T/squid.new" && break
        sleep 0.1
    done
    assert_match "$T/squid.new" "$1" "${2:-squid log}"
}

# assert_squid_no_log REGEX [WHAT]
assert_squid_no_log()
{
    sleep 0.3
    nc_squid_new
    assert_no_match "$T/squid.new" "$1" "${2:-squid log}"
}

# ---- the Negotiate-only squid (test_proxy_negotiate.sh) ----

NC_IP_PROXY_NEGO=203.0.113.33 # Negotiate-only :3128 (squid-negotiate.conf.in)

# nc_squid_negotiate: start a second squid in the server namespace (after
# nc_world) from tests/integration/proxy/squid-negotiate.conf.in, whose
# only auth scheme is Negotiate with a fake helper that answers BH to
# everything. Its logs are in $T/squid-nego: access.log, auth.log (method,
# URL and the Proxy-Authorization each request carried), and helper.log
# (one line per token the helper was asked about).
nc_squid_negotiate()
{
    local d="$T/squid-nego" src
    src="$(dirname "${BASH_SOURCE[0]}")/proxy"
    command -v squid >/dev/null || nc_die "'squid' not installed"
    if [ ! -r "$src/squid-negotiate.conf.in" ] ||
        [ ! -r "$src/negotiate_helper.sh" ]; then
        nc_die "missing $src/squid-negotiate.conf.in or negotiate_helper.sh"
    fi
    ip -n "$NC_NS_s" addr add "$NC_IP_PROXY_NEGO/32" dev lo ||
        nc_die "addr $NC_IP_PROXY_NEGO"
    mkdir -p "$d" || return 1
    cp "$src/negotiate_helper.sh" "$d/negotiate_helper.sh" || return 1
    : >"$d/helper.log"
    sed -e "s|@DIR@|$d|g" -e "s|@NEGO@|$NC_IP_PROXY_NEGO|g" \
        -e "s|@DNS@|$NC_IP_DNS|g" "$src/squid-negotiate.conf.in" \
        >"$d/squid.conf" || return 1
    chgrp proxy "$T" && chmod 0710 "$T" || return 1
    chown -R proxy:proxy "$d"
    # Its own tmpfs on /dev/shm and its own service name, as nc_squid.
    nc_bg "$NC_NS_s" "$d/stderr.log" sh -c \
        'mount -t tmpfs -o size=16m,mode=1777 nc-squid-shm /dev/shm &&
        exec squid -N -n "$1" -f "$2"' sh "${NC_RUN_ID}nego" "$d/squid.conf"
    nc_wait_listen "$NC_NS_s" tcp "$NC_IP_PROXY_NEGO" 3128 "$NC_LAST_PID" || {
        cat "$d/stderr.log" "$d/cache.log" >&2
        return 1
    }
}

# nc_log_mark FILE: remember how many lines FILE has (NC_LOG_MARK); the
# count below looks only at lines added since.
nc_log_mark()
{
    NC_LOG_MARK=$(wc -l <"$1")
}

# assert_log_count FILE REGEX N [WHAT]: exactly N lines matching REGEX
# (grep -E) were added to FILE since nc_log_mark. squid logs a request when
# it ends: wait up to 3 s for N of them, then 0.3 s for any extra one.
assert_log_count()
{
    local file=$1 re=$2 want=$3 got _
    for _ in $(seq 1 30); do
        got=$(tail -n "+$((NC_LOG_MARK + 1))" "$file" | grep -Ec -- "$re")
        [ "$got" -ge "$want" ] && break
        sleep 0.1
    done
    sleep 0.3
    got=$(tail -n "+$((NC_LOG_MARK + 1))" "$file" | grep -Ec -- "$re")
    NC_ASSERTS=$((NC_ASSERTS + 1))
    if [ "$got" = "$want" ]; then
        nc_pass "${4:-$(basename "$file")}: $want lines match /$re/"
    else
        nc_fail "${4:-$(basename "$file")}: want $want lines matching /$re/, got $got"
    fi
}

# ---- roots, inspection and validity (test_tls.sh, test_clock.sh) ----

# A second PKI in $T/tlspki (nc_tls_pki), served by a second nginx on one
# address, a server per name (SNI), and named by a second dnsmasq. The test
# bundle (bundle.pem) holds the "public" root, which a test profile lists in
# tls_issuers, and the "inspection" root, which it does not: a locally
# trusted TLS inspection root. The "rogue" root is trusted nowhere.
NC_IP_TLS=203.0.113.60     # nginx: every NC_TLS_SITES name on :443 (SNI)
NC_IP_DNS_TLS=203.0.113.56 # dnsmasq: those names, all NC_IP_TLS
NC_TLS_PUBLIC_ROOT="Netcheck Public Root CA"
NC_TLS_INTER="Netcheck Issuing CA 1"
NC_TLS_INSPECT_ROOT="Contoso Inspection CA"
NC_TLS_ROGUE_ROOT="Rogue Inspection Root"
# NAME:HOST pairs: the certificate ($T/tlspki/NAME.pem) and the name nginx
# serves it for.
#   pub      from the public root, valid now (until NC_TLS_PUB_UNTIL)
#   chain    from the intermediate, served with it
#   short    from the intermediate, served without it
#   self     self-signed
#   wrong    from the public root, SAN other.invalid only
#   old      from the public root, 2020-01-01 to 2021-01-01
#   future   from the public root, valid from NC_TLS_FUTURE_FROM (+30 days)
#   soon     from the public root, valid from NC_TLS_SOON_FROM (+120 s)
#   inspect  from the inspection root (sent alone, as inspection boxes do)
#   rogue    from the rogue root, sent with that root
NC_TLS_SITES="pub:pub.nc.test chain:chain.nc.test short:short.nc.test
self:selfsigned.nc.test wrong:wrongname.nc.test old:old.nc.test
future:future.nc.test soon:soon.nc.test inspect:inspect.nc.test
rogue:rogue.nc.test"

# nc_tls_pki: the roots, the intermediate and the leaves above. Sets
# NC_TLS_PUB_UNTIL, NC_TLS_FUTURE_FROM and NC_TLS_SOON_FROM to those dates
# as netcheck prints them ("YYYY-MM-DDTHH:MM:SSZ").
nc_tls_pki()
{
    local d="$T/tlspki" now start end pub_until future_from soon_from
    local far=20991231235959Z long=20200101000000Z
    mkdir -p "$d/db" || return 1
    : >"$d/db/index.txt"
    echo 3000 >"$d/db/serial"
    cat >"$d/ca.cnf" <<'CNF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[root_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[inter_ext]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca]
default_ca = testca
[testca]
database = $ENV::NC_PKI/db/index.txt
serial = $ENV::NC_PKI/db/serial
new_certs_dir = $ENV::NC_PKI/db
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[anything]
commonName = supplied
organizationName = optional
[leaf_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $ENV::NC_SAN
CNF
    export NC_PKI="$d" NC_SAN=DNS:unused
    now=$(date -u +%s)
    start=$(date -u -d "@$((now - 86400))" +%Y%m%d%H%M%SZ)
    pub_until=$((now + 30 * 86400))
    end=$(date -u -d "@$pub_until" +%Y%m%d%H%M%SZ)
    future_from=$((now + 30 * 86400))
    soon_from=$((now + 120))
    NC_TLS_PUB_UNTIL=$(date -u -d "@$pub_until" +%Y-%m-%dT%H:%M:%SZ)
    NC_TLS_FUTURE_FROM=$(date -u -d "@$future_from" +%Y-%m-%dT%H:%M:%SZ)
    NC_TLS_SOON_FROM=$(date -u -d "@$soon_from" +%Y-%m-%dT%H:%M:%SZ)

    # nc_tls_key NAME SUBJECT: a key and a request.
    nc_tls_key()
    {
        openssl req -new -config "$d/ca.cnf" -subj "$2" -newkey ec \
            -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$d/$1.key" \
            -out "$d/$1.csr" >>"$d/log" 2>&1
    }
    # nc_tls_sign NAME ISSUER EXT SAN START END (ISSUER "-": itself)
    nc_tls_sign()
    {
        local -a by=(-cert "$d/$2.pem" -keyfile "$d/$2.key")
        [ "$2" = - ] && by=(-selfsign -keyfile "$d/$1.key")
        NC_SAN=$4 openssl ca -batch -config "$d/ca.cnf" "${by[@]}" \
            -in "$d/$1.csr" -out "$d/$1.pem" -extensions "$3" -notext \
            -startdate "$5" -enddate "$6" >>"$d/log" 2>&1
    }
    # nc_tls_leaf NAME HOST ISSUER SAN START END
    nc_tls_leaf()
    {
        nc_tls_key "$1" "/CN=$2" &&
            nc_tls_sign "$1" "$3" leaf_ext "$4" "$5" "$6"
    }
    {
        nc_tls_key public "/O=Netcheck Tests/CN=$NC_TLS_PUBLIC_ROOT" &&
            nc_tls_sign public - root_ext DNS:unused "$long" "$far" &&
            nc_tls_key inspect_root "/O=Contoso/CN=$NC_TLS_INSPECT_ROOT" &&
            nc_tls_sign inspect_root - root_ext DNS:unused "$long" "$far" &&
            nc_tls_key rogue_root "/CN=$NC_TLS_ROGUE_ROOT" &&
            nc_tls_sign rogue_root - root_ext DNS:unused "$long" "$far" &&
            nc_tls_key inter "/O=Netcheck Tests/CN=$NC_TLS_INTER" &&
            nc_tls_sign inter public inter_ext DNS:unused "$long" "$far" &&
            nc_tls_leaf pub pub.nc.test public DNS:pub.nc.test \
                "$start" "$end" &&
            nc_tls_leaf chain chain.nc.test inter DNS:chain.nc.test \
                "$start" "$end" &&
            nc_tls_leaf short short.nc.test inter DNS:short.nc.test \
                "$start" "$end" &&
            nc_tls_leaf self selfsigned.nc.test - DNS:selfsigned.nc.test \
                "$start" "$end" &&
            nc_tls_leaf wrong other.invalid public DNS:other.invalid \
                "$start" "$end" &&
            nc_tls_leaf old old.nc.test public DNS:old.nc.test \
                20200101000000Z 20210101000000Z &&
            nc_tls_leaf future future.nc.test public DNS:future.nc.test \
                "$(date -u -d "@$future_from" +%Y%m%d%H%M%SZ)" \
                "$(date -u -d "@$((future_from + 86400))" +%Y%m%d%H%M%SZ)" &&
            nc_tls_leaf soon soon.nc.test public DNS:soon.nc.test \
                "$(date -u -d "@$soon_from" +%Y%m%d%H%M%SZ)" "$end" &&
            nc_tls_leaf inspect inspect.nc.test inspect_root \
                DNS:inspect.nc.test "$start" "$end" &&
            nc_tls_leaf rogue rogue.nc.test rogue_root DNS:rogue.nc.test \
                "$start" "$end"
    } || {
        cat "$d/log" >&2
        return 1
    }
    # The chain site sends its intermediate too, the short one does not;
    # the rogue site sends its root.
    cat "$d/chain.pem" "$d/inter.pem" >"$d/chain.full.pem" || return 1
    cat "$d/rogue.pem" "$d/rogue_root.pem" >"$d/rogue.full.pem" || return 1
    cat "$d/public.pem" "$d/inspect_root.pem" >"$d/bundle.pem"
}

# nc_tls_nginx: a second nginx in the server namespace on NC_IP_TLS:443,
# one server per NC_TLS_SITES entry, "OK" on every path.
nc_tls_nginx()
{
    local d="$T/tlsnginx" p="$T/tlspki" site name cert
    mkdir -p "$d/tmp" || return 1
    {
        printf '%s\n' "daemon off;" "master_process off;" \
            "worker_processes 1;" "pid $d/nginx.pid;" \
            "error_log $d/error.log info;" \
            "events { worker_connections 256; }" "http {" \
            "    access_log $d/access.log;" \
            "    client_body_temp_path $d/tmp/body;" \
            "    proxy_temp_path $d/tmp/proxy;" \
            "    fastcgi_temp_path $d/tmp/fastcgi;" \
            "    uwsgi_temp_path $d/tmp/uwsgi;" \
            "    scgi_temp_path $d/tmp/scgi;" \
            "    default_type text/plain;" "    server_tokens off;" \
            "    ssl_protocols TLSv1.2 TLSv1.3;"
        for site in $NC_TLS_SITES; do
            name=${site%%:*}
            cert=$p/$name.pem
            [ -e "$p/$name.full.pem" ] && cert=$p/$name.full.pem
            printf '%s\n' "    server {" \
                "        listen $NC_IP_TLS:443 ssl;" \
                "        server_name ${site#*:};" \
                "        ssl_certificate $cert;" \
                "        ssl_certificate_key $p/$name.key;" \
                "        location / { return 200 \"OK\"; }" "    }"
        done
        echo "}"
    } >"$d/nginx.conf"
    ip -n "$NC_NS_s" addr add "$NC_IP_TLS/32" dev lo || return 1
    nc_bg "$NC_NS_s" "$d/stderr.log" nginx -c "$d/nginx.conf" -p "$d" \
        -e "$d/error.log"
    nc_wait_listen "$NC_NS_s" tcp "$NC_IP_TLS" 443 "$NC_LAST_PID" || {
        cat "$d/stderr.log" "$d/error.log" >&2
        return 1
    }
}

# nc_tls_dnsmasq: a resolver on NC_IP_DNS_TLS for the NC_TLS_SITES names
# and the first PKI's valid and expired names; other nc.test names are
# NXDOMAIN.
nc_tls_dnsmasq()
{
    local d="$T/tlsdnsmasq" site
    local -a args
    mkdir -p "$d" || return 1
    ip -n "$NC_NS_s" addr add "$NC_IP_DNS_TLS/32" dev lo || return 1
    args=(
        --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts
        --no-poll --user=root --group=root "--pid-file=$d/dnsmasq.pid"
        "--listen-address=$NC_IP_DNS_TLS" --bind-interfaces --port=53
        "--local=/$NC_DOMAIN/" --domain-needed
        "--host-record=valid.$NC_DOMAIN,$NC_IP_VALID"
        "--host-record=expired.$NC_DOMAIN,$NC_IP_EXPIRED"
    )
    for site in $NC_TLS_SITES; do
        args+=("--host-record=${site#*:},$NC_IP_TLS")
    done
    nc_bg "$NC_NS_s" "$d/stderr.log" dnsmasq "${args[@]}"
    nc_wait_listen "$NC_NS_s" udp "$NC_IP_DNS_TLS" 53 "$NC_LAST_PID" || {
        cat "$d/stderr.log" >&2
        return 1
    }
}

# nc_tls_world: the three above (after nc_world).
nc_tls_world()
{
    nc_tls_pki || nc_die "second test PKI"
    nc_tls_nginx || nc_die "second nginx did not start"
    nc_tls_dnsmasq || nc_die "second dnsmasq did not start"
}

# nc_run_tls ARGS...: netcheck in the client namespace with the second
# resolver and the second PKI's bundle (public and inspection roots).
nc_run_tls()
{
    nc_exec run --dns-server "$NC_IP_DNS_TLS" \
        --ca-bundle "$T/tlspki/bundle.pem" "$@"
}

# ---- datesrv: a server whose clock is off (test_clock.sh) ----

NC_IP_DATE="203.0.113.40 203.0.113.41 203.0.113.42" # datesrv addresses
NC_DATESRV=${NC_DATESRV:-}

# nc_datesrv OFFSET PORT: start datesrv (tests/integration/datesrv.c) on
# PORT of every NC_IP_DATE address (added to the server's lo on first use),
# its Date OFFSET seconds from now. It logs one "answer IP:PORT Date: ..."
# line per answer to $T/datesrv.PORT.log.
nc_datesrv()
{
    local a
    if [ -z "$NC_DATESRV" ] || [ ! -x "$NC_DATESRV" ]; then
        nc_die "NC_DATESRV not set to the datesrv binary"
    fi
    for a in $NC_IP_DATE; do
        if ! ip -n "$NC_NS_s" -4 addr show dev lo | grep -qF " $a/"; then
            ip -n "$NC_NS_s" addr add "$a/32" dev lo || return 1
        fi
    done
    # One argument per address: NC_IP_DATE is split on purpose.
    # shellcheck disable=SC2086
    nc_bg "$NC_NS_s" "$T/datesrv.$2.log" "$NC_DATESRV" "$1" "$2" $NC_IP_DATE
    for a in $NC_IP_DATE; do
        nc_wait_listen "$NC_NS_s" tcp "$a" "$2" "$NC_LAST_PID" || {
            cat "$T/datesrv.$2.log" >&2
            return 1
        }
    done
}

# ---- hostile: servers and proxies that misbehave (test_proxy_hostile.sh) ----

NC_IP_HOSTILE=203.0.113.80 # hostile (tests/integration/hostile.c)
NC_HOSTILE=${NC_HOSTILE:-}
# One port per behaviour on NC_IP_HOSTILE; each serves as a proxy and as a
# destination alike (it answers whatever it is asked).
NC_HOSTILE_SILENT=3128    # reads, never answers
NC_HOSTILE_TUNNEL=3129    # CONNECT 200, then silence
NC_HOSTILE_GARBAGE=3130   # an SSH banner instead of HTTP
NC_HOSTILE_AUTHCLOSE=3131 # 407 (NTLM, Basic), then close
NC_HOSTILE_BIGHDR=3132    # 200 and 1 MiB of headers
NC_HOSTILE_CHUNKOVER=3133 # chunked, with a 20-hex-digit chunk size
NC_HOSTILE_TRICKLE=3134   # slow-loris: a byte of header every 200 ms
NC_HOSTILE_ENDLESS=3135   # 200 and a body that never ends
NC_HOSTILE_CLOSE=3136     # reads the request, closes without a byte

# nc_hostile: start hostile in the server namespace with every behaviour
# above on its port; it logs one "request IP:PORT METHOD TARGET auth=..."
# line per request head to $T/hostile.log.
nc_hostile()
{
    local m
    if [ -z "$NC_HOSTILE" ] || [ ! -x "$NC_HOSTILE" ]; then
        nc_die "NC_HOSTILE not set to the hostile binary"
    fi
    ip -n "$NC_NS_s" addr add "$NC_IP_HOSTILE/32" dev lo || return 1
    nc_bg "$NC_NS_s" "$T/hostile.log" "$NC_HOSTILE" \
        "silent:$NC_IP_HOSTILE:$NC_HOSTILE_SILENT" \
        "tunnel:$NC_IP_HOSTILE:$NC_HOSTILE_TUNNEL" \
        "garbage:$NC_IP_HOSTILE:$NC_HOSTILE_GARBAGE" \
        "authclose:$NC_IP_HOSTILE:$NC_HOSTILE_AUTHCLOSE" \
        "bighdr:$NC_IP_HOSTILE:$NC_HOSTILE_BIGHDR" \
        "chunkover:$NC_IP_HOSTILE:$NC_HOSTILE_CHUNKOVER" \
        "trickle:$NC_IP_HOSTILE:$NC_HOSTILE_TRICKLE" \
        "endless:$NC_IP_HOSTILE:$NC_HOSTILE_ENDLESS" \
        "close:$NC_IP_HOSTILE:$NC_HOSTILE_CLOSE"
    for m in "$NC_HOSTILE_SILENT" "$NC_HOSTILE_CLOSE"; do
        nc_wait_listen "$NC_NS_s" tcp "$NC_IP_HOSTILE" "$m" \
            "$NC_LAST_PID" || {
            cat "$T/hostile.log" >&2
            return 1
        }
    done
}

# ---- two ways out of the client: internet and ExpressRoute (test_route.sh) ----

# nc_route_world replaces nc_world's flat link with a router namespace. Unlike
# nc_world, the client has a default route, but it leads only into the router:
#
#  client <run>-c               router <run>-r             servers <run>-s
#  inet0 198.51.100.2/30 <----> rinet 198.51.100.1/30
#  er0   198.51.100.6/30 <----> rer0  198.51.100.5/30
#                               rsrv  198.51.100.9/30 <--> veth0 198.51.100.10/30
#  default via .1 dev inet0     ip_forward=1 (only here)   lo: 203.0.113.x/32,
#  203.0.113.0/26 via .5 dev er0  203.0.113.0/24 and       198.51.100.80/32
#  unreachable 10.99.0.0/16       198.51.100.80 via .10    198.51.100.0/29 via .9
#
# The client's default route leads only into the router, which knows only
# the test subnets and has no default route itself: nothing can leave the
# machine. 10.99.0.0/16 is "unreachable" in the client, a guard: a private
# answer would fail locally with ENETUNREACH, no packet built, and an
# nftables counter would show it (nc_route_private_count). No test sends
# to it.
NC_NS_r=
NC_RT_INET_DEV=inet0
NC_RT_ER_DEV=er0
NC_RT_INET_C=198.51.100.2 # client side of the internet link
NC_RT_INET_GW=198.51.100.1 # the default gateway (router)
NC_RT_ER_C=198.51.100.6   # client side of the ExpressRoute link
NC_RT_ER_GW=198.51.100.5  # the ExpressRoute next hop (router)
NC_RT_SRV_R=198.51.100.9  # router side of the server link
NC_RT_SRV_S=198.51.100.10 # server side
NC_RT_ER_RANGE=203.0.113.0/26 # routed by er0 (VALID, DNS and the proxies)
NC_RT_PRIVATE=10.99.0.0/16    # unreachable in the client: never sent to

# nc_route_er_add / nc_route_er_del: the client's specific route by er0.
nc_route_er_add()
{
    ip -n "$NC_NS_c" route replace "$NC_RT_ER_RANGE" via "$NC_RT_ER_GW" \
        dev "$NC_RT_ER_DEV"
}

nc_route_er_del()
{
    ip -n "$NC_NS_c" route del "$NC_RT_ER_RANGE"
}

# nc_route_topology: the three namespaces above, links created inside them.
nc_route_topology()
{
    local a ns
    NC_NS_r=$NC_RUN_ID-r
    nc_netns_add "$NC_NS_s" || nc_die "ip netns add"
    nc_netns_add "$NC_NS_r" || nc_die "ip netns add"
    ip -n "$NC_NS_c" link add "$NC_RT_INET_DEV" type veth peer name rinet \
        netns "$NC_NS_r" || nc_die "veth inet"
    ip -n "$NC_NS_c" link add "$NC_RT_ER_DEV" type veth peer name rer0 \
        netns "$NC_NS_r" || nc_die "veth er0"
    ip -n "$NC_NS_r" link add rsrv type veth peer name veth0 \
        netns "$NC_NS_s" || nc_die "veth srv"
    ip -n "$NC_NS_c" addr add "$NC_RT_INET_C/30" dev "$NC_RT_INET_DEV"
    ip -n "$NC_NS_c" addr add "$NC_RT_ER_C/30" dev "$NC_RT_ER_DEV"
    ip -n "$NC_NS_r" addr add "$NC_RT_INET_GW/30" dev rinet
    ip -n "$NC_NS_r" addr add "$NC_RT_ER_GW/30" dev rer0
    ip -n "$NC_NS_r" addr add "$NC_RT_SRV_R/30" dev rsrv
    ip -n "$NC_NS_s" addr add "$NC_RT_SRV_S/30" dev veth0
    for a in "$NC_NS_c:$NC_RT_INET_DEV" "$NC_NS_c:$NC_RT_ER_DEV" \
        "$NC_NS_r:rinet" "$NC_NS_r:rer0" "$NC_NS_r:rsrv" "$NC_NS_s:veth0"; do
        ip -n "${a%%:*}" link set "${a#*:}" up || nc_die "link ${a#*:}"
    done
    for a in "$NC_IP_VALID" "$NC_IP_SELF" "$NC_IP_WRONG" "$NC_IP_EXPIRED" \
        "$NC_IP_BLOCK" "$NC_IP_PARTIAL" "$NC_IP_REFUSED" \
        "$NC_IP_BLACKHOLE" "$NC_IP_DNS" "$NC_IP_DNSRESP" "$NC_IP_OUTSIDE"; do
        ip -n "$NC_NS_s" addr add "$a/32" dev lo || nc_die "addr $a"
    done
    ip netns exec "$NC_NS_r" sysctl -qw net.ipv4.ip_forward=1 ||
        nc_die "ip_forward in the router"
    if ! { ip -n "$NC_NS_r" route add 203.0.113.0/24 via "$NC_RT_SRV_S" &&
        ip -n "$NC_NS_r" route add "$NC_IP_OUTSIDE/32" via "$NC_RT_SRV_S" &&
        ip -n "$NC_NS_s" route add 198.51.100.0/29 via "$NC_RT_SRV_R" &&
        ip -n "$NC_NS_c" route add default via "$NC_RT_INET_GW" \
            dev "$NC_RT_INET_DEV" &&
        nc_route_er_add &&
        ip -n "$NC_NS_c" route add unreachable "$NC_RT_PRIVATE"; }; then
        nc_die "routes"
    fi
    ip netns exec "$NC_NS_c" nft -f - <<NFT || nc_die "nft"
table ip ncprivate {
    counter tried { }
    chain output {
        type filter hook output priority 0; policy accept;
        ip daddr $NC_RT_PRIVATE counter name tried drop
    }
}
NFT
    # Guards: only the client has a default route, and it leads into the
    # router; neither the router nor the servers have one.
    [ "$(ip -n "$NC_NS_c" route show default | sed 's/ *$//')" = \
        "default via $NC_RT_INET_GW dev $NC_RT_INET_DEV" ] ||
        nc_die "client default route is not the router"
    for ns in "$NC_NS_r" "$NC_NS_s"; do
        if ip -n "$ns" route show default | grep -q .; then
            nc_die "namespace $ns has a default route"
        fi
    done
}

# nc_route_private_count: packets the client tried to send to
# NC_RT_PRIVATE (must stay 0).
nc_route_private_count()
{
    ip netns exec "$NC_NS_c" nft list counter ip ncprivate tried |
        sed -n 's/.*packets \([0-9]*\).*/\1/p'
}

# nc_route_world: nc_route_topology, then nc_world's PKI, nginx and dnsmasq.
nc_route_world()
{
    nc_route_topology
    nc_pki || nc_die "test PKI"
    nc_nginx || nc_die "nginx did not start"
    nc_dnsmasq || nc_die "dnsmasq did not start"
}

# nc_dnsmasq_extra IP NAME=ADDRESS...: a further dnsmasq in the server
# namespace on IP (added to its lo), answering only the given names (their
# AAAA queries get no-data; other names are REFUSED, no upstream); its
# query log is $T/dnsmasq-IP/queries.log.
nc_dnsmasq_extra()
{
    local ip=$1 d="$T/dnsmasq-$1" rec
    local -a args
    shift
    mkdir -p "$d" || return 1
    ip -n "$NC_NS_s" addr add "$ip/32" dev lo || return 1
    args=(
        --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts
        --no-poll --user=root --group=root "--pid-file=$d/dnsmasq.pid"
        "--listen-address=$ip" --bind-interfaces --port=53
        --log-queries "--log-facility=$d/queries.log"
    )
    for rec in "$@"; do
        args+=("--host-record=${rec%%=*},${rec#*=}" "--local=/${rec%%=*}/")
    done
    nc_bg "$NC_NS_s" "$d/stderr.log" dnsmasq "${args[@]}"
    nc_wait_listen "$NC_NS_s" udp "$ip" 53 "$NC_LAST_PID" || {
        cat "$d/stderr.log" >&2
        return 1
    }
}

# ---- HTTPS proxies: TLS in front of squid (test_proxy_https.sh) ----

# stunnel (lib.sh: nc_https_proxy) accepts TLS on :3129 at each address and
# forwards the plain stream to the open squid (NC_IP_PROXY:3128), so each
# address is an https:// proxy with its own certificate:
NC_IP_HPROXY_OK=203.0.113.70      # from the test root, SAN IP:itself
NC_IP_HPROXY_OTHERCA=203.0.113.71 # from another CA (pki/proxyca.pem)
NC_IP_HPROXY_SELF=203.0.113.72    # self-signed, SAN IP:itself
NC_IP_HPROXY_WRONG=203.0.113.73   # from the test root, SAN other.invalid
NC_IP_HPROXY_EXPIRED=203.0.113.74 # from the test root, SAN IP, 2020-2021
NC_PROXY_CA_CN="netcheck proxy test CA"

# nc_https_proxy: the proxies' certificates (in $T/pki: proxyca.pem and
# hp-NAME.{pem,key}) and one stunnel in the server namespace (after nc_world
# and nc_squid); its log is $T/stunnel/stunnel.log.
nc_https_proxy()
{
    local d="$T/pki" s="$T/stunnel" start end name ip
    command -v stunnel4 >/dev/null || nc_die "'stunnel4' not installed"
    start=$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)
    end=$(date -u -d '+30 days' +%Y%m%d%H%M%SZ)
    openssl req -x509 -config "$d/ca.cnf" -extensions root_ext \
        -subj "/CN=$NC_PROXY_CA_CN" -newkey ec \
        -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$d/proxyca.key" \
        -out "$d/proxyca.pem" -days 30 >>"$d/log" 2>&1 ||
        { cat "$d/log" >&2; return 1; }
    nc_pki_leaf hp-ok proxy-ok "IP:$NC_IP_HPROXY_OK" "$start" "$end" &&
        nc_pki_leaf hp-otherca proxy-otherca "IP:$NC_IP_HPROXY_OTHERCA" \
            "$start" "$end" proxyca &&
        nc_pki_leaf hp-wrong proxy-wrong DNS:other.invalid "$start" "$end" &&
        nc_pki_leaf hp-expired proxy-expired "IP:$NC_IP_HPROXY_EXPIRED" \
            20200101000000Z 20210101000000Z || return 1
    NC_SAN=IP:$NC_IP_HPROXY_SELF openssl req -x509 -config "$d/ca.cnf" \
        -extensions leaf_ext -subj /CN=proxy-self -newkey ec \
        -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$d/hp-self.key" \
        -out "$d/hp-self.pem" -days 30 >>"$d/log" 2>&1 ||
        { cat "$d/log" >&2; return 1; }
    mkdir -p "$s" || return 1
    printf 'foreground = yes\npid =\noutput = %s/stunnel.log\n' "$s" \
        >"$s/stunnel.conf"
    for name in ok otherca self wrong expired; do
        case $name in
        ok) ip=$NC_IP_HPROXY_OK ;;
        otherca) ip=$NC_IP_HPROXY_OTHERCA ;;
        self) ip=$NC_IP_HPROXY_SELF ;;
        wrong) ip=$NC_IP_HPROXY_WRONG ;;
        expired) ip=$NC_IP_HPROXY_EXPIRED ;;
        esac
        ip -n "$NC_NS_s" addr add "$ip/32" dev lo || nc_die "addr $ip"
        printf '[%s]\naccept = %s:3129\nconnect = %s:3128\n' \
            "$name" "$ip" "$NC_IP_PROXY" >>"$s/stunnel.conf"
        printf 'cert = %s/hp-%s.pem\nkey = %s/hp-%s.key\n' \
            "$d" "$name" "$d" "$name" >>"$s/stunnel.conf"
    done
    nc_bg "$NC_NS_s" "$s/stderr.log" stunnel4 "$s/stunnel.conf"
    for ip in "$NC_IP_HPROXY_OK" "$NC_IP_HPROXY_OTHERCA" "$NC_IP_HPROXY_SELF" \
        "$NC_IP_HPROXY_WRONG" "$NC_IP_HPROXY_EXPIRED"; do
        nc_wait_listen "$NC_NS_s" tcp "$ip" 3129 "$NC_LAST_PID" || {
            cat "$s/stderr.log" "$s/stunnel.log" >&2
            return 1
        }
    done
}

# ---- SOCKS proxies (test_proxy_socks.sh) ----

# Two danted processes in the server namespace, each on :1080:
NC_IP_SOCKS=203.0.113.75      # no authentication; 'socks block' for
                              # NC_IP_OUTSIDE (reply 2), everything else
                              # allowed
NC_IP_SOCKS_AUTH=203.0.113.76 # socksmethod username (RFC 1929), checked
                              # against the system's accounts: no test
                              # password can pass, so every login fails
NC_IP_SOCKS_HOSTUNREACH=203.0.113.98 # 'unreachable' route in the servers

# nc_danted: start both (after nc_world). danted resolves socks5h names
# with libc, so its /etc/resolv.conf is bind-mounted to dnsmasq (ip netns
# exec gives it a mount namespace of its own). danted forks children that
# can outlive their parent by a minute: each runs in a PID namespace of
# its own whose PID 1 is sh, which unshare (the recorded PID) kills when it
# dies; the kernel then kills everything in the namespace. (danted itself
# cannot be that PID 1: changing its user id clears the parent-death
# signal.) Logs: $T/danted/*.log.
nc_danted()
{
    local d="$T/danted" name ip method
    command -v danted >/dev/null || nc_die "'danted' not installed"
    mkdir -p "$d" || return 1
    ip -n "$NC_NS_s" addr add "$NC_IP_SOCKS/32" dev lo || return 1
    ip -n "$NC_NS_s" addr add "$NC_IP_SOCKS_AUTH/32" dev lo || return 1
    ip -n "$NC_NS_s" route add unreachable "$NC_IP_SOCKS_HOSTUNREACH/32" ||
        return 1
    printf 'nameserver %s\n' "$NC_IP_DNS" >"$d/resolv.conf"
    for name in open auth; do
        ip=$NC_IP_SOCKS method=none
        [ "$name" = auth ] && ip=$NC_IP_SOCKS_AUTH method=username
        cat >"$d/$name.conf" <<CONF
logoutput: $d/$name.log
internal: $ip port = 1080
external: $ip
clientmethod: none
socksmethod: $method
user.privileged: root
user.unprivileged: nobody
client pass { from: 0/0 to: 0/0 }
socks block { from: 0/0 to: $NC_IP_OUTSIDE/32 log: connect error }
socks pass { from: 0/0 to: 0/0 log: connect error }
CONF
        nc_bg "$NC_NS_s" "$d/$name.stderr" unshare --pid --kill-child sh -c \
            'mount --bind "$1" /etc/resolv.conf || exit 1
            danted -f "$2" -p "$3"
            exit $?' sh "$d/resolv.conf" "$d/$name.conf" "$d/$name.pid"
        nc_wait_listen "$NC_NS_s" tcp "$ip" 1080 "$NC_LAST_PID" || {
            cat "$d/$name.stderr" "$d/$name.log" >&2
            return 1
        }
    done
}

# ---- a D-Bus test double of systemd's PID 1 (test_sysenv_bus.sh) ----

NC_FAKE_SYSTEMD=${NC_FAKE_SYSTEMD:-}

# nc_fake_systemd ARGS...: a private dbus-daemon (its own config in $T/dbus,
# every name ownable) and on it fake_systemd (fake_systemd.c) owning
# org.freedesktop.systemd1 with the properties ARGS give (--manager-env,
# --unit NAME --env ... --main-pid ...). Sets NC_SYSTEMD_BUS to the bus
# address, for netcheck's NETCHECK_SYSTEMD_BUS test hook. No real systemd
# is touched: the host's system bus is never used.
nc_fake_systemd()
{
    local d=$T/dbus _
    if [ -z "$NC_FAKE_SYSTEMD" ] || [ ! -x "$NC_FAKE_SYSTEMD" ]; then
        nc_die "NC_FAKE_SYSTEMD not set to the fake_systemd binary"
    fi
    command -v dbus-daemon >/dev/null || nc_die "'dbus-daemon' not installed"
    mkdir -p "$d"
    cat >"$d/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>custom</type>
  <listen>unix:path=$d/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
    NC_SYSTEMD_BUS=unix:path=$d/bus
    dbus-daemon --config-file="$d/bus.conf" --nofork >"$d/daemon.log" 2>&1 \
        </dev/null &
    NC_PIDS+=("$!")
    for _ in $(seq 1 100); do
        [ -S "$d/bus" ] && break
        sleep 0.05
    done
    [ -S "$d/bus" ] || nc_die "dbus-daemon did not start: $(cat "$d/daemon.log")"
    "$NC_FAKE_SYSTEMD" "$NC_SYSTEMD_BUS" "$@" >"$d/fake.log" 2>&1 </dev/null &
    NC_PIDS+=("$!")
    for _ in $(seq 1 100); do
        grep -qx ready "$d/fake.log" && return 0
        sleep 0.05
    done
    nc_die "fake_systemd did not start: $(cat "$d/fake.log")"
}
