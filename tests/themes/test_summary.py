"""A theme's summary: counts by sector, country and state named in the reader's language, the
one convergence rule, and quotes per language that stand for the theme (a campaign once, only
publishable comments when asked)."""

from __future__ import annotations

import html

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.enums import Consent, Language, Role
from app.models import Campaign, Country, Sector
from app.themes import queries
from app.themes.models import Theme
from app.themes.services import build
from tests.staff.helpers import signed_in
from tests.themes.test_themes import _approved, _consultation, _corpus, _theme_of

pytestmark = pytest.mark.usefixtures("seeded")


def test_convergence_needs_three_sectors_and_both_countries() -> None:
    assert queries.converges([1, 2, 3], ["MX", "US"])
    assert queries.converges([1, 2, 3, 3], ["MX", "US", "CA"])
    assert not queries.converges([1, 2], ["MX", "US"])
    assert not queries.converges([1, 2, 3], ["MX", "MX"])
    assert not queries.converges([1, 2, 3], ["US", "CA"])


def _hours_theme(app: Flask) -> tuple[Theme, dict]:
    session = db.session
    made = _corpus(session)
    build(session, _consultation(session))
    session.commit()
    return session.get(Theme, _theme_of(session, made["hours"][0])), made


def test_summary_counts_and_names_in_the_readers_language(app: Flask) -> None:
    with app.app_context():
        session = db.session
        theme, made = _hours_theme(app)
        sectors = session.scalars(select(Sector).order_by(Sector.position)).all()[:3]
        us = session.get(Country, "US")
        for sub, sector in zip(made["hours"], sectors, strict=False):
            sub.sector = sector
        made["hours"][0].country, made["hours"][0].region_code = us, "US-TX"
        session.commit()
        english = queries.summary(session, theme, lang="en")
        spanish = queries.summary(session, theme, lang="es")
        assert english.comments == english.support == 6
        assert english.converges
        assert spanish.converges
        assert dict(english.countries) == {"Mexico": 5, "United States": 1}
        assert dict(spanish.countries) == {"México": 5, "Estados Unidos": 1}
        assert ("Texas", 1) in english.states
        assert len(english.sectors) == 3
        assert sum(n for _s, n in english.sectors) == 6
        # Only the Mexican comments: one country, not convergent.
        only_mx = queries.summary(
            session, theme, lang="en", among=[s.id for s in made["hours"][1:]]
        )
        assert only_mx.comments == 5
        assert not only_mx.converges


def test_quotes_per_language_stand_for_the_theme(app: Flask) -> None:
    with app.app_context():
        session = db.session
        theme, made = _hours_theme(app)
        found = queries.summary(session, theme, lang="en")
        hours_ids = {s.id for s in made["hours"]}
        assert 1 <= len(found.quotes["en"]) <= queries.QUOTES_PER_LANGUAGE
        assert 1 <= len(found.quotes["es"]) <= queries.QUOTES_PER_LANGUAGE
        for lang, quotes in found.quotes.items():
            for quote in quotes:
                assert quote.lang == lang
                assert quote.submission_id in hours_ids
                assert quote.score > 0
                assert "\n" not in quote.text
        scores = [q.score for q in found.quotes["en"]]
        assert scores == sorted(scores, reverse=True)


def test_quotes_only_from_publishable_comments_when_asked(app: Flask) -> None:
    with app.app_context():
        session = db.session
        theme, made = _hours_theme(app)
        for sub in made["hours"]:
            if sub.page_language.value == "en":
                sub.consent = Consent.NONE
        session.commit()
        internal = queries.summary(session, theme, lang="en")
        public = queries.summary(session, theme, lang="en", publishable_only=True)
        assert internal.quotes["en"]
        assert public.quotes["en"] == []
        assert public.quotes["es"]
        assert public.comments == 3


def test_a_campaign_gives_one_quote_at_most(app: Flask) -> None:
    with app.app_context():
        session = db.session
        made = _corpus(session)
        campaign = Campaign(member_count=4)
        session.add(campaign)
        session.flush()
        members = [
            _approved(session, made["hours"][0].body, "en", campaign_id=campaign.id)
            for _ in range(4)
        ]
        session.commit()
        build(session, _consultation(session))
        session.commit()
        theme = session.get(Theme, _theme_of(session, members[0]))
        found = queries.summary(session, theme, lang="en")
        member_ids = {m.id for m in members}
        assert sum(q.submission_id in member_ids for q in found.quotes["en"]) <= 1
        assert found.support == found.comments - 3


def test_a_sentence_several_people_wrote_alike_is_quoted_once(app: Flask) -> None:
    """Three people (no campaign) who wrote the same sentence give one quote, not three."""
    with app.app_context():
        session = db.session
        made = _corpus(session)
        same = [
            _approved(session, f"{made['hours'][0].body} Our members in {city} say so.", "en")
            for city in ("Reynosa", "Juárez", "Tijuana")
        ]
        session.commit()
        build(session, _consultation(session))
        session.commit()
        theme = session.get(Theme, _theme_of(session, same[0]))
        texts = [q.text.casefold() for q in queries.summary(session, theme, lang="en").quotes["en"]]
        assert texts
        assert len(texts) == len(set(texts))


def test_sentences_split_on_sentence_ends() -> None:
    text = "Open the ports at night. ¿Por qué no? Trucks wait.\n\nSecond paragraph here"
    assert queries.sentences(text) == [
        "Open the ports at night.",
        "¿Por qué no?",
        "Trucks wait.",
        "Second paragraph here",
    ]


@pytest.mark.parametrize(
    ("lang", "convergence", "by_state", "texas"),
    [
        ("en", "Convergence: backed by at least three sectors", "By state or region", "Texas"),
        (
            "es",
            "Convergencia: respaldado por al menos tres sectores",
            "Por ubicación",
            "Texas",
        ),
    ],
)
def test_the_theme_page_shows_its_convergence_states_and_quotes(
    app: Flask, lang: str, convergence: str, by_state: str, texas: str
) -> None:
    """The secretariat reads on the theme page what the packet will say: the same summary."""
    with app.app_context():
        session = db.session
        theme, made = _hours_theme(app)
        sectors = session.scalars(select(Sector).order_by(Sector.position)).all()[:3]
        for sub, sector in zip(made["hours"], sectors, strict=False):
            sub.sector = sector
        made["hours"][0].country, made["hours"][0].region_code = session.get(Country, "US"), "US-TX"
        session.commit()
        theme_id = theme.id
        quote = queries.summary(session, theme, lang=lang).quotes["es"][0].text
    client = signed_in(app, Role.SECRETARIAT, Language(lang))
    page = client.get(f"/{lang}/staff/themes/{theme_id}").get_data(as_text=True)
    assert convergence in page
    assert by_state in page
    assert texas in page
    assert html.escape(quote, quote=False) in page


@pytest.mark.parametrize(
    ("lang", "mark"),
    [("en", "Not cleared for publication"), ("es", "No apto para publicación")],
)
def test_the_theme_page_marks_comments_not_cleared_for_publication(
    app: Flask, lang: str, mark: str
) -> None:
    """Issue 16, point 1: wherever the secretariat sees a comment, one not cleared for
    publication is marked, in the member list and beside its quote (the workspace's wording)."""
    with app.app_context():
        session = db.session
        theme, made = _hours_theme(app)
        held = made["hours"][0]
        held.consent = Consent.NONE
        session.commit()
        theme_id, held_id, held_code = theme.id, held.id, held.tracking_code
        found = queries.summary(session, theme, lang=lang)
        quoted = {q.submission_id: q.publishable for qs in found.quotes.values() for q in qs}
        assert quoted[held_id] is False
        assert all(quoted[i] is (i != held_id) for i in quoted)
    client = signed_in(app, Role.SECRETARIAT, Language(lang))
    page = client.get(f"/{lang}/staff/themes/{theme_id}").get_data(as_text=True)
    members = page.split("consulta-theme-members")[1]
    rows = [row for row in members.split("<tr>") if "</td>" in row]
    marked = [row for row in rows if 'data-mark="not-cleared"' in row]
    assert len(marked) == 1
    assert held_code in marked[0]
    assert html.escape(mark, quote=False) in marked[0]
    quotes = page.split("<blockquote")[1:]
    for quote in quotes:
        assert ('data-mark="not-cleared"' in quote) is (held_code in quote)


def test_the_theme_page_draws_a_bar_for_each_count(app: Flask) -> None:
    """Issue 16, point 3: counts by sector, country and state with bars drawn on the server
    (an SVG, no script), each as long as its share of the theme's comments."""
    with app.app_context():
        session = db.session
        theme, made = _hours_theme(app)
        made["hours"][0].country = session.get(Country, "US")
        session.commit()
        theme_id = theme.id
    client = signed_in(app, Role.SECRETARIAT, Language.EN)
    page = client.get(f"/en/staff/themes/{theme_id}").get_data(as_text=True)
    country_table = page.split("Comments by country")[1].split("</table>")[0]
    assert 'data-bar="83"' in country_table  # five of six in Mexico
    assert 'data-bar="17"' in country_table  # one in the United States
    assert "<script" not in country_table


def test_the_theme_page_pages_its_comments(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16, point 4: a theme's comments are paginated, oldest first."""
    monkeypatch.setattr(queries, "PAGE_SIZE", 4)
    with app.app_context():
        theme, made = _hours_theme(app)
        theme_id = theme.id
        codes = sorted((s.id, s.tracking_code) for s in made["hours"])
    client = signed_in(app, Role.SECRETARIAT, Language.EN)
    first = client.get(f"/en/staff/themes/{theme_id}").get_data(as_text=True)
    second = client.get(f"/en/staff/themes/{theme_id}?page=2").get_data(as_text=True)
    first, second = (page.split("consulta-theme-members")[1] for page in (first, second))
    assert [code in first for _i, code in codes] == [True] * 4 + [False] * 2
    assert [code in second for _i, code in codes] == [False] * 4 + [True] * 2
    assert "Next page" in first
    assert "Previous page" not in first
    assert "Next page" not in second
    assert "Previous page" in second
