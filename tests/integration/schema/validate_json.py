#!/usr/bin/python3
"""Validate netcheck JSON run reports against the shipped JSON Schema.

usage: validate_json.py SCHEMA REPORT...

Prints one line per report that fails, naming the report, the JSON path
and what is wrong, and exits 1; exits 0 when every report is valid.
Debian's python3-jsonschema (draft 2020-12 needs jsonschema >= 4).
"""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in argv[1:]:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path}: not JSON: {e}")
            bad += 1
            continue
        for err in validator.iter_errors(doc):
            where = "/".join(str(p) for p in err.absolute_path) or "(top)"
            print(f"{path}: {where}: {err.message[:200]}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
