"""The public record with a million published comments (issue 20, point 8): the public list
`/<lang>/c/<slug>/comments` (first page, filtered by pillar + state + language, an
accent-insensitive search, a deep keyset page) and the API list
`/api/v1/consultations/<slug>/comments` (first page, a deep cursor page), each as p50/p95
milliseconds for the whole request through the Flask test client, beside the bare SQL that
fetches the same page (`app.public.queries.conditions`, the same ORDER BY and LIMIT) and the
page's counts per pillar (the list shows them; the API does not).

Seeding is Core bulk inserts, as the queue scenario's (COPY on PostgreSQL, the driver's
executemany on SQLite): every comment approved and consented (70 % named, 30 % anonymous),
1 % with a moderator's redacted title and text, one or two topics of its main pillar, 30 %
with a second pillar, every 50th in one of 100 campaigns (the list shows a campaign once), with
`search_text` filled the way the application fills it (app.text.search_text_for); SQLite's
FTS5 table, PostgreSQL's generated `search_vector` and the queue tallies are kept by the
database, so seeding pays for them. The measuring runs in a child process (``python -m
benchmarks.scenarios.public``) against the scenario's own database; on PostgreSQL the
EXPLAIN ANALYZE of each bare query goes to the log directory.

Yardstick: a textbook page (benchmarks/textbook/listing.py: Flask, Jinja, SQLAlchemy) renders
the same 50 rows from the same query through the same kind of test client in the same run; for
the API a textbook JSON list (jsonify of the same rows). Goal: every request's p95 within 2x
the textbook's p95 on both engines, reported as ``goal_met``, not enforced.

``--profile TARGET`` (child only) runs that target's request under cProfile and prints the
functions with the most cumulative time: where the time goes beyond the textbook page.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import subprocess
import sys
import time
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from benchmarks.context import Context
from benchmarks.scenarios.queue import (
    FILTER_STATE,
    SEARCH,
    WORDS_EN,
    WORDS_ES,
    _percentiles,
    _places,
    _text,
    _time,
)
from benchmarks.server import ROOT

NAME = "public"
ORDER = 32
FULL_COUNT = 1_000_000
# CI runs every quick scenario on SQLite: a few thousand rows keep this one well under 40 s.
QUICK_COUNT = 3_000
FULL_RUNS = 50
QUICK_RUNS = 10
BATCH = 25_000
GOAL_OVER_TEXTBOOK = 2.0
SEED = 20
CAMPAIGNS = 100
CAMPAIGN_EVERY = 50  # every 50th comment belongs to one of the campaigns
REDACTED_EVERY = 100  # 1 % carry a moderator's public version


def run(ctx: Context) -> dict[str, Any]:
    count = QUICK_COUNT if ctx.quick else FULL_COUNT
    # A smaller full run where seeding a million rows would take too long (README says which).
    count = int(os.environ.get("BENCH_PUBLIC_COUNT", count))
    runs = QUICK_RUNS if ctx.quick else FULL_RUNS
    plans = ctx.log_dir / f"public-plans-{ctx.db}.txt"
    args = [sys.executable, "-m", "benchmarks.scenarios.public", "--count", str(count),
            "--runs", str(runs), "--plans", str(plans)]  # fmt: skip
    result = subprocess.run(
        args, cwd=ROOT, env=ctx.env(), capture_output=True, text=True, timeout=3600, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"public measurement failed:\n{result.stdout}{result.stderr}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    failures = []
    for name, target in figures["targets"].items():
        if target["rows"] == 0:
            failures.append(f"{name}: the page's query found no rows")
    worst_ratio = max(target["p95_over_textbook"] for target in figures["targets"].values())
    figures["goal_p95_over_textbook"] = GOAL_OVER_TEXTBOOK
    figures["worst_p95_over_textbook"] = worst_ratio
    figures["goal_met"] = worst_ratio <= GOAL_OVER_TEXTBOOK
    figures["derived"] = {
        f"{name}_p95_over_textbook": target["p95_over_textbook"]
        for name, target in figures["targets"].items()
    }
    figures["derived"]["goal_met"] = "yes" if figures["goal_met"] else "no"
    figures["failures"] = failures
    figures["plans_file"] = str(plans)
    return figures


# --- the child process ----------------------------------------------------------------------


def _write(session: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    """Bulk-insert `rows` into `table`: COPY on PostgreSQL, the driver's executemany on SQLite
    with values already in their stored form (as the queue scenario does)."""
    columns = list(rows[0])
    raw = session.connection().connection.driver_connection
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[column] for column in columns])
        return
    processors = [table.c[name].type.bind_processor(dialect) for name in columns]
    values = [
        tuple(
            process(row[name]) if process else row[name]
            for name, process in zip(columns, processors, strict=True)
        )
        for row in rows
    ]
    placeholders = ", ".join("?" for _ in columns)
    raw.executemany(
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({placeholders})",  # noqa: S608
        values,
    )


def seed(count: int) -> dict[str, Any]:
    """Insert `count` published comments, oldest first, with their topics and campaigns."""
    from sqlalchemy import func, insert, select

    from app.db import db, utcnow
    from app.enums import Consent, SubmissionStatus
    from app.intake.tracking import new_public_id
    from app.models import Campaign, Consultation, Pillar, Sector, Submission, Topic
    from app.models import submission_topics as links
    from app.text import search_text_for

    rng = random.Random(SEED)  # noqa: S311  (test data, not secrets)
    session = db.session
    consultation_id = session.scalar(select(Consultation.id).order_by(Consultation.id))
    pillars = list(session.scalars(select(Pillar.id).order_by(Pillar.position)))
    sectors = list(session.scalars(select(Sector.id).order_by(Sector.position)))
    topics_of: dict[int, list[int]] = {pillar: [] for pillar in pillars}
    for topic_id, pillar_id in session.execute(select(Topic.id, Topic.pillar_id)).tuples():
        topics_of.setdefault(pillar_id, []).append(topic_id)
    campaign_ids = [
        session.execute(
            insert(Campaign).values(member_count=count // CAMPAIGN_EVERY // CAMPAIGNS)
        ).inserted_primary_key[0]
        for _ in range(CAMPAIGNS)
    ]
    first_id = (session.scalar(select(func.max(Submission.id))) or 0) + 1
    session.commit()
    start = utcnow() - timedelta(days=90)
    step = 90 * 86400 / count
    postgres = session.get_bind().dialect.name == "postgresql"
    if not postgres:
        # Room for the indexes being filled (the default cache is 2 MB); this connection only.
        session.execute(db.text("PRAGMA cache_size = -262144"))
    began = time.perf_counter()
    places = _places(session)
    # A few thousand distinct texts, normalised once, shared out over the rows (as the queue's).
    texts = []
    for variant in range(4000):
        spanish = variant % 10 < 7
        words = WORDS_ES if spanish else WORDS_EN
        title = _text(rng, words, 5).capitalize()
        body = _text(rng, words, 40)
        if variant % 100 == 0:
            body += " educación técnica" if spanish else " education"
        organization = f"Organización {rng.randrange(500)}" if variant % 2 else None
        language = "es" if spanish else "en"
        texts.append((title, body, organization, language,
                      search_text_for(title, body, organization)))  # fmt: skip
    consents = [Consent.NAMED] * 7 + [Consent.ANONYMOUS] * 3
    table = Submission.__table__
    link_rows = 0
    for offset in range(0, count, BATCH):
        rows, topic_rows = [], []
        for index in range(offset, min(offset + BATCH, count)):
            sid = first_id + index
            title, body, organization, language, search_text = rng.choice(texts)
            country, region = rng.choice(places)
            primary = rng.choice(pillars)
            secondary = rng.choice([p for p in pillars if p != primary]) if index % 10 < 3 else None
            created = start + timedelta(seconds=index * step)
            redacted = index % REDACTED_EVERY == 7
            rows.append({
                "id": sid, "tracking_code": f"P-{index:08d}", "public_id": new_public_id(),
                "consultation_id": consultation_id, "sector_id": rng.choice(sectors),
                "organization": organization, "submitter_name": "Ana López",
                "email": None, "country_code": country, "region_code": region,
                "primary_pillar_id": primary, "secondary_pillar_id": secondary,
                "title": title, "body": body,
                "public_title": "[redactado] " + title if redacted else None,
                "public_body": "[redactado] " + body[:120] if redacted else None,
                "page_language": language, "detected_language": language,
                "consent": consents[index % len(consents)],
                "status": SubmissionStatus.APPROVED,
                "campaign_id": (campaign_ids[index // CAMPAIGN_EVERY % CAMPAIGNS]
                                if index % CAMPAIGN_EVERY == 0 else None),
                "campaign_excluded": False, "search_text": search_text,
                "created_at": created, "updated_at": created,
                "decided_at": created + timedelta(hours=1), "version": 1,
            })  # fmt: skip
            choices = topics_of.get(primary) or []
            for topic in rng.sample(choices, min(len(choices), 1 + index % 2)):
                topic_rows.append({"submission_id": sid, "topic_id": topic})
        _write(session, table, rows)
        if topic_rows:
            _write(session, links, topic_rows)
            link_rows += len(topic_rows)
        session.commit()
    if postgres:  # ids were given: move the sequence past them
        session.execute(
            db.text("SELECT setval(pg_get_serial_sequence('submissions', 'id'), :last)"),
            {"last": first_id + count},
        )
    seconds = time.perf_counter() - began
    session.execute(db.text("ANALYZE"))
    session.commit()
    if postgres:
        # A bulk load leaves the rows' hint bits and the visibility map unset, and autovacuum
        # would set them while the first targets are measured (the textbook, measured last,
        # never paid for it): a site's table has long been vacuumed.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as vacuum:
            vacuum.exec_driver_sql("VACUUM (ANALYZE) submissions, submission_topics")
    return {"rows": count, "topic_links": link_rows, "campaigns": CAMPAIGNS,
            "seconds": round(seconds, 1), "rows_per_s": round(count / seconds)}  # fmt: skip


def _targets(slug: str, pillar_code: str, cursor: str) -> dict[str, tuple[str, str]]:
    """name -> (kind, URL): kind "html" for the public list, "json" for the API."""
    page = f"/en/c/{slug}/comments"
    api = f"/api/v1/consultations/{slug}/comments"
    filtered = {"pillar": pillar_code, "state": FILTER_STATE, "language": "es"}
    return {
        "list_first_page": ("html", page),
        "list_filtered": ("html", page + "?" + urlencode(filtered)),
        "list_search": ("html", page + "?" + urlencode({"q": SEARCH})),
        "list_deep_page": ("html", page + "?" + urlencode({"after": cursor})),
        "api_first_page": ("json", api),
        "api_deep_page": ("json", api + "?" + urlencode({"after": cursor})),
    }


def _profile(client: Any, url: str, runs: int, limit: int = 35) -> str:
    """cProfile of `runs` requests to `url`, the `limit` costliest functions by cumulative
    time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(20)
    return out.getvalue()


def _where(consultation_id: int) -> tuple[str, dict[str, tuple[str, str]]]:
    """Where the scenario's targets point, read from the seeded database: (slug, pillar code,
    a cursor 90 % of the way down the newest-first list)."""
    from sqlalchemy import func, select

    from app.db import db
    from app.intake.models import Submission
    from app.moderation.filters import cursor_text
    from app.taxonomy.models import Consultation, Pillar

    slug = db.session.scalar(select(Consultation.slug).where(Consultation.id == consultation_id))
    pillar_code = db.session.scalar(select(Pillar.code).order_by(Pillar.position))
    count = db.session.scalar(select(func.count()).select_from(Submission))
    deep = db.session.execute(
        select(Submission.created_at, Submission.id)
        .order_by(Submission.created_at.desc(), Submission.id.desc())
        .offset(int(count * 0.9))
        .limit(1)
    ).one()
    return slug, _targets(slug, pillar_code, cursor_text((deep.created_at, deep.id)))


def bare_statement(consultation_id: int, url: str) -> tuple[Any, Any]:
    """The page's own query (app.public.queries.comments_page) in Core for `url`: its WHERE,
    the keyset condition, its ORDER BY and LIMIT; no relationship loads. With the filters read
    from the URL. Call inside a request context."""
    from flask import request
    from sqlalchemy import literal, select, tuple_

    from app.db import db
    from app.intake.models import Submission
    from app.public import queries
    from app.public.forms import read_filters

    table = Submission.__table__
    _form, filters = read_filters(request.args, url.partition("?")[2].encode())
    conditions = queries.conditions(db.session, consultation_id, filters)
    if filters.after:
        created, last_id = filters.after
        conditions += [
            table.c.created_at <= created,
            tuple_(table.c.created_at, table.c.id) < tuple_(literal(created), literal(last_id)),
        ]
    order = (table.c.created_at.desc(), table.c.id.desc())
    stmt = select(table).where(*conditions).order_by(*order).limit(queries.PAGE_SIZE + 1)
    return filters, stmt


def targets_and_statements(app: Any) -> tuple[dict[str, tuple[str, str]], dict[str, Any]]:
    """The targets on an already seeded database and each one's bare statement (what the
    textbook page runs): for benchmarks.public_cpu."""
    from sqlalchemy import select

    from app.db import db
    from app.taxonomy.models import Consultation

    with app.app_context():
        consultation_id = db.session.scalar(select(Consultation.id).order_by(Consultation.id))
        _slug, targets = _where(consultation_id)
        db.session.rollback()
    statements = {}
    for name, (_kind, url) in targets.items():
        with app.test_request_context(url):
            statements[name] = bare_statement(consultation_id, url)[1]
            db.session.rollback()
    return targets, statements


def measure(
    count: int, runs: int, plans_path: str | None, profile: list[str] | None = None
) -> dict[str, Any]:
    from sqlalchemy import select

    from app import create_app
    from app.db import db
    from app.public import queries
    from app.taxonomy.models import Consultation

    app = create_app({"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    result: dict[str, Any] = {"count": count, "runs": runs}
    with app.app_context():
        result["engine"] = db.engine.dialect.name
        result["seed"] = seed(count)
        consultation_id = db.session.scalar(select(Consultation.id).order_by(Consultation.id))
        _slug, targets = _where(consultation_id)
        db.session.rollback()
    client = app.test_client()
    plans: list[str] = []
    out: dict[str, Any] = {}
    statements: dict[str, Any] = {}
    for name, (kind, url) in targets.items():
        first = client.get(url)
        assert first.status_code == 200, (name, first.status_code, first.data[:300])
        request_ms = _time(lambda url=url: client.get(url), runs)
        with app.test_request_context(url):
            filters, stmt = bare_statement(consultation_id, url)
            statements[name] = stmt
            connection = db.session.connection()
            rows = len(connection.execute(stmt).all())
            bare_ms = _time(
                lambda stmt=stmt, connection=connection: connection.execute(stmt).all(), runs
            )
            counts = None
            if kind == "html":
                counts_ms = _time(
                    lambda f=filters: queries.pillar_counts(db.session, consultation_id, f), runs
                )
                counts = _percentiles(counts_ms)
            if result["engine"] == "postgresql":
                # The IN lists expanded in the text (the driver cannot take SQLAlchemy's
                # post-compile placeholders), the values through the columns' own processing.
                compiled = stmt.compile(
                    dialect=db.engine.dialect, compile_kwargs={"render_postcompile": True}
                )
                params = {
                    key: processor(value)
                    if (processor := compiled._bind_processors.get(key))
                    else value
                    for key, value in compiled.params.items()
                }
                plan = connection.exec_driver_sql(
                    "EXPLAIN (ANALYZE, BUFFERS) " + str(compiled), params
                ).scalars()
                plans.append(f"== {name}: {url}\n" + "\n".join(plan))
            db.session.rollback()
        request_p, bare = _percentiles(request_ms), _percentiles(bare_ms)
        out[name] = {
            "url": url,
            "kind": kind,
            "rows": rows,
            "p50_ms": request_p["p50_ms"],  # the summary table's columns
            "p95_ms": request_p["p95_ms"],
            "request": request_p,
            "bare_sql": bare,
            # The counts per main pillar the list shows (all rows under the other filters).
            "pillar_counts": counts,
        }
    # The yardstick: a textbook page (HTML) or JSON list rendering the same rows from the same
    # query, through the same test client, in this run (benchmarks/textbook/listing.py).
    from benchmarks.textbook.listing import create_list_app

    textbook = create_list_app(app.config["SQLALCHEMY_DATABASE_URI"], statements).test_client()
    for name, figures in out.items():
        path = f"/public/{name}" if figures["kind"] == "html" else f"/json/{name}"
        answer = textbook.get(path)
        assert answer.status_code == 200, (path, answer.status_code)
        listing = _percentiles(_time(lambda path=path: textbook.get(path), runs))
        figures["textbook"] = {**listing, "path": path}
        figures["p95_over_textbook"] = round(
            figures["request"]["p95_ms"] / max(listing["p95_ms"], 0.001), 2
        )
    result["targets"] = out
    result["plans"] = plans  # the log directory goes away with the run; the JSON stays
    if plans_path and plans:
        with open(plans_path, "w", encoding="utf-8") as handle:
            handle.write("\n\n".join(plans) + "\n")
    for name in profile or []:
        print(f"===== profile of {name}: {targets[name][1]}", file=sys.stderr)
        print(_profile(client, targets[name][1], runs), file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="seed and measure the public record")
    parser.add_argument("--count", type=int, default=QUICK_COUNT)
    parser.add_argument("--runs", type=int, default=QUICK_RUNS)
    parser.add_argument("--plans", default=None)
    parser.add_argument(
        "--profile", action="append", default=None, help="a target to profile (to stderr)"
    )
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.count, args.runs, args.plans, args.profile)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
