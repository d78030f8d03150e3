#!/bin/bash
# Nothing from outside reaches a terminal raw (README "Output is safe on a
# terminal"): values from /etc/environment, system.conf, a unit's
# Environment= and EnvironmentFile=, a running process's /proc/PID/environ
# and the caller's environment in `netcheck proxy`; the NO_PROXY warning of
# `run --as-system` on stderr; a check name with U+202E in the text report;
# command-line arguments and profile lines echoed in errors. Each output
# must hold no raw control byte, bidirectional control or invalid UTF-8,
# and must show the escaped form instead. No server is needed: proxies and
# checks point at 127.0.0.1, which fails at once in the client namespace.
. "$(dirname "$0")/lib.sh"
nc_init "$@"

ESC=$'\033'
BEL=$'\007'
RLO=$'\342\200\256' # U+202E RIGHT-TO-LEFT OVERRIDE
CSI1=$'\302\233'    # U+009B, the C1 form of ESC [
U=nc-esc-$NC_RUN_ID
DEAD=http://127.0.0.1:9

# assert_clean FILE WHAT: no ESC, BEL, other C0 but TAB/LF, DEL, C1,
# bidirectional control or invalid UTF-8 in FILE.
assert_clean()
{
    local bad
    NC_ASSERTS=$((NC_ASSERTS + 1))
    bad=$(LC_ALL=C grep -c -P '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c' "$1")
    if [ "$bad" = 0 ] && iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; then
        nc_pass "$2: no raw control, bidi or invalid UTF-8"
    else
        nc_fail "$2: raw control, bidi or invalid UTF-8 ($bad line(s))"
    fi
}

# assert_has FILE STRING WHAT: FILE holds STRING (fixed, not a regex).
assert_has()
{
    NC_ASSERTS=$((NC_ASSERTS + 1))
    if LC_ALL=C grep -qF -- "$2" "$1"; then
        nc_pass "$3 shows '$2'"
    else
        nc_fail "$3 lacks '$2'"
    fi
}

# assert_both_clean WHAT: stdout and stderr of the last run.
assert_both_clean()
{
    assert_clean "$T/out" "stdout of $1"
    assert_clean "$T/err" "stderr of $1"
}

# put ROOT PATH: write stdin to ROOT/PATH.
put()
{
    mkdir -p "$(dirname "$1/$2")" && cat >"$1/$2"
}

# ---- netcheck proxy: every system source carries a hostile value. The
# source in force (the running process) has a usable proxy, so the command
# goes on; its NO_PROXY and every other source's values are hostile.
R=$T/root
printf '[Manager]\nDefaultEnvironment="http_proxy=%s/%s[2J"\n' "$DEAD" "$ESC" |
    put "$R" etc/systemd/system.conf
printf 'https_proxy=%s/%s]0;pwned-etc%s\n' "$DEAD" "$ESC" "$BEL" |
    put "$R" etc/environment
printf '[Service]\nExecStart=/usr/bin/agent\nEnvironment="https_proxy=%s/unit%s[2J" "no_proxy=a%sb"\nEnvironmentFile=/etc/%s/proxy.env\n' \
    "$DEAD" "$ESC" "$RLO" "$U" | put "$R" "etc/systemd/system/$U.service"
printf 'all_proxy=%s/file%s]0;pwned-file%s%s\n' "$DEAD" "$ESC" "$BEL" \
    "$CSI1" | put "$R" "etc/$U/proxy.env"
printf '4242\n' |
    put "$R" "sys/fs/cgroup/system.slice/$U.service/cgroup.procs"
mkdir -p "$R/proc/4242"
printf 'LANG=C\0https_proxy=%s\0no_proxy=*.ex%s]0;pwned-proc%sample.com,%s[2J\377\0' \
    "$DEAD" "$ESC" "$BEL" "$ESC" >"$R/proc/4242/environ"

nc_exec_env -- proxy --as-system --root "$R" --unit "$U" https://x.example/
assert_rc 0 "proxy --as-system (text)"
assert_both_clean "proxy --as-system"
assert_has "$T/out" '*.ex\x1b]0;pwned-proc\x07ample.com,\x1b[2J\xff' \
    "proxy: /proc/PID/environ"
assert_has "$T/out" '/file\x1b]0;pwned-file\x07\u009b' \
    "proxy: EnvironmentFile="
assert_has "$T/out" '/unit\x1b[2J' "proxy: Environment="
assert_has "$T/out" 'a\u202eb' "proxy: Environment="
assert_has "$T/out" '/\x1b]0;pwned-etc\x07' "proxy: /etc/environment"
assert_has "$T/out" ':9/\x1b[2J' "proxy: system.conf"

nc_exec_env -- proxy --as-system --root "$R" --unit "$U" --format json
assert_rc 0 "proxy --as-system (json)"
assert_both_clean "proxy --as-system --format json"
assert_valid_json
# The data stays exact: jq decodes the \u escapes back; a byte that is not
# UTF-8 is in the escaper's notation.
assert_json '.sources[] | select(.name == "running") | .sets.no_proxy ==
    "*.ex\u001b]0;pwned-proc\u0007ample.com,\u001b[2J\\xff"' true
assert_json ".sources[] | select(.path == \"/etc/$U/proxy.env\") |
    .sets.all_proxy | endswith(\"\\u001b]0;pwned-file\\u0007\\u009b\")" true

# The caller's own environment (no --as-system).
nc_exec_env "https_proxy=$DEAD" "no_proxy=*.env${ESC}]0;pwned-env${BEL}" -- \
    proxy --root "$T/empty" https://x.example/
assert_rc 0 "proxy (caller's environment)"
assert_both_clean "proxy (caller's environment)"
assert_has "$T/out" '*.env\x1b]0;pwned-env\x07' "proxy: caller's environment"

# A URL argument with a control sequence: refused, and echoed escaped.
nc_exec_env -- proxy --root "$T/empty" "https://x.example/${ESC}[2J"
assert_rc 2 "proxy with a bad URL"
assert_both_clean "proxy with a bad URL"
assert_has "$T/err" "invalid URL 'https://x.example/\\x1b[2J'" \
    "error of a bad URL"

# ---- run --as-system: the NO_PROXY warning on stderr echoes the entry.
prof=$T/esc.ini
printf '[profile]\nname = esc\n[check evil%sgnp.exe]\nurl = http://127.0.0.1:9/\n' \
    "$RLO" >"$prof"
nc_exec run -p "$prof" --as-system --root "$R" --unit "$U" --timeout 1 \
    --connect-timeout 1
assert_rc 1 "run --as-system (nothing listens)"
assert_both_clean "run --as-system"
assert_has "$T/err" 'warning: ' "run --as-system stderr"
assert_has "$T/err" '*.ex\x1b]0;pwned-proc\x07ample.com' "NO_PROXY warning"

# ---- a check name with U+202E reaches the text report escaped.
nc_exec run -p "$prof" --no-proxy --timeout 1 --connect-timeout 1
assert_rc 1 "run with a U+202E check name"
assert_both_clean "run with a U+202E check name"
assert_has "$T/out" 'evil\u202egnp.exe' "text report"

# ---- command-line arguments echoed in errors.
nc_exec run --timeout "1${ESC}[2J${ESC}]0;pwned-arg${BEL}"$'\377'
assert_rc 2 "bad --timeout"
assert_both_clean "bad --timeout"
assert_has "$T/err" "invalid --timeout '1\\x1b[2J\\x1b]0;pwned-arg\\x07\\xff'" \
    "error of a bad --timeout"
nc_exec run "x${ESC}[2J"$'\300\200'"${RLO}"
assert_rc 2 "unexpected argument"
assert_both_clean "unexpected argument"
assert_has "$T/err" "unexpected argument 'x\\x1b[2J\\xc0\\x80\\u202e'" \
    "error of an unexpected argument"
nc_exec "${ESC}]0;pwned-cmd${BEL}"
assert_rc 2 "unknown command"
assert_both_clean "unknown command"
assert_has "$T/err" "unknown command '\\x1b]0;pwned-cmd\\x07'" \
    "error of an unknown command"
nc_exec run -p "$T/no-such${ESC}[2J.ini"
assert_rc 2 "missing profile file"
assert_both_clean "missing profile file"
assert_has "$T/err" 'no-such\x1b[2J.ini' "error naming a file"

# ---- a profile line with C1 and bidirectional controls, echoed in its
# error (C0 bytes are refused by code: "control character (0x1b)").
bad=$T/bad.ini
printf '[profile]\nname = bad\n[check x]\nurl = http://127.0.0.1:9/\ntim%s%seout = 1\n' \
    "$CSI1" "$RLO" >"$bad"
nc_exec run -p "$bad"
assert_rc 2 "profile with a bad key"
assert_both_clean "profile with a bad key"
assert_has "$T/err" 'bad.ini:5:' "profile error"
assert_has "$T/err" 'tim\u009b\u202eeout' "profile error"

nc_done
