"""Search ignores case and accents in both languages, on each engine's own index."""

from __future__ import annotations

import pytest
from flask import Flask

from app.db import db
from app.enums import Role, SubmissionStatus
from tests import factories
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")


@pytest.fixture
def corpus(app: Flask) -> Flask:
    with app.app_context():
        factories.submission(db.session, title="Educación técnica en Nuevo León",
                             body="Proponemos más becas de formación dual.")  # fmt: skip
        factories.submission(db.session, title="Border crossings",
                             body="Faster cargo inspection at Laredo.",
                             organization="Cámara de Comercio Fronteriza")  # fmt: skip
        factories.submission(db.session, title="Semiconductores",
                             body="Cadenas de suministro para la industria de chips.",
                             status=SubmissionStatus.APPROVED)  # fmt: skip
        db.session.commit()
    return app


@pytest.mark.parametrize(
    ("query", "found", "absent"),
    [
        ("educacion", "Educación técnica", "Border crossings"),
        ("EDUCACIÓN", "Educación técnica", "Border crossings"),
        ("formacion dual", "Educación técnica", "Border crossings"),
        ("camara fronteriza", "Border crossings", "Educación técnica"),
        ("LAREDO", "Border crossings", "Educación técnica"),
    ],
)
def test_search_ignores_case_and_accents(corpus: Flask, query: str, found: str, absent: str):
    client = signed_in(corpus, Role.MODERATOR)
    page = client.get("/en/staff/queue", query_string={"q": query}).get_data(as_text=True)
    assert found in page
    assert absent not in page


def test_search_combines_with_filters_and_counts(corpus: Flask) -> None:
    client = signed_in(corpus, Role.MODERATOR)
    page = client.get("/en/staff/queue?q=chips&status=approved").get_data(as_text=True)
    assert "Semiconductores" in page
    assert "Approved: <strong>1</strong>" in page
    assert "Pending: <strong>0</strong>" in page


@pytest.mark.parametrize(
    "hostile", ['"', "*", "%", "_", "\\", "NEAR(a b)", "a AND OR NOT", "x" * 190, "é*"]
)
def test_query_syntax_is_just_text(corpus: Flask, hostile: str) -> None:
    client = signed_in(corpus, Role.MODERATOR)
    response = client.get("/en/staff/queue", query_string={"q": hostile})
    assert response.status_code == 200


def test_sql_in_a_query_matches_nothing_and_is_shown_escaped(corpus: Flask) -> None:
    client = signed_in(corpus, Role.MODERATOR)
    page = client.get("/en/staff/queue", query_string={"q": "' OR 1=1 --"}).get_data(as_text=True)
    assert "No comments match these filters." in page
    assert 'value="&#39; OR 1=1 --"' in page


def test_edits_are_searchable_at_once(corpus: Flask) -> None:
    from sqlalchemy import select

    from app.models import Submission

    with corpus.app_context():
        row = db.session.scalar(select(Submission).where(Submission.title == "Border crossings"))
        row.body = "Ahora habla de energía eólica."
        db.session.commit()
    client = signed_in(corpus, Role.MODERATOR)
    assert "Border crossings" in client.get("/en/staff/queue?q=eolica").get_data(as_text=True)
    assert "Border crossings" not in client.get("/en/staff/queue?q=laredo").get_data(as_text=True)
