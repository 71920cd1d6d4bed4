"""What a comment POST sends to the database: one INSERT of the submission (no UPDATE after
it), the row as the model would have written it, and on PostgreSQL the chain's lock once."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select

from app import audit
from app.db import db
from app.intake import views
from app.models import ModerationEvent, Submission
from app.text import search_text_for
from tests.intake.helpers import submit

pytestmark = pytest.mark.usefixtures("seeded")


def _statements_of_a_post(app: Flask, client: FlaskClient) -> list[str]:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        response = submit(client)
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert response.status_code == 303
    return seen


def test_a_comment_is_one_insert_and_the_chain_is_locked_once(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A follower runs: no detection after the response, in a transaction of its own.
    monkeypatch.setattr(views, "follower_running", lambda session: True)
    statements = _statements_of_a_post(app, client)
    assert sum(s.startswith("INSERT INTO submissions ") for s in statements) == 1
    assert not any(s.startswith("UPDATE submissions") for s in statements)
    locks = [s for s in statements if "pg_advisory_xact_lock" in s]
    with app.app_context():
        assert len(locks) == (1 if db.engine.dialect.name == "postgresql" else 0)


def test_the_stored_comment_has_the_models_defaults_and_search_text(
    app: Flask, client: FlaskClient
) -> None:
    assert submit(client).status_code == 303
    with app.app_context():
        stored = db.session.scalars(select(Submission)).one()
        assert stored.version == 1
        assert stored.campaign_excluded is False
        assert stored.public_id
        assert stored.created_at is not None
        assert stored.updated_at is not None
        assert stored.search_text == search_text_for(stored.title, stored.body, stored.organization)
        assert stored.email_token_hash
        assert stored.access_code_hash is None
        assert audit.verify(db.session, ModerationEvent).intact
