"""`make audit`'s pip-audit wrapper against a stand-in OSV service: what it reports when the
service answers, finds a vulnerability, or cannot be reached (never a silent green)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
LOCK = "\n".join(
    f"{pin} --hash=sha256:{digit * 64}"
    for pin, digit in (("flask==3.1.3", "a"), ("markdown==3.11.4", "b"))
)


class _OSVServer(ThreadingHTTPServer):
    # Package name -> the OSV records the stand-in service returns for it.
    advisories: dict[str, list[dict]]


class _OSV(BaseHTTPRequestHandler):
    server: _OSVServer

    def do_POST(self) -> None:
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        vulns = self.server.advisories.get(query["package"]["name"], [])
        body = json.dumps({"vulns": vulns} if vulns else {}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def osv() -> Iterator[_OSVServer]:
    server = _OSVServer(("127.0.0.1", 0), _OSV)
    server.advisories = {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def _url(server: _OSVServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/v1/query"


def _audit(tmp_path: Path, osv_url: str, *flags: str) -> subprocess.CompletedProcess[str]:
    lock = tmp_path / "lock.txt"
    lock.write_text(LOCK + "\n")
    env = {
        **os.environ,
        "PIP_AUDIT_VULNERABILITY_SERVICE": "osv",
        "PIP_AUDIT_OSV_URL": osv_url,
        "NO_PROXY": "127.0.0.1",
    }
    script = ROOT / "scripts" / "audit_dependencies.py"
    return subprocess.run(
        [sys.executable, str(script), str(lock), *flags],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_every_locked_package_audited_and_clean(tmp_path: Path, osv: _OSVServer) -> None:
    done = _audit(tmp_path, _url(osv), "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 of 2 packages" in done.stdout
    assert "0 known vulnerabilities" in done.stdout
    assert "NOT AUDITED" not in done.stdout


def test_known_vulnerability_fails_with_its_fixed_version(tmp_path: Path, osv: _OSVServer) -> None:
    osv.advisories["markdown"] = [
        {
            "id": "GHSA-test-0000-0000",
            "summary": "a stand-in advisory",
            "affected": [
                {
                    "package": {"name": "markdown", "ecosystem": "PyPI"},
                    "ranges": [
                        {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.11.5"}]}
                    ],
                }
            ],
        }
    ]
    done = _audit(tmp_path, _url(osv))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "VULNERABLE markdown 3.11.4: GHSA-test-0000-0000 (fixed in 3.11.5)" in done.stdout


def test_unreachable_service_says_nothing_was_audited(tmp_path: Path) -> None:
    with socket.socket() as closed:  # a port nothing listens on once it is closed
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1/query"
    done = _audit(tmp_path, url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "NOT AUDITED" in done.stdout
    assert "No known vulnerabilities" not in done.stdout
    assert _audit(tmp_path, url, "--strict").returncode == 2
