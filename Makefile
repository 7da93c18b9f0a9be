# onset — build, run and test on a fresh Debian machine.
SWIFT      ?= swift
CONFIG     ?= debug
BIN         = .build/$(CONFIG)/onset
APT_PKGS    = libncursesw5-dev libsqlite3-dev tmux sqlite3 python3 python3-venv
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build run test unit e2e bench eval fuzz clean

# Install only what is missing, so a second `make` does not touch apt at all.
deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

run: build
	$(BIN) Data

unit: build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

test: unit
	@echo "all tests passed"

# Precision and recall of the narrative extractor over Tests/NarrativeCorpus (and the seeds in
# ../shared/seeds when present); the table is also written to eval-results.txt.
eval: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter NarrativeEval
	@sed -n '1,/^extraction time/p' eval-results.txt

clean:
	rm -rf .build
