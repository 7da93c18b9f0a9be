# onset — build, run and test on a fresh Debian machine.
SWIFT      ?= swift
CONFIG     ?= debug
BIN         = .build/$(CONFIG)/onset
APT_PKGS    = libncursesw5-dev libsqlite3-dev tmux sqlite3 python3 python3-venv python3-pip time
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
VENV        = .build/venv
PY          = $(VENV)/bin/python3

.PHONY: deps pydeps build run test unit e2e pytest crosscheck lexicon-check kill-loop fuzz-replay fuzz-smoke bad-input-memory bench eval fuzz clean

# Install only what is missing, so a second `make` does not touch apt at all.
deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# numpy and scipy for the independent statistics cross-check, in a venv beside the build.
pydeps: deps
	@[ -x $(PY) ] || python3 -m venv $(VENV)
	@$(PY) -c 'import numpy, scipy, jsonschema' 2>/dev/null || $(PY) -m pip install -q numpy scipy jsonschema

build: deps
	$(SWIFT) build -c $(CONFIG)

run: build
	$(BIN) Data

# The tests make their libraries under a private TMPDIR removed afterwards, so that a run
# (passing, failing, crashing or interrupted) leaves nothing in /tmp. 755: some tests read a
# library as another user.
unit: build
	$(SWIFT) build --build-tests
	@scratch=$$(mktemp -d) && chmod 755 "$$scratch" && trap 'rm -rf "$$scratch"' EXIT INT TERM && \
	  TMPDIR=$$scratch $(SWIFT) test --skip-build

e2e: build
	bash Tests/e2e/browser.sh

pytest: deps
	python3 -m unittest discover -s Tests/python -v

crosscheck: pydeps unit
	$(PY) scripts/crosscheck_stats.py

lexicon-check: pydeps
	python3 scripts/check_lexicon.py
	$(PY) scripts/validate_schema.py

# A shortened kill loop (a JSON file, then a FAERS quarter, then a quarter into a new library);
# `bash scripts/kill_loop.sh` runs the full 25 kills over 20,000 cases,
# `bash scripts/kill_loop.sh 25 20000 faers [new]` a quarter.
kill-loop: build
	bash scripts/kill_loop.sh 5 3000
	bash scripts/kill_loop.sh 5 3000 faers
	bash scripts/kill_loop.sh 5 3000 faers new

# Peak memory of an import of a 100 MB single line, per format.
bad-input-memory: build
	bash scripts/bad_input_memory.sh

# Every fuzz corpus file (seeds and saved crashes) through the targets built without the fuzzer.
fuzz-replay: build
	bash scripts/fuzz_replay.sh

# Each libFuzzer target for FUZZ_SECONDS (own build in .build-fuzz); a crash input is saved to
# Tests/FuzzCorpus/<target>/crash-* and fails the run.
FUZZ_SECONDS ?= 60
fuzz: deps
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

# The fuzzers in a shortened form for make test: 5 seconds a target.
fuzz-smoke: deps
	bash scripts/fuzz.sh 5

test: unit e2e pytest crosscheck lexicon-check kill-loop fuzz-replay fuzz-smoke bad-input-memory
	@echo "make test: every suite passed"

bench: build
	bash scripts/bench.sh

# Precision and recall of the narrative extractor over Tests/NarrativeCorpus (and the seeds in
# ../shared/seeds when present); the table is also written to eval-results.txt.
eval: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter NarrativeEval
	@sed -n '1,/^extraction time/p' eval-results.txt

clean:
	rm -rf .build
