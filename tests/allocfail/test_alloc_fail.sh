#!/usr/bin/env bash
# Allocation failures in the whole program (README "Allocation-failure
# testing"): netcheck_allocfail is netcheck over the _ut layers with a hook
# (hook.c) that makes allocation N and every later one fail. For each
# command below, a clean run counts the allocations; then runs with
# allocation N failing, for N spread over that count, must each exit 3
# with a message on stderr, never crash, never print a sanitizer report
# (under the ASan build a leak fails too). Loopback only: the run checks
# 127.0.0.1 on a port nothing listens on.
#
#   test_alloc_fail.sh NETCHECK_ALLOCFAIL SOURCE_DIR
set -euo pipefail

bin=$1
src=$2
MAX_N=${ALLOCFAIL_MAX_N:-60} # failing runs per command, at most

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# A sanitizer's own exit status, told apart from netcheck's 0-3.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86
export UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:exitcode=87

printf '127.0.0.1:1\n' >"$T/allow.txt"
"$bin" run -a "$T/allow.txt" --format json -o "$T/a.json" --timeout 2 ||
    [ $? = 1 ] || { echo "FAIL: the clean run did not work" >&2; exit 1; }

cmds=(
    "profiles"
    "run -a $T/allow.txt --timeout 2 --format json -q"
    "diff $T/a.json $T/a.json"
    "proxy --registry $src/tests/unit/data/winreg/machine-pac.reg https://login.example.com/"
)

fails=0
tried=0
for c in "${cmds[@]}"; do
    # shellcheck disable=SC2086 # the command's words
    total=$(NETCHECK_TEST_ALLOC_COUNT=1 "$bin" $c 2>&1 >/dev/null |
        sed -n "s/^allocations: //p" | tail -1 || true)
    if [ -z "$total" ] || [ "$total" -lt 1 ]; then
        echo "FAIL: '$c': no allocation counted" >&2
        fails=$((fails + 1))
        continue
    fi
    step=$(((total + MAX_N - 1) / MAX_N))
    for ((n = 0; n < total; n += step)); do
        rc=0
        # shellcheck disable=SC2086
        NETCHECK_TEST_ALLOC_FAIL=$n "$bin" $c >"$T/out" 2>"$T/err" || rc=$?
        tried=$((tried + 1))
        if [ "$rc" != 3 ] || ! [ -s "$T/err" ] ||
            grep -qE 'Sanitizer|runtime error' "$T/err"; then
            echo "FAIL: '$c' with allocation $n of $total failing: exit $rc" >&2
            head -5 "$T/err" | sed 's/^/    /' >&2
            fails=$((fails + 1))
        fi
    done
    echo "ok: '$c': $total allocations, every ${step}th failed in turn" >&2
done
echo "$tried failing runs, $fails wrong" >&2
[ "$fails" = 0 ]
