"""People's corrections of themes (app.themes.services): each is audited on the themes' chain
(who, when, before → after), each refusal says why in the person's language, and what they
decide survives a rebuild."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.db import db
from app.enums import Language, Role
from app.staff.models import User
from app.staff.services import create_user
from app.themes import services
from app.themes.models import Placement, Theme, ThemeEvent, ThemeMember
from tests.themes.test_themes import _consultation, _corpus, _theme_of

pytestmark = pytest.mark.usefixtures("seeded")


def _built(session: Session) -> tuple[dict, Theme, Theme, User]:
    made = _corpus(session)
    services.build(session, _consultation(session))
    actor = create_user(
        session, "secretariat@example.org", "a long enough password", Role.SECRETARIAT,
        Language.EN,
    )  # fmt: skip
    session.commit()
    hours = session.get(Theme, _theme_of(session, made["hours"][0]))
    chips = session.get(Theme, _theme_of(session, made["chips"][0]))
    return made, hours, chips, actor


def _events(session: Session) -> list[ThemeEvent]:
    return list(session.scalars(select(ThemeEvent).order_by(ThemeEvent.id)))


def _refusal(call, *args) -> dict[str, str]:
    with pytest.raises(services.Refused) as refused:
        call(*args)
    said = {}
    for lang in ("en", "es"):
        with force_locale(lang):
            said[lang] = str(refused.value.message)
    return said


def test_rename_sets_both_labels_keeps_them_and_is_audited(app: Flask) -> None:
    with app.app_context():
        session = db.session
        _made, hours, _chips, actor = _built(session)
        old = (hours.label_en, hours.label_es)
        services.rename(session, hours, actor, " Open all night ", "Abrir de noche")
        session.commit()
        assert (hours.label_en, hours.label_es, hours.label_edited) == (
            "Open all night", "Abrir de noche", True,
        )  # fmt: skip
        (event,) = _events(session)
        assert (event.action, event.actor_id, event.theme_id) == ("renamed", actor.id, hours.id)
        assert event.created_at is not None
        assert json.loads(event.before) == {"label_en": old[0], "label_es": old[1]}
        assert json.loads(event.after) == {
            "label_en": "Open all night",
            "label_es": "Abrir de noche",
        }
        assert audit.verify(session, ThemeEvent).intact
        services.build(session, _consultation(session))
        session.commit()
        session.refresh(hours)
        assert (hours.label_en, hours.label_es) == ("Open all night", "Abrir de noche")


@pytest.mark.parametrize(
    ("label_en", "label_es", "field", "en", "es"),
    [
        ("  ", "Abrir", "label_en", "label in English", "en inglés"),
        ("Open", "", "label_es", "label in Spanish", "en español"),
    ],
)
def test_rename_refuses_an_empty_label_in_either_language(
    app: Flask, label_en: str, label_es: str, field: str, en: str, es: str
) -> None:
    with app.app_context():
        session = db.session
        _made, hours, _chips, actor = _built(session)
        old = (hours.label_en, hours.label_es)
        with pytest.raises(services.Refused) as refused:
            services.rename(session, hours, actor, label_en, label_es)
        assert refused.value.field == field
        said = _refusal(services.rename, session, hours, actor, label_en, label_es)
        assert en in said["en"]
        assert es in said["es"]
        assert (hours.label_en, hours.label_es, hours.label_edited) == (*old, False)
        assert _events(session) == []


def test_dismiss_is_kept_by_a_rebuild_and_audited(app: Flask) -> None:
    with app.app_context():
        session = db.session
        made, _hours, chips, actor = _built(session)
        services.dismiss(session, chips, actor)
        session.commit()
        (event,) = _events(session)
        assert (event.action, json.loads(event.before), json.loads(event.after)) == (
            "dismissed", {"dismissed": False}, {"dismissed": True},
        )  # fmt: skip
        said = _refusal(services.dismiss, session, chips, actor)
        assert "already dismissed" in said["en"]
        assert "ya está descartado" in said["es"]
        services.build(session, _consultation(session))
        session.commit()
        assert session.get(Theme, chips.id).dismissed
        assert _theme_of(session, made["chips"][0]) == chips.id


def test_mark_reviewed_records_who_and_when(app: Flask) -> None:
    with app.app_context():
        session = db.session
        _made, hours, _chips, actor = _built(session)
        services.mark_reviewed(session, hours, actor)
        session.commit()
        assert hours.reviewed_by_id == actor.id
        assert hours.reviewed_at is not None
        (event,) = _events(session)
        assert event.action == "reviewed"
        assert json.loads(event.before) == {"reviewed_at": None, "reviewed_by_id": None}
        assert json.loads(event.after)["reviewed_by_id"] == actor.id


def test_move_places_a_comment_that_a_rebuild_leaves_there(app: Flask) -> None:
    with app.app_context():
        session = db.session
        made, hours, chips, actor = _built(session)
        moved = made["hours"][1]
        services.move(session, moved.id, chips, actor)
        session.commit()
        assert _theme_of(session, moved) == chips.id
        assert session.get(ThemeMember, moved.id).placed_by is Placement.HUMAN
        assert (hours.comments, chips.comments) == (5, 5)
        (event,) = _events(session)
        assert event.action == "moved"
        assert json.loads(event.before) == {"submission_id": moved.id, "theme_id": hours.id}
        assert json.loads(event.after)["theme_id"] == chips.id
        services.build(session, _consultation(session))
        session.commit()
        assert _theme_of(session, moved) == chips.id


def test_move_refuses_a_dismissed_theme_and_the_same_theme(app: Flask) -> None:
    with app.app_context():
        session = db.session
        made, hours, chips, actor = _built(session)
        services.dismiss(session, chips, actor)
        said = _refusal(services.move, session, made["hours"][0].id, chips, actor)
        assert "dismissed theme" in said["en"]
        assert "asunto descartado" in said["es"]
        said = _refusal(services.move, session, made["hours"][0].id, hours, actor)
        assert "already in that theme" in said["en"]
        assert "ya está en ese asunto" in said["es"]
        assert _theme_of(session, made["hours"][0]) == hours.id
        assert [e.action for e in _events(session)] == ["dismissed"]


def test_merge_joins_two_themes_and_survives_a_rebuild(app: Flask) -> None:
    with app.app_context():
        session = db.session
        made, hours, chips, actor = _built(session)
        chips_id = chips.id
        services.merge(session, chips, hours, actor)
        session.commit()
        assert session.get(Theme, chips_id) is None
        every = made["hours"] + made["chips"]
        assert {_theme_of(session, s) for s in every} == {hours.id}
        assert hours.comments == 10
        (event,) = _events(session)
        assert event.action == "merged"
        assert json.loads(event.before)["theme_id"] == chips_id
        assert len(json.loads(event.before)["comments"]) == 4
        assert json.loads(event.after)["comments"] == 10
        services.build(session, _consultation(session))
        session.commit()
        assert {_theme_of(session, s) for s in every} == {hours.id}
        # No empty theme is left behind by the rebuild.
        assert not session.scalars(select(Theme).where(Theme.comments == 0)).first()


def test_merge_refuses_itself(app: Flask) -> None:
    with app.app_context():
        session = db.session
        _made, hours, _chips, actor = _built(session)
        said = _refusal(services.merge, session, hours, hours, actor)
        assert "merged with itself" in said["en"]
        assert "consigo mismo" in said["es"]
        assert session.get(Theme, hours.id) is not None
        assert _events(session) == []
