"""Attachments judged by what they really hold: damaged archives, archives that inflate past
what they declare, markup hidden deep in a PDF, images that declare huge sizes. Each is
refused with the form's localized message and the text typed is kept, never a 500."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.db import db
from app.models import Submission
from tests.intake import files
from tests.intake.helpers import submit

pytestmark = pytest.mark.usefixtures("seeded")

DAMAGED = {"en": "This file is damaged or too complex to accept.",
           "es": "Este archivo está dañado o es demasiado complejo para aceptarlo."}  # fmt: skip


def _refused_with(client: FlaskClient, lang: str, data: bytes, name: str, message: str) -> None:
    response = submit(client, lang, files=[(data, name)])
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert "María Fernanda Garza" in page
    assert "Proponemos ampliar los cruces fronterizos" in page


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    "tampering", [{"crc": 0xDEADBEEF}, {"method": 9}, {"method": 99}], ids=["crc", "m9", "m99"]
)
def test_damaged_docx_is_refused_with_the_form_message_not_a_500(
    app: Flask, client: FlaskClient, lang: str, tampering: dict[str, int]
) -> None:
    _refused_with(client, lang, files.tampered_docx(**tampering), "plan.docx", DAMAGED[lang])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 0


@pytest.mark.parametrize("lang", ["en", "es"])
def test_zip_bomb_whose_headers_lie_about_its_size_is_refused(
    client: FlaskClient, lang: str
) -> None:
    _refused_with(client, lang, files.lying_zip_bomb_docx(), "plan.docx", DAMAGED[lang])
