"""The staff header (issue 14, point 17): sign-out on every staff page, and a language button
that says it changes the account's language, then confirms it in the language chosen."""

from __future__ import annotations

import html
import re

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.enums import Language, Role
from app.staff.models import User
from tests.admin.helpers import translated
from tests.staff.helpers import csrf_from, signed_in

pytestmark = pytest.mark.usefixtures("seeded")

STAFF_PAGES = [
    "/en/staff/",
    "/en/staff/queue",
    "/en/staff/campaigns",
    "/en/staff/meetings",
    "/en/staff/exports",
    "/en/staff/admin/users",
    "/en/staff/password",
]


def _header(page: str) -> str:
    """The page's header, its character references read as a browser reads them."""
    found = re.search(r"<header.*?</header>", page, re.S)
    assert found
    return html.unescape(found.group(0))


def test_every_staff_page_has_sign_out_in_its_header(app: Flask) -> None:
    client = signed_in(app, Role.ADMIN)
    for path in STAFF_PAGES:
        header = _header(client.get(path).get_data(as_text=True))
        assert re.search(
            r'<form class="consulta-sign-out" method="post" action="/en/staff/logout">.*?'
            r'name="csrf_token".*?Sign out</button>',
            header,
            re.S,
        ), path
        assert "admin@example.org" in header, path
    # Only once: the back office's home no longer has a second button.
    assert client.get("/en/staff/").get_data(as_text=True).count("/en/staff/logout") == 1


def test_the_header_sign_out_signs_out(app: Flask) -> None:
    client = signed_in(app, Role.MODERATOR)
    page = client.get("/en/staff/queue").get_data(as_text=True)
    response = client.post("/en/staff/logout", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 302
    assert client.get("/en/staff/queue").status_code == 302  # to the sign-in page


def test_public_pages_have_no_sign_out_and_no_account_hint(client) -> None:  # type: ignore[no-untyped-def]
    header = _header(client.get("/en/").get_data(as_text=True))
    assert "Sign out" not in header
    assert "language-hint" not in header


def test_the_staff_language_button_says_it_changes_the_account_and_confirms_it(
    app: Flask,
) -> None:
    client = signed_in(app, Role.MODERATOR)
    page = client.get("/en/staff/queue").get_data(as_text=True)
    header = _header(page)
    assert 'aria-describedby="language-hint"' in header
    assert 'id="language-hint">Changes your account\'s language</span>' in header

    response = client.post(
        "/en/staff/language",
        data={"csrf_token": csrf_from(page), "language": "es", "next": "/en/staff/queue?"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/es/staff/queue")
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == "moderator@example.org")).one()
        assert user.preferred_language is Language.ES
    spanish = client.get(response.headers["Location"]).get_data(as_text=True)
    confirmation = translated(
        app,
        "es",
        "Your account now uses this language. The button at the top of the page changes it back.",
    )
    assert confirmation in spanish
    assert translated(app, "es", "Changes your account's language") in _header(spanish)
