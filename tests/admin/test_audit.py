"""The administration trail: every change recorded with who, what, when, before and after,
in a hash chain that `flask audit verify` checks and that detects a changed or deleted row."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import delete, update

from app.admin import audit
from app.admin.models import AdminEvent
from app.db import db
from app.enums import Language, Role
from app.staff.services import create_user
from tests.admin.helpers import admin_client, events, post
from tests.staff.helpers import PASSWORD


def _three_events(app: Flask) -> list[int]:
    with app.app_context():
        actor = create_user(db.session, "admin@example.org", PASSWORD, Role.ADMIN, Language.EN)
        for n in range(3):
            audit.record(db.session, actor, "pillar.renamed", "pillar", n, f"Pillar {n}",
                         before={"name_en": "old"}, after={"name_en": f"new {n}"})  # fmt: skip
        db.session.commit()
    return [e.id for e in events(app)]


def test_chain_links_every_event_to_the_previous_one(app: Flask) -> None:
    ids = _three_events(app)
    rows = events(app)
    assert rows[0].prev_hash is None
    assert [r.prev_hash for r in rows[1:]] == [r.entry_hash for r in rows[:-1]]
    with app.app_context():
        report = audit.verify_chain(db.session)
    assert report.intact
    assert report.checked == len(ids) == 3


def test_verify_command_reports_the_admin_chain(app: Flask, runner: FlaskCliRunner) -> None:
    _three_events(app)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "Admin audit chain intact: 3 events checked." in result.output


def test_a_changed_event_breaks_the_chain(app: Flask, runner: FlaskCliRunner) -> None:
    ids = _three_events(app)
    with app.app_context():
        db.session.execute(
            update(AdminEvent).where(AdminEvent.id == ids[1]).values(after='{"name_en":"forged"}')
        )
        db.session.commit()
        assert audit.verify_chain(db.session).first_bad_id == ids[1]
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code != 0
    assert f"broken at admin event {ids[1]}" in result.output


def test_a_deleted_event_breaks_the_chain(app: Flask) -> None:
    ids = _three_events(app)
    with app.app_context():
        db.session.execute(delete(AdminEvent).where(AdminEvent.id == ids[1]))
        db.session.commit()
        assert audit.verify_chain(db.session).first_bad_id == ids[2]


def test_a_changed_actor_or_time_breaks_the_chain(app: Flask) -> None:
    ids = _three_events(app)
    with app.app_context():
        other = create_user(db.session, "other@example.org", PASSWORD, Role.ADMIN)
        db.session.execute(
            update(AdminEvent).where(AdminEvent.id == ids[0]).values(actor_id=other.id)
        )
        db.session.commit()
        assert audit.verify_chain(db.session).first_bad_id == ids[0]


def test_events_page_shows_who_what_when_and_checks_the_chain_only_when_asked(
    seeded: Flask,
) -> None:
    client = admin_client(seeded)
    url = "/en/staff/admin/taxonomy/sectors/new"
    post(client, url, {"name_en": "Labour unions", "name_es": "Sindicatos"}, page=url)
    page = client.get("/en/staff/admin/events").get_data(as_text=True)
    assert "Added a sector" in page
    assert "admin@example.org" in page
    assert "Sindicatos" in page
    assert "Opening this page does not check the chain" in page
    assert "The chain is intact" not in page
    events_url = "/en/staff/admin/events"
    checked = post(client, events_url, page=events_url).get_data(as_text=True)
    assert "The chain is intact: 1 event checked." in checked
    assert "Sindicatos" in checked
    with seeded.app_context():
        db.session.execute(update(AdminEvent).values(target_label="forged"))
        db.session.commit()
    # A visit says nothing it did not check; the check finds the change.
    page = client.get(events_url).get_data(as_text=True)
    assert "The chain is broken" not in page
    assert "The chain is intact" not in page
    assert "The chain is broken" in post(client, events_url, page=events_url).get_data(as_text=True)


def test_a_visit_of_the_events_page_does_not_read_the_chain(
    seeded: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = admin_client(seeded)

    def not_on_a_visit(session: object) -> None:
        raise AssertionError("the chain was verified on a plain visit")

    monkeypatch.setattr(audit, "verify_chain", not_on_a_visit)
    assert client.get("/en/staff/admin/events").status_code == 200


def test_checking_the_chain_needs_the_form_token(seeded: Flask) -> None:
    client = admin_client(seeded)
    response = client.post("/en/staff/admin/events")
    assert response.status_code == 400
    assert "The chain is" not in response.get_data(as_text=True)


def test_every_kind_of_change_is_recorded(seeded: Flask) -> None:
    client = admin_client(seeded)
    with seeded.app_context():
        user = create_user(db.session, "mod@example.org", PASSWORD, Role.MODERATOR)
        db.session.commit()
        user_id = user.id
    post(client, f"/en/staff/admin/users/{user_id}/role", {f"u{user_id}-role": "secretariat"})
    post(client, f"/en/staff/admin/users/{user_id}/deactivate")
    post(client, f"/en/staff/admin/users/{user_id}/reactivate")
    post(client, f"/en/staff/admin/users/{user_id}/reset-second-factor")
    actions = [e.action for e in events(seeded)]
    assert actions == [
        "user.role_changed",
        "user.deactivated",
        "user.reactivated",
        "user.second_factor_reset",
    ]
    assert all(e.actor_id is not None for e in events(seeded))
    assert all(e.created_at is not None for e in events(seeded))
