"""A walk-through of every kind of page, as issue 14's review did it: the data it needs (two
administrators, one reading English and one Spanish, and a demo meeting with approved
comments and a campaign), the steps that make the pages a user reaches (a comment sent
through the public form, a packet built) and the list of pages to visit in each language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.campaigns.models import Campaign
from app.db import db
from app.enums import Language, Role
from app.intake.models import Submission
from app.packets.demo import seed_demo_meeting
from app.staff.services import create_user
from app.taxonomy.models import Consultation

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
    tracking_codes: dict[str, str] = field(default_factory=dict)


def populate(app: Any) -> Walkthrough:
    """The accounts and the meeting, written straight into the served app's database."""
    with app.app_context():
        for lang, email in ADMINS.items():
            create_user(db.session, email, PASSWORD, Role.ADMIN, Language(lang))
        # A seed of its own: the demo's tracking codes follow it, and another test of the
        # session may have built the default demo meeting already.
        meeting = seed_demo_meeting(db.session, comments=12, seed=1414)
        db.session.commit()
        consultation = db.session.scalars(select(Consultation).where(Consultation.slug == SLUG))
        campaign = db.session.scalars(select(Campaign).order_by(Campaign.id.desc())).first()
        submission = db.session.scalars(
            select(Submission).where(Submission.campaign_id.is_(None)).order_by(Submission.id)
        ).first()
        assert campaign is not None
        assert submission is not None
        return Walkthrough(meeting.id, consultation.one().id, campaign.id, submission.id)


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
    page.locator("form.consulta-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/receipt/{TRACKING_CODE.pattern}$"))
    return page.url.rsplit("/", 1)[1]


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
        f"{staff}/admin/users",
        f"{staff}/admin/users/invite",
        f"{staff}/admin/consultations",
        f"{staff}/admin/consultations/new",
        f"{staff}/admin/consultations/{walk.consultation_id}/edit",
        f"{staff}/admin/taxonomy",
        f"{staff}/admin/events",
        f"{staff}/two-factor",
        f"{staff}/password",
    ]
