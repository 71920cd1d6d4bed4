"""A bounded HTTP/1.1 load generator for loopback benchmarks.

`run_load()` opens a fixed number of connections, spread over a few worker processes (each
running one thread per connection), and keeps every connection busy for a fixed time: a
warm-up whose requests are thrown away, then a measured window. It returns requests per
second, p50/p99 latency and a count of status codes (transport errors are counted as
``error:<ExceptionName>``).

The target host is fixed to 127.0.0.1 and is not a parameter: this tool must never be able to
put load on anyone else's server, whatever a caller passes in.

`run_flow()` does the same for multi-request flows (fetch a form, then post it): a picklable
factory gives every connection a step function that sends its requests through a
`FlowClient`, which records latency and status per request label inside the window, plus
named events (e.g. "submitted") both inside the window and over the whole run, so a caller
can reconcile what the server stored with every answer it gave, warm-up included.

Connections use `http.client` and are persistent (HTTP/1.1 keep-alive) when the server allows
it. Gunicorn's sync workers answer ``Connection: close``, so against them each request opens a
fresh TCP connection; `http.client` reconnects by itself, and that cost is part of the latency
a real client behind a keep-alive-less server would see too.
"""

from __future__ import annotations

import http.client
import math
import multiprocessing as mp
import queue
import threading
import time
from array import array
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

HOST = "127.0.0.1"
# A request slower than this counts as an error instead of stalling the run.
REQUEST_TIMEOUT_S = 10.0
# After a transport error, pause briefly so a dead server is not hammered in a tight loop.
ERROR_BACKOFF_S = 0.01
# Spawned processes import quickly, but a loaded CI machine can be slow; fail rather than hang.
PROCESS_START_TIMEOUT_S = 30.0
USER_AGENT = "consulta-benchmarks"


@dataclass(frozen=True)
class LoadResult:
    """What one load run measured. Latencies are milliseconds; None when nothing completed."""

    method: str
    path: str
    connections: int
    processes: int
    warmup_s: float
    duration_s: float
    requests: int
    requests_per_s: float
    p50_ms: float | None
    p99_ms: float | None
    max_ms: float | None
    status_counts: dict[str, int]

    @property
    def non_2xx(self) -> int:
        """Responses outside 200-299, transport errors included."""
        return sum(n for key, n in self.status_counts.items() if not key.startswith("2"))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["non_2xx"] = self.non_2xx
        return data


def percentile(sorted_values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile of an already sorted list (no interpolation: a real sample)."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(pct / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def _connection_loop(
    port: int,
    method: str,
    path: str,
    body: bytes | None,
    headers: Mapping[str, str],
    measure_from: float,
    measure_until: float,
    latencies: array,
    counts: Counter[str],
) -> None:
    """Send requests back to back on one connection until `measure_until`.

    Only requests that complete inside [measure_from, measure_until) are recorded, so the
    warm-up (worker imports, first-request caches, JIT-like lazy setup) does not skew figures.
    """
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
    try:
        while True:
            started = time.monotonic()
            if started >= measure_until:
                break
            try:
                conn.request(method, path, body=body, headers=dict(headers))
                response = conn.getresponse()
                response.read()
                key = str(response.status)
            except (OSError, http.client.HTTPException) as exc:
                key = f"error:{type(exc).__name__}"
                # A half-broken connection must not be reused; the next request reconnects.
                conn.close()
                time.sleep(ERROR_BACKOFF_S)
            finished = time.monotonic()
            if measure_from <= finished < measure_until:
                latencies.append(finished - started)
                counts[key] += 1
    finally:
        conn.close()


def _process_main(
    port: int,
    method: str,
    path: str,
    body: bytes | None,
    headers: dict[str, str],
    threads: int,
    warmup_s: float,
    duration_s: float,
    ready: Any,
    go: Any,
    start_at: Any,
    results: Any,
) -> None:
    """One client process: `threads` connections; reports (latencies, counts) on `results`."""
    ready.put(True)
    if not go.wait(PROCESS_START_TIMEOUT_S):
        results.put((array("d"), {}))
        return
    # time.monotonic() is CLOCK_MONOTONIC on Linux, shared by all processes, so every
    # process measures exactly the same window.
    measure_from = start_at.value + warmup_s
    measure_until = measure_from + duration_s
    per_thread = [(array("d"), Counter[str]()) for _ in range(threads)]
    workers = [
        threading.Thread(
            target=_connection_loop,
            args=(port, method, path, body, headers, measure_from, measure_until, lat, cnt),
            daemon=True,
        )
        for lat, cnt in per_thread
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    latencies = array("d")
    counts: Counter[str] = Counter()
    for lat, cnt in per_thread:
        latencies.extend(lat)
        counts.update(cnt)
    results.put((latencies, dict(counts)))


def _wait_ready(children: list[Any], ready: Any) -> None:
    """Until every child has said it is ready; fail fast if one died (e.g. an import error)."""
    deadline = time.monotonic() + PROCESS_START_TIMEOUT_S
    pending = len(children)
    while pending:
        try:
            ready.get(timeout=0.1)
            pending -= 1
            continue
        except queue.Empty:
            pass
        dead = [child.exitcode for child in children if child.exitcode is not None]
        if dead:
            raise RuntimeError(f"a load-generator process exited early (exit codes {dead})")
        if time.monotonic() > deadline:
            raise RuntimeError("load-generator processes did not start in time")


def _split_connections(
    port: int, connections: int, processes: int, duration_s: float, warmup_s: float
) -> list[int]:
    """Check the common arguments; return how many connections each client process runs."""
    if not 1 <= port <= 65535:
        raise ValueError(f"not a TCP port: {port}")
    if connections < 1 or duration_s <= 0 or warmup_s < 0:
        raise ValueError("need at least one connection and a positive duration")
    processes = max(1, min(processes, connections))
    # Spread connections as evenly as possible: 8 over 3 processes is 3 + 3 + 2.
    return [connections // processes + (i < connections % processes) for i in range(processes)]


def _run_children(
    target: Callable[..., None],
    child_args: list[tuple[Any, ...]],
    warmup_s: float,
    duration_s: float,
) -> list[Any]:
    """Spawn one process per `child_args`, start them together, return what each reported.

    `target(*args, threads, warmup_s, duration_s, ready, go, start_at, results)` must put
    exactly one item on `results` (the last element of `args` is its thread count).
    """
    # "spawn" rather than fork: the parent runs an RSS sampler thread, and forking a
    # multi-threaded process is unsafe (and deprecated from Python 3.12).
    mpctx = mp.get_context("spawn")
    ready = mpctx.Queue()
    results = mpctx.Queue()
    go = mpctx.Event()
    start_at = mpctx.Value("d", 0.0)
    children = [
        mpctx.Process(
            target=target,
            args=(*args, warmup_s, duration_s, ready, go, start_at, results),
            daemon=True,
        )
        for args in child_args
    ]
    for child in children:
        child.start()
    collected: list[Any] = []
    try:
        _wait_ready(children, ready)
        start_at.value = time.monotonic()
        go.set()
        # Drain results before joining: a child blocks on exit until its queue data is read.
        deadline = warmup_s + duration_s + REQUEST_TIMEOUT_S + PROCESS_START_TIMEOUT_S
        for _ in children:
            collected.append(results.get(timeout=deadline))
    finally:
        go.set()
        # After a normal run the children are exiting already; after an error or a signal,
        # stop them now rather than let them finish their load window.
        grace_s = 5.0 if len(collected) == len(children) else 0.0
        for child in children:
            child.join(timeout=grace_s)
            if child.is_alive():
                child.terminate()
                child.join()
    return collected


def run_load(
    port: int,
    path: str,
    *,
    duration_s: float,
    warmup_s: float = 1.0,
    connections: int = 8,
    processes: int = 2,
    method: str = "GET",
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
) -> LoadResult:
    """Load http://127.0.0.1:`port``path` with `connections` busy connections.

    `processes` client processes share the connections so the client is not limited by one
    GIL; on a small machine keep it low, since client and server compete for the same cores.
    The processes are spawned, so the caller's main module must be safe to import (guarded by
    ``if __name__ == "__main__":``), as multiprocessing requires.
    """
    if not path.startswith("/"):
        raise ValueError(f"path must start with '/': {path!r}")
    shares = _split_connections(port, connections, processes, duration_s, warmup_s)
    processes = len(shares)
    request_headers = {"User-Agent": USER_AGENT, **(headers or {})}
    collected: list[tuple[array, dict[str, int]]] = _run_children(
        _process_main,
        [(port, method, path, body, request_headers, share) for share in shares],
        warmup_s,
        duration_s,
    )
    latencies: list[float] = []
    counts: Counter[str] = Counter()
    for lat, cnt in collected:
        latencies.extend(lat)
        counts.update(cnt)
    latencies.sort()

    def ms(value: float | None) -> float | None:
        return None if value is None else round(value * 1000, 3)

    return LoadResult(
        method=method,
        path=path,
        connections=connections,
        processes=processes,
        warmup_s=warmup_s,
        duration_s=duration_s,
        requests=len(latencies),
        requests_per_s=round(len(latencies) / duration_s, 1),
        p50_ms=ms(percentile(latencies, 50)),
        p99_ms=ms(percentile(latencies, 99)),
        max_ms=ms(latencies[-1] if latencies else None),
        status_counts=dict(sorted(counts.items())),
    )


# --- multi-request flows ----------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """A complete answer, handed to the flow's step function."""

    status: int
    headers: http.client.HTTPMessage
    body: bytes
    # What the caller's `expect` said of it (by default: a 2xx status).
    ok: bool = False


@dataclass(frozen=True)
class Sample:
    """One answer inside the window; times are seconds from the window's start."""

    finished: float
    latency: float
    status: str
    ok: bool


class FlowClient:
    """One connection of a flow run: sends a flow's requests and records what it measured.

    Every answer that finishes inside the measured window is kept as a `Sample` per request
    label, and every event (`count()`, e.g. a completed round) with its time, so that
    `run_flow` can cut the window short when some connection runs out of work. Everything is
    also counted over the whole run in `totals` (warm-up, and requests finishing after the
    window, included): that is what must match anything the server stored.
    """

    def __init__(self, port: int, measure_from: float, measure_until: float) -> None:
        self._conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
        self.measure_from = measure_from
        self.measure_until = measure_until
        self.samples: dict[str, list[Sample]] = {}
        self.events: dict[str, list[float]] = {}
        self.totals: Counter[str] = Counter()
        # Seconds from the window's start at which the step gave up, if it did.
        self.stopped_at: float | None = None

    def _offset(self, moment: float) -> float | None:
        """`moment` as seconds into the window, or None when outside it."""
        if self.measure_from <= moment < self.measure_until:
            return moment - self.measure_from
        return None

    def request(
        self,
        label: str,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        expect: Callable[[Reply], bool] | None = None,
    ) -> Reply | None:
        """Send one request; its answer, or None after a transport error (recorded).

        `expect(reply)` says whether the answer is the one wanted (default: any 2xx); the
        others are counted as unexpected for `label`.
        """
        started = time.monotonic()
        reply: Reply | None = None
        try:
            self._conn.request(
                method, path, body=body, headers={"User-Agent": USER_AGENT, **(headers or {})}
            )
            response = self._conn.getresponse()
            reply = Reply(response.status, response.msg, response.read())
            reply = replace(reply, ok=expect(reply) if expect else 200 <= reply.status < 300)
            status = str(reply.status)
        except (OSError, http.client.HTTPException) as exc:
            status = f"error:{type(exc).__name__}"
            self._conn.close()
            time.sleep(ERROR_BACKOFF_S)
        finished = time.monotonic()
        ok = reply is not None and reply.ok
        self.totals[f"{label} {status}"] += 1
        self.totals[f"{label} ok"] += ok
        offset = self._offset(finished)
        if offset is not None:
            sample = Sample(offset, finished - started, status, ok)
            self.samples.setdefault(label, []).append(sample)
        return reply

    def count(self, event: str) -> None:
        """Record that `event` happened now (e.g. a completed round)."""
        self.totals[event] += 1
        offset = self._offset(time.monotonic())
        if offset is not None:
            self.events.setdefault(event, []).append(offset)

    def stop(self) -> None:
        """The step has nothing left to send (called by the loop, before the window ends)."""
        self.totals["stopped_early"] += 1
        now = time.monotonic()
        self.stopped_at = max(0.0, now - self.measure_from)

    def close(self) -> None:
        self._conn.close()


# A step sends one round of a flow (e.g. GET a form, then POST it) and returns False when the
# connection has nothing left to send (e.g. its prefetched forms are used up).
FlowStep = Callable[[FlowClient], bool]
# Called once per connection with the connection's index (0 … connections-1, unique across
# client processes). It is pickled into spawned processes, so it must be a module-level
# class instance or function.
FlowFactory = Callable[[int], FlowStep]


def _flow_connection_loop(client: FlowClient, step: FlowStep) -> None:
    try:
        while time.monotonic() < client.measure_until:
            if not step(client):
                client.stop()
                break
    finally:
        client.close()


def _flow_process_main(
    ports: tuple[int, ...],
    factory: FlowFactory,
    first_connection: int,
    threads: int,
    warmup_s: float,
    duration_s: float,
    ready: Any,
    go: Any,
    start_at: Any,
    results: Any,
) -> None:
    """One client process running `threads` connections of a flow; reports its records."""
    steps = [factory(first_connection + i) for i in range(threads)]
    ready.put(True)
    if not go.wait(PROCESS_START_TIMEOUT_S):
        results.put([])
        return
    measure_from = start_at.value + warmup_s
    measure_until = measure_from + duration_s
    # Connection i talks to ports[i % len(ports)]: several servers share the load evenly.
    clients = [
        FlowClient(ports[(first_connection + i) % len(ports)], measure_from, measure_until)
        for i in range(threads)
    ]
    workers = [
        threading.Thread(target=_flow_connection_loop, args=(client, step), daemon=True)
        for client, step in zip(clients, steps, strict=True)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    results.put(
        [(c.samples, c.events, dict(c.totals), c.stopped_at) for c in clients],
    )


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 3)


@dataclass(frozen=True)
class FlowResult:
    """What one flow run measured: per request label, events in the window, run totals."""

    connections: int
    processes: int
    warmup_s: float
    duration_s: float
    # The window the figures cover: `duration_s`, or less when a connection ran out of work
    # (rates then count only the time every connection was busy).
    window_s: float
    # label -> requests, requests_per_s, ok (answers as expected), ok_per_s, unexpected,
    # p50_ms, p99_ms, max_ms, mean_ms, status_counts
    requests: dict[str, dict[str, Any]]
    # Events counted inside the window, and the same per second.
    events: dict[str, int]
    events_per_s: dict[str, float]
    # Over the whole run: events, "<label> <status>" and "<label> ok" for every answer, and
    # "stopped_early" for connections whose step gave up before the window ended.
    totals: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _label_figures(samples: list[Sample], window_s: float) -> dict[str, Any]:
    values = sorted(sample.latency for sample in samples)
    ok = sum(sample.ok for sample in samples)
    return {
        "requests": len(values),
        "requests_per_s": round(len(values) / window_s, 1),
        "ok": ok,
        "ok_per_s": round(ok / window_s, 1),
        "unexpected": len(values) - ok,
        "p50_ms": _ms(percentile(values, 50)),
        "p99_ms": _ms(percentile(values, 99)),
        "max_ms": _ms(values[-1] if values else None),
        "mean_ms": _ms(sum(values) / len(values) if values else None),
        "status_counts": dict(sorted(Counter(sample.status for sample in samples).items())),
    }


def run_flow(
    port: int,
    factory: FlowFactory,
    *,
    duration_s: float,
    warmup_s: float = 1.0,
    connections: int = 8,
    processes: int = 2,
    more_ports: tuple[int, ...] = (),
) -> FlowResult:
    """Keep `connections` connections busy running `factory`'s steps; see `run_load`.

    With `more_ports`, the connections are spread evenly over `port` and those (several
    servers behind what would be a load balancer).

    When a connection's step gives up before the window ends, the window ends there for
    every connection, so that no rate counts time during which the load was lighter.
    """
    ports = (port, *more_ports)
    for other in more_ports:
        _split_connections(other, connections, processes, duration_s, warmup_s)
    shares = _split_connections(port, connections, processes, duration_s, warmup_s)
    firsts = [sum(shares[:i]) for i in range(len(shares))]
    collected: list[list[Any]] = _run_children(
        _flow_process_main,
        [(ports, factory, first, share) for first, share in zip(firsts, shares, strict=True)],
        warmup_s,
        duration_s,
    )
    per_connection = [record for part in collected for record in part]
    stops = [stopped for *_, stopped in per_connection if stopped is not None]
    window_s = min([duration_s, *stops])
    samples: dict[str, list[Sample]] = {}
    event_times: dict[str, list[float]] = {}
    totals: Counter[str] = Counter()
    for conn_samples, conn_events, conn_totals, _ in per_connection:
        for label, items in conn_samples.items():
            samples.setdefault(label, []).extend(s for s in items if s.finished < window_s)
        for event, times in conn_events.items():
            event_times.setdefault(event, []).extend(t for t in times if t < window_s)
        totals.update(conn_totals)
    # Guard the division: a window cut to nothing leaves empty figures, not an exception.
    divisor = max(window_s, 1e-9)
    events = {event: len(times) for event, times in sorted(event_times.items())}
    return FlowResult(
        connections=connections,
        processes=len(shares),
        warmup_s=warmup_s,
        duration_s=duration_s,
        window_s=round(window_s, 3),
        requests={label: _label_figures(samples[label], divisor) for label in sorted(samples)},
        events=events,
        events_per_s={event: round(n / divisor, 1) for event, n in events.items()},
        totals=dict(sorted(totals.items())),
    )
