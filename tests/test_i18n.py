"""Every public page lives under /en/ or /es/, in that language, with a way to the other."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-MX,es;q=0.9,en;q=0.5", "/es/"),
        ("en-US,en;q=0.9", "/en/"),
        ("fr-FR,fr;q=0.9", "/en/"),
        ("fr-FR,es;q=0.5", "/es/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client: FlaskClient, header: str, expected: str) -> None:
    response = client.get("/", headers={"Accept-Language": header})
    assert response.status_code == 302
    assert response.headers["Location"] == expected
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize(
    ("lang", "heading"), [("en", "Open consultations"), ("es", "Consultas abiertas")]
)
def test_landing_page_is_in_the_prefix_language(seeded, client: FlaskClient, lang, heading) -> None:
    page = client.get(f"/{lang}/").get_data(as_text=True)
    assert f'<html lang="{lang}">' in page
    assert heading in page


def test_landing_lists_the_open_consultation_in_each_language(seeded, client: FlaskClient) -> None:
    english = client.get("/en/").get_data(as_text=True)
    spanish = client.get("/es/").get_data(as_text=True)
    assert "/en/c/hled-2026/" in english
    assert "/es/c/hled-2026/" in spanish
    assert "Diálogo Económico de Alto Nivel" in spanish
    assert "High-Level Economic Dialogue" in english


def test_language_switch_points_to_the_same_page(seeded, client: FlaskClient) -> None:
    page = client.get("/es/c/hled-2026/").get_data(as_text=True)
    assert 'href="/en/c/hled-2026/"' in page
    page = client.get("/en/c/hled-2026/").get_data(as_text=True)
    assert 'href="/es/c/hled-2026/"' in page


def test_dates_follow_the_page_locale_and_consultation_time_zone(
    seeded, client: FlaskClient
) -> None:
    spanish = client.get("/es/c/hled-2026/").get_data(as_text=True)
    english = client.get("/en/c/hled-2026/").get_data(as_text=True)
    months_es = (
        "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
    )
    assert re.search(rf"\d+ de ({months_es}) de \d{{4}}", spanish)
    assert "h (hora del centro de México)" in spanish
    assert "(Central Mexico time)" in english
    assert re.search(
        r"(January|February|March|April|May|June|July|August|September|October|November"
        r"|December) \d+, \d{4}",
        english,
    )


def test_pillars_are_named_in_the_page_language(seeded, client: FlaskClient) -> None:
    spanish = client.get("/es/c/hled-2026/").get_data(as_text=True)
    assert "Reconstruir juntos" in spanish
    assert "Building Back Together" not in spanish


@pytest.mark.parametrize("path", ["/fr/", "/de/c/hled-2026/", "/EN/"])
def test_unknown_language_prefix_is_a_404(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_error_pages_speak_the_prefix_language(client: FlaskClient) -> None:
    response = client.get("/es/no-existe")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert '<html lang="es">' in page
    assert "Página no encontrada" in page
    assert 'href="/en/"' in page


def test_unknown_consultation_is_a_localized_404(seeded, client: FlaskClient) -> None:
    response = client.get("/es/c/no-such-thing/")
    assert response.status_code == 404
    assert "Página no encontrada" in response.get_data(as_text=True)


def test_method_not_allowed_is_localized(client: FlaskClient) -> None:
    response = client.delete("/es/")
    assert response.status_code == 405
    assert '<html lang="es">' in response.get_data(as_text=True)


def test_server_error_page_is_localized_and_rolls_back(app, client: FlaskClient) -> None:
    @app.get("/<lang:lang>/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    app.testing = False  # let the error handler answer instead of re-raising
    response = client.get("/es/boom")
    assert response.status_code == 500
    assert "Ocurrió un error" in response.get_data(as_text=True)


def test_request_too_large_is_a_localized_413(seeded, app, client: FlaskClient) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post(
        "/es/c/hled-2026/submit",
        data={"body": "x" * 4096},
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert "Envío demasiado grande" in response.get_data(as_text=True)


# Around Mexico City's last change of clock (April 2022), New Year and a U.S. one (2027).
WHEN_VALUES = [
    datetime(2022, 4, 3, 7, 59, tzinfo=UTC),
    datetime(2022, 4, 3, 8, 1, tzinfo=UTC),
    datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
    datetime(2027, 1, 1, 5, 59),  # naive: read as UTC, as flask_babel reads it
    datetime(2027, 3, 1, 15, 5, tzinfo=UTC),
    datetime(2027, 3, 14, 8, 30, tzinfo=ZoneInfo("America/New_York")),
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("zone", ["America/Mexico_City", "America/Tijuana"])
def test_timestamps_read_as_flask_babel_writes_them(app, lang: str, zone: str) -> None:
    """format_when and format_time_of_day keep Babel's parsed patterns across requests (the
    queue writes fifty timestamps a page); their text stays flask_babel's, in both
    languages, in either time zone, in every style."""
    from flask_babel import format_date, format_time, get_timezone

    from app.config import TIME_PATTERNS
    from app.i18n import force_language, format_time_of_day, format_when

    app.extensions["babel"].default_timezone = zone  # what BABEL_DEFAULT_TIMEZONE sets
    with app.test_request_context(f"/{lang}/"), force_language(lang):
        assert str(get_timezone()) == zone
        for value in WHEN_VALUES * 2:  # the second pass reads the memo of days
            time_text = format_time(value, TIME_PATTERNS[lang])
            assert format_time_of_day(value) == time_text
            for style, date_style in (("short", "medium"), ("medium", "long"), ("long", "long")):
                expected = f"{format_date(value, date_style)}, {time_text}"
                assert format_when(value, style) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Mar 1, 2027, 9:05 AM"), ("es", "1 mar 2027, 9:05 h")],
)
def test_a_timestamp_as_people_read_it(app, lang: str, expected: str) -> None:
    from app.i18n import force_language, format_when

    with app.test_request_context(f"/{lang}/"), force_language(lang):
        assert format_when(datetime(2027, 3, 1, 15, 5, tzinfo=UTC)) == expected


@pytest.mark.parametrize("lang", ["en", "es"])
def test_wtforms_messages_read_as_flask_wtf_gives_them(app, lang: str) -> None:
    """WTFORMS_MESSAGES keeps each language's WTForms catalogue across requests (Flask-WTF
    loads it from disk on every request); the text is Flask-WTF's, in both languages, and
    the forms of the queue use it."""
    from flask_wtf.i18n import translations

    from app.i18n import WTFORMS_MESSAGES, force_language
    from app.moderation.forms import BulkDecisionForm, QueueFilterForm

    for _ in range(2):
        with app.test_request_context(f"/{lang}/"), force_language(lang):
            for message in ("Not a valid choice.", "This field is required."):
                assert WTFORMS_MESSAGES.gettext(message) == translations.gettext(message)
            many = ("Field must be at least %(min)d character long.",
                    "Field must be at least %(min)d characters long.")  # fmt: skip
            for n in (1, 2):
                assert WTFORMS_MESSAGES.ngettext(*many, n) == translations.ngettext(*many, n)
            spanish = WTFORMS_MESSAGES.gettext("Not a valid choice.") != "Not a valid choice."
            assert spanish == (lang == "es")
            for form in (QueueFilterForm(formdata=None), BulkDecisionForm(formdata=None)):
                assert form.meta.get_translations(form) is WTFORMS_MESSAGES
