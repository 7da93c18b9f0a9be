#!/usr/bin/env bash
# Drives `onset --trace` in an 80x24 tmux session on a library: launch to first complete screen,
# then j/k/PgDn/G/Enter/q and typing a filter; writes OUT/browse.{trace,time,json}.
# Usage: scripts/bench_browser.sh ONSET_BIN LIBRARY OUT
set -euo pipefail
bin="$1"; lib="$2"; out="$3"
sock="onset-bench-$$"
T="tmux -L $sock"
trace="$out/browse.trace"
rm -f "$trace" "$out/browse.time" "$out/browse.t0"
cleanup() { $T kill-server 2>/dev/null || true; }
trap cleanup EXIT

wait_trace() { # wait_trace PATTERN SECONDS
  local deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    grep -q -- "$1" "$trace" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "browser: timed out waiting for '$1'" >&2
  return 1
}
# A key after the browser has quit (the last q when an earlier one already quit) is not an error.
key() { $T send-keys -t b "$@" 2>/dev/null || true; sleep 0.15; }

# The shell records the wall clock just before exec, so the first-screen figure includes process
# start, dynamic loading, the lexicon and opening the library.
$T new-session -d -s b -x 80 -y 24 \
  "env LANG=C.UTF-8 TERM=xterm-256color sh -c 'date +%s%3N > \"$out/browse.t0\"; exec /usr/bin/time -v -o \"$out/browse.time\" \"$bin\" --db \"$lib\" --trace \"$trace\"'"
wait_trace first-screen 120
sleep 0.5
for _ in 1 2 3 4 5; do key j; done
for _ in 1 2 3; do key k; done
for _ in 1 2 3; do key NPage; done
key G; sleep 1
key g
key Enter; sleep 0.5
key j; key q
key /
for c in d r u g : m e t f o r m i n; do key "$c"; done
key Enter; sleep 1
for _ in 1 2 3; do key j; done
key NPage
key Enter; sleep 0.5
key q
key q
for _ in $(seq 1 100); do [ -s "$out/browse.time" ] && break; sleep 0.1; done

python3 - "$trace" "$out/browse.t0" "$out/browse.time" > "$out/browse.json" <<'PY'
import json, re, sys
trace, t0, tfile = sys.argv[1:4]
lines = open(trace).read().splitlines()
first = next(l for l in lines if l.startswith("first-screen"))
m = re.match(r"first-screen ([\d.]+) ms epoch-ms (\d+)", first)
launch = int(open(t0).read().strip())
keys = []
for l in lines:
    k = re.match(r"key (.+) ([\d.]+) ms$", l)
    if k:
        keys.append({"key": k.group(1), "ms": float(k.group(2))})
t = open(tfile).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
print(json.dumps({"first_screen_in_process_ms": float(m.group(1)),
                  "first_screen_from_exec_ms": int(m.group(2)) - launch,
                  "keys": keys, "peak_rss_kib": rss}))
PY
