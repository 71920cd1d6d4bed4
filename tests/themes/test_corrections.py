"""People's corrections of themes (app.themes.services): each is audited on the themes' chain
(who, when, before → after), each refusal says why in the person's language, and what they
decide survives a rebuild."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app import audit
from app.db import db, utcnow
from app.enums import Language, Role
from app.intake.models import Submission
from app.staff.models import User
from app.staff.services import create_user
from app.themes import queries, services
from app.themes.models import Placement, Theme, ThemeEvent, ThemeMember, ThemeOrigin
from tests.themes.test_themes import HOURS_EN, _approved, _consultation, _corpus, _theme_of

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


# --- the pages ------------------------------------------------------------------------------


def _signed_in(app: Flask, role: Role, lang: str = "en"):
    with app.app_context():
        create_user(
            db.session, f"{role.value}2@example.org", "a long enough password", role,
            Language(lang),
        )  # fmt: skip
        db.session.commit()
    client = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = False
    response = client.post(
        f"/{lang}/staff/login",
        data={"email": f"{role.value}2@example.org", "password": "a long enough password"},
    )
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_pages_list_and_show_a_theme_and_rename_it(app: Flask, lang: str) -> None:
    with app.app_context():
        _made, hours, _chips, _actor = _built(db.session)
        hours_id = hours.id
    client = _signed_in(app, Role.SECRETARIAT, lang)
    listing = client.get(f"/{lang}/staff/themes").get_data(as_text=True)
    assert f"/{lang}/staff/themes/{hours_id}" in listing
    page = client.get(f"/{lang}/staff/themes/{hours_id}")
    assert page.status_code == 200
    refused = client.post(
        f"/{lang}/staff/themes/{hours_id}/rename", data={"label_en": "Open", "label_es": " "}
    )
    assert refused.status_code == 422
    expected = "en español" if lang == "es" else "label in Spanish"
    assert expected in refused.get_data(as_text=True)
    done = client.post(
        f"/{lang}/staff/themes/{hours_id}/rename",
        data={"label_en": "Open all night", "label_es": "Abrir de noche"},
    )
    assert done.status_code == 303
    with app.app_context():
        assert db.session.get(Theme, hours_id).label_en == "Open all night"
        assert [e.action for e in _events(db.session)] == ["renamed"]


def test_the_secretariat_moves_merges_reviews_and_dismisses_through_the_page(app: Flask) -> None:
    with app.app_context():
        made, hours, chips, _actor = _built(db.session)
        hours_id, chips_id, moved = hours.id, chips.id, made["hours"][0].id
    client = _signed_in(app, Role.SECRETARIAT)
    base = "/en/staff/themes"
    response = client.post(
        f"{base}/{hours_id}/move", data={"submission_id": moved, "to_theme": chips_id}
    )
    assert response.status_code == 303
    assert client.post(f"{base}/{hours_id}/review").status_code == 303
    assert client.post(f"{base}/{chips_id}/merge", data={"into_theme": hours_id}).status_code == 303
    assert client.post(f"{base}/{hours_id}/dismiss").status_code == 303
    # Merging into itself is never offered: the form refuses the value.
    with app.app_context():
        other = Theme(
            consultation_id=db.session.get(Theme, hours_id).consultation_id,
            pillar_id=db.session.get(Theme, hours_id).pillar_id,
            label_en="Other", label_es="Otro",
        )  # fmt: skip
        db.session.add(other)
        db.session.commit()
        other_id = other.id
    assert client.post(f"{base}/{other_id}/merge", data={"into_theme": other_id}).status_code == 422
    with app.app_context():
        assert [e.action for e in _events(db.session)] == [
            "moved",
            "reviewed",
            "merged",
            "dismissed",
        ]
        assert _theme_of(db.session, db.session.get(Submission, moved)) == hours_id


def test_moderators_read_but_may_not_correct(app: Flask) -> None:
    with app.app_context():
        _made, hours, _chips, _actor = _built(db.session)
        hours_id = hours.id
    client = _signed_in(app, Role.MODERATOR)
    page = client.get(f"/en/staff/themes/{hours_id}")
    assert page.status_code == 200
    assert "/rename" not in page.get_data(as_text=True)
    for action in ("rename", "dismiss", "review", "move", "merge", "split"):
        assert client.post(f"/en/staff/themes/{hours_id}/{action}").status_code == 403


# --- split ----------------------------------------------------------------------------------


def test_split_makes_a_person_made_theme_that_survives_a_rebuild(app: Flask) -> None:
    with app.app_context():
        session = db.session
        made, hours, _chips, actor = _built(session)
        chosen = [made["hours"][0].id, made["hours"][1].id]
        new = services.split(session, hours, chosen, actor, " Night crossings ", "Cruces de noche")
        session.commit()
        assert (new.label_en, new.label_es, new.label_edited) == (
            "Night crossings", "Cruces de noche", True,
        )  # fmt: skip
        assert new.origin is ThemeOrigin.HUMAN
        assert (new.consultation_id, new.pillar_id) == (hours.consultation_id, hours.pillar_id)
        assert (hours.comments, new.comments) == (4, 2)
        for sid in chosen:
            member = session.get(ThemeMember, sid)
            assert (member.theme_id, member.placed_by) == (new.id, Placement.HUMAN)
        (event,) = _events(session)
        assert (event.action, event.actor_id, event.theme_id) == ("split", actor.id, hours.id)
        assert len(json.loads(event.before)["comments"]) == 6
        assert json.loads(event.after) == {
            "theme_id": new.id,
            "label_en": "Night crossings",
            "label_es": "Cruces de noche",
            "comments": sorted(chosen),
        }
        assert audit.verify(session, ThemeEvent).intact
        new_id, hours_id = new.id, hours.id
        services.build(session, _consultation(session))
        session.commit()
        kept = session.get(Theme, new_id)
        assert kept is not None
        assert (kept.label_en, kept.label_es) == ("Night crossings", "Cruces de noche")
        assert {_theme_of(session, made["hours"][i]) for i in (0, 1)} == {new_id}
        assert {_theme_of(session, s) for s in made["hours"][2:]} == {hours_id}


@pytest.mark.parametrize(
    ("which", "label_en", "label_es", "field", "en", "es"),
    [
        ("none", "Night", "Noche", "comments", "Choose the comments", "Elija los comentarios"),
        ("all", "Night", "Noche", "comments", "at least one comment", "al menos un comentario"),
        ("other", "Night", "Noche", "comments", "only comments of this theme", "solo comentarios"),
        ("two", " ", "Noche", "label_en", "label in English", "en inglés"),
        ("two", "Night", "", "label_es", "label in Spanish", "en español"),
    ],
)
def test_split_refuses_bad_choices_and_empty_labels_and_stores_nothing(
    app: Flask, which: str, label_en: str, label_es: str, field: str, en: str, es: str
) -> None:
    with app.app_context():
        session = db.session
        made, hours, _chips, actor = _built(session)
        chosen = {
            "none": [],
            "all": [s.id for s in made["hours"]],
            "other": [made["hours"][0].id, made["chips"][0].id],
            "two": [made["hours"][0].id, made["hours"][1].id],
        }[which]
        themes_before = session.scalar(select(func.count()).select_from(Theme))
        with pytest.raises(services.Refused) as refused:
            services.split(session, hours, chosen, actor, label_en, label_es)
        assert refused.value.field == field
        said = _refusal(services.split, session, hours, chosen, actor, label_en, label_es)
        assert en in said["en"]
        assert es in said["es"]
        session.rollback()
        assert session.scalar(select(func.count()).select_from(Theme)) == themes_before
        assert {_theme_of(session, s) for s in made["hours"]} == {hours.id}
        assert _events(session) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_secretariat_splits_through_the_page_with_ticked_boxes(app: Flask, lang: str) -> None:
    with app.app_context():
        made, hours, _chips, _actor = _built(db.session)
        hours_id = hours.id
        chosen = [made["hours"][0].id, made["hours"][2].id]
    client = _signed_in(app, Role.SECRETARIAT, lang)
    page = client.get(f"/{lang}/staff/themes/{hours_id}").get_data(as_text=True)
    # Each comment's box belongs to the split form below the list (no JavaScript needed).
    assert f'form="split-form" id="split-{chosen[0]}"' in page
    assert f'action="/{lang}/staff/themes/{hours_id}/split"' in page
    refused = client.post(
        f"/{lang}/staff/themes/{hours_id}/split",
        data={"split-comments": [str(c) for c in chosen], "split-label_en": "Night",
              "split-label_es": ""},
    )  # fmt: skip
    assert refused.status_code == 422
    body = refused.get_data(as_text=True)
    assert ("en español" if lang == "es" else "label in Spanish") in body
    # The ticked boxes stay ticked.
    assert (
        f'id="split-{chosen[0]}" type="checkbox" name="split-comments" value="{chosen[0]}" checked'
        in body
    )
    none = client.post(
        f"/{lang}/staff/themes/{hours_id}/split",
        data={"split-label_en": "Night", "split-label_es": "Noche"},
    )
    assert none.status_code == 422
    assert ("Elija los comentarios" if lang == "es" else "Choose the comments") in none.get_data(
        as_text=True
    )
    done = client.post(
        f"/{lang}/staff/themes/{hours_id}/split",
        data={"split-comments": [str(c) for c in chosen], "split-label_en": "Night crossings",
              "split-label_es": "Cruces de noche"},
    )  # fmt: skip
    assert done.status_code == 303
    with app.app_context():
        new_id = _theme_of(db.session, db.session.get(Submission, chosen[0]))
        assert new_id != hours_id
        assert done.headers["Location"].endswith(f"/{lang}/staff/themes/{new_id}")
        assert _theme_of(db.session, db.session.get(Submission, chosen[1])) == new_id
        assert [e.action for e in _events(db.session)] == ["split"]
    shown = client.get(done.headers["Location"]).get_data(as_text=True)
    assert ("Cruces de noche" if lang == "es" else "Night crossings") in shown
    assert ("movieron" if lang == "es" else "moved to the new theme") in shown


# --- joined since the last review -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_pages_count_comments_joined_since_the_last_review(app: Flask, lang: str) -> None:
    with app.app_context():
        session = db.session
        made, hours, chips, actor = _built(session)
        hours_id, chips_id, actor_id = hours.id, chips.id, actor.id
        assert queries.joined_since_review(session, [hours_id, chips_id]) == {}
        # Built a while ago, reviewed a little later (two writes in one microsecond would tie).
        session.execute(update(ThemeMember).values(joined_at=utcnow() - timedelta(minutes=10)))
        services.mark_reviewed(session, hours, actor)
        hours.reviewed_at -= timedelta(minutes=5)
        session.commit()
        assert queries.joined_since_review(session, [hours_id]) == {hours_id: 0}
        services.move(session, made["chips"][0].id, hours, actor)
        late = _approved(session, HOURS_EN[0] + " Also on Sundays.", "en")
        session.commit()
        assert services.assign(session, late) == hours_id
        session.commit()
        assert queries.joined_since_review(session, [hours_id, chips_id]) == {hours_id: 2}
        # A rebuild alone adds nothing: comments that stay keep the date they joined.
        services.build(session, _consultation(session))
        session.commit()
        assert queries.joined_since_review(session, [hours_id, chips_id]) == {hours_id: 2}
    client = _signed_in(app, Role.MODERATOR, lang)
    listing = client.get(f"/{lang}/staff/themes").get_data(as_text=True)
    assert (
        "Joined since the last review" if lang == "en" else "Nuevos desde la última revisión"
    ) in listing
    assert ("Not reviewed yet" if lang == "en" else "Sin revisar") in listing
    page = client.get(f"/{lang}/staff/themes/{hours_id}").get_data(as_text=True)
    assert ("2 comments" if lang == "en" else "2 comentarios") in page
    with app.app_context():
        again = db.session.get(Theme, hours_id)
        services.mark_reviewed(db.session, again, db.session.get(User, actor_id))
        db.session.commit()
        assert queries.joined_since_review(db.session, [hours_id]) == {hours_id: 0}
