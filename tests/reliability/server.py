"""The real app under gunicorn for the reliability tests, on the test session's database.

The served app and the test's `app` fixture share one database (the engine under test:
a SQLite file, or TEST_DATABASE_URL on PostgreSQL) and one UPLOAD_DIR, so the test can read
back what the server stored, and the `app` fixture empties the tables afterwards.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Mapping
from pathlib import Path

from flask import Flask

from benchmarks.server import ROOT, GunicornServer

# Deployment settings of whoever runs the tests must not leak into the served app.
DROPPED = ("DATABASE_URL", "CONSULTA_CONFIG", "FLASK_APP", "HTTPS", "REDIS_URL", "MAIL_SERVER")


def server_env(app: Flask, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in DROPPED}
    env.update(
        INSTANCE_PATH=app.instance_path,
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        SECRET_KEY=app.config["SECRET_KEY"],
        UPLOAD_DIR=app.config["UPLOAD_DIR"],
        MAIL_OUTBOX=app.config["MAIL_OUTBOX"],
        FORM_MIN_SECONDS="0",
        FLASK_RATELIMIT_ENABLED="false",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra or {})
    return env


def start_server(app: Flask, log_dir: Path, workers: int = 2, **extra: str) -> GunicornServer:
    server = GunicornServer(
        "wsgi:app",
        server_env(app, extra),
        workers=workers,
        ready_path="/healthz",
        log_path=log_dir / f"gunicorn-{uuid.uuid4().hex[:6]}.log",
    )
    server.start()
    return server


def kill_hard(server: GunicornServer) -> int:
    """SIGKILL the master and every worker at once (its process group); returns how many."""
    from benchmarks.server import process_tree

    assert server.process is not None
    victims = process_tree(server.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.process.wait()
    server.process = None
    return len(victims)


def flask_command(app: Flask, *args: str) -> subprocess.CompletedProcess[str]:
    """`flask --app wsgi <args>` as an operator would run it, on the same database."""
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=server_env(app),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
