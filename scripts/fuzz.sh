#!/usr/bin/env bash
# Runs every libFuzzer target (address sanitizer on) for a bounded time each.
#   scripts/fuzz.sh [SECONDS] [TARGET...]        (defaults: $FUZZ_SECONDS or 60; every target)
# Seeds come from Tests/FuzzCorpus/<target>/; what a run learns stays in .build-fuzz/corpus/<target>
# (not committed). A crash input is copied to Tests/FuzzCorpus/<target>/crash-<sha1> so that the
# replay in `make test` keeps it as a regression test, and the script fails.
# Each run's figures (seconds, executions, corpus size) are appended to .build-fuzz/fuzz-log.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each target process keeps a scratch library under TMPDIR; a private one is removed at the end.
export TMPDIR=$(mktemp -d)
trap 'rm -rf "$TMPDIR"' EXIT
SECONDS_EACH=${1:-${FUZZ_SECONDS:-60}}
shift || true
SCRATCH=.build-fuzz
swift build --product onset-fuzz --scratch-path "$SCRATCH" -Xswiftc -sanitize=fuzzer,address -Xswiftc -DONSET_FUZZ >&2
BIN="$SCRATCH/debug/onset-fuzz"
if [ "$#" -gt 0 ]; then TARGETS=("$@"); else
  TARGETS=(json query timepoint faers vaers e2b openfda narrative import-json import-faers import-vaers import-e2b import-openfda import-narrative)
fi
LOG="$SCRATCH/fuzz-log.tsv"
[ -f "$LOG" ] || printf 'date\ttarget\tseconds\texecs\tcorpus\tresult\n' > "$LOG"
failed=0
for t in "${TARGETS[@]}"; do
  corpus="$SCRATCH/corpus/$t"; crashes="$SCRATCH/crashes/$t"
  mkdir -p "$corpus" "$crashes"
  out="$SCRATCH/fuzz-$t.log"
  # -rss_limit_mb: the importers promise bounded memory, so an input that makes one balloon is a finding.
  set +e
  # SWIFT_BACKTRACE: the Swift runtime's own crash reporter trips the address sanitizer after a crash.
  ONSET_FUZZ_TARGET=$t ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no "$BIN" "$corpus" "Tests/FuzzCorpus/$t" \
    -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$crashes/" -print_final_stats=1 >"$out" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out" | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  result=clean
  for c in "$crashes"/*; do
    [ -e "$c" ] || continue
    name="crash-$(sha1sum "$c" | cut -c1-16)"
    cp "$c" "Tests/FuzzCorpus/$t/$name"
    rm -f "$c"
    echo "fuzz $t: $(basename "$c") saved as Tests/FuzzCorpus/$t/$name (see $out)"
    result=crash
  done
  [ "$rc" = 0 ] || [ "$result" = crash ] || result="exit $rc"
  [ "$result" = clean ] || failed=$((failed + 1))
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$SECONDS_EACH" "${execs:-?}" "$size" "$result" >> "$LOG"
  echo "fuzz $t: ${SECONDS_EACH}s, ${execs:-?} executions, corpus $size, $result"
done
echo "fuzz: $(( ${#TARGETS[@]} - failed )) passed, $failed failed"
[ "$failed" = 0 ]
