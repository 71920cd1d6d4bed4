"""Driving the administration pages as an administrator would."""

from __future__ import annotations

from html.parser import HTMLParser
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


def invite(admin: FlaskClient, email: str = "new@example.org", language: str = "es") -> Any:
    """Invite a moderator from the administration page, as an administrator would."""
    token = csrf_from(admin.get("/en/staff/admin/users/invite").get_data(as_text=True))
    return admin.post(
        "/en/staff/admin/users/invite",
        data={"csrf_token": token, "email": email, "role": "moderator", "language": language},
    )


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


class _FormReader(HTMLParser):
    """What a browser sends for the page's form posting to `action`, unchanged."""

    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action = action
        self.fields: list[tuple[str, str]] = []
        self.in_form = self.done = False
        self.select: tuple[str, bool] | None = None  # name, multiple
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("action") == self.action and not self.done:
            self.in_form = True
        if not self.in_form or "name" not in a and tag != "option":
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields.append((a["name"], a.get("value", "on")))
        elif tag == "select":
            self.select, self.options = (a["name"], "multiple" in a), []
        elif tag == "option" and self.select:
            self.options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self.textarea, self.text = a["name"], ""

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "select" and self.select:
            name, multiple = self.select
            chosen = [value for value, selected in self.options if selected]
            if not chosen and not multiple and self.options:
                chosen = [self.options[0][0]]
            self.fields += [(name, value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser reads every line break as LF, drops the one that follows <textarea>
            # and sends each as CRLF.
            text = self.text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\n")
            self.fields.append((self.textarea, text.replace("\n", "\r\n")))
            self.textarea = None


def form_as_shown(page: str, action: str) -> dict[str, list[str]]:
    """The page's form that posts to `action`, as a browser would send it untouched."""
    reader = _FormReader(action)
    reader.feed(page)
    data: dict[str, list[str]] = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    return data
