"""The public record in a real browser: the list (with its outcome markers), a permalink and
the report (with its themes) pass axe-core in both languages, and a visitor without
JavaScript filters, searches, pages and opens a campaign's letters (every control is a link
or a GET form).

The comments are written straight into the served app's database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from app.agenda import services as agenda_services
from app.db import db
from app.enums import Language, OutcomeKind, Role
from app.models import Submission
from app.staff.services import create_user
from app.themes.models import Theme, ThemeMember
from tests.packets.helpers import meeting_with_items, place
from tests.public.helpers import campaign, published
from tests.staff.helpers import PASSWORD

pytestmark = pytest.mark.browser
BLOCKING_IMPACTS = {"serious", "critical"}
COUNT = 55  # more than a page


@pytest.fixture
def lead_id(app_factory: Any, server_database_url: str, tmp_path: Path) -> str:
    app = app_factory(
        {
            "SQLALCHEMY_DATABASE_URI": server_database_url,
            "INSTANCE_PATH": str(tmp_path / "seeding"),
            "SECRET_KEY": "test",
        }
    )
    with app.app_context():
        # Once per session: the served database outlives each test.
        seeded = db.session.scalar(
            select(Submission.public_id)
            .where(Submission.title == "Misma carta")
            .order_by(Submission.created_at)
        )
        if seeded is not None:
            return seeded
        for n in range(COUNT):
            published(db.session, 100 + n, title=f"Comentario público {n}", detected_language="es")
        letters = [published(db.session, n, title="Misma carta") for n in range(3)]
        campaign(db.session, letters)
        _agenda_and_theme(db.session)
        db.session.commit()
        return letters[0].public_id


def _agenda_and_theme(session: Any) -> None:
    """An agenda item with an outcome (the list's outcome marker, the report's items) and a
    theme (the report's themes)."""
    agenda = meeting_with_items(session)
    placed = [place(session, agenda, 0, f"agenda{n}", position=n) for n in range(2)]
    actor = create_user(session, "sec@example.org", PASSWORD, Role.SECRETARIAT, Language.ES)
    agenda_services.record_outcome(
        session, actor, agenda.items[0], kind=OutcomeKind.ADOPTED,
        note_en="Adopted for the plan.", note_es="Adoptado para el plan.",
    )  # fmt: skip
    theme = Theme(
        consultation_id=placed[0].consultation_id,
        pillar_id=placed[0].primary_pillar_id,
        label_en="Border wait times",
        label_es="Tiempos de espera en la frontera",
        label_edited=True,  # a person's label: the public report shows it as written
    )
    session.add(theme)
    session.flush()
    session.add_all(ThemeMember(submission_id=sub.id, theme_id=theme.id) for sub in placed)


def _axe_blocking(page: Page, axe_source: str) -> list[str]:
    page.evaluate(axe_source)
    found = page.evaluate(
        """async () => {
            const results = await window.axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help}));
        }"""
    )
    return [f"{v['id']}: {v['help']}" for v in found if v["impact"] in BLOCKING_IMPACTS]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_public_pages_pass_axe(
    page: Page, live_server: str, lead_id: str, axe_source: str, lang: str
) -> None:
    for path in (
        f"/{lang}/c/hled-2026/comments",
        f"/{lang}/c/hled-2026/comments/{lead_id}",
        f"/{lang}/c/hled-2026/comments?campaign={lead_id}",
        f"/{lang}/api",
        f"/{lang}/c/hled-2026/report",
    ):
        page.goto(f"{live_server}{path}")
        assert _axe_blocking(page, axe_source) == [], path
        if path.endswith("/report"):  # the theme was there to be checked
            label = "Border wait times" if lang == "en" else "Tiempos de espera en la frontera"
            expect(page.get_by_role("heading", name=label)).to_be_visible()
        elif path.endswith("/comments"):  # and the outcome marker
            outcome = "Adopted" if lang == "en" else "Adoptado"
            expect(page.get_by_role("link", name=outcome, exact=True).first).to_be_visible()


def test_the_record_works_without_javascript(
    browser: Browser, live_server: str, lead_id: str
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/es/c/hled-2026/")
    page.get_by_role("link", name="Lea los comentarios publicados").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comentarios publicados")
    page.get_by_role("link", name="y otras 2 personas enviaron la misma carta").click()
    expect(page.get_by_role("link", name="Misma carta")).to_have_count(3)
    page.get_by_role("link", name="Todos los comentarios").click()
    page.get_by_role("link", name="Página siguiente").click()
    expect(page.get_by_role("link", name="Comentario público 54")).to_be_visible()
    page.get_by_label("Buscar en títulos y comentarios").fill("comentario publico 7")
    page.get_by_role("button", name="Buscar").click()
    page.get_by_role("link", name="Comentario público 7", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comentario público 7")
    context.close()
