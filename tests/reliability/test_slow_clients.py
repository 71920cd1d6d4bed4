"""Slow clients must not keep ordinary visitors out.

A client may send its request a few bytes at a time: its headers (slowloris) or its body.
Whatever holds a request while it trickles in is denied to everyone else.

- In the application (threaded workers with the in-app load-shedding slots): a slow POST body
  is received before its request takes a slot, so four of them leave the slots free and
  ordinary visitors get 200s, not 503s.
- In production (sync workers behind nginx, deploy/nginx.conf): nginx receives the whole
  request before gunicorn sees it, so ten slowloris connections and four slow bodies do not
  hold a worker; the same clients straight at gunicorn hold both workers, and ordinary
  visitors time out (measured and reported, the reason the README puts nginx in front).

Every slow client is a raw socket on 127.0.0.1, bounded in time; figures are reported at the
end of the pytest run (tests/reliability/figures.py).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask

from benchmarks.scenarios.surge import PRODUCTION_ARGS, TunedServer
from benchmarks.server import HOST, ROOT, free_port
from tests.reliability.figures import report
from tests.reliability.server import server_env, start_server

TRICKLE_EVERY_S = 0.2
TRICKLE_BYTES = 4
# A slow client gives up after this long whatever happens (every loop here is bounded).
SLOW_CLIENT_MAX_S = 45.0
SLOW_BODY_LENGTH = 4000  # at 4 bytes per 0.2 s: far longer than any test
SETTLE_S = 1.0  # for the slow clients to connect and be taken in before visitors come
ORDINARY_GETS = 20
PAGE = "/en/"
SLOW_POST_PATH = "/en/status"
# Behind nginx: as many slowloris connections as make a sync server useless, a few slow bodies,
# and visitors who give up after VISITOR_TIMEOUT_S (several visitors at once, so that the run
# without nginx, where every visit times out, stays short).
SLOWLORIS = 10
SLOW_BODIES = 4
VISITORS = 4
VISITOR_TIMEOUT_S = 2.0
# Behind nginx, the median visit under slow clients may be this many times the median of the
# same visits without them (same run, same machine): generous, since four other processes may
# share the two cores; starvation costs seconds, not a factor of a few.
SLOWDOWN_RATIO = 10
DEPLOY_NGINX_CONF = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
)


class SlowClient(threading.Thread):
    """One connection that sends its request a few bytes per TRICKLE_EVERY_S until stopped:
    `part="headers"` never finishes its headers; `part="body"` sends complete headers with a
    Content-Length, then trickles the body."""

    def __init__(self, port: int, part: str, stop: threading.Event) -> None:
        super().__init__(daemon=True, name=f"slow-{part}")
        self.port = port
        self.part = part
        self.stop = stop
        self.sent = 0
        self.error: str | None = None

    def run(self) -> None:
        deadline = time.monotonic() + SLOW_CLIENT_MAX_S
        if self.part == "headers":
            head = f"GET {PAGE} HTTP/1.1\r\nHost: {HOST}\r\n".encode()
            endless = (b"X-Slow-%d: x\r\n" % n for n in range(1_000_000))
        else:
            head = (
                f"POST {SLOW_POST_PATH} HTTP/1.1\r\nHost: {HOST}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {SLOW_BODY_LENGTH}\r\n\r\n"
            ).encode()
            endless = iter([b"a" * SLOW_BODY_LENGTH])
        try:
            with socket.create_connection((HOST, self.port), timeout=5) as sock:
                sock.sendall(head)
                pending = b""
                while not self.stop.is_set() and time.monotonic() < deadline:
                    if len(pending) < TRICKLE_BYTES:
                        pending += next(endless, b"")
                    piece, pending = pending[:TRICKLE_BYTES], pending[TRICKLE_BYTES:]
                    if piece:
                        sock.sendall(piece)
                        self.sent += len(piece)
                    self.stop.wait(TRICKLE_EVERY_S)
        except OSError as exc:  # the server may drop a slow client: that is its right
            self.error = type(exc).__name__


@contextlib.contextmanager
def slow_clients(port: int, *, headers: int, bodies: int) -> Iterator[list[SlowClient]]:
    stop = threading.Event()
    clients = [SlowClient(port, "headers", stop) for _ in range(headers)]
    clients += [SlowClient(port, "body", stop) for _ in range(bodies)]
    for client in clients:
        client.start()
    try:
        time.sleep(SETTLE_S)
        yield clients
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=10)


@dataclass
class Visits:
    """Ordinary visitors' GETs: status (or "timeout"/error name) and seconds, in order."""

    statuses: Counter[str] = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)

    @property
    def ok(self) -> int:
        return self.statuses["200"]

    @property
    def median_ms(self) -> float:
        return round(statistics.median(self.seconds) * 1000, 1)

    @property
    def max_ms(self) -> float:
        return round(max(self.seconds) * 1000, 1)

    def line(self) -> str:
        return (
            f"{self.ok}/{len(self.seconds)} 200 ({dict(self.statuses)}), "
            f"median {self.median_ms} ms, max {self.max_ms} ms"
        )


def visit(port: int, count: int = ORDINARY_GETS, *, timeout_s: float, threads: int = 1) -> Visits:
    """`count` GETs of PAGE, one connection each, by `threads` visitors at once."""
    visits = Visits()
    lock = threading.Lock()
    todo = iter(range(count))

    def visitor() -> None:
        while True:
            with lock:
                if next(todo, None) is None:
                    return
            started = time.monotonic()
            conn = http.client.HTTPConnection(HOST, port, timeout=timeout_s)
            try:
                conn.request("GET", PAGE, headers={"Connection": "close"})
                response = conn.getresponse()
                response.read()
                key = str(response.status)
            except TimeoutError:
                key = "timeout"
            except (OSError, http.client.HTTPException) as exc:
                key = type(exc).__name__
            finally:
                conn.close()
            with lock:
                visits.statuses[key] += 1
                visits.seconds.append(time.monotonic() - started)

    workers = [threading.Thread(target=visitor, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=count * timeout_s + 10)
    return visits


# --- in the application: a slow body does not hold a load-shedding slot ----------------------


@pytest.mark.slow
def test_slow_post_bodies_leave_the_in_app_slots_to_other_visitors(
    seeded: Flask, tmp_path: Path
) -> None:
    # One threaded worker with the production settings and the default in-app limit (2): four
    # slow bodies are more than the slots, fewer than the threads.
    env = server_env(seeded, {"MAX_REQUESTS_IN_FLIGHT": "2", "SHED_PAGE_WAIT_MS": "50"})
    with TunedServer(
        "wsgi:app",
        env,
        workers=1,
        extra_args=PRODUCTION_ARGS,
        ready_path="/healthz",
        log_path=tmp_path / "gunicorn.log",
    ) as server:
        baseline = visit(server.port, timeout_s=5)
        with slow_clients(server.port, headers=0, bodies=4) as clients:
            during = visit(server.port, timeout_s=5)
            assert all(client.is_alive() for client in clients), "a slow body was cut short"
    report("slow bodies, in-app slots: baseline", baseline.line())
    report("slow bodies, in-app slots: with 4 slow POST bodies", during.line())
    assert baseline.ok == ORDINARY_GETS, baseline.statuses
    assert during.ok == ORDINARY_GETS, during.statuses


# --- production shape: nginx in front of sync workers ---------------------------------------


def test_the_nginx_config_fits_the_app(tmp_path: Path) -> None:
    from app.config import load_config

    conf = DEPLOY_NGINX_CONF.read_text()
    size = re.search(r"^\s*client_max_body_size (\d+)m;", conf, re.M)
    assert size, "client_max_body_size missing"
    default = load_config({"INSTANCE_PATH": str(tmp_path)})["MAX_CONTENT_LENGTH"]
    assert int(size.group(1)) * 1024 * 1024 == default
    for directive in (
        "proxy_request_buffering on;",
        "proxy_buffering on;",
        "client_header_timeout",
        "client_body_timeout",
        # ProxyFix believes these with TRUSTED_PROXY_COUNT=1: nginx must overwrite a
        # client's own.
        "proxy_set_header X-Forwarded-For $remote_addr;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
        "proxy_set_header X-Forwarded-Host $host;",
    ):
        assert directive in conf, directive


class Nginx:
    """deploy/nginx.conf, as shipped, on a free loopback port in front of `upstream_port`:
    only its site part (TLS listener, name, certificate) and the upstream's address are
    replaced. nginx runs in the foreground in its own session, with its pid, logs and
    temporary files in `directory`."""

    STARTUP_TIMEOUT_S = 15.0

    def __init__(self, upstream_port: int, directory: Path) -> None:
        self.upstream_port = upstream_port
        self.directory = directory
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    def site_config(self) -> str:
        template = DEPLOY_NGINX_CONF.read_text()
        site = re.compile(r"^    # --- site: begin.*?# --- site: end ---\n", re.S | re.M)
        assert len(site.findall(template)) == 1
        assert template.count("server 127.0.0.1:8000;") == 1
        return site.sub(f"    listen {HOST}:{self.port};\n", template).replace(
            "server 127.0.0.1:8000;", f"server {HOST}:{self.upstream_port};"
        )

    def main_config(self) -> str:
        d = self.directory
        # As root, nginx would switch its workers to a user that cannot enter pytest's
        # temporary folders.
        user = "user root;" if os.geteuid() == 0 else ""
        return f"""
daemon off;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
{user}
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {d}/client_body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    include {d}/consulta.conf;
}}
"""

    def __enter__(self) -> Nginx:
        assert NGINX is not None
        self.directory.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        (self.directory / "consulta.conf").write_text(self.site_config())
        (self.directory / "nginx.conf").write_text(self.main_config())
        log = self.directory / "error.log"
        self.process = subprocess.Popen(
            [NGINX, "-e", str(log), "-p", str(self.directory), "-c", "nginx.conf"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + self.STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
            try:
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return self
            except (OSError, http.client.HTTPException):
                pass
            finally:
                conn.close()
            time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("nginx did not start:\n" + log.read_text(errors="replace")[-2000:])

    def __exit__(self, *exc: object) -> None:
        if self.process is None:
            return
        process, self.process = self.process, None
        if process.poll() is None:
            process.terminate()  # nginx's fast shutdown
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def under_slow_clients(port: int) -> Visits:
    with slow_clients(port, headers=SLOWLORIS, bodies=SLOW_BODIES):
        return visit(port, timeout_s=VISITOR_TIMEOUT_S, threads=VISITORS)


@pytest.mark.slow
@pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed (Debian: apt-get install nginx; .ci/run does)"
)
def test_behind_nginx_slow_clients_do_not_starve_sync_workers(
    seeded: Flask, tmp_path: Path
) -> None:
    server = start_server(seeded, tmp_path, workers=2, TRUSTED_PROXY_COUNT="1")
    try:
        with Nginx(server.port, tmp_path / "nginx") as nginx:
            proxied_baseline = visit(nginx.port, timeout_s=VISITOR_TIMEOUT_S, threads=VISITORS)
            proxied = under_slow_clients(nginx.port)
        direct_baseline = visit(server.port, timeout_s=VISITOR_TIMEOUT_S, threads=VISITORS)
        direct = under_slow_clients(server.port)
    finally:
        server.stop()
    load = f"{SLOWLORIS} slowloris + {SLOW_BODIES} slow bodies, 2 sync workers"
    report("slow clients, behind nginx: baseline", proxied_baseline.line())
    report(f"slow clients, behind nginx: {load}", proxied.line())
    report("slow clients, straight at gunicorn: baseline", direct_baseline.line())
    report(f"slow clients, straight at gunicorn: {load}", direct.line())

    assert proxied_baseline.ok == ORDINARY_GETS, proxied_baseline.statuses
    assert direct_baseline.ok == ORDINARY_GETS, direct_baseline.statuses
    # Without nginx the slow clients hold the workers: the load is hostile enough to matter.
    assert direct.ok < ORDINARY_GETS / 2, direct.statuses
    # With nginx every visitor is served, about as fast as without slow clients.
    assert proxied.ok == ORDINARY_GETS, proxied.statuses
    assert proxied.median_ms <= SLOWDOWN_RATIO * proxied_baseline.median_ms, (
        proxied.median_ms,
        proxied_baseline.median_ms,
    )
