"""Themes on small fixed corpora in both languages: the same ask in English and Spanish is one
theme, an unrelated comment is not in it, a campaign counts once, people's corrections survive
a rebuild, an empty consultation writes nothing, and an approval places a new comment."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import db
from app.enums import Language, Role, SubmissionStatus
from app.models import Campaign, Consultation, Pillar, Submission, Topic
from app.moderation.services import change_status
from app.staff.services import create_user
from app.themes import analysis
from app.themes.models import Placement, Theme, ThemeBuild, ThemeMember, ThemeOrigin, ThemeSpace
from app.themes.services import build
from tests import factories

pytestmark = pytest.mark.usefixtures("seeded")

HOURS_EN = [
    "Please keep the Laredo ports of entry open around the clock for commercial trucks; the "
    "wait times at night are unbearable.",
    "We ask for extended hours of operation at the border crossings, including weekends, so "
    "trucks do not queue for hours.",
    "Commercial lanes at the Nogales crossing should operate 24 hours a day to cut the waiting "
    "times of freight.",
]
HOURS_ES = [
    "Pedimos que los puertos de entrada de Laredo operen las 24 horas para los camiones de "
    "carga; los tiempos de espera nocturnos son enormes.",
    "Solicitamos ampliar el horario de operación de los cruces fronterizos, incluidos los "
    "fines de semana, para que los camiones no esperen horas.",
    "Los carriles comerciales del cruce de Nogales deberían funcionar las 24 horas para "
    "reducir las esperas de la carga.",
]
CHIPS_EN = [
    "Tax incentives for semiconductor packaging and testing plants would bring chip investment "
    "to Jalisco.",
    "We urge tax credits for companies that build chip assembly and testing facilities.",
]
CHIPS_ES = [
    "Pedimos incentivos fiscales para las plantas de empaquetado y prueba de semiconductores "
    "en Jalisco.",
    "Solicitamos créditos fiscales para las empresas que construyan plantas de ensamble y "
    "prueba de chips.",
]
UNRELATED = "Nuestra cooperativa de artesanas busca vender bordados tradicionales en ferias."


def _pillar(session: Session) -> Pillar:
    return session.scalars(select(Pillar).order_by(Pillar.position)).first()


def _approved(session: Session, body: str, language: str, **extra: object) -> Submission:
    return factories.submission(
        session,
        title="Comment" if language == "en" else "Comentario",
        body=body,
        detected_language=language,
        page_language=Language(language),
        primary_pillar=_pillar(session),
        status=SubmissionStatus.APPROVED,
        **extra,
    )


def _corpus(session: Session) -> dict[str, list[Submission]]:
    made = {
        "hours": [_approved(session, b, "en") for b in HOURS_EN]
        + [_approved(session, b, "es") for b in HOURS_ES],
        "chips": [_approved(session, b, "en") for b in CHIPS_EN]
        + [_approved(session, b, "es") for b in CHIPS_ES],
        "unrelated": [_approved(session, UNRELATED, "es")],
    }
    session.commit()
    return made


def _theme_of(session: Session, submission: Submission) -> int | None:
    return session.scalar(
        select(ThemeMember.theme_id).where(ThemeMember.submission_id == submission.id)
    )


def _consultation(session: Session) -> Consultation:
    return session.scalars(select(Consultation).order_by(Consultation.id)).first()


def test_english_and_spanish_asking_the_same_share_a_theme(app: Flask) -> None:
    with app.app_context():
        session = db.session
        made = _corpus(session)
        report = build(session, _consultation(session))
        session.commit()
        hours = {_theme_of(session, s) for s in made["hours"]}
        chips = {_theme_of(session, s) for s in made["chips"]}
        assert len(hours) == 1
        assert None not in hours
        assert len(chips) == 1
        assert None not in chips
        assert hours != chips
        assert _theme_of(session, made["unrelated"][0]) not in hours | chips
        assert report.comments == 11
        theme = session.get(Theme, hours.pop())
        assert theme.label_en
        assert theme.label_es
        assert theme.label_en != theme.label_es
        assert theme.comments == theme.support == 6


def test_a_campaign_counts_once(app: Flask) -> None:
    with app.app_context():
        session = db.session
        made = _corpus(session)
        campaign = Campaign(member_count=4)
        session.add(campaign)
        session.flush()
        letter = HOURS_EN[0] + " Signed by a member of the Border Trade Alliance."
        members = [_approved(session, letter, "en", campaign_id=campaign.id) for _ in range(4)]
        session.commit()
        build(session, _consultation(session))
        session.commit()
        theme_id = _theme_of(session, made["hours"][0])
        assert {_theme_of(session, m) for m in members} == {theme_id}
        theme = session.get(Theme, theme_id)
        assert theme.comments == 10
        assert theme.support == 7  # six comments and one campaign


def test_corrections_survive_a_rebuild(app: Flask) -> None:
    with app.app_context():
        session = db.session
        made = _corpus(session)
        consultation = _consultation(session)
        build(session, consultation)
        session.commit()
        hours = session.get(Theme, _theme_of(session, made["hours"][0]))
        chips = session.get(Theme, _theme_of(session, made["chips"][0]))
        hours_id, chips_id = hours.id, chips.id
        # People: rename one theme, dismiss the other, move one comment to a theme they made.
        hours.label_en, hours.label_es, hours.label_edited = (
            "Open all night",
            "Abrir de noche",
            True,
        )
        chips.dismissed = True
        own = Theme(
            consultation_id=consultation.id,
            pillar_id=hours.pillar_id,
            label_en="Nogales only",
            label_es="Solo Nogales",
            origin=ThemeOrigin.HUMAN,
        )
        session.add(own)
        session.flush()
        moved = made["hours"][2]
        member = session.get(ThemeMember, moved.id)
        member.theme_id, member.placed_by = own.id, Placement.HUMAN
        session.commit()

        report = build(session, consultation)
        session.commit()
        session.expire_all()
        hours = session.get(Theme, hours_id)
        assert (hours.label_en, hours.label_es) == ("Open all night", "Abrir de noche")
        assert session.get(Theme, chips_id).dismissed
        assert _theme_of(session, made["chips"][1]) == chips_id
        assert _theme_of(session, moved) == own.id
        assert session.get(ThemeMember, moved.id).placed_by is Placement.HUMAN
        assert _theme_of(session, made["hours"][0]) == hours_id
        assert report.total("kept_labels") == 1
        assert report.total("kept_placed") == 1


def test_a_consultation_without_approved_comments_writes_nothing(app: Flask) -> None:
    with app.app_context():
        session = db.session
        factories.submission(session, body=HOURS_EN[0])  # pending: not grouped
        slug = _consultation(session).slug
        session.commit()
    result = app.test_cli_runner().invoke(args=["themes", "build", "--consultation", slug])
    assert result.exit_code == 0, result.output
    assert "no approved comments" in result.output
    assert "nothing was written" in result.output
    with app.app_context():
        for model in (Theme, ThemeMember, ThemeSpace, ThemeBuild):
            assert db.session.scalar(select(func.count()).select_from(model)) == 0


def test_build_command_records_the_build_and_says_what_it_kept(app: Flask) -> None:
    with app.app_context():
        _corpus(db.session)
        slug = _consultation(db.session).slug
    result = app.test_cli_runner().invoke(args=["themes", "build", "--consultation", slug])
    assert result.exit_code == 0, result.output
    assert "10 of 11 comments in a theme" in result.output  # the unrelated one stays out
    assert "Kept what people decided" in result.output
    with app.app_context():
        job = db.session.scalars(select(ThemeBuild)).one()
        assert job.status.value == "done"
        assert job.total == 11
        assert job.themed + job.unthemed == 11
        assert job.themes >= 2


def test_an_approved_comment_joins_the_nearest_theme(app: Flask) -> None:
    with app.app_context():
        session = db.session
        made = _corpus(session)
        build(session, _consultation(session))
        moderator = create_user(
            session, "themes@example.org", "a long enough password", Role.MODERATOR
        )
        fresh = factories.submission(
            session,
            body="Les pedimos que los cruces de Laredo abran las 24 horas para reducir las "
            "esperas de los camiones.",
            detected_language="es",
            primary_pillar=_pillar(session),
        )
        unrelated = factories.submission(
            session, body=UNRELATED, detected_language="es", primary_pillar=_pillar(session)
        )
        session.commit()
        change_status(session, fresh, moderator, SubmissionStatus.APPROVED, fresh.version)
        change_status(session, unrelated, moderator, SubmissionStatus.APPROVED, unrelated.version)
        session.commit()
        hours_theme = _theme_of(session, made["hours"][0])
        assert _theme_of(session, fresh) == hours_theme
        assert session.get(ThemeMember, fresh.id).placed_by is Placement.ASSIGNED
        assert _theme_of(session, unrelated) is None
        assert session.get(Theme, hours_theme).comments == 7
        # Sent back to the queue, it leaves the theme.
        change_status(session, fresh, moderator, SubmissionStatus.PENDING, fresh.version)
        session.commit()
        assert _theme_of(session, fresh) is None
        assert session.get(Theme, hours_theme).comments == 6


def test_a_failure_to_place_never_blocks_the_approval(
    app: Flask, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with app.app_context():
        session = db.session
        _corpus(session)
        build(session, _consultation(session))
        moderator = create_user(
            session, "themes@example.org", "a long enough password", Role.MODERATOR
        )
        fresh = factories.submission(session, body=HOURS_ES[0], detected_language="es",
                                     primary_pillar=_pillar(session))  # fmt: skip
        session.commit()

        def broken(*args: object) -> None:
            raise RuntimeError("the analysis broke")

        monkeypatch.setattr(analysis, "nearest", broken)
        with caplog.at_level(logging.ERROR, logger="app.themes.services"):
            change_status(session, fresh, moderator, SubmissionStatus.APPROVED, fresh.version)
        session.commit()
        assert session.get(Submission, fresh.id).status is SubmissionStatus.APPROVED
        assert _theme_of(session, fresh) is None
        assert "placing submission" in caplog.text


# No glossary word, no taxonomy name: each language in its own words, only cognates ("garita"
# is not one) and the topic the submitters ticked on the form in common.
NIGHT_EN = [
    "Keep it open all night, our rigs wait in line until morning.",
    "Why does it shut at night? Our rigs wait in line until morning.",
    "Our rigs wait in line every night, keep it open.",
]
NIGHT_ES = [
    "Que no cierre en la noche, los traileros esperan hasta la mañana.",
    "Los traileros esperan en la noche porque cierra.",
    "Cierra en la noche y los traileros esperan hasta la mañana.",
]
MURALS = [
    "The murals painted in Oaxaca are beautiful, keep them clean.",
    "Los murales pintados en Oaxaca son preciosos, que los limpien.",
]


def _night_and_murals(session):  # type: ignore[no-untyped-def]
    border = session.scalars(select(Topic).where(Topic.code == "border_infrastructure")).one()
    culture = session.scalars(
        select(Topic).where(Topic.pillar_id == _pillar(session).id, Topic.id != border.id)
    ).first()
    night = [_approved(session, b, "en", topics=[border]) for b in NIGHT_EN] + [
        _approved(session, b, "es", topics=[border]) for b in NIGHT_ES
    ]
    murals = [_approved(session, b, lang, topics=[culture]) for b, lang in
              zip(MURALS, ("en", "es"), strict=True)]  # fmt: skip
    session.commit()
    return night, murals


def test_a_small_pillar_keeps_one_theme_per_language_without_shared_words(app: Flask) -> None:
    """Below LINK_MIN_VOICES the linking step does not run (second-order vectors of a handful
    of comments joined unrelated asks): the secretariat merges the two by hand."""
    with app.app_context():
        session = db.session
        night, _murals = _night_and_murals(session)
        build(session, _consultation(session))
        session.commit()
        english = {_theme_of(session, s) for s in night[: len(NIGHT_EN)]}
        spanish = {_theme_of(session, s) for s in night[len(NIGHT_EN) :]}
        assert len(english) == 1
        assert len(spanish) == 1
        assert english != spanish


def test_the_topic_chosen_on_the_form_joins_two_languages_without_shared_words(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The linking step's own behaviour, at the size of a test (its floor is for real pillars).
    monkeypatch.setattr(analysis, "LINK_MIN_VOICES", 0)
    with app.app_context():
        session = db.session
        lex = analysis.lexicon()
        for text in (*NIGHT_EN, *NIGHT_ES):  # the glossary knows none of these words
            assert not [t for t, _s in lex.terms(text) if t[0] == "@"]
        night, murals = _night_and_murals(session)
        build(session, _consultation(session))
        session.commit()
        themes = {_theme_of(session, s) for s in night}
        assert len(themes) == 1
        assert None not in themes
        assert not {_theme_of(session, s) for s in murals} & themes
        theme = session.get(Theme, themes.pop())
        assert "#" not in theme.label_en + theme.label_es  # a topic is a signal, not a label word
