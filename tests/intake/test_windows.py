"""A consultation takes comments only between opens_at and closes_at, and says so."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.db import db, utcnow
from app.models import Submission
from tests import factories
from tests.intake.helpers import open_form, submit


@pytest.fixture
def windows(seeded: Flask) -> Flask:
    now = utcnow()
    with seeded.app_context():
        factories.consultation(
            db.session, slug="future", opens_at=now + timedelta(days=3),
            closes_at=now + timedelta(days=30),
        )  # fmt: skip
        factories.consultation(
            db.session, slug="past", opens_at=now - timedelta(days=30),
            closes_at=now - timedelta(days=1),
        )  # fmt: skip
        db.session.commit()
    return seeded


@pytest.mark.parametrize(
    ("slug", "lang", "message"),
    [
        ("future", "es", "Esta consulta se abrirá el"),
        ("past", "es", "Esta consulta cerró el"),
        ("future", "en", "This consultation opens on"),
        ("past", "en", "This consultation closed on"),
    ],
)
def test_outside_the_window_the_form_says_so(
    windows: Flask, client: FlaskClient, slug: str, lang: str, message: str
) -> None:
    page = client.get(f"/{lang}/c/{slug}/submit").get_data(as_text=True)
    assert message in page
    assert 'name="body"' not in page
    assert "(hora del centro de México)" in page or "(Central Mexico time)" in page


def test_a_post_after_closing_is_refused_and_the_text_given_back(
    windows: Flask, client: FlaskClient
) -> None:
    hidden = open_form(client, "es", "hled-2026")
    response = submit(client, "es", slug="past", hidden=hidden)
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Esta consulta cerró el" in page
    assert "cruces fronterizos de Nuevo León" in page
    with windows.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 0


def test_closed_consultations_are_not_listed_as_open(windows: Flask, client: FlaskClient) -> None:
    page = client.get("/en/").get_data(as_text=True)
    assert "/en/c/hled-2026/" in page
    assert "/en/c/past/" not in page
    assert "/en/c/future/" not in page
