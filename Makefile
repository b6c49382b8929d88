# Samen — two commands: `make run` and `make test`. Everything else follows from them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: run test lint format clean chromium

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(TSTAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## make run: set up, migrate the SQLite database in var/, load the demo region when it is
## empty, print the demo logins and serve at http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/samen migrate --noinput -v0
	$(BIN)/samen demo --if-empty --year 2018
	$(BIN)/samen serve 127.0.0.1:8000

chromium:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; }

## make test: the whole suite, browser tests included, on both cores
test: $(TSTAMP) chromium
	$(BIN)/ruff check --quiet samen tests
	$(BIN)/pytest -n 2 --dist loadgroup

lint: $(TSTAMP)
	$(BIN)/ruff check samen tests bench
	$(BIN)/ruff format --check samen tests bench

format: $(TSTAMP)
	$(BIN)/ruff format samen tests bench
	$(BIN)/ruff check --fix samen tests bench

clean:
	rm -rf $(VENV) var test-artifacts
