"""Open data: `flask opendata publish` over many published comments, beside a bare writer of
the same rows, and memory along the way.

The scenario fills its fresh database as the exports scenario does (its `fill`: ROWS
approved submissions, 70 % named and 30 % anonymous; 1,000,000, or 5,000 with --quick, or
BENCH_OPENDATA_COUNT when set), then
runs each measurement in a subprocess of its own (``python -m benchmarks.scenarios.opendata
worker MODE``):

- ``build``: `app.opendata.services.publish` exactly as the command runs it: one streamed
  pass writing NDJSON.gz and CSV (neutralised cells, BOM), then the SHA-256 of both files and
  the manifest.
- ``bare``: the same records (`app.opendata.queries.record_partitions`: the same query and
  look-ups) written by ``csv.writer`` and ``json.dumps`` to two plain files: no gzip, no
  neutralising, no checksums. The goal is ``build_over_bare`` below 2.
- ``bare_gz``: as ``bare`` with the NDJSON through gzip at the build's level: how much of the
  ratio is compression.

The full run measures each mode in its own process; --quick measures the three in one (the
memory figures are then cumulative) to stay within a CI smoke's budget.

Each worker reports seconds and its resident memory (VmRSS) after a quarter, half, three
quarters and all of the rows, and its peak: flat figures mean the rows are not held.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.context import Context
from benchmarks.scenarios.exports import _rss_mb, fill

NAME = "opendata"
ORDER = 45
FULL_ROWS = 1_000_000
QUICK_ROWS = 5_000
GOAL_BUILD_OVER_BARE = 2.0
MODES = ("bare", "bare_gz", "build")
WORKER_TIMEOUT_S = 3600


def worker(modes: str, rows: int, out_dir: Path) -> list[dict[str, Any]]:
    from app import create_app

    app = create_app({"OPEN_DATA_DIR": str(out_dir / "open-data")})
    return [_measure(app, mode, rows, out_dir) for mode in modes.split(",")]


def _measure(app: Any, mode: str, rows: int, out_dir: Path) -> dict[str, Any]:
    from app.db import db
    from app.opendata import queries, services
    from app.opendata.schema import NAMES
    from app.taxonomy.models import Consultation

    checkpoints = [rows // 4, rows // 2, 3 * rows // 4]
    rss: list[float] = []
    written = 0

    def progress(count: int) -> None:
        nonlocal written
        written += count
        while checkpoints and written >= checkpoints[0]:
            checkpoints.pop(0)
            rss.append(_rss_mb())

    with app.app_context():
        consultation = db.session.scalars(db.select(Consultation).order_by(Consultation.id)).first()
        rss_start = _rss_mb()
        started = time.perf_counter()
        size = 0
        if mode == "build":
            manifest = services.publish(db.session, consultation, progress)
            size = sum(entry.bytes for entry in manifest.files.values())
        else:
            csv_path, json_path = out_dir / "bare.csv", out_dir / f"bare.ndjson.{mode}"
            opener: Any = open
            if mode == "bare_gz":

                def opener(path: Path, *args: Any, **kwargs: Any) -> Any:
                    return gzip.open(path, "wt", compresslevel=services.GZIP_LEVEL, **kwargs)

            with (
                csv_path.open("w", encoding="utf-8", newline="") as sheet,
                opener(json_path, "w", encoding="utf-8") as lines,
            ):
                writer = csv.writer(sheet)
                writer.writerow(NAMES)
                for batch in queries.record_partitions(db.session, consultation):
                    writer.writerows(batch)
                    for record in batch:
                        lines.write(json.dumps(dict(zip(NAMES, record, strict=True))) + "\n")
                    progress(len(batch))
            size = csv_path.stat().st_size + json_path.stat().st_size
            csv_path.unlink()
            json_path.unlink()
        seconds = time.perf_counter() - started
        rss.append(_rss_mb())
        db.session.rollback()
    return {
        "mode": mode,
        "rows": written,
        "seconds": round(seconds, 2),
        "rows_per_s": round(written / seconds) if seconds else None,
        "bytes": size,
        "rss_start_mb": rss_start,
        "rss_quarters_mb": rss,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _run_worker(ctx: Context, modes: list[str], rows: int) -> list[dict[str, Any]]:
    return ctx.worker(
        "benchmarks.scenarios.opendata", ",".join(modes), str(rows), timeout_s=WORKER_TIMEOUT_S
    )


def run(ctx: Context) -> dict[str, Any]:
    rows = QUICK_ROWS if ctx.quick else FULL_ROWS
    # A smaller (or larger) run where seeding a million rows would take too long; the README
    # says which count its figures come from.
    rows = int(os.environ.get("BENCH_OPENDATA_COUNT", rows))
    filled = fill(ctx.database_url, rows)
    figures: dict[str, Any] = {"fill": filled}
    failures = []
    # One process per measurement, so that one's memory cannot hide in another's; --quick
    # runs them in one (an app start costs more than the measurements at that size).
    groups = [list(MODES)] if ctx.quick else [[mode] for mode in MODES]
    for group in groups:
        for measured in _run_worker(ctx, group, rows):
            figures[measured["mode"]] = measured
    for mode in MODES:
        if figures[mode]["rows"] != rows:
            failures.append(f"{mode}: wrote {figures[mode]['rows']} rows, expected {rows}")
    ratio = figures["build"]["seconds"] / figures["bare"]["seconds"]
    derived = {
        "rows": rows,
        "build_rows_per_s": figures["build"]["rows_per_s"],
        "bare_rows_per_s": figures["bare"]["rows_per_s"],
        "build_over_bare": round(ratio, 2),
        "build_over_bare_gz": round(figures["build"]["seconds"] / figures["bare_gz"]["seconds"], 2),
        "build_rss_quarters_mb": " / ".join(str(v) for v in figures["build"]["rss_quarters_mb"]),
        "build_peak_rss_mb": figures["build"]["peak_rss_mb"],
        "bare_peak_rss_mb": figures["bare"]["peak_rss_mb"],
        "goal_met": "yes" if ratio <= GOAL_BUILD_OVER_BARE else "no",
    }
    return {
        "targets": {},
        "derived": derived,
        "opendata": figures,
        "failures": failures,
        "notes": [
            "build_over_bare = publish time / csv.writer + json.dumps time on the same records "
            "(goal <= 2); build_over_bare_gz compares with a bare writer that also gzips.",
            "rss_quarters_mb: worker VmRSS after 1/4, 1/2, 3/4 and all rows: flat = streaming.",
        ],
    }


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "worker":
    os.environ.setdefault("FLASK_RATELIMIT_ENABLED", "false")
    print(json.dumps(worker(sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]))))
