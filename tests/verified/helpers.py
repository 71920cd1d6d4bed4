"""Approved comments of each kind the verification mark treats differently: verified by a
listed organisation (named, and anonymous), sent through a stakeholder invitation, and
self-declared."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import utcnow
from app.enums import Consent, Language, SubmissionStatus
from app.intake.models import StakeholderInvitation, Submission
from app.security import token_digest
from app.taxonomy.models import Organization, Sector
from tests import factories

LISTED = {"en": "Government of Sonora", "es": "Gobierno de Sonora"}
INVITED = "Cámara de Comercio de Sonora"
VERIFIED_LABEL = {"en": "Verified: {}", "es": "Organización verificada: {}"}


@dataclass
class Kinds:
    verified_named: Submission
    verified_anonymous: Submission
    invited: Submission
    self_declared: Submission


def four_kinds(session: Session, **common: object) -> Kinds:
    """Four approved comments (flushed); `common` goes to each (a placement helper's own
    arguments are not needed: the tests place them themselves when they must)."""
    sector = session.scalars(select(Sector).order_by(Sector.position)).first()
    org = Organization(name_en=LISTED["en"], name_es=LISTED["es"], sector=sector, country_code="MX")
    approved = {"status": SubmissionStatus.APPROVED, **common}
    verified_named = factories.submission(
        session, title="Verified named", consent=Consent.NAMED, verified_organization=org,
        organization="Gob. Sonora", **approved,
    )  # fmt: skip
    verified_anonymous = factories.submission(
        session, title="Verified anonymous", consent=Consent.ANONYMOUS,
        verified_organization=org, organization="Hidden Org", **approved,
    )  # fmt: skip
    invited = factories.submission(
        session, title="Invited named", consent=Consent.NAMED, organization=INVITED, **approved
    )
    session.add(
        StakeholderInvitation(
            secret_hash=token_digest("invited-secret"),
            consultation=invited.consultation,
            organization=INVITED,
            sector=sector,
            email="direccion@camara.example.org",
            language=Language.ES,
            used_at=utcnow(),
            submission_id=invited.id,
        )
    )
    self_declared = factories.submission(
        session, title="Self-declared", consent=Consent.NAMED, organization="Typed Org",
        **approved,
    )  # fmt: skip
    session.flush()
    for sub in (verified_named, verified_anonymous, invited, self_declared):
        session.refresh(sub)
    return Kinds(verified_named, verified_anonymous, invited, self_declared)
