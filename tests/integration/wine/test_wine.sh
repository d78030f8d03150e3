#!/bin/bash
# netcheck.exe under wine against lib.sh's servers (nginx, dnsmasq, squid),
# each outcome compared with the Linux build's for the same run: a healthy
# profile, refused (seen at once, not at the timeout), blackholed,
# unreachable, NXDOMAIN, an untrusted certificate, 407 from a proxy given
# with --proxy, and what the console gets (no escapes in a file, UTF-8
# names intact). usage: test_wine.sh NETCHECK_EXE LINUX_NETCHECK
here=$(dirname "$0")
. "$here/../lib.sh"
. "$here/wine.sh"
wine_init "$@"
nc_topology
nc_pki || nc_die "test PKI"
nc_nginx || nc_die "nginx did not start"
nc_dnsmasq || nc_die "dnsmasq did not start"
nc_squid || nc_die "squid did not start"
wine_start

healthy=$(nc_file healthy.ini <<'INI'
[profile]
name = wine-healthy
[check valid]
url = https://valid.nc.test/
expect_body = OK
[check plain]
url = http://valid.nc.test/ncsi.txt
expect_body = Microsoft NCSI
INI
)
# Each fails without waiting: a long --connect-timeout shows it.
fast=$(nc_file fast.ini <<'INI'
[profile]
name = wine-fast
[check refused]
url = https://refused.nc.test/
[check unreach]
url = https://unreach.nc.test/
[check nxdomain]
url = https://nosuch.nc.test/
[check self]
url = https://self.nc.test/
INI
)
slow=$(nc_file slow.ini <<'INI'
[profile]
name = wine-slow
[check blackhole]
url = https://blackhole.nc.test/
INI
)

# ---- a healthy profile passes
wine_compare healthy -p "$healthy" --format json --timeout 10
assert_rc 0
assert_valid_json
assert_json '.summary.total, .summary.passed' '2 2'
assert_check valid '.status, .http_status, .addresses[0].ip' \
    "pass 200 $NC_IP_VALID"
assert_check plain '.status' pass

# ---- refused, unreachable, NXDOMAIN, untrusted: each at once
wine_compare "fast failures" -p "$fast" --format json --timeout 30 \
    --connect-timeout 20
assert_rc 1
assert_check refused '.status, .problem' 'fail tcp_refused'
assert_check refused '.addresses[0].ip, .addresses[0].problem' \
    "$NC_IP_REFUSED tcp_refused"
assert_check unreach '.status, .problem' 'fail tcp_unreachable'
assert_check nxdomain '.status, .problem' 'fail dns_nxdomain'
assert_check self '.status, .problem' 'fail tls_untrusted'
# the same words too (the C runtime's strerror says "Unknown error" for
# EHOSTUNREACH on Windows; base/errtext.c does not)
for c in refused unreach nxdomain self; do
    wine_same "$c" '.detail, .action'
done
# The refused connect is reported as soon as the RST arrives: its total
# is far below the 20 s connect timeout (and tcp_refused is not a timeout
# code). The wall time includes starting netcheck.exe under wine.
refused_ms=$(jq -r '.checks[] | select(.name == "refused") |
    .addresses[0].timings_ms.total' "$T/out")
nc_log "refused: $refused_ms ms in the report, $WINE_MS ms wall (wine)"
assert_true "refused after $refused_ms ms (limit 1000 of 20000)" \
    jq -e '.checks[] | select(.name == "refused") |
        .addresses[0].timings_ms.total < 1000' "$T/out"
assert_true "the whole run took $WINE_MS ms under wine (limit 10000)" \
    test "$WINE_MS" -lt 10000
assert_json '[.checks[].problem] | map(select(test("timeout"))) | length' 0

# ---- blackholed: the connect timeout
wine_compare blackhole -p "$slow" --format json --timeout 4 \
    --connect-timeout 2
assert_rc 1
assert_check blackhole '.status, .problem' 'fail tcp_timeout'
wine_same blackhole '.detail'
assert_true "blackhole gave up after the connect timeout ($WINE_MS ms)" \
    test "$WINE_MS" -ge 2000

# ---- 407 from squid, the proxy given with --proxy
wine_compare "proxy 407" -p "$healthy" --proxy "http://$NC_IP_PROXY_AUTH:3128" \
    --format json --timeout 10
assert_rc 1
assert_check valid '.status, .problem, .via_proxy' \
    'fail proxy_auth_required true'
assert_check valid '.proxy_auth[0]' Basic
wine_same valid '.detail, .action'
# and through the open squid the same profile passes
wine_compare "open proxy" -p "$healthy" --proxy "http://$NC_IP_PROXY:3128" \
    --format json --timeout 10
assert_rc 0
assert_check valid '.status, .via_proxy' 'pass true'

# ---- the console: a report in a file or a pipe has no escape sequences
# (stdout is no console, so no colour even without NO_COLOR), and UTF-8
# names reach it byte for byte, as on Linux.
utf8=$(nc_file utf8.ini <<'INI'
[profile]
name = wine-utf8
[check Zürich–東京]
url = https://refused.nc.test/
INI
)
wine_compare "utf-8 names" -p "$utf8" --format json --timeout 5
assert_check 'Zürich–東京' '.status, .problem' 'fail tcp_refused'
assert_true "the JSON name is the same bytes as on Linux" \
    cmp -s <(jq -c '[.checks[].name]' "$T/out") \
    <(jq -c '[.checks[].name]' "$T/out.linux")
env -u NO_COLOR -u TERM ip netns exec "$NC_NS_c" "$NETCHECK" run \
    --dns-server "$NC_IP_DNS" --ca-bundle "$T/pki/ca.pem" -p "$utf8" \
    --format text --timeout 5 >"$T/text.wine" 2>"$T/err" </dev/null
NC_RC=$?
assert_rc 1 "text report exit status"
assert_match "$T/text.wine" '^Zürich–東京: fail tcp_refused' \
    "wine's text report (UTF-8 name)"
assert_no_match "$T/text.wine" $'\x1b' "wine's text report (escapes)"
assert_no_match "$T/err" $'\x1b' "wine's stderr (no progress line)"
NETCHECK=$NC_LINUX
nc_run -p "$utf8" --format text --timeout 5
assert_match "$T/out" '^Zürich–東京: fail tcp_refused' \
    "Linux's text report (UTF-8 name)"
NETCHECK=$T/netcheck-wine
# and a file written with -o
wine_out=$T/report-wine.txt
nc_run -p "$utf8" --format text --timeout 5 -o "$wine_out"
assert_rc 1 "-o exit status"
assert_match "$wine_out" 'Zürich–東京' "-o file (UTF-8 name)"
assert_no_match "$wine_out" $'\x1b' "-o file (escapes)"

# ---- on a console: wine gives netcheck.exe a console when its stdout is a
# terminal (here a pty from script(1)). Colour needs SetConsoleMode to
# accept ENABLE_VIRTUAL_TERMINAL_PROCESSING, which wine's console does;
# NO_COLOR turns it off as on Linux; the UTF-8 name shows intact (wine's
# console turns it back into the pty's UTF-8), which needs the console's
# output code page to be UTF-8 and the bytes to reach it unsplit.
# wine_tty NO_COLOR_VALUE: the report as the terminal got it, in $T/tty.
wine_tty()
{
    local cmd
    cmd=$(printf '%q ' "$NETCHECK" run --dns-server "$NC_IP_DNS" \
        --ca-bundle "$T/pki/ca.pem" -p "$utf8" --format text --timeout 5)
    NC_RC=0
    env -u TERM NO_COLOR="$1" LANG=C.UTF-8 ip netns exec "$NC_NS_c" \
        script -qec "$cmd" /dev/null >"$T/tty" 2>"$T/err" </dev/null ||
        NC_RC=$?
    NC_LAST_ARGS="(pty, NO_COLOR='$1') $cmd"
}
wine_tty ""
assert_rc 1 "console: exit status"
assert_true "console: coloured status (SGR 31)" grep -aqF $'\e[31m' "$T/tty"
sed 's/\x1b\[[?0-9;]*[a-zA-Z]//g' "$T/tty" | tr -d '\r' >"$T/tty.plain"
assert_match "$T/tty.plain" '^Zürich–東京: fail +tcp_refused' \
    "console (UTF-8 name)"
wine_tty 1
assert_rc 1 "console with NO_COLOR: exit status"
assert_no_match "$T/tty" $'\e\\[3[0-9]m' "console with NO_COLOR (colour)"

nc_done
