"""CPU per request of the moderation queue against the textbook list page (issue 19, point 6),
in one process: wall times on a shared machine are noisy, `time.process_time` is not.

    INSTANCE_PATH=<folder with a migrated, seeded consulta.sqlite3> \
        python -m benchmarks.queue_cpu [--seed 5000] [--runs 200] [--profile first_page] \
        [--dump <folder>]

`--seed` adds that many queue rows first (benchmarks.scenarios.queue.seed) and a moderator;
run it once on a fresh database, then measure as often as needed on the same rows. `--dump`
writes each page's HTML (CSRF tokens blanked) for a before/after diff.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

EMAIL = "bench-moderator@example.org"
EMAIL_ES = "bench-moderadora@example.org"  # reads the staff pages in Spanish
PASSWORD = "bench password long enough"  # noqa: S105 - a benchmark's throw-away account


def _targets(app: Any) -> dict[str, tuple[str, list[Any], str | None]]:
    from sqlalchemy import or_, select, tuple_

    from app.db import db
    from app.enums import SubmissionStatus
    from app.intake.models import Submission
    from app.taxonomy.models import Pillar
    from benchmarks.scenarios.queue import FILTER_STATE, SEARCH

    table = Submission.__table__
    pending = table.c.status == "pending"
    with app.app_context():
        pillar = db.session.scalar(select(Pillar).order_by(Pillar.position))
        count = db.session.scalar(select(db.func.count()).select_from(table))
        deep = db.session.execute(
            select(Submission.created_at, Submission.id)
            .where(Submission.status == SubmissionStatus.PENDING)
            .order_by(Submission.created_at, Submission.id)
            .offset(int(count * 0.6 * 0.9))
            .limit(1)
        ).one()
        filtered = {"status": "pending", "pillar": pillar.code, "region": FILTER_STATE,
                    "language": "es"}  # fmt: skip
        return {
            "first_page": ("/en/staff/queue", [pending], None),
            "first_page_es": ("/es/staff/queue", [pending], None),
            "filtered": (
                "/en/staff/queue?" + urlencode(filtered),
                [
                    pending,
                    or_(
                        table.c.primary_pillar_id == pillar.id,
                        table.c.secondary_pillar_id == pillar.id,
                    ),
                    table.c.region_code == FILTER_STATE,
                    table.c.detected_language == "es",
                ],
                None,
            ),
            "deep_page": (
                "/en/staff/queue?"
                + urlencode({"after": f"{deep.created_at.isoformat()}~{deep.id}"}),
                [
                    pending,
                    table.c.created_at >= deep.created_at,
                    tuple_(table.c.created_at, table.c.id) > tuple_(deep.created_at, deep.id),
                ],
                None,
            ),
            "search": ("/en/staff/queue?" + urlencode({"q": SEARCH}), [pending], SEARCH),
        }


def cpu_ms(call: Any, runs: int) -> float:
    """CPU milliseconds per call of `call`, after five warm-up calls."""
    for _ in range(5):
        call()
    began = time.process_time()
    for _ in range(runs):
        call()
    return (time.process_time() - began) * 1000 / runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--profile", default=None)
    parser.add_argument("--dump", default=None)
    args = parser.parse_args(argv)

    from sqlalchemy import select

    from app import create_app
    from app.db import db
    from app.enums import Language, Role
    from app.moderation import queries
    from benchmarks.textbook.listing import create_list_app

    app = create_app({"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    if args.seed:
        from app.staff.services import create_user
        from benchmarks.scenarios.queue import seed

        with app.app_context():
            print(seed(args.seed))
            create_user(db.session, EMAIL, PASSWORD, Role.MODERATOR)
            create_user(db.session, EMAIL_ES, PASSWORD, Role.MODERATOR, Language.ES)
            db.session.commit()
    clients = {}
    for lang, email in (("en", EMAIL), ("es", EMAIL_ES)):
        clients[lang] = app.test_client()
        form = {"email": email, "password": PASSWORD}
        response = clients[lang].post("/en/staff/login", data=form)
        assert response.status_code == 302, response.status_code
    targets = _targets(app)
    statements = {}
    with app.app_context():
        from app.intake.models import Submission
        from app.moderation.search import matches

        table = Submission.__table__
        for name, (_url, where, search) in targets.items():
            conditions = list(where) + ([matches(db.session, search)] if search else [])
            statements[name] = (
                select(table)
                .where(*conditions)
                .order_by(table.c.created_at, table.c.id)
                .limit(queries.PAGE_SIZE + 1)
            )
    textbook = create_list_app(app.config["SQLALCHEMY_DATABASE_URI"], statements).test_client()
    if args.dump:
        folder = Path(args.dump)
        folder.mkdir(parents=True, exist_ok=True)
        for name, (url, _where, _search) in targets.items():
            html = clients[url[1:3]].get(url).get_data(as_text=True)
            html = re.sub(r'(name="csrf_token"[^>]*value=")[^"]*', r"\1-", html)
            (folder / f"{name}.html").write_text(html, encoding="utf-8")
    if args.profile:
        url = targets[args.profile][0]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.runs):
            clients[url[1:3]].get(url)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        return 0
    print(f"{'target':<14} {'queue ms':>9} {'textbook ms':>12} {'ratio':>6}")
    for name, (url, _where, _search) in targets.items():
        client = clients[url[1:3]]
        assert client.get(url).status_code == 200
        queue_ms = cpu_ms(lambda url=url, client=client: client.get(url), args.runs)
        path = "/list/" + name
        list_ms = cpu_ms(lambda path=path: textbook.get(path), args.runs)
        print(f"{name:<14} {queue_ms:>9.2f} {list_ms:>12.2f} {queue_ms / list_ms:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
