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
# clock moved 400 days ahead, Virtuoso 7 (virtuoso-t, isql-vt) as the second SPARQL server of
# the remote-store tests (installed once; needs root, as in CI)
DEBS := chromium faketime virtuoso-opensource-7-bin
browser:
	@for p in $(DEBS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" \
	  || missing="$$missing $$p"; done; \
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
