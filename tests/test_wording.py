"""Wording and formats a reader notices (issue 14, points 7, 9 and 10, and the native review
of the Spanish catalogue): names instead of codes, numbers grouped as in Mexico and the U.S.,
plural forms, distinct column headings, lower-case language names inside Spanish sentences."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from flask import Flask, g
from flask_babel import format_decimal, ngettext

from app.db import db
from app.enums import Language, Role, SubmissionStatus
from app.forms import TOO_LONG
from app.i18n import format_in_timezone, format_when, language_name
from app.models import Country
from tests import factories
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")


class _Cells(HTMLParser):
    """The text of every <th> of a page, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "th":
            self._inside = True
            self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "th":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.headings[-1] += data


def _headings(page: str) -> list[str]:
    parser = _Cells()
    parser.feed(page)
    return [h.strip() for h in parser.headings if h.strip()]


def _in(app: Flask, lang: str):
    """A request on a page of that language (the locale chosen as for a real page)."""
    context = app.test_request_context(f"/{lang}/")
    context.push()
    g.lang = lang
    return context


def _canadian(app: Flask) -> None:
    with app.app_context():
        factories.submission(
            db.session,
            title="Comercio trilateral",
            country=db.session.get(Country, "CA"),
            region_code=None,
        )
        db.session.commit()


def test_the_spanish_queue_headings_are_all_different(app: Flask) -> None:
    _canadian(app)
    client = signed_in(app, Role.MODERATOR, Language.ES)
    page = client.get("/es/staff/queue").get_data(as_text=True)
    headings = _headings(page)
    assert "Estatus" in headings
    assert "Ubicación" in headings
    assert "Estado" not in headings
    assert len(headings) == len(set(headings)), headings
    # "Campañas: Todas": the campaign filter's first option agrees with its label.
    campaigns = re.search(r'<select[^>]*name="campaign"[^>]*>\s*<option[^>]*>([^<]*)<', page)
    assert campaigns
    assert campaigns.group(1) == "Todas"


@pytest.mark.parametrize(("lang", "name"), [("en", "Canada"), ("es", "Canadá")])
def test_the_queue_names_the_country_not_its_code(app: Flask, lang: str, name: str) -> None:
    _canadian(app)
    language = Language.ES if lang == "es" else Language.EN
    client = signed_in(app, Role.MODERATOR, language)
    page = client.get(f"/{lang}/staff/queue").get_data(as_text=True)
    assert f">{name}</td>" in page
    assert ">CA</td>" not in page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_numbers_over_999_are_grouped_with_a_comma_in_both_languages(app: Flask, lang: str) -> None:
    context = _in(app, lang)
    try:
        assert format_decimal(20000) == "20,000"
        assert format_decimal(1234.5) == "1,234.5"  # Mexico's decimal point, not Spain's comma
        assert str(TOO_LONG % {"max": 20000, "min": -1, "length": 20001}).count("20,000") == 1
    finally:
        context.pop()


@pytest.mark.parametrize(
    ("lang", "hint"),
    [("en", "Between 20 and 20,000 characters."), ("es", "Entre 20 y 20,000 caracteres.")],
)
def test_the_form_states_its_length_limit_with_a_thousands_separator(
    client, lang: str, hint: str
) -> None:
    page = client.get(f"/{lang}/c/hled-2026/submit").get_data(as_text=True)
    assert hint in page
    assert "20000" not in page.replace('data-maxlength="20000"', "").replace(
        'maxlength="20000"', ""
    )


def test_status_messages_agree_in_number(app: Flask) -> None:
    singular, plural = (
        "Status of %(count)s comment changed to “%(status)s”.",
        "Status of %(count)s comments changed to “%(status)s”.",
    )
    context = _in(app, "es")
    try:
        status = SubmissionStatus.APPROVED.label
        assert ngettext(singular, plural, 1, count="1", status=status) == (
            "Se cambió el estatus de 1 comentario a “Aprobado”."
        )
        assert ngettext(singular, plural, 2, count="2", status=status) == (
            "Se cambió el estatus de 2 comentarios a “Aprobado”."
        )
        more = ("and %(num)s more organization", "and %(num)s more organizations")
        assert ngettext(*more, 1) == "y 1 organización más"
        assert ngettext(*more, 3) == "y 3 organizaciones más"
    finally:
        context.pop()
    context = _in(app, "en")
    try:
        assert ngettext(singular, plural, 5, count="5", status="Approved") == (
            "Status of 5 comments changed to “Approved”."
        )
    finally:
        context.pop()


def test_language_names_inside_a_spanish_sentence_are_lower_case(app: Flask) -> None:
    context = _in(app, "es")
    try:
        assert Language.ES.in_sentence == "español"
        assert Language.EN.in_sentence == "inglés"
        assert Language.ES.label == "Español"  # alone, in a list of options
        assert language_name("fr") == "francés"
    finally:
        context.pop()
    context = _in(app, "en")
    try:
        assert Language.ES.in_sentence == "Spanish"
    finally:
        context.pop()


def test_the_submission_page_names_the_languages(app: Flask) -> None:
    with app.app_context():
        row = factories.submission(db.session, detected_language="en")
        db.session.commit()
        submission_id = row.id
    client = signed_in(app, Role.MODERATOR, Language.ES)
    page = client.get(f"/es/staff/submissions/{submission_id}").get_data(as_text=True)
    assert "inglés (formulario en español)" in page
    assert "Español)" not in page


def test_times_have_no_nested_parentheses_and_follow_mexican_usage(app: Flask) -> None:
    moment = datetime(2027, 3, 1, 15, 5, tzinfo=UTC)
    context = _in(app, "es")
    try:
        shown = format_in_timezone(moment, "America/Mexico_City")
        assert shown == "1 de marzo de 2027, 9:05 h (hora del centro de México)"
        assert format_in_timezone(moment, "America/Mexico_City", zone=False).endswith("9:05 h")
        assert format_when(moment) == "1 mar 2027, 9:05 h"  # the staff zone, month spelled out
    finally:
        context.pop()
    context = _in(app, "en")
    try:
        shown = format_in_timezone(moment, "America/Mexico_City")
        assert shown == "March 1, 2027, 9:05 AM (Central Mexico time)"
        assert format_when(moment) == "Mar 1, 2027, 9:05 AM"
    finally:
        context.pop()


def test_a_consultation_window_names_its_time_zone_once(client) -> None:
    page = client.get("/es/c/hled-2026/").get_data(as_text=True)
    sentence = re.search(r"Abierta del [^<]*", page)
    assert sentence, page
    assert sentence.group(0).count("hora del centro de México") == 1
    assert "((" not in page
    assert "))" not in page


def test_the_spanish_taxonomy_page_shows_the_spanish_name_first(app: Flask) -> None:
    client = signed_in(app, Role.ADMIN, Language.ES)
    page = client.get("/es/staff/admin/taxonomy").get_data(as_text=True)
    first = re.search(r'<span lang="(en|es)">', page)
    assert first
    assert first.group(1) == "es"
    english = signed_in(app, Role.ADMIN, Language.EN, email="otra@example.org")
    page = english.get("/en/staff/admin/taxonomy").get_data(as_text=True)
    first = re.search(r'<span lang="(en|es)">', page)
    assert first
    assert first.group(1) == "en"
