"""Every model in one import, so Alembic and the CLI see the whole schema."""

from app.agenda.models import AgendaEntry, AgendaItem, Meeting, meeting_consultations
from app.intake.models import Attachment, Submission, submission_topics
from app.moderation.models import Campaign, ModerationEvent
from app.staff.models import SignInAttempt, User
from app.taxonomy.models import Consultation, Country, Pillar, Region, Sector, Topic

__all__ = [
    "AgendaEntry",
    "AgendaItem",
    "Attachment",
    "Campaign",
    "Consultation",
    "Country",
    "Meeting",
    "ModerationEvent",
    "Pillar",
    "Region",
    "Sector",
    "SignInAttempt",
    "Submission",
    "Topic",
    "User",
    "meeting_consultations",
    "submission_topics",
]
