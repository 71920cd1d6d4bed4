"""The public record's pages: the list (filters, search, pages, campaigns once, counts) and the
permalink (public text, its language, a 404 for anything not published)."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.db import db
from app.enums import Consent, SubmissionStatus
from app.i18n import localized
from app.models import Consultation, Submission
from app.public import queries
from tests.public.helpers import campaign, pillar, published, sector

pytestmark = pytest.mark.usefixtures("seeded")
LIST = "/en/c/hled-2026/comments"


def _page(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def test_list_shows_published_comments_newest_first(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        published(db.session, 10, title="Older comment")
        published(db.session, 1, title="Newer comment")
        published(db.session, 0, title="Still pending", status=SubmissionStatus.PENDING)
        db.session.commit()
    html = _page(client, LIST)
    assert html.index("Newer comment") < html.index("Older comment")
    assert "Still pending" not in html
    assert "Ana López" in html  # named consent


def test_consultation_page_links_to_the_record_the_status_and_the_feed(
    client: FlaskClient,
) -> None:
    html = _page(client, "/es/c/hled-2026/")
    assert 'href="/es/c/hled-2026/comments"' in html
    assert 'href="/es/status"' in html
    assert 'href="/feeds/hled-2026.atom"' in html


def test_search_ignores_accents_and_filters_combine(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        published(db.session, title="Educación dual", sector=sector(db.session, 0))
        published(db.session, title="Aduanas", body="Tiempos de cruce en la frontera.")
        published(
            db.session, title="Educación superior", sector=sector(db.session, 1),
            primary_pillar=pillar(db.session, 1),
        )  # fmt: skip
        code = sector(db.session, 1).code
        second = pillar(db.session, 1).code
        db.session.commit()
    html = _page(client, f"{LIST}?q=educacion")
    assert "Educación dual" in html
    assert "Educación superior" in html
    assert "Aduanas" not in html
    html = _page(client, f"{LIST}?q=EDUCACIÓN&sector={code}")
    assert "Educación superior" in html
    assert "Educación dual" not in html
    html = _page(client, f"{LIST}?pillar={second}")
    assert "Educación superior" in html
    assert "Aduanas" not in html


def test_counts_per_pillar_follow_the_other_filters(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        first, second = pillar(db.session, 0), pillar(db.session, 1)
        for _ in range(3):
            published(db.session, primary_pillar=first)
        published(db.session, primary_pillar=second, title="Solo")
        db.session.commit()
        consultation_id = db.session.scalar(select(Consultation.id))
        counts = queries.pillar_counts(db.session, consultation_id, queries.PublicFilters())
        assert {p.code: n for p, n in counts} == {first.code: 3, second.code: 1}
        counts = queries.pillar_counts(
            db.session, consultation_id, queries.PublicFilters(search="solo")
        )
        assert [(p.code, n) for p, n in counts] == [(second.code, 1)]


def test_a_pillar_count_stops_at_the_cap_and_says_so(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting stops past COUNT_CAP (a visit never counts the whole record); the page says
    "more than" instead of a figure that stopped part-way."""
    monkeypatch.setattr(queries, "COUNT_CAP", 2)
    with app.app_context():
        first, second = pillar(db.session, 0), pillar(db.session, 1)
        for _ in range(4):
            published(db.session, primary_pillar=first)
        published(db.session, primary_pillar=second)
        db.session.commit()
        consultation_id = db.session.scalar(select(Consultation.id))
        counts = queries.pillar_counts(db.session, consultation_id, queries.PublicFilters())
        assert {p.code: n for p, n in counts} == {first.code: 3, second.code: 1}
        names = {lang: (localized(first, "name", lang), localized(second, "name", lang))
                 for lang in ("en", "es")}  # fmt: skip
    english = _page(client, LIST)
    assert f"{names['en'][0]}: <strong>more than 2</strong>" in english
    assert f"{names['en'][1]}: <strong>1</strong>" in english
    spanish = _page(client, LIST.replace("/en/", "/es/"))
    assert f"{names['es'][0]}: <strong>más de 2</strong>" in spanish


def test_pages_go_on_without_repeating_or_skipping(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        for n in range(queries.PAGE_SIZE + 5):
            published(db.session, n, title=f"Comment number {n:03d}")
        db.session.commit()
    first = _page(client, LIST)
    assert first.count("Comment number") == queries.PAGE_SIZE
    next_url = re.search(r'href="([^"]*after=[^"]*)"', first).group(1).replace("&amp;", "&")
    second = _page(client, next_url)
    assert second.count("Comment number") == 5
    seen = set(re.findall(r"Comment number \d+", first + second))
    assert len(seen) == queries.PAGE_SIZE + 5


def test_a_campaign_appears_once_and_links_to_its_members(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        letters = [published(db.session, 10 - n, title=f"Same letter {n}") for n in range(4)]
        letters.append(published(db.session, 0, title="Unconsented letter", consent=Consent.NONE))
        campaign(db.session, letters)
        published(db.session, 20, title="On its own")
        lead = letters[0].public_id
        db.session.commit()
    html = _page(client, LIST)
    assert html.count("Same letter") == 1
    assert "Same letter 0" in html
    assert "On its own" in html
    assert "and 3 others sent the same letter" in html
    assert f"campaign={lead}" in html
    members = _page(client, f"{LIST}?campaign={lead}")
    assert all(f"Same letter {n}" in members for n in range(4))
    assert "Unconsented letter" not in members
    assert "On its own" not in members
    spanish = _page(client, "/es/c/hled-2026/comments")
    assert "y otras 3 personas enviaron la misma carta" in spanish


def test_permalink_shows_the_public_text_in_its_language(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        comment = published(
            db.session, title="Original", body="Texto original con datos.",
            public_title="Título público", public_body="Texto público.",
            detected_language="es", consent=Consent.ANONYMOUS,
        )  # fmt: skip
        url = f"{LIST}/{comment.public_id}"
        code = comment.tracking_code
        db.session.commit()
    html = _page(client, url)
    assert 'lang="es">Título público' in html
    assert "Texto público." in html
    assert "Original" not in html
    assert "datos" not in html
    assert "Ana López" not in html
    assert "Anonymous" in html
    assert code not in html
    assert "Anónimo" in _page(client, url.replace("/en/", "/es/"))


def test_unknown_and_withdrawn_comments_are_the_same_404(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        gone = published(db.session, status=SubmissionStatus.WITHDRAWN)
        code = gone.tracking_code
        public_id = gone.public_id
        db.session.commit()
    withdrawn = _page(client, f"{LIST}/{public_id}", 404).replace(public_id, "ID")
    unknown = _page(client, f"{LIST}/{'2' * 12}", 404).replace("2" * 12, "ID")
    assert withdrawn == unknown
    _page(client, f"{LIST}/%00%ff", 404)
    _page(client, f"{LIST}/{code}", 404)
    _page(client, "/en/c/no-such-consultation/comments", 404)


@pytest.mark.parametrize(
    "query",
    [
        "colour=red",
        "pillar=nonsense",
        "pillar=a&pillar=b",
        "after=yesterday",
        "after=9999-12-31T23:59:59%2B00:00~99999999999999999999",
        "campaign=HLED-AAAA-BBBB",
        "q=%00",
        "q=%ff%fe",
        "q=" + "x" * 300,
        "language=fr",
    ],
)
def test_bad_input_is_a_localized_400(client: FlaskClient, query: str) -> None:
    html = _page(client, f"/es/c/hled-2026/comments?{query}", 400)
    assert 'lang="es"' in html


def test_search_reads_the_redacted_text_without_accents(app: Flask, client: FlaskClient) -> None:
    """A redacted comment is found by the words it shows, accents aside, and never by the
    words a moderator took out."""
    with app.app_context():
        published(
            db.session, title="Llamar a Pérez", body="Mi teléfono es 555-1234.",
            public_title="ÉNFASIS en Educación", public_body="Texto público sin datos.",
        )  # fmt: skip
        published(
            db.session, title="Aduanas", organization="Discreta SA", consent=Consent.ANONYMOUS
        )
        db.session.commit()
    assert "ÉNFASIS en Educación" in _page(client, f"{LIST}?q=enfasis+EDUCACION")
    for hidden in ("Perez", "555", "telefono", "Discreta"):
        html = _page(client, f"{LIST}?q={hidden}")
        assert "No comments match these filters." in html, hidden
    assert "Aduanas" in _page(client, f"{LIST}?q=aduanas")


def test_counts_name_a_renamed_pillar_on_the_next_visit(app: Flask, client: FlaskClient) -> None:
    """The counts' pillar names are kept per process (app.taxonomy.queries.pillars_in_order):
    a rename, wherever it is made, shows on the next visit in both languages."""
    with app.app_context():
        published(db.session, primary_pillar=pillar(db.session, 0))
        db.session.commit()
    assert "Renamed pillar" not in _page(client, LIST)
    with app.app_context():
        first = pillar(db.session, 0)
        first.name_en, first.name_es = "Renamed pillar", "Pilar renombrado"
        db.session.commit()
    assert "Renamed pillar: <strong>1</strong>" in _page(client, LIST)
    assert "Pilar renombrado: <strong>1</strong>" in _page(client, LIST.replace("/en/", "/es/"))


def test_a_redacted_comment_is_counted_by_its_shown_words_whatever_their_accents(
    app: Flask,
) -> None:
    """The counts' cheap test before folding (queries._may_contain) leaves out no redacted
    comment the fold finds: ñ, ü, capitals with accents and a typed underscore."""
    with app.app_context():
        first = pillar(db.session, 0)
        published(
            db.session, title="Original", public_title="PINGÜINOS del AÑO_FISCAL",
            public_body="Texto público.", primary_pillar=first,
        )  # fmt: skip
        db.session.commit()
        consultation_id = db.session.scalar(select(Consultation.id))
        for search, expected in (
            ("pinguinos ano_fiscal", 1), ("PINGÜINOS", 1), ("año", 1), ("anoxfiscal", 0),
            ("publico", 1), ("original", 0),
        ):  # fmt: skip
            counts = queries.pillar_counts(
                db.session, consultation_id, queries.PublicFilters(search=search)
            )
            assert sum(n for _p, n in counts) == expected, search


def test_the_same_urls_show_a_comment_published_or_withdrawn_since_the_last_visit(
    app: Flask, client: FlaskClient
) -> None:
    """The list and the API keep their statements per process (queries._page_statement),
    never their rows: a comment published or withdrawn between two visits of the same URL
    shows, or is gone, on the next one, in both languages and in the counts."""
    api = "/api/v1/consultations/hled-2026/comments"
    urls = [LIST, LIST.replace("/en/", "/es/"), f"{LIST}?language=es", api, f"{api}?language=es"]
    with app.app_context():
        kept = published(db.session, 5, title="Kept comment", detected_language="es")
        db.session.commit()
        kept_id = kept.id
    for url in urls:
        assert "Kept comment" in _page(client, url)
        assert "Newly published" not in _page(client, url)
    with app.app_context():
        published(db.session, 1, title="Newly published", detected_language="es")
        db.session.get(Submission, kept_id).status = SubmissionStatus.WITHDRAWN
        db.session.commit()
    for url in urls:
        html = _page(client, url)
        assert "Newly published" in html, url
        assert "Kept comment" not in html, url
    assert ": <strong>1</strong>" in _page(client, LIST)
