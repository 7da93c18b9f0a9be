#!/usr/bin/env bash
# Crash-safe import: kills `onset import` with SIGKILL at random moments of a large import, then
# checks that the library passes PRAGMA integrity_check (and FTS5's own check), has no orphan
# rows, and holds either everything from before the import or everything from after it — never
# part of a source.
#   scripts/kill_loop.sh [KILLS] [CASES] [SOURCE] [TARGET]   (defaults: 25 kills, 20000 cases, json, existing)
# SOURCE is json (one onset JSON file of CASES cases) or faers (a FAERS quarter of CASES reports
# made by scripts/faers_gen.py, joined from seven tables). TARGET is existing (import into a
# library that holds the Data cases: the WAL transaction) or new (import into a path where no
# library is yet: the library is written aside and moved into place, so after a kill there must be
# either no library and no -wal/-shm, or the whole import; the next import must remove the
# temporary file a killed one left). The moments are drawn uniformly over
# the time an uninterrupted import takes (plus 200 ms, to catch the commit); runs whose import
# finished before its kill are counted apart, narrow the window to the fastest import seen, and the
# loop goes on (up to 4 × KILLS runs) until KILLS kills have landed mid-import.
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${1:-25}
CASES=${2:-20000}
SOURCE=${3:-json}
TARGET=${4:-existing}
case "$TARGET" in existing|new) ;; *) echo "TARGET must be existing or new" >&2; exit 2 ;; esac
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

# How long a full import takes (to spread the kills over it), and what it adds: into a copy of
# the library, or into no library, as the runs below.
[ "$TARGET" = existing ] && cp "$WORK/base.sqlite" "$WORK/timing.sqlite"
start=$(date +%s%N)
"$BIN" import "$INPUT" --db "$WORK/timing.sqlite" >/dev/null
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
added=$(sqlite3 "$WORK/timing.sqlite" "SELECT count(*) FROM cases WHERE id LIKE '$PREFIX-%'")
after=$((before + added))
if [ "$TARGET" = new ]; then
  [ "$(sqlite3 "$WORK/timing.sqlite" "PRAGMA journal_mode")" = wal ] || { echo "a new library is not in WAL mode"; exit 1; }
  before=0; after=$added
fi
echo "kill loop ($SOURCE, $TARGET library): the library holds $before cases; an uninterrupted import adds $added in ${full_ms} ms"

# The temporary files of new-library imports in the folder (see NewLibraryFile.swift).
temporaries() { (cd "$WORK" && ls -A | grep '^\.lib\.sqlite\.importing-' || true); }

kills=0; landed=0; rolledback=0; bad=0; runs=0
for i in $(seq 1 $((4 * KILLS))); do
  [ "$kills" -lt "$KILLS" ] || break
  runs=$i
  delay_ms=$(( (RANDOM * 32768 + RANDOM) % (full_ms + 200) ))
  [ "$TARGET" = new ] && rm -f "$DB" "$DB-wal" "$DB-shm"
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
  if [ "$TARGET" = new ]; then
    # An import that finished removed the temporary files of the killed ones before it.
    if [ "$killed" = 0 ] && [ -n "$(temporaries)" ]; then bad=$((bad + 1)); echo "run $i: temporary files left: $(temporaries)"; fi
    if [ ! -e "$DB" ]; then
      # Killed before the move: nothing at the library's path, not even SQLite's companions.
      if [ -e "$DB-wal" ] || [ -e "$DB-shm" ]; then bad=$((bad + 1)); echo "run $i after ${delay_ms} ms: no library but a -wal or -shm"; fi
      [ "$killed" = 1 ] && kills=$((kills + 1))
      rolledback=$((rolledback + 1))
      continue
    fi
    # A library at the path is the whole import, in WAL mode.
    mode=$(sqlite3 "$DB" "PRAGMA journal_mode")
    count=$(sqlite3 "$DB" "SELECT count(*) FROM cases")
    if [ "$mode" != wal ] || [ "$count" != "$after" ]; then bad=$((bad + 1)); echo "run $i after ${delay_ms} ms: journal_mode=$mode cases=$count"; fi
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
    rm -f "$DB-wal" "$DB-shm"
    [ "$TARGET" = existing ] && cp "$WORK/base.sqlite" "$DB"   # back to "before" for the next kill
  else
    rolledback=$((rolledback + 1))
  fi
done
if [ "$TARGET" = new ]; then
  # One more import, uninterrupted: it must remove what every killed import left.
  rm -f "$DB" "$DB-wal" "$DB-shm"
  "$BIN" import "$INPUT" --db "$DB" >/dev/null
  if [ -n "$(temporaries)" ] || [ "$(sqlite3 "$DB" "SELECT count(*) FROM cases")" != "$after" ]; then
    bad=$((bad + 1)); echo "after the loop: an uninterrupted import left $(temporaries | wc -l) temporary files"
  fi
fi
echo "kill loop ($SOURCE, $TARGET library): $runs runs, $kills killed mid-import, $landed completed before the kill, $rolledback rolled back, $bad inconsistent"
echo "kill-loop: $((runs - bad)) passed, $bad failed"
[ "$bad" = 0 ] && [ "$kills" -ge "$KILLS" ]
