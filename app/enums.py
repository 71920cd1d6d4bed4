"""The fixed vocabularies stored in the database, each with a translated label."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.i18n import LabelledEnum, language_name


class SubmissionStatus(LabelledEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    ESCALATED = "escalated"
    WITHDRAWN = "withdrawn"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {
            "pending": _l("Pending"),
            "approved": _l("Approved"),
            "rejected": _l("Rejected"),
            "escalated": _l("Escalated"),
            "withdrawn": _l("Withdrawn"),
        }

    @property
    def public_label(self) -> str:
        """What the submitter is told: no internal vocabulary such as 'escalated'."""
        return str(
            {
                "pending": _l("Received, waiting for review"),
                "escalated": _l("Under review"),
                "approved": _l("Approved"),
                "rejected": _l("Not accepted"),
                "withdrawn": _l("Withdrawn"),
            }[self.value]
        )


class RejectionReason(LabelledEnum):
    SPAM = "spam"
    OFF_TOPIC = "off_topic"
    ABUSIVE = "abusive"
    DUPLICATE = "duplicate"
    INCOMPLETE = "incomplete"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {
            "spam": _l("Spam"),
            "off_topic": _l("Off-topic"),
            "abusive": _l("Abusive"),
            "duplicate": _l("Duplicate"),
            "incomplete": _l("Incomplete"),
        }


class Consent(LabelledEnum):
    NAMED = "named"
    ANONYMOUS = "anonymous"
    NONE = "none"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {
            "named": _l("Publish with my name"),
            "anonymous": _l("Publish anonymously"),
            "none": _l("Do not publish"),
        }


class Language(LabelledEnum):
    EN = "en"
    ES = "es"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {"en": _l("English"), "es": _l("Spanish")}

    @property
    def in_sentence(self) -> str:
        """The name inside a sentence: "form in English" / "formulario en español" (the
        label, "Español", stands alone in lists and options)."""
        return language_name(self.value)


class Role(LabelledEnum):
    MODERATOR = "moderator"
    SECRETARIAT = "secretariat"
    ADMIN = "admin"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {
            "moderator": _l("Moderator"),
            "secretariat": _l("Secretariat"),
            "admin": _l("Administrator"),
        }


class MeetingLevel(LabelledEnum):
    CABINET = "cabinet"
    SUB_CABINET = "sub_cabinet"
    WORKING_GROUP = "working_group"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {
            # Translators: the level of a government meeting (ministers and secretaries).
            "cabinet": _l("Cabinet"),
            "sub_cabinet": _l("Sub-cabinet"),
            "working_group": _l("Working group"),
        }


class Audience(LabelledEnum):
    """Who a packet or an export is for. A public one holds only what may be published
    (app.intake.publication decides: approved, consented, redacted, names only where the
    author agreed) and never an e-mail address; an internal one is for officials and the
    secretariat's own use. Stored by packet jobs (packet_jobs.audience)."""

    PUBLIC = "public"
    INTERNAL = "internal"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {
            "public": _l("Public: consented comments only"),
            "internal": _l("Internal: every approved comment"),
        }


class EventAction(LabelledEnum):
    """What a moderation event records; status changes also carry from → to."""

    SUBMITTED = "submitted"
    STATUS_CHANGED = "status_changed"
    RETAGGED = "retagged"
    REDACTED = "redacted"
    NOTE_ADDED = "note_added"
    CAMPAIGN_JOINED = "campaign_joined"
    CAMPAIGN_LEFT = "campaign_left"
    EMAIL_CONFIRMED = "email_confirmed"
    DISPUTED = "disputed"
    DISPUTE_SETTLED = "dispute_settled"
    INVITATION_USED = "invitation_used"
    ORGANIZATION_VERIFIED = "organization_verified"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {
            "submitted": _l("Submitted"),
            "status_changed": _l("Status changed"),
            "retagged": _l("Re-tagged"),
            "redacted": _l("Public version edited"),
            "note_added": _l("Internal note"),
            "campaign_joined": _l("Joined a campaign"),
            "campaign_left": _l("Taken out of its campaign"),
            "email_confirmed": _l("E-mail address confirmed"),
            "disputed": _l("Reported as not sent by the address's owner"),
            "dispute_settled": _l("Report settled: comment kept"),
            "invitation_used": _l("Sent through a stakeholder invitation"),
            # Translators: the address was confirmed earlier; its domain was listed later.
            "organization_verified": _l("Verified when its domain was listed"),
        }


class OutcomeKind(LabelledEnum):
    """What the dialogue did with an agenda item, as the secretariat records it."""

    ADOPTED = "adopted"
    UNDER_CONSIDERATION = "under_consideration"
    REFERRED = "referred"
    OUT_OF_SCOPE = "out_of_scope"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {
            "adopted": _l("Adopted"),
            "under_consideration": _l("Under consideration"),
            "referred": _l("Referred to a working group"),
            "out_of_scope": _l("Outside the dialogue's scope"),
        }


def enum_type(enum_cls: type[LabelledEnum], name: str) -> sa.Enum:
    """A portable enum column: a VARCHAR with a named CHECK constraint on both engines, so
    adding a value later is an ordinary migration rather than an ALTER TYPE."""
    return sa.Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
    )
