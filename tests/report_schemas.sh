#!/usr/bin/env bash
# The unit tests' reports against the formats' schemas: runs the report
# writers' unit tests with NC_REPORT_DUMP (tests/unit/fixture_run.c keeps
# every JSON, JUnit and Prometheus report they write), then checks each
# one: JSON against netcheck/report/schema/report-1.schema.json
# (python3-jsonschema), JUnit against the Jenkins xunit plugin's
# junit-10.xsd (xmllint), Prometheus with promtool check metrics. The
# integration tests do the same for every report they make (lib.sh:
# nc_validate_reports).
# usage: report_schemas.sh SRCDIR TEST-BINARY...
set -u
src=$1
shift
dir=$(mktemp -d "${TMPDIR:-/tmp}/netcheck-schemas.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
i=0
for t in "$@"; do
    i=$((i + 1))
    mkdir "$dir/$i" || exit 1
    NC_REPORT_DUMP=$dir/$i "$t" >/dev/null 2>&1 || {
        echo "FAIL: $t failed" >&2
        exit 1
    }
done
shopt -s nullglob
json=("$dir"/*/*.json) junit=("$dir"/*/*.junit) prom=("$dir"/*/*.prometheus)
fails=0
for kind in json junit prom; do
    declare -n files=$kind
    if [ ${#files[@]} -eq 0 ]; then
        echo "FAIL: no $kind report was written" >&2
        fails=$((fails + 1))
    fi
done
if [ ${#json[@]} -gt 0 ]; then
    /usr/bin/python3 "$src/tests/integration/schema/validate_json.py" \
        "$src/netcheck/report/schema/report-1.schema.json" "${json[@]}" ||
        fails=$((fails + 1))
fi
if [ ${#junit[@]} -gt 0 ]; then
    xmllint --noout --schema "$src/tests/integration/schema/junit-10.xsd" \
        "${junit[@]}" 2>&1 | grep -v ' validates$'
    [ "${PIPESTATUS[0]}" = 0 ] || fails=$((fails + 1))
fi
for f in "${prom[@]}"; do
    promtool check metrics <"$f" || {
        echo "FAIL: promtool check metrics: $f" >&2
        fails=$((fails + 1))
    }
done
echo "${#json[@]} JSON, ${#junit[@]} JUnit, ${#prom[@]} Prometheus reports; $fails failed"
[ "$fails" = 0 ]
