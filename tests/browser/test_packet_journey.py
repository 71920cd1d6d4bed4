"""The secretariat builds a meeting's packet in a real browser and downloads it.

The meeting and its approved comments are written straight into the served app's database
(the demo meeting of app/packets/demo.py), as is the secretariat account. The `page`
fixture fails the test on any console error, a Content Security Policy violation among them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from app.db import db
from app.enums import Language, Role
from app.packets.demo import seed_demo_meeting
from app.staff.services import create_user

pytestmark = pytest.mark.browser

EMAIL = "secretaria@example.org"
PASSWORD = "una contraseña larga para la secretaría"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def meeting_id(app_factory: Any, server_database_url: str, tmp_path: Path) -> int:
    app = app_factory(
        {
            "SQLALCHEMY_DATABASE_URI": server_database_url,
            "INSTANCE_PATH": str(tmp_path / "seeding"),
            "SECRET_KEY": "test",
        }
    )
    with app.app_context():
        create_user(db.session, EMAIL, PASSWORD, Role.SECRETARIAT, Language.EN)
        meeting = seed_demo_meeting(db.session, comments=12)
        db.session.commit()
        return meeting.id


def _axe_blocking(page: Page, axe_source: str) -> list[str]:
    page.evaluate(axe_source)
    found = page.evaluate(
        """async () => {
            const results = await window.axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help}));
        }"""
    )
    return [f"{v['id']}: {v['help']}" for v in found if v["impact"] in BLOCKING_IMPACTS]


def test_secretariat_builds_and_downloads_a_packet(
    page: Page, live_server: str, meeting_id: int, axe_source: str, tmp_path: Path
) -> None:
    page.goto(f"{live_server}/en/staff/login")
    page.get_by_label("E-mail address *").fill(EMAIL)
    page.get_by_label("Password *").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{live_server}/en/staff/meetings/{meeting_id}/packets")
    expect(page.get_by_role("heading", name="Agenda packets")).to_be_visible()
    assert _axe_blocking(page, axe_source) == []
    page.locator("label[for='format-docx']").click()
    page.locator("label[for='language-es']").click()
    page.locator("label[for='audience-public']").click()
    page.get_by_role("button", name="Build the packet").click()

    ready = page.get_by_text("The packet hled-2026-12-cabinet-packet-es.docx is ready.")
    expect(ready).to_be_visible()
    row = page.locator("tr", has_text="hled-2026-12-cabinet-packet-es.docx")
    with page.expect_download() as info:
        row.get_by_role("link", name="Download").click()
    download = info.value
    assert download.suggested_filename == "hled-2026-12-cabinet-packet-es.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    headings = [p.text for p in Document(saved).paragraphs if p.style.name == "Heading 1"]
    assert "1. Reconstruir juntos" in headings
    assert len(headings) == 2 + 4 + 1  # contents, summary, one per pillar, index
