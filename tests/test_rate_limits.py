"""Rate limits: keyed on the real client address, stored in Redis when configured."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import redis
from flask import Flask, request
from flask_limiter import Limit
from flask_limiter.util import get_remote_address

from app.db import db
from app.security import limiter
from app.taxonomy.services import HLED_SEED, read_seed_file, seed
from tests.intake.helpers import submit

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _app(app_factory, database_url: str, tmp_path: Path, **config) -> Flask:
    app = app_factory(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "MAIL_OUTBOX": str(tmp_path / "outbox"),
            "SECRET_KEY": "k",
            "FORM_MIN_SECONDS": 0,
            "RATELIMIT_SUBMIT": "2 per minute",
            **config,
        }
    )
    with app.app_context():
        seed(db.session, read_seed_file(HLED_SEED))
        db.session.commit()
        limiter.reset()
    return app


@pytest.fixture
def cleanup(app: Flask):
    """Borrow the standard fixture's teardown: it empties the tables after the test."""
    return app


def test_forwarded_for_is_ignored_without_a_trusted_proxy(
    app_factory, database_url: str, tmp_path: Path, cleanup
) -> None:
    app = _app(app_factory, database_url, tmp_path)
    client = app.test_client()
    codes = [submit_from(client, f"203.0.113.{i}").status_code for i in range(3)]
    assert codes == [303, 303, 429]


def test_forwarded_for_is_honoured_behind_a_trusted_proxy(
    app_factory, database_url: str, tmp_path: Path, cleanup
) -> None:
    app = _app(app_factory, database_url, tmp_path, TRUSTED_PROXY_COUNT=1)
    client = app.test_client()
    codes = [submit_from(client, f"203.0.113.{i}").status_code for i in range(3)]
    assert codes == [303, 303, 303]
    assert submit_from(client, "203.0.113.0").status_code == 303
    assert submit_from(client, "203.0.113.0").status_code == 429


def test_counts_live_in_redis_when_configured(
    app_factory, database_url: str, tmp_path: Path, cleanup
) -> None:
    prefix = f"consulta-test-{os.getpid()}"
    app = _app(
        app_factory, database_url, tmp_path, REDIS_URL=REDIS_URL, RATELIMIT_KEY_PREFIX=prefix
    )
    assert app.config["RATELIMIT_STORAGE_URI"] == REDIS_URL
    client = app.test_client()
    assert [submit(client, "es").status_code for _ in range(3)] == [303, 303, 429]
    store = redis.Redis.from_url(REDIS_URL)
    try:
        assert store.keys(f"*{prefix}*")
    finally:
        for key in store.keys(f"*{prefix}*"):
            store.delete(key)
        store.close()


def submit_from(client, address: str):
    client.environ_base["REMOTE_ADDR"] = "10.0.0.1"  # the proxy, as the socket sees it
    client.environ_base["HTTP_X_FORWARDED_FOR"] = address
    return submit(client, "es")


def test_a_route_without_a_limit_is_not_counted(app: Flask, client, monkeypatch) -> None:
    """Flask-Limiter's per-request hook applies only limits not written on a route (app-wide,
    default, blueprint): with none, a page without a limit of its own costs it nothing."""
    checks: list[str] = []
    real = limiter.limit_manager.resolve_limits

    def counted(*args, **kwargs):
        checks.append(request.path)
        return real(*args, **kwargs)

    monkeypatch.setattr(limiter.limit_manager, "resolve_limits", counted)
    assert client.get("/healthz").status_code == 200
    assert checks == []


def test_a_default_limit_still_counts_every_route(
    app_factory, database_url: str, tmp_path: Path, cleanup, monkeypatch
) -> None:
    app = _app(app_factory, database_url, tmp_path)
    every_route = Limit(limit_provider="2 per minute", key_function=get_remote_address)
    monkeypatch.setattr(limiter.limit_manager, "_default_limits", [every_route.bind(limiter)])
    client = app.test_client()
    assert [client.get("/healthz").status_code for _ in range(3)] == [200, 200, 429]
