"""The meeting form chooses its consultations with checkboxes (issue 14, point 17), and ticks
the only consultation there is."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.enums import Role
from app.models import Consultation
from tests import factories
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")


def _boxes(page: str) -> list[str]:
    return re.findall(r'<input class="usa-checkbox__input"[^>]*name="consultations"[^>]*>', page)


def test_the_only_consultation_is_a_ticked_checkbox(app: Flask) -> None:
    client = signed_in(app, Role.SECRETARIAT)
    page = client.get("/en/staff/meetings/new").get_data(as_text=True)
    assert "<select" not in re.search(
        r'<fieldset[^>]*id="consultations".*?</fieldset>', page, re.S
    ).group(0)
    boxes = _boxes(page)
    assert len(boxes) == 1
    assert " checked" in boxes[0]
    with app.app_context():
        only = db.session.scalars(select(Consultation)).one()
        assert f'value="{only.id}"' in boxes[0]
    assert re.search(
        rf'<label class="usa-checkbox__label" for="consultation-{only.id}">hled-2026 · ', page
    )


def test_with_several_consultations_none_is_ticked_for_the_secretariat(app: Flask) -> None:
    with app.app_context():
        factories.consultation(db.session, slug="second-round")
        db.session.commit()
    client = signed_in(app, Role.SECRETARIAT)
    boxes = _boxes(client.get("/en/staff/meetings/new").get_data(as_text=True))
    assert len(boxes) == 2
    assert not any(" checked" in box for box in boxes)
