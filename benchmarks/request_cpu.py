"""CPU per request of the fixed path every page pays (hooks, session, headers, middleware),
in one process, against the bare hello-world (benchmarks.hello_app): the WSGI callables are
called directly, no test client, no server, rounds interleaved so load moves both alike.

    INSTANCE_PATH=<folder with a migrated, seeded consulta.sqlite3> \
        python -m benchmarks.request_cpu [--runs 2000] [--rounds 3] [--profile /es/] \
        [--headers <file>]

Targets: the health check, both landing pages and both blank comment forms, first visits (no
cookie), and the Spanish form again with the session cookie its first visit was given.
`--headers` writes every target's status and response headers (dates and cookie values
masked) for a before/after diff; `--profile <path>` prints cProfile's top functions for one.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import time
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.test import EnvironBuilder

ACCEPT = "es-MX,es;q=0.9,en;q=0.5"


def _call(app: Callable[..., Iterable[bytes]], environ: dict[str, Any]) -> tuple[str, list]:
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list, exc_info: Any = None) -> None:
        answer.update(status=status, headers=headers)

    body = app(environ, start_response)
    try:
        b"".join(body)
    finally:
        close = getattr(body, "close", None)
        if close:
            close()
    return answer["status"], answer["headers"]


def _environ(path: str, cookie: str | None) -> dict[str, Any]:
    headers = {"Accept-Language": ACCEPT, **({"Cookie": cookie} if cookie else {})}
    return EnvironBuilder(path=path, headers=headers, base_url="http://localhost").get_environ()


def _cpu_ms(app: Any, path: str, cookie: str | None, runs: int) -> float:
    environs = [_environ(path, cookie) for _ in range(runs)]  # built outside the timing
    began = time.process_time()
    for environ in environs:
        _call(app, environ)
    return (time.process_time() - began) * 1000 / runs


def _masked(headers: list) -> list[str]:
    masked = []
    for name, value in headers:
        if name.lower() == "set-cookie":
            value = re.sub(r"=[^;]*", "=…", value, count=1)
        if name.lower() in ("date", "expires", "last-modified", "etag"):
            value = "…"
        masked.append(f"{name}: {value}")
    return masked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", default=None)
    parser.add_argument("--headers", default=None)
    args = parser.parse_args(argv)

    from sqlalchemy import select

    from app import create_app
    from app.db import db
    from app.taxonomy.models import Consultation
    from benchmarks.hello_app import app as hello

    app = create_app()
    with app.app_context():
        slug = db.session.scalars(select(Consultation.slug).order_by(Consultation.id)).first()
    form = f"/es/c/{slug}/submit"
    _, first = _call(app, _environ(form, None))
    cookie = next(v.split(";", 1)[0] for k, v in first if k.lower() == "set-cookie")
    targets: dict[str, tuple[Any, str, str | None]] = {
        "hello-world": (hello, "/", None),
        "/healthz": (app, "/healthz", None),
        "/en/": (app, "/en/", None),
        "/es/": (app, "/es/", None),
        "form /en/": (app, f"/en/c/{slug}/submit", None),
        "form /es/": (app, form, None),
        "form /es/ + cookie": (app, form, cookie),
    }
    for target, path, jar in targets.values():  # warm up: kept pages, caches
        for _ in range(20):
            _call(target, _environ(path, jar))
    if args.headers:
        with open(args.headers, "w", encoding="utf-8") as out:
            for name, (target, path, jar) in targets.items():
                status, headers = _call(target, _environ(path, jar))
                out.write("\n".join([f"== {name} {status}", *_masked(headers)]) + "\n")
    if args.profile:
        profiler = cProfile.Profile()
        environs = [_environ(args.profile, None) for _ in range(args.runs)]
        profiler.enable()
        for environ in environs:
            _call(app, environ)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(50)
        return 0
    spent: dict[str, list[float]] = {name: [] for name in targets}
    for _ in range(args.rounds):
        for name, (target, path, jar) in targets.items():
            spent[name].append(_cpu_ms(target, path, jar, args.runs))
    hello_ms = min(spent["hello-world"])
    print(f"{'target':22} {'CPU ms/request (min, rounds)':>40} {'× hello':>8}")
    for name, runs in spent.items():
        rounds = ", ".join(f"{ms:.3f}" for ms in runs)
        print(f"{name:22} {min(runs):8.3f} ({rounds}) {min(runs) / hello_ms:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
