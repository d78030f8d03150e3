#!/bin/bash
# Name resolution as the system does it: the hosts file and DNS in the
# order of nsswitch.conf's hosts line. The client's /etc/hosts,
# /etc/nsswitch.conf and /etc/resolv.conf (naming dnsmasq) come from
# /etc/netns/<client>/ (lib.sh nc_netns_etc), so netcheck runs without
# --dns-server and reads them as the system's own. A name dnsmasq answers
# NXDOMAIN but the hosts file pins passes with its file and line; the
# order decides between the file and DNS; --dns-server is DNS only; --root
# reads ROOT/etc/hosts; a hosts entry for localhost is no dns_sinkhole;
# a proxy given by a name only the hosts file knows is reached.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world

QLOG=$T/dnsmasq/queries.log
TO=(--timeout 3 --connect-timeout 2)

nc_netns_etc resolv.conf <<EOF2
nameserver $NC_IP_DNS
EOF2
nc_netns_etc hosts <<EOF2
# hosts file of the client (test_hosts.sh)
127.0.0.1 localhost
$NC_IP_VALID	pinned.nc.test   # NXDOMAIN in DNS
$NC_IP_OUTSIDE valid.nc.test
$NC_IP_PROXY pxy.nc.test
EOF2
# hosts_order LINE: the client's nsswitch.conf, its hosts line second.
hosts_order()
{
    printf 'passwd: files\nhosts: %s\n' "$1" | nc_netns_etc nsswitch.conf
}

prof=$(nc_file hosts.ini <<'INI'
[profile]
name = it-hosts
[check pinned]
url = http://pinned.nc.test/
expect_body = OK
[check valid]
url = http://valid.nc.test/
expect_body = OK
INI
)

# hx_run ARGS...: netcheck run in the client namespace with no resolver
# option: the system's (namespace's) files decide.
hx_run()
{
    nc_exec run --ca-bundle "$T/pki/ca.pem" "${TO[@]}" "$@"
}

# qlog_mark / assert_asked NAME / assert_not_asked NAME: dnsmasq's queries
# since the mark.
qlog_mark()
{
    QMARK=$(wc -l <"$QLOG")
}

qlog_since()
{
    tail -n "+$((QMARK + 1))" "$QLOG" >"$T/qlog.since"
}

assert_asked()
{
    qlog_since
    assert_match "$T/qlog.since" "query\[A\] $1 " "DNS asked for $1"
}

assert_not_asked()
{
    qlog_since
    assert_no_match "$T/qlog.since" "query\[(A|AAAA)\] $1 " \
        "DNS never asked for $1"
}

# --- files dns: the file answers, DNS is not asked ---
hosts_order "files dns"
qlog_mark
hx_run -p "$prof" --format json
assert_rc 0 "files dns: pinned name passes"
assert_check pinned .status pass
assert_check pinned '.addresses | length' 1
assert_check pinned '.addresses[0].ip' "$NC_IP_VALID"
assert_check pinned '.addresses[0].source' hosts
assert_check pinned '.addresses[0].source_file' /etc/hosts
assert_check pinned '.addresses[0].source_line' 3
assert_check valid '.addresses[0].ip' "$NC_IP_OUTSIDE"
assert_check valid '.addresses[0].source' hosts
assert_check valid '.addresses[0].source_line' 4
assert_json '.resolution.dns_only' false
assert_json '.resolution.order' "files dns"
assert_json '.resolution.nsswitch' /etc/nsswitch.conf:2
assert_json '.resolution.hosts_file' /etc/hosts
assert_not_asked pinned.nc.test
assert_not_asked valid.nc.test
hx_run -p "$prof"
assert_rc 0 "files dns: text exits 0 too"
cp "$T/out" "$T/out.text"
assert_match "$T/out.text" '^resolution: hosts: files dns \(/etc/nsswitch\.conf:2\); hosts file /etc/hosts$'
assert_match "$T/out.text" '^  `- address from /etc/hosts:3 \(hosts file, not DNS\)$'

# --- dns files: DNS first; its NXDOMAIN goes on to the file ---
hosts_order "dns files"
qlog_mark
hx_run -p "$prof" --format json
assert_rc 0 "dns files: NXDOMAIN, then the file"
assert_check pinned .status pass
assert_check pinned '.addresses[0].source' hosts
assert_check pinned '.addresses[0].source_line' 3
assert_check valid '.addresses[0].ip' "$NC_IP_VALID"
assert_check valid '.addresses[0].source' dns
assert_check valid '.addresses[0].source_file' null
assert_json '.resolution.order' "dns files"
assert_asked pinned.nc.test
assert_asked valid.nc.test

# --- dns [NOTFOUND=return] files: NXDOMAIN ends the lookup ---
hosts_order "dns [NOTFOUND=return] files"
hx_run -p "$prof" --format json
assert_rc 1 "NOTFOUND=return after dns: the file is not read"
assert_check pinned .problem dns_nxdomain
assert_check pinned .detail "'pinned.nc.test' does not exist (NXDOMAIN from $NC_IP_DNS:53)"
assert_check valid '.addresses[0].source' dns

# --- files [NOTFOUND=return] dns: a name the file lacks never reaches DNS ---
hosts_order "files [NOTFOUND=return] dns"
www=$(nc_file www.ini <<'INI'
[profile]
name = it-hosts-www
[check www]
url = http://www.nc.test/
INI
)
qlog_mark
hx_run -p "$www" --format json
assert_rc 1 "NOTFOUND=return after files: DNS never asked"
assert_check www .problem dns_nxdomain
assert_check www .detail "'www.nc.test' is not in /etc/hosts, and nsswitch.conf's hosts line ends the lookup there: DNS is never asked"
assert_not_asked www.nc.test

# --- --dns-server: DNS only, the hosts file ignored ---
hosts_order "files dns"
hx_run -p "$prof" --dns-server "$NC_IP_DNS" --format json
assert_rc 1 "--dns-server: the pinned name is NXDOMAIN"
assert_check pinned .problem dns_nxdomain
assert_check valid .status pass
assert_check valid '.addresses[0].ip' "$NC_IP_VALID"
assert_check valid '.addresses[0].source' dns
assert_json '.resolution.dns_only' true
assert_json '.resolution.order' null
assert_json '.resolution.hosts_file' null
hx_run -p "$prof" --dns-server "$NC_IP_DNS"
cp "$T/out" "$T/out.text"
assert_match "$T/out.text" '^resolution: DNS only \(--dns-server\): the hosts file and nsswitch\.conf are not consulted$'
assert_no_match "$T/out.text" 'hosts file, not DNS'

# --- localhost from the file is no sinkhole; DNS's 127.0.0.1 still is ---
lo=$(nc_file lo.ini <<'INI'
[profile]
name = it-hosts-lo
[check localhost]
url = http://localhost:9/
[check sink127]
url = http://sink127.nc.test/
INI
)
hx_run -p "$lo" --format json
assert_rc 1
assert_check localhost .problem tcp_refused
assert_check localhost '.addresses[0].ip' 127.0.0.1
assert_check localhost '.addresses[0].source' hosts
assert_check localhost '.addresses[0].source_line' 2
assert_check sink127 .problem dns_sinkhole
assert_check sink127 '.addresses[0].source' dns

# --- --root: ROOT/etc/hosts; no nsswitch.conf there means glibc's
# default, "files dns" ---
R=$T/root
mkdir -p "$R/etc"
printf '# under --root\n%s rooted.nc.test\n' "$NC_IP_VALID" >"$R/etc/hosts"
rooted=$(nc_file rooted.ini <<'INI'
[profile]
name = it-hosts-root
[check rooted]
url = http://rooted.nc.test/
expect_body = OK
[check pinned]
url = http://pinned.nc.test/
INI
)
hx_run -p "$rooted" --as-system --root "$R" --format json
assert_rc 1 "--root: its hosts file, not the system's"
assert_check rooted .status pass
assert_check rooted '.addresses[0].source_file' "$R/etc/hosts"
assert_check rooted '.addresses[0].source_line' 2
assert_check pinned .problem dns_nxdomain
assert_json '.resolution.order' "files dns"
assert_json '.resolution.nsswitch' null
assert_json '.resolution.hosts_file' "$R/etc/hosts"
assert_json '.resolution.note | test("glibc.s default")' true

# --- a proxy named only in the hosts file ---
nc_squid || nc_die "squid did not start"
pxy=$(nc_file pxy.ini <<'INI'
[profile]
name = it-hosts-proxy
[check valid]
url = http://valid.nc.test/
expect_body = OK
INI
)
hx_run -p "$pxy" --proxy "http://pxy.nc.test:3128" --format json
assert_rc 0 "proxy by a name from the hosts file"
assert_check valid .via_proxy true
assert_check valid .status pass
assert_check valid .proxy_status null

nc_done
