"""Outcomes of agenda items, recorded by the secretariat on the meeting page."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from app.agenda.models import AgendaItem, AgendaOutcome
from app.db import db
from app.enums import Language, OutcomeKind, Role
from tests.agenda.test_meetings import _create, _items, _meeting_id
from tests.staff.helpers import csrf_from, signed_in


def _record(client, meeting_id: int, item_id: int, lang: str = "en", **data: str):  # type: ignore[no-untyped-def]
    page = client.get(f"/{lang}/staff/meetings/{meeting_id}")
    token = csrf_from(page.get_data(as_text=True))
    fields = {f"o{item_id}-{name}": value for name, value in data.items()}
    return client.post(
        f"/{lang}/staff/meetings/{meeting_id}/items/{item_id}/outcome",
        data={"csrf_token": token, **fields},
    )


def test_an_outcome_is_recorded_and_the_earlier_one_kept(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    meeting_id = _meeting_id(_create(client, seeded))
    item_id = _items(seeded, meeting_id)[0][0]
    first = _record(client, meeting_id, item_id, kind="under_consideration", note_en="Later")
    assert first.status_code == 303
    second = _record(
        client,
        meeting_id,
        item_id,
        kind="adopted",
        note_en="The cabinet adopted it.",
        note_es="El gabinete lo adoptó.",
    )
    assert second.status_code == 303
    assert second.headers["Location"].endswith(f"#item-{item_id}")
    page = client.get(f"/en/staff/meetings/{meeting_id}").get_data(as_text=True)
    assert "Outcome: Adopted" in page
    assert "The cabinet adopted it." in page
    assert "1 earlier outcome is kept in its history." in page
    with seeded.app_context():
        item = db.session.get(AgendaItem, item_id)
        assert item.outcome.kind is OutcomeKind.ADOPTED
        assert item.outcome.note_es == "El gabinete lo adoptó."
        assert item.outcome.recorded_by.email == "secretariat@example.org"
        assert [o.kind for o in item.outcomes] == [
            OutcomeKind.ADOPTED,
            OutcomeKind.UNDER_CONSIDERATION,
        ]


def test_the_meeting_page_offers_the_outcomes_in_spanish(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT, Language.ES)
    meeting_id = _meeting_id(_create(client, seeded, lang="es"))
    item_id = _items(seeded, meeting_id)[0][0]
    page = client.get(f"/es/staff/meetings/{meeting_id}").get_data(as_text=True)
    assert "Registrar un resultado" in page
    assert "Turnado a un grupo de trabajo" in page
    assert "Fuera del alcance del diálogo" in page
    response = _record(client, meeting_id, item_id, lang="es", kind="referred")
    assert response.status_code == 303
    page = client.get(f"/es/staff/meetings/{meeting_id}").get_data(as_text=True)
    assert "Se registró el resultado." in page
    assert "Resultado: Turnado a un grupo de trabajo" in page


def test_an_unknown_outcome_is_refused_and_nothing_recorded(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    meeting_id = _meeting_id(_create(client, seeded))
    item_id = _items(seeded, meeting_id)[0][0]
    response = _record(client, meeting_id, item_id, kind="vetoed")
    assert response.status_code == 303
    page = client.get(f"/en/staff/meetings/{meeting_id}").get_data(as_text=True)
    assert "Choose one of the options offered." in page
    with seeded.app_context():
        assert db.session.scalars(select(AgendaOutcome)).first() is None


def test_an_outcome_without_the_form_token_is_refused(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    meeting_id = _meeting_id(_create(client, seeded))
    item_id = _items(seeded, meeting_id)[0][0]
    client.post(
        f"/en/staff/meetings/{meeting_id}/items/{item_id}/outcome",
        data={f"o{item_id}-kind": "adopted"},
    )
    with seeded.app_context():
        assert db.session.scalars(select(AgendaOutcome)).first() is None


def test_an_outcome_of_another_meetings_item_is_not_found(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    first = _meeting_id(_create(client, seeded))
    second = _meeting_id(_create(client, seeded))
    item_id = _items(seeded, first)[0][0]
    response = _record(client, second, item_id, kind="adopted")
    assert response.status_code == 404
