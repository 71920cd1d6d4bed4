"""A stakeholder's invitation expires (INVITATION_DAYS) and can be revoked by the secretariat;
an expired or revoked link gets the page of an unknown one (no oracle). The staff list is
paged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from app import audit
from app.db import db, utcnow
from app.enums import Language, Role
from app.intake.models import ModerationEvent, StakeholderInvitation, Submission
from app.security import token_digest
from app.taxonomy.models import Consultation, Sector
from tests.admin.helpers import events, form_as_shown, translated
from tests.intake.test_stakeholder_invitations import (
    ORGANIZATION,
    SLUG,
    _invite,
    _link_in,
    _outbox,
    _send_from,
)
from tests.staff.helpers import csrf_from, signed_in

pytestmark = pytest.mark.usefixtures("seeded")

LIST = "/{lang}/staff/admin/stakeholder-invitations"


def _invited_link(app: Flask, lang: str = "en") -> tuple[FlaskClient, str]:
    staff = signed_in(app, Role.SECRETARIAT, Language(lang))
    assert _invite(staff, lang, language=lang).status_code == 303
    return staff, _link_in(_outbox(app)[-1])


def _invitation_id(app: Flask) -> int:
    with app.app_context():
        return db.session.scalars(select(StakeholderInvitation.id)).one()


def _age(app: Flask, days: int) -> None:
    """Make every invitation `days` old."""
    with app.app_context():
        db.session.execute(
            update(StakeholderInvitation).values(created_at=utcnow() - timedelta(days=days))
        )
        db.session.commit()


def _unknown(client: FlaskClient, lang: str) -> str:
    unknown = f"/{lang}/c/{SLUG}/invited/{'x' * 43}"
    response = client.get(unknown)
    assert response.status_code == 404
    return response.get_data(as_text=True).replace("x" * 43, "")


def _same_as_unknown(client: FlaskClient, link: str) -> None:
    lang = link.split("/")[1]
    response = client.get(link)
    assert response.status_code == 404
    assert response.headers["Cache-Control"] == "no-store"
    secret = link.rsplit("/", 1)[1]
    assert response.get_data(as_text=True).replace(secret, "") == _unknown(client, lang)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_expired_invitation_opens_the_page_of_an_unknown_link(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    staff, link = _invited_link(app, lang)
    days = app.config["INVITATION_DAYS"]
    assert days == 60
    _age(app, days - 1)
    assert client.get(link).status_code == 200
    _age(app, days)
    _same_as_unknown(client, link)
    page = client.get(link).get_data(as_text=True)
    assert translated(app, lang, "This link does not work") in page
    why = (
        "The invitation link may already have been used to send a comment, may have expired or "
        "been withdrawn by the secretariat, or may have been copied only in part."
    )
    assert translated(app, lang, why) in page
    # The staff list says so, and offers no revocation of what no longer works.
    listing = staff.get(LIST.format(lang=lang)).get_data(as_text=True)
    assert translated(app, lang, "Invitation expired, not used") in listing
    assert "/revoke" not in listing


def _filled(page: str, lang: str = "en") -> dict[str, list[str] | str]:
    data: dict[str, list[str] | str] = dict(form_as_shown(page, f"/{lang}/c/{SLUG}/submit"))
    data.update(
        {
            "submitter_name": "Lucía Ramírez",
            "location": "MX-SON",
            "primary_pillar": "building_back_together",
            "title": "Cruces fronterizos para la industria de Sonora",
            "body": "Proponemos ampliar los cruces fronterizos de Sonora y agilizar la carga.",
            "consent": "named",
        }
    )
    return data


def test_a_form_opened_before_expiry_and_sent_after_is_refused_and_kept(
    app: Flask, client: FlaskClient
) -> None:
    _staff, link = _invited_link(app)
    data = _filled(client.get(link).get_data(as_text=True))
    assert data["invitation"]
    _age(app, app.config["INVITATION_DAYS"])
    response = client.post(f"/en/c/{SLUG}/submit", data=data)
    assert response.status_code == 409
    assert "Proponemos ampliar los cruces fronterizos" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Submission)).first() is None


def test_the_invitation_email_says_how_long_the_link_works(app: Flask) -> None:
    _invited_link(app, "es")
    body = _outbox(app)[-1].get_content()
    assert "durante 60 días" in body


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_secretariat_revokes_an_invitation_and_its_link_opens_nothing(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    staff, link = _invited_link(app, lang)
    invitation_id = _invitation_id(app)
    listing = staff.get(LIST.format(lang=lang)).get_data(as_text=True)
    action = f"/{lang}/staff/admin/stakeholder-invitations/{invitation_id}/revoke"
    assert f'action="{action}"' in listing
    assert translated(app, lang, "Revoke invitation") in listing
    # Without the form's token nothing happens.
    assert staff.post(action).status_code == 400
    assert client.get(link).status_code == 200

    token = csrf_from(listing)
    response = staff.post(action, data={"csrf_token": token})
    assert response.status_code == 303
    shown = staff.get(response.headers["Location"]).get_data(as_text=True)
    message = translated(
        app, lang, "The invitation to %(organization)s is revoked; its link no longer works.",
        organization=ORGANIZATION,
    )  # fmt: skip
    assert message.replace("'", "&#39;") in shown or message in shown
    assert translated(app, lang, "Invitation revoked") in shown
    assert f'action="{action}"' not in shown

    [event] = events(app, "stakeholder.revoked")
    assert (event.target_type, event.target_id) == ("stakeholder", invitation_id)
    assert event.target_label == ORGANIZATION
    admin = signed_in(app, Role.ADMIN, Language(lang), email="boss@example.org")
    trail = admin.get(f"/{lang}/staff/admin/events").get_data(as_text=True)
    assert translated(app, lang, "Revoked a stakeholder's invitation") in trail

    _same_as_unknown(client, link)
    # Twice: refused, and recorded once.
    again = staff.post(action, data={"csrf_token": token})
    assert again.status_code == 303
    refused = "This invitation can no longer be revoked: it was used, revoked or has expired."
    assert translated(app, lang, refused) in staff.get(LIST.format(lang=lang)).get_data(
        as_text=True
    )
    assert len(events(app, "stakeholder.revoked")) == 1


def test_a_form_opened_before_the_revocation_cannot_send_through_it(
    app: Flask, client: FlaskClient
) -> None:
    staff, link = _invited_link(app)
    data = _filled(client.get(link).get_data(as_text=True))
    listing = staff.get(LIST.format(lang="en")).get_data(as_text=True)
    action = f"/en/staff/admin/stakeholder-invitations/{_invitation_id(app)}/revoke"
    assert staff.post(action, data={"csrf_token": csrf_from(listing)}).status_code == 303
    response = client.post(f"/en/c/{SLUG}/submit", data=data)
    assert response.status_code == 409
    assert "Proponemos ampliar los cruces fronterizos" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Submission)).first() is None


def test_a_used_invitation_cannot_be_revoked(app: Flask, client: FlaskClient) -> None:
    staff, link = _invited_link(app)
    assert _send_from(client, link).status_code == 303
    listing = staff.get(LIST.format(lang="en")).get_data(as_text=True)
    invitation_id = _invitation_id(app)
    action = f"/en/staff/admin/stakeholder-invitations/{invitation_id}/revoke"
    assert f'action="{action}"' not in listing
    assert staff.post(action, data={"csrf_token": csrf_from(listing)}).status_code == 303
    assert events(app, "stakeholder.revoked") == []
    with app.app_context():
        invitation = db.session.get(StakeholderInvitation, invitation_id)
        assert invitation.revoked_at is None
        assert invitation.submission is not None
        assert audit.verify(db.session, ModerationEvent).intact


def test_moderators_cannot_revoke(app: Flask) -> None:
    _staff, _link = _invited_link(app)
    moderator = signed_in(app, Role.MODERATOR)
    token = csrf_from(moderator.get("/en/staff/").get_data(as_text=True))
    action = f"/en/staff/admin/stakeholder-invitations/{_invitation_id(app)}/revoke"
    assert moderator.post(action, data={"csrf_token": token}).status_code == 403
    assert events(app, "stakeholder.revoked") == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_list_of_invitations_is_paged_newest_first(app: Flask, lang: str) -> None:
    from app.admin.queries import STAKEHOLDER_INVITATIONS_PER_PAGE as per_page

    with app.app_context():
        consultation = db.session.scalars(select(Consultation).filter_by(slug=SLUG)).one()
        sector = db.session.scalars(select(Sector)).first()
        now = utcnow()
        for number in range(per_page + 3):
            db.session.add(
                StakeholderInvitation(
                    secret_hash=token_digest(f"secret-{number}"),
                    consultation=consultation,
                    organization=f"Organización {number:03d}",
                    sector=sector,
                    email=f"org{number}@example.org",
                    language=Language.ES,
                    created_at=now - timedelta(minutes=number),
                )
            )
        db.session.commit()
    staff = signed_in(app, Role.SECRETARIAT, Language(lang))
    first = staff.get(LIST.format(lang=lang)).get_data(as_text=True)
    assert "Organización 000" in first
    assert f"Organización {per_page - 1:03d}" in first
    assert f"Organización {per_page:03d}" not in first
    assert translated(app, lang, "Next page") in first
    assert translated(app, lang, "Previous page") not in first
    second = staff.get(LIST.format(lang=lang) + "?page=2").get_data(as_text=True)
    assert f"Organización {per_page:03d}" in second
    assert f"Organización {per_page + 2:03d}" in second
    assert "Organización 000" not in second
    assert translated(app, lang, "Previous page") in second
    assert translated(app, lang, "Next page") not in second
    # A page number that is no number is the first page.
    assert "Organización 000" in staff.get(LIST.format(lang=lang) + "?page=x²").get_data(
        as_text=True
    )
