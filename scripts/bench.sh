#!/usr/bin/env bash
# `make bench`: onset against the sqlite3 shell and DuckDB on generated FAERS quarters, and the
# browser's own timings; writes BENCHMARKS.md (figures, the machine, the command to rerun).
#
# Usage: scripts/bench.sh
# Environment:
#   BENCH_SIZES        cases per quarter, in order (default "40000 400000 4000000")
#   BENCH_CACHE        generated data, peer databases, libraries, venv (default ~/.cache/onset-bench)
#   BENCH_ZIPF_OFFSET  drug popularity head (default 10: the top drug is in ~7% of cases)
#   BENCH_REPEAT       imports per engine, alternating sqlite3 and onset (default 3, as this shared
#                      machine varies by a third between runs of one build; 1 from 1M cases)
#   ONSET_BIN          an already built release onset (default: swift build -c release here)
#   BENCH_REUSE_PEERS  1: keep a size's peers.json from an earlier run (the sqlite3/DuckDB query
#                      timings; imports are still timed against sqlite3 in this run)
#   BENCH_SKIP_IMPORT  1: keep a size's imports.json and library from an earlier run (e.g. after a
#                      change to queries only, at 4M cases where an import takes half an hour)
# Nothing large is written inside the repository: results go to bench-results/ (git-ignored)
# and BENCHMARKS.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
cache="${BENCH_CACHE:-$HOME/.cache/onset-bench}"
sizes="${BENCH_SIZES:-40000 400000 4000000}"
repeat="${BENCH_REPEAT:-3}"
export BENCH_CACHE="$cache" BENCH_ZIPF_OFFSET="${BENCH_ZIPF_OFFSET:-10}"
results="$repo/bench-results"
mkdir -p "$results" "$cache/work"

need=()
command -v tmux >/dev/null || need+=(tmux)
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi

if [ -z "${ONSET_BIN:-}" ]; then
  (cd "$repo" && swift build -c release)
  ONSET_BIN="$(cd "$repo" && swift build -c release --show-bin-path)/onset"
fi
bin="$ONSET_BIN"
export ONSET_LEXICON="$repo/Data/lexicon"
echo "onset: $bin"
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "{\"start_loadavg\": \"$(loadavg)\", \"sizes\": \"$sizes\", \"repeat\": $repeat, \"onset\": \"$bin\"}" > "$results/run.json"

# Seconds and peak RSS (KiB) of a `/usr/bin/time -v` report, as JSON.
time_json() {
  python3 - "$1" <<'PY'
import json, re, sys
t = open(sys.argv[1]).read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)", t).group(1).split(":")
secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
cpu = sum(float(re.search(r"%s time \(seconds\): ([\d.]+)" % k, t).group(1)) for k in ("User", "System"))
print(json.dumps({"wall_s": round(secs, 3), "cpu_s": round(cpu, 2), "peak_rss_kib": rss}))
PY
}

for n in $sizes; do
  out="$results/$n"
  mkdir -p "$out"
  echo "== $n cases: peers (generates the data once, cached in $cache/data)"
  if [ "${BENCH_REUSE_PEERS:-0}" = 1 ] && [ -f "$out/peers.json" ]; then
    echo "   (BENCH_REUSE_PEERS: the peers' figures of $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["created_utc"])' "$out/peers.json") are kept)"
  else
    bash "$here/bench_peers.sh" --cases "$n" --out "$out"
  fi
  data="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["dataset"]["path"])' "$out/peers.json")"
  work="$cache/work/$(basename "$data")"
  lib="$work/onset.sqlite"

  # Imports, alternating the sqlite3 shell's .import and onset's import into a new library.
  if [ "${BENCH_SKIP_IMPORT:-0}" = 1 ] && [ -f "$out/imports.json" ] && [ -f "$lib" ]; then
    echo "   (BENCH_SKIP_IMPORT: the imports and library of an earlier run are kept)"
  else
  reps="$repeat"
  [ -z "${BENCH_REPEAT:-}" ] && [ "$n" -ge 1000000 ] && reps=1
  echo "[" > "$out/imports.json"
  for r in $(seq 1 "$reps"); do
    rm -f "$work/again.sqlite"
    /usr/bin/time -v -o "$out/sqlite-import.time" sqlite3 "$work/again.sqlite" < "$work/import.sql" > /dev/null
    rm -f "$work/again.sqlite"
    echo "  sqlite3 .import #$r: $(time_json "$out/sqlite-import.time")"
    rm -f "$lib" "$lib-wal" "$lib-shm"
    /usr/bin/time -v -o "$out/onset-import.time" "$bin" import --db "$lib" "$data" > "$out/onset-import.out"
    echo "  onset import     #$r: $(time_json "$out/onset-import.time")"
    sep=","; [ "$r" = "$reps" ] && sep=""
    echo "{\"sqlite3\": $(time_json "$out/sqlite-import.time"), \"onset\": $(time_json "$out/onset-import.time"), \"loadavg\": \"$(loadavg)\"}$sep" >> "$out/imports.json"
  done
  echo "]" >> "$out/imports.json"
  ls -l "$lib" | awk '{print $5}' > "$out/onset-db-bytes"
  fi

  echo "  queries through onset, in process"
  "$bin" bench-queries --db "$lib" "$out/queries.json" > "$out/onset-queries.json"

  echo "  whole-process queries (onset list --limit 50, which counts too)"
  python3 - "$out/peers.json" "$bin" "$lib" > "$out/onset-whole.json" <<'PY'
import json, re, subprocess, sys, tempfile, time
peers, bin_, lib = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
res = []
for w in peers["whole_process"]:
    args = ['drug:"%s"' % w["drug"]] + (['event:"%s"' % w["event"]] if w["event"] else [])
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t0 = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-v", "-o", tf.name, bin_, "list", "--db", lib, "--limit", "50"] + args,
                       check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(tf.name).read()).group(1))
    res.append({"id": w["id"], "drug": w["drug"], "event": w["event"], "wall_ms": round(wall * 1000, 1), "peak_rss_kib": rss})
print(json.dumps(res))
PY

  echo "  browser in tmux (80x24): first screen, keys, memory"
  bash "$here/bench_browser.sh" "$bin" "$lib" "$out"
done

echo "{\"end_loadavg\": \"$(loadavg)\"}" > "$results/run-end.json"
python3 "$here/bench_report.py" "$results" $sizes > "$repo/BENCHMARKS.md"
echo "wrote BENCHMARKS.md"
