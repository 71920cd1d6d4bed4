"""Two app servers (two gunicorn masters on two ports, as two machines would be) sharing the
database and Redis: a comment sent to both is stored once, and the rate limit counts the
requests both servers took. Needs Redis on 127.0.0.1:6379 (database 14 is this test's on
SQLite, 13 on PostgreSQL: CI runs the two suites at once)."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.db import db
from app.intake.models import Submission
from benchmarks.server import HOST, GunicornServer
from tests.conftest import engine_kind
from tests.intake.helpers import hidden_fields, valid_answers
from tests.reliability.server import start_server

pytestmark = pytest.mark.slow
REDIS_URL = f"redis://127.0.0.1:6379/{14 if engine_kind() == 'sqlite' else 13}"
FORM = "/es/c/hled-2026/submit"


@pytest.fixture
def redis_db() -> Iterator[str]:
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    yield REDIS_URL
    client.flushdb()


@pytest.fixture
def two_servers(seeded: Flask, redis_db: str, tmp_path: Path) -> Iterator[list[GunicornServer]]:
    settings = {
        "REDIS_URL": redis_db,
        "FLASK_RATELIMIT_ENABLED": "true",
        "RATELIMIT_SUBMIT": "3 per minute",
    }
    servers = [start_server(seeded, tmp_path, workers=1, **settings) for _ in range(2)]
    try:
        yield servers
    finally:
        for server in servers:
            server.stop()


def request(
    server: GunicornServer, method: str, path: str, body: str | None = None, cookie: str = ""
) -> tuple[int, str, str, str]:
    """(status, Location, Set-Cookie pairs, page) of one request to `server`."""
    conn = http.client.HTTPConnection(HOST, server.port, timeout=30)
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    if cookie:
        headers["Cookie"] = cookie
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        page = response.read().decode("utf-8", errors="replace")
        cookies = "; ".join(
            value.split(";", 1)[0] for name, value in response.getheaders() if name == "Set-Cookie"
        )
        return response.status, response.getheader("Location") or "", cookies, page
    finally:
        conn.close()


def fresh_form(server: GunicornServer) -> tuple[str, dict[str, str]]:
    status, _, cookie, page = request(server, "GET", FORM)
    assert status == 200
    return cookie, hidden_fields(page)


def stored(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Submission)) or 0


def test_one_comment_sent_to_both_servers_is_stored_once(
    seeded: Flask, two_servers: list[GunicornServer]
) -> None:
    first, second = two_servers
    cookie, hidden = fresh_form(first)
    body = urlencode({**hidden, **valid_answers()}, doseq=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda s: request(s, "POST", FORM, body, cookie), two_servers))
    assert [status for status, *_ in answers] == [303, 303]
    assert answers[0][1] == answers[1][1]  # the same receipt
    assert stored(seeded) == 1


def test_the_rate_limit_counts_what_both_servers_took(
    seeded: Flask, two_servers: list[GunicornServer]
) -> None:
    statuses = []
    for turn in range(4):
        server = two_servers[turn % 2]
        cookie, hidden = fresh_form(server)
        answers = valid_answers(title=f"Propuesta {turn}")
        body = urlencode({**hidden, **answers}, doseq=True)
        statuses.append(request(server, "POST", FORM, body, cookie)[0])
    # Three per minute from this address, whichever server took them: the fourth is refused.
    assert statuses == [303, 303, 303, 429]
    assert stored(seeded) == 3
