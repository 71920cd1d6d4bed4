"""Re-tagging and internal notes: recorded in the trail with who, when and what."""

from __future__ import annotations

import json

import pytest
from flask import Flask

from app.db import db
from app.enums import EventAction, Role
from app.models import Submission
from tests import factories
from tests.staff.helpers import csrf_from, signed_in

pytestmark = pytest.mark.usefixtures("seeded")


@pytest.fixture
def sid(app: Flask) -> int:
    with app.app_context():
        row = factories.submission(db.session)
        db.session.commit()
        return row.id


def _post(client, sid: int, action: str, **data):
    page = client.get(f"/en/staff/submissions/{sid}").get_data(as_text=True)
    return client.post(
        f"/en/staff/submissions/{sid}/{action}", data={"csrf_token": csrf_from(page), **data}
    )


def test_retag_changes_the_classification_and_records_before_and_after(
    app: Flask, sid: int
) -> None:
    client = signed_in(app, Role.MODERATOR)
    response = _post(
        client, sid, "retag", version=1, sector="academia",
        primary_pillar="investing_in_our_people", secondary_pillar="building_back_together",
        topics=["apprenticeships", "stem_education"],
    )  # fmt: skip
    assert response.status_code == 302
    with app.app_context():
        row = db.session.get(Submission, sid)
        assert row.sector.code == "academia"
        assert row.primary_pillar.code == "investing_in_our_people"
        assert {t.code for t in row.topics} == {"apprenticeships", "stem_education"}
        event = row.events[-1]
        assert event.action is EventAction.RETAGGED
        details = json.loads(event.details)
        assert details["before"]["primary_pillar"] == "building_back_together"
        assert details["after"]["topics"] == ["apprenticeships", "stem_education"]


def test_retag_refuses_the_same_pillar_twice(app: Flask, sid: int) -> None:
    client = signed_in(app, Role.MODERATOR)
    response = _post(
        client, sid, "retag", version=1, sector="academia",
        primary_pillar="investing_in_our_people", secondary_pillar="investing_in_our_people",
    )  # fmt: skip
    assert response.status_code == 422
    assert "Choose a second pillar different" in response.get_data(as_text=True)


def test_retag_on_a_stale_page_is_a_conflict(app: Flask, sid: int) -> None:
    client = signed_in(app, Role.MODERATOR)
    response = _post(
        client, sid, "retag", version=7, sector="academia", primary_pillar="investing_in_our_people"
    )
    assert response.status_code == 409


def test_internal_note_goes_to_the_history_only(app: Flask, sid: int) -> None:
    client = signed_in(app, Role.MODERATOR)
    assert _post(client, sid, "note", note="Llamar a la cámara para confirmar.").status_code == 302
    page = client.get(f"/en/staff/submissions/{sid}").get_data(as_text=True)
    assert "Llamar a la cámara para confirmar." in page
    with app.app_context():
        row = db.session.get(Submission, sid)
        assert row.events[-1].action is EventAction.NOTE_ADDED
        assert row.version == 1


def test_an_empty_note_is_refused(app: Flask, sid: int) -> None:
    client = signed_in(app, Role.MODERATOR)
    response = _post(client, sid, "note", note="   ")
    assert response.status_code == 422
    assert "Write the note." in response.get_data(as_text=True)
