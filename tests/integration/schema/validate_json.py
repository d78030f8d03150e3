#!/usr/bin/python3
"""Validate netcheck JSON run reports against the shipped JSON Schema.

usage: validate_json.py SCHEMA REPORT...
       validate_json.py --fleet FLEET_SCHEMA REPORT_SCHEMA FLEET...

Prints one line per report that fails, naming the report, the JSON path
and what is wrong, and exits 1; exits 0 when every report is valid.
Debian's python3-jsonschema (draft 2020-12 needs jsonschema >= 4).
"""
import json
import sys

import jsonschema


def load_validator(path):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def report_errors(validator, doc, prefix=""):
    for err in validator.iter_errors(doc):
        where = "/".join(str(p) for p in err.absolute_path) or "(top)"
        yield f"{prefix}{where}: {err.message[:200]}"


def main(argv):
    fleet = None
    if argv and argv[0] == "--fleet":
        if len(argv) < 4:
            print(__doc__.strip(), file=sys.stderr)
            return 2
        fleet = load_validator(argv[1])
        argv = argv[2:]
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    validator = load_validator(argv[0])
    bad = 0
    for path in argv[1:]:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path}: not JSON: {e}")
            bad += 1
            continue
        if fleet is None:
            errors = list(report_errors(validator, doc))
        else:
            # A fleet report: its own frame, then each host's report.
            errors = list(report_errors(fleet, doc))
            for i, rep in enumerate(doc.get("reports", [])
                                    if isinstance(doc, dict) else []):
                errors += report_errors(validator, rep, f"reports/{i}/")
        for e in errors:
            print(f"{path}: {e}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
