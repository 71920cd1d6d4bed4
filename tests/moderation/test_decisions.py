"""The queue and decisions: oldest pending first, filters in the URL, keyset pages, and no
decision ever overwriting a colleague's."""

from __future__ import annotations

import sys
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from app import audit
from app.db import db, utcnow
from app.enums import EventAction, Language, RejectionReason, Role, SubmissionStatus
from app.intake.models import ModerationEvent
from app.models import Region, Submission
from tests import factories
from tests.staff.helpers import csrf_from, signed_in

pytestmark = pytest.mark.usefixtures("seeded")


def _make(app: Flask, n: int, title: str = "Comentario", **overrides) -> list[int]:
    now = utcnow()
    ids = []
    with app.app_context():
        for i in range(n):
            row = factories.submission(
                db.session,
                title=f"{title} {i:03d}",
                created_at=now - timedelta(hours=n - i),
                **overrides,
            )
            ids.append(row.id)
        db.session.commit()
    return ids


def _decide(client, submission_id: int, decision: str, version: int, lang="en", **extra):
    page = client.get(f"/{lang}/staff/").get_data(as_text=True)
    data = {"csrf_token": csrf_from(page), "decision": decision, "version": version, **extra}
    return client.post(f"/{lang}/staff/submissions/{submission_id}/decide", data=data)


def test_queue_shows_pending_oldest_first_with_counts(app: Flask) -> None:
    _make(app, 3)
    _make(app, 1, status=SubmissionStatus.APPROVED, title="Ya aprobado")
    _make(app, 1, status=SubmissionStatus.REJECTED, rejection_reason=RejectionReason.SPAM)
    client = signed_in(app, Role.MODERATOR)
    page = client.get("/en/staff/queue").get_data(as_text=True)
    assert (
        page.index("Comentario 000") < page.index("Comentario 001") < page.index("Comentario 002")
    )
    assert "Ya aprobado" not in page
    assert "Pending: <strong>3</strong>" in page
    assert "Approved: <strong>1</strong>" in page
    assert "Rejected: <strong>1</strong>" in page


def test_keyset_pages_cover_every_row_once(app: Flask) -> None:
    _make(app, 120)
    client = signed_in(app, Role.MODERATOR)
    seen: list[str] = []
    url = "/en/staff/queue"
    while url:
        page = client.get(url).get_data(as_text=True)
        seen += [
            line.split("Comentario ")[1][:3] for line in page.split(">") if "Comentario " in line
        ]
        marker = 'href="/en/staff/queue?'
        url = None
        if "Next page" in page:
            start = page.index(marker, page.index("Next page") - 300) + len('href="')
            url = page[start : page.index('"', start)].replace("&amp;", "&")
    assert seen == [f"{i:03d}" for i in range(120)]


@pytest.mark.parametrize(
    "cursor",
    [
        "2024-01-01T00:00:00~1",  # no time zone
        "2024-01-01T00:00:00+00:00~9223372036854775808",  # one past the largest 64-bit id
        "2024-01-01T00:00:00+00:00~2147483648",  # one past the largest id PostgreSQL holds
        "2024-01-01T00:00:00+00:00~-1",
        "2024-01-01T00:00:00+00:00~" + "9" * 5000,
        "0001-01-01T00:00:00+05:00~1",  # before year 1 in UTC
        "9999-12-31T23:59:59-05:00~1",  # after year 9999 in UTC
        "not a date~1",
        "2024-01-01T00:00:00+00:00",
    ],
)
def test_a_cursor_the_queue_never_wrote_is_ignored_like_a_bad_filter(
    app: Flask, cursor: str
) -> None:
    _make(app, 2)
    client = signed_in(app, Role.MODERATOR)
    response = client.get("/en/staff/queue", query_string={"after": cursor})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Some filters were not understood and were ignored." in page
    assert "Comentario 000" in page  # the first page, from the start


@pytest.mark.parametrize("blank", ["\r", " ", "\t\n"])
def test_a_blank_status_filter_shows_every_status(app: Flask, blank: str) -> None:
    """WTForms' Optional() clears a select's "not a valid choice" for a value that is only
    white space, so such a value reaches the filters (found by the hostile-input test)."""
    _make(app, 2)
    client = signed_in(app, Role.MODERATOR)
    response = client.get("/en/staff/queue", query_string={"status": blank})
    assert response.status_code == 200
    assert "Comentario 000" in response.get_data(as_text=True)


def test_a_cursor_the_queue_wrote_is_followed_without_a_notice(app: Flask) -> None:
    _make(app, 2)
    with app.app_context():
        first = db.session.scalar(select(Submission).order_by(Submission.id))
        cursor = f"{first.created_at.isoformat()}~{first.id}"
    client = signed_in(app, Role.MODERATOR)
    page = client.get("/en/staff/queue", query_string={"after": cursor}).get_data(as_text=True)
    assert "not understood" not in page
    assert "Comentario 000" not in page
    assert "Comentario 001" in page


def test_filters_live_in_the_url(app: Flask) -> None:
    _make(app, 2)
    with app.app_context():
        tx = db.session.get(Region, "US-TX")
        factories.submission(db.session, title="Desde Texas", region_code=tx.code,
                             country=tx.country)  # fmt: skip
        db.session.commit()
    client = signed_in(app, Role.MODERATOR)
    page = client.get("/en/staff/queue?region=US-TX").get_data(as_text=True)
    assert "Desde Texas" in page
    assert "Comentario 000" not in page
    assert client.get("/en/staff/queue?status=nonsense").status_code == 200


def test_approve_records_an_event_and_keeps_the_chain(app: Flask) -> None:
    [sid] = _make(app, 1)
    client = signed_in(app, Role.MODERATOR)
    response = _decide(client, sid, "approved", 1, note="Bien fundamentado")
    assert response.status_code == 302
    with app.app_context():
        row = db.session.get(Submission, sid)
        assert row.status is SubmissionStatus.APPROVED
        event = row.events[-1]
        assert (event.action, event.from_status, event.to_status) == (
            EventAction.STATUS_CHANGED, SubmissionStatus.PENDING, SubmissionStatus.APPROVED,
        )  # fmt: skip
        assert event.actor.email == "moderator@example.org"
        assert audit.verify(db.session, ModerationEvent).intact


def test_rejecting_needs_a_reason(app: Flask) -> None:
    [sid] = _make(app, 1)
    client = signed_in(app, Role.MODERATOR)
    assert _decide(client, sid, "rejected", 1).status_code == 422
    assert _decide(client, sid, "rejected", 1, reason="off_topic").status_code == 302
    with app.app_context():
        row = db.session.get(Submission, sid)
        assert row.rejection_reason is RejectionReason.OFF_TOPIC


def test_a_stale_page_gets_a_conflict_not_an_overwrite(app: Flask) -> None:
    """Two moderators open the same comment; the second to decide is told what happened."""
    [sid] = _make(app, 1)
    first = signed_in(app, Role.MODERATOR, email="uno@example.org")
    second = signed_in(app, Role.MODERATOR, Language.ES, email="dos@example.org")
    page_two = second.get(f"/es/staff/submissions/{sid}").get_data(as_text=True)
    assert _decide(first, sid, "approved", 1).status_code == 302
    response = second.post(
        f"/es/staff/submissions/{sid}/decide",
        data={"csrf_token": csrf_from(page_two), "decision": "rejected", "version": 1,
              "reason": "spam"},
    )  # fmt: skip
    assert response.status_code == 409
    assert "Aprobado" in response.get_data(as_text=True)
    with app.app_context():
        row = db.session.get(Submission, sid)
        assert row.status is SubmissionStatus.APPROVED
        assert len(row.events) == 1


def test_withdrawn_comments_take_no_decision(app: Flask) -> None:
    [sid] = _make(app, 1, status=SubmissionStatus.WITHDRAWN)
    client = signed_in(app, Role.MODERATOR)
    assert _decide(client, sid, "approved", 1).status_code == 409


def test_a_decision_the_state_no_longer_allows_is_explained(app: Flask) -> None:
    [sid] = _make(app, 1, status=SubmissionStatus.APPROVED)
    client = signed_in(app, Role.MODERATOR)
    response = _decide(client, sid, "approved", 1)
    assert response.status_code == 409
    assert "does not apply to this comment as it stands" in response.get_data(as_text=True)
    ids = _make(app, 1)
    response = _bulk(client, {sid: 1, ids[0]: 1}, "approved")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "does not apply to every selected comment" in page


def test_a_decision_nobody_offered_is_refused_by_the_form(app: Flask) -> None:
    [sid] = _make(app, 1)
    client = signed_in(app, Role.MODERATOR)
    assert _decide(client, sid, "nonsense", 1).status_code == 422
    token = csrf_from(client.get("/en/staff/queue").get_data(as_text=True))
    response = client.post(
        "/en/staff/queue/bulk",
        data={"csrf_token": token, "decision": "approved", "ids": [str(sid)], f"v{sid}": "x"},
    )
    assert response.status_code == 302
    assert "Nothing was changed" in client.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Submission, sid).status is SubmissionStatus.PENDING


def _break_the_services_clock(monkeypatch: pytest.MonkeyPatch, service) -> None:
    """An unrelated bug deep in a service: its module's clock raises ValueError."""

    def broken() -> None:
        raise ValueError("an unrelated bug")

    monkeypatch.setattr(sys.modules[service.__module__], "utcnow", broken)


def test_an_unrelated_error_in_a_decision_is_not_taken_for_a_refusal(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.moderation import views

    ids = _make(app, 2)
    client = signed_in(app, Role.MODERATOR)
    _break_the_services_clock(monkeypatch, views.change_status)
    with pytest.raises(ValueError, match="an unrelated bug"):
        _decide(client, ids[0], "approved", 1)
    _break_the_services_clock(monkeypatch, views.bulk_change_status)
    with pytest.raises(ValueError, match="an unrelated bug"):
        _bulk(client, {ids[1]: 1}, "approved")


def test_attachments_download_only_as_attachments(app: Flask) -> None:
    from tests.intake.files import MINIMAL_PDF
    from tests.intake.helpers import submit

    public = app.test_client()
    assert submit(public, "es", files=[(MINIMAL_PDF, "propuesta.pdf")]).status_code == 303
    with app.app_context():
        attachment_id = db.session.scalar(select(Submission)).attachments[0].id
    client = signed_in(app, Role.MODERATOR)
    response = client.get(f"/en/staff/attachments/{attachment_id}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.data == MINIMAL_PDF
    response.close()
    assert public.get(f"/en/staff/attachments/{attachment_id}").status_code == 302


def _bulk(client, ids_versions: dict[int, int], decision: str, reason: str = ""):
    token = csrf_from(client.get("/en/staff/queue").get_data(as_text=True))
    data = {"csrf_token": token, "decision": decision, "reason": reason,
            "ids": [str(i) for i in ids_versions]}  # fmt: skip
    data.update({f"v{i}": str(v) for i, v in ids_versions.items()})
    return client.post("/en/staff/queue/bulk", data=data)


def test_bulk_rejection_writes_one_event_per_comment_in_one_go(app: Flask) -> None:
    ids = _make(app, 4)
    client = signed_in(app, Role.MODERATOR)
    response = _bulk(client, {i: 1 for i in ids[:3]}, "rejected", "duplicate")
    assert response.status_code == 302
    assert "Status of 3 comments changed to “Rejected”." in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    with app.app_context():
        rows = [db.session.get(Submission, i) for i in ids]
        assert [r.status for r in rows] == [SubmissionStatus.REJECTED] * 3 + [
            SubmissionStatus.PENDING
        ]
        assert all(r.rejection_reason is RejectionReason.DUPLICATE for r in rows[:3])
        assert [len(r.events) for r in rows] == [1, 1, 1, 0]
        assert audit.verify(db.session, ModerationEvent).intact


def test_bulk_decision_is_all_or_nothing(app: Flask) -> None:
    ids = _make(app, 3)
    with app.app_context():
        row = db.session.get(Submission, ids[1])
        row.status = SubmissionStatus.ESCALATED  # a colleague moved it on: version 2
        db.session.commit()
        code = row.tracking_code
    client = signed_in(app, Role.MODERATOR)
    response = _bulk(client, {i: 1 for i in ids}, "approved")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Nothing was changed" in page
    assert code in page
    with app.app_context():
        statuses = [db.session.get(Submission, i).status for i in ids]
    assert statuses == [SubmissionStatus.PENDING, SubmissionStatus.ESCALATED,
                        SubmissionStatus.PENDING]  # fmt: skip


def test_bulk_rejection_needs_a_reason(app: Flask) -> None:
    ids = _make(app, 2)
    client = signed_in(app, Role.MODERATOR)
    response = _bulk(client, {i: 1 for i in ids}, "rejected")
    assert "Choose the reason for the rejection." in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    with app.app_context():
        assert {db.session.get(Submission, i).status for i in ids} == {SubmissionStatus.PENDING}


def test_queue_health_shows_backlog_and_decisions_today(app: Flask) -> None:
    [first, *_rest] = _make(app, 3)
    client = signed_in(app, Role.MODERATOR)
    _decide(client, first, "approved", 1)
    page = client.get("/en/staff/queue").get_data(as_text=True)
    assert "2 comments waiting" in page
    assert "the oldest for 2 hours" in page
    assert "moderator@example.org (1)" in page


def test_opening_a_comment_claims_it_and_colleagues_see_who(app: Flask) -> None:
    [sid] = _make(app, 1)
    uno = signed_in(app, Role.MODERATOR, email="uno@example.org")
    dos = signed_in(app, Role.MODERATOR, email="dos@example.org")
    assert "You hold this comment" in uno.get(f"/en/staff/submissions/{sid}").get_data(as_text=True)
    assert "held by uno@example.org" in dos.get("/en/staff/queue").get_data(as_text=True)
    page = dos.get(f"/en/staff/submissions/{sid}").get_data(as_text=True)
    assert "uno@example.org is reviewing this comment" in page
    with app.app_context():
        row = db.session.get(Submission, sid)
        assert row.claimed_by.email == "uno@example.org"
        assert row.version == 1  # a claim is not an edit
        assert row.events == []


def test_an_expired_claim_passes_to_the_next_moderator(app: Flask) -> None:
    [sid] = _make(app, 1)
    uno = signed_in(app, Role.MODERATOR, email="uno@example.org")
    dos = signed_in(app, Role.MODERATOR, email="dos@example.org")
    uno.get(f"/en/staff/submissions/{sid}")
    with app.app_context():
        row = db.session.get(Submission, sid)
        row.claimed_until = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert "You hold this comment" in dos.get(f"/en/staff/submissions/{sid}").get_data(as_text=True)


def test_a_decision_releases_the_claim(app: Flask) -> None:
    [sid] = _make(app, 1)
    client = signed_in(app, Role.MODERATOR)
    client.get(f"/en/staff/submissions/{sid}")
    _decide(client, sid, "escalated", 1)
    with app.app_context():
        assert db.session.get(Submission, sid).claimed_by_id is None
