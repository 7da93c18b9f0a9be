"""Validates every case file in Data/cases against Docs/case-format.schema.json (an independent
check of the format beside onset's own reader); run by `make test` with jsonschema from the venv."""
import json, pathlib, sys
import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "Docs/case-format.schema.json").read_text())
validator = jsonschema.Draft202012Validator(schema)
files = sorted((root / "Data/cases").glob("*.json"))
bad = 0
for f in files:
    for e in validator.iter_errors(json.loads(f.read_text())):
        bad += 1
        print(f"{f.relative_to(root)}: {e.json_path}: {e.message}")
# The schema must also reject what the reader rejects.
broken = {"format": "onset.case/1", "id": "x", "source": {"kind": "tv"}, "events": [{"id": "e1", "term": "a"}], "typo": 1}
if validator.is_valid(broken):
    bad += 1
    print("schema accepted a case with an unknown kind and an unknown key")
print(f"schema: {len(files)} files checked, {bad} problems")
sys.exit(1 if bad else 0)
