""" "Propose from themes" on a meeting page: each pillar's item gets its strongest themes'
comments, theme after theme; a second click adds nothing; what a person placed or excluded
stays; the page says what was done, in the secretariat's language."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.agenda import services as agenda
from app.agenda.models import AgendaEntry, AgendaItem, Meeting
from app.db import db
from app.enums import Language, MeetingLevel, Role
from app.intake.models import Submission
from app.themes import services as themes
from app.themes.models import Theme
from tests.staff.helpers import csrf_from, signed_in
from tests.themes.test_themes import _consultation, _corpus, _theme_of

pytestmark = pytest.mark.usefixtures("seeded")

SAID = {
    "en": {
        "done": "Proposed from themes: items filled: 1; themes: 2; comments placed: %s.",
        "again": "nothing was added",
        "none": "No theme to propose",
        "button": "Propose from themes",
        "themes": "Themes:",
    },
    "es": {
        "done": "Propuesto a partir de los asuntos: puntos completados: 1; asuntos: 2; "
        "comentarios incluidos: %s.",
        "again": "no se agregó nada",
        "none": "No hay asuntos que proponer",
        "button": "Proponer a partir de los asuntos",
        "themes": "Asuntos:",
    },
}


def _meeting(app: Flask, *, build: bool = True) -> tuple[int, dict]:
    with app.app_context():
        session = db.session
        made = _corpus(session)
        if build:
            themes.build(session, _consultation(session))
        meeting = agenda.create_meeting(
            session, title_en="Cabinet", title_es="Gabinete", level=MeetingLevel.CABINET,
            meeting_date=dt.date(2026, 12, 10), place_en="", place_es="",
            consultations=[_consultation(session)],
        )  # fmt: skip
        session.commit()
        ids = {name: [s.id for s in subs] for name, subs in made.items()}
        return meeting.id, ids


def _propose(client: FlaskClient, lang: str, meeting_id: int) -> str:
    page = client.get(f"/{lang}/staff/meetings/{meeting_id}").get_data(as_text=True)
    response = client.post(
        f"/{lang}/staff/meetings/{meeting_id}/propose", data={"csrf_token": csrf_from(page)}
    )
    assert response.status_code == 303
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _placed(app: Flask, meeting_id: int) -> dict[int, AgendaEntry]:
    with app.app_context():
        rows = db.session.scalars(select(AgendaEntry).where(AgendaEntry.meeting_id == meeting_id))
        return {row.submission_id: row for row in rows}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_propose_fills_the_pillar_item_theme_after_theme_once(app: Flask, lang: str) -> None:
    meeting_id, ids = _meeting(app)
    # A person excluded one comment and put another on a different item beforehand.
    with app.app_context():
        session = db.session
        items = list(
            session.scalars(
                select(AgendaItem)
                .where(AgendaItem.meeting_id == meeting_id)
                .order_by(AgendaItem.position)
            )
        )
        first, other = items[0], items[1]
        excluded, elsewhere = ids["chips"][0], ids["hours"][0]
        session.add(AgendaEntry(meeting_id=meeting_id, submission_id=excluded, excluded=True))
        session.add(
            AgendaEntry(meeting_id=meeting_id, agenda_item_id=other.id, submission_id=elsewhere)
        )
        session.commit()
        first_id, other_id = first.id, other.id
        support = {t.id: t.support for t in session.scalars(select(Theme).where(Theme.support > 0))}
        hours_theme = _theme_of(session, session.get(Submission, ids["hours"][1]))
        chips_theme = _theme_of(session, session.get(Submission, ids["chips"][1]))
    client = signed_in(app, Role.SECRETARIAT, Language(lang))
    page = client.get(f"/{lang}/staff/meetings/{meeting_id}").get_data(as_text=True)
    assert SAID[lang]["button"] in page
    shown = _propose(client, lang, meeting_id)
    assert SAID[lang]["done"] % 8 in shown
    placed = _placed(app, meeting_id)
    themed = ids["hours"][1:] + ids["chips"][1:]
    assert {sid: placed[sid].agenda_item_id for sid in themed} == dict.fromkeys(themed, first_id)
    # What the person decided stays as it was.
    assert placed[excluded].excluded
    assert placed[excluded].agenda_item_id is None
    assert placed[elsewhere].agenda_item_id == other_id
    # The unthemed comment is not proposed.
    assert ids["unrelated"][0] not in placed
    # Theme after theme, the strongest first: the item reads as one sub-section per theme.
    order = [sid for sid, _e in sorted(placed.items(), key=lambda kv: kv[1].position)
             if sid in themed]  # fmt: skip
    first_theme = hours_theme if support[hours_theme] >= support[chips_theme] else chips_theme
    with app.app_context():
        run = [_theme_of(db.session, db.session.get(Submission, sid)) for sid in order]
    cut = run.index(next(t for t in run if t != first_theme))
    assert set(run[:cut]) == {first_theme}
    assert first_theme not in run[cut:]
    # The item names its themes, linked to their pages.
    assert SAID[lang]["themes"] in shown
    assert f"/{lang}/staff/themes/{hours_theme}" in shown
    # A second click adds nothing.
    again = _propose(client, lang, meeting_id)
    assert SAID[lang]["again"] in again
    assert _placed(app, meeting_id).keys() == placed.keys()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_propose_without_themes_says_so_and_places_nothing(app: Flask, lang: str) -> None:
    meeting_id, _ids = _meeting(app, build=False)
    client = signed_in(app, Role.SECRETARIAT, Language(lang))
    shown = _propose(client, lang, meeting_id)
    assert SAID[lang]["none"] in shown
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(AgendaEntry))
    assert count == 0


def test_propose_skips_dismissed_themes(app: Flask) -> None:
    meeting_id, ids = _meeting(app)
    with app.app_context():
        session = db.session
        for theme in session.scalars(select(Theme)):
            theme.dismissed = True
        session.commit()
        done = agenda.propose_from_themes(session, session.get(Meeting, meeting_id), per_item=5)
        assert (done.themes_found, done.comments) == (0, 0)


def test_propose_without_the_token_changes_nothing(app: Flask) -> None:
    meeting_id, _ids = _meeting(app)
    client = signed_in(app, Role.SECRETARIAT)
    response = client.post(f"/en/staff/meetings/{meeting_id}/propose")
    assert response.status_code in (303, 400)
    assert _placed(app, meeting_id) == {}
