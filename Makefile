# The two Quick start commands and a few helpers. Everything installs itself into .venv.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
# The lock files: every package pinned with the hashes of its files (make lock writes them).
MAIN_LOCK := requirements/main.txt
DEV_LOCK := requirements/dev.txt
UV_VERSION := 0.13.9
UV_COMPILE := --generate-hashes --python-version 3.11 --python-platform linux --no-emit-index-url \
	--custom-compile-command "make lock" --quiet
LOCK_FLAGS ?=

.PHONY: install install-dev lock browser-deps run test test-sqlite test-postgresql lint audit bench bench-quick translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

## Install exactly what a lock file pins (pip checks every hash), then the project itself
## without dependencies (an editable line has no hash), then pip check: it fails when
## pyproject.toml asks for a package the lock lacks. The stamp in .venv makes this run again
## only when the lock or pyproject.toml changes.
$(VENV)/.installed-main: $(MAIN_LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r $(MAIN_LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	touch $@

$(VENV)/.installed-dev: $(DEV_LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r $(DEV_LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	touch $@

install: $(VENV)/.installed-main

install-dev: $(VENV)/.installed-dev

## Write the lock files from pyproject.toml for Python 3.11 on Linux, with uv (installed into
## .venv at a fixed version). Pins already in a lock are kept; move them on with
## `make lock LOCK_FLAGS=--upgrade` or `LOCK_FLAGS="--upgrade-package flask"`. The dev lock is
## constrained by the main one, so both pin the same runtime versions.
lock: $(BIN)/python
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml $(UV_COMPILE) $(LOCK_FLAGS) -o $(MAIN_LOCK)
	$(BIN)/uv pip compile pyproject.toml --extra dev -c $(MAIN_LOCK) $(UV_COMPILE) $(LOCK_FLAGS) \
		-o $(DEV_LOCK)

## Debian's chromium (when missing and we are root) and axe-core for the browser tests.
browser-deps:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		{ echo "install Debian's chromium for the browser tests"; exit 1; }
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

## Install, migrate, seed and serve on SQLite with several gunicorn workers, and the campaign
## follower beside them (stopped with them).
run: install
	$(BIN)/flask --app wsgi db upgrade heads
	$(BIN)/flask --app wsgi seed
	$(BIN)/flask --app wsgi campaigns follow & follower=$$!; \
	trap 'kill $$follower 2>/dev/null; wait $$follower' EXIT INT TERM; \
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - wsgi:app

## Style, the layering contracts in pyproject.toml (import-linter) and types (mypy).
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

## Static security checks: bandit on app/ (each finding fixed or marked `# nosec BXXX` with its
## reason) and pip-audit on the dev lock, which pins every runtime and dev package
## (docs/security-checks.md).
audit: install-dev
	$(BIN)/bandit -r app -q
	$(BIN)/python scripts/audit_dependencies.py $(DEV_LOCK) $(AUDIT_FLAGS)

## Install and run every test: lint, then the suite on SQLite and on PostgreSQL, both at once
## (one per core; each suite's output is printed whole when it ends). The suites share nothing:
## each engine has its own database, and the tests that use Redis have their own database
## number or key prefix per engine.
test: lint
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgresql

test-sqlite: install-dev browser-deps
	TEST_DATABASE_URL= $(BIN)/pytest

test-postgresql: install-dev browser-deps
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest

bench: install-dev
	$(BIN)/python -m benchmarks --db sqlite
	$(BIN)/python -m benchmarks --db postgresql

## CI's smoke run: every scenario on SQLite; on PostgreSQL the scenarios with code of their own
## for that engine (row counts through psycopg, bulk loads, the queue's SQL). The load-only
## scenarios (baseline, capacity, surge, scale-out) drive the same app code on either engine,
## and their full runs cover both.
BENCH_QUICK_POSTGRESQL ?= --only intake --only queue --only exports --only campaigns --only packets

bench-quick: install-dev
	$(BIN)/python -m benchmarks --quick --db sqlite
	$(BIN)/python -m benchmarks --quick --db postgresql $(BENCH_QUICK_POSTGRESQL)

translations: install-dev
	$(BIN)/flask --app wsgi translate update
	$(BIN)/flask --app wsgi translate compile
