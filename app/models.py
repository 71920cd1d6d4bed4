"""Every model in one import, so Alembic and the CLI see the whole schema."""

from app.admin.models import AdminEvent, Invitation
from app.agenda.models import (
    AgendaEntry,
    AgendaItem,
    AgendaOutcome,
    Meeting,
    meeting_consultations,
)
from app.campaigns.models import Campaign, CampaignShingle, LshBand, SubmissionFingerprint
from app.intake.models import (
    Attachment,
    Draft,
    DraftAttachment,
    ModerationEvent,
    StakeholderInvitation,
    Submission,
    submission_topics,
)
from app.packets.models import PacketJob
from app.staff.models import SignInAttempt, User
from app.taxonomy.models import (
    Consultation,
    Country,
    Organization,
    OrganizationDomain,
    Pillar,
    Region,
    Sector,
    SectorIntro,
    TaxonomyRevision,
    Topic,
    consultation_pillars,
    consultation_topics,
)
from app.themes.models import (
    Theme,
    ThemeBuild,
    ThemeEvent,
    ThemeMember,
    ThemeOutcome,
    ThemeSpace,
)

__all__ = [
    "AdminEvent",
    "AgendaEntry",
    "AgendaItem",
    "AgendaOutcome",
    "Attachment",
    "Campaign",
    "CampaignShingle",
    "Consultation",
    "Country",
    "Draft",
    "DraftAttachment",
    "Invitation",
    "LshBand",
    "Meeting",
    "ModerationEvent",
    "Organization",
    "OrganizationDomain",
    "PacketJob",
    "Pillar",
    "Region",
    "Sector",
    "SectorIntro",
    "SignInAttempt",
    "StakeholderInvitation",
    "Submission",
    "SubmissionFingerprint",
    "TaxonomyRevision",
    "Theme",
    "ThemeBuild",
    "ThemeEvent",
    "ThemeMember",
    "ThemeOutcome",
    "ThemeSpace",
    "Topic",
    "User",
    "consultation_pillars",
    "consultation_topics",
    "meeting_consultations",
    "submission_topics",
]
