# bash completion for netcheck(1)                          -*- shell-script -*-
# Installed to bash-completion's completionsdir as "netcheck" (loaded on
# first use). The option lists mirror the option tables that `netcheck help
# COMMAND` prints; tests/cli/test_completion.sh fails when they drift.

# The built-in profile names (`netcheck profiles`, first column).
_netcheck_profiles()
{
    "$1" profiles 2>/dev/null | awk '{ print $1 }'
}

# The [region NAME] sections of the built-in profile given with -p on this
# command line (the first one), else of the default profile.
_netcheck_regions()
{
    local bin=$1 prof=azure-backup-mars i
    for ((i = 1; i < cword; i++)); do
        if [[ ${words[i]} == @(-p|--profile) && -n ${words[i + 1]-} ]]; then
            prof=${words[i + 1]}
            break
        fi
    done
    "$bin" profiles "$prof" 2>/dev/null |
        sed -n 's/^[[:space:]]*\[region[[:space:]]\{1,\}\([^]]*\)\].*/\1/p'
}

_netcheck()
{
    local cur prev words cword split
    _init_completion -s || return

    local commands="run diff merge profiles proxy version help"
    local common="-h --help -V --version"
    local proxyopts="--proxy --no-proxy --proxy-user --as-system --unit --root"
    local -A opts=(
        [run]="-p --profile -a --allowlist --only --region --dns-server
            --ca-bundle --timeout --connect-timeout --parallel --format -o
            --output -q --quiet -v --verbose $proxyopts --proxy-ca-bundle --expressroute
            --service-tags --baseline --save $common"
        [diff]="--format -o --output -q --quiet $common"
        [merge]="--format -o --output -q --quiet $common"
        [proxy]="--format --registry $proxyopts $common"
        [profiles]="$common"
        [version]="$common"
        [help]="$common"
    )

    # The command is the first word that is not an option: the options
    # before it (-h, -V) take no value.
    local i cmd=
    for ((i = 1; i < cword; i++)); do
        if [[ ${words[i]} != -* ]]; then
            cmd=${words[i]}
            break
        fi
    done

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$common" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        return
    fi
    [[ -v opts[$cmd] ]] || return

    # An option's value, when prev is an option of this command.
    if [[ " ${opts[$cmd]} " == *[[:space:]]$prev[[:space:]]* ]]; then
        case $prev in
        -p | --profile)
            COMPREPLY=($(compgen -W "$(_netcheck_profiles "$1") -" -- "$cur"))
            _filedir
            return
            ;;
        -a | --allowlist | -o | --output | --ca-bundle | --proxy-ca-bundle | \
            --service-tags | --registry | --baseline | --save)
            _filedir
            return
            ;;
        --root)
            _filedir -d
            return
            ;;
        --format)
            if [[ $cmd == run || $cmd == merge ]]; then
                COMPREPLY=($(compgen -W "text json junit prometheus" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "text json" -- "$cur"))
            fi
            return
            ;;
        --region)
            COMPREPLY=($(compgen -W "$(_netcheck_regions "$1")" -- "$cur"))
            return
            ;;
        --unit)
            COMPREPLY=($(compgen -W "$(systemctl list-unit-files \
                --type=service --no-legend 2>/dev/null |
                awk '{ print $1 }')" -- "$cur"))
            return
            ;;
        --expressroute)
            _available_interfaces
            return
            ;;
        --dns-server | --timeout | --connect-timeout | --parallel | \
            --proxy | --proxy-user | --only)
            return
            ;;
        esac
    fi
    $split && return

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "${opts[$cmd]}" -- "$cur"))
        [[ ${COMPREPLY-} == *= ]] && compopt -o nospace
        return
    fi
    case $cmd in
    profiles) COMPREPLY=($(compgen -W "$(_netcheck_profiles "$1")" -- "$cur")) ;;
    merge) _filedir json ;;
    help) COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
    esac
} &&
    complete -F _netcheck netcheck
