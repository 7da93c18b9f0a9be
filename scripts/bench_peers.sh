#!/usr/bin/env bash
# Benchmark onset's peers (sqlite3 shell, DuckDB) on a generated FAERS quarter; writes bench-results/{peers,queries}.json.
#
# Usage: scripts/bench_peers.sh [--cases N] [--seed S] [--quarter 25Q1] [--data DIR] [--out DIR]
#                               [--zipf-offset 10] [--drug-queries 100] [--pair-queries 50]
# Environment: BENCH_CACHE (default ~/.cache/onset-bench) holds the venv, generated data and
# the peer databases, so nothing large ever lands in the git tree.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
cache="${BENCH_CACHE:-$HOME/.cache/onset-bench}"
cases=40000
seed=1
quarter=25Q1
# Zipf-Mandelbrot offset: 10 puts the top drug in ~7% of cases, as in real quarters (0 gives ~40%).
zoff="${BENCH_ZIPF_OFFSET:-10}"
data=""
out="$repo/bench-results"
extra=()

while [ $# -gt 0 ]; do
  case "$1" in
    --cases) cases="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --quarter) quarter="$2"; shift 2 ;;
    --zipf-offset) zoff="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --drug-queries|--pair-queries) extra+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

# Tools: sqlite3 shell and GNU time (for peak RSS) from apt, only when missing.
need=()
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi

# DuckDB lives in a venv in the cache, never in the repo or the system Python.
venv="$cache/venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
  "$venv/bin/pip" install -q duckdb
fi

# The generator's own hash is in the folder name, so a changed generator never reuses stale data.
shopt -s nullglob
gen_inputs=("$here/faers_gen.py" "$here/faers_lexicon.py" "$repo"/Data/lexicon/*.json)
shopt -u nullglob
gen_hash="$(cat "${gen_inputs[@]}" | sha256sum | cut -c1-8)"
[ -n "$data" ] || data="$cache/data/faers-${quarter}-c${cases}-s${seed}-o${zoff}-g${gen_hash}"
work="$cache/work/$(basename "$data")"
mkdir -p "$work" "$out"

exec "$venv/bin/python" "$here/bench_peers.py" run \
  --data "$data" --work "$work" --out "$out" \
  --cases "$cases" --seed "$seed" --quarter "$quarter" --zipf-offset "$zoff" "${extra[@]}"
