#!/bin/bash
# --region: a profile with two regions whose hosts resolve (dnsmasq) to
# different test servers; the region asked for is the one probed, and both
# reports say which region was tested. An unknown region, or --region
# with no profile that has regions, is exit 2 naming the known regions.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_world

# west's host is nginx (203.0.113.10), east's refuses (203.0.113.20).
prof=$(nc_file regions.ini <<'INI'
[profile]
name = regional
default_region = west

[check backup]
url = http://${host}.nc.test/
rule = *.nc.test

[check fixed]
url = http://www.nc.test/

[region west]
host = valid

[region east]
host = refused
INI
)

# No --region: the default region, said to be the default.
nc_run -p "$prof" --format json --timeout 2 --connect-timeout 1
assert_rc 0 "default region west passes"
assert_json '.region.name, .region.default, .region.profile' \
    'west true regional'
assert_check backup '.host, .status' 'valid.nc.test pass'
assert_check backup '.addresses[0].ip' "$NC_IP_VALID"
assert_text_rc_same -p "$prof" --timeout 2 --connect-timeout 1
assert_match "$T/out.text" \
    "^region: west \\(default; choose another with --region, see the \\[region\\] sections of $prof\\)\$" \
    "text report of the default region"

# --region east: east's host is probed, and fails as east's server does.
nc_run -p "$prof" --region east --format json --timeout 2 \
    --connect-timeout 1
assert_rc 1 "region east fails"
assert_json '.region.name, .region.default' 'east false'
assert_check backup '.url, .status, .problem' \
    'http://refused.nc.test/ fail tcp_refused'
assert_check backup '.addresses[0].ip' "$NC_IP_REFUSED"
assert_check fixed '.host, .status' 'www.nc.test pass'
assert_text_rc_same -p "$prof" --region east --timeout 2 --connect-timeout 1
assert_match "$T/out.text" '^region: east \(--region\)$' \
    "text report of --region east"
assert_no_match "$T/out.text" 'valid\.nc\.test' "text report of east"

# Region names are matched without regard to case.
nc_run -p "$prof" --region WEST --format json --timeout 2 \
    --connect-timeout 1
assert_rc 0 "--region WEST"
assert_json '.region.name, .region.default' 'west false'

# An unknown region: exit 2, the closest name and every known one.
nc_run -p "$prof" --region eastt --format json
assert_rc 2 "--region eastt"
assert_match "$T/err" "$prof: unknown region 'eastt' \\(did you mean 'east'\\?\\)" \
    "stderr of --region eastt"
assert_match "$T/err" '^netcheck: known regions: west east$' \
    "stderr of --region eastt"
assert_true "no report for --region eastt" test ! -s "$T/out"

# The built-in profile: an unknown region lists the real ones...
nc_exec run --region nosuch --dns-server "$NC_IP_DNS"
assert_rc 2 "built-in --region nosuch"
assert_match "$T/err" "builtin:azure-backup-mars: unknown region 'nosuch'" \
    "stderr of --region nosuch"
assert_match "$T/err" '^netcheck: known regions: australiacentral ' \
    "stderr of --region nosuch"
assert_match "$T/err" ' eastus ' "stderr of --region nosuch"
assert_match "$T/err" ' westeurope ' "stderr of --region nosuch"
# ... and --region eastus tests East US's hosts (offline: dnsmasq refuses
# every name outside nc.test and the client has no route out).
nc_exec run --region eastus --dns-server "$NC_IP_DNS" --format json \
    --timeout 2 --connect-timeout 1
assert_rc 1 "built-in --region eastus offline"
assert_json '.region.name, .region.default' 'eastus false'
assert_check backup-service '.host' 'pod01-prot1.eus.backup.windowsazure.com'
assert_check storage-blob '.host' 'euspod01fab1wxsanhice.blob.core.windows.net'
nc_exec run --dns-server "$NC_IP_DNS" --timeout 2 --connect-timeout 1
assert_rc 1 "built-in default region offline"
assert_match "$T/out" \
    "^region: westeurope \\(default; choose another with --region, see 'netcheck profiles azure-backup-mars'\\)\$" \
    "text report of the built-in's default region"

# --region with nothing to apply to: exit 2, before any check runs.
al=$(nc_file list.txt <<'EOF2'
http://www.nc.test/
EOF2
)
nc_run -a "$al" --region east
assert_rc 2 "--region with an allowlist only"
assert_match "$T/err" "--region 'east': no profile of this run has \\[region\\] sections" \
    "stderr of --region with an allowlist"
assert_true "no report for --region with an allowlist" test ! -s "$T/out"
# With a regional profile next to it, the allowlist is fine.
nc_run -p "$prof" -a "$al" --region west --format json --timeout 2 \
    --connect-timeout 1
assert_rc 0 "--region with a profile and an allowlist"
assert_json '.region.name' 'west'

nc_done
