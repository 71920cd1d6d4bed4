"""A bounded HTTP/1.1 load generator for loopback benchmarks.

`run_load()` opens a fixed number of connections, spread over a few worker processes (each
running one thread per connection), and keeps every connection busy for a fixed time: a
warm-up whose requests are thrown away, then a measured window. It returns requests per
second, p50/p99 latency and a count of status codes (transport errors are counted as
``error:<ExceptionName>``).

The target host is fixed to 127.0.0.1 and is not a parameter: this tool must never be able to
put load on anyone else's server, whatever a caller passes in.

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
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

HOST = "127.0.0.1"
# A request slower than this counts as an error instead of stalling the run.
REQUEST_TIMEOUT_S = 10.0
# After a transport error, pause briefly so a dead server is not hammered in a tight loop.
ERROR_BACKOFF_S = 0.01
# Spawned processes import quickly, but a loaded CI machine can be slow; fail rather than hang.
PROCESS_START_TIMEOUT_S = 30.0


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
    if not 1 <= port <= 65535:
        raise ValueError(f"not a TCP port: {port}")
    if connections < 1 or duration_s <= 0 or warmup_s < 0:
        raise ValueError("need at least one connection and a positive duration")
    processes = max(1, min(processes, connections))
    # Spread connections as evenly as possible: 8 over 3 processes is 3 + 3 + 2.
    shares = [connections // processes + (i < connections % processes) for i in range(processes)]

    # "spawn" rather than fork: the parent runs an RSS sampler thread, and forking a
    # multi-threaded process is unsafe (and deprecated from Python 3.12).
    mpctx = mp.get_context("spawn")
    ready = mpctx.Queue()
    results = mpctx.Queue()
    go = mpctx.Event()
    start_at = mpctx.Value("d", 0.0)
    request_headers = {"User-Agent": "consulta-benchmarks", **(headers or {})}
    children = [
        mpctx.Process(
            target=_process_main,
            args=(
                port,
                method,
                path,
                body,
                request_headers,
                share,
                warmup_s,
                duration_s,
                ready,
                go,
                start_at,
                results,
            ),
            daemon=True,
        )
        for share in shares
    ]
    for child in children:
        child.start()
    collected: list[tuple[array, dict[str, int]]] = []
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
