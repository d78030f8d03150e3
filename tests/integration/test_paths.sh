#!/bin/bash
# Where each resolved address may go (lib.sh: nc_route_world): profile and
# check ranges (address_outside_ranges naming the address and the ranges),
# Azure service tags (--service-tags: per-address labels, service_tag =
# NAME enforced, a bad file is an input error), and private endpoints
# (expect_private = yes: address_not_private for a public answer).
. "$(dirname "$0")/lib.sh"
nc_init "$@"
nc_route_world
NC_IP_DNS_PE=203.0.113.58
# pe answers a public address where a private endpoint was expected.
nc_dnsmasq_extra "$NC_IP_DNS_PE" "pe.nc.test=$NC_IP_VALID" ||
    nc_die "second dnsmasq did not start"
TO=(--timeout 5 --connect-timeout 3)

# ---- (6) ranges: the profile's, a check's own, none
ranges=$(nc_file ranges.ini <<'INI'
[profile]
name = it-ranges
ranges = 203.0.113.0/24, 198.51.100.0/30
[check valid]
url = https://valid.nc.test/
[check outside]
url = https://outside.nc.test/
[check own]
url = https://outside.nc.test/
ranges = 198.51.100.80/28
[check none]
url = https://outside.nc.test/
ranges =
[check two]
url = https://two.nc.test/
INI
)
nc_run -p "$ranges" --format json "${TO[@]}"
assert_rc 1 "an address outside the ranges"
assert_valid_json
assert_json '.summary.total, .summary.passed, .summary.failed' '5 3 2'
assert_check valid '.status, .addresses[0].in_ranges' 'pass true'
assert_check outside '.status, .problem' 'fail address_outside_ranges'
assert_check outside '.addresses[0] | .ip, .in_ranges, .problem' \
    "$NC_IP_OUTSIDE false address_outside_ranges"
# The detail names the address and every range it missed; the connection
# worked, so nothing else is blamed.
assert_check outside '.detail | test("^198\\.51\\.100\\.80 ")' true
assert_check outside '.detail | test("203\\.0\\.113\\.0/24")' true
assert_check outside '.detail | test("198\\.51\\.100\\.0/30")' true
assert_check outside '.detail | test("probe also failed")' false
assert_check outside '.addresses[0].http_status' 200
# A check's own ranges replace the profile's; an empty list means none.
assert_check own '.status, .addresses[0].in_ranges' 'pass true'
assert_check none '.status, .addresses[0].in_ranges' 'pass null'
# Per address: one inside, one outside.
assert_check two '[.addresses[] | .ip + "=" + (.in_ranges | tostring) + "/" + .status] | sort | join(",")' \
    "$NC_IP_OUTSIDE=false/fail,$NC_IP_VALID=true/pass"
assert_check two '.problem' address_outside_ranges
assert_text_rc_same -p "$ranges" "${TO[@]}"
assert_match "$T/out.text" \
    '^outside +fail +address_outside_ranges +198\.51\.100\.80 ' "text row"
assert_match "$T/out.text" '198\.51\.100\.80 is outside the allowed ranges' \
    "text detail"

# IPv6 answers are matched too (dual's AAAA is 2001:db8::1; it is not
# probed, the client has no IPv6, but it is labelled).
v6=$(nc_file v6.ini <<'INI'
[profile]
name = it-ranges-v6
[check in]
url = https://dual.nc.test/
ranges = 203.0.113.0/24 2001:db8::/32
[check out]
url = https://dual.nc.test/
ranges = 203.0.113.0/24 2001:db8:1::/48
INI
)
nc_run -p "$v6" --format json "${TO[@]}"
assert_check in '[.addresses[] | .ip + "=" + (.in_ranges | tostring)] | sort | join(",")' \
    "$NC_IP6_DUAL=true,$NC_IP_VALID=true"
assert_check out '[.addresses[] | .ip + "=" + (.in_ranges | tostring)] | sort | join(",")' \
    "$NC_IP6_DUAL=false,$NC_IP_VALID=true"
assert_check in '.status' pass

# Outside the ranges and off the ExpressRoute path: the range is the root
# cause and is reported first.
erout=$(nc_file erout.ini <<'INI'
[profile]
name = it-ranges-er
ranges = 203.0.113.0/24
[check outside]
url = https://outside.nc.test/
expressroute = yes
INI
)
nc_run -p "$erout" --format json "${TO[@]}" --expressroute "$NC_RT_ER_DEV"
assert_rc 1 "outside the ranges and misrouted"
assert_check outside '.problem, .addresses[0].route.dev' \
    "address_outside_ranges $NC_RT_INET_DEV"

# ---- (7) service tags
# AzureActiveDirectory and AzureCloud both hold 203.0.113.10; Storage,
# Storage.WestEurope and AzureCloud all hold 198.51.100.80. The most
# specific prefix labels the address.
tags=$(nc_file tags.json <<'JSON'
{
  "changeNumber": 7,
  "cloud": "Public",
  "values": [
    {"name": "AzureCloud", "id": "AzureCloud",
     "properties": {"region": "", "systemService": "",
                    "addressPrefixes": ["203.0.113.0/24", "198.51.100.0/24"]}},
    {"name": "AzureActiveDirectory", "id": "AzureActiveDirectory",
     "properties": {"region": "", "systemService": "AzureActiveDirectory",
                    "addressPrefixes": ["203.0.113.0/26", "2001:db8::/32"]}},
    {"name": "Storage", "id": "Storage",
     "properties": {"region": "", "systemService": "AzureStorage",
                    "addressPrefixes": ["198.51.100.0/24"]}},
    {"name": "Storage.WestEurope", "id": "Storage.WestEurope",
     "properties": {"region": "westeurope", "systemService": "AzureStorage",
                    "addressPrefixes": ["198.51.100.0/25"]}}
  ]
}
JSON
)
tagged=$(nc_file tagged.ini <<'INI'
[profile]
name = it-tags
[check aad]
url = https://valid.nc.test/
service_tag = AzureActiveDirectory
[check aadwrong]
url = https://outside.nc.test/
service_tag = AzureActiveDirectory
[check storage]
url = https://outside.nc.test/
service_tag = Storage
[check storagewe]
url = https://outside.nc.test/
service_tag = Storage.WestEurope
[check storagewrong]
url = https://valid.nc.test/
service_tag = Storage.WestEurope
[check plain]
url = https://two.nc.test/
INI
)
nc_run -p "$tagged" --format json "${TO[@]}" --service-tags "$tags"
assert_rc 1 "service tags"
assert_valid_json
assert_json '.summary.total, .summary.passed, .summary.failed' '6 4 2'
# Labels: name, region, system_service, on every address (with or without
# service_tag on the check).
assert_check aad '.addresses[0].service_tag | tojson' \
    '{"name":"AzureActiveDirectory","region":"","system_service":"AzureActiveDirectory"}'
assert_check storage '.addresses[0].service_tag | tojson' \
    '{"name":"Storage.WestEurope","region":"westeurope","system_service":"AzureStorage"}'
assert_check plain '[.addresses[] | .ip + "=" + .service_tag.name] | sort | join(",")' \
    "$NC_IP_OUTSIDE=Storage.WestEurope,$NC_IP_VALID=AzureActiveDirectory"
assert_check plain '.status, ([.addresses[].in_ranges] | map(tostring) | join(","))' \
    'pass null,null'
# service_tag = NAME: the addresses must fall in that tag (a base name
# takes its regional tags' prefixes too).
assert_check aad '.status, .addresses[0].in_ranges' 'pass true'
assert_check storage '.status, .addresses[0].in_ranges' 'pass true'
assert_check storagewe '.status, .addresses[0].in_ranges' 'pass true'
assert_check aadwrong '.status, .problem, .addresses[0].in_ranges' \
    'fail address_outside_ranges false'
assert_check aadwrong '.detail | test("^198\\.51\\.100\\.80 ")' true
assert_check aadwrong '.detail | test("AzureActiveDirectory")' true
assert_check storagewrong '.status, .problem' 'fail address_outside_ranges'
assert_check storagewrong '.detail | test("203\\.0\\.113\\.10 .*Storage\\.WestEurope")' \
    true
assert_text_rc_same -p "$tagged" "${TO[@]}" --service-tags "$tags"
assert_match "$T/out.text" 'service tag AzureActiveDirectory' "text detail"

# A bad file is an input error (exit 2) naming the file; nothing is probed.
bad=$(nc_file bad.json <<'JSON'
{"values": [ {"name": "AzureCloud",
JSON
)
nc_run -p "$tagged" --format json "${TO[@]}" --service-tags "$bad"
assert_rc 2 "service tags: invalid JSON"
assert_match "$T/err" "$bad" "stderr names the file"
assert_true "no report on stdout" test ! -s "$T/out"
badpfx=$(nc_file badpfx.json <<'JSON'
{"values": [{"name": "Broken.Tag", "properties": {"region": "",
  "systemService": "", "addressPrefixes": ["203.0.113.0/33"]}}]}
JSON
)
nc_run -p "$tagged" --format json "${TO[@]}" --service-tags "$badpfx"
assert_rc 2 "service tags: invalid prefix"
assert_match "$T/err" "$badpfx" "stderr names the file"
assert_match "$T/err" 'Broken\.Tag' "stderr names the tag"
nc_run -p "$tagged" --format json "${TO[@]}" --service-tags "$T/missing.json"
assert_rc 2 "service tags: missing file"
assert_match "$T/err" "$T/missing.json" "stderr names the file"

# ---- (8) private endpoints
private=$(nc_file private.ini <<'INI'
[profile]
name = it-private
[check pe]
url = http://pe.nc.test/
expect_private = yes
[check public]
url = http://pe.nc.test/
INI
)
NC_DNS=$NC_IP_DNS_PE nc_run -p "$private" --format json "${TO[@]}"
assert_rc 1 "a public answer for a private endpoint"
assert_check pe '.status, .problem' 'fail address_not_private'
assert_check pe '.addresses[0] | .ip, .problem, .http_status' \
    "$NC_IP_VALID address_not_private 200"
assert_check pe ".detail | test(\"'pe\\\\.nc\\\\.test' .*203\\\\.0\\\\.113\\\\.10\")" \
    true
assert_check pe '.detail | test("private endpoint")' true
assert_check public '.status, .problem' 'pass null'
NC_DNS=$NC_IP_DNS_PE assert_text_rc_same -p "$private" "${TO[@]}"
assert_match "$T/out.text" '^pe +fail +address_not_private ' "text row"

# A private answer passing the address rule is a unit test (test_verdict.c):
# here it would mean a connect() to 10.x, and tests send traffic only to
# the documentation ranges.

nc_done
