"""Consultations: bilingual fields required together, a slug checked, a window given in a
chosen time zone and stored in UTC, safe Markdown, offered pillars/topics and sector intros,
previews in both languages, and no deletion once comments exist."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db, utcnow
from app.enums import Language
from app.taxonomy.models import Consultation, Pillar, Sector
from tests import factories
from tests.admin.helpers import admin_client, events, form_as_shown, post, translated
from tests.intake.helpers import submit, valid_answers

NEW = "/en/staff/admin/consultations/new"


def _answers(**overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "slug": "hled-2027",
        "title_en": "Second round",
        "title_es": "Segunda ronda",
        "description_en": "Tell us what **matters**.",
        "description_es": "Díganos qué **importa**.",
        "opens_at": "2027-03-01T09:00",
        "closes_at": "2027-03-31T18:00",
        "timezone": "America/Mexico_City",
        "pillars": ["building_back_together", "investing_in_our_people"],
        "topics": ["semiconductors"],
    }
    answers.update(overrides)
    return answers


def _consultation(app: Flask, slug: str = "hled-2027") -> Consultation:
    with app.app_context():
        found = db.session.scalar(select(Consultation).where(Consultation.slug == slug))
        if found is not None:
            found.pillar_codes = [p.code for p in found.pillars]  # type: ignore[attr-defined]
            found.topic_codes = [t.code for t in found.topics]  # type: ignore[attr-defined]
        db.session.expunge_all()
        return found


def test_create_converts_the_local_window_to_utc_and_is_recorded(seeded: Flask) -> None:
    client = admin_client(seeded)
    response = post(client, NEW, _answers(), page=NEW)
    assert response.status_code == 303, response.get_data(as_text=True)
    created = _consultation(seeded)
    # Mexico City has no daylight saving time since 2022: UTC-6 all year.
    assert created.opens_at == datetime(2027, 3, 1, 15, 0, tzinfo=UTC)
    assert created.closes_at == datetime(2027, 4, 1, 0, 0, tzinfo=UTC)
    assert created.timezone == "America/Mexico_City"
    assert created.pillar_codes == ["building_back_together", "investing_in_our_people"]
    assert created.topic_codes == ["semiconductors"]
    [event] = events(seeded, "consultation.created")
    assert event.target_label == "hled-2027"
    assert "Segunda ronda" in event.after


@pytest.mark.parametrize(
    ("zone", "local", "expected"),
    [
        ("America/New_York", "2027-07-01T09:00", datetime(2027, 7, 1, 13, 0, tzinfo=UTC)),
        ("America/New_York", "2027-01-15T09:00", datetime(2027, 1, 15, 14, 0, tzinfo=UTC)),
        ("America/Los_Angeles", "2027-07-01T09:00", datetime(2027, 7, 1, 16, 0, tzinfo=UTC)),
        ("America/Tijuana", "2027-07-01T09:00", datetime(2027, 7, 1, 16, 0, tzinfo=UTC)),
        ("America/Cancun", "2027-07-01T09:00", datetime(2027, 7, 1, 14, 0, tzinfo=UTC)),
        ("UTC", "2027-07-01 09:00", datetime(2027, 7, 1, 9, 0, tzinfo=UTC)),
    ],
)
def test_time_zone_conversion(seeded: Flask, zone: str, local: str, expected: datetime) -> None:
    client = admin_client(seeded)
    response = post(
        client, NEW, _answers(timezone=zone, opens_at=local, closes_at="2027-12-31T00:00"), NEW
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    assert _consultation(seeded).opens_at == expected


def test_edit_form_shows_the_window_in_the_consultations_zone(seeded: Flask) -> None:
    client = admin_client(seeded)
    window = {"opens_at": "2027-07-01T09:00", "closes_at": "2027-08-01T09:00"}
    post(client, NEW, _answers(timezone="America/New_York", **window), NEW)
    created = _consultation(seeded)
    page = client.get(f"/en/staff/admin/consultations/{created.id}/edit").get_data(as_text=True)
    assert 'value="2027-07-01T09:00"' in page
    assert re.search(r'<option selected value="America/New_York"', page)


def test_a_time_skipped_by_the_clock_change_is_refused(seeded: Flask) -> None:
    client = admin_client(seeded)
    response = post(
        client, NEW, _answers(timezone="America/New_York", opens_at="2027-03-14T02:30"), NEW
    )
    assert response.status_code == 422
    assert "This time does not exist in that time zone" in response.get_data(as_text=True)


def test_closing_must_follow_opening_and_dates_must_be_readable(seeded: Flask) -> None:
    client = admin_client(seeded)
    backwards = post(client, NEW, _answers(closes_at="2027-02-01T09:00"), NEW)
    assert backwards.status_code == 422
    assert "The closing time must be after the opening time." in backwards.get_data(as_text=True)
    unreadable = post(client, NEW, _answers(opens_at="next tuesday"), NEW)
    assert unreadable.status_code == 422
    text = unreadable.get_data(as_text=True)
    assert "Enter a date and time like 2027-03-01 09:00." in text
    assert 'value="next tuesday"' in text
    assert _consultation(seeded) is None


@pytest.mark.parametrize(
    ("zone", "closes_at"),
    [("America/Mexico_City", "9999-12-31T23:59"), ("Asia/Tokyo", "0001-01-01T00:00"),
     ("UTC", "3000-01-01T00:00")],
)  # fmt: skip
def test_a_window_beyond_the_years_we_hold_is_refused_with_a_message(
    seeded: Flask, zone: str, closes_at: str
) -> None:
    client = admin_client(seeded)
    response = post(client, NEW, _answers(timezone=zone, closes_at=closes_at), NEW)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Enter a date between the years 2000 and 2999." in text
    assert f'value="{closes_at}"' in text
    assert _consultation(seeded) is None


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("title_en", "Enter the title in English."),
        ("title_es", "Enter the title in Spanish."),
        ("description_en", "Enter the description in English."),
        ("description_es", "Enter the description in Spanish."),
    ],
)
def test_both_languages_are_required(seeded: Flask, field: str, message: str) -> None:
    client = admin_client(seeded)
    response = post(client, NEW, _answers(**{field: ""}), NEW)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="error-summary"' in page
    assert f'href="#{field}"' in page
    assert message in page
    assert 'value="Second round"' in page or field == "title_en"  # values kept
    assert _consultation(seeded) is None


def test_errors_follow_the_staff_language(seeded: Flask) -> None:
    from app.enums import Language

    client = admin_client(seeded, Language.ES)
    response = post(
        client, "/es/staff/admin/consultations/new", _answers(title_es=""),
        page="/es/staff/admin/consultations/new",
    )  # fmt: skip
    assert response.status_code == 422
    assert translated(seeded, "es", "Enter the title in Spanish.") in response.get_data(
        as_text=True
    )


@pytest.mark.parametrize("slug", ["Has Spaces", "UPPER", "a--b", "-x", "ñandú", "x" * 81])
def test_bad_slugs_are_refused(seeded: Flask, slug: str) -> None:
    client = admin_client(seeded)
    response = post(client, NEW, _answers(slug=slug), NEW)
    assert response.status_code == 422
    assert 'href="#slug"' in response.get_data(as_text=True)


def test_a_slug_in_use_is_refused(seeded: Flask) -> None:
    client = admin_client(seeded)
    response = post(client, NEW, _answers(slug="hled-2026"), NEW)
    assert response.status_code == 422
    assert "Another consultation already uses this address." in response.get_data(as_text=True)


def test_topics_only_under_offered_pillars_and_at_least_one_pillar(seeded: Flask) -> None:
    client = admin_client(seeded)
    stray = post(client, NEW, _answers(pillars=["investing_in_our_people"]), NEW)
    assert stray.status_code == 422
    assert "Choose topics only under the pillars offered." in stray.get_data(as_text=True)
    none = post(client, NEW, _answers(pillars=[], topics=[]), NEW)
    assert "Choose at least one pillar." in none.get_data(as_text=True)


def test_markdown_is_rendered_with_nothing_executable(seeded: Flask) -> None:
    client = admin_client(seeded)
    evil = (
        "### Scope\n\nRead *this* and **that**.\n\n"
        "<script>alert('x')</script>\n\n"
        '<img src="x" onerror="alert(1)">\n\n'
        "[click](javascript:alert(1)) [site](https://example.org) [mail](mailto:a@example.org)\n\n"
        '<a href="https://example.org" onclick="steal()">raw</a>\n\n'
        "- one\n- two\n\n> quoted\n\n<iframe src='https://evil.example'></iframe>"
    )
    answers = _answers(description_en=evil, opens_at="2020-01-01T00:00")
    assert post(client, NEW, answers, NEW).status_code == 303
    page = seeded.test_client().get("/en/c/hled-2027/").get_data(as_text=True)
    assert "<h3>Scope</h3>" in page
    assert "<em>this</em>" in page
    assert "<strong>that</strong>" in page
    assert "<li>one</li>" in page
    assert "<blockquote>" in page
    assert '<a href="https://example.org" rel="noopener noreferrer">site</a>' in page
    assert 'href="mailto:a@example.org"' in page
    lowered = page.lower()
    assert "<script>alert" not in lowered
    assert "onerror" not in lowered
    assert "onclick" not in lowered
    assert "javascript:" not in lowered
    assert "<iframe" not in lowered
    assert "<img" not in lowered
    # The landing page shows the words only.
    landing = seeded.test_client().get("/en/").get_data(as_text=True)
    assert "Scope Read this and that." in landing


def test_the_public_form_offers_only_the_chosen_pillars_and_topics(seeded: Flask) -> None:
    client = admin_client(seeded)
    answers = _answers(
        opens_at="2020-01-01T00:00", pillars=["building_back_together"], topics=["semiconductors"]
    )
    assert post(client, NEW, answers, NEW).status_code == 303
    visitor = seeded.test_client()
    form = visitor.get("/en/c/hled-2027/submit").get_data(as_text=True)
    assert 'value="building_back_together"' in form
    assert 'value="investing_in_our_people"' not in form
    assert 'value="semiconductors"' in form
    assert 'value="border_infrastructure"' not in form
    wrong_pillar = valid_answers(primary_pillar="investing_in_our_people", topics=[])
    refused = submit(visitor, lang="en", slug="hled-2027", **wrong_pillar)
    assert refused.status_code == 422
    assert "Choose one of the options offered." in refused.get_data(as_text=True)
    accepted = submit(
        visitor, lang="en", slug="hled-2027", **valid_answers(topics=["semiconductors"])
    )
    assert accepted.status_code == 303
    # The demo consultation, which names no pillars, still offers every active one.
    assert 'value="investing_in_our_people"' in visitor.get("/en/c/hled-2026/submit").get_data(
        as_text=True
    )


def test_sector_intros_both_languages_and_shown_publicly(seeded: Flask) -> None:
    client = admin_client(seeded)
    with seeded.app_context():
        academia = db.session.scalar(select(Sector).where(Sector.code == "academia"))
        key = f"intro_{academia.id}"
    half = post(client, NEW, _answers(**{f"{key}_en": "Researchers, welcome."}), NEW)
    assert half.status_code == 422
    assert "Write this intro in Spanish too, or leave both empty." in half.get_data(as_text=True)
    full = _answers(
        opens_at="2020-01-01T00:00",
        **{f"{key}_en": "Researchers, welcome.", f"{key}_es": "Bienvenida, academia."},
    )
    assert post(client, NEW, full, NEW).status_code == 303
    visitor = seeded.test_client()
    assert "Researchers, welcome." in visitor.get("/en/c/hled-2027/").get_data(as_text=True)
    assert "Bienvenida, academia." in visitor.get("/es/c/hled-2027/").get_data(as_text=True)


def test_preview_in_both_languages_before_opening_is_staff_only(seeded: Flask) -> None:
    client = admin_client(seeded)
    assert post(client, NEW, _answers(opens_at="2030-01-01T09:00", closes_at="2030-02-01T09:00"),
                NEW).status_code == 303  # fmt: skip
    created = _consultation(seeded)
    base = f"/en/staff/admin/consultations/{created.id}/preview"
    english = client.get(f"{base}/en")
    spanish = client.get(f"{base}/es")
    assert english.status_code == 200
    assert "Second round" in english.get_data(as_text=True)
    assert "<strong>matters</strong>" in english.get_data(as_text=True)
    assert 'lang="es"' in spanish.get_data(as_text=True)
    assert "Segunda ronda" in spanish.get_data(as_text=True)
    assert "<strong>importa</strong>" in spanish.get_data(as_text=True)
    assert client.get(f"{base}/fr").status_code == 404
    assert "/staff/login" in seeded.test_client().get(f"{base}/en").headers["Location"]
    # Not open yet: the public list does not show it.
    assert "Second round" not in seeded.test_client().get("/en/").get_data(as_text=True)


def test_a_consultation_with_comments_cannot_be_deleted_only_closed_or_archived(
    seeded: Flask,
) -> None:
    client = admin_client(seeded)
    with seeded.app_context():
        demo = db.session.scalar(select(Consultation).where(Consultation.slug == "hled-2026"))
        factories.submission(db.session, consultation=demo)
        db.session.commit()
        demo_id = demo.id
    base = f"/en/staff/admin/consultations/{demo_id}"
    listing = "/en/staff/admin/consultations"
    post(client, f"{base}/delete", page=listing)
    assert _consultation(seeded, "hled-2026") is not None
    assert "it cannot be deleted, only closed or archived" in client.get(listing).get_data(
        as_text=True
    )
    assert post(client, f"{base}/close", page=listing).status_code == 303
    closed = _consultation(seeded, "hled-2026")
    assert closed.closes_at <= utcnow()
    assert "not accepting comments" in seeded.test_client().get("/en/c/hled-2026/").get_data(
        as_text=True
    )
    assert post(client, f"{base}/archive", page=listing).status_code == 303
    assert _consultation(seeded, "hled-2026").archived_at is not None
    # Archived: off the public list, the page and its comments stay.
    assert seeded.test_client().get("/en/c/hled-2026/").status_code == 200
    assert post(client, f"{base}/unarchive", page=listing).status_code == 303
    assert _consultation(seeded, "hled-2026").archived_at is None
    actions = [e.action for e in events(seeded)]
    assert actions == ["consultation.closed", "consultation.archived", "consultation.unarchived"]


def test_a_consultation_without_comments_can_be_deleted(seeded: Flask) -> None:
    client = admin_client(seeded)
    with seeded.app_context():
        spare = factories.consultation(db.session, opens_at=utcnow() + timedelta(days=3))
        db.session.commit()
        spare_id, slug = spare.id, spare.slug
    listing = "/en/staff/admin/consultations"
    response = post(client, f"/en/staff/admin/consultations/{spare_id}/delete", page=listing)
    assert response.status_code == 303
    assert _consultation(seeded, slug) is None
    [event] = events(seeded, "consultation.deleted")
    assert event.target_label == slug
    assert client.get(f"/en/staff/admin/consultations/{spare_id}/edit").status_code == 404


def test_a_consultation_with_only_unused_invitations_can_be_deleted(seeded: Flask) -> None:
    """An invitation nobody used made no comment: it goes with the consultation (a 500 from
    its foreign key before), as do drafts, and the link then works no more."""
    from app.intake.invitations import create_invitation

    client = admin_client(seeded)
    with seeded.app_context():
        spare = factories.consultation(db.session, opens_at=utcnow() - timedelta(days=1))
        sector = db.session.scalars(select(Sector).order_by(Sector.id)).first()
        _invitation, secret = create_invitation(
            db.session, None, spare, "Cámara de Comercio", sector, "ana@example.org", Language.ES
        )
        db.session.commit()
        spare_id, slug = spare.id, spare.slug
    assert client.get(f"/es/c/{slug}/invited/{secret}").status_code == 200
    listing = "/en/staff/admin/consultations"
    response = post(client, f"/en/staff/admin/consultations/{spare_id}/delete", page=listing)
    assert response.status_code == 303
    assert _consultation(seeded, slug) is None
    assert client.get(f"/es/c/{slug}/invited/{secret}").status_code == 404


def test_editing_records_only_what_changed(seeded: Flask) -> None:
    client = admin_client(seeded)
    post(client, NEW, _answers(), NEW)
    created = _consultation(seeded)
    url = f"/en/staff/admin/consultations/{created.id}/edit"
    assert post(client, url, _answers(title_es="Tercera ronda"), url).status_code == 303
    [event] = events(seeded, "consultation.updated")
    assert event.before == '{"title_es":"Segunda ronda"}'
    assert event.after == '{"title_es":"Tercera ronda"}'


def test_the_list_shows_states(seeded: Flask) -> None:
    client = admin_client(seeded)
    post(client, NEW, _answers(opens_at="2030-01-01T09:00", closes_at="2030-02-01T09:00"), NEW)
    page = client.get("/en/staff/admin/consultations").get_data(as_text=True)
    assert "Not yet open" in page
    assert "Open" in page


def test_the_seeded_consultation_saves_unchanged(seeded: Flask) -> None:
    """It names no pillars (every active one is offered): the page shows what is offered,
    and sending the page back as shown changes nothing."""
    from app.admin.services import consultation_snapshot
    from app.taxonomy.queries import offered_pillars

    def state() -> tuple[dict, list]:
        with seeded.app_context():
            found = db.session.scalar(select(Consultation))
            offered = [
                (p.code, [t.code for t in p.topics]) for p in offered_pillars(db.session, found)
            ]
            return consultation_snapshot(found), offered

    before = state()
    client = admin_client(seeded)
    with seeded.app_context():
        url = f"/en/staff/admin/consultations/{db.session.scalar(select(Consultation.id))}/edit"
    data = form_as_shown(client.get(url).get_data(as_text=True), url)
    assert len(data["pillars"]) == 4
    assert data["csrf_token"]
    response = client.post(url, data=data)
    assert response.status_code == 303, response.get_data(as_text=True)
    assert state() == before
    assert events(seeded, "consultation.updated") == []


def test_unticking_a_pillar_of_the_seeded_consultation_names_the_others(seeded: Flask) -> None:
    client = admin_client(seeded)
    with seeded.app_context():
        url = f"/en/staff/admin/consultations/{db.session.scalar(select(Consultation.id))}/edit"
    data = form_as_shown(client.get(url).get_data(as_text=True), url)
    dropped = data["pillars"].pop()
    with seeded.app_context():
        pillar = db.session.scalar(select(Pillar).where(Pillar.code == dropped))
        data["topics"] = [t for t in data["topics"] if t not in {x.code for x in pillar.topics}]
    assert client.post(url, data=data).status_code == 303
    saved = _consultation(seeded, "hled-2026")
    assert sorted(saved.pillar_codes) == sorted(data["pillars"])
    assert sorted(saved.topic_codes) == sorted(data["topics"])
    [event] = events(seeded, "consultation.updated")
    assert "pillars" in event.after
