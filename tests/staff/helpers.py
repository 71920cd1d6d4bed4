"""Signing staff in through the real sign-in page."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from app.db import db
from app.enums import Language, Role
from app.staff.services import create_user

PASSWORD = "a long enough password for tests"


def csrf_from(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def signed_in(app: Flask, role: Role, lang: Language = Language.EN, email: str | None = None):
    email = email or f"{role.value}@example.org"
    with app.app_context():
        create_user(db.session, email, PASSWORD, role, lang)
        db.session.commit()
    client: FlaskClient = app.test_client()
    token = csrf_from(client.get("/en/staff/login").get_data(as_text=True))
    response = client.post(
        "/en/staff/login", data={"csrf_token": token, "email": email, "password": PASSWORD}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return client
