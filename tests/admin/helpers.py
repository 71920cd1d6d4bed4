"""Driving the administration pages as an administrator would."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.admin.models import AdminEvent
from app.db import db
from app.enums import Language, Role
from tests.staff.helpers import csrf_from, signed_in


def admin_client(app: Flask, lang: Language = Language.EN, email: str | None = None):
    return signed_in(app, Role.ADMIN, lang, email=email or "admin@example.org")


def post(client: FlaskClient, url: str, data: dict[str, Any] | None = None, page: str = ""):
    """POST with a CSRF token read from a page, as the browser would send it."""
    token = csrf_from(client.get(page or "/en/staff/admin/users").get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def events(app: Flask, action: str | None = None) -> list[AdminEvent]:
    with app.app_context():
        stmt = select(AdminEvent).order_by(AdminEvent.id)
        if action:
            stmt = stmt.where(AdminEvent.action == action)
        rows = list(db.session.scalars(stmt))
        db.session.expunge_all()
        return rows


def translated(app: Flask, lang: str, msgid: str, **variables: Any) -> str:
    """A message as the catalog gives it in `lang` (the Spanish of new messages is merged
    into the catalog by the lead; until then this is the English text)."""
    from flask_babel import force_locale, gettext

    with app.test_request_context(), force_locale(lang):
        return gettext(msgid, **variables)
