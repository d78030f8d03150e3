#!/bin/bash
# --as-system on a host where systemd runs: PID 1 is asked over D-Bus, and
# what it holds in memory (systemctl set-environment, a unit loaded before
# its file changed, the unit's MainPID) wins over its files, with warnings
# where the two disagree. There is no systemd in the test sandbox to boot,
# so systemd is a D-Bus test double: a private dbus-daemon and
# fake_systemd.c speaking the real protocol (lib.sh nc_fake_systemd),
# reached through netcheck's NETCHECK_SYSTEMD_BUS test hook. Proxies:
# lib.sh nc_squid.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world
nc_squid || nc_die "squid did not start"

OPEN=http://$NC_IP_PROXY:3128       # squid, open
BYNAME=http://$NC_IP_VALID:3128     # the same squid on another address
DEAD=http://$NC_IP_REFUSED:3128     # nothing listens
AUTH=http://$NC_PROXY_USER:$NC_PROXY_PASS@$NC_IP_PROXY_AUTH:3128
TO=(--timeout 3 --connect-timeout 2)
U=nc-it-$NC_RUN_ID # unit names no real system has

https=$(nc_file https.ini <<'INI'
[profile]
name = it-bus-https
[check valid]
url = https://valid.nc.test/
expect_body = OK
INI
)

# The unit's main process: started here with a known environment. Its PID
# is what MainPID reports, so netcheck must read its /proc/PID/environ
# (the files know no cgroup for this unit).
nc_bg "$NC_NS_c" "$T/agent.log" env -i "https_proxy=$BYNAME" sleep 600
AGENT=$NC_LAST_PID
for _ in $(seq 1 50); do
    tr '\0' '\n' <"/proc/$AGENT/environ" 2>/dev/null |
        grep -qx "https_proxy=$BYNAME" && break
    sleep 0.05
done
assert_true "the agent process runs with its proxy" \
    grep -qxF "https_proxy=$BYNAME" <(tr '\0' '\n' <"/proc/$AGENT/environ")

# PID 1: https_proxy set with `systemctl set-environment` (no file sets
# it); $U-run edited on disk since loaded, running as $AGENT; $U-stopped
# not running, with credentials in its Environment=.
nc_fake_systemd \
    --manager-env "https_proxy=$OPEN" --manager-env LANG=C.UTF-8 \
    --unit "$U-run.service" --need-reload --env "https_proxy=$DEAD" \
    --fragment "/etc/systemd/system/$U-run.service" --main-pid "$AGENT" \
    --unit "$U-stopped.service" --env "https_proxy=$AUTH" \
    --main-pid 0
BUS=NETCHECK_SYSTEMD_BUS=$NC_SYSTEMD_BUS

# ---- the manager: set-environment wins, and is called out
nc_exec_env "https_proxy=$DEAD" "$BUS" -- proxy --as-system --format json \
    https://valid.nc.test/
assert_rc 0
assert_valid_json
assert_json '.systemd' dbus
assert_json '.in_force.source, .in_force.https' "system $OPEN"
assert_json '.sources[] | select(.name == "manager-live") |
    .path, .in_force, .sets.https_proxy' \
    "D-Bus org.freedesktop.systemd1 true $OPEN"
assert_json '.sources[] | select(.path == "/etc/systemd/system.conf") |
    .in_force' false
assert_json '[.warnings[].detail | select(contains("has https_proxy, which none")
    and contains("set-environment"))] | length' 1
nc_exec_env "$BUS" -- proxy --as-system https://valid.nc.test/
assert_rc 0
assert_match "$T/out" "^ \\* manager-live +D-Bus org\\.freedesktop\\.systemd1 +https_proxy=$OPEN" \
    "proxy report (live manager in force)"
assert_match "$T/out" "^SYSTEMD: the running manager, asked over D-Bus" \
    "proxy report names the source"
assert_match "$T/out" "^- the running systemd's manager environment has https_proxy" \
    "proxy report warns about set-environment"

# run --as-system goes through the live proxy and says why on stderr.
nc_squid_mark
nc_run_env "https_proxy=$DEAD" "$BUS" -- -p "$https" --as-system \
    --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.source, .proxy.url' "system $OPEN"
assert_check valid '.status, .via_proxy' 'pass true'
assert_squid_log 'CONNECT valid\.nc\.test:443' "squid log (live manager)"
assert_match "$T/err" "warning: the running systemd's manager environment has https_proxy" \
    "run stderr warns about set-environment"

# ---- a running unit: MainPID's environment, and NeedDaemonReload
nc_exec_env "$BUS" -- proxy --as-system --unit "$U-run" --format json \
    https://valid.nc.test/
assert_rc 0
assert_json '.in_force.source, .in_force.https' "unit $BYNAME"
assert_json '.sources[] | select(.name == "running") | .path, .in_force' \
    "/proc/$AGENT/environ true"
assert_json '[.sources[] | select(.name == "cgroup")] | length' 0
assert_json '.sources[] | select(.name == "unit-live") | .path, .sets.https_proxy' \
    "D-Bus $U-run.service $DEAD"
assert_json "[.warnings[].detail | select(contains(\"'$U-run.service' changed\")
    and contains(\"NeedDaemonReload=yes\"))] | length" 1
nc_squid_mark
nc_run_env "$BUS" -- -p "$https" --as-system --unit "$U-run" \
    --format json "${TO[@]}"
assert_rc 0
assert_json '.proxy.source, .proxy.url' "unit $BYNAME"
assert_squid_log "CONNECT valid\\.nc\\.test:443" "squid log (MainPID's proxy)"
assert_match "$T/err" "warning: '$U-run\\.service' changed on disk.*daemon-reload" \
    "run stderr warns about NeedDaemonReload"

# ---- a stopped unit: the live manager plus the unit's live Environment=,
# whose credentials are used and never shown.
nc_exec_env "$BUS" -- proxy --as-system --unit "$U-stopped" --format json \
    https://valid.nc.test/
assert_rc 0
assert_json '.in_force.source, .in_force.https' \
    "unit http://$NC_IP_PROXY_AUTH:3128"
assert_json '[.sources[] | select(.in_force) | .name] | join(",")' \
    "manager-live,unit-live"
nc_squid_mark
nc_run_env "$BUS" -- -p "$https" --as-system --unit "$U-stopped" \
    --format json "${TO[@]}"
assert_rc 0
assert_check valid '.status, .proxy_status' 'pass 200'
assert_squid_log "CONNECT valid\\.nc\\.test:443 $NC_PROXY_USER " \
    "squid log (credentials from the live Environment=)"

# ---- --root: files only, whatever the hook says
R=$T/root
mkdir -p "$R/etc/systemd"
printf '[Manager]\nDefaultEnvironment=https_proxy=%s\n' "$DEAD" \
    >"$R/etc/systemd/system.conf"
nc_exec_env "$BUS" -- proxy --as-system --root "$R" --format json \
    https://valid.nc.test/
assert_rc 0
assert_json '.systemd' files
assert_json '.in_force.https' "$DEAD"
assert_json '[.sources[] | select(.name == "manager-live")] | length' 0

# ---- a bus that does not answer: the files, and a warning that says so
nc_exec_env "NETCHECK_SYSTEMD_BUS=unix:path=$T/nobus" -- proxy --as-system \
    --format json https://valid.nc.test/
assert_rc 0
assert_json '.systemd' files
assert_json '[.warnings[].detail | select(contains("could not be asked over D-Bus"))]
    | length' 1

nc_assert_secret "$NC_PROXY_PASS"
nc_done
