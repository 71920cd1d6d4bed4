"""Files written for a submission that is not stored are removed again; a retried POST that
raced the first keeps the first one's files and gets its receipt."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.db import db
from app.intake import views
from app.intake.models import Submission
from tests.intake import files
from tests.intake.helpers import open_form, submit

pytestmark = pytest.mark.usefixtures("seeded")


def _stored_files(app: Flask) -> list[str]:
    root = Path(app.config["UPLOAD_DIR"])
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _submissions(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Submission)) or 0


def test_files_of_a_submission_whose_commit_fails_are_removed(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_commit() -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(db.session, "commit", failing_commit, raising=False)
    with pytest.raises(RuntimeError):
        submit(client, "es", files=[(files.MINIMAL_PDF, "propuesta.pdf")])
    monkeypatch.undo()
    assert _stored_files(app) == []
    assert _submissions(app) == 0


def test_a_racing_retry_gets_the_first_receipt_and_leaves_its_files(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    hidden = open_form(client, "es")
    first = submit(client, "es", hidden=hidden, files=[(files.MINIMAL_PDF, "a.pdf")])
    assert first.status_code == 303
    kept = _stored_files(app)
    assert kept
    # The retry's first look-up ran before the first request committed.
    looked_up = []
    real = views.find_by_nonce

    def too_early(session, nonce):  # type: ignore[no-untyped-def]
        looked_up.append(nonce)
        return None if len(looked_up) == 1 else real(session, nonce)

    monkeypatch.setattr(views, "find_by_nonce", too_early)
    retry = submit(client, "es", hidden=hidden, files=[(files.png(), "b.png")])
    assert retry.status_code == 303
    assert retry.headers["Location"] == first.headers["Location"]
    assert _stored_files(app) == kept
    assert _submissions(app) == 1
