"""Who may open what: a declared table, checked against every route in the URL map. A new
staff or API route without a row here fails the suite."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.db import db
from app.enums import Language, Role
from app.staff.services import create_user
from tests.access_rows import all_rows
from tests.access_rows.roles import ALL_STAFF, PUBLIC

# endpoint -> who may use it (admins may use every staff route)
ACCESS = {
    "site.root": PUBLIC,
    "site.healthz": PUBLIC,
    "static": PUBLIC,
    "intake.index": PUBLIC,
    "intake.consultation": PUBLIC,
    "intake.submit": PUBLIC,
    "intake.receipt": PUBLIC,
    "intake.status": PUBLIC,
    "intake.withdraw_submission": PUBLIC,
    "staff.sign_in": PUBLIC,
    "staff.sign_out": ALL_STAFF,
    "staff.home": ALL_STAFF,
    "staff.set_language": ALL_STAFF,
    "staff.change_password_view": ALL_STAFF,
    "moderation.queue": {Role.MODERATOR},
    "moderation.submission": {Role.MODERATOR},
    "moderation.decide": {Role.MODERATOR},
    "moderation.bulk_decide": {Role.MODERATOR},
    "moderation.redact_submission": {Role.MODERATOR},
    "moderation.retag_submission": {Role.MODERATOR},
    "moderation.note_submission": {Role.MODERATOR},
    "moderation.attachment": {Role.MODERATOR, Role.SECRETARIAT},
}
ACCESS.update(all_rows())  # the later areas declare theirs in tests/access_rows/

PASSWORD = "a long enough password for tests"


def test_every_route_has_a_row(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - ACCESS.keys() == set(), "declare who may use the new route in ACCESS"
    assert ACCESS.keys() - endpoints == set(), "ACCESS names a route that no longer exists"


def _staff_rules(app: Flask):
    for rule in app.url_map.iter_rules():
        if ACCESS.get(rule.endpoint) != PUBLIC:
            values = {arg: "1" for arg in rule.arguments}
            values["lang"] = "en"
            yield rule, rule.build(values, append_unknown=False)[1]


def _client_as(app: Flask, role: Role) -> FlaskClient:
    email = f"{role.value}@example.org"
    with app.app_context():
        create_user(db.session, email, PASSWORD, role, Language.EN)
        db.session.commit()
    client = app.test_client()
    page = client.get("/en/staff/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(
        "/en/staff/login", data={"csrf_token": token, "email": email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def test_anonymous_visitors_are_sent_to_sign_in(app: Flask, client: FlaskClient) -> None:
    rules = list(_staff_rules(app))
    assert rules
    for rule, url in rules:
        method = "GET" if "GET" in rule.methods else "POST"
        app.config["WTF_CSRF_ENABLED"] = method == "GET"
        response = client.open(url, method=method)
        assert response.status_code == 302, rule
        assert "/staff/login" in response.headers["Location"], rule


@pytest.mark.parametrize("role", list(Role))
def test_each_role_reaches_exactly_its_routes(app: Flask, role: Role) -> None:
    client = _client_as(app, role)
    app.config["WTF_CSRF_ENABLED"] = False  # the token is not what is under test here
    for rule, url in _staff_rules(app):
        allowed = role is Role.ADMIN or role in ACCESS[rule.endpoint]
        method = "GET" if "GET" in rule.methods else "POST"
        if rule.endpoint == "staff.sign_out":
            continue  # would end the session the loop is using; covered in staff tests
        response = client.open(url, method=method)
        sent_to_sign_in = "/staff/login" in response.headers.get("Location", "")
        if allowed:
            assert response.status_code not in (401, 403), (rule, role)
            assert not sent_to_sign_in, (rule, role)
        else:
            assert response.status_code == 403, (rule, role)
