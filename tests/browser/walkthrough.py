"""A walk-through of every kind of page, as issue 14's review did it: the data it needs (two
administrators, one reading English and one Spanish, and a demo meeting with approved
comments and a campaign), the steps that make the pages a user reaches (a comment sent
through the public form, a packet built) and the list of pages to visit in each language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.campaigns.models import Campaign
from app.db import db
from app.enums import Language, Role, SubmissionStatus
from app.intake.models import Submission
from app.opendata.services import publish
from app.packets.demo import seed_demo_meeting
from app.staff.services import create_user
from app.taxonomy.models import Consultation
from app.themes.models import Theme
from app.themes.services import build
from tests.intake.files import MINIMAL_PDF

SLUG = "hled-2026"
PASSWORD = "una contraseña larga para recorrer todo"
TRACKING_CODE = re.compile(r"HLED-[A-Z0-9]{4}-[A-Z0-9]{4}")
# The Spanish administrator's account reads Spanish: staff pages follow the account.
ADMINS = {"en": "walk-en@example.org", "es": "walk-es@example.org"}


@dataclass
class Walkthrough:
    meeting_id: int
    consultation_id: int
    campaign_id: int
    submission_id: int
    theme_id: int
    # An approved comment of the demo meeting (the workspace shows one at ?comment=<id>); the
    # session's other browser tests may have sent pending ones before it.
    approved_id: int = 0
    tracking_codes: dict[str, str] = field(default_factory=dict)
    drafts: dict[str, str] = field(default_factory=dict)  # the path of a saved draft's link


def populate(app: Any) -> Walkthrough:
    """The accounts and the meeting, written straight into the served app's database; the
    themes of its approved comments and the open data files (`app` must write them where
    the served app reads them: its OPEN_DATA_DIR)."""
    with app.app_context():
        for lang, email in ADMINS.items():
            create_user(db.session, email, PASSWORD, Role.ADMIN, Language(lang))
        # A seed of its own: the demo's tracking codes follow it, and another test of the
        # session may have built the default demo meeting already.
        meeting = seed_demo_meeting(db.session, comments=12, seed=1414)
        db.session.commit()
        consultation = db.session.scalars(
            select(Consultation).where(Consultation.slug == SLUG)
        ).one()
        build(db.session, consultation)
        db.session.commit()
        publish(db.session, consultation)
        theme_id = db.session.scalars(select(Theme.id).order_by(Theme.id)).first()
        campaign = db.session.scalars(select(Campaign).order_by(Campaign.id.desc())).first()
        submission = db.session.scalars(
            select(Submission).where(Submission.campaign_id.is_(None)).order_by(Submission.id)
        ).first()
        approved_id = db.session.scalars(
            select(Submission.id)
            .where(Submission.status == SubmissionStatus.APPROVED)
            .order_by(Submission.id)
        ).first()
        assert campaign is not None
        assert submission is not None
        assert theme_id is not None
        assert approved_id is not None
        return Walkthrough(
            meeting.id, consultation.id, campaign.id, submission.id, theme_id, approved_id
        )


def send_comment(page: Page, lang: str) -> str:
    """Fill the public form by its field names and return the receipt's tracking code."""
    page.goto(f"/{lang}/c/{SLUG}/submit")
    page.locator("select[name=sector]").select_option(index=1)
    page.locator("input[name=submitter_name]").fill("Ana Walker")
    page.locator("input[name=email]").fill("ana.walker@example.org")
    page.locator("select[name=location]").select_option("MX-NLE")
    page.locator("label[for='pillar-building_back_together']").click()
    page.locator("input[name=title]").fill("Border crossings for the supply chain")
    page.locator("textarea[name=body]").fill(
        "Faster inspections at the border would keep semiconductor supply chains in North "
        "America and give investors the certainty they ask for."
    )
    page.locator("label[for='consent-named']").click()
    # The first submit button sends; the second ("Save and finish later") keeps a draft.
    page.locator("form.consulta-form button[type=submit]:not([name=save_draft])").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/receipt/{TRACKING_CODE.pattern}$"))
    return page.url.rsplit("/", 1)[1]


def save_draft(page: Page, lang: str) -> str:
    """Save a half-written comment to finish later, with a file attached (the resumed form then
    lists it with its Remove box); the page is left on the draft-saved page (shown once: the
    link is gone from the session after it) and the link's path returned."""
    page.goto(f"/{lang}/c/{SLUG}/submit")
    page.locator("input[name=title]").fill("A comment to finish tomorrow")
    page.locator("textarea[name=body]").fill("Half of what I mean to say about the border.")
    page.locator("input[name=attachments]").set_input_files(
        files=[{"name": "carta.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}]
    )
    page.locator("button[name=save_draft]").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/c/{SLUG}/draft-saved$"))
    expect(page.locator("#draft-files-kept")).to_be_visible()
    link = page.locator("#draft-link").input_value()
    # The copy button, which only the script shows, puts the link on the clipboard and says so
    # (the browser asked, as a person's browser grants it on a click).
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    copy = page.locator("#draft-link-copy")
    expect(copy).to_be_visible()
    copy.click()
    expect(page.locator("#draft-link-copied")).not_to_be_empty()
    assert page.evaluate("navigator.clipboard.readText()") == link
    path = urlsplit(link).path
    assert re.fullmatch(rf"/{lang}/c/{SLUG}/draft/[A-Za-z0-9_-]{{43}}", path), link
    return path


def sign_in(page: Page, lang: str) -> None:
    page.goto(f"/{lang}/staff/login")
    page.locator("input[name=email]").fill(ADMINS[lang])
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/staff/$"))


def build_packet(page: Page, lang: str, meeting_id: int) -> None:
    """Build the HTML packet in the page's language, so the packets page lists a file."""
    page.goto(f"/{lang}/staff/meetings/{meeting_id}/packets")
    page.locator("label[for='format-html']").click()
    page.locator("form[action$='/build'] button[type=submit]").click()
    expect(page.locator("a[href$='/download']").first).to_be_visible()


def public_pages(lang: str, walk: Walkthrough) -> list[str]:
    code = walk.tracking_codes[lang]
    return [
        f"/{lang}/",
        f"/{lang}/c/{SLUG}/",
        f"/{lang}/c/{SLUG}/submit",
        f"/{lang}/receipt/{code}",
        f"/{lang}/status",
        f"/{lang}/staff/login",
        walk.drafts[lang],
        f"/{lang}/open-data",
        f"/{lang}/c/{SLUG}/report",
    ]


def newer_pages(lang: str, walk: Walkthrough) -> list[str]:
    """The pages added after issue 14's review (the draft-saved page aside: it is shown once,
    on saving), for the checks that the review's pages had from the start."""
    staff = f"/{lang}/staff"
    return [
        walk.drafts[lang],
        f"/{lang}/open-data",
        f"/{lang}/c/{SLUG}/report",
        f"{staff}/themes",
        f"{staff}/themes/{walk.theme_id}",
        f"{staff}/comments",
        f"{staff}/comments?comment={walk.approved_id}",
        f"{staff}/admin/organizations",
        f"{staff}/admin/organizations/new",
    ]


def staff_pages(lang: str, walk: Walkthrough) -> list[str]:
    staff = f"/{lang}/staff"
    return [
        f"{staff}/",
        f"{staff}/queue",
        f"{staff}/queue?status=approved",
        f"{staff}/submissions/{walk.submission_id}",
        f"{staff}/campaigns",
        f"{staff}/campaigns/{walk.campaign_id}",
        f"{staff}/meetings",
        f"{staff}/meetings/new",
        f"{staff}/meetings/{walk.meeting_id}",
        f"{staff}/meetings/{walk.meeting_id}/packets",
        f"{staff}/exports",
        f"{staff}/themes",
        f"{staff}/themes/{walk.theme_id}",
        f"{staff}/comments",
        f"{staff}/comments?language=es&cleared=no",
        f"{staff}/admin/users",
        f"{staff}/admin/users/invite",
        f"{staff}/admin/consultations",
        f"{staff}/admin/consultations/new",
        f"{staff}/admin/consultations/{walk.consultation_id}/edit",
        f"{staff}/admin/organizations",
        f"{staff}/admin/organizations/new",
        f"{staff}/admin/taxonomy",
        f"{staff}/admin/events",
        f"{staff}/two-factor",
        f"{staff}/password",
    ]
