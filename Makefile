# The two Quick start commands and a few helpers. Everything installs itself into .venv.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: install install-dev run test test-sqlite test-postgresql lint bench bench-quick translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"

## Install, migrate, seed and serve on SQLite with several gunicorn workers.
run: install
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/flask --app wsgi seed
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - wsgi:app

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Install and run every test: lint, then the suite on SQLite and on PostgreSQL.
test: lint test-sqlite test-postgresql

test-sqlite: install-dev
	TEST_DATABASE_URL= $(BIN)/pytest

test-postgresql: install-dev
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
