"""Fixtures for the browser tests: the real app served by gunicorn, and headless Chromium.

The app runs in a subprocess exactly as deployed (migrated with Alembic, seeded with
`flask seed`, two sync workers) against a fresh database of the engine under test:
a SQLite file by default, or a new PostgreSQL database made from TEST_DATABASE_URL.

What CI must install first (the tests fail, never skip, when it is missing):
    apt-get install chromium            # Debian's build, driven at /usr/bin/chromium
    npm ci --prefix tests/browser       # axe-core, pinned in package-lock.json
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Response,
    sync_playwright,
)
from sqlalchemy import create_engine, text

REPO_ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIR = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
SERVER_START_SECONDS = 30


# --- the database and the server ------------------------------------------------------------


@pytest.fixture(scope="session")
def server_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A brand-new empty database for the served app, dropped afterwards."""
    if not TEST_DATABASE_URL.startswith("postgres"):
        yield f"sqlite:///{tmp_path_factory.mktemp('browser-db') / 'consulta.sqlite3'}"
        return
    name = f"consulta_browser_{os.getpid()}"
    admin = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield re.sub(r"/[^/]+$", f"/{name}", TEST_DATABASE_URL)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_env(instance: Path, database_url: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        # Settings of the developer's own deployment must not leak into the served app.
        if name not in {"CONSULTA_CONFIG", "HTTPS", "REDIS_URL", "UPLOAD_DIR", "MAIL_SERVER"}
    }
    env.update(
        INSTANCE_PATH=str(instance),
        DATABASE_URL=database_url,
        SECRET_KEY="test",
        FORM_MIN_SECONDS="0",
        FLASK_RATELIMIT_ENABLED="false",
        PYTHONUNBUFFERED="1",
    )
    return env


STAFF_EMAIL = "moderadora@example.org"
STAFF_PASSWORD = "una contraseña larga para el navegador"


def _flask(env: dict[str, str], *args: str, stdin: str | None = None) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=REPO_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(
            f"`flask --app wsgi {' '.join(args)}` failed ({done.returncode}):\n"
            f"{done.stdout}\n{done.stderr}",
            pytrace=False,
        )


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    last_problem = "no answer yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
                last_problem = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            last_problem = f"HTTP {error.code}"
            error.close()
        except OSError as error:
            last_problem = str(error)
        time.sleep(0.2)
    pytest.fail(
        f"gunicorn did not answer {url}/healthz ({last_problem}); its log:\n"
        f"{log.read_text(encoding='utf-8', errors='replace')}",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def server_instance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The served app's instance folder (its open data files are written under it)."""
    return tmp_path_factory.mktemp("browser-instance")


@pytest.fixture(scope="session")
def live_server(server_instance: Path, server_database_url: str) -> Iterator[str]:
    """The base URL of the real app: migrated, seeded, served by gunicorn with 2 sync workers."""
    instance = server_instance
    env = _server_env(instance, server_database_url)
    _flask(env, "db", "upgrade", "heads")
    _flask(env, "seed")
    _flask(env, "users", "create", STAFF_EMAIL, "--role", "moderator", stdin=STAFF_PASSWORD)

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = instance / "gunicorn.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                "2",
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{port}",
                "--access-logfile",
                "-",
                "wsgi:app",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_healthy(url, process, log)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    manager = sync_playwright()
    instance = manager.start()
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium. Install it with "
            "`apt-get install chromium` (never `playwright install`).",
            pytrace=False,
        )
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield launched
    finally:
        launched.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's source, to evaluate in the page (an injected <script> would break the CSP)."""
    if not AXE_SCRIPT.is_file():
        pytest.fail(
            f"{AXE_SCRIPT} is missing: install the pinned axe-core with "
            "`npm ci --prefix tests/browser` (Node.js and npm are needed).",
            pytrace=False,
        )
    return AXE_SCRIPT.read_text(encoding="utf-8")


FAILED_LOAD = re.compile(r"^Failed to load resource: the server responded with a status of \d+")


@dataclass
class BrowserProblems:
    """What the browser reported that no page of ours may produce: console errors (Content
    Security Policy violations among them) and uncaught JavaScript exceptions.

    Two console errors are not problems: Chromium logs "Failed to load resource" for a page
    the app answers with an error status on purpose (422 for a form with mistakes), and for
    the /favicon.ico it asks for on its own. A stylesheet, script or image of ours that fails
    to load is still reported.
    """

    console_errors: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append((message.text, message.location.get("url", "")))

    def on_page_error(self, error: Exception) -> None:
        self.page_errors.append(str(error))

    def on_response(self, response: Response) -> None:
        if response.request.is_navigation_request():
            self.documents.add(response.url)

    def _expected(self, text: str, url: str) -> bool:
        if not FAILED_LOAD.match(text):
            return False
        return url in self.documents or urlsplit(url).path == "/favicon.ico"

    def report(self) -> str:
        lines = [
            f"console error: {text} (at {url or '?'})"
            for text, url in self.console_errors
            if not self._expected(text, url)
        ]
        lines += [f"JavaScript error: {e}" for e in self.page_errors]
        return "\n".join(lines)


@pytest.fixture
def context(browser: Browser, live_server: str) -> Iterator[BrowserContext]:
    opened = browser.new_context(base_url=live_server)
    opened.set_default_timeout(15_000)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def browser_problems() -> BrowserProblems:
    return BrowserProblems()


@pytest.fixture
def page(context: BrowserContext, browser_problems: BrowserProblems) -> Iterator[Page]:
    """A tab whose console is watched: any error or uncaught exception (a Content Security
    Policy violation is reported as a console error) fails the test at teardown."""
    opened = context.new_page()
    opened.on("console", browser_problems.on_console)
    opened.on("pageerror", browser_problems.on_page_error)
    opened.on("response", browser_problems.on_response)
    yield opened
    opened.close()
    problems = browser_problems.report()
    if problems:
        csp = "Content Security Policy" in problems
        pytest.fail(
            ("Content Security Policy violated. " if csp else "")
            + "The browser reported problems:\n"
            + problems,
            pytrace=False,
        )
