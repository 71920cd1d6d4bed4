"""The moderator's keyboard in a real browser: j/k through the queue, r to reject."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import STAFF_EMAIL, STAFF_PASSWORD

pytestmark = pytest.mark.browser


def _send_comment(page: Page, live_server: str, title: str) -> None:
    page.goto(f"{live_server}/en/c/hled-2026/submit")
    page.get_by_label("Which sector do you represent? *").select_option("academia")
    page.get_by_label("Your name *").fill("Luis Pérez")
    page.get_by_label("State or region *").select_option("US-TX")
    page.locator("label[for='pillar-investing_in_our_people']").click()
    page.get_by_label("Title of your comment *").fill(title)
    comment = page.get_by_label("Your comment *", exact=True)
    comment.fill("Apprenticeships along the border need funding.")
    page.locator("label[for='consent-anonymous']").click()
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_role("heading", name="Thank you: we received your comment")).to_be_visible()


def test_j_k_and_r_drive_the_queue(page: Page, live_server: str) -> None:
    _send_comment(page, live_server, "Keyboard first")
    _send_comment(page, live_server, "Keyboard second")
    page.goto(f"{live_server}/en/staff/login")
    page.get_by_label("E-mail address *").fill(STAFF_EMAIL)
    page.get_by_label("Password *").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server}/en/staff/queue?q=keyboard")
    rows = page.locator("table.consulta-queue tbody tr")
    expect(rows).to_have_count(2)
    page.keyboard.press("j")
    expect(rows.nth(0)).to_have_class(re.compile("consulta-row--current"))
    page.keyboard.press("j")
    expect(rows.nth(1)).to_have_class(re.compile("consulta-row--current"))
    page.keyboard.press("k")
    expect(rows.nth(0)).to_have_class(re.compile("consulta-row--current"))
    page.keyboard.press("r")
    expect(page.get_by_role("heading", name="Keyboard first")).to_be_visible()
    expect(page.locator("#reason")).to_be_focused()
    page.keyboard.press("a")  # typed into the reason list: left alone
    expect(page.locator("#reason")).to_be_focused()
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("a")
    expect(page.locator("#decide-approved")).to_be_focused()
