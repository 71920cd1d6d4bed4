"""What a scenario gets: settings, a fresh seeded database, and helpers to serve and load.

Every scenario runs against its own database, prepared exactly as a deployment would be
(``flask --app wsgi db upgrade`` then ``flask --app wsgi seed``), so scenarios that write
(intake, campaigns …) cannot change what later scenarios measure.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, LiteralString

from benchmarks.loadgen import FlowFactory, FlowResult, LoadResult, run_flow, run_load
from benchmarks.server import ROOT, GunicornServer

# Trust auth on the local cluster; `test` exists already and is only used to create/drop ours.
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
POSTGRES_APP_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
APP_MODULE = "wsgi:app"
HELLO_MODULE = "benchmarks.hello_app:app"


@dataclass(frozen=True)
class Settings:
    """How hard and how long to push. Same for every target, so figures compare."""

    workers: int = 2
    connections: int = 8
    client_processes: int = 2
    warmup_s: float = 3.0
    duration_s: float = 15.0

    @classmethod
    def for_mode(cls, quick: bool) -> Settings:
        # Quick mode is CI's smoke test: enough requests to catch breakage, not to compare.
        return cls(warmup_s=0.5, duration_s=2.0) if quick else cls()


@dataclass
class Database:
    """A fresh, migrated and seeded database plus the instance folder that goes with it."""

    kind: str
    url: str
    instance_path: Path
    # Only PostgreSQL needs DATABASE_URL: on SQLite the app's default file in the instance
    # folder is the database, and leaving the variable unset tests that default.
    env: dict[str, str] = field(default_factory=dict)


def app_env(database: Database, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for the app's CLI and servers: ours, minus anything that would redirect it."""
    env = dict(os.environ)
    for name in ("DATABASE_URL", "CONSULTA_CONFIG", "FLASK_APP"):
        env.pop(name, None)
    env["INSTANCE_PATH"] = str(database.instance_path)
    env.update(database.env)
    # Future rate limiting must not throttle the load generator (harmless while it is absent).
    env["FLASK_RATELIMIT_ENABLED"] = "false"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra or {})
    return env


def flask_cli(database: Database, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``flask --app wsgi <args>`` against `database`; raise with its output on failure."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=app_env(database),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"flask {' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return result


@contextmanager
def fresh_database(kind: str) -> Iterator[Database]:
    """Create, migrate and seed a throw-away database; remove it afterwards."""
    instance_path = Path(tempfile.mkdtemp(prefix="consulta-bench-"))
    pg_name: str | None = None
    try:
        if kind == "sqlite":
            url = f"sqlite:///{instance_path / 'consulta.sqlite3'}"
            database = Database(kind, url, instance_path)
        elif kind == "postgresql":
            pg_name = f"consulta_bench_{os.getpid()}_{secrets.token_hex(4)}"
            _postgres_admin("CREATE DATABASE {}", pg_name)
            url = POSTGRES_APP_URL.format(name=pg_name)
            database = Database(kind, url, instance_path, env={"DATABASE_URL": url})
        else:
            raise ValueError(f"unknown database kind: {kind!r}")
        flask_cli(database, "db", "upgrade", "heads")
        flask_cli(database, "seed")
        yield database
    finally:
        if pg_name is not None:
            # FORCE: a server that was killed hard may leave a session behind.
            _postgres_admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", pg_name)
        shutil.rmtree(instance_path, ignore_errors=True)


def _postgres_admin(statement: LiteralString, name: str) -> None:
    """Run CREATE/DROP DATABASE on `name`, which psycopg quotes as an identifier."""
    import psycopg
    from psycopg import sql

    # CREATE/DROP DATABASE cannot run inside a transaction, hence autocommit.
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(name)))


@dataclass
class Context:
    """Handed to every scenario's ``run(ctx)``."""

    quick: bool
    db: str
    database: Database
    settings: Settings
    log_dir: Path

    @property
    def database_url(self) -> str:
        return self.database.url

    @property
    def instance_path(self) -> Path:
        return self.database.instance_path

    def env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        return app_env(self.database, extra)

    def flask(self, *args: str) -> subprocess.CompletedProcess[str]:
        return flask_cli(self.database, *args)

    def worker(self, module: str, *args: str, timeout_s: float = 3600) -> Any:
        """Run `python -m module worker *args` on this scenario's database in a process of its
        own (what it measures is not mixed with this one's memory) and return the JSON its
        last line prints."""
        result = subprocess.run(
            [sys.executable, "-m", module, "worker", *args, str(self.instance_path)],
            cwd=ROOT, env=self.env(), capture_output=True, text=True, timeout=timeout_s,
            check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"worker {args} failed:\n{result.stdout}{result.stderr[-3000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def serve(
        self, app: str = APP_MODULE, *, ready_path: str = "/", env: Mapping[str, str] | None = None
    ) -> GunicornServer:
        """A gunicorn server for `app` on this scenario's database (use it with ``with``)."""
        log_name = app.replace(":", "_").replace(".", "_")
        return GunicornServer(
            app,
            self.env(env),
            workers=self.settings.workers,
            ready_path=ready_path,
            log_path=self.log_dir / f"gunicorn-{log_name}.log",
        )

    def load(self, server: GunicornServer, path: str, **kwargs: Any) -> LoadResult:
        """Load `path` on a running `server` with this run's settings."""
        return run_load(
            server.port,
            path,
            duration_s=self.settings.duration_s,
            warmup_s=self.settings.warmup_s,
            connections=self.settings.connections,
            processes=self.settings.client_processes,
            **kwargs,
        )

    def flow(self, server: GunicornServer, factory: FlowFactory) -> FlowResult:
        """Run a multi-request flow (`loadgen.run_flow`) on `server` with this run's settings."""
        return run_flow(
            server.port,
            factory,
            duration_s=self.settings.duration_s,
            warmup_s=self.settings.warmup_s,
            connections=self.settings.connections,
            processes=self.settings.client_processes,
        )

    def measure(self, app: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """Start `app`, load `path`, stop it: the load figures plus the server's peak memory."""
        with self.serve(app, ready_path=path) as server, server.rss_sampler() as memory:
            result = self.load(server, path, **kwargs)
        figures = result.to_dict()
        figures.update(
            app=app,
            workers=self.settings.workers,
            peak_rss_mb=memory.peak_rss_mb,
            peak_pss_mb=memory.peak_pss_mb,
        )
        return figures

    @staticmethod
    def check_2xx(label: str, figures: Mapping[str, Any]) -> list[str]:
        """Failure messages if `figures` has non-2xx answers or no requests at all."""
        failures = []
        if not figures.get("requests"):
            failures.append(f"{label}: no request completed")
        if figures.get("non_2xx"):
            failures.append(f"{label}: non-2xx answers {figures['status_counts']}")
        return failures
