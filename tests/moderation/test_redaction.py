"""Redaction: a public version beside an untouched original, the difference visible, and
personal data flagged so it is not missed."""

from __future__ import annotations

import json

import pytest
from flask import Flask

from app.db import db
from app.enums import EventAction, Role
from app.models import Submission
from app.moderation.redaction import personal_data
from tests import factories
from tests.staff.helpers import csrf_from, signed_in

pytestmark = pytest.mark.usefixtures("seeded")

BODY = (
    "Soy Ana López, mi correo es ana.lopez@correo.mx y mi celular +52 81 1234 5678. "
    "Proponemos ampliar el cruce de Colombia, Nuevo León."
)


@pytest.fixture
def sid(app: Flask) -> int:
    with app.app_context():
        row = factories.submission(db.session, body=BODY)
        db.session.commit()
        return row.id


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("escríbame a ana.lopez@correo.mx", "email"),
        ("mi celular +52 81 1234 5678", "phone"),
        ("call (512) 555-0142 today", "phone"),
        ("CURP GOLA850101MNLPPN09", "curp"),
        ("SSN 123-45-6789", "ssn"),
    ],
)
def test_personal_data_is_found(text: str, kind: str) -> None:
    assert kind in {f.kind for f in personal_data(text)}


def test_ordinary_numbers_are_not_flagged() -> None:
    assert personal_data("En 2026 se exportaron 1,500 toneladas por 3 cruces.") == []


def test_page_flags_personal_data(app: Flask, sid: int) -> None:
    client = signed_in(app, Role.MODERATOR)
    page = client.get(f"/en/staff/submissions/{sid}").get_data(as_text=True)
    assert "<mark>ana.lopez@correo.mx</mark>" in page
    assert "<mark>+52 81 1234 5678</mark>" in page


def test_redaction_keeps_the_original_and_shows_the_difference(app: Flask, sid: int) -> None:
    client = signed_in(app, Role.MODERATOR)
    page = client.get(f"/en/staff/submissions/{sid}").get_data(as_text=True)
    public = BODY.replace("ana.lopez@correo.mx", "[correo]").replace("+52 81 1234 5678", "[tel]")
    response = client.post(
        f"/en/staff/submissions/{sid}/redact",
        data={"csrf_token": csrf_from(page), "version": 1,
              "public_title": "Cadena de suministro", "public_body": public},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/en/staff/submissions/{sid}").get_data(as_text=True)
    assert "<del>ana.lopez@correo.mx</del>" in page
    assert "<ins>[correo]</ins>" in page
    assert "<mark>" not in page.split("Public version")[1].split("</form>")[0]
    with app.app_context():
        row = db.session.get(Submission, sid)
        assert row.body == BODY
        assert row.public_body == public
        assert row.public_title is None  # unchanged title: nothing redacted there
        assert row.published_body == public
        event = row.events[-1]
        assert event.action is EventAction.REDACTED
        assert json.loads(event.details)["body_changed"] is True


def test_redaction_on_a_stale_page_saves_nothing(app: Flask, sid: int) -> None:
    client = signed_in(app, Role.MODERATOR)
    page = client.get(f"/en/staff/submissions/{sid}").get_data(as_text=True)
    with app.app_context():
        row = db.session.get(Submission, sid)
        row.title = "Changed meanwhile"
        db.session.commit()
    response = client.post(
        f"/en/staff/submissions/{sid}/redact",
        data={"csrf_token": csrf_from(page), "version": 1,
              "public_title": "x", "public_body": "Texto público suficientemente largo."},
    )  # fmt: skip
    assert response.status_code == 409
    with app.app_context():
        assert db.session.get(Submission, sid).public_body is None


def test_redacted_text_is_shown_escaped(app: Flask, sid: int) -> None:
    client = signed_in(app, Role.MODERATOR)
    page = client.get(f"/en/staff/submissions/{sid}").get_data(as_text=True)
    client.post(
        f"/en/staff/submissions/{sid}/redact",
        data={"csrf_token": csrf_from(page), "version": 1, "public_title": "t",
              "public_body": BODY + " <script>alert(1)</script>"},
    )  # fmt: skip
    page = client.get(f"/en/staff/submissions/{sid}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
