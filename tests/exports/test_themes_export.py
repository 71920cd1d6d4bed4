"""The themes export (issue 16, point 7): a consultation's themes (not dismissed) with the
counts the theme page shows, as CSV (formula-safe cells) and JSON; the secretariat's alone."""

from __future__ import annotations

import csv
import io
import json

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.enums import Role
from app.models import Sector, Submission
from app.themes.models import Theme, ThemeMember
from tests.exports.helpers import Corpus, build_corpus
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")

URL = "/en/staff/exports/themes"


@pytest.fixture
def corpus(app: Flask) -> Corpus:
    return build_corpus(app)


def _themes(app: Flask, corpus: Corpus) -> tuple[str, int, int, list[str]]:
    """A theme holding the named and English comments (one campaign: one voice), the
    anonymous one and the pending one (not counted), labelled like a formula; and a
    dismissed theme. Returns the consultation's slug, both ids and the sector codes."""
    with app.app_context():
        s = db.session
        subs = {
            sub.tracking_code: sub
            for sub in s.scalars(
                select(Submission).where(
                    Submission.tracking_code.in_(
                        [corpus.named, corpus.english, corpus.anonymous, corpus.pending]
                    )
                )
            )
        }
        named = subs[corpus.named]
        theme = Theme(
            consultation_id=named.consultation_id,
            pillar_id=named.primary_pillar_id,
            label_en='=HYPERLINK("http://x","training")',
            label_es="-Formación dual",
        )
        noise = Theme(
            consultation_id=named.consultation_id,
            pillar_id=named.primary_pillar_id,
            label_en="Noise",
            label_es="Ruido",
            dismissed=True,
        )
        s.add_all([theme, noise])
        s.flush()
        s.add_all(ThemeMember(submission_id=sub.id, theme_id=theme.id) for sub in subs.values())
        s.commit()
        sectors = [sector.code for sector in s.scalars(select(Sector).order_by(Sector.position))]
        return named.consultation.slug, theme.id, noise.id, sectors


def test_a_theme_appears_with_its_counts(app: Flask, corpus: Corpus) -> None:
    slug, theme_id, noise_id, sectors = _themes(app, corpus)
    client = signed_in(app, Role.SECRETARIAT)

    response = client.get(f"{URL}.json?consultation={slug}")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    assert f'filename="{slug}-themes-' in response.headers["Content-Disposition"]
    records = json.loads(response.get_data(as_text=True))
    assert [r["id"] for r in records] == [theme_id]  # the dismissed one is left out
    record = records[0]
    # JSON carries the label exactly; the pending comment is not counted; one campaign,
    # one voice.
    assert record["label_en"] == '=HYPERLINK("http://x","training")'
    assert record["label_es"] == "-Formación dual"
    assert record["comments"] == 3
    assert record["support"] == 2
    assert record["sectors"] == {sectors[0]: 2, sectors[1]: 1}
    assert record["countries"] == {"MX": 3}
    assert record["states"] == {"MX-NLE": 3}
    assert record["converges"] is False

    response = client.get(f"{URL}.csv?consultation={slug}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == str(theme_id)
    assert (row["comments"], row["support"], row["converges"]) == ("3", "2", "false")
    assert row[f"sector:{sectors[0]}"] == "2"
    assert row[f"sector:{sectors[1]}"] == "1"
    assert row[f"sector:{sectors[2]}"] == "0"
    assert row["country:MX"] == "3"
    assert row["country:US"] == "0"
    assert row["states"] == "MX-NLE:3"
    # Formula-safe: what a spreadsheet would run is shown as text.
    assert row["label_en"] == '\'=HYPERLINK("http://x","training")'
    assert row["label_es"] == "'-Formación dual"


def test_the_page_offers_the_themes_of_the_chosen_consultation(app: Flask, corpus: Corpus) -> None:
    slug, *_rest = _themes(app, corpus)
    client = signed_in(app, Role.SECRETARIAT)
    page = client.get(f"/en/staff/exports?consultation={slug}").get_data(as_text=True)
    assert f"/en/staff/exports/themes.csv?consultation={slug}" in page
    assert f"/en/staff/exports/themes.json?consultation={slug}" in page
    page = client.get("/es/staff/exports").get_data(as_text=True)
    assert "/staff/exports/themes.csv" not in page


def test_only_the_secretariat_exports_themes(app: Flask, corpus: Corpus) -> None:
    slug, *_rest = _themes(app, corpus)
    moderator = signed_in(app, Role.MODERATOR)
    assert moderator.get(f"{URL}.csv?consultation={slug}").status_code == 403
    admin = signed_in(app, Role.ADMIN)
    assert admin.get(f"{URL}.json?consultation={slug}").status_code == 200
    secretariat = signed_in(app, Role.SECRETARIAT)
    assert secretariat.get(f"{URL}.json?consultation=no-such-thing").status_code == 404
    assert secretariat.get(f"{URL}.json").status_code == 404
    assert secretariat.get(f"{URL}.xlsx?consultation={slug}").status_code == 404
    anonymous = app.test_client()
    response = anonymous.get(f"{URL}.csv?consultation={slug}")
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]
