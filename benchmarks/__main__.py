"""Command line: run every registered scenario, print a table, write the figures as JSON.

    .venv/bin/python -m benchmarks [--quick] [--db sqlite|postgresql] [--out PATH] [--only NAME]

Exit status: 0 when every scenario passed, 1 when one failed (its figures are still written),
2 for bad arguments.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import platform
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks import scenarios
from benchmarks.context import Context, Settings, fresh_database
from benchmarks.server import ROOT

Scenario = Callable[[Context], dict[str, Any]]


def _discover() -> list[tuple[str, Scenario]]:
    """Every module in benchmarks/scenarios/ with NAME, ORDER and run(), in ORDER."""
    found = []
    for info in pkgutil.iter_modules(scenarios.__path__):
        module = importlib.import_module(f"{scenarios.__name__}.{info.name}")
        found.append((module.ORDER, module.NAME, module.run))
    return [(name, run) for _, name, run in sorted(found)]


# The registry, in run order. A new scenario is one module in benchmarks/scenarios/.
SCENARIOS: list[tuple[str, Scenario]] = _discover()

RESULTS_DIR = ROOT / "benchmarks" / "results"
SCHEMA_VERSION = 1


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    names = [name for name, _ in SCENARIOS]
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--quick", action="store_true", help="short smoke run (CI): 0.5 s warm-up, 2 s load"
    )
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="JSON file to write (default: benchmarks/results/<UTC timestamp>.json)",
    )
    parser.add_argument(
        "--only", action="append", choices=names, metavar="NAME", help=f"run only {names}"
    )
    return parser.parse_args(argv)


def _git(*args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        )
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def environment() -> dict[str, Any]:
    """Enough about the machine and code to tell whether two result files are comparable."""
    versions = {}
    for package in ("flask", "werkzeug", "gunicorn", "sqlalchemy", "psycopg"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    status = _git("status", "--porcelain", "--untracked-files=no")
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        # A busy machine explains an odd run; the load average is the cheap tell (main()
        # adds the value at the end of the run beside this one, taken at the start).
        "loadavg_1m": round(os.getloadavg()[0], 2),
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": None if status is None else bool(status),
        "packages": versions,
    }


def run_scenario(
    name: str, scenario: Scenario, args: argparse.Namespace, settings: Settings, log_dir: Path
) -> dict[str, Any]:
    """Run one scenario on its own fresh database; never raises for a scenario's failure."""
    started = time.monotonic()
    outcome: dict[str, Any] = {"ok": False, "targets": {}, "derived": {}, "failures": []}
    try:
        with fresh_database(args.db) as database:
            ctx = Context(
                quick=args.quick, db=args.db, database=database, settings=settings, log_dir=log_dir
            )
            outcome.update(scenario(ctx))
    except Exception as exc:
        traceback.print_exc()
        outcome["failures"] = [*outcome["failures"], f"{type(exc).__name__}: {exc}"]
    outcome["ok"] = not outcome["failures"]
    if not outcome["ok"]:
        # The logs live in a temporary folder; show their ends while they still exist.
        for log in sorted(log_dir.glob("*.log")):
            tail = log.read_text(errors="replace").splitlines()[-30:]
            if tail:
                print(f"--- {log.name} (last lines)", *tail, sep="\n", file=sys.stderr)
    outcome["elapsed_s"] = round(time.monotonic() - started, 1)
    return outcome


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def format_table(results: dict[str, dict[str, Any]]) -> str:
    header = ("scenario", "target", "req/s", "p50 ms", "p99 ms", "requests", "unexpected", "RSS MB")
    rows: list[tuple[str, ...]] = []
    notes: list[str] = []
    for name, outcome in results.items():
        for target, fig in outcome.get("targets", {}).items():
            rows.append(
                (
                    name,
                    target,
                    _fmt(fig.get("requests_per_s")),
                    _fmt(fig.get("p50_ms"), 2),
                    _fmt(fig.get("p99_ms"), 2),
                    _fmt(fig.get("requests")),
                    # Answers other than the target's expected one (2xx for a plain page,
                    # 303 -> receipt for a submission), transport errors included.
                    _fmt(fig.get("unexpected", fig.get("non_2xx"))),
                    _fmt(fig.get("peak_rss_mb")),
                )
            )
        for key, value in outcome.get("derived", {}).items():
            notes.append(f"{name}: {key} = {_fmt(value, 3)}")
        notes.extend(f"{name}: note: {note}" for note in outcome.get("notes", []))
        notes.append(f"{name}: {'ok' if outcome['ok'] else 'FAILED'} in {outcome['elapsed_s']} s")
        notes.extend(f"{name}: FAILURE {message}" for message in outcome.get("failures", []))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        # Names left-aligned, figures right-aligned so digits line up.
        cells = [
            cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ]
        return "  ".join(cells).rstrip()

    out = [line(header), line(["-" * w for w in widths]), *map(line, rows), "", *notes]
    return "\n".join(out)


def _terminate(signum: int, frame: object) -> None:
    # Turn SIGTERM into SystemExit so `with` blocks stop gunicorn and drop the database.
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    settings = Settings.for_mode(args.quick)
    started_at = datetime.now(UTC)
    out_path: Path = args.out or RESULTS_DIR / f"{started_at:%Y%m%dT%H%M%SZ}.json"
    selected = [(n, s) for n, s in SCENARIOS if not args.only or n in args.only]

    print(
        f"benchmarks: {'quick' if args.quick else 'full'} run on {args.db}, "
        f"{len(selected)} scenario(s), {settings.connections} connections, "
        f"{settings.workers} gunicorn sync workers, "
        f"{settings.warmup_s:g} s warm-up + {settings.duration_s:g} s load per target",
        flush=True,
    )
    env_info = environment()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="consulta-bench-logs-") as log_dir:
        for name, scenario in selected:
            print(f"  {name} …", flush=True)
            scenario_logs = Path(log_dir, name)
            scenario_logs.mkdir()
            results[name] = run_scenario(name, scenario, args, settings, scenario_logs)

    report = {
        "schema": SCHEMA_VERSION,
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "full",
        "db": args.db,
        "settings": {
            "workers": settings.workers,
            "worker_class": "sync",
            "connections": settings.connections,
            "client_processes": settings.client_processes,
            "warmup_s": settings.warmup_s,
            "duration_s": settings.duration_s,
        },
        "environment": {**env_info, "loadavg_1m_end": round(os.getloadavg()[0], 2)},
        "scenarios": results,
        "ok": all(outcome["ok"] for outcome in results.values()),
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    print()
    print(format_table(results))
    print(f"\nwrote {out_path}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
