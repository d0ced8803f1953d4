#!/usr/bin/env python3
"""Validates Emancip'Asso's data·inclusion export with the schema's own pydantic models.

Usage: python3 tests/datainclusion/validate.py structures.json services.json

Every record must validate with `data_inclusion.schema.v1.Structure` / `Service` (warnings of
the schema, such as a name ending with a full stop, count as errors), carry no field the model
does not know (pydantic would silently ignore it), and every service must belong to an exported
structure. Prints each failure with the record id and the counts; exits 1 if anything failed.
Install the pinned package with `pip install -r tests/datainclusion/requirements.txt`.
"""

import json
import sys
from importlib.metadata import version

import pydantic
from data_inclusion.schema import v1


def check(model, records, label):
    """Returns the number of invalid records and the set of ids."""
    failures = 0
    ids = set()
    known = set(model.model_fields)
    if not isinstance(records, list):
        print(f"{label}: expected a JSON array, got {type(records).__name__}")
        return 1, ids
    for i, record in enumerate(records):
        rid = record.get("id", f"#{i}") if isinstance(record, dict) else f"#{i}"
        if not isinstance(record, dict):
            print(f"FAIL {label} {rid}: not an object")
            failures += 1
            continue
        ok = True
        unknown = sorted(set(record) - known)
        if unknown:
            print(f"FAIL {label} {rid}: fields unknown to the schema: {', '.join(unknown)}")
            ok = False
        try:
            model.model_validate(record, context={"ignore_warnings": False})
        except pydantic.ValidationError as e:
            ok = False
            for err in e.errors():
                loc = ".".join(str(p) for p in err["loc"])
                msg = err["msg"] if len(err["msg"]) < 300 else err["msg"][:300] + "…"
                print(f"FAIL {label} {rid}: {loc}: {msg} (got {err.get('input')!r})")
        if rid in ids:
            print(f"FAIL {label} {rid}: duplicate id")
            ok = False
        ids.add(rid)
        failures += 0 if ok else 1
    return failures, ids


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        structures = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        services = json.load(f)
    print(f"data-inclusion-schema {version('data-inclusion-schema')}")
    s_fail, s_ids = check(v1.Structure, structures, "structure")
    v_fail, _ = check(v1.Service, services, "service")
    orphans = 0
    for record in services if isinstance(services, list) else []:
        if isinstance(record, dict) and record.get("structure_id") not in s_ids:
            print(f"FAIL service {record.get('id')}: unknown structure_id {record.get('structure_id')!r}")
            orphans += 1
    n_s, n_v = len(structures), len(services)
    print(f"structures: {n_s - s_fail} valid of {n_s}")
    print(f"services: {n_v - v_fail} valid of {n_v}, {orphans} without their structure")
    if s_fail or v_fail or orphans:
        print("data·inclusion validation FAILED")
        return 1
    print("data·inclusion validation passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
