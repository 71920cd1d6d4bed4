"""Staff accounts: invitations (72 hours, once, hashed), roles, deactivation that ends
sessions at once, second-factor reset, and the last-admin guard."""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from app.admin.models import Invitation
from app.db import db, utcnow
from app.enums import Language, Role
from app.staff.models import User
from app.staff.services import create_user
from tests.admin.helpers import admin_client, events, post, translated
from tests.staff.helpers import PASSWORD, csrf_from, signed_in

NEW_PASSWORD = "river stones under the bridge"


def _user(app: Flask, address: str) -> User:
    with app.app_context():
        found = db.session.scalar(select(User).where(User.email == address))
        db.session.expunge_all()
        return found


def _outbox(app: Flask) -> list[email.message.EmailMessage]:
    folder = Path(app.config["MAIL_OUTBOX"])
    return [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in sorted(folder.glob("*.eml"))
    ]


def _invite(app, client, address="nueva@example.org", role="moderator", language="es"):
    response = post(
        client,
        "/en/staff/admin/users/invite",
        {"email": address, "role": role, "language": language},
        page="/en/staff/admin/users/invite",
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    message = _outbox(app)[-1]
    link = re.search(r"http://localhost(/\S+)", message.get_content()).group(1)
    return message, link


def test_list_shows_role_state_last_sign_in_and_second_factor(app: Flask) -> None:
    client = admin_client(app)
    with app.app_context():
        other = create_user(db.session, "mod@example.org", PASSWORD, Role.MODERATOR)
        other.totp_secret = "JBSWY3DPEHPK3PXP"
        db.session.commit()
    page = client.get("/en/staff/admin/users").get_data(as_text=True)
    assert "mod@example.org" in page
    assert "admin@example.org" in page
    assert "Enrolled" in page
    assert "Not enrolled" in page
    assert "Never" in page  # the moderator has not signed in
    assert "Active" in page


def test_invitation_mail_in_invitees_language_with_a_hashed_single_use_token(
    app: Flask,
) -> None:
    client = admin_client(app)
    message, link = _invite(app, client)
    assert message["To"] == "nueva@example.org"
    assert message["Subject"] == translated(app, "es", "You are invited to Consulta's back office")
    assert link.startswith("/es/invitation/")
    token = link.rsplit("/", 1)[1]
    with app.app_context():
        invitation = db.session.scalar(select(Invitation))
        assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in invitation.token_hash
        assert invitation.expires_at - invitation.created_at == timedelta(hours=72)
    assert [e.action for e in events(app)] == ["user.invited"]

    visitor = app.test_client()
    page = visitor.get(link).get_data(as_text=True)
    assert "nueva@example.org" in page
    response = visitor.post(
        link,
        data={"csrf_token": csrf_from(page), "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 303
    assert "/es/staff/login" in response.headers["Location"]
    # Replaying the very same form.
    replayed = visitor.post(
        link,
        data={"csrf_token": csrf_from(page), "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert replayed.status_code == 410
    created = _user(app, "nueva@example.org")
    assert created.role is Role.MODERATOR
    assert created.preferred_language is Language.ES

    # The new account signs in with the password they chose.
    token_page = visitor.get("/es/staff/login").get_data(as_text=True)
    signed = visitor.post(
        "/es/staff/login",
        data={"csrf_token": csrf_from(token_page), "email": "nueva@example.org",
              "password": NEW_PASSWORD},
    )  # fmt: skip
    assert signed.status_code == 302

    # Once only.
    again = app.test_client().get(link)
    assert again.status_code == 410
    assert translated(app, "es", "This invitation cannot be used") in again.get_data(as_text=True)
    assert "invitation.accepted" in [e.action for e in events(app)]


def test_expired_invitation_is_refused(app: Flask) -> None:
    client = admin_client(app)
    _message, link = _invite(app, client, language="en")
    with app.app_context():
        invitation = db.session.scalar(select(Invitation))
        invitation.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    visitor = app.test_client()
    assert visitor.get(link).status_code == 410
    token = csrf_from(visitor.get("/en/staff/login").get_data(as_text=True))
    response = visitor.post(
        link, data={"csrf_token": token, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.status_code == 410
    assert _user(app, "nueva@example.org") is None


def test_unknown_token_is_refused(client) -> None:
    assert client.get("/en/invitation/not-a-token").status_code == 410


def test_weak_password_refused_in_the_invitees_language(app: Flask) -> None:
    client = admin_client(app)
    _message, link = _invite(app, client)
    visitor = app.test_client()
    page = visitor.get(link).get_data(as_text=True)
    response = visitor.post(
        link, data={"csrf_token": csrf_from(page), "password": "short", "confirm": "short"}
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Use al menos 12 caracteres." in body
    assert 'id="error-summary"' in body
    assert _user(app, "nueva@example.org") is None


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Use at least 16 characters."), ("es", "Use al menos 16 caracteres.")],
)
def test_an_invitation_names_the_configured_minimum_length(
    app: Flask, language: str, message: str
) -> None:
    app.config["PASSWORD_MIN_LENGTH"] = 16
    client = admin_client(app)
    _message, link = _invite(app, client, language=language)
    visitor = app.test_client()
    page = visitor.get(link).get_data(as_text=True)
    assert ("16 to 128" if language == "en" else "De 16 a 128") in page
    fifteen = "fifteen chars!!"
    response = visitor.post(
        link, data={"csrf_token": csrf_from(page), "password": fifteen, "confirm": fifteen}
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _user(app, "nueva@example.org") is None


def test_inviting_an_existing_account_or_a_bad_address_is_refused_beside_the_field(
    app: Flask,
) -> None:
    client = admin_client(app)
    page = "/en/staff/admin/users/invite"
    taken = post(client, page, {"email": "admin@example.org", "role": "moderator",
                                "language": "en"}, page=page)  # fmt: skip
    assert taken.status_code == 422
    assert "There is already a staff account for this address." in taken.get_data(as_text=True)
    bad = post(client, page, {"email": "not an address", "role": "moderator",
                              "language": "en"}, page=page)  # fmt: skip
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert 'value="not an address"' in text  # what was typed is kept
    assert "usa-error-message" in text
    no_role = post(client, page, {"email": "x@example.org", "role": "", "language": "en"},
                   page=page)  # fmt: skip
    assert "Choose a role." in no_role.get_data(as_text=True)


def test_change_role_is_recorded_with_before_and_after(app: Flask) -> None:
    client = admin_client(app)
    with app.app_context():
        target = create_user(db.session, "mod@example.org", PASSWORD, Role.MODERATOR)
        db.session.commit()
        target_id = target.id
    response = post(
        client, f"/en/staff/admin/users/{target_id}/role", {f"u{target_id}-role": "secretariat"}
    )
    assert response.status_code == 303
    assert _user(app, "mod@example.org").role is Role.SECRETARIAT
    [event] = events(app, "user.role_changed")
    assert '"moderator"' in event.before
    assert '"secretariat"' in event.after
    assert event.actor_id == _user(app, "admin@example.org").id


def test_the_last_active_admin_cannot_be_demoted_or_deactivated(app: Flask) -> None:
    client = admin_client(app, Language.ES)
    me = _user(app, "admin@example.org")
    response = post(client, f"/es/staff/admin/users/{me.id}/role", {f"u{me.id}-role": "moderator"},
                    page="/es/staff/admin/users")  # fmt: skip
    assert response.status_code == 302
    page = client.get("/es/staff/admin/users").get_data(as_text=True)
    refusal = translated(
        app,
        "es",
        "This is the last active administrator. Make someone else an administrator first.",
    )
    assert refusal in page
    assert _user(app, "admin@example.org").role is Role.ADMIN

    # With a second admin, demoting one is fine; then the other is the last one.
    with app.app_context():
        other = create_user(db.session, "otra@example.org", PASSWORD, Role.ADMIN)
        db.session.commit()
        other_id = other.id
    post(client, f"/es/staff/admin/users/{other_id}/deactivate", page="/es/staff/admin/users")
    assert _user(app, "otra@example.org").is_active is False
    post(client, f"/es/staff/admin/users/{me.id}/role", {f"u{me.id}-role": "moderator"},
         page="/es/staff/admin/users")  # fmt: skip
    assert _user(app, "admin@example.org").role is Role.ADMIN


def test_last_admin_guard_in_the_service(app: Flask) -> None:
    from app.admin.services import Refused, change_role, deactivate

    with app.app_context():
        first = create_user(db.session, "a1@example.org", PASSWORD, Role.ADMIN)
        second = create_user(db.session, "a2@example.org", PASSWORD, Role.ADMIN)
        deactivate(db.session, first, second)
        try:
            change_role(db.session, first, first, Role.SECRETARIAT)
        except Refused:
            pass
        else:
            raise AssertionError("the last admin was demoted")
        db.session.rollback()


def test_an_admin_cannot_deactivate_themselves(app: Flask) -> None:
    client = admin_client(app)
    me = _user(app, "admin@example.org")
    post(client, f"/en/staff/admin/users/{me.id}/deactivate")
    assert _user(app, "admin@example.org").is_active is True
    assert "You cannot deactivate your own account." in client.get(
        "/en/staff/admin/users"
    ).get_data(as_text=True)


def test_deactivation_ends_every_session_at_once_even_a_copied_cookie(app: Flask) -> None:
    admin = admin_client(app)
    moderator = signed_in(app, Role.MODERATOR)
    assert moderator.get("/en/staff/queue").status_code == 200
    cookie = moderator.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    copy = app.test_client()
    copy.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    assert copy.get("/en/staff/queue").status_code == 200

    target = _user(app, "moderator@example.org")
    response = post(admin, f"/en/staff/admin/users/{target.id}/deactivate")
    assert response.status_code == 303
    for browser in (moderator, copy):
        refused = browser.get("/en/staff/queue")
        assert refused.status_code == 302
        assert "/staff/login" in refused.headers["Location"]
    replay = app.test_client()
    replay.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    assert "/staff/login" in replay.get("/en/staff/queue").headers["Location"]
    [event] = events(app, "user.deactivated")
    assert event.target_label == "moderator@example.org"

    # Deactivated, the account cannot sign in.
    outsider = app.test_client()
    token = csrf_from(outsider.get("/en/staff/login").get_data(as_text=True))
    refused = outsider.post(
        "/en/staff/login",
        data={"csrf_token": token, "email": "moderator@example.org", "password": PASSWORD},
    )
    assert refused.status_code == 401

    # Reactivated, the account signs in again (its old cookie stays dead).
    post(admin, f"/en/staff/admin/users/{target.id}/reactivate")
    assert _user(app, "moderator@example.org").is_active is True
    assert "/staff/login" in replay.get("/en/staff/queue").headers["Location"]
    fresh = app.test_client()
    token = csrf_from(fresh.get("/en/staff/login").get_data(as_text=True))
    again = fresh.post(
        "/en/staff/login",
        data={"csrf_token": token, "email": "moderator@example.org", "password": PASSWORD},
    )
    assert again.status_code == 302


def test_reset_second_factor_clears_it_and_is_audited(app: Flask) -> None:
    client = admin_client(app)
    with app.app_context():
        user = create_user(db.session, "mod@example.org", PASSWORD, Role.MODERATOR)
        user.totp_secret = "JBSWY3DPEHPK3PXP"
        user.totp_last_step = 12345
        db.session.commit()
        user_id = user.id
    response = post(client, f"/en/staff/admin/users/{user_id}/reset-second-factor")
    assert response.status_code == 303
    after = _user(app, "mod@example.org")
    assert after.totp_secret is None
    assert after.totp_last_step is None
    [event] = events(app, "user.second_factor_reset")
    assert event.target_id == user_id


def test_only_admins_reach_account_pages(app: Flask) -> None:
    for role in (Role.MODERATOR, Role.SECRETARIAT):
        client = signed_in(app, role)
        assert client.get("/en/staff/admin/users").status_code == 403
        assert client.get("/en/staff/admin/consultations").status_code == 403
        assert client.get("/en/staff/admin/taxonomy").status_code == 403
        assert client.get("/en/staff/admin/events").status_code == 403
    assert "/staff/login" in app.test_client().get("/en/staff/admin/users").headers["Location"]


def test_two_acceptances_at_once_create_one_account(app: Flask) -> None:
    """The second tab still holds the invitation as unused; the database says otherwise."""
    from sqlalchemy import update

    from app.admin.services import Refused, accept_invitation, invite

    with app.app_context():
        actor = create_user(db.session, "admin@example.org", PASSWORD, Role.ADMIN)
        invitation, _token = invite(db.session, actor, "dos@example.org", Role.MODERATOR,
                                    Language.EN)  # fmt: skip
        db.session.commit()
        # Another request used it meanwhile; this one's copy still says unused.
        assert invitation.used_at is None  # loaded now, before the other request
        db.session.execute(
            update(Invitation).where(Invitation.id == invitation.id).values(used_at=utcnow()),
            execution_options={"synchronize_session": False},
        )
        assert invitation.used_at is None
        with pytest.raises(Refused):
            accept_invitation(db.session, invitation, NEW_PASSWORD)
        db.session.rollback()
    assert _user(app, "dos@example.org") is None
