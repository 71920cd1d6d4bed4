"""Invitations to named stakeholders (issue 17, point 5): the secretariat invites an
organisation; the personal link in the e-mail (in the chosen language) opens the form filled
in, works for one comment, and that comment is marked with the invited organisation."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import EnvironBuilder

from app.db import db, utcnow
from app.enums import EventAction, Language, Role
from app.intake.models import ModerationEvent, StakeholderInvitation, Submission
from app.security import token_digest
from app.taxonomy.models import Consultation
from tests import factories
from tests.admin.helpers import events, form_as_shown, translated
from tests.staff.helpers import csrf_from, signed_in

pytestmark = pytest.mark.usefixtures("seeded")

SLUG = "hled-2026"
NEW = "/{lang}/staff/admin/stakeholder-invitations/new"
ORGANIZATION = "Cámara de Comercio de Sonora"


def _invite(staff: FlaskClient, lang: str = "en", **overrides: str):
    url = NEW.format(lang=lang)
    token = csrf_from(staff.get(url).get_data(as_text=True))
    data = {
        "csrf_token": token,
        "consultation": SLUG,
        "organization": ORGANIZATION,
        "sector": "private_sector",
        "email": "direccion@camara-sonora.example.org",
        "language": "es",
        **overrides,
    }
    return staff.post(url, data=data)


def _outbox(app: Flask) -> list[email.message.EmailMessage]:
    folder = Path(app.config["MAIL_OUTBOX"])
    return [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in sorted(folder.glob("*.eml"))
    ]


def _link_in(message: email.message.EmailMessage) -> str:
    """The path of the personal link in the e-mail's text."""
    body = message.get_content()
    return re.search(r"https?://[^/\s]+(/\S+/invited/\S+)", body).group(1)


def _count(app: Flask, model: Any) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _send_from(client: FlaskClient, link: str, **answers: Any):
    """Open the invitation's form, fill in what the invitation left empty, and send it."""
    page = client.get(link)
    assert page.status_code == 200
    lang = link.split("/")[1]
    action = f"/{lang}/c/{SLUG}/submit"
    data: dict[str, Any] = form_as_shown(page.get_data(as_text=True), action)
    data.update(
        {
            "submitter_name": "Lucía Ramírez",
            "location": "MX-SON",
            "primary_pillar": "building_back_together",
            "title": "Cruces fronterizos para la industria de Sonora",
            "body": "Proponemos ampliar los cruces fronterizos de Sonora y agilizar la carga.",
            "consent": "named",
            **answers,
        }
    )
    builder = EnvironBuilder(
        path=action, method="POST", data=data, content_type="multipart/form-data"
    )
    environ = builder.get_environ()
    try:
        return client.open(environ)
    finally:
        builder.close()
        environ["wsgi.input"].close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_invitation_link_opens_the_filled_form_once_in_its_language(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    staff = signed_in(app, Role.SECRETARIAT, Language.EN)
    response = _invite(staff, language=lang)
    assert response.status_code == 303
    listed = staff.get(response.headers["Location"]).get_data(as_text=True)
    assert ORGANIZATION in listed

    (message,) = _outbox(app)
    assert message["To"] == "direccion@camara-sonora.example.org"
    with app.app_context():
        consultation = db.session.scalars(select(Consultation).filter_by(slug=SLUG)).one()
        title = getattr(consultation, f"title_{lang}")
    # The subject names the consultation in the invitation's language.
    # (A long subject is folded, its spaces moved: compare it without them.)
    expected = translated(app, lang, "Invitation to comment: %(title)s", title=title)
    assert "".join(message["Subject"].split()) == "".join(expected.split())
    link = _link_in(message)
    assert link.startswith(f"/{lang}/c/{SLUG}/invited/")
    # Only the hash of the link's secret is kept.
    secret = link.rsplit("/", 1)[1]
    with app.app_context():
        stored = db.session.scalars(select(StakeholderInvitation)).one()
        assert stored.secret_hash == token_digest(secret)
        assert secret not in (stored.secret_hash, stored.email, stored.organization)

    page = client.get(link)
    assert page.headers["Cache-Control"] == "no-store"
    text = page.get_data(as_text=True)
    assert f'lang="{lang}"' in text
    shown = form_as_shown(text, f"/{lang}/c/{SLUG}/submit")
    assert shown["organization"] == [ORGANIZATION]
    assert shown["sector"] == ["private_sector"]
    assert shown["email"] == ["direccion@camara-sonora.example.org"]

    sent = _send_from(client, link)
    assert sent.status_code == 303
    with app.app_context():
        submission = db.session.scalars(select(Submission)).one()
        assert submission.invitation is not None
        assert submission.invitation.organization == ORGANIZATION
        assert submission.invitation.used_at is not None
        actions = [e.action for e in submission.events]
        assert EventAction.INVITATION_USED in actions

    # Used: the same page as an unknown link, with a way forward.
    again = client.get(link)
    assert again.status_code == 404
    invalid = translated(app, lang, "This link does not work")
    assert invalid in again.get_data(as_text=True)
    assert f'href="/{lang}/c/{SLUG}/submit"' in again.get_data(as_text=True)
    unknown = client.get(f"/{lang}/c/{SLUG}/invited/{'x' * 43}")
    assert unknown.status_code == 404
    assert unknown.get_data(as_text=True).replace("x" * 43, "") == again.get_data(
        as_text=True
    ).replace(secret, "")


def test_a_second_comment_through_the_same_link_is_refused_and_its_text_kept(
    app: Flask, client: FlaskClient
) -> None:
    staff = signed_in(app, Role.SECRETARIAT)
    _invite(staff)
    link = _link_in(_outbox(app)[0])
    page = client.get(link).get_data(as_text=True)
    first = form_as_shown(page, f"/es/c/{SLUG}/submit")
    assert _send_from(client, link).status_code == 303
    # The form of the first visit, sent again with another text and a fresh nonce: refused.
    second = dict(first)
    second.update(
        {
            "nonce": ["another-nonce"],
            "submitter_name": "Otra persona",
            "location": "MX-SON",
            "primary_pillar": "building_back_together",
            "title": "Un segundo comentario por el mismo enlace",
            "body": "Este segundo comentario no debe guardarse porque el enlace ya se usó.",
            "consent": "named",
        }
    )
    response = client.post(f"/es/c/{SLUG}/submit", data=second)
    # Nothing stored; the text comes back, to be sent without the invitation.
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    refused = translated(
        app,
        "es",
        "The invitation link this form came from cannot be used: it may already have been used "
        "to send a comment. Your comment has not been sent. Everything you wrote is below: you "
        "can send it as an ordinary comment, without the invitation.",
    )
    assert refused in page
    assert "Este segundo comentario no debe guardarse" in page
    assert _count(app, Submission) == 1
    # Sent again as it came back: an ordinary comment, not marked as invited.
    again = form_as_shown(page, f"/es/c/{SLUG}/submit")
    assert again["invitation"] == [""]
    assert client.post(f"/es/c/{SLUG}/submit", data=again).status_code == 303
    with app.app_context():
        newest = db.session.scalars(select(Submission).order_by(Submission.id.desc())).first()
        assert newest.title == "Un segundo comentario por el mismo enlace"
        assert newest.invitation is None


def test_the_invitation_and_its_use_are_audited(app: Flask, client: FlaskClient) -> None:
    staff = signed_in(app, Role.SECRETARIAT)
    _invite(staff)
    (created,) = events(app, "stakeholder.invited")
    assert created.target_label == ORGANIZATION
    assert created.target_type == "stakeholder"
    admin = signed_in(app, Role.ADMIN, email="boss@example.org")
    trail = admin.get("/en/staff/admin/events").get_data(as_text=True)
    assert "Invited a stakeholder to comment" in trail
    assert "camara-sonora" in (created.after or "")
    _send_from(client, _link_in(_outbox(app)[0]))
    with app.app_context():
        used = db.session.scalars(
            select(ModerationEvent).where(ModerationEvent.action == EventAction.INVITATION_USED)
        ).one()
        assert ORGANIZATION in (used.details or "")


def test_administrators_invite_too_and_moderators_cannot(app: Flask) -> None:
    admin = signed_in(app, Role.ADMIN, email="boss@example.org")
    assert _invite(admin).status_code == 303
    moderator = signed_in(app, Role.MODERATOR)
    assert moderator.get(NEW.format(lang="en")).status_code == 403


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    ("overrides", "field", "msgid"),
    [
        ({"email": "not an address"}, "email", "Enter an e-mail address like name@example.org."),
        ({"organization": ""}, "organization", "Enter the name of the organization to invite."),
    ],
)
def test_bad_invitations_are_refused_in_the_page_language(
    app: Flask, lang: str, overrides: dict[str, str], field: str, msgid: str
) -> None:
    staff = signed_in(app, Role.SECRETARIAT, Language(lang))
    response = _invite(staff, lang, **overrides)
    assert response.status_code == 422
    assert translated(app, lang, msgid) in response.get_data(as_text=True)
    assert _count(app, StakeholderInvitation) == 0
    assert _outbox(app) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_closed_consultation_takes_no_invitation(app: Flask, lang: str) -> None:
    with app.app_context():
        closed = factories.consultation(
            db.session,
            opens_at=utcnow() - timedelta(days=30),
            closes_at=utcnow() - timedelta(days=1),
        )
        slug = closed.slug
        db.session.commit()
    staff = signed_in(app, Role.SECRETARIAT, Language(lang))
    response = _invite(staff, lang, consultation=slug)
    assert response.status_code == 422
    message = translated(
        app,
        lang,
        "This consultation is closed: invite stakeholders only to one that is open or will open.",
    )
    assert message in response.get_data(as_text=True)
    assert _count(app, StakeholderInvitation) == 0
    assert _outbox(app) == []


def test_a_link_for_another_consultation_opens_nothing(app: Flask, client: FlaskClient) -> None:
    staff = signed_in(app, Role.SECRETARIAT)
    _invite(staff)
    link = _link_in(_outbox(app)[0])
    with app.app_context():
        other = factories.consultation(db.session)
        slug = other.slug
        db.session.commit()
    response = client.get(link.replace(f"/c/{SLUG}/", f"/c/{slug}/"))
    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.ADMIN])
def test_the_staff_menu_leads_to_the_page_and_marks_it_alone(app: Flask, role: Role) -> None:
    staff = signed_in(app, role)
    page = staff.get("/en/staff/admin/stakeholder-invitations").get_data(as_text=True)
    current = re.findall(r'<a[^>]*aria-current="page"[^>]*>([^<]*)<', page)
    assert [label.strip() for label in current] == ["Stakeholder invitations"]
