"""The public report, /<lang>/c/<slug>/report and its PDF: per pillar, the agenda items of the
consultation's meetings with their publishable comments counted by sector and by country, and
each item's current outcome, in the page's language."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.agenda import services as agenda_services
from app.db import db, utcnow
from app.enums import Consent, Language, OutcomeKind, Role, SubmissionStatus
from app.models import Country, Sector
from app.staff.models import User
from app.staff.services import create_user
from tests.packets.helpers import meeting_with_items, place
from tests.staff.helpers import PASSWORD

pytestmark = pytest.mark.usefixtures("seeded")
REPORT = "/{lang}/c/hled-2026/report"


def pdf_text(data: bytes) -> str:
    """The PDF's text as pdftotext reads it, lines joined (words may wrap)."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(out.stdout.decode("utf-8").split())


@dataclass
class Built:
    sectors: tuple[str, str]  # names (en, es) of the second sector
    pillar: tuple[str, str]  # names of the first pillar
    item_titles: tuple[str, str]  # the second item's titles


@pytest.fixture
def built(app: Flask) -> Built:
    with app.app_context():
        session = db.session
        agenda = meeting_with_items(session)
        sectors = list(session.scalars(select(Sector).order_by(Sector.position)))
        us = session.get(Country, "US")
        # Item 0: three published (two of sector 0 in Mexico, one of sector 1 in the US) and
        # one of each kind the report must not count.
        place(session, agenda, 0, "a", consent=Consent.NAMED, title="Secret title A")
        place(session, agenda, 0, "b", consent=Consent.ANONYMOUS, position=1)
        place(session, agenda, 0, "c", sector=sectors[1], country=us, region_code=None, position=2)
        place(session, agenda, 0, "none", consent=Consent.NONE, position=3)
        place(session, agenda, 0, "withdrawn", status=SubmissionStatus.WITHDRAWN, position=4)
        place(session, agenda, 0, "pending", status=SubmissionStatus.PENDING, position=5)
        place(session, agenda, 0, "disputed", disputed_at=utcnow(), position=6)
        place(session, agenda, 0, "excluded", excluded=True, position=7)
        actor = session.scalars(select(User)).first() or create_user(
            session, "sec@example.org", PASSWORD, Role.SECRETARIAT, Language.EN
        )
        item = agenda.items[0]
        agenda_services.record_outcome(
            session, actor, item, kind=OutcomeKind.UNDER_CONSIDERATION, note_en="", note_es=""
        )
        agenda_services.record_outcome(
            session, actor, item, kind=OutcomeKind.ADOPTED,
            note_en="Adopted for the plan.", note_es="Adoptado para el plan.",
        )  # fmt: skip
        session.commit()
        second = agenda.items[1]
        return Built(
            sectors=(sectors[1].name_en, sectors[1].name_es),
            pillar=(agenda.pillars[0].name_en, agenda.pillars[0].name_es),
            item_titles=(second.title_en, second.title_es),
        )


EXPECTED = {
    "en": (
        "What we heard and what we did",
        "3 published comments.",
        "Adopted: Adopted for the plan.",
        "No outcome recorded yet.",
        "No published comments.",
    ),
    "es": (
        "Lo que escuchamos y lo que hicimos",
        "3 comentarios publicados.",
        "Adoptado: Adoptado para el plan.",
        "Aún no se ha registrado un resultado.",
        "No hay comentarios publicados.",
    ),
}


def _squash(html: str) -> str:
    return " ".join(html.replace("<strong>", "").replace("</strong>", "").split())


@pytest.mark.parametrize("lang", ["en", "es"])
def test_report_counts_only_published_comments_with_the_current_outcome(
    client: FlaskClient, built: Built, lang: str
) -> None:
    response = client.get(REPORT.format(lang=lang))
    assert response.status_code == 200
    text = _squash(response.get_data(as_text=True))
    index = 0 if lang == "en" else 1
    for expected in EXPECTED[lang]:
        assert expected in text, expected
    assert built.pillar[index] in text
    assert built.sectors[index] in text
    assert built.item_titles[index] in text
    assert "Secret title A" not in text  # counts only: no comment is shown
    assert "/report.pdf" in text
    # Under consideration was replaced by Adopted: only the current outcome is shown.
    assert ("Under consideration" if lang == "en" else "En análisis") not in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_report_pdf_says_what_the_page_says(client: FlaskClient, built: Built, lang: str) -> None:
    response = client.get(REPORT.format(lang=lang) + ".pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert f"report-hled-2026-{lang}.pdf" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    for expected in EXPECTED[lang]:
        assert expected in text, expected
    index = 0 if lang == "en" else 1
    assert built.sectors[index] in text
    assert built.pillar[index] in text
    assert "Secret title A" not in text


def test_report_of_a_consultation_without_meetings(client: FlaskClient) -> None:
    response = client.get(REPORT.format(lang="en"))
    assert response.status_code == 200
    assert "No meeting has taken up" in response.get_data(as_text=True)


def test_unknown_consultation_is_404(client: FlaskClient) -> None:
    assert client.get("/en/c/nope/report").status_code == 404
    assert client.get("/es/c/nope/report.pdf").status_code == 404


def test_consultation_page_and_comment_list_link_the_report(client: FlaskClient) -> None:
    for url in ("/en/c/hled-2026/", "/en/c/hled-2026/comments"):
        assert 'href="/en/c/hled-2026/report"' in client.get(url).get_data(as_text=True), url


def test_report_pdf_downloads_are_limited_per_address(app: Flask, client: FlaskClient) -> None:
    """Each download renders a PDF: past RATELIMIT_REPORT_PDF the answer is a localized 429,
    and the HTML report stays open."""
    app.config["RATELIMIT_REPORT_PDF"] = "2 per minute"
    codes = [client.get(REPORT.format(lang="es") + ".pdf").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    refused = client.get(REPORT.format(lang="es") + ".pdf")
    assert '<html lang="es">' in refused.get_data(as_text=True)
    assert client.get(REPORT.format(lang="es")).status_code == 200
