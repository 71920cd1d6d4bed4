"""Backups that restore: `flask backup` copies the database while the app is serving, and
the copy, restored into an empty database, holds every submission and audit event with the
audit chain still verifying."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import func, select

from app import audit
from app.db import db
from app.enums import SubmissionStatus
from app.models import ModerationEvent, Submission
from app.moderation import queries
from tests import factories
from tests.intake.helpers import submit


def _counts(app: Flask) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(Submission)),
            db.session.scalar(select(func.count()).select_from(ModerationEvent)),
        )


def test_a_backup_restores_every_submission_and_a_verifying_chain(
    seeded: Flask,
    client: FlaskClient,
    runner: FlaskCliRunner,
    fresh_database_url: str,
    app_factory,
    tmp_path: Path,
) -> None:
    for n in range(3):
        assert submit(client, title=f"Comentario de respaldo {n}").status_code == 303
    target = tmp_path / "consulta.backup"

    made = runner.invoke(args=["backup", str(target)])
    assert made.exit_code == 0, made.output
    assert target.stat().st_size > 0
    at_backup = _counts(seeded)
    # The app keeps serving after the copy; what comes later is not in this backup.
    assert submit(client, title="Llegó después del respaldo").status_code == 303

    restored = app_factory(
        {"SQLALCHEMY_DATABASE_URI": fresh_database_url,
         "INSTANCE_PATH": str(tmp_path / "restored"), "SECRET_KEY": "restore-test"}
    )  # fmt: skip
    loaded = restored.test_cli_runner().invoke(args=["restore", str(target)])
    assert loaded.exit_code == 0, loaded.output

    submissions, events = _counts(restored)
    assert (submissions, events) == at_backup
    assert _counts(seeded)[0] == submissions + 1
    with restored.app_context():
        titles = set(db.session.scalars(select(Submission.title)))
        assert titles == {f"Comentario de respaldo {n}" for n in range(3)}
        report = audit.verify(db.session, ModerationEvent)
        assert report.intact
        assert report.checked == events
        # The queue's tallies came back with the rows, neither lost nor counted twice, and
        # the restored triggers keep them going.
        pending = queries.status_counts(db.session, queries.QueueFilters())
        assert pending.by_status[SubmissionStatus.PENDING] == submissions
    with restored.app_context():
        factories.submission(db.session, title="Después de restaurar")
        db.session.commit()
        pending = queries.status_counts(db.session, queries.QueueFilters())
        assert pending.by_status[SubmissionStatus.PENDING] == submissions + 1


def test_a_backup_never_overwrites_a_file(
    seeded: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "already-there.backup"
    target.write_bytes(b"keep me")
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code != 0
    assert "already exists" in result.output
    assert target.read_bytes() == b"keep me"
