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
import socket
import statistics
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask

from benchmarks.scenarios.surge import PRODUCTION_ARGS, TunedServer
from benchmarks.server import HOST
from tests.reliability.figures import report
from tests.reliability.server import server_env

TRICKLE_EVERY_S = 0.2
TRICKLE_BYTES = 4
# A slow client gives up after this long whatever happens (every loop here is bounded).
SLOW_CLIENT_MAX_S = 45.0
SLOW_BODY_LENGTH = 4000  # at 4 bytes per 0.2 s: far longer than any test
SETTLE_S = 1.0  # for the slow clients to connect and be taken in before visitors come
ORDINARY_GETS = 20
PAGE = "/en/"
SLOW_POST_PATH = "/en/status"


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
    env = server_env(seeded, {"FLASK_MAX_REQUESTS_IN_FLIGHT": "2", "FLASK_IN_FLIGHT_WAIT_MS": "50"})
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
