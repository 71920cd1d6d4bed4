"""The staff menu offers each area only to those the area lets in, in their language."""

from __future__ import annotations

import re

from flask import Flask

from app.enums import Language, Role
from tests.staff.helpers import signed_in


def _menu(page: str) -> list[str]:
    nav = re.search(r'<nav class="consulta-staff-nav".*?</nav>', page, re.S)
    assert nav, "the staff menu is missing"
    return [label.strip() for label in re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(0))]


def test_moderators_see_the_queue_and_the_secretariat_does_not(app: Flask) -> None:
    moderator = signed_in(app, Role.MODERATOR)
    assert "Moderation queue" in _menu(moderator.get("/en/staff/").get_data(as_text=True))
    secretariat = signed_in(app, Role.SECRETARIAT)
    assert "Moderation queue" not in _menu(secretariat.get("/en/staff/").get_data(as_text=True))


def test_the_menu_follows_the_staff_members_language(app: Flask) -> None:
    client = signed_in(app, Role.MODERATOR, Language.ES)
    menu = _menu(client.get("/es/staff/queue").get_data(as_text=True))
    assert "Cola de moderación" in menu


def test_the_public_pages_have_no_staff_menu(app: Flask) -> None:
    client = signed_in(app, Role.ADMIN)
    assert 'class="consulta-staff-nav"' not in client.get("/en/").get_data(as_text=True)


def test_each_role_page_and_language_gets_its_own_menu(app: Flask) -> None:
    """The menu is worked out once per role, page and language: alternating between them
    never shows one staff member another's links, language or current page."""
    moderator = signed_in(app, Role.MODERATOR)
    secretariat = signed_in(app, Role.SECRETARIAT)
    spanish = signed_in(app, Role.MODERATOR, Language.ES, email="moderadora@example.org")
    for _ in range(2):
        queue = moderator.get("/en/staff/queue").get_data(as_text=True)
        assert "Moderation queue" in _menu(queue)
        assert re.search(r'aria-current="page" href="/en/staff/queue"', queue)
        home = moderator.get("/en/staff/").get_data(as_text=True)
        assert not re.search(r'aria-current="page" href="/en/staff/queue"', home)
        assert "Moderation queue" not in _menu(secretariat.get("/en/staff/").get_data(as_text=True))
        menu = _menu(spanish.get("/es/staff/queue").get_data(as_text=True))
        assert "Cola de moderación" in menu
        assert "Moderation queue" not in menu
