#!/usr/bin/env bash
# End-to-end tests of the browser in a real terminal: tmux runs onset, send-keys types,
# capture-pane reads the screen. Every wait polls the pane against a deadline; nothing sleeps blindly.
set -u
cd "$(dirname "$0")/../.."
BIN=${ONSET_BIN:-.build/debug/onset}
SOCK="onset-e2e-$$"
T="tmux -L $SOCK"
WORK=$(mktemp -d)
export HOME="$WORK/home" XDG_CACHE_HOME="$WORK/cache" XDG_DATA_HOME="$WORK/data"
mkdir -p "$HOME"
passed=0; failed=0
cleanup() { $T kill-server 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

pane() { $T capture-pane -p -t e2e 2>/dev/null; }
ok() { passed=$((passed + 1)); echo "ok   - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; echo "----- screen -----"; pane; echo "------------------"; }

# wait_for TEXT [SECONDS]: poll the pane until TEXT appears.
wait_for() {
  local deadline=$((SECONDS + ${2:-10}))
  while [ $SECONDS -lt $deadline ]; do
    pane | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  return 1
}
check() { if wait_for "$2" "${3:-10}"; then ok "$1"; else fail "$1 (waiting for: $2)"; fi; }
refute() { if pane | grep -qF -- "$2"; then fail "$1 (unexpected: $2)"; else ok "$1"; fi; }

# An idle session keeps the tmux server alive between tests: killing the last session makes the
# server exit, and a new-session that reaches the exiting server fails with "server exited
# unexpectedly" (seen in CI).
$T new-session -d -s keep -x 80 -y 24 "sleep 100000"

start() { # start LOCALE COMMAND...: a fresh 80x24 session running a shell command
  $T kill-session -t e2e 2>/dev/null
  local tries=0
  until $T new-session -d -s e2e -x 80 -y 24 "env LANG=$1 LC_ALL=$1 TERM=xterm-256color bash --norc --noprofile -i"; do
    tries=$((tries + 1)); [ $tries -ge 5 ] && break
    sleep 0.2; $T kill-session -t e2e 2>/dev/null
  done
  $T set-option -t e2e status off >/dev/null
  wait_for '$' 5 || wait_for '#' 5
  shift
  $T send-keys -t e2e "PS1='SHELL> '; clear; $*" Enter
}
keys() { $T send-keys -t e2e "$@"; }

ascii_only() { # the pane holds nothing but ASCII
  if pane | LC_ALL=C grep -q '[^ -~]'; then fail "$1 (non-ASCII on screen)"; else ok "$1"; fi
}

run_browser_flow() { # LOCALE
  start "$1" "$BIN Data; echo ONSET-EXITED; stty -a | tr ' ' '\n' | grep -E '^-?(icanon|echo)$' | tr '\n' ' '; echo"
  check "[$1] opens Data/ with the case list" "14 of 14 cases" 30
  keys /; check "[$1] filter prompt opens" "matches"
  keys "drug:alemtuzumab"; check "[$1] live count while typing" "1 match"
  keys Enter; check "[$1] filter applied: exactly one case" "1 of 14 cases"
  # The status line can show the new count a frame before the list shows the new page.
  wait_for "lit-" 10
  if [ "$(pane | grep -c 'lit-')" = 1 ]; then ok "[$1] one row listed"; else fail "[$1] one row listed"; fi
  keys Enter; check "[$1] detail shows Petechiae" "Petechiae"; check "[$1] detail shows Epistaxis" "Epistaxis"
  keys t; check "[$1] timeline shows the 1-day interval" "1d after dose 2"
  if [ "$1" = C ]; then check "[$1] timeline marks dose 2" "^2"; else check "[$1] timeline marks dose 2" "▲2"; fi
  $T resize-window -t e2e -x 60 -y 20
  check "[$1] resized to 60x20" "timeline  case 1 of 1"
  if pane | python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 60 for l in sys.stdin.buffer.read().decode("utf-8").splitlines()))'; then
    ok "[$1] 60 columns respected"; else fail "[$1] 60 columns respected"; fi
  $T resize-window -t e2e -x 80 -y 24
  check "[$1] resized back to 80x24" "1d after dose 2"
  [ "$1" = C ] && ascii_only "[$1] timeline is pure ASCII"
  keys q; check "[$1] q goes back to the detail" "Dose to onset"
  keys q; check "[$1] q goes back to the list" "1 of 14 cases"
  [ "$1" = C ] && ascii_only "[$1] list is pure ASCII"
  keys q; check "[$1] q quits to the shell" "ONSET-EXITED"
  check "[$1] terminal restored (icanon echo)" "icanon echo"
}

run_browser_flow C.UTF-8
run_browser_flow C

# Hostile text: a narrative with OSC 52 and a clear-screen sequence shows as visible escapes.
mkdir -p "$WORK/hostile"
printf '%s' '{"format":"onset.case/1","id":"hostile-1","source":{"kind":"literature"},"drugs":[{"id":"d1","name":"evil","role":"suspect"}],"events":[{"id":"e1","term":"Rash"}],"narrative":"Before \u001b]52;c;SGVsbG8=\u0007 middle \u001b[2J after \u0007 end \u202eRTL nul\u0000x bs\bx cr\rx"}' > "$WORK/hostile/case.json"
start C.UTF-8 "$BIN $WORK/hostile; echo ONSET-EXITED"
check "hostile case listed" "1 of 1 cases" 20
keys Enter; keys G
check "OSC 52 shown as text" '^[]52;c;SGVsbG8=\x07'
check "clear-screen shown as text" '^[[2J after \x07 end'
check "screen was not cleared (title still on screen)" "hostile-1"
check "bidi override and NUL shown as text" '<U+202E>RTL nul\x00x'
# A bare CR ends a line in a narrative (as in files from old Macs): it never reaches the terminal.
check "backspace shown as text, CR drawn as a line break" 'bs\x08x cr'
keys q q; check "hostile: quits cleanly" "ONSET-EXITED"

# Ctrl-C restores the terminal.
start C.UTF-8 "$BIN Data; echo ONSET-EXITED \$?; stty -a | tr ' ' '\n' | grep -E '^-?(icanon|echo)$' | tr '\n' ' '; echo"
check "Ctrl-C: browser up" "14 of 14 cases" 20
keys C-c; check "Ctrl-C: exits" "ONSET-EXITED 130"; check "Ctrl-C: terminal restored" "icanon echo"

# A --trace file that cannot be written is reported before the terminal is taken over.
start C.UTF-8 "$BIN --trace $WORK/no-such-folder/keys.log Data; echo ONSET-EXITED \$?; stty -a | tr ' ' '\n' | grep -E '^-?(icanon|echo)$' | tr '\n' ' '; echo"
check "--trace: unwritable file named" "cannot write the trace file" 20
check "--trace: exits with an error" "ONSET-EXITED 1"; check "--trace: terminal as it was" "icanon echo"

# SIGTERM restores the terminal.
start C.UTF-8 "$BIN Data; echo ONSET-EXITED \$?; stty -a | tr ' ' '\n' | grep -E '^-?(icanon|echo)$' | tr '\n' ' '; echo"
check "SIGTERM: browser up" "14 of 14 cases" 20
pkill -TERM -P "$($T display-message -p -t e2e '#{pane_pid}')"
check "SIGTERM: exits" "ONSET-EXITED 143"; check "SIGTERM: terminal restored" "icanon echo"

# --db X PATH imports PATH into X and browses X (it used to open X alone, labelled with PATH).
start C.UTF-8 "$BIN --db $WORK/named.sqlite Data; echo ONSET-EXITED"
check "--db X PATH: PATH imported into X" "14 of 14 cases" 30
keys q; check "--db X PATH: quits" "ONSET-EXITED"
if [ "$(sqlite3 "$WORK/named.sqlite" 'SELECT count(*) FROM cases')" = 14 ]; then ok "--db X PATH: X holds the cases"; else fail "--db X PATH: X holds the cases"; fi

# onset PATH mirrors PATH: a file removed from the folder leaves the browser's list.
mkdir -p "$WORK/mirror"; cp Data/cases/*.json "$WORK/mirror/"
start C.UTF-8 "$BIN $WORK/mirror; echo ONSET-EXITED"
check "mirror: all files listed" "14 of 14 cases" 30
keys q; check "mirror: quits" "ONSET-EXITED"
rm "$WORK/mirror/001-alemtuzumab-petechiae-epistaxis.json"
start C.UTF-8 "$BIN $WORK/mirror; echo ONSET-EXITED"
check "mirror: a removed file's case is gone" "13 of 13 cases" 30
refute "mirror: the alemtuzumab case is not listed" "lit-alemtuz"
keys q; check "mirror: quits again" "ONSET-EXITED"

# A terminal that goes away while SIGHUP is ignored (nohup, some su/sudo setups) ends the
# browser: reads fail at once from then on, and a loop that kept reading would spin a core.
mkdir -p "$WORK/hup"; cp Data/cases/*.json "$WORK/hup/"
start C.UTF-8 "trap '' HUP; exec $BIN $WORK/hup"
check "hangup: browser up with SIGHUP ignored" "14 of 14 cases" 20
hup_pid=$(pgrep -f -- "$BIN $WORK/hup" | head -1)
$T kill-session -t e2e
gone=no
for _ in $(seq 50); do kill -0 "$hup_pid" 2>/dev/null || { gone=yes; break; }; sleep 0.1; done
if [ -n "$hup_pid" ] && [ $gone = yes ]; then ok "hangup: the browser ends when its terminal closes"
else echo "FAIL - hangup: the browser ends when its terminal closes (pid ${hup_pid:-none} still running)"; failed=$((failed + 1)); kill "$hup_pid" 2>/dev/null; fi

# Ctrl-Z and fg: the shell gets a sane terminal, and the browser comes back whole.
start C.UTF-8 "$BIN Data"
check "Ctrl-Z: browser up" "14 of 14 cases" 20
keys C-z; check "Ctrl-Z: back at the shell" "SHELL>"
keys "fg" Enter; check "fg: browser redrawn" "14 of 14 cases"
keys j; check "fg: keys work again" "▶ lit-alemtuz"
keys q; check "fg: quits" "SHELL>"

# Refresh: another process imports while the browser is open; the list keeps its view until R
# (or F5) re-runs the filter, and then shows the new cases.
"$BIN" import Data/cases --db "$WORK/shared.sqlite" >/dev/null
n=$(sqlite3 "$WORK/shared.sqlite" "SELECT count(*) FROM cases")
mkdir -p "$WORK/more"
for k in 1 2 3; do
  printf '{"format":"onset.case/1","id":"late-%s","source":{"kind":"literature"},"drugs":[{"id":"d1","name":"heparin","role":"suspect"}],"events":[{"id":"e1","term":"Thrombocytopenia"}]}' "$k" > "$WORK/more/late-$k.json"
done
start C.UTF-8 "$BIN --db $WORK/shared.sqlite; echo ONSET-EXITED"
check "refresh: browser open on the shared library" "$n of $n cases" 20
"$BIN" import "$WORK/more" --db "$WORK/shared.sqlite" >/dev/null 2>&1 && ok "refresh: another process imported while the browser is open" || fail "refresh: the import beside the browser failed"
keys j; sleep 0.5
check "refresh: the open list keeps its view" "$n of $n cases"
keys R; check "refresh: R shows the new cases" "$((n + 3)) of $((n + 3)) cases"
"$BIN" import "$WORK/more/late-1.json" --db "$WORK/shared.sqlite" >/dev/null 2>&1
keys /; keys "drug:heparin" Enter; check "refresh: filter applied" "of $((n + 3)) cases"
keys F5; check "refresh: F5 re-runs the filter" "of $((n + 3)) cases"
keys ?; check "refresh: help lists R and F5" "R F5"
keys q q; check "refresh: quits cleanly" "ONSET-EXITED"

# A shared library the user cannot write opens for browsing with the read-only note. CI runs as
# root, for whom file modes mean nothing, so the browser runs as nobody from a copy anyone can read.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
  RO=$(mktemp -d); chmod 755 "$RO"
  mkdir -p "$RO/lib" "$RO/Data"; cp "$BIN" "$RO/onset"; cp -r Data/lexicon "$RO/Data/"
  cp "$WORK/shared.sqlite" "$RO/lib/library.sqlite"; chmod -R a+rX "$RO"
  start C.UTF-8 "setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent ONSET_LEXICON=$RO/Data/lexicon $RO/onset --db $RO/lib/library.sqlite; echo ONSET-EXITED"
  check "read-only: the note says changes cannot be saved" "read-only library: changes cannot be saved" 20
  check "read-only: nobody browses the shared library" "late-3"
  keys Enter; check "read-only: a case opens" "Thrombocytopenia"
  keys q; check "read-only: back on the list, marked read-only" "[read-only]"
  check "read-only: every case listed" "$((n + 3)) of $((n + 3)) cases"
  keys q; check "read-only: quits cleanly" "ONSET-EXITED"
  refute "read-only: no 'database is locked'" "locked"
  rm -rf "$RO"
else
  echo "skip - read-only browser check needs root and setpriv to switch to nobody"
fi

echo
echo "e2e: $passed passed, $failed failed"
[ "$failed" = 0 ]
