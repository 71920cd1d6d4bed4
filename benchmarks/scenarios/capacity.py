"""Capacity: nobody is refused while the clients fit the server.

Four and then eight clients each GET the comment form and POST it (the intake scenario's pair
flow) against two servers, one after the other:

- ``make-run``: what `make run` starts, gunicorn with 3 sync workers;
- ``production``: the README's production command, 4 workers ``--worker-class gthread
  --threads 8 --worker-connections 64 --backlog 512``, with the default load shedding
  (MAX_REQUESTS_IN_FLIGHT, SHED_PAGE_WAIT_MS, SHED_POST_WAIT_MS in app/config.py).

Eight clients are within both servers' worker slots (3 and 32), so the requirement is zero
503s (and nothing but forms and receipts); any other answer fails the scenario. Figures per
run: pairs per second, POST p50/p99, and the answers' status counts.
"""

from __future__ import annotations

import secrets
from typing import Any

from benchmarks.context import APP_MODULE, Context
from benchmarks.loadgen import run_flow
from benchmarks.scenarios.intake import FORM_PATH, SERVER_ENV, PairFlow, answers_over_run
from benchmarks.scenarios.surge import PRODUCTION_ARGS, TunedServer

NAME = "capacity"
ORDER = 65
CLIENTS = (4, 8)
SERVERS: dict[str, tuple[int, tuple[str, ...]]] = {
    "make-run": (3, ()),
    "production": (4, PRODUCTION_ARGS),
}


def run(ctx: Context) -> dict[str, Any]:
    marker = f"bench-{secrets.token_hex(4)}"
    targets: dict[str, Any] = {}
    derived: dict[str, Any] = {}
    failures: list[str] = []
    for name, (workers, extra_args) in SERVERS.items():
        server = TunedServer(
            APP_MODULE,
            ctx.env(SERVER_ENV),
            workers=workers,
            ready_path=FORM_PATH,
            log_path=ctx.log_dir / f"gunicorn-capacity-{name}.log",
            extra_args=extra_args,
        )
        with server, server.rss_sampler() as memory:
            for clients in CLIENTS:
                result = run_flow(
                    server.port,
                    PairFlow(f"{marker} {name}-{clients}"),
                    duration_s=ctx.settings.duration_s,
                    warmup_s=ctx.settings.warmup_s,
                    connections=clients,
                    processes=min(clients, ctx.settings.client_processes),
                )
                label = f"{name}:{clients} clients"
                submit = dict(result.requests.get("submit", {}))
                statuses: dict[str, int] = {}
                for request in ("form", "submit"):
                    for status, n in answers_over_run(result, request).items():
                        statuses[f"{request} {status}"] = n
                refused = sum(n for key, n in statuses.items() if key.endswith(" 503"))
                others = sum(
                    n for key, n in statuses.items() if not key.endswith((" 200", " 303", " 503"))
                )
                submit.update(
                    workers=workers,
                    server=" ".join(extra_args) or "sync workers",
                    clients=clients,
                    pairs_per_s=result.events_per_s.get("pair", 0.0),
                    refused_503=refused,
                    status_counts=statuses,
                    unexpected=refused + others,
                    peak_rss_mb=memory.peak_rss_mb,
                )
                targets[label] = submit
                derived[f"{name}_{clients}_pairs_per_s"] = submit["pairs_per_s"]
                derived[f"{name}_{clients}_503"] = refused
                if refused or others:
                    failures.append(f"{label}: {refused} x 503, {others} other answers {statuses}")
    notes = [
        "each client: GET the form, POST it (a new comment each time), back to back; "
        f"clients {CLIENTS} are within every server's worker slots: 503s must be zero.",
        f"production server: gunicorn {' '.join(PRODUCTION_ARGS)} with the default shedding.",
    ]
    return {"targets": targets, "derived": derived, "failures": failures, "notes": notes}
