"""Signals for moderators, never verdicts (issue 17, point 7): one e-mail address behind many
comments of a consultation, and an unconfirmed address inside a campaign. A badge on the queue
row and the submission page, a queue filter for each, read per page in a fixed number of
queries, and nothing decided by them."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event, select

from app.campaigns.models import Campaign
from app.db import db
from app.enums import Language, Role, SubmissionStatus
from app.models import ModerationEvent, Submission
from tests import factories
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")
CONFIRMED_AT = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)

WORDS = {
    Language.EN: {
        "filter": "Signals",
        "same_option": "Same e-mail address behind 3 or more comments",
        "campaign_option": "Unconfirmed e-mail in a campaign",
        "same": "Signal: same e-mail address, %s comments",
        "campaign": "Signal: unconfirmed e-mail in a campaign",
        "not_verdicts": "Signals to look at, not verdicts",
        "behind": "This e-mail address is behind %s comments of this consultation.",
    },
    Language.ES: {
        "filter": "Señales",
        "same_option": "Mismo correo electrónico en 3 comentarios o más",
        "campaign_option": "Correo sin confirmar en una campaña",
        "same": "Señal: mismo correo electrónico, %s comentarios",
        "campaign": "Señal: correo sin confirmar en una campaña",
        "not_verdicts": "Señales para revisar, no veredictos",
        "behind": "Desde este correo electrónico se enviaron %s comentarios a esta consulta.",
    },
}
BADGE = re.compile(r'<span class="usa-tag consulta-signal">([^<]+)</span>')


def _submissions(app: Flask, *specs: dict[str, Any]) -> list[int]:
    with app.app_context():
        ids = [factories.submission(db.session, **spec).id for spec in specs]
        db.session.commit()
        return ids


def _queue_rows(page: str) -> dict[str, list[str]]:
    """The queue's rows by title, with the signal badges each shows."""
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page, flags=re.S):
        title = re.search(r"data-row-link>([^<]+)</a>", row)
        if title:
            rows[title.group(1)] = BADGE.findall(row)
    return rows


@pytest.mark.parametrize("lang", [Language.EN, Language.ES])
def test_one_address_behind_many_comments_is_flagged_and_filtered(
    app: Flask, lang: Language
) -> None:
    with app.app_context():
        other = factories.consultation(db.session, slug="otra-2026")
        db.session.commit()
        other_id = other.id
    _submissions(
        app,
        *({"title": f"Repeated {n}", "email": "same@example.org"} for n in range(3)),
        *({"title": f"Twice {n}", "email": "twice@example.org"} for n in range(2)),
        {"title": "No address", "email": None},
    )
    # The same address in another consultation counts there, not here.
    with app.app_context():
        factories.submission(
            db.session,
            title="Elsewhere",
            email="twice@example.org",
            consultation=db.session.get(type(other), other_id),
        )
        db.session.commit()
    client = signed_in(app, Role.MODERATOR, lang)
    words = WORDS[lang]
    rows = _queue_rows(client.get(f"/{lang.value}/staff/queue").get_data(as_text=True))
    for n in range(3):
        assert rows[f"Repeated {n}"] == [words["same"] % 3]
    assert rows["Twice 0"] == rows["Twice 1"] == rows["Elsewhere"] == rows["No address"] == []

    page = client.get(f"/{lang.value}/staff/queue?signal=same_address").get_data(as_text=True)
    assert sorted(_queue_rows(page)) == ["Repeated 0", "Repeated 1", "Repeated 2"]
    assert words["filter"] in page
    assert words["same_option"] in page


def test_the_threshold_is_a_setting(app: Flask) -> None:
    assert app.config["SIGNAL_SAME_ADDRESS_MIN"] == 3
    _submissions(app, *({"title": f"Twice {n}", "email": "twice@example.org"} for n in range(2)))
    app.config["SIGNAL_SAME_ADDRESS_MIN"] = 2
    client = signed_in(app, Role.MODERATOR)
    rows = _queue_rows(client.get("/en/staff/queue").get_data(as_text=True))
    assert rows["Twice 0"] == ["Signal: same e-mail address, 2 comments"]
    page = client.get("/en/staff/queue?signal=same_address").get_data(as_text=True)
    assert sorted(_queue_rows(page)) == ["Twice 0", "Twice 1"]
    assert "Same e-mail address behind 2 or more comments" in page


@pytest.mark.parametrize("lang", [Language.EN, Language.ES])
def test_an_unconfirmed_address_in_a_campaign_is_flagged_and_filtered(
    app: Flask, lang: Language
) -> None:
    with app.app_context():
        campaign = Campaign(member_count=3)
        db.session.add(campaign)
        db.session.flush()
        specs = [
            {"title": "Unconfirmed member", "email": "a@example.org"},
            {"title": "Confirmed member", "email": "b@example.org"},
            {"title": "Member without address", "email": None},
        ]
        for spec in specs:
            factories.submission(db.session, campaign_id=campaign.id, **spec)
        factories.submission(db.session, title="Unconfirmed alone", email="c@example.org")
        confirmed = db.session.scalar(
            select(Submission).where(Submission.title == "Confirmed member")
        )
        confirmed.email_confirmed_at = CONFIRMED_AT
        db.session.commit()
    client = signed_in(app, Role.MODERATOR, lang)
    words = WORDS[lang]
    rows = _queue_rows(client.get(f"/{lang.value}/staff/queue").get_data(as_text=True))
    assert rows["Unconfirmed member"] == [words["campaign"]]
    for title in ("Confirmed member", "Member without address", "Unconfirmed alone"):
        assert rows[title] == []
    filtered = client.get(f"/{lang.value}/staff/queue?signal=unconfirmed_in_campaign")
    text = filtered.get_data(as_text=True)
    assert list(_queue_rows(text)) == ["Unconfirmed member"]
    assert words["campaign_option"] in text


@pytest.mark.parametrize("lang", [Language.EN, Language.ES])
def test_the_submission_page_shows_the_signals_as_signals(app: Flask, lang: Language) -> None:
    with app.app_context():
        campaign = Campaign(member_count=1)
        db.session.add(campaign)
        db.session.flush()
        flagged = [
            factories.submission(db.session, email="same@example.org", campaign_id=campaign.id)
            for _ in range(4)
        ]
        quiet = factories.submission(db.session, email="solo@example.org")
        db.session.commit()
        flagged_id, quiet_id = flagged[0].id, quiet.id
    client = signed_in(app, Role.MODERATOR, lang)
    words = WORDS[lang]
    page = client.get(f"/{lang.value}/staff/submissions/{flagged_id}").get_data(as_text=True)
    assert words["not_verdicts"] in page
    assert BADGE.findall(page) == [words["same"] % 4, words["campaign"]]
    assert words["behind"] % 4 in page
    calm = client.get(f"/{lang.value}/staff/submissions/{quiet_id}").get_data(as_text=True)
    assert words["not_verdicts"] not in calm
    assert BADGE.findall(calm) == []


def test_signals_decide_nothing(app: Flask) -> None:
    with app.app_context():
        campaign = Campaign(member_count=3)
        db.session.add(campaign)
        db.session.flush()
        for _ in range(3):
            factories.submission(db.session, email="same@example.org", campaign_id=campaign.id)
        db.session.commit()
    client = signed_in(app, Role.MODERATOR)
    for query in ("", "?signal=same_address", "?signal=unconfirmed_in_campaign"):
        assert client.get(f"/en/staff/queue{query}").status_code == 200
    with app.app_context():
        statuses = set(db.session.scalars(select(Submission.status)))
        assert statuses == {SubmissionStatus.PENDING}
        assert db.session.scalar(select(ModerationEvent.id)) is None


def _statements_for(app: Flask, client: Any, url: str) -> int:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(args[2])

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def test_a_page_reads_its_signals_in_the_same_number_of_queries_for_5_or_50_rows(
    app: Flask,
) -> None:
    with app.app_context():
        campaign = Campaign(member_count=60)
        db.session.add(campaign)
        db.session.commit()
        campaign_id = campaign.id
    client = signed_in(app, Role.MODERATOR)
    _submissions(
        app, *({"email": f"p{n % 2}@example.org", "campaign_id": campaign_id} for n in range(5))
    )
    client.get("/en/staff/queue")  # warm the per-process caches
    few = _statements_for(app, client, "/en/staff/queue")
    _submissions(
        app, *({"email": f"p{n % 7}@example.org", "campaign_id": campaign_id} for n in range(55))
    )
    page = client.get("/en/staff/queue").get_data(as_text=True)
    assert len(_queue_rows(page)) == 1  # one title: every row shows it
    assert page.count("consulta-signal") == 100  # 50 rows, two badges each
    many = _statements_for(app, client, "/en/staff/queue")
    assert many == few
