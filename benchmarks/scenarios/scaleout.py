"""Scale-out: the intake pair flow against one app server, then against two independent ones.

Two gunicorn masters on two ports (as two machines would be, each with the benchmark's
worker count) share the scenario's database and one Redis database; the client spreads its
connections evenly over them, as a load balancer would. Reported: pairs/s and POST p50/p99
for one server and for two, and their ratio. On one small machine both servers share the same
cores, so the ratio shows what the shared database and locks allow, not what a second machine
would add. Every answer must be a form or a receipt (that the rate limit and idempotency hold
across servers is tests/reliability/test_scale_out.py).
"""

from __future__ import annotations

import secrets
from typing import Any

from benchmarks.context import APP_MODULE, Context
from benchmarks.loadgen import run_flow
from benchmarks.scenarios.intake import FORM_PATH, SERVER_ENV, PairFlow, check_flow

NAME = "scaleout"
ORDER = 75
REDIS_URL = "redis://127.0.0.1:6379/14"


def _redis_url() -> str | None:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception:
        return None
    return REDIS_URL


def run(ctx: Context) -> dict[str, Any]:
    marker = f"bench-{secrets.token_hex(4)}"
    redis_url = _redis_url()
    env = {**SERVER_ENV, **({"REDIS_URL": redis_url} if redis_url else {})}
    targets: dict[str, Any] = {}
    failures: list[str] = []
    for count in (1, 2):
        servers = [ctx.serve(APP_MODULE, ready_path=FORM_PATH, env=env) for _ in range(count)]
        for server in servers:
            server.start()
        try:
            result = run_flow(
                servers[0].port,
                PairFlow(f"{marker} servers{count}"),
                duration_s=ctx.settings.duration_s,
                warmup_s=ctx.settings.warmup_s,
                connections=ctx.settings.connections,
                processes=ctx.settings.client_processes,
                more_ports=tuple(server.port for server in servers[1:]),
            )
        finally:
            for server in servers:
                server.stop()
        label = f"{count} server{'s' if count > 1 else ''}"
        figures = dict(result.requests.get("submit", {}))
        figures.update(pairs_per_s=result.events_per_s.get("pair", 0.0), servers=count)
        targets[label] = figures
        failures += check_flow(label, result, ("form", "submit"))
    one, two = targets["1 server"]["pairs_per_s"], targets["2 servers"]["pairs_per_s"]
    derived = {
        "one_server_pairs_per_s": one,
        "two_servers_pairs_per_s": two,
        "two_over_one": round(two / one, 3) if one else None,
        "shared_redis": bool(redis_url),
    }
    notes = [
        f"each server: gunicorn with {ctx.settings.workers} sync workers; two servers share "
        "the database" + (" and Redis db 14" if redis_url else " (no Redis found)") + "."
    ]
    return {"targets": targets, "derived": derived, "failures": failures, "notes": notes}
