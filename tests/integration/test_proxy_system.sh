#!/bin/bash
# --as-system: the proxy a systemd system service gets, read from a --root
# tree (system.conf and its drop-ins, a unit's Environment= and
# EnvironmentFile=), never from the caller's environment; and the
# `netcheck proxy` report with its warnings. Proxies: lib.sh nc_squid.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world
nc_squid || nc_die "squid did not start"

OPEN=http://$NC_IP_PROXY:3128
DEAD=http://$NC_IP_REFUSED:3128
PASS=$NC_PROXY_PASS
TO=(--timeout 3 --connect-timeout 2)
U=nc-it-$NC_RUN_ID # unit names no real system has

https=$(nc_file https.ini <<'INI'
[profile]
name = it-sys-https
[check valid]
url = https://valid.nc.test/
expect_body = OK
INI
)
mixed=$(nc_file mixed.ini <<'INI'
[profile]
name = it-sys-mixed
[check valid]
url = https://valid.nc.test/
[check www]
url = https://www.nc.test/
[check plain]
url = http://valid.nc.test/ncsi.txt
expect_body = Microsoft NCSI
INI
)

# px_put ROOT PATH: write stdin to ROOT/PATH.
px_put()
{
    mkdir -p "$(dirname "$1/$2")" && cat >"$1/$2"
}

# root-none: a manager with no environment; /etc/environment sets a proxy,
# which no service ever sees.
R0=$T/root-none
px_put "$R0" etc/systemd/system.conf <<'EOF2'
[Manager]
#DefaultEnvironment=https_proxy=http://commented.out:3128
LogLevel=info
EOF2
px_put "$R0" etc/environment <<EOF2
https_proxy=$OPEN
EOF2

# root-sys: the manager's DefaultEnvironment= sets the open proxy.
R1=$T/root-sys
px_put "$R1" etc/systemd/system.conf <<EOF2
# systemd-system.conf(5)
[Manager]
DefaultEnvironment="https_proxy=$OPEN" "no_proxy=localhost,.invalid"
EOF2

# root-dropin: systemd's order. system.conf sets the dead proxy for both
# schemes; drop-in 10 resets the list (empty assignment); drop-in 20 in
# /etc shadows the /usr/lib file of the same name and sets the open proxy
# on a continued line, with NO_PROXY for www.
R2=$T/root-dropin
px_put "$R2" etc/systemd/system.conf <<EOF2
[Manager]
DefaultEnvironment="http_proxy=$DEAD" "https_proxy=$DEAD"
EOF2
px_put "$R2" etc/systemd/system.conf.d/10-reset.conf <<'EOF2'
[Manager]
DefaultEnvironment=
EOF2
px_put "$R2" etc/systemd/system.conf.d/20-proxy.conf <<EOF2
[Manager]
DefaultEnvironment=https_proxy=$OPEN \\
    "no_proxy=example.invalid, www.nc.test"
EOF2
px_put "$R2" usr/lib/systemd/system.conf.d/20-proxy.conf <<EOF2
[Manager]
DefaultEnvironment=https_proxy=$DEAD
EOF2

# root-unit: the manager points at the dead proxy; the units override it.
R3=$T/root-unit
px_put "$R3" etc/systemd/system.conf <<EOF2
[Manager]
DefaultEnvironment=https_proxy=$DEAD
EOF2
px_put "$R3" "etc/systemd/system/$U-env.service" <<EOF2
[Unit]
Description=agent with Environment=

[Service]
ExecStart=/usr/bin/true
Environment="https_proxy=$OPEN" NO_PROXY=example.invalid
EOF2
px_put "$R3" "etc/systemd/system/$U-file.service" <<EOF2
[Service]
ExecStart=/usr/bin/true
EnvironmentFile=-/etc/$U/missing.env
EnvironmentFile=/etc/$U/proxy.env
EOF2
px_put "$R3" "etc/$U/proxy.env" <<EOF2
# the agent's proxy, with its credentials
https_proxy="http://$NC_PROXY_USER:$PASS@$NC_IP_PROXY_AUTH:3128"
EOF2
# EnvironmentFile= wins over Environment= (systemd.exec(5)).
px_put "$R3" "etc/systemd/system/$U-both.service" <<EOF2
[Service]
ExecStart=/usr/bin/true
Environment=https_proxy=$DEAD
EnvironmentFile=/etc/$U/open.env
EOF2
px_put "$R3" "etc/$U/open.env" <<EOF2
https_proxy=$OPEN
EOF2
# A drop-in overrides the unit file's Environment=.
px_put "$R3" "etc/systemd/system/$U-dropin.service" <<EOF2
[Service]
ExecStart=/usr/bin/true
Environment=https_proxy=$DEAD
EOF2
px_put "$R3" "etc/systemd/system/$U-dropin.service.d/proxy.conf" <<EOF2
[Service]
Environment=https_proxy=$OPEN
EOF2

# ---- the caller's env points at a dead proxy: used without --as-system
nc_run_env "https_proxy=$DEAD" -- -p "$https" --format json "${TO[@]}"
assert_rc 1
assert_json '.proxy.source, .proxy.url' "env $DEAD"
assert_check valid '.problem' proxy_unreachable

# ---- --as-system: the manager's DefaultEnvironment=, not the caller's
nc_squid_mark
nc_run_env "https_proxy=$DEAD" -- -p "$https" --as-system --root "$R1" \
    --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.source, .proxy.url' "system $OPEN"
assert_check valid '.status, .via_proxy, .proxy_status' 'pass true 200'
assert_squid_log 'CONNECT valid\.nc\.test:443' "squid log"
nc_run_env "https_proxy=$DEAD" -- -p "$https" --as-system --root "$R1" \
    --format text "${TO[@]}"
assert_rc 0 "text exit status"

# A flag still beats every source.
nc_run_env -- -p "$https" --as-system --root "$R1" --proxy "$DEAD" \
    --format json "${TO[@]}"
assert_rc 1
assert_json '.proxy.source' flag
assert_check valid '.problem' proxy_unreachable

# /etc/environment is not what a service sees: direct.
nc_squid_mark
nc_run_env "https_proxy=$DEAD" -- -p "$https" --as-system --root "$R0" \
    --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.source, .proxy.url' 'none null'
assert_check valid '.status, .via_proxy' 'pass false'
assert_squid_no_log . "squid log (service without proxy)"

# Drop-ins: reset, shadowing by name, continuation, quoting, NO_PROXY.
nc_squid_mark
nc_run_env "http_proxy=$DEAD" "https_proxy=$DEAD" -- -p "$mixed" \
    --as-system --root "$R2" --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.source, .proxy.url' "system $OPEN"
assert_check valid '.status, .via_proxy' 'pass true'
assert_check www '.status, .via_proxy' 'pass false'
assert_check plain '.status, .via_proxy' 'pass false'
assert_squid_log 'CONNECT valid\.nc\.test:443' "squid log"
assert_squid_no_log 'www\.nc\.test|GET ' "squid log"

# ---- --unit: Environment=, EnvironmentFile= (with '-'), precedence
nc_run_env "https_proxy=$DEAD" -- -p "$https" --as-system --root "$R3" \
    --format json "${TO[@]}"
assert_rc 1
assert_json '.proxy.source, .proxy.url' "system $DEAD"
assert_check valid '.problem' proxy_unreachable

nc_run_env "https_proxy=$DEAD" -- -p "$https" --as-system --root "$R3" \
    --unit "$U-env" --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.source, .proxy.url' "unit $OPEN"
assert_check valid '.status, .via_proxy, .proxy_status' 'pass true 200'

nc_run_env "https_proxy=$DEAD" -- -p "$https" --as-system --root "$R3" \
    --unit "$U-env.service" --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.source' unit

nc_squid_mark
for fmt in json text junit; do
    nc_run_env -- -p "$https" --as-system --root "$R3" --unit "$U-file" \
        --format "$fmt" "${TO[@]}"
    assert_rc 0 "$fmt exit status"
done
nc_run_env -- -p "$https" --as-system --root "$R3" --unit "$U-file" \
    --format json "${TO[@]}"
assert_json '.proxy.source' unit
assert_json ".proxy.url | contains(\"$NC_IP_PROXY_AUTH:3128\")" true
assert_check valid '.status, .via_proxy, .proxy_status' 'pass true 200'
assert_squid_log 'TCP_TUNNEL/200 .* CONNECT valid\.nc\.test:443 agent ' \
    "squid log (credentials from the EnvironmentFile)"

nc_run_env -- -p "$https" --as-system --root "$R3" --unit "$U-both" \
    --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.source, .proxy.url' "unit $OPEN"
nc_run_env -- -p "$https" --as-system --root "$R3" --unit "$U-dropin" \
    --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.source, .proxy.url' "unit $OPEN"

nc_run_env -- -p "$https" --unit "$U-env" --root "$R3" --format json
assert_rc 2 "--unit without --as-system"
assert_match "$T/err" 'as-system' "stderr"

# ---- netcheck proxy
# Runs without --as-system still get --root (an empty tree), so the host's
# own /etc/environment and system.conf cannot change their warnings.
RE=$T/root-empty
mkdir -p "$RE"

# The shell has a proxy, a service would have none: the classic trap.
nc_exec_env "https_proxy=$OPEN" -- proxy --as-system --root "$R0"
assert_rc 0
cat "$T/out" "$T/err" >"$T/both"
assert_match "$T/both" "your shell uses proxy $OPEN.* but a system service \
would connect directly" "proxy report"
assert_match "$T/both" '/etc/environment' "proxy report"
nc_exec_env "https_proxy=$OPEN" -- proxy --as-system --root "$R0" \
    --format json https://valid.nc.test/
assert_rc 0
assert_json '.in_force.source, .in_force.https' 'none null'
assert_json '.urls[0].url, .urls[0].proxy' 'https://valid.nc.test/ null'
assert_json '[.warnings[].detail | select(startswith("your shell uses proxy"))] |
    length' 1
assert_json '[.warnings[].detail | select(contains("/etc/environment"))] | length' 1
# The same warning objects as run's JSON, and its schema and version keys.
assert_json '[.warnings[] | select(.code == "service_connects_directly")] |
    length' 1
assert_json '[.warnings[] | select(.code == "etc_environment_unread")] |
    length' 1
assert_json '.schema, (.version | test("^[0-9]+[.][0-9]+"))' '1 true'

# The manager's DefaultEnvironment= is in force; the caller's env is not.
nc_exec_env "https_proxy=$DEAD" -- proxy --as-system --root "$R1" \
    https://valid.nc.test/
assert_rc 0
cat "$T/out" "$T/err" >"$T/both"
assert_match "$T/both" '/etc/systemd/system\.conf' "proxy report"
assert_match "$T/both" "$OPEN" "proxy report"
assert_no_match "$T/both" 'would connect directly' "proxy report"
nc_exec_env "https_proxy=$DEAD" -- proxy --as-system --root "$R1" \
    --format json https://valid.nc.test/
assert_rc 0
assert_json '.in_force.source, .in_force.https' "system $OPEN"
assert_json '.sources[] | select(.path == "/etc/systemd/system.conf") |
    .in_force, .sets.https_proxy' "true $OPEN"
assert_json '.urls[0].proxy, .urls[0].no_proxy_match' "$OPEN null"

# A unit's EnvironmentFile= with credentials: in force, password hidden.
nc_exec_env "https_proxy=$DEAD" -- proxy --as-system --root "$R3" \
    --unit "$U-file" --format json https://valid.nc.test/
assert_rc 0
assert_json '.in_force.source' unit
assert_json ".in_force.https | contains(\"$NC_IP_PROXY_AUTH:3128\")" true
assert_json "[.sources[].path | select(. == \"/etc/$U/proxy.env\" or
    . == \"/etc/systemd/system/$U-file.service\")] | length" 2
nc_exec_env "https_proxy=$DEAD" -- proxy --as-system --root "$R3" \
    --unit "$U-file" https://valid.nc.test/
assert_rc 0
assert_match "$T/out" "$U-file\\.service" "proxy report"
assert_match "$T/out" "$NC_IP_PROXY_AUTH:3128" "proxy report"

# Per URL: the effective proxy and the NO_PROXY entry that matched.
nc_exec_env "https_proxy=$OPEN" "NO_PROXY=example.invalid,.www.nc.test" -- \
    proxy --root "$RE" https://www.nc.test/ https://valid.nc.test/
assert_rc 0
assert_match "$T/out" 'www\.nc\.test/ +direct +\.www\.nc\.test' \
    "proxy report (matched entry)"
nc_exec_env "https_proxy=$OPEN" "NO_PROXY=example.invalid,.www.nc.test" -- \
    proxy --root "$RE" --format json https://www.nc.test/ \
    https://valid.nc.test/
assert_rc 0
assert_json '.in_force.source' env
assert_json '.urls[] | select(.url == "https://www.nc.test/") |
    .proxy, .no_proxy_match' 'null .www.nc.test'
assert_json '.urls[] | select(.url == "https://valid.nc.test/") |
    .proxy, .no_proxy_match' "$OPEN null"

# Traps: uppercase HTTP_PROXY (curl ignores it for http://), no port.
nc_exec_env "HTTP_PROXY=$OPEN" -- proxy --root "$RE" --format json \
    http://valid.nc.test/
assert_rc 0
assert_json '.urls[0].proxy' null
assert_json '[.warnings[].detail | select(contains("HTTP_PROXY"))] | length > 0' true
nc_exec_env "https_proxy=$NC_IP_PROXY" -- proxy --root "$RE" --format json \
    https://valid.nc.test/
assert_rc 0
assert_json '.urls[0].proxy' "http://$NC_IP_PROXY:1080"
assert_json '[.warnings[].detail | select(contains("1080"))] | length > 0' true

# Credentials in the caller's env and in a unit's file are never shown.
nc_exec_env "https_proxy=http://agent:$PASS@$NC_IP_PROXY_AUTH:3128" -- \
    proxy --root "$RE" https://valid.nc.test/
assert_rc 0
nc_exec_env "https_proxy=http://agent:$PASS@$NC_IP_PROXY_AUTH:3128" -- \
    proxy --root "$RE" --format json https://valid.nc.test/
assert_rc 0
nc_exec_env "https_proxy=http://agent:$PASS@$NC_IP_PROXY_AUTH:3128" -- \
    proxy --as-system --root "$R3" --unit "$U-file"
assert_rc 0
nc_exec_env "https_proxy=http://agent:$PASS@$NC_IP_PROXY_AUTH:3128" -- \
    proxy --as-system --root "$R3" --unit "$U-file" --format json
assert_rc 0
# ---- a running unit: its real environment wins over its files
# sysenv_load finds the main PID as systemd lays it out: the unit's cgroup
# (system.slice/<unit> by default) under sys/fs/cgroup, whose cgroup.procs
# lists the PIDs, the first one being taken for the main process; then
# proc/<PID>/environ (NUL-separated) under the same --root. Here the unit
# files and the manager point at the dead proxy, the running process at the
# open one (or, for $U-runauth, at the auth proxy with credentials).
R4=$T/root-running
px_put "$R4" etc/systemd/system.conf <<EOF2
[Manager]
DefaultEnvironment=https_proxy=$DEAD http_proxy=$DEAD
EOF2
for unit in "$U-run" "$U-runauth" "$U-stopped"; do
    px_put "$R4" "etc/systemd/system/$unit.service" <<EOF2
[Service]
ExecStart=/usr/bin/agent
Environment=https_proxy=$DEAD
EOF2
done
printf '4242\n4243\n' |
    px_put "$R4" "sys/fs/cgroup/system.slice/$U-run.service/cgroup.procs"
mkdir -p "$R4/proc/4242" "$R4/proc/4250"
printf 'LANG=C.UTF-8\0https_proxy=%s\0INVOCATION_ID=0123\0' "$OPEN" \
    >"$R4/proc/4242/environ"
printf '4250\n' |
    px_put "$R4" "sys/fs/cgroup/system.slice/$U-runauth.service/cgroup.procs"
printf 'https_proxy=http://%s:%s@%s:3128\0' "$NC_PROXY_USER" "$PASS" \
    "$NC_IP_PROXY_AUTH" >"$R4/proc/4250/environ"
: | px_put "$R4" "sys/fs/cgroup/system.slice/$U-stopped.service/cgroup.procs"

nc_squid_mark
nc_run_env "https_proxy=$DEAD" -- -p "$https" --as-system --unit "$U-run" \
    --root "$R4" --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.source, .proxy.url' "unit $OPEN"
assert_check valid '.status, .via_proxy, .proxy_status' 'pass true 200'
assert_squid_log 'TCP_TUNNEL/200 .* CONNECT valid\.nc\.test:443 ' \
    "squid log (proxy of the running process)"
nc_run_env "https_proxy=$DEAD" -- -p "$https" --as-system --unit "$U-run" \
    --root "$R4" --format text "${TO[@]}"
assert_rc 0 "text exit status"

# Credentials in the running process's environment are used, not shown.
nc_squid_mark
nc_run_env -- -p "$https" --as-system --unit "$U-runauth" --root "$R4" \
    --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.source' unit
assert_json ".proxy.url | contains(\"$NC_IP_PROXY_AUTH:3128\")" true
assert_check valid '.status, .proxy_status' 'pass 200'
assert_squid_log 'TCP_TUNNEL/200 .* CONNECT valid\.nc\.test:443 agent ' \
    "squid log (credentials from /proc/PID/environ)"

# Not running (an empty cgroup): the unit's files decide, dead proxy.
nc_run_env -- -p "$https" --as-system --unit "$U-stopped" --root "$R4" \
    --format json "${TO[@]}"
assert_rc 1
assert_json '.proxy.source, .proxy.url' "unit $DEAD"
assert_check valid '.problem' proxy_unreachable

# netcheck proxy: the running process is the row in force, the unit file
# and the manager are read but not in force.
nc_exec_env "https_proxy=$DEAD" -- proxy --as-system --unit "$U-run" \
    --root "$R4" --format json https://valid.nc.test/
assert_rc 0
assert_valid_json
assert_json '.in_force.source, .in_force.https' "unit $OPEN"
assert_json '.urls[0].proxy' "$OPEN"
assert_json '.sources[] | select(.name == "running") |
    .path, .in_force, .seen_by_services, .sets.https_proxy' \
    "/proc/4242/environ true true $OPEN"
assert_json '.sources[] | select(.name == "cgroup") | .path' \
    "/sys/fs/cgroup/system.slice/$U-run.service/cgroup.procs"
assert_json "[.sources[] | select(.in_force)] | length" 1
assert_json ".sources[] | select(.path == \"/etc/systemd/system/$U-run.service\")
    | .name, .in_force, .sets.https_proxy" "unit false $DEAD"
assert_json '.sources[] | select(.path == "/etc/systemd/system.conf") |
    .in_force' false
nc_exec_env "https_proxy=$DEAD" -- proxy --as-system --unit "$U-run" \
    --root "$R4" https://valid.nc.test/
assert_rc 0
assert_match "$T/out" "^ \\* running +/proc/4242/environ +https_proxy=$OPEN" \
    "proxy report (running row in force)"
assert_match "$T/out" "^   unit +/etc/systemd/system/$U-run\\.service" \
    "proxy report (unit file not in force)"
assert_match "$T/out" "^IN FORCE: unit; .*https:// $OPEN" "proxy report"
assert_match "$T/out" "valid\\.nc\\.test/ +$OPEN" "proxy report (URL row)"
# The stopped unit: its file is in force, no running row.
nc_exec_env -- proxy --as-system --unit "$U-stopped" --root "$R4" \
    --format json https://valid.nc.test/
assert_rc 0
assert_json '.in_force.source, .in_force.https' "unit $DEAD"
assert_json '[.sources[] | select(.name == "running")] | length' 0
assert_json ".sources[] | select(.path == \"/etc/systemd/system/$U-stopped.service\")
    | .in_force" true
# With credentials in the running environment: shown without the password.
nc_exec_env -- proxy --as-system --unit "$U-runauth" --root "$R4"
assert_rc 0
assert_match "$T/out" "^ \\* running +/proc/4250/environ +https_proxy=http://agent@$NC_IP_PROXY_AUTH:3128" \
    "proxy report (running row, user but no password)"
nc_exec_env -- proxy --as-system --unit "$U-runauth" --root "$R4" \
    --format json
assert_rc 0
assert_json '.sources[] | select(.name == "running") | .sets.https_proxy' \
    "http://agent@$NC_IP_PROXY_AUTH:3128"

nc_assert_secret "$PASS"

nc_done
