#!/usr/bin/env bash
# Regression test for the fuzzers: replays every file of Tests/FuzzCorpus/<target>/ (seeds and
# saved crash inputs) through the same target built without the fuzzer; a crash fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each target process keeps a scratch library under TMPDIR; a private one is removed at the end.
export TMPDIR=$(mktemp -d)
trap 'rm -rf "$TMPDIR"' EXIT
BIN=${ONSET_FUZZ_BIN:-.build/debug/onset-fuzz}
passed=0; failed=0
for dir in Tests/FuzzCorpus/*/; do
  t=$(basename "$dir")
  if "$BIN" "$t" "$dir"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "fuzz replay: target $t crashed"; fi
done
echo "fuzz replay: $passed passed, $failed failed"
[ "$failed" = 0 ]
