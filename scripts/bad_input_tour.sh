#!/usr/bin/env bash
# The bad-input table of Docs/reliability.md, made from real runs: each bad input is built in a
# scratch folder from the test fixtures and imported with the onset CLI; the table shows the exit
# status, what onset printed (scratch paths shortened to the file name) and whether the library
# still holds exactly what it held before. BadInputTests asserts the same cases in `make test`.
#   scripts/bad_input_tour.sh            (prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${ONSET_BIN:-.build/debug/onset}")
FIX="$PWD/Tests/OnsetCoreTests/Fixtures"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export ONSET_LEXICON="$PWD/Data/lexicon"
cd "$WORK"

"$BIN" import "$OLDPWD/Data" --db base.sqlite >/dev/null
base=$(sqlite3 base.sqlite "SELECT count(*) FROM cases")

echo "| bad input | exit | what onset says | library |"
echo "| --- | --- | --- | --- |"
# row LABEL ARGS...: imports into a copy of the base library and prints one table row.
row() {
  local label=$1; shift
  cp base.sqlite lib.sqlite
  set +e
  out=$("$BIN" import --db lib.sqlite "$@" 2>&1)
  rc=$?
  set -e
  after=$(sqlite3 lib.sqlite "SELECT count(*) FROM cases")
  if [ "$after" = "$base" ]; then lib="unchanged ($base cases)"; else lib="$base → $after cases"; fi
  # One line: scratch paths shortened, the line breaks of multi-line messages kept as " / ".
  text=$(printf '%s' "$out" | sed "s#$WORK/##g; s#$FIX/##g" | grep -v '^nothing was imported' \
         | grep -v 'cases\? imported into' | sed 's/|/\\|/g' | cut -c1-240 | awk 'NR > 1 { printf " · " } { printf "%s", $0 }')
  echo "| $label | $rc | \`$text\` | $lib |"
}

: > empty.json
row "empty file" empty.json
head -c 65536 /dev/urandom > junk.bin
row "binary junk" junk.bin
mkdir -p zsrc && cp -r "$FIX/faers/faers_ascii_2012q4/ascii" zsrc/ && (cd zsrc && python3 -m zipfile -c ../whole.zip ascii)
head -c "$(( $(stat -c %s whole.zip) / 2 ))" whole.zip > faers_ascii_2012q4.zip
row "truncated zip (half of a FAERS quarter)" faers_ascii_2012q4.zip
mkdir -p stuff && echo "notes" > stuff/README.txt && head -c 4096 /dev/urandom > stuff/figure.png
python3 -m zipfile -c faers_ascii_2099q1.zip stuff
row "zip of the wrong thing (named as a FAERS quarter)" faers_ascii_2099q1.zip
row "wrong format forced (a FAERS folder as VAERS)" --format vaers "$FIX/faers/faers_ascii_2015q3"
row "wrong format forced (openFDA JSON as E2B)" --format e2b "$FIX/openfda/drug-event-0001-of-0001.json"
printf '[{"format":"onset.case/1","id":"x","source":{"kind":"literature"},"narrative":"caf\xe9"}]' > cases.json
row "invalid UTF-8 in onset JSON" cases.json
printf '{"results":[{"safetyreportid":"1","patient":{"reaction":[{"reactionmeddrapt":"Rash\xff"}]}}]}' > drug-event-0001-of-0001.json
row "invalid UTF-8 in openFDA JSON" drug-event-0001-of-0001.json
cp -r "$FIX/faers/faers_ascii_2015q3" big && { head -1 "$FIX/faers/faers_ascii_2015q3/ASCII/REAC15Q3.txt"; head -c $((100 << 20)) /dev/zero | tr '\0' a; } > big/ASCII/REAC15Q3.txt
row "100 MB single line (FAERS REAC)" big
{ printf '<ichicsr><safetyreport><narrative>'; head -c $((100 << 20)) /dev/zero | tr '\0' a; } > report.xml
row "100 MB single line (E2B narrative)" report.xml
cp -r "$FIX/faers/faers_ascii_2015q3" fields && sed -i 's/^1000011\$100001\$1\$/1000011$100001$1$extra$/' fields/ASCII/DRUG15Q3.txt
row "wrong field count (FAERS DRUG row)" fields
cp -r "$FIX/faers/faers_ascii_2015q3" dates && sed -i 's/\$20150801\$/$20250231$/; s/\$201507\$/$201513$/' dates/ASCII/DEMO15Q3.txt
row "impossible dates (20250231, month 13)" dates
cp -r "$FIX/vaers/2021" ages && sed -i 's/,45.0,/,-45.0,/' ages/2021VAERSDATA.csv
row "negative age (VAERS)" ages
cp -r "$FIX/faers/faers_ascii_2015q3" ther && sed -i 's/^1000022\$100002\$1\$/1000022$100002$7$/' ther/ASCII/THER15Q3.txt
row "THER row for a drug that does not exist" ther
sed 's#<actReference classCode="OBS" moodCode="EVN"><id root="aaaaaaaa-0000-4000-8000-000000000002"/>#<actReference classCode="OBS" moodCode="EVN"><id root="aaaaaaaa-0000-4000-8000-000000000009"/>#' \
  "$FIX/e2b/r3_intervals.xml" > r3.xml
row "E2B(R3) interval naming a reaction the report lacks" r3.xml
