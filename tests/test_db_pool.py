"""Pooled database connections: one the server dropped while it sat idle is replaced before
a visitor's request uses it (app.db.ping_connections_left_idle)."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, text

from app.db import db
from tests.conftest import engine_kind

pytestmark = [
    pytest.mark.usefixtures("seeded"),
    pytest.mark.skipif(engine_kind() != "postgresql", reason="SQLite has no server to drop it"),
]


def test_a_connection_dropped_while_idle_is_replaced(
    app: Flask, app_factory, database_url: str, tmp_path: Path
) -> None:
    site = app_factory(
        {**app.config, "INSTANCE_PATH": str(tmp_path / "site"), "DB_PING_AFTER_IDLE_S": 0}
    )
    client = site.test_client()
    assert client.get("/en/").status_code == 200
    with site.app_context():
        pid = db.session.scalar(text("SELECT pg_backend_pid()"))
        db.session.remove()
    # Ended from outside, as a server restart or an idle timeout would.
    outside = create_engine(database_url)
    with outside.connect() as other:
        assert other.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    outside.dispose()
    for path in ("/en/", "/es/", "/en/c/hled-2026/submit"):
        assert client.get(path).status_code == 200
