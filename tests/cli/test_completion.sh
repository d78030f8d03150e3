#!/bin/bash
# The bash completion (netcheck/completion/netcheck.bash) run as bash runs
# it: COMP_WORDS/COMP_CWORD set, _netcheck called, COMPREPLY checked. The
# commands and each command's options must be those netcheck's own tables
# print (`netcheck --help`, `netcheck help COMMAND`), so the completion
# cannot drift from the program. No root, no network.
# usage: test_completion.sh NETCHECK SOURCE_DIR
set -u
NETCHECK=$(realpath "$1")
SRC=$(realpath "$2")
BC=/usr/share/bash-completion/bash_completion
[ -r "$BC" ] || { echo "SKIP: bash-completion not installed"; exit 77; }
# shellcheck disable=SC1090
. "$BC"
# shellcheck disable=SC1091
. "$SRC/netcheck/completion/netcheck.bash"

fails=0
asserts=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# complete WORD...: complete the last word of "netcheck WORD..." (the
# last one may be empty); the sorted, unique COMPREPLY in $got.
complete_words()
{
    COMP_WORDS=("$NETCHECK" "$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _netcheck "$NETCHECK" "${COMP_WORDS[COMP_CWORD]}" \
        "${COMP_WORDS[COMP_CWORD - 1]}"
    got=$(printf '%s\n' "${COMPREPLY[@]}" | sort -u | tr '\n' ' ')
}

# expect WANT WORD...: the completions are exactly WANT (any order).
expect()
{
    local want
    want=$(printf '%s\n' $1 | sort -u | tr '\n' ' ')
    shift
    complete_words "$@"
    asserts=$((asserts + 1))
    if [ "$got" = "$want" ]; then
        echo "ok: netcheck $* -> $got"
    else
        echo "FAIL: netcheck $*<TAB>: want '$want', got '$got'"
        fails=$((fails + 1))
    fi
}

# The commands from the program's help, the options from each command's.
cmds=$("$NETCHECK" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]\{1,\}\) .*/\1/p')
[ -n "$cmds" ] || { echo "FAIL: no commands in 'netcheck --help'"; exit 1; }
expect "$cmds" ""
expect "$cmds" help ""
expect "-h --help -V --version" -
for c in $cmds; do
    opts=$("$NETCHECK" help "$c" |
        grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' | tr -d ',')
    [ -n "$opts" ] || { echo "FAIL: no options in 'netcheck help $c'"; fails=$((fails + 1)); }
    expect "$opts" "$c" -
done

profiles=$("$NETCHECK" profiles | awk '{ print $1 }')
expect "$profiles" profiles ""
expect "$(printf '%s\n' $profiles | grep '^azure-backup-mars-u')" run -p azure-backup-mars-u
expect "json junit" run --format j
expect "text json" proxy --format ""
expect "json" run --format=js
expect "--quiet" run --qu
expect "-q" run -q
# --region: the regions of the -p profile, else of the default profile.
regions=$("$NETCHECK" profiles azure-backup-mars-usgov |
    sed -n 's/^\[region \(.*\)\]$/\1/p')
expect "$regions" run -p azure-backup-mars-usgov --region ""
expect "$("$NETCHECK" profiles azure-backup-mars |
    sed -n 's/^\[region \(east.*\)\]$/\1/p')" run --region east
# Files for the options that take one.
mkdir "$T/dir"
: >"$T/allow.txt"
: >"$T/ca.pem"
cd "$T" || exit 1
expect "allow.txt ca.pem dir" run -a ""
expect "ca.pem" run --ca-bundle c
expect "dir" run --root ""
expect "$profiles - allow.txt ca.pem dir" run -p ""
# No value to guess: nothing offered.
expect "" run --timeout ""

echo "$((asserts - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
