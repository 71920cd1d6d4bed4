"""Exports: rows per second of the CSV, NDJSON and XLSX exports over many approved submissions,
beside the bare `csv` module writing the same rows, and memory along the way.

The scenario fills its fresh database with ROWS approved, consented submissions (1,000,000;
5,000 with --quick) by bulk Core inserts, with topics, some attachments and some campaigns,
then runs each measurement in a subprocess of its own (``python -m
benchmarks.scenarios.exports worker MODE``) so that one run's memory cannot hide in another's:

- ``csv``, ``ndjson``, ``xlsx``: the export exactly as ``flask export`` writes it
  (`app.exports.queries.record_batches` → `app.exports.formats.write_export`), public
  audience, to a file. XLSX runs on the first XLSX_ROWS rows only (it is much slower).
- ``bare_records``: the same records, fetched the same way (same batches, same lookups), written
  by ``csv.writer`` with nothing else: no BOM, no neutralising, no list joining. The goal
  is ``csv_over_bare`` (time of csv / time of bare) below 2.
- ``bare_raw``: only the main keyset query's rows written by ``csv.writer``: the floor, no
  topics, attachments or campaign look-ups.

Each worker reports rows, seconds and its resident memory (VmRSS) when a quarter, half,
three quarters and all of the rows are written, plus its peak (VmHWM): flat figures mean the
export does not hold the rows. Timing starts after the app is created.
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.context import Context

NAME = "exports"
ORDER = 40
FULL_ROWS = 1_000_000
QUICK_ROWS = 5_000
XLSX_FULL_ROWS = 100_000
INSERT_BATCH = 10_000
GOAL_CSV_OVER_BARE = 2.0
MODES = ("bare_raw", "bare_records", "csv", "ndjson", "xlsx")
WORKER_TIMEOUT_S = 3600


# --- filling the database -----------------------------------------------------------------------

BODY = (
    "Proponemos fortalecer la cadena de suministro de semiconductores entre Nuevo León y "
    "Texas, con formación técnica dual, inspección de carga más ágil en los cruces "
    "fronterizos y financiamiento para pequeñas y medianas empresas. Año con año la demanda "
    "crece; ¿cómo sostenerla? Con inversión pública y privada coordinada. Comentario número {n}."
)


def fill(database_url: str, rows: int) -> dict[str, Any]:
    """Insert `rows` approved submissions (plus topics, attachments, campaigns) with Core
    executemany batches; return how long it took."""
    from sqlalchemy import create_engine, func, insert, select, text

    from app.enums import Consent, Language, SubmissionStatus
    from app.models import Attachment, Campaign, Consultation, Pillar, Sector, Submission, Topic
    from app.models import submission_topics as links

    engine = create_engine(database_url)
    started = time.monotonic()
    rng = random.Random(20261128)  # noqa: S311  (test data, not secrets)
    with engine.begin() as conn:
        consultation_id = conn.scalar(select(Consultation.id).order_by(Consultation.id))
        sectors = list(conn.scalars(select(Sector.id)))
        pillars = list(conn.scalars(select(Pillar.id)))
        topics = list(conn.scalars(select(Topic.id)))
        regions = ["MX-NLE", "MX-CMX", "MX-JAL", "US-TX", "US-CA", "US-AZ"]
        campaign_ids = []
        for _n in range(100):
            campaign_ids.append(conn.execute(insert(Campaign)).inserted_primary_key[0])
    start = datetime(2026, 1, 1, tzinfo=UTC)
    consents = [Consent.NAMED] * 7 + [Consent.ANONYMOUS] * 3
    for first in range(1, rows + 1, INSERT_BATCH):
        batch, topic_links, attachments = [], [], []
        for n in range(first, min(first + INSERT_BATCH, rows + 1)):
            region = regions[n % len(regions)]
            hostile = n % 1000 == 0
            primary = pillars[n % len(pillars)]
            batch.append(
                {
                    "id": n,
                    "tracking_code": f"HLED-{n:09d}",
                    "consultation_id": consultation_id,
                    "sector_id": sectors[n % len(sectors)],
                    "organization": "=cmd|' /C calc'!A0" if hostile else f"Organización {n % 977}",
                    "submitter_name": f"Persona Número {n}",
                    "email": f"persona{n}@example.org",
                    "country_code": region[:2],
                    "region_code": region,
                    "primary_pillar_id": primary,
                    "secondary_pillar_id": None if n % 3 else pillars[(n + 1) % len(pillars)],
                    "title": f"Propuesta {n}: educación técnica y semiconductores",
                    "body": BODY.format(n=n),
                    "page_language": Language.ES if n % 4 else Language.EN,
                    "detected_language": "es" if n % 4 else "en",
                    "consent": consents[n % len(consents)],
                    "status": SubmissionStatus.APPROVED,
                    "campaign_id": campaign_ids[n % 100] if n % 50 == 0 else None,
                    "campaign_excluded": False,
                    "created_at": start + timedelta(seconds=n * 7),
                    "updated_at": start + timedelta(seconds=n * 7),
                    "decided_at": start + timedelta(seconds=n * 7 + 3600),
                    "version": 1,
                }
            )
            for topic in rng.sample(topics, 1 + n % 2):
                topic_links.append({"submission_id": n, "topic_id": topic})
            if n % 100 == 0:
                attachments.append(
                    {"submission_id": n, "original_name": "propuesta.pdf",
                     "content_type": "application/pdf", "size_bytes": 1024,
                     "sha256": f"{n:064x}", "storage_key": f"{n:064x}",
                     "created_at": start}
                )  # fmt: skip
        with engine.begin() as conn:
            conn.execute(insert(Submission), batch)
            conn.execute(insert(links), topic_links)
            if attachments:
                conn.execute(insert(Attachment), attachments)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
        count = conn.scalar(select(func.count()).select_from(Submission))
    engine.dispose()
    seconds = time.monotonic() - started
    return {"rows": count, "seconds": round(seconds, 1), "rows_per_s": round(count / seconds)}


# --- one measurement, in its own process ---------------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def worker(mode: str, limit: int, out_dir: Path) -> dict[str, Any]:
    from app import create_app
    from app.db import db
    from app.enums import SubmissionStatus
    from app.exports import queries
    from app.exports.formats import FORMATS, write_export
    from app.exports.schema import Audience
    from app.moderation.queries import QueueFilters

    app = create_app()
    filters = QueueFilters(status=SubmissionStatus.APPROVED)
    audience = Audience.PUBLIC
    path = out_dir / f"{mode}.out"
    checkpoints = [limit // 4, limit // 2, 3 * limit // 4]
    rss: list[float] = []
    written = 0

    def counted(batches: Iterator[list[Any]]) -> Iterator[list[Any]]:
        nonlocal written
        for batch in batches:
            if written + len(batch) > limit:
                batch = batch[: limit - written]
            yield batch
            written += len(batch)
            while checkpoints and written >= checkpoints[0]:
                checkpoints.pop(0)
                rss.append(_rss_mb())
            if written >= limit:
                return

    with app.app_context():
        rss_start = _rss_mb()
        started = time.perf_counter()
        if mode in ("bare_raw", "bare_records"):
            fetch = queries.raw_batches if mode == "bare_raw" else queries.record_batches
            with path.open("w", encoding="utf-8", newline="") as text_target:
                writer = csv.writer(text_target)
                for batch in counted(fetch(db.session, filters, audience)):
                    writer.writerows(batch)
        else:
            with path.open("wb") as target:
                batches = counted(queries.record_batches(db.session, filters, audience))
                write_export(FORMATS[mode], batches, audience, target)
        seconds = time.perf_counter() - started
        rss.append(_rss_mb())
        db.session.rollback()
    size = path.stat().st_size
    path.unlink()
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


def _run_worker(ctx: Context, mode: str, limit: int) -> dict[str, Any]:
    return ctx.worker("benchmarks.scenarios.exports", mode, str(limit), timeout_s=WORKER_TIMEOUT_S)


def run(ctx: Context) -> dict[str, Any]:
    rows = QUICK_ROWS if ctx.quick else FULL_ROWS
    xlsx_rows = rows if ctx.quick else XLSX_FULL_ROWS
    filled = fill(ctx.database_url, rows)
    figures = {"fill": filled}
    failures = []
    for mode in MODES:
        figures[mode] = _run_worker(ctx, mode, xlsx_rows if mode == "xlsx" else rows)
        expected = xlsx_rows if mode == "xlsx" else rows
        if figures[mode]["rows"] != expected:
            failures.append(f"{mode}: wrote {figures[mode]['rows']} rows, expected {expected}")
    csv_over_bare = figures["csv"]["seconds"] / figures["bare_records"]["seconds"]
    derived = {
        "rows": rows,
        "fill_rows_per_s": filled["rows_per_s"],
        "csv_rows_per_s": figures["csv"]["rows_per_s"],
        "bare_csv_rows_per_s": figures["bare_records"]["rows_per_s"],
        "bare_raw_rows_per_s": figures["bare_raw"]["rows_per_s"],
        "csv_over_bare": round(csv_over_bare, 2),
        "csv_over_bare_raw": round(figures["csv"]["seconds"] / figures["bare_raw"]["seconds"], 2),
        "ndjson_rows_per_s": figures["ndjson"]["rows_per_s"],
        "xlsx_rows": xlsx_rows,
        "xlsx_rows_per_s": figures["xlsx"]["rows_per_s"],
        "csv_rss_quarters_mb": " / ".join(str(v) for v in figures["csv"]["rss_quarters_mb"]),
        "ndjson_rss_quarters_mb": " / ".join(str(v) for v in figures["ndjson"]["rss_quarters_mb"]),
        "xlsx_rss_quarters_mb": " / ".join(str(v) for v in figures["xlsx"]["rss_quarters_mb"]),
        "csv_peak_rss_mb": figures["csv"]["peak_rss_mb"],
        "goal_met": "yes" if csv_over_bare <= GOAL_CSV_OVER_BARE else "no",
    }
    return {
        "targets": {},
        "derived": derived,
        "exports": figures,
        "failures": failures,
        "notes": [
            "csv_over_bare = export time / csv.writer time on the same records (goal <= 2); "
            "csv_over_bare_raw compares with the main query alone (no topic, attachment or "
            "campaign look-ups).",
            "rss_quarters_mb: worker VmRSS after 1/4, 1/2, 3/4 and all rows: flat = streaming.",
        ],
    }


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "worker":
    os.environ.setdefault("FLASK_RATELIMIT_ENABLED", "false")
    print(json.dumps(worker(sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]))))
