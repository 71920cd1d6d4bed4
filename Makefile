# The two Quick start commands and a few helpers. Everything installs itself into .venv.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: install install-dev browser-deps run test test-sqlite test-postgresql lint audit bench bench-quick translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"

## Debian's chromium (when missing and we are root) and axe-core for the browser tests.
browser-deps:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		{ echo "install Debian's chromium for the browser tests"; exit 1; }
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

## Install, migrate, seed and serve on SQLite with several gunicorn workers.
run: install
	$(BIN)/flask --app wsgi db upgrade heads
	$(BIN)/flask --app wsgi seed
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - wsgi:app

## Style, the layering contracts in pyproject.toml (import-linter) and types (mypy).
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## Static security checks: bandit on app/ (each finding fixed or marked `# nosec BXXX` with its
## reason) and pip-audit on the installed dependencies (docs/security-checks.md).
audit: install-dev
	$(BIN)/bandit -r app -q
	$(BIN)/python scripts/audit_dependencies.py $(AUDIT_FLAGS)

## Install and run every test: lint, then the suite on SQLite and on PostgreSQL.
test: lint test-sqlite test-postgresql

test-sqlite: install-dev browser-deps
	TEST_DATABASE_URL= $(BIN)/pytest

test-postgresql: install-dev browser-deps
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest

bench: install-dev
	$(BIN)/python -m benchmarks --db sqlite
	$(BIN)/python -m benchmarks --db postgresql

bench-quick: install-dev
	$(BIN)/python -m benchmarks --quick --db sqlite
	$(BIN)/python -m benchmarks --quick --db postgresql

translations: install-dev
	$(BIN)/flask --app wsgi translate update
	$(BIN)/flask --app wsgi translate compile
