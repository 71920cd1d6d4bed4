"""A theme's label on a public surface leaks no word of a comment kept from the public: a
generated label is written again from the theme's publishable comments alone; a label a person
wrote is shown as they wrote it (app.themes.queries.public_label)."""

from __future__ import annotations

import subprocess

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.db import db
from app.enums import Consent, Language, OutcomeKind, Role
from app.models import Submission
from app.staff.services import create_user
from app.themes import analysis, queries
from app.themes.models import Theme, ThemeMember
from app.themes.services import build, record_outcome
from tests.exports.test_exports import URL, by_code, csv_rows
from tests.staff.helpers import PASSWORD, signed_in
from tests.themes.test_themes import _approved, _consultation, _corpus, _theme_of

pytestmark = pytest.mark.usefixtures("seeded")

SECRET = "zorbanite"
HELD_EN = [
    "Zorbanite zorbanite: keep the Laredo ports of entry open around the clock for zorbanite.",
    "Extended hours of operation at the border crossings for zorbanite, zorbanite, zorbanite.",
    "Zorbanite trucks wait for hours at the crossings; zorbanite needs 24 hours a day.",
    "Open the Nogales crossing around the clock: zorbanite, zorbanite.",
]
HELD_ES = [
    "Los cruces fronterizos de Laredo deberían operar las 24 horas para la zorbanite, zorbanite.",
    "Zorbanite: los camiones de zorbanite esperan horas en los cruces, zorbanite.",
    "Ampliar el horario de operación de los puertos de entrada para la zorbanite y zorbanite.",
    "Zorbanite en el cruce de Nogales las 24 horas, zorbanite.",
]


def _theme_with_held_words(app: Flask) -> int:
    """The hours theme of the test corpus, with three unconsented members that all say SECRET
    (often enough that the build's own label names it)."""
    with app.app_context():
        session = db.session
        made = _corpus(session)
        for body in HELD_EN:
            _approved(session, body, "en", consent=Consent.NONE)
        for body in HELD_ES:
            _approved(session, body, "es", consent=Consent.NONE)
        session.commit()
        build(session, _consultation(session))
        session.commit()
        theme = session.get(Theme, _theme_of(session, made["hours"][0]))
        assert theme is not None
        # The test means something only if the internal label does name the secret word.
        assert SECRET in f"{theme.label_en} {theme.label_es}".lower(), theme.label_en
        return theme.id


def test_a_generated_label_is_written_from_publishable_comments_only(app: Flask) -> None:
    theme_id = _theme_with_held_words(app)
    with app.app_context():
        session = db.session
        theme = session.get(Theme, theme_id)
        public = queries.summary(session, theme, lang="en", publishable_only=True, quotes=0)
        internal = queries.summary(session, theme, lang="en", quotes=0)
        assert public.label_en
        assert public.label_es
        assert SECRET not in f"{public.label_en} {public.label_es}".lower()
        assert (internal.label_en, internal.label_es) == (theme.label_en, theme.label_es)
        # A person's label is theirs to answer for: shown as they wrote it.
        theme.label_en, theme.label_es, theme.label_edited = "Open hours", "Horario abierto", True
        session.commit()
        edited = queries.summary(session, theme, lang="en", publishable_only=True, quotes=0)
        assert (edited.label_en, edited.label_es) == ("Open hours", "Horario abierto")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_public_report_never_shows_a_word_of_an_unconsented_member(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    theme_id = _theme_with_held_words(app)
    with app.app_context():
        slug = _consultation(db.session).slug
        theme = db.session.get(Theme, theme_id)
        public = queries.summary(db.session, theme, lang=lang, publishable_only=True, quotes=0)
        shown = public.label_en if lang == "en" else public.label_es
    page = client.get(f"/{lang}/c/{slug}/report")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert shown.split(",")[0] in text  # the theme is on the report, under its public label
    assert SECRET not in text.lower()
    pdf = client.get(f"/{lang}/c/{slug}/report.pdf")
    assert pdf.status_code == 200
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf.data, capture_output=True, check=True
    )
    pdf_text = " ".join(out.stdout.decode("utf-8").split()).lower()
    assert shown.split(",")[0].lower()[:12] in pdf_text
    assert SECRET not in pdf_text


def test_a_public_label_reads_a_sample_and_is_kept_until_its_comments_change(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report asks for every theme's label on every view: it is written from at most
    PUBLIC_LABEL_VOICES voices and kept while they and their public text stay the same."""
    theme_id = _theme_with_held_words(app)
    calls: list[int] = []
    real = analysis.labels_of

    def counted(lex, documents, idf):  # type: ignore[no-untyped-def]
        calls.append(len(documents))
        return real(lex, documents, idf)

    monkeypatch.setattr(analysis, "labels_of", counted)
    monkeypatch.setattr(queries, "PUBLIC_LABEL_VOICES", 4)
    with app.app_context():
        session = db.session
        theme = session.get(Theme, theme_id)
        first = queries.summary(session, theme, publishable_only=True, quotes=0)
        again = queries.summary(session, theme, publishable_only=True, quotes=0)
        assert calls == [4]  # six publishable voices, four read, once
        assert (again.label_en, again.label_es) == (first.label_en, first.label_es)
        assert SECRET not in f"{first.label_en} {first.label_es}".lower()
        # A redaction changes a comment's public text: the label is written again.
        member = session.scalars(
            select(Submission)
            .join(ThemeMember, ThemeMember.submission_id == Submission.id)
            .where(ThemeMember.theme_id == theme_id, Submission.consent != Consent.NONE)
            .order_by(Submission.id)
        ).first()
        member.public_body = "Redacted."
        session.commit()
        queries.summary(session, theme, publishable_only=True, quotes=0)
        assert calls == [4, 4]


def test_a_public_export_names_themes_by_their_public_label(app: Flask) -> None:
    """The "theme" column of a public export is the label a public surface shows; an internal
    export keeps the stored one."""
    theme_id = _theme_with_held_words(app)
    with app.app_context():
        theme = db.session.get(Theme, theme_id)
        public = queries.summary(db.session, theme, publishable_only=True, quotes=0)
        stored = theme.label_en
    client = signed_in(app, Role.SECRETARIAT)
    rows = [row for row in csv_rows(client) if row["theme_id"] == str(theme_id)]
    assert rows
    assert {row["theme"] for row in rows} == {public.label_en}
    assert SECRET not in client.get(f"{URL}.csv").get_data(as_text=True).lower()
    internal = by_code(csv_rows(client, "?audience=internal"))
    assert {row["theme"] for row in internal.values() if row["theme_id"] == str(theme_id)} == {
        stored
    }


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_themes_outcome_names_it_by_its_public_label(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    """Where a theme's outcome reaches people (the permalink of a comment in it, the API's
    theme outcomes, the comment's API entry) the theme is named by its public label."""
    theme_id = _theme_with_held_words(app)
    with app.app_context():
        session = db.session
        theme = session.get(Theme, theme_id)
        actor = create_user(session, "sec@example.org", PASSWORD, Role.SECRETARIAT, Language.EN)
        record_outcome(
            session, theme, actor, kind=OutcomeKind.ADOPTED, note_en="Done.", note_es="Hecho."
        )
        session.commit()
        public = queries.summary(session, theme, lang=lang, publishable_only=True, quotes=0)
        shown = public.label_en if lang == "en" else public.label_es
        member = session.scalars(
            select(Submission)
            .join(ThemeMember, ThemeMember.submission_id == Submission.id)
            .where(ThemeMember.theme_id == theme_id, Submission.consent != Consent.NONE)
            .order_by(Submission.id)
        ).first()
        slug = _consultation(session).slug
        public_id = member.public_id
    permalink = client.get(f"/{lang}/c/{slug}/comments/{public_id}").get_data(as_text=True)
    assert shown in permalink
    assert SECRET not in permalink.lower()
    api = "/api/v1"
    for url in (
        f"{api}/theme-outcomes?consultation={slug}",
        f"{api}/consultations/{slug}/comments/{public_id}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert public.label_en in response.get_data(as_text=True)
        assert SECRET not in response.get_data(as_text=True).lower()
