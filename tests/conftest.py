"""Fixtures: a fresh app and an empty database for every test, on SQLite by default or on
PostgreSQL when TEST_DATABASE_URL says so (CI runs the suite once on each)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from app import MIGRATIONS_DIR, create_app
from app.db import db
from app.security import limiter
from app.staff import passwords
from app.taxonomy.services import HLED_SEED, read_seed_file, seed

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")


def engine_kind() -> str:
    return "postgresql" if TEST_DATABASE_URL.startswith("postgres") else "sqlite"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One schema per test session, built from the models; every test empties it afterwards."""
    if engine_kind() == "postgresql":
        url = TEST_DATABASE_URL
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    setup = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": url,
         "INSTANCE_PATH": str(tmp_path_factory.mktemp("instance-setup"))}
    )  # fmt: skip
    with setup.app_context():
        _drop_everything()
        # The migrated schema, not create_all(): it includes what each engine keeps outside
        # the models (SQLite's FTS5 table and triggers, PostgreSQL's search index).
        upgrade(directory=MIGRATIONS_DIR, revision="heads")
    yield url
    with setup.app_context():
        _drop_everything()
        db.engine.dispose()


# argon2id at its recommended cost takes a tenth of a second per hash and per sign-in, and
# hundreds of tests create and sign in staff: the suite uses the same algorithm at its lowest
# cost. Tests about the cost itself (the sign-in timing probe) ask for `production_password_cost`.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing() -> Iterator[None]:
    production = passwords._hasher
    passwords._hasher = CHEAP_HASHER
    passwords._stand_in_hash.cache_clear()
    yield
    passwords._hasher = production
    passwords._stand_in_hash.cache_clear()


@pytest.fixture
def production_password_cost(cheap_password_hashing: None) -> Iterator[PasswordHasher]:
    """The application's own hasher for one test (and a stand-in hash made with it)."""
    passwords._hasher = PasswordHasher()
    passwords._stand_in_hash.cache_clear()
    yield passwords._hasher
    passwords._hasher = CHEAP_HASHER
    passwords._stand_in_hash.cache_clear()


def _drop_everything() -> None:
    with db.engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("DROP TABLE IF EXISTS submissions_fts")
        else:  # a function outlives the tables its triggers were on
            for function in ("queue_tallies_apply", "public_tallies_apply"):
                connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {function}() CASCADE")
    db.drop_all()
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def _empty_all_tables(app: Flask) -> None:
    with app.app_context():
        db.session.rollback()
        with db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # DELETE and a restart of each sequence: ids start at 1 again, as after
                # TRUNCATE … RESTART IDENTITY, in a tenth of its time on tables this small.
                # Triggers (foreign keys, queue tallies) are off for this transaction only.
                connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
                for table in db.metadata.sorted_tables:
                    connection.execute(table.delete())
                for (sequence,) in connection.exec_driver_sql(
                    "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"
                ):
                    connection.exec_driver_sql(f'ALTER SEQUENCE "{sequence}" RESTART')
            else:
                for table in reversed(db.metadata.sorted_tables):
                    connection.execute(table.delete())
        db.engine.dispose()


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    application = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "MAIL_OUTBOX": str(tmp_path / "outbox"),
            "SECRET_KEY": "test-secret-key-not-for-production",
            "FORM_MIN_SECONDS": 0,
            "RATELIMIT_SUBMIT": "1000 per minute",
        }
    )
    with application.app_context():
        limiter.reset()  # counts in memory must not leak from one test into the next
    yield application
    _empty_all_tables(application)


@pytest.fixture
def app_factory() -> Iterator:
    """create_app for tests that need their own configuration; every engine it opened is
    closed afterwards (an open PostgreSQL connection left to the garbage collector is a
    ResourceWarning, and warnings are errors here)."""
    made: list[Flask] = []

    def make(config: dict) -> Flask:
        application = create_app(config)
        made.append(application)
        return application

    yield make
    for application in made:
        with application.app_context():
            db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def db_session(app: Flask) -> Iterator[Session]:
    with app.app_context():
        yield db.session
        db.session.rollback()


@pytest.fixture
def seeded(app: Flask) -> Flask:
    """The HLED taxonomy and its open demo consultation, as `flask seed` loads them."""
    with app.app_context():
        seed(db.session, read_seed_file(HLED_SEED))
        db.session.commit()
    return app


@pytest.fixture
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    """A brand-new empty database of the engine under test (for migration tests)."""
    if engine_kind() == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    name = f"consulta_fresh_{os.getpid()}"
    admin = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield re.sub(r"/[^/]+$", f"/{name}", TEST_DATABASE_URL)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
