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

# Debian's Chromium for the browser tests (installed once; needs root, as in CI)
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

run: setup
	$(BIN)/wijkgraaf app

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: setup browser
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2 -q

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV)
