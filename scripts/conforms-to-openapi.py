#!/usr/bin/env python3
"""Checks a JSON document against one schema of cygnid's OpenAPI description, for the tests
whose documents schemathesis cannot reach (a rollout only the AWS world makes).

    scripts/conforms-to-openapi.py SCHEMA [DOCUMENT.json]   (standard input without one)

SCHEMA names a component (`Rollout`). Exit 0 when the document conforms; 1 with each
violation on a line (where in the document, and what) when it does not.
"""
import json
import os
import sys

import jsonschema
import yaml

DESCRIPTION = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "CygniControlPlane", "Resources", "openapi.yaml")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: conforms-to-openapi.py SCHEMA [DOCUMENT.json]")
    with open(DESCRIPTION) as file:
        description = yaml.safe_load(file)
    if sys.argv[1] not in description["components"]["schemas"]:
        sys.exit(f"no schema {sys.argv[1]} in {DESCRIPTION}")
    # OpenAPI 3.1's schemas are JSON Schema 2020-12; references resolve in the whole description.
    schema = dict(description, **{"$ref": f"#/components/schemas/{sys.argv[1]}"})
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    if len(sys.argv) == 3:
        with open(sys.argv[2]) as file:
            document = json.load(file)
    else:
        document = json.load(sys.stdin)
    errors = sorted(validator.iter_errors(document), key=lambda error: [str(part) for part in error.absolute_path])
    for error in errors:
        print("/".join(str(part) for part in error.absolute_path) or "(the document)", ":", error.message)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
