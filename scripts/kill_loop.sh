#!/usr/bin/env bash
# Crash-safe import: kills `onset import` with SIGKILL at random moments of a large import, then
# checks that the library passes PRAGMA integrity_check and holds either everything from before the
# import or everything from after it — never part of a source.
#   scripts/kill_loop.sh [KILLS] [CASES]      (defaults: 25 kills, 20000 cases)
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${1:-25}
CASES=${2:-20000}
BIN=${ONSET_BIN:-.build/debug/onset}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/lib.sqlite"
export ONSET_LEXICON="$PWD/Data/lexicon"

python3 - "$WORK/big.json" "$CASES" <<'PY'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
cases = []
for i in range(n):
    cases.append({"format": "onset.case/1", "id": f"bulk-{i:06d}", "source": {"kind": "literature"},
                  "patient": {"age": {"value": 20 + i % 60, "unit": "year"}, "sex": "female" if i % 2 else "male"},
                  "drugs": [{"id": "d1", "name": ["natalizumab", "alemtuzumab", "heparin", "vancomycin"][i % 4], "role": "suspect",
                             "administrations": [{"number": 1, "time": "day 0"}, {"number": 2, "time": "day 28"}]}],
                  "events": [{"id": "e1", "term": ["Purpura", "Rash", "Thrombocytopenia"][i % 3], "onset": f"day {28 + i % 9}"}],
                  "narrative": "Generated case for the crash-safety loop. " * 4})
json.dump(cases, open(path, "w"))
PY

"$BIN" import Data --db "$DB" >/dev/null
before=$(sqlite3 "$DB" "SELECT count(*) FROM cases")
after=$((before + CASES))
echo "library holds $before cases; the import adds $CASES"

# How long a full import takes, to spread the kills over it.
start=$(date +%s%N)
"$BIN" import "$WORK/big.json" --db "$WORK/timing.sqlite" >/dev/null
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "an uninterrupted import takes ${full_ms} ms"

kills=0; landed=0; rolledback=0; bad=0
for i in $(seq 1 "$KILLS"); do
  delay_ms=$(( (RANDOM * 32768 + RANDOM) % (full_ms + 200) ))
  "$BIN" import "$WORK/big.json" --db "$DB" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -KILL "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null || true
  integrity=$(sqlite3 "$DB" "PRAGMA integrity_check")
  count=$(sqlite3 "$DB" "SELECT count(*) FROM cases")
  partial=$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE id LIKE 'bulk-%'")
  drugs=$(sqlite3 "$DB" "SELECT count(*) FROM case_drugs WHERE case_n NOT IN (SELECT n FROM cases)")
  if [ "$integrity" != ok ] || { [ "$count" != "$before" ] && [ "$count" != "$after" ]; } \
     || { [ "$partial" != 0 ] && [ "$partial" != "$CASES" ]; } || [ "$drugs" != 0 ]; then
    bad=$((bad + 1)); echo "run $i after ${delay_ms} ms: integrity=$integrity cases=$count bulk=$partial orphans=$drugs"
  fi
  if [ "$partial" = "$CASES" ]; then
    landed=$((landed + 1))
    "$BIN" import Data --db "$WORK/reset.sqlite" >/dev/null 2>&1 || true
    sqlite3 "$DB" "DELETE FROM case_text WHERE rowid IN (SELECT n FROM cases WHERE id LIKE 'bulk-%'); DELETE FROM cases WHERE id LIKE 'bulk-%'; DELETE FROM sources WHERE key LIKE '%big.json'"
  else
    rolledback=$((rolledback + 1))
  fi
done
echo "kill loop: $KILLS runs, $kills killed mid-import, $landed completed before the kill, $rolledback rolled back, $bad inconsistent"
echo "kill-loop: $((KILLS - bad)) passed, $bad failed"
[ "$bad" = 0 ]
