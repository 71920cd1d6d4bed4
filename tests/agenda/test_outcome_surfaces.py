"""Where an outcome reaches people: the submitter's status page and the public permalink,
in both languages; an excluded or unpublished comment shows nothing."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.agenda import services
from app.agenda.models import AgendaEntry
from app.db import db
from app.enums import Consent, Language, MeetingLevel, OutcomeKind, Role
from app.models import Consultation
from app.staff.models import User
from app.staff.services import create_user
from tests.intake.helpers import hidden_fields
from tests.public.helpers import published
from tests.public.schema_check import problems
from tests.staff.helpers import PASSWORD

pytestmark = pytest.mark.usefixtures("seeded")
LIST = "/{lang}/c/hled-2026/comments"


def _decided(app: Flask, consent: Consent = Consent.NAMED, excluded: bool = False) -> dict:
    """A published comment on the first item of a meeting whose outcome is 'adopted'."""
    with app.app_context():
        actor = create_user(db.session, "sec@example.org", PASSWORD, Role.SECRETARIAT, Language.EN)
        comment = published(db.session, consent=consent)
        meeting = services.create_meeting(
            db.session,
            title_en="Cabinet meeting",
            title_es="Reunión de gabinete",
            level=MeetingLevel.CABINET,
            meeting_date=date(2026, 12, 10),
            place_en="",
            place_es="",
            consultations=list(db.session.scalars(select(Consultation))),
        )
        services.place_unplaced(db.session, meeting)
        entry = db.session.scalars(
            select(AgendaEntry).where(AgendaEntry.submission_id == comment.id)
        ).one()
        item = entry.item
        if excluded:
            services.exclude_entry(db.session, entry)
        services.record_outcome(
            db.session,
            db.session.get(User, actor.id),
            item,
            kind=OutcomeKind.ADOPTED,
            note_en="Goes into the 2027 plan.",
            note_es="Entra en el plan de 2027.",
        )
        facts = {
            "public_id": comment.public_id,
            "code": comment.tracking_code,
            "email": comment.email,
            "item_en": item.title_en,
            "item_es": item.title_es,
        }
        db.session.commit()
        return facts


def _status(client: FlaskClient, facts: dict, lang: str) -> str:
    fields = hidden_fields(client.get(f"/{lang}/status").get_data(as_text=True))
    response = client.post(
        f"/{lang}/status",
        data={**fields, "tracking_code": facts["code"], "email": facts["email"]},
    )
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_submitter_reads_the_outcome_in_each_language(app: Flask, client: FlaskClient) -> None:
    facts = _decided(app)
    english = _status(client, facts, "en")
    assert (
        f"Your comment is part of “{facts['item_en']}” on the agenda of the Cabinet meeting "
        "of December 10, 2026." in english
    )
    assert "<strong>Adopted</strong>: Goes into the 2027 plan." in english
    spanish = _status(client, facts, "es")
    assert (
        f"Su comentario forma parte del punto «{facts['item_es']}» del orden del día de "
        "«Reunión de gabinete» (10 de diciembre de 2026)." in spanish
    )
    assert "<strong>Adoptado</strong>: Entra en el plan de 2027." in spanish


def test_the_permalink_shows_the_outcome_in_each_language(app: Flask, client: FlaskClient) -> None:
    facts = _decided(app)
    english = client.get(f"{LIST.format(lang='en')}/{facts['public_id']}").get_data(as_text=True)
    assert "What the dialogue did" in english
    assert "This comment is part of" in english
    assert "Goes into the 2027 plan." in english
    spanish = client.get(f"{LIST.format(lang='es')}/{facts['public_id']}").get_data(as_text=True)
    assert "Lo que resolvió el diálogo" in spanish
    assert "Entra en el plan de 2027." in spanish


def test_an_excluded_comment_is_not_touched_by_the_items_outcome(
    app: Flask, client: FlaskClient
) -> None:
    facts = _decided(app, excluded=True)
    assert "Goes into the 2027 plan." not in _status(client, facts, "en")
    page = client.get(f"{LIST.format(lang='en')}/{facts['public_id']}").get_data(as_text=True)
    assert "Goes into the 2027 plan." not in page


def test_an_unconsented_comment_has_no_permalink_to_carry_an_outcome(
    app: Flask, client: FlaskClient
) -> None:
    facts = _decided(app, consent=Consent.NONE)
    response = client.get(f"{LIST.format(lang='en')}/{facts['public_id']}")
    assert response.status_code == 404
    assert "Goes into the 2027 plan." not in response.get_data(as_text=True)
    # The submitter still learns what happened to their own comment.
    assert "Goes into the 2027 plan." in _status(client, facts, "en")


def test_the_api_comment_carries_its_outcomes_as_documented(
    app: Flask, client: FlaskClient
) -> None:
    facts = _decided(app)
    document = client.get("/api/v1/openapi.json").get_json()
    response = client.get(f"/api/v1/consultations/hled-2026/comments/{facts['public_id']}")
    assert response.status_code == 200
    body = response.get_json()
    operation = document["paths"]["/consultations/{slug}/comments/{public_id}"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert problems(body, schema, document) == []
    assert body["outcomes"] == [
        {
            "kind": "adopted",
            "note": {"en": "Goes into the 2027 plan.", "es": "Entra en el plan de 2027."},
            "agenda_item": {"en": facts["item_en"], "es": facts["item_es"]},
            "meeting": {"en": "Cabinet meeting", "es": "Reunión de gabinete"},
            "meeting_date": "2026-12-10",
            "recorded_at": body["outcomes"][0]["recorded_at"],
        }
    ]
    # The list stays as it was: outcomes belong to one comment's answer.
    page = client.get("/api/v1/consultations/hled-2026/comments").get_json()
    assert "outcomes" not in page["items"][0]
