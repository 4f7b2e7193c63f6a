# Wijkgraaf: `make run` sets everything up and starts the app on the bundled knowledge base;
# `make test` sets everything up and runs the whole test suite (what .ci/run runs).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup browser lint bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Debian packages the tests use: Chromium for the browser tests, faketime for the run with the
# clock moved 400 days ahead (installed once; needs root, as in CI)
DEBS := chromium faketime
browser:
	@for p in $(DEBS); do command -v $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

run: setup
	$(BIN)/wijkgraaf app

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: setup browser
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2 -q
	# the same suite (browser tests aside) with every clock 400 days ahead: no test may
	# depend on the day it was written
	faketime -f +400d $(BIN)/pytest -n 2 -q -m "not browser"

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV)
