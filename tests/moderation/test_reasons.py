"""One rule for a decision's reason (app.moderation.reasons): every page that decides (one
comment, a selection in the queue, a campaign) refuses a rejection without a reason and a
reason on anything else, with the same message in the moderator's language, and changes
nothing; the services behind them refuse the same; every form offers the same reasons."""

from __future__ import annotations

from html import escape

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale
from flask_wtf import FlaskForm
from sqlalchemy import func, select

from app.campaigns.forms import CampaignDecisionForm
from app.campaigns.services import decide_campaign
from app.db import db
from app.enums import EventAction, Language, RejectionReason, Role, SubmissionStatus
from app.models import Campaign, ModerationEvent, Submission, User
from app.moderation.forms import BulkDecisionForm, DecisionForm, ReasonedDecisionForm
from app.moderation.reasons import ReasonProblem, reason_choices, reason_problem
from app.moderation.services import bulk_change_status, change_status
from tests import factories
from tests.campaigns.letters import LETTER_EN, add, campaign_of
from tests.staff.helpers import csrf_from, signed_in

pytestmark = pytest.mark.usefixtures("seeded")

# Each problem as a decision and a reason a moderator could send.
SENT = {
    ReasonProblem.MISSING: ("rejected", ""),
    ReasonProblem.UNEXPECTED: ("approved", "spam"),
}


def _expected(app: Flask, problem: ReasonProblem, lang: str) -> str:
    with app.test_request_context(), force_locale(lang):
        return escape(str(problem.message), quote=False)


def _single(app: Flask, client: FlaskClient, lang: str, decision: str, reason: str) -> str:
    with app.app_context():
        sid = factories.submission(db.session).id
        db.session.commit()
    page = client.get(f"/{lang}/staff/submissions/{sid}").get_data(as_text=True)
    response = client.post(
        f"/{lang}/staff/submissions/{sid}/decide",
        data={"csrf_token": csrf_from(page), "decision": decision, "version": 1,
              "reason": reason},
    )  # fmt: skip
    assert response.status_code == 422
    return response.get_data(as_text=True)


def _bulk(app: Flask, client: FlaskClient, lang: str, decision: str, reason: str) -> str:
    with app.app_context():
        ids = [factories.submission(db.session).id for _ in range(2)]
        db.session.commit()
    page = client.get(f"/{lang}/staff/queue").get_data(as_text=True)
    response = client.post(
        f"/{lang}/staff/queue/bulk",
        data={"csrf_token": csrf_from(page), "decision": decision, "reason": reason,
              "ids": [str(i) for i in ids], **{f"v{i}": "1" for i in ids}},
    )  # fmt: skip
    assert response.status_code == 302
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _campaign(app: Flask, client: FlaskClient, lang: str, decision: str, reason: str) -> str:
    ids = [add(app, LETTER_EN.replace("Ana López", f"Person {i}")) for i in range(2)]
    campaign_id = campaign_of(app, ids[0])
    page = client.get(f"/{lang}/staff/campaigns/{campaign_id}").get_data(as_text=True)
    response = client.post(
        f"/{lang}/staff/campaigns/{campaign_id}/decide",
        data={"csrf_token": csrf_from(page), "decision": decision, "reason": reason,
              "up_to": max(ids)},
    )  # fmt: skip
    assert response.status_code == 422
    return response.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("problem", list(ReasonProblem))
@pytest.mark.parametrize("path", [_single, _bulk, _campaign], ids=["single", "bulk", "campaign"])
def test_every_decision_page_refuses_a_wrong_reason_with_the_same_message(
    app: Flask, path, problem: ReasonProblem, lang: str
) -> None:
    client = signed_in(app, Role.MODERATOR, Language(lang))
    decision, reason = SENT[problem]
    page = path(app, client, lang, decision, reason)
    assert _expected(app, problem, lang) in page
    other = next(p for p in ReasonProblem if p is not problem)
    assert _expected(app, other, lang) not in page
    with app.app_context():
        assert set(db.session.scalars(select(Submission.status))) == {SubmissionStatus.PENDING}
        decided = select(func.count()).where(ModerationEvent.action == EventAction.STATUS_CHANGED)
        assert db.session.scalar(decided) == 0


def test_the_rule_itself() -> None:
    rejected, approved = SubmissionStatus.REJECTED, SubmissionStatus.APPROVED
    assert reason_problem(rejected, None) is ReasonProblem.MISSING
    assert reason_problem(rejected, RejectionReason.SPAM) is None
    for status in SubmissionStatus:
        if status is not rejected:
            assert reason_problem(status, None) is None
            assert reason_problem(status, RejectionReason.SPAM) is ReasonProblem.UNEXPECTED
    assert reason_problem(approved, RejectionReason.DUPLICATE) is ReasonProblem.UNEXPECTED


@pytest.mark.parametrize(("decision", "reason"), [("rejected", None), ("approved", "spam")])
def test_every_service_that_decides_refuses_a_wrong_reason(
    app: Flask, decision: str, reason: str | None
) -> None:
    to_status = SubmissionStatus(decision)
    chosen = RejectionReason(reason) if reason else None
    ids = [add(app, LETTER_EN.replace("Ana López", f"Person {i}")) for i in range(2)]
    campaign_id = campaign_of(app, ids[0])
    signed_in(app, Role.MODERATOR)
    with app.app_context():
        session = db.session
        actor = session.scalar(select(User))
        first, second = (session.get(Submission, i) for i in ids)
        with pytest.raises(ValueError, match="reason"):
            change_status(session, first, actor, to_status, first.version, chosen)
        with pytest.raises(ValueError, match="reason"):
            bulk_change_status(session, actor, [(first, 1), (second, 1)], to_status, chosen)
        with pytest.raises(ValueError, match="reason"):
            decide_campaign(session, session.get(Campaign, campaign_id), actor, to_status,
                            chosen, None, max(ids))  # fmt: skip
        # Even with no pending member left to decide.
        with pytest.raises(ValueError, match="reason"):
            decide_campaign(session, session.get(Campaign, campaign_id), actor, to_status,
                            chosen, None, 0)  # fmt: skip
        session.rollback()


def _forms_with_a_reason() -> set[type]:
    found, todo = set(), [FlaskForm]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if "reason" in dir(cls) and cls.__module__.startswith("app."):
            found.add(cls)
    return found


def test_every_form_that_asks_for_a_reason_offers_the_same_reasons(app: Flask) -> None:
    assert _forms_with_a_reason() >= {DecisionForm, BulkDecisionForm, CampaignDecisionForm}
    for form_class in _forms_with_a_reason():
        assert issubclass(form_class, ReasonedDecisionForm), form_class
    with app.test_request_context(), force_locale("es"):
        expected = [(c.value, c.label) for c in reason_choices()]
        assert expected[0] == ("", "Elija…")
        assert [value for value, _label in expected[1:]] == [r.value for r in RejectionReason]
        for form_class in (DecisionForm, BulkDecisionForm, CampaignDecisionForm):
            form = form_class(meta={"csrf": False})
            assert [(c.value, c.label) for c in form.reason.choices] == expected
