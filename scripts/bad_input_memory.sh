#!/usr/bin/env bash
# Peak memory of `onset import` on a 100 MB single line, per format (GNU time's maximum RSS).
# The streaming readers must stay near their baseline whatever the line's length; the readers
# that hold one record stop at their record limit; onset's own JSON is one document read whole.
#   scripts/bad_input_memory.sh            (prints a table; fails when a limit is passed)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ONSET_BIN:-.build/debug/onset}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export ONSET_LEXICON="$PWD/Data/lexicon"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bad-input memory: GNU time is missing (apt-get install time)"; exit 1; }

python3 - "$WORK" <<'PY'
import os, shutil, sys
w = sys.argv[1]
line = b"a" * (100 << 20)
def quarter(name, table):
    d = os.path.join(w, name, "ASCII")
    os.makedirs(d)
    heads = {"DEMO": "primaryid$caseid$caseversion$fda_dt", "DRUG": "primaryid$caseid$drug_seq$role_cod$drugname",
             "REAC": "primaryid$caseid$pt"}
    for t, h in heads.items():
        with open(os.path.join(d, f"{t}25Q1.txt"), "wb") as f:
            f.write(h.encode() + b"\n")
            if t == table: f.write(line)
quarter("faers_line", "DRUG")
os.makedirs(os.path.join(w, "vaers_line"))
for t, h in {"DATA": "VAERS_ID,RECVDATE", "VAX": "VAERS_ID,VAX_TYPE", "SYMPTOMS": "VAERS_ID,SYMPTOM1"}.items():
    with open(os.path.join(w, "vaers_line", f"2025VAERS{t}.csv"), "wb") as f:
        f.write(h.encode() + b"\n")
        if t == "DATA": f.write(b'1,"' + line)
open(os.path.join(w, "drug-event-0001-of-0001.json"), "wb").write(b'{"results":[{"safetyreportid":"' + line)
open(os.path.join(w, "report.xml"), "wb").write(b"<ichicsr><safetyreport><narrative>" + line)
open(os.path.join(w, "junk.xml"), "wb").write(line)
open(os.path.join(w, "report.txt"), "wb").write(line)
open(os.path.join(w, "cases.json"), "wb").write(b'[{"format":"onset.case/1","id":"' + line)
PY

# name | path | format | limit (MiB)
rows=(
  "FAERS table, 100 MB row|faers_line|faers|120"
  "VAERS CSV, 100 MB record|vaers_line|vaers|120"
  "openFDA, 100 MB value|drug-event-0001-of-0001.json|openfda|300"
  "E2B, 100 MB report|report.xml|e2b|300"
  "E2B, 100 MB with no report|junk.xml|e2b|120"
  "narrative, 100 MB|report.txt|narrative|120"
  "onset JSON, 100 MB (read whole)|cases.json|json|450"
)
printf '%-34s %10s %8s  %s\n' "input" "peak MiB" "seconds" "outcome"
passed=0; failed=0
for row in "${rows[@]}"; do
  IFS='|' read -r name path format limit <<<"$row"
  set +e
  "$TIME" -f '%M %e' -o "$WORK/time" "$BIN" import "$WORK/$path" --format "$format" --db "$WORK/lib.sqlite" >"$WORK/out" 2>&1
  rc=$?
  set -e
  read -r kb secs < <(tail -1 "$WORK/time")
  mib=$((kb / 1024))
  msg=$(grep -v "nothing was imported" "$WORK/out" | head -1 | sed "s|$WORK/||")
  if [ "$rc" != 0 ] && [ "$mib" -le "$limit" ]; then passed=$((passed + 1)); verdict=ok; else failed=$((failed + 1)); verdict="FAIL (limit $limit MiB, exit $rc)"; fi
  printf '%-34s %10s %8s  %s — %s\n' "$name" "$mib" "$secs" "$verdict" "${msg:0:110}"
done
echo "bad-input memory: $passed passed, $failed failed"
[ "$failed" = 0 ]
