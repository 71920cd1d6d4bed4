"""The queue's counts per status come from tallies that database triggers keep in step with
every write to `submissions`; filters the tallies cannot answer are counted up to a cap."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.campaigns.models import Campaign
from app.db import db, utcnow
from app.enums import Language, RejectionReason, Role, SubmissionStatus
from app.models import Pillar, Sector, Submission, Topic
from app.moderation import queries
from app.moderation.models import QueueRegionTally, QueueTally
from app.moderation.services import bulk_change_status, change_status, retag
from app.staff.services import create_user
from app.taxonomy.services import HLED_SEED
from tests import factories
from tests.staff.helpers import PASSWORD, signed_in

pytestmark = pytest.mark.usefixtures("seeded")


SHARED = ("consultation_id", "status", "primary_pillar_id", "secondary_pillar_id", "sector_id")
REST = ("detected_language", "in_campaign")
KEYS = {
    QueueTally: (*SHARED, "country_code", *REST),
    QueueRegionTally: ("region_code", *SHARED, *REST),
}


def _truth(session: Session, table: type) -> dict[tuple, int]:
    """Every submission's key in `table`, counted the slow way."""
    expressions = {
        "secondary_pillar_id": func.coalesce(Submission.secondary_pillar_id, 0),
        "region_code": func.coalesce(Submission.region_code, ""),
        "detected_language": func.coalesce(Submission.detected_language, ""),
        "in_campaign": Submission.campaign_id.is_not(None),
    }
    key = [expressions.get(name, getattr(Submission, name, None)) for name in KEYS[table]]
    rows = session.execute(select(*key, func.count()).group_by(*key)).all()
    return {_normal(row[:-1]): row[-1] for row in rows}


def _tallies(session: Session, table: type) -> dict[tuple, int]:
    key = [getattr(table, name) for name in KEYS[table]]
    rows = session.execute(
        select(*key, func.sum(table.total)).group_by(*key)  # the slots summed
    ).all()
    return {_normal(row[:-1]): int(row[-1]) for row in rows if row[-1]}


def _normal(key: tuple) -> tuple:
    """Status as its value; campaign membership (always last) as a bool on both engines."""
    head = tuple(v.value if isinstance(v, SubmissionStatus) else v for v in key[:-1])
    return (*head, bool(key[-1]))


def _agree(session: Session) -> None:
    for table in KEYS:
        assert _tallies(session, table) == _truth(session, table), table.__tablename__


def test_tallies_follow_every_kind_of_write(app: Flask) -> None:
    """Intake, single and bulk decisions, re-tagging, campaigns, a bulk UPDATE by hand and a
    delete: after each, the tallies equal a full count."""
    with app.app_context():
        session = db.session
        moderator = create_user(session, "tally@example.org", PASSWORD, Role.MODERATOR)
        pillars = list(session.scalars(select(Pillar).order_by(Pillar.position)))
        sectors = list(session.scalars(select(Sector).order_by(Sector.position)))
        rows = [
            factories.submission(
                session,
                primary_pillar=pillars[i % 4],
                secondary_pillar=pillars[(i + 1) % 4] if i % 3 == 0 else None,
                sector=sectors[i % 4],
                region_code=("MX-NLE", "MX-JAL", None)[i % 3],
                detected_language=("es", "en", None)[i % 3],
            )
            for i in range(12)
        ]
        session.commit()
        _agree(session)
        assert sum(_tallies(session, QueueTally).values()) == 12

        change_status(session, rows[0], moderator, SubmissionStatus.APPROVED, rows[0].version)
        change_status(
            session, rows[1], moderator, SubmissionStatus.REJECTED, rows[1].version,
            reason=RejectionReason.SPAM,
        )  # fmt: skip
        bulk_change_status(
            session, moderator, [(r, r.version) for r in rows[2:6]], SubmissionStatus.APPROVED
        )
        session.commit()
        _agree(session)

        topic = session.scalars(select(Topic).where(Topic.pillar_id == pillars[2].id)).first()
        retag(
            session, rows[7], moderator, rows[7].version,
            sector=sectors[3], primary_pillar=pillars[2], secondary_pillar=None, topics=[topic],
        )  # fmt: skip
        campaign = Campaign(member_count=2)
        session.add(campaign)
        session.flush()
        rows[8].campaign_id = campaign.id
        rows[9].campaign_id = campaign.id
        session.commit()
        _agree(session)

        # Writes that bypass the application are counted too.
        session.execute(
            update(Submission)
            .where(Submission.status == SubmissionStatus.PENDING)
            .values(status=SubmissionStatus.ESCALATED, version=Submission.version + 1)
        )
        session.execute(delete(Submission).where(Submission.id == rows[11].id))
        session.commit()
        _agree(session)


def test_a_bulk_insert_is_counted(app: Flask) -> None:
    """A multi-row INSERT (what an import or the benchmark's seeding does)."""
    with app.app_context():
        session = db.session
        template = factories.submission(session)
        session.commit()
        columns = {
            c.name: getattr(template, c.key)
            for c in Submission.__table__.columns
            if c.name not in ("id", "tracking_code", "public_id", "form_nonce", "search_text")
        }
        session.execute(
            insert(Submission),
            [{**columns, "tracking_code": f"BULK-{i:04d}"} for i in range(250)],
        )
        session.commit()
        _agree(session)
        counts = queries.status_counts(session, queries.QueueFilters())
        assert counts.by_status[SubmissionStatus.PENDING] == 251
        assert not counts.over_cap


def test_counts_answer_every_filter(app: Flask) -> None:
    """Tally filters (pillar, state, language…) and counted ones (topic, dates, search) give
    the same numbers as counting the rows."""
    now = utcnow()
    with app.app_context():
        session = db.session
        pillars = list(session.scalars(select(Pillar).order_by(Pillar.position)))
        topic = session.scalars(select(Topic).where(Topic.pillar_id == pillars[0].id)).first()
        for i in range(9):
            row = factories.submission(
                session,
                title=("Educación dual", "Aduanas", "Energía")[i % 3],
                primary_pillar=pillars[i % 2],
                secondary_pillar=pillars[0] if i % 2 else None,
                region_code=("MX-NLE", "MX-JAL", "MX-NLE")[i % 3],
                detected_language=("es", "en")[i % 2],
                status=(SubmissionStatus.PENDING, SubmissionStatus.APPROVED)[i % 2],
                created_at=now - timedelta(days=i),
                topics=[topic] if i % 3 == 0 else [],
            )
            session.flush()
            assert row.id
        session.commit()
        cases = [
            queries.QueueFilters(pillar=pillars[0].code),
            queries.QueueFilters(pillar=pillars[1].code, country="MX", language="en"),
            queries.QueueFilters(pillar=pillars[1].code, region="MX-NLE", language="en"),
            queries.QueueFilters(country="MX", in_campaign=False),
            queries.QueueFilters(topic=topic.code),
            queries.QueueFilters(since=(now - timedelta(days=3)).date()),
            queries.QueueFilters(search="educacion", region="MX-NLE"),
        ]
        for filters in cases:
            counts = queries.status_counts(session, filters)
            expected = {status: 0 for status in SubmissionStatus}
            others = queries.QueueFilters(**{**filters.__dict__, "status": None})
            for (status,) in session.execute(
                select(Submission.status).where(*others.conditions(session))
            ):
                expected[status] += 1
            assert counts.by_status == expected, filters
        # Filters that every tally column answers go to the tallies, the others do not.
        assert cases[1].tally()[0] is QueueTally
        assert cases[2].tally()[0] is QueueRegionTally  # the state's own rows
        assert cases[4].tally() is None  # the topic
        assert cases[6].tally() is None  # the words


def test_a_filter_matching_too_many_says_so_instead_of_counting_on(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with app.app_context():
        for _ in range(4):
            factories.submission(db.session, title="Educación técnica")
        db.session.commit()
    client = signed_in(app, Role.MODERATOR, Language.ES)
    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    page = client.get("/es/staff/queue?q=educacion").get_data(as_text=True)
    assert "Más de 3 comentarios coinciden con estos filtros" in page
    assert "Pendiente: <strong>" not in page
    # The tallies still answer the unfiltered view exactly.
    page = client.get("/es/staff/queue").get_data(as_text=True)
    assert "Pendiente: <strong>4</strong>" in page
    monkeypatch.setattr(queries, "COUNT_CAP", 10)
    page = client.get("/es/staff/queue?q=educacion").get_data(as_text=True)
    assert "Pendiente: <strong>4</strong>" in page
    assert "coinciden con estos filtros" not in page


def test_queue_health_reads_the_pending_tally(app: Flask) -> None:
    with app.app_context():
        for _ in range(3):
            factories.submission(db.session)
        factories.submission(db.session, status=SubmissionStatus.APPROVED)
        db.session.commit()
        health = queries.queue_health(db.session, utcnow() - timedelta(days=1))
        assert health.pending == 3
        assert db.session.scalar(select(func.sum(QueueTally.total))) == 4


def test_queue_health_beside_a_page_says_what_it_says_alone(app: Flask) -> None:
    """Beside a queue page the health reuses what the page read (its counts, its first
    row): the backlog and the oldest comment must be the same on every kind of page."""
    with app.app_context():
        now = utcnow()
        for n, status in enumerate(["approved", "pending", "pending", "rejected", "pending"]):
            factories.submission(
                db.session, status=SubmissionStatus(status),
                created_at=now - timedelta(hours=10 - n),
                detected_language="en" if n % 2 else "es",
            )  # fmt: skip
        db.session.commit()
        day = now - timedelta(days=1)
        alone = queries.queue_health(db.session, day)
        assert alone.pending == 3
        assert alone.oldest_pending == now - timedelta(hours=9)
        second = db.session.scalars(
            select(Submission).where(Submission.status == SubmissionStatus.PENDING)
            .order_by(Submission.created_at)
        ).first()  # fmt: skip
        views = [
            queries.QueueFilters(),
            queries.QueueFilters(status=None),
            queries.QueueFilters(status=SubmissionStatus.APPROVED),
            queries.QueueFilters(language="es"),
            queries.QueueFilters(search="suministro"),
            queries.QueueFilters(after=(second.created_at, second.id)),
        ]
        for filters in views:
            page = queries.queue_page(db.session, filters)
            assert queries.queue_health(db.session, day, (filters, page)) == alone, filters
        # Nothing pending: the default page is empty, and so is the backlog.
        db.session.execute(update(Submission).values(status=SubmissionStatus.APPROVED))
        db.session.commit()
        page = queries.queue_page(db.session, queries.QueueFilters())
        health = queries.queue_health(db.session, day, (queries.QueueFilters(), page))
        assert (health.pending, health.oldest_pending) == (0, None)


def test_the_default_queue_page_reads_the_backlog_from_its_own_rows(app: Flask) -> None:
    """The page most loaded (every pending comment, oldest first) already holds the backlog's
    size (its counts) and its oldest comment (its first row): no query reads them again."""
    from sqlalchemy import event

    with app.app_context():
        factories.submission(db.session)
        db.session.commit()
    client = signed_in(app, Role.MODERATOR)
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        statements.append(statement.lower())

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        page = client.get("/en/staff/queue").get_data(as_text=True)
        assert "1 comment waiting" in page
        assert not [s for s in statements if "min(submissions.created_at)" in s]
        statements.clear()
        filtered = client.get("/en/staff/queue?language=en").get_data(as_text=True)
        assert "1 comment waiting" in filtered
        assert [s for s in statements if "min(submissions.created_at)" in s]
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def test_filter_options_follow_a_rename_at_once(app: Flask) -> None:
    """The queue's filter options are built once per language and taxonomy version; an
    administrator's rename is a new version, so the very next page shows the new name."""
    from tests.admin.helpers import admin_client, post

    client = admin_client(app)
    with app.app_context():
        sector = db.session.scalar(select(Sector).where(Sector.code == "academia"))
        url = f"/en/staff/admin/taxonomy/sectors/{sector.id}/edit"
        old_name = sector.name_en
    assert f">{old_name}</option>" in client.get("/en/staff/queue").get_data(as_text=True)
    done = post(client, url, {"name_en": "Universities", "name_es": "Universidades"}, page=url)
    assert done.status_code == 303
    page = client.get("/en/staff/queue").get_data(as_text=True)
    assert ">Universities</option>" in page
    assert f">{old_name}</option>" not in page


def test_filter_options_follow_a_rename_by_flask_seed(app: Flask, tmp_path: Path) -> None:
    """`flask seed` renames regions in place, writing no admin event and adding no row; the
    queue, whose options were cached before, shows the new name on the next page."""
    client = signed_in(app, Role.MODERATOR, Language.ES)
    assert ">Nuevo León</option>" in client.get("/es/staff/queue").get_data(as_text=True)
    seed_file = tmp_path / "seed.toml"
    text = HLED_SEED.read_text(encoding="utf-8")
    assert text.count('name_es = "Nuevo León"') == 1
    seed_file.write_text(
        text.replace('name_es = "Nuevo León"', 'name_es = "Estado de Nuevo León"'),
        encoding="utf-8",
    )
    result = app.test_cli_runner().invoke(args=["seed", "--file", str(seed_file)])
    assert result.exit_code == 0, result.output
    assert "1 regions" in result.output
    page = client.get("/es/staff/queue").get_data(as_text=True)
    assert ">Estado de Nuevo León</option>" in page
    assert ">Nuevo León</option>" not in page


def test_the_tallies_can_be_checked_and_rebuilt_from_the_command_line(app: Flask) -> None:
    with app.app_context():
        for region in ("MX-NLE", "MX-JAL", None, "MX-NLE"):
            factories.submission(db.session, region_code=region)
        db.session.commit()
    runner = app.test_cli_runner()
    fine = runner.invoke(args=["queue", "tallies"])
    assert fine.exit_code == 0, fine.output
    assert "agree with the 4 submissions" in fine.output

    # What a load with the triggers switched off, or a hand edit, would leave behind.
    with app.app_context():
        db.session.execute(update(QueueTally).values(total=QueueTally.total + 5))
        db.session.execute(delete(QueueRegionTally).where(QueueRegionTally.region_code == ""))
        db.session.commit()
        assert queries.queue_health(db.session, utcnow()).pending == 4 + 5 * len(
            db.session.scalars(select(QueueTally)).all()
        )
    broken = runner.invoke(args=["queue", "tallies"])
    assert broken.exit_code != 0
    assert "queue_tallies:" in broken.output
    assert "queue_region_tallies: 1 row(s) disagree" in broken.output

    rebuilt = runner.invoke(args=["queue", "tallies", "--rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "agree with the 4 submissions" in rebuilt.output
    with app.app_context():
        _agree(db.session)
        assert queries.queue_health(db.session, utcnow()).pending == 4
        by_state = queries.status_counts(db.session, queries.QueueFilters(region="MX-NLE"))
        assert by_state.by_status[SubmissionStatus.PENDING] == 2
