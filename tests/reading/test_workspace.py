"""The reading workspace (/<lang>/staff/comments): every approved comment of a consultation in
full, filtered and searched in the URL, counted in all and per pillar, a page of 50 at a time;
comments not cleared for publication and redacted ones are marked; bad filter values are
ignored with a message in the reader's language, never a 500; agenda entries and theme members
link to it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agenda import services as agenda_services
from app.db import db, utcnow
from app.enums import Consent, Language, MeetingLevel, Role, SubmissionStatus
from app.models import Consultation, Country, Pillar, Sector, Submission, Topic
from app.themes.models import Theme, ThemeMember
from tests import factories
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")

BORDER = "building_back_together"
SOUTH = "southern_mexico_central_america"
PEOPLE = "investing_in_our_people"


@dataclass
class Corpus:
    border: int  # English, US-TX, private sector, named, in the theme
    school: int  # Spanish, MX-JAL, academia, anonymous, second pillar: border
    unpublished: int  # consent "none"
    redacted: int  # a moderator wrote a public version
    disputed: int  # reported "I did not send this"
    pending: int
    rejected: int
    elsewhere: int  # approved, in another consultation
    theme_id: int
    slug: str
    other_slug: str


def _pillar(session: Session, code: str) -> Pillar:
    return session.scalars(select(Pillar).where(Pillar.code == code)).one()


def _sector(session: Session, code: str) -> Sector:
    return session.scalars(select(Sector).where(Sector.code == code)).one()


def _topic(session: Session, code: str) -> Topic:
    return session.scalars(select(Topic).where(Topic.code == code)).one()


def _approved(session: Session, **values: object) -> Submission:
    values.setdefault("status", SubmissionStatus.APPROVED)
    return factories.submission(session, **values)


def _corpus(app: Flask) -> Corpus:
    with app.app_context():
        session = db.session
        consultation = session.scalars(select(Consultation)).one()  # the seeded, open one
        other = factories.consultation(
            session,
            title_en="An older consultation",
            opens_at=utcnow() - timedelta(days=400),
            closes_at=utcnow() - timedelta(days=300),
        )
        us = session.get(Country, "US")
        border = _approved(
            session,
            title="Keep the crossings open at night",
            body="Please keep the Laredo crossing open around the clock for trucks.",
            detected_language="en",
            page_language=Language.EN,
            primary_pillar=_pillar(session, BORDER),
            topics=[_topic(session, "border_infrastructure")],
            sector=_sector(session, "private_sector"),
            country=us,
            region_code="US-TX",
            consent=Consent.NAMED,
            organization="Laredo Freight Association",
        )
        school = _approved(
            session,
            title="Educación técnica",
            body="Pedimos más educación técnica y vocacional en Jalisco.",
            detected_language="es",
            primary_pillar=_pillar(session, PEOPLE),
            secondary_pillar=_pillar(session, BORDER),
            topics=[_topic(session, "technical_vocational_education")],
            sector=_sector(session, "academia"),
            region_code="MX-JAL",
            consent=Consent.ANONYMOUS,
        )
        unpublished = _approved(
            session,
            title="Solo para el Diálogo",
            body="Este comentario es solo para los funcionarios del Diálogo.",
            detected_language="es",
            primary_pillar=_pillar(session, PEOPLE),
            sector=_sector(session, "civil_society"),
            consent=Consent.NONE,
        )
        redacted = _approved(
            session,
            title="Apoyo a productores",
            body="Me llamo Ana López, mi teléfono es 555 123 4567; pido apoyo a productores.",
            public_body="[nombre retirado]; pido apoyo a productores.",
            detected_language="es",
            primary_pillar=_pillar(session, SOUTH),
        )
        disputed = _approved(
            session,
            title="Comentario reportado",
            body="Un comentario que su supuesto autor dice no haber enviado.",
            detected_language="es",
            primary_pillar=_pillar(session, SOUTH),
            disputed_at=utcnow(),
        )
        pending = factories.submission(session, title="Pendiente", body="Aún sin decidir.")
        rejected = factories.submission(
            session, title="Rechazado", body="Fuera de tema.", status=SubmissionStatus.REJECTED
        )
        elsewhere = _approved(session, consultation=other, title="De otra consulta")
        theme = Theme(
            consultation_id=consultation.id,
            pillar_id=_pillar(session, BORDER).id,
            label_en="Border crossing hours",
            label_es="Horario de los cruces",
            support=1,
            comments=1,
        )
        session.add(theme)
        session.flush()
        session.add(ThemeMember(submission_id=border.id, theme_id=theme.id))
        session.commit()
        return Corpus(
            border.id, school.id, unpublished.id, redacted.id, disputed.id, pending.id,
            rejected.id, elsewhere.id, theme.id, consultation.slug, other.slug,
        )  # fmt: skip


def _shown(page: str) -> list[int]:
    return [int(found) for found in re.findall(r'<li [^>]*id="comment-(\d+)"', page)]


def _get(client: FlaskClient, query: str = "", lang: str = "en") -> str:
    response = client.get(f"/{lang}/staff/comments{query}")
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.fixture
def corpus(app: Flask) -> Corpus:
    return _corpus(app)


@pytest.fixture
def secretariat(app: Flask) -> FlaskClient:
    return signed_in(app, Role.SECRETARIAT)


def test_shows_every_approved_comment_of_the_open_consultation_in_full(
    corpus: Corpus, secretariat: FlaskClient
) -> None:
    page = _get(secretariat)
    shown = _shown(page)
    assert sorted(shown) == sorted(
        [corpus.border, corpus.school, corpus.unpublished, corpus.redacted, corpus.disputed]
    )
    assert "Please keep the Laredo crossing open around the clock for trucks." in page
    assert "Laredo Freight Association" in page
    assert "5 approved comments match." in page
    # Another consultation is one choice away.
    other = _get(secretariat, f"?consultation={corpus.other_slug}")
    assert _shown(other) == [corpus.elsewhere]


def test_redacted_comment_shows_its_full_text_and_says_the_public_reads_another(
    corpus: Corpus, secretariat: FlaskClient
) -> None:
    page = _get(secretariat, f"?comment={corpus.redacted}")
    assert _shown(page) == [corpus.redacted]
    assert "Me llamo Ana López, mi teléfono es 555 123 4567" in page
    assert "Redacted for the public" in page
    assert "Public version (what the public reads)" in page
    assert "[nombre retirado]; pido apoyo a productores." in page
    plain = _get(secretariat, f"?comment={corpus.border}")
    assert "Redacted for the public" not in plain


def _marked_not_cleared(page: str, submission_id: int) -> bool:
    card = re.search(rf'id="comment-{submission_id}".*?</li>', page, re.S)
    assert card, submission_id
    return 'data-mark="not-cleared"' in card.group(0)


def test_comments_not_cleared_for_publication_are_marked(
    corpus: Corpus, secretariat: FlaskClient
) -> None:
    page = _get(secretariat)
    assert _marked_not_cleared(page, corpus.unpublished)  # consent: do not publish
    assert _marked_not_cleared(page, corpus.disputed)  # reported as not sent
    for cleared in (corpus.border, corpus.school, corpus.redacted):
        assert not _marked_not_cleared(page, cleared)
    assert "Not cleared for publication" in page
    assert "not in the public packet" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (f"?pillar={PEOPLE}", ["school", "unpublished"]),
        # A second pillar counts: the Spanish comment's second pillar is the border's.
        (f"?pillar={BORDER}", ["border", "school"]),
        ("?topic=technical_vocational_education", ["school"]),
        ("?sector=academia", ["school"]),
        ("?region=US", ["border"]),  # a country
        ("?region=MX-JAL", ["school"]),  # a state
        ("?language=en", ["border"]),
        ("?consent=none", ["unpublished"]),
        ("?consent=anonymous", ["school"]),
        ("?cleared=no", ["unpublished", "disputed"]),
        ("?cleared=yes", ["border", "school", "redacted"]),
        ("?theme=none", ["school", "unpublished", "redacted", "disputed"]),
        (f"?pillar={PEOPLE}&consent=anonymous", ["school"]),
    ],
)
def test_each_filter_narrows_the_list(
    corpus: Corpus, secretariat: FlaskClient, query: str, expected: list[str]
) -> None:
    page = _get(secretariat, query)
    assert sorted(_shown(page)) == sorted(getattr(corpus, name) for name in expected)
    count = len(expected)
    assert f"{count} approved comment{'s match' if count != 1 else ' matches'}." in page


def test_theme_filter_shows_its_members(corpus: Corpus, secretariat: FlaskClient) -> None:
    page = _get(secretariat, f"?theme={corpus.theme_id}")
    assert _shown(page) == [corpus.border]
    assert "Border crossing hours" in page


def test_search_ignores_accents_and_case(corpus: Corpus, secretariat: FlaskClient) -> None:
    assert _shown(_get(secretariat, "?q=EDUCACION+tecnica")) == [corpus.school]
    assert _shown(_get(secretariat, "?q=laredo")) == [corpus.border]
    # The staff read the text as written: a word a moderator took out is still found.
    assert _shown(_get(secretariat, "?q=telefono")) == [corpus.redacted]
    assert _shown(_get(secretariat, "?q=nothing+like+this")) == []


def test_counts_total_and_per_pillar_under_the_other_filters(
    corpus: Corpus, secretariat: FlaskClient
) -> None:
    page = _get(secretariat, "?language=es")
    assert "4 approved comments match." in page
    counts = dict(re.findall(r'pillar=(\w+)[^"]*"[^>]*>[^<]+: <strong>(\d+)</strong>', page))
    assert counts == {BORDER: "1", SOUTH: "2", PEOPLE: "2"}
    # The pillar filter itself aside: the counts stay, the total narrows.
    narrowed = _get(secretariat, f"?language=es&pillar={SOUTH}")
    assert "2 approved comments match." in narrowed
    assert (
        dict(re.findall(r'pillar=(\w+)[^"]*"[^>]*>[^<]+: <strong>(\d+)</strong>', narrowed))
        == counts
    )


def test_pages_of_fifty_follow_one_another(app: Flask, secretariat: FlaskClient) -> None:
    with app.app_context():
        made = [_approved(db.session, title=f"Comment {n}").id for n in range(51)]
        db.session.commit()
    first = _get(secretariat)
    assert len(_shown(first)) == 50
    assert "51 approved comments match." in first
    link = re.search(r'href="([^"]*after=[^"]*)"[^>]*>Next page<', first)
    assert link
    second = secretariat.get(link.group(1).replace("&amp;", "&"))
    assert second.status_code == 200
    rest = _shown(second.get_data(as_text=True))
    assert sorted(_shown(first) + rest) == sorted(made)
    assert "Next page" not in second.get_data(as_text=True)


@pytest.mark.parametrize(
    "query",
    [
        "?pillar=no-such-pillar",
        "?theme=999999",
        "?consent=maybe",
        "?cleared=perhaps",
        "?region=XX-YY",
        "?consultation=no-such-consultation",
        "?after=not-a-cursor",
        "?q=" + "x" * 300,
        "?language=fr&sector=%FF",
    ],
)
def test_bad_filter_values_are_ignored_with_a_message(
    corpus: Corpus, secretariat: FlaskClient, query: str
) -> None:
    page = _get(secretariat, query)
    assert "Some filters were not understood and were ignored" in page
    assert len(_shown(page)) == 5  # the open consultation's comments, unfiltered


@pytest.mark.parametrize(
    "query",
    [
        "?q=%FF%FE",
        "?q=%22%2A%27",
        "?q=_%25",
        "?_method=POST&_anchor=x&lang=de",
        "?after=9999-12-31T23:59:59%2B00:00~1",
    ],
)
def test_odd_queries_never_fail(corpus: Corpus, secretariat: FlaskClient, query: str) -> None:
    assert secretariat.get(f"/en/staff/comments{query}").status_code == 200


def test_a_nul_in_the_query_string_is_a_localized_400(corpus: Corpus, app: Flask) -> None:
    client = signed_in(app, Role.SECRETARIAT, Language.ES, email="sec-es@example.org")
    response = client.get("/es/staff/comments?q=%00")
    assert response.status_code == 400
    assert '<html lang="es"' in response.get_data(as_text=True)


def test_a_bad_filter_leaves_the_good_ones_applied(
    corpus: Corpus, secretariat: FlaskClient
) -> None:
    page = _get(secretariat, "?pillar=nope&language=en")
    assert "Some filters were not understood and were ignored: Pillar." in page
    assert _shown(page) == [corpus.border]


def test_one_comment_by_its_id_and_not_an_unapproved_one(
    corpus: Corpus, secretariat: FlaskClient
) -> None:
    page = _get(secretariat, f"?comment={corpus.school}")
    assert _shown(page) == [corpus.school]
    assert f"?consultation={corpus.slug}" in page  # back to all its consultation's comments
    for hidden in (corpus.pending, corpus.rejected, 999_999, "abc", "-1"):
        response = secretariat.get(f"/en/staff/comments?comment={hidden}")
        assert response.status_code == 404
        text = response.get_data(as_text=True)
        assert "No approved comment has that number" in text
        assert "Fuera de tema" not in text
        assert "Aún sin decidir" not in text


def test_spanish_page_for_a_spanish_speaking_secretariat(app: Flask, corpus: Corpus) -> None:
    client = signed_in(app, Role.SECRETARIAT, Language.ES, email="sec-es@example.org")
    page = _get(client, "?pillar=nope", lang="es")
    assert '<html lang="es"' in page
    assert "Comentarios aprobados" in page
    assert "5 comentarios aprobados coinciden." in page
    assert "No apto para publicación" in page
    assert "Algunos filtros no son válidos y no se aplicaron: Pilar." in page
    redacted = _get(client, f"?comment={corpus.redacted}", lang="es")
    assert "Editado para el público" in redacted


def test_roles(app: Flask, corpus: Corpus) -> None:
    assert signed_in(app, Role.MODERATOR).get("/en/staff/comments").status_code == 200
    assert signed_in(app, Role.ADMIN).get("/en/staff/comments").status_code == 200
    anonymous = app.test_client().get("/en/staff/comments")
    assert anonymous.status_code == 302
    assert "/staff/login" in anonymous.headers["Location"]


def test_moderators_may_open_the_moderation_page_and_the_secretariat_may_not(
    app: Flask, corpus: Corpus, secretariat: FlaskClient
) -> None:
    link = f"/en/staff/submissions/{corpus.border}"
    assert link not in _get(secretariat)
    assert link in _get(signed_in(app, Role.MODERATOR))


def test_the_staff_menu_offers_the_workspace(corpus: Corpus, secretariat: FlaskClient) -> None:
    menu = re.search(r'<nav class="consulta-staff-nav".*?</nav>', _get(secretariat), re.S)
    assert menu
    assert 'href="/en/staff/comments"' in menu.group(0)
    assert "Approved comments" in menu.group(0)


def test_agenda_entries_link_to_the_workspace_and_mark_what_the_public_packet_leaves_out(
    app: Flask, corpus: Corpus, secretariat: FlaskClient
) -> None:
    with app.app_context():
        consultation = db.session.scalars(
            select(Consultation).where(Consultation.slug == corpus.slug)
        ).one()
        meeting = agenda_services.create_meeting(
            db.session,
            title_en="Cabinet meeting",
            title_es="Reunión de gabinete",
            level=MeetingLevel.CABINET,
            meeting_date=utcnow().date(),
            place_en="",
            place_es="",
            consultations=[consultation],
        )
        agenda_services.place_unplaced(db.session, meeting)
        db.session.commit()
        meeting_id = meeting.id
    page = secretariat.get(f"/en/staff/meetings/{meeting_id}").get_data(as_text=True)
    for submission_id in (corpus.border, corpus.unpublished):
        assert f'href="/en/staff/comments?comment={submission_id}"' in page
    held = set()
    for entry in re.findall(r'<li id="entry-\d+">(.*?)</li>', page, re.S):
        linked = re.search(r"/en/staff/comments\?comment=(\d+)", entry)
        assert linked, entry
        if 'data-mark="not-in-public-packet"' in entry:
            held.add(int(linked.group(1)))
    assert held == {corpus.unpublished, corpus.disputed}
    assert "Not in the public packet" in page
    assert "2 comments on this agenda are not cleared for publication" in page
    # The link leads to that one comment.
    linked = _get(secretariat, f"?comment={corpus.unpublished}")
    assert _shown(linked) == [corpus.unpublished]
    assert _marked_not_cleared(linked, corpus.unpublished)


def test_theme_members_link_to_the_workspace(
    app: Flask, corpus: Corpus, secretariat: FlaskClient
) -> None:
    page = secretariat.get(f"/en/staff/themes/{corpus.theme_id}").get_data(as_text=True)
    assert f'href="/en/staff/comments?comment={corpus.border}"' in page
    assert f"/en/staff/comments?consultation={corpus.slug}&amp;theme={corpus.theme_id}" in page


@pytest.mark.parametrize("query", ["", "?language=es", f"?pillar={BORDER}", "?region=MX-JAL"])
def test_counts_from_the_tallies_agree_with_counting_rows(
    corpus: Corpus, secretariat: FlaskClient, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    """Without search, topic, theme, consent or publication filters the counts come from the
    queue's trigger-kept tallies; counted over the rows they are the same."""
    from app.moderation.queries import QueueFilters

    def counts(page: str) -> tuple[str, dict[str, str]]:
        total = re.search(r"(\d+) approved comments? match", page)
        assert total
        found = re.findall(r'pillar=(\w+)[^"]*"[^>]*>[^<]+: <strong>(\d+)</strong>', page)
        return total.group(1), dict(found)

    tallied = counts(_get(secretariat, query))
    monkeypatch.setattr(QueueFilters, "tally", lambda self: None)
    assert counts(_get(secretariat, query)) == tallied
