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
from app.models import Country, Pillar, Sector
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


@dataclass
class Themed:
    sectors: list[tuple[str, str]]  # names (en, es) of the first three sectors
    pillars: list[tuple[str, str]]  # names of the first two pillars


def _theme(session, pillar, label: tuple[str, str], members, dismissed: bool = False) -> None:
    """A theme a person labelled (the report shows a person's label as is; a generated one is
    written from the publishable comments alone: tests/themes/test_public_label.py)."""
    from app.themes.models import Theme, ThemeMember

    consultation = members[0].consultation
    theme = Theme(
        consultation_id=consultation.id,
        pillar_id=pillar.id,
        label_en=label[0],
        label_es=label[1],
        label_edited=True,
        dismissed=dismissed,
        support=len(members),
        comments=len(members),
    )
    session.add(theme)
    session.flush()
    session.add_all(ThemeMember(submission_id=sub.id, theme_id=theme.id) for sub in members)


@pytest.fixture
def themed(app: Flask) -> Themed:
    """Pillar 0: a theme of three published comments (three sectors, both countries) and
    two that may not be counted; a theme of unpublishable comments only; a dismissed theme.
    Pillar 1: a theme, and no meeting took up any comment (the report has no agenda item)."""
    from tests.public.helpers import published

    with app.app_context():
        session = db.session
        sectors = list(session.scalars(select(Sector).order_by(Sector.position)))[:3]
        pillars = list(session.scalars(select(Pillar).order_by(Pillar.position)))[:2]
        us = session.get(Country, "US")
        first = pillars[0]
        backed = [
            published(session, sector=sectors[0], primary_pillar=first),
            published(session, sector=sectors[1], primary_pillar=first, consent=Consent.ANONYMOUS),
            published(session, sector=sectors[2], primary_pillar=first, country=us,
                      region_code=None),
        ]  # fmt: skip

        def hidden() -> list:
            return [
                published(session, title="Unconsented secret", body="Unconsented body text.",
                          consent=Consent.NONE, primary_pillar=pillars[0]),
                published(session, title="Withdrawn secret", body="Withdrawn body text.",
                          status=SubmissionStatus.WITHDRAWN, primary_pillar=pillars[0]),
                published(session, title="Disputed secret", disputed_at=utcnow(),
                          primary_pillar=pillars[0]),
            ]  # fmt: skip

        _theme(session, pillars[0], ("Border wait times", "Tiempos de espera en la frontera"),
               backed + hidden())  # fmt: skip
        _theme(session, pillars[0], ("Unconsented secret theme", "Asunto secreto sin permiso"),
               hidden())  # fmt: skip
        _theme(session, pillars[0], ("Dismissed noise", "Ruido descartado"),
               [published(session, primary_pillar=pillars[0])], dismissed=True)  # fmt: skip
        _theme(session, pillars[1], ("Customs training", "Capacitación aduanera"),
               [published(session, primary_pillar=pillars[1])])  # fmt: skip
        session.commit()
        return Themed(
            sectors=[(s.name_en, s.name_es) for s in sectors],
            pillars=[(p.name_en, p.name_es) for p in pillars],
        )


THEMES_EXPECTED = {
    "en": (
        "Themes of the published comments",
        "Border wait times",
        "3 published comments. Convergence: backed by at least three sectors and by both countries",
        "Customs training",
        "1 published comment.",
        "No meeting has taken up this consultation's comments yet.",
    ),
    "es": (
        "Asuntos de los comentarios publicados",
        "Tiempos de espera en la frontera",
        "3 comentarios publicados. Convergencia:",
        "Capacitación aduanera",
        "1 comentario publicado.",
        "Ninguna reunión ha tratado todavía los comentarios de esta consulta.",
    ),
}
THEMES_HIDDEN = (
    "Unconsented", "Withdrawn", "Disputed", "secret", "Secret", "Dismissed", "Ruido",
    "Asunto secreto", "Ana López",
)  # fmt: skip


def _assert_themes(text: str, themed: Themed, lang: str) -> None:
    index = 0 if lang == "en" else 1
    for expected in THEMES_EXPECTED[lang]:
        assert expected in text, expected
    for sector in themed.sectors:
        assert sector[index] in text, sector
    for pillar in themed.pillars:
        assert pillar[index] in text, pillar
    other = THEMES_EXPECTED["es" if lang == "en" else "en"]
    assert other[1] not in text  # the label in the page's language only
    for word in THEMES_HIDDEN:
        assert word not in text, word


@pytest.mark.parametrize("lang", ["en", "es"])
def test_report_shows_each_pillars_themes_over_published_comments(
    client: FlaskClient, themed: Themed, lang: str
) -> None:
    response = client.get(REPORT.format(lang=lang))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = _squash(html)
    _assert_themes(text, themed, lang)
    # Counted by country: two in Mexico, one in the United States (in the page's language).
    country = ("Mexico", "United States") if lang == "en" else ("México", "Estados Unidos")
    assert f'<td>{country[0]}</td><td class="consulta-report__num">2</td>' in html
    assert f'<td>{country[1]}</td><td class="consulta-report__num">1</td>' in html


@pytest.mark.parametrize("lang", ["en", "es"])
def test_report_pdf_shows_the_themes(client: FlaskClient, themed: Themed, lang: str) -> None:
    response = client.get(REPORT.format(lang=lang) + ".pdf")
    assert response.status_code == 200
    _assert_themes(pdf_text(response.data), themed, lang)
