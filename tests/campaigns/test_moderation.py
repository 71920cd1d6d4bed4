"""Moderators and campaigns: the queue shows them, the campaign page shows each member's
differences and who is behind it, one decision covers every pending member (one event each),
and a member taken out stays out, also through a rebuild."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from app import audit
from app.db import db
from app.enums import EventAction, Language, Role, SubmissionStatus
from app.models import Campaign, ModerationEvent, Submission
from tests.campaigns.letters import LETTER_EN, LETTER_ES, NEAR_COPY_EN, SAME_TOPIC_EN, add
from tests.campaigns.letters import campaign_of as campaign_of_id
from tests.staff.helpers import csrf_from, signed_in

pytestmark = pytest.mark.usefixtures("seeded")


def _campaign(app: Flask, copies: int = 3, near: bool = True) -> tuple[int, list[int]]:
    ids = [add(app, LETTER_EN, organization="Border Trade Alliance")]
    ids += [add(app, LETTER_EN.replace("Ana López", f"Person {i}"), organization=f"Org {i}")
            for i in range(copies - 1)]  # fmt: skip
    if near:
        ids.append(add(app, NEAR_COPY_EN, organization=None))
    campaign_id = campaign_of_id(app, ids[0])
    assert campaign_id is not None
    return campaign_id, ids


def test_the_queue_shows_each_rows_campaign_and_its_size(app: Flask) -> None:
    campaign_id, ids = _campaign(app, copies=2)
    add(app, SAME_TOPIC_EN[0])
    client = signed_in(app, Role.MODERATOR)
    page = client.get("/en/staff/queue").get_data(as_text=True)
    assert page.count(f"/en/staff/campaigns/{campaign_id}") == 3
    assert f"Campaign #{campaign_id}: 3 comments" in page
    only = client.get("/en/staff/queue?campaign=yes").get_data(as_text=True)
    assert only.count("data-row-link") == 3
    none = client.get("/en/staff/queue?campaign=no").get_data(as_text=True)
    assert none.count("data-row-link") == 1


def test_a_members_page_links_its_campaign_and_a_unique_comment_has_none(app: Flask) -> None:
    campaign_id, ids = _campaign(app, copies=2)
    unique = add(app, SAME_TOPIC_EN[0])
    client = signed_in(app, Role.MODERATOR, Language.ES)
    page = client.get(f"/es/staff/submissions/{ids[1]}").get_data(as_text=True)
    assert f'href="/es/staff/campaigns/{campaign_id}"' in page
    alone = client.get(f"/es/staff/submissions/{unique}").get_data(as_text=True)
    assert "/es/staff/campaigns/" not in alone.split("<main", 1)[1]


def test_the_campaign_filter_lists_the_largest_campaign_first_across_pages(app: Flask) -> None:
    small, small_ids = _campaign(app, copies=2, near=False)
    big_ids = [add(app, LETTER_ES) for _ in range(4)]
    big = campaign_of_id(app, big_ids[0])
    client = signed_in(app, Role.MODERATOR)
    from app.moderation import queries

    with app.app_context():
        filters = queries.QueueFilters(in_campaign=True)
        seen = []
        while True:
            page = queries.queue_page(db.session, filters, size=2)
            seen += [row.id for row in page.rows]
            if page.next_cursor is None:
                break
            filters.after = page.next_cursor
    assert seen == big_ids + small_ids
    assert big != small
    listing = client.get("/en/staff/campaigns").get_data(as_text=True)
    assert listing.index(f"Campaign #{big}") < listing.index(f"Campaign #{small}")


def test_the_campaign_page_highlights_differences_and_names_who_is_behind_it(app: Flask) -> None:
    campaign_id, ids = _campaign(app)
    client = signed_in(app, Role.MODERATOR)
    response = client.get(f"/en/staff/campaigns/{campaign_id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<ins>tmes</ins>" in page or "<ins>tmes " in page
    assert re.search(r"<ins>[^<]*Reynosa", page)
    assert "Border Trade Alliance: 1" in page
    assert "Org 0: 1" in page
    assert "No organization given: 1" in page
    assert "Sectors" in page
    admin = signed_in(app, Role.ADMIN, Language.ES)
    spanish = admin.get(f"/es/staff/campaigns/{campaign_id}", follow_redirects=True)
    assert spanish.status_code == 200
    assert client.get("/en/staff/campaigns/999").status_code == 404


def test_one_decision_rejects_every_pending_member_with_one_event_each(app: Flask) -> None:
    campaign_id, ids = _campaign(app, copies=3)
    with app.app_context():
        decided = db.session.get(Submission, ids[1])
        decided.status = SubmissionStatus.ESCALATED
        db.session.commit()
    client = signed_in(app, Role.MODERATOR)
    page = client.get(f"/en/staff/campaigns/{campaign_id}").get_data(as_text=True)
    up_to = re.search(r'name="up_to" value="(\d+)"', page).group(1)
    # A copy arriving after the page was shown is not decided unseen.
    late = add(app, LETTER_EN.replace("Ana López", "Late Comer"))
    response = client.post(
        f"/en/staff/campaigns/{campaign_id}/decide",
        data={"csrf_token": csrf_from(page), "decision": "rejected", "reason": "duplicate",
              "note": "Form letter", "up_to": up_to},
    )  # fmt: skip
    assert response.status_code == 302
    with app.app_context():
        rows = {s.id: s for s in db.session.scalars(select(Submission))}
        expected = [i for i in ids if i != ids[1]]
        assert all(rows[i].status is SubmissionStatus.REJECTED for i in expected)
        assert rows[ids[1]].status is SubmissionStatus.ESCALATED
        assert rows[late].status is SubmissionStatus.PENDING
        events = db.session.scalars(
            select(ModerationEvent).where(ModerationEvent.action == EventAction.STATUS_CHANGED)
        ).all()
        assert sorted(e.submission_id for e in events) == sorted(expected)
        assert {(e.reason.value, e.note) for e in events} == {("duplicate", "Form letter")}
        assert audit.verify(db.session, ModerationEvent).intact


@pytest.mark.parametrize("up_to", ["2147483648", "99999999999999999999", "-1", "²"])
def test_a_forged_last_member_beyond_any_id_decides_nothing(app: Flask, up_to: str) -> None:
    campaign_id, _ids = _campaign(app, copies=2, near=False)
    client = signed_in(app, Role.MODERATOR)
    page = client.get(f"/en/staff/campaigns/{campaign_id}").get_data(as_text=True)
    response = client.post(
        f"/en/staff/campaigns/{campaign_id}/decide",
        data={"csrf_token": csrf_from(page), "decision": "approved", "up_to": up_to},
    )
    assert response.status_code == 422
    with app.app_context():
        pending = db.session.scalar(
            select(func.count()).where(Submission.status == SubmissionStatus.PENDING)
        )
        assert pending == 2


def test_rejecting_a_campaign_needs_a_reason(app: Flask) -> None:
    campaign_id, _ids = _campaign(app, copies=2, near=False)
    client = signed_in(app, Role.MODERATOR)
    page = client.get(f"/en/staff/campaigns/{campaign_id}").get_data(as_text=True)
    response = client.post(
        f"/en/staff/campaigns/{campaign_id}/decide",
        data={"csrf_token": csrf_from(page), "decision": "rejected", "reason": "", "up_to": 99},
    )
    assert response.status_code == 422
    assert "Choose the reason for the rejection." in response.get_data(as_text=True)
    with app.app_context():
        pending = db.session.scalar(
            select(func.count()).where(Submission.status == SubmissionStatus.PENDING)
        )
        assert pending == 2


def _take_out(client, campaign_id: int, submission_id: int, app: Flask):
    with app.app_context():
        version = db.session.get(Submission, submission_id).version
    page = client.get(f"/en/staff/campaigns/{campaign_id}").get_data(as_text=True)
    return client.post(
        f"/en/staff/campaigns/{campaign_id}/members/{submission_id}/take-out",
        data={"csrf_token": csrf_from(page), "version": version},
    )


def test_a_member_taken_out_stays_out_after_a_rebuild(app: Flask, runner: FlaskCliRunner) -> None:
    campaign_id, ids = _campaign(app, copies=3)
    client = signed_in(app, Role.MODERATOR)
    # Taking out the representative: the next member represents the campaign.
    response = _take_out(client, campaign_id, ids[0], app)
    assert response.status_code == 302
    with app.app_context():
        campaign = db.session.get(Campaign, campaign_id)
        assert campaign.representative_submission_id == ids[1]
        assert campaign.member_count == 3
        left = db.session.scalar(
            select(ModerationEvent).where(ModerationEvent.action == EventAction.CAMPAIGN_LEFT)
        )
        assert left.submission_id == ids[0]
        assert left.actor_id is not None
    # Another exact copy arrives: it joins the campaign, the one taken out stays out.
    newcomer = add(app, LETTER_EN)
    assert campaign_of_id(app, newcomer) == campaign_id
    assert campaign_of_id(app, ids[0]) is None

    result = runner.invoke(args=["campaigns", "rebuild", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "1 campaigns with 4 members" in result.output
    assert campaign_of_id(app, ids[0]) is None
    assert {campaign_of_id(app, i) for i in [*ids[1:], newcomer]} == {campaign_id}
    with app.app_context():
        campaign = db.session.get(Campaign, campaign_id)
        assert campaign.representative_submission_id == ids[1]
        assert campaign.member_count == 4
        assert audit.verify(db.session, ModerationEvent).intact


def test_taking_out_one_of_two_dissolves_the_campaign(app: Flask) -> None:
    campaign_id, ids = _campaign(app, copies=2, near=False)
    client = signed_in(app, Role.MODERATOR)
    response = _take_out(client, campaign_id, ids[1], app)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/en/staff/campaigns")
    assert [campaign_of_id(app, i) for i in ids] == [None, None]
    with app.app_context():
        assert db.session.get(Campaign, campaign_id) is None
        assert audit.verify(db.session, ModerationEvent).intact
    assert client.get(f"/en/staff/campaigns/{campaign_id}").status_code == 404


def test_a_stale_take_out_changes_nothing(app: Flask) -> None:
    campaign_id, ids = _campaign(app, copies=3)
    client = signed_in(app, Role.MODERATOR)
    page = client.get(f"/en/staff/campaigns/{campaign_id}").get_data(as_text=True)
    response = client.post(
        f"/en/staff/campaigns/{campaign_id}/members/{ids[1]}/take-out",
        data={"csrf_token": csrf_from(page), "version": 99},
    )
    assert response.status_code == 302
    assert campaign_of_id(app, ids[1]) == campaign_id


def test_rebuild_regroups_from_nothing_and_keeps_ids_and_the_chain(
    app: Flask, runner: FlaskCliRunner
) -> None:
    campaign_id, ids = _campaign(app, copies=3)
    loner = add(app, SAME_TOPIC_EN[1])
    with app.app_context():
        db.session.execute(Submission.__table__.update().values(campaign_id=None))
        db.session.execute(Campaign.__table__.delete())
        db.session.commit()
    result = runner.invoke(args=["campaigns", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Fingerprinting" in result.output
    assert "1 campaigns with 4 members (4 joined, 0 left)" in result.output
    new_id = campaign_of_id(app, ids[0])
    assert {campaign_of_id(app, i) for i in ids} == {new_id}
    assert campaign_of_id(app, loner) is None
    # Nothing changed: a second run keeps the campaign's id and writes no event.
    again = runner.invoke(args=["campaigns", "rebuild"])
    assert "(0 joined, 0 left)" in again.output
    assert campaign_of_id(app, ids[0]) == new_id
    with app.app_context():
        assert audit.verify(db.session, ModerationEvent).intact
