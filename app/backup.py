"""Consistent copies of the database while the application is serving.

SQLite: the online backup API copies the pages under a read transaction, so writers carry on
and the copy is one moment's database. PostgreSQL: `pg_dump` in its custom format, itself one
snapshot; `pg_restore` brings it back. Attachments live under UPLOAD_DIR and are copied with
the file system's own tools (they are content-addressed and never change once written).
"""

from __future__ import annotations

import sqlite3
import subprocess  # nosec B404
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupFailed(Exception):
    """A backup or restore that did not complete; the message says why."""


def _libpq_url(database_url: str) -> str:
    """The SQLAlchemy URL as libpq reads it (no '+psycopg' driver part)."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def _sqlite_path(database_url: str) -> Path:
    database = make_url(database_url).database
    if not database or database == ":memory:":
        raise BackupFailed("an in-memory SQLite database cannot be backed up")
    return Path(database)


def backup(database_url: str, target: Path) -> Path:
    """Write a consistent copy of the database to `target` (never over an existing file)."""
    if target.exists():
        raise BackupFailed(f"{target} already exists")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    if make_url(database_url).get_backend_name() == "sqlite":
        source = sqlite3.connect(f"file:{_sqlite_path(database_url)}?mode=ro", uri=True)
        copy = sqlite3.connect(partial)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(partial),
              "--dbname", _libpq_url(database_url)])  # fmt: skip
    partial.replace(target)
    return target


def restore(source: Path, database_url: str) -> None:
    """Load a backup into an empty database."""
    if not source.is_file():
        raise BackupFailed(f"{source} is not a file")
    if make_url(database_url).get_backend_name() == "sqlite":
        path = _sqlite_path(database_url)
        if path.exists() and path.stat().st_size > 0:
            raise BackupFailed(f"{path} is not empty; restore into a new database")
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        target = sqlite3.connect(path)
        try:
            with target:
                backup_db.backup(target)
        finally:
            target.close()
            backup_db.close()
    else:
        _run(["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction",
              "--dbname", _libpq_url(database_url), str(source)])  # fmt: skip


def _run(command: list[str]) -> None:
    try:
        # A fixed program (pg_dump or pg_restore) and arguments that no shell parses.
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    except FileNotFoundError as missing:
        raise BackupFailed(f"{command[0]} is not installed") from missing
    if done.returncode != 0:
        raise BackupFailed(done.stderr.strip() or f"{command[0]} exited {done.returncode}")
