#!/bin/bash
# Hostile destinations reached directly (lib.sh: nc_hostile, hostile.c):
# over http://, and over https:// through stunnel in front of the same
# ports. Each failure is the destination's (never a proxy's or the
# resolver's), with its code, a detail that names the server, and a run
# that ends within the timeout plus a margin: a slow-loris head, 1 MiB of
# headers, a body that never ends, an overflowing chunk size, a server that
# never answers, one that answers with something that is not HTTP, and one
# that closes without a byte.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world
nc_hostile || nc_die "hostile did not start"
command -v stunnel4 >/dev/null || nc_die "'stunnel4' not installed"

HX=$NC_IP_HOSTILE
HNAME=hostile.nc.test
NC_IP_HDNS=203.0.113.81 # a resolver that knows hostile.nc.test
TIMEOUT_S=3
TO=(--timeout "$TIMEOUT_S" --connect-timeout 2)
# Generous: the timeout plus start-up. A run that waited twice, or read
# without end, exceeds it.
LIMIT_MS=$((TIMEOUT_S * 1000 + 2500))
# An answer that needs no waiting (framing refused, a close) is far
# quicker; still a margin for a loaded machine.
QUICK_MS=2500

nc_dnsmasq_extra "$NC_IP_HDNS" "$HNAME=$HX" ||
    nc_die "dnsmasq for $HNAME did not start"

# TLS in front of every hostile port: :4xxx is TLS to :3xxx, with a
# certificate for hostile.nc.test from the test root.
hx_stunnel()
{
    local d="$T/pki" s="$T/hstunnel" start end port
    start=$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)
    end=$(date -u -d '+30 days' +%Y%m%d%H%M%SZ)
    nc_pki_leaf hostile "$HNAME" "DNS:$HNAME" "$start" "$end" || return 1
    mkdir -p "$s" || return 1
    printf 'foreground = yes\npid =\noutput = %s/stunnel.log\n' "$s" \
        >"$s/stunnel.conf"
    for port in "$NC_HOSTILE_SILENT" "$NC_HOSTILE_GARBAGE" \
        "$NC_HOSTILE_BIGHDR" "$NC_HOSTILE_CHUNKOVER" "$NC_HOSTILE_TRICKLE" \
        "$NC_HOSTILE_ENDLESS" "$NC_HOSTILE_CLOSE"; do
        printf '[p%s]\naccept = %s:%s\nconnect = %s:%s\n' "$port" "$HX" \
            $((port + 1000)) "$HX" "$port" >>"$s/stunnel.conf"
        printf 'cert = %s/hostile.pem\nkey = %s/hostile.key\n' "$d" "$d" \
            >>"$s/stunnel.conf"
    done
    nc_bg "$NC_NS_s" "$s/stderr.log" stunnel4 "$s/stunnel.conf"
    nc_wait_listen "$NC_NS_s" tcp "$HX" $((NC_HOSTILE_CLOSE + 1000)) \
        "$NC_LAST_PID" || {
        cat "$s/stderr.log" "$s/stunnel.log" >&2
        return 1
    }
}
hx_stunnel || nc_die "stunnel for the hostile servers did not start"

# hx_url SCHEME PORT: the URL of a hostile port, by name; https goes
# through stunnel.
hx_url()
{
    if [ "$1" = https ]; then
        printf 'https://%s:%s/\n' "$HNAME" $(($2 + 1000))
    else
        printf 'http://%s:%s/\n' "$HNAME" "$2"
    fi
}

# hx_run URL [EXPECT_BODY]: one check "c" of URL, direct, JSON in $T/out,
# its detail in $T/detail, its wall time in elapsed_ms, the lines hostile
# logged for it in $T/hostile.new.
hx_run()
{
    local url=$1 body=${2:-} p start mark
    p=$(nc_file "hs$((${NC_OUT_N:-0} + 1)).ini" <<INI
[profile]
name = it-hostile-server
[check c]
url = $url
${body:+expect_body = $body}
INI
)
    NC_OUT_N=$((${NC_OUT_N:-0} + 1))
    mark=$(wc -l <"$T/hostile.log")
    start=$(date +%s%N)
    NC_DNS=$NC_IP_HDNS nc_run -p "$p" --no-proxy --format json "${TO[@]}"
    elapsed_ms=$((($(date +%s%N) - start) / 1000000))
    sleep 0.2 # hostile logs a close after netcheck has gone
    tail -n "+$((mark + 1))" "$T/hostile.log" >"$T/hostile.new"
    jq -r '.checks[0].detail' "$T/out" >"$T/detail"
}

# hx_blame WHAT PORT: the last check failed on the destination: not
# through a proxy, the name resolved to the hostile server, the detail
# names it and neither a resolver nor a proxy, and no firewall is blamed.
hx_blame()
{
    assert_rc 1 "$1: exit status"
    assert_check c '.via_proxy, (.addresses | length), .addresses[0].ip' \
        "false 1 $HX"
    assert_match "$T/detail" "$HX:$2" "$1: detail names the server"
    assert_no_match "$T/detail" "resolver|proxy|firewall" \
        "$1: detail blames no resolver, proxy or firewall"
}

# hx_in_time WHAT LIMIT: the last run ended within LIMIT ms.
hx_in_time()
{
    assert_true "$1 took ${elapsed_ms} ms (limit $2)" \
        test "$elapsed_ms" -lt "$2"
}

for scheme in http https; do
    off=0
    [ "$scheme" = https ] && off=1000

    # ---- slow-loris: a status line, then a header byte every 200 ms
    hx_run "$(hx_url "$scheme" "$NC_HOSTILE_TRICKLE")"
    hx_blame "$scheme slow-loris" $((NC_HOSTILE_TRICKLE + off))
    assert_check c '.status, .problem' 'fail timeout'
    assert_match "$T/detail" "no complete HTTP answer within [0-9]+ ms" \
        "$scheme slow-loris: detail says the answer never completed"
    hx_in_time "$scheme slow-loris" "$LIMIT_MS"

    # ---- silent: accepts (and for https, TLS is done by stunnel), reads,
    # never answers
    hx_run "$(hx_url "$scheme" "$NC_HOSTILE_SILENT")"
    hx_blame "$scheme silent server" $((NC_HOSTILE_SILENT + off))
    assert_check c '.status, .problem, .http_status' 'fail timeout null'
    assert_match "$T/detail" "connected to .*no complete HTTP answer" \
        "$scheme silent server: detail"
    hx_in_time "$scheme silent server" "$LIMIT_MS"

    # ---- 1 MiB of headers: over curl's limit
    hx_run "$(hx_url "$scheme" "$NC_HOSTILE_BIGHDR")"
    hx_blame "$scheme oversized headers" $((NC_HOSTILE_BIGHDR + off))
    assert_check c '.status, .problem' 'fail http_invalid'
    assert_match "$T/detail" "headers" "$scheme oversized headers: detail"
    hx_in_time "$scheme oversized headers" "$QUICK_MS"

    # ---- a chunk size over 64 bits
    hx_run "$(hx_url "$scheme" "$NC_HOSTILE_CHUNKOVER")"
    hx_blame "$scheme chunk overflow" $((NC_HOSTILE_CHUNKOVER + off))
    assert_check c '.status, .problem' 'fail http_invalid'
    assert_match "$T/detail" "chunk" "$scheme chunk overflow: detail"
    hx_in_time "$scheme chunk overflow" "$QUICK_MS"

    # ---- not HTTP at all
    hx_run "$(hx_url "$scheme" "$NC_HOSTILE_GARBAGE")"
    hx_blame "$scheme garbage" $((NC_HOSTILE_GARBAGE + off))
    assert_check c '.status, .problem' 'fail http_invalid'
    hx_in_time "$scheme garbage" "$QUICK_MS"

    # ---- closes after reading the request, without a byte
    hx_run "$(hx_url "$scheme" "$NC_HOSTILE_CLOSE")"
    hx_blame "$scheme close" $((NC_HOSTILE_CLOSE + off))
    assert_check c '.status, .problem, .http_status' 'fail tcp_reset null'
    assert_match "$T/detail" "closed the connection before" \
        "$scheme close: detail"
    hx_in_time "$scheme close" "$QUICK_MS"

    # ---- a body that never ends. Without expect_body the status line is
    # the answer: 200 passes, and netcheck stops reading at once.
    hx_run "$(hx_url "$scheme" "$NC_HOSTILE_ENDLESS")"
    assert_rc 0 "$scheme endless body: exit status"
    assert_check c '.status, .problem, .http_status' 'pass null 200'
    hx_in_time "$scheme endless body" "$QUICK_MS"
    # With expect_body, it reads up to its cap (64 KiB), finds no match,
    # and says so without waiting for an end that never comes.
    hx_run "$(hx_url "$scheme" "$NC_HOSTILE_ENDLESS")" never-there
    hx_blame "$scheme endless body (expect_body)" \
        $((NC_HOSTILE_ENDLESS + off))
    assert_check c '.status, .problem, .http_status' \
        'fail body_mismatch 200'
    assert_match "$T/detail" 'without "never-there"; the body starts "eeee' \
        "$scheme endless body: detail quotes the body"
    hx_in_time "$scheme endless body (expect_body)" "$QUICK_MS"
    if [ "$scheme" = http ]; then
        # hostile counts what it sent before netcheck closed: bounded by
        # the cap plus what the socket buffers hold, never the 60 s of a
        # read without end.
        sent=$(sed -n 's/^endless .* closed after \([0-9]*\) bytes$/\1/p' \
            "$T/hostile.new" | tail -n 1)
        assert_true "endless body: netcheck closed after ${sent:-?} bytes (limit 16 MiB)" \
            test "${sent:-99999999999}" -lt 16777216
    fi
done

nc_done
