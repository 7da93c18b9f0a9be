#!/usr/bin/env bash
# Crash-safe import: kills `onset import` with SIGKILL at random moments of a large import, then
# checks that the library passes PRAGMA integrity_check (and FTS5's own check), has no orphan
# rows, and holds either everything from before the import or everything from after it — never
# part of a source.
#   scripts/kill_loop.sh [KILLS] [CASES] [SOURCE]   (defaults: 25 kills, 20000 cases, json)
# SOURCE is json (one onset JSON file of CASES cases) or faers (a FAERS quarter of CASES reports
# made by scripts/faers_gen.py, joined from seven tables). The moments are drawn uniformly over
# the time an uninterrupted import takes (plus 200 ms, to catch the commit); runs whose import
# finished before its kill are counted apart, narrow the window to the fastest import seen, and the
# loop goes on (up to 4 × KILLS runs) until KILLS kills have landed mid-import.
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${1:-25}
CASES=${2:-20000}
SOURCE=${3:-json}
BIN=${ONSET_BIN:-.build/debug/onset}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/lib.sqlite"
export ONSET_LEXICON="$PWD/Data/lexicon"

case "$SOURCE" in
json)
  INPUT="$WORK/big.json"; PREFIX=bulk
  python3 - "$INPUT" "$CASES" <<'PY'
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
  ;;
faers)
  INPUT="$WORK/faers_ascii_2025q1"; PREFIX=faers
  python3 scripts/faers_gen.py --out "$INPUT" --cases "$CASES" --quarter 25Q1 >/dev/null
  ;;
*) echo "SOURCE must be json or faers" >&2; exit 2 ;;
esac

"$BIN" import Data --db "$DB" >/dev/null
cp "$DB" "$WORK/base.sqlite"   # onset closed the library: no -wal is left, the file is whole
before=$(sqlite3 "$DB" "SELECT count(*) FROM cases")

# How long a full import takes (to spread the kills over it), and what it adds.
start=$(date +%s%N)
"$BIN" import "$INPUT" --db "$WORK/timing.sqlite" >/dev/null
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
added=$(sqlite3 "$WORK/timing.sqlite" "SELECT count(*) FROM cases WHERE id LIKE '$PREFIX-%'")
after=$((before + added))
echo "kill loop ($SOURCE): the library holds $before cases; an uninterrupted import adds $added in ${full_ms} ms"

kills=0; landed=0; rolledback=0; bad=0; runs=0
for i in $(seq 1 $((4 * KILLS))); do
  [ "$kills" -lt "$KILLS" ] || break
  runs=$i
  delay_ms=$(( (RANDOM * 32768 + RANDOM) % (full_ms + 200) ))
  run_start=$(date +%s%N)
  "$BIN" import "$INPUT" --db "$DB" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  killed=0
  kill -KILL "$pid" 2>/dev/null && killed=1
  wait "$pid" 2>/dev/null || true
  if [ "$killed" = 0 ]; then
    # The import beat its kill: imports after the first (warm caches) can be much faster than
    # the timing run, so the window shrinks to the fastest import seen, else kills never land.
    took_ms=$(( ($(date +%s%N) - run_start) / 1000000 ))
    [ "$took_ms" -lt "$full_ms" ] && full_ms=$took_ms
  fi
  integrity=$(sqlite3 "$DB" "PRAGMA integrity_check")
  fts=$(sqlite3 "$DB" "INSERT INTO case_text(case_text) VALUES('integrity-check'); SELECT 'ok'" 2>&1)
  count=$(sqlite3 "$DB" "SELECT count(*) FROM cases")
  partial=$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE id LIKE '$PREFIX-%'")
  orphans=$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM case_drugs WHERE case_n NOT IN (SELECT n FROM cases)) + (SELECT count(*) FROM case_text WHERE rowid NOT IN (SELECT n FROM cases))")
  if [ "$integrity" != ok ] || [ "$fts" != ok ] || { [ "$count" != "$before" ] && [ "$count" != "$after" ]; } \
     || { [ "$partial" != 0 ] && [ "$partial" != "$added" ]; } || [ "$orphans" != 0 ]; then
    bad=$((bad + 1)); echo "run $i after ${delay_ms} ms: integrity=$integrity fts=$fts cases=$count $PREFIX=$partial orphans=$orphans"
  fi
  # A kill that reached an exited but unreaped import does not count as a kill mid-import.
  if [ "$killed" = 1 ] && [ "$partial" != "$added" ]; then kills=$((kills + 1)); fi
  if [ "$partial" = "$added" ]; then
    landed=$((landed + 1))
    rm -f "$DB-wal" "$DB-shm"; cp "$WORK/base.sqlite" "$DB"   # back to "before" for the next kill
  else
    rolledback=$((rolledback + 1))
  fi
done
echo "kill loop ($SOURCE): $runs runs, $kills killed mid-import, $landed completed before the kill, $rolledback rolled back, $bad inconsistent"
echo "kill-loop: $((runs - bad)) passed, $bad failed"
[ "$bad" = 0 ] && [ "$kills" -ge "$KILLS" ]
