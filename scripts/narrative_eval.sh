#!/bin/sh
# Precision and recall of the narrative extractor; same as `make eval`. Extra arguments go to swift test
# (for example --scratch-path DIR).
set -e
cd "$(dirname "$0")/.."
swift build --build-tests "$@"
swift test --skip-build "$@" --filter NarrativeEval
sed -n '1,/^extraction time/p' eval-results.txt
