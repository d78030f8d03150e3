#!/bin/bash
# The command line: subcommands, --version, profiles, input errors (exit 2
# with FILE:LINE on stderr), and the built-in profiles run offline against a
# resolver that refuses every outside name.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_topology
nc_dnsmasq || nc_die "dnsmasq did not start"

# assert_input_error WHERE ARGS...: exit 2, and stderr names WHERE.
assert_input_error()
{
    local where=$1
    shift
    nc_exec run --dns-server "$NC_IP_DNS" --timeout 1 "$@"
    assert_rc 2 "netcheck run $*"
    if [ -n "$where" ]; then
        assert_match "$T/err" "$where" "stderr of 'run $*'"
    else
        assert_true "stderr of 'run $*' is not empty" test -s "$T/err"
    fi
    assert_true "no report on stdout for 'run $*'" test ! -s "$T/out"
}

# The versions, however asked for and wherever on the command line: the
# same four lines, each in its format (README "Version").
v='[0-9]+\.[0-9]+(\.[0-9]+)?'
for args in --version -V version "run --version" "run -q -V" \
    "proxy --format json --version" "profiles -V" "help --version"; do
    # shellcheck disable=SC2086 # split on purpose
    nc_exec $args
    assert_rc 0 "$args"
    assert_match "$T/out" "^netcheck $v \([a-z0-9_]+-[a-z0-9_]+\) libcurl/$v OpenSSL/$v c-ares/$v jansson/$v\$" "$args: first line"
    assert_match "$T/out" "^Built-with: libcurl/$v OpenSSL/$v c-ares/$v jansson/$v inih/[0-9]+\$" "$args: Built-with"
    assert_match "$T/out" '^libcurl-TLS: OpenSSL/' "$args: libcurl-TLS"
    assert_match "$T/out" '^JSON-Schema: 1$' "$args: JSON-Schema"
    assert_true "$args: four lines" test "$(wc -l <"$T/out")" -eq 4
done
# A value that looks like -V is still the option's value.
nc_exec run -p -V
assert_rc 2 "run -p -V (a profile named -V)"
nc_exec version extra
assert_rc 2 "version takes no arguments"
nc_exec --help
assert_rc 0 "--help"
assert_match "$T/out" 'profiles' "--help"
nc_exec help run
assert_rc 0 "help run"
assert_match "$T/out" '--dns-server' "help run"
nc_exec profiles
assert_rc 0 "profiles"
assert_match "$T/out" '^azure-backup-mars[[:space:]]' "profiles"
assert_match "$T/out" '^azure-backup-mars-usgov[[:space:]]' "profiles"
assert_match "$T/out" '^azure-backup-mars-china[[:space:]].*2020' "profiles"
assert_match "$T/out" '^azure-backup-mars-private[[:space:]].*private' "profiles"
# One profile's text, to copy and adapt; an unknown name is a usage error.
nc_exec profiles azure-backup-mars-private
assert_rc 0 "profiles NAME"
assert_match "$T/out" '^\[profile\]' "profiles NAME"
assert_match "$T/out" '^expect_private = yes' "profiles NAME"
nc_exec profiles no-such-profile
assert_rc 2 "profiles unknown NAME"
# A mistyped built-in name gets the nearest one suggested.
nc_exec profiles azure-backup-mars-usgv
assert_rc 2 "profiles mistyped NAME"
assert_match "$T/err" "did you mean 'azure-backup-mars-usgov'\\?" \
    "profiles suggestion"
nc_exec run -p azure-backup-mars-usgv
assert_rc 2 "run -p mistyped NAME"
assert_match "$T/err" "^netcheck: cannot open profile 'azure-backup-mars-usgv': no such file or built-in profile; did you mean 'azure-backup-mars-usgov'\\?$" \
    "run -p suggestion"
nc_exec run -p zzz-unlike-anything
assert_rc 2 "run -p unknown NAME"
assert_no_match "$T/err" 'did you mean' "no suggestion when nothing is close"
# Help for every command, however it is asked for: stdout, exit 0.
while read -r want args; do
    # shellcheck disable=SC2086
    nc_exec $args
    assert_rc 0 "$args"
    assert_match "$T/out" "^usage: netcheck $want" "$args"
    assert_true "$args: nothing on stderr" test ! -s "$T/err"
done <<'HELP'
profiles profiles --help
profiles profiles -h
profiles help profiles
profiles --help profiles
proxy proxy --help
proxy --help proxy
proxy help proxy
run run --help
run --help run
run help run
run -h run
HELP
nc_exec --help nope
assert_rc 2 "--help unknown command"
nc_exec profiles --bogus
assert_rc 2 "profiles --bogus"
assert_match "$T/err" "unknown option '--bogus'" "profiles --bogus"
# The private-endpoint template cannot know the vault's hosts: those checks
# are skipped, never passed, and the run does not pass.
nc_exec run -p azure-backup-mars-private --dns-server "$NC_IP_DNS" \
    --format json --timeout 2 --connect-timeout 1
assert_rc 1 "private template offline"
assert_json '[.checks[] | select(.name | endswith("-private")) | .status] | unique | join(",")' \
    skip
for cmd in prof Run bogus; do
    nc_exec "$cmd"
    assert_rc 2 "unknown command '$cmd'"
done
nc_exec
assert_rc 2 "no command"

# Options. An unknown option is named, also inside a cluster of short ones.
assert_input_error "'--bogus'" --bogus
assert_input_error "'-Z'" -qZ
assert_input_error "'-Z'" -Zq
# ... whatever the argument before the cluster was.
assert_input_error "'-Z'" --quiet -Zq
assert_input_error "'-Z'" --format=json -Zq
assert_input_error "'-o'.*value|value.*'-o'" -qo
assert_input_error '' --format xml -p azure-backup-mars
assert_input_error '' --timeout abc -p azure-backup-mars
assert_input_error '' --timeout 0 -p azure-backup-mars
assert_input_error '' --connect-timeout -1 -p azure-backup-mars
assert_input_error '' --parallel 0 -p azure-backup-mars
assert_input_error '' --dns-server not-an-ip -p azure-backup-mars
assert_input_error '' -p no-such-profile
assert_input_error "$T/missing.ini" -p "$T/missing.ini"
assert_input_error "$T/missing.txt" -a "$T/missing.txt"

# An -o path that cannot be written is a usage error found before any
# check runs: the blackholed check would hold the run for --timeout, and no
# name of the profile reaches the resolver. A run with a writable -o,
# afterwards, shows that the resolver's log does record such names.
f=$(nc_file blackhole.ini <<'INI'
[profile]
name = blackhole
[check stuck]
url = https://blackhole.nc.test/
[check early]
url = https://early-o.nc.test/
INI
)
assert_input_error "/nonexistent-dir/x\.json" -p "$f" --timeout 5 \
    -o /nonexistent-dir/x.json
assert_true "no report file" test ! -e /nonexistent-dir/x.json
# On a terminal a run draws a progress line; this one must not start.
# script(1) gives netcheck a terminal; the control run shows the line.
# nc_tty ARGS...: netcheck run ARGS on a pty, output in $T/tty, rc NC_RC.
nc_tty()
{
    local cmd
    cmd=$(printf '%q ' "$NETCHECK" run --dns-server "$NC_IP_DNS" "$@")
    ip netns exec "$NC_NS_c" script -qec "$cmd" /dev/null >"$T/tty" 2>&1 \
        </dev/null
    NC_RC=$?
    NC_LAST_ARGS="run $* (on a pty)"
}
if command -v script >/dev/null; then
    nc_tty -p "$f" --timeout 5 -o /nonexistent-dir/x.json
    assert_rc 2 "unwritable -o on a terminal"
    assert_match "$T/tty" "/nonexistent-dir/x\.json" "terminal output"
    assert_no_match "$T/tty" 'checking:' "terminal output (no progress)"
fi
g=$(nc_file control.ini <<'INI'
[profile]
name = control
[check control]
url = https://control-o.nc.test/
INI
)
nc_exec run --dns-server "$NC_IP_DNS" --timeout 2 -p "$g" --format json \
    -o "$T/control.json"
assert_rc 1 "control run with a writable -o"
assert_true "control report written" jq -e '.summary.total == 1' \
    "$T/control.json"
assert_match "$T/dnsmasq/queries.log" 'control-o\.nc\.test' "dnsmasq log"
if command -v script >/dev/null; then
    nc_tty -p "$g" --timeout 2 --format json -o "$T/control.json"
    assert_rc 1 "control run on a terminal"
    assert_match "$T/tty" 'checking:' "control terminal output (progress)"
fi
assert_no_match "$T/dnsmasq/queries.log" 'early-o\.nc\.test|blackhole\.nc\.test' \
    "dnsmasq log"

# Profiles: each error names the file and the line.
f=$(nc_file unknown_key.ini <<'INI'
[profile]
name = bad
[check a]
url = https://valid.nc.test/
timout = 5
INI
)
assert_input_error "$f:5:" -p "$f"
assert_match "$T/err" 'timout' "unknown key named"

f=$(nc_file dup.ini <<'INI'
[profile]
name = dup
[check a]
url = https://valid.nc.test/
[check a]
url = https://www.nc.test/
INI
)
assert_input_error "$f:5:" -p "$f"

f=$(nc_file badurl.ini <<'INI'
[profile]
name = badurl
[check a]
url = https://valid.nc.test/
[check b]
url = ftp://valid.nc.test/
INI
)
assert_input_error "$f:6:" -p "$f"

f=$(nc_file badcidr.ini <<'INI'
[profile]
name = badcidr
ranges = 203.0.113.0/24 203.0.113.0/33
[check a]
url = https://valid.nc.test/
INI
)
assert_input_error "$f:3:" -p "$f"

f=$(nc_file badbool.ini <<'INI'
[profile]
name = badbool
[check a]
url = https://valid.nc.test/
required = perhaps
INI
)
assert_input_error "$f:5:" -p "$f"

# A 10,000-character value is one line: the error after it is on line 4.
long=$(printf 'x%.0s' $(seq 1 10000))
f=$(nc_file longline.ini <<INI
[profile]
name = long
title = $long
bogus = 1
[check a]
url = https://valid.nc.test/
INI
)
assert_input_error "$f:4:" -p "$f"

# Inputs without a single check are errors, not a vacuous pass.
f=$(nc_file empty.ini <<'INI'
[profile]
name = empty
title = nothing to check
INI
)
assert_input_error "$f" -p "$f"
f=$(nc_file ranges_only.txt <<'EOF2'
# only ranges
203.0.113.0/24
198.51.100.0/24
EOF2
)
assert_input_error "$f" -a "$f"
f=$(nc_file badline.txt <<'EOF2'
https://valid.nc.test/
# fine so far
not a host!
EOF2
)
assert_input_error "$f:3:" -a "$f"
f=$(nc_file badcidr.txt <<'EOF2'
https://valid.nc.test/
203.0.113.0/40
EOF2
)
assert_input_error "$f:2:" -a "$f"

# The same check name in two profiles.
f=$(nc_file one.ini <<'INI'
[profile]
name = one
[check same]
url = https://valid.nc.test/
INI
)
g=$(nc_file two.ini <<'INI'
[profile]
name = two
[check same]
url = https://www.nc.test/
INI
)
assert_input_error 'same' -p "$f" -p "$g"

# Built-in profiles, offline: dnsmasq refuses every name outside nc.test
# and the client has no route out, so nothing leaves the namespaces. Every
# required check fails, optional ones warn, nothing passes (a check the
# profile marks untestable is skipped).
for prof in azure-backup-mars azure-backup-mars-usgov azure-backup-mars-china; do
    nc_exec run -p "$prof" --dns-server "$NC_IP_DNS" --format json \
        --timeout 2 --connect-timeout 1
    assert_rc 1 "built-in $prof offline"
    assert_json '.schema, .summary.verdict, .summary.passed' '1 fail 0'
    assert_json '.summary.total > 3' true
    assert_json '[.checks[] | select(.required and .status != "skip") | .status] | unique | join(",")' \
        fail
    assert_json '[.checks[] | select((.required | not) and .status != "skip") | .status] | unique | join(",")' \
        warn
    assert_json '[.checks[] | select(.status != "skip") | .problem] | unique | join(",")' \
        dns_refused
done
# The MARS profile has optional plain-HTTP probes (NCSI / connect test).
nc_exec run -p azure-backup-mars --dns-server "$NC_IP_DNS" --format json \
    --timeout 2 --connect-timeout 1
assert_json '[.checks[] | select((.required | not) and (.url | startswith("http://")))] | length > 0' \
    true
# No --profile and no --allowlist: the default profile runs.
cp "$T/out" "$T/explicit.json"
nc_exec run --dns-server "$NC_IP_DNS" --format json --timeout 2 \
    --connect-timeout 1
assert_rc 1 "default profile offline"
assert_true "default run has the same checks as -p azure-backup-mars" \
    test "$(jq -c '[.checks[].name]' "$T/out")" = \
    "$(jq -c '[.checks[].name]' "$T/explicit.json")"

# Inputs accepted but wrong are refused at start.
al=$(nc_file plain.txt <<'EOF2'
https://valid.nc.test/
EOF2
)
# --expressroute: an interface of this namespace or an IP literal.
assert_input_error "--expressroute: no interface 'nosuchdev0' and not an IP address" \
    -a "$al" --expressroute nosuchdev0
assert_input_error "--expressroute: no interface '999\.1\.1\.1'" \
    -a "$al" --expressroute 999.1.1.1
for er in lo 203.0.113.1 2001:db8::1; do
    nc_exec run --dns-server "$NC_IP_DNS" --timeout 1 -a "$al" \
        --expressroute "$er"
    assert_rc 1 "--expressroute $er accepted (the check then fails)"
done
# --root means nothing without --as-system.
assert_input_error "'--root' needs '--as-system'" -a "$al" --root /
# --proxy-user with no proxy in force: said, not silently dropped.
nc_exec run --dns-server "$NC_IP_DNS" --timeout 1 -a "$al" --no-proxy \
    --proxy-user agent:pw
assert_rc 1 "--proxy-user with --no-proxy"
assert_match "$T/err" 'warning: --proxy-user given but no proxy is in force' \
    "--proxy-user warning"
assert_no_match "$T/err" 'pw' "--proxy-user warning shows no password"
nc_exec run --dns-server "$NC_IP_DNS" --timeout 1 -a "$al" --no-proxy
assert_no_match "$T/err" 'proxy-user' "no warning without --proxy-user"
nc_exec proxy --no-proxy --proxy-user agent:pw https://valid.nc.test/
assert_rc 0 "proxy --proxy-user with --no-proxy"
assert_match "$T/err" 'warning: --proxy-user given but no proxy is in force' \
    "proxy: --proxy-user warning"

# '-': a profile or an allowlist from standard input, the report to
# standard output (never a file named '-').
pf=$(nc_file stdin.ini <<'INI'
[profile]
name = from-stdin
[check piped]
url = https://piped.nc.test/
INI
)
nc_exec_stdin "$pf" run --dns-server "$NC_IP_DNS" --timeout 1 -p - \
    --format json
assert_rc 1 "-p - (the check fails offline)"
assert_json '[.checks[].name] | join(",")' piped
nc_exec_stdin "$al" run --dns-server "$NC_IP_DNS" --timeout 1 -a - \
    --format json
assert_rc 1 "-a -"
assert_json '.summary.total' 1
bad=$(nc_file stdin_bad.ini <<'INI'
[profile]
name = bad
[check a]
url = https://valid.nc.test/
timout = 5
INI
)
nc_exec_stdin "$bad" run --dns-server "$NC_IP_DNS" --timeout 1 -p -
assert_rc 2 "-p - with an error"
assert_match "$T/err" '<stdin>:5:' "stdin error names <stdin>:LINE"
badal=$(nc_file stdin_bad.txt <<'EOF2'
https://valid.nc.test/
not a host!
EOF2
)
nc_exec_stdin "$badal" run --dns-server "$NC_IP_DNS" --timeout 1 -a -
assert_rc 2 "-a - with an error"
assert_match "$T/err" '<stdin>:2:' "stdin allowlist error names <stdin>:LINE"
assert_input_error "standard input" -p - -a -
assert_input_error "standard input" -a - -a -
mkdir -p "$T/cwd"
pushd "$T/cwd" >/dev/null || nc_die "cd $T/cwd"
nc_exec run --dns-server "$NC_IP_DNS" --timeout 1 -a "$al" --format json \
    -o -
assert_rc 1 "-o -"
assert_json '.summary.total' 1
assert_true "no file named '-'" test ! -e "$T/cwd/-"
popd >/dev/null || nc_die "cd back"
assert_input_error "contradict" -a "$al" -q -o -

# Colour on a terminal: an empty NO_COLOR keeps it (no-color.org), a set
# one or TERM=dumb drops it; never when standard output is not a terminal.
# nc_tty_env VARS... -- ARGS...: nc_tty with environment variables.
nc_tty_env()
{
    local -a vars=()
    local cmd
    while [ "$1" != -- ]; do
        vars+=("$1")
        shift
    done
    shift
    cmd=$(printf '%q ' env -u NO_COLOR "${vars[@]}" "$NETCHECK" run \
        --dns-server "$NC_IP_DNS" "$@")
    ip netns exec "$NC_NS_c" script -qec "$cmd" /dev/null >"$T/tty" 2>&1 \
        </dev/null
    NC_RC=$?
    NC_LAST_ARGS="${vars[*]} run $* (on a pty)"
}
if command -v script >/dev/null; then
    red=$(printf '\033\\[31m')
    while read -r want vars; do
        # shellcheck disable=SC2086
        nc_tty_env $vars -- -a "$al" --timeout 1
        assert_rc 1 "run on a terminal with $vars"
        if [ "$want" = colour ]; then
            assert_match "$T/tty" "$red" "colour with $vars"
        else
            assert_no_match "$T/tty" "$red" "no colour with $vars"
        fi
    done <<'COLOUR'
colour TERM=xterm
colour TERM=xterm NO_COLOR=
plain TERM=xterm NO_COLOR=1
plain TERM=dumb
COLOUR
    nc_exec_env TERM=xterm NO_COLOR= -- run --dns-server "$NC_IP_DNS" \
        --timeout 1 -a "$al"
    assert_no_match "$T/out" "$red" "no colour when stdout is not a terminal"
fi

# ---- a FIFO as a profile, allowlist or service-tags file (issue 13): it
# blocked in open() for ever; now refused at once, pointing at '-'.
mkfifo "$T/fifo"
for opt in -p -a --service-tags; do
    if [ "$opt" = --service-tags ]; then
        set -- -a "$(nc_file fifo-al.txt <<<'https://valid.nc.test/')" "$opt"
    else
        set -- "$opt"
    fi
    start=$(date +%s)
    timeout 20 ip netns exec "$NC_NS_c" "$NETCHECK" run "$@" "$T/fifo" \
        >"$T/out" 2>"$T/err" </dev/null
    NC_RC=$?
    assert_rc 2 "a FIFO given to $opt"
    assert_match "$T/err" "fifo: not a regular file \\(a pipe: give it as '-'" \
        "a FIFO given to $opt is named"
    assert_true "a FIFO given to $opt does not block" \
        test $(($(date +%s) - start)) -lt 10
done

nc_done
