"""A theme's outcome, recorded on the theme page by the secretariat (app.outcomes, the rules an
agenda item's outcome follows): kept as history, chained in the themes' trail, refused with a
message in the person's language, read only by moderators, kept by a rebuild."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app import audit
from app.db import db
from app.enums import Language, OutcomeKind, Role
from app.staff.services import create_user
from app.themes import services
from app.themes.models import Theme, ThemeEvent, ThemeOutcome
from tests.staff.helpers import csrf_from, signed_in
from tests.themes.test_themes import _consultation, _corpus, _theme_of

pytestmark = pytest.mark.usefixtures("seeded")


def _themes(app: Flask) -> tuple[int, int]:
    """A built corpus: the ids of two themes of the same pillar."""
    with app.app_context():
        made = _corpus(db.session)
        services.build(db.session, _consultation(db.session))
        db.session.commit()
        return _theme_of(db.session, made["hours"][0]), _theme_of(db.session, made["chips"][0])


def _post(client: FlaskClient, theme_id: int, lang: str = "en", token: bool = True, **data):  # type: ignore[no-untyped-def]
    page = client.get(f"/{lang}/staff/themes/{theme_id}").get_data(as_text=True)
    fields = {f"outcome-{name}": value for name, value in data.items()}
    if token:
        fields["csrf_token"] = csrf_from(page)
    return client.post(f"/{lang}/staff/themes/{theme_id}/outcome", data=fields)


def _stored(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ThemeOutcome)) or 0


def test_an_outcome_is_recorded_kept_as_history_and_audited(app: Flask) -> None:
    hours, _chips = _themes(app)
    client = signed_in(app, Role.SECRETARIAT)
    first = _post(client, hours, kind="under_consideration", note_en="Later")
    assert first.status_code == 303
    second = _post(client, hours, kind="adopted", note_en="Adopted.", note_es="Adoptado así.")
    assert second.status_code == 303
    page = client.get(f"/en/staff/themes/{hours}").get_data(as_text=True)
    assert "The outcome was recorded." in page
    assert "<strong>Adopted</strong>: Adopted." in page
    assert "1 earlier outcome is kept in its history." in page
    with app.app_context():
        theme = db.session.get(Theme, hours)
        assert [o.kind for o in theme.outcomes] == [
            OutcomeKind.ADOPTED,
            OutcomeKind.UNDER_CONSIDERATION,
        ]
        assert theme.outcome.note_es == "Adoptado así."
        assert theme.outcome.recorded_by.email == "secretariat@example.org"
        events = list(db.session.scalars(select(ThemeEvent).where(ThemeEvent.action == "outcome")))
        assert [json.loads(e.after)["outcome"] for e in events] == [
            "under_consideration",
            "adopted",
        ]
        assert json.loads(events[1].before)["outcome"] == "under_consideration"
        assert audit.verify(db.session, ThemeEvent).intact


def test_the_theme_page_offers_the_outcomes_in_spanish(app: Flask) -> None:
    hours, _chips = _themes(app)
    client = signed_in(app, Role.SECRETARIAT, Language.ES)
    page = client.get(f"/es/staff/themes/{hours}").get_data(as_text=True)
    offered = (
        "Registrar el resultado",
        "Turnado a un grupo de trabajo",
        "Fuera del alcance del diálogo",
        "Aún no se ha registrado un resultado.",
    )
    for word in offered:
        assert word in page, word
    assert _post(client, hours, lang="es", kind="referred").status_code == 303
    page = client.get(f"/es/staff/themes/{hours}").get_data(as_text=True)
    assert "Se registró el resultado." in page
    assert "<strong>Turnado a un grupo de trabajo</strong>" in page


@pytest.mark.parametrize(
    ("lang", "data", "message"),
    [
        ("en", {"kind": "vetoed"}, "Choose one of the options"),
        ("es", {"kind": "vetoed"}, "Elija una de las opciones"),
        ("en", {"kind": ""}, "Choose the outcome."),
        ("es", {"kind": ""}, "Elija el resultado."),
        ("en", {"kind": "adopted", "note_en": "x" * 20_001}, "characters"),
        ("es", {"kind": "adopted", "note_es": "x" * 20_001}, "caracteres"),
    ],
)
def test_bad_input_is_refused_in_the_page_language_and_nothing_stored(
    app: Flask, lang: str, data: dict, message: str
) -> None:
    hours, _chips = _themes(app)
    client = signed_in(app, Role.SECRETARIAT, Language(lang))
    response = _post(client, hours, lang=lang, **data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _stored(app) == 0


def test_an_outcome_without_the_form_token_is_refused(app: Flask) -> None:
    hours, _chips = _themes(app)
    client = signed_in(app, Role.SECRETARIAT)
    assert _post(client, hours, token=False, kind="adopted").status_code in (400, 422)
    assert _stored(app) == 0


def test_a_moderator_reads_the_outcome_but_cannot_record_one(app: Flask) -> None:
    hours, _chips = _themes(app)
    _post(signed_in(app, Role.SECRETARIAT), hours, kind="adopted", note_en="Adopted.")
    moderator = signed_in(app, Role.MODERATOR)
    page = moderator.get(f"/en/staff/themes/{hours}").get_data(as_text=True)
    assert "<strong>Adopted</strong>: Adopted." in page
    assert f"/en/staff/themes/{hours}/outcome" not in page
    token = csrf_from(page)
    response = moderator.post(
        f"/en/staff/themes/{hours}/outcome", data={"csrf_token": token, "outcome-kind": "referred"}
    )
    assert response.status_code == 403
    assert _stored(app) == 1


def test_an_admin_records_an_outcome(app: Flask) -> None:
    hours, _chips = _themes(app)
    assert _post(signed_in(app, Role.ADMIN), hours, kind="adopted").status_code == 303
    assert _stored(app) == 1


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "A dismissed theme cannot have an outcome."),
     ("es", "Un asunto descartado no puede tener un resultado.")],
)  # fmt: skip
def test_a_dismissed_theme_has_no_outcome(app: Flask, lang: str, message: str) -> None:
    hours, _chips = _themes(app)
    with app.app_context():
        db.session.get(Theme, hours).dismissed = True
        db.session.commit()
    client = signed_in(app, Role.SECRETARIAT, Language(lang))
    page = client.get(f"/{lang}/staff/themes/{hours}").get_data(as_text=True)
    response = client.post(
        f"/{lang}/staff/themes/{hours}/outcome",
        data={"csrf_token": csrf_from(page), "outcome-kind": "adopted"},
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _stored(app) == 0


def test_a_rebuild_keeps_a_theme_with_an_outcome_and_merging_it_away_is_refused(
    app: Flask,
) -> None:
    hours, chips = _themes(app)
    with app.app_context():
        session = db.session
        actor = create_user(
            session, "sec@example.org", "a long enough password", Role.SECRETARIAT, Language.EN
        )
        theme = session.get(Theme, hours)

        def stray(label: str) -> Theme:  # a built theme no group of the next build continues
            row = Theme(consultation_id=theme.consultation_id, pillar_id=theme.pillar_id,
                        label_en=label, label_es=label)  # fmt: skip
            session.add(row)
            session.flush()
            return row

        decided, forgotten = stray("Decided"), stray("Forgotten")
        for row in (theme, decided):
            services.record_outcome(
                session, row, actor, kind=OutcomeKind.ADOPTED, note_en="", note_es=""
            )
        decided_id, forgotten_id = decided.id, forgotten.id
        session.commit()
        with pytest.raises(services.Refused):
            services.merge(session, theme, session.get(Theme, chips), actor)
        session.rollback()
        services.build(session, _consultation(session))
        session.commit()
        assert session.get(Theme, decided_id).outcome.kind is OutcomeKind.ADOPTED
        assert session.get(Theme, forgotten_id) is None
        assert session.get(Theme, hours).outcome.kind is OutcomeKind.ADOPTED
