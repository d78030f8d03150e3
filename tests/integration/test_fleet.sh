#!/bin/bash
# The fleet playbook (scripts/ansible/netcheck-fleet.yml) with Debian's
# ansible-core against three inventory hosts on this machine
# (ansible_connection=local), each run in its own network namespace with
# its own servers and its own host name (a UTS namespace):
#   alpha: the client namespace of nc_world (dnsmasq, nginx): passes;
#   beta, gamma: a namespace each with its own proxy on 203.0.113.31:3128
#   that answers every request 407: both fail with proxy_auth_required.
# The merged report must have a row per host and one group of the two
# failing hosts via the proxy; `netcheck merge` exits 1.
. "$(dirname "$0")/lib.sh"
nc_init "$@"
command -v ansible-playbook >/dev/null ||
    nc_die "ansible-playbook not installed (scripts/deps test: ansible-core)"
command -v unshare >/dev/null || nc_die "unshare not installed"
nc_world

top=$(cd "$NC_LIBDIR/../.." && pwd)
IP_PX=203.0.113.31

# A proxy that wants credentials nobody has: 407 to everything.
cat >"$T/px407.py" <<'PY'
import socketserver, sys
class H(socketserver.StreamRequestHandler):
    def handle(self):
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        self.wfile.write(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                         b"Proxy-Authenticate: Basic realm=\"fleet\"\r\n"
                         b"Content-Length: 0\r\nConnection: close\r\n\r\n")
socketserver.TCPServer.allow_reuse_address = True
socketserver.TCPServer((sys.argv[1], 3128), H).serve_forever()
PY

prefix()
{
    # ip netns exec NS unshare --uts sh -c 'hostname H && exec "$@"' H
    printf '["ip", "netns", "exec", "%s", "unshare", "--uts", "sh", "-c", "hostname \\"$0\\" && exec \\"$@\\"", "%s"]' "$1" "$2"
}

p=$(nc_file fleet.ini <<'INI'
[profile]
name = it-fleet
[check login]
url = https://valid.nc.test/
INI
)

for h in beta gamma; do
    ns=$NC_RUN_ID-$h
    nc_netns_add "$ns" || nc_die "ip netns add"
    ip -n "$ns" addr add "$IP_PX/32" dev lo || nc_die "addr"
    nc_bg "$ns" "$T/px-$h.log" python3 "$T/px407.py" "$IP_PX"
    nc_wait_listen "$ns" tcp "$IP_PX" 3128 "$NC_LAST_PID" ||
        nc_die "proxy of $h did not start"
done

mkdir -p "$T/hosts/alpha" "$T/hosts/beta" "$T/hosts/gamma" "$T/home"
cat >"$T/inventory.yml" <<EOF
all:
  vars:
    ansible_connection: local
    ansible_python_interpreter: /usr/bin/python3
    netcheck_binary: "$NETCHECK"
    netcheck_path: "$T/hosts/{{ inventory_hostname }}/netcheck"
    netcheck_remote_dir: "$T/hosts/{{ inventory_hostname }}"
    netcheck_fetch_dir: "$T/reports"
    netcheck_merge_bin: "$NETCHECK"
    netcheck_profiles: ["$p"]
  hosts:
    alpha:
      netcheck_command_prefix: $(prefix "$NC_NS_c" alpha)
      netcheck_args: ["--dns-server", "$NC_IP_DNS", "--ca-bundle", "$T/pki/ca.pem", "--timeout", "3"]
    beta:
      netcheck_command_prefix: $(prefix "$NC_RUN_ID-beta" beta)
      netcheck_args: ["--proxy", "http://$IP_PX:3128", "--dns-server", "$IP_PX", "--timeout", "3"]
    gamma:
      netcheck_command_prefix: $(prefix "$NC_RUN_ID-gamma" gamma)
      netcheck_args: ["--proxy", "http://$IP_PX:3128", "--dns-server", "$IP_PX", "--timeout", "3"]
EOF

# From $T: no ansible.cfg of the caller's directory, no ~/.ansible touched.
(cd "$T" && HOME=$T/home ANSIBLE_NOCOLOR=1 ANSIBLE_LOCAL_TEMP=$T/home/tmp \
    ANSIBLE_REMOTE_TEMP=$T/home/rtmp \
    ansible-playbook -i "$T/inventory.yml" \
    "$top/scripts/ansible/netcheck-fleet.yml" >"$T/play.log" 2>&1)
NC_RC=$?
assert_rc 0 "the playbook succeeds: failing hosts are a result"
[ "$NC_RC" = 0 ] || cat "$T/play.log" >&2

for h in alpha beta gamma; do
    assert_true "report of $h fetched" test -s "$T/reports/$h.json"
    assert_true "$h's report names its host" \
        test "$(jq -r .host "$T/reports/$h.json" 2>/dev/null)" = "$h"
done
cp "$T/reports/fleet.json" "$T/out"
assert_json '[.reports[].host] | join(" ")' 'alpha beta gamma'
assert_json '[.fleet.rows[] | .host + ":" + .status] | join(" ")' \
    'alpha:pass beta:fail gamma:fail'
assert_json '.fleet.failed' 2
assert_json '.fleet.groups | length' 1
assert_json '.fleet.groups[0] | .problem + " " + .via + " " + (.hosts | join(","))' \
    "proxy_auth_required $IP_PX:3128 beta,gamma"
assert_match "$T/reports/fleet.txt" \
    "^  2 hosts: proxy_auth_required via $IP_PX:3128 \\(beta, gamma\\)\$"
assert_match "$T/reports/fleet.txt" '^alpha +1 +0 +0 +0  pass '
assert_match "$T/play.log" "3 hosts, 1 passed, 2 failed"

# merge itself: exit 1 with a failed host, 0 with passing ones only, 2 for
# a host twice (naming both files); a merged report merges again.
nc_exec merge "$T/reports/alpha.json" "$T/reports/beta.json" \
    "$T/reports/gamma.json"
assert_rc 1 "merge: a host failed"
nc_exec merge "$T/reports/alpha.json"
assert_rc 0 "merge: every host passed"
nc_exec merge "$T/reports/alpha.json" "$T/reports/fleet.json"
assert_rc 2 "merge: alpha twice"
assert_match "$T/err" \
    "host 'alpha' is in two reports: $T/reports/alpha.json and $T/reports/fleet.json"
nc_exec merge --format json "$T/reports/fleet.json"
assert_rc 1 "merge of a merged report"
assert_json '[.reports[].host] | join(" ")' 'alpha beta gamma'
cp "$T/out" "$T/again.json"
# The merged report: fleet-1.schema.json, and each host's report
# report-1.schema.json (README "JSON report").
NC_ASSERTS=$((NC_ASSERTS + 1))
if out=$(/usr/bin/python3 "$NC_LIBDIR/schema/validate_json.py" --fleet \
    "$NC_LIBDIR/../../netcheck/report/schema/fleet-1.schema.json" \
    "$NC_LIBDIR/../../netcheck/report/schema/report-1.schema.json" \
    "$T/reports/fleet.json" "$T/again.json" 2>&1); then
    nc_pass "merged reports valid against fleet-1 and report-1 schemas"
else
    nc_fail "merged reports against the schemas: $out"
fi
nc_exec diff "$T/reports/fleet.json" "$T/again.json"
assert_rc 0 "diff reads the merged report"
nc_done
