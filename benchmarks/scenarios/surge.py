"""Surge: a flash crowd at several times the rate the server can sustain, for a fixed time.

First the sustainable rate is measured: a closed-loop client keeps a few connections busy on
the surge's pages (same mix, same client code) and counts the 2xx answers per second.
Then an *open-loop* client offers SURGE_FACTOR times that rate: requests are sent on a fixed
schedule, whether or not earlier ones were answered (a crowd does not wait for the server),
with at most MAX_IN_FLIGHT open at once (a bounded generator: an arrival that finds every slot
busy is counted as `client_overflow` and not sent). A request unanswered after
CLIENT_TIMEOUT_S is a `timeout`: the visitor has given up.

Two servers take the same surge, one after the other:

- ``sync``: the README's plain command (gunicorn sync workers). Requests the workers cannot
  take wait in the kernel's accept queue, so latency grows with the queue until visitors
  time out.
- ``shedding``: the recommended production settings (PRODUCTION_ARGS: threaded workers with
  a bounded number of connections) with the application's load shedding (app/security.py):
  requests wait in line and the ones that waited longer than SHED_PAGE_WAIT_MS get a
  localized 503 with Retry-After; the rest is served.

Figures per server: offered and served rates (2xx per second), 429 and 503 counts, other 5xx
(the application failing: must be 0), transport errors, timeouts, p50/p99 of every answer and
of the 2xx alone, peak RSS/PSS of the server's processes. The ``shedding`` server fails the
scenario if it answers any other 5xx, lets more than MAX_TIMEOUT_FRACTION of the requests time
out, or serves less than MIN_SERVED_FRACTION of the sustainable rate. The ``sync`` server's
figures are reported, never enforced: they show what shedding is for.

Surge pages are listed in PAGES (method, path, weight); adding one is one line.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from benchmarks.context import APP_MODULE, Context
from benchmarks.loadgen import HOST, USER_AGENT, percentile
from benchmarks.server import GunicornServer

NAME = "surge"
ORDER = 70

# What the crowd asks for: the comment form (the page everyone arriving from an announcement
# opens first), the consultation page and the landing page. (method, path, weight)
PAGES: tuple[tuple[str, str, int], ...] = (
    ("GET", "/es/c/hled-2026/submit", 3),
    ("GET", "/es/c/hled-2026/", 1),
    ("GET", "/en/", 1),
)
SURGE_FACTOR = 4.0
MAX_IN_FLIGHT = 256
CLIENT_TIMEOUT_S = 5.0
CALIBRATION_CONNECTIONS = 8
# Thresholds for the shedding server.
MAX_TIMEOUT_FRACTION = 0.01
MIN_SERVED_FRACTION = 0.5
# The production settings under test: threaded workers whose threads outnumber the in-app
# limit, so that surplus requests are answered 503 instead of queueing; a worker takes at most
# WORKER_CONNECTIONS connections, the rest wait briefly in a short kernel backlog.
THREADS = 8
WORKER_CONNECTIONS = 64
BACKLOG = 512
PRODUCTION_ARGS = (
    "--worker-class",
    "gthread",
    "--threads",
    str(THREADS),
    "--worker-connections",
    str(WORKER_CONNECTIONS),
    "--backlog",
    str(BACKLOG),
)
# The shedding server runs with the default limits of app/config.py.
SERVER_ENV = {"FLASK_RATELIMIT_ENABLED": "false"}


class TunedServer(GunicornServer):
    """GunicornServer with extra command-line settings (later ones win over the defaults)."""

    def __init__(self, *args: Any, extra_args: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.extra_args = extra_args

    def command(self, port: int) -> list[str]:
        cmd = super().command(port)
        return [*cmd[:-1], *self.extra_args, cmd[-1]]


# --- the open-loop client -----------------------------------------------------------------------


@dataclass
class SurgeResult:
    offered: int = 0  # arrivals scheduled
    sent: int = 0
    client_overflow: int = 0  # arrivals that found every client slot busy (not sent)
    statuses: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)  # every answer
    ok_latencies: list[float] = field(default_factory=list)  # 2xx answers


async def _one(method: str, path: str, port: int, result: SurgeResult) -> None:
    started = time.monotonic()
    writer = None
    try:
        async with asyncio.timeout(CLIENT_TIMEOUT_S):
            reader, writer = await asyncio.open_connection(HOST, port)
            writer.write(
                f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nUser-Agent: {USER_AGENT}"
                "\r\nAccept-Language: es-MX,es;q=0.9\r\nConnection: close\r\n\r\n".encode()
            )
            await writer.drain()
            status_line = await reader.readline()
            await reader.read()  # the rest, until the server closes
        parts = status_line.split()
        key = parts[1].decode() if len(parts) > 1 else "error:BadStatusLine"
    except TimeoutError:
        key = "timeout"
    except OSError as exc:
        key = f"error:{type(exc).__name__}"
    finally:
        if writer is not None:
            writer.close()
    elapsed = time.monotonic() - started
    result.statuses[key] += 1
    if key[0].isdigit():
        result.latencies.append(elapsed)
        if key.startswith("2"):
            result.ok_latencies.append(elapsed)


async def _surge(port: int, rate: float, duration_s: float) -> SurgeResult:
    result = SurgeResult()
    schedule = itertools.cycle([(m, p) for m, p, weight in PAGES for _ in range(weight)])
    slots = asyncio.Semaphore(MAX_IN_FLIGHT)
    tasks: set[asyncio.Task[None]] = set()
    loop = asyncio.get_running_loop()
    start = loop.time()

    async def guarded(method: str, path: str) -> None:
        try:
            await _one(method, path, port, result)
        finally:
            slots.release()

    for index in itertools.count():
        due = start + index / rate
        if due >= start + duration_s:
            break
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        result.offered += 1
        method, path = next(schedule)
        if slots.locked():
            result.client_overflow += 1
            continue
        await slots.acquire()
        result.sent += 1
        task = asyncio.create_task(guarded(method, path))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.gather(*tasks)
    return result


def run_surge(port: int, rate: float, duration_s: float) -> SurgeResult:
    return asyncio.run(_surge(port, rate, duration_s))


# --- figures --------------------------------------------------------------------------------------


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


def figures(result: SurgeResult, rate: float, duration_s: float) -> dict[str, Any]:
    statuses = result.statuses
    latencies = sorted(result.latencies)
    ok = sorted(result.ok_latencies)
    app_5xx = sum(n for key, n in statuses.items() if key.startswith("5") and key != "503")
    return {
        "offered_per_s": round(result.offered / duration_s, 1),
        "target_rate_per_s": round(rate, 1),
        "sent": result.sent,
        "client_overflow": result.client_overflow,
        "served": len(ok),
        "served_per_s": round(len(ok) / duration_s, 1),
        "refused_429": statuses.get("429", 0),
        "refused_503": statuses.get("503", 0),
        "app_5xx": app_5xx,
        "timeouts": statuses.get("timeout", 0),
        "transport_errors": sum(n for key, n in statuses.items() if key.startswith("error:")),
        "p50_ms": _ms(percentile(latencies, 50)),
        "p99_ms": _ms(percentile(latencies, 99)),
        "served_p99_ms": _ms(percentile(ok, 99)),
        "max_ms": _ms(latencies[-1] if latencies else None),
        "status_counts": dict(sorted(statuses.items())),
        # The table's columns, shaped like the other scenarios' targets.
        "requests": sum(statuses.values()),
        "requests_per_s": round(sum(statuses.values()) / duration_s, 1),
        "unexpected": sum(n for key, n in statuses.items() if not key.startswith(("2", "503"))),
    }


async def _closed_loop(port: int, connections: int, warmup_s: float, duration_s: float) -> float:
    """Answers per second with `connections` always busy over PAGES: the sustainable rate."""
    schedule = itertools.cycle([(m, p) for m, p, weight in PAGES for _ in range(weight)])
    loop = asyncio.get_running_loop()
    measure_from = loop.time() + warmup_s
    measure_until = measure_from + duration_s
    counted = SurgeResult()

    async def connection() -> None:
        while loop.time() < measure_until:
            method, path = next(schedule)
            scratch = SurgeResult()
            await _one(method, path, port, scratch)
            if measure_from <= loop.time() < measure_until:
                counted.statuses.update(scratch.statuses)

    await asyncio.gather(*(connection() for _ in range(connections)))
    answered = sum(n for key, n in counted.statuses.items() if key.startswith("2"))
    return answered / duration_s


def _sustainable_rate(ctx: Context, server: GunicornServer) -> float:
    return asyncio.run(
        _closed_loop(
            server.port, CALIBRATION_CONNECTIONS, ctx.settings.warmup_s, ctx.settings.duration_s
        )
    )


def _surge_one(ctx: Context, name: str, rate: float, extra_args: tuple[str, ...]) -> dict[str, Any]:
    duration_s = ctx.settings.duration_s
    server = TunedServer(
        APP_MODULE,
        ctx.env(SERVER_ENV),
        workers=ctx.settings.workers,
        ready_path=PAGES[0][1],
        log_path=ctx.log_dir / f"gunicorn-surge-{name}.log",
        extra_args=extra_args,
    )
    with server, server.rss_sampler() as memory:
        result = run_surge(server.port, rate, duration_s)
    out = figures(result, rate, duration_s)
    out.update(
        path=", ".join(path for _, path, _ in PAGES),
        server=" ".join(extra_args) or "sync workers",
        workers=ctx.settings.workers,
        duration_s=duration_s,
        peak_rss_mb=memory.peak_rss_mb,
        peak_pss_mb=memory.peak_pss_mb,
    )
    return out


def run(ctx: Context) -> dict[str, Any]:
    with ctx.serve(APP_MODULE, ready_path=PAGES[0][1], env=SERVER_ENV) as server:
        sustainable = _sustainable_rate(ctx, server)
    rate = SURGE_FACTOR * sustainable
    targets = {
        "sync": _surge_one(ctx, "sync", rate, ()),
        "shedding": _surge_one(ctx, "shedding", rate, PRODUCTION_ARGS),
    }
    failures = []
    for name, fig in targets.items():
        if fig["app_5xx"]:
            failures.append(f"{name}: {fig['app_5xx']} 5xx answers other than 503")
    shed = targets["shedding"]
    if shed["timeouts"] > MAX_TIMEOUT_FRACTION * max(shed["sent"], 1):
        failures.append(f"shedding: {shed['timeouts']} of {shed['sent']} requests timed out")
    if shed["served_per_s"] < MIN_SERVED_FRACTION * sustainable:
        failures.append(
            f"shedding: served {shed['served_per_s']}/s, under {MIN_SERVED_FRACTION:g} of the "
            f"sustainable {sustainable:.1f}/s"
        )
    derived = {"sustainable_per_s": round(sustainable, 1), "offered_per_s": round(rate, 1)}
    for name, fig in targets.items():
        for key in ("served_per_s", "refused_503", "timeouts", "p99_ms", "served_p99_ms"):
            derived[f"{name}_{key}"] = fig[key]
    notes = [
        f"open-loop surge at {SURGE_FACTOR:g}x the sustainable rate over {PAGES}, at most "
        f"{MAX_IN_FLIGHT} requests in flight, {CLIENT_TIMEOUT_S:g} s client timeout; "
        "served = 2xx answers; p99 covers every answer, served_p99 the 2xx alone.",
        f"shedding server: gunicorn {' '.join(PRODUCTION_ARGS)} with {SERVER_ENV}.",
    ]
    return {"targets": targets, "derived": derived, "failures": failures, "notes": notes}
